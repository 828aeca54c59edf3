"""Two kinds of "as of": ``as_of`` (what was true in the world on a day, as we know it
now) and ``known_at`` (what the database said at a moment)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    MembershipCitationFactory,
    PledgeCitationFactory,
    PledgeStageFactory,
    SourceFactory,
    UserFactory,
    country,
)
from tests.support.api import assert_error, citation_input, token_client
from tests.support.helpers import database_now

pytestmark = pytest.mark.django_db

PLEDGES = "/api/v1/pledges/"


def patch(client, url, data):
    etag = client.get(url).headers.get("ETag")
    extra = {"HTTP_IF_MATCH": etag} if etag else {}
    response = client.patch(url, data, format="json", **extra)
    assert response.status_code == 200, response.content
    return response.json()


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat()


@pytest.fixture
def history():
    """Australia's pledge: announced on 2014-09-14 with six jets (moment t1), edited to
    eight citing a second source (t2), withdrawn on 2015-03-01 (t3)."""
    analyst = UserFactory(
        permissions=["pledges.add_pledge", "pledges.change_pledge", "pledges.view_pledge"]
    )
    api = token_client(analyst, if_match=False)
    first, second = SourceFactory(title="First report"), SourceFactory(title="Second report")
    announced = {"status": "announced", "occurred_on": "2014-09-14"}
    created = api.post(
        PLEDGES,
        {
            "actor": "AUS",
            "kind": "aircraft",
            "status": "announced",
            "description": "Fighter jets for strikes in Iraq",
            "quantity": 6,
            "quantity_qualifier": "exact",
            "announced_on": "2014-09-14",
            "review_status": "verified",
            "stages": [announced],
            "citations": [citation_input(first, "Australia will send six jets.")],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"{PLEDGES}{created.json()['id']}/"
    t1 = database_now()
    patch(
        api,
        url,
        {"quantity": 8, "citations": [citation_input(second, "Eight jets, not six.")]},
    )
    t2 = database_now()
    patch(
        api,
        url,
        {
            "status": "withdrawn",
            "stages": [announced, {"status": "withdrawn", "occurred_on": "2015-03-01"}],
        },
    )
    t3 = database_now()
    return {"id": created.json()["id"], "t1": t1, "t2": t2, "t3": t3}


def only(response) -> dict:
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert len(results) == 1, results
    return results[0]


def test_as_of_answers_what_was_true_on_a_day_as_known_now(api_client, history):
    autumn = only(api_client.get(PLEDGES, {"as_of": "2014-10-01"}))
    assert (autumn["id"], autumn["status_as_of"], autumn["status"]) == (
        history["id"],
        "announced",
        "withdrawn",
    )
    assert autumn["quantity"] == 8  # today's knowledge of the pledge
    summer = only(api_client.get(PLEDGES, {"as_of": "2015-06-01"}))
    assert summer["status_as_of"] == "withdrawn"
    before = api_client.get(PLEDGES, {"as_of": "2014-09-01"}).json()["results"]
    assert before == []  # not yet announced


def test_known_at_answers_what_the_database_said_then(api_client, history):
    then = only(api_client.get(PLEDGES, {"known_at": stamp(history["t1"])}))
    assert (then["id"], then["quantity"], then["status"]) == (history["id"], 6, "announced")
    assert [(c["quote"], c["source"]["title"]) for c in then["citations"]] == [
        ("Australia will send six jets.", "First report")
    ]
    assert [s["status"] for s in then["stages"]] == ["announced"]
    assert then["actor_summary"] == {"code": "AUS", "name": "Australia", "kind": "country"}

    edited = only(api_client.get(PLEDGES, {"known_at": stamp(history["t2"])}))
    assert (edited["quantity"], edited["status"]) == (8, "announced")
    assert [c["quote"] for c in edited["citations"]] == ["Eight jets, not six."]

    withdrawn = only(api_client.get(PLEDGES, {"known_at": stamp(history["t3"])}))
    assert withdrawn["status"] == "withdrawn"
    assert [s["status"] for s in withdrawn["stages"]] == ["announced", "withdrawn"]
    # The same shape as the live list: today the answer is the live row.
    live = only(api_client.get(PLEDGES))
    assert {k: v for k, v in withdrawn.items() if k != "updated_at"} == {
        k: v for k, v in live.items() if k != "updated_at"
    }

    earlier = history["t1"] - dt.timedelta(hours=1)
    assert api_client.get(PLEDGES, {"known_at": stamp(earlier)}).json()["results"] == []


def test_as_of_and_known_at_answer_differently_for_the_same_pledge(api_client, history):
    # In the world on 2015-06-01 the pledge had been withdrawn (as we know now) ...
    world = only(api_client.get(PLEDGES, {"as_of": "2015-06-01"}))
    # ... but at t2 the database still said announced, with eight jets.
    database = only(api_client.get(PLEDGES, {"known_at": stamp(history["t2"])}))
    assert (world["status_as_of"], database["status"]) == ("withdrawn", "announced")
    # And on 2014-10-01 the world saw eight jets announced (as known now), while the
    # database at t1 said six.
    autumn = only(api_client.get(PLEDGES, {"as_of": "2014-10-01"}))
    first = only(api_client.get(PLEDGES, {"known_at": stamp(history["t1"])}))
    assert (autumn["quantity"], first["quantity"]) == (8, 6)


def test_known_at_shows_the_public_what_was_verified_then(api_client):
    pledge = PledgeCitationFactory(pledge__review_status="draft").pledge
    drafted = database_now()
    pledge.review_status = "verified"
    pledge.save()
    verified = database_now()
    assert api_client.get(PLEDGES, {"known_at": stamp(drafted)}).json()["results"] == []
    assert only(api_client.get(PLEDGES, {"known_at": stamp(verified)}))["id"] == pledge.pk
    viewer = token_client(UserFactory(permissions=["pledges.view_pledge"]), if_match=False)
    assert only(viewer.get(PLEDGES, {"known_at": stamp(drafted)}))["review_status"] == "draft"


def test_known_at_takes_the_lists_filters_and_order(api_client):
    jets = PledgeCitationFactory(pledge__review_status="verified", pledge__quantity=4).pledge
    more = PledgeCitationFactory(pledge__review_status="verified", pledge__quantity=9).pledge
    PledgeCitationFactory(
        pledge__review_status="verified",
        pledge__kind="money",
        pledge__quantity=None,
        pledge__quantity_qualifier="",
        pledge__amount="1000.00",
        pledge__currency="USD",
    )
    now = stamp(database_now())
    rows = api_client.get(
        PLEDGES, {"known_at": now, "kind": "aircraft", "ordering": "-quantity", "limit": 1}
    ).json()
    assert [r["id"] for r in rows["results"]] == [more.pk]
    following = api_client.get(rows["next"]).json()
    assert [r["id"] for r in following["results"]] == [jets.pk]


def test_bad_known_at_input_is_400(api_client):
    for params, attrs in [
        ({"known_at": "yesterday"}, {"known_at"}),
        ({"known_at": "2026-01-01T00:00:00Z", "source": "3"}, {"source"}),
        ({"known_at": "2026-01-01T00:00:00Z", "as_of": "2014-09-20"}, {"as_of"}),
        ({"known_at": "2026-01-01T00:00:00Z", "kind": "planets"}, {"kind"}),
    ]:
        body = assert_error(api_client.get(PLEDGES, params), 400, "validation_error")
        assert {e["attr"] for e in body["errors"]} == attrs, (params, body)


def test_known_at_query_count_does_not_grow_with_the_page(api_client):
    PledgeCitationFactory(pledge__review_status="verified")
    params = {"known_at": stamp(database_now() + dt.timedelta(minutes=1)), "limit": 200}
    with CaptureQueriesContext(connection) as one:
        assert len(api_client.get(PLEDGES, params).json()["results"]) == 1
    for _ in range(30):
        pledge = PledgeCitationFactory(pledge__review_status="verified").pledge
        PledgeStageFactory(pledge=pledge)
        PledgeCitationFactory(pledge=pledge)
    with CaptureQueriesContext(connection) as many:
        assert len(api_client.get(PLEDGES, params).json()["results"]) == 31
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_memberships_known_at_with_their_citations(api_client):
    citation = MembershipCitationFactory(
        membership__actor=country("AUS"), membership__review_status="verified"
    )
    membership = citation.membership
    member = database_now()
    membership.status = "withdrawn"
    membership.save()
    then = only(api_client.get("/api/v1/memberships/", {"known_at": stamp(member)}))
    assert (then["id"], then["status"], then["actor"]) == (membership.pk, "member", "AUS")
    assert [c["quote"] for c in then["citations"]] == [citation.quote]
    now = only(api_client.get("/api/v1/memberships/", {"known_at": stamp(database_now())}))
    assert now["status"] == "withdrawn"


def test_one_pledge_known_at_a_moment(api_client, history):
    url = f"{PLEDGES}{history['id']}/"
    then = api_client.get(url, {"known_at": stamp(history["t1"])}).json()
    assert (then["id"], then["quantity"], then["status"]) == (history["id"], 6, "announced")
    assert api_client.get(url).json()["quantity"] == 8
    earlier = stamp(history["t1"] - dt.timedelta(hours=1))
    assert_error(api_client.get(url, {"known_at": earlier}), 404)
