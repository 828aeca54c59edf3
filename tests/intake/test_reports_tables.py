"""Attendees and members listed one a row under a heading that ends in a colon, and
"the participating countries were". Every text is written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def actors(extractor, text, kind):
    return {r.actor for r in extractor.extract_reports(text) if r.kind == kind}


DELEGATIONS = """Envoys gathered in Accra on Tuesday for the regional summit.

Countries represented at the summit:
Ghana: Foreign Minister Kofi Mensah
Togo - Defence Minister Ama Dogbe
Benin: two senior officials

Talks went on into the night.
"""

MEMBERS = """The alliance was formed in 2019.

The alliance's members:
Ghana: since 2019
Togo: since 2020

Sierra Leone may join later: talks continue.
"""


def test_rows_under_a_heading_of_attendees(extractor):
    assert actors(extractor, DELEGATIONS, "attendance") == {"GHA", "TGO", "BEN"}


def test_rows_under_a_heading_of_members(extractor):
    assert actors(extractor, MEMBERS, "membership") == {"GHA", "TGO"}


def test_rows_without_a_heading_are_nothing(extractor):
    text = "Results by country:\nGhana: 12 medals\nTogo: 3 medals\n"
    assert actors(extractor, text, "attendance") == set()
    assert actors(extractor, text, "membership") == set()


def test_the_participating_countries(extractor):
    text = "The participating countries were Ghana, Togo and Benin."
    assert actors(extractor, text, "attendance") == {"GHA", "TGO", "BEN"}
