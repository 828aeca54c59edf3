"""``as_of`` on the pledge list says how many undated pledges it left out, and
``include_undated=true`` keeps them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.fastread import FastReadMixin
from tests.factories import PledgeFactory, PledgeStageFactory
from tests.support.api import assert_error

pytestmark = pytest.mark.django_db

URL = "/api/v1/pledges/"
DAY = "2014-10-01"


@pytest.fixture(params=[True, False], ids=["fast-read", "orm"])
def read_path(request):
    FastReadMixin.enabled = request.param
    yield request.param
    FastReadMixin.enabled = True


@pytest.fixture
def pledges():
    """Dated by its announcement, dated by a stage only, announced after the day, and
    three undated (no announcement date; no stage, or only undated stages)."""
    verified = {"review_status": "verified"}
    made = {
        "announced": PledgeFactory(announced_on=dt.date(2014, 9, 10), kind="arms", **verified),
        "staged": PledgeFactory(announced_on=None, kind="arms", **verified),
        "later": PledgeFactory(announced_on=dt.date(2015, 3, 1), kind="arms", **verified),
        "undated": PledgeFactory(announced_on=None, kind="arms", **verified),
        "undated_stage": PledgeFactory(announced_on=None, kind="arms", **verified),
        "undated_money": PledgeFactory(announced_on=None, kind="humanitarian", **verified),
    }
    PledgeStageFactory(pledge=made["staged"], occurred_on=dt.date(2014, 9, 20))
    PledgeStageFactory(pledge=made["undated_stage"], occurred_on=None)
    return {name: pledge.pk for name, pledge in made.items()}


def ids(body) -> set[int]:
    return {row["id"] for row in body["results"]}


def test_as_of_says_how_many_undated_pledges_it_left_out(api_client, pledges, read_path):
    response = api_client.get(URL, {"as_of": DAY})
    assert response.status_code == 200, response.content
    body = response.json()
    assert ids(body) == {pledges["announced"], pledges["staged"]}
    assert body["undated_excluded"] == 3
    assert response["X-Undated-Excluded"] == "3"


def test_the_undated_count_follows_the_other_filters(api_client, pledges, read_path):
    body = api_client.get(URL, {"as_of": DAY, "kind": "arms"}).json()
    assert body["undated_excluded"] == 2
    body = api_client.get(URL, {"as_of": DAY, "kind": "training"}).json()
    assert (body["results"], body["undated_excluded"]) == ([], 0)


def test_include_undated_keeps_them(api_client, pledges, read_path):
    response = api_client.get(URL, {"as_of": DAY, "include_undated": "true"})
    body = response.json()
    undated = {pledges[name] for name in ("undated", "undated_stage", "undated_money")}
    assert ids(body) == {pledges["announced"], pledges["staged"], *undated}
    assert "undated_excluded" not in body
    assert "X-Undated-Excluded" not in response
    assert all(row["status_as_of"] for row in body["results"])
    body = api_client.get(URL, {"as_of": DAY, "include_undated": "false"}).json()
    assert body["undated_excluded"] == 3


def test_without_as_of_nothing_is_left_out_or_said(api_client, pledges):
    response = api_client.get(URL)
    assert len(response.json()["results"]) == len(pledges)
    assert "undated_excluded" not in response.json()
    assert "X-Undated-Excluded" not in response


def test_include_undated_is_a_boolean_that_changes_nothing_without_as_of(api_client, pledges):
    body = assert_error(api_client.get(URL, {"include_undated": "yes"}), 400)
    assert [error["attr"] for error in body["errors"]] == ["include_undated"]
    everything = api_client.get(URL, {"include_undated": "true"}).json()
    assert len(everything["results"]) == len(pledges)
    assert "undated_excluded" not in everything


def test_the_undated_count_is_one_query(api_client, pledges, read_path, django_assert_num_queries):
    with CaptureQueriesContext(connection) as included:
        api_client.get(URL, {"as_of": DAY, "include_undated": "true"})
    with django_assert_num_queries(len(included) + 1):
        api_client.get(URL, {"as_of": DAY})


def test_the_summary_says_how_many_undated_pledges_its_totals_leave_out(api_client, pledges):
    summary = "/api/v1/pledges/summary/"
    body = api_client.get(summary, {"as_of": DAY}).json()
    assert (sum(group["count"] for group in body["groups"]), body["undated_excluded"]) == (2, 3)
    body = api_client.get(summary, {"as_of": DAY, "include_undated": "true"}).json()
    assert (sum(group["count"] for group in body["groups"]), body["undated_excluded"]) == (5, None)
    assert api_client.get(summary).json()["undated_excluded"] is None
