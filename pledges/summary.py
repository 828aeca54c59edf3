"""Pledge totals by actor, kind, status, coalition or month, in one SQL query.

Counts, the total quantity of each kind (``{"troops": 600, "aircraft": 14}``; the lower
bound of a range) and the total amount in each currency (``{"USD": "500000000.00",
"GBP": "100000000.00"}``: different currencies are never added together, and amounts
keep every digit as strings). The rows summed are any pledge queryset (the list's
filters applied) or the event rows of ``history.readers.known_at`` (the same columns),
so a figure published earlier can be reproduced. With a target currency (USD or EUR),
the amounts' stored conversions are totalled in the same query, credited to the groups
exactly as the amounts are (a shared joint pledge once, an ``each`` one per party).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connections, models
from django.db.models import (
    CharField,
    DecimalField,
    F,
    Func,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast

from coalition.models import Actor
from pledges.choices import PledgeKind, PledgeStatus
from pledges.models import PledgeConversion, PledgeParty

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

# Joint pledges (issue 16). A pledge's parties are its lead (``actor``) and the rows of
# PledgeParty with ordinal > 1 (its partners). What each pledge credits:
#   - a pledge without partners: its figures, once, to its group (as before);
#   - quantity_basis 'each': its figures once per party. By actor: one row per party;
#     by kind, status, coalition or month: the figures times the number of parties;
#   - quantity_basis 'shared': its figures once. By actor: to the joint group of all its
#     parties (key "NOR+SWE", codes sorted; label "Norway + Sweden (shared)"), never to
#     each party, so no quantity is counted twice and the groups add up to the total.
# ``expanded`` makes those rows; ``t`` folds them by (group, kind, currency, role), and
# Python folds the few rows it answers into each group's figures.
_SUMMARY_SQL = """
WITH base AS NOT MATERIALIZED ({base}),
partners AS (
    SELECT p.pledge_id, p.actor_id FROM ({parties}) p
     WHERE p.ordinal > 1 AND p.pledge_id IN (SELECT id FROM base)
),
members AS (
    SELECT b.id AS pledge_id, b.actor_id FROM base b
     WHERE b.id IN (SELECT pledge_id FROM partners)
    UNION SELECT pledge_id, actor_id FROM partners
),
joint AS (
    SELECT m.pledge_id, count(*) AS n,
           string_agg(a.code, '+' ORDER BY a.code) AS codes,
           string_agg(a.name, ' + ' ORDER BY a.code) || ' (shared)' AS names
      FROM members m JOIN {actor_table} a ON a.id = m.actor_id
     GROUP BY m.pledge_id
),
expanded AS (
    {expanded}
),
t AS (
    SELECT summary_key, joint_key, joint_label, kind, currency, personnel_role,
           count(*) AS n, sum(quantity) AS quantity, sum(amount) AS amount,
           sum(committed_quantity) AS committed, sum(delivered_quantity) AS delivered,
           sum(delivery_gap) AS gap, sum(converted) AS converted,
           count(*) FILTER (WHERE amount IS NOT NULL AND converted IS NULL) AS unconverted
      FROM expanded
     GROUP BY summary_key, joint_key, joint_label, kind, currency, personnel_role
)
SELECT {key}, {label}, t.kind, t.currency, t.personnel_role, t.n, t.quantity,
       t.amount::text, t.committed, t.delivered, t.gap, t.converted::text, t.unconverted
  FROM t {join}
 ORDER BY 1 NULLS LAST
"""

_FIGURES = "kind, currency, personnel_role"

# By kind, status, coalition or month: each pledge once, an 'each' one times its parties.
# The converted amount (with ``currency``) follows the amount it converts.
_EXPANDED = """
    SELECT b.summary_key, NULL::text AS joint_key, NULL::text AS joint_label, b.{figures},
           b.quantity * m.k AS quantity, b.amount * m.k AS amount,
           b.committed_quantity * m.k AS committed_quantity,
           b.delivered_quantity * m.k AS delivered_quantity, b.delivery_gap * m.k AS delivery_gap,
           b.converted * m.k AS converted
      FROM base b LEFT JOIN joint j ON j.pledge_id = b.id,
           LATERAL (SELECT CASE WHEN b.quantity_basis = 'each' THEN COALESCE(j.n, 1) ELSE 1 END
                    AS k) m
"""

# By actor: a solo pledge to its actor, an 'each' one to every party, a shared one to the
# joint group of its parties.
_EXPANDED_BY_ACTOR = """
    SELECT b.summary_key, NULL::text AS joint_key, NULL::text AS joint_label, b.{figures},
           b.quantity, b.amount,
           b.committed_quantity, b.delivered_quantity, b.delivery_gap, b.converted
      FROM base b WHERE NOT EXISTS (SELECT 1 FROM joint j WHERE j.pledge_id = b.id)
    UNION ALL
    SELECT m.actor_id, NULL, NULL, b.{figures}, b.quantity, b.amount,
           b.committed_quantity, b.delivered_quantity, b.delivery_gap, b.converted
      FROM base b JOIN members m ON m.pledge_id = b.id WHERE b.quantity_basis = 'each'
    UNION ALL
    SELECT NULL, j.codes, j.names, b.{figures}, b.quantity, b.amount,
           b.committed_quantity, b.delivered_quantity, b.delivery_gap, b.converted
      FROM base b JOIN joint j ON j.pledge_id = b.id WHERE b.quantity_basis <> 'each'
