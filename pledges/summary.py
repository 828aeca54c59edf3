"""Pledge totals by actor, kind, status, coalition or month, in one SQL query.

Counts, the total quantity of each kind (``{"troops": 600, "aircraft": 14}``; the lower
bound of a range) and the total amount in each currency (``{"USD": "500000000.00",
"GBP": "100000000.00"}``: different currencies are never added together, and amounts
keep every digit as strings). The rows summed are any pledge queryset (the list's
filters applied) or the event rows of ``config.history.known_at`` (the same columns),
so a figure published earlier can be reproduced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import CharField, F, Func, QuerySet, Value

from pledges.choices import PledgeKind, PledgeStatus

GROUP_BY = ("actor", "kind", "status", "coalition", "month")


def _group_columns(queryset: QuerySet, group_by: str) -> tuple[Any, Any]:
    """The SQL expressions of a group's key and label."""
    if group_by == "actor":
        return F("actor__code"), F("actor__name")
    if group_by == "coalition":
        return F("coalition__slug"), F("coalition__name")
    if group_by == "kind":
        return F("kind"), Value(None, CharField())
    if group_by == "status":
        # With as_of, the status each pledge had that day.
        status = "status_as_of" if "status_as_of" in queryset.query.annotations else "status"
        return F(status), Value(None, CharField())
    if group_by == "month":
        month = Func(
            F("announced_on"), Value("YYYY-MM"), function="to_char", output_field=CharField()
        )
        return month, Value(None, CharField())
    raise ValueError(f"group_by must be one of {', '.join(GROUP_BY)}")


_SUMMARY_SQL = """
WITH base AS ({base}),
by_kind AS (
    SELECT summary_key, summary_label, kind, count(*) AS n, sum(quantity) AS quantity
      FROM base GROUP BY summary_key, summary_label, kind
),
by_currency AS (
    SELECT summary_key, currency, sum(amount) AS amount
      FROM base WHERE amount IS NOT NULL GROUP BY summary_key, currency
)
SELECT k.summary_key, k.summary_label, k.n, k.quantities, COALESCE(c.amounts, '{{}}'::jsonb)
  FROM (SELECT summary_key, max(summary_label) AS summary_label, sum(n)::bigint AS n,
               COALESCE(jsonb_object_agg(kind, quantity) FILTER (WHERE quantity IS NOT NULL),
                        '{{}}'::jsonb) AS quantities
          FROM by_kind GROUP BY summary_key) k
  LEFT JOIN (SELECT summary_key, jsonb_object_agg(currency, amount::text) AS amounts
               FROM by_currency GROUP BY summary_key) c
    ON c.summary_key IS NOT DISTINCT FROM k.summary_key
 ORDER BY k.summary_key NULLS LAST
"""


@dataclass(frozen=True)
class SummaryGroup:
    key: str | None
    label: str | None
    count: int
    quantities: dict[str, int]
    amounts: dict[str, str]


def pledge_summary(queryset: QuerySet, *, group_by: str) -> list[SummaryGroup]:
    """Totals of the pledges in ``queryset`` for each group, ordered by key (null last).
    One query, whatever the number of pledges or groups."""
    key, label = _group_columns(queryset, group_by)
    base = (
        queryset.order_by()
        .annotate(summary_key=key, summary_label=label)
        .values("summary_key", "summary_label", "kind", "quantity", "currency", "amount")
    )
    sql, params = base.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(_SUMMARY_SQL.format(base=sql), params)
        rows = cursor.fetchall()
    labels = {"kind": dict(PledgeKind.choices), "status": dict(PledgeStatus.choices)}.get(group_by)
    groups = []
    for key_value, label_value, count, quantities, amounts in rows:
        quantities = json.loads(quantities) if isinstance(quantities, str) else quantities
        amounts = json.loads(amounts) if isinstance(amounts, str) else amounts
        groups.append(
            SummaryGroup(
                key=key_value,
                label=labels.get(key_value) if labels else label_value,
                count=count,
                quantities=dict(sorted(quantities.items())),
                amounts=dict(sorted(amounts.items())),
            )
        )
    return groups
