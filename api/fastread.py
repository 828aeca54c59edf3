"""GET lists and objects answered from ``.values()`` rows instead of model instances.

A page of 50 pledges through the ORM builds some 440 model instances and runs Django's
prefetch machinery before the serializer reads them back. Here the read serializer's
:class:`api.rows.RowPlan` says which columns to select. A list reads its page's keys
with one ``.values()`` statement, then PostgreSQL writes the page's JSON in a second
(api/pagejson.py), nested lists included, when every field has an SQL twin; otherwise
the plan builds the dicts in Python from the page's rows and one statement per nested
list over the queryset the model's ``for_api()`` prefetches. An object is built in
Python. The answer is the serializer's, byte for byte (tests/perf/test_fast_read.py);
a serializer the plan cannot read is served the usual way. Writes never come here.

The statements that come back request after request with other values (a list's pages
without filters, an object by id, the nested lists, the page's JSON) are kept compiled,
keyed by what the request asked for, and prepared on the connection
(api/statements.py; ``API_PREPARED_STATEMENTS=false`` turns preparing off).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import orjson
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ValidationError
from django.db import connections, models
from django.db.models import F, Lookup, Prefetch, Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import Col, OrderBy
from django.db.models.sql.where import WhereNode
from django.http import Http404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from api.pagejson import PageJson
from api.renderers import ORJSONRenderer
from api.rows import Row, RowPlan, Unsupported, binary_safe, row_class
from api.serializers import iso_datetime
from api.statements import int_array, preparing_connection, run

__all__ = [
    "FastReadMixin",
    "ReadPlan",
    "RowPlan",
    "Rows",
    "Unsupported",
    "compile_plan",
    "int_array",
    "preparing_connection",
    "run",
]


# Statements kept compiled: {key: (sql, params before the bound values)}, capped in case
# a client walks every limit from 1 to 200 with every ordering.
_STATEMENTS: dict[tuple, tuple[str, list]] = {}
_MAX_STATEMENTS = 500


class Rows:
    """The rows of ``plan.columns`` (and ``extra`` ones) that ``queryset`` selects, as
    :class:`Row` tuples: what the paginator orders, filters and slices, and iterates.

    ``order_by``, ``filter`` and a slice are recorded and applied when the statement is
    compiled. With a ``key`` (what the caller's queryset depends on, see
    :meth:`FastReadMixin.statement_key`), the statement is kept compiled under that key,
    the recorded operations and the shape of their filters, and run again with the new
    filters' values bound: no ORM work at all for the second page of a list.

    ``queryset`` may be a function that makes it, called only when a statement is
    compiled; ``using`` then names the database."""

    def __init__(
        self,
        plan: RowPlan,
        queryset,
        extra=(),
        *,
        key=None,
        only_keys=False,
        page_json=None,
        using=None,
    ):
        self.plan = plan
        self.made = {"queryset": queryset} if isinstance(queryset, models.QuerySet) else {}
        self.make_queryset = queryset
        self.using = using
        selected = [plan.pk] if only_keys else plan.columns
        self.columns = (*selected, *(name for name in extra if name not in selected))
        fields = {f.attname: f for f in plan.model._meta.concrete_fields}
        extra_fields = [fields[name] for name in self.columns[len(selected) :]]
        self.binary = (only_keys or plan.binary) and all(map(binary_safe, extra_fields))
        self.key = key
        self.ordering: tuple | None = None
        self.filters: tuple[Q, ...] = ()
        self.limits: tuple[int | None, int | None] = (None, None)
        # With a PageJson, the rows' objects come in the same statement: {pk: JSON bytes},
        # shared by the copies the paginator makes.
        self.page_json = page_json
        self.objects: dict[Any, bytes] = {}

    @property
    def queryset(self) -> models.QuerySet:
        if "queryset" not in self.made:  # shared by the copies
            self.made["queryset"] = self.make_queryset()
        return self.made["queryset"]

    @property
    def model(self) -> type[models.Model]:
        return self.plan.model

    @property
    def db(self) -> str:
        return self.using or self.queryset.db

    def _copy(self, **changes) -> Rows:
        copy = object.__new__(Rows)
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def order_by(self, *terms) -> Rows:
        return self._copy(ordering=terms)

    def filter(self, *args, **kwargs) -> Rows:
        return self._copy(filters=(*self.filters, Q(*args, **kwargs)))

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step is not None:
            return list(self)[item]
        low, high = self.limits
        start, stop = item.start or 0, item.stop
        if (start and start < 0) or (stop is not None and stop < 0):
            raise ValueError("Negative indexing is not supported.")
        new_low = (low or 0) + start
        new_high = stop + (low or 0) if stop is not None else high
        if high is not None and new_high is not None:
            new_high = min(new_high, high)
        return self._copy(limits=(new_low or None, new_high))

    def __iter__(self):
        return iter(self.fetch())

    def get(self, **kwargs) -> Row:
        rows = self.filter(**kwargs)[:2].fetch()
        if len(rows) != 1:
            raise (self.model.DoesNotExist if not rows else self.model.MultipleObjectsReturned)
        return rows[0]

    def values_queryset(self) -> models.QuerySet:
        """The recorded operations applied to the queryset, as ``.values_list()``."""
        queryset = self.queryset.prefetch_related(None)
        for condition in self.filters:
            queryset = queryset.filter(condition)
        if self.ordering is not None:
            queryset = queryset.order_by(*self.ordering)
        queryset = queryset.values_list(*self.columns)
        low, high = self.limits
        if low is not None or high is not None:
            queryset = queryset[low or 0 : high]
        return queryset

    def statement(self) -> tuple[tuple, list] | None:
        """``(key, values)``: what the statement depends on besides the values that its
        recorded filters compare columns with, and those values as Django binds them;
        None when that cannot be told for certain (no key, a filter other than
        ``column <op> constant``, an ordering by anything but a field)."""
        if self.key is None:
            return None
        values: list = []
        connection = connections[self.db]
        try:
            filters = tuple(_q_skeleton(q, self.model, values, connection) for q in self.filters)
            ordering = None if self.ordering is None else tuple(map(_order_term, self.ordering))
        except _NotPlain:
            return None
        key = (self.key, self.columns, filters, ordering, self.limits, self.page_json)
        return key, values

    def fetch(self) -> list[Row]:
        names = row_class(self.columns)
        statement = self.statement()
        if statement is not None and (kept := _STATEMENTS.get(statement[0])) is not None:
            sql, prefix, suffix, with_objects = kept
            rows = self._run(sql, [*prefix, *statement[1], *suffix], prepare=True)
            return self._rows(names, rows, with_objects)
        queryset = self.values_queryset()
        if not self.binary:  # a column needs Django's loaders or converters
            return list(map(names, queryset))
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return []
        params, suffix = list(params), []
        order = self._sql_order() if self.page_json is not None else None
        if order is not None:  # the keys and the page's JSON in one statement
            fields = _by_attname(self.model)
            columns = [fields[name].column for name in self.columns]
            sql = self.page_json.with_keys(sql, columns, order)
            suffix = list(self.page_json.cte_params)
        rows = self._run(sql, [*params, *suffix], prepare=statement is not None)
        if statement is not None and len(_STATEMENTS) < _MAX_STATEMENTS:
            key, values = statement
            split = len(params) - len(values)
            if split >= 0 and params[split:] == values:  # the values are bound as expected
                _STATEMENTS[key] = (sql, params[:split], suffix, order is not None)
        return self._rows(names, rows, order is not None)

    def _rows(self, names, rows: list[tuple], with_objects: bool) -> list[Row]:
        if not with_objects:
            return list(map(names, rows))
        self.objects.update((row[0], row[-1]) for row in rows)
        return [names(row[:-1]) for row in rows]

    def _sql_order(self) -> list[tuple[str, str]] | None:
        """The recorded ordering over the selected columns, as ``(column, "DESC ...")``
        for :meth:`api.pagejson.PageJson.with_keys`; None when it is not one of fields
        among them (the page's JSON is then built in a second statement)."""
        if not self.ordering:
            return None
        order = []
        for term in self.ordering:
            if isinstance(term, str):
                name, descending, first, last = term.lstrip("-"), term.startswith("-"), None, None
            elif isinstance(term, OrderBy) and isinstance(term.expression, F):
                name, descending = term.expression.name, term.descending
                first, last = term.nulls_first, term.nulls_last
            else:
                return None
            field = self.model._meta.pk if name == "pk" else _by_attname(self.model).get(name)
            if field is None or field.attname not in self.columns:
                return None
            direction = "DESC" if descending else "ASC"
            if first:
                direction += " NULLS FIRST"
            elif last:
                direction += " NULLS LAST"
            order.append((field.column, direction))
        return order

    def _run(self, sql, params, *, prepare: bool) -> list[tuple]:
        return run(connections[self.db], sql, params, prepare=prepare, binary=self.binary)


@functools.cache
def _by_attname(model: type[models.Model]) -> dict[str, models.Field]:
    return {field.attname: field for field in model._meta.concrete_fields}


class _NotPlain(Exception):
    pass


# Lookups compiled as ``column <op> %s`` with the value itself as the parameter.
_ONE_VALUE = {"", "exact", "lt", "lte", "gt", "gte"}
_CONSTANTS = (str, int, float, bool, Decimal, dt.date, type(None))


def _q_skeleton(node, model, values: list, connection):
    """A ``Q`` tree with its compared values taken out (into ``values``, prepared for the
    database as Django prepares them), or :class:`_NotPlain`."""
    if isinstance(node, Q):
        children = tuple(_q_skeleton(child, model, values, connection) for child in node.children)
        return (node.connector, node.negated, children)
    if not isinstance(node, tuple) or len(node) != 2:
        raise _NotPlain
    lookup, value = node
    name, _, kind = lookup.partition(LOOKUP_SEP)
    try:
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    except FieldDoesNotExist:
        raise _NotPlain from None
    if field.is_relation or LOOKUP_SEP in kind:
        raise _NotPlain
    if kind == "isnull" and isinstance(value, bool):
        return (lookup, value)  # no parameter
    if kind == "in" and isinstance(value, list | tuple) and not value:
        return (lookup, ())  # always false: no parameter
    if kind not in _ONE_VALUE or value is None or not isinstance(value, _CONSTANTS):
        raise _NotPlain
    try:
        prepared = field.get_db_prep_value(field.get_prep_value(value), connection, prepared=True)
    except (TypeError, ValueError, ValidationError):
        raise _NotPlain from None
    if isinstance(prepared, int) and not -(2**63) <= prepared < 2**63:
        raise _NotPlain  # Django answers no rows without asking the database
    values.append(prepared)
    return (lookup, type(value))


def _order_term(term):
    if isinstance(term, str):
        return term
    if isinstance(term, OrderBy) and isinstance(term.expression, F):
        return (term.expression.name, term.descending, term.nulls_first, term.nulls_last)
    raise _NotPlain


# --- nested lists ---------------------------------------------------------------------------


@functools.cache
def declared_prefetches(model: type[models.Model], **for_api_kwargs) -> dict[str, Any]:
    """``{relation: queryset}`` of the ``Prefetch`` lookups that ``model``'s
    ``for_api(**for_api_kwargs)`` declares, recorded as it calls ``prefetch_related()``
    on a queryset of its own class (a plain lookup maps to None: the related manager's
    rows). Made once: ``for_api()`` is a pure description of the API's read shape."""
    recorded: list = []
    queryset_class = type(model._meta.default_manager.all())

    class Recording(queryset_class):
        def prefetch_related(self, *lookups):
            if lookups == (None,):
                recorded.clear()
            else:
                recorded.extend(lookups)
            return super().prefetch_related(*lookups)

    Recording(model=model).for_api(**for_api_kwargs)
    found: dict[str, Any] = {}
    for lookup in recorded:
        if isinstance(lookup, str) and LOOKUP_SEP not in lookup:
            found[lookup] = None
        elif (
            isinstance(lookup, Prefetch)
            and lookup.prefetch_to == lookup.prefetch_through
            and LOOKUP_SEP not in lookup.prefetch_to
        ):
            found[lookup.prefetch_to] = lookup.queryset
    return found


def statement_shape(queryset: models.QuerySet) -> tuple | None:
    """What a nested list's queryset compiles to, as a hashable value, or None when that
    cannot be told for certain (then its statement is compiled each time): only plain
    querysets, whose filters compare columns with constants and whose order is by
    field names; no annotation, extra, distinct, slice or subquery."""
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
    return (
        queryset.model,
        query.where,
        tuple(query.order_by),
        query.default_ordering,
        query.standard_ordering,
        _frozen(query.select_related),
    )


def _frozen(value):
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(inner)) for key, inner in value.items()))
    return value


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


