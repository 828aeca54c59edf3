"""Indexes for the pledge list's filters, newest first; the duplicated ones dropped.

- (actor, -id), (recipient, -id), (host, -id): one actor's (recipient's, host's) newest
  pledges read in index order, however few it has; each replaces the single-column
  index of its foreign key, which it also serves.
- The single-column indexes of ``pledge.coalition`` (duplicated by pledge_coalition_id),
  ``pledgecitation.pledge`` (by pledgecitation_pledge_id) and ``pledgestage.pledge``
  (by pledgestage_once_per_status) are dropped: the planner never needed them, and
  every write maintained them.

The new indexes are built CONCURRENTLY (writes go on meanwhile), before the old ones
are dropped, so a filter never lacks an index while this runs.
"""

import django.db.models.deletion
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("coalition", "0007_history_event_clock_time"),
        ("pledges", "0008_pledge_proposals"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="pledge",
            index=models.Index(fields=["actor", "-id"], name="pledge_actor_id"),
        ),
        AddIndexConcurrently(
            model_name="pledge",
            index=models.Index(fields=["recipient", "-id"], name="pledge_recipient_id"),
        ),
        AddIndexConcurrently(
            model_name="pledge",
            index=models.Index(fields=["host", "-id"], name="pledge_host_id"),
        ),
        migrations.AlterField(
            model_name="pledge",
            name="actor",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pledges",
                to="coalition.actor",
            ),
        ),
        migrations.AlterField(
            model_name="pledge",
            name="coalition",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pledges",
                to="coalition.coalition",
            ),
        ),
        migrations.AlterField(
            model_name="pledge",
            name="host",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                help_text="Where the pledge is based or delivered (the country of an air base).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pledges_hosted",
                to="coalition.actor",
            ),
        ),
        migrations.AlterField(
            model_name="pledge",
            name="recipient",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pledges_received",
                to="coalition.actor",
            ),
        ),
        migrations.AlterField(
            model_name="pledgecitation",
            name="pledge",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="citations",
                to="pledges.pledge",
            ),
        ),
        migrations.AlterField(
            model_name="pledgestage",
            name="pledge",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="stages",
                to="pledges.pledge",
            ),
        ),
    ]
