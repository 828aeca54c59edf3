"""Counts and sums in context: sentences written for these tests (none is taken from the
evaluation set), each asserting the proposals (actor, kind, quantity or amount, status)."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db


def rows(extractor, sentence):
    return {(c.actor, c.kind, c.quantity, c.amount, c.status) for c in extractor.extract(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A single piece of equipment is one.
        (
            "Greece will send a Patriot air defence battery to Ukraine.",
            {("GRC", "arms", 1, None, "announced")},
        ),
        (
            "Spain pledged a further NASAMS launcher.",
            {("ESP", "arms", 1, None, "announced")},
        ),
        # ... but "a number of" is no number.
        ("Spain will send a number of tanks.", {("ESP", "arms", None, None, "announced")}),
        # A later figure replaces the first.
        (
            "Norway promised 8 howitzers, but it later raised the number to 12.",
            {("NOR", "arms", 8, None, "announced")},
        ),
        (
            "Norway promised 8 howitzers and later increased the number to 12.",
            {("NOR", "arms", 12, None, "announced")},
        ),
        # Counts of one actor and kind listed with "and" add up.
        (
            "Finland will send four fighter jets and two transport planes.",
            {("FIN", "aircraft", 6, None, "announced")},
        ),
        # Two actors keep their own counts.
        (
            "Chile will send six jets and Peru will send two jets.",
            {("CHL", "aircraft", 6, None, "announced"), ("PER", "aircraft", 2, None, "announced")},
        ),
        # A long noun phrase between the count and the noun.
        (
            "Italy will donate 3,000 surplus light anti-tank rockets.",
            {("ITA", "arms", 3000, None, "announced")},
        ),
        # A year before the noun is not a count.
        (
            "Back in 2015 Belgian jets were sent to Jordan.",
            {("BEL", "aircraft", None, None, "delivered")},
        ),
    ],
)
def test_counts(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sweden will give a SEK 2 billion military aid package to Kyiv.",
            {("SWE", "money", None, Decimal("2000000000.00"), "announced")},
        ),
        (
            "The Danish parliament approved 300 million euros in military assistance.",
            {("DNK", "money", None, Decimal("300000000.00"), "committed")},
        ),
        # Without an amount, "military assistance" alone proposes nothing.
        ("Denmark will continue its military assistance.", set()),
    ],
)
def test_a_sum_for_military_aid_is_money(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected
