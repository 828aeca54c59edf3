"""Look-up keys unique whatever their case (UNIQUE on upper(key)): pledges' dataset keys."""

import sources.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pledges', '0011_proposal_history'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='pledge',
            constraint=sources.validators.UniqueIgnoringCase('dataset_key', condition=models.Q(('dataset_key', ''), _negated=True), name='pledge_dataset_key_unique_ignoring_case', violation_error_message='Another record has this dataset key (keys ignore case).'),
        ),
    ]
