"""A citation's quote must occur in its source's text, when the text is held."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PledgeCitationFactory, PledgeFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_quote_must_occur_in_source_text_when_text_is_held():
    source = SourceFactory(text="Australia will send six F/A-18 jets to the Gulf.")
    citation = PledgeCitationFactory.build(
        pledge=PledgeFactory(), source=source, quote="Australia will send eight jets"
    )
    with pytest.raises(ValidationError) as excinfo:
        citation.full_clean()
    assert "quote" in excinfo.value.message_dict


def test_quote_found_in_text_is_valid():
    source = SourceFactory(text="Australia will send six F/A-18 jets to the Gulf.")
    citation = PledgeCitationFactory.build(
        pledge=PledgeFactory(), source=source, quote="six F/A-18 jets"
    )
    citation.full_clean()
    citation.save()
    assert citation.pk is not None


def test_any_quote_is_accepted_when_the_source_has_no_text():
    citation = PledgeCitationFactory.build(pledge=PledgeFactory(), source=SourceFactory(text=""))
    citation.full_clean()
    assert citation.quote
