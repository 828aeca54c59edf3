"""Exports: the whole filtered list as CSV or JSON Lines, streamed, stable columns."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from coalition.api.views import ActorViewSet, MembershipViewSet
from pledges.api.views import PledgeViewSet
from sources.api.views import SourceViewSet
from tests.factories import (
    ActorFactory,
    MembershipCitationFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
    SourceFactory,
    country,
)
from tests.support.api import assert_error

pytestmark = pytest.mark.django_db


def streamed(response) -> bytes:
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[dict[str, str]]:
    text = streamed(response).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_pledges_export_as_csv_with_the_header_and_the_lists_filters(api_client):
    citation = PledgeCitationFactory(
        pledge__actor=country("AUS"),
        pledge__kind="money",
        pledge__quantity=None,
        pledge__quantity_qualifier="",
        pledge__amount=Decimal("1234567890123456.78"),
        pledge__currency="AUD",
        pledge__description='Aid, "for refugees"; paid\nin two parts',
        pledge__review_status="verified",
    )
    pledge = citation.pledge
    second = PledgeCitationFactory(pledge=pledge, quote="Another source agrees.")
    PledgeCitationFactory(pledge__review_status="verified", pledge__kind="troops")
    PledgeCitationFactory(pledge__kind="money")  # a draft: not public

    response = api_client.get("/api/v1/pledges/export/", {"kind": "money"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pledges.csv"'
    text = streamed(response).decode()
    assert text.splitlines()[0] == ",".join(PledgeViewSet.export_columns)
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["id"] == str(pledge.pk)
    assert (row["actor"], row["actor_name"], row["kind"]) == ("AUS", "Australia", "money")
    assert row["amount"] == "1234567890123456.78" and row["currency"] == "AUD"
    assert row["description"] == 'Aid, "for refugees"; paid\nin two parts'  # round trip
    assert row["quantity"] == "" and row["status_as_of"] == ""
    assert row["source_ids"] == f"{citation.source_id};{second.source_id}"
    assert row["created_at"].endswith("Z")


def test_pledges_export_as_json_lines(api_client):
    pledge = PledgeCitationFactory(pledge__review_status="verified").pledge
    # application/x-ndjson, which clients do not mistake for one JSON document; the
    # first release's application/jsonl when the client asks for it by name.
    for params, headers, media_type in [
        ({"format": "jsonl"}, {}, "application/x-ndjson"),
        ({}, {"HTTP_ACCEPT": "application/x-ndjson"}, "application/x-ndjson"),
        ({}, {"HTTP_ACCEPT": "application/jsonl"}, "application/jsonl"),
        ({"format": "jsonl"}, {"HTTP_ACCEPT": "application/jsonl"}, "application/jsonl"),
        ({"format": "jsonl"}, {"HTTP_ACCEPT": "text/csv"}, "application/x-ndjson"),
    ]:
        response = api_client.get("/api/v1/pledges/export/", params, **headers)
        assert response["Content-Type"] == media_type
        assert response["Content-Disposition"] == 'attachment; filename="pledges.jsonl"'
        (line,) = streamed(response).decode().splitlines()
        row = json.loads(line)
        assert list(row) == list(PledgeViewSet.export_columns)
        assert (row["id"], row["quantity"], row["amount"]) == (pledge.pk, 6, None)
        assert row["announced_on"] == "2014-09-20" and isinstance(row["source_ids"], list)


def test_export_follows_the_list_order_and_as_of(api_client):
    small = PledgeFactory(quantity=2, review_status="verified", announced_on="2014-09-14")
    big = PledgeFactory(quantity=9, review_status="verified", announced_on="2014-09-14")
    PledgeStageFactory(pledge=big, status="announced", occurred_on="2014-09-14")
    PledgeStageFactory(pledge=big, status="withdrawn", occurred_on="2015-01-01")
    rows = csv_rows(
        api_client.get("/api/v1/pledges/export/", {"ordering": "-quantity", "as_of": "2014-10-01"})
    )
    assert [(r["id"], r["status_as_of"]) for r in rows] == [
        (str(big.pk), "announced"),
        (str(small.pk), "announced"),
    ]


def test_memberships_sources_and_actors_export(api_client):
    citation = MembershipCitationFactory(
        membership__actor=country("TUR"),
        membership__status="declined",
        membership__review_status="verified",
    )
    rows = csv_rows(api_client.get("/api/v1/memberships/export/", {"actor": "TUR"}))
    assert list(rows[0]) == list(MembershipViewSet.export_columns)
    assert [(r["actor"], r["status"], r["source_ids"]) for r in rows] == [
        ("TUR", "declined", str(citation.source_id))
    ]

    SourceFactory(title="Wire report", text="Full text.", wire_agencies=["Reuters", "AFP"])
    rows = csv_rows(api_client.get("/api/v1/sources/export/", {"q": "wire report"}))
    assert list(rows[0]) == list(SourceViewSet.export_columns)
    assert [(r["title"], r["has_text"], r["wire_agencies"]) for r in rows] == [
        ("Wire report", "true", "Reuters;AFP")
    ]

    ActorFactory(code="PESH", name="Peshmerga", aliases=["Kurdish forces"], parent=None)
    rows = csv_rows(api_client.get("/api/v1/actors/export/", {"q": "peshmerga"}))
    assert list(rows[0]) == list(ActorViewSet.export_columns)
    assert [(r["code"], r["aliases"], r["parent"]) for r in rows] == [
        ("PESH", "Kurdish forces", "")
    ]
    everyone = csv_rows(api_client.get("/api/v1/actors/export/", {"kind": "country"}))
    assert len(everyone) > 200  # every country, not a page


def test_bad_export_input_answers_json_errors(api_client):
    for params, attr in [
        ({"kind": "planets"}, "kind"),
        ({"format": "xml"}, "format"),
        ({"ordering": "colour"}, "ordering"),
        ({"known_at": "2026-01-01T00:00:00Z"}, "known_at"),
    ]:
        response = api_client.get("/api/v1/pledges/export/", params)
        assert response["Content-Type"] == "application/json", params
        body = assert_error(response, 400, "validation_error")
        assert {e["attr"] for e in body["errors"]} == {attr}, (params, body)
