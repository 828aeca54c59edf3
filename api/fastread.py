"""GET lists and objects served from ``.values()`` rows instead of model instances.

A page of 50 pledges through the ORM builds some 440 model instances (the pledge, its
actor, coalition, recipient and host, its stages, citations and their sources) and
runs Django's prefetch machinery, before the serializer reads them back attribute by
attribute. Almost none of that is needed to answer a GET. A :class:`RowPlan` is
compiled once from the resource's read serializer:

- which columns to select: ``actor__code`` for ``actor = CharField(source="actor.code")``,
  ``actor__name`` ... for a nested ``actor_summary``;
- how to turn each value into what the serializer answers (the conversions of
  :func:`api.serializers.value_converter`, which the compiled serializers use
  too);
- for each nested list (``citations``, ``stages``), one more ``.values()`` query over
  the prefetch queryset the model's ``for_api()`` declares, so that which rows and in
  which order stay the resource's own.

The answer is the serializer's, byte for byte and in the same key order (so an ETag
made from either is the same): tests/perf/test_fast_read.py holds them equal. A
serializer this cannot compile (a ``SerializerMethodField``, a source that is not a
column, a field with its own ``get_attribute``, a custom ``to_representation``) is
served the usual way. Writes never come here.

The statements go through a server-side binding cursor (:class:`RowIterable`), their
results in binary (psycopg's C loaders), and are prepared on the connection when their
best plan does not depend on the values bound: the nested lists
(``pledge_id = ANY(...)``), an object by id, and a list without filters (its cursor and
ordering only). With persistent connections those are planned once per server process
instead of once per request, which was most of the database's share of a request
(planning the list's four joins takes ~1 ms; running it ~0.15 ms). A filtered list is
planned for its values each time, as before. ``API_PREPARED_STATEMENTS=false`` turns
preparing off (for a pooler in transaction mode that cannot hold prepared statements).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import psycopg
from django.conf import settings
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections, models
from django.db.models import F, Lookup, Prefetch
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import Col, OrderBy
from django.db.models.lookups import (
    Exact,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
)
from django.db.models.query import ValuesIterable
from django.db.models.sql.where import WhereNode
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from api.serializers import (
    FastReadSerializerMixin,
    blank_as_null,
    datetime_in_current_zone,
    iso_datetime,
    value_converter,
)


class Unsupported(Exception):
    """The serializer has a field that cannot be read from a column."""


class Row(tuple):
    """A row of a statement: a tuple (the compiled builders read it by position) that
    also answers attribute access by column name (``row.id``), so the keyset paginator
    reads a cursor position from it as from a model instance."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self[self._index[name]]
        except KeyError:
            raise AttributeError(name) from None


_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}


def _row_class(names: tuple[str, ...]) -> type[Row]:
    """The :class:`Row` class of a statement's columns (one per list of names)."""
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        index = {name: position for position, name in enumerate(names)}
        cls = _ROW_CLASSES[names] = type("Row", (Row,), {"__slots__": (), "_index": index})
    return cls


class _FastCursor(psycopg.Cursor):
    """A server-side binding cursor (the values travel apart from the statement, which
    is what lets PostgreSQL keep a statement prepared) that runs each statement with
    this instance's ``prepare`` and ``binary``: results in binary are read by psycopg's
    C loaders (a timestamp through Django's text loader costs ~3 µs; a page has 150)."""

    prepare = False
    binary = False

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=self.prepare, binary=self.binary)


