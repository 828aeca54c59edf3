"""A partial covering index for the public summary by actor (pledges/summary.py).

Verified pledges only (what the public counts), ordered by (actor, kind, currency), the
summed quantity and amount included: the summary streams its groups from the index in
order, without reading the table, sorting or hashing (docs/performance.md). Built
CONCURRENTLY: writes go on meanwhile.
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("pledges", "0009_list_indexes"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="pledge",
            index=models.Index(
                condition=models.Q(("review_status", "verified")),
                fields=["actor", "kind", "currency"],
                include=["quantity", "amount"],
                name="pledge_summary_verified",
            ),
        ),
    ]
