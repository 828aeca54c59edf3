"""Proposals stored from a source, and the analyst's accept / reject."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from intake.services import (
    pledge_find_match,
    proposal_accept,
    proposal_reject,
    source_propose_claims,
)
from pledges.models import Pledge, PledgeCitation, PledgeProposal
from tests.factories import (
    ActorFactory,
    PledgeCitationFactory,
    PledgeFactory,
    SourceFactory,
    UserFactory,
    country,
)
from tests.intake.articles import ARTICLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return SourceFactory(text=ARTICLE, published_on=dt.date(2014, 9, 14))


@pytest.fixture
def analyst():
    return UserFactory(username="analyst")


def rows(proposals):
    return {(p.actor.code, p.kind, p.status) for p in proposals}


def test_proposals_are_stored_with_quotes_that_occur_in_the_text(source):
    proposals = source_propose_claims(source=source)
    assert rows(proposals) == {
        ("NOR", "humanitarian", "announced"),
        ("AUS", "aircraft", "announced"),
        ("TUR", "basing", "refused"),
    }
    for proposal in proposals:
        assert proposal.quote in source.text
        assert source.text[proposal.quote_start :].startswith(proposal.quote)
        assert proposal.state == "pending"
        assert 0 <= proposal.confidence <= 1
    aircraft = next(p for p in proposals if p.kind == "aircraft")
    assert (aircraft.quantity, aircraft.quantity_qualifier, aircraft.host.code) == (
        8,
        "up_to",
        "ARE",
    )
    assert aircraft.description == "Up to 8 aircraft in United Arab Emirates"
    money = next(p for p in proposals if p.kind == "humanitarian")
    assert (money.amount, money.currency) == (Decimal("50000000.00"), "NOK")


def test_reproposing_replaces_pending_proposals(source):
    first = source_propose_claims(source=source)
    second = source_propose_claims(source=source)
    assert rows(first) == rows(second)
    assert PledgeProposal.objects.filter(source=source).count() == len(second)
    assert not PledgeProposal.objects.filter(pk__in=[p.pk for p in first]).exists()


def test_reproposing_keeps_decisions_and_does_not_propose_them_again(source, analyst):
    proposals = source_propose_claims(source=source)
    rejected = next(p for p in proposals if p.kind == "basing")
    proposal_reject(proposal=rejected, user=analyst)
    again = source_propose_claims(source=source)
    assert ("TUR", "basing", "refused") not in rows(again)
    rejected.refresh_from_db()
    assert rejected.state == "rejected"


def test_reproposing_tells_items_of_one_kind_apart_by_their_count(analyst):
    source = SourceFactory(text="Germany has delivered 18 tanks and 40 fighting vehicles.")
    proposals = source_propose_claims(source=source)
    assert sorted(p.quantity for p in proposals) == [18, 40]
    proposal_reject(proposal=next(p for p in proposals if p.quantity == 18), user=analyst)
    again = source_propose_claims(source=source)
    assert [p.quantity for p in again] == [40]


def test_a_source_without_text_cannot_be_read(analyst):
    with pytest.raises(ValidationError):
        source_propose_claims(source=SourceFactory(text=""))


def test_accept_creates_a_draft_pledge_with_the_quote_as_citation(source, analyst):
    proposal = next(p for p in source_propose_claims(source=source) if p.kind == "aircraft")
    pledge = proposal_accept(proposal=proposal, user=analyst)
    assert (pledge.actor.code, pledge.kind, pledge.status, pledge.review_status) == (
        "AUS",
        "aircraft",
        "announced",
        "draft",
    )
    assert (pledge.quantity, pledge.quantity_qualifier, pledge.host.code) == (8, "up_to", "ARE")
    (citation,) = pledge.citations.all()
    assert (citation.source, citation.quote) == (source, proposal.quote)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.accepted_pledge, proposal.decided_by) == (
        "accepted",
        pledge,
        analyst,
    )
    assert proposal.decided_at is not None


def test_accept_applies_the_analysts_corrections(source, analyst):
    proposal = next(p for p in source_propose_claims(source=source) if p.kind == "aircraft")
    pledge = proposal_accept(
        proposal=proposal,
        user=analyst,
        overrides={"status": "committed", "quantity": 6, "quantity_qualifier": "exact"},
    )
    assert (pledge.status, pledge.quantity, pledge.quantity_qualifier) == (
        "committed",
        6,
        "exact",
    )


def test_accept_refuses_unknown_fields_and_a_quote_not_in_the_text(source, analyst):
    proposal = source_propose_claims(source=source)[0]
    with pytest.raises(ValidationError) as error:
        proposal_accept(proposal=proposal, user=analyst, overrides={"review_status": "verified"})
    assert "review_status" in error.value.message_dict
    with pytest.raises(ValidationError):
        proposal_accept(proposal=proposal, user=analyst, overrides={"quote": "Not in the text."})
    proposal.refresh_from_db()
    assert proposal.state == "pending"
    assert not Pledge.objects.exists()


def test_a_proposal_matching_a_recorded_pledge_is_offered_as_a_new_citation(source, analyst):
    recorded = PledgeFactory(
        actor=country("AUS"),
        kind="aircraft",
        status="announced",
        quantity=8,
        quantity_qualifier="up_to",
        announced_on=dt.date(2014, 9, 1),
    )
    PledgeCitationFactory(pledge=recorded)
    proposal = next(p for p in source_propose_claims(source=source) if p.kind == "aircraft")
    assert proposal.matched_pledge == recorded
    pledge = proposal_accept(proposal=proposal, user=analyst)
    assert pledge == recorded
    assert Pledge.objects.count() == 1
    assert PledgeCitation.objects.filter(pledge=recorded, source=source).get().quote == (
        proposal.quote
    )


def test_accept_can_record_a_new_pledge_despite_a_match(source, analyst):
    recorded = PledgeFactory(
        actor=country("AUS"),
        kind="aircraft",
        quantity=8,
        quantity_qualifier="up_to",
        announced_on=None,
    )
    PledgeCitationFactory(pledge=recorded)
    proposal = next(p for p in source_propose_claims(source=source) if p.kind == "aircraft")
    assert proposal.matched_pledge == recorded
    pledge = proposal_accept(proposal=proposal, user=analyst, overrides={"matched_pledge": None})
    assert pledge != recorded
    assert Pledge.objects.count() == 2


@pytest.mark.parametrize(
    ("quantity", "announced_on", "matches"),
    [
        (100, dt.date(2014, 9, 20), True),
        (108, None, True),  # within 10%, date unknown
        (120, dt.date(2014, 9, 20), False),  # too far apart
        (100, dt.date(2014, 12, 1), False),  # more than 30 days apart
        (None, dt.date(2014, 9, 20), False),  # one has a quantity, the other not
    ],
)
def test_duplicate_awareness(quantity, announced_on, matches):
    pledge = PledgeFactory(
        actor=country("AUS"),
        kind="aircraft",
        quantity=quantity,
        quantity_qualifier="exact" if quantity else "",
        quantity_unit="aircraft" if quantity else "",
        announced_on=announced_on,
    )
    found = pledge_find_match(
        actor=country("AUS"), kind="aircraft", quantity=100, around=dt.date(2014, 9, 14)
    )
    assert (found == pledge) is matches


def test_reject_records_who_and_when(source, analyst):
    proposal = source_propose_claims(source=source)[0]
    proposal_reject(proposal=proposal, user=analyst)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("rejected", analyst)
    assert not Pledge.objects.exists()


def test_a_decided_proposal_cannot_be_decided_again(source, analyst):
    proposal = source_propose_claims(source=source)[0]
    proposal_reject(proposal=proposal, user=analyst)
    with pytest.raises(ValidationError):
        proposal_accept(proposal=proposal, user=analyst)
    with pytest.raises(ValidationError):
        proposal_reject(proposal=proposal, user=analyst)


def test_a_proposal_for_a_claim_already_cited_from_this_sentence_is_not_made(source):
    quote = "Ankara refused to let the coalition use Incirlik, officials said."
    recorded = PledgeFactory(
        actor=country("TUR"),
        kind="basing",
        status="refused",
        quantity=None,
        quantity_qualifier="",
        quantity_unit="",
    )
    PledgeCitationFactory(pledge=recorded, source=source, quote=quote)
    assert ("TUR", "basing", "refused") not in rows(source_propose_claims(source=source))


def test_confidence_is_checked_by_the_database(source):
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeProposal.objects.create(
            source=source,
            quote="Ankara refused",
            actor=ActorFactory(),
            kind="basing",
            status="refused",
            description="Basing",
            confidence=1.5,
        )
