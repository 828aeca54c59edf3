"""Reading the rollups in tests: their rows, a fresh recompute, and answers with the
rollups on and off."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from reports.rollups import REBUILD_FUNCTIONS

ROLLUP_TABLES = {
    "pledges_pledgerollup": "actor_id, verified, kind, status, currency, personnel_role",
    "pledges_pledgegrouprollup": "verified, shared, actors, kind, currency, personnel_role",
    "pledges_pledgegroupsummary": "verified_only, shared, actors",
    "reports_actorsourcecount": "actor_id, source_id",
    "reports_actorsourcetotal": "actor_id",
}
PENDING_TABLES = (
    "pledges_pledgerollup_pending",
    "pledges_pledgegrouprollup_pending",
    "reports_actorsourcecount_pending",
)
#: A query that reads one of the rollups, and one of the live queries.
ROLLUP_READ = ("pledges_pledgegroupsummary", "pledges_pledgerollup", "reports_actorsourcecount")
LIVE_READ = ("WITH base AS NOT MATERIALIZED", "WITH counted AS")


def apply_pending() -> None:
    """Add this transaction's queued deltas now, as its commit would (tests that never
    commit)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS rollup_apply_at_commit IMMEDIATE")
        cursor.execute("SET CONSTRAINTS rollup_apply_at_commit DEFERRED")


def pending_rows() -> int:
    with connection.cursor() as cursor:
        total = 0
        for table in (*PENDING_TABLES, "rollup_pending_xact"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            total += cursor.fetchone()[0]
        return total


def rollup_state() -> dict[str, list[tuple]]:
    """Every rollup's rows that count something (rows brought back to zero left out),
    keys and values, sorted by key."""
    state = {}
    with connection.cursor() as cursor:
        for table, key in ROLLUP_TABLES.items():
            cursor.execute(f"SELECT * FROM {table} ORDER BY {key}")
            names = [c.name for c in cursor.description]
            rows = []
            for row in cursor.fetchall():
                values = dict(zip(names, row, strict=True))
                values.pop("id", None)
                counted = [v for k, v in values.items() if k not in key.split(", ")]
                if any(v != 0 for v in counted if isinstance(v, int | Decimal)):
                    rows.append(tuple(values.items()))
            state[table] = rows
    return state


def fresh_state() -> dict[str, list[tuple]]:
    """The rollups as a rebuild from scratch makes them (undone afterwards)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for function in REBUILD_FUNCTIONS:
                cursor.execute(f"SELECT {function}()")
        state = rollup_state()
        transaction.set_rollback(True)
    return state


def assert_rollups_fresh() -> None:
    apply_pending()
    assert pending_rows() == 0
    assert rollup_state() == fresh_state()


def get_both(client, url: str, params=None, *, only_rollups: bool = True) -> bytes:
    """The answer to ``url`` with the rollups on (checked to be read; ``only_rollups``:
    and no live aggregate) and off: the same bytes. Returns them."""
    with override_settings(API_ROLLUPS=False):
        off = client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        on = client.get(url, params)
    assert off.status_code == on.status_code == 200, (off.status_code, on.content[:300])
    sql = [q["sql"] for q in queries.captured_queries]
    assert any(table in s for s in sql for table in ROLLUP_READ), "the rollups were not read"
    if only_rollups:
        assert not any(live in s for s in sql for live in LIVE_READ), "a live query answered"
    assert on.content == off.content
    return on.content
