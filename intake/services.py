"""Evidence intake: from an article's text to proposed claims, and the analyst's decision.

``source_propose_claims`` runs the extractor over a source's text and stores what it
finds as pending ``PledgeProposal`` rows, and the memberships, meetings, attendance,
size reports and agreements as pending ``ClaimProposal`` rows (``intake.services_claims``).
Re-running replaces the pending ones and never re-proposes a claim already accepted or
rejected from the same sentence.
``proposal_accept`` turns a proposal into a draft pledge with its citation, or, when
the proposal matches a pledge already recorded, adds the quote to that pledge as a new
citation. ``proposal_reject`` records the rejection.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coalition.models import Actor
from intake.extraction.actors import Gazetteer
from intake.extraction.extractor import EXTRACTOR_VERSION, Extractor, ProposedClaim
from intake.services_claims import source_claims_propose
from intake.services_decisions import proposal_decision_save, proposal_lock_pending
from pledges.choices import ProposalState
from pledges.models import Pledge, PledgeCitation, PledgeProposal
from pledges.services import PLEDGE_FIELDS, pledge_create
from sources.choices import ReviewStatus
from sources.models import Source, data_fields
from sources.services import model_update

MATCH_QUANTITY_TOLERANCE = Decimal("0.10")
MATCH_DAYS = 30

#: The proposal's fields that a pledge has too (what accepting copies).
PROPOSAL_FIELDS = tuple(name for name in data_fields(PledgeProposal) if name in PLEDGE_FIELDS)
#: What an analyst may correct when accepting (the Pledge's own field names).
OVERRIDABLE = (
    *(name for name in PLEDGE_FIELDS if name not in ("starts_on", "ends_on")),
    "quote",
    "matched_pledge",
)


@transaction.atomic
def source_propose_claims(
    *, source: Source, extractor: Extractor | None = None
) -> list[PledgeProposal]:
    """Propose the claims ``source``'s text states; replaces its pending proposals.
    Returns the pledge proposals; the other claims are stored as ``ClaimProposal`` rows
    by :func:`intake.services_claims.source_claims_propose` under the same lock.

    A claim is not proposed again when a proposal for the same actor and kind from the
    same sentence was already accepted or rejected, nor when a pledge of that actor and
    kind already cites this very sentence of this source.
    """
    if not source.text.strip():
        raise ValidationError(
            {"text": "This source has no text to read claims from."}, code="no_text"
        )
    source = Source.objects.select_for_update().get(pk=source.pk)
    source.pledge_proposals.pending().delete()
    decided = set(
        source.pledge_proposals.exclude(state=ProposalState.PENDING).values_list(
            "quote", "actor__code", "kind", "quantity"
        )
    )
    cited = set(
        PledgeCitation.objects.filter(source=source).values_list(
            "quote", "pledge__actor__code", "pledge__kind", "pledge__quantity"
        )
    )
    extractor = extractor or Extractor(Gazetteer.from_db())
    claims = extractor.extract(source.text, published_on=source.published_on)
    # A sentence can name several items of one kind ("18 tanks and 40 fighting vehicles"):
    # those are told apart by their count; a sentence's only claim of an actor and kind is
    # the one decided whatever count the analyst settled on.
    items = Counter((c.quote, c.actor, c.kind) for c in claims)
    actors = Actor.objects.in_bulk(
        {code for c in claims for code in (c.actor, c.recipient, c.host) if code},
        field_name="code",
    )
    names = {code: actor.name for code, actor in actors.items()}
    proposals = []
    for claim in claims:
        key = (claim.quote, claim.actor, claim.kind)
        if _already_settled(key, claim.quantity, items[key], decided | cited):
            continue
        if claim.actor not in actors:
            continue
        proposal = _proposal_from(claim, source=source, actors=actors, names=names)
        proposal.matched_pledge = pledge_find_match(
            actor=proposal.actor,
            kind=proposal.kind,
            quantity=proposal.quantity,
            amount=proposal.amount,
            currency=proposal.currency,
            around=proposal.announced_on or source.published_on,
        )
        proposal.full_clean()
        proposal.save()
        proposals.append(proposal)
    source_claims_propose(
        source=source,
        reports=extractor.extract_reports(source.text, published_on=source.published_on),
        version=EXTRACTOR_VERSION,
    )
    return proposals


def _already_settled(key: tuple, quantity: int | None, items: int, settled: set[tuple]) -> bool:
    if items > 1:
        return (*key, quantity) in settled
    return any(row[:3] == key for row in settled)


def _proposal_from(
    claim: ProposedClaim, *, source: Source, actors: Mapping[str, Actor], names: Mapping[str, str]
) -> PledgeProposal:
    return PledgeProposal(
        source=source,
        quote=claim.quote,
        quote_start=claim.quote_start,
        actor=actors[claim.actor],
        kind=claim.kind,
        status=claim.status,
        description=claim.describe(lambda code: names.get(code, code)),
        quantity=claim.quantity,
        quantity_max=claim.quantity_max,
        quantity_qualifier=claim.quantity_qualifier,
        quantity_unit=claim.quantity_unit,
        amount=claim.amount,
        currency=claim.currency,
        recipient=actors.get(claim.recipient) if claim.recipient else None,
        host=actors.get(claim.host) if claim.host else None,
        asset=claim.asset,
        announced_on=claim.announced_on,
        announced_on_precision=claim.announced_on_precision,
        confidence=claim.confidence,
        rationale=claim.rationale[:500],
        extractor_version=EXTRACTOR_VERSION,
    )


def pledge_find_match(
    *,
    actor: Actor,
    kind: str,
    quantity: int | None,
    amount: Decimal | None = None,
    currency: str = "",
    around: dt.date | None = None,
) -> Pledge | None:
    """The recorded pledge a new claim most likely repeats: same actor and kind, a close
    quantity (within 10%, or neither has one; amounts alike, in the same currency), and
    announced within 30 days of ``around`` (or either date unknown)."""
    best: tuple[tuple, Pledge] | None = None
    for pledge in Pledge.objects.filter(actor=actor, kind=kind).order_by("id"):
        if not _close(quantity, pledge.quantity):
            continue
        if not _close(amount, pledge.amount) or (
            amount is not None and currency != pledge.currency
        ):
            continue
        days = None
        if around is not None and pledge.announced_on is not None:
            days = abs((pledge.announced_on - around).days)
            if days > MATCH_DAYS:
                continue
        rank = (days is None, days or 0, pledge.id)
        if best is None or rank < best[0]:
            best = (rank, pledge)
    return best[1] if best else None


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = Decimal(a), Decimal(b)
    return abs(a - b) <= MATCH_QUANTITY_TOLERANCE * max(a, b)


@transaction.atomic
def proposal_accept(
    *, proposal: PledgeProposal, user, overrides: Mapping[str, Any] | None = None
) -> Pledge:
    """Accept a pending proposal: a new draft pledge citing its quote, or, when it matches
    a recorded pledge (``matched_pledge``, which ``overrides`` may change or clear), the
    quote added to that pledge's citations. ``overrides`` correct the proposed values
    (``actor``, ``kind``, ``status``, ``quantity`` ..., ``quote``, ``coalition``)."""
    proposal = proposal_lock_pending(proposal, "source")
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(OVERRIDABLE))
    if unknown:
        raise ValidationError(
            dict.fromkeys(unknown, "This field cannot be set when accepting a proposal."),
            code="unknown_field",
        )
    quote = overrides.pop("quote", proposal.quote)
    matched = overrides.pop("matched_pledge", proposal.matched_pledge)
    source = proposal.source
    if matched is not None:
        pledge = matched
        exists = PledgeCitation.objects.filter(pledge=pledge, source=source, quote=quote).exists()
        if not exists:
            citation = PledgeCitation(pledge=pledge, source=source, quote=quote)
            citation.full_clean()
            citation.save()
    else:
        values = {name: getattr(proposal, name) for name in PROPOSAL_FIELDS}
        values.update(overrides)
        values["quantity_qualifier"] = values.get("quantity_qualifier") or (
            "exact" if values.get("quantity") is not None else ""
        )
        values["citations"] = [{"source": source, "quote": quote}]
        values["review_status"] = ReviewStatus.DRAFT
        pledge = pledge_create(data=values, user=user)
    proposal.accepted_pledge = pledge
    proposal.matched_pledge = matched
    proposal_decision_save(
        proposal,
        state=ProposalState.ACCEPTED,
        user=user,
        fields=("accepted_pledge", "matched_pledge"),
    )
    return pledge


#: What an analyst may correct on a pending proposal before deciding it.
CORRECTABLE = (*PROPOSAL_FIELDS, "matched_pledge")


@transaction.atomic
def proposal_update(
    *, instance: PledgeProposal, data: Mapping[str, Any], user=None
) -> PledgeProposal:
    """Correct the proposed values (``CORRECTABLE``) of a pending proposal."""
    proposal = proposal_lock_pending(instance, "source")
    unknown = sorted(set(data) - set(CORRECTABLE))
    if unknown:
        raise ValidationError(
            dict.fromkeys(unknown, "This field cannot be corrected on a proposal."),
            code="unknown_field",
        )
    model_update(instance=proposal, fields=CORRECTABLE, data=data)
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_reject(*, proposal: PledgeProposal, user) -> PledgeProposal:
    """Reject a pending proposal; it is kept (and not proposed again) with who rejected it."""
    proposal = proposal_lock_pending(proposal, "source")
    proposal_decision_save(proposal, state=ProposalState.REJECTED, user=user)
    return proposal
