"""Troops counted whose task is training, trainees counted, a model named with its noun,
and arms against drones; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def counted(extractor, text):
    return {(c.actor, c.kind, c.quantity) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile will send some 300 troops to Peru on a two-month mission to train its army.",
        "In addition, 300 Chilean soldiers are training Peruvian forces in the north.",
        "The 300 Chilean soldiers who train Peruvian forces will be moved to the south.",
        "In addition, 300 Chilean special forces soldiers are training Peruvian forces.",
    ],
)
def test_troops_counted_whose_task_is_training_count_the_training(extractor, text):
    found = counted(extractor, text)
    assert ("CHL", "training", 300) in found
    assert ("CHL", "troops", 300) in found


def test_troops_sent_for_another_task_give_no_training(extractor):
    found = counted(extractor, "Chile will send 300 soldiers and will also provide weapons.")
    assert {kind for _, kind, _ in found} == {"troops", "arms"}


@pytest.mark.parametrize(
    "text",
    [
        "Chile will have reached 30,000 soldiers trained by this mission, the minister said.",
        "Chile will raise the objective of its mission to 40,000 Peruvian soldiers trained.",
    ],
)
def test_soldiers_trained_are_trainees_and_no_quantity(extractor, text):
    found = counted(extractor, text)
    assert all(kind != "troops" for _, kind, _ in found)
    assert all(quantity is None for _, _, quantity in found)


def test_a_model_and_the_noun_naming_it_are_one_thing_counted(extractor):
    text = "Chile has transferred 26 M113 armoured personnel carriers to Peru."
    assert counted(extractor, text) == {("CHL", "arms", 26)}


@pytest.mark.parametrize(
    "text", ["Chile sent 370 anti-drones to Peru.", "Chile sent counter-drone systems to Peru."]
)
def test_arms_against_drones_are_no_aircraft(extractor, text):
    assert all(kind != "aircraft" for _, kind, _ in counted(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Chile will provide Peruvian troops with 40 armoured vehicles.",
        "Chile will supply the Peruvian soldiers with 40 armoured vehicles.",
    ],
)
def test_troops_provided_with_goods_are_the_ones_given_to(extractor, text):
    assert counted(extractor, text) == {("CHL", "arms", 40)}


def test_a_demonym_after_a_verb_of_giving_is_still_the_giver(extractor):
    text = "The government said it would provide Chilean jets to Peru."
    assert {(actor, kind) for actor, kind, _ in counted(extractor, text)} == {("CHL", "aircraft")}
