"""Every date of a claim or source lies from 1900-01-01 to 2100-12-31 (CHECK constraints
and the field validator)."""

import datetime
import sources.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pledges', '0013_currency_iso4217'),
    ]

    operations = [
        migrations.AlterField(
            model_name='pledge',
            name='announced_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='pledge',
            name='ends_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='pledge',
            name='starts_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='pledgechangeevent',
            name='announced_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='pledgechangeevent',
            name='ends_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='pledgechangeevent',
            name='starts_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='pledgestage',
            name='occurred_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='pledgestagechangeevent',
            name='occurred_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AddConstraint(
            model_name='pledge',
            constraint=models.CheckConstraint(condition=models.Q(('announced_on__isnull', True), ('announced_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='pledge_announced_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='pledge',
            constraint=models.CheckConstraint(condition=models.Q(('starts_on__isnull', True), ('starts_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='pledge_starts_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='pledge',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='pledge_ends_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='pledgestage',
            constraint=models.CheckConstraint(condition=models.Q(('occurred_on__isnull', True), ('occurred_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='pledgestage_occurred_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
    ]