_IDS = object()  # where the page's ids go in a nested list's statement


class AnyOf(Lookup):
    """``column = ANY(%s::bigint[])``: the ids as one array parameter, sent as its text
    (``{3,2,1}``), so the statement is the same whatever the page size."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        array_type = self.lhs.output_field.rel_db_type(connection)
        if array_type not in ("bigint", "integer", "smallint"):
            raise Unsupported(f"ids of type {array_type}")
        values = self.rhs if self.rhs is _IDS else int_array(self.rhs)
        return f"{lhs} = ANY(%s::{array_type}[])", (*params, values)


# {(model, relation, shape): (db alias, sql, params, slot of the ids, binary)}
_NESTED: dict[tuple, tuple] = {}


def _nested_rows(nested, child_qs, ids: list) -> tuple[list[tuple], int]:
    """The rows of ``nested`` (its plan's columns, and the link to the parent) whose
    parent is one of ``ids``: ``child_qs`` with ``link = ANY(ids)``, compiled once per
    shape of ``child_qs`` and run with the page's ids bound, on the connection of the
    thread that runs it; and the position of the link in them."""
    columns = tuple(nested.plan.columns)
    if nested.link_column not in columns:
        columns = (*columns, nested.link_column)
    link = columns.index(nested.link_column)
    shape = statement_shape(child_qs)
    key = (nested.child_model, nested.relation, shape) if shape is not None else None
    kept = _NESTED.get(key) if key is not None else None
    if kept is None:
        queryset = child_qs.prefetch_related(None).filter(AnyOf(F(nested.link_column), _IDS))
        queryset = queryset.values_list(*columns)
        binary = nested.plan.binary
        sql, params = queryset.query.sql_with_params()
        params = list(params)
        slot = next(i for i, param in enumerate(params) if param is _IDS)
        kept = (queryset.db, sql, params, slot, link, binary)
        if not binary:  # a column needs Django's loaders: through the queryset
            queryset = child_qs.prefetch_related(None).filter(AnyOf(F(nested.link_column), ids))
            return list(queryset.values_list(*columns)), link
        if key is not None:
            _NESTED[key] = kept
    using, sql, params, slot, link, binary = kept
    params = [*params[:slot], int_array(ids), *params[slot + 1 :]]
    return run(connections[using], sql, params, prepare=True, binary=binary), link


def _datetime_writer(tz) -> Callable[[Any], str]:
    """How a datetime is written in the time zone ``tz``, as DRF writes it. In UTC (the
    project's zone), a value PostgreSQL gave in UTC is written as it is, ``Z`` for its
    offset: no conversion."""
    if getattr(tz, "key", None) != "UTC" and tz is not dt.UTC:
        return lambda value: iso_datetime(value, tz)

    def in_utc(value):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else iso_datetime(value, tz)

    return in_utc


class ReadPlan(RowPlan):
    """A :class:`RowPlan` that also selects its rows and renders them."""

    def values(
        self,
        queryset: models.QuerySet,
        extra: Iterable[str] = (),
        *,
        key=None,
        only_keys=False,
        page_json=None,
        using=None,
    ) -> Rows:
        """The rows of ``queryset`` (filtered and ordered: the API's own) with the plan's
        columns and ``extra`` ones (the paginator's ordering fields), or only the primary
        key and those (``only_keys``); ``key``: see :class:`Rows`."""
        return Rows(
            self, queryset, extra, key=key, only_keys=only_keys, page_json=page_json, using=using
        )

    def render(self, rows: list[tuple], queryset=None, *, nested: dict | None = None) -> list:
        """The representations of ``rows``. The nested lists are selected and ordered as
        ``nested`` (``{relation: queryset}``) says, by default as the ``for_api()`` of
        ``queryset``'s model prefetches them."""
        children: dict[str, dict[Any, list]] = {}
        if self.many and rows:
            if nested is None:
                nested = declared_prefetches(self.model)
            ids = [row[0] for row in rows]
            for many in self.many:
                child_qs = nested.get(many.relation)
                if child_qs is None:  # not prefetched: what the related manager gives
                    child_qs = many.child_model._meta.default_manager.all()
                child_rows, link = _nested_rows(many, child_qs, ids)
                grouped: dict[Any, list] = defaultdict(list)
                build, iso = many.plan.build, _datetime_writer(timezone.get_current_timezone())
                for raw in child_rows:
                    grouped[raw[link]].append(build(raw, {}, iso))
                children[many.name] = grouped
        build, iso = self.build, _datetime_writer(timezone.get_current_timezone())
        return [build(row, children, iso) for row in rows]


@functools.cache
def compile_plan(serializer_class, model) -> ReadPlan | None:
    """The plan for ``serializer_class``, or None when it has a field this cannot read;
    made once per serializer and model."""
    try:
        return ReadPlan(serializer_class(), model)
    except Unsupported:
        return None


# --- the viewset side --------------------------------------------------------------------


class FastReadMixin:
    """``list`` and ``retrieve`` from ``.values()`` rows (see the module docstring).

    Put it before ``DomainViewSet`` in the bases. ``fast_read = False`` on a viewset, or
    :attr:`FastReadMixin.enabled` off (tests compare both ways), serves them the usual
    way, as does a viewset with a ``get_queryset`` of its own (it may read the request).
    ``retrieve`` stays the viewset's own (ETag included): :meth:`get_object` answers the
    rendered row, and :meth:`get_serializer` hands it back as the data.
    """

    fast_read = True
    enabled = True
    _querysets: dict = {}

    def visibility_key(self) -> tuple:
        """What the base queryset depends on: the viewset and what its reader may see."""
        return (type(self), self.verified_only() if self.claim_model is not None else None)

    def fast_queryset(self) -> models.QuerySet:
        """``get_queryset()``, made once per :meth:`visibility_key` and cloned for each
        request (building ``for_api()``'s joins and prefetches each time costs more than
        the rest of the ORM work). Only compiled to SQL, never run through Django's
        prefetching, which would add hints to the shared queryset."""
        return self._base_queryset().all()

    def _base_queryset(self) -> models.QuerySet:
        key = self.visibility_key()
        base = FastReadMixin._querysets.get(key)
        if base is None:
            base = FastReadMixin._querysets[key] = self.get_queryset()
        return base

    def nested_querysets(self) -> dict:
        """The querysets of the nested lists, as ``get_queryset()``'s ``for_api()``
        prefetches them."""
        model = self.queryset.model
        if self.claim_model is None:
            return declared_prefetches(model)
        return declared_prefetches(model, verified_only=self.verified_only())

    def statement_key(self) -> tuple | None:
        """What a list's or an object's statement depends on besides the paginator's and
        the lookup's values: the visibility and the query string but its cursor (None:
        filters sent, each request is compiled and planned for its values)."""
        if self.filter_params_sent():
            return None
        params = self.request.query_params
        sent = tuple(sorted((k, tuple(params.getlist(k))) for k in params if k != "cursor"))
        return (*self.visibility_key(), getattr(self, "action", None), sent)

    def row_plan(self) -> ReadPlan | None:
        from api.viewsets import DomainViewSet

        if not (self.fast_read and FastReadMixin.enabled) or self.request.method != "GET":
            return None
        if type(self).get_queryset is not DomainViewSet.get_queryset:
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
        # A filterset with nothing to filter builds a form and changes nothing.
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
        key = self.statement_key()
        if key is None:
            queryset = self.filter_queryset(self.fast_queryset())
            using = queryset.db
        else:  # made only if the statement is not kept already
            queryset = self._filtered_queryset
            using = self._base_queryset().db  # the router, asked for this request
        # The paginator reads a row's position from its ordering fields.
        ordering = _ordering_columns(plan.model, tuple(getattr(self, "ordering_fields", ()) or ()))
        nested = self.nested_querysets()
        page_json = self.page_json(plan, nested, using)
        if page_json is None:  # the page's objects built in Python
            rows = plan.values(queryset, ordering, key=key, using=using)
            page = self.paginate_queryset(rows)
            if page is None:
                return Response(plan.render(list(rows), nested=nested))
            return self.get_paginated_response(plan.render(page, nested=nested))
        # The page's JSON built by PostgreSQL, with the page's keys in the same statement
        # (a second one when the keys' statement cannot carry it).
        rows = plan.values(
            queryset, ordering, key=key, only_keys=True, page_json=page_json, using=using
        )
        page = self.paginate_queryset(rows)
        shown = page if page is not None else list(rows)
        ids = [row[0] for row in shown]
        if all(pk in rows.objects for pk in ids):
            results = b"[" + b",".join([rows.objects[pk] for pk in ids]) + b"]"
        else:
            results = page_json.render(ids, rows.db)
        if page is None:
            return Response(orjson.Fragment(results))
        return self.get_paginated_response(orjson.Fragment(results))

    def _filtered_queryset(self) -> models.QuerySet:
        return self.filter_queryset(self.fast_queryset())

    def page_json(self, plan: ReadPlan, nested: dict, using: str) -> PageJson | None:
        """The statement that builds the page's JSON in PostgreSQL, or None when the
        answer is built in Python: another renderer than the JSON one, a time zone other
        than UTC (PostgreSQL writes UTC), a field whose conversion has no SQL twin."""
        renderer = getattr(self.request, "accepted_renderer", None)
        if not isinstance(renderer, ORJSONRenderer) or not _in_utc(timezone.get_current_timezone()):
            return None
        # ``nested`` is declared_prefetches()'s, made once: known by its identity.
        key = (plan, using, id(nested))
        if key not in _PAGES:
            page = None
            if all(statement_shape(qs) is not None for qs in nested.values() if qs is not None):
                with contextlib.suppress(Unsupported):
                    page = PageJson(plan, nested, using)
            _PAGES[key] = (nested, page)
        return _PAGES[key][1]

    def get_object(self):
        plan = self.row_plan() if getattr(self, "action", None) == "retrieve" else None
        if plan is None or any(
            _own(permission, BasePermission, "has_object_permission")
            for permission in self.get_permissions()
        ):
            return super().get_object()
        queryset = self.filter_queryset(self.fast_queryset())
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        rows = plan.values(queryset, key=self.statement_key())
        try:
            row = rows.get(**{self.lookup_field: self.kwargs[lookup_url_kwarg]})
        except (plan.model.DoesNotExist, TypeError, ValueError, ValidationError):
            raise Http404 from None
        return _Rendered(plan.render([row], nested=self.nested_querysets())[0])

    def get_serializer(self, *args, **kwargs):
        if args and isinstance(args[0], _Rendered):
            return args[0]
        return super().get_serializer(*args, **kwargs)


_PAGES: dict[tuple, tuple[dict, PageJson | None]] = {}


@functools.cache
def _ordering_columns(model: type[models.Model], names: tuple[str, ...]) -> list[str]:
    """Those of a viewset's ``ordering_fields`` that are columns of ``model``'s own."""
    columns = {f.attname for f in model._meta.concrete_fields if not f.is_relation}
    return [name for name in names if name in columns]


def _in_utc(tz) -> bool:
    return getattr(tz, "key", None) == "UTC" or tz is dt.UTC


def _own(obj, base, method: str) -> bool:
    """Whether ``obj``'s class overrides ``base.method``."""
    return getattr(type(obj), method) is not getattr(base, method)


class _Rendered:
    """Stands in for a serializer whose ``data`` is made already."""

    __slots__ = ("data",)

    def __init__(self, data: dict):
        self.data = data
