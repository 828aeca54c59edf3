"""Relief goods and agencies, money set aside, and a package's worth; sentences written
for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Peru has dropped food and water to the stranded villagers.",
        "Peru donated $10 million to the UN refugee agency.",
    ],
)
def test_relief_goods_and_relief_agencies_are_humanitarian(extractor, text):
    assert claims(extractor, text) == {("PER", "humanitarian", "delivered")}


def test_tents_that_troops_sleep_in_are_no_aid(extractor):
    text = "About 600 Peruvian soldiers are deployed, some bunking in tents and some in huts."
    assert "humanitarian" not in {c.kind for c in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "status", "amount"),
    [
        ("Peru has set aside 7 billion soles for a reconstruction fund.", "committed", 7e9),
        ("Peru's 15th support package is worth 7.1 billion soles.", "announced", 7.1e9),
    ],
)
def test_money_set_aside_or_a_package_worth_a_sum_is_money(extractor, text, status, amount):
    found = [(c.actor, c.kind, c.status, float(c.amount)) for c in extractor.extract(text)]
    assert found == [("PER", "money", status, amount)]
