"""GET /api/v1/search/: ranking, accents, visibility, filters, errors, query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ActorFactory,
    CoalitionFactory,
    MembershipCitationFactory,
    MembershipFactory,
    PledgeCitationFactory,
    PledgeFactory,
    SourceFactory,
    UserFactory,
    country,
)

URL = "/api/v1/search/"
pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.json()
    return response.json()


def hits(body) -> list[tuple[str, int]]:
    return [(hit["type"], hit["id"]) for hit in body["results"]]


def verified_pledge(**kwargs):
    return PledgeFactory(review_status="verified", **kwargs)


def test_a_description_match_ranks_above_a_quote_match_and_article_text(api_client):
    in_quote = verified_pledge(description="Tankers for refuelling")
    PledgeCitationFactory(pledge=in_quote, quote="The ministry sent minesweepers to the Gulf.")
    in_description = verified_pledge(description="Two minesweepers for the Gulf")
    source = SourceFactory(title="Navy news", text="Minesweepers were mentioned once here.")
    body = search(api_client, q="minesweeper")
    assert hits(body) == [
        ("pledge", in_description.pk),
        ("pledge", in_quote.pk),
        ("source", source.pk),
    ]
    assert body["count"] == 3
    assert body["results"][0]["snippet"] == "Two <mark>minesweepers</mark> for the Gulf"
    assert body["results"][0]["url"].endswith(f"/api/v1/pledges/{in_description.pk}/")
    ranks = [hit["rank"] for hit in body["results"]]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > ranks[1] > ranks[2]


def test_a_pledge_matched_by_several_texts_is_one_hit(api_client):
    pledge = verified_pledge(description="Minesweepers for the Gulf")
    PledgeCitationFactory(pledge=pledge, quote="Minesweepers will sail in March.")
    PledgeCitationFactory(pledge=pledge, quote="More minesweepers may follow.")
    assert hits(search(api_client, q="minesweepers", type="pledge")) == [("pledge", pledge.pk)]


def test_accents_are_ignored_both_ways(api_client):
    pledge = verified_pledge(actor=country("TUR"), description="Türkiye opens Incirlik")
    for q in ("turkiye", "TÜRKIYE", "Türkiye"):
        body = search(api_client, q=q)
        assert ("pledge", pledge.pk) in hits(body)
        assert ("actor", country("TUR").pk) == hits(body)[0]  # the name, similarity 1
    snippet = next(h for h in body["results"] if h["type"] == "pledge")["snippet"]
    assert snippet == "<mark>Türkiye</mark> opens Incirlik"  # accents kept in the snippet
    accented = verified_pledge(description="Aide humanitaire à Kobanî")
    assert ("pledge", accented.pk) in hits(search(api_client, q="kobani"))


def test_snippets_are_html_escaped_around_their_marks(api_client):
    pledge = verified_pledge(description="Jets <script>alert(1)</script> & \x01tankers\x02")
    hit = search(api_client, q="tankers")["results"][0]
    assert hit["id"] == pledge.pk
    # ts_headline drops what its parser reads as tags; what is left is escaped, and the
    # control characters the marks are made from cannot come from the text.
    assert hit["snippet"] == "Jets  alert(1)  &amp; <mark>tankers</mark>"


def test_actors_match_by_code_and_by_part_of_their_name(api_client):
    assert hits(search(api_client, q="tur", type="actor"))[0] == ("actor", country("TUR").pk)
    body = search(api_client, q="Kingdom", type="actor")
    assert ("actor", country("GBR").pk) in hits(body)
    assert body["results"][0]["url"].endswith(f"/api/v1/actors/{body['results'][0]['actor']}/")


def test_the_public_sees_verified_claims_only_and_analysts_see_all(api_client):
    public = verified_pledge(description="Minesweepers, reviewed")
    draft = PledgeFactory(description="Minesweepers, not reviewed yet")
    cited_draft = PledgeFactory(description="Tankers")
    PledgeCitationFactory(pledge=cited_draft, quote="Minesweepers too, said a draft quote.")
    draft_membership = MembershipFactory()
    MembershipCitationFactory(membership=draft_membership, quote="It joined with minesweepers.")
    assert hits(search(api_client, q="minesweepers")) == [("pledge", public.pk)]

    viewer = UserFactory(permissions=["pledges.view_pledge", "coalition.view_membership"])
    api_client.force_authenticate(viewer)
    assert set(hits(search(api_client, q="minesweepers"))) == {
        ("pledge", public.pk),
        ("pledge", draft.pk),
        ("pledge", cited_draft.pk),
        ("membership", draft_membership.pk),
    }


def test_filters_narrow_the_hits_and_leave_out_types_without_the_field(api_client):
    gbr, fra = country("GBR"), country("FRA")
    coalition = CoalitionFactory()
    british = verified_pledge(actor=gbr, kind="aircraft", description="Tornado jets")
    verified_pledge(actor=fra, kind="aircraft", description="Rafale jets")
    naval = verified_pledge(actor=gbr, kind="other", coalition=coalition, description="Jets")
    membership = MembershipFactory(actor=gbr, coalition=coalition, review_status="verified")
    MembershipCitationFactory(membership=membership, quote="Britain joined, jets ready.")
    source = SourceFactory(title="Jets over Iraq")

    assert ("source", source.pk) in hits(search(api_client, q="jets"))
    by_actor = hits(search(api_client, q="jets", actor="gbr"))
    assert set(by_actor) == {
        ("pledge", british.pk),
        ("pledge", naval.pk),
        ("membership", membership.pk),
    }
    assert hits(search(api_client, q="jets", kind="aircraft", actor="GBR")) == [
        ("pledge", british.pk)
    ]
    assert set(hits(search(api_client, q="jets", coalition=coalition.slug))) == {
        ("pledge", naval.pk),
        ("membership", membership.pk),
    }
    # A title weighs more than a quote.
    assert hits(search(api_client, q="jets", type=["source", "membership"])) == [
        ("source", source.pk),
        ("membership", membership.pk),
    ]


def test_pages_by_limit_and_offset(api_client):
    for n in range(5):
        verified_pledge(description=f"Minesweeper number {n}")
    first = search(api_client, q="minesweeper", limit=2)
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()
    assert third["next"] is None and len(third["results"]) == 1
    seen = hits(first) + hits(second) + hits(third)
    assert len(set(seen)) == 5
    assert api_client.get(second["previous"]).json()["results"] == first["results"]
    past = search(api_client, q="minesweeper", offset=50)
    assert past["results"] == [] and past["count"] == 5


@pytest.mark.parametrize(
    ("params", "attr"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "jets", "actr": "GBR"}, "actr"),
        ({"q": "jets", "actor": "NOPE"}, "actor"),
        ({"q": "jets", "coalition": "no-such-coalition"}, "coalition"),
        ({"q": "jets", "type": "meeting"}, "type"),
        ({"q": "jets", "kind": "spaceships"}, "kind"),
        ({"q": "jets", "limit": "101"}, "limit"),
        ({"q": "jets", "offset": "-1"}, "offset"),
        ({"q": "jets", "offset": "99999999999999999999"}, "offset"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(api_client, params, attr):
    response = api_client.get(URL, params)
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == [attr]


def test_search_syntax_never_fails(api_client):
    verified_pledge(description="Minesweepers for the Gulf")
    for q in ['"unclosed', "or or", "-", "a & b | !c", "(((", "the", "::*", "%", "\\"]:
        assert api_client.get(URL, {"q": q}).status_code == 200, q
    assert hits(search(api_client, q='"for the gulf"'))[0][0] == "pledge"
    assert hits(search(api_client, q="minesweepers -gulf", type="pledge")) == []


def test_one_query_whatever_the_number_of_hits(api_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            search(api_client, q="minesweepers", limit=50)
        return len(queries)

    verified_pledge(description="Minesweepers")
    one = count_queries()
    for n in range(6):
        pledge = verified_pledge(description=f"Minesweepers {n}")
        PledgeCitationFactory(pledge=pledge, quote="Minesweepers sail.")
        SourceFactory(title=f"Minesweepers story {n}")
        MembershipCitationFactory(
            membership=MembershipFactory(actor=ActorFactory(), review_status="verified"),
            quote="Joined with minesweepers.",
        )
    assert count_queries() == one == 1
