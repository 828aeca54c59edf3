"""Memberships, meetings, attendance, coalition sizes and agreements, on sentences
written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def rows(extractor, text):
    return {(r.actor, r.kind, r.quantity) for r in extractor.extract_reports(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Latvia and Estonia became the latest countries to join the coalition.",
            {("LVA", "membership", None), ("EST", "membership", None)},
        ),
        (
            "Finland joined the anti-IS coalition on Monday.",
            {("FIN", "membership", None)},
        ),
        (
            "The partnership, which also includes Norway, Italy and Spain, buys shells.",
            {("NOR", "membership", None), ("ITA", "membership", None), ("ESP", "membership", None)},
        ),
        (
            "Delegates at the summit included ministers from Chile, Peru and Greece.",
            {
                ("CHL", "attendance", None),
                ("PER", "attendance", None),
                ("GRC", "attendance", None),
                ("", "meeting", None),
            },
        ),
        (
            "Portugal was not present at the meeting.",
            {("PRT", "attendance", None), ("", "meeting", None)},
        ),
        (
            "Japan will host the conference in Tokyo next week.",
            {("JPN", "meeting", None)},
        ),
        (
            "Officials from the 40-nation coalition spoke by phone.",
            {("COALITION", "size_report", 40)},
        ),
        (
            "Ministers from all 55 countries in the coalition arrived on Sunday.",
            {("COALITION", "size_report", 55)},
        ),
        (
            "Egypt and Jordan signed a defence agreement on Tuesday.",
            {("EGY", "agreement", None), ("JOR", "agreement", None)},
        ),
        ("The minister told a news conference that jets would fly.", set()),
        ("Poland sent ten tanks to Kyiv.", set()),
    ],
)
def test_reports(extractor, text, expected):
    assert rows(extractor, text) == expected


def test_a_report_names_its_cue(extractor):
    (claim,) = extractor.extract_reports("Finland joined the coalition.")
    assert "joined the coalition" in claim.rationale
    assert claim.quote == "Finland joined the coalition."
    assert 0 < claim.confidence < 1
