"""Keyset pagination: every row exactly once, in order, forwards and back, NULLs too."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PledgeFactory
from tests.support.api import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledges():
    """23 pledges; announced dates repeat (ties) and 5 are undated (NULL)."""
    made = []
    for i in range(23):
        day = None if i % 5 == 0 else dt.date(2014, 9, 1 + i % 4)
        made.append(PledgeFactory(announced_on=day, quantity=1 + i % 3, review_status="verified"))
    return made


def walk(client, url, params, direction="next"):
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["id"] for row in body["results"]])
        link = body[direction]
        if not link:
            return pages
        response = client.get(link)


def expected_order(rows, field, descending):
    """PostgreSQL's order: NULL is the largest value; id breaks ties in the same direction."""

    def key(p):
        value = getattr(p, field)
        return (value is None, value or 0, p.pk)

    return [p.pk for p in sorted(rows, key=key, reverse=descending)]


@pytest.mark.parametrize(
    "ordering", ["-id", "id", "announced_on", "-announced_on", "quantity", "-quantity"]
)
def test_walking_the_pages_gives_every_row_once_in_order(api_client, pledges, ordering):
    field = ordering.lstrip("-")
    pages = walk(api_client, "/api/v1/pledges/", {"ordering": ordering, "limit": 4})
    assert [len(p) for p in pages] == [4, 4, 4, 4, 4, 3]
    flat = [pk for page in pages for pk in page]
    assert flat == expected_order(pledges, field, ordering.startswith("-"))


@pytest.mark.parametrize("ordering", ["-id", "announced_on", "-announced_on"])
def test_previous_links_walk_back_the_same_pages(api_client, pledges, ordering):
    forward = walk(api_client, "/api/v1/pledges/", {"ordering": ordering, "limit": 5})
    last_page_url = None
    response = api_client.get("/api/v1/pledges/", {"ordering": ordering, "limit": 5})
    while response.json()["next"]:
        last_page_url = response.json()["next"]
        response = api_client.get(last_page_url)
    backward = walk(api_client, last_page_url, {}, direction="previous")
    assert list(reversed(backward)) == forward
    assert api_client.get("/api/v1/pledges/", {"ordering": ordering}).json()["previous"] is None


def test_default_page_is_50_and_limit_caps_at_200(api_client):
    PledgeFactory.create_batch(55, review_status="verified")
    assert len(api_client.get("/api/v1/pledges/").json()["results"]) == 50
    assert len(api_client.get("/api/v1/pledges/", {"limit": 200}).json()["results"]) == 55
    response = api_client.get("/api/v1/pledges/", {"limit": 201})
    body = assert_error(response, 400, "validation_error")
    assert body["errors"][0]["attr"] == "limit"
    assert "200" in body["errors"][0]["detail"]


def test_a_cursor_is_tied_to_its_ordering(api_client, pledges):
    next_url = api_client.get("/api/v1/pledges/", {"limit": 2}).json()["next"]
    response = api_client.get(next_url + "&ordering=announced_on")
    body = assert_error(response, 400, "validation_error")
    assert body["errors"][0]["attr"] == "cursor"


def test_a_list_never_counts_rows(api_client, pledges):
    with CaptureQueriesContext(connection) as queries:
        api_client.get("/api/v1/pledges/", {"limit": 3})
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [q for q in queries.captured_queries if "OFFSET" in q["sql"].upper()]


def test_filters_stay_in_the_links(api_client, pledges):
    body = api_client.get("/api/v1/pledges/", {"kind": "aircraft", "limit": 2}).json()
    assert "kind=aircraft" in body["next"]
    assert "limit=2" in body["next"]


# --- cursors for SDKs, the Link header and the opt-in total ----------------------------------


@pytest.fixture(params=[True, False], ids=["fast-read", "orm"])
def read_path(request):
    """Both ways a list is answered (api/fastread.py, and DRF's own)."""
    from api.fastread import FastReadMixin

    FastReadMixin.enabled = request.param
    yield request.param
    FastReadMixin.enabled = True


