"""What schemathesis found (make fuzz), each held here so it stays fixed."""

from __future__ import annotations

import pytest

from coalition.models import Actor
from sources.models import Source
from tests.factories import SourceFactory, UserFactory
from tests.support.api import assert_error, citation_input, token_client

pytestmark = pytest.mark.django_db


def writer():
    return token_client(UserFactory(is_superuser=True))


def test_a_huge_integer_in_a_body_with_an_idempotency_key_is_400_not_500():
    """orjson refused integers beyond 64 bits while hashing the body for the key."""
    body = {"title": "t", "publisher": "p", "notes": 10**30}
    response = writer().post(
        "/api/v1/sources/", body, format="json", HTTP_IDEMPOTENCY_KEY="big-number"
    )
    assert_error(response, 400, "validation_error")


@pytest.mark.parametrize(
    ("body", "attr"),
    [
        ({"code": 0, "kind": "organisation", "name": "Zero"}, "code"),
        ({"code": "ZERO", "kind": "organisation", "name": 7}, "name"),
        ({"code": "ZERO", "kind": "organisation", "name": "Zero", "aliases": [1]}, "aliases.0"),
    ],
)
def test_a_number_sent_for_a_text_field_is_400(body, attr):
    """DRF turned 0 into "0"; the schema says string."""
    response = writer().post("/api/v1/actors/", body, format="json")
    body = assert_error(response, 400, "validation_error")
    assert attr in {error["attr"] for error in body["errors"]}
    assert not Actor.objects.filter(code__in=["0", "ZERO"]).exists()


def test_a_number_in_a_nested_text_field_is_400():
    citation = {**citation_input(), "quote": 12}
    body = {
        "actor": "AUS",
        "kind": "troops",
        "status": "announced",
        "description": "x",
        "citations": [citation],
    }
    response = writer().post("/api/v1/pledges/", body, format="json")
    body = assert_error(response, 400, "validation_error")
    assert body["errors"][0]["attr"] == "citations.0.quote"


@pytest.mark.parametrize("value", ["-58800", "maybe", "2"])
def test_a_boolean_filter_refuses_what_is_not_a_boolean(api_client, value):
    """NullBooleanField's widget read any unknown value as "not given": every row."""
    response = api_client.get("/api/v1/sources/", {"has_text": value})
    body = assert_error(response, 400, "validation_error")
    assert body["errors"][0]["attr"] == "has_text"


def test_a_boolean_filter_still_filters(api_client):
    with_text = SourceFactory(text="Some text.")
    without = SourceFactory(text="")

    def ids(value):
        rows = api_client.get("/api/v1/sources/", {"has_text": value}).json()["results"]
        return {row["id"] for row in rows}

    assert with_text.pk in ids("true") and without.pk not in ids("true")
    assert without.pk in ids("false") and with_text.pk not in ids("false")
    assert {with_text.pk, without.pk} <= ids("")
    assert Source.objects.count() >= 2


def test_if_match_star_is_documented_as_any_version():
    """The schema's If-Match pattern says what the API takes: entity tags, or `*` (any
    current version, RFC 9110). It once answered 428 to a value the schema allowed."""
    import re

    from api.schema import ENTITY_TAGS

    assert re.match(ENTITY_TAGS, '"abc"') and re.match(ENTITY_TAGS, 'W/"a", "b"')
    assert re.match(ENTITY_TAGS, "*")
    assert not re.match(ENTITY_TAGS, "abc") and not re.match(ENTITY_TAGS, '* "abc"')


@pytest.mark.django_db(transaction=True)
def test_the_fast_list_works_from_another_thread(reference_data):
    """A nested list's statement is compiled once and kept; it ran on the connection of
    the thread that compiled it, and another server thread got a 500."""
    import threading

    from django.db import connections

    from tests.factories import PledgeCitationFactory

    PledgeCitationFactory(pledge__review_status="verified")
    client = writer()
    assert client.get("/api/v1/pledges/").status_code == 200  # compiles and keeps
    answers = []

    def read():
        try:
            answers.append(client.get("/api/v1/pledges/").status_code)
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert answers == [200]


def test_a_text_longer_than_the_schema_allows_is_400_even_if_trimming_would_fit():
    """DRF trimmed the whitespace first and then checked the length."""
    name = "\n" + "x" * 200  # 201 characters sent; maxLength is 200
    response = writer().post(
        "/api/v1/actors/", {"code": "LONG", "kind": "organisation", "name": name}, format="json"
    )
    body = assert_error(response, 400, "validation_error")
    assert body["errors"][0]["attr"] == "name"
    ok = writer().post(
        "/api/v1/actors/", {"code": "LONG", "kind": "organisation", "name": " x "}, format="json"
    )
    assert ok.status_code == 201 and ok.json()["name"] == "x"  # trimming itself stays


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/pledges/export/?format=csv",
        "/api/v1/sources/export/?format=jsonl",
        "/api/v1/pledges/summary/?format=csv",
    ],
)
def test_options_on_a_csv_or_jsonl_answer_is_json_not_500(api_client, path):
    response = api_client.options(path)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


def test_a_proposal_without_a_quantity_has_a_null_qualifier():
    """It answered "", which the schema's QuantityQualifierEnum does not contain."""
    from intake.api import PledgeProposalSerializer

    field = PledgeProposalSerializer().fields["quantity_qualifier"]
    assert field.to_representation("") is None
    assert field.to_representation("up_to") == "up_to"


@pytest.mark.parametrize("path", ["/api/v1/releases/", "/api/v1/search/"])
def test_a_method_a_view_without_a_queryset_has_not_is_405_not_500(api_client, path):
    """The permission asked DjangoModelPermissions for a queryset these views have not."""
    response = api_client.generic("TRACE", path)
    assert response.status_code == 405


def test_agreements_known_at_a_moment_filter_by_party():
    """The party filter joined a relation the history's rows (known_at) do not have."""
    from django.utils import timezone

    from tests.factories import AgreementFactory, AgreementPartyFactory

    agreement = AgreementFactory(review_status="verified")
    AgreementPartyFactory(agreement=agreement, actor=Actor.objects.get(code="FRA"))
    AgreementFactory(review_status="verified")
    client = writer()
    at = timezone.now().isoformat()
    response = client.get("/api/v1/agreements/", {"party": "FRA", "known_at": at})
    assert response.status_code == 200, response.content
    assert [row["id"] for row in response.json()["results"]] == [agreement.pk]
