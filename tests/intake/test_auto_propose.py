"""Importing an article proposes its claims at once (sources signals pledges)."""

from __future__ import annotations

from unittest import mock

import pytest

from pledges.models import PledgeProposal
from sources.services import source_import_article

pytestmark = pytest.mark.django_db

ARTICLE = (
    "CANBERRA, Sept 14 (Wire) - Australia will deploy up to eight F/A-18 Super Hornets "
    "to the United Arab Emirates, Prime Minister Tony Abbott said on Sunday.\n"
)


def test_importing_an_article_proposes_its_claims():
    source = source_import_article(text=ARTICLE, publisher="Wire", title="Australia deploys")
    proposal = PledgeProposal.objects.get(source=source)
    assert (proposal.actor.code, proposal.kind, proposal.quantity) == ("AUS", "aircraft", 8)
    assert proposal.quantity_qualifier == "up_to" and proposal.state == "pending"


def test_a_failing_extractor_does_not_lose_the_import():
    with mock.patch("intake.services.source_propose_claims", side_effect=RuntimeError("boom")):
        source = source_import_article(text=ARTICLE, publisher="Wire", title="Australia")
    assert source.pk is not None
    assert not PledgeProposal.objects.filter(source=source).exists()
