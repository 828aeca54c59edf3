from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest

from coalition.choices import QuantityQualifier
from coalition.models import Actor, Coalition
from history.tracking import tracked
from money.choices import ConversionTarget, DateRule, UnconvertedReason
from pledges.choices import (
    DurationUnit,
    PendingApproval,
    PersonnelRole,
    PledgeKind,
    PledgeStatus,
    ProposalState,
    QuantityBasis,
)
from sources.choices import DatePrecision, ReviewStatus
from sources.models import (
    Citation,
    ClaimQuerySet,
    DatasetRecord,
    ReviewedClaim,
    Source,
    quote_errors,
)
from sources.validators import (
    ISO_4217_CODES,
    PLAUSIBLE,
    currency_is_iso4217,
    plausible_dates,
    validate_currency,
)


def reported_conversion_errors(pledge: Pledge) -> dict[str, str]:
    """What is missing or wrong in a pledge's reported conversion, by field."""
    amount, currency = pledge.reported_conversion_amount, pledge.reported_conversion_currency
    if amount is None and not currency:
        return {}
    if amount is None:
        return {"reported_conversion_amount": "Give the reported amount with its currency."}
    if not currency:
        return {"reported_conversion_currency": "Give the currency of the reported amount."}
    if pledge.amount is None:
        return {"amount": "A reported conversion needs the amount it converts."}
    if currency == pledge.currency:
        return {"reported_conversion_currency": "A conversion is into another currency."}
    return {}


class PledgeQuerySet(ClaimQuerySet):
    def for_api(self, *, verified_only: bool = False) -> PledgeQuerySet:
        """The API's read shape of pledges: actors and coalition joined, stages and cited
        sources prefetched (three queries for any page size)."""
        return (
            self.visible(verified_only=verified_only)
            .select_related("actor", "coalition", "recipient", "host")
            .prefetch_related(
                Prefetch("stages", PledgeStage.objects.order_by("occurred_on", "id")),
                Prefetch("parties", PledgeParty.objects.select_related("actor")),
                Prefetch("citations", PledgeCitation.objects.for_api()),
                Prefetch("conversions", PledgeConversion.objects.order_by("target")),
            )
        )

    def as_of(self, day, *, include_undated: bool = False) -> PledgeQuerySet:
        """Pledges made by ``day`` (announced on or before it, or with a stage on or
        before it), each annotated with ``status_as_of``: the status of its latest stage
        on or before ``day``; before its first stage, that stage's status; for a pledge
        without stages, its recorded status. ``include_undated`` keeps the undated ones
        too (:meth:`undated`: no day can place them)."""
        stages = PledgeStage.objects.filter(pledge=OuterRef("pk"))
        by_then = stages.filter(occurred_on__lte=day)
        latest = by_then.order_by("-occurred_on", "-id").values("status")[:1]
        first = stages.order_by(F("occurred_on").asc(nulls_last=True), "id").values("status")[:1]
        made = Q(announced_on__lte=day) | Exists(by_then)
        if include_undated:
            made |= self.undated_condition()
        return self.filter(made).annotate(
            status_as_of=Coalesce(Subquery(latest), Subquery(first), F("status"))
        )

    @staticmethod
    def undated_condition() -> Q:
        dated_stages = PledgeStage.objects.filter(pledge=OuterRef("pk"), occurred_on__isnull=False)
        return Q(announced_on__isnull=True) & ~Exists(dated_stages)

    def undated(self) -> PledgeQuerySet:
        """Pledges with no date at all (no ``announced_on``, no dated stage): what
        :meth:`as_of` cannot place on any day, and so leaves out."""
        return self.filter(self.undated_condition())


#: The database's own default of the list fields, so that a raw INSERT or COPY (bench/)
#: that leaves them out still writes a row.
EMPTY_ARRAY = RawSQL("'{}'", ())

#: An actor code, as areas (``applies_in``, ``excluded_from``) are written.
ACTOR_CODE = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_-]*$", "Give actor codes: upper-case letters and digits (IRQ, SYR)."
)

