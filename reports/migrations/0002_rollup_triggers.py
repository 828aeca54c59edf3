"""Triggers that keep the profile's per-(actor, source) counts current.

A quote counts for the actor of the claim it backs: a pledge's lead, a membership's or an
attendance's actor; as verified when that claim is. Statements on the three citation
tables, and updates of a claim's actor or review status, queue their deltas (statement
triggers, transition tables; the citations' statements lock their claims first, as the
claim's own update does); they are added at commit by ``reports_rollup_apply``, run by
the deferred trigger of ``pledges.0024_rollup_triggers`` after the pledge rollups, rows
in key order. The per-actor totals of sources follow from each row's counts before and
after (a source counts while its count is above zero).

The SQL is written out here (not imported) so that this migration stays what it was.
"""

from django.db import migrations

PENDING = "reports_actorsourcecount_pending"
COUNT, TOTAL = "reports_actorsourcecount", "reports_actorsourcetotal"
# citation table, its claim column, the claim table
CLAIMS = (
    ("pledges_pledgecitation", "pledge_id", "pledges_pledge", "pledge"),
    ("coalition_membershipcitation", "membership_id", "coalition_membership", "membership"),
    ("coalition_attendancecitation", "attendance_id", "coalition_attendance", "attendance"),
)
REFERENCING = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}


