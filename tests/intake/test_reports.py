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
        (
            "Chile and Peru have joined the declaration on maritime security.",
            {("CHL", "agreement", None), ("PER", "agreement", None)},
        ),
        (
            "The ministers released a joint statement on Friday, with Norway, Italy and Spain "
            "pledging more shells.",
            {("NOR", "agreement", None), ("ITA", "agreement", None), ("ESP", "agreement", None)},
        ),
        (
            "The accord was signed by Greece, Cyprus and Malta.",
            {("GRC", "agreement", None), ("CYP", "agreement", None), ("MLT", "agreement", None)},
        ),
        (
            "Its parliament voted to let the army join the fight against the militants.",
            set(),
        ),
        (
            "Senegal's parliament voted to join the fight against the militants.",
            {("SEN", "membership", None)},
        ),
        (
            "Qatar remains a valued partner that is contributing to the coalition, officials said.",
            {("QAT", "membership", None)},
        ),
        (
            "The coalition now includes more than 70 countries.",
            {("COALITION", "size_report", 70)},
        ),
        (
            "The summit was attended by Chile, Peru and Greece.",
            {
                ("CHL", "attendance", None),
                ("PER", "attendance", None),
                ("GRC", "attendance", None),
                ("", "meeting", None),
            },
        ),
        (
            # (an alliance that met: a meeting held, with no host named)
            "The alliance, which now numbers 48 members, met on Monday.",
            {("COALITION", "size_report", 48), ("", "meeting", None)},
        ),
        (
            # (the envoys of a group who met: a meeting with no host)
            "Envoys from the 30-nation Chile Support Group met on Friday.",
            {("COALITION", "size_report", 30), ("", "meeting", None)},
        ),
        (
            "Peru was not invited to the conference.",
            {("PER", "attendance", None), ("", "meeting", None)},
        ),
        (
            "Chile declined an invitation to the summit.",
            {("CHL", "attendance", None), ("", "meeting", None)},
        ),
        (
            "Kenya and Ghana issued a joint statement on the mission.",
            {("KEN", "agreement", None), ("GHA", "agreement", None)},
        ),
        ("Oman has withdrawn from the coalition.", {("OMN", "membership", None)}),
        ("A Chilean frigate will join the carrier group.", set()),
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


def test_also_joined_continues_the_agreement_of_the_sentence_before(extractor):
    text = (
        "Chile and Peru signed the declaration on Monday.\n\n"
        "On Tuesday, Greece and Malta also joined.\n\n"
        "Later, Cyprus and Spain also joined.\n"
    )
    assert {r.actor for r in extractor.extract_reports(text) if r.kind == "agreement"} == {
        "CHL",
        "PER",
        "GRC",
        "MLT",
        "CYP",
        "ESP",
    }


def test_also_joined_without_an_agreement_before_is_not_one(extractor):
    text = "Chile sent two ships.\n\nGreece and Malta also joined.\n"
    assert not [r for r in extractor.extract_reports(text) if r.kind == "agreement"]


def test_signed_by_takes_the_listed_signatories_only(extractor):
    text = "Chile and Peru joined the declaration signed by Greece and Malta on aid for Kenya."
    assert {r.actor for r in extractor.extract_reports(text) if r.kind == "agreement"} == {
        "CHL",
        "PER",
        "GRC",
        "MLT",
    }
