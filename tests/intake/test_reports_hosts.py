"""Meeting hosts named before the noun or by a chair, and meetings that are not a
coalition's. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def actors(extractor, text, kind):
    return {r.actor for r in extractor.extract_reports(text) if r.kind == kind}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Envoys gathered for a Chilean-hosted conference in Santiago on Monday.", {"CHL"}),
        ("The Peru-chaired talks opened in Lima.", {"PER"}),
        ("The session was presided over by the Greek foreign minister.", {"GRC"}),
        ("The summit was held under the chairmanship of Ghana.", {"GHA"}),
        ("Ghana presided over the conference on Friday.", {"GHA"}),
        # meetings of other bodies, and negotiations
        ("Chile said at a cabinet meeting that it would send aid.", set()),
        ("Peru is in talks with Chile about buying the jets.", set()),
        ("She spoke at a meeting of the UN Security Council in New York.", set()),
        ("The deputies voted during a parliamentary session on Friday.", set()),
        ("The peace talks held in Oslo collapsed.", set()),
    ],
)
def test_meeting_hosts(extractor, text, expected):
    assert actors(extractor, text, "meeting") == expected


def test_the_host_is_not_a_guest(extractor):
    text = "Ghana and Togo attended the Chilean-hosted summit."
    assert actors(extractor, text, "attendance") == {"GHA", "TGO"}
