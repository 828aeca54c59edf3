"""Thousands written with a space, "N-strong" forces, a seat of government, and agents
named as members of a group after "by"; sentences written for these tests."""

from __future__ import annotations

import pytest

from intake.extraction.quantities import find_quantities

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("found 800 000 shells", [800000]),
        ("found 800\u00a0000 shells", [800000]),
        ("found 12\u202f500 rounds", [12500]),
        ("In 2022 100 tanks were sent", [2022, 100]),
        ("5 tanks and 30 vehicles", [5, 30]),
    ],
)
def test_thousands_grouped_by_a_space_are_one_number(text, values):
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Chile committed a 600-strong group of air force personnel.", 600),
        ("Chile will deploy a 1,200-strong force to protect the dam.", 1200),
    ],
)
def test_an_n_strong_force_counts_troops(extractor, text, count):
    found = {(c.actor, c.kind, c.quantity) for c in extractor.extract(text)}
    assert found == {("CHL", "troops", count)}


def test_the_hague_is_the_netherlands_as_an_actor(extractor):
    found = extractor.extract("The Hague has decided to carry out airstrikes in Syria.")
    assert {(c.actor, c.kind) for c in found} == {("NLD", "airstrikes")}


def test_the_hague_as_a_place_is_no_actor(extractor):
    assert extractor.extract("Chile sent ten tanks to a depot near The Hague.")[0].actor == "CHL"


@pytest.mark.parametrize(
    "text",
    [
        "The strikes were carried out by a number of countries, including Chile, Peru and Brazil.",
        "Weapons were delivered by several allies, such as Chile, Peru and Brazil.",
    ],
)
def test_agents_named_as_members_of_a_group_after_by(extractor, text):
    assert {c.actor for c in extractor.extract(text)} == {"CHL", "PER", "BRA"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Six aircraft from Chile arrived at the base on Monday.", {("CHL", "aircraft")}),
        ("Weapons from Chile reached the front on Monday.", {("CHL", "arms")}),
    ],
)
def test_goods_from_a_country_are_its_own(extractor, text, expected):
    assert {(c.actor, c.kind) for c in extractor.extract(text)} == expected


def test_goods_bought_from_a_country_are_not_its_pledge(extractor):
    found = extractor.extract("Peru will buy 180 tanks from Chile.")
    assert all(c.actor != "CHL" for c in found)


def test_non_lethal_assistance_is_other(extractor):
    found = extractor.extract("Chile has provided non-lethal assistance to Peru.")
    assert [(c.actor, c.kind) for c in found] == [("CHL", "other")]
