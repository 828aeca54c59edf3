"""Stage 3 on its own: frames built from hand-made mentions, with no finder called."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intake.extraction import actors
from intake.extraction import cues as C
from intake.extraction import frames as frames_module
from intake.extraction import quantities as Q
from intake.extraction.actors import ActorMention
from intake.extraction.frames import read_frames
from intake.extraction.mentions import Mentions
from intake.extraction.quantities import Quantity
from intake.extraction.sentences import Sentence


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def actor(text: str, words: str, code: str, via: str = "name") -> ActorMention:
    return ActorMention(*span(text, words), code, via, words)


def kind(text: str, words: str, kind: str, unit: str = "", weak: bool = False) -> C.KindCue:
    return C.KindCue(*span(text, words), kind, unit or kind, weak)


def status(text: str, words: str, status: str) -> C.StatusCue:
    return C.StatusCue(*span(text, words), status)


def number(text: str, words: str, value: int) -> Quantity:
    return Quantity(*span(text, words), value)


SENDS = "Finland will send eight jets to Iraq."


def sends(**changes) -> Mentions:
    """The hand-made mentions of SENDS; ``changes`` replace some of them."""
    t = SENDS
    given = {
        "actors": (actor(t, "Finland", "FIN"), actor(t, "Iraq", "IRQ")),
        "kind_cues": (kind(t, "jets", C.AIRCRAFT),),
        "status_cues": (status(t, "will send", C.ANNOUNCED),),
        "quantities": (number(t, "eight", 8),),
    }
    given.update(changes)
    return Mentions(Sentence(0, len(t), t), **given)


@pytest.fixture
def no_finders(monkeypatch):
    """Any finder called from here on fails the test: frames read the mentions only."""

    def called(*args, **kwargs):
        raise AssertionError("a finder was called after the mentions stage")

    for module, name in [
        (C, "find_kind_cues"),
        (C, "find_status_cues"),
        (Q, "find_quantities"),
        (Q, "find_money"),
        (actors, "find_person_mentions"),
    ]:
        monkeypatch.setattr(module, name, called)
    monkeypatch.setattr(actors.Gazetteer, "find", called)


def test_the_subject_sends_the_counted_cue_to_its_host(no_finders):
    frames = read_frames(sends())
    (frame,) = frames.frames
    assert (frame.actor, frame.kind, frame.status, frame.how) == (
        "FIN",
        C.AIRCRAFT,
        C.ANNOUNCED,
        "subject",
    )
    assert frame.quantity.value == 8
    assert frame.host == "IRQ"
    assert frame.recipient is None
    assert frames.topic == "FIN"


def test_frames_come_from_the_mentions_not_from_the_words(no_finders):
    # The text still says "jets", but the mentions hold no kind cue: no frame.
    assert read_frames(sends(kind_cues=())).frames == []
    # Without the number in the mentions the frame has no quantity.
    (frame,) = read_frames(sends(quantities=())).frames
    assert frame.quantity is None


def test_a_refusal_cue_gives_a_refused_frame(no_finders):
    t = "Finland will not send jets to Iraq."
    mentions = Mentions(
        Sentence(0, len(t), t),
        actors=(actor(t, "Finland", "FIN"), actor(t, "Iraq", "IRQ")),
        kind_cues=(kind(t, "jets", C.AIRCRAFT),),
        status_cues=(status(t, "will not send", C.REFUSED),),
    )
    (frame,) = read_frames(mentions).frames
    assert (frame.actor, frame.status) == ("FIN", C.REFUSED)


def test_doubt_before_the_cue_gives_no_frame(no_finders):
    doubtful = sends(doubts=(0,))
    assert read_frames(doubtful).frames == []
    assert len(read_frames(sends()).frames) == 1


def test_a_sentence_naming_no_actor_goes_on_about_the_topic_before(no_finders):
    t = "It will also send 200 soldiers."
    mentions = Mentions(
        Sentence(40, 40 + len(t), t),
        kind_cues=(kind(t, "soldiers", C.TROOPS),),
        status_cues=(status(t, "will also send", C.ANNOUNCED),),
        quantities=(number(t, "200", 200),),
    )
    (frame,) = read_frames(mentions, previous_topic="SWE").frames
    assert (frame.actor, frame.how, frame.quantity.value) == ("SWE", "previous sentence", 200)
    assert read_frames(mentions).frames == []


def test_an_amount_goes_to_the_nearest_cue_that_carries_money(no_finders):
    t = "Finland will give $5 million in humanitarian aid."
    amount = Q.Money(*span(t, "$5 million"), Decimal("5000000"), "USD")
    mentions = Mentions(
        Sentence(0, len(t), t),
        actors=(actor(t, "Finland", "FIN"),),
        kind_cues=(kind(t, "humanitarian aid", C.HUMANITARIAN, unit=""),),
        status_cues=(status(t, "will give", C.ANNOUNCED),),
        money=(amount,),
    )
    (frame,) = read_frames(mentions).frames
    assert (frame.actor, frame.kind, frame.money) == ("FIN", C.HUMANITARIAN, amount)


def test_the_group_of_a_joint_subject_is_handed_on():
    t = "Finland and Sweden will send jets."
    mentions = Mentions(
        Sentence(0, len(t), t),
        actors=(actor(t, "Finland", "FIN"), actor(t, "Sweden", "SWE")),
        kind_cues=(kind(t, "jets", C.AIRCRAFT),),
        status_cues=(status(t, "will send", C.ANNOUNCED),),
    )
    frames = read_frames(mentions)
    assert {f.actor for f in frames.frames} == {"FIN", "SWE"}
    assert set(frames.group) == {"FIN", "SWE"}


def test_the_frames_module_holds_no_finder():
    # A finder imported by name would escape ``no_finders``: there is none to import.
    assert [name for name in vars(frames_module) if name.startswith("find_")] == []


def test_no_finders_catches_a_finder_call(no_finders):
    from intake.extraction.mentions import find_mentions

    with pytest.raises(AssertionError, match="finder was called"):
        find_mentions(sends().sentence, actors.Gazetteer([]), {}, lambda code: frozenset())
