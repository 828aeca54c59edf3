"""Companions set off by commas between the subject and its verb, and goods an airlift
carries. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from tests.intake.readers import pledge_keys

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile, along with Peru, Uruguay and Bolivia, has stepped up humanitarian aid to "
            "the refugees.",
            {(code, "humanitarian") for code in ("CHL", "PER", "URY", "BOL")},
        ),
        ("Chile, together with Peru, will send jets.", {("CHL", "aircraft"), ("PER", "aircraft")}),
        # an airlift's goods are carried, not given: the airlift is the contribution
        (
            "Chile could soon be involved in airlift missions supplying weapons and ammunition "
            "to Kurdish forces.",
            {("CHL", "logistics")},
        ),
        (
            "Chile has agreed to join an airlift of military equipment to the Kurds.",
            {("CHL", "logistics")},
        ),
        # given, and flown in
        (
            "Chile will send weapons and fly them in by airlift.",
            {("CHL", "arms"), ("CHL", "logistics")},
        ),
    ],
)
def test_companions_and_airlifted_goods(extractor, text, expected):
    assert pledge_keys(extractor, text) == expected
