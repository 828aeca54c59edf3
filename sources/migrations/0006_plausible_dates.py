"""Every date of a claim or source lies from 1900-01-01 to 2100-12-31 (CHECK constraints
and the field validator)."""

import datetime
import sources.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0005_lookup_keys_ignore_case'),
    ]

    operations = [
        migrations.AlterField(
            model_name='source',
            name='published_on',
            field=models.DateField(blank=True, db_index=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='sourcechangeevent',
            name='published_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.CheckConstraint(condition=models.Q(('published_on__isnull', True), ('published_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='source_published_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
    ]
