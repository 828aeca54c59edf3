from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Prefetch, Q

from coalition.choices import (
    ActorKind,
    AgreementKind,
    AttendanceRole,
    MeetingStatus,
    MembershipStatus,
    QuantityQualifier,
)
from history.tracking import tracked
from sources.choices import DatePrecision
from sources.models import Citation, ClaimQuerySet, DatasetRecord, ReviewedClaim, Timestamped
from sources.validators import PLAUSIBLE, UniqueIgnoringCase, plausible_dates


class DateRange(Func):
    """``daterange(start, end, '[)')``; a NULL end is an open-ended period."""

    function = "DATERANGE"
    output_field = DateRangeField()


class ActorQuerySet(models.QuerySet):
    def for_api(self) -> ActorQuerySet:
        """The API's read shape of actors (list and detail)."""
        return self.select_related("parent")


@tracked()
class Actor(Timestamped):
    """A country, international organisation, sub-national body or non-state group."""

    code = models.CharField(
        max_length=16,
        unique=True,
        help_text="ISO 3166-1 alpha-3 for countries (AUS); a short upper-case code otherwise (EU).",
    )
    kind = models.CharField(max_length=12, choices=ActorKind.choices, db_index=True)
    name = models.CharField(max_length=200)
    official_name = models.CharField(max_length=300, blank=True, default="")
    alpha2 = models.CharField(max_length=2, blank=True, default="", help_text="ISO 3166-1 alpha-2")
    numeric = models.CharField(max_length=3, blank=True, default="", help_text="ISO 3166-1 numeric")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body this one belongs to (the Peshmerga to the KRG, the KRG to Iraq).",
    )
    aliases = ArrayField(
        models.CharField(max_length=200),
        blank=True,
        default=list,
        help_text="Other names used in articles: 'Britain', 'UAE', 'Ankara'.",
    )
    description = models.TextField(blank=True, default="")
    # The coalition itself as a party (issue 16): an actor of kind ``coalition`` names the
    # coalition it stands for, so it can pledge, receive or share a pledge like any actor.
    coalition = models.OneToOneField(
        "Coalition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="as_actor",
        help_text="For an actor of kind 'coalition': the coalition it stands for.",
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z0-9][A-Z0-9_-]*$"),
                name="actor_code_format",
                violation_error_message=(
                    "Codes are upper-case letters, digits, '-' and '_' (e.g. ARAB_LEAGUE)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="country") | Q(code__regex=r"^[A-Z]{3}$"),
                name="actor_country_code_is_alpha3",
                violation_error_message=(
                    "A country's code is its ISO 3166-1 alpha-3 code (e.g. AUS)."
                ),
            ),
            models.CheckConstraint(condition=~Q(name__regex=r"^\s*$"), name="actor_name_not_blank"),
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
            models.CheckConstraint(
                condition=(Q(kind=ActorKind.COALITION) & Q(coalition__isnull=False))
                | (~Q(kind=ActorKind.COALITION) & Q(coalition__isnull=True)),
                name="actor_coalition_iff_kind_coalition",
                violation_error_message=(
                    "An actor of kind 'coalition' names its coalition, and only such an actor does."
                ),
            ),
            UniqueIgnoringCase(
                "code",
                name="actor_code_unique_ignoring_case",
                violation_error_message=(
                    "An actor with this code already exists (codes ignore case)."
                ),
            ),
        ]
        indexes = [GinIndex(fields=["name"], name="actor_name_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class CoalitionQuerySet(models.QuerySet):
    def for_api(self) -> CoalitionQuerySet:
        """The API's read shape of coalitions (list and detail)."""
        return self.select_related("lead")


@tracked()
class Coalition(Timestamped):
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    lead = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="led_coalitions"
    )
    started_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    started_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    description = models.TextField(blank=True, default="")

    objects = CoalitionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="coalition_end_not_before_start",
                violation_error_message="A coalition cannot end before it starts.",
            ),
            UniqueIgnoringCase(
                "slug",
                name="coalition_slug_unique_ignoring_case",
                violation_error_message=(
                    "A coalition with this slug already exists (slugs ignore case)."
                ),
            ),
            *plausible_dates("coalition", "started_on", "ended_on"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(ClaimQuerySet):
    def for_api(self, *, verified_only: bool = False) -> MembershipQuerySet:
        """The API's read shape of memberships: coalition, actor and cited sources joined."""
        return (
            self.visible(verified_only=verified_only)
            .select_related("coalition", "actor", "agreement")
            .prefetch_related(Prefetch("citations", MembershipCitation.objects.for_api()))
        )

    def as_of(self, day) -> MembershipQuerySet:
        """Periods in force on ``day``: ``started_on <= day < ended_on`` (open if no end)."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day), started_on__lte=day)


@tracked()
class Membership(ReviewedClaim, DatasetRecord):
    """An actor's status in a coalition over ``[started_on, ended_on)``.

    Periods of one actor in one coalition never overlap (exclusion constraint), so
    "who was in on day D" has exactly one answer. ``ended_on`` is exclusive: the day a
    new status starts is the day the previous one ends. A NULL ``ended_on`` is open.
    """

    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT, related_name="memberships")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=10, choices=MembershipStatus.choices)
    started_on = models.DateField(validators=PLAUSIBLE)
    started_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    ended_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.TextField(blank=True, default="")
    agreement = models.ForeignKey(
        "Agreement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="The agreement or declaration by which the actor took this status.",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["coalition_id", "actor_id", "started_on"]
        constraints = [
            *DatasetRecord.Meta.constraints,
            *plausible_dates("membership", "started_on", "ended_on"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=F("started_on")),
                name="membership_end_after_start",
                violation_error_message="A membership period must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values), name="membership_status_valid"
            ),
            ExclusionConstraint(
                name="membership_periods_do_not_overlap",
                violation_error_message=(
                    "This actor already has a membership period in this coalition that "
                    "overlaps these dates."
                ),
                expressions=[
                    ("actor", RangeOperators.EQUAL),
                    ("coalition", RangeOperators.EQUAL),
                    (
                        DateRange("started_on", "ended_on", models.Value("[)")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
            ),
            *ReviewedClaim.review_constraints("membership"),
        ]
        indexes = [models.Index(fields=["coalition", "started_on"])]

    def __str__(self) -> str:
        end = self.ended_on.isoformat() if self.ended_on else "…"
        return f"{self.actor} {self.status} in {self.coalition} {self.started_on} to {end}"


@tracked(exclude=())
class MembershipCitation(Citation):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="citations")

    class Meta(Citation.Meta):
        constraints = Citation.base_constraints("membershipcitation")


class MeetingQuerySet(models.QuerySet):
    def for_api(self, *, verified_only: bool = False) -> MeetingQuerySet:
        """The API's read shape of meetings, with their attendance and its citations."""
        return self.select_related("coalition", "host").prefetch_related(
            Prefetch(
                "attendances",
                Attendance.objects.for_api(verified_only=verified_only).order_by("actor__name"),
            )
        )


@tracked()
class Meeting(DatasetRecord):
    """A conference or summit, and who came, hosted, stayed away or was left out.

    ``status`` says whether it was held, is still planned or was cancelled;
    ``attended_count`` of ``of_count`` is the attendance a source reports as a figure
    ("42 of the 60 members attended"), which only a held meeting has.
    """

    coalition = models.ForeignKey(
        Coalition, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    name = models.CharField(max_length=300)
    status = models.CharField(
        max_length=9,
        choices=MeetingStatus.choices,
        default=MeetingStatus.HELD,
        help_text="held, planned or cancelled; `held_on` is the planned date for the others.",
    )
    held_on = models.DateField(validators=PLAUSIBLE)
    held_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    city = models.CharField(max_length=200, blank=True, default="")
    host = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="hosted_meetings"
    )
    description = models.TextField(blank=True, default="")
    attended_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many attended, as reported (42 of 60: 42)."
    )
    of_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="Out of how many, as reported (42 of 60: 60)."
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            *DatasetRecord.Meta.constraints,
            *plausible_dates("meeting", "held_on", "ended_on"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("held_on")),
                name="meeting_end_not_before_start",
                violation_error_message="A meeting cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(attended_count__isnull=True)
                | Q(of_count__isnull=True)
                | Q(attended_count__lte=F("of_count")),
                name="meeting_attended_not_above_of",
                violation_error_message="More cannot attend than the number they are out of.",
            ),
            models.CheckConstraint(
                condition=Q(of_count__isnull=True) | Q(attended_count__isnull=False),
                name="meeting_of_count_needs_attended",
                violation_error_message="Give how many attended with the number out of.",
            ),
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.HELD) | Q(attended_count__isnull=True),
                name="meeting_attendance_count_only_when_held",
                violation_error_message=(
                    "Only a held meeting has an attendance figure (this one is planned or "
                    "cancelled)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.held_on})"

    def clean(self):
        """A meeting that did not take place cannot keep anyone recorded as attending."""
        super().clean()
        attended = self.pk and self.attendances.filter(role=AttendanceRole.ATTENDED).exists()
        if self.status != MeetingStatus.HELD and attended:
            raise ValidationError(
                {
                    "status": "Actors are recorded as having attended this meeting: "
                    "change their attendance before marking it planned or cancelled."
                }
            )


class AttendanceQuerySet(ClaimQuerySet):
    def for_api(self, *, verified_only: bool = False) -> AttendanceQuerySet:
        """The API's read shape of attendance: actor and cited sources joined."""
        return (
            self.visible(verified_only=verified_only)
            .select_related("actor")
            .prefetch_related(Prefetch("citations", AttendanceCitation.objects.for_api()))
        )


@tracked()
class Attendance(ReviewedClaim, Timestamped):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="attendances")
    role = models.CharField(max_length=12, choices=AttendanceRole.choices)
    note = models.TextField(blank=True, default="")

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "actor_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "actor"], name="attendance_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(role__in=AttendanceRole.values), name="attendance_role_valid"
            ),
            *ReviewedClaim.review_constraints("attendance"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.role} {self.meeting}"

    def clean(self):
        """Nobody attends a meeting that is only planned or was cancelled."""
        super().clean()
        meeting = Meeting.objects.filter(pk=self.meeting_id).first() if self.meeting_id else None
        if (
            meeting is not None
            and meeting.status != MeetingStatus.HELD
            and self.role == AttendanceRole.ATTENDED
        ):
            raise ValidationError(
                {"role": f"The meeting is {meeting.status}: nobody has attended it yet."}
            )