class _LoggedFastCursor(_FastCursor):
    """Also leaves the statement, its values inlined, where Django's query log reads it
    (``connection.queries``, ``CaptureQueriesContext``): psycopg keeps it only for the
    statements it does not prepare."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        super().execute(query, params)
        with psycopg.ClientCursor(self.connection) as composer:
            self._query = SimpleNamespace(query=composer.mogrify(query, params).encode())
        return self


def preparing_connection(connection) -> psycopg.Connection:
    """Django's psycopg connection (opened if need be), able to prepare statements.

    Django switches psycopg's automatic preparation off. Its own cursors bind parameters
    client-side and never prepare, so this only lets the statements run with
    ``prepare=True`` be prepared; psycopg keeps at most ``prepared_max`` (100) per
    connection, least recently used dropped first."""
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = 2**31 - 1
    return raw


def _fast_cursor(connection, *, prepare: bool, binary: bool):
    """A Django cursor (query log, error wrapping) over a :class:`_FastCursor`."""
    connection.close_if_health_check_failed()
    raw = preparing_connection(connection)
    with connection.wrap_database_errors:
        cursor = (_LoggedFastCursor if connection.queries_logged else _FastCursor)(raw)
        cursor.prepare, cursor.binary = prepare, binary
        return connection._prepare_cursor(cursor)


class RowIterable(ValuesIterable):
    """``.values()`` rows as :class:`Row` objects, read through a :class:`_FastCursor`.

    ``prepare``: the statement is prepared on the connection, so PostgreSQL plans it a
    few times for the values bound, then keeps a generic plan when that is no worse;
    only for statements whose plan does not depend on the values (see the module
    docstring). ``binary``: only when no column needs one of Django's text loaders."""

    prepare = False
    binary = False
    # Set: the queryset is not a .values() one yet; these columns are selected when the
    # statement is compiled, which a statement kept compiled spares (~0.25 ms a list).
    columns: tuple[str, ...] | None = None

    def __iter__(self):
        queryset = self.queryset
        connection = connections[queryset.db]
        # A prepared statement is one that comes back request after request (the list's
        # pages): kept compiled, by its skeleton, with the values bound anew each time.
        skeleton = _skeleton(queryset) if self.prepare else None
        key = (self.columns, skeleton[0]) if skeleton is not None else None
        if key is not None and (sql := _STATEMENTS.get(key)) is not None:
            rows = _run(connection, sql, skeleton[1], True, self.binary)
            yield from map(_row_class(self.columns or skeleton[0][2]), rows)
            return
        if self.columns is not None:
            queryset = queryset.values(*self.columns)
        query = queryset.query
        names = (
            tuple(query.selected)
            if query.selected
            else (*query.extra_select, *query.values_select, *query.annotation_select)
        )
        row_class = _row_class(names)
        compiler = query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return
        if not sql:
            return
        rows = _run(connection, sql, params, self.prepare, self.binary)
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if (
            key is not None
            and list(params) == skeleton[1]
            and names == (self.columns or names)
            and not compiler.has_extra_select
            and not compiler.get_converters(fields)
            and len(_STATEMENTS) < _MAX_STATEMENTS
        ):
            _STATEMENTS[key] = sql
        yield from map(row_class, compiler.results_iter(results=[rows]))


# Compiled statements of the lists, by skeleton (see _skeleton); a few per ordering and
# page size in practice, capped in case a client walks every limit from 1 to 200.
_STATEMENTS: dict[tuple, str] = {}
_MAX_STATEMENTS = 500
# Lookups compiled as ``column <op> %s`` with the value itself as the parameter.
_ONE_VALUE_LOOKUPS = (Exact, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual)


def _skeleton(queryset: models.QuerySet) -> tuple[tuple, list] | None:
    """``(skeleton, values)``: what a ``.values()`` queryset's SQL depends on, except the
    values its filters compare columns with, and those values in the order the SQL takes
    them; None when that cannot be told for certain (anything but column-versus-constant
    filters, an order by fields, a slice). The first statement compiled for a skeleton is
    kept only if its parameters are exactly those values, so a later queryset with the
    same skeleton gets the same SQL with its own values."""
    query = queryset.query
    if (
        query.annotations
        or query.extra
        or query.distinct
        or query.combinator
        or query.select_for_update
        or not all(isinstance(position, int) for position in (query.selected or {}).values())
    ):
        return None
    values: list = []
    where = _where_skeleton(query.where, values)
    if where is None:
        return None
    order = tuple(query.order_by)
    if not all(isinstance(term, str) or _plain_order(term) for term in order):
        return None
    # An OrderBy hashes through Django's expression identity (inspect.signature of its
    # __init__, per new instance: ~3% of a list request); its four attributes say it all.
    order = tuple(
        term
        if isinstance(term, str)
        else (term.expression.name, term.descending, term.nulls_first, term.nulls_last)
        for term in order
    )
    skeleton = (
        queryset.model,
        queryset.db,
        query.values_select,
        tuple((query.selected or {}).items()),
        where,
        order,
        query.default_ordering,
        query.standard_ordering,
        query.low_mark,
        query.high_mark,
        tuple(query.alias_map.items()),
    )
    try:
        hash(skeleton)
    except TypeError:
        return None
    return skeleton, values


