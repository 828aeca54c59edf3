"""The intake admin: proposals on the source page, buttons, actions, corrections."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intake.services import source_propose_claims
from pledges.models import Pledge, PledgeProposal
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.intake.admin_urls")]


@pytest.fixture
def analyst(client):
    user = UserFactory(
        username="admin-analyst",
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


def test_source_page_lists_proposals_with_buttons(client, analyst, source):
    source_propose_claims(source=source)
    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Proposed claims" in html
    assert "Propose claims from the text" in html
    proposal = PledgeProposal.objects.filter(source=source).first()
    assert reverse("admin:pledges_pledgeproposal_accept", args=[proposal.pk]) in html


def test_propose_button_runs_the_extractor(client, analyst, source):
    url = reverse("admin:pledges_pledgeproposal_propose", args=[source.pk])
    assert client.get(url).status_code == 200
    answer = client.post(url)
    assert answer.status_code == 302
    assert PledgeProposal.objects.filter(source=source, state="pending").count() == 3


def test_accept_button_confirms_then_records_a_pledge(client, analyst, source):
    proposal = next(p for p in source_propose_claims(source=source) if p.kind == "aircraft")
    url = reverse("admin:pledges_pledgeproposal_accept", args=[proposal.pk])
    assert proposal.quote in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert proposal.accepted_pledge.citations.get().quote == proposal.quote


def test_changelist_actions_accept_and_reject(client, analyst, source):
    proposals = source_propose_claims(source=source)
    changelist = reverse("admin:pledges_pledgeproposal_changelist")
    assert client.get(changelist, {"source__id__exact": source.pk}).status_code == 200
    client.post(
        changelist,
        {"action": "reject_selected", "_selected_action": [proposals[0].pk]},
    )
    client.post(
        changelist,
        {"action": "accept_selected", "_selected_action": [p.pk for p in proposals[1:]]},
    )
    states = dict(PledgeProposal.objects.values_list("pk", "state"))
    assert states[proposals[0].pk] == "rejected"
    assert {states[p.pk] for p in proposals[1:]} == {"accepted"}
    assert Pledge.objects.count() == 2


def test_correct_then_save_and_accept(client, analyst, source):
    proposal = next(p for p in source_propose_claims(source=source) if p.kind == "aircraft")
    url = reverse("admin:pledges_pledgeproposal_change", args=[proposal.pk])
    page = client.get(url)
    assert "Save and accept" in page.content.decode()
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "status": "committed",
            "quantity": "6",
            "quantity_qualifier": "exact",
            "_accept": "Save and accept",
        }
    )
    answer = client.post(url, data)
    assert answer.status_code == 302, page.context["adminform"].form.errors
    pledge = Pledge.objects.get()
    assert (pledge.status, pledge.quantity) == ("committed", 6)


def test_viewers_cannot_decide(client, source):
    viewer = UserFactory(username="viewer", is_staff=True, permissions=["pledges.view_pledge"])
    client.force_login(viewer)
    proposal = source_propose_claims(source=source)[0]
    url = reverse("admin:pledges_pledgeproposal_accept", args=[proposal.pk])
    assert client.post(url).status_code == 403
    assert client.get(reverse("admin:pledges_pledgeproposal_changelist")).status_code == 200