@tracked(exclude=())
class AttendanceCitation(Citation):
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="citations")

    class Meta(Citation.Meta):
        constraints = Citation.base_constraints("attendancecitation")


class SizeReportQuerySet(ClaimQuerySet):
    def for_api(self, *, verified_only: bool = False) -> SizeReportQuerySet:
        """The API's read shape of size reports: coalition and cited sources joined."""
        return (
            self.visible(verified_only=verified_only)
            .select_related("coalition")
            .prefetch_related(Prefetch("citations", SizeReportCitation.objects.for_api()))
        )


@tracked()
class SizeReport(ReviewedClaim, DatasetRecord):
    """A figure a source reports about the coalition itself: "more than 60 members"."""

    coalition = models.ForeignKey(Coalition, on_delete=models.PROTECT, related_name="size_reports")
    reported_on = models.DateField(validators=PLAUSIBLE)
    reported_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    member_count = models.PositiveIntegerField()
    qualifier = models.CharField(
        max_length=10, choices=QuantityQualifier.choices, default=QuantityQualifier.EXACT
    )
    note = models.TextField(blank=True, default="")

    objects = SizeReportQuerySet.as_manager()

    class Meta:
        ordering = ["coalition_id", "reported_on"]
        constraints = [
            *DatasetRecord.Meta.constraints,
            *plausible_dates("sizereport", "reported_on"),
            models.CheckConstraint(
                condition=Q(member_count__gt=0),
                name="sizereport_count_positive",
                violation_error_message="A member count must be greater than zero.",
            ),
            *ReviewedClaim.review_constraints("sizereport"),
        ]

    def __str__(self) -> str:
        return f"{self.coalition}: {self.qualifier} {self.member_count} on {self.reported_on}"


