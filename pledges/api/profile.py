"""``GET /api/v1/actors/{code}/profile/``: one actor at a glance.

Its memberships over time, its pledges by kind and by status, its refusals, and the
sources that back claims about it; in a constant number of queries (nine), whatever
the number of rows. It lives in the pledges app because it reads pledges, memberships
and sources (pledges may import coalition and sources, never the other way), and is
routed in ``config/api/urls.py`` beside the actor resource.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, get_object_or_404
from rest_framework.response import Response

from coalition.api.serializers import ActorSerializer, code_of
from coalition.api.views import ActorViewSet
from coalition.models import Actor, Attendance, AttendanceCitation, Membership, MembershipCitation
from config.api.serializers import FastReadSerializerMixin
from config.api.viewsets import RejectNulMixin
from pledges.api.serializers import PledgeSerializer
from pledges.api.summary import SummaryGroupSerializer
from pledges.choices import PledgeStatus
from pledges.models import Pledge, PledgeCitation
from pledges.summary import pledge_summary
from sources.api.examples import CITATION_EXAMPLE
from sources.api.serializers import CitationSerializer, SourceSummarySerializer
from sources.choices import ReviewStatus
from sources.models import Source

REFUSED = [PledgeStatus.REFUSED]


class ProfileMembershipSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """One period of the actor's status in a coalition."""

    coalition = code_of("coalition.slug", help_text="Coalition slug.")
    coalition_name = code_of("coalition.name", help_text="Coalition name.")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "coalition",
            "coalition_name",
            "status",
            "started_on",
            "started_on_precision",
            "ended_on",
            "ended_on_precision",
            "review_status",
            "citations",
        ]
        read_only_fields = fields


class ProfileSourceSerializer(SourceSummarySerializer):
    """A source that backs claims about the actor."""

    citations = serializers.IntegerField(
        read_only=True, help_text="How many of its quotes back claims about this actor."
    )

    class Meta(SourceSummarySerializer.Meta):
        fields = [*SourceSummarySerializer.Meta.fields, "citations"]
        read_only_fields = fields


class ActorProfileSerializer(serializers.Serializer):
    actor = ActorSerializer()
    memberships = ProfileMembershipSerializer(
        many=True, help_text="Its periods in every coalition, oldest first."
    )
    pledges_by_kind = SummaryGroupSerializer(
        many=True, help_text="Its pledges by kind: count, quantities, amounts by currency."
    )
    pledges_by_status = SummaryGroupSerializer(many=True, help_text="Its pledges by status.")
    refusals = PledgeSerializer(
        many=True, help_text="What it refused (pledges with status `refused`), oldest first."
    )
    sources = ProfileSourceSerializer(
        many=True,
        help_text="Sources whose quotes back its pledges, memberships or attendance, newest first.",
    )


def _summary_example(key, label, count, quantities=None, amounts=None):
    return {
        "key": key,
        "label": label,
        "count": count,
        "quantities": quantities or {},
        "amounts": amounts or {},
    }


PROFILE_EXAMPLE = {
    "actor": ActorViewSet.example,
    "memberships": [
        {
            "id": 7,
            "coalition": "global-coalition-against-daesh",
            "coalition_name": "Global Coalition against Daesh",
            "status": "member",
            "started_on": "2014-09-14",
            "started_on_precision": "day",
            "ended_on": None,
            "ended_on_precision": "day",
            "review_status": "verified",
            "citations": [CITATION_EXAMPLE],
        }
    ],
    "pledges_by_kind": [
        _summary_example("aircraft", "Aircraft", 1, {"aircraft": 8}),
        _summary_example(
            "troops", "Troops (ground forces, special forces, advisers)", 1, {"troops": 600}
        ),
    ],
    "pledges_by_status": [
        _summary_example("committed", "Committed", 2, {"aircraft": 8, "troops": 600})
    ],
    "refusals": [],
    "sources": [
        {
            "id": 3,
            "title": "Australia to send fighter jets to fight Islamic State",
            "publisher": "Reuters",
            "published_on": "2014-09-14",
            "url": "https://www.reuters.com/article/example",
            "citations": 2,
        }
    ],
}


class ActorProfileView(RejectNulMixin, GenericAPIView):
    """An actor at a glance: memberships, pledges, refusals, sources."""

    queryset = Actor.objects.all()
    serializer_class = ActorProfileSerializer
    lookup_field = "code"
    filter_backends = []
    pagination_class = None

    def verified_only(self, model) -> bool:
        if settings.API_UNVERIFIED_CLAIMS_PUBLIC:
            return False
        user = self.request.user
        meta = model._meta
        return not (
            user.is_authenticated and user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
        )

    def sources(self, actor: Actor):
        """Sources cited by the actor's claims, with how many of their quotes do."""

        def cites(citation_model, claim_field: str, claim_model):
            quotes = citation_model.objects.filter(
                source=OuterRef("pk"), **{f"{claim_field}__actor": actor}
            )
            if self.verified_only(claim_model):
                quotes = quotes.filter(**{f"{claim_field}__review_status": ReviewStatus.VERIFIED})
            counted = quotes.order_by().values("source").annotate(n=Count("*")).values("n")
            return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

        total = (
            cites(PledgeCitation, "pledge", Pledge)
            + cites(MembershipCitation, "membership", Membership)
            + cites(AttendanceCitation, "attendance", Attendance)
        )
        return (
            Source.objects.defer("text", "notes")
            .annotate(citations=total)
            .filter(citations__gt=0)
            .order_by("-published_on", "id")
        )

    @extend_schema(
        operation_id="actors_profile_retrieve",
        tags=["actors"],
        summary="An actor at a glance",
        description=(
            "One actor (by code, any case) with: its membership periods in every coalition "
            "(oldest first, with their citations); its pledges counted and totalled by kind "
            "and by status (quantities by kind, amounts by currency, as in "
            "`/api/v1/pledges/summary/`); what it refused (pledges with status `refused`); "
            "and the sources whose quotes back its pledges, memberships or attendance "
            "(newest first, with how many of their quotes do). The public sees verified "
            "claims only. A constant number of queries, whatever the actor's record."
        ),
        responses=ActorProfileSerializer,
        examples=[OpenApiExample("Profile", value=PROFILE_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        actor = get_object_or_404(Actor.objects.for_api(), code=kwargs["code"].upper())
        pledges = Pledge.objects.visible(verified_only=self.verified_only(Pledge)).filter(
            actor=actor
        )
        memberships = (
            Membership.objects.for_api(verified_only=self.verified_only(Membership))
            .filter(actor=actor)
            .order_by("started_on", "coalition__name", "id")
        )
        refusals = (
            Pledge.objects.for_api(verified_only=self.verified_only(Pledge))
            .filter(actor=actor, status__in=REFUSED)
            .order_by("announced_on", "id")
        )
        body = {
            "actor": actor,
            "memberships": memberships,
            "pledges_by_kind": pledge_summary(pledges, group_by="kind"),
            "pledges_by_status": pledge_summary(pledges, group_by="status"),
            "refusals": refusals,
            "sources": self.sources(actor),
        }
        context = self.get_serializer_context()
        return Response(ActorProfileSerializer(body, context=context).data)
