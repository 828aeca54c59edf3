"""Actors, coalitions, memberships, meetings, attendance, size reports and agreements.

Each resource has a read serializer (what the API answers) and an input serializer
(what it accepts; its schema component is ``<Name>Request``). Actors are referred to
by code (``"AUS"``), coalitions by slug, everything else by id.
"""

from __future__ import annotations

from collections.abc import Sequence

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from api.serializers import FastReadSerializerMixin, QueryParamsSerializer
from coalition.models import (
    Actor,
    Agreement,
    AgreementParty,
    Attendance,
    Coalition,
    Meeting,
    Membership,
    SizeReport,
)
from coalition.services import (
    ACTOR_FIELDS,
    AGREEMENT_FIELDS,
    ATTENDANCE_FIELDS,
    COALITION_FIELDS,
    MEETING_FIELDS,
    MEMBERSHIP_FIELDS,
    PARTY_FIELDS,
    SIZE_REPORT_FIELDS,
)
from sources.api.serializers import CitationSerializer, citations_field

CLAIM_READ_FIELDS = ["review_status", "verified_at", "citations", "created_at", "updated_at"]
TIMESTAMPS = ["created_at", "updated_at"]


def beside(fields: Sequence[str], after: str, *extra: str) -> list[str]:
    """``fields`` with ``extra`` right after ``after`` (``actor_summary`` after ``actor``)."""
    at = list(fields).index(after) + 1
    return [*fields[:at], *extra, *fields[at:]]


def without(fields: Sequence[str], *names: str) -> list[str]:
    return [name for name in fields if name not in names]


#: A coalition's fields, its key (``slug``) first as the API shows them.
COALITION_API_FIELDS = ["slug", *without(COALITION_FIELDS, "slug")]


class KeyRelatedField(serializers.SlugRelatedField):
    """A related object written as its key: a string of at least one character, or
    ``null``, as the schema says. DRF alone would read ``""`` as null and look up ``0``
    as the key ``"0"``."""

    default_error_messages = {
        **serializers.SlugRelatedField.default_error_messages,
        "blank": "An empty string is not a key: send null for none.",
        "not_a_string": 'A key is a string ("AUS"), not {kind}.',
    }

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("blank")
        if data is not serializers.empty and data is not None and not isinstance(data, str):
            self.fail("not_a_string", kind=type(data).__name__)
        return super().run_validation(data)


def actor_code_field(**kwargs) -> serializers.SlugRelatedField:
    """An actor, written and shown as its code (``AUS``, ``EU``)."""
    kwargs.setdefault("help_text", "Actor code: ISO alpha-3 for countries (AUS), else EU, NATO ...")
    return KeyRelatedField(slug_field="code", queryset=Actor.objects.all(), **kwargs)


def coalition_slug_field(**kwargs) -> serializers.SlugRelatedField:
    kwargs.setdefault("help_text", "Coalition slug.")
    return KeyRelatedField(slug_field="slug", queryset=Coalition.objects.all(), **kwargs)


def agreement_id_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    """The agreement a claim cites, by id (``/api/v1/agreements/{id}/``), or null."""
    kwargs.setdefault("help_text", "Id of the agreement or declaration this rests on, or null.")
    return serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.all(), required=False, allow_null=True, **kwargs
    )


def code_of(source: str, **kwargs) -> serializers.CharField:
    """Read-only code/slug of a related object (``actor.code``)."""
    return serializers.CharField(source=source, read_only=True, **kwargs)


class ActorSummarySerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["code", "name", "kind"]
        read_only_fields = fields


# --- Actors ------------------------------------------------------------------------------------


class ActorSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    parent = code_of("parent.code", allow_null=True, help_text="Code of the parent body.")
    coalition = code_of(
        "coalition.slug",
        allow_null=True,
        help_text="For an actor of kind `coalition`: the slug of the coalition it stands for.",
    )

    class Meta:
        model = Actor
        fields = ["id", *ACTOR_FIELDS, *TIMESTAMPS]
        read_only_fields = fields


