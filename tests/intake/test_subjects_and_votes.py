"""Who acts: a people named as the subject, the ones helped, and parliament votes with
their counts; on sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status, c.quantity) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Dutch will send 130 instructors to Iraq.", {("NLD", "training", "announced", 130)}),
        ("The French have sent six Rafale jets to Jordan.", {("FRA", "aircraft", "delivered", 6)}),
        ("The British will send four Tornado jets.", {("GBR", "aircraft", "announced", 4)}),
    ],
)
def test_a_people_named_as_the_subject_acts(extractor, text, expected):
    assert claims(extractor, text) == expected


def test_a_demonym_before_a_noun_is_still_only_a_modifier(extractor):
    # "Danish" qualifies the parliament; the jets are Denmark's, nobody else's.
    found = extractor.extract("The Danish parliament approved sending seven F-16s.")
    assert {c.actor for c in found} == {"DNK"}


@pytest.mark.parametrize(
    "text",
    [
        "Australian special forces will advise Iraqi troops, the minister said.",
        "Spanish instructors will train Iraqi forces at a base near the capital.",
        "Canadian soldiers are mentoring Kurdish troops in the north.",
    ],
)
def test_the_troops_helped_are_not_the_actor(extractor, text):
    assert "IRQ" not in {c.actor for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Belgium's parliament voted 114 to 2 to send six F-16s.",
        "Belgium's parliament voted by 114 votes to 2 to send six F-16s.",
        "Belgium's parliament voted 114-2 on Friday to send six F-16s.",
        "Belgium's parliament voted overwhelmingly to send six F-16s.",
    ],
)
def test_a_vote_with_its_count_commits_the_contribution(extractor, text):
    assert claims(extractor, text) == {("BEL", "aircraft", "committed", 6)}


def test_a_noun_like_support_before_a_name_does_not_make_it_the_one_helped(extractor):
    text = (
        "Officials are weighing what more support Chile can provide, in addition to weapons "
        "it has already provided."
    )
    assert "CHL" in {c.actor for c in extractor.extract(text)}
