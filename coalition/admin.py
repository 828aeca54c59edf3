import datetime as dt

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q

from coalition.models import (
    Actor,
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
    ACTOR_FIELDS,
    ATTENDANCE_FIELDS,
    COALITION_FIELDS,
    MEETING_FIELDS,
    MEMBERSHIP_FIELDS,
    SIZE_REPORT_FIELDS,
    actor_create,
    actor_delete,
    actor_update,
    attendance_create,
    attendance_delete,
    attendance_update,
    coalition_create,
    coalition_delete,
    coalition_update,
    meeting_create,
    meeting_delete,
    meeting_update,
    membership_create,
    membership_delete,
    membership_update,
    size_report_create,
    size_report_delete,
    size_report_update,
)
from history.admin import HistoryAdminMixin
from sources.admin import (
    CitationInline,
    ClaimAdmin,
    Inlines,
    ServiceAdminMixin,
    messages_by_field,
)


def claim_rows_write(request, inlines: Inlines, name: str, model, update, delete) -> None:
    """Write the changed and deleted rows of a claim inline (memberships on a coalition's
    page, attendance on a meeting's) through the claim's ``update`` and ``delete``
    services, which take the claim by its model's name (``membership=``). A new claim
    needs its citation, which only the claim's own page holds: these inlines add no rows."""
    keyword = model._meta.model_name
    changed, deleted = inlines.changed_rows(name, model)
    kept = inlines.kept[name][1]
    for form in deleted:
        delete(**{keyword: form.instance})
    for form in changed:
        data = {k: form.cleaned_data[k] for k in form.changed_data if k in form.cleaned_data}
        current = model.objects.select_for_update().get(pk=form.instance.pk)
        try:
            update(**{keyword: current}, data=data, user=request.user)
        except ValidationError as error:
            index = kept.index(form)
            raise ValidationError(
                {f"{name}.{index}.{k}": v for k, v in messages_by_field(error).items()}
            ) from error


@admin.register(Actor)
class ActorAdmin(HistoryAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "official_name", "aliases"]
    autocomplete_fields = ["parent"]
    ordering = ["name"]
    service_fields = ACTOR_FIELDS

    def create_object(self, request, values, inlines):
        return actor_create(**values)

    def update_object(self, request, obj, data, inlines):
        return actor_update(actor=obj, data=data)

    def delete_object(self, request, obj):
        actor_delete(actor=obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ["actor", "status", "started_on", "started_on_precision", "ended_on"]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a membership needs its citation: add it from the membership page


@admin.register(Coalition)
class CoalitionAdmin(HistoryAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "lead", "started_on", "ended_on"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead"]
    inlines = [MembershipInline]
    service_fields = COALITION_FIELDS

    def create_object(self, request, values, inlines):
        return coalition_create(**values)

    def update_object(self, request, obj, data, inlines):
        coalition = coalition_update(coalition=obj, data=data)
        claim_rows_write(
            request, inlines, "memberships", Membership, membership_update, membership_delete
        )
        return coalition

    def delete_object(self, request, obj):
        coalition_delete(coalition=obj)


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
    autocomplete_fields = ["actor", "coalition"]
    list_select_related = ["actor", "coalition"]
    date_hierarchy = "started_on"
    inlines = [MembershipCitationInline]
    service_fields = (*MEMBERSHIP_FIELDS, "review_status")

    def create_object(self, request, values, inlines):
        citations = self.citations(inlines, change=False)
        return membership_create(**values, citations=citations, user=request.user)

    def update_object(self, request, obj, data, inlines):
        citations = self.citations(inlines, change=True)
        return membership_update(membership=obj, data=data, citations=citations, user=request.user)

    def delete_object(self, request, obj):
        membership_delete(membership=obj)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "note"]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # an attendance needs its citation: add it from the attendance page


@admin.register(Meeting)
class MeetingAdmin(HistoryAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "held_on", "city", "host", "coalition"]
    list_filter = ["coalition"]
    search_fields = ["name", "city"]
    autocomplete_fields = ["host", "coalition"]
    list_select_related = ["host", "coalition"]
    inlines = [AttendanceInline]
    service_fields = MEETING_FIELDS

    def create_object(self, request, values, inlines):
        return meeting_create(**values)

    def update_object(self, request, obj, data, inlines):
        meeting = meeting_update(meeting=obj, data=data)
        claim_rows_write(
            request, inlines, "attendances", Attendance, attendance_update, attendance_delete
        )
        return meeting

    def delete_object(self, request, obj):
        meeting_delete(meeting=obj)


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
    service_fields = (*ATTENDANCE_FIELDS, "review_status")

    def create_object(self, request, values, inlines):
        citations = self.citations(inlines, change=False)
        return attendance_create(**values, citations=citations, user=request.user)

    def update_object(self, request, obj, data, inlines):
        citations = self.citations(inlines, change=True)
        return attendance_update(attendance=obj, data=data, citations=citations, user=request.user)

    def delete_object(self, request, obj):
        attendance_delete(attendance=obj)


class SizeReportCitationInline(CitationInline):
    model = SizeReportCitation


@admin.register(SizeReport)
class SizeReportAdmin(ClaimAdmin):
    list_display = ["coalition", "reported_on", "qualifier", "member_count", "review_status"]
    list_filter = ["review_status", "coalition"]
    autocomplete_fields = ["coalition"]
    inlines = [SizeReportCitationInline]
    service_fields = (*SIZE_REPORT_FIELDS, "review_status")

    def create_object(self, request, values, inlines):
        citations = self.citations(inlines, change=False)
        return size_report_create(**values, citations=citations, user=request.user)

    def update_object(self, request, obj, data, inlines):
        citations = self.citations(inlines, change=True)
        return size_report_update(
            size_report=obj, data=data, citations=citations, user=request.user
        )

    def delete_object(self, request, obj):
        size_report_delete(size_report=obj)
