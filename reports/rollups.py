"""Rebuilding every rollup from scratch (the pledge summary's and the profile's).

The triggers keep them current for every writer; a load that switches user triggers off
(``bench/generate.py``: COPY with ``DISABLE TRIGGER USER``) or a data-only restore that
skips them must rebuild them afterwards. Each rebuild locks the tables it reads against
writers (SHARE) for as long as it takes: at 1M pledges, seconds.
"""

from __future__ import annotations

from django.db import connection, transaction

#: The SQL functions of migrations pledges.0024 and reports.0002, in their apply order.
REBUILD_FUNCTIONS = ("pledges_rollup_rebuild", "reports_rollup_rebuild")


@transaction.atomic
def rebuild_rollups() -> None:
    """Recompute every rollup from the tables, in one transaction."""
    with connection.cursor() as cursor:
        for function in REBUILD_FUNCTIONS:
            cursor.execute(f"SELECT {function}()")
