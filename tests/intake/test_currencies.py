"""Currencies as articles print them: symbols, codes and names, from CLDR via Babel."""

from decimal import Decimal

import pytest

from intake.extraction.currencies import currency_table
from intake.extraction.quantities import find_money
from sources.validators import ISO_4217_CODES


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Kyiv set aside ₴5 billion for drones.", Decimal("5e9"), "UAH"),
        ("Warsaw will spend 400 million zł on shells.", Decimal("4e8"), "PLN"),
        ("a package worth 2 billion Ukrainian hryvnias", Decimal("2e9"), "UAH"),
        ("a loan of 300 million Polish zlotys", Decimal("3e8"), "PLN"),
        ("Ankara pledged ₺150 million.", Decimal("1.5e8"), "TRY"),
        ("Prague gave Kč 900 million of ammunition.", Decimal("9e8"), "CZK"),
        ("Budapest offered 20 billion Hungarian forints.", Decimal("2e10"), "HUF"),
        ("an extra 7 million Swiss francs", Decimal("7e6"), "CHF"),
        ("Seoul gave 80 billion South Korean won.", Decimal("8e10"), "KRW"),
        ("Ottawa committed C$300 million.", Decimal("3e8"), "CAD"),
        ("Canberra gave A$50m.", Decimal("5e7"), "AUD"),
        ("an aid package of UAH 1.2 billion", Decimal("1.2e9"), "UAH"),
        ("a grant of 40 million Danish kroner", Decimal("4e7"), "DKK"),
        ("a purchase worth 3 billion roubles", Decimal("3e9"), "RUB"),
        ("funding of 1.5 billion Norwegian crowns", Decimal("1.5e9"), "NOK"),
        ("a grant of 200 million Czech crowns", Decimal("2e8"), "CZK"),
    ],
)
def test_a_currency_is_read_from_its_symbol_code_or_name(text, amount, currency):
    (money,) = find_money(text)
    assert (money.amount, money.currency) == (amount, currency)


def test_a_shared_currency_name_takes_the_actors_own_currency():
    (money,) = find_money("It will give 60 million pesos.", actor_currencies=frozenset({"MXN"}))
    assert money.currency == "MXN"


def test_bare_crowns_are_the_actors_own():
    (money,) = find_money("It will add 900 million crowns.", actor_currencies=frozenset({"SEK"}))
    assert money.currency == "SEK"


def test_a_shared_currency_name_with_no_usual_meaning_is_not_guessed():
    # "pesos" names eight currencies and none is the usual one: no currency is made up.
    assert find_money("It will give 60 million pesos.") == []


def test_a_code_that_is_also_a_word_in_capitals_is_not_money():
    assert find_money("ALL 28 MEMBERS BACK THE PLAN") == []


def test_the_table_holds_only_codes_the_database_accepts():
    table = currency_table()
    used = set(table.symbols.values()) | set(table.codes) | set(table.adjectives.values())
    used |= {code for _, family in table.nouns.values() for code in family}
    assert used <= set(ISO_4217_CODES)
    assert {"UAH", "PLN", "EUR", "GBP"} <= table.codes
