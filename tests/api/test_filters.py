"""Each list's filters answer the questions readers ask."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    ActorFactory,
    CoalitionFactory,
    MembershipFactory,
    PledgeCitationFactory,
    PledgeFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db


def ids(client, url, **params) -> set[int]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_pledge_filters(api_client):
    coalition = CoalitionFactory(slug="counter-isis")
    source = SourceFactory()
    verified = {"review_status": "verified"}
    aus_jets = PledgeFactory(
        actor=country("AUS"),
        coalition=coalition,
        kind="aircraft",
        status="committed",
        recipient=country("IRQ"),
        host=country("ARE"),
        announced_on=dt.date(2014, 9, 14),
        **verified,
    )
    PledgeCitationFactory(pledge=aus_jets, source=source)
    PledgeCitationFactory(pledge=aus_jets, source=source, quote="Said twice.")
    tur_basing = PledgeFactory(
        actor=country("TUR"),
        kind="basing",
        status="refused",
        quantity=None,
        quantity_qualifier="",
        quantity_unit="",
        host=country("TUR"),
        announced_on=dt.date(2014, 10, 1),
        **verified,
    )
    deu_arms = PledgeFactory(
        actor=country("DEU"),
        kind="arms",
        status="delivered",
        recipient=country("IRQ"),
        announced_on=None,
        **verified,
    )
    url = "/api/v1/pledges/"
    assert ids(api_client, url, actor="AUS") == {aus_jets.pk}
    assert ids(api_client, url, actor="aus") == {aus_jets.pk}
    assert ids(api_client, url, kind="basing") == {tur_basing.pk}
    assert ids(api_client, url + "?kind=basing&kind=arms") == {tur_basing.pk, deu_arms.pk}
    assert ids(api_client, url, status="refused") == {tur_basing.pk}
    assert ids(api_client, url, coalition="counter-isis") == {aus_jets.pk}
    assert ids(api_client, url, recipient="IRQ") == {aus_jets.pk, deu_arms.pk}
    assert ids(api_client, url, host="TUR") == {tur_basing.pk}
    assert ids(api_client, url, announced_from="2014-09-14", announced_to="2014-09-30") == {
        aus_jets.pk
    }
    assert ids(api_client, url, announced_from="2014-09-15") == {tur_basing.pk}
    # two citations of one source: the pledge is listed once
    response = api_client.get(url, {"source": source.pk})
    assert [r["id"] for r in response.json()["results"]] == [aus_jets.pk]
    assert api_client.get(url, {"actor": "ZZZ"}).status_code == 400  # no such actor


def test_membership_filters(api_client):
    coalition = CoalitionFactory(slug="counter-isis")
    other = CoalitionFactory(slug="other")
    verified = {"review_status": "verified"}
    aus = MembershipFactory(
        coalition=coalition, actor=country("AUS"), started_on=dt.date(2014, 9, 14), **verified
    )
    tur = MembershipFactory(
        coalition=coalition,
        actor=country("TUR"),
        status="declined",
        started_on=dt.date(2014, 9, 12),
        ended_on=dt.date(2015, 7, 24),
        **verified,
    )
    elsewhere = MembershipFactory(coalition=other, actor=country("AUS"), **verified)
    url = "/api/v1/memberships/"
    assert ids(api_client, url, actor="AUS") == {aus.pk, elsewhere.pk}
    assert ids(api_client, url, status="declined") == {tur.pk}
    assert ids(api_client, url, coalition="counter-isis") == {aus.pk, tur.pk}
    assert ids(api_client, url, coalition="counter-isis", as_of="2014-09-13") == {tur.pk}
    assert ids(api_client, url, coalition="counter-isis", as_of="2015-07-24") == {aus.pk}


def test_source_filters(api_client):
    reuters = SourceFactory(publisher="Reuters", published_on=dt.date(2014, 9, 14))
    bbc = SourceFactory(publisher="BBC News", published_on=dt.date(2015, 11, 23))
    url = "/api/v1/sources/"
    assert ids(api_client, url, publisher="reuters") == {reuters.pk}
    assert ids(api_client, url, published_from="2015-01-01") == {bbc.pk}
    assert ids(api_client, url, published_to="2014-12-31") == {reuters.pk}
    assert ids(api_client, url, published_from="2014-09-14", published_to="2015-11-23") == {
        reuters.pk,
        bbc.pk,
    }


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("turkiye", "TUR"),  # accents ignored: Türkiye
        ("TÜRKIYE", "TUR"),
        ("britain", "GBR"),  # an alias
        ("peshmerga", "PESH"),
        ("kurdish", "PESH"),  # an alias of a non-country actor
        ("côte d", "CIV"),
        ("cote d", "CIV"),
    ],
)
def test_actor_search_ignores_case_and_accents_and_reads_aliases(api_client, query, code):
    ActorFactory(code="PESH", kind="subnational", name="Peshmerga", aliases=["Kurdish forces"])
    from coalition.models import Actor

    Actor.objects.filter(code="GBR").update(aliases=["Britain", "UK"])
    Actor.objects.filter(code="TUR").update(name="Türkiye")
    codes = {
        row["code"] for row in api_client.get("/api/v1/actors/", {"q": query}).json()["results"]
    }
    assert code in codes


def test_actor_kind_filter_and_ordering(api_client):
    ActorFactory(code="EU", kind="organisation", name="European Union")
    ActorFactory(code="AL", kind="organisation", name="Arab League")
    rows = api_client.get("/api/v1/actors/", {"kind": "organisation", "ordering": "-name"}).json()[
        "results"
    ]
    assert [r["code"] for r in rows] == ["EU", "AL"]
    countries = api_client.get("/api/v1/actors/", {"kind": "country", "limit": 200}).json()
    assert {r["kind"] for r in countries["results"]} == {"country"}


def test_empty_parameters_count_as_not_sent(api_client):
    """HTML forms (the browsable API's filters) send every field, most of them empty."""
    pledge = PledgeFactory(review_status="verified")
    query = "?actor=&kind=&status=&coalition=&announced_from=&source=&ordering=&limit=&cursor="
    assert ids(api_client, "/api/v1/pledges/" + query) == {pledge.pk}
    members = api_client.get(f"/api/v1/coalitions/{pledge.coalition.slug}/members/?as_of=&status=")
    assert members.status_code == 200
