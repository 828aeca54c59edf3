"""The subject of a clause inside a relative clause, "the government" meaning the
country named before, extending a contribution, staff for a logistics hub, demining and
goods for humanitarian use. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from tests.intake.readers import pledge_keys

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject inside the relative clause acts there ...
        (
            "The meeting is hosted by Chilean Defence Minister Maya Fernández, who announced "
            "that Santiago will provide $25 million in new military aid for Ukraine.",
            {("CHL", "money")},
        ),
        # ... but not for the main clause
        (
            "Qatar, which hosts a Chilean base, said it would send jets.",
            {("QAT", "aircraft"), ("QAT", "basing")},
        ),
        (
            "Peru said it would extend its intelligence contribution and redeploy four staff "
            "to help with the logistics hub in Poland.",
            {("PER", "intelligence"), ("PER", "logistics")},
        ),
        # demining is "other"; a demining coalition is a group, not goods
        (
            "Chile has already been supplying mine-extracting machines to Kyiv.",
            {("CHL", "other")},
        ),
        ("Chile will join the Lithuanian-led demining coalition.", set()),
        (
            "Peru will send power generators for humanitarian use.",
            {("PER", "humanitarian")},
        ),
    ],
)
def test_relatives_extensions_logistics_and_demining(extractor, text, expected):
    assert pledge_keys(extractor, text) == expected


@pytest.mark.parametrize(
    "second",
    [
        "The government said it will donate NZ$1.85 million to the World Food Programme.",
        "But the country has already given NZ$1.85 million to the World Food Programme.",
    ],
)
def test_the_government_or_the_country_means_the_one_named_before(extractor, second):
    text = f"New Zealand said on Monday it would send 66 personnel to Britain.\n\n{second}"
    assert ("NZL", "humanitarian") in pledge_keys(extractor, text)


def test_a_sentence_about_a_government_of_its_own_names_it(extractor):
    text = (
        "New Zealand said on Monday it would send 66 personnel to Britain.\n\n"
        "The government of Chile said it will donate $2 million to the World Food Programme."
    )
    assert ("CHL", "humanitarian") in pledge_keys(extractor, text)
    assert ("NZL", "humanitarian") not in pledge_keys(extractor, text)
