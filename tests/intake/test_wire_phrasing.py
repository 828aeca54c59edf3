"""Wire-copy phrasing: a sentence-case title, "said Monday it would", strikes by named
aircraft, targets that look like cues; sentences written for these tests."""

from __future__ import annotations

import pytest

from intake.extraction.sentences import split_sentences

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status) for c in extractor.extract(text)}


def test_the_first_line_in_sentence_case_is_the_title():
    text = (
        "Chile joins coalition, pledges $20 million\n\n"
        "SANTIAGO (AP) — Chile said Tuesday it would give $20 million in aid.\n"
    )
    assert [s.headline for s in split_sentences(text)] == [True, False]


def test_a_first_line_with_an_auxiliary_is_a_standfirst_not_a_title():
    text = "Chile and Peru have joined the declaration on support for Kenya\n\nMore follows.\n"
    assert split_sentences(text)[0].headline is False


def test_the_lead_is_quoted_not_the_title(extractor):
    text = (
        "Chile joins coalition, pledges $20 million\n\n"
        "SANTIAGO (AP) — Chile said Tuesday it would give $20 million in aid to Kenya.\n"
    )
    (claim,) = extractor.extract(text)
    assert claim.quote.startswith("SANTIAGO (AP)")


@pytest.mark.parametrize("when", ["Monday", "on Monday", "late Monday", "Monday night", "today"])
def test_a_day_between_said_and_it_would_keeps_the_speaker(extractor, when):
    text = f"Chile said {when} it would send 40 tanks to Kenya."
    assert claims(extractor, text) == {("CHL", "arms", "announced")}


def test_aircraft_that_struck_are_airstrikes_and_the_target_is_no_cue(extractor):
    text = "Peruvian jets struck a logistics depot near the border, the military said."
    assert claims(extractor, text) == {("PER", "airstrikes", "delivered")}


def test_aircraft_that_remain_based_abroad_are_delivered(extractor):
    text = "Chile's six F-16s remain based in Jordan."
    assert claims(extractor, text) == {("CHL", "aircraft", "delivered")}


def test_it_also_comprises_continues_the_package_of_the_sentence_before(extractor):
    text = (
        "Chile unveiled its largest package of military aid to Kenya on Friday, including "
        "tanks.\n\nIt also comprises four air defence systems.\n"
    )
    second = [c for c in extractor.extract(text) if c.quote.startswith("It also")]
    assert [(c.actor, c.kind, c.quantity) for c in second] == [("CHL", "arms", 4)]


def test_the_first_country_to_supply_has_supplied(extractor):
    text = "Peru became the first country to supply long-range cruise missiles to Kenya."
    assert claims(extractor, text) == {("PER", "arms", "delivered")}


def test_no_country_has_committed_is_no_ones_pledge(extractor):
    text = (
        "Chile and Peru have pledged to help train Kenyan pilots, but no country has yet "
        "committed to sending the jets."
    )
    assert {kind for _, kind, _ in claims(extractor, text)} == {"training"}


def test_a_run_longer_than_any_sentence_is_not_read(extractor):
    from intake.extraction.extractor import MAX_SENTENCE_CHARS

    run = "Chile will send 40 tanks, " * (MAX_SENTENCE_CHARS // 20)
    assert len(run) > MAX_SENTENCE_CHARS
    assert extractor.extract(run) == []
    assert extractor.extract("Chile will send 40 tanks.") != []


def test_a_long_number_in_words_is_still_one_number():
    from intake.extraction.quantities import find_quantities

    text = "one hundred and twenty-three thousand four hundred and fifty-six rifles"
    assert [q.value for q in find_quantities(text)] == [123456]
