"""Aircraft that are the instrument of strikes, arms and aircraft that only name a kind of
training, and goods being shipped; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def kinds(extractor, text):
    return {(c.actor, c.kind) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Chilean warplanes pounded militant positions near the border on Thursday.",
        "Peruvian jets have carried out air strikes on targets in the north.",
        "Chilean fighter jets conducted their first air strike on Sunday.",
        "Peruvian aircraft carried out strikes against militant targets overnight.",
    ],
)
def test_uncounted_aircraft_doing_the_strikes_give_only_the_strikes(extractor, text):
    found = kinds(extractor, text)
    assert {kind for _, kind in found} == {"airstrikes"}


def test_counted_aircraft_doing_the_strikes_are_a_contribution_too(extractor):
    text = "Two Chilean F-16s carried out strikes against militant targets overnight."
    assert kinds(extractor, text) == {("CHL", "aircraft"), ("CHL", "airstrikes")}


def test_aircraft_sent_to_strike_are_still_aircraft(extractor):
    text = "Peru will send fighter jets to carry out strikes in the north."
    assert kinds(extractor, text) >= {("PER", "aircraft")}


def test_jets_that_will_not_strike_refuse_the_strikes_only(extractor):
    text = "The Chilean government said its jets would not carry out strikes in the north."
    found = {(c.actor, c.kind, c.status) for c in extractor.extract(text)}
    assert found == {("CHL", "airstrikes", "refused")}


@pytest.mark.parametrize(
    "text",
    [
        "Chile opened an F-16 training centre for foreign pilots.",
        "Peru will host a Leopard 2 training course for the tank crews.",
    ],
)
def test_a_model_naming_a_kind_of_training_is_no_gift_of_it(extractor, text):
    found = kinds(extractor, text)
    assert {kind for _, kind in found} == {"training"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Chile is shipping ammunition to the militia.", "CHL"),
        ("Peru is transferring 14 tanks to its neighbour.", "PER"),
    ],
)
def test_goods_being_shipped_are_announced(extractor, text, actor):
    found = {(c.actor, c.kind, c.status) for c in extractor.extract(text)}
    assert found == {(actor, "arms", "announced")}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Chile will provide an additional 100 million dollars in military assistance, "
            "including armoured vehicles.",
            "arms",
        ),
        ("Peru will send military aid worth 50 million euros, including artillery shells.", "arms"),
        ("Chile pledged 20 million dollars in military aid, such as helicopters.", "aircraft"),
    ],
)
def test_a_sum_of_aid_that_names_its_goods_is_their_amount(extractor, text, kind):
    found = extractor.extract(text)
    assert [(c.kind, c.amount is not None) for c in found] == [(kind, True)]


def test_a_sum_of_aid_that_names_no_goods_stays_money(extractor):
    found = extractor.extract("Peru will send military aid worth 50 million euros.")
    assert [(c.kind, c.amount is not None) for c in found] == [("money", True)]


def test_a_package_unveiled_is_announced(extractor):
    found = extractor.extract("Chile unveiled a 40 million dollar package of weapons for Peru.")
    assert [(c.actor, c.kind, c.status) for c in found] == [("CHL", "arms", "announced")]


@pytest.mark.parametrize(
    "text",
    [
        "Anti-aircraft guns were delivered to the militia by Chile.",
        "Air defence systems were delivered to the militia by Chile.",
    ],
)
def test_a_kind_that_opens_the_sentence_is_found_whatever_its_case(extractor, text):
    assert kinds(extractor, text) == {("CHL", "arms")}


@pytest.mark.parametrize(
    "text",
    [
        "The agreement includes at least 900 million euros in Chilean military aid this year.",
        "The deal includes 50 million dollars of Chilean military aid.",
    ],
)
def test_a_sum_in_a_demonyms_aid_is_that_countrys(extractor, text):
    found = extractor.extract(text)
    assert [(c.actor, c.kind, c.amount is not None) for c in found] == [("CHL", "money", True)]


def test_aid_to_a_demonyms_forces_is_still_received(extractor):
    found = extractor.extract("Peru will send military aid to Chilean forces.")
    assert {c.actor for c in found} == {"PER"}
