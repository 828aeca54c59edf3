"""The two baselines serve the same page; the harness builds deep cursors right."""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from bench import run, views
from pledges.models import PledgeConversion, PledgeParty
from tests.factories import (
    CoalitionFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
    SourceFactory,
    country,
)

VERIFIED = {
    "review_status": "verified",
    "verified_at": dt.datetime(2026, 11, 21, 16, 40, 5, 123456, tzinfo=dt.UTC),
}

# Issue 16's fields with values (a joint pledge of trainers, with conditions and
# deliveries), and a conversion the source printed.
ISSUE_16 = {
    "quantity_basis": "each",
    "personnel_role": "trainers",
    "applies_in": ["IRQ", "KWT"],
    "excluded_from": ["SYR"],
    "caveats": ["No close air support", 'Training only, "behind the lines"'],
    "duration": 6,
    "duration_unit": "months",
    "pending_approval": "parliament",
    "pending_approval_note": "Vote due in the Storting.",
    "committed_quantity": 6,
    "delivered_quantity": 2,
    "delivery_gap": 4,
}
REPORTED = {"reported_conversion_amount": "1000000.00", "reported_conversion_currency": "EUR"}


@pytest.fixture
def pledges(db):
    """Verified pledges with every kind of value the page shows (an amount, no
    coalition, recipient and host, a vague qualifier, stages in and out of date order,
    several citations, an undated source), and a draft the public does not see."""
    undated = SourceFactory(published_on=None, url="")
    made = []
    for i in range(6):
        pledge = PledgeFactory(
            actor=country(["AUS", "USA", "GBR", "FRA", "DEU", "TUR"][i]),
            coalition=None if i == 1 else CoalitionFactory(),
            amount="1250000.50" if i == 2 else None,
            currency="USD" if i == 2 else "",
            quantity=None if i == 2 else 6,
            quantity_qualifier="" if i == 2 else "up_to",
            quantity_unit="" if i == 2 else "aircraft",
            recipient=country("IRQ") if i == 3 else None,
            host=country("ARE") if i == 3 else None,
            asset="Al Minhad Air Base" if i == 3 else "",
            starts_on=dt.date(2014, 10, 1) if i == 4 else None,
            **(ISSUE_16 if i == 3 else {}),
            **(REPORTED if i == 2 else {}),
            **(VERIFIED if i != 5 else {}),
        )
        for _ in range(i % 3):
            PledgeCitationFactory(pledge=pledge)
        if i == 3:
            PledgeCitationFactory(pledge=pledge, source=undated, locator="para 2")
            PledgeStageFactory(pledge=pledge, status="delivered", occurred_on=dt.date(2015, 1, 2))
            PledgeStageFactory(pledge=pledge, status="committed", occurred_on=dt.date(2014, 9, 30))
            PledgeStageFactory(pledge=pledge, status="refused", occurred_on=None)
            PledgeParty.objects.create(pledge=pledge, actor=country("NOR"), ordinal=3)
            PledgeParty.objects.create(pledge=pledge, actor=pledge.actor, ordinal=1)
            PledgeParty.objects.create(pledge=pledge, actor=country("SWE"), ordinal=2)
        if i == 2:
            PledgeConversion.objects.create(
                pledge=pledge, target="USD", amount="1250000.50", rate="1",
                date_rule="same_currency", rates_source="", rates_version="ecb-2026-11-20",
            )  # fmt: skip
            PledgeConversion.objects.create(
                pledge=pledge, target="EUR", amount="994375.40", rate="0.795500000000",
                rate_date=dt.date(2014, 9, 19), date_rule="announcement_previous_business_day",
                rates_source="https://www.ecb.europa.eu/stats/eurofxref/",
                rates_version="ecb-2026-11-20",
            )  # fmt: skip
        if i == 4:
            PledgeConversion.objects.create(
                pledge=pledge, target="EUR", rates_version="ecb-2026-11-20", via_peg=True,
                unconverted_reason="no_date",
            )  # fmt: skip
        made.append(pledge)
    return made


def naive_page(params: dict) -> dict:
    response = views.NaivePledgeList.as_view()(RequestFactory().get("/b/", params))
    response.render()
    return json.loads(response.content)


