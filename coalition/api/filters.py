from __future__ import annotations

import django_filters
from django.db.models import CharField, Exists, F, Func, OuterRef, Q, Value

from api.filters import (
    ChoicesFilter,
    ClaimCodeFilter,
    ClaimIdFilter,
    CodeFilter,
    IdFilter,
    SlugFilter,
    cited_by_source_filter,
)
from coalition.choices import (
    ActorKind,
    AgreementKind,
    AttendanceRole,
    MeetingStatus,
    MembershipStatus,
    QuantityQualifier,
)
from coalition.models import (
    Actor,
    Agreement,
    AgreementCitation,
    AgreementParty,
    Attendance,
    AttendanceCitation,
    Coalition,
    Meeting,
    Membership,
    MembershipCitation,
    SizeReport,
    SizeReportCitation,
)
from sources.choices import ReviewStatus


def review_status_filter():
    return ChoicesFilter(
        choices=ReviewStatus.choices,
        label="Review status (repeat for several). The public only ever sees verified claims.",
    )


class ActorFilterSet(django_filters.FilterSet):
    kind = ChoicesFilter(choices=ActorKind.choices, label="Kind of actor (repeat for several).")
    q = django_filters.CharFilter(
        method="filter_q",
        label=(
            "Name search, ignoring case and accents, in the name, official name, aliases "
            "and code: 'turkiye' finds Türkiye, 'britain' the United Kingdom."
        ),
    )
    parent = CodeFilter(model=Actor, field_name="parent__code", label="Code of the parent body.")

    class Meta:
        model = Actor
        fields = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        aliases = Func(
            F("aliases"), Value(" | "), function="array_to_string", output_field=CharField()
        )
        return queryset.alias(aliases_text=aliases).filter(
            Q(name__unaccent__icontains=value)
            | Q(official_name__unaccent__icontains=value)
            | Q(aliases_text__unaccent__icontains=value)
            | Q(code=value.upper())
        )


class CoalitionFilterSet(django_filters.FilterSet):
    lead = CodeFilter(model=Actor, field_name="lead__code", label="Code of the leading actor.")
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="unaccent__icontains", label="Words in the name."
    )
    member = ClaimCodeFilter(
        model=Actor,
        claim_model=Membership,
        match="actor__code",
        row="coalition",
        label="Only coalitions this actor (code) has a membership in.",
    )

    class Meta:
        model = Coalition
        fields = []


class MembershipFilterSet(django_filters.FilterSet):
    actor = CodeFilter(model=Actor, field_name="actor__code", label="Actor code (AUS).")
    coalition = SlugFilter(model=Coalition, field_name="coalition__slug", label="Coalition slug.")
    status = ChoicesFilter(choices=MembershipStatus.choices, label="Status (repeat for several).")
    as_of = django_filters.DateFilter(
        method="filter_as_of",
        label="Only periods in force on this day: started_on <= day < ended_on (or open).",
    )
    started_from = django_filters.DateFilter(field_name="started_on", lookup_expr="gte")
    started_to = django_filters.DateFilter(field_name="started_on", lookup_expr="lte")
    agreement = IdFilter(field_name="agreement_id", label="Only periods that cite this agreement.")
    source = cited_by_source_filter(MembershipCitation, "membership")
    review_status = review_status_filter()

    class Meta:
        model = Membership
        fields = []

    def filter_as_of(self, queryset, name, value):
        return queryset.as_of(value)


class MeetingFilterSet(django_filters.FilterSet):
    coalition = SlugFilter(model=Coalition, field_name="coalition__slug", label="Coalition slug.")
    host = CodeFilter(model=Actor, field_name="host__code", label="Code of the host actor.")
    status = ChoicesFilter(
        choices=MeetingStatus.choices, label="held, planned or cancelled (repeat for several)."
    )
    held_from = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label="Held on or after this day."
    )
    held_to = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label="Held on or before this day."
    )
    attendee = ClaimCodeFilter(
        model=Actor,
        claim_model=Attendance,
        match="actor__code",
        row="meeting",
        label="Only meetings with an attendance record of this actor.",
    )
    source = ClaimIdFilter(
        claim_model=Attendance,
        match="citations__source",
        row="meeting",
        label="Only meetings whose attendance cites this source (id).",
    )

    class Meta:
        model = Meeting
        fields = []


class AttendanceFilterSet(django_filters.FilterSet):
    meeting = IdFilter(field_name="meeting_id", label="Meeting id.")
    actor = CodeFilter(model=Actor, field_name="actor__code", label="Actor code.")
    role = ChoicesFilter(choices=AttendanceRole.choices, label="Role (repeat for several).")
    coalition = SlugFilter(
        model=Coalition, field_name="meeting__coalition__slug", label="Coalition slug."
    )
    source = cited_by_source_filter(AttendanceCitation, "attendance")
    review_status = review_status_filter()

    class Meta:
        model = Attendance
        fields = []


class SizeReportFilterSet(django_filters.FilterSet):
    coalition = SlugFilter(model=Coalition, field_name="coalition__slug", label="Coalition slug.")
    reported_from = django_filters.DateFilter(field_name="reported_on", lookup_expr="gte")
    reported_to = django_filters.DateFilter(field_name="reported_on", lookup_expr="lte")
    qualifier = ChoicesFilter(choices=QuantityQualifier.choices)
    source = cited_by_source_filter(SizeReportCitation, "size_report")
    review_status = review_status_filter()

    class Meta:
        model = SizeReport
        fields = []


class AgreementFilterSet(django_filters.FilterSet):
    coalition = SlugFilter(model=Coalition, field_name="coalition__slug", label="Coalition slug.")
    kind = ChoicesFilter(choices=AgreementKind.choices, label="Kind (repeat for several).")
    party = CodeFilter(
        model=Actor,
        method="filter_party",
        label="Only agreements this actor is a party to (code).",
    )
    meeting = IdFilter(field_name="meeting_id", label="Meeting id.")

    def filter_party(self, queryset, name, value):
        # ``id``, not ``pk``: the history's event rows (known_at) carry the agreement's id.
        parties = AgreementParty.objects.filter(agreement_id=OuterRef("id"), actor__code=value)
        return queryset.filter(Exists(parties))

    signed_from = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label="Signed on or after this day."
    )
    signed_to = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label="Signed on or before this day."
    )
    source = cited_by_source_filter(AgreementCitation, "agreement")
    review_status = review_status_filter()

    class Meta:
        model = Agreement
        fields = []
