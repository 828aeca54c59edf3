"""Requests declined, money sought from others, and places that are not where others
were trained; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Chile was asked by Peru to send troops to the border but declined.", "troops"),
        ("Chile was asked to send fighter jets but refused, the minister said.", "aircraft"),
        ("Chile was invited to contribute troops but declined.", "troops"),
    ],
)
def test_what_an_actor_was_asked_for_and_declined_it_refused(extractor, text, kind):
    assert claims(extractor, text) == {("CHL", kind, "refused")}


def test_a_request_not_declined_is_no_claim_of_the_one_asked(extractor):
    assert claims(extractor, "Chile was asked by Peru to send troops to the border.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Chile expects to raise more than 2 billion dollars for Peru at the conference.",
        "Chile is appealing for 500 million dollars for Peru.",
    ],
)
def test_money_sought_from_others_is_no_pledge(extractor, text):
    assert claims(extractor, text) == set()


def test_raising_ones_own_contribution_is_still_a_pledge(extractor):
    text = "Chile will raise its contribution to 200 million dollars."
    assert claims(extractor, text) == {("CHL", "money", "announced")}


@pytest.mark.parametrize(
    "text",
    [
        "Several new countries have agreed to help train security forces in Peru.",
        "The training will focus on demining, a task already taken up by Chile's forces in Peru.",
    ],
)
def test_forces_in_a_country_do_not_make_it_the_trainer(extractor, text):
    assert all(actor != "PER" for actor, _, _ in claims(extractor, text))


def test_training_completed_in_a_country_is_that_countrys(extractor):
    text = "Training of Peruvian crews on the new tanks has been completed in Chile."
    assert {(actor, kind) for actor, kind, _ in claims(extractor, text)} == {("CHL", "training")}
