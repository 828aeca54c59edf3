"""Founders and owners of coalitions, joint sums, acts at a meeting told in the passive,
participants, sizes of efforts, photo captions and weapons fired at a target. Every
sentence is written for these tests."""

from __future__ import annotations

import pytest

from intake.extraction.sentences import is_caption, split_sentences
from tests.intake.readers import facts, pledge_keys, report_actors

pytestmark = pytest.mark.django_db

M, A, S, MT = "membership", "attendance", "size_report", "meeting"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile launched the Andean Drone Initiative in March.", {"CHL"}),
        ("Peru and Chile have set up a coalition to clear mines in Ukraine.", {"PER", "CHL"}),
        ("The coalition was founded by Brazil and Argentina in 2023.", {"BRA", "ARG"}),
        ("The partnership, launched by Norway, now counts eight members.", {"NOR"}),
        ("Twelve countries joined Chile's initiative to buy shells for Ukraine.", {"CHL"}),
        (
            "Peru intends to join the Joint Action on Maritime Security (JAMS) initiative.",
            {"PER"},
        ),
        # not a founding: a plan, and strikes launched
        ("Chile is considering whether to launch a new coalition.", set()),
        ("Chile launched airstrikes on the militants' positions.", set()),
        ("Chile launched a review of its arms exports.", set()),
    ],
)
def test_founders_and_owners_are_members(extractor, text, expected):
    assert report_actors(extractor, text, M) == expected


def test_a_joint_subject_shares_a_sum_of_its_own(extractor):
    text = "Peru, Chile and Uruguay have already provided Ukraine with about 2 billion euros."
    assert {(c.actor, c.kind, c.amount) for c in extractor.extract(text)} == {
        (code, "money", 2_000_000_000) for code in ("PER", "CHL", "URY")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "This was stated by Chilean Foreign Minister Alberto van Klaveren during a press "
            "conference following the Andean Summit.",
            {"CHL"},
        ),
        (
            "The pledge was announced by Peru's defence minister on the sidelines of the "
            "NATO summit.",
            {"PER"},
        ),
        ("Participants, including Chile and Peru, discussed the plan for Mosul.", {"CHL", "PER"}),
        ("The attendees included Uruguay and Paraguay.", {"URY", "PRY"}),
        # a news conference is no meeting; a speaker "after talks" is not placed there
        ("This was stated by Chile's foreign minister at a press conference in Santiago.", set()),
        ("Participants were told that Chile had sent jets.", set()),
    ],
)
def test_attendance_told_in_the_passive_and_by_participants(extractor, text, expected):
    assert report_actors(extractor, text, A) == expected


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("Led by Chile, the 23-nation effort trains pilots.", {23}),
        ("The contact group, which gathers more than 50 countries, met in May.", {50}),
        ("The initiative unites 14 nations in the region.", {14}),
    ],
)
def test_sizes_of_efforts_and_of_groups_that_gather_countries(extractor, text, sizes):
    assert {detail for _, kind, detail in facts(extractor, text) if kind == S} == sizes


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("This photo released on Sunday by the Chilean army shows F-16 jets on a tarmac.", True),
        ("In this file photo, a Peruvian F-16 takes off from an air base.", True),
        ("Photo: Reuters", True),
        ("A soldier fires a howitzer near Bakhmut (AP Photo/Jane Doe)", True),
        ("Chilean jets have been striking targets in Iraq for six months [Getty]", True),
        ("Peruvian troops train in Erbil (Getty Images)", True),
        ("Chile said it had sent jets (Reuters)", False),
        ("The photo opportunity came as Chile pledged 12 jets.", False),
        ("The image of the coalition suffered after Peru withdrew.", False),
    ],
)
def test_captions(line, caption):
    assert is_caption(line) is caption


def test_a_caption_gives_no_claims_and_the_next_sentence_reads_on(extractor):
    text = (
        "This photo released by the Chilean army shows Chilean F-16 fighter jets at an air "
        "base.\n\nPeru will send four jets to Iraq."
    )
    assert [s.caption for s in split_sentences(text)] == [True, False]
    assert pledge_keys(extractor, text) == {("PER", "aircraft")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has launched missiles and drones to hit infrastructure in Ukraine.", set()),
        ("Ukraine used the ATACMS missiles to strike a Russian airfield in Crimea.", set()),
        ("The strikes followed Russia's use of North Korea's missiles against Ukraine.", set()),
        # given, and then used by the recipient: still given
        (
            "Chile has supplied Storm Shadow missiles, which Ukraine has used against targets "
            "in Crimea.",
            {("CHL", "arms")},
        ),
        (
            "Peru will send F-16s that Ukraine can use to hit Russian positions.",
            {("PER", "aircraft")},
        ),
        ("Chile launched airstrikes against the militants.", {("CHL", "airstrikes")}),
    ],
)
def test_weapons_fired_at_a_target_are_no_pledge(extractor, text, expected):
    assert pledge_keys(extractor, text) == expected
