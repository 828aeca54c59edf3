import datetime as dt

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q

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
from coalition.services import (
    ACTOR_SERVICES,
    AGREEMENT_SERVICES,
    ATTENDANCE_SERVICES,
    COALITION_SERVICES,
    MEETING_SERVICES,
    MEMBERSHIP_SERVICES,
    PARTY_FIELDS,
    SIZE_REPORT_SERVICES,
)
from history.admin import HistoryAdminMixin
from sources.admin import (
    CitationInline,
    ClaimAdmin,
    Inlines,
    ServiceAdminMixin,
    messages_by_field,
)
from sources.services import Services


def claim_rows_write(request, inlines: Inlines, name: str, model, services: Services) -> None:
    """Write the changed and deleted rows of a claim inline (memberships on a coalition's
    page, attendance on a meeting's) through the claim's services. A new claim needs
    its citation, which only the claim's own page holds: these inlines add no rows."""
    changed, deleted = inlines.changed_rows(name, model)
    kept = inlines.kept[name][1]
    for form in deleted:
        services.delete(instance=form.instance, user=request.user)
    for form in changed:
        data = {k: form.cleaned_data[k] for k in form.changed_data if k in form.cleaned_data}
        current = model.objects.select_for_update().get(pk=form.instance.pk)
        try:
            services.update(instance=current, data=data, user=request.user)
        except ValidationError as error:
            index = kept.index(form)
            raise ValidationError(
                {f"{name}.{index}.{k}": v for k, v in messages_by_field(error).items()}
            ) from error


class ClaimRowsAdmin(HistoryAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    """An admin whose page lists claims in an inline (a coalition's memberships, a
    meeting's attendance), written with :func:`claim_rows_write` after the object."""

    #: (inline name, claim model, the claim's services)
    claim_rows: tuple[str, type, Services]

    def update_object(self, request, obj, data, inlines):
        obj = super().update_object(request, obj, data, inlines)
        claim_rows_write(request, inlines, *self.claim_rows)
        return obj


@admin.register(Actor)
class ActorAdmin(HistoryAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "official_name", "aliases"]
    autocomplete_fields = ["parent"]
    ordering = ["name"]
    services = ACTOR_SERVICES


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ["actor", "status", "started_on", "started_on_precision", "ended_on"]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a membership needs its citation: add it from the membership page


@admin.register(Coalition)
class CoalitionAdmin(ClaimRowsAdmin):
    list_display = ["name", "slug", "lead", "started_on", "ended_on"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead"]
    inlines = [MembershipInline]
    services = COALITION_SERVICES
    claim_rows = ("memberships", Membership, MEMBERSHIP_SERVICES)


class MembershipCitationInline(CitationInline):
    model = MembershipCitation


class MemberOnDateFilter(admin.SimpleListFilter):
    """Memberships in force on a date: pick one of the dates periods start on, or put
    any date in the URL (``?as_of=2014-09-20``)."""

    title = "in force on"
    parameter_name = "as_of"

    def lookups(self, request, model_admin):
        starts = (
            Membership.objects.order_by("-started_on")
            .values_list("started_on", flat=True)
            .distinct()[:15]
        )
        today = dt.date.today()
        return [(today.isoformat(), "Today"), *((d.isoformat(), d.isoformat()) for d in starts)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = dt.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(
            Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        )


@admin.register(Membership)
class MembershipAdmin(ClaimAdmin):
    list_display = ["actor", "coalition", "status", "started_on", "ended_on", "review_status"]
    list_filter = [MemberOnDateFilter, "status", "review_status", "coalition"]
    search_fields = ["actor__name", "actor__code", "actor__aliases", "note"]
    autocomplete_fields = ["actor", "coalition", "agreement"]
    list_select_related = ["actor", "coalition"]
    date_hierarchy = "started_on"
    inlines = [MembershipCitationInline]
    services = MEMBERSHIP_SERVICES


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "note"]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # an attendance needs its citation: add it from the attendance page


@admin.register(Meeting)
class MeetingAdmin(ClaimRowsAdmin):
    list_display = ["name", "status", "held_on", "city", "host", "coalition"]
    list_filter = ["status", "coalition"]
    search_fields = ["name", "city"]
    autocomplete_fields = ["host", "coalition"]
    list_select_related = ["host", "coalition"]
    inlines = [AttendanceInline]
    services = MEETING_SERVICES
    claim_rows = ("attendances", Attendance, ATTENDANCE_SERVICES)


class AttendanceCitationInline(CitationInline):
    model = AttendanceCitation


@admin.register(Attendance)
class AttendanceAdmin(ClaimAdmin):
    list_display = ["actor", "meeting", "role", "review_status"]
    list_filter = ["role", "review_status", "meeting"]
    search_fields = ["actor__name", "actor__code", "meeting__name"]
    autocomplete_fields = ["actor", "meeting"]
    list_select_related = ["actor", "meeting"]
    inlines = [AttendanceCitationInline]
    services = ATTENDANCE_SERVICES


class SizeReportCitationInline(CitationInline):
    model = SizeReportCitation


@admin.register(SizeReport)
class SizeReportAdmin(ClaimAdmin):
    list_display = ["coalition", "reported_on", "qualifier", "member_count", "review_status"]
    list_filter = ["review_status", "coalition"]
    autocomplete_fields = ["coalition"]
    inlines = [SizeReportCitationInline]
    services = SIZE_REPORT_SERVICES


class AgreementCitationInline(CitationInline):
    model = AgreementCitation


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 3
    autocomplete_fields = ["actor"]
    fields = ["actor", *PARTY_FIELDS]


@admin.register(Agreement)
class AgreementAdmin(ClaimAdmin):
    """One screen: the text, its parties and the quotes that say who signed."""

    list_display = ["title", "kind", "signed_on", "place", "coalition", "review_status"]
    list_filter = ["kind", "review_status", "coalition"]
    search_fields = ["title", "place", "description", "party_rows__actor__code"]
    autocomplete_fields = ["coalition", "meeting"]
    list_select_related = ["coalition"]
    inlines = [AgreementCitationInline, AgreementPartyInline]
    services = AGREEMENT_SERVICES

    def nested_data(self, inlines, *, change: bool) -> dict:
        """The citation rows and the party rows (each left out on a change that did not
        touch them)."""
        data = super().nested_data(inlines, change=change)
        parties = inlines.rows("parties", AgreementParty, ("actor", *PARTY_FIELDS), change=change)
        if parties is not None or not change:
            data["parties"] = parties or []
        return data
