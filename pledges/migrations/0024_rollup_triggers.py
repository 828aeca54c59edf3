"""Triggers that keep the pledge rollups current, and the commit-time machinery they use.

Every statement on pledges, pledge parties or conversions computes, for the pledges it
touched, what their contributions to the two rollups were before it and are after it,
and queues the difference (statement-level triggers, transition tables). The queue of a
transaction is added to the rollups when it commits (a deferred constraint trigger), in
one statement per rollup, rows in key order: a writer holds the rollups' hot rows only
while it commits, and every writer locks them in the same order, so writers never
deadlock on them. A statement on parties or conversions first locks its pledges (FOR NO
KEY UPDATE, in id order), as an update of the pledge itself does: changes to one pledge
are applied one after another, each computed from the committed state.

The SQL is written out here (not imported) so that this migration stays what it was.
"""

from django.db import migrations

FIGURES = ("quantity", "amount", "committed", "delivered", "gap", "usd", "eur")
VALUES = ("n", *(c for f in FIGURES for c in (f, f"{f}_n")), "usd_unconverted", "eur_unconverted")
LEAD_KEY = ("actor_id", "verified", "kind", "status", "currency", "personnel_role")
GROUP_KEY = ("verified", "shared", "actors", "kind", "currency", "personnel_role")
CONTRIBUTING = (
    "actor_id",
    "kind",
    "status",
    "currency",
    "personnel_role",
    "quantity_basis",
    "review_status",
    "quantity",
    "amount",
    "committed_quantity",
    "delivered_quantity",
    "delivery_gap",
)
LEAD, GROUP = "pledges_pledgerollup", "pledges_pledgegrouprollup"
PLEDGE, PARTY, CONVERSION = "pledges_pledge", "pledges_pledgeparty", "pledges_pledgeconversion"


def empty(table: str) -> str:
    return f"(SELECT * FROM {table} WHERE false)"


def figures(tag: str, pledges: str, parties: str, conversions: str) -> str:
    """CTEs ending in ``{tag}``: one row per pledge of ``pledges`` with what it counts,
    its parties (``actors``, sorted ids, lead included, null without partners), the
    multiplier of an ``each`` joint pledge (``k``) and its USD and EUR conversions."""
    return f"""
{tag}_partners AS (SELECT pledge_id, actor_id FROM {parties} pp WHERE pp.ordinal > 1),
{tag}_members AS (
    SELECT pledge_id, array_agg(actor_id ORDER BY actor_id) AS actors
      FROM (SELECT p.id AS pledge_id, p.actor_id FROM {pledges} p
             WHERE p.id IN (SELECT pledge_id FROM {tag}_partners)
            UNION SELECT pledge_id, actor_id FROM {tag}_partners) u
     GROUP BY pledge_id
),
{tag}_conv AS (
    SELECT pledge_id, max(amount) FILTER (WHERE target = 'USD') AS usd,
           max(amount) FILTER (WHERE target = 'EUR') AS eur
      FROM {conversions} c GROUP BY pledge_id
),
{tag} AS (
    SELECT p.review_status = 'verified' AS verified, p.actor_id, p.kind, p.status, p.currency,
           p.personnel_role, p.quantity_basis, m.actors, p.quantity::bigint AS quantity,
           p.amount, p.committed_quantity::bigint AS committed,
           p.delivered_quantity::bigint AS delivered, p.delivery_gap::bigint AS gap,
           c.usd, c.eur,
           CASE WHEN p.quantity_basis = 'each' THEN coalesce(cardinality(m.actors), 1) ELSE 1
           END AS k
      FROM {pledges} p
      LEFT JOIN {tag}_members m ON m.pledge_id = p.id
      LEFT JOIN {tag}_conv c ON c.pledge_id = p.id
)"""


def values(sign: int, times: str) -> str:
    """A contribution's value columns, ``sign`` +1 (added) or -1 (taken away)."""
    cols = [f"{sign} AS n"]
    for name in FIGURES:
        expr = f"f.{name}{times}"
        cols += [
            f"{sign} * coalesce({expr}, 0) AS {name}",
            f"{sign} * ({expr} IS NOT NULL)::int AS {name}_n",
        ]
    for target in ("usd", "eur"):
        cols.append(f"{sign} * (f.amount IS NOT NULL AND f.{target} IS NULL)::int AS {target}_unconverted")
    return ", ".join(cols)


