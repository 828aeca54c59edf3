"""Stage 4 on its own: claims merged from hand-made frames."""

from __future__ import annotations

from decimal import Decimal

from intake.extraction import cues as C
from intake.extraction.claims import ProposedClaim, restates, sentence_claims
from intake.extraction.frames import Frame, Frames
from intake.extraction.quantities import Money, Quantity
from intake.extraction.sentences import Sentence

TEXT = "Estonia will send 30 medics and later committed 50 more medics and two trucks."
SENTENCE = Sentence(100, 100 + len(TEXT), TEXT)


def cue(words: str, kind: str, unit: str = "") -> C.KindCue:
    start = TEXT.index(words)
    return C.KindCue(start, start + len(words), kind, unit or kind, False)


def frame(actor: str, kind: str, words: str, **fields) -> Frame:
    given = {"status": C.ANNOUNCED, "status_found": True, "how": "subject"}
    given.update(fields)
    return Frame(actor, kind, cue(words, kind), **given)


def claims_of(*frames: Frame) -> list[ProposedClaim]:
    return sentence_claims(Frames(SENTENCE, list(frames), None, ()))


def test_one_claim_per_actor_and_kind_the_first_frame_filled_in_by_the_later():
    first = frame("EST", C.TROOPS, "medics", status=C.ANNOUNCED, status_found=False)
    later = frame("EST", C.TROOPS, "more medics", status=C.COMMITTED, quantity=Quantity(48, 50, 50))
    (claim,) = claims_of(first, later)
    assert claim.actor == "EST"
    assert claim.status == C.COMMITTED  # the first had no status of its own
    assert claim.quantity == 50
    assert "cue: 'medics'" in claim.rationale  # the first frame's reason is kept


def test_a_status_the_first_frame_found_is_kept():
    first = frame("EST", C.TROOPS, "medics", status=C.OFFERED)
    later = frame("EST", C.TROOPS, "more medics", status=C.COMMITTED)
    (claim,) = claims_of(first, later)
    assert claim.status == C.OFFERED


def test_other_kinds_and_actors_are_claims_of_their_own_in_frame_order():
    claims = claims_of(
        frame("EST", C.TROOPS, "medics"),
        frame("EST", C.LOGISTICS, "trucks"),
        frame("LVA", C.TROOPS, "more medics"),
    )
    assert [(c.actor, c.kind) for c in claims] == [
        ("EST", C.TROOPS),
        ("EST", C.LOGISTICS),
        ("LVA", C.TROOPS),
    ]


def test_the_quote_is_the_sentence_at_its_offset():
    (claim,) = claims_of(frame("EST", C.TROOPS, "medics", quantity=Quantity(18, 20, 30)))
    assert (claim.quote, claim.quote_start) == (TEXT, 100)
    assert (claim.quantity, claim.quantity_unit) == (30, C.TROOPS)


def test_money_is_rounded_to_cents_with_its_currency():
    money = Money(0, 5, Decimal("1234.567"), "EUR")
    (claim,) = claims_of(frame("EST", C.LOGISTICS, "trucks", money=money))
    assert (claim.amount, claim.currency) == (Decimal("1234.57"), "EUR")


def test_confidence_rises_with_a_found_status_and_a_count():
    bare = claims_of(frame("EST", C.TROOPS, "medics", status_found=False))[0]
    counted = claims_of(frame("EST", C.TROOPS, "medics", quantity=Quantity(18, 20, 30)))[0]
    assert bare.confidence < counted.confidence
    assert "status: default" in bare.rationale


def test_a_claim_on_the_previous_sentences_actor_restates_an_earlier_one():
    earlier = claims_of(frame("EST", C.TROOPS, "medics", quantity=Quantity(18, 20, 30)))
    again = claims_of(frame("EST", C.TROOPS, "more medics", how="previous sentence"))[0]
    more = claims_of(
        frame(
            "EST", C.TROOPS, "more medics", how="previous sentence", quantity=Quantity(48, 50, 50)
        )
    )[0]
    named = claims_of(frame("EST", C.TROOPS, "more medics"))[0]
    assert restates(again, earlier)
    assert not restates(more, earlier)  # a new number is news
    assert not restates(named, earlier)  # the sentence names its actor itself
