"""Report claims of named groups (the G7, the Nordic countries ...), meeting hosts,
attendance through "join", agreements with a bare "have signed" or a joint purchase, and
lists led by "Along with X,". Every sentence is written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

NORDICS = {"DNK", "FIN", "ISL", "NOR", "SWE"}
G7 = {"CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"}
GULF = {"SAU", "ARE", "QAT", "KWT", "BHR", "OMN"}


def actors(extractor, text, kind):
    return {r.actor for r in extractor.extract_reports(text) if r.kind == kind}


# ------------------------------------------------------------------ named groups


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("The Nordic countries signed a defence pact on Tuesday.", "agreement", NORDICS),
        # "Leaders of": the people of the subject, not a place; "charter" is a document
        ("Leaders of the Group of Seven (G7) endorsed the charter.", "agreement", G7),
        ("G7 leaders adopted a joint declaration on grain.", "agreement", G7),
        (
            "The Baltic states and Poland joined the coalition.",
            "membership",
            {"EST", "LVA", "LTU", "POL"},
        ),
        ("Gulf Cooperation Council members attended the summit.", "attendance", GULF),
        ("The six GCC states attended the summit.", "attendance", GULF),
        (
            "The five permanent members of the UN Security Council adopted a joint declaration.",
            "agreement",
            {"CHN", "FRA", "GBR", "RUS", "USA"},
        ),
        (
            "The Visegrad Four and the Benelux countries signed a letter of intent on Friday.",
            "agreement",
            {"POL", "CZE", "SVK", "HUN", "BEL", "NLD", "LUX"},
        ),
    ],
)
def test_a_named_group_stands_for_its_members(extractor, text, kind, expected):
    assert actors(extractor, text, kind) == expected


def test_a_group_name_inside_a_document_name_is_not_its_members(extractor):
    text = "Chile joined the G7 declaration on Monday."
    assert actors(extractor, text, "agreement") == {"CHL"}


def test_the_body_itself_is_not_expanded(extractor):
    # "the Security Council" members are five countries, but "the UN" alone is the UN
    text = "The permanent members of the Security Council attended the talks in Geneva."
    assert actors(extractor, text, "attendance") == {"CHN", "FRA", "GBR", "RUS", "USA"}


# ------------------------------------------------------------------ meeting hosts


def test_convened_at_the_initiative_of_names_the_host(extractor):
    text = "The conference was convened in Lima at the initiative of Chilean President Ana Torres."
    assert actors(extractor, text, "meeting") == {"CHL"}


def test_two_subjects_that_co_chaired_are_both_hosts(extractor):
    assert actors(extractor, "Peru and Chile co-chaired the conference.", "meeting") == {
        "PER",
        "CHL",
    }


def test_who_co_chaired_with_gives_both_hosts(extractor):
    text = (
        "Chilean Foreign Minister Pablo Soto arrived on Sunday.\n\n"
        "“We stand together,” said Peruvian Foreign Minister Luis Vega, who co-chaired the "
        "conference with Mr Soto.\n"
    )
    assert actors(extractor, text, "meeting") == {"PER", "CHL"}


def test_titled_co_hosts_are_both_hosts(extractor):
    text = (
        "German Chancellor Olaf Weber and French President Marc Lenoir co-hosted discussions "
        "involving 20 countries."
    )
    assert actors(extractor, text, "meeting") == {"DEU", "FRA"}


def test_held_by_a_person_names_the_host_and_not_an_attendee(extractor):
    text = (
        "Kenyan Defence Minister Amos Njoroge arrived early.\n\n"
        "Ministers from Ghana and Chile attended the meeting held by Njoroge.\n"
    )
    reports = {(r.actor, r.kind) for r in extractor.extract_reports(text)}
    assert ("KEN", "meeting") in reports
    assert {a for a, k in reports if k == "attendance"} == {"GHA", "CHL"}


def test_the_speaker_after_in_a_meeting_with_is_the_host(extractor):
    text = (
        "In a closed-door meeting with ministers from the region, Greek Foreign Minister "
        "Nikos Pappas said the plan was ready."
    )
    assert actors(extractor, text, "meeting") == {"GRC"}


def test_who_holds_talks_with_another_is_the_host(extractor):
    text = "Norway will hold two rounds of talks with Sweden next week."
    assert actors(extractor, text, "meeting") == {"NOR"}


# ------------------------------------------------------------------ attendance


def test_who_joins_the_ministers_at_a_conference_attends_too(extractor):
    text = (
        "Kenyan Defence Minister Amos Njoroge landed on Monday.\n\n"
        "Njoroge will join defence ministers from Ghana and Peru at the conference.\n"
    )
    assert actors(extractor, text, "attendance") == {"KEN", "GHA", "PER"}


def test_a_led_mention_is_not_an_attendee(extractor):
    text = "Officials from the Saudi-led coalition met in Cairo on Sunday."
    assert "SAU" not in actors(extractor, text, "attendance")


def test_a_capital_before_attacks_is_a_place(extractor):
    text = "Ministers from Chile and Peru met for talks after the Madrid bombings."
    assert actors(extractor, text, "attendance") == {"CHL", "PER"}


def test_the_attendee_list_ends_at_a_clause_of_its_own(extractor):
    text = "Envoys from Chile and Peru met at the summit, as Greece seeks a wider role."
    assert actors(extractor, text, "attendance") == {"CHL", "PER"}


# ------------------------------------------------------------------ agreements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Chile, Peru and Greece have signed,” the ministry said.", {"CHL", "PER", "GRC"}),
        ("Kenya has signed on, the ministry said.", {"KEN"}),
        (
            "Spain and Portugal agreed on Tuesday to jointly purchase air-defence missiles.",
            {"ESP", "PRT"},
        ),
        ("Chile and Peru signed a so-called project arrangement on shells.", {"CHL", "PER"}),
        ("Ghana and Kenya adopted a roadmap for border security.", {"GHA", "KEN"}),
        (
            "The Chilean government approved the country's accession to the maritime declaration.",
            {"CHL"},
        ),
        (
            "Thirty countries, including Chile, Peru and the Nordic countries, vowed to help "
            "Haiti rebuild.",
            {"CHL", "PER"} | NORDICS,
        ),
    ],
)
def test_agreement_phrasings(extractor, text, expected):
    assert actors(extractor, text, "agreement") == expected


def test_a_bare_signed_inside_a_clause_is_not_an_agreement(extractor):
    text = "Chile has signed two checks for flood relief."
    assert not actors(extractor, text, "agreement")


# ------------------------------------------------------------------ "Along with X,"


def test_along_with_adds_to_the_members_listed(extractor):
    text = "Along with Chile, the alliance comprises Peru, Greece and Malta."
    assert actors(extractor, text, "membership") == {"CHL", "PER", "GRC", "MLT"}


def test_together_with_adds_to_the_signatories(extractor):
    text = "Together with Spain, Portugal signed the accord."
    assert actors(extractor, text, "agreement") == {"ESP", "PRT"}


def test_along_with_gives_nothing_when_the_clause_lists_nobody(extractor):
    text = "Along with Chile, the ministers discussed the weather."
    assert not [r for r in extractor.extract_reports(text) if r.actor == "CHL"]


# ------------------------------------------------------------------ modal joins, sizes


def test_ready_to_join_is_not_a_membership(extractor):
    text = "Greece said it was ready to join the coalition if the Iraqi government asked."
    assert not actors(extractor, text, "membership")


def test_a_coalition_of_the_ukraine_support_has_no_actor(extractor):
    text = "Ukraine formed a coalition of 12 partner states to train pilots."
    rows = {
        (r.actor, r.quantity) for r in extractor.extract_reports(text) if r.kind == "size_report"
    }
    assert rows == {("", 12)}


def test_said_it_would_join_stays_a_membership(extractor):
    text = "Greece said on Monday it would join the coalition."
    assert actors(extractor, text, "membership") == {"GRC"}


def test_could_join_is_not_a_membership(extractor):
    text = "Greece could soon join the coalition, diplomats said."
    assert not actors(extractor, text, "membership")


def test_the_subject_before_a_passive_hosted_by_is_a_guest(extractor):
    text = "Ministers from Chile met at a meeting hosted by the Nordic countries."
    reports = {(r.actor, r.kind) for r in extractor.extract_reports(text)}
    assert {a for a, k in reports if k == "meeting"} == NORDICS
    assert {a for a, k in reports if k == "attendance"} == {"CHL"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile and Peru participated in the talks in Geneva.", {"CHL", "PER"}),
        ("Greece was also represented at the summit.", {"GRC"}),
        ("Kenya sent its defence minister to the conference.", {"KEN"}),
        (
            "Countries represented included Chile, Peru and Malta at the meeting.",
            {"CHL", "PER", "MLT"},
        ),
    ],
)
def test_attendance_phrasings(extractor, text, expected):
    assert actors(extractor, text, "attendance") == expected


def test_among_the_signatories_is_an_agreement(extractor):
    text = "Chile and Peru are among the signatories of the maritime code."
    assert actors(extractor, text, "agreement") == {"CHL", "PER"}


def test_a_party_to_a_treaty_signed_it_but_not_a_party_to_a_conflict(extractor):
    assert actors(extractor, "Kenya became a party to the arms treaty.", "agreement") == {"KEN"}
    assert not actors(extractor, "Kenya is a party to the conflict.", "agreement")


@pytest.mark.parametrize(
    "text",
    [
        "Chile urged Peru to join the coalition.",
        "Greece called on its neighbours, including Malta, to join the coalition.",
    ],
)
def test_urged_to_join_is_not_a_membership(extractor, text):
    assert not actors(extractor, text, "membership")


def test_refused_to_join_is_still_a_membership_claim(extractor):
    # "declined" is a membership status, so the claim stays
    assert actors(extractor, "Chile refused to join the coalition.", "membership") == {"CHL"}


def test_co_hosted_by_two_names_both_hosts(extractor):
    text = "The talks, co-hosted by Chile and Peru, ended on Friday."
    assert actors(extractor, text, "meeting") == {"CHL", "PER"}
