"""Strikes made by aircraft, missions and raids counted, a named leader with its allies,
totals that rise, a name that runs into the cue, and days that are no counts; sentences
written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status, c.quantity) for c in extractor.extract(text)}


def test_jets_that_have_hit_targets_made_strikes(extractor):
    text = "Chilean jets have hit militant targets for the first time."
    assert ("CHL", "airstrikes", "delivered", None) in claims(extractor, text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Chilean F-16s have taken part in more than 200 missions.", 200),
        ("Peru has stepped up its campaign, carrying out 56 raids in three days.", 56),
    ],
)
def test_missions_and_raids_flown_are_strikes(extractor, text, count):
    found = {(c.kind, c.quantity) for c in extractor.extract(text)}
    assert ("airstrikes", count) in found


def test_a_mission_that_is_not_flown_is_no_strike(extractor):
    text = "Peru will send 40 soldiers to the training mission."
    assert "airstrikes" not in {c.kind for c in extractor.extract(text)}


def test_a_named_leader_with_its_allies_is_the_actor(extractor):
    text = "Chile and its regional allies launched air strikes on Tuesday."
    assert claims(extractor, text) == {("CHL", "airstrikes", "delivered", None)}


def test_joining_another_country_in_bombing_is_striking(extractor):
    text = "Chile became the first country to join Peru in bombing the militants."
    assert ("CHL", "airstrikes") in {(c.actor, c.kind) for c in extractor.extract(text)}


def test_a_number_that_will_rise_to_a_total_is_counted(extractor):
    text = "The number of Chilean troops in Kenya will rise to 900."
    assert claims(extractor, text) == {("CHL", "troops", "announced", 900)}


def test_a_name_that_runs_into_the_cue_is_the_actor(extractor):
    text = "About 1,600 US military advisers are already in Kenya."
    assert claims(extractor, text) == {("USA", "troops", "delivered", 1600)}


def test_a_day_of_the_month_is_no_count(extractor):
    text = "Chile will withdraw its jets by February 22 but triple its training force."
    found = {(c.kind, c.status, c.quantity) for c in extractor.extract(text)}
    assert found == {("aircraft", "withdrawn", None), ("training", "announced", None)}


def test_reconnaissance_missions_flown_are_no_strikes(extractor):
    text = "Chile has sent two jets to Peru to fly reconnaissance missions."
    assert "airstrikes" not in {c.kind for c in extractor.extract(text)}


def test_items_counted_one_by_one_are_claims_of_their_own(extractor):
    text = "Chile has delivered 18 tanks, 40 fighting vehicles and two Patriot systems."
    found = sorted((c.kind, c.quantity) for c in extractor.extract(text))
    assert found == [("arms", 2), ("arms", 18), ("arms", 40)]


def test_one_item_under_two_cues_stays_one_claim(extractor):
    text = "Chile will send six F-16 fighter jets."
    assert [(c.kind, c.quantity) for c in extractor.extract(text)] == [("aircraft", 6)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Chile will send 152 mm artillery shells.", None),
        ("Chile will send 20,000 155mm artillery shells.", 20_000),
    ],
)
def test_a_calibre_is_no_count(extractor, text, count):
    assert [c.quantity for c in extractor.extract(text)] == [count]


@pytest.mark.parametrize(
    "text",
    [
        "Peru resumed air strikes after a month-long pause.",
        "Peru's Tornado jets have destroyed more than 40 targets.",
    ],
)
def test_strikes_resumed_or_targets_destroyed_are_strikes_made(extractor, text):
    found = {(c.actor, c.kind, c.status) for c in extractor.extract(text)}
    assert ("PER", "airstrikes", "delivered") in found


def test_strikes_to_resume_once_a_condition_is_met_are_not_made(extractor):
    text = "Peru wants a rescue team in place before resuming air strikes."
    assert ("airstrikes", "delivered") not in {(c.kind, c.status) for c in extractor.extract(text)}
