"""One plain builder per read serializer: its representation from a row of columns.

A :class:`RowPlan` reads a serializer's declared fields once and says which columns a
``.values()`` query must select (``actor__code`` for ``source="actor.code"``, the
columns of a nested ``actor_summary``) and how each becomes what the serializer answers
(the conversions of :func:`api.serializers.value_converter`). ``plan.build(row, ...)``
then makes the dict, keys in the serializer's order. A nested list over a reverse
foreign key (``citations``) is a :class:`Nested` with a plan of its own; api/fastread.py
selects its rows. A field that is not a column (a ``SerializerMethodField``, a source of
``*``, a custom ``get_attribute`` or ``to_representation``) raises :class:`Unsupported`,
and the serializer is served the usual way.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from rest_framework import serializers

from api.serializers import (
    FastReadSerializerMixin,
    blank_as_null,
    datetime_in_current_zone,
    value_converter,
)


class Unsupported(Exception):
    """The serializer has a field that cannot be read from a column."""


class Row(tuple):
    """A row of a statement: a tuple that also answers attribute access by column name
    (``row.id``), so the keyset paginator reads a cursor position from it as from a
    model instance."""

    __slots__ = ()
    positions: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self[self.positions[name]]
        except KeyError:
            raise AttributeError(name) from None


_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}


def row_class(names: tuple[str, ...]) -> type[Row]:
    """The :class:`Row` class of a statement's columns (one per list of names)."""
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        positions = {name: position for position, name in enumerate(names)}
        cls = type("Row", (Row,), {"__slots__": (), "positions": positions})
        _ROW_CLASSES[names] = cls
    return cls


# Columns Django reads with loaders of its own, for the text format only: JSON as text
# (its JSONField decodes it), addresses as strings.
_TEXT_ONLY_TYPES = {"JSONField", "GenericIPAddressField", "IPAddressField"}


def binary_safe(field: models.Field) -> bool:
    """Whether psycopg's binary loaders give the value Django would (no text loader or
    ``from_db_value`` of Django's needed)."""
    while hasattr(field, "base_field"):  # ArrayField
        field = field.base_field
    return field.get_internal_type() not in _TEXT_ONLY_TYPES and not hasattr(field, "from_db_value")


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


def _compilable(serializer) -> None:
    if not isinstance(serializer, FastReadSerializerMixin) or _own(
        serializer, FastReadSerializerMixin, "to_representation"
    ):
        raise Unsupported(f"{type(serializer).__name__} has its own to_representation")


@dataclass
class Nested:
    """A nested list (``citations``) over a reverse foreign key."""

    name: str  # key in the answer
    relation: str  # the reverse accessor on the parent (``citations``)
    link_column: str  # the child's foreign key column to the parent (``pledge_id``)
    child_model: type[models.Model]
    plan: RowPlan


class _Shape:
    """The builder of one (possibly nested) serializer over the plan's row.

    ``build`` picks every field's column at once (``itemgetter``), then fixes the few
    that need it, one loop per kind of fix, and zips the keys on."""

    def __init__(self, keys, positions):
        self.keys = tuple(keys)
        self.positions = tuple(positions)
        self.pick = itemgetter(*positions) if len(positions) != 1 else _one(positions[0])
        self.datetimes: list[int] = []  # slots: iso(value) unless None
        self.converted: list[tuple[int, Any]] = []  # slots: convert(value) unless None
        self.blanks: list[int] = []  # slots: value or None
        self.nested: list[tuple[int, int, _Shape]] = []  # slot, foreign key column, shape
        self.lists: list[tuple[int, str]] = []  # slot, name of the nested list

    def build(self, row: tuple, children: dict, iso) -> dict:
        values = list(self.pick(row))
        for slot in self.datetimes:
            if (value := values[slot]) is not None:
                values[slot] = iso(value)
        for slot, convert in self.converted:
            if (value := values[slot]) is not None:
                values[slot] = convert(value)
        for slot in self.blanks:
            values[slot] = values[slot] or None
        for slot, present, shape in self.nested:
            values[slot] = None if row[present] is None else shape.build(row, children, iso)
        for slot, name in self.lists:
            values[slot] = children[name].get(row[0], [])
        return dict(zip(self.keys, values, strict=False))


def _one(position: int):
    return lambda row: (row[position],)


