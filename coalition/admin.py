from django.contrib import admin

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
from sources.admin import CitationInline


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "official_name", "aliases"]
    autocomplete_fields = ["parent"]
    ordering = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ["actor", "status", "started_on", "started_on_precision", "ended_on"]
    show_change_link = True


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "lead", "started_on", "ended_on"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead"]
    inlines = [MembershipInline]


class MembershipCitationInline(CitationInline):
    model = MembershipCitation


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["actor", "coalition", "status", "started_on", "ended_on"]
    list_filter = ["status", "coalition"]
    search_fields = ["actor__name", "actor__code", "actor__aliases", "note"]
    autocomplete_fields = ["actor", "coalition"]
    list_select_related = ["actor", "coalition"]
    date_hierarchy = "started_on"
    inlines = [MembershipCitationInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "note"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "held_on", "city", "host", "coalition"]
    list_filter = ["coalition"]
    search_fields = ["name", "city"]
    autocomplete_fields = ["host", "coalition"]
    list_select_related = ["host", "coalition"]
    inlines = [AttendanceInline]


class AttendanceCitationInline(CitationInline):
    model = AttendanceCitation


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["actor", "meeting", "role"]
    list_filter = ["role", "meeting"]
    search_fields = ["actor__name", "actor__code", "meeting__name"]
    autocomplete_fields = ["actor", "meeting"]
    list_select_related = ["actor", "meeting"]
    inlines = [AttendanceCitationInline]


class SizeReportCitationInline(CitationInline):
    model = SizeReportCitation


@admin.register(SizeReport)
class SizeReportAdmin(admin.ModelAdmin):
    list_display = ["coalition", "reported_on", "qualifier", "member_count"]
    list_filter = ["coalition"]
    autocomplete_fields = ["coalition"]
    inlines = [SizeReportCitationInline]
