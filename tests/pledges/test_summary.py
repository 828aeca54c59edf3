"""Pledge totals: computed in one SQL query, never adding different currencies."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pledges.models import Pledge
from pledges.summary import pledge_summary
from tests.factories import PledgeFactory, PledgeStageFactory, country
from tests.support.api import assert_error
from tests.support.helpers import database_now

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/pledges/summary/"


def troops(actor, quantity, **kwargs):
    kwargs.setdefault("review_status", "verified")
    return PledgeFactory(
        actor=country(actor),
        kind="troops",
        quantity=quantity,
        quantity_qualifier="about",
        quantity_unit="personnel",
        **kwargs,
    )


def money(actor, amount, currency, **kwargs):
    kwargs.setdefault("review_status", "verified")
    return PledgeFactory(
        actor=country(actor),
        kind="money",
        quantity=None,
        quantity_qualifier="",
        quantity_unit="",
        amount=Decimal(amount),
        currency=currency,
        **kwargs,
    )


@pytest.fixture
def pledges():
    """By hand: GBR 3 pledges (600 troops, 6 aircraft, GBP 100,000,000.00); USA 4 (1,000
    and 600 troops; USD 500,000,000.00 and 25,000,000.50); FRA 2 (EUR 10,000,000.00 and
    USD 5,000,000.00: two currencies in one group); and a draft, for analysts only."""
    troops("GBR", 600)
    PledgeFactory(actor=country("GBR"), quantity=6, review_status="verified")  # aircraft
    money("GBR", "100000000.00", "GBP")
    troops("USA", 1000)
    troops("USA", 600, announced_on=None)
    money("USA", "500000000.00", "USD")
    money("USA", "25000000.50", "USD")
    money("FRA", "10000000.00", "EUR")
    money("FRA", "5000000.00", "USD")
    troops("USA", 5000, review_status="draft")


def test_totals_by_actor_match_the_hand_computed_figures(api_client, pledges):
    body = api_client.get(SUMMARY, {"group_by": "actor"}).json()
    assert body["group_by"] == "actor"
    # The v1 keys, and the money ones (null without ?currency=, tests/pledges/test_money.py).
    v1 = ("key", "label", "count", "quantities", "amounts", "converted_total", "unconverted_count")
    assert [{k: g[k] for k in v1} for g in body["groups"]] == [
        {
            "key": "FRA",
            "label": "France",
            "count": 2,
            "quantities": {},
            "amounts": {"EUR": "10000000.00", "USD": "5000000.00"},
            "converted_total": None,
            "unconverted_count": None,
        },
        {
            "key": "GBR",
            "label": "United Kingdom",
            "count": 3,
            "quantities": {"aircraft": 6, "troops": 600},
            "amounts": {"GBP": "100000000.00"},
            "converted_total": None,
            "unconverted_count": None,
        },
        {
            "key": "USA",
            "label": "United States",
            "count": 4,
            "quantities": {"troops": 1600},
            "amounts": {"USD": "525000000.50"},
            "converted_total": None,
            "unconverted_count": None,
        },
    ]


def test_totals_by_kind_never_add_different_currencies(api_client, pledges):
    groups = {g["key"]: g for g in api_client.get(SUMMARY, {"group_by": "kind"}).json()["groups"]}
    assert groups["money"]["count"] == 5
    assert groups["money"]["amounts"] == {
        "EUR": "10000000.00",
        "GBP": "100000000.00",
        "USD": "530000000.50",
    }
    assert groups["money"]["label"] == "Money"
    assert (groups["troops"]["count"], groups["troops"]["quantities"]) == (3, {"troops": 2200})
    assert groups["aircraft"]["quantities"] == {"aircraft": 6}


def test_analysts_totals_include_drafts(pledges):
    rows = pledge_summary(Pledge.objects.filter(actor__code="USA"), group_by="kind")
    assert {g.key: g.quantities for g in rows}["troops"] == {"troops": 6600}


def test_the_summary_is_one_query(api_client, pledges, django_assert_num_queries):
    with django_assert_num_queries(1):
        groups = pledge_summary(Pledge.objects.filter(review_status="verified"), group_by="actor")
    assert [g.key for g in groups] == ["FRA", "GBR", "USA"]
    # The whole request: exactly one query reads pledges (the rest, if any, is
    # authentication and rate limiting, none of which touches them).
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get(SUMMARY, {"group_by": "month", "kind": "troops"}).status_code == 200
    reading = [q["sql"] for q in queries.captured_queries if "pledges_pledge" in q["sql"]]
    assert len(reading) == 1, reading


def test_summary_takes_the_list_filters_and_months(api_client, pledges):
    body = api_client.get(SUMMARY, {"group_by": "month", "actor": "usa"}).json()
    assert [(g["key"], g["count"]) for g in body["groups"]] == [("2014-09", 3), (None, 1)]
    body = api_client.get(SUMMARY, {"group_by": "coalition", "kind": ["money", "troops"]}).json()
    assert sum(g["count"] for g in body["groups"]) == 8


def test_summary_by_status_as_of_a_day(api_client):
    pledge = troops("AUS", 400, status="withdrawn", announced_on="2014-09-14")
    PledgeStageFactory(pledge=pledge, status="announced", occurred_on="2014-09-14")
    PledgeStageFactory(pledge=pledge, status="withdrawn", occurred_on="2015-03-01")
    then = api_client.get(SUMMARY, {"group_by": "status", "as_of": "2014-12-01"}).json()
    assert then["as_of"] == "2014-12-01"
    assert [(g["key"], g["count"]) for g in then["groups"]] == [("announced", 1)]
    now = api_client.get(SUMMARY, {"group_by": "status"}).json()
    assert [(g["key"], g["count"]) for g in now["groups"]] == [("withdrawn", 1)]


def test_summary_known_at_reproduces_an_earlier_figure(api_client, pledges):
    then = database_now()
    Pledge.objects.filter(actor__code="GBR", kind="troops").update(quantity=900)
    money("GBR", "1.00", "GBP")
    earlier = api_client.get(SUMMARY, {"group_by": "actor", "known_at": then.isoformat()})
    gbr = next(g for g in earlier.json()["groups"] if g["key"] == "GBR")
    assert (gbr["count"], gbr["quantities"]["troops"], gbr["amounts"]) == (
        3,
        600,
        {"GBP": "100000000.00"},
    )
    now = api_client.get(SUMMARY, {"group_by": "actor"}).json()
    gbr = next(g for g in now["groups"] if g["key"] == "GBR")
    assert (gbr["count"], gbr["quantities"]["troops"], gbr["amounts"]) == (
        4,
        900,
        {"GBP": "100000001.00"},
    )


def test_summary_as_csv(api_client, pledges):
    response = api_client.get(SUMMARY, {"group_by": "actor", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0])[:5] == ["key", "label", "count", "quantity_troops", "quantity_aircraft"]
    # The amounts right after the quantities, as in v1; issue 16's columns come after.
    assert list(rows[0])[14:17] == ["amount_EUR", "amount_GBP", "amount_USD"]
    assert list(rows[0])[17] == "personnel_troops" and list(rows[0])[-1] == "gap_other"
    fra, gbr, usa = rows
    assert (fra["amount_EUR"], fra["amount_USD"], fra["amount_GBP"]) == (
        "10000000.00",
        "5000000.00",
        "",
    )
    assert (gbr["quantity_troops"], gbr["quantity_aircraft"]) == ("600", "6")
    assert usa["amount_USD"] == "525000000.50"
    by_accept = api_client.get(SUMMARY, {"group_by": "actor"}, HTTP_ACCEPT="text/csv")
    assert by_accept.content == response.content


def test_bad_summary_input_is_400_in_json(api_client):
    for params, attr in [
        ({"group_by": "planet"}, "group_by"),
        ({"kind": "planets", "format": "csv"}, "kind"),
        ({"format": "xml"}, "format"),
        ({"as_of": "someday"}, "as_of"),
    ]:
        response = api_client.get(SUMMARY, params)
        assert response["Content-Type"] == "application/json"
        body = assert_error(response, 400, "validation_error")
        assert {e["attr"] for e in body["errors"]} == {attr}, (params, body)
