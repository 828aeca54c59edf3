"""Long lists of actors in meetings, statements and coalitions; organisations and the
names the press uses for a government; on sentences written for these tests."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from intake.extraction.actors import ActorRecord, Gazetteer
from intake.extraction.extractor import Extractor

pytestmark = pytest.mark.django_db

TEN = ("SAU", "BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "OMN", "QAT", "ARE")
ORGANISATIONS = [
    ActorRecord("EU", "European Union", aliases=("EU", "the EU")),
    ActorRecord("NATO", "North Atlantic Treaty Organization", aliases=("NATO",)),
    ActorRecord("ARAB_LEAGUE", "League of Arab States", aliases=("Arab League",)),
]


@pytest.fixture(scope="module")
def extractor(django_db_setup, django_db_blocker) -> Extractor:
    with django_db_blocker.unblock():
        return Extractor(Gazetteer.from_db(extra=ORGANISATIONS))


def reports(extractor, text, kind):
    return {r.actor for r in extractor.extract_reports(text) if r.kind == kind}


def pledges(extractor, text):
    return {(c.actor, c.kind) for c in extractor.extract(text)}


def test_ministers_of_a_long_list_who_met_attended(extractor):
    text = (
        "Foreign ministers of Saudi Arabia, Bahrain, Egypt, Iraq, Jordan, Kuwait, Lebanon, "
        "Oman, Qatar and the United Arab Emirates met in the port city on Friday."
    )
    assert reports(extractor, text, "attendance") == set(TEN)


def test_the_ministers_list_must_follow_the_people_at_once(extractor):
    # The countries named later are the statement's parties, not a list of attendees.
    text = (
        "Envoys of nine countries met at a base in Latvia and issued a joint statement, "
        "with Poland, Lithuania and Estonia each sending more shells."
    )
    assert reports(extractor, text, "attendance") == set()


def test_attendees_listed_after_including(extractor):
    text = (
        "Delegations of about 25 countries attended the conference, including Chile, "
        "Peru and Greece."
    )
    assert reports(extractor, text, "attendance") == {"CHL", "PER", "GRC"}


def test_a_capital_naming_the_meeting_is_a_place_not_an_attendee(extractor):
    text = "Ministers from Spain and Chile attended the Lisbon conference on Monday."
    assert reports(extractor, text, "attendance") == {"ESP", "CHL"}


def test_the_parties_of_a_joint_communique_named_after_it(extractor):
    text = (
        "In a joint communique, Saudi Arabia, Bahrain, Egypt, Iraq, Jordan, Kuwait, Lebanon, "
        "Oman, Qatar and the UAE said they would stand together."
    )
    assert reports(extractor, text, "agreement") == set(TEN)


def test_parties_that_said_so_in_a_joint_statement(extractor):
    text = "Chile and Peru said in a joint statement that they would send medical teams."
    assert reports(extractor, text, "agreement") == {"CHL", "PER"}


@pytest.mark.parametrize(
    ("text", "members"),
    [
        (
            "The six nations that make up the core coalition are Chile, Peru, Greece, "
            "Spain, Portugal and Italy.",
            {"CHL", "PER", "GRC", "ESP", "PRT", "ITA"},
        ),
        ("Chile and Peru are now part of the coalition.", {"CHL", "PER"}),
        ("Portugal backed the campaign against the militants.", {"PRT"}),
        ("The Arab League threw its weight behind the coalition.", {"ARAB_LEAGUE"}),
    ],
)
def test_membership_listed_or_supported(extractor, text, members):
    assert reports(extractor, text, "membership") == members


def test_joining_that_brings_the_membership_to_a_number_is_a_size(extractor):
    found = extractor.extract_reports(
        "Chile and Peru joined the coalition, bringing its membership to 41."
    )
    assert {(r.kind, r.quantity) for r in found if r.kind == "size_report"} == {("size_report", 41)}


def test_bringing_a_total_of_tanks_is_not_a_coalition_size(extractor):
    found = extractor.extract_reports("Spain sent ten more tanks, bringing the total to 41.")
    assert [r for r in found if r.kind == "size_report"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU has delivered 300,000 shells to Ukraine.", {("EU", "arms")}),
        ("NATO agreed to send AWACS surveillance planes to Turkey.", {("NATO", "aircraft")}),
        # "NATO allies" and "EU member states" are others, not the organisation.
        ("NATO allies will send 40 more tanks to Ukraine.", set()),
        ("EU member states pledged to send 40 more tanks to Ukraine.", set()),
    ],
)
def test_organisations_act_and_qualify_others(extractor, text, expected):
    assert pledges(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Italy has offered two Tornado jets and a KC-767 refuelling plane.", {("ITA", 3)}),
        ("The pilot's plane went down over the desert near Raqqa, Jordan said.", set()),
    ],
)
def test_one_plane_counts_when_its_role_is_named(extractor, text, expected):
    assert {(c.actor, c.quantity) for c in extractor.extract(text)} == expected


def test_warships_are_a_contribution_of_ships(extractor):
    claims = extractor.extract("Spain will send two frigates to the eastern Mediterranean.")
    assert [(c.actor, c.kind, c.quantity) for c in claims] == [("ESP", "other", 2)]


def test_the_bundled_actors_name_organisations_and_seats_of_government():
    call_command("load_dataset", verbosity=0)
    extractor = Extractor(Gazetteer.from_db())
    assert pledges(extractor, "The Pentagon will send 20 Bradley vehicles to Ukraine.") == {
        ("USA", "arms")
    }
    assert pledges(extractor, "RAF Tornados will fly missions over Iraq.") >= {("GBR", "aircraft")}
    assert pledges(extractor, "The EU will deliver a million shells by March.") == {("EU", "arms")}


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("The 41 partners include Chile, Peru and Greece.", {"CHL", "PER", "GRC"}),
        ("Members of the coalition include Chile and Peru, officials said.", {"CHL", "PER"}),
        ("The countries that have joined so far are Chile and Peru.", {"CHL", "PER"}),
        ("Chile and Peru signed on to the coalition's plan.", {"CHL", "PER"}),
    ],
)
def test_members_listed_after_the_coalitions_partners(extractor, text, members):
    assert reports(extractor, text, "membership") == members


def test_partners_of_a_business_deal_are_not_members(extractor):
    assert reports(extractor, "The 41 partners include banks and insurers.", "membership") == set()


@pytest.mark.parametrize(
    ("text", "kind", "status"),
    [
        ("The Arab League backed the campaign against the militants.", "membership", "supporter"),
        ("Chile refused to join the coalition.", "membership", "declined"),
        ("Peru withdrew from the coalition in June.", "membership", "withdrawn"),
        ("Chile joined the coalition in June.", "membership", "member"),
        ("Peru was not invited to the conference.", "attendance", "not_invited"),
        ("Chile skipped the summit.", "attendance", "declined"),
    ],
)
def test_the_standing_a_report_states(extractor, text, kind, status):
    assert [r.status for r in extractor.extract_reports(text) if r.kind == kind] == [status]
