"""Memberships and sizes of capability coalitions and initiatives: passive lists of
joiners, "as well as" after a joining, completing an accession, leading a coalition,
and the sizes of groups with no actor code; attendance shown by the people a meeting
includes, by being due at it and by an act done at it; with the hard negatives beside
them ("joined by coalition partners", "support to the coalition", "intelligence
gathering", joining a coalition in a new theatre, a news conference); meetings named only
to date what follows, and hosts beside a possessive apposition; agreeing at a meeting,
and agreements of the past. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from tests.intake.readers import facts

pytestmark = pytest.mark.django_db

M, S, A, MT, G = "membership", "size_report", "attendance", "meeting", "agreement"

PASSIVE = [
    (
        "Poland launched a drone initiative last year — it was joined by Latvia, Sweden and "
        "Denmark.",
        # the founder is in its own initiative
        {("POL", M, "member"), ("LVA", M, "member"), ("SWE", M, "member"), ("DNK", M, "member")},
    ),
    (
        "The coalition was later joined by Japan, South Korea and Australia.",
        {("JPN", M, "member"), ("KOR", M, "member"), ("AUS", M, "member")},
    ),
    (
        "Slovakia asked its partners to fund the initiative, and it has been supported by "
        "Spain, Austria, Greece and other countries.",
        {("ESP", M, "member"), ("AUT", M, "member"), ("GRC", M, "member")},
    ),
    (
        "The coalition was backed by Egypt and Jordan.",
        {("EGY", M, "supporter"), ("JOR", M, "supporter")},
    ),
    ("The proposal was supported by France and Italy.", set()),
]

AS_WELL_AS = [
    (
        "Latvia and Sweden have joined the coalition as leaders, as well as Finland, Norway "
        "and Poland.",
        {(c, M, "member") for c in ("LVA", "SWE", "FIN", "NOR", "POL")},
    ),
    (
        "Denmark joined the initiative as a founding member, as well as Iceland and Estonia.",
        {(c, M, "member") for c in ("DNK", "ISL", "EST")},
    ),
    (
        "Italy has joined the alliance against the militants, as well as Spain and Greece.",
        {(c, M, "member") for c in ("ITA", "ESP", "GRC")},
    ),
]

ACCESSION_AND_LEAD = [
    ("Greece has formalised its accession to the drone coalition.", {("GRC", M, "member")}),
    (
        "Romania finalised its entry into the demining coalition on Tuesday.",
        {("ROU", M, "member")},
    ),
    (
        "France and the Netherlands are to lead a new Air Defence Coalition for Ukraine.",
        {("FRA", M, "member"), ("NLD", M, "member")},
    ),
    (
        "It was announced that Latvia will co-lead the drone coalition with Britain.",
        {("LVA", M, "member"), ("GBR", M, "member")},
    ),
    (
        "Norway agreed last month to join the multinational force fighting the militants.",
        {("NOR", M, "member")},
    ),
    (
        "Chile agreed in 2015 to join the U.S.-led international force battling the group, "
        "committing two transport planes.",
        {("CHL", M, "member")},
    ),
    ("Chile's air force joined the relief operation in the north.", set()),
    (
        "Germany and Poland will jointly lead the new armour coalition.",
        {("DEU", M, "member"), ("POL", M, "member")},
    ),
]

SIZES = [
    ("In total, 14 countries joined the Dutch initiative, they pay for the radars.", {("", S, 14)}),
    ("So far 9 nations have joined the Latvian initiative.", {("", S, 9)}),
    ("The group has 11 members so far and pledges total 20 million euros.", {("", S, 11)}),
    ("The initiative now has 16 members, officials said.", {("", S, 16)}),
    (
        "Qatar remains part of the 65-nation U.S.-led Global Coalition.",
        {("QAT", M, "member"), ("COALITION", S, 65)},
    ),
]

NEGATIVES = [
    ("The Belgian air force, joined by coalition partners, struck a depot in Syria.", set()),
    ("Canadian jets, joined by coalition aircraft, hit targets near Mosul.", set()),
    ("Japan pledged support to the coalition after the attacks in Paris.", set()),
    ("Norway offered support to the coalition in the form of trainers.", set()),
    (
        "The Danish government is set to join the US-led coalition in Syria, extending its "
        "mission.",
        set(),
    ),
    ("Belgium will join the coalition in Syria against the militants.", set()),
    ("Belgium joined the coalition in September.", {("BEL", M, "member")}),
    ("It includes $50 million for demining and intelligence gathering.", set()),
    ("Funds will also go to information gathering and cyber defence.", set()),
]


ATTENDANCE = [
    (
        "The one-day conference, held at a hotel near the airport, included delegates from "
        "Spain, Italy and Greece.",
        {("ESP", A, "attended"), ("ITA", A, "attended"), ("GRC", A, "attended"), ("", MT, "")},
    ),
    (
        "The summit, hosted in a palace outside the capital, involves envoys from Qatar, Oman "
        "and Kuwait.",
        {("QAT", A, "attended"), ("OMN", A, "attended"), ("KWT", A, "attended"), ("", MT, "")},
    ),
    (
        "Norway's foreign minister, Espen Barth Eide, is scheduled to be at the conference.",
        {("NOR", A, "attended"), ("", MT, "")},
    ),
    (
        "Poland's defence minister is expected to be at the summit in Vilnius on Friday.",
        {("POL", A, "attended"), ("", MT, "")},
    ),
    (
        "Danish Prime Minister Mette Frederiksen will be at the meeting in Rome.",
        {("DNK", A, "attended"), ("", MT, "")},
    ),
    (
        "Pistorius made the announcement at a meeting of the contact group in Brussels.",
        {("DEU", A, "attended"), ("", MT, "")},
    ),
    (
        "The pledge was made by Kuleba at the summit in Vilnius.",
        {("UKR", A, "attended"), ("", MT, "")},
    ),
    (
        "Latvia signed a letter of intent at the contact group meeting on Thursday.",
        {("LVA", G, ""), ("LVA", A, "attended"), ("", MT, "")},
    ),
    (
        "Sweden's defence minister signed the memorandum at the NATO summit in Vilnius.",
        {("SWE", G, ""), ("SWE", A, "attended"), ("", MT, "")},
    ),
    (
        "Italy's foreign minister said at a news conference that the jets would stay.",
        set(),
    ),
    ("Spain said the plan would be discussed at the summit.", {("", MT, "")}),
    (
        "The Dutch minister said during the summit that more jets would follow.",
        {("NLD", A, "attended"), ("", MT, "")},
    ),
    (
        "More shells are needed, Polish President Andrzej Duda said during the third meeting "
        "of the contact group in Brussels.",
        {("POL", A, "attended"), ("", MT, "")},
    ),
    ("Italy's foreign minister said during a news conference that the jets would stay.", set()),
    ("Spain said the plan would be discussed during the summit.", {("", MT, "")}),
]


MEETINGS = [
    (
        "Following the meeting, Pentagon officials said that partners would send 700 trainers.",
        set(),
    ),
    ("After the talks, Danish officials said the jets would stay.", set()),
    (
        "Following the summit in Madrid on Tuesday, Spain said it would send tanks.",
        {("", MT, "")},
    ),
    (
        "Britain, Kyiv's closest European ally, is hosting a conference on Monday of some 40 "
        "countries.",
        {("GBR", MT, "")},
    ),
    (
        "France, Germany's main partner, will host a summit of EU leaders in Paris.",
        {("FRA", MT, "")},
    ),
]


AGREED_AT = [
    (
        "In May, Finland and other partners agreed at the Rome summit to double their training "
        "missions.",
        {("FIN", A, "attended"), ("FIN", G, ""), ("", MT, "")},
    ),
    (
        "Japan and Australia agreed at the Tokyo conference to share radar data.",
        {
            ("JPN", A, "attended"),
            ("AUS", A, "attended"),
            ("JPN", G, ""),
            ("AUS", G, ""),
            ("", MT, ""),
        },
    ),
    (
        "The jets will use the base under the existing agreement between Ankara and Washington.",
        set(),
    ),
    ("The 1994 accord between Norway and Sweden allows this.", set()),
    (
        "A new agreement between Poland and Lithuania was signed on Monday.",
        {("POL", G, ""), ("LTU", G, "")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *PASSIVE,
        *AS_WELL_AS,
        *ACCESSION_AND_LEAD,
        *SIZES,
        *NEGATIVES,
        *ATTENDANCE,
        *MEETINGS,
        *AGREED_AT,
    ],
)
def test_capability_coalitions(extractor, text, expected):
    assert facts(extractor, text) == expected
