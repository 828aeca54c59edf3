"""The pledge summary read from the rollups the database keeps current.

``PledgeRollup`` (by lead actor, kind, status, currency, role) and ``PledgeGroupRollup``
(by the summary's actor groups) are written by the triggers of migration
``0024_rollup_triggers``: each transaction's deltas are queued and added when it commits.
The rows read here are the very rows the live query (``pledges.summary``) folds, so both
give the same groups: ``group_by=actor`` from the group rollup, ``kind`` and ``status``
(optionally of one lead actor, the profile's) from the other. A transaction that has
queued deltas of its own (a write not yet committed) is answered by the live query.
"""

from __future__ import annotations

import orjson
from django.conf import settings
from django.db import connection

from pledges.choices import PledgeKind, PledgeStatus

#: The ``group_by`` values the rollups answer.
ROLLUP_GROUPS = ("actor", "kind", "status")
#: The labels of keys that are codes, as the live summary gives them.
LABELS = {"kind": dict(PledgeKind.choices), "status": dict(PledgeStatus.choices)}

#: Whether this transaction has queued rollup deltas it has not applied (then the
#: rollups do not show its own writes yet). One index probe; none without a write.
PENDING_SQL = (
    "SELECT EXISTS (SELECT 1 FROM rollup_pending_xact WHERE xid = txid_current_if_assigned())"
)

# The summary's groups, folded by the database as pledges.summary._fold folds the live
# query's rows: per group its count, conversions, and figures by kind, currency and role
# (JSON objects in the code point order of their keys, as Python's sorted() gives).
# ``{g}``: the group's columns; ``{source}``: the rollup rows read.
_FOLD = """
r AS ({source}),
groups AS (
    SELECT {g}, sum(n)::bigint AS n,
           coalesce(sum(converted), 0)::numeric(40, 2)::text AS converted,
           sum(unconverted)::bigint AS unconverted
      FROM r GROUP BY {g}
),
kinds AS (
    SELECT {g},
           json_object_agg(kind, quantity ORDER BY kind COLLATE "C")
               FILTER (WHERE quantity_n > 0) AS quantities,
           json_object_agg(kind, committed ORDER BY kind COLLATE "C")
               FILTER (WHERE committed_n > 0) AS committed,
           json_object_agg(kind, delivered ORDER BY kind COLLATE "C")
               FILTER (WHERE delivered_n > 0) AS delivered,
           json_object_agg(kind, gap ORDER BY kind COLLATE "C")
               FILTER (WHERE gap_n > 0) AS gap
      FROM (SELECT {g}, kind, sum(quantity) AS quantity, sum(quantity_n) AS quantity_n,
                   sum(committed) AS committed, sum(committed_n) AS committed_n,
                   sum(delivered) AS delivered, sum(delivered_n) AS delivered_n,
                   sum(gap) AS gap, sum(gap_n) AS gap_n
              FROM r GROUP BY {g}, kind) k
     GROUP BY {g}
),
currencies AS (
    SELECT {g}, json_object_agg(currency, amount::text ORDER BY currency COLLATE "C") AS amounts
      FROM (SELECT {g}, currency, sum(amount) AS amount FROM r WHERE amount_n > 0
             GROUP BY {g}, currency) c
     GROUP BY {g}
),
roles AS (
    SELECT {g},
           json_object_agg(personnel_role, quantity ORDER BY personnel_role COLLATE "C")
               AS personnel
      FROM (SELECT {g}, personnel_role, sum(quantity) AS quantity FROM r
             WHERE personnel_role <> '' AND quantity_n > 0 GROUP BY {g}, personnel_role) p
     GROUP BY {g}
),
folded AS (
    SELECT g.*, k.quantities, c.amounts, p.personnel, k.committed, k.delivered, k.gap
      FROM groups g LEFT JOIN kinds k USING ({g}) LEFT JOIN currencies c USING ({g})
      LEFT JOIN roles p USING ({g})
)"""

_ROWS = """
    SELECT {g}, kind, currency, personnel_role, n, quantity, quantity_n, amount, amount_n,
           committed, committed_n, delivered, delivered_n, gap, gap_n,
           {target} AS converted, {target}_n AS converted_n, {target}_unconverted AS unconverted
      FROM {table} WHERE n > 0 {where}"""

