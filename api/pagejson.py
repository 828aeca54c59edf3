"""A list page's JSON built by PostgreSQL from a :class:`api.rows.RowPlan`.

One statement answers a page as the serializer would write it through the project's
renderer (orjson, compact, keys in the serializer's order): each object is
``row_to_json()`` of a lateral row whose columns are the fields, over the ``.values_list()``
SQL Django compiles for the plan's columns; each nested list an ``array_agg()`` over
the SQL of the queryset ``for_api()`` prefetches, in its order, correlated with its
parent. :meth:`PageJson.with_keys` wraps the paginator's own statement, so the page's
keys and its objects come back together; :meth:`PageJson.render` takes the ids of a
page already read. Python passes the bytes through (``orjson.Fragment``).

Only conversions PostgreSQL writes byte for byte as DRF does are translated: columns as
they are, blank choices as null, decimals at their column's scale as text, dates, and
datetimes in UTC (``Z``, microseconds only when there are some). Any other field makes
:class:`PageJson` raise :class:`Unsupported`, and the page is built in Python instead.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from rest_framework import serializers
from rest_framework.settings import api_settings

from api.rows import INTEGER_FIELD_TYPES, RowPlan, Unsupported
from api.statements import int_array, run

# Model fields whose column PostgreSQL's to_json() writes as the API does.
_AS_IS_COLUMNS = INTEGER_FIELD_TYPES | {
    "ForeignKey",
    "OneToOneField",
    "BooleanField",
    "CharField",
    "TextField",
    "SlugField",
    "URLField",
    "EmailField",
}
_INTEGER_ARRAYS = {"bigint", "integer", "smallint"}


def utc_text(column: str) -> str:
    """A timestamptz as DRF writes it in UTC: ``Z``, microseconds only when not zero."""
    local = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"CASE WHEN to_char({local}, 'US') = '000000'"
        f' THEN to_char({local}, \'YYYY-MM-DD"T"HH24:MI:SS"Z"\')'
        f' ELSE to_char({local}, \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\') END'
    )


def _text_array(field: models.Field) -> bool:
    """Whether ``field`` is a one-level array of text (``applies_in``: ``["IRQ"]``)."""
    base = getattr(field, "base_field", None)
    return base is not None and base.get_internal_type() in {"CharField", "TextField"}


class PageJson:
    """The statement that writes the ``results`` of a page of ``plan``'s rows, the
    nested lists selected by ``nested`` (``{relation: queryset}``, None for the related
    manager's rows). ``render(ids, using)`` runs it for the page's primary keys."""

    def __init__(self, plan: RowPlan, nested: dict, using: str):
        connection = connections[using]
        self.quote = connection.ops.quote_name
        pk_type = plan.model._meta.pk.rel_db_type(connection)
        if pk_type not in _INTEGER_ARRAYS:
            raise Unsupported(f"primary keys of type {pk_type}")
        rows = plan.model._meta.default_manager.order_by().values_list(*plan.columns)
        ctes = [("t_rows", rows)]
        lists = {}
        for position, many in enumerate(plan.many):
            child_qs = nested.get(many.relation)
            if child_qs is None:
                child_qs = many.child_model._meta.default_manager.all()
            name = f"c_{position}"
            lists[many.name] = (name, many, self._child_rows(many, child_qs, ctes, name))
        self.plan = plan
        self._aliases = 0
        joins: list[str] = []
        self.body = self._object(plan, plan.shape, "t", lists, joins)
        self.joins = "".join(f" {join}" for join in joins)
        self.ctes, self.cte_params = [], []
        for name, queryset in ctes:
            sql, cte_params = queryset.query.sql_with_params()
            self.ctes.append(f"{name} AS NOT MATERIALIZED ({sql})")
            self.cte_params.extend(cte_params)
        page = f"page(id, ordinal) AS (SELECT * FROM unnest(%s::{pk_type}[]) WITH ORDINALITY)"
        results = (
            f"COALESCE(array_to_json(array_agg({self.body} ORDER BY page.ordinal)), '[]'::json)"
        )
        self.sql = (
            f"WITH {', '.join([page, *self.ctes])} SELECT convert_to({results}::text, 'UTF8')"
            f" FROM page JOIN t_rows t ON t.{self.quote(plan.pk)} = page.id{self.joins}"
        )
        self.params = self.cte_params

    def with_keys(self, keys_sql: str, columns: list[str], order: list[tuple[str, str]]) -> str:
        """One statement for a page: the rows of ``keys_sql`` (the page's primary keys and
        ordering values, selected as ``columns``), each followed by its object's JSON as
        UTF-8 bytes, in ``order`` (``[(column, "ASC NULLS LAST" ...)]``). Its values are
        ``keys_sql``'s, then :attr:`cte_params`."""
        pk = self.quote(columns[0])
        terms = ", ".join(f"k.{self.quote(column)} {direction}" for column, direction in order)
        page = f"page(id) AS (SELECT {pk} FROM keys)"
        return (
            f"WITH keys AS MATERIALIZED ({keys_sql}), {', '.join([page, *self.ctes])}"
            f" SELECT k.*, convert_to({self.body}::text, 'UTF8') FROM keys k"
            f" JOIN t_rows t ON t.{self.quote(self.plan.pk)} = k.{pk}{self.joins}"
            f" ORDER BY {terms}"
        )

    def _child_rows(self, many, child_qs, ctes, name) -> list[str]:
        """Adds the nested list's rows (those of the page's objects) as a CTE; answers
        the ORDER BY terms of its queryset, over its columns."""
        query = child_qs.query
        if query.order_by:
            ordering = list(query.order_by)
        elif query.default_ordering:
            ordering = list(many.child_model._meta.ordering)
        else:
            ordering = []
        columns = list(many.plan.columns)
        if many.link_column not in columns:
            columns.append(many.link_column)
        terms = []
        for term in ordering:
            if not isinstance(term, str):
                raise Unsupported(f"{many.name} is ordered by an expression")
            field_name = term.lstrip("-")
            if field_name == "pk":
                field_name = many.child_model._meta.pk.attname
            try:
                field = many.child_model._meta.get_field(field_name)
            except FieldDoesNotExist:
                raise Unsupported(f"{many.name} is ordered by {term}") from None
            if not field.concrete:
                raise Unsupported(f"{many.name} is ordered by {term}")
            if field.attname not in columns:
                columns.append(field.attname)
            direction = " DESC" if term.startswith("-") else ""
            terms.append(f"c.{self.quote(field.attname)}{direction}")
        # Unordered: the list's array_agg() orders its items (an ORDER BY here too was
        # a second sort of each object's rows).
        ctes.append((name, child_qs.prefetch_related(None).order_by().values_list(*columns)))
        return terms

    def _object(self, plan: RowPlan, shape, alias: str, lists: dict, joins: list[str]) -> str:
        """``row_to_json(o)`` of ``CROSS JOIN LATERAL (SELECT <field> AS <key>, ...) o``,
        which this adds to ``joins`` (the FROM list of ``alias``'s scope), after those of
        the objects nested in it. A lateral subquery without a FROM is pulled up into
        its scope's plan, where a scalar ``(SELECT row_to_json(x) FROM (...) x)`` is a
        subplan run once per object."""
        expressions = [None] * len(shape.keys)
        fixed = {}
        for slot in shape.datetimes:
            fixed[slot] = utc_text
        for slot, convert in shape.converted:
            fixed[slot] = self._converted(plan, shape.positions[slot], convert)
        for slot in shape.blanks:
            fixed[slot] = lambda column: f"NULLIF({column}, '')"
        for slot, present, inner in shape.nested:
            column = f"{alias}.{self.quote(plan.columns[present])}"
            expressions[slot] = (
                f"CASE WHEN {column} IS NULL THEN NULL"
                f" ELSE {self._object(plan, inner, alias, lists, joins)} END"
            )
        for slot, name in shape.lists:
            cte, many, terms = lists[name]
            order = f" ORDER BY {', '.join(terms)}" if terms else ""
            item_joins: list[str] = []
            item = self._object(many.plan, many.plan.shape, "c", {}, item_joins)
            link = self.quote(many.link_column)
            expressions[slot] = (
                f"COALESCE((SELECT array_to_json(array_agg({item}{order})) FROM {cte} c"
                f"{''.join(f' {join}' for join in item_joins)}"
                f" WHERE c.{link} = {alias}.{self.quote(plan.pk)}), '[]'::json)"
            )
        for slot in range(len(shape.keys)):
            if expressions[slot] is not None:
                continue
            lookup = plan.columns[shape.positions[slot]]
            column = f"{alias}.{self.quote(lookup)}"
            if slot in fixed:
                expressions[slot] = fixed[slot](column)
            else:
                internal = plan.fields[lookup].get_internal_type()
                if internal not in _AS_IS_COLUMNS:
                    raise Unsupported(f"{lookup}: a {internal} as it is")
                expressions[slot] = column
        items = ", ".join(
            f"{expression} AS {self.quote(key)}"
            for key, expression in zip(shape.keys, expressions, strict=True)
        )
        self._aliases += 1
        name = f"o_{self._aliases}"
        joins.append(f"CROSS JOIN LATERAL (SELECT {items}) {name}")
        return f"row_to_json({name})"

    def _converted(self, plan: RowPlan, position: int, convert):
        field = plan.fields[plan.columns[position]]
        if convert is dt.date.isoformat and isinstance(field, models.DateField):
            return lambda column: column
        if convert is list and _text_array(field):  # to_json(text[]): a list of strings
            return lambda column: column
        if convert is str and isinstance(field, models.IntegerField):
            return lambda column: f"{column}::text"
        owner = getattr(convert, "__self__", None)
        if (
            isinstance(owner, serializers.DecimalField)
            and convert == owner.to_representation
            and isinstance(field, models.DecimalField)
            and getattr(owner, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
            and not owner.localize
            and owner.decimal_places == field.decimal_places
            and not getattr(owner, "normalize_output", False)
        ):
            return lambda column: f"{column}::text"
        raise Unsupported(f"{plan.columns[position]}: {convert!r} in SQL")

    def render(self, ids: list[int], using: str) -> bytes:
        """The ``results`` of the page whose primary keys are ``ids``, in that order."""
        params = [int_array(ids), *self.params]
        ((results,),) = run(connections[using], self.sql, params, prepare=True, binary=True)
        return bytes(results)
