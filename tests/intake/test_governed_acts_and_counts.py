"""Refusals that govern the act they name, passive futures, bought-for gifts, counts of
rounds and counts before a model's number, vehicles and models; sentences written for
these tests."""

from __future__ import annotations

import pytest

from intake.extraction.cues import find_kind_cues, find_status_cues

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status, c.quantity) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peru has ruled out taking part in air strikes.", "refused"),
        ("Chile refused to send troops to the region.", "refused"),
        ("Peru halted its deliveries of weapons.", "withdrawn"),
    ],
)
def test_a_refusal_or_an_ending_governs_the_act_after_it(extractor, text, status):
    assert {c.status for c in extractor.extract(text)} == {status}


def test_taking_part_alone_is_still_done(extractor):
    found = extractor.extract("Peru is taking part in air strikes over the north.")
    assert {(c.kind, c.status) for c in found} == {("airstrikes", "delivered")}


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 400 Chilean soldiers would be sent to the front.",
        "Up to 400 Chilean soldiers will soon be deployed, the ministry said.",
    ],
)
def test_a_passive_future_is_announced_not_delivered(extractor, text):
    assert claims(extractor, text) == {("CHL", "troops", "announced", 400)}


def test_a_passive_future_outranks_the_bare_participle():
    statuses = {c.status for c in find_status_cues("the jets would be sent next week")}
    assert statuses == {"announced"}


def test_stationed_forces_are_delivered(extractor):
    text = "Peru has stationed eight Mirage jets in the region."
    assert ("PER", "aircraft", "delivered", 8) in claims(extractor, text)


def test_equipment_bought_for_another_country_is_committed(extractor):
    text = "Chile and Peru have bought 20 howitzers for Bolivia."
    assert claims(extractor, text) == {
        ("CHL", "arms", "committed", 20),
        ("PER", "arms", "committed", 20),
    }


def test_buying_for_oneself_is_no_gift():
    assert "committed" not in {c.status for c in find_status_cues("Peru bought new jets.")}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Chile will donate 300,000 rounds of ammunition.", 300_000),
        ("Peru will send 12 million rounds of rifle ammunition.", 12_000_000),
        ("Chile pledged 10 Stridsvagn 122 tanks.", 10),
        ("Peru will triple its trainers in northern Kenya to about 210.", 210),
    ],
)
def test_counts_of_units_models_and_raised_totals(extractor, text, count):
    assert {c.quantity for c in extractor.extract(text)} == {count}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("it will send 50 CV90 combat vehicles", "CV90 combat vehicles"),
        ("Peru gave 30 tactical vehicles", "tactical vehicles"),
        ("40 mine-resistant ambush-protected vehicles", "mine-resistant ambush-protected vehicles"),
        ("armoured personnel carriers", "armoured personnel carriers"),
        ("two PzH 2000 howitzers", "PzH 2000 howitzers"),
        ("NLAW anti-tank weapons", "NLAW anti-tank weapons"),
    ],
)
def test_vehicles_and_models_are_arms(text, cue):
    found = [(text[c.start : c.end], c.kind) for c in find_kind_cues(text)]
    assert (cue, "arms") in found


def test_aircraft_that_join_in_striking_targets_make_strikes(extractor):
    text = "Chilean jets joined Peru in striking militant positions."
    kinds = {(c.actor, c.kind) for c in extractor.extract(text)}
    assert ("CHL", "airstrikes") in kinds


def test_the_country_after_a_speaker_is_the_speakers_own(extractor):
    text = "Peru's defence minister said the country would send a further 60 tanks."
    assert claims(extractor, text) == {("PER", "arms", "announced", 60)}


def test_one_who_welcomes_a_pledge_is_not_its_giver(extractor):
    text = "The Chilean decision to send six F-16s was welcomed by Peru."
    assert claims(extractor, text) == {("CHL", "aircraft", "committed", 6)}


def test_a_passive_of_giving_keeps_its_agent(extractor):
    text = "Twenty howitzers were donated by Peru last month."
    assert {(c.actor, c.kind) for c in extractor.extract(text)} == {("PER", "arms")}


def test_a_package_from_a_country_is_that_countrys(extractor):
    text = "The aid from Chile comprises 30 anti-tank weapons."
    assert claims(extractor, text) == {("CHL", "arms", "announced", 30)}
