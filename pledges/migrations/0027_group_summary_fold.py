"""The summary by actor, folded at commit: ``pledges_rollup_apply`` now also refolds the
groups a transaction changed into ``PledgeGroupSummary`` (their figures as the summary
serializes them), and the rebuild folds every group.

Folding a group reads all its rollup rows, so the transactions that change one group are
applied one after another: each takes a transaction-level advisory lock per group it
changed (in one order), then upserts its rollup rows and refolds from the committed
state. Lead rollup rows are upserted before any of these locks, and the profile's counts
after them, so every commit takes its locks in the same order.

The SQL is written out here (not imported) so that this migration stays what it was.
"""

import importlib

from django.db import migrations

VALUES = (
    "n, quantity, quantity_n, amount, amount_n, committed, committed_n, delivered, "
    "delivered_n, gap, gap_n, usd, usd_n, eur, eur_n, usd_unconverted, eur_unconverted"
)
GROUP_KEY = "verified, shared, actors, kind, currency, personnel_role"
LOCK_CLASS = 20241203  # pg_advisory_xact_lock(class, hashtext(group)): the fold of a group

# @AUDIENCES@: rows (shared, actors, verified_only) to fold; the figures are those of
# their rollup rows, verified ones only when verified_only. JSON objects list their keys
# in code point order, as the summary's sorted() does.
FOLD = """
WITH audiences AS (@AUDIENCES@),
r AS (
    SELECT a.verified_only, g.shared, g.actors, g.kind, g.currency, g.personnel_role, g.n,
           g.quantity, g.quantity_n, g.amount, g.amount_n, g.committed, g.committed_n,
           g.delivered, g.delivered_n, g.gap, g.gap_n, g.usd, g.usd_unconverted, g.eur,
           g.eur_unconverted
      FROM audiences a
      JOIN pledges_pledgegrouprollup g
        ON g.shared = a.shared AND g.actors = a.actors AND g.n > 0
       AND (g.verified OR NOT a.verified_only)
),
groups AS (
    SELECT verified_only, shared, actors, sum(n)::bigint AS n,
           coalesce(sum(usd), 0)::numeric(40, 2)::text AS usd,
           sum(usd_unconverted)::bigint AS usd_unconverted,
           coalesce(sum(eur), 0)::numeric(40, 2)::text AS eur,
           sum(eur_unconverted)::bigint AS eur_unconverted
      FROM r GROUP BY verified_only, shared, actors
),
kinds AS (
    SELECT verified_only, shared, actors,
           json_object_agg(kind, quantity ORDER BY kind COLLATE "C")
               FILTER (WHERE quantity_n > 0)::text AS quantities,
           json_object_agg(kind, committed ORDER BY kind COLLATE "C")
               FILTER (WHERE committed_n > 0)::text AS committed,
           json_object_agg(kind, delivered ORDER BY kind COLLATE "C")
               FILTER (WHERE delivered_n > 0)::text AS delivered,
           json_object_agg(kind, gap ORDER BY kind COLLATE "C")
               FILTER (WHERE gap_n > 0)::text AS gap
      FROM (SELECT verified_only, shared, actors, kind,
                   sum(quantity) AS quantity, sum(quantity_n) AS quantity_n,
                   sum(committed) AS committed, sum(committed_n) AS committed_n,
                   sum(delivered) AS delivered, sum(delivered_n) AS delivered_n,
                   sum(gap) AS gap, sum(gap_n) AS gap_n
              FROM r GROUP BY verified_only, shared, actors, kind) k
     GROUP BY verified_only, shared, actors
),
currencies AS (
    SELECT verified_only, shared, actors,
           json_object_agg(currency, amount::text ORDER BY currency COLLATE "C")::text
               AS amounts
      FROM (SELECT verified_only, shared, actors, currency, sum(amount) AS amount
              FROM r WHERE amount_n > 0 GROUP BY verified_only, shared, actors, currency) c
     GROUP BY verified_only, shared, actors
),
roles AS (
    SELECT verified_only, shared, actors,
           json_object_agg(personnel_role, quantity ORDER BY personnel_role COLLATE "C")::text
               AS personnel
      FROM (SELECT verified_only, shared, actors, personnel_role, sum(quantity) AS quantity
              FROM r WHERE personnel_role <> '' AND quantity_n > 0
             GROUP BY verified_only, shared, actors, personnel_role) p
     GROUP BY verified_only, shared, actors
)
INSERT INTO pledges_pledgegroupsummary AS s (
    verified_only, shared, actors, n, quantities, amounts, personnel, committed, delivered,
    gap, usd, usd_unconverted, eur, eur_unconverted)
SELECT a.verified_only, a.shared, a.actors, coalesce(g.n, 0),
       coalesce(k.quantities, '{}'), coalesce(c.amounts, '{}'), coalesce(p.personnel, '{}'),
       coalesce(k.committed, '{}'), coalesce(k.delivered, '{}'), coalesce(k.gap, '{}'),
       coalesce(g.usd, '0.00'), coalesce(g.usd_unconverted, 0),
       coalesce(g.eur, '0.00'), coalesce(g.eur_unconverted, 0)
  FROM audiences a
  LEFT JOIN groups g USING (verified_only, shared, actors)
  LEFT JOIN kinds k USING (verified_only, shared, actors)
  LEFT JOIN currencies c USING (verified_only, shared, actors)
  LEFT JOIN roles p USING (verified_only, shared, actors)
 ORDER BY a.verified_only, a.shared, a.actors
ON CONFLICT (verified_only, shared, actors) DO UPDATE SET
    n = excluded.n, quantities = excluded.quantities, amounts = excluded.amounts,
    personnel = excluded.personnel, committed = excluded.committed,
    delivered = excluded.delivered, gap = excluded.gap, usd = excluded.usd,
    usd_unconverted = excluded.usd_unconverted, eur = excluded.eur,
    eur_unconverted = excluded.eur_unconverted;"""

