"""Pledge totals by actor, kind, status, coalition or month, in one SQL query.

Counts, the total quantity of each kind (``{"troops": 600, "aircraft": 14}``; the lower
bound of a range) and the total amount in each currency (``{"USD": "500000000.00",
"GBP": "100000000.00"}``: different currencies are never added together, and amounts
keep every digit as strings). The rows summed are any pledge queryset (the list's
filters applied) or the event rows of ``history.readers.known_at`` (the same columns),
so a figure published earlier can be reproduced.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models import (
    CharField,
    Count,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)

from pledges.choices import PledgeKind, PledgeStatus

GROUP_BY = ("actor", "kind", "status", "coalition", "month")


def _group_key(queryset: QuerySet, group_by: str) -> tuple[Any, models.ForeignKey | None]:
    """The SQL expression of a group's key and, when the key is a foreign key (actor,
    coalition), that field: the code and name are joined after counting, on the groups
    (a few hundred rows), not on every pledge."""
    if group_by in ("actor", "coalition"):
        return F(f"{group_by}_id"), queryset.model._meta.get_field(group_by)
    if group_by == "kind":
        return F("kind"), None
    if group_by == "status":
        # With as_of, the status each pledge had that day.
        status = "status_as_of" if "status_as_of" in queryset.query.annotations else "status"
        return F(status), None
    if group_by == "month":
        month = Func(
            F("announced_on"), Value("YYYY-MM"), function="to_char", output_field=CharField()
        )
        return month, None
    raise ValueError(f"group_by must be one of {', '.join(GROUP_BY)}")


# The key and label of a group whose key is a foreign key: the related row's code (actor)
# or slug (coalition), and its name.
_LABELS = {"actor": ("code", "name"), "coalition": ("slug", "name")}

# One pass over the pledges counts them by (group, kind, currency): with the group's
# foreign key first, PostgreSQL streams that from the index pledge_summary_verified in
# its order, without sorting or hashing 900,000 rows (docs/performance.md). The few
# thousand rows it makes are then folded into each group's count, quantities by kind and
# amounts by currency, and the group's code and name joined.
_SUMMARY_SQL = """
WITH t AS (
    SELECT summary_key, kind, currency, count(*) AS n, sum(quantity) AS quantity,
           sum(amount) AS amount
      FROM ({base}) base
     GROUP BY summary_key, kind, currency
)
SELECT {key}, {label}, n.n, COALESCE(q.quantities, '{{}}'::jsonb),
       COALESCE(a.amounts, '{{}}'::jsonb)
  FROM (SELECT summary_key, sum(n)::bigint AS n FROM t GROUP BY summary_key) n
  LEFT JOIN (SELECT summary_key, jsonb_object_agg(kind, quantity) AS quantities
               FROM (SELECT summary_key, kind, sum(quantity) AS quantity
                       FROM t GROUP BY summary_key, kind) k
              WHERE quantity IS NOT NULL GROUP BY summary_key) q
    ON q.summary_key IS NOT DISTINCT FROM n.summary_key
  LEFT JOIN (SELECT summary_key, jsonb_object_agg(currency, amount::text) AS amounts
               FROM (SELECT summary_key, currency, sum(amount) AS amount
                       FROM t WHERE amount IS NOT NULL GROUP BY summary_key, currency) c
              GROUP BY summary_key) a
    ON a.summary_key IS NOT DISTINCT FROM n.summary_key
  {join}
 ORDER BY {key} NULLS LAST
"""


@dataclass(frozen=True)
class SummaryGroup:
    key: str | None
    label: str | None
    count: int
    quantities: dict[str, int]
    amounts: dict[str, str]
    # Money: with a target currency, the converted total and the amounts left out of it.
    converted_total: str | None = None
    unconverted_count: int | None = None


def pledge_summary(queryset: QuerySet, *, group_by: str) -> list[SummaryGroup]:
    """Totals of the pledges in ``queryset`` for each group, ordered by key (null last).
    One query, whatever the number of pledges or groups."""
    key, relation = _group_key(queryset, group_by)
    base = (
        queryset.order_by()
        .annotate(summary_key=key)
        .values("summary_key", "kind", "quantity", "currency", "amount")
    )
    sql, params = base.query.sql_with_params()
    connection = connections[queryset.db]
    if relation is None:
        parts = {"key": "n.summary_key", "label": "NULL::text", "join": ""}
    else:
        code, name = _LABELS[group_by]
        table = connection.ops.quote_name(relation.related_model._meta.db_table)
        # An inner join for a required key drops what the old join on every pledge
        # dropped (a known_at row whose actor is gone); a missing coalition is a group.
        join = "LEFT JOIN" if relation.null else "JOIN"
        target = connection.ops.quote_name(relation.target_field.column)
        parts = {
            "key": f"l.{connection.ops.quote_name(code)}",
            "label": f"l.{connection.ops.quote_name(name)}",
            "join": f"{join} {table} l ON l.{target} = n.summary_key",
        }
    with connection.cursor() as cursor:
        cursor.execute(_SUMMARY_SQL.format(base=sql, **parts), params)
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


# --- Money: totals in one currency (USD or EUR) ----------------------------------------------


def converted_totals(
    queryset: QuerySet, *, group_by: str, conversions: QuerySet, currency: str
) -> dict[str | None, tuple[str, int]]:
    """For each group's key (the code, slug, kind, status or month the summary shows): the
    total of its amounts converted to ``currency`` and how many amounts have no conversion
    to it (unconverted, or never converted), which that total leaves out.

    ``conversions`` holds the conversion rows to read (the live ones, or those stored at a
    ``known_at`` moment); a pledge is linked to them by its id (``pgh_obj_id`` for the
    history's event rows). One query."""
    key, relation = _group_key(queryset, group_by)
    if relation is not None:
        key = F(f"{group_by}__{_LABELS[group_by][0]}")
    link = (
        "pgh_obj_id" if "pgh_obj_id" in {f.attname for f in queryset.model._meta.fields} else "pk"
    )
    converted = Subquery(
        conversions.filter(pledge_id=OuterRef(link), target=currency).values("amount")[:1]
    )
    rows = (
        queryset.order_by()
        .filter(amount__isnull=False)
        .annotate(summary_key=key, converted=converted)
        .values("summary_key")
        .annotate(
            total=Sum("converted"),
            unconverted=Count("pk", filter=Q(converted__isnull=True)),
        )
    )
    return {row["summary_key"]: (f"{row['total'] or 0:.2f}", row["unconverted"]) for row in rows}


def with_converted_totals(
    groups: list[SummaryGroup], totals: dict[str | None, tuple[str, int]]
) -> list[SummaryGroup]:
    """``groups`` with their converted total and unconverted count (a group without any
    amount: total 0.00, none unconverted)."""
    return [
        dataclasses.replace(
            group,
            converted_total=totals.get(group.key, ("0.00", 0))[0],
            unconverted_count=totals.get(group.key, ("0.00", 0))[1],
        )
        for group in groups
    ]
