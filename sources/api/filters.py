import django_filters
from django import forms
from django.core.exceptions import ValidationError

from api.filters import IdFilter
from sources.choices import DatePrecision
from sources.models import Source


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is a 400, not "filter ignored" (the select
    widget of NullBooleanField turns any unknown value into "not given")."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, "true", "True", "1"):
            return True
        if value in (False, "false", "False", "0"):
            return False
        raise ValidationError("Give true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class SourceFilterSet(django_filters.FilterSet):
    publisher = django_filters.CharFilter(
        lookup_expr="iexact", label="Publisher, exactly (any case): Reuters, BBC News ..."
    )
    published_from = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label="Published on or after this date."
    )
    published_to = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label="Published on or before this date."
    )
    published_on_precision = django_filters.ChoiceFilter(choices=DatePrecision.choices)
    language = django_filters.CharFilter(label="Language code (en, fr ...).")
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="unaccent__icontains", label="Words in the title."
    )
    has_text = StrictBooleanFilter(method="filter_has_text", label="Whether the full text is held.")
    id = IdFilter(label="One source, by id.")

    class Meta:
        model = Source
        fields = []

    def filter_has_text(self, queryset, name, value):
        return queryset.exclude(text="") if value else queryset.filter(text="")
