"""Numbers (digits or words) with their qualifier, and amounts of money.

``find_quantities("up to 10 military aircraft")`` -> one ``Quantity`` (10, up_to);
``find_money("an additional $500m")`` -> one ``Money`` (500000000, USD). Qualifier
values are those of ``coalition.choices.QuantityQualifier``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from intake.extraction.currencies import CurrencyTable, currency_table

EXACT, ABOUT, AT_LEAST, MORE_THAN, UP_TO, RANGE = (
    "exact",
    "about",
    "at_least",
    "more_than",
    "up_to",
    "range",
)

UNITS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
MAGNITUDES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
}

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
# At most eight words ("two hundred and forty-five thousand ..."): an unbounded run made
# every start in "a a a ... a" try the whole run again, quadratic in the sentence.
_WORD_NUMBER = rf"(?:(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD})){{0,8}})"
# Thousands grouped by commas, or by a space as European copy writes them ("800 000
# shells", with a plain, no-break or thin space).
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})(?:\s+(?:million|billion))?"

_QUALIFIERS = [
    (UP_TO, r"up\s+to|as\s+many\s+as|a\s+maximum\s+of|no\s+more\s+than"),
    (AT_LEAST, r"at\s+least|a\s+minimum\s+of|no\s+fewer\s+than|no\s+less\s+than"),
    (MORE_THAN, r"more\s+than|over|upwards\s+of|in\s+excess\s+of"),
    (
        ABOUT,
        r"about|around|some|approximately|roughly|nearly|almost|an\s+estimated|"
        r"close\s+to|an?\s+approximate",
    ),
]
_QUALIFIER_RE = "|".join(f"(?P<{name}>{rx})" for name, rx in _QUALIFIERS)

_RANGE_RE = re.compile(
    rf"(?<![\w$£€])(?:between\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})"
    rf"|(?P<c>{_DIGITS})\s*(?:-|\u2013|to)\s*(?P<d>{_DIGITS}))(?![\w%])",
    re.IGNORECASE,
)
_QUANTITY_RE = re.compile(
    rf"(?<![\w$£€.,/-])(?:(?:{_QUALIFIER_RE})\s+)?(?P<n>{_NUMBER})(?![\w%]|[.,]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: int
    qualifier: str = EXACT
    value_max: int | None = None


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    amount: Decimal
    currency: str
    currency_word: str = ""
    # A printed conversion ("C$5 billion ($3.7 billion)"): kept as reported, not a claim.
    conversion: Money | None = None


_ORDINAL_WORDS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}


def parse_ordinal(text: str) -> Decimal | None:
    """``"9th"`` -> 9, ``"ninth"`` -> 9, ``"sixty-fifth"`` -> 65."""
    text = text.strip().lower()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text)
    if digits:
        return Decimal(digits.group(1))
    head, _, last = text.rpartition("-") if "-" in text else ("", "", text)
    if last in _ORDINAL_WORDS:
        cardinal = _ORDINAL_WORDS[last]
    elif last.endswith("ieth"):
        cardinal = last[: -len("ieth")] + "y"  # "twentieth"
    elif last.endswith("th"):
        cardinal = last[: -len("th")]  # "fourth", "sixteenth", "hundredth"
    else:
        return None
    return parse_number(f"{head} {cardinal}" if head else cardinal)


def parse_number(text: str) -> Decimal | None:
    """``"1,500"`` -> 1500, ``"1.5 million"`` -> 1500000, ``"twenty-five"`` -> 25."""
    text = text.strip().lower().replace("\u00a0", " ")
    match = re.fullmatch(rf"({_DIGITS})(?:\s+(million|billion))?", text)
    if match:
        try:
            value = Decimal(re.sub(r"[, \u202f]", "", match.group(1)))
        except InvalidOperation:
            return None
        if match.group(2):
            value *= MAGNITUDES[match.group(2)]
        return value
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words or any(w not in UNITS and w not in TENS and w not in SCALES for w in words):
        return None
    if words in (["a"], ["an"]):
        return None
    total, current = 0, 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        else:
            scale = SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
    return Decimal(total + current)


_DURATION_RE = re.compile(
    r"[-\s\u00a0](?:weeks?|months?|days?|years?|hours?|minutes?|decades?)\b", re.IGNORECASE
)


def find_quantities(text: str) -> list[Quantity]:
    """Counts in ``text`` with their qualifier; ranges ("between 20 and 30") included."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE_RE.finditer(text):
        low = parse_number(match.group("a") or match.group("c"))
        high = parse_number(match.group("b") or match.group("d"))
        if low is None or high is None or not (0 < low < high) or not _whole(low, high):
            continue
        found.append(Quantity(match.start(), match.end(), int(low), RANGE, int(high)))
        taken.append(match.span())
    for match in _QUANTITY_RE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        value = parse_number(match.group("n"))
        if value is None or value <= 0 or not _whole(value):
            continue
        if _DURATION_RE.match(text, match.end()):
            continue  # "a four-week course", "for six months": a length of time
        qualifier = next((name for name, _ in _QUALIFIERS if match.group(name)), EXACT)
        found.append(Quantity(match.start(), match.end(), int(value), qualifier))
    return sorted(found, key=lambda q: q.start)


