"""Trainees are not givers, what they train on is not a gift, and a course's length is no
count; sentences written for these tests."""

from __future__ import annotations

import pytest

from intake.extraction.quantities import find_quantities

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind) for c in extractor.extract(text)}


def test_crews_who_completed_training_abroad_were_trained_by_the_host(extractor):
    text = "Twelve Kenyan crews completed training on Leopard tanks in Seville, Spain."
    assert claims(extractor, text) == {("ESP", "training")}


def test_personnel_taking_part_in_a_course_are_trainees(extractor):
    text = "Kenyan pilots and ground crew will take part in the training course."
    assert claims(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Chile is leading a plan to train Kenyan pilots on using the US-made aircraft.",
        "Peru will train Kenyan crews on Leopard tanks from next month.",
    ],
)
def test_the_equipment_trained_on_is_not_pledged(extractor, text):
    assert {kind for _, kind in claims(extractor, text)} == {"training"}


def test_a_delivery_and_a_course_in_one_sentence_keep_both(extractor):
    text = "Spain will send 20 Leopard tanks and train Kenyan crews to use them."
    assert claims(extractor, text) == {("ESP", "arms"), ("ESP", "training")}


@pytest.mark.parametrize(
    "text",
    ["a four-week course", "for six months", "after two years of talks", "a 10-day mission"],
)
def test_a_length_of_time_is_not_a_quantity(text):
    assert find_quantities(text) == []