def _plain_order(term) -> bool:
    return isinstance(term, OrderBy) and isinstance(term.expression, F)


def _where_skeleton(node, values: list):
    if isinstance(node, WhereNode):
        parts = []
        for child in node.children:
            part = _where_skeleton(child, values)
            if part is None:
                return None
            parts.append(part)
        return (node.connector, node.negated, tuple(parts))
    if not isinstance(node, Lookup) or not isinstance(node.lhs, Col):
        return None
    column = (node.lhs.alias, node.lhs.target)
    rhs = node.rhs
    if isinstance(node, _ONE_VALUE_LOOKUPS) and rhs is not None and isinstance(rhs, _CONSTANTS):
        values.append(rhs)
        return (type(node), column, type(rhs))
    if not _plain(node):
        return None
    return (type(node), column, tuple(rhs) if isinstance(rhs, list | tuple) else rhs)


def _run(connection, sql: str, params, prepare: bool, binary: bool) -> list[tuple]:
    """Run a compiled statement on ``connection``; its rows."""
    with _fast_cursor(connection, prepare=prepare, binary=binary) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_ITERABLES: dict[tuple, type[RowIterable]] = {}


def _iterable(prepare: bool, binary: bool, columns: tuple[str, ...] | None) -> type[RowIterable]:
    """The :class:`RowIterable` class for these settings (made once)."""
    key = (prepare, binary, columns)
    if key not in _ITERABLES:
        name = f"RowIterable_{'prepared_' if prepare else ''}{'binary' if binary else 'text'}"
        attributes = {"prepare": prepare, "binary": binary, "columns": columns}
        _ITERABLES[key] = type(name, (RowIterable,), attributes)
    return _ITERABLES[key]


# Columns Django reads with loaders of its own, for the text format only: JSON as text
# (its JSONField decodes it), addresses as strings.
_TEXT_ONLY_TYPES = {"JSONField", "GenericIPAddressField", "IPAddressField"}


def _binary_safe(field) -> bool:
    while hasattr(field, "base_field"):  # ArrayField
        field = field.base_field
    return field.get_internal_type() not in _TEXT_ONLY_TYPES


# --- compiling a serializer ----------------------------------------------------------------


def _own(obj, base, method: str) -> bool:
    """Whether ``obj``'s class overrides ``base.method``."""
    return getattr(type(obj), method) is not getattr(base, method)


def _lookup(model: type[models.Model], attrs: list[str]) -> tuple[str, models.Field]:
    """``["actor", "code"]`` -> ``("actor__code", Actor.code)``: to-one relations ending
    on a column, or :class:`Unsupported`."""
    if not attrs:
        raise Unsupported("source='*'")
    field = None
    for position, attr in enumerate(attrs):
        last = position == len(attrs) - 1
        try:
            field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            # ``meeting_id``: the column behind a foreign key.
            field = next((f for f in model._meta.concrete_fields if f.attname == attr), None)
            if field is None or not last:
                raise Unsupported(f"{model.__name__}.{attr} is not a column") from None
            return LOOKUP_SEP.join(attrs), field
        if field.many_to_many or field.one_to_many or not field.concrete:
            raise Unsupported(f"{model.__name__}.{attr} is not a column")
        if not last:
            if not field.is_relation:
                raise Unsupported(f"{model.__name__}.{attr} is not a relation")
            model = field.related_model
    return LOOKUP_SEP.join(attrs), field


@dataclass
class _Many:
    """A nested list (``citations``) over a reverse foreign key."""

    name: str  # key in the answer
    relation: str  # the reverse accessor on the parent (``citations``)
    link_column: str  # the child's foreign key column to the parent (``pledge_id``)
    child_model: type[models.Model]
    plan: RowPlan


