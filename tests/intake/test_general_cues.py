"""Sentences written for issue 17's classes of misses: each new cue, on a sentence of
our own (none is taken from the evaluation set)."""

from __future__ import annotations

import pytest

from intake.extraction.cues import find_kind_cues, find_status_cues

pytestmark = pytest.mark.django_db


def kinds(text):
    return [(text[c.start : c.end], c.kind) for c in find_kind_cues(text)]


def statuses(text):
    return {c.status for c in find_status_cues(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the army sent anti-aircraft guns", [("anti-aircraft guns", "arms")]),
        ("twelve Leopard 2A6 tanks", [("Leopard 2A6 tanks", "arms")]),
        ("it promised more battle tanks", [("battle tanks", "arms")]),
        ("a NASAMS air-defence system", [("NASAMS air-defence system", "arms")]),
        (
            "forty howitzers and artillery shells",
            [("howitzers", "arms"), ("artillery shells", "arms")],
        ),
        ("80 pilots and ground crew", [("pilots and ground crew", "troops")]),
        ("a contingent of 90 soldiers", [("contingent", "troops"), ("soldiers", "troops")]),
        ("twenty instructors", [("instructors", "training")]),
        ("some 40 military trainers", [("military trainers", "training")]),
        ("four Tornado GR4 jets", [("Tornado GR4", "aircraft"), ("jets", "aircraft")]),
        ("two MiG-29 jets", [("MiG-29", "aircraft"), ("jets", "aircraft")]),
        ("it will add 8 fighters", [("fighters", "aircraft")]),
        ("Kurdish fighters will get rifles", [("rifles", "arms")]),
        (
            "the jets will carry out missions",
            [("jets", "aircraft"), ("carry out missions", "airstrikes")],
        ),
        ("the intelligence estimates are low", []),
    ],
)
def test_kind_cues(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Ottawa will pull its jets out", "withdrawn"),
        ("the government will bring the troops home", "withdrawn"),
        ("the six jets are heading home", "withdrawn"),
        ("Canada will end its air strikes next month", "withdrawn"),
        # giving, not yet given: announced, as the coding guide says ("is sending")
        ("Britain is contributing two jets", "announced"),
        ("Spain is sending 300 troops", "announced"),
        ("the jets are flying missions over Iraq", "delivered"),
        ("Britain has been supplying shells since May", "delivered"),
        ("Up to eight fighters will be deployed", "announced"),
        ("the jets took part in the first raid", "delivered"),
        ("400 personnel are deployed in Kuwait", "delivered"),
        ("Berlin confirmed the delivery of ten tanks", "delivered"),
    ],
)
def test_status_cues(text, status):
    assert status in statuses(text)


def test_did_not_deliver_is_not_a_refusal():
    assert "refused" not in statuses("Lisbon did not deliver the promised tanks")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Dutch jets will be based in Jordan.", {("NLD", "aircraft")}),
        ("About 300 Canadian Armed Forces personnel are deployed in Kuwait.", {("CAN", "troops")}),
        ("The Belgian contingent of 120 soldiers arrived on Monday.", {("BEL", "troops")}),
        ("Britain is contributing two Tornado GR4 jets.", {("GBR", "aircraft")}),
        ("Norway has trained 2,000 Iraqi soldiers.", {("NOR", "training")}),
        ("Poland sent anti-aircraft guns to Kyiv.", {("POL", "arms")}),
        ("Spain will send six Leopard 2 tanks to Ukraine.", {("ESP", "arms")}),
    ],
)
def test_sentences(extractor, sentence, expected):
    assert {(c.actor, c.kind) for c in extractor.extract(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Norway and Sweden will send five and three jets respectively.",
            {("NOR", "aircraft", 5), ("SWE", "aircraft", 3)},
        ),
        (
            "Chile, Peru and Greece have sent ten tanks.",
            {("CHL", "arms", 10), ("PER", "arms", 10), ("GRC", "arms", 10)},
        ),
        (
            "In Iraq and possibly Syria, France will deploy six jets.",
            {("FRA", "aircraft", 6)},
        ),
        (
            "Italy's Iraq task group has completed its rotation with four Tornados.",
            {("ITA", "aircraft", 4)},
        ),
    ],
)
def test_joint_subjects(extractor, sentence, expected):
    assert {(c.actor, c.kind, c.quantity) for c in extractor.extract(sentence)} == expected


