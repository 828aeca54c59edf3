"""``?known_at=TIMESTAMP`` on a list: what the database said at that moment.

The answer comes from the history tables (:func:`history.readers.known_at`): each record
as it was stored then, with its citations, stages and related actors and sources as
they were stored then, in the same shape as the live list. The public sees the claims
that were verified then. Compare ``as_of`` (a filter on the live data): what was true in
the world on a day, as we know it now.
"""

from __future__ import annotations

from django import forms
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from api.filters import KNOWN_AT, StrictOrderingFilter
from history.readers import known_at, objects_known_at

KNOWN_AT_PARAMETER = OpenApiParameter(
    KNOWN_AT,
    OpenApiTypes.DATETIME,
    description=(
        "Answer as the database stood at this moment (ISO 8601, e.g. "
        "`2026-11-20T09:00:00Z`; without a zone, UTC): each record and its citations as "
        "stored then, from the history. Reproduces an answer published earlier. The public "
        "sees what was verified then. Combines with the other filters except `source` and "
        "`as_of`."
    ),
    required=False,
)


def parse_known_at(request):
    """The ``known_at`` moment of the request (aware, UTC if no zone given), or None."""
    raw = request.query_params.get(KNOWN_AT, "")
    if raw == "":
        return None
    field = forms.DateTimeField()
    try:
        return field.clean(raw)
    except forms.ValidationError as exc:
        raise ValidationError(
            {KNOWN_AT: ["Give a date and time in ISO 8601, e.g. 2026-11-20T09:00:00Z."]},
            code="invalid",
        ) from exc


class KnownAtMixin:
    """``?known_at=`` on the list and detail of a DomainViewSet whose lookup is the id
    (put it before ``DomainViewSet`` and any other mixin that overrides them)."""

    # Filters that look at the live tables rather than the row itself.
    known_at_unsupported = ("source", "as_of")

    @extend_schema(parameters=[KNOWN_AT_PARAMETER])
    def list(self, request, *args, **kwargs):
        at = parse_known_at(request)
        if at is None:
            return super().list(request, *args, **kwargs)
        events = StrictOrderingFilter().filter_queryset(request, self.known_at_queryset(at), self)
        page = self.paginate_queryset(events)
        objects = objects_known_at(self.queryset.model, page, at)
        serializer = self.get_serializer(objects, many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(parameters=[KNOWN_AT_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        at = parse_known_at(request)
        if at is None:
            return super().retrieve(request, *args, **kwargs)
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        events = self.known_at_queryset(at).filter(pgh_obj_id=value)
        objects = objects_known_at(self.queryset.model, events, at)
        if not objects:
            raise NotFound()
        return Response(self.get_serializer(objects[0]).data)

    def known_at_queryset(self, at):
        """The event rows of the records as stored at ``at``, filtered as the list is."""
        request = self.request
        unsupported = [p for p in self.known_at_unsupported if request.query_params.get(p)]
        if unsupported:
            raise ValidationError(
                {name: [f"Not combinable with {KNOWN_AT}."] for name in unsupported},
                code="invalid",
            )
        model = self.queryset.model
        events = known_at(model, at)
        if self.claim_model is model and self.verified_only():
            events = events.filter(model.PUBLIC)
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.query_params, queryset=events, request=request)
            if not filterset.is_valid():
                raise translate_validation(filterset.errors)
            events = filterset.qs
        return events
