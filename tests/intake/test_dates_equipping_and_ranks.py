"""A date between the subject and its verb, training and equipping, armaments, carrying
others' goods, and a member counted by its rank. Every sentence is written for these
tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intake.extraction.quantities import parse_ordinal
from tests.intake.readers import facts, pledge_keys

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile and Peru on Feb. 19 signed a deal to train and equip thousands of rebel "
            "fighters.",
            {("CHL", "training"), ("PER", "training"), ("CHL", "arms"), ("PER", "arms")},
        ),
        ("Chile on 3 March pledged four jets.", {("CHL", "aircraft")}),
        ("Peru last week sent 200 troops to Iraq.", {("PER", "troops")}),
        (
            "Chile announced it had expedited some $18 million worth of armaments to Peru.",
            {("CHL", "arms")},
        ),
        # carrying others' goods is logistics, not a gift of them
        (
            "Chilean transport planes will begin shuttling weapons and equipment to Peru.",
            {("CHL", "aircraft"), ("CHL", "logistics")},
        ),
        ("Chile will ferry humanitarian supplies to Erbil.", {("CHL", "logistics")}),
        # "equipment" alone is no equipping, and names no kind
        ("Chile sent equipment to Peru.", set()),
    ],
)
def test_dates_equipping_and_carrying(extractor, text, expected):
    assert pledge_keys(extractor, text) == expected


@pytest.mark.parametrize(
    ("word", "value"),
    [("9th", 9), ("ninth", 9), ("sixty-fifth", 65), ("twelfth", 12), ("twentieth", 20)],
)
def test_ordinals(word, value):
    assert parse_ordinal(word) == Decimal(value)


@pytest.mark.parametrize("word", ["both", "month", "north", "earth"])
def test_words_ending_like_ordinals_are_none(word):
    assert parse_ordinal(word) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Chile will become the ninth country participating in the "drone coalition".',
            {("", 9)},
        ),
        ("The coalition welcomed Peru as its 66th member on Monday.", {("COALITION", 66)}),
        ("Peru became the third country to join the coalition.", {("COALITION", 3)}),
        ("Chile became the first country to send jets to Iraq.", set()),
        ("Peru is the fifth largest economy in the region.", set()),
    ],
)
def test_a_member_counted_by_rank_gives_the_size(extractor, text, expected):
    assert {(a, d) for a, k, d in facts(extractor, text) if k == "size_report"} == expected