def function(name: str, body: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE ids bigint[]; queued bigint;
BEGIN
{body}
    RETURN NULL;
END
$fn$;"""


def trigger(table: str, op: str, name: str) -> str:
    return (
        f"CREATE TRIGGER {name} AFTER {op} ON {table} {REFERENCING[op]} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();"
    )


QUEUE_TAIL = """
    GET DIAGNOSTICS queued = ROW_COUNT;
    IF queued > 0 THEN PERFORM rollup_mark(); END IF;"""


def citation_function(table: str, fk: str, claim: str, name: str, op: str) -> str:
    old = "old_rows" if op != "INSERT" else f"(SELECT * FROM {table} WHERE false)"
    new = "new_rows" if op != "DELETE" else f"(SELECT * FROM {table} WHERE false)"
    body = f"""    SELECT array_agg(DISTINCT claim_id ORDER BY claim_id) INTO ids
      FROM (SELECT {fk} AS claim_id FROM {old} o UNION ALL SELECT {fk} FROM {new} w) x;
    IF ids IS NULL THEN RETURN NULL; END IF;
    PERFORM 1 FROM {claim} WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
    INSERT INTO {PENDING} (xid, actor_id, source_id, verified, total)
    SELECT txid_current(), k.actor_id, c.source_id,
           sum(c.sign * (k.review_status = 'verified')::int), sum(c.sign)
      FROM (SELECT {fk} AS claim_id, source_id, 1 AS sign FROM {new} w
            UNION ALL SELECT {fk}, source_id, -1 FROM {old} o) c
      JOIN {claim} k ON k.id = c.claim_id
     GROUP BY k.actor_id, c.source_id
    HAVING sum(c.sign) <> 0 OR sum(c.sign * (k.review_status = 'verified')::int) <> 0;""" + QUEUE_TAIL
    return function(f"reports_rollup_{op.lower()}_{name}citation", body)


def claim_function(table: str, fk: str, claim: str, name: str) -> str:
    """An update of claims: their quotes move from the old actor and status to the new."""
    body = f"""    INSERT INTO {PENDING} (xid, actor_id, source_id, verified, total)
    SELECT txid_current(), x.actor_id, c.source_id, sum(x.sign * x.verified), sum(x.sign)
      FROM (SELECT w.id, w.actor_id, (w.review_status = 'verified')::int AS verified, 1 AS sign
              FROM new_rows w JOIN old_rows o ON o.id = w.id
             WHERE (w.actor_id, w.review_status) IS DISTINCT FROM (o.actor_id, o.review_status)
            UNION ALL
            SELECT o.id, o.actor_id, (o.review_status = 'verified')::int, -1
              FROM new_rows w JOIN old_rows o ON o.id = w.id
             WHERE (w.actor_id, w.review_status) IS DISTINCT FROM (o.actor_id, o.review_status)
           ) x
      JOIN {table} c ON c.{fk} = x.id
     GROUP BY x.actor_id, c.source_id
    HAVING sum(x.sign) <> 0 OR sum(x.sign * x.verified) <> 0;""" + QUEUE_TAIL
    return function(f"reports_rollup_update_{name}", body)


APPLY = f"""CREATE OR REPLACE FUNCTION reports_rollup_apply() RETURNS void LANGUAGE sql AS $fn$
WITH d AS (
    DELETE FROM {PENDING} WHERE xid = txid_current()
    RETURNING actor_id, source_id, verified, total
),
delta AS (
    SELECT actor_id, source_id, sum(verified) AS verified, sum(total) AS total
      FROM d GROUP BY actor_id, source_id
    HAVING sum(verified) <> 0 OR sum(total) <> 0
),
applied AS (
    INSERT INTO {COUNT} AS r (actor_id, source_id, verified, total)
    SELECT actor_id, source_id, verified, total FROM delta ORDER BY actor_id, source_id
    ON CONFLICT (actor_id, source_id) DO UPDATE
       SET verified = r.verified + excluded.verified, total = r.total + excluded.total
    RETURNING actor_id, source_id, verified, total
),
moved AS (
    SELECT a.actor_id,
           sum((a.verified > 0)::int - (a.verified - d.verified > 0)::int) AS verified_sources,
           sum((a.total > 0)::int - (a.total - d.total > 0)::int) AS sources
      FROM applied a JOIN delta d USING (actor_id, source_id)
     GROUP BY a.actor_id
)
INSERT INTO {TOTAL} AS t (actor_id, verified_sources, sources)
SELECT actor_id, verified_sources, sources FROM moved
 WHERE verified_sources <> 0 OR sources <> 0
 ORDER BY actor_id
ON CONFLICT (actor_id) DO UPDATE
   SET verified_sources = t.verified_sources + excluded.verified_sources,
       sources = t.sources + excluded.sources;
$fn$;"""

REBUILD = f"""CREATE OR REPLACE FUNCTION reports_rollup_rebuild() RETURNS void LANGUAGE sql AS $fn$
LOCK TABLE pledges_pledge, pledges_pledgecitation, coalition_membership,
    coalition_membershipcitation, coalition_attendance, coalition_attendancecitation
    IN SHARE MODE;
DELETE FROM {PENDING} WHERE xid = txid_current();
DELETE FROM {COUNT};
DELETE FROM {TOTAL};
INSERT INTO {COUNT} (actor_id, source_id, verified, total)
SELECT actor_id, source_id, sum(verified), count(*) FROM (
    {" UNION ALL ".join(
        f"SELECT k.actor_id, c.source_id, (k.review_status = 'verified')::int AS verified "
        f"FROM {table} c JOIN {claim} k ON k.id = c.{fk}"
        for table, fk, claim, _ in CLAIMS
    )}
) x GROUP BY actor_id, source_id;
INSERT INTO {TOTAL} (actor_id, verified_sources, sources)
SELECT actor_id, count(*) FILTER (WHERE verified > 0), count(*) FROM {COUNT} GROUP BY actor_id;
$fn$;"""


def forward_sql() -> list[str]:
    parts = [
        f"CREATE TABLE {PENDING} (xid bigint NOT NULL, actor_id bigint NOT NULL, "
        "source_id bigint NOT NULL, verified bigint NOT NULL, total bigint NOT NULL);",
        f"CREATE INDEX {PENDING}_xid ON {PENDING} (xid);",
        APPLY,
        "INSERT INTO rollup_applier (position, function) VALUES (20, 'reports_rollup_apply');",
        REBUILD,
    ]
    for table, fk, claim, name in CLAIMS:
        for op in ("INSERT", "UPDATE", "DELETE"):
            parts.append(citation_function(table, fk, claim, name, op))
            parts.append(trigger(table, op, f"reports_rollup_{op.lower()}_{name}citation"))
        parts.append(claim_function(table, fk, claim, name))
        parts.append(trigger(claim, "UPDATE", f"reports_rollup_update_{name}"))
    parts.append("SELECT reports_rollup_rebuild();")
    return parts


def reverse_sql() -> list[str]:
    parts = []
    for table, _, claim, name in CLAIMS:
        for op in ("insert", "update", "delete"):
            parts.append(f"DROP TRIGGER IF EXISTS reports_rollup_{op}_{name}citation ON {table};")
            parts.append(f"DROP FUNCTION IF EXISTS reports_rollup_{op}_{name}citation();")
        parts.append(f"DROP TRIGGER IF EXISTS reports_rollup_update_{name} ON {claim};")
        parts.append(f"DROP FUNCTION IF EXISTS reports_rollup_update_{name}();")
    parts += [
        "DELETE FROM rollup_applier WHERE function = 'reports_rollup_apply';",
        "DROP FUNCTION IF EXISTS reports_rollup_rebuild();",
        "DROP FUNCTION IF EXISTS reports_rollup_apply();",
        f"DROP TABLE IF EXISTS {PENDING};",
    ]
    return parts


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_actor_sources"),
        ("pledges", "0024_rollup_triggers"),
        ("coalition", "0012_membership_agreement"),
    ]

    operations = [migrations.RunSQL(forward_sql(), reverse_sql())]
