"""Look-up keys unique whatever their case (UNIQUE on upper(key)): actor codes, coalition slugs, dataset keys."""

import sources.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('coalition', '0007_history_event_clock_time'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='actor',
            constraint=sources.validators.UniqueIgnoringCase('code', name='actor_code_unique_ignoring_case', violation_error_message='An actor with this code already exists (codes ignore case).'),
        ),
        migrations.AddConstraint(
            model_name='coalition',
            constraint=sources.validators.UniqueIgnoringCase('slug', name='coalition_slug_unique_ignoring_case', violation_error_message='A coalition with this slug already exists (slugs ignore case).'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=sources.validators.UniqueIgnoringCase('dataset_key', condition=models.Q(('dataset_key', ''), _negated=True), name='meeting_dataset_key_unique_ignoring_case', violation_error_message='Another record has this dataset key (keys ignore case).'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=sources.validators.UniqueIgnoringCase('dataset_key', condition=models.Q(('dataset_key', ''), _negated=True), name='membership_dataset_key_unique_ignoring_case', violation_error_message='Another record has this dataset key (keys ignore case).'),
        ),
        migrations.AddConstraint(
            model_name='sizereport',
            constraint=sources.validators.UniqueIgnoringCase('dataset_key', condition=models.Q(('dataset_key', ''), _negated=True), name='sizereport_dataset_key_unique_ignoring_case', violation_error_message='Another record has this dataset key (keys ignore case).'),
        ),
    ]
