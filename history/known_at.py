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
from drf_spectacular.utils import OpenApiParameter
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


class KnownAt:
    """``?known_at=`` on a resource's list and detail, declared on its viewset as
    ``known_at = KnownAt()``; :class:`api.viewsets.DomainViewSet` calls it before any
    other way of answering. Only for a viewset whose lookup is the id."""

    # The schema adds these to the list and the detail (api/viewsets.py, ResourceSchema).
    parameters = [KNOWN_AT_PARAMETER]

    def __init__(self, unsupported: tuple[str, ...] = ("source", "as_of")):
        # Filters that look at the live tables rather than the row itself.
        self.unsupported = unsupported

    def moment(self, request):
        """The ``known_at`` of the request, or None to answer from the live tables."""
        return parse_known_at(request)

    def list(self, view, request, at) -> Response:
        events = StrictOrderingFilter().filter_queryset(request, self.queryset(view, at), view)
        page = view.paginate_queryset(events)
        objects = objects_known_at(view.queryset.model, page, at)
        serializer = view.get_serializer(objects, many=True)
        return view.get_paginated_response(serializer.data)

    def retrieve(self, view, request, at) -> Response:
        value = view.kwargs[view.lookup_url_kwarg or view.lookup_field]
        events = self.queryset(view, at).filter(pgh_obj_id=value)
        objects = objects_known_at(view.queryset.model, events, at)
        if not objects:
            raise NotFound()
        return Response(view.get_serializer(objects[0]).data)

    def queryset(self, view, at):
        """The event rows of the records as stored at ``at``, filtered as the list is."""
        request = view.request
        unsupported = [p for p in self.unsupported if request.query_params.get(p)]
        if unsupported:
            raise ValidationError(
                {name: [f"Not combinable with {KNOWN_AT}."] for name in unsupported},
                code="invalid",
            )
        model = view.queryset.model
        events = known_at(model, at)
        if view.claim_model is model and view.verified_only():
            events = events.filter(model.PUBLIC)
        if view.filterset_class is not None:
            filterset = view.filterset_class(request.query_params, queryset=events, request=request)
            if not filterset.is_valid():
                raise translate_validation(filterset.errors)
            events = filterset.qs
        return events
