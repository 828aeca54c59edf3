"""money.convert: the day rule, the pegs, and amounts left unconverted with a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from money.choices import DateBasis, DateRule, UnconvertedReason
from money.convert import ECB_SOURCE, conversion_day, convert, rates_version
from money.pegs import PEGS

MILLION = Decimal("1000000")


def test_a_business_day_uses_its_own_ecb_rate():
    # Monday 15 September 2014, the day of the Paris conference: EUR/USD 1.2911.
    usd = convert(MILLION, "EUR", "USD", dt.date(2014, 9, 15))
    assert (usd.rate, usd.rate_date, usd.date_rule) == (
        Decimal("1.291100000000"),
        dt.date(2014, 9, 15),
        DateRule.ANNOUNCEMENT_DAY,
    )
    assert usd.amount == Decimal("1291100.00")
    assert usd.rates_source == ECB_SOURCE
    assert usd.rates_version == rates_version()
    assert "CurrencyConverter 0.18.23" in usd.rates_version


def test_a_saturday_takes_the_friday_rate():
    # Saturday 13 September 2014: no ECB fixing; Friday the 12th's is used.
    gbp = convert(Decimal("20000000"), "GBP", "USD", dt.date(2014, 9, 13))
    assert gbp.rate_date == dt.date(2014, 9, 12)
    assert gbp.date_rule == DateRule.ANNOUNCEMENT_PREVIOUS_BUSINESS_DAY
    friday = convert(Decimal("20000000"), "GBP", "USD", dt.date(2014, 9, 12))
    assert (gbp.rate, gbp.amount) == (friday.rate, friday.amount)
    assert friday.date_rule == DateRule.ANNOUNCEMENT_DAY


def test_christmas_and_boxing_day_fall_back_to_the_last_fixing_before():
    # 25 and 26 December 2014 were TARGET holidays; the 24th had a fixing.
    cad = convert(Decimal("15000000"), "CAD", "EUR", dt.date(2014, 12, 26))
    assert cad.rate_date == dt.date(2014, 12, 24)
    assert cad.date_rule == DateRule.ANNOUNCEMENT_PREVIOUS_BUSINESS_DAY


def test_the_stored_amount_is_the_stored_rate_times_the_original():
    aud = convert(Decimal("123456789.01"), "AUD", "USD", dt.date(2015, 3, 2))
    assert aud.amount == (Decimal("123456789.01") * aud.rate).quantize(Decimal("0.01"))


def test_a_saudi_riyal_amount_goes_through_the_peg():
    usd = convert(Decimal("375000000"), "SAR", "USD", dt.date(2014, 9, 13))
    assert usd.via_peg
    assert usd.amount == Decimal("100000000.00")
    assert usd.rate_date == dt.date(2014, 9, 13)  # the peg holds on a Saturday too
    assert usd.date_rule == DateRule.ANNOUNCEMENT_DAY
    assert "3.75" in usd.rates_source and "sama.gov.sa" in usd.rates_source

    eur = convert(Decimal("375000000"), "SAR", "EUR", dt.date(2014, 9, 13))
    # The peg to USD, then the ECB's USD rate of Friday the 12th.
    usd_to_eur = convert(Decimal(1), "USD", "EUR", dt.date(2014, 9, 12)).rate
    assert eur.via_peg and eur.rate_date == dt.date(2014, 9, 12)
    assert abs(eur.amount - Decimal("100000000") * usd_to_eur) < Decimal("1")
    assert "ECB" in eur.rates_source


def test_every_peg_names_its_central_bank_rate_and_start():
    assert set(PEGS) >= {"SAR", "AED", "QAR", "BHD", "JOD"}
    for peg in PEGS.values():
        assert peg.per_usd > 0 and peg.since.year >= 1980
        assert peg.url.startswith("https://") and str(peg.per_usd) in peg.source


def test_a_day_before_the_peg_is_not_converted():
    early = convert(MILLION, "JOD", "USD", dt.date(1994, 5, 1))
    assert early.amount is None and early.unconverted_reason == UnconvertedReason.DATE_OUTSIDE_RATES


def test_kuwaiti_and_iraqi_dinars_stay_unconverted_and_say_why():
    for currency in ("KWD", "IQD"):
        for target in ("USD", "EUR"):
            result = convert(MILLION, currency, target, dt.date(2014, 9, 15))
            assert result.amount is None and result.rate is None and result.rate_date is None
            assert result.unconverted_reason == UnconvertedReason.NO_RATE_FOR_CURRENCY


def test_a_rouble_after_the_ecb_stopped_publishing_it_is_unconverted():
    rub = convert(MILLION, "RUB", "USD", dt.date(2023, 6, 1))
    assert rub.unconverted_reason == UnconvertedReason.DATE_OUTSIDE_RATES


def test_a_day_after_the_bundled_table_is_unconverted_not_extrapolated():
    late = convert(MILLION, "GBP", "EUR", dt.date(2099, 1, 5))
    assert late.amount is None and late.unconverted_reason == UnconvertedReason.DATE_OUTSIDE_RATES


def test_the_same_currency_needs_no_rate_or_date():
    same = convert(MILLION, "USD", "USD", None)
    assert (same.amount, same.rate, same.rate_date, same.date_rule) == (
        MILLION,
        Decimal(1),
        None,
        DateRule.SAME_CURRENCY,
    )
    assert convert(MILLION, "USD", "EUR", None).unconverted_reason == UnconvertedReason.NO_DATE


def test_the_day_is_the_announcement_else_the_first_report():
    reports = [dt.date(2014, 9, 20), dt.date(2014, 9, 12)]
    assert conversion_day(dt.date(2014, 9, 15), "day", reports) == (
        dt.date(2014, 9, 15),
        DateBasis.ANNOUNCEMENT,
    )
    # "late September 2014" is not a day: the earliest report decides.
    assert conversion_day(dt.date(2014, 9, 1), "month", reports) == (
        dt.date(2014, 9, 12),
        DateBasis.FIRST_REPORT,
    )
    assert conversion_day(None, "day", []) == (None, DateBasis.ANNOUNCEMENT)
    first = convert(MILLION, "GBP", "USD", dt.date(2014, 9, 13), DateBasis.FIRST_REPORT)
    assert first.date_rule == DateRule.FIRST_REPORT_PREVIOUS_BUSINESS_DAY
