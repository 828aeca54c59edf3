"""Who gives, when the giver is not the subject: lists after "by", people of a list of
countries, the one thanked, where a delivery came from; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def actors(extractor, text, kind):
    return {c.actor for c in extractor.extract(text) if c.kind == kind}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Howitzers were supplied by Chile, Peru and Greece.", "arms", {"CHL", "PER", "GRC"}),
        (
            "The defence ministers of Chile and Peru signed off on the donation of 12 tanks "
            "to Ukraine.",
            "arms",
            {"CHL", "PER"},
        ),
        (
            "The president thanked Portugal for its latest package of military assistance "
            "worth $80 million.",
            "money",
            {"PRT"},
        ),
        (
            "Zelensky thanked Spain and Greece for the new air defence systems.",
            "arms",
            {"ESP", "GRC"},
        ),
        (
            "Four transport planes, part of a wider effort to help Kenya, have arrived from "
            "Portugal.",
            "aircraft",
            {"PRT"},
        ),
    ],
)
def test_the_giver_named_outside_the_subject(extractor, text, kind, expected):
    assert actors(extractor, text, kind) == expected


def test_a_list_of_places_of_the_same_countries_is_not_a_joint_subject(extractor):
    # "in Chile and Peru" is where, not who.
    assert actors(
        extractor, "Spain will send 40 trainers to bases in Chile and Peru.", "training"
    ) == {"ESP"}


def test_a_delivery_another_country_bought_is_not_from_the_seller(extractor):
    text = "The jets that Ukraine bought arrived from Portugal on Monday."
    assert "PRT" not in actors(extractor, text, "aircraft")


def test_gifting_names_the_recipient_after_the_verb(extractor):
    claims = extractor.extract("Chile is gifting Kenya 14 tanks and 30 howitzers.")
    assert [(c.actor, c.kind, c.quantity) for c in claims] == [
        ("CHL", "arms", 14),
        ("CHL", "arms", 30),
    ]


def test_is_expected_to_send_is_announced(extractor):
    claims = extractor.extract("Peru is expected to send an air defence system, officials said.")
    assert [(c.actor, c.status) for c in claims] == [("PER", "announced")]
