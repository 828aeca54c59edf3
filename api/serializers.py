"""Serializer pieces every app's API shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings


class QueryParamsSerializer(serializers.Serializer):
    """Validates a query string (``data=request.query_params``). An empty parameter
    (``?since=``, ``?status=&status=member``'s first value) counts as not sent, as in
    every list filter."""

    def to_internal_value(self, data):
        data = data.copy()
        for key in self.fields:
            values = [v for v in data.getlist(key) if v != ""]
            if values:
                data.setlist(key, values)
            elif key in data:
                del data[key]
        return super().to_internal_value(data)


class NullableChoiceField(serializers.ChoiceField):
    """A choice stored as ``""`` when absent, shown as ``null``; accepted as ``null`` or
    ``""`` (v1 spelt "none" both ways in different requests; input takes either).

    Answers give generated clients ``Enum | None`` instead of an enum with an empty member.
    """

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        # Input takes "" too (the request schema adds BlankEnum); answers never show it.
        kwargs["allow_blank"] = not kwargs.get("read_only", False)
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        is_empty, value = super().validate_empty_values(data)
        if is_empty and value is None and data is not empty:
            return True, ""
        return is_empty, value

    def to_representation(self, value):
        if value in ("", None):
            return None
        return super().to_representation(value)


class BlankOrNullCharField(serializers.CharField):
    """Text stored as ``""`` when absent (a currency code), accepted as ``""`` or ``null``
    and shown as ``""`` (v1's answers; one spelling of "none" everywhere is for v2)."""

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        kwargs["allow_blank"] = True
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


# Read serializers whose ``to_representation`` is compiled once per serializer.
#
# Each declared field becomes a small getter (attribute chain, then the same conversion
# DRF's field would do) instead of DRF's generic per-field loop, which is much of a
# page's cost (figures: docs/performance.md). The declared fields still drive the
# schema, and a test holds the output equal to DRF's own (tests/api/test_serializers.py).
# Read-only use only. (No docstring: drf-spectacular would show it as the description of
# every serializer that has none of its own.)
class FastReadSerializerMixin:
    enabled = True  # tests switch it off to compare with DRF's own output

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = HeldRowsListSerializer

    def to_representation(self, instance):
        if not FastReadSerializerMixin.enabled:
            return super().to_representation(instance)
        plan = self.__dict__.get("_fast_plan")
        if plan is None:
            plan = [(name, _compile(field)) for name, field in self.fields.items()]
            self._fast_plan = plan
        return {name: get(instance) for name, get in plan}


#: Where an object that was not read from the live tables (a record as it stood at an
#: earlier time: history.readers) holds the rows of its nested lists, by the relation's
#: accessor name (``{"citations": [...]}``). Nested lists are read from there, not from
#: the related manager, which would read today's rows.
HELD_ROWS = "held_rows"


def held_rows(obj, attr: str):
    """The rows ``obj`` holds for its relation ``attr``, or None to read the relation."""
    held = getattr(obj, "__dict__", {}).get(HELD_ROWS)
    return None if held is None else held.get(attr)


class HeldRowsListSerializer(serializers.ListSerializer):
    """A nested list that reads an object's held rows (:data:`HELD_ROWS`) when it has
    them: the list class of every :class:`FastReadSerializerMixin` serializer."""

    def get_attribute(self, instance):
        if len(self.source_attrs) == 1:
            rows = held_rows(instance, self.source_attrs[0])
            if rows is not None:
                return rows
        return super().get_attribute(instance)


def _attribute_getter(field):
    attrs = field.source_attrs
    if not attrs:
        return lambda obj: obj
    if len(attrs) == 1:
        (attr,) = attrs
        return lambda obj: getattr(obj, attr)

    def get(obj):
        for attr in attrs:
            obj = getattr(obj, attr)
            if obj is None:
                return None
        return obj

    return get


def iso_datetime(value, tz) -> str:
    """A datetime as DRF's DateTimeField answers it in the time zone ``tz``."""
    text = value.astimezone(tz).isoformat() if value.tzinfo else value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def datetime_in_current_zone(value) -> str:
    return iso_datetime(value, timezone.get_current_timezone())


def _iso_format(field, default: str) -> bool:
    return getattr(field, "format", default).lower() == ISO_8601


def blank_as_null(value):
    """A :class:`NullableChoiceField`'s representation: ``""`` (and None) as null."""
    return value or None


def value_converter(field):
    """How ``field`` turns an attribute value that is not None into its representation,
    as DRF's field would: None when the value is answered as it is, :func:`blank_as_null`
    for a nullable choice (which converts None too). Used by :func:`_compile` and by the
    rows of api/fastread.py."""
    if isinstance(field, NullableChoiceField):
        return blank_as_null
    if type(field) in _AS_IS:
        return None
    if type(field) is serializers.BigIntegerField:
        coerce = getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)
        return str if coerce else None
    if isinstance(field, serializers.DateTimeField) and _iso_format(
        field, api_settings.DATETIME_FORMAT
    ):
        return datetime_in_current_zone
    if isinstance(field, serializers.DateField) and _iso_format(field, api_settings.DATE_FORMAT):
        return dt.date.isoformat
    if isinstance(field, serializers.ListField) and type(field.child) in _AS_IS:
        return list
    return field.to_representation


def _compile(field):
    """A function instance -> representation of ``field``, as DRF would produce it."""
    if isinstance(field, serializers.SerializerMethodField):
        return getattr(field.parent, field.method_name)
    get = _attribute_getter(field)
    if isinstance(field, serializers.ListSerializer):
        child = field.child
        convert = child.to_representation
        attr = field.source_attrs[0] if len(field.source_attrs) == 1 else None

        def many(obj):
            items = None if attr is None else held_rows(obj, attr)
            if items is None:
                items = get(obj)
                if hasattr(items, "all"):
                    items = items.all()
            return [convert(item) for item in items]

        return many
    if isinstance(field, serializers.BaseSerializer):
        convert = field.to_representation
    else:
        convert = value_converter(field)
        if convert is None:
            return get
        if convert is blank_as_null:
            return lambda obj: get(obj) or None

    def value(obj):
        attribute = get(obj)
        return None if attribute is None else convert(attribute)

    return value


# Fields whose representation of a database value is the value itself.
_AS_IS = {
    serializers.CharField,
    serializers.SlugField,
    serializers.URLField,
    serializers.EmailField,
    serializers.RegexField,
    serializers.ChoiceField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ReadOnlyField,
}


def plain(value: Any) -> Any:
    """A stored value as JSON shows it in this API: decimals as strings (every digit
    kept), dates ISO 8601, times in UTC with ``Z``."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        text = (timezone.localtime(value) if value.tzinfo else value).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
