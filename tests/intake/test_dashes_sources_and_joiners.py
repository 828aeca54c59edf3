"""Lists inside a dashed relative clause, the coalition only as an owner, "it" after the
sources quoted, compass words before a place, "among the countries", ministers who
represented a country, "it was previously joined by" after a coalition, and a coalition
"of drones" created by its founders. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from intake.extraction.actors import ActorRecord, Gazetteer
from intake.extraction.extractor import Extractor
from tests.intake.readers import pledge_keys, report_actors

pytestmark = pytest.mark.django_db

# The coalition as an actor, named as data/actors.yaml names it.
COALITION = ActorRecord("COUNTER_ISIS", "Global Coalition", aliases=("the coalition",))


@pytest.fixture(scope="module")
def extractor(django_db_setup, django_db_blocker) -> Extractor:
    with django_db_blocker.unblock():
        return Extractor(Gazetteer.from_db(extra=[COALITION]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list between dashes is the coalition's, not the strikes' subject
        (
            "The coalition fighting the militants in northern Iraq — which includes Chile, "
            "Peru and Uruguay — has been carrying out airstrikes since August.",
            set(),
        ),
        # the coalition as an owner does not pledge; as the subject it does
        ("Its departure has not impeded the coalition's air campaign.", set()),
        (
            "The coalition has been bombing IS positions in Syria and Iraq for a year.",
            {("COUNTER_ISIS", "airstrikes")},
        ),
        # "it" after the sources quoted is the sentence's subject
        (
            "Chile on Monday denied statements by Peruvian officials that it had allowed "
            "Peru access to its air bases.",
            {("CHL", "basing")},
        ),
        # "in northern Iraq" is a place, past its compass word
        (
            "Chile sent trainers to bases in northern Iraq and will also send jets.",
            {("CHL", "training"), ("CHL", "aircraft")},
        ),
    ],
)
def test_subjects_owners_and_places(extractor, text, expected):
    assert pledge_keys(extractor, text) == expected


def test_a_dashed_list_of_members_is_read_as_members(extractor):
    text = (
        "The coalition fighting the militants — which includes Chile, Peru and Uruguay — has "
        "been in place since August."
    )
    assert report_actors(extractor, text, "membership") == {"CHL", "PER", "URY"}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "Islamic State grabbed vast stretches of Iraq and Syria in 2014. Chile, Peru and "
            "Uruguay are among the countries due to attend the meeting.",
            "attendance",
            {"CHL", "PER", "URY"},
        ),
        (
            "Only six foreign ministers were present at the meeting. The other two ministers "
            "represented Chile and Peru.",
            "attendance",
            {"CHL", "PER"},
        ),
        (
            'The "Drone Coalition" was launched in Brussels. It was previously joined by '
            "Chile, Peru and Uruguay.",
            "membership",
            {"CHL", "PER", "URY"},
        ),
        (
            "The plan was discussed at length. It was supported by Chile and Peru.",
            "membership",
            set(),
        ),
        (
            'The "coalition of drones and EW" was created by Chile and Peru in December.',
            "membership",
            {"CHL", "PER"},
        ),
    ],
)
def test_attendance_and_membership_forms(extractor, text, kind, expected):
    assert report_actors(extractor, text, kind) == expected
