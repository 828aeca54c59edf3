"""The extractor on articles written for these tests, and its parts one by one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intake.extraction.actors import ActorRecord, Gazetteer
from intake.extraction.cues import find_kind_cues, find_status_cues
from intake.extraction.extractor import Extractor
from intake.extraction.quantities import find_money, find_quantities, parse_number
from intake.extraction.sentences import split_sentences
from tests.intake.articles import ARTICLES

# The module-scoped extractor reads the Actor table the migrations fill.
pytestmark = pytest.mark.django_db


def claim_rows(claims):
    return {
        (
            c.actor,
            c.kind,
            c.status,
            c.quantity,
            c.quantity_qualifier,
            c.amount,
            c.currency,
            c.recipient,
            c.host,
        )
        for c in claims
    }


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_wire_article_gives_exactly_the_expected_claims(extractor, name):
    text, expected = ARTICLES[name]
    claims = extractor.extract(text)
    assert claim_rows(claims) == expected
    for claim in claims:
        assert claim.quote in text
        assert text[claim.quote_start : claim.quote_start + len(claim.quote)] == claim.quote
        assert 0 <= claim.confidence <= 1


def test_extraction_is_deterministic(extractor):
    text = ARTICLES["canberra"][0]
    assert extractor.extract(text) == extractor.extract(text)


# ----------------------------------------------------------------------- sentences


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = (
        "The U.S. President said Gen. Smith and Mr. Jones would go. France agreed.\n\n"
        "A headline without a stop\nIt said “we will help.” Then it left."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. President said Gen. Smith and Mr. Jones would go.",
        "France agreed.",
        "A headline without a stop",
        "It said “we will help.”",
        "Then it left.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_sentences_join_hard_wrapped_lines_and_split_glued_photo_credits():
    text = (
        "Canada said it would send six jets and\ntwo tankers to the region.\n"
        "Photo caption by CanadaImage: AP"
    )
    assert [s.text for s in split_sentences(text)] == [
        "Canada said it would send six jets and\ntwo tankers to the region.",
        "Photo caption by Canada",
        "Image: AP",
    ]


# ---------------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "maximum"),
    [
        ("up to 10 aircraft", 10, "up_to", None),
        ("about 130 advisers", 130, "about", None),
        ("six F-16s", 6, "exact", None),
        ("twenty-five trainers", 25, "exact", None),
        ("a dozen jets", 12, "exact", None),
        ("at least 1,200 soldiers", 1200, "at_least", None),
        ("more than 300 sorties", 300, "more_than", None),
        ("as many as eight drones", 8, "up_to", None),
        ("between 20,000 and 31,500 fighters", 20000, "range", 31500),
        ("some three hundred marines", 300, "about", None),
    ],
)
def test_quantities_in_digits_and_words_with_qualifiers(text, value, qualifier, maximum):
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.qualifier, quantity.value_max) == (value, qualifier, maximum)


def test_aircraft_designations_are_not_quantities():
    assert find_quantities("CF-18 Hornets and F/A-18s") == []


def test_parse_number():
    assert parse_number("one hundred and fifty") == 150
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("several") is None


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$500m", "500000000", "USD"),
        ("500 million dollars", "500000000", "USD"),
        ("£20m", "20000000", "GBP"),
        ("€1.5bn", "1500000000", "EUR"),
        ("US$ 75 million", "75000000", "USD"),
        ("A$100 million", "100000000", "AUD"),
        ("50 million kroner", "50000000", "NOK"),
        ("12 million Danish kroner", "12000000", "DKK"),
        ("EUR 20m", "20000000", "EUR"),
        ("3 billion yen", "3000000000", "JPY"),
    ],
)
def test_money_with_currency_and_magnitude(text, amount, currency):
    (money,) = find_money(text)
    assert (money.amount, money.currency) == (Decimal(amount), currency)


def test_currency_word_resolved_by_the_actors_currency():
    (money,) = find_money("40 million kroner", actor_currencies=frozenset({"DKK"}))
    assert money.currency == "DKK"


# -------------------------------------------------------------------------- actors


@pytest.fixture(scope="module")
def gazetteer(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return Gazetteer.from_db()


@pytest.mark.parametrize(
    ("text", "code", "via"),
    [
        ("Australia said", "AUS", "name"),
        ("the Dutch government", "NLD", "demonym"),
        ("Canberra will", "AUS", "capital"),
        ("Ankara refused", "TUR", "capital"),
        ("Britain agreed", "GBR", "name"),
        ("the UAE said", "ARE", "name"),
        ("Saudi jets", "SAU", "demonym"),
        ("Norwegian officials", "NOR", "demonym"),
    ],
)
def test_actor_names_demonyms_and_capitals(gazetteer, text, code, via):
    (mention,) = gazetteer.find(text)
    assert (mention.code, mention.via) == (code, via)


def test_actor_matching_is_case_sensitive_and_skips_the_islamic_state_of_iraq(gazetteer):
    assert gazetteer.find("it us preparing") == []
    assert gazetteer.find("the Islamic State of Iraq and the Levant") == []


def test_aliases_of_non_country_actors_tolerate_quotes():
    gazetteer = Gazetteer(
        [ActorRecord("XOPP", "Example opposition", aliases=("moderate Example rebels",))]
    )
    (mention,) = gazetteer.find('training of "moderate" Example rebels')
    assert mention.code == "XOPP"


def test_people_are_tied_to_the_actor_the_article_names_with_them(gazetteer):
    text = "Norwegian Foreign Minister Kari Nordmann spoke. Later, Nordmann said more."
    assert gazetteer.find_people(text) == {"Kari Nordmann": "NOR", "Nordmann": "NOR"}


# ---------------------------------------------------------------- cues and status


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("eight F/A-18 Super Hornets", "aircraft"),
        ("fighter jets", "aircraft"),
        ("F-16s", "aircraft"),
        ("airstrikes", "airstrikes"),
        ("air strikes", "airstrikes"),
        ("its air bases", "basing"),
        ("let the coalition use Incirlik", "basing"),
        ("ground troops", "troops"),
        ("military advisers", "troops"),
        ("anti-tank missiles", "arms"),
        ("intelligence-sharing", "intelligence"),
        ("logistical support", "logistics"),
        ("humanitarian aid", "humanitarian"),
        ("training", "training"),
    ],
)
def test_kind_cues(text, kind):
    (cue,) = find_kind_cues(text)
    assert cue.kind == kind


def test_intelligence_officials_are_not_a_pledge_of_intelligence():
    assert find_kind_cues("US intelligence officials said") == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("is prepared to send", "offered"),
        ("pledged", "announced"),
        ("will send", "announced"),
        ("has already provided", "delivered"),
        ("delivered", "delivered"),
        ("would not allow", "refused"),
        ("rejected", "refused"),
        ("declined to join", "refused"),
        ("will continue to share", "delivered"),
        ("approved", "committed"),
        ("withdrew", "withdrawn"),
    ],
)
def test_status_cues(text, status):
    (cue,) = find_status_cues(text)
    assert cue.status == status


def test_declining_to_be_named_is_not_a_refusal():
    assert find_status_cues("a diplomat who declined to be named") == []


# ----------------------------------------------------------------- single sentences


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Canberra will deploy up to eight F/A-18 Super Hornets to the Gulf.",
            {("AUS", "aircraft", "announced", 8, "up_to")},
        ),
        (
            "Norway pledged 50 million kroner to help displaced families.",
            {("NOR", "money", "announced", None, "")},
        ),
        (
            "Ankara refused to let the coalition use Incirlik for air raids.",
            {("TUR", "basing", "refused", None, "")},
        ),
        (
            "Six Dutch F-16s have already flown missions over Iraq.",
            {("NLD", "aircraft", "delivered", 6, "exact")},
        ),
        (
            "Kuwait said it was prepared to host coalition tankers at its air bases.",
            {("KWT", "basing", "offered", None, "")},
        ),
        (
            "Some nations said they would send troops, the Belgian minister said.",
            set(),
        ),
        (
            "Officials did not say whether Spain would join the airstrikes.",
            set(),
        ),
    ],
)
def test_single_sentences(extractor, sentence, expected):
    rows = {
        (c.actor, c.kind, c.status, c.quantity, c.quantity_qualifier)
        for c in extractor.extract(sentence)
    }
    assert rows == expected


def test_refusal_names_the_base_and_its_host(extractor):
    (claim,) = extractor.extract("Ankara refused to let the coalition use Incirlik.")
    assert (claim.asset, claim.host, claim.status) == ("Incirlik", "TUR", "refused")


def test_a_person_named_with_a_country_speaks_for_it_later(extractor):
    text = (
        "Canadian Prime Minister Jean Tremblay met allies on Monday. "
        "Tremblay said Canada would send 69 special forces soldiers to northern Iraq."
    )
    (claim,) = extractor.extract(text)
    assert (claim.actor, claim.kind, claim.quantity) == ("CAN", "troops", 69)


def test_extractor_over_a_small_gazetteer_without_a_database():
    gazetteer = Gazetteer([ActorRecord("NOR", "Norway"), ActorRecord("IRQ", "Iraq")])
    claims = Extractor(gazetteer).extract("Norway will send 50 trainers to Iraq.")
    assert [(c.actor, c.kind, c.quantity, c.recipient) for c in claims] == [
        ("NOR", "training", 50, "IRQ")
    ]


# Written after the rules above and run once before any change: 10 of 12 passed then;
# the two misses ("for Iraqi refugees"; a later "has sent" taking the status of an
# earlier "will provide") were fixed in general terms, and all are kept here.
HELD_OUT = [
    (
        "Belgium will send six F-16 fighter jets and 120 personnel to Jordan, the defence "
        "ministry said.",
        {("BEL", "aircraft", "announced", 6), ("BEL", "troops", "announced", 120)},
    ),
    (
        "Paris confirmed on Friday that French Rafale jets had carried out their first "
        "strikes in Iraq.",
        # the uncounted jets are the strikes' instrument (the coding guide's rule)
        {("FRA", "airstrikes", "delivered", None)},
    ),
    (
        "Canada's cabinet approved a six-month mission of up to 600 personnel.",
        {("CAN", "troops", "committed", 600)},
    ),
    (
        "The German government said it would supply anti-tank missiles and rifles to "
        "Kurdish fighters.",
        {("DEU", "arms", "announced", None)},
    ),
    ("Denmark has so far declined to send ground troops.", {("DNK", "troops", "refused", None)}),
    (
        "Kuwait pledged $10 million for Iraqi refugees.",
        {("KWT", "humanitarian", "announced", None)},
    ),
    ("Turkish officials said Ankara would not take part in combat operations.", set()),
    (
        "Spain is considering sending 300 trainers to Iraq, El Pais reported.",
        {("ESP", "training", "offered", 300)},
    ),
    (
        "London ruled out airstrikes in Syria for now, a spokesman said.",
        {("GBR", "airstrikes", "refused", None)},
    ),
    (
        "Washington has deployed 1,600 military advisers to Iraq since June.",
        {("USA", "troops", "delivered", 1600)},
    ),
    (
        "New Zealand Prime Minister John Key said his country would not send combat troops.",
        {("NZL", "troops", "refused", None)},
    ),
    (
        "Italy will provide €2 million in humanitarian aid and has sent two drones to Kuwait.",
        {("ITA", "humanitarian", "announced", None), ("ITA", "aircraft", "delivered", 2)},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), HELD_OUT)
def test_held_out_sentences(extractor, sentence, expected):
    rows = {(c.actor, c.kind, c.status, c.quantity) for c in extractor.extract(sentence)}
    assert rows == expected
