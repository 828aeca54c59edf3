"""People tied to their country by more title forms ("Deputy Foreign Minister X", "X, the
foreign minister of Y", "his Peruvian counterpart X", "top diplomat"), as report claims
see them. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def actors(extractor, text, kind):
    return {r.actor for r in extractor.extract_reports(text) if r.kind == kind}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile's Deputy Foreign Minister Ana Ruiz attended the summit.", {"CHL"}),
        ("Ana Ruiz, the foreign minister of Chile, spoke. Ruiz attended the summit.", {"CHL"}),
        ("Chilean Defence Minister Gen. Ana Ruiz spoke. Ruiz attended the summit.", {"CHL"}),
        ("Chile's top diplomat, Ana Ruiz, spoke. Ruiz attended the summit.", {"CHL"}),
        (
            "Chile's Minister of Foreign Affairs Ana Ruiz spoke. Ruiz attended the summit.",
            {"CHL"},
        ),
    ],
)
def test_titled_people_attend_for_their_country(extractor, text, expected):
    assert actors(extractor, text, "attendance") == expected


def test_a_leader_and_his_counterpart_sign_together(extractor):
    text = (
        "Chilean President Ana Ruiz and her Peruvian counterpart Luis Vega jointly signed a "
        "trade pact on Monday."
    )
    assert actors(extractor, text, "agreement") == {"CHL", "PER"}
