"""Proposed claims that are not pledges (``ClaimProposal``): propose, accept, reject.

``source_claims_propose`` stores the memberships, meetings, attendance, size reports
and agreements the extractor reads in a source's text (``Extractor.extract_reports``);
``intake.services.source_propose_claims`` calls it under the same lock and with the same
re-run rules as pledge proposals. ``claim_proposal_accept`` records a draft of the
matching coalition record through the coalition services, citing the quote;
``claim_proposal_reject`` records who rejected it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from coalition.choices import AgreementKind, AttendanceRole, MembershipStatus
from coalition.models import (
    Actor,
    Agreement,
    AgreementCitation,
    AttendanceCitation,
    Coalition,
    Meeting,
    MembershipCitation,
    SizeReportCitation,
)
from coalition.services import (
    agreement_create,
    agreement_update,
    attendance_create,
    meeting_create,
    membership_create,
    size_report_create,
)
from intake.choices import ClaimKind
from intake.extraction.reports import ReportClaim
from intake.models import ClaimProposal
from intake.services_decisions import proposal_decision_save, proposal_lock_pending
from pledges.choices import ProposalState
from sources.choices import ReviewStatus
from sources.models import Source, quote_errors

I = re.IGNORECASE  # noqa: E741
# What the matched cue (in the rationale) says about an agreement's kind. (A membership's
# status and an attendance's role come from the extractor, ``ReportClaim.status``.)
_JOINT_STATEMENT_RE = re.compile(r"\bjoint\s+statement\b", I)
_DECLARATION_RE = re.compile(r"\b(?:declaration|communiqu[eé])\b", I)

#: What an analyst may give when accepting, by kind: the proposal's own names for the
#: values it holds, the coalition record's names for the rest (``ACCEPT_TARGET`` maps).
ACCEPTABLE: dict[str, tuple[str, ...]] = {
    ClaimKind.MEMBERSHIP: (
        "quote",
        "actor",
        "coalition",
        "membership_status",
        "started_on",
        "started_on_precision",
        "note",
    ),
    ClaimKind.ATTENDANCE: ("quote", "actor", "meeting", "role", "note"),
    ClaimKind.SIZE_REPORT: (
        "quote",
        "coalition",
        "member_count",
        "qualifier",
        "reported_on",
        "reported_on_precision",
        "note",
    ),
    ClaimKind.AGREEMENT: (
        "quote",
        "actor",
        "coalition",
        "agreement",
        "agreement_title",
        "agreement_kind",
        "signed_on",
        "signed_on_precision",
        "place",
    ),
    ClaimKind.MEETING: (
        "quote",
        "host",
        "coalition",
        "name",
        "status",
        "held_on",
        "held_on_precision",
        "city",
        "description",
    ),
}
#: The proposal's names for values a coalition record names otherwise.
ACCEPT_TARGET = {
    "membership_status": "status",
    "agreement_title": "title",
    "agreement_kind": "kind",
}


# --- propose ------------------------------------------------------------------------------


def source_claims_propose(
    *, source: Source, reports: list[ReportClaim], version: str
) -> list[ClaimProposal]:
    """Store ``reports`` (read from ``source``'s text) as pending claim proposals.

    The caller holds the source's row lock. Pending proposals are replaced; a claim is
    not proposed again when one of the same kind and actor from the same sentence was
    accepted or rejected, or when a record of that kind and actor already cites it.
    """
    source.claim_proposals.pending().delete()
    skip = set(
        source.claim_proposals.exclude(state=ProposalState.PENDING).values_list(
            "quote", "actor__code", "kind"
        )
    )
    skip |= _cited(source)
    actors = Actor.objects.in_bulk(
        {r.actor for r in reports if r.actor and r.kind != ClaimKind.SIZE_REPORT},
        field_name="code",
    )
    meeting = _meeting_of(source)
    proposals = []
    for report in reports:
        code = None if report.kind == ClaimKind.SIZE_REPORT else (report.actor or None)
        if (report.quote, code, report.kind) in skip or (code and code not in actors):
            continue
        proposal = ClaimProposal(
            source=source,
            quote=report.quote,
            quote_start=report.quote_start,
            kind=report.kind,
            actor=actors[code] if code else None,
            confidence=report.confidence,
            rationale=report.rationale[:500],
            extractor_version=version,
            **_values(report, meeting=meeting),
        )
        proposal.full_clean()
        proposal.save()
        proposals.append(proposal)
    return proposals


def _values(report: ReportClaim, *, meeting: Meeting | None) -> dict[str, Any]:
    """The values of ``report``'s kind, read from the cue the extractor matched."""
    cue = report.rationale
    if report.kind == ClaimKind.MEMBERSHIP:
        return {"membership_status": report.status or MembershipStatus.MEMBER}
    if report.kind == ClaimKind.ATTENDANCE:
        return {"role": report.status or AttendanceRole.ATTENDED, "meeting": meeting}
    if report.kind == ClaimKind.SIZE_REPORT:
        return {"member_count": report.quantity}
    if report.kind == ClaimKind.AGREEMENT:
        kind = AgreementKind.AGREEMENT
        if _JOINT_STATEMENT_RE.search(cue):
            kind = AgreementKind.JOINT_STATEMENT
        elif _DECLARATION_RE.search(cue):
            kind = AgreementKind.DECLARATION
        return {"agreement_kind": kind}
    return {}


def _cited(source: Source) -> set[tuple[str, str | None, str]]:
    """(quote, actor code, kind) of the records that already cite a sentence of ``source``."""
    cited = {
        (quote, code, ClaimKind.MEMBERSHIP)
        for quote, code in MembershipCitation.objects.filter(source=source).values_list(
            "quote", "membership__actor__code"
        )
    }
    cited |= {
        (quote, code, ClaimKind.ATTENDANCE)
        for quote, code in AttendanceCitation.objects.filter(source=source).values_list(
            "quote", "attendance__actor__code"
        )
    }
    cited |= {
        (quote, None, ClaimKind.SIZE_REPORT)
        for quote in SizeReportCitation.objects.filter(source=source).values_list(
            "quote", flat=True
        )
    }
    cited |= {
        (quote, code, ClaimKind.AGREEMENT)
        for quote, code in AgreementCitation.objects.filter(
            source=source, agreement__parties__isnull=False
        ).values_list("quote", "agreement__parties__code")
    }
    return cited


def _accepted(source: Source, kind: str, model: type[models.Model], **filters):
    """The records accepting ``source``'s proposals of ``kind`` created, oldest first."""
    ids = source.claim_proposals.filter(
        kind=kind,
        state=ProposalState.ACCEPTED,
        accepted_type=ContentType.objects.get_for_model(model),
        **filters,
    ).values("accepted_id")
    return model.objects.filter(pk__in=ids).order_by("pk")


def _meeting_of(source: Source) -> Meeting | None:
    """The meeting this source reports, when accepting one of its proposals recorded
    exactly one: its attendance is at that meeting."""
    meetings = list(_accepted(source, ClaimKind.MEETING, Meeting)[:2])
    return meetings[0] if len(meetings) == 1 else None


# --- accept and reject --------------------------------------------------------------------


@transaction.atomic
def claim_proposal_accept(
    *, proposal: ClaimProposal, user, data: Mapping[str, Any] | None = None
) -> models.Model:
    """Accept a pending proposal: record a draft of its coalition record (membership,
    attendance, size report, agreement with the actor as a party, or meeting), citing
    the quote, and link it. ``data`` gives or corrects values (``ACCEPTABLE``): what the
    text does not say (the coalition when there are several, an agreement's title, the
    meeting of an attendance) must be given, else a ValidationError names the field."""
    proposal = proposal_lock_pending(proposal, "source", "actor", "meeting")
    data = dict(data or {})
    unknown = sorted(set(data) - set(ACCEPTABLE[proposal.kind]))
    if unknown:
        raise ValidationError(
            dict.fromkeys(
                unknown,
                f"This field cannot be given when accepting a {proposal.get_kind_display()} "
                "proposal.",
            ),
            code="unknown_field",
        )
    quote = data.pop("quote", proposal.quote)
    errors = quote_errors(proposal.source, quote)
    if errors:
        raise ValidationError({"quote": errors})
    try:
        record = ACCEPT[proposal.kind](proposal, data, quote, user)
    except ValidationError as error:
        raise _renamed(error) from error
    proposal.accepted_type = ContentType.objects.get_for_model(record)
    proposal.accepted_id = record.pk
    proposal_decision_save(
        proposal,
        state=ProposalState.ACCEPTED,
        user=user,
        fields=("accepted_type", "accepted_id"),
        clean=True,
    )
    return record


@transaction.atomic
def claim_proposal_reject(*, proposal: ClaimProposal, user) -> ClaimProposal:
    """Reject a pending proposal; it is kept (and not proposed again) with who rejected it."""
    proposal = proposal_lock_pending(proposal, "source", "actor", "meeting")
    proposal_decision_save(proposal, state=ProposalState.REJECTED, user=user)
    return proposal


def _renamed(error: ValidationError) -> ValidationError:
    """A coalition service's error, under the names the accept call takes."""
    if not hasattr(error, "error_dict"):
        return error
    back = {target: name for name, target in ACCEPT_TARGET.items()}
    return ValidationError({back.get(k, k): v for k, v in error.error_dict.items()})


def _target(data: Mapping[str, Any]) -> dict[str, Any]:
    return {ACCEPT_TARGET.get(name, name): value for name, value in data.items()}


def _claim(proposal: ClaimProposal, quote: str) -> dict[str, Any]:
    return {
        "review_status": ReviewStatus.DRAFT,
        "citations": [{"source": proposal.source, "quote": quote}],
    }


def _coalition(values: dict[str, Any], *, required: bool) -> None:
    """Default ``values["coalition"]`` to the only coalition recorded, if there is one."""
    if values.get("coalition") is not None:
        return
    only = list(Coalition.objects.order_by("pk")[:2])
    if len(only) == 1:
        values["coalition"] = only[0]
    elif required:
        raise ValidationError(
            {"coalition": "Say which coalition this claim is about (several are recorded)."},
            code="required",
        )


def _dated(values: dict[str, Any], source: Source, field: str, *, required: bool) -> None:
    """Default the record's date ``field`` to the source's publication date."""
    if values.get(field) is not None:
        return
    if source.published_on is None:
        if required:
            raise ValidationError(
                {field: "The source has no publication date: give this date."},
                code="required",
            )
        return
    values[field] = source.published_on
    values.setdefault(f"{field}_precision", source.published_on_precision)


def _accept_membership(proposal, data, quote, user):
    values = {"actor": proposal.actor, "status": proposal.membership_status, **_target(data)}
    _coalition(values, required=True)
    _dated(values, proposal.source, "started_on", required=True)
    return membership_create(data={**values, **_claim(proposal, quote)}, user=user)


def _accept_attendance(proposal, data, quote, user):
    values = {"actor": proposal.actor, "role": proposal.role, **_target(data)}
    if values.get("meeting") is None:
        values["meeting"] = proposal.meeting or _meeting_of(proposal.source)
    if values["meeting"] is None:
        raise ValidationError(
            {
                "meeting": "Say which meeting this attendance is at: the text does not "
                "name a recorded one (accept the source's meeting proposal first, or give "
                "the meeting's id)."
            },
            code="required",
        )
    return attendance_create(data={**values, **_claim(proposal, quote)}, user=user)


def _accept_size_report(proposal, data, quote, user):
    values = {"member_count": proposal.member_count, **_target(data)}
    _coalition(values, required=True)
    _dated(values, proposal.source, "reported_on", required=True)
    return size_report_create(data={**values, **_claim(proposal, quote)}, user=user)


def _accept_agreement(proposal, data, quote, user):
    values = _target(data)
    agreement = values.pop("agreement", None) or next(
        iter(_accepted(proposal.source, ClaimKind.AGREEMENT, Agreement, quote=proposal.quote)),
        None,
    )
    actor = values.pop("actor", proposal.actor)
    if agreement is not None:
        # Another party to an agreement already recorded (from this sentence, or named).
        if values:
            raise ValidationError(
                dict.fromkeys(
                    values, "Not with an existing agreement: correct the agreement itself."
                )
            )
        parties = [{"actor": row.actor} for row in agreement.party_rows.select_related("actor")]
        if all(party["actor"] != actor for party in parties):
            parties.append({"actor": actor})
        citations = [
            {"source": c.source, "quote": c.quote, "locator": c.locator, "stance": c.stance}
            for c in agreement.citations.select_related("source")
        ]
        change: dict[str, Any] = {"parties": parties}
        if not any(c["source"] == proposal.source and c["quote"] == quote for c in citations):
            change["citations"] = [*citations, {"source": proposal.source, "quote": quote}]
        return agreement_update(instance=agreement, data=change, user=user)
    values.setdefault("title", proposal.agreement_title)
    values.setdefault("kind", proposal.agreement_kind)
    if not (values["title"] or "").strip():
        raise ValidationError(
            {"agreement_title": "Give the agreement's title: the extractor does not read it."},
            code="required",
        )
    _coalition(values, required=False)
    _dated(values, proposal.source, "signed_on", required=False)
    values["parties"] = [{"actor": actor}]
    return agreement_create(data={**values, **_claim(proposal, quote)}, user=user)


def _accept_meeting(proposal, data, quote, user):
    values = {"host": proposal.actor, **_target(data)}
    if not (values.get("name") or "").strip():
        if values["host"] is None:
            raise ValidationError(
                {"name": "Give the meeting's name: the text names no host to call it by."},
                code="required",
            )
        values["name"] = f"Meeting hosted by {values['host'].name}"
    _dated(values, proposal.source, "held_on", required=True)
    # A meeting has no citations: its description keeps the quote and the source.
    values.setdefault("description", f"“{quote}” ({proposal.source})")
    return meeting_create(data=values, user=user)


ACCEPT = {
    ClaimKind.MEMBERSHIP: _accept_membership,
    ClaimKind.ATTENDANCE: _accept_attendance,
    ClaimKind.SIZE_REPORT: _accept_size_report,
    ClaimKind.AGREEMENT: _accept_agreement,
    ClaimKind.MEETING: _accept_meeting,
}
