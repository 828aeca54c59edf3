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