def test_both_baselines_serve_the_apis_own_page(pledges):
    """The benchmark divides the list's throughput by the baselines': they must make the
    same page, field for field, for the same reader (the public: verified only)."""
    api = APIClient().get("/api/v1/pledges/", {"limit": 4}).json()
    sql = json.loads(views.sql_pledge_list(RequestFactory().get("/b/", {"limit": 4})).content)
    naive = naive_page({"limit": 4})
    assert [p["id"] for p in api["results"]] == [p.pk for p in reversed(pledges[:5])][:4]
    assert sql["results"] == api["results"]
    assert naive["results"] == api["results"]
    stages = next(p["stages"] for p in api["results"] if p["host"] == "ARE")
    assert [s["status"] for s in stages] == ["committed", "delivered", "refused"]


def test_sql_baseline_pages_by_keyset(pledges):
    rf = RequestFactory()
    first = json.loads(views.sql_pledge_list(rf.get("/b/", {"limit": 2})).content)
    before = parse_qs(urlsplit(first["next"]).query)["before"][0]
    second = json.loads(
        views.sql_pledge_list(rf.get("/b/", {"limit": 2, "before": before})).content
    )
    assert [p["id"] for p in second["results"]] == [pledges[2].pk, pledges[1].pk]
    assert second["results"] == naive_page({"limit": 2, "page": 2})["results"]


def test_design_a_prototype_answers_the_apis_page_byte_for_byte(pledges):
    """Design (a)'s hand-written prototype (the page's JSON built by PostgreSQL) and the
    list built by design (b) answer the API's results byte for byte; the prototype's
    cursors walk the same pages."""

    def results(content: bytes) -> bytes:
        return content[content.index(b'"results":') :]

    rf = RequestFactory()
    params = {"limit": 2}
    api = APIClient().get("/api/v1/pledges/", params)
    proto = views.sql_pledge_list(rf.get("/api/v1/pledges/", {**params, "json": "postgres"}))
    assert proto.status_code == 200
    assert results(proto.content) == results(api.content)
    in_python = views.sql_pledge_list(rf.get("/api/v1/pledges/", {**params, "json": "python"}))
    in_python.render()
    assert results(in_python.content) == results(api.content)
    pages = 1
    while api.json()["next"]:
        cursor = parse_qs(urlsplit(api.json()["next"]).query)["cursor"][0]
        api = APIClient().get("/api/v1/pledges/", {**params, "cursor": cursor})
        proto = views.sql_pledge_list(
            rf.get("/api/v1/pledges/", {**params, "cursor": cursor, "json": "postgres"})
        )
        assert results(proto.content) == results(api.content)
        assert (json.loads(proto.content)["next"] is None) == (api.json()["next"] is None)
        pages += 1
    assert pages == 3


@pytest.mark.django_db
def test_sql_baseline_rejects_a_bad_limit():
    response = views.sql_pledge_list(RequestFactory().get("/b/", {"limit": "9" * 30}))
    assert response.status_code == 400


def test_baseline_urls_exist_only_when_switched_on():
    import bench.urls

    with override_settings(BENCH_ENDPOINTS=False):
        assert importlib.reload(bench.urls).urlpatterns == []
    with override_settings(BENCH_ENDPOINTS=True):
        assert len(importlib.reload(bench.urls).urlpatterns) == 2
    importlib.reload(bench.urls)


FACTS = {
    "pledges": 10,
    "pledge_id": 1,
    "actor": "USA",
    "kind": "aircraft",
    "coalition": "c",
    "as_of": "2016-01-01",
    "deep_id_all": 123,
    "deep_id_verified": 77,
    "top_ids_all": [1000, 999],
    "top_ids_verified": [998],
}


def test_deep_cursor_moves_drf_position():
    cursor = base64.b64encode(b"p=999").decode()
    page = {"next": f"http://t/api/v1/pledges/?cursor={cursor}&limit=50", "results": [{"id": 1000}]}
    path, note = run.deep_cursor_path(page, run.Facts(**FACTS))
    query = parse_qs(urlsplit(path).query)
    assert query["limit"] == ["50"]
    assert base64.b64decode(query["cursor"][0]) == b"p=123"
    assert note == "cursor over all pledges"


def test_deep_cursor_moves_keyset_json_position():
    cursor = base64.urlsafe_b64encode(b'{"o":"-id","p":[998],"b":false}').decode().rstrip("=")
    page = {"next": f"http://t/api/v1/pledges/?cursor={cursor}", "results": [{"id": 998}]}
    path, note = run.deep_cursor_path(page, run.Facts(**FACTS))
    raw = parse_qs(urlsplit(path).query)["cursor"][0]
    payload = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    assert payload == {"o": "-id", "p": [77], "b": False}
    assert note == "cursor over verified pledges"
