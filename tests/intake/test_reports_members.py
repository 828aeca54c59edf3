"""Memberships, sizes, attendance and signatures in more of the forms wire copy uses:
"X's membership of", "both coalition members", "have signed up" beside a coalition,
"N countries have joined", "was joined by", "joined X in signing". Every sentence is
written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def actors(extractor, text, kind):
    return {r.actor for r in extractor.extract_reports(text) if r.kind == kind}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Senegal's membership in the alliance was confirmed on Friday.", "membership", {"SEN"}),
        ("Mali and Niger, both coalition members, flew missions.", "membership", {"MLI", "NER"}),
        ("Ghana and Togo are among the coalition's newest members.", "membership", {"GHA", "TGO"}),
        # a bare "signed up": the coalition beside it, else an agreement
        ("Ghana and Togo have signed up, the coalition said.", "membership", {"GHA", "TGO"}),
        ("Ghana and Togo have signed up.", "membership", set()),
        ("Ghana and Togo have signed up.", "agreement", {"GHA", "TGO"}),
        # signing on to a document is not joining a coalition
        ("Ghana signed on to the charter on Monday.", "membership", set()),
        ("Ghana signed on to the charter on Monday.", "agreement", {"GHA"}),
        # attendance
        (
            "The talks were held with envoys of Ghana, Togo and Benin.",
            "attendance",
            {"GHA", "TGO", "BEN"},
        ),
        ("Officials from Ghana and Togo took part.", "attendance", {"GHA", "TGO"}),
        ("Ghana and Togo were among the 15 nations at the summit.", "attendance", {"GHA", "TGO"}),
        (
            "The minister of Ghana was joined by counterparts from Togo and Benin at the talks.",
            "attendance",
            {"GHA", "TGO", "BEN"},
        ),
        ("Ghana was joined by Togo in the vote.", "attendance", set()),
        # signatures
        ("Ghana and Togo inked a border accord on Monday.", "agreement", {"GHA", "TGO"}),
        ("Ghana and Togo put their signatures to the charter.", "agreement", {"GHA", "TGO"}),
        ("Benin, Ghana and Togo signed the document.", "agreement", {"BEN", "GHA", "TGO"}),
        ("Ghana joined Togo in signing the charter.", "agreement", {"GHA", "TGO"}),
    ],
)
def test_member_and_attendee_phrasings(extractor, text, kind, expected):
    assert actors(extractor, text, kind) == expected


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("More than 50 countries have joined the coalition so far.", 50),
        ("Some 45 nations are now members of the coalition.", 45),
        ("The alliance now has 31 members.", 31),
        ("The coalition, now 70 strong, meets in May.", 70),
    ],
)
def test_counted_members_are_a_size(extractor, text, size):
    found = {
        (r.actor, r.quantity) for r in extractor.extract_reports(text) if r.kind == "size_report"
    }
    assert found == {("COALITION", size)}


def test_a_few_more_countries_joining_is_not_a_size(extractor):
    text = "Two more countries have joined the coalition."
    assert actors(extractor, text, "size_report") == set()


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # a relative clause right after its antecedent
        ("Ghana, which joined the coalition in May, sent troops.", "membership", {"GHA"}),
        # the members named after their noun
        ("Coalition partners Ghana and Togo flew missions.", "membership", {"GHA", "TGO"}),
        ("Alliance members such as Ghana and Togo objected.", "membership", {"GHA", "TGO"}),
        ("Ghana is participating in the coalition.", "membership", {"GHA"}),
        ("Ghana is participating in the air campaign.", "membership", set()),
        # countries that met
        ("Ghana, Togo and Benin met in Accra on Sunday.", "attendance", {"GHA", "TGO", "BEN"}),
        ("Ghana, Togo and Benin met in Accra on Sunday.", "meeting", {""}),
        ("Ghana met in Accra on Sunday.", "attendance", set()),
        (
            "Chile and nine Andean nations, including Peru and Bolivia, gathered in Quito.",
            "attendance",
            {"CHL", "PER", "BOL"},
        ),
        (
            "The summit, which included Ghana, Togo and Benin, ended late.",
            "attendance",
            {"GHA", "TGO", "BEN"},
        ),
        (
            "The forum opened with the participation of Ghana and Togo.",
            "attendance",
            {"GHA", "TGO"},
        ),
        # "along with" in the subject
        (
            "Ghana, along with Togo and Benin, attended the summit.",
            "attendance",
            {"GHA", "TGO", "BEN"},
        ),
        # signatories
        ("Signatories to the charter include Ghana and Togo.", "agreement", {"GHA", "TGO"}),
        ("Ghana and Togo endorsed a joint statement.", "agreement", {"GHA", "TGO"}),
        ("Every country at the summit except Togo signed the charter.", "agreement", set()),
    ],
)
def test_more_phrasings(extractor, text, kind, expected):
    assert actors(extractor, text, kind) == expected


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "Nations taking part in the alliance: Ghana, Togo and Benin.",
            "membership",
            {"GHA", "TGO", "BEN"},
        ),
        (
            "These countries have now joined the coalition: Ghana, Togo and Benin.",
            "membership",
            {"GHA", "TGO", "BEN"},
        ),
        ("The alliance now counts Ghana and Togo among its members.", "membership", {"GHA", "TGO"}),
        ("The coalition welcomed Ghana as its newest member.", "membership", {"GHA"}),
        ("Ghana was formally admitted into the alliance.", "membership", {"GHA"}),
        ("Ghana and Togo are listed as coalition partners.", "membership", {"GHA", "TGO"}),
        ("Ghana and Togo are contributing to the coalition.", "membership", {"GHA", "TGO"}),
        ("Ghana is contributing to the coalition's air campaign.", "membership", set()),
        ("Ghana and Togo are among 40 nations in the alliance.", "membership", {"GHA", "TGO"}),
        ("Ghana and Togo have also signed on, the coalition said.", "membership", {"GHA", "TGO"}),
        # parties of a statement named after it
        ("In the statement, Ghana and Togo vowed to help.", "agreement", {"GHA", "TGO"}),
        ("In a statement, Ghana said it would help.", "agreement", set()),
        ("Ghana, Togo and Benin all signed.", "agreement", {"GHA", "TGO", "BEN"}),
    ],
)
def test_lists_of_members_and_parties(extractor, text, kind, expected):
    assert actors(extractor, text, kind) == expected


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Envoys of the 40-plus nation coalition met.", 40),
        ("The alliance, 30 nations strong, held a summit.", 30),
        ("The alliance, comprising 30 nations, held a summit.", 30),
        ("The coalition is made up of 45 countries.", 45),
        ("The coalition grew to 48 members in March.", 48),
        ("The alliance's 32 members agreed.", 32),
        ("Her decision brings the number of coalition members to 71.", 71),
    ],
)
def test_more_ways_to_give_a_size(extractor, text, size):
    found = {
        (r.actor, r.quantity) for r in extractor.extract_reports(text) if r.kind == "size_report"
    }
    assert found == {("COALITION", size)}


@pytest.mark.parametrize(
    "text",
    [
        "The coalition has 3,000 troops in the country.",
        "The coalition's 12 aircraft flew home.",
    ],
)
def test_counts_of_other_things_are_not_a_size(extractor, text):
    assert actors(extractor, text, "size_report") == set()
