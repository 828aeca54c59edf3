"""Strikes by named aircraft, refusals to strike, forces already in place, and ended
missions; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Chilean Rafales struck two targets near the border overnight.",
        "Peruvian F-16s have dropped bombs on militant positions.",
        "Chile joined the air campaign against the militants in November.",
    ],
)
def test_aircraft_that_struck_or_joined_the_air_war_made_strikes(extractor, text):
    found = claims(extractor, text)
    assert {kind for _, kind, _ in found} >= {"airstrikes"}
    assert {status for _, _, status in found} == {"delivered"}


def test_a_government_that_will_not_carry_out_strikes_refuses_them(extractor):
    text = "Peru will not carry out bombing raids in the north, the cabinet decided."
    assert claims(extractor, text) == {("PER", "airstrikes", "refused")}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Chile has 280 soldiers in Kenya training local forces.", 280),
        ("Peru has about 100 trainers stationed at the base.", 100),
    ],
)
def test_forces_a_country_has_in_place_are_delivered(extractor, text, count):
    found = {(c.status, c.quantity) for c in extractor.extract(text) if c.quantity is not None}
    assert found == {("delivered", count)}


def test_a_count_of_soldiers_a_country_has_at_home_is_no_deployment(extractor):
    assert claims(extractor, "Chile has 80,000 soldiers, the ministry said.") == set()


def test_ending_a_strike_mission_withdraws_it(extractor):
    text = "Peru ended its air strike mission in the north in October."
    assert claims(extractor, text) == {("PER", "airstrikes", "withdrawn")}


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Chile will not deliver the tanks, the minister said.", True),
        ("Chile did not deliver the promised tanks on time.", False),
    ],
)
def test_will_not_deliver_refuses_did_not_deliver_falls_short(extractor, text, refused):
    statuses = {c.status for c in extractor.extract(text)}
    assert ("refused" in statuses) is refused


@pytest.mark.parametrize(
    ("text", "status", "count"),
    [
        (
            "The president authorised the deployment of up to 900 more Chilean troops.",
            "committed",
            900,
        ),
        ("Peru has a contingent of 300 soldiers at the northern base.", "delivered", 300),
    ],
)
def test_deployments_named_by_a_noun_or_a_contingent(extractor, text, status, count):
    claims = [c for c in extractor.extract(text) if c.kind == "troops"]
    assert [(c.status, c.quantity) for c in claims] == [(status, count)]


def test_troops_now_in_a_country_are_delivered(extractor):
    claims = extractor.extract("About 1,500 Chilean troops are now in Kenya.")
    assert [(c.actor, c.status) for c in claims] == [("CHL", "delivered")]
