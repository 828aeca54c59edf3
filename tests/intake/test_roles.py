"""Who gives, who receives, who allows: sentences written for these tests (none is taken
from the evaluation set), each asserting the proposals (actor, kind, quantity, status)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def rows(extractor, sentence):
    return {(c.actor, c.kind, c.quantity, c.status) for c in extractor.extract(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The recipient as subject: the giver is "from X" or "that X promised".
        (
            "Moldova has received twelve howitzers from Portugal.",
            {("PRT", "arms", 12, "delivered")},
        ),
        (
            "Georgia received the armoured vehicles that Austria had promised in May.",
            {("AUT", "arms", None, "delivered")},
        ),
        # Asking or needing is not giving.
        ("Kenya requested forty rifles to arm its rangers.", set()),
        ("Mali needs helicopters and drones to patrol the border.", set()),
    ],
)
def test_a_subject_that_receives_is_not_the_giver(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


def test_without_a_named_giver_a_received_item_goes_to_the_actor_before(extractor):
    text = (
        "Chile will send ten tanks to Peru.\n\n"
        "Peru has already received four of the tanks, officials said.\n"
    )
    claims = extractor.extract(text)
    assert {(c.actor, c.kind) for c in claims} == {("CHL", "arms")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Access to one's territory is basing, given by the one who allows it.
        (
            "Cyprus has agreed to let the British air force fly strike missions from its "
            "airfields.",
            {("CYP", "basing", None, "committed")},
        ),
        (
            "The accord would allow allied troops to cross through Jordan.",
            {("JOR", "basing", None, "announced")},
        ),
    ],
)
def test_letting_another_operate_is_basing(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Oman and Kuwait have joined the U.S. in conducting airstrikes over Syria.",
            {
                ("OMN", "airstrikes", None, "delivered"),
                ("KWT", "airstrikes", None, "delivered"),
                ("USA", "airstrikes", None, "delivered"),
            },
        ),
        (
            "Spain, Italy and Greece have joined French operations against militant targets.",
            {
                ("ESP", "airstrikes", None, "delivered"),
                ("ITA", "airstrikes", None, "delivered"),
                ("GRC", "airstrikes", None, "delivered"),
            },
        ),
        (
            "Egypt and Morocco have participated in the strikes on the coast.",
            {("EGY", "airstrikes", None, "delivered"), ("MAR", "airstrikes", None, "delivered")},
        ),
    ],
)
def test_actors_acting_together(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Finnish minister said her country would donate 30 armoured vehicles.",
            {("FIN", "arms", 30, "announced")},
        ),
        (
            "Austria's chancellor said his government would provide 5 million euros in "
            "humanitarian aid.",
            {("AUT", "humanitarian", None, "announced")},
        ),
    ],
)
def test_her_country_is_the_country_named_before(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Norway says it needs its F-35 jets for its own defence.",
            {("NOR", "aircraft", None, "refused")},
        ),
        (
            "For now there are no new commitments to send Danish tanks to Kyiv.",
            {("DNK", "arms", None, "refused")},
        ),
        # A shortfall of what was promised is not a refusal.
        (
            "Lisbon has not yet sent the four tanks it promised in January.",
            {("PRT", "arms", 4, "committed")},
        ),
    ],
)
def test_refusals_and_shortfalls(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


def claims_of(extractor, text):
    return {(c.actor, c.kind, c.quantity) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile and Peru agreed to join the mission.\n\nEach nation would send six jets.\n",
            {("CHL", "aircraft", 6), ("PER", "aircraft", 6)},
        ),
        (
            "Greece and Cyprus met in Athens.\n\n"
            "Both countries have committed to supplying 40 howitzers.\n",
            {("GRC", "arms", 40), ("CYP", "arms", 40)},
        ),
        (
            "Oman and Kuwait spoke on Monday.\n\nThe two countries will send 50 trainers each.\n",
            {("OMN", "training", 50), ("KWT", "training", 50)},
        ),
        # A named subject with "each" is the subject, not the sentence before.
        (
            "Chile and Peru spoke on Monday.\n\nSpain and Italy will each send 8 jets.\n",
            {("ESP", "aircraft", 8), ("ITA", "aircraft", 8)},
        ),
        # One actor before: "Both countries" has nobody to mean.
        ("Chile spoke on Monday.\n\nBoth countries will send jets.\n", set()),
    ],
)
def test_each_and_both_mean_the_actors_of_the_sentence_before(extractor, text, expected):
    assert claims_of(extractor, text) == expected


def test_a_sentence_whose_subject_is_the_cue_goes_on_about_the_actor_before(extractor):
    text = "Austria will join the air campaign.\n\nUp to six fighters will be deployed to Qatar.\n"
    assert ("AUT", "aircraft", 6) in claims_of(extractor, text)


def test_a_relative_clause_acts_for_the_name_it_follows(extractor):
    sentence = "Unlike Malta, who sent 5,000 rifles and 2 million rounds, Cyprus sent nothing."
    assert ("MLT", "arms", 5000) in claims_of(extractor, sentence)


def test_airspace_a_jet_flies_over_is_not_access(extractor):
    text = "Norway will send four jets.\n\nThe jets will fly only over Iraqi airspace.\n"
    assert {(a, k) for a, k, _ in claims_of(extractor, text)} == {("NOR", "aircraft")}


def test_of_the_y_promised_keys_the_pledge_by_what_was_promised(extractor):
    sentence = "Romania has delivered 14 tanks, of the 60 it pledged."
    assert rows(extractor, sentence) == {("ROU", "arms", 60, "delivered")}


def test_a_parliament_allowing_its_own_jets_to_leave_is_not_access(extractor):
    sentence = "The chamber voted to allow six Greek Air Force F-16 jets to leave for Jordan."
    assert {(c.actor, c.kind, c.quantity) for c in extractor.extract(sentence)} == {
        ("GRC", "aircraft", 6)
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Greece will withdraw its jets by May.", {("GRC", "aircraft", None, "withdrawn")}),
        (
            "Chile will no longer conduct airstrikes after June.",
            {("CHL", "airstrikes", None, "withdrawn")},
        ),
        (
            "Peru suspended its F-16 missions over the border.",
            {("PER", "airstrikes", None, "withdrawn")},
        ),
        # A name right after a verb of giving is the recipient, not the giver.
        (
            "Norway is to give Moldova 10 Leopard tanks.",
            {("NOR", "arms", 10, "announced")},
        ),
        (
            "The Greek contingent of 120 will leave next week.",
            {("GRC", "troops", 120, "announced")},
        ),
    ],
)
def test_withdrawals_recipients_and_collective_counts(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The new Austrian package will include 40 armoured vehicles.",
            {("AUT", "arms", 40, "announced")},
        ),
        (
            "The latest Greek aid package, worth 90 million euros, includes ammunition.",
            {("GRC", "arms", None, "announced")},
        ),
    ],
)
def test_a_package_names_its_giver(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Greek Defence Minister Nikos Dendias confirmed that four howitzers had left for "
            "Ukraine.",
            {("GRC", "arms", 4, "delivered")},
        ),
        # What the speaker reports has a subject of its own.
        ("The Greek minister said that some nations had offered troops.", set()),
        (
            "The Polish president said Warsaw would hand over two jets next week.",
            {("POL", "aircraft", 2, "announced")},
        ),
    ],
)
def test_the_speakers_country_when_no_other_actor_is_named(extractor, sentence, expected):
    assert rows(extractor, sentence) == expected
