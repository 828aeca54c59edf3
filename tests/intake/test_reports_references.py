"""Report claims across sentences: "the three countries" meaning a list named nearby,
meetings with no host beside hosted ones, attendance through a meeting "with the
ministers from X and Y" or a group's joint vow at a meeting, and people whose title
names their country. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def rows(extractor, text, kind=None):
    return {
        (r.actor, r.kind) for r in extractor.extract_reports(text) if kind is None or r.kind == kind
    }


def attendees(extractor, text):
    return {actor for actor, _ in rows(extractor, text, "attendance")}


# ------------------------------------------------------------- lists named nearby


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count that matches the list before
        (
            "Chile, Peru and Greece sent envoys to Lisbon.\n\n"
            "Ministers from the three countries attended the summit on Monday.",
            {"CHL", "PER", "GRC"},
        ),
        # "both" is two
        (
            "Chile and Peru want closer ties.\n\nBoth countries took part in the talks in Oslo.",
            {"CHL", "PER"},
        ),
        # the list may come after the phrase that needs it
        (
            "Delegates from the participating states met in Oslo on Friday.\n\n"
            "The participating states are Chile, Peru and Greece.",
            {"CHL", "PER", "GRC"},
        ),
        # a count no list nearby has: nobody is guessed
        (
            "Chile and Peru sent envoys to Lisbon.\n\n"
            "Ministers from the ten countries attended the summit on Monday.",
            set(),
        ),
        # a list of places is not a list of parties
        (
            "The militants hold towns in Iraq and Syria.\n\n"
            "Ministers from the two countries attended the summit on Monday.",
            set(),
        ),
    ],
)
def test_a_count_of_countries_means_a_list_named_nearby(extractor, text, expected):
    assert attendees(extractor, text) == expected


def test_a_list_of_members_named_later_gives_the_attendees_but_not_the_host(extractor):
    text = (
        "In a closed meeting with the defence ministers from the countries ready to help, "
        "Secretary of State Jane Doe said each must choose a role.\n\n"
        "Besides the United States, the group comprises Chile, Peru and Greece."
    )
    found = rows(extractor, text)
    assert ("USA", "meeting") in found
    assert attendees(extractor, text) == {"CHL", "PER", "GRC"}


def test_the_two_countries_sign_for_the_pair_named_before(extractor):
    text = "Chile and Peru held talks in Lima.\n\nThe two countries signed a fishing accord."
    assert rows(extractor, text, "agreement") == {("CHL", "agreement"), ("PER", "agreement")}


# ------------------------------------------------------------------ meetings


def test_a_meeting_with_no_host_is_kept_beside_a_hosted_one(extractor):
    text = "Japan hosted the conference in Tokyo.\n\nThe ministers' meeting lasted three hours."
    assert rows(extractor, text, "meeting") == {("JPN", "meeting"), ("", "meeting")}


def test_who_attended_the_meeting_means_the_hosted_one(extractor):
    text = "Japan hosted the conference in Tokyo.\n\nChile and Peru attended the conference."
    assert rows(extractor, text) == {
        ("JPN", "meeting"),
        ("CHL", "attendance"),
        ("PER", "attendance"),
    }


def test_a_host_the_sentence_names_but_no_actor_resolves_is_not_nobody(extractor):
    assert rows(extractor, "Secretary-General Ana Torres is hosting the summit in Oslo.") == set()


def test_a_meeting_with_one_titled_person_is_a_bilateral_talk(extractor):
    text = (
        "Greece's prime minister said after a meeting with Peruvian President Ana Torres "
        "that it went well."
    )
    assert rows(extractor, text, "meeting") == set()


def test_a_meeting_with_the_ministers_from_a_list_has_them_as_attendees(extractor):
    text = (
        "In a meeting with foreign ministers from Chile and Peru, Greece's prime minister "
        "said the talks went well."
    )
    assert rows(extractor, text) == {
        ("CHL", "attendance"),
        ("PER", "attendance"),
        ("GRC", "meeting"),
    }


def test_a_group_vow_beside_a_meeting_is_made_there(extractor):
    text = (
        "The conference on maritime security was held in Rome on Monday.\n\n"
        "Twelve countries, including Chile and Peru, vowed to support the new government."
    )
    assert attendees(extractor, text) == {"CHL", "PER"}
    # with no meeting beside it, the vow is an agreement only
    alone = "Twelve countries, including Chile and Peru, vowed to support the new government."
    assert attendees(extractor, alone) == set()
    assert rows(extractor, alone, "agreement") == {("CHL", "agreement"), ("PER", "agreement")}


# ---------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title only one government gives
        (
            "Secretary of State Jane Doe met them. Later Doe spoke.",
            {"Jane Doe": "USA", "Doe": "USA"},
        ),
        ("Defense Secretary Max Roe flew in.", {"Max Roe": "USA", "Roe": "USA"}),
        # a British "Secretary of State for ..." is not the American one
        ("Secretary of State for Defence Max Roe flew in.", {}),
        # the person before the country and title
        (
            "Max Roe, the Chilean defence minister, flew in.",
            {"Max Roe": "CHL", "Roe": "CHL"},
        ),
        # the titled person "of" a country
        (
            "Foreign Minister Ana Torres of Chile spoke. Torres said more.",
            {"Ana Torres": "CHL", "Torres": "CHL"},
        ),
        # a country named with the person wins over the title
        (
            "British Defense Secretary Max Roe spoke. Defense Secretary Max Roe left.",
            {"Max Roe": "GBR", "Roe": "GBR"},
        ),
    ],
)
def test_people_tied_by_title_or_apposition(extractor, text, expected):
    assert extractor.gazetteer.find_people(text) == expected


def test_people_by_title_alone_are_not_read_for_pledges(extractor):
    assert (
        extractor.gazetteer.find_people("Secretary of State Jane Doe met them.", by_title=False)
        == {}
    )


# ------------------------------------------- attendance with no "meeting" beside


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile and Peru were among those at the talks.", {"CHL", "PER"}),
        ("At the talks were Chile, Peru and Greece.", {"CHL", "PER", "GRC"}),
        ("Also at the summit were envoys from Chile and Peru.", {"CHL", "PER"}),
        ("Chile and Peru sent delegations to the Lisbon conference.", {"CHL", "PER"}),
        ("Chile and Peru were in attendance.", {"CHL", "PER"}),
        (
            "Foreign ministers from Chile, Peru and Greece gathered in Lisbon.",
            {"CHL", "PER", "GRC"},
        ),
        # a sentence that starts at a meeting but says what one actor said
        ("At the talks on Monday, Chile said it would help.", set()),
    ],
)
def test_attendance_phrased_without_a_verb_of_attending(extractor, text, expected):
    assert attendees(extractor, text) == expected


def test_a_plural_that_meets_on_a_day_names_a_meeting(extractor):
    text = "The minister will brief the other members when they meet on Friday in Oslo."
    assert rows(extractor, text) == {("", "meeting")}
    assert rows(extractor, "They met the press.") == set()


def test_countries_working_together_are_the_coalition_size(extractor):
    text = (
        "Envoys from 12 of some 40 countries that are working together to fight the militants met."
    )
    sizes = {r.quantity for r in extractor.extract_reports(text) if r.kind == "size_report"}
    assert sizes == {40}


# ------------------------------------------------------------------ membership


def test_also_members_after_a_sentence_about_a_coalition(extractor):
    text = "Greece joined the coalition in May.\n\nChile and Peru are also members."
    assert rows(extractor, text, "membership") == {
        ("GRC", "membership"),
        ("CHL", "membership"),
        ("PER", "membership"),
    }
    # members of something else
    assert (
        rows(extractor, "Greece joined NATO in 1952.\n\nChile and Peru are also members.") == set()
    )


def test_suspending_participation_in_a_coalition_but_not_in_a_campaign(extractor):
    (claim,) = extractor.extract_reports("Chile suspended its participation in the coalition.")
    assert (claim.actor, claim.kind, claim.status) == ("CHL", "membership", "suspended")
    text = "Chile has suspended its participation in the air campaign."
    assert rows(extractor, text, "membership") == set()


# ------------------------------------------------------- the meeting named before


@pytest.mark.parametrize(
    "second",
    [
        "Chile and Peru also took part.",
        "Attending were envoys from Chile and Peru.",
        "Envoys from Chile and Peru were there too.",
    ],
)
def test_attendees_in_the_sentence_after_the_meeting(extractor, second):
    text = f"Defence ministers met in Oslo on Monday to discuss the campaign.\n\n{second}"
    assert attendees(extractor, text) == {"CHL", "PER"}
    # with no meeting beside it, taking part is in something else
    assert attendees(extractor, f"Jets struck a depot near the border.\n\n{second}") == set()


# ------------------------------------------------------------- hosts and asides


def test_a_host_hosts_a_meeting_or_its_guests_not_refugees(extractor):
    text = "Greece, which hosts two million refugees, attended the conference in Oslo."
    assert rows(extractor, text) == {("GRC", "attendance"), ("", "meeting")}
    text = "Greece hosted ministers from Chile and Peru at the summit."
    assert rows(extractor, text) == {
        ("GRC", "meeting"),
        ("CHL", "attendance"),
        ("PER", "attendance"),
    }


def test_a_relative_clause_between_the_subject_and_its_verb_is_an_aside(extractor):
    text = "Albania, which sent troops to Iraq last year, joined the coalition."
    assert rows(extractor, text) == {("ALB", "membership")}


# ------------------------------------------------- more members and signatories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile has agreed to take part in the coalition.", {"CHL"}),
        ("Chile has been a coalition member since 2014.", {"CHL"}),
        ("Chile is one of the 60 members of the coalition.", {"CHL"}),
        ("Chile, a member of the coalition, sent jets.", {"CHL"}),
        # taking part in a campaign is a pledge's business, not a membership
        ("Chile will take part in the air campaign.", set()),
    ],
)
def test_more_ways_to_say_a_country_is_a_member(extractor, text, expected):
    assert {a for a, _ in rows(extractor, text, "membership")} == expected


def test_the_countries_that_signed_a_document_were(extractor):
    text = "The countries that signed the communique were Chile, Peru, Greece and Malta."
    assert {a for a, _ in rows(extractor, text, "agreement")} == {"CHL", "PER", "GRC", "MLT"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The conference brought together ministers from Chile, Peru and Greece.",
            {"CHL", "PER", "GRC"},
        ),
        ("The meeting in Lisbon drew delegations from Chile and Peru.", {"CHL", "PER"}),
        # the host is not its own guest
        ("Chile hosted counterparts from Peru and Greece for two days of talks.", {"PER", "GRC"}),
        # no meeting named: a visit, not attendance
        ("Chile hosted officials from Peru on Monday.", set()),
    ],
)
def test_the_guests_a_meeting_brought_together(extractor, text, expected):
    assert attendees(extractor, text) == expected


# ------------------------------------------------------------ "we" in a quotation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\u201cIn this way, we will take part in the \u2018Maritime coalition\u2019, with "
            "many partners,\u201d Ana Torres, Chile\u2019s defence minister, said on Monday.",
            {"CHL"},
        ),
        ("“We have joined the coalition,” Chile's foreign minister said.", {"CHL"}),
        # a speaker no actor resolves
        ("“We have joined the coalition,” the minister told reporters.", set()),
    ],
)
def test_we_in_a_quotation_is_the_speaker(extractor, text, expected):
    assert {a for a, _ in rows(extractor, text, "membership")} == expected


# ------------------------------------------------------------ more agreements

GULF = {"SAU", "ARE", "QAT", "KWT", "BHR", "OMN"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The six members of the Gulf Cooperation Council signed the communique.", GULF),
        (
            "Chile, Peru and Greece issued a communique on Thursday pledging to fight militants.",
            {"CHL", "PER", "GRC"},
        ),
        # one government's communique is no agreement
        ("Chile issued a communique on Thursday.", set()),
        ("Chile and Peru put their names to the declaration.", {"CHL", "PER"}),
        (
            "Chile, Peru and Greece agreed in a statement to stop funding the group.",
            {"CHL", "PER", "GRC"},
        ),
        (
            "In a final statement, Chile, Peru and Greece committed to cutting off funds.",
            {"CHL", "PER", "GRC"},
        ),
        ("The declaration was backed by Chile, Peru and Greece.", {"CHL", "PER", "GRC"}),
        ("Chile said in a statement that it would send jets.", set()),
    ],
)
def test_documents_several_parties_issue_or_back(extractor, text, expected):
    assert {a for a, _ in rows(extractor, text, "agreement")} == expected
