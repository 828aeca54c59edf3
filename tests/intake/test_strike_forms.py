"""More ways wire copy reports strikes: votes for a demonym's strikes, "would not
bomb", "continue bombing", ended air operations; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "MPs voted 300 to 40 in favour of Chilean air strikes in the north.",
            {("CHL", "airstrikes", "committed")},
        ),
        ("Parliament approved Chilean air strikes.", {("CHL", "airstrikes", "committed")}),
        ("Chile said it would not bomb targets in Peru.", {("CHL", "airstrikes", "refused")}),
        (
            "Chilean jets will continue bombing until February 22.",
            {("CHL", "airstrikes", "delivered")},
        ),
        (
            "Chile has ended its air combat operations in the north.",
            {("CHL", "airstrikes", "withdrawn")},
        ),
    ],
)
def test_strike_forms(extractor, text, expected):
    assert claims(extractor, text) == expected


def test_a_demonym_after_support_for_is_still_the_one_supported(extractor):
    assert claims(extractor, "Chile will send jets in support of Peruvian troops.") == {
        ("CHL", "aircraft", "announced")
    }
