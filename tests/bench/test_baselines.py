"""The two baselines serve the same page; the harness builds deep cursors right."""

from __future__ import annotations

import base64
import importlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory, override_settings

from bench import run, views
from tests.factories import PledgeCitationFactory, PledgeFactory


@pytest.fixture
def pledges(db):
    made = []
    for i in range(5):
        pledge = PledgeFactory(
            amount="1250000.50" if i == 2 else None, currency="USD" if i == 2 else ""
        )
        for _ in range(i % 3):
            PledgeCitationFactory(pledge=pledge)
        made.append(pledge)
    return made


def test_sql_and_naive_baselines_serve_the_same_page(pledges):
    rf = RequestFactory()
    sql = json.loads(views.sql_pledge_list(rf.get("/b/", {"limit": 3})).content)
    naive = views.NaivePledgeList.as_view()(rf.get("/b/", {"limit": 3}))
    naive.render()
    naive_page = json.loads(naive.content)
    assert [p["id"] for p in sql["results"]] == [p.pk for p in reversed(pledges)][:3]
    assert sql["results"] == naive_page["results"]


def test_sql_baseline_pages_by_keyset(pledges):
    rf = RequestFactory()
    first = json.loads(views.sql_pledge_list(rf.get("/b/", {"limit": 2})).content)
    before = parse_qs(urlsplit(first["next"]).query)["before"][0]
    second = json.loads(
        views.sql_pledge_list(rf.get("/b/", {"limit": 2, "before": before})).content
    )
    assert [p["id"] for p in second["results"]] == [pledges[2].pk, pledges[1].pk]


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
