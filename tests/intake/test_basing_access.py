"""Access to bases and airspace: who grants it, and the aircraft granted it; sentences
written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def claims(extractor, text):
    return {(c.actor, c.kind, c.status) for c in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru has allowed U.S. forces to use its bases.", {("PER", "basing", "committed")}),
        (
            "Peru has granted overflight rights to coalition aircraft.",
            {("PER", "basing", "committed")},
        ),
        (
            "Peru granted coalition aircraft permission to fly through its airspace.",
            {("PER", "basing", "committed")},
        ),
        (
            "Peru has offered the use of its air bases to coalition aircraft.",
            {("PER", "basing", "offered")},
        ),
    ],
)
def test_the_grantor_grants_access_and_the_grantees_aircraft_are_not_its(extractor, text, expected):
    assert claims(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "grantor"),
    [
        ("Peru has offered the British Callao base for the operations.", "PER"),
        ("Chile hosts the largest U.S. air base in the region.", "CHL"),
    ],
)
def test_the_host_of_a_base_others_use_is_the_one_basing(extractor, text, grantor):
    assert {c.actor for c in extractor.extract(text) if c.kind == "basing"} == {grantor}


def test_approving_a_re_export_is_a_transfer_not_access(extractor):
    text = "Chile allowed Peru to re-export its Leopard tanks to Bolivia."
    assert claims(extractor, text) == {("CHL", "arms", "committed")}


def test_hosting_a_logistics_hub_is_logistics(extractor):
    text = "Peru will host a logistics hub for weapons deliveries to Bolivia."
    assert claims(extractor, text) == {("PER", "logistics", "announced")}