class RowPlan:
    """How to answer a read serializer's representation from rows of its columns.

    Each field becomes a Python expression over the row, a tuple of the plan's columns
    in order: ``row[1]`` for ``actor`` (``actor__code``), ``iso(row[24])`` for a
    datetime that is not None, a nested dict, the nested list's items found by the row's
    id. The expressions make one function, ``build(row, children, iso)``, written once
    per serializer (:attr:`source` shows it) with the keys in the serializer's order,
    a fifth faster per row than calling a getter per field.
    """

    def __init__(self, serializer: serializers.Serializer, model: type[models.Model]):
        if not isinstance(serializer, FastReadSerializerMixin) or _own(
            serializer, FastReadSerializerMixin, "to_representation"
        ):
            raise Unsupported(f"{type(serializer).__name__} has its own to_representation")
        self.model = model
        self.pk = model._meta.pk.attname
        self.columns: list[str] = [self.pk]
        self.binary = True  # no column needs a text loader (see _binary_safe)
        self.many: list[_Many] = []
        self._statements: dict = {}  # the nested lists' statements, by shape
        self._namespace: dict[str, Any] = {}
        self._temporaries = 0
        body = self._display(serializer, model, "")
        self.source = f"def build(row, children, iso):\n    return {body}\n"
        where = f"<row plan of {type(serializer).__name__}>"
        # The source is made of repr()s of names and column positions (above), nothing else.
        exec(compile(self.source, where, "exec"), self._namespace)
        self.build: Callable[[tuple, dict, Any], dict] = self._namespace["build"]

    def _column(self, lookup: str) -> int:
        if lookup not in self.columns:
            self.columns.append(lookup)
        return self.columns.index(lookup)

    def _refer(self, value: Any) -> str:
        """A name for ``value`` (a converter) in the generated source."""
        name = f"c{len(self._namespace)}"
        self._namespace[name] = value
        return name

    def _display(self, serializer, model, prefix: str) -> str:
        """``{'key': <expression>, ...}`` for the fields of ``serializer``."""
        items = [
            f"{name!r}: {self._expression(field, model, prefix)}"
            for name, field in serializer.fields.items()
            if not field.write_only
        ]
        return "{" + ", ".join(items) + "}"

    def _expression(self, field, model, prefix: str) -> str:
        if isinstance(field, serializers.ListSerializer):
            if prefix:
                raise Unsupported("a nested list inside a nested object")
            return self._many(field, model)
        if isinstance(field, serializers.BaseSerializer):
            return self._nested(field, model, prefix)
        if isinstance(field, serializers.SerializerMethodField | serializers.HiddenField) or _own(
            field, serializers.Field, "get_attribute"
        ):
            raise Unsupported(f"{type(field).__name__} reads more than a column")
        lookup, model_field = _lookup(model, field.source_attrs)
        if model_field.is_relation and lookup.split(LOOKUP_SEP)[-1] == model_field.name:
            raise Unsupported(f"{lookup} is a related object, not a column")
        self.binary = self.binary and _binary_safe(model_field)
        value = f"row[{self._column(prefix + lookup)}]"
        convert = value_converter(field)
        if convert is None:
            return value
        if convert is blank_as_null:
            return f"({value} or None)"
        self._temporaries += 1
        v = f"v{self._temporaries}"
        if convert is datetime_in_current_zone:
            return f"(None if ({v} := {value}) is None else iso({v}))"
        return f"(None if ({v} := {value}) is None else {self._refer(convert)}({v}))"

    def _nested(self, field, model, prefix: str) -> str:
        """A to-one nested serializer (``actor_summary``, a citation's ``source``)."""
        if not isinstance(field, FastReadSerializerMixin) or _own(
            field, FastReadSerializerMixin, "to_representation"
        ):
            raise Unsupported(f"{type(field).__name__} has its own to_representation")
        lookup, relation = _lookup(model, field.source_attrs)
        if not relation.is_relation:
            raise Unsupported(f"{lookup} is not a relation")
        present = self._column(prefix + lookup)  # the foreign key: None when there is none
        inner = self._display(field, relation.related_model, prefix + lookup + LOOKUP_SEP)
        return f"(None if row[{present}] is None else {inner})"

    def _many(self, field, model) -> str:
        """A nested list over a reverse foreign key (``citations``, ``stages``)."""
        attrs = field.source_attrs
        try:
            relation = model._meta.get_field(attrs[0]) if len(attrs) == 1 else None
        except FieldDoesNotExist:
            relation = None
        if relation is None or not relation.one_to_many:
            raise Unsupported(f"{field.field_name} is not a reverse foreign key")
        if relation.field.target_field.get_internal_type() not in _INTEGER_KEYS:
            raise Unsupported(f"{field.field_name} is not linked by an integer key")
        many = _Many(
            name=field.field_name,
            relation=attrs[0],
            link_column=relation.field.attname,
            child_model=relation.related_model,
            plan=RowPlan(field.child, relation.related_model),
        )
        self.many.append(many)
        return f"children[{many.name!r}].get(row[0], [])"  # row[0]: the primary key

    # --- running it ----------------------------------------------------------------------

    def values(
        self,
        queryset: models.QuerySet,
        extra: Iterable[str] = (),
        *,
        prepare: bool = False,
        lazy: bool = False,
    ) -> models.QuerySet:
        """``queryset`` (filtered and ordered: the API's own) selecting the plan's
        columns and ``extra`` ones (the paginator's ordering fields), as :class:`Row`s;
        ``prepare``: as a prepared statement (see :class:`RowIterable`). ``lazy``: the
        columns are selected only if the statement is compiled (a queryset that is not
        a ``.values()`` one, for the paginator to order and slice)."""
        extra = [name for name in extra if name not in self.columns]
        columns = (*self.columns, *extra)
        prepare = prepare and settings.API_PREPARED_STATEMENTS
        fields = {f.attname: f for f in self.model._meta.concrete_fields}
        binary = self.binary and all(_binary_safe(fields[name]) for name in extra)
        rows = queryset.prefetch_related(None)
        if not lazy:
            rows = rows.values(*columns)
        rows._iterable_class = _iterable(prepare, binary, columns if lazy else None)
        return rows

    def render(self, rows: list[tuple], queryset: models.QuerySet) -> list[dict]:
        """The representations of ``rows``. ``queryset`` is the one they came from: its
        prefetches (``for_api()``'s) select and order the nested lists."""
        children: dict[str, dict[Any, list]] = {}
        if self.many and rows:
            ids = [row[0] for row in rows]
            prefetches = _prefetch_querysets(queryset)
            for many in self.many:
                child_qs = prefetches.get(many.relation)
                if child_qs is None:  # not prefetched: what the related manager gives
                    child_qs = many.child_model._default_manager.all()
                child_rows, link = self._children(many, child_qs, ids)
                grouped: dict[Any, list] = defaultdict(list)
                rendered = many.plan.render(child_rows, child_qs)
                for raw, item in zip(child_rows, rendered, strict=True):
                    grouped[raw[link]].append(item)
                children[many.name] = grouped
        build, iso = self.build, _datetime_writer(timezone.get_current_timezone())
        return [build(row, children, iso) for row in rows]

    def _children(self, many: _Many, child_qs: models.QuerySet, ids: list) -> tuple[list, int]:
        """The rows of ``many`` whose parent is one of ``ids`` (``child_qs``, the prefetch
        queryset, with ``link = ANY(ids)``), and the position of the link in them.

        The statement is compiled once for each shape of ``child_qs`` (the same every
        request: ``for_api()``'s) and run with the page's ids bound to it, on the
        connection of the thread that runs it (a compiler holds the connection of the
        thread that made it: found by fuzzing a threaded gunicorn)."""
        shape = _shape(child_qs)
        key = (many.name, shape)
        statement = self._statements.get(key) if shape is not None else None
        if statement is None:
            link_filter = AnyOf(F(many.link_column), _IDS)
            qs = many.plan.values(child_qs.filter(link_filter), [many.link_column], prepare=True)
            compiler = qs.query.get_compiler(qs.db)
            sql, params = compiler.as_sql()
            names = (*qs.query.extra_select, *qs.query.values_select)
            link = names.index(many.link_column)
            fields = [column[0] for column in compiler.select[: compiler.col_count]]
            if shape is None or compiler.has_extra_select or compiler.get_converters(fields):
                # Not reusable as it is: run through the queryset this time.
                link_filter = AnyOf(F(many.link_column), ids)
                qs = many.plan.values(
                    child_qs.filter(link_filter), [many.link_column], prepare=True
                )
                return list(qs), link
            slot = next(i for i, param in enumerate(params) if param is _IDS)
            statement = (qs.db, sql, list(params), slot, link, qs._iterable_class)
            self._statements[key] = statement
        using, sql, params, slot, link, iterable = statement
        params = [*params[:slot], int_array(ids), *params[slot + 1 :]]
        return _run(connections[using], sql, params, iterable.prepare, iterable.binary), link


