"""Bad input gives a 4xx in the one error shape, never a 500; surprises give a JSON 500."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import IntegrityError
from django.test import override_settings

from pledges.api.views import PledgeViewSet
from pledges.models import Pledge
from tests.factories import (
    ActorFactory,
    PledgeCitationFactory,
    PledgeFactory,
    SourceFactory,
    UserFactory,
)
from tests.support.api import assert_error, citation_input, error_attrs, token_client

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"

LISTS = [
    "/api/v1/actors/",
    "/api/v1/coalitions/",
    "/api/v1/memberships/",
    "/api/v1/meetings/",
    "/api/v1/attendances/",
    "/api/v1/size-reports/",
    "/api/v1/pledges/",
    "/api/v1/sources/",
]
ID_DETAILS = [
    "/api/v1/memberships/{}/",
    "/api/v1/meetings/{}/",
    "/api/v1/attendances/{}/",
    "/api/v1/size-reports/{}/",
    "/api/v1/pledges/{}/",
    "/api/v1/sources/{}/",
]


@pytest.mark.parametrize("url", ID_DETAILS)
@pytest.mark.parametrize("bad_id", [HUGE, "0", "-1", "abc", "1.5", "%00", "1%00"])
def test_bad_ids_in_the_path_are_404(api_client, url, bad_id):
    assert_error(api_client.get(url.format(bad_id)), 404, "client_error")


@pytest.mark.parametrize("path", ["/api/v1/actors/%00/", "/api/v1/coalitions/a%00b/"])
def test_nul_in_a_lookup_is_404(api_client, path):
    assert_error(api_client.get(path), 404, "client_error")


def test_unknown_api_path_is_json_404(api_client):
    body = assert_error(api_client.get("/api/v1/no-such-thing/"), 404, "client_error")
    assert body["errors"][0]["code"] == "not_found"


def test_an_error_is_also_an_rfc_9457_problem(writer):
    """v1's members stay as they were; title, status and detail are added beside them."""
    response = writer.post("/api/v1/pledges/", {"kind": "troops"}, format="json")
    body = assert_error(response, 400, "validation_error")
    assert response["Content-Type"] == "application/json"
    assert list(body)[:2] == ["type", "errors"]
    assert (body["title"], body["status"]) == ("Bad Request", 400)
    attrs = [error["attr"] for error in body["errors"]]
    assert {"actor", "status", "description", "citations"} <= set(attrs)
    # one sentence per error, each naming its field
    assert body["detail"] == " ".join(f"{e['attr']}: {e['detail']}" for e in body["errors"])


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/json, application/problem+json", "application/problem+json"),
        ("application/problem+json, application/json;q=0.5", "application/problem+json"),
        ("application/problem+json;q=0.9, application/json", "application/json"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        (None, "application/json"),
    ],
)
def test_an_error_is_problem_json_when_the_client_asks(api_client, accept, content_type):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    for response, status in (
        (api_client.get("/api/v1/pledges/999999/", **headers), 404),  # a view's error
        (api_client.get("/api/v1/no-such-thing/", **headers), 404),  # Django's handler
        (api_client.post("/api/v1/sources/", {}, **headers), 401),
    ):
        assert response["Content-Type"].split(";")[0] == content_type, response
        assert_error(response, status, "client_error")


def test_accepting_only_problem_json_is_406_as_a_problem(api_client):
    """A success is no problem: it has no problem+json form to answer with."""
    response = api_client.get("/api/v1/sources/", HTTP_ACCEPT="application/problem+json")
    body = assert_error(response, 406, "client_error")
    assert response["Content-Type"] == "application/problem+json"
    assert body["errors"][0]["code"] == "not_acceptable"


def test_a_success_is_json_when_problem_json_is_also_accepted(api_client):
    response = api_client.get(
        "/api/v1/sources/", HTTP_ACCEPT="application/json, application/problem+json"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "params",
    [
        {"limit": HUGE},
        {"limit": "0"},
        {"limit": "201"},
        {"limit": "-5"},
        {"limit": "ten"},
        {"cursor": "not-a-cursor"},
        {"cursor": "%00"},
        {"ordering": "no_such_field"},
        {"x": "a\x00b"},
        {"a\x00": "b"},
    ],
)
def test_bad_list_parameters_are_400(api_client, url, params):
    response = api_client.get(url, params)
    assert_error(response, 400, "validation_error")


