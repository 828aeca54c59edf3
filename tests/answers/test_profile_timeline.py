"""An actor's profile and a coalition's size over time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.api.base import assert_error
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

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def client_for(user) -> APIClient:
    _, token = AuthToken.objects.create(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


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
    sources = {s["id"]: s["citations"] for s in body["sources"]}
    assert sources[source.pk] == 4  # two periods, the refusal and the attendance
    assert len(sources) == 2  # and the troops pledge's own source; not the draft's

    viewer = client_for(UserFactory(permissions=["pledges.view_pledge"]))
    counted = viewer.get("/api/v1/actors/TUR/profile/").json()["pledges_by_kind"]
    assert {g["key"] for g in counted} == {"arms", "basing", "troops"}


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
    analyst = client_for(UserFactory(is_superuser=True))
    days = [
        p["day"] for p in analyst.get("/api/v1/coalitions/counter-isis/timeline/").json()["points"]
    ]
    assert "2014-09-20" in days
    assert_error(api_client.get("/api/v1/coalitions/nope/timeline/"), 404)
