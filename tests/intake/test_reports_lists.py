"""Report claims phrased as wire copy lists them: the people of a list who met, a meeting
that brought countries together, documents signed by ministers or with another party,
and firsts that are not memberships. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from intake.extraction.actors import ActorRecord, Gazetteer
from intake.extraction.extractor import Extractor

pytestmark = pytest.mark.django_db

GULF = {"SAU", "ARE", "QAT", "KWT", "BHR", "OMN"}
NORDICS = {"DNK", "FIN", "ISL", "NOR", "SWE"}
BALTICS = {"EST", "LVA", "LTU"}


@pytest.fixture(scope="module")
def extractor(django_db_setup, django_db_blocker) -> Extractor:
    body = ActorRecord("GCC", "Gulf Cooperation Council", aliases=("the Gulf Cooperation Council",))
    with django_db_blocker.unblock():
        return Extractor(Gazetteer.from_db(extra=[body]))


def actors(extractor, text, kind):
    return {r.actor for r in extractor.extract_reports(text) if r.kind == kind}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # the people of a body with fixed members are its members'; the one they met too
        (
            "Finance ministers of the Gulf Cooperation Council met Secretary of State Jane "
            "Doe in Doha on Monday.",
            "attendance",
            GULF | {"USA"},
        ),
        # a noun two group names share
        (
            "Envoys from the Nordic and Baltic states met in Tallinn.",
            "attendance",
            NORDICS | BALTICS,
        ),
        (
            "The Baltic and Nordic countries adopted a joint declaration.",
            "agreement",
            NORDICS | BALTICS,
        ),
        # a meeting that brings countries together
        (
            "The Lisbon summit brought together 30 nations, including Chile, Peru and Greece.",
            "attendance",
            {"CHL", "PER", "GRC"},
        ),
        ("The forum in Oslo brought together Chile, Peru and Greece.", "attendance", set()),
        (
            "The meeting in Oslo brought together Chile, Peru and Greece.",
            "attendance",
            {"CHL", "PER", "GRC"},
        ),
        (
            "During a meeting with partners such as Chile and Peru, she outlined the plan.",
            "attendance",
            {"CHL", "PER"},
        ),
        # documents
        (
            "The charter was signed by the foreign ministers of Chile, Peru and Greece.",
            "agreement",
            {"CHL", "PER", "GRC"},
        ),
        ("A pact between Chile and Peru takes effect on Monday.", "agreement", {"CHL", "PER"}),
        ("Chile agreed to a defence accord with Peru.", "agreement", {"CHL", "PER"}),
        ("Greece signed a security agreement on Monday with Cyprus.", "agreement", {"GRC", "CYP"}),
        (
            "Kyiv has now signed treaties with a dozen countries, among them those with Chile "
            "and Peru.",
            "agreement",
            {"UKR", "CHL", "PER"},
        ),
        (
            "Chilean President Ana Ruiz and her Peruvian counterpart signed a trade pact.",
            "agreement",
            {"CHL", "PER"},
        ),
        # not signing is not an agreement claim
        ("Greece attended the summit but did not sign the declaration.", "agreement", set()),
        ("Peru refused to sign the accord.", "agreement", set()),
        # firsts that are not memberships
        (
            "Chile became the first country to join Peru in shelling the border.",
            "membership",
            set(),
        ),
        ("Chile became the fifth country to sign the declaration.", "membership", set()),
        ("Chile became the first country to join the coalition.", "membership", {"CHL"}),
    ],
)
def test_list_phrasings(extractor, text, kind, expected):
    assert actors(extractor, text, kind) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Defence ministers from 12 countries, including Chile and Peru, met in Rome on Friday.",
        "Foreign ministers of Chile and Peru met Greek Prime Minister Nikos Papas in Athens.",
    ],
)
def test_the_people_of_a_list_who_met_make_a_meeting(extractor, text):
    assert actors(extractor, text, "meeting") == {""}


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Strikes are led by a coalition of nearly 40 nations.", 40),
        ("It joined a coalition of at least 25 countries.", 25),
    ],
)
def test_a_coalition_of_about_n(extractor, text, size):
    found = {
        (r.actor, r.quantity) for r in extractor.extract_reports(text) if r.kind == "size_report"
    }
    assert found == {("COALITION", size)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile joined the air campaign over the border on Friday.", set()),
        ("Peru joined the military effort against the rebels.", set()),
        ("Chile joined the international campaign against the rebels.", {"CHL"}),
    ],
)
def test_joining_a_military_campaign_is_not_joining_the_coalition(extractor, text, expected):
    assert actors(extractor, text, "membership") == expected
