"""Every endpoint of coalition's resources (actors, coalitions, memberships, meetings,
attendances, size reports, agreements), from the tests in tests/support/resources.py: each class
declares its model, URL and data, nothing else."""

from __future__ import annotations

import itertools

from coalition.models import (
    Actor,
    Agreement,
    Attendance,
    Coalition,
    Meeting,
    Membership,
    SizeReport,
)
from tests.factories import (
    ActorFactory,
    AgreementCitationFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AttendanceCitationFactory,
    AttendanceFactory,
    CoalitionFactory,
    MeetingFactory,
    MembershipCitationFactory,
    MembershipFactory,
    SizeReportCitationFactory,
    SizeReportFactory,
)
from tests.support.api import citation_input
from tests.support.resources import VERIFIED, ClaimResourceTests, ResourceTests

_unique = itertools.count(1)


class TestActors(ResourceTests):
    model = Actor
    url = "/api/v1/actors/"
    lookup = "code"
    list_params = {"kind": "organisation"}
    compare_keys = ("code", "kind", "name", "aliases", "parent")

    def make(self, n=1):
        return ActorFactory.create_batch(n)

    def create_data(self):
        return {
            "code": f"NEWORG{next(_unique)}",
            "kind": "organisation",
            "name": "A New Organisation",
            "aliases": ["ANO"],
        }

    def update_data(self, obj):
        return {"code": obj.code, "kind": "non_state", "name": "Renamed group", "parent": "IRQ"}

    def partial_data(self, obj):
        return {"name": "Renamed organisation"}

    def invalid_data(self):
        return {"code": "bad code!", "kind": "planet", "name": "", "parent": "ZZZ"}, {
            "code",
            "kind",
            "name",
            "parent",
        }


class TestCoalitions(ResourceTests):
    model = Coalition
    url = "/api/v1/coalitions/"
    lookup = "slug"
    compare_keys = ("slug", "name", "lead", "started_on")

    def make(self, n=1):
        return CoalitionFactory.create_batch(n)

    def create_data(self):
        return {
            "slug": f"new-coalition-{next(_unique)}",
            "name": "A new coalition",
            "lead": "USA",
            "started_on": "2014-09-10",
        }

    def update_data(self, obj):
        return {"slug": obj.slug, "name": "Renamed coalition", "lead": "FRA"}

    def partial_data(self, obj):
        return {"ended_on": "2020-01-01"}

    def invalid_data(self):
        return {"slug": "not a slug", "name": "", "lead": "ZZZ", "started_on": "yesterday"}, {
            "slug",
            "name",
            "lead",
            "started_on",
        }


class TestMemberships(ClaimResourceTests):
    model = Membership
    url = "/api/v1/memberships/"
    compare_keys = ("coalition", "actor", "status", "started_on", "ended_on")

    def make(self, n=1):
        made = MembershipFactory.create_batch(n, **VERIFIED)
        for membership in made:
            MembershipCitationFactory(membership=membership)
        return made

    def create_data(self):
        return {
            "coalition": CoalitionFactory().slug,
            "actor": "AUS",
            "status": "member",
            "started_on": "2014-09-14",
            "citations": [citation_input()],
        }

    def update_data(self, obj):
        return {
            "coalition": obj.coalition.slug,
            "actor": obj.actor.code,
            "status": "withdrawn",
            "started_on": "2014-09-10",
            "ended_on": "2016-01-01",
            "citations": [citation_input()],
        }

    def partial_data(self, obj):
        return {"status": "suspended"}

    def invalid_data(self):
        data = {
            "coalition": "no-such-coalition",
            "actor": "ZZZ",
            "status": "bogus",
            "started_on": "2014-13-01",
            "citations": [{"source": 99999999999999999999, "quote": ""}],
        }
        return data, {"coalition", "actor", "status", "started_on", "citations.0.source"}


