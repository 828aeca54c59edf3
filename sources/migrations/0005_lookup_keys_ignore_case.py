"""Look-up keys unique whatever their case (UNIQUE on upper(key)): sources' dataset keys."""

import sources.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0004_history_event_clock_time'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='source',
            constraint=sources.validators.UniqueIgnoringCase('dataset_key', condition=models.Q(('dataset_key', ''), _negated=True), name='source_dataset_key_unique_ignoring_case', violation_error_message='Another record has this dataset key (keys ignore case).'),
        ),
    ]