def _datetime_writer(tz) -> Callable[[Any], str]:
    """How a datetime is written in the time zone ``tz``, as DRF writes it. In UTC (the
    project's zone), a value PostgreSQL gave in UTC is written as it is, ``Z`` for its
    offset: no conversion (a page has 150 datetimes)."""
    if getattr(tz, "key", None) != "UTC" and tz is not dt.UTC:
        return lambda value: iso_datetime(value, tz)

    def in_utc(value):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else iso_datetime(value, tz)

    return in_utc


_IDS = object()  # where the page's ids go in a nested list's statement


def _shape(queryset: models.QuerySet) -> tuple | None:
    """What a queryset's SQL depends on, as a hashable value, or None when that cannot
    be told for certain (then its statement is compiled anew each time). Only plain
    querysets qualify: filters that compare a column with constants, an order by field
    names; no subquery, expression, annotation, extra, distinct or slice."""
    query = queryset.query
    if (
        query.annotations
        or query.extra
        or query.distinct
        or query.combinator
        or query.low_mark
        or query.high_mark is not None
        or query.select_for_update
        or not all(isinstance(term, str) for term in query.order_by)
        or not _plain(query.where)
    ):
        return None
    joins = tuple((alias, getattr(j, "join_type", None)) for alias, j in query.alias_map.items())
    return (
        queryset.model,
        queryset.db,
        query.where,
        tuple(query.order_by),
        query.default_ordering,
        query.standard_ordering,
        joins,
    )