class RowPlan:
    """How to answer a read serializer's representation from rows of its columns:
    ``columns`` to select (the primary key first), ``many`` nested lists, and
    ``build(row, children, iso)``, where ``children[name]`` maps a parent's id to its
    rendered nested items and ``iso`` writes a datetime."""

    def __init__(self, serializer: serializers.Serializer, model: type[models.Model]):
        _compilable(serializer)
        self.model = model
        self.pk = model._meta.pk.attname
        self.columns: list[str] = [self.pk]
        self.fields: dict[str, models.Field] = {self.pk: model._meta.pk}  # by column
        self.binary = True  # every column can be read in binary (see binary_safe)
        self.many: list[Nested] = []
        self.shape = self._shape(serializer, model, "")
        self.build = self.shape.build

    def _column(self, lookup: str) -> int:
        if lookup not in self.columns:
            self.columns.append(lookup)
        return self.columns.index(lookup)

    def _shape(self, serializer, model, prefix: str) -> _Shape:
        fields = [(name, f) for name, f in serializer.fields.items() if not f.write_only]
        positions: list[int] = []
        fixes: list = []
        for slot, (_name, field) in enumerate(fields):
            position, fix = self._field(field, model, prefix)
            positions.append(position)
            fixes.append((slot, fix))
        shape = _Shape([name for name, _ in fields], positions)
        for slot, fix in fixes:
            if fix is None:
                continue
            kind, arg = fix
            if kind == "datetime":
                shape.datetimes.append(slot)
            elif kind == "convert":
                shape.converted.append((slot, arg))
            elif kind == "blank":
                shape.blanks.append(slot)
            elif kind == "nested":
                shape.nested.append((slot, *arg))
            else:
                shape.lists.append((slot, arg))
        return shape

    def _field(self, field, model, prefix: str) -> tuple[int, tuple | None]:
        """The field's column position in the row, and how to fix its value (or None)."""
        if isinstance(field, serializers.ListSerializer):
            if prefix:
                raise Unsupported("a nested list inside a nested object")
            return 0, ("list", self._many(field, model))
        if isinstance(field, serializers.BaseSerializer):
            _compilable(field)
            lookup, relation = _lookup(model, field.source_attrs)
            if not relation.is_relation:
                raise Unsupported(f"{lookup} is not a relation")
            present = self._column(prefix + lookup)  # the foreign key: None when there is none
            self.fields[prefix + lookup] = relation
            inner = self._shape(field, relation.related_model, prefix + lookup + LOOKUP_SEP)
            return 0, ("nested", (present, inner))
        if isinstance(field, serializers.SerializerMethodField | serializers.HiddenField) or _own(
            field, serializers.Field, "get_attribute"
        ):
            raise Unsupported(f"{type(field).__name__} reads more than a column")
        lookup, model_field = _lookup(model, field.source_attrs)
        if model_field.is_relation and lookup.split(LOOKUP_SEP)[-1] == model_field.name:
            raise Unsupported(f"{lookup} is a related object, not a column")
        self.binary = self.binary and binary_safe(model_field)
        position = self._column(prefix + lookup)
        self.fields[prefix + lookup] = model_field
        convert = value_converter(field)
        if convert is None:
            return position, None
        if convert is blank_as_null:
            return position, ("blank", None)
        if convert is datetime_in_current_zone:
            return position, ("datetime", None)
        return position, ("convert", convert)

    def _many(self, field, model) -> str:
        attrs = field.source_attrs
        try:
            relation = model._meta.get_field(attrs[0]) if len(attrs) == 1 else None
        except FieldDoesNotExist:
            relation = None
        if relation is None or not relation.one_to_many:
            raise Unsupported(f"{field.field_name} is not a reverse foreign key")
        if relation.field.target_field.get_internal_type() not in INTEGER_FIELD_TYPES:
            raise Unsupported(f"{field.field_name} is not linked by an integer key")
        plan = RowPlan(field.child, relation.related_model)
        if plan.many:
            raise Unsupported(f"{field.field_name} has nested lists of its own")
        self.many.append(
            Nested(
                name=field.field_name,
                relation=attrs[0],
                link_column=relation.field.attname,
                child_model=relation.related_model,
                plan=plan,
            )
        )
        return field.field_name


# Model field types whose values are integers (keys, counts).
INTEGER_FIELD_TYPES = {
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