#: The rules of issue 16's fields (joint pledges, conditions, deliveries), in one place.
ISSUE_16_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(quantity_basis__in=QuantityBasis.values), name="pledge_quantity_basis_valid"
    ),
    models.CheckConstraint(
        condition=Q(personnel_role__in=["", *PersonnelRole.values]),
        name="pledge_personnel_role_valid",
    ),
    models.CheckConstraint(
        condition=Q(personnel_role="") | Q(amount__isnull=True),
        name="pledge_personnel_not_money",
        violation_error_message="A personnel role counts people, not an amount of money.",
    ),
    models.CheckConstraint(
        condition=~Q(applies_in__overlap=F("excluded_from")),
        name="pledge_area_not_both_in_and_out",
        violation_error_message="A place cannot be both where the pledge applies and "
        "where it does not.",
    ),
    models.CheckConstraint(
        condition=(Q(duration__isnull=True) & Q(duration_unit=""))
        | (Q(duration__gt=0) & Q(duration_unit__in=DurationUnit.values)),
        name="pledge_duration_has_unit",
        violation_error_message="A duration needs a unit (days, weeks, months, years), "
        "and a unit needs a duration greater than zero.",
    ),
    models.CheckConstraint(
        condition=Q(pending_approval__in=["", *PendingApproval.values]),
        name="pledge_pending_approval_valid",
    ),
    models.CheckConstraint(
        condition=Q(pending_approval_note="") | ~Q(pending_approval=""),
        name="pledge_approval_note_needs_approval",
        violation_error_message="Say whose approval is pending before adding a note on it.",
    ),
    models.CheckConstraint(
        condition=(
            Q(committed_quantity__isnull=True)
            & Q(delivered_quantity__isnull=True)
            & Q(delivery_gap__isnull=True)
        )
        | (
            Q(committed_quantity__isnull=False)
            & Q(delivered_quantity__isnull=False)
            & Q(delivery_gap=Greatest(F("committed_quantity") - F("delivered_quantity"), 0))
        ),
        name="pledge_delivery_gap_consistent",
        violation_error_message="The delivery gap is what was committed minus what was "
        "delivered (never below zero).",
    ),
]


