"""How articles write currencies: symbols, ISO codes and names, from CLDR (Babel).

Babel's English data gives every currency in force its symbol ("A$", "£", "₹") and its
singular and plural names ("Danish krone", "Danish kroner"); the symbol each country
prints at home ("₴", "zł", "₺") comes from the country's own locale. A few forms the
press uses and CLDR does not ("C$", "US$", "roubles", "sterling") are added by hand.
Only codes that ``sources.validators`` accepts are ever returned, so a proposal never
holds a currency the database refuses.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

from sources.validators import ISO_4217_CODES

# Press forms that CLDR's English data does not list; they win over CLDR's.
PRESS_SYMBOLS = {
    "US$": "USD",
    "$": "USD",
    "C$": "CAD",
    "Can$": "CAD",
    "CDN$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "¥": "JPY",
}
# Currency words a bare mention most often means ("dollars": USD unless the actor's own
# currency is a dollar). A noun not listed here means a currency only when a single code
# has it, or when the actor's own currency has it.
NOUN_DEFAULTS = {
    "dollar": "USD",
    "pound": "GBP",
    "euro": "EUR",
    "krone": "NOK",
    "krona": "SEK",
    "yen": "JPY",
    "yuan": "CNY",
    "riyal": "SAR",
    "rial": "OMR",
    "dirham": "AED",
    "dinar": "KWD",
    "franc": "CHF",
    "rupee": "INR",
    "ruble": "RUB",
    "lira": "TRY",
    "won": "KRW",
}
# Spellings the press uses beside CLDR's: noun -> the CLDR noun it stands for.
NOUN_VARIANTS = {
    "rouble": "ruble",
    "sterling": "pound",
    "pounds sterling": "pound",
    "zloty": "zloty",
    "hryvna": "hryvnia",
    "kroner": "krone",
    "kronor": "krona",
    "lire": "lira",
}
CROWN_NOUNS = ("krone", "kroner", "krona", "kronor", "koruna", "korunas")
# Codes that are also English words in capitals ("ALL 28 MEMBERS"): never read as a code.
WORD_CODES = frozenset({"ALL", "TOP", "CUP", "SOS", "MOP", "PEN", "BOB", "MAD", "GEL"})


@dataclass(frozen=True)
class CurrencyTable:
    #: printed symbol -> code ("£" -> "GBP", "zł" -> "PLN")
    symbols: dict[str, str]
    #: ISO codes an article may print before or after an amount
    codes: frozenset[str]
    #: noun as printed ("kroner", "dollar") -> (its usual code or "", every code it names)
    nouns: dict[str, tuple[str, frozenset[str]]]
    #: (adjective, noun) -> code: ("danish", "kroner") -> "DKK"
    adjectives: dict[tuple[str, str], str]


@cache
def currency_table() -> CurrencyTable:
    codes = [code for code in ISO_4217_CODES if _named(code)]
    symbols: dict[str, str] = {}
    for code in codes:
        symbol = get_currency_symbol(code, locale="en")
        if symbol != code and not symbol.isalpha():
            symbols.setdefault(symbol, code)
    for code in codes:
        for symbol in _home_symbols(code):
            symbols.setdefault(symbol, code)
    symbols.update(PRESS_SYMBOLS)

    families: dict[str, set[str]] = {}
    adjectives: dict[tuple[str, str], str] = {}
    for code in codes:
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en").lower()
            *adjective, noun = name.split()
            families.setdefault(noun, set()).add(code)
            if adjective:
                adjectives.setdefault((" ".join(adjective), noun), code)
    singular = {
        get_currency_name(code, count=2, locale="en").lower().split()[-1]: get_currency_name(
            code, count=1, locale="en"
        )
        .lower()
        .split()[-1]
        for code in codes
    }
    nouns: dict[str, tuple[str, frozenset[str]]] = {}
    for noun, family in families.items():
        base = singular.get(noun, noun)
        default = NOUN_DEFAULTS.get(base) or (next(iter(family)) if len(family) == 1 else "")
        nouns[noun] = (default, frozenset(family))
    for variant, base in NOUN_VARIANTS.items():
        plural = next((p for p, s in singular.items() if s == base), base)
        family = families.get(base, set()) | families.get(plural, set())
        if family:
            default = NOUN_DEFAULTS.get(base) or (next(iter(family)) if len(family) == 1 else "")
            for form in {variant, *_plurals(variant)}:
                nouns.setdefault(form, (default, frozenset(family)))
    if "pound" in families:
        nouns["sterling"] = nouns["pounds sterling"] = ("GBP", frozenset({"GBP"}))
    # English news copy translates krone, krona and koruna as "crown": "1.5 billion Norwegian
    # crowns", or bare "crowns" for the actor's own.
    crowns = {c for base in CROWN_NOUNS for c in families.get(base, set())}
    if crowns:
        nouns["crowns"] = nouns["crown"] = ("", frozenset(crowns))
        for (adjective, noun), code in list(adjectives.items()):
            if noun in CROWN_NOUNS:
                adjectives.setdefault((adjective, "crowns"), code)
                adjectives.setdefault((adjective, "crown"), code)
    return CurrencyTable(
        symbols=symbols,
        codes=frozenset(code for code in codes if code not in WORD_CODES),
        nouns=nouns,
        adjectives=adjectives,
    )


def _named(code: str) -> bool:
    """CLDR knows the code by a name of its own (not just the code again)."""
    return get_currency_name(code, locale="en") != code


def _home_symbols(code: str) -> set[str]:
    """The symbol each territory using ``code`` prints, in its own languages, when it is
    not letters alone ("₴" and "zł" are kept; "kr" and "Ft" could be words)."""
    found: set[str] = set()
    for territory in _territories(code):
        for language in _languages(territory):
            try:
                symbol = Locale(language, territory).currency_symbols.get(code, "")
            except (UnknownLocaleError, ValueError):
                continue
            symbol = "".join(ch for ch in symbol if unicodedata.category(ch)[0] not in "CZ")
            if not symbol or symbol == code or "$" in symbol:
                continue
            if not symbol.isascii() or not symbol.replace(".", "").isalnum():
                found.add(symbol)
    return found


@cache
def _territory_table() -> dict[str, list[str]]:
    from babel.core import get_global

    table: dict[str, list[str]] = {}
    for territory in get_global("territory_currencies"):
        for code in get_territory_currencies(territory):
            table.setdefault(code, []).append(territory)
    return table


def _territories(code: str) -> list[str]:
    return _territory_table().get(code, [])


def _languages(territory: str) -> list[str]:
    """The territory's most spoken official language (one locale each keeps the table
    quick to build)."""
    from babel.core import get_global

    languages = get_global("territory_languages").get(territory, {})
    official = [
        (info.get("population_percent", 0), lang)
        for lang, info in languages.items()
        if info.get("official_status") == "official"
    ]
    return [max(official)[1]] if official else []


def _plurals(word: str) -> set[str]:
    return {word + "s"} if not word.endswith("s") else set()
