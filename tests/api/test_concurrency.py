"""Optimistic concurrency: every object has an ETag, and writes must name the one they saw."""

from __future__ import annotations

import threading

import httpx
import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from pledges.models import Pledge
from tests.factories import (
    ActorFactory,
    AttendanceCitationFactory,
    CoalitionFactory,
    MeetingFactory,
    MembershipCitationFactory,
    PledgeCitationFactory,
    SizeReportCitationFactory,
    SourceFactory,
    UserFactory,
)
from tests.support.api import assert_error, citation_input

# (detail URL of a new object, a field PATCH may change)
RESOURCES = {
    "actors": (lambda: f"/api/v1/actors/{ActorFactory().code}/", "name"),
    "coalitions": (lambda: f"/api/v1/coalitions/{CoalitionFactory().slug}/", "description"),
    "memberships": (
        lambda: f"/api/v1/memberships/{MembershipCitationFactory().membership_id}/",
        "note",
    ),
    "meetings": (lambda: f"/api/v1/meetings/{MeetingFactory().pk}/", "city"),
    "attendances": (
        lambda: f"/api/v1/attendances/{AttendanceCitationFactory().attendance_id}/",
        "note",
    ),
    "size-reports": (
        lambda: f"/api/v1/size-reports/{SizeReportCitationFactory().size_report_id}/",
        "note",
    ),
    "pledges": (lambda: f"/api/v1/pledges/{PledgeCitationFactory().pledge_id}/", "description"),
    "sources": (lambda: f"/api/v1/sources/{SourceFactory().pk}/", "notes"),
}


