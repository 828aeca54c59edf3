"""``/api/v1/sources/{id}/proposals/``: list, propose, accept, reject."""

from __future__ import annotations

import pytest

from pledges.models import Pledge, PledgeProposal
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.intake.urls")]


@pytest.fixture
def analyst():
    return UserFactory(username="api-analyst", permissions=["pledges.add_pledge"])


@pytest.fixture
def viewer():
    return UserFactory(username="api-viewer", permissions=["pledges.view_pledge"])


def url(source, *rest):
    return "/".join([f"/api/v1/sources/{source.pk}/proposals", *map(str, rest), ""])


def test_propose_then_list(api_client, source, analyst):
    api_client.force_authenticate(analyst)
    created = api_client.post(url(source))
    assert created.status_code == 201, created.content
    assert {(p["actor"], p["kind"], p["status"]) for p in created.json()} == {
        ("NOR", "humanitarian", "announced"),
        ("AUS", "aircraft", "announced"),
        ("TUR", "basing", "refused"),
    }
    listed = api_client.get(url(source), {"state": "pending"})
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()] == [p["id"] for p in created.json()]
    assert all(p["quote"] in source.text for p in listed.json())


def test_accept_with_a_correction_creates_a_draft_pledge(api_client, source, analyst):
    api_client.force_authenticate(analyst)
    proposals = api_client.post(url(source)).json()
    aircraft = next(p for p in proposals if p["kind"] == "aircraft")
    answer = api_client.post(url(source, aircraft["id"], "accept"), {"status": "committed"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["state"] == "accepted"
    assert body["decided_by"] == "api-analyst"
    pledge = Pledge.objects.get(pk=body["accepted_pledge"])
    assert (pledge.actor.code, pledge.status, pledge.review_status) == (
        "AUS",
        "committed",
        "draft",
    )
    assert pledge.citations.get().quote == aircraft["quote"]


def test_reject_and_a_second_decision_is_a_400(api_client, source, analyst):
    api_client.force_authenticate(analyst)
    proposal = api_client.post(url(source)).json()[0]
    assert api_client.post(url(source, proposal["id"], "reject")).json()["state"] == "rejected"
    again = api_client.post(url(source, proposal["id"], "accept"))
    assert again.status_code == 400
    assert PledgeProposal.objects.get(pk=proposal["id"]).state == "rejected"


def test_bad_correction_is_a_400_and_changes_nothing(api_client, source, analyst):
    api_client.force_authenticate(analyst)
    proposal = api_client.post(url(source)).json()[0]
    answer = api_client.post(url(source, proposal["id"], "accept"), {"quote": "Not there."})
    assert answer.status_code == 400
    assert not Pledge.objects.exists()
    assert PledgeProposal.objects.get(pk=proposal["id"]).state == "pending"


def test_permissions(api_client, source, viewer):
    assert api_client.get(url(source)).status_code in (401, 403)
    api_client.force_authenticate(viewer)
    assert api_client.get(url(source)).status_code == 200
    assert api_client.post(url(source)).status_code == 403


def test_unknown_source_is_a_404(api_client, analyst):
    api_client.force_authenticate(analyst)
    assert api_client.get("/api/v1/sources/999999/proposals/").status_code == 404


def test_every_decision_is_in_the_proposals_history(api_client, source, analyst):
    """Proposals are tracked like the claims: the history says what was proposed, and
    who rejected it, when and through which request."""
    api_client.force_authenticate(analyst)
    proposal = api_client.post(url(source)).json()[0]
    api_client.post(url(source, proposal["id"], "reject"))
    events = list(
        PledgeProposal.pgh_event_model.objects.filter(pgh_obj_id=proposal["id"])
        .select_related("pgh_context")
        .order_by("pgh_id")
    )
    assert [(e.pgh_label, e.state) for e in events] == [
        ("insert", "pending"),
        ("update", "rejected"),
    ]
    decided = events[-1]
    assert decided.decided_by_id == analyst.pk
    assert decided.pgh_context.metadata["user"] == analyst.pk
    assert decided.pgh_context.metadata["url"].endswith(f"/{proposal['id']}/reject/")
