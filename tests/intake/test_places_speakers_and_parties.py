"""Lists of places, the copula's subject of a relative clause, the country a speaker
describes, goods taken away from a place, coalitions that involve their members, and
the parties of an agreement named in its title or met to sign it. Every sentence is
written for these tests."""

from __future__ import annotations

import pytest

from tests.intake.readers import pledge_keys, report_actors

pytestmark = pytest.mark.django_db

M, G = "membership", "agreement"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list after a preposition of place is all places, not the subject that follows
        (
            "Chile is withdrawing its fighter jets from Syria and Iraq, and will instead "
            "contribute training teams to the coalition.",
            {("CHL", "aircraft"), ("CHL", "training")},
        ),
        (
            "Chile moved its jets from Jordan and Kuwait to Turkey.",
            {("CHL", "aircraft")},
        ),
        # not after "of": the ministers of two countries are theirs
        (
            "The ministers of defence of Chile and Peru announced the donation of 14 tanks.",
            {("CHL", "arms"), ("PER", "arms")},
        ),
        # "are other countries that have refused": the copula's subject
        (
            "Chile and Peru are other countries in the region that have also refused to "
            "provide arms to Ukraine.",
            {("CHL", "arms"), ("PER", "arms")},
        ),
        ("Uruguay is one of the countries that have sent jets to Iraq.", {("URY", "aircraft")}),
        # the country a speaker describes is the speaker's
        (
            "Chilean President Gabriel Boric said on Monday after meeting with German "
            "Chancellor Olaf Scholz that the South American country will not send ammunition.",
            {("CHL", "arms")},
        ),
    ],
)
def test_places_relatives_and_described_countries(extractor, text, expected):
    assert pledge_keys(extractor, text) == expected


def test_a_continents_people_are_not_the_united_states(extractor):
    mentions = extractor.gazetteer.find("South American and Latin American states")
    assert [m.code for m in mentions] == []
    assert [m.code for m in extractor.gazetteer.find("American jets")] == ["USA"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile said it would send troops to Peru and Bolivia to join the coalition.", set()),
        ("The coalition involves Chile, Peru and Brazil.", {"CHL", "PER", "BRA"}),
        (
            "In addition to Chile and Peru, the initiative also involves Uruguay and Paraguay.",
            {"CHL", "PER", "URY", "PRY"},
        ),
        ("The campaign's success involved luck.", set()),
    ],
)
def test_memberships_of_lists_and_of_coalitions_that_involve_them(extractor, text, expected):
    assert report_actors(extractor, text, M) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile met Peru to sign a defence pact.", {"CHL", "PER"}),
        (
            "Chilean President Gabriel Boric travelled to Lima. Boric met President Dina "
            "Boluarte of Peru to sign a historic Chile-Peru Agreement on Security Cooperation.",
            {"CHL", "PER"},
        ),
        ("The Chile-Peru security agreement was signed on Thursday.", {"CHL", "PER"}),
        # named but not signed here
        ("Talks on a Chile-Peru deal continue.", set()),
        ("The existing Chile-Peru agreement was signed in 2019.", set()),
    ],
)
def test_parties_named_in_the_title_or_met_to_sign(extractor, text, expected):
    assert report_actors(extractor, text, G) == expected
