"""The coalition app's resources: actors, coalitions, memberships, meetings,
attendances, size reports and agreements, each with its history; exports of actors, coalitions,
memberships and agreements; a coalition's members on a day and its timeline."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from api.export import ExportMixin, cited_source_ids
from api.fastread import FastReadMixin, compile_plan
from api.viewsets import DomainViewSet
from coalition.api.filters import (
    ActorFilterSet,
    AgreementFilterSet,
    AttendanceFilterSet,
    CoalitionFilterSet,
    MeetingFilterSet,
    MembershipFilterSet,
    SizeReportFilterSet,
)
from coalition.api.serializers import (
    ActorInputSerializer,
    ActorSerializer,
    AgreementInputSerializer,
    AgreementSerializer,
    AttendanceInputSerializer,
    AttendanceSerializer,
    CoalitionInputSerializer,
    CoalitionMembersSerializer,
    CoalitionSerializer,
    MeetingInputSerializer,
    MeetingSerializer,
    MemberSerializer,
    MembershipInputSerializer,
    MembershipSerializer,
    MembersQuerySerializer,
    SizeReportInputSerializer,
    SizeReportSerializer,
)
from coalition.api.timeline import CoalitionTimelineMixin
from coalition.models import (
    Actor,
    Agreement,
    AgreementCitation,
    AgreementParty,
    Attendance,
    Coalition,
    Meeting,
    Membership,
    MembershipCitation,
    SizeReport,
)
from coalition.services import (
    ACTOR_SERVICES,
    AGREEMENT_SERVICES,
    ATTENDANCE_SERVICES,
    COALITION_SERVICES,
    MEETING_SERVICES,
    MEMBERSHIP_SERVICES,
    SIZE_REPORT_SERVICES,
)
from history.api import HistoryMixin
from history.known_at import KnownAt
from sources.api.examples import CITATION_EXAMPLE, CITATION_INPUT_EXAMPLE, REVIEWED, TIMESTAMPS

AUS = {"code": "AUS", "name": "Australia", "kind": "country"}
TIMESTAMP_COLUMNS = {"created_at": "created_at", "updated_at": "updated_at"}


class ActorViewSet(HistoryMixin, ExportMixin, DomainViewSet):
    """Countries (every ISO 3166 country is loaded), international organisations,
    sub-national bodies and non-state groups. Look one up by its code:
    `/api/v1/actors/AUS/` (any case)."""

    queryset = Actor.objects.all()
    serializer_class = ActorSerializer
    input_serializer_class = ActorInputSerializer
    services = ACTOR_SERVICES
    filterset_class = ActorFilterSet
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9][A-Za-z0-9_-]{0,15}"
    ordering_fields = ["name", "code", "kind", "id"]
    ordering = ["name"]
    noun, noun_plural = "actor", "actors"
    example = {
        "id": 14,
        "code": "AUS",
        "kind": "country",
        "name": "Australia",
        "official_name": "Commonwealth of Australia",
        "alpha2": "AU",
        "numeric": "036",
        "parent": None,
        "coalition": None,
        "aliases": ["Canberra"],
        "description": "",
        **TIMESTAMPS,
    }
    example_input = {
        "code": "PESHMERGA",
        "kind": "subnational",
        "name": "Peshmerga",
        "official_name": "",
        "parent": "KRG",
        "aliases": ["Kurdish forces"],
        "description": "Armed forces of the Kurdistan Region of Iraq.",
    }
    export_columns = {
        "id": "id",
        "code": "code",
        "kind": "kind",
        "name": "name",
        "official_name": "official_name",
        "alpha2": "alpha2",
        "numeric": "numeric",
        "parent": "parent__code",
        "aliases": "aliases",
        "description": "description",
        **TIMESTAMP_COLUMNS,
    }
    export_notes = "`parent` is the parent's code; `aliases` are `;`-separated in CSV."

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


class CoalitionViewSet(HistoryMixin, CoalitionTimelineMixin, ExportMixin, DomainViewSet):
    """Coalitions, by slug (`/api/v1/coalitions/global-coalition-against-daesh/`).
    Who was in one on a given day: `/api/v1/coalitions/{slug}/members/?as_of=2014-09-20`."""

    queryset = Coalition.objects.all()
    serializer_class = CoalitionSerializer
    query_parameters = {"members": (MembersQuerySerializer,)}
    input_serializer_class = CoalitionInputSerializer
    services = COALITION_SERVICES
    filterset_class = CoalitionFilterSet
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    ordering_fields = ["name", "started_on", "id"]
    ordering = ["name"]
    noun, noun_plural = "coalition", "coalitions"
    example = {
        "id": 1,
        "slug": "global-coalition-against-daesh",
        "name": "Global Coalition against Daesh",
        "lead": "USA",
        "started_on": "2014-09-10",
        "started_on_precision": "day",
        "ended_on": None,
        "description": "",
        **TIMESTAMPS,
    }
    example_input = {
        "slug": "global-coalition-against-daesh",
        "name": "Global Coalition against Daesh",
        "lead": "USA",
        "started_on": "2014-09-10",
        "started_on_precision": "day",
    }
    export_columns = {
        "id": "id",
        "slug": "slug",
        "name": "name",
        "lead": "lead__code",
        "started_on": "started_on",
        "started_on_precision": "started_on_precision",
        "ended_on": "ended_on",
        "description": "description",
        **TIMESTAMP_COLUMNS,
    }
    export_notes = "`lead` is the leading actor's code."

    @extend_schema(
        operation_id="coalitions_members_retrieve",
        summary="Who was in a coalition on a day",
        description=(
            "Every actor with a membership period in force on `as_of` (default: today), "
            "with its status that day (member, supporter, declined ...) and the citations "
            "behind it. Periods are half-open, `[started_on, ended_on)`: on the day a "
            "status ends the next one applies. Ordered by actor name; not paginated "
            "(at most one period per actor)."
        ),
        parameters=list(query_parameters["members"]),
        responses=CoalitionMembersSerializer,
        examples=[
            OpenApiExample(
                "Members on 2014-09-20",
                value={
                    "coalition": "global-coalition-against-daesh",
                    "as_of": "2014-09-20",
                    "members": [
                        {
                            "membership": 7,
                            "actor": AUS,
                            "status": "member",
                            "started_on": "2014-09-14",
                            "started_on_precision": "day",
                            "ended_on": None,
                            "ended_on_precision": "day",
                            "review_status": "verified",
                            "citations": [CITATION_EXAMPLE],
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def members(self, request, slug=None):
        coalition = self.get_object()
        query = MembersQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("as_of") or timezone.now().date()
        periods = (
            Membership.objects.for_api(verified_only=self.verified_only(Membership))
            .filter(coalition=coalition)
            .as_of(day)
            .order_by("actor__name", "actor_id")
        )
        if statuses := query.validated_data.get("status"):
            periods = periods.filter(status__in=statuses)
        # None if the serializer stops compiling: then it is served the usual way.
        plan = compile_plan(MemberSerializer, Membership) if FastReadMixin.enabled else None
        if plan is None:
            body = {"coalition": coalition.slug, "as_of": day, "members": periods}
            return Response(
                CoalitionMembersSerializer(body, context=self.get_serializer_context()).data
            )
        # The fast read path (api/fastread.py): rows, not model instances; the same
        # answer byte for byte (tests/perf/test_fast_read.py).
        members = plan.render(list(plan.values(periods)), periods)
        return Response({"coalition": coalition.slug, "as_of": day.isoformat(), "members": members})


class MembershipViewSet(HistoryMixin, ExportMixin, DomainViewSet):
    """An actor's status in a coalition over a half-open period
    `[started_on, ended_on)` (`ended_on` null: still in force), with the citations that
    establish it. Periods of one actor in one coalition never overlap."""

    queryset = Membership.objects.all()
    claim_model = Membership
    serializer_class = MembershipSerializer
    input_serializer_class = MembershipInputSerializer
    services = MEMBERSHIP_SERVICES
    filterset_class = MembershipFilterSet
    known_at = KnownAt()
    ordering_fields = ["started_on", "ended_on", "id"]
    ordering = ["-id"]
    noun, noun_plural = "membership", "memberships"
    example = {
        "id": 7,
        "coalition": "global-coalition-against-daesh",
        "actor": "AUS",
        "actor_summary": AUS,
        "status": "member",
        "started_on": "2014-09-14",
        "started_on_precision": "day",
        "ended_on": None,
        "ended_on_precision": "day",
        "note": "",
        "agreement": None,
        **REVIEWED,
        "citations": [CITATION_EXAMPLE],
        **TIMESTAMPS,
    }
    example_input = {
        "coalition": "global-coalition-against-daesh",
        "actor": "AUS",
        "status": "member",
        "started_on": "2014-09-14",
        "started_on_precision": "day",
        "ended_on": None,
        "citations": [CITATION_INPUT_EXAMPLE],
    }
    export_columns = {
        "id": "id",
        "coalition": "coalition__slug",
        "actor": "actor__code",
        "actor_name": "actor__name",
        "status": "status",
        "started_on": "started_on",
        "started_on_precision": "started_on_precision",
        "ended_on": "ended_on",
        "ended_on_precision": "ended_on_precision",
        "note": "note",
        "agreement": "agreement_id",
        "review_status": "review_status",
        "verified_at": "verified_at",
        "source_ids": cited_source_ids(MembershipCitation, "membership"),
        **TIMESTAMP_COLUMNS,
    }
    export_notes = (
        "`coalition` is a slug, `actor` a code; periods are `[started_on, ended_on)`; "
        "`source_ids` lists the sources cited, `;`-separated in CSV."
    )
    # Beside the resource's own example: what only the export has.
    export_example = {"actor_name": "Australia", "source_ids": [3]}


class MeetingViewSet(HistoryMixin, DomainViewSet):
    """Conferences and summits, each with its attendance inline: who attended, hosted,
    declined or was not invited, and the citations for each. Attendance is written
    through `/api/v1/attendances/`."""

    queryset = Meeting.objects.all()
    claim_model = Attendance
    serializer_class = MeetingSerializer
    input_serializer_class = MeetingInputSerializer
    services = MEETING_SERVICES
    filterset_class = MeetingFilterSet
    ordering_fields = ["held_on", "name", "id"]
    ordering = ["-held_on"]
    noun, noun_plural = "meeting", "meetings"
    example = {
        "id": 2,
        "coalition": "global-coalition-against-daesh",
        "name": "International Conference on Peace and Security in Iraq",
        "status": "held",
        "held_on": "2014-09-15",
        "held_on_precision": "day",
        "ended_on": None,
        "city": "Paris",
        "host": "FRA",
        "description": "",
        "attended_count": 26,
        "of_count": None,
        "attendances": [
            {
                "id": 11,
                "actor": "AUS",
                "actor_summary": AUS,
                "role": "attended",
                "note": "",
                "review_status": "verified",
                "citations": [CITATION_EXAMPLE],
            }
        ],
        **TIMESTAMPS,
    }
    example_input = {
        "coalition": "global-coalition-against-daesh",
        "name": "International Conference on Peace and Security in Iraq",
        "held_on": "2014-09-15",
        "city": "Paris",
        "host": "FRA",
        "attended_count": 26,
    }


class AttendanceViewSet(HistoryMixin, DomainViewSet):
    """One actor's part in a meeting (attended, hosted, declined, not invited), with
    the citations that say so. Also shown inline in each meeting."""

    queryset = Attendance.objects.all()
    claim_model = Attendance
    serializer_class = AttendanceSerializer
    input_serializer_class = AttendanceInputSerializer
    services = ATTENDANCE_SERVICES
    filterset_class = AttendanceFilterSet
    ordering_fields = ["id"]
    ordering = ["-id"]
    noun, noun_plural = "attendance record", "attendance records"
    example = {
        "id": 11,
        "meeting": 2,
        "actor": "AUS",
        "actor_summary": AUS,
        "role": "attended",
        "note": "",
        **REVIEWED,
        "citations": [CITATION_EXAMPLE],
        **TIMESTAMPS,
    }
    example_input = {
        "meeting": 2,
        "actor": "AUS",
        "role": "attended",
        "citations": [CITATION_INPUT_EXAMPLE],
    }


class SizeReportViewSet(HistoryMixin, DomainViewSet):
    """Coalition sizes as sources report them ("more than 60 partners"), with citations."""

    queryset = SizeReport.objects.all()
    claim_model = SizeReport
    serializer_class = SizeReportSerializer
    input_serializer_class = SizeReportInputSerializer
    services = SIZE_REPORT_SERVICES
    filterset_class = SizeReportFilterSet
    ordering_fields = ["reported_on", "member_count", "id"]
    ordering = ["-reported_on"]
    noun, noun_plural = "size report", "size reports"
    example = {
        "id": 4,
        "coalition": "global-coalition-against-daesh",
        "reported_on": "2015-11-23",
        "reported_on_precision": "day",
        "member_count": 60,
        "qualifier": "more_than",
        "note": "",
        **REVIEWED,
        "citations": [CITATION_EXAMPLE],
        **TIMESTAMPS,
    }
    example_input = {
        "coalition": "global-coalition-against-daesh",
        "reported_on": "2015-11-23",
        "member_count": 60,
        "qualifier": "more_than",
        "citations": [CITATION_INPUT_EXAMPLE],
    }


JEDDAH_PARTIES = ["BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "OMN", "QAT", "SAU", "ARE", "USA"]


class AgreementViewSet(HistoryMixin, ExportMixin, DomainViewSet):
    """Agreements, declarations and joint statements, with the actors party to them and
    the citations that say so. A membership names the agreement it rests on
    (`agreement`); `?party=SAU` lists what an actor put its name to."""

    queryset = Agreement.objects.all()
    claim_model = Agreement
    serializer_class = AgreementSerializer
    input_serializer_class = AgreementInputSerializer
    services = AGREEMENT_SERVICES
    filterset_class = AgreementFilterSet
    known_at = KnownAt()
    ordering_fields = ["signed_on", "title", "id"]
    ordering = ["-id"]
    noun, noun_plural = "agreement", "agreements"
    example = {
        "id": 1,
        "coalition": "global-coalition-against-daesh",
        "title": "Jeddah communique",
        "kind": "joint_statement",
        "signed_on": "2014-09-11",
        "signed_on_precision": "day",
        "place": "Jeddah",
        "meeting": None,
        "description": "Ten Arab states and the United States agree to stand against IS.",
        "parties": [
            {"actor": "AUS", "actor_summary": AUS, "note": ""},
        ],
        **REVIEWED,
        "citations": [CITATION_EXAMPLE],
        **TIMESTAMPS,
    }
    example_input = {
        "coalition": "global-coalition-against-daesh",
        "title": "Jeddah communique",
        "kind": "joint_statement",
        "signed_on": "2014-09-11",
        "place": "Jeddah",
        "parties": [{"actor": code} for code in JEDDAH_PARTIES],
        "citations": [CITATION_INPUT_EXAMPLE],
    }
    export_columns = {
        "id": "id",
        "coalition": "coalition__slug",
        "title": "title",
        "kind": "kind",
        "signed_on": "signed_on",
        "signed_on_precision": "signed_on_precision",
        "place": "place",
        "meeting": "meeting_id",
        "description": "description",
        "parties": ArraySubquery(
            AgreementParty.objects.filter(agreement=OuterRef("pk"))
            .order_by("actor__code")
            .values("actor__code")
        ),
        "review_status": "review_status",
        "verified_at": "verified_at",
        "source_ids": cited_source_ids(AgreementCitation, "agreement"),
        **TIMESTAMP_COLUMNS,
    }
    export_notes = (
        "`coalition` is a slug; `parties` lists the parties' actor codes and `source_ids` "
        "the sources cited, each `;`-separated in CSV."
    )
    export_example = {"parties": ["SAU", "USA"], "source_ids": [3]}
