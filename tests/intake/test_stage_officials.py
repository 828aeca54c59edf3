"""The officials table: people the press names without their country."""

from __future__ import annotations

import datetime as dt

import pytest

from intake.extraction.officials import OFFICIALS, known_officials

pytestmark = pytest.mark.django_db

CODES = {"USA", "GBR", "DEU", "EU", "FRA", "UKR", "NATO", "NLD"}


def test_a_full_name_and_a_distinctive_surname_are_known():
    assert known_officials("Kerry met John Kerry.", CODES) == {"John Kerry": "USA", "Kerry": "USA"}
    assert known_officials("It was conveyed by Lambrecht.", CODES | {"DEU"}) == {"Lambrecht": "DEU"}


@pytest.mark.parametrize("text", ["Carter said so.", "The Austin office said so."])
def test_a_surname_shared_with_places_and_other_people_needs_the_full_name(text):
    assert known_officials(text, CODES) == {}


def test_the_full_name_of_such_an_official_is_enough():
    assert known_officials("Lloyd Austin said so.", CODES) == {"Lloyd Austin": "USA"}


@pytest.mark.parametrize(("year", "code"), [(2016, "DEU"), (2022, "EU"), (None, None)])
def test_a_person_who_served_two_actors_is_tied_by_the_date(year, code):
    on = dt.date(year, 6, 1) if year else None
    found = known_officials("Ursula von der Leyen said so.", CODES, on)
    assert found.get("Ursula von der Leyen") == code


def test_an_actor_the_gazetteer_lacks_ties_no_one():
    assert known_officials("Olaf Scholz said so.", {"USA"}) == {}


def test_every_office_names_a_known_kind_of_actor_and_sane_years():
    for o in OFFICIALS:
        assert o.since <= o.until, o
        assert 2000 <= o.since <= 2025, o
        assert len(o.code) in (2, 3, 4) and o.code.isupper(), o


def test_a_known_official_is_a_mention_of_the_country_in_a_sentence(extractor):
    text = "President Emmanuel Macron's announcement that he will deliver light tanks."
    assert {(c.actor, c.kind) for c in extractor.extract(text)} == {("FRA", "arms")}


def test_the_article_ties_win_over_the_table(extractor):
    text = "Chilean Defence Minister John Kerry said Kerry would send jets."
    assert extractor.gazetteer.find_people(text)["Kerry"] == "CHL"


def test_a_speaker_reported_without_that_gives_the_country(extractor):
    text = "Mr Hammond said air strikes would now be carried out as quickly as possible."
    assert {(c.actor, c.kind) for c in extractor.extract(text)} == {("GBR", "airstrikes")}


def test_a_speaker_reported_without_that_and_a_count_gives_the_country(extractor):
    text = "The Chilean minister said 300 troops would be sent to the border."
    found = {(c.actor, c.kind, c.quantity) for c in extractor.extract(text)}
    assert found == {("CHL", "troops", 300)}


def test_a_speaker_reporting_others_gives_no_claim(extractor):
    assert extractor.extract("The Chilean minister said some nations had offered troops.") == []