@tracked()
class Pledge(ReviewedClaim, DatasetRecord):
    """What an actor pledged (or refused): kind, status, how much, to whom, where, when.

    Vague facts stay vague: ``quantity`` with ``quantity_max`` is a range, the qualifier
    says "up to" or "about", and each date carries its precision.
    """

    # The foreign keys' indexes are composite ones (Meta.indexes): (actor, -id) gives an
    # actor's newest pledges in order and serves the foreign key too.
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="pledges", db_index=False
    )
    coalition = models.ForeignKey(
        Coalition,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        db_index=False,
    )
    kind = models.CharField(max_length=12, choices=PledgeKind.choices)
    status = models.CharField(max_length=10, choices=PledgeStatus.choices)
    description = models.TextField(
        help_text="One line in the analyst's words: 'six F-16s for strikes in Iraq'."
    )
    quantity = models.PositiveIntegerField(
        null=True, blank=True, help_text="The number (the minimum, for a range)."
    )
    quantity_max = models.PositiveIntegerField(
        null=True, blank=True, help_text="The maximum, for a range."
    )
    quantity_qualifier = models.CharField(
        max_length=10, choices=QuantityQualifier.choices, blank=True, default=""
    )
    quantity_unit = models.CharField(
        max_length=50,
        blank=True,
        default="",
        help_text="What is counted: personnel, aircraft, airstrikes, sorties ...",
    )
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(
        max_length=3,
        blank=True,
        default="",
        validators=[validate_currency],
        help_text="ISO 4217 code in force (USD, EUR ...); empty when there is no amount.",
    )
    recipient = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges_received",
        db_index=False,
    )
    host = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges_hosted",
        db_index=False,
        help_text="Where the pledge is based or delivered (the country of an air base).",
    )
    asset = models.CharField(
        max_length=200, blank=True, default="", help_text="A named asset: 'Incirlik air base'."
    )
    announced_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    announced_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    starts_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    ends_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    # --- Money: a conversion the source printed ("€1.2 billion (US$1.3 billion)") -----
    reported_conversion_amount = models.DecimalField(
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The amount in another currency as the source printed it, kept as reported.",
    )
    reported_conversion_currency = models.CharField(
        max_length=3,
        blank=True,
        default="",
        db_default="",  # raw INSERT/COPY writers (bench/generate.py) need not name it
        validators=[validate_currency],
        help_text="ISO 4217 code of the reported conversion; empty when there is none.",
    )

    # --- Issue 16: joint pledges, people by role, conditions, deliveries ---------------
    # Parties are PledgeParty rows (the lead, ``actor``, first); this says whether the
    # quantity is theirs together or each one's.
    quantity_basis = models.CharField(
        max_length=6,
        choices=QuantityBasis.choices,
        default=QuantityBasis.SHARED,
        db_default=QuantityBasis.SHARED,
        help_text="For a pledge of several parties: is the quantity shared between them "
        "(counted once) or each party's own (counted once per party)?",
    )
    personnel_role = models.CharField(
        max_length=16,
        choices=PersonnelRole.choices,
        blank=True,
        default="",
        db_default="",
        help_text="When the quantity counts people: which (troops, trainers, pilots ...).",
    )
    applies_in = ArrayField(
        models.CharField(max_length=16, validators=[ACTOR_CODE]),
        blank=True,
        default=list,
        db_default=EMPTY_ARRAY,
        help_text="Actor codes of where the pledge applies ('operations limited to Iraq').",
    )
    excluded_from = ArrayField(
        models.CharField(max_length=16, validators=[ACTOR_CODE]),
        blank=True,
        default=list,
        db_default=EMPTY_ARRAY,
        help_text="Actor codes of where it does not ('no mandate over Syria').",
    )
    caveats = ArrayField(
        models.CharField(max_length=500),
        blank=True,
        default=list,
        db_default=EMPTY_ARRAY,
        help_text="Restrictions as reported, one per item ('does not include close air support').",
    )
    duration = models.PositiveIntegerField(
        null=True, blank=True, help_text="How long it is pledged for, in `duration_unit`."
    )
    duration_unit = models.CharField(
        max_length=6, choices=DurationUnit.choices, blank=True, default="", db_default=""
    )
    pending_approval = models.CharField(
        max_length=16,
        choices=PendingApproval.choices,
        blank=True,
        default="",
        db_default="",
        help_text="The approval it still waits for ('parliament must still approve').",
    )
    pending_approval_note = models.CharField(max_length=500, blank=True, default="", db_default="")
    # Derived from the stages by the services (pledge_delivery_compute), never written
    # by a client: what was promised, what has arrived, and what is still owed.
    committed_quantity = models.PositiveIntegerField(null=True, blank=True, editable=False)
    delivered_quantity = models.PositiveIntegerField(null=True, blank=True, editable=False)
    delivery_gap = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The agreement or declaration the pledge was made under, when a source names one
    # (as ``Membership.agreement``: an agreement cited so cannot be deleted).
    agreement = models.ForeignKey(
        "coalition.Agreement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        help_text="The agreement or declaration this pledge was made under.",
    )

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-id"]
        constraints = [
            *DatasetRecord.Meta.constraints,
            currency_is_iso4217("pledge"),
            *plausible_dates("pledge", "announced_on", "starts_on", "ends_on"),
            models.CheckConstraint(
                condition=Q(kind__in=PledgeKind.values), name="pledge_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PledgeStatus.values), name="pledge_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="pledge_quantity_positive",
                violation_error_message="A quantity must be greater than zero.",
            ),
            models.CheckConstraint(
                condition=Q(quantity_max__isnull=True)
                | (Q(quantity__isnull=False) & Q(quantity_max__gt=F("quantity"))),
                name="pledge_quantity_max_above_min",
                violation_error_message="The maximum of a range must be greater than its minimum.",
            ),
            models.CheckConstraint(
                condition=(Q(quantity_qualifier="range") & Q(quantity_max__isnull=False))
                | (~Q(quantity_qualifier="range") & Q(quantity_max__isnull=True)),
                name="pledge_range_has_max",
                violation_error_message=(
                    "Give a maximum quantity exactly when the qualifier is 'range'."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(quantity__isnull=True) & Q(quantity_qualifier=""))
                | (Q(quantity__isnull=False) & ~Q(quantity_qualifier="")),
                name="pledge_quantity_has_qualifier",
                violation_error_message=(
                    "A quantity needs a qualifier (exact, about, up to ...), and a "
                    "qualifier needs a quantity."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quantity_qualifier__in=["", *QuantityQualifier.values]),
                name="pledge_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0),
                name="pledge_amount_positive",
                violation_error_message="An amount must be greater than zero.",
            ),
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) & Q(currency=""))
                | (Q(amount__isnull=False) & Q(currency__regex=r"^[A-Z]{3}$")),
                name="pledge_amount_has_currency",
                violation_error_message=(
                    "An amount needs an ISO 4217 currency code (e.g. USD), and a currency "
                    "needs an amount."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="pledge_end_not_before_start",
                violation_error_message="A pledge cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(description__regex=r"^\s*$"),
                name="pledge_description_not_blank",
                violation_error_message="Describe the pledge in a few words.",
            ),
            *ReviewedClaim.review_constraints("pledge"),
            # --- Money: the reported conversion ------------------------------------------
            models.CheckConstraint(
                condition=(
                    Q(reported_conversion_amount__isnull=True) & Q(reported_conversion_currency="")
                )
                | (
                    Q(reported_conversion_amount__gt=0)
                    & Q(reported_conversion_currency__in=ISO_4217_CODES)
                    & Q(amount__isnull=False)
                    & ~Q(reported_conversion_currency=F("currency"))
                ),
                name="pledge_reported_conversion_complete",
                violation_error_message=(
                    "A reported conversion needs both its amount (greater than zero) and its "
                    "ISO 4217 currency, the pledge's own amount, and a currency other than "
                    "the amount's."
                ),
            ),
            *ISSUE_16_CONSTRAINTS,
        ]
        # Each list filter, newest first, is an index read in order (docs/performance.md).
        indexes = [
            models.Index(fields=["actor", "-id"], name="pledge_actor_id"),
            models.Index(fields=["actor", "kind", "-id"], name="pledge_actor_kind_id"),
            models.Index(fields=["kind", "status", "-id"], name="pledge_kind_status_id"),
            models.Index(fields=["coalition", "-id"], name="pledge_coalition_id"),
            models.Index(fields=["recipient", "-id"], name="pledge_recipient_id"),
            models.Index(fields=["host", "-id"], name="pledge_host_id"),
            models.Index(fields=["announced_on", "id"], name="pledge_announced_id"),
            # The public summary by actor (pledges/api/summary.py) read in the index's
            # order, the columns it sums and those a joint pledge's figures need included:
            # no sort, no heap.
            models.Index(
                fields=["actor", "kind", "currency"],
                include=[
                    "id",
                    "quantity",
                    "amount",
                    "quantity_basis",
                    "personnel_role",
                    "committed_quantity",
                    "delivered_quantity",
                    "delivery_gap",
                ],
                condition=Q(review_status=ReviewStatus.VERIFIED),
                name="pledge_summary_verified",
            ),
            # An actor's refusals newest first, as the profile lists them.
            models.Index(
                F("actor"),
                F("announced_on").desc(nulls_last=True),
                F("id").desc(),
                condition=Q(status=PledgeStatus.REFUSED),
                name="pledge_actor_refusals",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor.name}: {self.get_kind_display()} ({self.status}) — {self.description}"

    def clean(self) -> None:
        super().clean()
        # Money: name the field of a half-given reported conversion (the database's
        # pledge_reported_conversion_complete holds the same rule for every writer).
        errors = reported_conversion_errors(self)
        if errors:
            raise ValidationError(errors)


@tracked(exclude=())
class PledgeStage(models.Model):
    """One step in a pledge's lineage (announced, then committed, then delivered ...),
    with its date, so the gap between promised and delivered can be computed."""

    # Indexed by the unique (pledge, status) constraint.
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="stages", db_index=False
    )
    status = models.CharField(max_length=10, choices=PledgeStatus.choices)
    occurred_on = models.DateField(null=True, blank=True, validators=PLAUSIBLE)
    occurred_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    quantity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The quantity at this stage, cumulative: committed 90, delivered 12 "
        "(so far). Empty: the pledge's own quantity, in full.",
    )
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["pledge_id", "occurred_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "status"], name="pledgestage_once_per_status"
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="pledgestage_quantity_positive",
            ),
            *plausible_dates("pledgestage", "occurred_on"),
            models.CheckConstraint(
                condition=~Q(status=PledgeStatus.WITHDRAWN) | Q(occurred_on__isnull=False),
                name="pledgestage_withdrawal_dated",
                violation_error_message="A withdrawal ends the pledge: give its date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} on {self.occurred_on}"


@tracked(exclude=())
class PledgeParty(models.Model):
    """One party of a pledge: the lead (``Pledge.actor``, ordinal 1) and, for a joint or
    collective pledge, the others ("Norway and Sweden will jointly provide ...")."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="parties", db_index=False
    )
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="pledge_parts")
    ordinal = models.PositiveSmallIntegerField(help_text="1 for the lead, then 2, 3 ...")

    class Meta:
        ordering = ["pledge_id", "ordinal"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "ordinal"], name="pledgeparty_one_per_ordinal"
            ),
            models.UniqueConstraint(fields=["pledge", "actor"], name="pledgeparty_actor_once"),
            models.CheckConstraint(
                condition=Q(ordinal__gte=1), name="pledgeparty_ordinal_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} in pledge {self.pledge_id}"


@tracked(exclude=())
class PledgeCitation(Citation):
    # Indexed by pledgecitation_pledge_id (pledge, id).
    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="citations", db_index=False
    )

    class Meta(Citation.Meta):
        constraints = Citation.base_constraints("pledgecitation")
        indexes = [models.Index(fields=["pledge", "id"], name="pledgecitation_pledge_id")]


# --- Money: amounts normalised to USD and EUR (money.convert) -------------------------------


@tracked(exclude=())
class PledgeConversion(models.Model):
    """A pledge's amount in USD or EUR, with the rate, the rate's date, the rule that
    picked that date and the rates' source and version; or, when it cannot be converted,
    why not. Derived data: the pledge services write it (``pledge_conversions_set``) and
    ``recompute_conversions`` redoes it when the rates change. The nominal amount is never
    touched."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="conversions", db_index=False
    )
    target = models.CharField(max_length=3, choices=ConversionTarget.choices)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    rate = models.DecimalField(
        max_digits=24,
        decimal_places=12,
        null=True,
        blank=True,
        help_text="Units of the target currency per unit of the pledge's currency.",
    )
    rate_date = models.DateField(null=True, blank=True)
    date_rule = models.CharField(max_length=40, choices=DateRule.choices, blank=True, default="")
    rates_source = models.CharField(max_length=400, blank=True, default="")
    rates_version = models.CharField(max_length=100)
    via_peg = models.BooleanField(
        default=False, help_text="Converted through a fixed peg to the US dollar."
    )
    unconverted_reason = models.CharField(
        max_length=25, choices=UnconvertedReason.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["pledge_id", "target"]
        constraints = [
            *plausible_dates("pledgeconversion", "rate_date"),
            models.UniqueConstraint(
                fields=["pledge", "target"], name="pledgeconversion_once_per_target"
            ),
            models.CheckConstraint(
                condition=Q(target__in=ConversionTarget.values),
                name="pledgeconversion_target_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(amount__isnull=False)
                    & Q(rate__gt=0)
                    & Q(date_rule__in=DateRule.values)
                    & Q(unconverted_reason="")
                    & (Q(rate_date__isnull=False) | Q(date_rule=DateRule.SAME_CURRENCY))
                )
                | (
                    Q(amount__isnull=True)
                    & Q(rate__isnull=True)
                    & Q(rate_date__isnull=True)
                    & Q(date_rule="")
                    & Q(unconverted_reason__in=UnconvertedReason.values)
                ),
                name="pledgeconversion_converted_or_reason",
                violation_error_message=(
                    "A conversion has its amount, rate, date and rule, or no amount and the "
                    "reason why."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.amount is None:
            return f"{self.target}: unconverted ({self.unconverted_reason})"
        return f"{self.amount} {self.target} at {self.rate} ({self.rate_date})"


class PledgeProposalQuerySet(models.QuerySet):
    def pending(self) -> PledgeProposalQuerySet:
        return self.filter(state=ProposalState.PENDING)

    def for_api(self) -> PledgeProposalQuerySet:
        """The API's read shape of proposals: actors and the matched pledge joined."""
        return self.select_related("actor", "recipient", "host", "matched_pledge", "decided_by")


@tracked(exclude=())
class PledgeProposal(models.Model):
    """A claim the extractor found in an article, waiting for an analyst to accept,
    correct or reject it. ``quote`` is the sentence that states it, verbatim.

    When it matches a pledge already recorded (same actor and kind, close quantity and
    date), ``matched_pledge`` is set and accepting it adds the quote as a new citation
    of that pledge instead of a new pledge.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="pledge_proposals")
    quote = models.TextField(help_text="The sentence that states the claim, verbatim.")
    quote_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offset of the quote in the source text."
    )
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="pledge_proposals")
    kind = models.CharField(max_length=12, choices=PledgeKind.choices)
    status = models.CharField(max_length=10, choices=PledgeStatus.choices)
    description = models.TextField(help_text="The proposed one-line description.")
    quantity = models.PositiveIntegerField(null=True, blank=True)
    quantity_max = models.PositiveIntegerField(null=True, blank=True)
    quantity_qualifier = models.CharField(
        max_length=10, choices=QuantityQualifier.choices, blank=True, default=""
    )
    quantity_unit = models.CharField(max_length=50, blank=True, default="")
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(
        max_length=3, blank=True, default="", validators=[validate_currency]
    )
    recipient = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    host = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    asset = models.CharField(max_length=200, blank=True, default="")
    announced_on = models.DateField(
        null=True,
        blank=True,
        validators=PLAUSIBLE,
        help_text="The day the sentence says the claim was made ('said on Friday').",
    )
    announced_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    confidence = models.FloatField(help_text="The extractor's confidence, 0 to 1.")
    rationale = models.CharField(
        max_length=500, blank=True, default="", help_text="Which cues the extractor used."
    )
    extractor_version = models.CharField(max_length=20, blank=True, default="")
    state = models.CharField(
        max_length=10,
        choices=ProposalState.choices,
        default=ProposalState.PENDING,
        db_index=True,
    )
    matched_pledge = models.ForeignKey(
        Pledge,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matching_proposals",
        help_text="A pledge already recorded that this proposal is likely a new citation of.",
    )
    accepted_pledge = models.ForeignKey(
        Pledge,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_proposals",
        help_text="The pledge created or cited when the proposal was accepted.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = PledgeProposalQuerySet.as_manager()

    class Meta:
        ordering = ["source_id", "quote_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="pledgeproposal_confidence_0_1",
                violation_error_message="Confidence is a number from 0 to 1.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ProposalState.values), name="pledgeproposal_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PledgeKind.values), name="pledgeproposal_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PledgeStatus.values), name="pledgeproposal_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(quote__regex=r"^\s*$"), name="pledgeproposal_quote_not_blank"
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="pledgeproposal_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(quantity_max__isnull=True)
                | (Q(quantity__isnull=False) & Q(quantity_max__gt=F("quantity"))),
                name="pledgeproposal_quantity_max_above_min",
            ),
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) & Q(currency=""))
                | (Q(amount__isnull=False) & Q(amount__gt=0) & Q(currency__regex=r"^[A-Z]{3}$")),
                name="pledgeproposal_amount_has_currency",
            ),
            currency_is_iso4217("pledgeproposal"),
            models.CheckConstraint(
                condition=(Q(state=ProposalState.PENDING) & Q(decided_at__isnull=True))
                | (~Q(state=ProposalState.PENDING) & Q(decided_at__isnull=False)),
                name="pledgeproposal_decided_when_not_pending",
                violation_error_message="A decided proposal records when it was decided.",
            ),
            models.CheckConstraint(
                condition=Q(accepted_pledge__isnull=True) | Q(state=ProposalState.ACCEPTED),
                name="pledgeproposal_accepted_pledge_only_when_accepted",
            ),
            *plausible_dates("pledgeproposal", "announced_on"),
        ]
        indexes = [models.Index(fields=["source", "state"], name="pledgeproposal_source_state")]

    def __str__(self) -> str:
        return f"{self.actor_id}: {self.kind} ({self.status}) — {self.description} [{self.state}]"

    def clean(self) -> None:
        super().clean()
        errors = quote_errors(self.source if self.source_id else None, self.quote)
        if errors:
            raise ValidationError({"quote": errors})


# --- Rollups: the pledge summary's totals, kept current by triggers (pledges/rollups.py) --


class RollupFigures(models.Model):
    """What a rollup row adds up for its key: the pledges counted (``n``) and, for each
    figure, its sum and how many of the pledges have it (a sum of none is null, not 0).
    Written only by the database's triggers; never history-tracked."""

    n = models.BigIntegerField(default=0)
    quantity = models.BigIntegerField(default=0)
    quantity_n = models.BigIntegerField(default=0)
    amount = models.DecimalField(max_digits=40, decimal_places=2, default=0)
    amount_n = models.BigIntegerField(default=0)
    committed = models.BigIntegerField(default=0)
    committed_n = models.BigIntegerField(default=0)
    delivered = models.BigIntegerField(default=0)
    delivered_n = models.BigIntegerField(default=0)
    gap = models.BigIntegerField(default=0)
    gap_n = models.BigIntegerField(default=0)
    usd = models.DecimalField(max_digits=40, decimal_places=2, default=0)
    usd_n = models.BigIntegerField(default=0)
    usd_unconverted = models.BigIntegerField(default=0)
    eur = models.DecimalField(max_digits=40, decimal_places=2, default=0)
    eur_n = models.BigIntegerField(default=0)
    eur_unconverted = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class PledgeRollup(RollupFigures):
    """Pledge totals by lead actor, kind, status, currency and personnel role, for the
    verified pledges and for the others: the summary by kind or status and an actor's
    profile. An ``each`` joint pledge's figures count once per party, as in the summary."""

    verified = models.BooleanField()
    actor = models.ForeignKey(
        Actor, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    kind = models.CharField(max_length=12)
    status = models.CharField(max_length=10)
    currency = models.CharField(max_length=3)
    personnel_role = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "verified", "kind", "status", "currency", "personnel_role"],
                name="pledgerollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.kind} {self.status}: {self.n}"


class PledgeGroupRollup(RollupFigures):
    """Pledge totals by the summary's actor groups: one actor (``actors`` of one id: its
    solo pledges and its part of ``each`` joint ones) or, ``shared``, the parties of a
    shared joint pledge together; by kind, currency and personnel role, verified or not."""

    verified = models.BooleanField()
    shared = models.BooleanField()
    actors = ArrayField(models.BigIntegerField())
    kind = models.CharField(max_length=12)
    currency = models.CharField(max_length=3)
    personnel_role = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["verified", "shared", "actors", "kind", "currency", "personnel_role"],
                name="pledgegrouprollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{'+'.join(map(str, self.actors))} {self.kind}: {self.n}"


class PledgeGroupSummary(models.Model):
    """The summary by actor, one row per group and audience (``verified_only``: the
    public's, of verified pledges; else every pledge), folded from ``PledgeGroupRollup``
    when a transaction that changed the group commits: the figures of the group as the
    summary serializes them (JSON objects by kind, currency, role, as text: keys in the
    order the summary gives them), so a read only joins the actors' codes and names."""

    verified_only = models.BooleanField()
    shared = models.BooleanField()
    actors = ArrayField(models.BigIntegerField())
    n = models.BigIntegerField()
    quantities = models.TextField()
    amounts = models.TextField()
    personnel = models.TextField()
    committed = models.TextField()
    delivered = models.TextField()
    gap = models.TextField()
    usd = models.TextField()
    usd_unconverted = models.BigIntegerField()
    eur = models.TextField()
    eur_unconverted = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["verified_only", "shared", "actors"], name="pledgegroupsummary_key"
            )
        ]

    def __str__(self) -> str:
        return f"{'+'.join(map(str, self.actors))}: {self.n}"
