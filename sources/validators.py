"""Rules on values that every app's models share: plausible dates, ISO 4217 currency
codes, look-up keys unique whatever their case.

Each rule is both a model validator or constraint check (the services' ``full_clean``,
the API's serializers and the admin's forms report it on the field) and a database
constraint (no writer can bypass it: bulk updates, raw SQL, restores).
"""

from __future__ import annotations

import datetime as dt

import pycountry
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q
from django.db.models.functions import Upper

# --- Dates ------------------------------------------------------------------------------

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
DATE_RANGE_MESSAGE = f"Give a date from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}."


def validate_plausible_date(value: dt.date) -> None:
    """A claim's or source's date lies in [EARLIEST_DATE, LATEST_DATE]: anything else is
    a typo (0001-01-01, 9999-12-31) and breaks date arithmetic near the calendar's ends."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(DATE_RANGE_MESSAGE, code="date_out_of_range")


#: ``validators=`` for a date field of a claim or source.
PLAUSIBLE = [validate_plausible_date]


def plausible_dates(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    """One CHECK per date column: NULL or within the plausible range."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{name}__isnull": True})
            | Q(**{f"{name}__range": (EARLIEST_DATE, LATEST_DATE)}),
            name=f"{prefix}_{name}_plausible",
            violation_error_message=DATE_RANGE_MESSAGE,
        )
        for name in fields
    ]


# --- Currencies ---------------------------------------------------------------------------

# ISO 4217 reserves these for tests and for "no currency": never an amount's currency.
NOT_MONEY = frozenset({"XTS", "XXX"})
# The codes in force, from pycountry. The CHECK constraints list them as they were when
# their migration was written: a pycountry release that adds or drops a code makes
# `makemigrations --check` report the change, and needs a migration (docs/architecture.md).
ISO_4217_CODES = tuple(sorted({c.alpha_3 for c in pycountry.currencies} - NOT_MONEY))
CURRENCY_MESSAGE = "Give an ISO 4217 currency code in upper case: USD, EUR, GBP ..."


def currency_choices() -> list[tuple[str, str]]:
    """The codes in force as a select's choices, each with its name ("EUR — Euro"), after
    an empty choice for "no amount"."""
    names = {c.alpha_3: c.name for c in pycountry.currencies}
    return [("", "—"), *((code, f"{code} — {names[code]}") for code in ISO_4217_CODES)]


def validate_currency(value: str) -> None:
    """``value`` is an ISO 4217 code in force (the empty string means no amount)."""
    if value and value not in ISO_4217_CODES:
        raise ValidationError(CURRENCY_MESSAGE, code="invalid_currency")


def currency_is_iso4217(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(currency="") | Q(currency__in=ISO_4217_CODES),
        name=f"{prefix}_currency_iso4217",
        violation_error_message=CURRENCY_MESSAGE,
    )


# --- Keys ---------------------------------------------------------------------------------


class UniqueIgnoringCase(models.UniqueConstraint):
    """``UNIQUE (upper(field))`` [``WHERE condition``]: a key keeps the case it was
    written in, but two rows cannot differ only by case, so a look-up that ignores case
    (``field__iexact``, which compares ``upper()``s) finds at most one row.

    Django reports a violated expression constraint as about the whole object; this
    one reports it on the field, so the API and the admin show it next to the input.
    """

    def __init__(self, field: str, *, name: str, condition=None, violation_error_message=None):
        self.field_name = field
        super().__init__(
            Upper(field),
            name=name,
            condition=condition,
            violation_error_code="unique",
            violation_error_message=violation_error_message,
        )

    def deconstruct(self):
        path, _, kwargs = super().deconstruct()
        kwargs.pop("violation_error_code", None)
        return path, (self.field_name,), kwargs

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as exc:
            raise ValidationError({self.field_name: exc.error_list}) from None


def dataset_key_unique_ignoring_case(prefix: str) -> UniqueIgnoringCase:
    """Curated-dataset keys (``dataset_key``, empty for rows entered by hand) ignore case."""
    return UniqueIgnoringCase(
        "dataset_key",
        condition=~Q(dataset_key=""),
        name=f"{prefix}_dataset_key_unique_ignoring_case",
        violation_error_message="Another record has this dataset key (keys ignore case).",
    )
