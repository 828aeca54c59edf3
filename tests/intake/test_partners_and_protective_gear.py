"""Partners named after "partnership with", what a list says was not given, protective
gear, and "shipped"; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status) for c in extractor.extract(text)}


def test_partners_of_a_partnership_to_donate_give_too(extractor):
    text = (
        "Last spring Chile entered into a partnership with Peru and Greece to donate at "
        "least 30 tanks."
    )
    assert claims(extractor, text) == {
        ("CHL", "arms", "committed"),
        ("PER", "arms", "committed"),
        ("GRC", "arms", "committed"),
    }


def test_a_place_after_with_is_not_a_partner(extractor):
    text = "Chile will send 30 tanks by sea with Peru as the port of call."
    assert {actor for actor, _, _ in claims(extractor, text)} == {"CHL"}


def test_what_a_list_says_was_not_given_is_no_claim(extractor):
    text = "Chile has shipped helmets and body armour to the Kurds, but no weapons."
    assert claims(extractor, text) == {("CHL", "other", "delivered")}


def test_a_refusal_with_no_is_still_a_refusal(extractor):
    text = "Officials in Lima stressed that no Peruvian troops would be deployed."
    assert claims(extractor, text) == {("PER", "troops", "refused")}
