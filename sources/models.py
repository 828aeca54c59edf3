from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from history.tracking import tracked
from sources.choices import DatePrecision, ReviewStatus, Stance
from sources.validators import PLAUSIBLE, dataset_key_unique_ignoring_case, plausible_dates


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Timestamped(models.Model):
    """Abstract base: when the row was created and last saved."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Last in a history snapshot, where they were before these bases existed.
    snapshot_last = ("created_at", "updated_at")

    class Meta:
        abstract = True


class DatasetRecord(Timestamped):
    """Abstract base of the rows the curated dataset (data/) may own: their
    ``dataset_key``, unique when set, whatever its case. The constraints' names carry
    the model's name (``pledge_dataset_key_unique``)."""

    dataset_key = models.CharField(
        max_length=100,
        blank=True,
        default="",
        help_text="Key of the curated dataset record (data/) this row is loaded from; "
        "empty for rows entered by hand.",
    )

    snapshot_last = ("dataset_key", "created_at", "updated_at")

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["dataset_key"],
                condition=~Q(dataset_key=""),
                name="%(class)s_dataset_key_unique",
            ),
            dataset_key_unique_ignoring_case("%(class)s"),
        ]


#: Fields the abstract bases own: the review workflow's, the dataset's, the timestamps.
BASE_FIELDS = frozenset(
    {"review_status", "verified_by", "verified_at", "dataset_key", "created_at", "updated_at"}
)


def data_fields(model: type[models.Model], *, exclude: Sequence[str] = ()) -> tuple[str, ...]:
    """The fields a writer gives for ``model``, in the order the model declares them:
    its editable concrete fields, without the primary key, ``BASE_FIELDS`` and
    ``exclude``. Each model's one field list: the services, serializers, dataset
    loader, intake and import/export derive theirs from it."""
    return tuple(
        f.name
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in BASE_FIELDS and f.name not in exclude
    )


class SourceQuerySet(models.QuerySet):
    def for_api(self) -> SourceQuerySet:
        """The API's read shape of sources (list and detail)."""
        return self


@tracked()
class Source(DatasetRecord):
    """One article or statement that claims are drawn from."""

    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, db_index=True)
    url = models.URLField(max_length=1000, blank=True, default="")
    published_on = models.DateField(null=True, blank=True, db_index=True, validators=PLAUSIBLE)
    published_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    byline = models.CharField(max_length=300, blank=True, default="")
    wire_agencies = ArrayField(
        models.CharField(max_length=100),
        blank=True,
        default=list,
        help_text="News agencies the article credits (Reuters, AFP, AP, dpa ...).",
    )
    language = models.CharField(max_length=8, default="en")
    text = models.TextField(blank=True, default="", help_text="Full text, when we hold it.")
    content_sha256 = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="SHA-256 of the article text as received; detects duplicates and edits.",
    )
    notes = models.TextField(blank=True, default="")

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "id"]
        constraints = [
            *DatasetRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="source_url_unique_when_present"
            ),
            models.UniqueConstraint(
                fields=["content_sha256"],
                condition=~Q(content_sha256=""),
                name="source_sha256_unique_when_present",
            ),
            models.CheckConstraint(
                condition=Q(content_sha256="") | Q(content_sha256__regex=r"^[0-9a-f]{64}$"),
                name="source_sha256_is_hex",
            ),
            models.CheckConstraint(
                condition=~Q(title__regex=r"^\s*$"), name="source_title_not_blank"
            ),
            *plausible_dates("source", "published_on"),
        ]
        indexes = [
            GinIndex(fields=["title"], name="source_title_trgm", opclasses=["gin_trgm_ops"]),
            # Newest first (undated first), as the source list and the actor profile order.
            models.Index(fields=["-published_on", "id"], name="source_published_id"),
        ]

    def __str__(self) -> str:
        when = self.published_on.isoformat() if self.published_on else "undated"
        return f"{self.publisher}: {self.title} ({when})"

    def save(self, *args, **kwargs):
        if self.text and not self.content_sha256:
            self.content_sha256 = sha256_of(self.text)
        super().save(*args, **kwargs)


class ClaimQuerySet(models.QuerySet):
    """Base of every claim's queryset."""

    def visible(self, *, verified_only: bool) -> ClaimQuerySet:
        """Only verified claims when ``verified_only`` (what the public sees)."""
        return self.filter(VERIFIED) if verified_only else self


# What the public sees of a claim, as a filter; history event rows carry the same column.
VERIFIED = models.Q(review_status=ReviewStatus.VERIFIED)


class ReviewedClaim(models.Model):
    """Abstract base of every claim (membership, attendance, size report, pledge):
    its place in the review workflow and who verified it."""

    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)

    # What the public sees, as a filter (its history event rows carry the same column).
    PUBLIC = VERIFIED

    class Meta:
        abstract = True

    @classmethod
    def review_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(review_status__in=ReviewStatus.values),
                name=f"{prefix}_review_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(review_status=ReviewStatus.VERIFIED) | Q(verified_at__isnull=True),
                name=f"{prefix}_verified_at_only_when_verified",
            ),
        ]


class CitationQuerySet(models.QuerySet):
    def for_api(self) -> CitationQuerySet:
        """Citations with the source fields the API shows inline (not the full text)."""
        return (
            self.select_related("source")
            .defer("source__text", "source__notes", "source__byline")
            .order_by("id")
        )


class Citation(models.Model):
    """Abstract base: "this claim is backed by that source, in these words".

    Each claim model has its own concrete citation table with a ``claim`` foreign key.
    Disagreement between sources is data: a citation may support, dispute or retract.
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s_set"
    )
    quote = models.TextField(help_text="The exact words in the source that state the claim.")
    locator = models.CharField(
        max_length=200, blank=True, default="", help_text="Paragraph, page or timestamp."
    )
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.SUPPORTS)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["id"]

    @classmethod
    def claim_field(cls) -> models.ForeignKey:
        """The foreign key to the claim this citation backs (``pledge``, ``membership`` ...)."""
        return next(f for f in cls._meta.concrete_fields if f.is_relation and f.name != "source")

    @classmethod
    def base_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=~Q(quote__regex=r"^\s*$"), name=f"{prefix}_quote_not_blank"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        errors = quote_errors(self.source if self.source_id else None, self.quote)
        if errors:
            raise ValidationError({"quote": errors})


def quote_errors(source: Source | None, quote: str) -> list[str]:
    """Why ``quote`` cannot cite ``source`` (empty list when it can)."""
    if not quote or not quote.strip():
        return ["A citation needs the quote that states the claim."]
    if source is not None and source.text and quote not in source.text:
        return [f"This quote does not occur in the text of source {source.pk}."]
    return []
