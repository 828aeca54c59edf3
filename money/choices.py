from django.db import models


class ConversionTarget(models.TextChoices):
    """The currencies every amount is normalised to."""

    USD = "USD", "US dollar"
    EUR = "EUR", "Euro"


class DateRule(models.TextChoices):
    """Which day's rate a conversion used, and why that day."""

    SAME_CURRENCY = "same_currency", "Already in this currency: rate 1, no date needed"
    ANNOUNCEMENT_DAY = "announcement_day", "The rate of the announcement day"
    ANNOUNCEMENT_PREVIOUS_BUSINESS_DAY = (
        "announcement_previous_business_day",
        "The announcement day had no ECB rate (weekend or TARGET holiday): the rate of "
        "the last earlier day that had one",
    )
    FIRST_REPORT_DAY = (
        "first_report_day",
        "No announcement day known: the rate of the day the earliest cited source was published",
    )
    FIRST_REPORT_PREVIOUS_BUSINESS_DAY = (
        "first_report_previous_business_day",
        "No announcement day known, and the earliest cited source's day had no ECB rate: "
        "the rate of the last earlier day that had one",
    )


class DateBasis(models.TextChoices):
    """The day an amount is converted on: when it was announced, else when first reported."""

    ANNOUNCEMENT = "announcement", "The pledge's announcement day"
    FIRST_REPORT = "first_report", "The publication day of the earliest cited source"


class UnconvertedReason(models.TextChoices):
    """Why an amount was left unconverted (never guessed)."""

    NO_DATE = (
        "no_date",
        "Neither the announcement nor any cited source has a date known to the day",
    )
    NO_RATE_FOR_CURRENCY = (
        "no_rate_for_currency",
        "Neither the ECB reference rates nor the table of fixed pegs have this currency",
    )
    DATE_OUTSIDE_RATES = (
        "date_outside_rates",
        "The announcement date lies outside the rates held for this currency (before the "
        "series or the peg began, or after the bundled table ends)",
    )