@extend_schema_serializer(component_name="Actor")
class ActorInputSerializer(serializers.ModelSerializer):
    code = serializers.RegexField(
        r"^[A-Z0-9][A-Z0-9_-]*$",
        max_length=16,
        error_messages={
            "invalid": "Codes are upper-case letters, digits, '-' and '_' (e.g. ARAB_LEAGUE)."
        },
        help_text="ISO 3166-1 alpha-3 for countries (AUS); a short upper-case code otherwise.",
    )
    parent = actor_code_field(
        required=False, allow_null=True, help_text="Code of the body this one belongs to."
    )
    coalition = coalition_slug_field(
        required=False,
        allow_null=True,
        help_text="For an actor of kind `coalition` (and only then): the coalition's slug.",
    )

    class Meta:
        model = Actor
        fields = list(ACTOR_FIELDS)


# --- Coalitions ----------------------------------------------------------------------------------


class CoalitionSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    lead = code_of("lead.code", allow_null=True, help_text="Code of the leading actor.")

    class Meta:
        model = Coalition
        fields = ["id", *COALITION_API_FIELDS, *TIMESTAMPS]
        read_only_fields = fields


@extend_schema_serializer(component_name="Coalition")
class CoalitionInputSerializer(serializers.ModelSerializer):
    lead = actor_code_field(required=False, allow_null=True, help_text="Code of the leading actor.")

    class Meta:
        model = Coalition
        fields = COALITION_API_FIELDS


# --- Memberships ----------------------------------------------------------------------------------


class MembershipSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    coalition = code_of("coalition.slug", help_text="Coalition slug.")
    actor = code_of("actor.code", help_text="Actor code.")
    actor_summary = ActorSummarySerializer(source="actor", read_only=True)
    agreement = serializers.IntegerField(
        source="agreement_id", read_only=True, allow_null=True, help_text="Agreement id."
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = ["id", *beside(MEMBERSHIP_FIELDS, "actor", "actor_summary"), *CLAIM_READ_FIELDS]
        read_only_fields = fields


@extend_schema_serializer(component_name="Membership")
class MembershipInputSerializer(serializers.ModelSerializer):
    coalition = coalition_slug_field()
    actor = actor_code_field()
    agreement = agreement_id_field()
    citations = citations_field()

    class Meta:
        model = Membership
        fields = [*MEMBERSHIP_FIELDS, "review_status", "citations"]


class MemberSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """One actor's membership period in force on the day asked about."""

    membership = serializers.IntegerField(source="id", read_only=True, help_text="Membership id.")
    actor = ActorSummarySerializer(read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = [
            "membership",
            *without(MEMBERSHIP_FIELDS, "coalition", "note", "agreement"),
            "review_status",
            "citations",
        ]
        read_only_fields = fields


class CoalitionMembersSerializer(serializers.Serializer):
    coalition = serializers.SlugField(help_text="Coalition slug.")
    as_of = serializers.DateField(help_text="The day asked about.")
    members = MemberSerializer(many=True, help_text="Ordered by actor name.")


class MembersQuerySerializer(QueryParamsSerializer):
    as_of = serializers.DateField(
        required=False, help_text="The day to answer for (YYYY-MM-DD); default today (UTC)."
    )
    status = serializers.MultipleChoiceField(
        choices=Membership._meta.get_field("status").choices,
        required=False,
        help_text="Only these statuses (repeat the parameter for several).",
    )


# --- Meetings and attendance ----------------------------------------------------------------------


class AttendanceInMeetingSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    actor = code_of("actor.code", help_text="Actor code.")
    actor_summary = ActorSummarySerializer(source="actor", read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Attendance
        fields = [
            "id",
            *beside(without(ATTENDANCE_FIELDS, "meeting"), "actor", "actor_summary"),
            "review_status",
            "citations",
        ]
        read_only_fields = fields


class MeetingSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    coalition = code_of("coalition.slug", allow_null=True, help_text="Coalition slug.")
    host = code_of("host.code", allow_null=True, help_text="Code of the host actor.")
    attendances = AttendanceInMeetingSerializer(
        many=True, read_only=True, help_text="Who attended, hosted, declined or was not invited."
    )

    class Meta:
        model = Meeting
        fields = ["id", *MEETING_FIELDS, "attendances", *TIMESTAMPS]
        read_only_fields = fields


@extend_schema_serializer(component_name="Meeting")
class MeetingInputSerializer(serializers.ModelSerializer):
    coalition = coalition_slug_field(required=False, allow_null=True)
    host = actor_code_field(required=False, allow_null=True, help_text="Code of the host actor.")

    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)


class AttendanceSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="meeting_id", read_only=True, help_text="Meeting id.")
    actor = code_of("actor.code", help_text="Actor code.")
    actor_summary = ActorSummarySerializer(source="actor", read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", *beside(ATTENDANCE_FIELDS, "actor", "actor_summary"), *CLAIM_READ_FIELDS]
        read_only_fields = fields


@extend_schema_serializer(component_name="Attendance")
class AttendanceInputSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), help_text="Meeting id."
    )
    actor = actor_code_field()
    citations = citations_field()

    class Meta:
        model = Attendance
        fields = [*ATTENDANCE_FIELDS, "review_status", "citations"]
        # One attendance per actor and meeting: checked by the service's full_clean.
        validators = []