"""

#: The columns each pledge (or history event row) gives the summary.
_BASE_COLUMNS = (
    "id",
    "summary_key",
    "actor_id",
    "kind",
    "quantity",
    "currency",
    "amount",
    "quantity_basis",
    "personnel_role",
    "committed_quantity",
    "delivered_quantity",
    "delivery_gap",
    "converted",
)


@dataclass(frozen=True)
class SummaryGroup:
    key: str | None
    label: str | None
    count: int
    quantities: dict[str, int]
    amounts: dict[str, str]
    # Money: with a target currency, the converted total and how many pledges' amounts
    # have no conversion to it (left out of that total); credited as the amounts are.
    converted_total: str | None = None
    unconverted_count: int | None = None
    #: People by role (``{"trainers": 50}``): quantities of pledges with a personnel role.
    personnel: dict[str, int] = field(default_factory=dict)
    #: Promised, arrived and still owed, by kind (``delivery_figures`` of each pledge).
    committed: dict[str, int] = field(default_factory=dict)
    delivered: dict[str, int] = field(default_factory=dict)
    delivery_gap: dict[str, int] = field(default_factory=dict)


def pledge_summary(
    queryset: QuerySet,
    *,
    group_by: str,
    parties: QuerySet | None = None,
    currency: str | None = None,
    conversions: QuerySet | None = None,
) -> list[SummaryGroup]:
    """Totals of the pledges in ``queryset`` for each group, ordered by key (null last).
    ``parties``: the PledgeParty rows to read partners from (default the live table; the
    history's rows as of ``known_at`` for an earlier figure). With ``currency`` (USD or
    EUR), each group also totals its amounts' stored conversions to it, read from
    ``conversions`` (default the live ones), and counts the pledges whose amount has none:
    a converted amount is credited exactly as its amount is, so a shared joint pledge's
    money counts once. One query, whatever the number of pledges or groups."""
    key, relation = _group_key(queryset, group_by)
    if currency is None:
        converted = Cast(Value(None), output_field=DecimalField(max_digits=20, decimal_places=2))
    else:
        if conversions is None:
            conversions = PledgeConversion.objects.all()
        # ``id``: the pledge's, on the history's event rows (known_at) too.
        converted = Subquery(
            conversions.filter(pledge_id=OuterRef("id"), target=currency).values("amount")[:1]
        )
    base = queryset.order_by().annotate(summary_key=key, converted=converted).values(*_BASE_COLUMNS)
    if parties is None:
        parties = PledgeParty.objects.all()
    parties = parties.order_by().values("pledge_id", "actor_id", "ordinal")
    sql, params = base.query.sql_with_params()
    parties_sql, parties_params = parties.query.sql_with_params()
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    if relation is None:
        parts = {"key": "t.summary_key", "label": "NULL::text", "join": ""}
    else:
        code, name = _LABELS[group_by]
        table = quote(relation.related_model._meta.db_table)
        target = quote(relation.target_field.column)
        # A required key drops a known_at row whose actor is gone; a missing coalition
        # is a group of its own.
        drop = "" if relation.null else " WHERE l.{0} IS NOT NULL OR t.joint_key IS NOT NULL"
        parts = {
            "key": f"COALESCE(l.{quote(code)}, t.joint_key)",
            "label": f"COALESCE(l.{quote(name)}, t.joint_label)",
            "join": f"LEFT JOIN {table} l ON l.{target} = t.summary_key" + drop.format(target),
        }
    expanded = _EXPANDED_BY_ACTOR if group_by == "actor" else _EXPANDED
    statement = _SUMMARY_SQL.format(
        base=sql,
        parties=parties_sql,
        actor_table=quote(Actor._meta.db_table),
        expanded=expanded.format(figures=_FIGURES.replace(", ", ", b.")),
        **parts,
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *parties_params])
        rows = cursor.fetchall()
    return _fold(rows, group_by, converting=currency is not None)


def _fold(rows, group_by: str, *, converting: bool = False) -> list[SummaryGroup]:
    """Each group's figures from the rows of ``t`` (already in the groups' order)."""
    labels = {"kind": dict(PledgeKind.choices), "status": dict(PledgeStatus.choices)}.get(group_by)
    groups: dict[Any, dict] = {}
    for row in rows:
        key, label, kind, currency, role, n, quantity, amount, committed, delivered, gap = row[:11]
        converted, unconverted = row[11:]
        g = groups.setdefault(
            key,
            {
                "label": labels.get(key) if labels else label,
                "count": 0,
                "quantities": {},
                "amounts": {},
                "personnel": {},
                "committed": {},
                "delivered": {},
                "delivery_gap": {},
                "converted_total": Decimal("0"),
                "unconverted_count": 0,
            },
        )
        g["count"] += n
        if converted is not None:
            g["converted_total"] += Decimal(converted)
        g["unconverted_count"] += unconverted
        for name, bucket, value in (
            ("quantities", kind, quantity),
            ("personnel", role, quantity if role else None),
            ("committed", kind, committed),
            ("delivered", kind, delivered),
            ("delivery_gap", kind, gap),
        ):
            if value is not None:
                g[name][bucket] = g[name].get(bucket, 0) + int(value)
        if amount is not None:
            total = Decimal(g["amounts"].get(currency, "0")) + Decimal(amount)
            g["amounts"][currency] = str(total)
    return [
        SummaryGroup(
            key=key,
            count=g["count"],
            label=g["label"],
            converted_total=f"{g['converted_total']:.2f}" if converting else None,
            unconverted_count=g["unconverted_count"] if converting else None,
            **{name: dict(sorted(g[name].items())) for name in _DICTS},
        )
        for key, g in groups.items()
    ]


_DICTS = ("quantities", "amounts", "personnel", "committed", "delivered", "delivery_gap")
