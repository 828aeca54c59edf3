"""Proposed claims of a source (evidence intake), under ``/api/v1/sources/{source_pk}/``.

- ``GET  proposals/``               the source's proposals (``?state=pending`` ...)
- ``POST proposals/``               read the source's text again: replaces the pending ones
- ``GET  proposals/{id}/``          one proposal
- ``POST proposals/{id}/accept/``   accept (body: optional corrections) -> the proposal,
                                    with ``accepted_pledge`` set
- ``POST proposals/{id}/reject/``   reject -> the proposal

The other claims the extractor proposes (memberships, meetings, attendance, size
reports, agreements: ``ClaimProposal``) are under ``claim-proposals/``, proposed by the
same ``POST proposals/``:

- ``GET  claim-proposals/``              the source's claim proposals (``?state=`` ``?kind=``)
- ``GET  claim-proposals/{id}/``         one
- ``POST claim-proposals/{id}/accept/``  accept (body: what the text does not say, or
                                         corrections) -> the proposal, with
                                         ``accepted_type`` and ``accepted_id`` set
- ``POST claim-proposals/{id}/reject/``  reject -> the proposal

Reading needs a user who may view pledges (proposals are unreviewed drafts); proposing,
accepting and rejecting need ``pledges.add_pledge``. Routed by ``intake/urls.py``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from api.serializers import BlankOrNullCharField, NullableChoiceField
from api.viewsets import RejectNulMixin
from coalition.api.serializers import actor_code_field, coalition_slug_field, code_of
from coalition.choices import (
    AgreementKind,
    AttendanceRole,
    MeetingStatus,
    MembershipStatus,
    QuantityQualifier,
)
from coalition.models import Agreement, Meeting
from intake.choices import ClaimKind
from intake.models import ClaimProposal
from intake.services import proposal_accept, proposal_reject, source_propose_claims
from intake.services_claims import claim_proposal_accept, claim_proposal_reject
from pledges.api.serializers import qualifier_field
from pledges.choices import PledgeKind, PledgeStatus, ProposalState
from pledges.models import Pledge, PledgeProposal
from sources.choices import DatePrecision
from sources.models import Source
from sources.validators import validate_currency, validate_plausible_date

PROPOSALS_PREFIX = r"sources/(?P<source_pk>[0-9]+)/proposals"
CLAIM_PROPOSALS_PREFIX = r"sources/(?P<source_pk>[0-9]+)/claim-proposals"


class PledgeProposalSerializer(serializers.ModelSerializer):
    actor = code_of("actor.code", help_text="Code of the actor that pledges or refuses.")
    recipient = code_of("recipient.code", allow_null=True, help_text="Code of the recipient.")
    host = code_of("host.code", allow_null=True, help_text="Code of the host country.")
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, allow_null=True, default=None
    )
    # null when there is no quantity, as on pledges ("" is not in the schema's enum)
    quantity_qualifier = qualifier_field(read_only=True)

    class Meta:
        model = PledgeProposal
        fields = [f.name for f in PledgeProposal._meta.concrete_fields]  # every column
        read_only_fields = fields


class PledgeProposalAcceptSerializer(serializers.Serializer):
    """Corrections to the proposed values; every field is optional."""

    actor = actor_code_field(required=False)
    coalition = coalition_slug_field(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=PledgeKind.choices, required=False)
    status = serializers.ChoiceField(choices=PledgeStatus.choices, required=False)
    description = serializers.CharField(required=False)
    quantity = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    quantity_max = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    quantity_qualifier = qualifier_field(required=False)
    quantity_unit = serializers.CharField(required=False, allow_blank=True, max_length=50)
    amount = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True
    )
    currency = BlankOrNullCharField(required=False, max_length=3, validators=[validate_currency])
    recipient = actor_code_field(required=False, allow_null=True)
    host = actor_code_field(required=False, allow_null=True)
    asset = serializers.CharField(required=False, allow_blank=True, max_length=200)
    announced_on = serializers.DateField(
        required=False, allow_null=True, validators=[validate_plausible_date]
    )
    announced_on_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    quote = serializers.CharField(
        required=False, help_text="A shorter or corrected quote; must occur in the source text."
    )
    matched_pledge = serializers.PrimaryKeyRelatedField(
        queryset=Pledge.objects.all(),
        required=False,
        allow_null=True,
        help_text="Cite this pledge instead of creating one; null to record a new pledge.",
    )


class IntakePermission(BasePermission):
    """Reads: a user who may view pledges. Writes: a user who may add pledges."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return user.has_perm("pledges.view_pledge") or user.has_perm("pledges.add_pledge")
        return user.has_perm("pledges.add_pledge")


STATE_PARAMETER = OpenApiParameter(
    "state",
    OpenApiTypes.STR,
    enum=ProposalState.values,
    description="Only proposals in this state.",
)


