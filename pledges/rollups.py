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

from django.conf import settings
from django.db import connection

from pledges.summary import SummaryGroup, _fold

#: The ``group_by`` values the rollups answer.
ROLLUP_GROUPS = ("actor", "kind", "status")

#: Whether this transaction has queued rollup deltas it has not applied (then the
#: rollups do not show its own writes yet). One index probe; none without a write.
_PENDING = (
    "SELECT EXISTS (SELECT 1 FROM rollup_pending_xact WHERE xid = txid_current_if_assigned())"
)

_SUMS = """
    sum(n) AS n, sum(quantity) AS quantity, sum(quantity_n) AS quantity_n,
    sum(amount) AS amount, sum(amount_n) AS amount_n, sum(committed) AS committed,
    sum(committed_n) AS committed_n, sum(delivered) AS delivered,
    sum(delivered_n) AS delivered_n, sum(gap) AS gap, sum(gap_n) AS gap_n,
    sum({target}) AS converted, sum({target}_n) AS converted_n,
    sum({target}_unconverted) AS unconverted"""

# The columns of the live query's answer (pledges.summary._SUMMARY_SQL), from sums.
_ANSWER = """
    t.kind, t.currency, t.personnel_role, t.n,
    CASE WHEN t.quantity_n > 0 THEN t.quantity END,
    CASE WHEN t.amount_n > 0 THEN t.amount::text END,
    CASE WHEN t.committed_n > 0 THEN t.committed END,
    CASE WHEN t.delivered_n > 0 THEN t.delivered END,
    CASE WHEN t.gap_n > 0 THEN t.gap END,
    CASE WHEN t.converted_n > 0 THEN t.converted::text END,
    t.unconverted"""

_BY_ACTOR = f"""
WITH t AS (
    SELECT shared, actors, kind, currency, personnel_role, {_SUMS}
      FROM pledges_pledgegrouprollup
     WHERE n > 0 {{visible}}
     GROUP BY shared, actors, kind, currency, personnel_role
),
joint AS (
    SELECT g.actors, string_agg(a.code, '+' ORDER BY a.code) AS codes,
           string_agg(a.name, ' + ' ORDER BY a.code) || ' (shared)' AS names
      FROM (SELECT DISTINCT actors FROM t WHERE shared) g
     CROSS JOIN LATERAL unnest(g.actors) AS m (id)
      JOIN coalition_actor a ON a.id = m.id
     GROUP BY g.actors
)
SELECT ({_PENDING}), COALESCE(l.code, j.codes), COALESCE(l.name, j.names), {_ANSWER}
  FROM t
  LEFT JOIN coalition_actor l ON NOT t.shared AND l.id = t.actors[1]
  LEFT JOIN joint j ON t.shared AND j.actors = t.actors
 WHERE l.id IS NOT NULL OR j.codes IS NOT NULL
UNION ALL SELECT ({_PENDING}), NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL,
       NULL, 0
 ORDER BY 2 NULLS LAST
"""

_BY_LEAD = f"""
WITH t AS (
    SELECT {{key}} AS summary_key, kind, currency, personnel_role, {_SUMS}
      FROM pledges_pledgerollup
     WHERE n > 0 {{visible}} {{actor}}
     GROUP BY {{key}}, kind, currency, personnel_role
)
SELECT ({_PENDING}), t.summary_key, NULL::text, {_ANSWER}
  FROM t
UNION ALL SELECT ({_PENDING}), NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL,
       NULL, 0
 ORDER BY 2 NULLS LAST
"""


def rollups_enabled() -> bool:
    """Whether answers may come from the rollups (setting ``API_ROLLUPS``)."""
    return settings.API_ROLLUPS


def rollup_summary(
    *,
    group_by: str,
    verified_only: bool,
    currency: str | None = None,
    actor_id: int | None = None,
) -> list[SummaryGroup] | None:
    """The summary of every pledge the reader may see (of one lead actor with
    ``actor_id``; ``kind`` and ``status`` only), grouped by ``group_by``, from the
    rollups; the same groups as ``pledge_summary`` on those pledges. None when this
    transaction has writes the rollups do not show yet."""
    if group_by not in ROLLUP_GROUPS or (actor_id is not None and group_by == "actor"):
        raise ValueError(f"the rollups do not answer group_by={group_by} here")
    target = (currency or "usd").lower()
    if target not in ("usd", "eur"):
        raise ValueError(f"no rollup of conversions to {currency}")
    visible = "AND verified" if verified_only else ""
    params: list = []
    if group_by == "actor":
        sql = _BY_ACTOR.format(visible=visible, target=target)
    else:
        sql = _BY_LEAD.format(
            key=group_by,
            visible=visible,
            actor="AND actor_id = %s" if actor_id is not None else "",
            target=target,
        )
        if actor_id is not None:
            params.append(actor_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if rows[0][0]:
        return None
    # The last row (key null, count 0) only carried the flag above.
    answer = [row[1:] for row in rows if row[6] != 0]
    if currency is None:
        answer = [(*row[:11], None, 0) for row in answer]
    return _fold(answer, group_by, converting=currency is not None)
