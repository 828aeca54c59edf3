"""Stage 2 on its own: one sentence's mentions, found once, from a gazetteer built here."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from intake.extraction import cues as C
from intake.extraction.actors import PERSON, ActorRecord, Gazetteer
from intake.extraction.mentions import Mentions, find_mentions
from intake.extraction.sentences import Sentence, split_sentences

GAZETTEER = Gazetteer(
    [ActorRecord("NOR", "Norway"), ActorRecord("DNK", "Denmark"), ActorRecord("IRQ", "Iraq")]
)


def no_currencies(code: str) -> frozenset[str]:
    return frozenset()


def mentions_of(text: str, currencies=no_currencies) -> Mentions:
    (sentence,) = split_sentences(text)
    return find_mentions(sentence, GAZETTEER, GAZETTEER.find_people(text), currencies)


def test_actors_cues_money_and_numbers_of_one_sentence():
    text = (
        "Norway has pledged to send 120 soldiers to Iraq, while the Danish government "
        "will give $20 million in humanitarian aid."
    )
    found = mentions_of(text)
    assert [(a.code, a.via) for a in found.actors] == [
        ("NOR", "name"),
        ("IRQ", "name"),
        ("DNK", "demonym"),
    ]
    assert [(text[c.start : c.end], c.kind) for c in found.kind_cues] == [
        ("soldiers", C.TROOPS),
        ("humanitarian aid", C.HUMANITARIAN),
    ]
    assert [s.status for s in found.status_cues] == [C.ANNOUNCED, C.ANNOUNCED]
    assert [(m.amount, m.currency) for m in found.money] == [(Decimal("20000000"), "USD")]
    # "$20 million" is money, so it is not also a bare number.
    assert [q.value for q in found.quantities] == [120]
    assert found.sentence.text == text


def test_a_person_the_sentence_ties_to_an_actor_is_a_mention_of_it():
    found = mentions_of("Norwegian Defence Minister Ola Hansen said Oslo would not send tanks.")
    person = [a for a in found.actors if a.via == PERSON]
    assert [(a.surface, a.code) for a in person] == [("Ola Hansen", "NOR")]
    assert [a.start for a in found.actors] == sorted(a.start for a in found.actors)
    assert [s.status for s in found.status_cues] == [C.REFUSED]


def test_money_is_read_in_the_currencies_of_the_actors_named():
    text = "Denmark will give 40 million kroner to Iraq."

    def danish(code: str) -> frozenset[str]:
        return frozenset({"DKK"}) if code == "DNK" else frozenset()

    assert [m.currency for m in mentions_of(text, danish).money] == ["DKK"]
    assert [m.currency for m in mentions_of(text).money] != ["DKK"]


def test_doubt_and_accusation_are_where_they_begin():
    doubtful = "Observers asked whether Denmark would send troops."
    assert mentions_of(doubtful).doubts == (doubtful.index("whether"),)
    accusing = "Iraq accused Denmark of sending troops."
    assert mentions_of(accusing).accusations == (accusing.index("accused"),)
    plain = mentions_of("Denmark will send troops.")
    assert (plain.doubts, plain.accusations) == ((), ())


def test_a_sentence_without_actors_or_cues_has_empty_mentions():
    found = mentions_of("The weather was mild on Tuesday.")
    assert (found.actors, found.kind_cues, found.money, found.quantities) == ((), (), (), ())


def test_mentions_are_frozen():
    found = Mentions(Sentence(0, 5, "Hello"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.actors = ()  # type: ignore[misc]