BOTH = "CROSS JOIN (VALUES (true), (false)) v (verified_only)"
TOUCHED = (
    "SELECT DISTINCT t.shared, t.actors, v.verified_only "
    "FROM pledges_pledgegrouprollup_pending t " + BOTH + " WHERE t.xid = txid_current()"
)
EVERY = "SELECT DISTINCT t.shared, t.actors, v.verified_only FROM pledges_pledgegrouprollup t " + BOTH

_sums = ", ".join(f"sum({v}) AS {v}" for v in VALUES.split(", "))
_having = " OR ".join(f"sum({v}) <> 0" for v in VALUES.split(", "))
_updates = ", ".join(f"{v} = r.{v} + excluded.{v}" for v in VALUES.split(", "))


def old() -> object:
    return importlib.import_module("pledges.migrations.0024_rollup_triggers")


def apply_function() -> str:
    lead = old().apply_statement(old().LEAD, old().LEAD_KEY)
    return f"""CREATE OR REPLACE FUNCTION pledges_rollup_apply() RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE k integer;
BEGIN
    {lead}
    FOR k IN SELECT DISTINCT hashtext(shared::text || actors::text)
               FROM pledges_pledgegrouprollup_pending WHERE xid = txid_current() ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock({LOCK_CLASS}, k);
    END LOOP;
    INSERT INTO pledges_pledgegrouprollup AS r ({GROUP_KEY}, {VALUES})
    SELECT {GROUP_KEY}, {_sums}
      FROM pledges_pledgegrouprollup_pending WHERE xid = txid_current()
     GROUP BY {GROUP_KEY} HAVING {_having}
     ORDER BY {GROUP_KEY}
    ON CONFLICT ({GROUP_KEY}) DO UPDATE SET {_updates};
    {FOLD.replace("@AUDIENCES@", TOUCHED)}
    DELETE FROM pledges_pledgegrouprollup_pending WHERE xid = txid_current();
END
$fn$;"""


def rebuild_function() -> str:
    body = old().forward_sql()
    rebuild = next(s for s in body if "FUNCTION pledges_rollup_rebuild" in s)
    head, tail = rebuild.rsplit("$fn$;", 1)
    return (
        head.replace("DELETE FROM pledges_pledgegrouprollup;", "DELETE FROM pledges_pledgegrouprollup;\nDELETE FROM pledges_pledgegroupsummary;")
        + FOLD.replace("@AUDIENCES@", EVERY)
        + "\n$fn$;"
        + tail
    )


def forward_sql() -> list[str]:
    return [apply_function(), rebuild_function(), "SELECT pledges_rollup_rebuild();"]


def reverse_sql() -> list[str]:
    body = old().forward_sql()
    return [
        "DROP FUNCTION pledges_rollup_apply();",
        next(s for s in body if "FUNCTION pledges_rollup_apply" in s),
        next(s for s in body if "FUNCTION pledges_rollup_rebuild" in s),
    ]


class Migration(migrations.Migration):
    dependencies = [("pledges", "0026_group_summary")]

    operations = [migrations.RunSQL(forward_sql(), reverse_sql())]
