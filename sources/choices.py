from django.db import models


class DatePrecision(models.TextChoices):
    """How much of a date is known: "late September 2015" is stored as 2015-09-01, month."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Stance(models.TextChoices):
    """What a citation does to the claim it is attached to."""

    SUPPORTS = "supports", "Supports"
    DISPUTES = "disputes", "Disputes"
    RETRACTS = "retracts", "Retracts"


class ReviewStatus(models.TextChoices):
    """Where a claim stands in review. Only verified claims are public by default."""

    DRAFT = "draft", "Draft"
    NEEDS_REVIEW = "needs_review", "Needs review"
    VERIFIED = "verified", "Verified"