def lead_rows(tag: str, sign: int) -> str:
    """Each pledge once, under its lead actor; an ``each`` one times its parties."""
    key = ", ".join(f"f.{c}" for c in LEAD_KEY)
    return f"SELECT {key}, {values(sign, ' * f.k')} FROM {tag} f"


def group_rows(tag: str, sign: int) -> str:
    """By the summary's actor groups: a solo pledge to its actor, an ``each`` one to every
    party, a shared one to the group of its parties."""
    rest = "f.kind, f.currency, f.personnel_role"
    v = values(sign, "")
    return f"""SELECT f.verified, false AS shared, ARRAY[f.actor_id] AS actors, {rest}, {v}
  FROM {tag} f WHERE f.actors IS NULL
UNION ALL
SELECT f.verified, false, ARRAY[a.id], {rest}, {v}
  FROM {tag} f CROSS JOIN LATERAL unnest(f.actors) AS a(id) WHERE f.quantity_basis = 'each'
UNION ALL
SELECT f.verified, true, f.actors, {rest}, {v}
  FROM {tag} f WHERE f.actors IS NOT NULL AND f.quantity_basis <> 'each'"""


def summed(key: tuple[str, ...], rows: str, *, nonzero: bool) -> str:
    cols = ", ".join(key)
    sums = ", ".join(f"sum({v}) AS {v}" for v in VALUES)
    having = " OR ".join(f"sum({v}) <> 0" for v in VALUES)
    return f"SELECT {cols}, {sums} FROM ({rows}) x GROUP BY {cols}" + (
        f" HAVING {having}" if nonzero else ""
    )


def queue(old: tuple[str, str, str], new: tuple[str, str, str]) -> str:
    """The statement that queues the difference between the contributions of ``new``
    (pledges, parties, conversions after) and ``old`` (before)."""
    cols = ", ".join(VALUES)
    return f"""WITH {figures("o", *old)}, {figures("w", *new)},
lead AS ({summed(LEAD_KEY, lead_rows("w", 1) + " UNION ALL " + lead_rows("o", -1), nonzero=True)}),
grp AS ({summed(GROUP_KEY, group_rows("w", 1) + " UNION ALL " + group_rows("o", -1), nonzero=True)}),
queued AS (
    INSERT INTO {LEAD}_pending (xid, {", ".join(LEAD_KEY)}, {cols})
    SELECT txid_current(), {", ".join(LEAD_KEY)}, {cols} FROM lead
)
INSERT INTO {GROUP}_pending (xid, {", ".join(GROUP_KEY)}, {cols})
SELECT txid_current(), {", ".join(GROUP_KEY)}, {cols} FROM grp"""


def function(name: str, body: str, declare: str = "") -> str:
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
{declare}BEGIN
{body}
    RETURN NULL;
END
$fn$;"""


def trigger(table: str, op: str, name: str) -> str:
    referencing = {
        "INSERT": "REFERENCING NEW TABLE AS new_rows",
        "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "REFERENCING OLD TABLE AS old_rows",
    }[op]
    return (
        f"CREATE TRIGGER {name} AFTER {op} ON {table} {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();"
    )


def pledge_function(op: str) -> str:
    def current(table: str) -> str:
        return f"(SELECT * FROM {table} WHERE pledge_id = ANY(ids))"

    old = "old_rows" if op != "INSERT" else empty(PLEDGE)
    new = "new_rows" if op != "DELETE" else empty(PLEDGE)
    if op == "UPDATE":  # only the pledges whose contributing columns changed
        pick = f"""    SELECT array_agg(w.id) INTO ids FROM new_rows w JOIN old_rows o ON o.id = w.id
     WHERE (({", ".join(f"w.{c}" for c in CONTRIBUTING)}))
           IS DISTINCT FROM (({", ".join(f"o.{c}" for c in CONTRIBUTING)}));
