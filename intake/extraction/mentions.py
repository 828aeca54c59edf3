"""Stage 2, mentions: everything the finders see in one sentence, found once.

:func:`find_mentions` runs each finder over the sentence's text and keeps what they find
in one frozen :class:`Mentions`: the actors (names, aliases, demonyms, capitals, and the
people the article ties to an actor), the kind cues and the status cues, the amounts of
money (in the currencies of the actors the sentence names, among others) and the other
numbers, the dates (resolved against the article's date when it is known), and where
doubt ("it is unclear whether") and accusation ("accused ... of") begin. The later
stages read this; they do not call the finders again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from intake.extraction import cues as C
from intake.extraction.actors import ActorMention, Gazetteer, find_person_mentions
from intake.extraction.dates import DateMention, day_spans, find_dates
from intake.extraction.quantities import Money, Quantity, find_money, find_quantities
from intake.extraction.sentences import Sentence


@dataclass(frozen=True)
class Mentions:
    """What one sentence mentions, with offsets into ``sentence.text``."""

    sentence: Sentence
    actors: tuple[ActorMention, ...] = ()
    kind_cues: tuple[C.KindCue, ...] = ()
    status_cues: tuple[C.StatusCue, ...] = ()
    money: tuple[Money, ...] = ()
    # Numbers that are not part of an amount of money.
    quantities: tuple[Quantity, ...] = ()
    doubts: tuple[int, ...] = ()
    accusations: tuple[int, ...] = ()
    dates: tuple[DateMention, ...] = ()


def find_mentions(
    sentence: Sentence,
    gazetteer: Gazetteer,
    people: dict[str, str],
    currencies: Callable[[str], frozenset[str]],
    *,
    published_on: dt.date | None = None,
) -> Mentions:
    """The mentions of ``sentence``: actors from ``gazetteer`` and ``people`` (the
    article's people, :meth:`Gazetteer.find_people`), money read in the ``currencies``
    of the actors named, dates ("on Friday") read from ``published_on``."""
    text = sentence.text
    actors = gazetteer.find(text)
    for person in find_person_mentions(text, people):
        if not any(m.start < person.end and person.start < m.end for m in actors):
            actors.append(person)
    actors.sort(key=lambda m: m.start)
    codes = {m.code for m in actors}
    actor_currencies = frozenset().union(*(currencies(c) for c in codes)) if codes else None
    money = find_money(text, actor_currencies=actor_currencies or frozenset())
    days = day_spans(text)
    quantities = [
        q
        for q in find_quantities(text)
        if not any(m.start < q.end and q.start < m.end for m in money)
        and not any(start <= q.start < end for start, end in days)
    ]
    return Mentions(
        sentence=sentence,
        actors=tuple(actors),
        kind_cues=tuple(C.find_kind_cues(text)),
        status_cues=tuple(C.find_status_cues(text)),
        money=tuple(money),
        quantities=tuple(quantities),
        doubts=tuple(m.start() for m in C.DOUBT_RE.finditer(text)),
        accusations=tuple(m.start() for m in C.ACCUSATION_RE.finditer(text)),
        dates=tuple(find_dates(text, reference=published_on)),
    )