@extend_schema_view(
    list=extend_schema(
        operation_id="sources_proposals_list",
        summary="List a source's proposed claims",
        description="The claims the extractor proposed from this source's text, in text "
        "order, each with its quote (a verbatim sentence) and confidence.",
        parameters=[STATE_PARAMETER],
    ),
    retrieve=extend_schema(
        operation_id="sources_proposals_retrieve",
        summary="Get one proposed claim",
        description="One proposal of this source.",
    ),
    create=extend_schema(
        operation_id="sources_proposals_create",
        summary="Propose claims from a source's text",
        description="Run the extractor over the source's text. Replaces the pending "
        "proposals; accepted and rejected ones are kept and not proposed again. Needs "
        "`pledges.add_pledge`.",
        request=None,
        responses={201: PledgeProposalSerializer(many=True)},
    ),
)
class PledgeProposalViewSet(
    RejectNulMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Claims proposed from a source's text, for an analyst to accept or reject."""

    queryset = PledgeProposal.objects.all()
    serializer_class = PledgeProposalSerializer
    permission_classes = [IntakePermission]
    pagination_class = None
    filter_backends: list = []
    lookup_value_regex = "[0-9]+"
    query_parameters = {"list": (STATE_PARAMETER,)}

    def get_source(self) -> Source:
        return get_object_or_404(Source, pk=self.kwargs["source_pk"])

    def get_queryset(self):
        queryset = PledgeProposal.objects.for_api().filter(source_id=self.kwargs["source_pk"])
        state = self.request.query_params.get("state")
        if self.action == "list" and state:
            if state not in ProposalState.values:
                raise serializers.ValidationError(
                    {"state": f"Choose one of: {', '.join(ProposalState.values)}."}
                )
            queryset = queryset.filter(state=state)
        return queryset.order_by("quote_start", "id")

    def list(self, request, *args, **kwargs):
        self.get_source()
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        proposals = source_propose_claims(source=self.get_source())
        fresh = self.get_queryset().filter(pk__in=[p.pk for p in proposals])
        data = self.get_serializer(fresh, many=True).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="sources_proposals_accept",
        summary="Accept a proposed claim",
        description="Record the claim as a draft pledge citing the quote, or, when the "
        "proposal matches a recorded pledge (`matched_pledge`), add the quote to that "
        "pledge's citations. The body may correct any proposed value. Needs "
        "`pledges.add_pledge`.",
        request=PledgeProposalAcceptSerializer,
        responses={200: PledgeProposalSerializer},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        proposal = self.get_object()
        serializer = PledgeProposalAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal_accept(
            proposal=proposal, user=request.user, overrides=dict(serializer.validated_data)
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=proposal.pk)).data)

    @extend_schema(
        operation_id="sources_proposals_reject",
        summary="Reject a proposed claim",
        description="Mark the proposal rejected (it is kept, with who rejected it, and not "
        "proposed again). Needs `pledges.add_pledge`.",
        request=None,
        responses={200: PledgeProposalSerializer},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        proposal = self.get_object()
        proposal_reject(proposal=proposal, user=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=proposal.pk)).data)


# --- Claims that are not pledges -------------------------------------------------------------


class ClaimProposalSerializer(serializers.ModelSerializer):
    actor = code_of(
        "actor.code",
        allow_null=True,
        help_text="Code of the member, attendee or party, or of a meeting's host; null for "
        "a size report (and a meeting whose host the text does not name).",
    )
    membership_status = NullableChoiceField(
        choices=MembershipStatus.choices,
        read_only=True,
        help_text="A membership's proposed status; null for the other kinds.",
    )
    role = NullableChoiceField(
        choices=AttendanceRole.choices,
        read_only=True,
        help_text="An attendance's proposed role; null for the other kinds.",
    )
    agreement_kind = NullableChoiceField(
        choices=AgreementKind.choices,
        read_only=True,
        help_text="An agreement's proposed kind; null for the other kinds.",
    )
    accepted_type = serializers.CharField(
        source="accepted_type.model",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="What accepting recorded (`membership`, `attendance`, `sizereport`, "
        "`agreement` or `meeting`), its id in `accepted_id`; null until accepted.",
    )
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = ClaimProposal
        fields = [f.name for f in ClaimProposal._meta.concrete_fields]  # every column
        read_only_fields = fields