_FIGURES = """f.n, f.quantities, f.amounts, f.personnel, f.committed, f.delivered, f.gap,
       f.converted, f.unconverted"""

# The last row (no key, count 0) only carries the pending flag when there is no group.
_SENTINEL = f"""
UNION ALL SELECT ({PENDING_SQL}), NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0
 ORDER BY 2 NULLS LAST"""

# By actor: the groups as folded at commit (PledgeGroupSummary), with the actors' codes
# and names (a shared group's joined as the live query joins them).
_BY_ACTOR = (
    """
WITH s AS (
    SELECT * FROM pledges_pledgegroupsummary WHERE verified_only = %s AND n > 0
),
joint AS (
    SELECT s.actors, string_agg(a.code, '+' ORDER BY a.code) AS codes,
           string_agg(a.name, ' + ' ORDER BY a.code) || ' (shared)' AS names
      FROM s CROSS JOIN LATERAL unnest(s.actors) AS m (id)
      JOIN coalition_actor a ON a.id = m.id
     WHERE s.shared
     GROUP BY s.actors
)
SELECT ("""
    + PENDING_SQL
    + """), COALESCE(l.code, j.codes), COALESCE(l.name, j.names), s.n, s.quantities,
       s.amounts, s.personnel, s.committed, s.delivered, s.gap, s.{target},
       s.{target}_unconverted
  FROM s
  LEFT JOIN coalition_actor l ON NOT s.shared AND l.id = s.actors[1]
  LEFT JOIN joint j ON s.shared AND j.actors = s.actors
 WHERE l.id IS NOT NULL OR j.codes IS NOT NULL"""
    + _SENTINEL
)

_BY_LEAD = (
    "WITH "
    + _FOLD.format(
        g="summary_key",
        source=_ROWS.format(
            g="{key} AS summary_key",
            table="pledges_pledgerollup",
            where="{where}",
            target="{target}",
        ),
    )
    + "\nSELECT ("
    + PENDING_SQL
    + "), f.summary_key, NULL::text, "
    + _FIGURES
    + "\n  FROM folded f"
    + _SENTINEL
)


def rollups_enabled() -> bool:
    """Whether answers may come from the rollups (setting ``API_ROLLUPS``)."""
    return settings.API_ROLLUPS


def rollup_summary(
    *,
    group_by: str,
    verified_only: bool,
    currency: str | None = None,
    actor_id: int | None = None,
) -> list[dict] | None:
    """The summary of every pledge the reader may see (of one lead actor with
    ``actor_id``; ``kind`` and ``status`` only), grouped by ``group_by``, from the
    rollups: the groups ``pledge_summary`` gives on those pledges, as the dicts its
    serializer makes of them. None when this transaction has writes the rollups do not
    show yet."""
    if group_by not in ROLLUP_GROUPS or (actor_id is not None and group_by == "actor"):
        raise ValueError(f"the rollups do not answer group_by={group_by} here")
    target = (currency or "usd").lower()
    if target not in ("usd", "eur"):
        raise ValueError(f"no rollup of conversions to {currency}")
    where = "AND verified" if verified_only else ""
    params: list = []
    if actor_id is not None:
        where += " AND actor_id = %s"
        params.append(actor_id)
    if group_by == "actor":
        sql = _BY_ACTOR.format(target=target)
        params = [verified_only]
    else:
        sql = _BY_LEAD.format(key=group_by, where=where, target=target)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if rows[0][0]:
        return None
    labels = LABELS.get(group_by)
    converting = currency is not None
    groups = []
    for row in rows:
        key, label, n, quantities, amounts, personnel, committed, delivered, gap = row[1:10]
        if not n:
            continue
        converted, unconverted = row[10:]
        figures = [quantities, amounts, personnel, committed, delivered, gap]
        quantities, amounts, personnel, committed, delivered, gap = (
            orjson.loads(f) if isinstance(f, str) else f for f in figures
        )
        groups.append(
            {
                "key": key,
                "label": labels.get(key) if labels else label,
                "count": n,
                "quantities": quantities or {},
                "amounts": amounts or {},
                "personnel": personnel or {},
                "committed": committed or {},
                "delivered": delivered or {},
                "delivery_gap": gap or {},
                "converted_total": converted if converting else None,
                "unconverted_count": unconverted if converting else None,
            }
        )
    return groups
