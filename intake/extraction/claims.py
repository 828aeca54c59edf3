"""Stage 4, claims: one :class:`ProposedClaim` per actor and kind per sentence.

The frames of a sentence are merged (the first frame of an actor and kind wins, the
others fill in what it lacks), scored and given the sentence as the quote, verbatim. A
claim whose actor only the sentence before names and that says nothing new restates an
earlier claim (:func:`restates`) and is dropped by the extractor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from intake.extraction import cues as C
from intake.extraction.frames import Frame, Frames
from intake.extraction.sentences import Sentence

KIND_LABELS = {
    C.TROOPS: "troops",
    C.AIRCRAFT: "aircraft",
    C.AIRSTRIKES: "airstrikes",
    C.BASING: "basing access",
    C.ARMS: "arms",
    C.TRAINING: "training",
    C.INTELLIGENCE: "intelligence",
    C.LOGISTICS: "logistical support",
    C.MONEY: "money",
    C.HUMANITARIAN: "humanitarian aid",
    C.OTHER: "other support",
}
QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "up_to": "up to ",
}


@dataclass(frozen=True)
class ProposedClaim:
    """One claim the extractor proposes, with the sentence that states it."""

    actor: str
    kind: str
    status: str
    quote: str
    quote_start: int
    quantity: int | None = None
    quantity_max: int | None = None
    quantity_qualifier: str = ""
    quantity_unit: str = ""
    amount: Decimal | None = None
    currency: str = ""
    recipient: str | None = None
    host: str | None = None
    asset: str = ""
    confidence: float = 0.5
    rationale: str = ""
    announced_on: dt.date | None = None
    announced_on_precision: str = "day"

    def describe(self, names: Callable[[str], str] = str) -> str:
        """One line for the analyst: "up to 10 aircraft", "USD 500,000,000 humanitarian aid"."""
        parts = []
        if self.quantity is not None:
            if self.quantity_qualifier == "range":
                count = f"{self.quantity}-{self.quantity_max}"
            else:
                count = f"{QUALIFIER_WORDS.get(self.quantity_qualifier, '')}{self.quantity}"
            unit = self.quantity_unit or KIND_LABELS[self.kind]
            parts.append(f"{count} {unit}")
            if unit != KIND_LABELS[self.kind]:
                parts.append(f"({KIND_LABELS[self.kind]})")
        else:
            parts.append(KIND_LABELS[self.kind].capitalize())
        if self.amount is not None:
            parts.append(f"of {self.currency} {self.amount:,.0f}")
        if self.asset:
            parts.append(f"at {self.asset}")
        if self.recipient:
            parts.append(f"for {names(self.recipient)}")
        if self.host and self.host != self.actor:
            parts.append(f"in {names(self.host)}")
        if self.status == C.REFUSED:
            parts.append("(refused)")
        text = " ".join(parts)
        return text[0].upper() + text[1:]


# Goods counted item by item: "18 tanks, 40 fighting vehicles and two Patriot systems" are
# three pledges of arms, each with its count, not one.
ITEM_KINDS = frozenset([C.ARMS, C.AIRCRAFT, C.OTHER])


def _merge(drafts: Iterable[Frame], sentence: Sentence) -> list[ProposedClaim]:
    merged: dict[tuple, ProposedClaim] = {}
    order: list[tuple] = []
    for d in drafts:
        claim = _to_claim(d, sentence)
        key: tuple = (claim.actor, claim.kind)
        if key in merged and _another_item(merged[key], claim):
            key = (claim.actor, claim.kind, claim.quantity, claim.status)
        if key not in merged:
            merged[key] = claim
            order.append(key)
            continue
        old = merged[key]
        merged[key] = replace(
            old,
            status=old.status if "status: default" not in old.rationale else claim.status,
            quantity=old.quantity if old.quantity is not None else claim.quantity,
            quantity_max=old.quantity_max if old.quantity is not None else claim.quantity_max,
            quantity_qualifier=old.quantity_qualifier or claim.quantity_qualifier,
            quantity_unit=old.quantity_unit if old.quantity is not None else claim.quantity_unit,
            amount=old.amount if old.amount is not None else claim.amount,
            currency=old.currency or claim.currency,
            recipient=old.recipient or claim.recipient,
            host=old.host or claim.host,
            asset=old.asset or claim.asset,
            announced_on=old.announced_on or claim.announced_on,
            announced_on_precision=old.announced_on_precision
            if old.announced_on
            else claim.announced_on_precision,
            confidence=max(old.confidence, claim.confidence),
            rationale=old.rationale,
        )
    return [merged[k] for k in order]


def _another_item(first: ProposedClaim, claim: ProposedClaim) -> bool:
    """Whether ``claim`` is a second item of the same kind, not the first one named again
    ("six F-16 fighter jets" is one item under two cues)."""
    if claim.kind not in ITEM_KINDS or claim.quantity is None or first.quantity is None:
        return False
    return claim.quantity != first.quantity or claim.status != first.status


ANAPHORA_RATIONALE = "actor: previous sentence;"


def _restates(claim: ProposedClaim, earlier: list[ProposedClaim]) -> bool:
    """Whether ``claim``, whose actor only the previous sentence names ("The trainers
    will be based in Erbil"), says again what the article already claimed: the same
    actor and kind, and no other quantity. A restatement is not a second pledge."""
    if ANAPHORA_RATIONALE not in claim.rationale:
        return False
    return any(
        c.actor == claim.actor
        and c.kind == claim.kind
        and (claim.quantity is None or claim.quantity == c.quantity)
        and (claim.amount is None or claim.amount == c.amount)
        for c in earlier
    )


def _to_claim(d: Frame, sentence: Sentence) -> ProposedClaim:
    confidence = 0.5
    confidence += 0.15 if d.status_found else -0.1
    if d.how in {"possessive", "passive by", "X-led", "subject", "possessive pronoun", "modifier"}:
        confidence += 0.1
    if d.how in {"trailing attribution", "previous sentence"}:
        confidence -= 0.15
    if d.quantity is not None or d.money is not None:
        confidence += 0.1
    if d.cue.weak:
        confidence -= 0.1
    confidence = round(min(0.95, max(0.05, confidence)), 2)
    q = d.quantity
    cue_text = sentence.text[d.cue.start : d.cue.end]
    rationale = (
        f"cue: {cue_text!r} ({d.kind}); actor: {d.how}; "
        f"status: {d.status if d.status_found else 'default (announced)'}"
    )
    if d.money is not None and d.money.conversion is not None:
        c = d.money.conversion
        rationale += f"; printed conversion {c.currency} {c.amount:,.0f} kept as reported"
    if d.status == C.ANNOUNCED and not d.status_found:
        rationale = rationale.replace("status: default (announced)", "status: default")
    return ProposedClaim(
        actor=d.actor,
        kind=d.kind,
        status=d.status,
        quote=sentence.text,
        quote_start=sentence.start,
        quantity=q.value if q else None,
        quantity_max=q.value_max if q else None,
        quantity_qualifier=q.qualifier if q else "",
        quantity_unit=d.cue.unit if q else "",
        amount=d.money.amount.quantize(Decimal("0.01")) if d.money else None,
        currency=d.money.currency if d.money else "",
        recipient=d.recipient,
        host=d.host,
        asset=d.asset,
        confidence=confidence,
        rationale=rationale + (f"; announced {d.announced.value:%Y-%m-%d}" if d.announced else ""),
        announced_on=d.announced.value if d.announced else None,
        announced_on_precision=d.announced.precision if d.announced else "day",
    )


def sentence_claims(frames: Frames) -> list[ProposedClaim]:
    """The claims of one sentence's frames: one per actor and kind, in frame order."""
    return _merge(frames.frames, frames.sentence)


def restates(claim: ProposedClaim, earlier: list[ProposedClaim]) -> bool:
    """Whether ``claim`` only says again what one of the ``earlier`` claims said."""
    return _restates(claim, earlier)
