"""Keyset pagination: every row exactly once, in order, forwards and back, NULLs too."""

from __future__ import annotations

import datetime as dt

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
