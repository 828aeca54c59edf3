"""Proposed claims that are not pledges: memberships, meetings, attendance, coalition
size reports and agreements the extractor read in a source's text (``find_reports``),
waiting for an analyst to accept or reject them. Pledges have their own proposal model
(``pledges.PledgeProposal``); both are written by ``intake.services``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from coalition.choices import AgreementKind, AttendanceRole, MembershipStatus
from coalition.models import Actor, Meeting
from history.tracking import tracked
from intake.choices import ClaimKind
from pledges.choices import ProposalState
from sources.models import Source, quote_errors

#: The kinds that name their actor (a meeting's actor is its host, when named).
KINDS_WITH_ACTOR = (ClaimKind.MEMBERSHIP, ClaimKind.ATTENDANCE, ClaimKind.AGREEMENT)


def _only_for(kind: str, field: str, values, *, empty) -> Q:
    """``field`` holds one of ``values`` for claims of ``kind`` and ``empty`` otherwise."""
    blank = Q(**{f"{field}__isnull": True}) if empty is None else Q(**{field: empty})
    return (Q(kind=kind) & Q(**{f"{field}__in": values})) | (~Q(kind=kind) & blank)


class ClaimProposalQuerySet(models.QuerySet):
    def pending(self) -> ClaimProposalQuerySet:
        return self.filter(state=ProposalState.PENDING)

    def for_api(self) -> ClaimProposalQuerySet:
        """The API's read shape of claim proposals: actor, meeting and decider joined."""
        return self.select_related("actor", "meeting", "decided_by", "accepted_type")


