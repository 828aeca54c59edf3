"""History in the API and the admin: every kind of write leaves one event per changed
object with who made it; a deleted pledge stays readable and can be restored."""

from __future__ import annotations

import sys

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from coalition.models import Actor, Membership
from pledges.models import Pledge, PledgeCitation, PledgeStage
from tests.factories import (
    ActorFactory,
    MembershipCitationFactory,
    MembershipFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
    SourceFactory,
    UserFactory,
    country,
)
from tests.support.api import assert_error, citation_input
from tests.support.helpers import form_values

pytestmark = pytest.mark.django_db


def client_for(user) -> tuple[APIClient, AuthToken]:
    instance, token = AuthToken.objects.create(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client, instance


def if_match(client, url) -> dict:
    """The If-Match header a careful client sends (when the API gives ETags)."""
    etag = client.get(url).headers.get("ETag")
    return {"HTTP_IF_MATCH": etag} if etag else {}


def event_counts() -> dict[str, int]:
    return {
        "pledge": Pledge.pgh_event_model.objects.count(),
        "pledgecitation": PledgeCitation.pgh_event_model.objects.count(),
        "pledgestage": PledgeStage.pgh_event_model.objects.count(),
    }


def new_events(before: dict[str, int]) -> dict[str, int]:
    after = event_counts()
    return {kind: after[kind] - before[kind] for kind in after if after[kind] != before[kind]}


# --- every kind of write: one event per changed object, with who -------------------------


def test_an_api_write_leaves_one_event_with_the_user_token_and_url():
    pledge = PledgeCitationFactory(pledge__quantity=6).pledge
    user = UserFactory(permissions=["pledges.change_pledge", "pledges.view_pledge"])
    client, token = client_for(user)
    url = f"/api/v1/pledges/{pledge.pk}/"
    before = event_counts()
    response = client.patch(url, {"quantity": 8}, format="json", **if_match(client, url))
    assert response.status_code == 200, response.content
    assert new_events(before) == {"pledge": 1}
    event = Pledge.pgh_event_model.objects.get(pgh_obj_id=pledge.pk, pgh_label="update")
    assert event.quantity == 8
    assert event.pgh_context.metadata == {"user": user.pk, "url": url, "token": token.token_key}


def test_an_admin_edit_leaves_one_event_with_the_analyst(client):
    pledge = PledgeCitationFactory(pledge__quantity=6).pledge
    PledgeStageFactory(pledge=pledge)
    analyst = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(analyst)
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    form = form_values(client.get(url).content.decode())
    form["quantity"] = ["9"]
    before = event_counts()
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert new_events(before) == {"pledge": 1}  # unchanged citations and stages: none
    event = Pledge.pgh_event_model.objects.get(pgh_obj_id=pledge.pk, pgh_label="update")
    assert event.quantity == 9
    assert event.pgh_context.metadata == {"user": analyst.pk, "url": url}


def test_a_bulk_update_leaves_one_event_per_changed_pledge_with_the_analyst(client):
    drafts = [PledgeFactory(), PledgeFactory()]
    verified = PledgeFactory(review_status="verified")
    analyst = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(analyst)
    url = reverse("admin:pledges_pledge_changelist")
    before = event_counts()
    response = client.post(
        url,
        {"action": "mark_verified", "_selected_action": [p.pk for p in [*drafts, verified]]},
    )
    assert response.status_code == 302
    assert new_events(before) == {"pledge": 2}  # the one already verified is unchanged
    for pledge in drafts:
        event = Pledge.pgh_event_model.objects.get(pgh_obj_id=pledge.pk, pgh_label="update")
        assert event.review_status == "verified"
        assert event.pgh_context.metadata == {"user": analyst.pk, "url": url}


def test_a_management_command_leaves_one_event_with_the_command(monkeypatch):
    import getpass

    import manage

    pledges = [PledgeFactory(quantity=6), PledgeFactory(quantity=6)]
    code = (
        "from pledges.models import Pledge; "
        f"Pledge.objects.filter(pk={pledges[0].pk}).update(quantity=99)"
    )
    monkeypatch.setattr(sys, "argv", ["manage.py", "shell", "-c", code])
    # run_from_argv closes every connection when done: that would end the test's transaction
    monkeypatch.setattr(connections, "close_all", lambda: None)
    before = event_counts()
    manage.main()  # as `python manage.py shell -c ...` runs it
    assert new_events(before) == {"pledge": 1}
    event = Pledge.pgh_event_model.objects.get(pgh_obj_id=pledges[0].pk, pgh_label="update")
    assert event.quantity == 99
    assert event.pgh_context.metadata == {"command": "shell", "os_user": getpass.getuser()}


# --- GET {id}/history/ ---------------------------------------------------------------------


def test_history_shows_each_change_with_who_what_and_through_what():
    analyst = UserFactory(
        username="analyst7",
        permissions=["pledges.add_pledge", "pledges.change_pledge", "pledges.view_pledge"],
    )
    client, _ = client_for(analyst)
    source = SourceFactory()
    created = client.post(
        "/api/v1/pledges/",
        {
            "actor": "AUS",
            "kind": "aircraft",
            "status": "announced",
            "description": "Six jets",
            "quantity": 6,
            "quantity_qualifier": "exact",
            "citations": [citation_input(source, "Australia will send six jets.")],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pledge_id = created.json()["id"]
    url = f"/api/v1/pledges/{pledge_id}/"
    client.patch(url, {"quantity": 8}, format="json", **if_match(client, url))

    body = client.get(f"{url}history/").json()
    assert (body["type"], body["id"], body["exists"]) == ("pledge", pledge_id, True)
    assert [(e["type"], e["action"]) for e in body["events"]] == [
        ("pledge", "create"),
        ("pledgecitation", "create"),
        ("pledgeparty", "create"),  # the lead, its one party
        ("pledge", "update"),
    ]
    create, citation, party, update = body["events"]
    assert party["data"]["ordinal"] == 1
    assert create["user"] == "analyst7" and create["context"]["url"] == "/api/v1/pledges/"
    assert create["changes"]["quantity"] == {"before": None, "after": 6}
    assert citation["data"]["quote"] == "Australia will send six jets."
    # The delivery figures follow the quantity, in the same event.
    assert update["changes"] == {
        "quantity": {"before": 6, "after": 8},
        "committed_quantity": {"before": 6, "after": 8},
        "delivery_gap": {"before": 6, "after": 8},
    }
    assert update["context"]["url"] == url and update["data"]["quantity"] == 8


def test_history_of_a_deleted_pledge_stays_readable(api_client):
    pledge = PledgeCitationFactory().pledge
    pk = pledge.pk
    pledge.delete()
    reader, _ = client_for(UserFactory(permissions=["pledges.view_pledge"]))
    body = reader.get(f"/api/v1/pledges/{pk}/history/").json()
    assert body["exists"] is False
    last_two = {(e["type"], e["action"]) for e in body["events"][-2:]}
    assert last_two == {("pledge", "delete"), ("pledgecitation", "delete")}
    assert_error(reader.get("/api/v1/pledges/999999999/history/"), 404, "client_error")
    assert_error(reader.get("/api/v1/pledges/99999999999999999999/history/"), 404)


def test_history_needs_the_view_permission(api_client):
    pledge = PledgeFactory()
    url = f"/api/v1/pledges/{pledge.pk}/history/"
    assert_error(api_client.get(url), 401, "client_error")
    other, _ = client_for(UserFactory(permissions=["coalition.view_actor"]))
    assert_error(other.get(url), 403, "client_error")


def test_history_of_an_actor_by_code_alive_or_deleted():
    reader, _ = client_for(UserFactory(is_superuser=True))
    actor = ActorFactory(code="PESH", name="Peshmerga")
    actor.name = "Peshmerga forces"
    actor.save()
    body = reader.get("/api/v1/actors/pesh/history/").json()
    assert [e["action"] for e in body["events"]] == ["create", "update"]
    Actor.objects.filter(pk=actor.pk).delete()
    body = reader.get("/api/v1/actors/PESH/history/").json()
    assert body["exists"] is False and body["events"][-1]["action"] == "delete"


def test_history_query_count_does_not_grow_with_the_events():
    reader, _ = client_for(UserFactory(is_superuser=True))
    pledge = PledgeCitationFactory(pledge__quantity=1).pledge
    url = f"/api/v1/pledges/{pledge.pk}/history/"
    reader.get(url)  # warm the user's permission cache path
    with CaptureQueriesContext(connection) as few:
        assert len(reader.get(url).json()["events"]) == 2
    for quantity in range(2, 30):
        Pledge.objects.filter(pk=pledge.pk).update(quantity=quantity)
        PledgeCitationFactory(pledge=pledge)
    with CaptureQueriesContext(connection) as many:
        assert len(reader.get(url).json()["events"]) > 50
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- POST {id}/restore/ -----------------------------------------------------------------------


def test_a_deleted_pledge_is_restored_through_the_api_with_its_citations():
    pledge = PledgeCitationFactory(pledge__review_status="verified").pledge
    PledgeCitationFactory(pledge=pledge, quote="A second source says so.")
    PledgeStageFactory(pledge=pledge)
    url = f"/api/v1/pledges/{pledge.pk}/"
    writer, _ = client_for(
        UserFactory(
            permissions=["pledges.add_pledge", "pledges.delete_pledge", "pledges.view_pledge"]
        )
    )
    before = writer.get(url).json()
    assert writer.delete(url, **if_match(writer, url)).status_code == 204
    assert_error(writer.get(url), 404)

    response = writer.post(f"{url}restore/")
    assert response.status_code == 201, response.content
    restored = response.json()
    assert {k: v for k, v in restored.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert [c["quote"] for c in restored["citations"]] == [c["quote"] for c in before["citations"]]
    assert writer.get(url).json() == restored
    history = writer.get(f"{url}history/").json()["events"]
    assert history[-1]["action"] == "create" and history[-1]["context"]["url"] == f"{url}restore/"


def test_restore_answers_409_when_it_exists_and_404_when_it_never_did(api_client):
    pledge = PledgeFactory()
    writer, _ = client_for(UserFactory(permissions=["pledges.add_pledge"]))
    body = assert_error(writer.post(f"/api/v1/pledges/{pledge.pk}/restore/"), 409)
    assert body["errors"][0]["code"] == "exists"
    assert_error(writer.post("/api/v1/pledges/987654321/restore/"), 404)
    assert_error(api_client.post(f"/api/v1/pledges/{pledge.pk}/restore/"), 401)


def test_restore_needs_the_add_permission():
    pledge = PledgeFactory()
    pk = pledge.pk
    pledge.delete()
    deleter, _ = client_for(UserFactory(permissions=["pledges.delete_pledge"]))
    assert_error(deleter.post(f"/api/v1/pledges/{pk}/restore/"), 403)
    assert not Pledge.objects.filter(pk=pk).exists()


def test_restoring_a_period_that_now_overlaps_another_is_409():
    first = MembershipCitationFactory(membership__actor=country("AUS")).membership
    pk, coalition = first.pk, first.coalition
    first.delete()
    MembershipFactory(coalition=coalition, actor=country("AUS"), started_on=first.started_on)
    writer, _ = client_for(UserFactory(permissions=["coalition.add_membership"]))
    body = assert_error(writer.post(f"/api/v1/memberships/{pk}/restore/"), 409)
    assert body["errors"][0]["code"] == "overlap"
    assert not Membership.objects.filter(pk=pk).exists()
