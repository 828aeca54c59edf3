"""The intake admin's claim proposals: on the source page with their reasons, marked in
the text, accepted (asking for what the text does not say) and rejected through the
services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from coalition.models import Attendance, Membership
from intake.models import ClaimProposal
from intake.services import source_propose_claims
from tests.factories import CoalitionFactory, MeetingFactory, SourceFactory, UserFactory
from tests.intake.test_claim_proposals import TEXT

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.intake.admin_urls")]


@pytest.fixture
def analyst(client):
    user = UserFactory(
        username="claims-admin-analyst",
        is_staff=True,
        permissions=[
            "pledges.add_pledge",
            "pledges.view_pledge",
            "sources.view_source",
            "sources.change_source",
        ],
    )
    client.force_login(user)
    return user


@pytest.fixture
def source():
    source = SourceFactory(text=TEXT, published_on=dt.date(2015, 3, 3))
    source_propose_claims(source=source)
    return source


def one(source, kind, code=None) -> ClaimProposal:
    return ClaimProposal.objects.get(source=source, kind=kind, actor__code=code)


def test_source_page_shows_the_proposals_with_their_reasons(client, analyst, source):
    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Proposed memberships, meetings, attendance, sizes and agreements" in html
    withdrew = one(source, "membership", "GRC")
    assert reverse("admin:intake_claimproposal_accept", args=[withdrew.pk]) in html
    assert reverse("admin:intake_claimproposal_reject", args=[withdrew.pk]) in html
    # the cue that matched, in the list and on the mark in the text
    assert "cue: &#x27;withdrew from the coalition&#x27; (membership)" in html
    assert "Greece, Withdrawn, confidence 0.60 (cue: " in html  # the mark's title


def test_accept_page_asks_for_the_meeting_then_records_the_attendance(client, analyst, source):
    proposal = one(source, "attendance", "FIN")
    url = reverse("admin:intake_claimproposal_accept", args=[proposal.pk])
    page = client.get(url)
    assert proposal.quote in page.content.decode()
    assert set(page.context["form"].fields) == {"meeting", "role"}
    refused = client.post(url, {"role": "attended"})
    assert refused.status_code == 200
    assert "meeting" in refused.context["form"].errors
    meeting = MeetingFactory()
    answer = client.post(url, {"role": "attended", "meeting": meeting.pk})
    assert answer.status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.meeting, attendance.actor.code) == (meeting, "FIN")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.accepted_record) == ("accepted", attendance)


def test_reject_button_records_who(client, analyst, source):
    proposal = one(source, "meeting", "DNK")
    url = reverse("admin:intake_claimproposal_reject", args=[proposal.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("rejected", analyst)


def test_changelist_actions_accept_and_reject(client, analyst, source):
    CoalitionFactory()
    changelist = reverse("admin:intake_claimproposal_changelist")
    assert client.get(changelist, {"source__id__exact": source.pk}).status_code == 200
    members = [one(source, "membership", code).pk for code in ("PRT", "GRC")]
    client.post(changelist, {"action": "accept_selected", "_selected_action": members})
    attended = one(source, "attendance", "NOR").pk
    client.post(changelist, {"action": "accept_selected", "_selected_action": [attended]})
    size = one(source, "size_report").pk
    client.post(changelist, {"action": "reject_selected", "_selected_action": [size]})
    states = dict(ClaimProposal.objects.values_list("pk", "state"))
    assert [states[pk] for pk in members] == ["accepted", "accepted"]
    assert states[attended] == "pending"  # no meeting known: refused with a message
    assert states[size] == "rejected"
    assert Membership.objects.count() == 2


def test_viewers_cannot_decide(client, source):
    viewer = UserFactory(
        username="claims-viewer", is_staff=True, permissions=["pledges.view_pledge"]
    )
    client.force_login(viewer)
    proposal = one(source, "size_report")
    assert (
        client.post(reverse("admin:intake_claimproposal_reject", args=[proposal.pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:intake_claimproposal_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:intake_claimproposal_change", args=[proposal.pk])).status_code
        == 200
    )


def test_a_proposals_own_page_is_read_only(client, analyst, source):
    proposal = one(source, "size_report")
    url = reverse("admin:intake_claimproposal_change", args=[proposal.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("admin:intake_claimproposal_accept", args=[proposal.pk]) in page.content.decode()
    assert client.post(url, {"state": "accepted"}).status_code == 403
    assert ClaimProposal.objects.get(pk=proposal.pk).state == "pending"