"""
        old = "(SELECT * FROM old_rows WHERE id = ANY(ids))"
        new = "(SELECT * FROM new_rows WHERE id = ANY(ids))"
    else:
        rows = "new_rows" if op == "INSERT" else "old_rows"
        pick = f"    SELECT array_agg(id) INTO ids FROM {rows};\n"
    body = (
        pick
        + "    IF ids IS NULL THEN RETURN NULL; END IF;\n    "
        + queue((old, current(PARTY), current(CONVERSION)), (new, current(PARTY), current(CONVERSION)))
        + ";\n    PERFORM rollup_mark();"
    )
    return function(f"pledges_rollup_{op.lower()}_pledge", body, "DECLARE ids bigint[];\n")


def child_function(table: str, short: str, op: str, relevant: str) -> str:
    """Parties or conversions: the old state is the current one with the statement's
    rows put back as they were."""
    old_rows = "old_rows" if op != "INSERT" else empty(table)
    new_rows = "new_rows" if op != "DELETE" else empty(table)
    pick = (
        f"    SELECT array_agg(DISTINCT pledge_id ORDER BY pledge_id) INTO ids FROM ("
        f"SELECT pledge_id FROM {old_rows} r WHERE {relevant} "
        f"UNION ALL SELECT pledge_id FROM {new_rows} r WHERE {relevant}) x;\n"
    )
    lock = "    PERFORM 1 FROM pledges_pledge WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;\n"
    pledges = "(SELECT * FROM pledges_pledge WHERE id = ANY(ids))"
    now = f"(SELECT * FROM {table} WHERE pledge_id = ANY(ids))"
    before = (
        f"(SELECT * FROM {table} WHERE pledge_id = ANY(ids) "
        f"AND id NOT IN (SELECT id FROM {new_rows} nr) UNION ALL SELECT * FROM {old_rows} orr)"
    )
    other = PARTY if table == CONVERSION else CONVERSION
    other_now = f"(SELECT * FROM {other} WHERE pledge_id = ANY(ids))"
    if table == PARTY:
        old, new = (pledges, before, other_now), (pledges, now, other_now)
    else:
        old, new = (pledges, other_now, before), (pledges, other_now, now)
    body = (
        pick
        + "    IF ids IS NULL THEN RETURN NULL; END IF;\n"
        + lock
        + "    "
        + queue(old, new)
        + ";\n    PERFORM rollup_mark();"
    )
    return function(f"pledges_rollup_{op.lower()}_{short}", body, "DECLARE ids bigint[];\n")


def pending_table(table: str, key_ddl: str) -> str:
    value_ddl = ", ".join(
        f"{v} numeric NOT NULL" if v in ("amount", "usd", "eur") else f"{v} bigint NOT NULL"
        for v in VALUES
    )
    return [
        f"CREATE TABLE {table}_pending (xid bigint NOT NULL, {key_ddl}, {value_ddl});",
        f"CREATE INDEX {table}_pending_xid ON {table}_pending (xid);",
    ]


def apply_statement(table: str, key: tuple[str, ...]) -> str:
    cols = ", ".join(key)
    updates = ", ".join(f"{v} = r.{v} + excluded.{v}" for v in VALUES)
    return f"""WITH d AS (DELETE FROM {table}_pending WHERE xid = txid_current() RETURNING *)
INSERT INTO {table} AS r ({cols}, {", ".join(VALUES)})
{summed(key, "SELECT * FROM d", nonzero=True)} ORDER BY {cols}
ON CONFLICT ({cols}) DO UPDATE SET {updates};"""


def rebuild_statement(table: str, key: tuple[str, ...], rows: str) -> str:
    return f"""INSERT INTO {table} ({", ".join(key)}, {", ".join(VALUES)})
WITH {figures("w", PLEDGE, PARTY, CONVERSION)}
{summed(key, rows, nonzero=False)};"""


MACHINERY = [
    # A transaction with queued rollup deltas has a row here; inserting it schedules the
    # deferred trigger that applies the queues at commit (once per transaction).
    "CREATE TABLE rollup_pending_xact (xid bigint PRIMARY KEY);",
    # What to run at commit, in this order (each app that keeps rollups adds its function).
    "CREATE TABLE rollup_applier (position smallint PRIMARY KEY, function text NOT NULL UNIQUE);",
    """