@pytest.mark.parametrize(
    ("url", "params", "attr"),
    [
        ("/api/v1/pledges/", {"source": HUGE}, "source"),
        ("/api/v1/pledges/", {"source": "abc"}, "source"),
        ("/api/v1/pledges/", {"source": "7.0"}, "source"),
        ("/api/v1/pledges/", {"kind": "bogus"}, "kind"),
        ("/api/v1/pledges/", {"status": "bogus"}, "status"),
        ("/api/v1/pledges/", {"announced_from": "2014-13-45"}, "announced_from"),
        ("/api/v1/pledges/", {"actor": "not a code!"}, "actor"),
        ("/api/v1/pledges/", {"actor": "A\x00"}, "actor"),
        ("/api/v1/pledges/", {"coalition": "not a slug!"}, "coalition"),
        ("/api/v1/memberships/", {"as_of": "2014-02-30"}, "as_of"),
        ("/api/v1/memberships/", {"status": "bogus"}, "status"),
        ("/api/v1/attendances/", {"meeting": HUGE}, "meeting"),
        ("/api/v1/sources/", {"published_from": "soon"}, "published_from"),
        ("/api/v1/sources/", {"id": "-3"}, "id"),
        ("/api/v1/actors/", {"kind": "planet"}, "kind"),
        ("/api/v1/size-reports/", {"reported_to": "1.1.2015"}, "reported_to"),
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(api_client, url, params, attr):
    response = api_client.get(url, params)
    assert_error(response, 400, "validation_error")
    assert attr in error_attrs(response)


@pytest.fixture
def writer():
    return token_client(UserFactory(is_superuser=True))


def pledge_body(**changes):
    body = {
        "actor": "AUS",
        "kind": "troops",
        "status": "announced",
        "description": "Special forces advisers",
        "citations": [citation_input()],
    }
    body.update(changes)
    return body


@pytest.mark.parametrize(
    ("changes", "attr"),
    [
        ({"quantity": int(HUGE)}, "quantity"),
        ({"quantity": -4}, "quantity"),
        ({"quantity": "many"}, "quantity"),
        ({"amount": "1" * 30}, "amount"),
        ({"announced_on": "2014-02-30"}, "announced_on"),
        ({"kind": "spaceships"}, "kind"),
        ({"quantity_qualifier": "roughly"}, "quantity_qualifier"),
        ({"description": "a\x00b"}, "description"),
        ({"actor": "\x00"}, "actor"),
        ({"citations": [{"source": int(HUGE), "quote": "x"}]}, "citations.0.source"),
        ({"citations": [{"source": True, "quote": "x"}]}, "citations.0.source"),
        ({"citations": [{"source": 1, "quote": "x\x00"}]}, "citations.0.quote"),
        ({"citations": "not a list"}, "citations"),
        ({"stages": [{"status": "announced"}, {"status": "announced"}]}, "stages"),
    ],
)
def test_bad_bodies_are_400_naming_the_field(writer, changes, attr):
    count = Pledge.objects.count()
    response = writer.post("/api/v1/pledges/", pledge_body(**changes), format="json")
    assert_error(response, 400, "validation_error")
    assert attr in error_attrs(response), response.json()
    assert Pledge.objects.count() == count


def test_cross_field_rules_answer_400_with_the_models_message(writer):
    response = writer.post(
        "/api/v1/pledges/", pledge_body(quantity=5), format="json"
    )  # a quantity without a qualifier
    body = assert_error(response, 400, "validation_error")
    assert "qualifier" in body["errors"][0]["detail"]
    response = writer.post("/api/v1/pledges/", pledge_body(amount="100.00"), format="json")
    body = assert_error(response, 400, "validation_error")
    assert "currency" in body["errors"][0]["detail"]


def test_malformed_json_is_400(writer):
    response = writer.post("/api/v1/pledges/", data=b'{"actor": ', content_type="application/json")
    body = assert_error(response, 400, "client_error")
    assert body["errors"][0]["code"] == "parse_error"


def test_only_json_is_accepted(writer):
    response = writer.post("/api/v1/pledges/", data="actor=AUS", content_type="text/plain")
    assert_error(response, 415, "client_error")


def test_a_half_valid_write_leaves_nothing_behind(writer):
    """The pledge is saved, then its second citation fails: the whole write is undone."""
    source = SourceFactory(text="Canada will send six CF-18 jets.")
    before = Pledge.objects.count()
    body = pledge_body(
        citations=[citation_input(), {"source": source.pk, "quote": "Canada will send six"}],
        stages=[{"status": "announced"}, {"status": "committed", "quantity": 0}],
    )
    response = writer.post("/api/v1/pledges/", body, format="json")
    assert_error(response, 400, "validation_error")
    assert "stages.1" in error_attrs(response)
    assert Pledge.objects.count() == before


def test_deleting_a_referenced_actor_is_409_listing_what_refers_to_it(writer):
    actor = ActorFactory(code="NATO")
    pledge = PledgeFactory(actor=actor)
    response = writer.delete("/api/v1/actors/NATO/")
    body = assert_error(response, 409, "client_error")
    assert body["errors"][0]["code"] == "protected"
    assert {"type": "pledge", "id": pledge.pk, "url": f"/api/v1/pledges/{pledge.pk}/"} in body[
        "references"
    ]


def test_a_duplicate_answers_400_on_the_field(writer):
    response = writer.post(
        "/api/v1/actors/", {"code": "AUS", "kind": "country", "name": "Australia again"}
    )
    assert_error(response, 400, "validation_error")
    assert "code" in error_attrs(response)


def test_an_integrity_error_from_a_race_is_409_not_500(writer, monkeypatch):
    """A concurrent writer can slip past full_clean; the database's answer becomes a 409."""
    pledge = PledgeCitationFactory().pledge

    def racing_save(self, *args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(Pledge, "save", racing_save)
    response = writer.patch(f"/api/v1/pledges/{pledge.pk}/", {"description": "Changed"})
    body = assert_error(response, 409, "client_error")
    assert body["errors"][0]["code"] == "integrity"


def test_an_unexpected_error_is_a_json_500(writer, monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    services = PledgeViewSet.services
    monkeypatch.setattr(PledgeViewSet, "services", dataclasses.replace(services, create=boom))
    response = writer.post("/api/v1/pledges/", pledge_body(), format="json")
    body = assert_error(response, 500, "server_error")
    assert body["errors"] == [{"code": "error", "detail": "Server error.", "attr": None}]
    assert "boom" in caplog.text


@override_settings(DEBUG=False)
def test_a_locked_out_login_answers_429_in_the_error_shape(api_client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="target")
    for _ in range(3):
        response = api_client.post(
            "/api/v1/auth/token/", {"username": "target", "password": "wrong"}
        )
    body = assert_error(response, 429, "client_error")
    assert body["errors"][0]["code"] == "locked_out"


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/meetings/", {"name": "Talks", "held_on": "2014-09-15"}, "host"),
        ("/api/v1/meetings/", {"name": "Talks", "held_on": "2014-09-15"}, "coalition"),
        ("/api/v1/coalitions/", {"name": "A coalition", "slug": "a-coalition"}, "lead"),
    ],
)
def test_an_empty_string_is_not_a_key_of_a_related_object(url, body, field):
    """The schema says a key or null; DRF alone would read "" as null and answer 201."""
    client = token_client(UserFactory(is_superuser=True))
    refused = assert_error(client.post(url, {**body, field: ""}, format="json"), 400)
    assert [e["attr"] for e in refused["errors"]] == [field]
    assert "send null" in refused["errors"][0]["detail"]
    assert client.post(url, {**body, field: None}, format="json").status_code == 201


@pytest.mark.parametrize("value", [0, 12, True, ["AUS"], {"code": "AUS"}])
def test_a_key_of_a_related_object_is_a_string(value):
    """An actor whose code is "0" must not be found by the number 0 (the fuzz did)."""
    ActorFactory(code="0")
    client = token_client(UserFactory(is_superuser=True))
    body = {"name": "Talks", "held_on": "2014-09-15", "host": value}
    refused = assert_error(client.post("/api/v1/meetings/", body, format="json"), 400)
    assert [e["attr"] for e in refused["errors"]] == ["host"]
