"""Meetings planned, held or cancelled, attendance figures, and agreements with parties.

The sentences are written for these tests in the style of wire reports:
- "Foreign ministers of ten Arab states and the United States agreed in Jeddah on
  Thursday to do their share in the fight against Islamic State" (11 September 2014);
- "Some 26 countries signed a joint statement in Paris on Monday pledging to help Iraq
  by all necessary means" (15 September 2014);
- "Only 42 of the 60 member delegations attended the Brussels meeting";
- "A follow-up ministerial planned for Rome in December was cancelled".
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from coalition.models import (
    Agreement,
    AgreementCitation,
    AgreementParty,
    Attendance,
    Meeting,
    Membership,
)
from coalition.services import agreement_create, meeting_create
from history.readers import object_history, tracked_models
from tests.factories import (
    AttendanceFactory,
    CoalitionFactory,
    MeetingFactory,
    MembershipFactory,
    SourceFactory,
    country,
)
from tests.pledges.test_admin_write_path import form_data
from tests.support.api import citation_input, token_client

pytestmark = pytest.mark.django_db

JEDDAH = (
    "Jeddah, Sept 11. Foreign ministers of ten Arab states and the United States agreed in "
    "Jeddah on Thursday to do their share in the fight against Islamic State, a communique "
    "said."
)
JEDDAH_QUOTE = "ten Arab states and the United States agreed in Jeddah"
JEDDAH_PARTIES = ["BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "OMN", "QAT", "SAU", "ARE", "USA"]
PARIS = (
    "Paris, Sept 15. Some 26 countries signed a joint statement in Paris on Monday pledging "
    "to help Iraq by all necessary means, including military assistance."
)
PARIS_QUOTE = "Some 26 countries signed a joint statement in Paris on Monday"


@pytest.fixture
def writer(admin_user):
    return token_client(admin_user)


def jeddah_data(coalition) -> dict:
    source = SourceFactory(text=JEDDAH)
    return {
        "coalition": coalition.slug,
        "title": "Jeddah communique",
        "kind": "joint_statement",
        "signed_on": "2014-09-11",
        "place": "Jeddah",
        "parties": [{"actor": code} for code in JEDDAH_PARTIES],
        "citations": [citation_input(source, JEDDAH_QUOTE)],
    }


# --- meetings: status and attendance figures ------------------------------------------------


def test_a_cancelled_meeting_is_recorded_through_the_api(writer):
    body = {"name": "Rome ministerial", "held_on": "2014-12-03", "status": "cancelled"}
    response = writer.post("/api/v1/meetings/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "cancelled"
    listed = writer.get("/api/v1/meetings/", {"status": "cancelled"}).json()["results"]
    assert [m["name"] for m in listed] == ["Rome ministerial"]


def test_a_meeting_without_a_status_is_held_as_before(writer):
    body = {"name": "Paris conference", "held_on": "2014-09-15", "city": "Paris"}
    response = writer.post("/api/v1/meetings/", body, format="json")
    assert response.json()["status"] == "held"


def test_attendance_as_reported_42_of_60(writer):
    body = {
        "name": "Brussels ministerial",
        "held_on": "2014-12-03",
        "attended_count": 42,
        "of_count": 60,
    }
    response = writer.post("/api/v1/meetings/", body, format="json")
    assert response.status_code == 201
    assert (response.json()["attended_count"], response.json()["of_count"]) == (42, 60)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"attended_count": 61, "of_count": 60}, "__all__"),
        ({"of_count": 60}, "__all__"),
        ({"status": "planned", "attended_count": 12}, "__all__"),
    ],
)
def test_impossible_attendance_figures_are_400(writer, body, field):
    data = {"name": "Brussels ministerial", "held_on": "2014-12-03", **body}
    response = writer.post("/api/v1/meetings/", data, format="json")
    assert response.status_code == 400, response.json()
    assert not Meeting.objects.filter(name="Brussels ministerial").exists()


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"attended_count": 61, "of_count": 60}, "meeting_attended_not_above_of"),
        ({"of_count": 60}, "meeting_of_count_needs_attended"),
        ({"status": "cancelled", "attended_count": 5}, "meeting_attendance_count_only_when_held"),
        ({"status": "adjourned"}, "meeting_status_valid"),
    ],
)
def test_the_database_refuses_what_the_services_refuse(values, constraint):
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(**values)


def test_nobody_attends_a_planned_meeting(writer):
    meeting = meeting_create(data={"name": "Rome", "held_on": "2014-12-03", "status": "planned"})
    data = {
        "meeting": meeting.pk,
        "actor": "ITA",
        "role": "attended",
        "citations": [citation_input()],
    }
    response = writer.post("/api/v1/attendances/", data, format="json")
    assert response.status_code == 400
    assert "role" in response.json()["errors"][0]["attr"]
    data["role"] = "hosted"  # Italy was to host it: that holds for a planned meeting
    assert writer.post("/api/v1/attendances/", data, format="json").status_code == 201


def test_a_meeting_with_attendees_cannot_be_marked_cancelled(writer):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, role="attended")
    url = f"/api/v1/meetings/{meeting.pk}/"
    response = writer.patch(url, {"status": "cancelled"}, format="json")
    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).status == "held"


def test_the_admin_records_a_meeting_status_and_figures(staff_client):
    url = reverse("admin:coalition_meeting_add")
    data = form_data(staff_client.get(url))
    data.update(
        {
            "name": "Brussels ministerial",
            "status": "held",
            "held_on": "2014-12-03",
            "held_on_precision": "day",
            "attended_count": "42",
            "of_count": "60",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    meeting = Meeting.objects.get(name="Brussels ministerial")
    assert (meeting.attended_count, meeting.of_count) == (42, 60)
    data.update({"name": "Brussels again", "attended_count": "70"})
    page = staff_client.post(url, data)
    assert page.status_code == 200
    assert "More cannot attend" in page.content.decode()


# --- agreements and their parties -----------------------------------------------------------


def test_the_jeddah_communique_with_its_eleven_parties(writer):
    response = writer.post("/api/v1/agreements/", jeddah_data(CoalitionFactory()), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(p["actor"] for p in body["parties"]) == sorted(JEDDAH_PARTIES)
    assert body["kind"] == "joint_statement"
    assert body["citations"][0]["quote"] == JEDDAH_QUOTE
    found = writer.get("/api/v1/agreements/", {"party": "qat"}).json()["results"]
    assert [a["id"] for a in found] == [body["id"]]
    assert writer.get("/api/v1/agreements/", {"party": "FRA"}).json()["results"] == []


def test_a_party_given_twice_is_400_and_nothing_is_saved(writer):
    data = jeddah_data(CoalitionFactory())
    data["parties"].append({"actor": "SAU"})
    response = writer.post("/api/v1/agreements/", data, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "parties"
    assert not Agreement.objects.exists()


def test_parties_sent_on_update_replace_the_old_ones_keeping_ids(writer):
    created = writer.post("/api/v1/agreements/", jeddah_data(CoalitionFactory()), format="json")
    url = f"/api/v1/agreements/{created.json()['id']}/"
    saudi = AgreementParty.objects.get(actor__code="SAU").pk
    parties = [{"actor": "SAU", "note": "host"}, {"actor": "USA"}]
    response = writer.patch(url, {"parties": parties}, format="json")
    assert response.status_code == 200, response.json()
    assert [p["actor"] for p in response.json()["parties"]] == ["SAU", "USA"]
    assert AgreementParty.objects.get(actor__code="SAU").pk == saudi


def test_the_database_keeps_one_row_per_party():
    source = SourceFactory(text=PARIS)
    agreement = agreement_create(
        data={
            "title": "Paris joint statement",
            "kind": "joint_statement",
            "citations": [{"source": source, "quote": PARIS_QUOTE}],
            "parties": [{"actor": country("FRA")}],
        }
    )
    with (
        pytest.raises(IntegrityError, match="agreementparty_once_per_agreement"),
        transaction.atomic(),
    ):
        AgreementParty.objects.create(agreement=agreement, actor=country("FRA"))
    with pytest.raises(IntegrityError, match="agreement_kind_valid"), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(kind="treaty")


def test_a_membership_cites_the_agreement_it_rests_on(writer):
    agreement = writer.post(
        "/api/v1/agreements/", jeddah_data(CoalitionFactory()), format="json"
    ).json()
    data = {
        "coalition": agreement["coalition"],
        "actor": "QAT",
        "status": "member",
        "started_on": "2014-09-11",
        "agreement": agreement["id"],
        "citations": [citation_input()],
    }
    response = writer.post("/api/v1/memberships/", data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["agreement"] == agreement["id"]
    listed = writer.get("/api/v1/memberships/", {"agreement": agreement["id"]}).json()
    assert [m["actor"] for m in listed["results"]] == ["QAT"]
    bad = writer.post("/api/v1/memberships/", {**data, "agreement": 999999}, format="json")
    assert bad.status_code == 400


def test_an_agreement_a_membership_cites_cannot_be_deleted(writer):
    agreement = agreement_create(
        data={
            "title": "Jeddah communique",
            "kind": "joint_statement",
            "citations": [{"source": SourceFactory(text=JEDDAH), "quote": JEDDAH_QUOTE}],
        }
    )
    MembershipFactory(agreement=agreement)
    url = f"/api/v1/agreements/{agreement.pk}/"
    assert writer.delete(url).status_code == 409
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    assert Membership.objects.filter(agreement=agreement).exists()


def test_history_and_the_change_feed_record_agreements_and_parties(writer):
    created = writer.post("/api/v1/agreements/", jeddah_data(CoalitionFactory()), format="json")
    agreement = Agreement.objects.get(pk=created.json()["id"])
    entries = object_history(Agreement, agreement.pk)
    assert {(e.type, e.action) for e in entries} == {
        ("agreement", "create"),
        ("agreementparty", "create"),
        ("agreementcitation", "create"),
    }
    assert sum(e.type == "agreementparty" for e in entries) == len(JEDDAH_PARTIES)
    # The change feed reads every tracked model's events (its horizon hides this test's
    # own open transaction, so the feed itself is tested in tests/history).
    assert {Agreement, AgreementParty, AgreementCitation} <= set(tracked_models())


def test_agreements_export_lists_their_parties(writer):
    writer.post("/api/v1/agreements/", jeddah_data(CoalitionFactory()), format="json")
    response = writer.get("/api/v1/agreements/export/", {"format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "ARE;BHR;EGY;IRQ;JOR;KWT;LBN;OMN;QAT;SAU;USA" in text


def test_the_admin_enters_an_agreement_with_its_parties_on_one_screen(staff_client):
    source = SourceFactory(text=PARIS)
    url = reverse("admin:coalition_agreement_add")
    data = form_data(staff_client.get(url))
    data.update(
        {
            "title": "Paris joint statement",
            "kind": "joint_statement",
            "signed_on": "2014-09-15",
            "signed_on_precision": "day",
            "place": "Paris",
            "review_status": "verified",
            "citations-0-source": source.pk,
            "citations-0-quote": PARIS_QUOTE,
            "citations-0-stance": "supports",
            "party_rows-0-actor": country("FRA").pk,
            "party_rows-1-actor": country("IRQ").pk,
            "party_rows-2-actor": country("USA").pk,
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get(title="Paris joint statement")
    assert sorted(agreement.parties.values_list("code", flat=True)) == ["FRA", "IRQ", "USA"]
    assert agreement.citations.get().quote == PARIS_QUOTE

    data.update({"title": "Paris again", "party_rows-2-actor": country("FRA").pk})
    page = staff_client.post(url, data)
    assert page.status_code == 200
    assert "duplicate" in page.content.decode().lower()
    assert not Agreement.objects.filter(title="Paris again").exists()


def test_attendance_rows_keep_working_for_held_meetings():
    attendance = AttendanceFactory(role="attended")
    assert Attendance.objects.get(pk=attendance.pk).meeting.status == "held"
