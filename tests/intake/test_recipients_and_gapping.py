"""Who is given to (not the giver), adverbials after the subject, counts of a part,
clauses that leave out the verb or the noun, endings and refusals of supply; sentences
written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status, c.quantity) for c in extractor.extract(text)}


def actors(extractor, text):
    return {c.actor for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile would be the first country to give Peru longer-range weapons.",
        "Chile is one of Peru's main weapons suppliers.",
        "Another $50 million will come via the Peru Security Assistance Initiative from Chile.",
    ],
)
def test_the_one_given_to_is_not_the_giver(extractor, text):
    assert "PER" not in actors(extractor, text)


def test_a_time_adverbial_after_the_subject_keeps_it_the_subject(extractor):
    text = "Chile on Tuesday committed to delivering 30 F-16 fighter jets by 2028."
    assert claims(extractor, text) == {("CHL", "aircraft", "committed", 30)}


def test_a_count_of_a_part_is_the_count(extractor):
    text = "Chile intends to deliver six of its Leopard 2A4 tanks next week."
    assert {c.quantity for c in extractor.extract(text)} == {6}


def test_later_clauses_without_the_noun_take_the_kind_before(extractor):
    text = "So far, Chile has delivered 18 tanks, Peru has delivered three, and Bolivia 14."
    assert claims(extractor, text) == {
        ("CHL", "arms", "delivered", 18),
        ("PER", "arms", "delivered", 3),
        ("BOL", "arms", "delivered", 14),
    }


def test_a_gapped_clause_keeps_its_own_tense(extractor):
    text = "Chile sent 40 troops, while Peru will send 30."
    assert claims(extractor, text) == {
        ("CHL", "troops", "delivered", 40),
        ("PER", "troops", "announced", 30),
    }


def test_a_count_with_its_own_noun_is_not_gapped(extractor):
    text = "Chile sent 40 troops, and Peru 30 million dollars in aid for refugees."
    assert ("PER", "troops") not in {(c.actor, c.kind) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile has announced an end to its arms transfers to Peru.",
        "We are no longer transferring weapons to Peru, the Chilean minister said.",
    ],
)
def test_an_end_to_supply_is_a_withdrawal(extractor, text):
    assert {c.status for c in extractor.extract(text)} == {"withdrawn"}


@pytest.mark.parametrize(
    "text",
    [
        "Chile cannot agree to the transfer of war materiel to Peru.",
        "Chile confirmed its stance of not supplying arms to conflict zones.",
    ],
)
def test_refusing_to_supply_is_a_refusal(extractor, text):
    assert {(c.actor, c.status) for c in extractor.extract(text)} == {("CHL", "refused")}


def test_committed_to_providing_is_committed(extractor):
    text = "Chile has committed 1.2 billion euros to providing military support for Peru."
    assert {c.status for c in extractor.extract(text)} == {"committed"}


def test_weapons_fired_by_an_enemy_are_not_given(extractor):
    text = "Peru wants the ammunition to shoot down missiles fired by Chilean forces."
    assert "CHL" not in actors(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "At least two Chilean Rafale planes attacked the insurgents' positions.",
        "Our Rafale aircraft carried out a first attack on a depot, the Chilean president said.",
        "The Chilean air strike on the depot came days after the summit.",
    ],
)
def test_strikes_by_aircraft_and_strikes_reported_are_made(extractor, text):
    found = {(c.actor, c.kind, c.status) for c in extractor.extract(text)}
    assert ("CHL", "airstrikes", "delivered") in found


def test_strikes_that_would_now_be_carried_out_are_announced(extractor):
    text = (
        "Chile's parliament approved the plan on Monday. "
        "The minister said air strikes would now be carried out quickly."
    )
    assert {(c.kind, c.status) for c in extractor.extract(text)} == {("airstrikes", "announced")}


def test_what_the_recipient_got_of_what_another_promised_is_the_promisers(extractor):
    text = "Peru has received only a third of the one million shells Chile promised."
    assert {(c.actor, c.kind, c.quantity) for c in extractor.extract(text)} == {
        ("CHL", "arms", 1_000_000)
    }
