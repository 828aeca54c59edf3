"""Claims that are not pledges, proposed from a source's text (``intake.services_claims``): the
model's rules in the database, proposing and re-running, accepting each kind into its
draft record with a citation of the quote, rejecting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coalition.models import Agreement, Attendance, Meeting, Membership, SizeReport
from intake.models import ClaimProposal
from intake.services import source_propose_claims
from intake.services_claims import claim_proposal_accept, claim_proposal_reject
from sources.services import source_import_article, source_update
from tests.factories import (
    CoalitionFactory,
    MeetingFactory,
    MembershipCitationFactory,
    MembershipFactory,
    SourceFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db

# One sentence per kind (written for these tests).
HOSTED = "Denmark hosted a meeting of coalition defence ministers in Copenhagen on Tuesday.\n"
ATTENDED = "Norway and Finland attended the meeting, officials said.\n"
SKIPPED = "Hungary skipped the gathering.\n"
JOINED = "Portugal joined the coalition last week.\n"
WITHDREW = "Greece withdrew from the coalition in January.\n"
SIZE = "The 41-member coalition has grown steadily since its launch.\n"
SIGNED = "Canada and Mexico signed a joint declaration on border security at the talks.\n"
TEXT = HOSTED + ATTENDED + SKIPPED + JOINED + WITHDREW + SIZE + SIGNED


@pytest.fixture
def source():
    return SourceFactory(text=TEXT, published_on=dt.date(2015, 3, 3))


@pytest.fixture
def coalition():
    return CoalitionFactory(slug="the-coalition")


@pytest.fixture
def analyst():
    return UserFactory(username="claims-analyst", permissions=["pledges.add_pledge"])


def proposals_of(source) -> dict[tuple[str, str | None], ClaimProposal]:
    return {
        (p.kind, p.actor.code if p.actor_id else None): p
        for p in ClaimProposal.objects.filter(source=source).select_related("actor")
    }


def proposed(source) -> dict[tuple[str, str | None], ClaimProposal]:
    source_propose_claims(source=source)
    return proposals_of(source)


# --- the model's rules, in the database ---------------------------------------------------


def _row(source, **values) -> ClaimProposal:
    defaults = {
        "source": source,
        "quote": JOINED.strip(),
        "kind": "membership",
        "actor": country("PRT"),
        "membership_status": "member",
        "confidence": 0.6,
    }
    return ClaimProposal(**{**defaults, **values})


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"confidence": 1.5}, "claimproposal_confidence_0_1"),
        # an unknown kind also breaks the rule of which kinds name an actor
        ({"kind": "rumour"}, "claimproposal_(kind_valid|actor_by_kind)"),
        ({"quote": "  "}, "claimproposal_quote_not_blank"),
        ({"actor": None}, "claimproposal_actor_by_kind"),
        ({"membership_status": ""}, "claimproposal_membership_status_by_kind"),
        ({"member_count": 41}, "claimproposal_member_count_by_kind"),
        ({"role": "attended"}, "claimproposal_role_by_kind"),
        ({"agreement_title": "Accord"}, "claimproposal_agreement_title_only_for_agreement"),
        ({"state": "rejected"}, "claimproposal_decided_when_not_pending"),
        (
            {"state": "maybe", "decided_at": dt.datetime(2015, 3, 4, tzinfo=dt.UTC)},
            "claimproposal_state_valid",
        ),
        (
            {"state": "accepted", "decided_at": dt.datetime(2015, 3, 4, tzinfo=dt.UTC)},
            "claimproposal_accepted_record_iff_accepted",
        ),
    ],
)
def test_the_database_refuses_a_bad_row(source, values, constraint):
    row = _row(source, **values)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        row.save()


def test_the_database_refuses_a_size_report_with_an_actor_or_no_count(source):
    with pytest.raises(IntegrityError, match="claimproposal_actor_by_kind"), transaction.atomic():
        _row(source, kind="size_report", membership_status="", member_count=41).save()
    with (
        pytest.raises(IntegrityError, match="claimproposal_member_count_by_kind"),
        transaction.atomic(),
    ):
        _row(source, kind="size_report", actor=None, membership_status="").save()


def test_a_good_row_is_stored(source):
    _row(source).save()
    assert ClaimProposal.objects.get().membership_status == "member"


# --- proposing ------------------------------------------------------------------------------


def test_proposing_stores_each_kind_with_its_values_and_reason(source):
    found = proposed(source)
    assert set(found) == {
        ("meeting", "DNK"),
        ("attendance", "NOR"),
        ("attendance", "FIN"),
        ("attendance", "HUN"),
        ("membership", "PRT"),
        ("membership", "GRC"),
        ("size_report", None),
        ("agreement", "CAN"),
        ("agreement", "MEX"),
        # signing at the talks: they were there
        ("attendance", "CAN"),
        ("attendance", "MEX"),
    }
    assert found["membership", "PRT"].membership_status == "member"
    assert found["membership", "GRC"].membership_status == "withdrawn"
    assert found["attendance", "NOR"].role == "attended"
    assert found["attendance", "HUN"].role == "declined"
    assert found["size_report", None].member_count == 41
    assert found["agreement", "CAN"].agreement_kind == "declaration"
    for proposal in found.values():
        assert proposal.state == "pending"
        start = proposal.quote_start
        assert source.text[start : start + len(proposal.quote)] == proposal.quote
        assert proposal.rationale.startswith("cue: ")
        assert proposal.extractor_version
    assert "withdrew from the coalition" in found["membership", "GRC"].rationale


def test_proposing_again_replaces_pending_and_keeps_decisions(source, analyst):
    found = proposed(source)
    claim_proposal_reject(proposal=found["membership", "PRT"], user=analyst)
    pending_before = {p.pk for p in found.values()} - {found["membership", "PRT"].pk}
    again = proposed(source)
    assert again["membership", "PRT"].state == "rejected"
    assert (
        ClaimProposal.objects.filter(source=source, kind="membership", actor__code="PRT").count()
        == 1
    )
    # the pending ones were replaced by fresh rows
    assert not pending_before & {p.pk for p in again.values()}
    assert len(again) == 11


def test_a_claim_already_recorded_from_the_sentence_is_not_proposed(source, coalition):
    membership = MembershipFactory(coalition=coalition, actor=country("PRT"))
    MembershipCitationFactory(membership=membership, source=source, quote=JOINED.strip())
    assert ("membership", "PRT") not in proposed(source)


def test_changing_the_text_proposes_again_and_keeps_decisions(analyst):
    source = source_import_article(text=JOINED, publisher="Wire", title="Portugal joins")
    (first,) = ClaimProposal.objects.filter(source=source)
    claim_proposal_reject(proposal=first, user=analyst)
    source_update(instance=source, data={"text": JOINED + WITHDREW})
    rows = {(p.kind, p.actor.code, p.state) for p in ClaimProposal.objects.filter(source=source)}
    assert rows == {("membership", "PRT", "rejected"), ("membership", "GRC", "pending")}


# --- accepting: each kind its draft record, citing the quote --------------------------------


def test_accepting_a_membership_records_a_draft_citing_the_quote(source, coalition, analyst):
    proposal = proposed(source)["membership", "GRC"]
    membership = claim_proposal_accept(proposal=proposal, user=analyst)
    assert isinstance(membership, Membership)
    assert (membership.actor.code, membership.status, membership.coalition) == (
        "GRC",
        "withdrawn",
        coalition,
    )
    assert membership.started_on == source.published_on
    assert membership.review_status == "draft"
    assert membership.citations.get().quote == WITHDREW.strip()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("accepted", analyst)
    assert proposal.accepted_record == membership


def test_accepting_with_a_correction_uses_it(source, coalition, analyst):
    proposal = proposed(source)["membership", "PRT"]
    membership = claim_proposal_accept(
        proposal=proposal,
        user=analyst,
        data={"membership_status": "supporter", "started_on": dt.date(2015, 2, 24)},
    )
    assert (membership.status, membership.started_on) == ("supporter", dt.date(2015, 2, 24))


def test_accepting_a_size_report(source, coalition, analyst):
    report = claim_proposal_accept(proposal=proposed(source)["size_report", None], user=analyst)
    assert isinstance(report, SizeReport)
    assert (report.member_count, report.coalition, report.review_status) == (
        41,
        coalition,
        "draft",
    )
    assert report.citations.get().quote == SIZE.strip()


def test_accepting_a_meeting_then_its_attendance(source, analyst):
    found = proposed(source)
    meeting = claim_proposal_accept(proposal=found["meeting", "DNK"], user=analyst)
    assert isinstance(meeting, Meeting)
    assert (meeting.host.code, meeting.held_on) == ("DNK", source.published_on)
    assert HOSTED.strip() in meeting.description
    # the attendance of this source is at the meeting its accepted proposal recorded
    attendance = claim_proposal_accept(proposal=found["attendance", "NOR"], user=analyst)
    assert isinstance(attendance, Attendance)
    assert (attendance.meeting, attendance.actor.code, attendance.role) == (
        meeting,
        "NOR",
        "attended",
    )
    assert attendance.citations.get().quote == ATTENDED.strip()
    declined = claim_proposal_accept(proposal=found["attendance", "HUN"], user=analyst)
    assert declined.role == "declined"


def test_an_attendance_whose_meeting_is_unknown_needs_it(source, analyst):
    proposal = proposed(source)["attendance", "FIN"]
    with pytest.raises(ValidationError) as refused:
        claim_proposal_accept(proposal=proposal, user=analyst)
    assert "meeting" in refused.value.message_dict
    assert ClaimProposal.objects.get(pk=proposal.pk).state == "pending"
    meeting = MeetingFactory()
    attendance = claim_proposal_accept(proposal=proposal, user=analyst, data={"meeting": meeting})
    assert attendance.meeting == meeting


def test_accepting_an_agreement_records_it_with_its_parties(source, analyst):
    found = proposed(source)
    with pytest.raises(ValidationError) as refused:
        claim_proposal_accept(proposal=found["agreement", "CAN"], user=analyst)
    assert "agreement_title" in refused.value.message_dict
    agreement = claim_proposal_accept(
        proposal=found["agreement", "CAN"],
        user=analyst,
        data={"agreement_title": "Declaration on border security"},
    )
    assert isinstance(agreement, Agreement)
    assert (agreement.kind, agreement.review_status) == ("declaration", "draft")
    # the other party of the same sentence joins that agreement
    same = claim_proposal_accept(proposal=found["agreement", "MEX"], user=analyst)
    assert same.pk == agreement.pk
    assert sorted(agreement.parties.values_list("code", flat=True)) == ["CAN", "MEX"]
    assert agreement.citations.get().quote == SIGNED.strip()


def test_a_membership_needs_the_coalition_when_several_are_recorded(source, analyst):
    CoalitionFactory()
    CoalitionFactory()
    proposal = proposed(source)["membership", "PRT"]
    with pytest.raises(ValidationError) as refused:
        claim_proposal_accept(proposal=proposal, user=analyst)
    assert "coalition" in refused.value.message_dict


def test_a_field_of_another_kind_is_refused_by_name(source, coalition, analyst):
    proposal = proposed(source)["size_report", None]
    with pytest.raises(ValidationError) as refused:
        claim_proposal_accept(proposal=proposal, user=analyst, data={"role": "attended"})
    assert list(refused.value.message_dict) == ["role"]


def test_a_quote_not_in_the_text_is_refused(source, coalition, analyst):
    proposal = proposed(source)["membership", "PRT"]
    with pytest.raises(ValidationError) as refused:
        claim_proposal_accept(proposal=proposal, user=analyst, data={"quote": "Not in it."})
    assert "quote" in refused.value.message_dict
    assert not Membership.objects.exists()


def test_the_coalition_services_refusal_keeps_the_proposal_pending(source, coalition, analyst):
    MembershipFactory(coalition=coalition, actor=country("PRT"), started_on=dt.date(2015, 1, 1))
    proposal = proposed(source)["membership", "PRT"]
    with pytest.raises(ValidationError):
        claim_proposal_accept(proposal=proposal, user=analyst)
    assert ClaimProposal.objects.get(pk=proposal.pk).state == "pending"


# --- rejecting ------------------------------------------------------------------------------


def test_rejecting_records_who_and_a_second_decision_is_refused(source, analyst):
    proposal = proposed(source)["meeting", "DNK"]
    before = timezone.now()
    claim_proposal_reject(proposal=proposal, user=analyst)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("rejected", analyst)
    assert proposal.decided_at >= before
    assert proposal.accepted_record is None
    with pytest.raises(ValidationError) as refused:
        claim_proposal_accept(proposal=proposal, user=analyst)
    assert "state" in refused.value.message_dict
    assert not Meeting.objects.exists()