@tracked(exclude=())
class ClaimProposal(models.Model):
    """A membership, meeting, attendance, size report or agreement the extractor found
    in an article. ``quote`` is the sentence that states it, verbatim; ``rationale``
    names the cue that matched. Each kind fills its own values (the database refuses a
    value on a kind it does not belong to); accepting records a draft of the matching
    coalition record, linked by ``accepted_record``."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claim_proposals")
    quote = models.TextField(help_text="The sentence that states the claim, verbatim.")
    quote_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offset of the quote in the source text."
    )
    kind = models.CharField(max_length=12, choices=ClaimKind.choices)
    actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claim_proposals",
        help_text="The member, attendee or party; a meeting's host; none for a size report.",
    )
    membership_status = models.CharField(
        max_length=10,
        choices=MembershipStatus.choices,
        blank=True,
        default="",
        help_text="A membership's proposed status (read from the cue).",
    )
    role = models.CharField(
        max_length=12,
        choices=AttendanceRole.choices,
        blank=True,
        default="",
        help_text="An attendance's proposed role (read from the cue).",
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendance_proposals",
        help_text="The recorded meeting an attendance is at, when it is known.",
    )
    member_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="A size report's number of members."
    )
    agreement_kind = models.CharField(
        max_length=15, choices=AgreementKind.choices, blank=True, default=""
    )
    agreement_title = models.CharField(
        max_length=300,
        blank=True,
        default="",
        help_text="An agreement's title, when known (the extractor does not read it).",
    )
    confidence = models.FloatField(help_text="The extractor's confidence, 0 to 1.")
    rationale = models.CharField(
        max_length=500, blank=True, default="", help_text="Which cue the extractor matched."
    )
    extractor_version = models.CharField(max_length=20, blank=True, default="")
    state = models.CharField(
        max_length=10,
        choices=ProposalState.choices,
        default=ProposalState.PENDING,
        db_index=True,
    )
    accepted_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_id = models.PositiveBigIntegerField(null=True, blank=True)
    accepted_record = GenericForeignKey("accepted_type", "accepted_id")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ClaimProposalQuerySet.as_manager()

    class Meta:
        ordering = ["source_id", "quote_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="claimproposal_confidence_0_1",
                violation_error_message="Confidence is a number from 0 to 1.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ProposalState.values), name="claimproposal_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ClaimKind.values), name="claimproposal_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(quote__regex=r"^\s*$"), name="claimproposal_quote_not_blank"
            ),
            models.CheckConstraint(
                condition=(Q(kind__in=KINDS_WITH_ACTOR) & Q(actor__isnull=False))
                | Q(kind=ClaimKind.MEETING)
                | (Q(kind=ClaimKind.SIZE_REPORT) & Q(actor__isnull=True)),
                name="claimproposal_actor_by_kind",
                violation_error_message=(
                    "A membership, attendance or agreement names its actor; a size report "
                    "names none."
                ),
            ),
            models.CheckConstraint(
                condition=_only_for(
                    ClaimKind.MEMBERSHIP, "membership_status", MembershipStatus.values, empty=""
                ),
                name="claimproposal_membership_status_by_kind",
                violation_error_message="A membership, and only a membership, has a status.",
            ),
            models.CheckConstraint(
                condition=_only_for(ClaimKind.ATTENDANCE, "role", AttendanceRole.values, empty=""),
                name="claimproposal_role_by_kind",
                violation_error_message="An attendance, and only an attendance, has a role.",
            ),
            models.CheckConstraint(
                condition=Q(meeting__isnull=True) | Q(kind=ClaimKind.ATTENDANCE),
                name="claimproposal_meeting_only_for_attendance",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=ClaimKind.SIZE_REPORT)
                    & Q(member_count__isnull=False)
                    & Q(member_count__gt=0)
                )
                | (~Q(kind=ClaimKind.SIZE_REPORT) & Q(member_count__isnull=True)),
                name="claimproposal_member_count_by_kind",
                violation_error_message=(
                    "A size report, and only a size report, has a member count above zero."
                ),
            ),
            models.CheckConstraint(
                condition=_only_for(
                    ClaimKind.AGREEMENT, "agreement_kind", AgreementKind.values, empty=""
                ),
                name="claimproposal_agreement_kind_by_kind",
            ),
            models.CheckConstraint(
                condition=Q(agreement_title="") | Q(kind=ClaimKind.AGREEMENT),
                name="claimproposal_agreement_title_only_for_agreement",
            ),
            models.CheckConstraint(
                condition=(Q(state=ProposalState.PENDING) & Q(decided_at__isnull=True))
                | (~Q(state=ProposalState.PENDING) & Q(decided_at__isnull=False)),
                name="claimproposal_decided_when_not_pending",
                violation_error_message="A decided proposal records when it was decided.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(state=ProposalState.ACCEPTED)
                    & Q(accepted_type__isnull=False)
                    & Q(accepted_id__isnull=False)
                )
                | (
                    ~Q(state=ProposalState.ACCEPTED)
                    & Q(accepted_type__isnull=True)
                    & Q(accepted_id__isnull=True)
                ),
                name="claimproposal_accepted_record_iff_accepted",
                violation_error_message="An accepted proposal, and only one, links its record.",
            ),
        ]
        indexes = [
            models.Index(fields=["source", "state"], name="claimproposal_source_state"),
            models.Index(fields=["accepted_type", "accepted_id"], name="claimproposal_accepted"),
        ]

    def __str__(self) -> str:
        who = self.actor_id or "—"
        return f"{who}: {self.kind} [{self.state}]"

    def describe(self) -> str:
        """What the proposal proposes, in a few words ("withdrawn", "65 members")."""
        if self.kind == ClaimKind.MEMBERSHIP:
            return self.get_membership_status_display()
        if self.kind == ClaimKind.ATTENDANCE:
            at = f" at {self.meeting}" if self.meeting_id else " (meeting not known)"
            return self.get_role_display() + at
        if self.kind == ClaimKind.SIZE_REPORT:
            return f"{self.member_count} members"
        if self.kind == ClaimKind.AGREEMENT:
            return self.agreement_title or self.get_agreement_kind_display()
        return f"hosted by {self.actor.name}" if self.actor_id else "host not named"

    def clean(self) -> None:
        super().clean()
        errors = quote_errors(self.source if self.source_id else None, self.quote)
        if errors:
            raise ValidationError({"quote": errors})
