"""Converting an amount to USD and EUR on a day: the ECB reference rates bundled with
CurrencyConverter, and the fixed pegs of ``money.pegs`` for the Gulf and Jordanian
currencies the ECB does not publish.

The rule that picks the rate's day: the announcement day (known to the day), else the
publication day of the earliest cited source; when that day has no ECB rate (a weekend, a
TARGET holiday), the last earlier day that has one, at most a week back. A
currency that is in neither table, a day outside the rates held, or no day at all leaves
the amount unconverted, with the reason. Nothing is interpolated or guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from importlib.metadata import version

from currency_converter import CurrencyConverter, RateNotFoundError

from money.choices import ConversionTarget, DateBasis, DateRule, UnconvertedReason
from money.pegs import PEGS, PEGS_VERSION, Peg

ECB_SOURCE = (
    "ECB euro foreign exchange reference rates (eurofxref-hist), bundled with CurrencyConverter"
)
#: How far back the previous business day is looked for (the longest ECB closure is 4 days).
LOOKBACK_DAYS = 7
CENT = Decimal("0.01")
RATE_PLACES = Decimal("1E-12")


@dataclass(frozen=True)
class Conversion:
    """One amount in one target currency, or why there is none."""

    target: str
    amount: Decimal | None = None
    rate: Decimal | None = None  # target units per unit of the original currency
    rate_date: dt.date | None = None
    date_rule: str = ""
    rates_source: str = ""
    rates_version: str = ""
    via_peg: bool = False
    unconverted_reason: str = ""


@functools.cache
def ecb_rates() -> CurrencyConverter:
    """The bundled ECB table, parsed once per process (about 1.5 s)."""
    return CurrencyConverter(decimal=True)


def rates_version() -> str:
    """What a stored conversion was computed with: the package (and so the ECB table's
    last day) and the pegs' revision. ``recompute_conversions`` redoes the rows whose
    version differs."""
    last = ecb_rates().bounds["USD"].last_date
    return f"CurrencyConverter {version('CurrencyConverter')} (ECB to {last}); {PEGS_VERSION}"


def _ecb_rate(currency: str, target: str, day: dt.date) -> Decimal | None:
    """Target units per unit of ``currency`` on ``day``, if the ECB published both."""
    try:
        return ecb_rates().convert(Decimal(1), currency, target, date=day)
    except RateNotFoundError:
        return None


def _ecb_day(currency: str, target: str, day: dt.date) -> tuple[dt.date, Decimal] | None:
    """The rule's day and rate: ``day`` if it has a rate, else the last earlier day that has
    one (within ``LOOKBACK_DAYS``), else None."""
    for back in range(LOOKBACK_DAYS + 1):
        candidate = day - dt.timedelta(days=back)
        rate = _ecb_rate(currency, target, candidate)
        if rate is not None:
            return candidate, rate
    return None


def _in_bounds(currency: str, day: dt.date) -> bool:
    bounds = ecb_rates().bounds.get(currency)
    return bounds is not None and bounds.first_date <= day <= bounds.last_date


def convert(
    amount: Decimal,
    currency: str,
    target: str,
    day: dt.date | None,
    basis: str = DateBasis.ANNOUNCEMENT,
) -> Conversion:
    """``amount`` of ``currency`` in ``target`` (USD or EUR) on ``day``, which is the
    announcement day or the first report's (``basis``: named in the stored rule)."""
    target = ConversionTarget(target).value
    if currency == target:
        return Conversion(
            target,
            amount=amount,
            rate=Decimal(1),
            rate_date=None,
            date_rule=DateRule.SAME_CURRENCY,
            rates_source="",
            rates_version=rates_version(),
        )
    unconverted = functools.partial(Conversion, target, rates_version=rates_version())
    if day is None:
        return unconverted(unconverted_reason=UnconvertedReason.NO_DATE)
    peg = PEGS.get(currency)
    if peg is not None:
        return _via_peg(amount, peg, target, day, basis)
    if currency not in ecb_rates().currencies:
        return unconverted(unconverted_reason=UnconvertedReason.NO_RATE_FOR_CURRENCY)
    if not (_in_bounds(currency, day) and _in_bounds(target, day)):
        return unconverted(unconverted_reason=UnconvertedReason.DATE_OUTSIDE_RATES)
    found = _ecb_day(currency, target, day)
    if found is None:
        return unconverted(unconverted_reason=UnconvertedReason.DATE_OUTSIDE_RATES)
    rate_date, rate = found
    return _converted(amount, target, rate, rate_date, day, basis, ECB_SOURCE, via_peg=False)


