"""Joining by signing, a grouping, "as part of the coalition" before the speaker, and "to
be a part of" it. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from tests.intake.readers import report_actors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile, Peru and Uruguay signed a letter of intent to join the drone coalition.",
            {"CHL", "PER", "URY"},
        ),
        ("Chile signed a letter of intent to buy drones.", set()),
        ("Chile announced it was also joining the grouping as co-leader.", {"CHL"}),
        ("Fighters from Chile joined the terrorist grouping in 2014.", set()),
        (
            "Chilean Foreign Minister Juan Soto arrived. As part of the US-led "
            "coalition formed to stop the militants, Soto said there was a sharing of "
            "tasks.",
            {"CHL"},
        ),
        (
            "The decision was necessary if Peru is to continue to be a part of the "
            "international coalition.",
            {"PER"},
        ),
    ],
)
def test_joining_by_signing_and_being_part(extractor, text, expected):
    assert report_actors(extractor, text, "membership") == expected
