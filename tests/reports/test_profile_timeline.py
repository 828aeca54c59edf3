"""An actor's profile and a coalition's size over time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.serializers import FastReadSerializerMixin
from tests.factories import (
    AttendanceCitationFactory,
    CoalitionFactory,
    MembershipCitationFactory,
    PledgeCitationFactory,
    PledgeStageFactory,
    SizeReportCitationFactory,
    SourceFactory,
    UserFactory,
    country,
)
from tests.support.api import assert_error, token_client

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def turkey_record(coalition, source):
    """Declined to join, then a member; refused basing, pledged troops; a draft too."""
    for status, start, end in [
        ("declined", "2014-09-12", "2015-07-24"),
        ("member", "2015-07-24", None),
    ]:
        MembershipCitationFactory(
            source=source,
            membership__coalition=coalition,
            membership__actor=country("TUR"),
            membership__status=status,
            membership__started_on=D(start),
            membership__ended_on=end and D(end),
            membership__review_status="verified",
        )
    basing = PledgeCitationFactory(
        source=source,
        pledge__actor=country("TUR"),
        pledge__coalition=coalition,
        pledge__kind="basing",
        pledge__status="refused",
        pledge__quantity=None,
        pledge__quantity_qualifier="",
        pledge__quantity_unit="",
        pledge__asset="Incirlik air base",
        pledge__review_status="verified",
    ).pledge
    PledgeStageFactory(pledge=basing, status="refused")
    PledgeCitationFactory(
        pledge__actor=country("TUR"),
        pledge__kind="troops",
        pledge__quantity=200,
        pledge__quantity_unit="personnel",
        pledge__review_status="verified",
    )
    PledgeCitationFactory(pledge__actor=country("TUR"), pledge__kind="arms")  # a draft
    AttendanceCitationFactory(
        source=source, attendance__actor=country("TUR"), attendance__review_status="verified"
    )
    return basing


def test_an_actors_profile(api_client):
    coalition = CoalitionFactory(slug="counter-isis", name="Counter-ISIS")
    source = SourceFactory(title="Turkey and the coalition", published_on=D("2014-10-01"))
    basing = turkey_record(coalition, source)

    body = api_client.get("/api/v1/actors/tur/profile/").json()
    assert body["actor"]["code"] == "TUR"
    assert [(m["status"], m["started_on"], m["coalition"]) for m in body["memberships"]] == [
        ("declined", "2014-09-12", "counter-isis"),
        ("member", "2015-07-24", "counter-isis"),
    ]
    assert body["memberships"][0]["citations"][0]["source"]["id"] == source.pk
    assert {(g["key"], g["count"]) for g in body["pledges_by_kind"]} == {
        ("basing", 1),
        ("troops", 1),
    }
    troops = next(g for g in body["pledges_by_kind"] if g["key"] == "troops")
    assert troops["quantities"] == {"troops": 200}
    assert {(g["key"], g["count"]) for g in body["pledges_by_status"]} == {
        ("refused", 1),
        ("announced", 1),
    }
    (refusal,) = body["refusals"]
    assert (refusal["id"], refusal["asset"]) == (basing.pk, "Incirlik air base")
    assert [s["status"] for s in refusal["stages"]] == ["refused"]
    assert refusal["citations"][0]["source"]["id"] == source.pk
    assert body["refusals_count"] == 1
    sources = {s["id"]: s["citations"] for s in body["sources"]}
    assert sources[source.pk] == 4  # two periods, the refusal and the attendance
    assert len(sources) == 2  # and the troops pledge's own source; not the draft's
    assert body["sources_count"] == 2

    viewer = token_client(UserFactory(permissions=["pledges.view_pledge"]), if_match=False)
    counted = viewer.get("/api/v1/actors/TUR/profile/").json()["pledges_by_kind"]
    assert {g["key"] for g in counted} == {"arms", "basing", "troops"}


@pytest.mark.parametrize("reader", ["public", "analyst"])
def test_profile_refusals_are_the_pledge_serializers_own(api_client, reader):
    """The refusals come from the pledge serializer's compiled plan; DRF's own serializer
    answers the same bytes (parties, stages, citations, conversions included)."""
    basing = turkey_record(CoalitionFactory(), SourceFactory())
    PledgeStageFactory(pledge=basing, status="announced", occurred_on=D("2014-09-01"))
    PledgeCitationFactory(pledge=basing, quote="Turkey said no to Incirlik.")
    client = api_client
    if reader == "analyst":
        client = token_client(UserFactory(permissions=["pledges.view_pledge"]), if_match=False)
    fast = client.get("/api/v1/actors/TUR/profile/")
    FastReadSerializerMixin.enabled = False
    try:
        slow = client.get("/api/v1/actors/TUR/profile/")
    finally:
        FastReadSerializerMixin.enabled = True
    assert fast.status_code == slow.status_code == 200
    assert len(fast.json()["refusals"][0]["citations"]) == 2
    assert fast.content == slow.content


def test_profile_queries_do_not_grow_with_the_record(api_client):
    coalition = CoalitionFactory()
    source = SourceFactory()
    turkey_record(coalition, source)
    with CaptureQueriesContext(connection) as small:
        api_client.get("/api/v1/actors/TUR/profile/")
    for _ in range(10):
        turkey_record(CoalitionFactory(), SourceFactory())
    with CaptureQueriesContext(connection) as large:
        body = api_client.get("/api/v1/actors/TUR/profile/").json()
    assert len(body["refusals"]) == 11 and len(body["memberships"]) == 22
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_profile_lists_are_bounded_newest_first_and_counted(api_client):
    """At a million pledges an actor has thousands of refusals and sources: the profile
    lists the newest ``limit`` of each and says how many there are."""
    coalition = CoalitionFactory()
    refusals = []
    for day in ["2014-09-01", "2016-03-01", None, "2015-01-10", "2014-12-24"]:
        source = SourceFactory(published_on=day and D(day))
        refusals.append(
            PledgeCitationFactory(
                source=source,
                pledge__actor=country("TUR"),
                pledge__coalition=coalition,
                pledge__kind="basing",
                pledge__status="refused",
                pledge__quantity=None,
                pledge__quantity_qualifier="",
                pledge__quantity_unit="",
                pledge__announced_on=day and D(day),
                pledge__review_status="verified",
            ).pledge
        )
    body = api_client.get("/api/v1/actors/TUR/profile/?limit=3").json()
    assert body["refusals_count"] == 5 and body["sources_count"] == 5
    # newest announcement first, undated last
    assert [r["announced_on"] for r in body["refusals"]] == [
        "2016-03-01",
        "2015-01-10",
        "2014-12-24",
    ]
    # newest source first, undated first (as the source list orders them)
    assert [s["published_on"] for s in body["sources"]] == [None, "2016-03-01", "2015-01-10"]
    assert all(s["citations"] == 1 for s in body["sources"])

    everything = api_client.get("/api/v1/actors/TUR/profile/").json()
    assert len(everything["refusals"]) == 5 and everything["refusals"][-1]["announced_on"] is None
    listed = api_client.get(everything["refusals_url"]).json()
    assert sorted(r["id"] for r in listed["results"]) == sorted(p.pk for p in refusals)


@pytest.mark.parametrize("limit", ["0", "201", "ten", "-1"])
def test_profile_limit_out_of_range_is_400(api_client, limit):
    body = assert_error(api_client.get(f"/api/v1/actors/TUR/profile/?limit={limit}"), 400)
    assert [error["attr"] for error in body["errors"]] == ["limit"]


def test_profile_of_an_unknown_actor_is_404(api_client):
    assert_error(api_client.get("/api/v1/actors/NOPE/profile/"), 404, "client_error")


def test_a_coalitions_size_over_time(api_client):
    coalition = CoalitionFactory(slug="counter-isis")
    for code, start, end in [
        ("AUS", "2014-09-14", None),
        ("CAN", "2014-09-14", "2016-02-22"),
        ("FRA", "2014-09-19", None),
    ]:
        MembershipCitationFactory(
            membership__coalition=coalition,
            membership__actor=country(code),
            membership__started_on=D(start),
            membership__ended_on=end and D(end),
            membership__review_status="verified",
        )
    MembershipCitationFactory(  # a draft: not public
        membership__coalition=coalition,
        membership__actor=country("DEU"),
        membership__started_on=D("2014-09-20"),
    )
    SizeReportCitationFactory(
        size_report__coalition=coalition,
        size_report__reported_on=D("2014-09-19"),
        size_report__member_count=40,
        size_report__qualifier="about",
        size_report__review_status="verified",
    )
    body = api_client.get("/api/v1/coalitions/counter-isis/timeline/").json()
    assert body["coalition"] == "counter-isis"
    assert [
        (p["day"], p["tracked_members"], p["reported_members"], p["reported_qualifier"])
        for p in body["points"]
    ] == [
        ("2014-09-14", 2, None, None),
        ("2014-09-19", 3, 40, "about"),
        ("2016-02-22", 2, None, None),
    ]
    analyst = token_client(UserFactory(is_superuser=True), if_match=False)
    days = [
        p["day"] for p in analyst.get("/api/v1/coalitions/counter-isis/timeline/").json()["points"]
    ]
    assert "2014-09-20" in days
    assert_error(api_client.get("/api/v1/coalitions/nope/timeline/"), 404)
