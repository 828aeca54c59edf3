"""``GET /api/v1/coalitions/{slug}/timeline/``: coalition size over time."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from coalition.choices import QuantityQualifier
from coalition.models import Membership, SizeReport
from coalition.timeline import coalition_timeline


class TimelinePointSerializer(serializers.Serializer):
    day = serializers.DateField(
        help_text="A day on which membership changed or a size was reported."
    )
    tracked_members = serializers.IntegerField(
        help_text="Actors with status `member` in force that day, by our membership records."
    )
    reported_members = serializers.IntegerField(
        allow_null=True,
        help_text="The largest size a source reports for that day; null when none does.",
    )
    reported_qualifier = serializers.ChoiceField(
        choices=QuantityQualifier.choices,
        allow_null=True,
        help_text="How exact the reported size is (`more_than` 60 ...); null without a report.",
    )


class CoalitionTimelineSerializer(serializers.Serializer):
    coalition = serializers.SlugField(help_text="Coalition slug.")
    points = TimelinePointSerializer(many=True, help_text="Oldest first.")


TIMELINE_EXAMPLE = {
    "coalition": "global-coalition-against-daesh",
    "points": [
        {
            "day": "2014-09-10",
            "tracked_members": 10,
            "reported_members": None,
            "reported_qualifier": None,
        },
        {
            "day": "2014-09-15",
            "tracked_members": 26,
            "reported_members": 26,
            "reported_qualifier": "about",
        },
        {
            "day": "2015-11-23",
            "tracked_members": 58,
            "reported_members": 60,
            "reported_qualifier": "more_than",
        },
    ],
}


class CoalitionTimelineMixin:
    """Adds ``GET {slug}/timeline/`` to the coalition viewset."""

    @extend_schema(
        summary="Coalition size over time",
        description=(
            "One point per day on which a membership period starts or ends or a source "
            "reports the coalition's size: how many actors our records say were members "
            "that day, beside the size the sources report (the largest figure given for "
            "that day, with its qualifier). The gap between the two shows what is not yet "
            "recorded. The public sees verified claims only. Not paginated; one query."
        ),
        responses=CoalitionTimelineSerializer,
        examples=[OpenApiExample("Timeline", value=TIMELINE_EXAMPLE, response_only=True)],
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def timeline(self, request, *args, **kwargs):
        coalition = self.get_object()
        include_unverified = not (self.verified_only(Membership) or self.verified_only(SizeReport))
        points = coalition_timeline(coalition=coalition, include_unverified=include_unverified)
        body = {"coalition": coalition.slug, "points": points}
        return Response(CoalitionTimelineSerializer(body).data)