class ClaimProposalAcceptSerializer(serializers.Serializer):
    """What the text does not say, or corrections; every field is optional, and each
    kind takes its own (the answer names a field given to the wrong kind)."""

    quote = serializers.CharField(
        required=False, help_text="A shorter or corrected quote; must occur in the source text."
    )
    actor = actor_code_field(
        required=False, help_text="Membership, attendance, agreement: a corrected actor code."
    )
    coalition = coalition_slug_field(
        required=False,
        help_text="Membership, size report (needed when several coalitions are recorded), "
        "agreement, meeting: the coalition's slug.",
    )
    membership_status = serializers.ChoiceField(
        choices=MembershipStatus.choices, required=False, help_text="Membership: its status."
    )
    started_on = serializers.DateField(
        required=False,
        validators=[validate_plausible_date],
        help_text="Membership: when the status began (default: the source's date).",
    )
    started_on_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(),
        required=False,
        help_text="Attendance: the meeting's id, needed when the proposal names none.",
    )
    role = serializers.ChoiceField(
        choices=AttendanceRole.choices, required=False, help_text="Attendance: the role."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, help_text="Membership, attendance, size report."
    )
    member_count = serializers.IntegerField(
        required=False, min_value=1, help_text="Size report: the number of members."
    )
    qualifier = serializers.ChoiceField(
        choices=QuantityQualifier.choices,
        required=False,
        help_text="Size report: how exact the count is (default exact).",
    )
    reported_on = serializers.DateField(
        required=False,
        validators=[validate_plausible_date],
        help_text="Size report: the date (default: the source's date).",
    )
    reported_on_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    agreement = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.all(),
        required=False,
        help_text="Agreement: add the actor as a party to this recorded agreement instead "
        "of recording a new one.",
    )
    agreement_title = serializers.CharField(
        required=False, max_length=300, help_text="Agreement: its title (needed for a new one)."
    )
    agreement_kind = serializers.ChoiceField(choices=AgreementKind.choices, required=False)
    signed_on = serializers.DateField(
        required=False,
        validators=[validate_plausible_date],
        help_text="Agreement: when it was signed (default: the source's date).",
    )
    signed_on_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    host = actor_code_field(
        required=False, allow_null=True, help_text="Meeting: a corrected host's code."
    )
    name = serializers.CharField(
        required=False,
        max_length=300,
        help_text="Meeting: its name (needed when the text names no host).",
    )
    status = serializers.ChoiceField(
        choices=MeetingStatus.choices, required=False, help_text="Meeting: held (default)..."
    )
    held_on = serializers.DateField(
        required=False,
        validators=[validate_plausible_date],
        help_text="Meeting: when it was held (default: the source's date).",
    )
    held_on_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    city = serializers.CharField(required=False, allow_blank=True, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)


KIND_PARAMETER = OpenApiParameter(
    "kind", OpenApiTypes.STR, enum=ClaimKind.values, description="Only claims of this kind."
)


@extend_schema_view(
    list=extend_schema(
        operation_id="sources_claim_proposals_list",
        summary="List a source's proposed claims that are not pledges",
        description="The memberships, meetings, attendance, coalition size reports and "
        "agreements the extractor proposed from this source's text (by `POST "
        "proposals/`), in text order, each with its quote (a verbatim sentence), the cue "
        "that matched (`rationale`) and confidence.",
        parameters=[STATE_PARAMETER, KIND_PARAMETER],
    ),
    retrieve=extend_schema(
        operation_id="sources_claim_proposals_retrieve",
        summary="Get one proposed claim that is not a pledge",
        description="One claim proposal of this source.",
    ),
)
class ClaimProposalViewSet(
    RejectNulMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Memberships, meetings, attendance, size reports and agreements proposed from a
    source's text, for an analyst to accept or reject."""

    queryset = ClaimProposal.objects.all()
    serializer_class = ClaimProposalSerializer
    permission_classes = [IntakePermission]
    pagination_class = None
    filter_backends: list = []
    lookup_value_regex = "[0-9]+"
    query_parameters = {"list": (STATE_PARAMETER, KIND_PARAMETER)}

    def get_queryset(self):
        queryset = ClaimProposal.objects.for_api().filter(source_id=self.kwargs["source_pk"])
        if self.action == "list":
            for name, choices in (("state", ProposalState), ("kind", ClaimKind)):
                value = self.request.query_params.get(name)
                if not value:
                    continue
                if value not in choices.values:
                    raise serializers.ValidationError(
                        {name: f"Choose one of: {', '.join(choices.values)}."}
                    )
                queryset = queryset.filter(**{name: value})
        return queryset.order_by("quote_start", "id")

    def list(self, request, *args, **kwargs):
        get_object_or_404(Source, pk=self.kwargs["source_pk"])
        return super().list(request, *args, **kwargs)

    @extend_schema(
        operation_id="sources_claim_proposals_accept",
        summary="Accept a proposed claim that is not a pledge",
        description="Record a draft of the claim citing the quote: a membership, an "
        "attendance at a meeting, a size report, an agreement with the actor as a party "
        "(or the actor added to an agreement already recorded from the same sentence, or "
        "to `agreement`), or a meeting (which keeps the quote in its description). The "
        "body gives what the text does not say (a 400 names the field: the meeting of an "
        "attendance, an agreement's title, the coalition when several are recorded) and "
        "may correct the proposed values. Needs `pledges.add_pledge`.",
        request=ClaimProposalAcceptSerializer,
        responses={200: ClaimProposalSerializer},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        proposal = self.get_object()
        serializer = ClaimProposalAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim_proposal_accept(
            proposal=proposal, user=request.user, data=dict(serializer.validated_data)
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=proposal.pk)).data)

    @extend_schema(
        operation_id="sources_claim_proposals_reject",
        summary="Reject a proposed claim that is not a pledge",
        description="Mark the proposal rejected (it is kept, with who rejected it, and not "
        "proposed again). Needs `pledges.add_pledge`.",
        request=None,
        responses={200: ClaimProposalSerializer},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        proposal = self.get_object()
        claim_proposal_reject(proposal=proposal, user=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=proposal.pk)).data)
