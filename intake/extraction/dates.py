"""Dates a sentence gives: "on 12 September", "Sept. 12, 2014", "in March 2023", "on
Friday", "yesterday".

A date without its year, a weekday or "yesterday" needs the article's own date (its
``reference``); without one, only dates that carry their year are resolved. The spans
are found here; the calendar arithmetic of month names and abbreviations is dateparser's.
Values carry a precision (``sources.choices.DatePrecision``): "in March 2023" is
2023-03-01, month.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

DAY, MONTH, YEAR = "day", "month", "year"

_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[89]\d|20\d\d)"

_DATE_RE = re.compile(
    # "12 September 2014", "12 Sept."; "September 12, 2014", "Sept. 12"
    rf"\b(?P<dmy>{_DAY_NUMBER}\s+{_MONTHS}(?:,?\s+{_YEAR})?)(?![\w-])|"
    rf"\b(?P<mdy>{_MONTHS}\s+{_DAY_NUMBER}(?:,?\s+{_YEAR})?)(?![\w-])|"
    # "in March 2023", "in March", "since February 2022", "by the end of March"
    rf"\b(?:in|since|by|until|from|of|early|late|mid-?)\s+(?:the\s+end\s+of\s+)?"
    rf"(?P<my>{_MONTHS}(?:\s+{_YEAR})?)(?![\w-])|"
    # "on Friday", "late Monday", "yesterday"
    r"\b(?P<weekday>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b|"
    r"\b(?P<relative>yesterday|today)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: dt.date
    precision: str = DAY


def day_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a day of a month ("February 22", "6 October"), resolved or
    not: its number is a date, never a count."""
    return [match.span() for match in _DAY_RE.finditer(text)]


_DAY_RE = re.compile(
    rf"\b(?:{_DAY_NUMBER}\s+{_MONTHS}|{_MONTHS}\s+{_DAY_NUMBER})(?:,?\s+{_YEAR})?(?![\w-])",
    re.IGNORECASE,
)


def find_dates(text: str, *, reference: dt.date | None = None) -> list[DateMention]:
    """The dates ``text`` states, resolved against ``reference`` (the article's date)."""
    found: list[DateMention] = []
    for match in _DATE_RE.finditer(text):
        mention = _resolve(match, reference)
        if mention is not None:
            found.append(mention)
    return found


def _resolve(match: re.Match, reference: dt.date | None) -> DateMention | None:
    start, end = match.span()
    if match.group("my"):
        start = match.start("my")  # "by March": the date is March; "by" says what it is
    if match.group("weekday") or match.group("relative"):
        if reference is None:
            return None
        word = (match.group("weekday") or match.group("relative")).lower()
        if word == "today":
            return DateMention(start, end, reference)
        if word == "yesterday":
            return DateMention(start, end, reference - dt.timedelta(days=1))
        # the most recent such day, the article's own day included ("said on Friday")
        back = (reference.weekday() - _WEEKDAYS.index(word)) % 7
        return DateMention(start, end, reference - dt.timedelta(days=back))
    written = match.group("dmy") or match.group("mdy") or match.group("my")
    has_year = bool(re.search(_YEAR, written))
    if not has_year and reference is None:
        return None
    base = dt.datetime.combine(reference or dt.date(2000, 1, 1), dt.time())
    parsed = dateparser.parse(
        written.replace(".", ""),
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first"},
    )
    if parsed is None:
        return None
    value = parsed.date()
    precision = DAY
    if match.group("my"):
        value, precision = value.replace(day=1), MONTH
    if not has_year and reference is not None and value > reference + dt.timedelta(days=31):
        # "on 20 December" in an article of 3 January: last year's
        value = value.replace(year=value.year - 1)
    return DateMention(start, end, value, precision)