def _whole(*values: Decimal) -> bool:
    return all(v == v.to_integral_value() for v in values)


# ---------------------------------------------------------------------------- money

_MAG = r"(?:\s?(?P<mag>bn|mn|mln|m|b|k|tn)(?![\w])|\s+(?P<magw>million|billion|trillion|thousand))?"


@dataclass(frozen=True)
class _MoneyPatterns:
    symbol_before: re.Pattern
    symbol_after: re.Pattern
    code_before: re.Pattern
    words: re.Pattern


def _alternation(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


@cache
def _money_patterns() -> _MoneyPatterns:
    """The money patterns, built once from the currency table (CLDR via Babel)."""
    table = currency_table()
    symbols = _alternation(table.symbols)
    # After the amount: a symbol that is not a dollar sign ("500 zł", "5 млрд ₴" aside).
    after = _alternation(s for s in table.symbols if "$" not in s and not s[-1].isalnum())
    letters_after = _alternation(
        s for s in table.symbols if "$" not in s and s[-1].isalnum() and not s.isascii()
    )
    codes = "|".join(sorted(table.codes))
    adjectives = _alternation(a for a, _ in table.adjectives)
    nouns = _alternation(table.nouns)
    return _MoneyPatterns(
        symbol_before=re.compile(rf"(?P<sym>{symbols})\s?(?P<num>{_DIGITS}){_MAG}", re.IGNORECASE),
        symbol_after=re.compile(
            rf"(?<![\w$£€])(?P<num>{_DIGITS}){_MAG}\s?"
            rf"(?:(?P<sym>{after})|(?P<symw>{letters_after})(?!\w))"
        ),
        code_before=re.compile(rf"\b(?P<code>{codes})\s?(?P<num>{_DIGITS}){_MAG}"),
        words=re.compile(
            rf"(?<![\w$£€])(?P<num>{_DIGITS}|{_WORD_NUMBER}){_MAG}\s+"
            rf"(?:(?P<adj>{adjectives})\s+)?(?:(?P<code>{codes})\b|(?P<word>{nouns})(?![\w]))",
            re.IGNORECASE,
        ),
    )


def find_money(text: str, *, actor_currencies: frozenset[str] = frozenset()) -> list[Money]:
    """Amounts of money in ``text``. ``actor_currencies`` (the currencies of the actor
    the amount belongs to) resolve words such as "kroner" or "dollars" when no symbol
    or adjective fixes them."""
    found: list[Money] = []

    def add(match: re.Match, currency: str, word: str = "") -> None:
        if any(m.start < match.end() and match.start() < m.end for m in found):
            return
        value = parse_number(match.group("num"))
        if value is None or value <= 0:
            return
        magnitude = match.group("mag") or match.group("magw")
        if magnitude:
            value *= MAGNITUDES[magnitude.lower()]
        found.append(Money(match.start(), match.end(), value, currency, word))

    table = currency_table()
    patterns = _money_patterns()
    for match in patterns.symbol_before.finditer(text):
        symbol = match.group("sym")
        add(match, _symbol_code(table, symbol))
    for match in patterns.symbol_after.finditer(text):
        add(match, _symbol_code(table, match.group("sym") or match.group("symw")))
    for match in patterns.code_before.finditer(text):
        add(match, match.group("code"))
    for match in patterns.words.finditer(text):
        if match.group("code"):
            add(match, match.group("code").upper())
            continue
        word = match.group("word").lower()
        adjective = (match.group("adj") or "").lower()
        currency = table.adjectives.get((adjective, word))
        if currency is None:
            default, family = table.nouns[word]
            own = sorted(family & actor_currencies)
            currency = own[0] if own else default
        if currency:
            add(match, currency, word)
    return _fold_conversions(text, sorted(found, key=lambda m: m.start))


def _symbol_code(table: CurrencyTable, symbol: str) -> str:
    """The code a printed symbol stands for; matched without case ("c$"), so the table is
    looked up folded too."""
    return table.symbols.get(symbol) or _folded_symbols().get(symbol.casefold(), "USD")


@cache
def _folded_symbols() -> dict[str, str]:
    folded: dict[str, str] = {}
    for printed, code in currency_table().symbols.items():
        folded.setdefault(printed.casefold(), code)
    return folded


_CONVERSION_GAP_RE = re.compile(
    r"\s*(?:[(\[]\s*|,?\s+or\s+|,\s+|\s+-\s+|\s+\u2014\s*)"
    r"(?:(?:about|around|roughly|approximately|some|nearly|almost|equivalent\s+to|worth)\s+)?",
    re.IGNORECASE,
)


def _fold_conversions(text: str, found: list[Money]) -> list[Money]:
    """An amount in another currency printed right after an amount is its conversion."""
    folded: list[Money] = []
    for money in found:
        if folded:
            last = folded[-1]
            gap = text[last.end : money.start]
            if (
                money.currency != last.currency
                and last.conversion is None
                and _CONVERSION_GAP_RE.fullmatch(gap)
            ):
                folded[-1] = replace(last, conversion=money)
                continue
        folded.append(money)
    return folded
