"""Actors that did the same in addition to the subject; sentences written for these
tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def actors(extractor, text):
    return {c.actor for c in extractor.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "In addition to Brazil, Chile and Peru have sent jets.",
        "Besides Brazil, Chile and Peru have also sent jets.",
        "In addition to support from Brazil, Chile and Peru have sent jets.",
    ],
)
def test_a_fronted_in_addition_to_adds_its_actor_to_the_subject(extractor, text):
    assert actors(extractor, text) == {"BRA", "CHL", "PER"}


def test_a_group_subject_in_addition_to_a_named_actor_gives_that_actor(extractor):
    text = "Seven governments in addition to Chile have pledged to provide weapons."
    assert actors(extractor, text) == {"CHL"}


def test_a_named_actor_after_a_group_subject_and_a_comma_is_no_agent(extractor):
    text = "Countries in the region, in addition to Chile, all of whom are prepared to strike."
    assert actors(extractor, text) == set()