# --- Size reports -----------------------------------------------------------------------------


class SizeReportSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    coalition = code_of("coalition.slug", help_text="Coalition slug.")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = SizeReport
        fields = ["id", *SIZE_REPORT_FIELDS, *CLAIM_READ_FIELDS]
        read_only_fields = fields


@extend_schema_serializer(component_name="SizeReport")
class SizeReportInputSerializer(serializers.ModelSerializer):
    coalition = coalition_slug_field()
    citations = citations_field()

    class Meta:
        model = SizeReport
        fields = [*SIZE_REPORT_FIELDS, "review_status", "citations"]


# --- Agreements and their parties ---------------------------------------------------------------

#: A party as the API shows and takes it: its actor (its key), then its fields.
PARTY_API_FIELDS = ["actor", *PARTY_FIELDS]


class AgreementPartySerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    actor = code_of("actor.code", help_text="Actor code.")
    actor_summary = ActorSummarySerializer(source="actor", read_only=True)

    class Meta:
        model = AgreementParty
        fields = beside(PARTY_API_FIELDS, "actor", "actor_summary")
        read_only_fields = fields


@extend_schema_serializer(component_name="AgreementParty")
class AgreementPartyInputSerializer(serializers.ModelSerializer):
    actor = actor_code_field()

    class Meta:
        model = AgreementParty
        fields = PARTY_API_FIELDS


class AgreementSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    coalition = code_of("coalition.slug", allow_null=True, help_text="Coalition slug.")
    meeting = serializers.IntegerField(
        source="meeting_id", read_only=True, allow_null=True, help_text="Meeting id."
    )
    parties = AgreementPartySerializer(
        source="party_rows", many=True, read_only=True, help_text="Ordered by actor name."
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", *AGREEMENT_FIELDS, "parties", *CLAIM_READ_FIELDS]
        read_only_fields = fields


@extend_schema_serializer(component_name="Agreement")
class AgreementInputSerializer(serializers.ModelSerializer):
    coalition = coalition_slug_field(required=False, allow_null=True)
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the meeting that adopted it, or null.",
    )
    parties = AgreementPartyInputSerializer(
        many=True,
        required=False,
        help_text="Each actor once; sent on an update, replaces the parties.",
    )
    citations = citations_field()

    class Meta:
        model = Agreement
        fields = [*AGREEMENT_FIELDS, "review_status", "parties", "citations"]
