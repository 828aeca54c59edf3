"""Every date of a claim or source lies from 1900-01-01 to 2100-12-31 (CHECK constraints
and the field validator)."""

import datetime
import sources.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('coalition', '0008_lookup_keys_ignore_case'),
    ]

    operations = [
        migrations.AlterField(
            model_name='coalition',
            name='ended_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='coalition',
            name='started_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='coalitionchangeevent',
            name='ended_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='coalitionchangeevent',
            name='started_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='ended_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='held_on',
            field=models.DateField(validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='meetingchangeevent',
            name='ended_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='meetingchangeevent',
            name='held_on',
            field=models.DateField(validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='membership',
            name='ended_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='membership',
            name='started_on',
            field=models.DateField(validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='membershipchangeevent',
            name='ended_on',
            field=models.DateField(blank=True, null=True, validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='membershipchangeevent',
            name='started_on',
            field=models.DateField(validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='sizereport',
            name='reported_on',
            field=models.DateField(validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AlterField(
            model_name='sizereportchangeevent',
            name='reported_on',
            field=models.DateField(validators=[sources.validators.validate_plausible_date]),
        ),
        migrations.AddConstraint(
            model_name='coalition',
            constraint=models.CheckConstraint(condition=models.Q(('started_on__isnull', True), ('started_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='coalition_started_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='coalition',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='coalition_ended_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('held_on__isnull', True), ('held_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='meeting_held_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='meeting_ended_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(('started_on__isnull', True), ('started_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='membership_started_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='membership_ended_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
        migrations.AddConstraint(
            model_name='sizereport',
            constraint=models.CheckConstraint(condition=models.Q(('reported_on__isnull', True), ('reported_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), _connector='OR'), name='sizereport_reported_on_plausible', violation_error_message='Give a date from 1900-01-01 to 2100-12-31.'),
        ),
    ]