_CONSTANTS = (str, int, float, bool, Decimal, dt.date, type(None))


def _plain(node) -> bool:
    """A WHERE tree of column-versus-constant lookups only (compared by structure)."""
    if isinstance(node, WhereNode):
        return all(_plain(child) for child in node.children)
    if not isinstance(node, Lookup) or not isinstance(node.lhs, Col):
        return False
    rhs = node.rhs
    if isinstance(rhs, list | tuple | set | frozenset):
        return all(isinstance(value, _CONSTANTS) for value in rhs)
    return isinstance(rhs, _CONSTANTS)


class AnyOf(Lookup):
    """``column = ANY(%s::bigint[])``: the ids (integers) as one array parameter, sent as
    its text (``{3,2,1}``). Unlike ``IN (%s, %s ...)`` the statement is the same whatever
    the page size, and neither Django nor psycopg handles the values one by one."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        array_type = self.lhs.output_field.rel_db_type(connection)
        if array_type not in ("bigint", "integer", "smallint"):
            raise Unsupported(f"ids of type {array_type}")
        values = self.rhs if self.rhs is _IDS else int_array(self.rhs)
        return f"{lhs} = ANY(%s::{array_type}[])", (*params, values)


_INTEGER_KEYS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


def int_array(values) -> str:
    """``[3, 2, 1]`` as PostgreSQL's text of an array, ``{3,2,1}``."""
    return "{" + ",".join(str(int(value)) for value in values) + "}"


def _prefetch_querysets(queryset: models.QuerySet) -> dict[str, models.QuerySet]:
    """``{relation: queryset}`` of the ``Prefetch`` objects on ``queryset``."""
    found = {}
    for lookup in queryset._prefetch_related_lookups:
        plain = isinstance(lookup, Prefetch) and lookup.prefetch_to == lookup.prefetch_through
        if plain and lookup.queryset is not None and LOOKUP_SEP not in lookup.prefetch_to:
            found[lookup.prefetch_to] = lookup.queryset
    return found


