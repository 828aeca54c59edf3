"""Filter pieces every app's filtersets share, and the ordering backend.

Every filter validates its input: a bad date, an unknown enum value, an id out of the
64-bit range, a malformed code or one that no row has answers 400 with the parameter
named, never 500 (nor, for a typo, an empty list).

Filters never reveal drafts: a filter that looks into a claim table other than its own
list's rows ("coalitions this actor is a member of") reads the claims the reader may see
(:func:`api.visibility.visible_claims`), through :class:`VisibleClaimsFilterMixin`.
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, Value
from django.db.models.constants import LOOKUP_SEP
from django_filters.constants import EMPTY_VALUES
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from api.visibility import visible_claims

# The query parameter that reads the records as the API stored them at a time.
KNOWN_AT = "known_at"

BIGINT_MAX = 2**63 - 1
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$")


class IdField(forms.IntegerField):
    """Digits only (Django's IntegerField would take "7.0"), from 1 to 2**63-1."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not value.strip().isdigit():
            raise forms.ValidationError("Give a whole number (an id).", code="invalid")
        return super().to_python(value)


class ChoicesField(django_filters.fields.MultipleChoiceField):
    """Several choices (``?kind=arms&kind=money``); an empty value counts as none."""

    def clean(self, value):
        return super().clean([v for v in value or () if v != ""])


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """Several values of a column of the model itself. ``distinct`` is off by default:
    django-filter's default (on) makes the query ``SELECT DISTINCT`` over every column
    selected, which PostgreSQL answers by fetching and sorting all matching rows instead
    of reading an index in order; a filter on the row's own column cannot repeat a row."""

    field_class = ChoicesField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class RelatedKeyFilterMixin:
    """``actor__code=AUS`` filtered as ``actor_id = 14``: the id looked up first.

    Through a join, the code hides the foreign key from the planner, which then fetches
    and sorts every match; against the id it reads an ``(actor_id, ..., id)`` index in
    order and stops at the page's end (docs/performance.md). The id comes from its own
    small query, not a subquery, so the planner sees the value and its statistics: the
    one :class:`KnownKeyField` made when it checked the code, else here. A code that no
    row has matches nothing here, as the join did.
    """

    def filter(self, qs, value):
        relation, _, attr = self.field_name.rpartition(LOOKUP_SEP)
        related = _unique_key_relation(qs.model, relation, attr)
        if value in EMPTY_VALUES or self.exclude or self.lookup_expr != "exact" or not related:
            return super().filter(qs, value)
        if isinstance(value, FoundKey) and value.model is related:
            return qs.filter(**{relation: value.pk})
        ids = related._default_manager.filter(**{attr: value}).order_by().values_list("pk")
        found = list(ids[:1])
        # WHERE false rather than .none(): a caller may still compile the query's SQL.
        return qs.filter(**{relation: found[0][0]}) if found else qs.filter(Value(False))


def _unique_key_relation(model, relation: str, attr: str):
    """The model ``relation`` (a chain of foreign keys) leads to, when ``attr`` is unique
    on it; else None."""
    if not relation:
        return None
    for name in relation.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            return None
        model = field.related_model
    try:
        return model if model._meta.get_field(attr).unique else None
    except FieldDoesNotExist:
        return None


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": BIGINT_MAX})
class IdFilter(django_filters.NumberFilter):
    """A database id: a whole number from 1 to 2**63-1."""

    field_class = IdField


class FoundKey(str):
    """A code or slug that :class:`KnownKeyField` found: the text, with the ``model`` and
    ``pk`` of its row, so that the filter need not look it up again."""

    model: type
    pk: int

    def __new__(cls, value: str, model: type, pk: int) -> FoundKey:
        key = super().__new__(cls, value)
        key.model, key.pk = model, pk
        return key


class KnownKeyField(forms.CharField):
    """The key (``to_field``, unique) of an existing row of ``model``: a code or slug that
    no row has is a field error, so a typo (``?actor=AUT``) answers 400 instead of an
    empty list. One query, whose id the filter then uses (:class:`FoundKey`). Without a
    ``model``, any well-formed key passes."""

    to_field = "code"

    def __init__(self, *args, model=None, **kwargs):
        self.model = model
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in EMPTY_VALUES or self.model is None:
            return value
        rows = self.model._default_manager.filter(**{self.to_field: value}).order_by()
        found = list(rows.values_list("pk", flat=True)[:1])
        if not found:
            noun = self.model._meta.verbose_name
            raise forms.ValidationError(
                f"No {noun} has the {self.to_field} {value!r}.", code="does_not_exist"
            )
        return FoundKey(value, self.model, found[0])


class CodeField(KnownKeyField):
    """An actor code (AUS, EU); matched in upper case."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in EMPTY_VALUES:
            return value
        if not CODE_RE.match(value):
            raise forms.ValidationError("Give an actor code such as AUS or EU.", code="invalid")
        return value.upper()


class SlugField(KnownKeyField):
    """A slug (a coalition's)."""

    to_field = "slug"
    default_validators = [validators.validate_slug]


@extend_schema_field({"type": "string", "pattern": CODE_RE.pattern, "example": "AUS"})
class CodeFilter(RelatedKeyFilterMixin, django_filters.CharFilter):
    """An actor code; ``model=Actor`` answers 400 for a code no actor has."""

    field_class = CodeField


@extend_schema_field({"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"})
class SlugFilter(RelatedKeyFilterMixin, django_filters.CharFilter):
    """A slug; ``model=Coalition`` answers 400 for a slug no coalition has."""

    field_class = SlugField


class VisibleClaimsFilterMixin:
    """Rows that a visible claim of another table links to, the claim matching the value.

    ``claim_model``: the claim table (Membership); ``match``: the claim's lookup the value
    is compared with (``actor__code``); ``row``: the claim's path to the list's row
    (``coalition``). ``?member=AUS`` on coalitions is then "coalitions with a membership
    of AUS that the reader may see": a draft membership answers nothing to the public.
    """

    def __init__(self, *args, claim_model, match: str, row: str, **kwargs):
        self.claim_model, self.match, self.row = claim_model, match, row
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        request = self.parent.request if self.parent is not None else None
        claims = visible_claims(request, self.claim_model).filter(**{self.match: value})
        return qs.filter(pk__in=claims.order_by().values(self.row))


class ClaimCodeFilter(VisibleClaimsFilterMixin, CodeFilter):
    """An actor code matched on another claim table (visible claims only)."""


class ClaimIdFilter(VisibleClaimsFilterMixin, IdFilter):
    """An id matched on another claim table (visible claims only)."""


def cited_by_source_filter(citation_model, claim_field: str, help_text: str | None = None):
    """``?source=<id>``: claims with at least one citation of that source (no duplicates).

    For a claim list's own rows, whose visibility the viewset applies; a list of other
    rows reaches its claims' citations through :class:`ClaimIdFilter`."""

    def method(queryset, name, value):
        cites = citation_model.objects.filter(**{claim_field: OuterRef("pk"), "source_id": value})
        return queryset.filter(Exists(cites))

    return IdFilter(method=method, label=help_text or "Only those citing this source (its id).")


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, which leaves the bound filterset on the view
    (``view.filterset``) so that the answer can say what the filters left out: a
    filterset's ``undated_excluded`` (the rows a date filter could not place, as a
    queryset) is counted in the list's answer (api/pagination.py)."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid() and self.raise_exception:
            raise translate_validation(filterset.errors)
        view.filterset = filterset
        return filterset.qs


class StrictOrderingFilter(OrderingFilter):
    """``?ordering=field`` or ``-field``: one of the view's ``ordering_fields``, else 400.

    The keyset paginator reads the order from :meth:`get_ordering` (and adds ``id``).
    """

    ordering_description = "Sort by this field; a leading '-' sorts descending."

    def allowed_terms(self, view) -> list[str]:
        fields = getattr(view, "ordering_fields", None) or []
        return [term for field in fields for term in (field, f"-{field}")]

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw in (None, ""):
            return self.get_default_ordering(view)
        allowed = self.allowed_terms(view)
        if raw not in allowed:
            raise ValidationError(
                {self.ordering_param: [f"Order by one of: {', '.join(allowed)}."]},
                code="invalid_choice",
            )
        return [raw]

    def get_schema_operation_parameters(self, view):
        allowed = self.allowed_terms(view)
        if not allowed:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": self.ordering_description,
                "schema": {"type": "string", "enum": allowed},
            }
        ]
