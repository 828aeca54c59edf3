"""A person named by a title that names the country, unnamed others after a speech verb,
and air support; sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.quantity) for c in extractor.extract(text)}


def test_a_title_that_names_the_country_gives_the_pledge_its_actor(extractor):
    text = "Defense Secretary Ash Carter said he would send about 200 more troops."
    assert claims(extractor, text) == {("USA", "troops", 200)}


def test_unnamed_others_are_not_the_actor_of_the_sentence_before(extractor):
    text = (
        "Secretary of State John Kerry met the ministers on Monday. "
        "While many won't be willing to join strikes, he said they can provide weapons."
    )
    assert claims(extractor, text) == set()


def test_air_support_is_strikes(extractor):
    text = "Peru said it would provide air support to the ground forces."
    assert claims(extractor, text) == {("PER", "airstrikes", None)}


@pytest.mark.parametrize(
    ("text", "trainer"),
    [
        ("Training of Kenyan crews on the tanks has been completed in Peru.", "PER"),
        ("The first ten Kenyan crews completed training on tanks in Cusco, Peru.", "PER"),
        ("All Kenyans who trained on tanks with Peruvian forces have returned home.", "PER"),
    ],
)
def test_where_or_with_whom_trainees_trained_is_the_trainer(extractor, text, trainer):
    found = {(c.actor, c.kind) for c in extractor.extract(text)}
    assert (trainer, "training") in found
    assert ("KEN", "training") not in found


def test_a_title_of_the_country_then_the_person_ties_the_person(extractor):
    text = (
        "The Minister of Defense of the Republic of Chile, Ana Torres, has announced a "
        "50 million dollar military aid package."
    )
    found = extractor.extract(text)
    assert [(c.actor, c.kind) for c in found] == [("CHL", "money")]
    assert extractor.gazetteer.find_people(text)["Torres"] == "CHL"
