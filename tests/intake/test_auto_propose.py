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


def test_changing_the_text_reads_it_again_and_keeps_decisions():
    from intake.services import proposal_reject
    from sources.services import source_update
    from tests.factories import UserFactory

    source = source_import_article(text=ARTICLE, publisher="Wire", title="Australia deploys")
    (first,) = PledgeProposal.objects.filter(source=source)
    proposal_reject(proposal=first, user=UserFactory())
    added = ARTICLE + "\nNorway will send 60 troops to Iraq, its minister said.\n"
    source_update(instance=source, data={"text": added})
    rows = {(p.actor.code, p.kind, p.state) for p in PledgeProposal.objects.filter(source=source)}
    assert rows == {("AUS", "aircraft", "rejected"), ("NOR", "troops", "pending")}


def test_saving_a_source_without_a_new_text_proposes_nothing_new():
    from sources.services import source_update

    source = source_import_article(text=ARTICLE, publisher="Wire", title="Australia deploys")
    PledgeProposal.objects.filter(source=source).delete()
    source_update(instance=source, data={"title": "Australia deploys jets"})
    assert not PledgeProposal.objects.filter(source=source).exists()