def editor() -> APIClient:
    """A token client that sends If-Match only when a test gives it."""
    _, token = AuthToken.objects.create(UserFactory(is_superuser=True))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_every_object_has_an_etag_that_changes_with_it(resource):
    make, field = RESOURCES[resource]
    url, client = make(), editor()
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
    assert client.get(url)["ETag"] == etag  # stable while nothing changes

    changed = client.patch(url, {field: "Changed by an analyst"}, HTTP_IF_MATCH=etag)
    assert changed.status_code == 200, changed.content
    assert changed["ETag"] != etag
    assert client.get(url)["ETag"] == changed["ETag"]  # the write answers the next GET's tag


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_a_get_with_the_current_etag_in_if_none_match_is_304(resource):
    """A client holding the current version is told so without the body; once the
    object changes, the same request gets the new version."""
    make, field = RESOURCES[resource]
    url, client = make(), editor()
    etag = client.get(url)["ETag"]
    for header in [etag, f"W/{etag}", f'"0123", {etag}', "*"]:
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=header)
        assert unchanged.status_code == 304, (header, unchanged.content)
        assert unchanged.content == b""
        assert unchanged["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"0123"').status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=etag[:-2] + '"').status_code == 200

    client.patch(url, {field: "Changed by an analyst"}, HTTP_IF_MATCH=etag)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()[field] == "Changed by an analyst"


@pytest.mark.django_db
def test_lists_answer_in_full_whatever_if_none_match_says(api_client):
    """Lists carry no ETag (a page changes with every new claim): they always answer."""
    PledgeCitationFactory(pledge__review_status="verified")
    response = api_client.get("/api/v1/pledges/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 200 and response.json()["results"]


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_writes_without_if_match_are_428(resource):
    make, field = RESOURCES[resource]
    url, client = make(), editor()
    before = client.get(url).json()
    for response in (
        client.patch(url, {field: "Changed"}),
        client.put(url, before),
        client.delete(url),
        client.delete(url, HTTP_IF_MATCH=" "),
    ):
        body = assert_error(response, 428, "client_error")
        assert body["errors"][0]["code"] == "precondition_required"
    assert client.get(url).json() == before


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_if_match_star_changes_whatever_version_is_current(resource):
    """RFC 9110 13.1.1: ``*`` matches any current version of an object that exists."""
    make, field = RESOURCES[resource]
    url, client = make(), editor()
    first = client.get(url)
    client.patch(url, {field: "Changed elsewhere"}, HTTP_IF_MATCH=first["ETag"])
    # a client holding the old ETag, or none, that says "any version" writes all the same
    changed = client.patch(url, {field: "Changed with *"}, HTTP_IF_MATCH="*")
    assert changed.status_code == 200, changed.content
    assert client.get(url).json()[field] == "Changed with *"
    assert changed["ETag"] == client.get(url)["ETag"] != first["ETag"]
    assert client.delete(url, HTTP_IF_MATCH=" * ").status_code == 204
    assert_error(client.get(url), 404)
    # nothing to match: the object is gone, so * too is answered 404
    assert_error(client.patch(url, {field: "x"}, HTTP_IF_MATCH="*"), 404)


@pytest.mark.django_db
def test_if_match_star_inside_a_list_is_an_entity_tag_not_any():
    url = f"/api/v1/sources/{SourceFactory().pk}/"
    client = editor()
    assert_error(client.patch(url, {"notes": "a"}, HTTP_IF_MATCH='"*"'), 412)
    assert_error(client.patch(url, {"notes": "a"}, HTTP_IF_MATCH='"other", *'), 412)


@pytest.mark.django_db
def test_stale_if_match_is_rejected():
    """Two analysts read the same pledge; the second to write is told, not overwritten."""
    pledge = PledgeCitationFactory().pledge
    url = f"/api/v1/pledges/{pledge.pk}/"
    alice, bob = editor(), editor()
    seen_by_alice = alice.get(url)["ETag"]
    seen_by_bob = bob.get(url)["ETag"]
    assert seen_by_alice == seen_by_bob

    ok = alice.patch(url, {"description": "Alice's correction"}, HTTP_IF_MATCH=seen_by_alice)
    assert ok.status_code == 200
    stale = bob.patch(url, {"quantity": 12}, HTTP_IF_MATCH=seen_by_bob)
    body = assert_error(stale, 412, "client_error")
    assert body["errors"][0]["code"] == "precondition_failed"

    pledge.refresh_from_db()
    assert (pledge.description, pledge.quantity) == ("Alice's correction", 6)
    # Bob reads again and writes on top of Alice's change
    fresh = bob.get(url)
    assert bob.patch(url, {"quantity": 12}, HTTP_IF_MATCH=fresh["ETag"]).status_code == 200
    pledge.refresh_from_db()
    assert (pledge.description, pledge.quantity) == ("Alice's correction", 12)


@pytest.mark.django_db
def test_stale_put_and_delete_change_nothing():
    pledge = PledgeCitationFactory().pledge
    url = f"/api/v1/pledges/{pledge.pk}/"
    client = editor()
    old = client.get(url)
    client.patch(url, {"status": "committed"}, HTTP_IF_MATCH=old["ETag"])
    after = client.get(url).json()
    data = {**old.json(), "actor": pledge.actor.code, "description": "Replaced"}
    data["citations"] = [citation_input()]
    assert_error(client.put(url, data, format="json", HTTP_IF_MATCH=old["ETag"]), 412)
    assert_error(client.delete(url, HTTP_IF_MATCH=old["ETag"]), 412)
    assert client.get(url).json() == after


@pytest.mark.django_db
def test_a_citation_changed_elsewhere_makes_the_etag_stale():
    """The tag covers the whole representation, citations included."""
    citation = PledgeCitationFactory()
    url = f"/api/v1/pledges/{citation.pledge_id}/"
    client = editor()
    etag = client.get(url)["ETag"]
    type(citation).objects.filter(pk=citation.pk).update(locator="paragraph 9")
    assert client.get(url)["ETag"] != etag
    assert_error(client.patch(url, {"description": "x"}, HTTP_IF_MATCH=etag), 412)


@pytest.mark.django_db
def test_if_match_forms():
    url = f"/api/v1/sources/{SourceFactory().pk}/"
    client = editor()
    etag = client.get(url)["ETag"]
    # weak tags never match (If-Match compares strongly)
    assert_error(client.patch(url, {"notes": "a"}, HTTP_IF_MATCH=f"W/{etag}"), 412)
    # a list naming the current tag passes; so does the tag without its quotes
    listed = client.patch(url, {"notes": "b"}, HTTP_IF_MATCH=f'"other", {etag}')
    assert listed.status_code == 200
    bare = client.patch(url, {"notes": "c"}, HTTP_IF_MATCH=listed["ETag"].strip('"'))
    assert bare.status_code == 200


@pytest.mark.django_db
def test_missing_object_is_404_before_the_precondition():
    client = editor()
    assert_error(client.patch("/api/v1/pledges/999999/", {"description": "x"}), 404)


@pytest.mark.django_db
def test_lists_and_anonymous_writes_are_unaffected(api_client):
    source = SourceFactory()
    assert "ETag" not in api_client.get("/api/v1/sources/")
    assert_error(api_client.patch(f"/api/v1/sources/{source.pk}/", {"notes": "x"}), 401)


@pytest.mark.live
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_with_the_same_etag_exactly_one_wins(
    reference_data, live_server, analyst_token
):
    """Five PATCHes race with the ETag they all read: one is applied, four get 412."""
    pledge = PledgeCitationFactory(pledge__review_status="verified").pledge
    url = f"{live_server.url}/api/v1/pledges/{pledge.pk}/"
    headers = {"Authorization": f"Token {analyst_token}"}
    etag = httpx.get(url, headers=headers).headers["ETag"]
    barrier = threading.Barrier(5)
    answers: dict[int, httpx.Response] = {}

    def write(n: int) -> None:
        with httpx.Client(headers=headers, timeout=60) as client:
            barrier.wait()
            answers[n] = client.patch(
                url, json={"description": f"Version {n}"}, headers={"If-Match": etag}
            )

    threads = [threading.Thread(target=write, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(response.status_code for response in answers.values())
    assert statuses == [200, 412, 412, 412, 412], statuses
    (winner,) = [n for n, response in answers.items() if response.status_code == 200]
    assert Pledge.objects.get(pk=pledge.pk).description == f"Version {winner}"