CREATE OR REPLACE FUNCTION rollup_mark() RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO rollup_pending_xact (xid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
$fn$;""",
    """CREATE OR REPLACE FUNCTION rollup_apply_pending() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE f text;
BEGIN
    DELETE FROM rollup_pending_xact WHERE xid = NEW.xid;
    FOR f IN SELECT function FROM rollup_applier ORDER BY position LOOP
        EXECUTE format('SELECT %I()', f);
    END LOOP;
    RETURN NULL;
END
$fn$;""",
    """CREATE CONSTRAINT TRIGGER rollup_apply_at_commit AFTER INSERT ON rollup_pending_xact
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_apply_pending();""",
]


def forward_sql() -> list[str]:
    parts = list(MACHINERY)
    parts.extend(
        pending_table(
            LEAD,
            "actor_id bigint NOT NULL, verified boolean NOT NULL, kind varchar(12) NOT NULL, "
            "status varchar(10) NOT NULL, currency varchar(3) NOT NULL, "
            "personnel_role varchar(16) NOT NULL",
        )
    )
    parts.extend(
        pending_table(
            GROUP,
            "verified boolean NOT NULL, shared boolean NOT NULL, actors bigint[] NOT NULL, "
            "kind varchar(12) NOT NULL, currency varchar(3) NOT NULL, "
            "personnel_role varchar(16) NOT NULL",
        )
    )
    parts.append(
        "CREATE OR REPLACE FUNCTION pledges_rollup_apply() RETURNS void LANGUAGE sql AS $fn$\n"
        + apply_statement(LEAD, LEAD_KEY)
        + "\n"
        + apply_statement(GROUP, GROUP_KEY)
        + "\n$fn$;"
    )
    parts.append("INSERT INTO rollup_applier (position, function) VALUES (10, 'pledges_rollup_apply');")
    parts.append(
        "-- The rollups from scratch (after a load with the triggers off, and once here).\n"
        "CREATE OR REPLACE FUNCTION pledges_rollup_rebuild() RETURNS void LANGUAGE sql AS $fn$\n"
        f"LOCK TABLE {PLEDGE}, {PARTY}, {CONVERSION} IN SHARE MODE;\n"
        f"DELETE FROM {LEAD}_pending WHERE xid = txid_current();\n"
        f"DELETE FROM {GROUP}_pending WHERE xid = txid_current();\n"
        f"DELETE FROM {LEAD};\nDELETE FROM {GROUP};\n"
        + rebuild_statement(LEAD, LEAD_KEY, lead_rows("w", 1))
        + "\n"
        + rebuild_statement(GROUP, GROUP_KEY, group_rows("w", 1))
        + "\n$fn$;"
    )
    for op in ("INSERT", "UPDATE", "DELETE"):
        parts.append(pledge_function(op))
        parts.append(trigger(PLEDGE, op, f"pledges_rollup_{op.lower()}_pledge"))
        parts.append(child_function(PARTY, "party", op, "r.ordinal > 1"))
        parts.append(trigger(PARTY, op, f"pledges_rollup_{op.lower()}_party"))
        parts.append(child_function(CONVERSION, "conversion", op, "true"))
        parts.append(trigger(CONVERSION, op, f"pledges_rollup_{op.lower()}_conversion"))
    parts.append("SELECT pledges_rollup_rebuild();")
    return parts


def reverse_sql() -> list[str]:
    parts = []
    for op in ("insert", "update", "delete"):
        for table, short in ((PLEDGE, "pledge"), (PARTY, "party"), (CONVERSION, "conversion")):
            parts.append(f"DROP TRIGGER IF EXISTS pledges_rollup_{op}_{short} ON {table};")
            parts.append(f"DROP FUNCTION IF EXISTS pledges_rollup_{op}_{short}();")
    parts += [
        "DROP FUNCTION IF EXISTS pledges_rollup_rebuild();",
        "DROP FUNCTION IF EXISTS pledges_rollup_apply();",
        f"DROP TABLE IF EXISTS {LEAD}_pending, {GROUP}_pending;",
        "DROP TRIGGER IF EXISTS rollup_apply_at_commit ON rollup_pending_xact;",
        "DROP FUNCTION IF EXISTS rollup_apply_pending();",
        "DROP FUNCTION IF EXISTS rollup_mark();",
        "DROP TABLE IF EXISTS rollup_pending_xact, rollup_applier;",
    ]
    return parts


class Migration(migrations.Migration):
    dependencies = [("pledges", "0023_rollups")]

    operations = [migrations.RunSQL(forward_sql(), reverse_sql())]
