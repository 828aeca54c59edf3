"""Demonyms, capitals and other names of countries, keyed by ISO 3166-1 alpha-3.

The tables come from the ``countryinfo`` package (offline JSON shipped in the wheel,
maintained upstream), with a few curated corrections for the way wire reports write:
"Washington" (countryinfo says "Washington D.C."), "Saudi" (it says "Saudi Arabian"),
capitals that are also common first names or surnames left out, and ambiguous
demonyms given to the sovereign state (French -> FRA, not Réunion).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from countryinfo import all_countries

# Curated additions: forms wire copy uses that countryinfo does not list.
EXTRA_DEMONYMS: dict[str, str] = {
    "Saudi": "SAU",
    "Emirati": "ARE",
    "Argentine": "ARG",
    "Slovenian": "SVN",
    "Kyrgyz": "KGZ",
    "Tajik": "TJK",
    "Uzbek": "UZB",
    "Kazakh": "KAZ",
    "Bosnian": "BIH",
    "Cape Verdean": "CPV",
    "Ecuadorian": "ECU",
    "Maldivian": "MDV",
    "Vatican": "VAT",
}
EXTRA_CAPITALS: dict[str, str] = {
    "Washington": "USA",
    "Kiev": "UKR",
    "Astana": "KAZ",
    "Sanaa": "YEM",
    "Delhi": "IND",
    # the seat of government the press names for the Netherlands (countryinfo gives the
    # capital, Amsterdam)
    "The Hague": "NLD",
}
# Short forms that are safe to read as a country (other two- and three-letter codes
# collide with words and acronyms: "IS" is Iceland's code and the Islamic State's name).
EXTRA_NAMES: dict[str, str] = {
    "US": "USA",
    "U.S.": "USA",
    "USA": "USA",
    "U.S.A.": "USA",
    "UK": "GBR",
    "U.K.": "GBR",
    "UAE": "ARE",
    "Britain": "GBR",
    "Great Britain": "GBR",
    "Holland": "NLD",
    "the Netherlands": "NLD",
    "Turkey": "TUR",
    "Russia": "RUS",
    "South Korea": "KOR",
    "North Korea": "PRK",
    "Iran": "IRN",
    "Syria": "SYR",
    "Czech Republic": "CZE",
}
# Capitals that are more often a person's name (or another place) in news copy.
AMBIGUOUS_CAPITALS = frozenset(
    {
        "Victoria",
        "City of Victoria",
        "Hamilton",
        "Douglas",
        "Stanley",
        "Kingston",
        "Jamestown",
        "Plymouth",
        "George Town",
        "Georgetown",
        "The Valley",
        "Saint-Denis",
        "Washington D.C.",
        "West Island",
        "Diego Garcia",
        "Gibraltar",
        "Luxembourg",
        "Monaco",
        "Singapore",
        "Djibouti",
        "Kralendijk / Oranjestad / The Bottom",
        "Santiago",
    }
)
# Preferred country when a demonym is shared (countryinfo gives "French" to France and
# its overseas departments, "Chinese" to China, Hong Kong and Macao ...).
PREFERRED = {"FRA", "USA", "CHN", "NOR", "IND", "COD", "DOM", "GBR"}


@dataclass(frozen=True)
class CountryNames:
    demonyms: dict[str, str]
    capitals: dict[str, str]
    names: dict[str, str]


@functools.cache
def country_names() -> CountryNames:
    """Demonym, capital and name (incl. alternative spellings) -> alpha-3."""
    demonyms: dict[str, set[str]] = {}
    capitals: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha3")
        if not code:
            continue
        for value in _values(info.get("demonym")):
            for part in value.split(","):
                demonyms.setdefault(part.strip(), set()).add(code)
        for value in _values(info.get("capital")):
            if value not in AMBIGUOUS_CAPITALS:
                capitals.setdefault(value, set()).add(code)
        for value in [*_values(info.get("name")), *_values(info.get("altSpellings"))]:
            # Codes ("AU", "IS", "NLD") collide with acronyms; EXTRA_NAMES has the safe ones.
            if len(value) > 3 and not value.isupper():
                names.setdefault(value, set()).add(code)
    return CountryNames(
        demonyms={**_resolve(demonyms), **EXTRA_DEMONYMS},
        capitals={**_resolve(capitals), **EXTRA_CAPITALS},
        names={**_resolve(names), **EXTRA_NAMES},
    )


def _values(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str) and v]


def _resolve(table: dict[str, set[str]]) -> dict[str, str]:
    resolved = {}
    for key, codes in table.items():
        if len(codes) == 1:
            resolved[key] = next(iter(codes))
        elif preferred := sorted(codes & PREFERRED):
            resolved[key] = preferred[0]
    return resolved


@functools.cache
def country_currencies() -> dict[str, frozenset[str]]:
    """alpha-3 -> the ISO 4217 currencies the country uses (to read "kroner", "dollars")."""
    table: dict[str, frozenset[str]] = {}
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha3")
        if code:
            table[code] = frozenset(c for c in _values(info.get("currencies")) if len(c) == 3)
    return table