@functools.cache
def compile_plan(serializer_class, model) -> RowPlan | None:
    """The plan for ``serializer_class``, or None when it has a field this cannot read;
    made once per serializer and model (a plan also keeps its compiled statements)."""
    try:
        return RowPlan(serializer_class(), model)
    except Unsupported:
        return None


# --- the viewset side --------------------------------------------------------------------


class FastReadMixin:
    """``list`` and ``retrieve`` from ``.values()`` rows (see the module docstring).

    Put it before ``DomainViewSet`` in the bases. ``fast_read = False`` on a viewset, or
    :attr:`FastReadMixin.enabled` off (tests compare both ways), serves them the usual
    way. ``retrieve`` stays the viewset's own (ETag included): :meth:`get_object` answers
    the rendered row, and :meth:`get_serializer` hands it back as the data.
    """

    fast_read = True
    enabled = True
    _querysets: dict = {}

    def fast_queryset(self) -> models.QuerySet:
        """``get_queryset()``, made once per viewset and reader's visibility and cloned
        for each request: building ``for_api()``'s filter, joins and prefetches cost
        ~0.2-0.3 ms a request (measured A/B in-process, 1.32-1.57 ms -> 1.15-1.20 ms for
        a one-row page). Only the fast path uses it: it compiles the queryset to SQL and
        reads its prefetch querysets, never runs them (Django's prefetching would add
        hints to those shared querysets). A viewset with a ``get_queryset`` of its own,
        which may read the request, is asked each time."""
        from api.viewsets import DomainViewSet

        if type(self).get_queryset is not DomainViewSet.get_queryset:
            return self.get_queryset()
        key = (type(self), self.verified_only() if self.claim_model is not None else None)
        base = FastReadMixin._querysets.get(key)
        if base is None:
            base = FastReadMixin._querysets[key] = self.get_queryset()
        return base.all()

    def row_plan(self) -> RowPlan | None:
        if not (self.fast_read and FastReadMixin.enabled) or self.request.method != "GET":
            return None
        return compile_plan(self.get_serializer_class(), self.queryset.model)

    def filter_params_sent(self) -> bool:
        """Whether the query string has a non-empty value for one of the filters."""
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is None:
            return False
        params = self.request.query_params
        return any(
            value != "" for name in filterset_class.base_filters for value in params.getlist(name)
        )

    def filter_queryset(self, queryset):
        # A filterset with nothing to filter builds a form and changes nothing (~0.6 ms).
        fast = getattr(self, "action", None) in ("list", "retrieve") and self.row_plan()
        if fast and not self.filter_params_sent():
            for backend in self.filter_backends:
                if not issubclass(backend, DjangoFilterBackend):
                    queryset = backend().filter_queryset(self.request, queryset, self)
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        plan = self.row_plan()
        if plan is None:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.fast_queryset())
        # The paginator reads a row's position from its ordering fields.
        columns = {f.attname for f in plan.model._meta.concrete_fields if not f.is_relation}
        ordering = [name for name in getattr(self, "ordering_fields", ()) or () if name in columns]
        rows = plan.values(queryset, ordering, prepare=not self.filter_params_sent(), lazy=True)
        page = self.paginate_queryset(rows)
        if page is None:
            return Response(plan.render(list(rows), queryset))
        return self.get_paginated_response(plan.render(page, queryset))

    def get_object(self):
        plan = self.row_plan() if getattr(self, "action", None) == "retrieve" else None
        if plan is None or any(
            _own(permission, BasePermission, "has_object_permission")
            for permission in self.get_permissions()
        ):
            return super().get_object()
        queryset = self.filter_queryset(self.fast_queryset())
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        row = get_object_or_404(
            plan.values(queryset, prepare=True, lazy=True),
            **{self.lookup_field: self.kwargs[lookup_url_kwarg]},
        )
        return _Rendered(plan.render([row], queryset)[0])

    def get_serializer(self, *args, **kwargs):
        if args and isinstance(args[0], _Rendered):
            return args[0]
        return super().get_serializer(*args, **kwargs)


class _Rendered:
    """Stands in for a serializer whose ``data`` is made already."""

    __slots__ = ("data",)

    def __init__(self, data: dict):
        self.data = data
