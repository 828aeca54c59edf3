"""The intake tests' extractor, its gazetteer of the actors the test articles name, and
a source holding the proposal article."""

from __future__ import annotations

import pytest

from intake.extraction.actors import ActorRecord, Gazetteer
from intake.extraction.extractor import Extractor
from tests.factories import SourceFactory
from tests.intake.articles import ARTICLE

# Non-country actors the test articles name (countries come from the ISO migration).
NON_COUNTRY_ACTORS = [
    ActorRecord(
        "PESHMERGA",
        "Peshmerga",
        aliases=("Kurdish Peshmerga fighters", "Kurdish fighters", "Peshmerga forces"),
    ),
    ActorRecord(
        "SYR_OPPOSITION",
        "Syrian opposition",
        aliases=("moderate Syrian rebels", "Syrian opposition groups"),
    ),
]


@pytest.fixture(scope="module")
def extractor(django_db_setup, django_db_blocker) -> Extractor:
    """An extractor over the ISO countries (loaded by the migrations) and the test's
    non-country actors; modules using it need ``pytestmark = pytest.mark.django_db``."""
    with django_db_blocker.unblock():
        return Extractor(Gazetteer.from_db(extra=NON_COUNTRY_ACTORS))


@pytest.fixture
def source():
    """A stored source with the three-claim article (test_services dates its own)."""
    return SourceFactory(text=ARTICLE)