@tracked(exclude=())
class SizeReportCitation(Citation):
    size_report = models.ForeignKey(SizeReport, on_delete=models.CASCADE, related_name="citations")

    class Meta(Citation.Meta):
        constraints = Citation.base_constraints("sizereportcitation")


class AgreementQuerySet(ClaimQuerySet):
    def for_api(self, *, verified_only: bool = False) -> AgreementQuerySet:
        """The API's read shape of agreements: parties and cited sources joined."""
        return (
            self.visible(verified_only=verified_only)
            .select_related("coalition", "meeting")
            .prefetch_related(
                Prefetch(
                    "party_rows",
                    AgreementParty.objects.select_related("actor").order_by("actor__name"),
                ),
                Prefetch("citations", AgreementCitation.objects.for_api()),
            )
        )


@tracked()
class Agreement(ReviewedClaim, DatasetRecord):
    """An agreement, declaration or joint statement, and the actors party to it.

    Other claims cite it: a membership can name the agreement by which an actor took
    its status. ``meeting`` is where it was adopted, when it came out of one.
    """

    coalition = models.ForeignKey(
        Coalition, null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=15, choices=AgreementKind.choices)
    signed_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    signed_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(max_length=200, blank=True, default="")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    description = models.TextField(blank=True, default="")
    parties = models.ManyToManyField(
        Actor, through="AgreementParty", related_name="agreements", blank=True
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["signed_on", "id"]
        constraints = [
            *DatasetRecord.Meta.constraints,
            *plausible_dates("agreement", "signed_on"),
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values), name="agreement_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(title__regex=r"^\s*$"),
                name="agreement_title_not_blank",
                violation_error_message="An agreement needs its title.",
            ),
            *ReviewedClaim.review_constraints("agreement"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.signed_on or 'undated'})"


@tracked()
class AgreementParty(Timestamped):
    """One actor party to an agreement (signatory of an agreement, author of a statement)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="party_rows")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="agreement_parties")
    note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["agreement_id", "actor_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "actor"],
                name="agreementparty_once_per_agreement",
                violation_error_message="This actor is already a party to this agreement.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} party to {self.agreement}"


@tracked(exclude=())
class AgreementCitation(Citation):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="citations")

    class Meta(Citation.Meta):
        constraints = Citation.base_constraints("agreementcitation")