def test_next_cursor_walks_the_same_pages_as_next(api_client, pledges, read_path):
    by_link = walk(api_client, "/api/v1/pledges/", {"limit": 5})
    by_cursor, cursor = [], None
    while True:
        params = {"limit": 5, **({"cursor": cursor} if cursor is not None else {})}
        body = api_client.get("/api/v1/pledges/", params).json()
        by_cursor.append([row["id"] for row in body["results"]])
        assert body["next_cursor"] == (
            None if body["next"] is None else parse_qs(urlsplit(body["next"]).query)["cursor"][0]
        )
        if body["previous"] is not None:
            assert body["previous_cursor"] in body["previous"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert by_cursor == by_link


def test_the_link_header_names_next_and_prev(api_client, pledges):
    first = api_client.get("/api/v1/pledges/", {"limit": 5})
    assert first["Link"] == f'<{first.json()["next"]}>; rel="next"'
    second = api_client.get(first.json()["next"])
    body = second.json()
    assert second["Link"] == f'<{body["next"]}>; rel="next", <{body["previous"]}>; rel="prev"'
    everything = api_client.get("/api/v1/pledges/", {"limit": 200})
    assert "Link" not in everything
    assert everything.json()["next_cursor"] is None
    assert everything.json()["previous_cursor"] is None


def test_an_emptied_page_points_back_to_the_first(api_client, pledges):
    body = api_client.get("/api/v1/pledges/", {"limit": 20, "ordering": "id"}).json()
    for pledge in pledges[20:]:
        pledge.delete()
    emptied = api_client.get(body["next"]).json()
    assert emptied["results"] == []
    assert emptied["previous_cursor"] == ""
    assert "cursor=" not in emptied["previous"]


def test_no_total_unless_asked(api_client, pledges):
    response = api_client.get("/api/v1/pledges/", {"limit": 3})
    assert "count" not in response.json()
    assert "count_is_estimate" not in response.json()
    assert "X-Total-Count" not in response


@pytest.mark.parametrize("path", ["/api/v1/pledges/", "/api/v1/memberships/"])
def test_count_exact_is_the_filtered_total_in_one_more_query(
    api_client, pledges, read_path, path, django_assert_num_queries
):
    params = {"limit": 3, "kind": "aircraft"} if "pledges" in path else {"limit": 3}
    with CaptureQueriesContext(connection) as plain:
        api_client.get(path, params)
    with django_assert_num_queries(len(plain) + 1):
        response = api_client.get(path, {**params, "count": "exact"})
    body = response.json()
    expected = sum(p.kind == "aircraft" for p in pledges) if "pledges" in path else 0
    assert body["count"] == expected
    assert body["count_is_estimate"] is False
    assert response["X-Total-Count"] == str(expected)
    assert response["X-Total-Count-Is-Estimate"] == "false"
    # the total stays in the links, and every page says it
    if body["next"]:
        assert "count=exact" in body["next"]


def test_count_estimate_is_the_planners_and_says_so(
    api_client, pledges, read_path, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as plain:
        api_client.get("/api/v1/pledges/", {"limit": 3})
    with django_assert_num_queries(len(plain) + 1) as queries:
        response = api_client.get("/api/v1/pledges/", {"limit": 3, "count": "estimate"})
    assert queries.captured_queries[-1]["sql"].upper().startswith("EXPLAIN (FORMAT JSON)")
    body = response.json()
    assert body["count_is_estimate"] is True
    assert isinstance(body["count"], int) and body["count"] >= 0
    assert response["X-Total-Count"] == str(body["count"])
    assert response["X-Total-Count-Is-Estimate"] == "true"


def test_count_takes_exact_or_estimate(api_client):
    body = assert_error(api_client.get("/api/v1/pledges/", {"count": "yes"}), 400)
    assert body["errors"][0]["attr"] == "count"
    assert api_client.get("/api/v1/pledges/", {"count": ""}).status_code == 200