class TestMeetings(ResourceTests):
    model = Meeting
    url = "/api/v1/meetings/"
    compare_keys = ("coalition", "name", "held_on", "city", "host")

    def make(self, n=1):
        made = MeetingFactory.create_batch(n)
        for meeting in made:
            attendance = AttendanceFactory(meeting=meeting, **VERIFIED)
            AttendanceCitationFactory(attendance=attendance)
        return made

    def create_data(self):
        return {
            "coalition": CoalitionFactory().slug,
            "name": "Conference on Peace and Security in Iraq",
            "held_on": "2014-09-15",
            "city": "Paris",
            "host": "FRA",
        }

    def update_data(self, obj):
        return {"name": "Renamed conference", "held_on": "2014-09-16", "host": "USA"}

    def partial_data(self, obj):
        return {"city": "Washington"}

    def invalid_data(self):
        data = {"name": "", "held_on": "not a date", "host": "ZZZ", "coalition": "nope"}
        return data, {"name", "held_on", "host", "coalition"}

    def test_meeting_shows_its_attendance_with_citations(self, db, api_client):
        meeting = self.make(1)[0]
        body = api_client.get(self.detail_url(meeting)).json()
        [attendance] = body["attendances"]
        assert attendance["role"] == "attended"
        assert attendance["citations"][0]["source"]["id"]


class TestAttendances(ClaimResourceTests):
    model = Attendance
    url = "/api/v1/attendances/"
    compare_keys = ("meeting", "actor", "role", "note")

    def make(self, n=1):
        made = AttendanceFactory.create_batch(n, **VERIFIED)
        for attendance in made:
            AttendanceCitationFactory(attendance=attendance)
        return made

    def create_data(self):
        return {
            "meeting": MeetingFactory().pk,
            "actor": "AUS",
            "role": "attended",
            "citations": [citation_input()],
        }

    def update_data(self, obj):
        return {
            "meeting": obj.meeting_id,
            "actor": obj.actor.code,
            "role": "declined",
            "citations": [citation_input()],
        }

    def partial_data(self, obj):
        return {"note": "Sent its ambassador."}

    def invalid_data(self):
        data = {"meeting": 99999999999999999999, "actor": "ZZZ", "role": "bogus"}
        return data, {"meeting", "actor", "role"}


class TestSizeReports(ClaimResourceTests):
    model = SizeReport
    url = "/api/v1/size-reports/"
    compare_keys = ("coalition", "reported_on", "member_count", "qualifier")

    def make(self, n=1):
        made = SizeReportFactory.create_batch(n, **VERIFIED)
        for report in made:
            SizeReportCitationFactory(size_report=report)
        return made

    def create_data(self):
        return {
            "coalition": CoalitionFactory().slug,
            "reported_on": "2015-11-23",
            "member_count": 65,
            "qualifier": "exact",
            "citations": [citation_input()],
        }

    def update_data(self, obj):
        return {
            "coalition": obj.coalition.slug,
            "reported_on": "2015-11-24",
            "member_count": 60,
            "qualifier": "more_than",
            "citations": [citation_input()],
        }

    def partial_data(self, obj):
        return {"member_count": 59}

    def invalid_data(self):
        data = {"member_count": -1, "qualifier": "bogus", "reported_on": "2015-02-29"}
        return data, {"member_count", "qualifier", "reported_on"}


class TestAgreements(ClaimResourceTests):
    model = Agreement
    url = "/api/v1/agreements/"
    list_params = {"party": "SAU"}
    compare_keys = ("coalition", "title", "kind", "signed_on", "place")

    def make(self, n=1):
        made = AgreementFactory.create_batch(n, **VERIFIED)
        for agreement in made:
            AgreementCitationFactory(agreement=agreement)
            AgreementPartyFactory(agreement=agreement, actor=Actor.objects.get(code="SAU"))
        return made

    def create_data(self):
        return {
            "coalition": CoalitionFactory().slug,
            "title": "Communique of the Jeddah meeting",
            "kind": "joint_statement",
            "signed_on": "2014-09-11",
            "place": "Jeddah",
            "parties": [{"actor": "SAU"}, {"actor": "USA", "note": "Kerry attended"}],
            "citations": [citation_input()],
        }

    def update_data(self, obj):
        return {
            "title": "Paris declaration",
            "kind": "declaration",
            "signed_on": "2014-09-15",
            "place": "Paris",
            "parties": [{"actor": "FRA"}],
            "citations": [citation_input()],
        }

    def partial_data(self, obj):
        return {"place": "Jiddah"}

    def invalid_data(self):
        data = {
            "title": "",
            "kind": "treaty_of_sorts",
            "signed_on": "1066-10-14",
            "parties": [{"actor": "ZZZ"}],
            "citations": [citation_input()],
        }
        return data, {"title", "kind", "signed_on", "parties.0.actor"}