def test_a_printed_conversion_is_kept_as_reported_not_a_second_amount():
    from intake.extraction.quantities import find_money

    (money,) = find_money("Ottawa gave C$300 million (about $220 million) in aid.")
    assert (money.currency, int(money.amount)) == ("CAD", 300_000_000)
    assert (money.conversion.currency, int(money.conversion.amount)) == ("USD", 220_000_000)


@pytest.mark.parametrize(
    ("text", "currency"),
    [("A$40 million", "AUD"), ("€2 billion", "EUR"), ("£45m", "GBP"), ("C$8 billion", "CAD")],
)
def test_currency_prefixes_and_symbols(text, currency):
    from intake.extraction.quantities import find_money

    (money,) = find_money(text)
    assert money.currency == currency


def test_two_amounts_in_one_currency_are_two_amounts():
    from intake.extraction.quantities import find_money

    assert len(find_money("€2 billion, €1 billion of it in arms")) == 2


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Canada is raising its trainers to about 150.", {("CAN", "training", 150)}),
        (
            "Up to eight fighters will be deployed, the Danish government said.",
            {("DNK", "aircraft", 8)},
        ),
        ("Britain is contributing six Tornado jets.", {("GBR", "aircraft", 6)}),
        ("The UK will send 14 Challenger 2 tanks to Ukraine.", {("GBR", "arms", 14)}),
    ],
)
def test_counts_after_the_noun_and_subjectless_passives(extractor, sentence, expected):
    assert {(c.actor, c.kind, c.quantity) for c in extractor.extract(sentence)} == expected


def test_a_sentence_naming_no_actor_goes_on_about_the_one_before(extractor):
    text = "Chile will send six jets to Jordan.\n\nFour hundred troops will guard the base."
    rows = {(c.actor, c.kind, c.quote.startswith("Four")) for c in extractor.extract(text)}
    assert rows == {("CHL", "aircraft", False), ("CHL", "troops", True)}


def test_a_sentence_naming_another_actor_does_not_inherit(extractor):
    text = "Chile will send six jets.\n\nPeru's planes will be based near Lima."
    assert {c.actor for c in extractor.extract(text)} == {"CHL", "PER"}


def test_a_vote_to_approve_commits():
    assert "committed" in statuses("parliament voted to approve air strikes")


def test_an_amount_over_several_lines_of_aid_is_money(extractor):
    text = (
        "Norway has given Iraq NOK 900 million (about $100 million) in humanitarian, "
        "economic and military aid."
    )
    rows = {(c.actor, c.kind, c.currency, int(c.amount)) for c in extractor.extract(text)}
    assert rows == {("NOR", "money", "NOK", 900_000_000)}


def test_a_later_sentence_restating_the_pledge_is_not_a_second_claim(extractor):
    claims = extractor.extract(
        "Norway will send up to 120 military trainers to northern Iraq, the ministry said. "
        "The trainers will be based in Erbil, officials said."
    )
    assert [(c.actor, c.kind, c.quantity) for c in claims] == [("NOR", "training", 120)]


def test_a_later_sentence_with_a_new_number_is_still_read(extractor):
    claims = extractor.extract(
        "Norway will send up to 120 military trainers to northern Iraq, the ministry said. "
        "A further 30 trainers will follow in the spring."
    )
    assert {(c.actor, c.kind, c.quantity) for c in claims} == {
        ("NOR", "training", 120),
        ("NOR", "training", 30),
    }
