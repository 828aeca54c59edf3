"""Headlines are titles, not quotes: sentences written for these tests."""

from __future__ import annotations

import pytest

from intake.extraction.sentences import is_headline, split_sentences

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Chile to send four jets to Iraq", True),
        ("Chilean Jets Join Fight Against Militants", True),
        ("Chile will send four jets to Iraq.", False),
        ("Chile will send four jets to Iraq", False),  # a finite verb: prose
        ("12 Leopard 2 tanks;", False),  # a list item of a package
        (
            "Officials said the ministers from Chile and Peru had agreed on new aid for the "
            "region without naming any sums at all after the talks",
            False,
        ),
    ],
)
def test_is_headline(line, headline):
    assert is_headline(line) is headline


def test_only_a_line_of_its_own_is_a_headline():
    text = "Chile to send jets\n\nChile will send four jets. Peru to follow\n"
    assert [s.headline for s in split_sentences(text)] == [True, False, False]


def test_a_headline_gives_no_claim_but_names_whom_it_means(extractor):
    text = "UK to send 14 tanks to Ukraine\n\nIt will also send 30 howitzers.\n"
    claims = extractor.extract(text)
    assert {(c.actor, c.kind, c.quantity) for c in claims} == {("GBR", "arms", 30)}
    assert all("UK to send" not in c.quote for c in claims)


def test_a_headline_gives_no_report(extractor):
    assert not extractor.extract_reports("Chile And Peru Join The Coalition\n")


@pytest.mark.parametrize(
    "line",
    [
        "Albania, Australia, Austria, Bahrain, Belgium, Canada",
        "Chile, Peru, Bolivia and Ecuador",
    ],
)
def test_a_line_that_lists_names_is_no_headline(line):
    assert not is_headline(line)
    assert [s.headline for s in split_sentences(line)] == [False]


def test_a_title_with_one_comma_is_still_a_headline():
    assert [s.headline for s in split_sentences("Japan joins coalition, pledges $200 million")] == [
        True
    ]
