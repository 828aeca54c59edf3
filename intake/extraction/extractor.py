"""From article text to proposed claims: who pledged what, how much, to whom, where.

The extractor runs the stages in order, each reading only what the one before gave::

    sentences  split_sentences(text)            -> Sentence
    mentions   find_mentions(sentence, ...)     -> Mentions (actors, cues, numbers, money)
    frames     read_frames(mentions, ...)       -> Frames (agent, kind, quantity, places)
    claims     sentence_claims(frames)          -> ProposedClaim, one per actor and kind

What a sentence is about (its topic and group) goes on to the next sentence's frames, for
"It ..." and "Both countries ...". A headline gives no claims, only its topic. A claim
that restates an earlier one of the article is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from intake.extraction.actors import Gazetteer
from intake.extraction.claims import ProposedClaim, restates, sentence_claims
from intake.extraction.frames import read_frames
from intake.extraction.mentions import find_mentions
from intake.extraction.reports import ReportClaim, read_reports
from intake.extraction.sentences import Sentence, split_sentences

__all__ = ["EXTRACTOR_VERSION", "Extractor", "ProposedClaim", "ReportClaim", "extract_claims"]

EXTRACTOR_VERSION = "rules-1"


class Extractor:
    """Deterministic, offline claim extraction over one gazetteer of actors."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        currencies: Callable[[str], frozenset[str]] | None = None,
    ):
        self.gazetteer = gazetteer
        self.currencies = currencies or _country_currencies

    def extract(self, text: str, *, published_on: dt.date | None = None) -> list[ProposedClaim]:
        """The claims ``text`` states; ``published_on`` (the article's date) resolves the
        dates it gives as "on Friday" or "on 12 September"."""
        # (not by title alone: a sentence naming no actor continues the one before, and
        # "Secretary of State X said ..." would then lend its country to the next one)
        people = self.gazetteer.find_people(text, by_title=True, published_on=published_on)
        claims: list[ProposedClaim] = []
        previous_topic: str | None = None
        previous_group: tuple[str, ...] = ()
        for sentence in _readable(split_sentences(text)):
            mentions = find_mentions(
                sentence, self.gazetteer, people, self.currencies, published_on=published_on
            )
            frames = read_frames(mentions, previous_topic, previous_group)
            found = sentence_claims(frames)
            topic, group = frames.topic, frames.group
            if found:
                topic = found[0].actor
                group = tuple(dict.fromkeys(c.actor for c in found))
            if sentence.headline:
                # A title repeats the lead in headline-ese ("UK to send tanks"): it is no
                # quote for a claim, but it says whom the next "It ..." means.
                found = []
                topic = topic or (group[0] if group else None)
            claims.extend(c for c in found if not restates(c, claims))
            previous_topic, previous_group = topic, group
        return claims

    def extract_reports(
        self, text: str, *, published_on: dt.date | None = None
    ) -> list[ReportClaim]:
        """The memberships, meetings, attendance, coalition sizes and agreements ``text``
        states (``intake.services_claims`` stores them as ``ClaimProposal`` rows);
        ``published_on`` as for :meth:`extract`."""
        people = self.gazetteer.find_people(text, published_on=published_on)
        return read_reports(
            [
                find_mentions(sentence, self.gazetteer, people, self.currencies)
                for sentence in _readable(split_sentences(text))
            ]
        )


#: A "sentence" longer than this is not prose (a pasted table, a run with no full stop):
#: the rules look back and forth within a sentence, so their cost grows with its square,
#: and such a run is skipped rather than read for minutes.
MAX_SENTENCE_CHARS = 2000


def _readable(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences the rules read: not too long, and not a photo's caption."""
    return [s for s in sentences if len(s.text) <= MAX_SENTENCE_CHARS and not s.caption]


def _country_currencies(code: str) -> frozenset[str]:
    from intake.extraction.reference import country_currencies

    return country_currencies().get(code, frozenset())


def extract_claims(text: str, *, gazetteer: Gazetteer | None = None) -> list[ProposedClaim]:
    """The claims ``text`` states, using the actors in the database unless given."""
    return Extractor(gazetteer or Gazetteer.from_db()).extract(text)
