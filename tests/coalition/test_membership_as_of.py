"""Who was in a coalition on a given day: periods are half-open [started_on, ended_on)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    CoalitionFactory,
    MembershipCitationFactory,
    MembershipFactory,
    country,
)
from tests.support.api import assert_error, error_attrs

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition():
    """Australia: invited from 09-10, member from 09-14. Türkiye: declined 09-12 to 2015-07-24,
    then a member. Germany: a supporter from 09-20. Canada: member 09-14, withdrew 2016-02-22."""
    coalition = CoalitionFactory(slug="counter-isis")
    periods = [
        ("AUS", "invited", "2014-09-10", "2014-09-14"),
        ("AUS", "member", "2014-09-14", None),
        ("TUR", "declined", "2014-09-12", "2015-07-24"),
        ("TUR", "member", "2015-07-24", None),
        ("DEU", "supporter", "2014-09-20", None),
        ("CAN", "member", "2014-09-14", "2016-02-22"),
        ("CAN", "withdrawn", "2016-02-22", None),
    ]
    for code, status, start, end in periods:
        membership = MembershipFactory(
            coalition=coalition,
            actor=country(code),
            status=status,
            started_on=dt.date.fromisoformat(start),
            ended_on=dt.date.fromisoformat(end) if end else None,
            review_status="verified",
        )
        MembershipCitationFactory(membership=membership)
    return coalition


def members_on(client, day: str | None, **params) -> dict[str, str]:
    query = {"as_of": day, **params} if day else params
    response = client.get("/api/v1/coalitions/counter-isis/members/", query)
    assert response.status_code == 200, response.content
    return {m["actor"]["code"]: m["status"] for m in response.json()["members"]}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2014-09-09", {}),
        ("2014-09-10", {"AUS": "invited"}),
        ("2014-09-13", {"AUS": "invited", "TUR": "declined"}),
        # the day a period ends, the next one applies (ended_on is exclusive)
        ("2014-09-14", {"AUS": "member", "TUR": "declined", "CAN": "member"}),
        (
            "2014-09-20",
            {"AUS": "member", "TUR": "declined", "CAN": "member", "DEU": "supporter"},
        ),
        (
            "2015-07-24",
            {"AUS": "member", "TUR": "member", "CAN": "member", "DEU": "supporter"},
        ),
        (
            "2016-02-22",
            {"AUS": "member", "TUR": "member", "CAN": "withdrawn", "DEU": "supporter"},
        ),
    ],
)
def test_members_as_of_a_day(api_client, coalition, day, expected):
    assert members_on(api_client, day) == expected


def test_members_default_to_today(api_client, coalition):
    today = timezone.now().date().isoformat()
    assert members_on(api_client, None) == members_on(api_client, today)
    body = api_client.get("/api/v1/coalitions/counter-isis/members/").json()
    assert body["as_of"] == today
    assert body["coalition"] == "counter-isis"


def test_members_answer_with_status_dates_and_citations(api_client, coalition):
    body = api_client.get(
        "/api/v1/coalitions/counter-isis/members/", {"as_of": "2014-09-20"}
    ).json()
    names = [m["actor"]["name"] for m in body["members"]]
    assert names == sorted(names)
    australia = next(m for m in body["members"] if m["actor"]["code"] == "AUS")
    assert australia["status"] == "member"
    assert australia["started_on"] == "2014-09-14"
    assert australia["ended_on"] is None
    assert australia["citations"][0]["quote"]


def test_members_filtered_by_status(api_client, coalition):
    assert members_on(api_client, "2014-09-20", status="member") == {
        "AUS": "member",
        "CAN": "member",
    }


def test_memberships_list_as_of_matches_the_members_endpoint(api_client, coalition):
    for day in ("2014-09-13", "2014-09-20", "2016-02-22"):
        rows = api_client.get(
            "/api/v1/memberships/", {"coalition": "counter-isis", "as_of": day}
        ).json()["results"]
        assert {r["actor"]: r["status"] for r in rows} == members_on(api_client, day)


@pytest.mark.parametrize("bad", ["2014-02-30", "2014-09-20x", "tomorrow", "99999-01-01"])
def test_a_bad_as_of_date_is_400(api_client, coalition, bad):
    response = api_client.get("/api/v1/coalitions/counter-isis/members/", {"as_of": bad})
    assert_error(response, 400, "validation_error")
    assert error_attrs(response) == {"as_of"}
    response = api_client.get("/api/v1/memberships/", {"as_of": bad})
    assert error_attrs(response) == {"as_of"}


def test_members_of_an_unknown_coalition_is_404(api_client, coalition):
    assert_error(api_client.get("/api/v1/coalitions/nope/members/"), 404)


def test_overlapping_periods_are_refused(coalition):
    from tests.factories import UserFactory
    from tests.support.api import citation_input, token_client

    client = token_client(UserFactory(permissions=["coalition.add_membership"]))
    response = client.post(
        "/api/v1/memberships/",
        {
            "coalition": "counter-isis",
            "actor": "AUS",
            "status": "supporter",
            "started_on": "2015-01-01",
            "citations": [citation_input()],
        },
    )
    body = assert_error(response, 400, "validation_error")
    assert "overlaps" in body["errors"][0]["detail"]


def test_members_query_count_does_not_grow_with_the_members(api_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coalition.models import Actor

    coalition = CoalitionFactory(slug="many")
    actors = list(Actor.objects.filter(kind="country").order_by("code")[:30])

    def join(actor):
        membership = MembershipFactory(coalition=coalition, actor=actor, review_status="verified")
        MembershipCitationFactory(membership=membership)

    join(actors[0])
    url = "/api/v1/coalitions/many/members/?as_of=2015-01-01"
    with CaptureQueriesContext(connection) as one:
        assert len(api_client.get(url).json()["members"]) == 1
    for actor in actors[1:]:
        join(actor)
    with CaptureQueriesContext(connection) as thirty:
        assert len(api_client.get(url).json()["members"]) == 30
    assert len(thirty) == len(one)
