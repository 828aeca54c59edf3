"""Serializer pieces every app's API shares."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.fields import empty


class NullableChoiceField(serializers.ChoiceField):
    """A choice stored as ``""`` when absent, shown and accepted as ``null``.

    Generated clients get ``Enum | None`` instead of an enum with an empty member.
    """

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        kwargs["allow_blank"] = False
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