def _via_peg(amount: Decimal, peg: Peg, target: str, day: dt.date, basis: str) -> Conversion:
    """A pegged currency: to USD at the peg (any day since it holds), to EUR at the peg
    then the ECB's USD rate by the same day rule."""
    if day < peg.since:
        return Conversion(
            target,
            rates_version=rates_version(),
            via_peg=True,
            unconverted_reason=UnconvertedReason.DATE_OUTSIDE_RATES,
        )
    to_usd = Decimal(1) / peg.per_usd
    source = f"{peg.source}, {peg.url}"
    if target == ConversionTarget.USD:
        return _converted(amount, target, to_usd, day, day, basis, source, via_peg=True)
    found = _ecb_day("USD", target, day) if _in_bounds("USD", day) else None
    if found is None:
        return Conversion(
            target,
            rates_version=rates_version(),
            via_peg=True,
            unconverted_reason=UnconvertedReason.DATE_OUTSIDE_RATES,
        )
    rate_date, usd_rate = found
    source = f"{source}; then {ECB_SOURCE}"
    rate = to_usd * usd_rate
    return _converted(amount, target, rate, rate_date, day, basis, source, via_peg=True)


_RULES = {
    (DateBasis.ANNOUNCEMENT, True): DateRule.ANNOUNCEMENT_DAY,
    (DateBasis.ANNOUNCEMENT, False): DateRule.ANNOUNCEMENT_PREVIOUS_BUSINESS_DAY,
    (DateBasis.FIRST_REPORT, True): DateRule.FIRST_REPORT_DAY,
    (DateBasis.FIRST_REPORT, False): DateRule.FIRST_REPORT_PREVIOUS_BUSINESS_DAY,
}


def _converted(amount, target, rate, rate_date, day, basis, source, *, via_peg) -> Conversion:
    """The stored rate is rounded to 12 places, and the amount is computed from it, so
    ``amount == round(original * rate, 2)`` holds for what is stored."""
    rule = _RULES[DateBasis(basis), rate_date == day]
    rate = rate.quantize(RATE_PLACES, rounding=ROUND_HALF_EVEN)
    return Conversion(
        target,
        amount=(amount * rate).quantize(CENT, rounding=ROUND_HALF_EVEN),
        rate=rate,
        rate_date=rate_date,
        date_rule=rule,
        rates_source=source,
        rates_version=rates_version(),
        via_peg=via_peg,
    )


def conversion_day(
    announced_on: dt.date | None, announced_precision: str, reported_on: list[dt.date]
) -> tuple[dt.date | None, str]:
    """The day to convert on and its basis: the announcement day when it is known to the
    day, else the earliest day-precise publication day of the cited sources (``reported_on``),
    else None (the amount stays unconverted)."""
    if announced_on is not None and announced_precision == "day":
        return announced_on, DateBasis.ANNOUNCEMENT
    if reported_on:
        return min(reported_on), DateBasis.FIRST_REPORT
    return None, DateBasis.ANNOUNCEMENT


def conversions(
    amount: Decimal, currency: str, day: dt.date | None, basis: str = DateBasis.ANNOUNCEMENT
) -> list[Conversion]:
    """The amount in every target currency (USD, EUR), each converted or not."""
    return [convert(amount, currency, t, day, basis) for t in ConversionTarget.values]
