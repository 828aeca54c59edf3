"""Every endpoint of /api/v1/pledges/, from the tests in tests/support/resources.py: the
class declares its model, URL and data, nothing else."""

from __future__ import annotations

from pledges.models import Pledge
from tests.factories import (
    CoalitionFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
)
from tests.support.api import citation_input
from tests.support.resources import VERIFIED, ClaimResourceTests


class TestPledges(ClaimResourceTests):
    model = Pledge
    url = "/api/v1/pledges/"
    compare_keys = (
        "actor",
        "coalition",
        "kind",
        "status",
        "description",
        "quantity",
        "quantity_qualifier",
        "quantity_unit",
        "recipient",
        "host",
        "announced_on",
    )

    def make(self, n=1):
        made = PledgeFactory.create_batch(n, **VERIFIED)
        for pledge in made:
            PledgeCitationFactory(pledge=pledge)
            PledgeStageFactory(pledge=pledge)
        return made

    def create_data(self):
        return {
            "actor": "AUS",
            "coalition": CoalitionFactory().slug,
            "kind": "aircraft",
            "status": "announced",
            "description": "Up to eight F/A-18 Super Hornets",
            "quantity": 8,
            "quantity_qualifier": "up_to",
            "quantity_unit": "aircraft",
            "recipient": "IRQ",
            "host": "ARE",
            "announced_on": "2014-09-14",
            "stages": [{"status": "announced", "occurred_on": "2014-09-14", "quantity": 8}],
            "citations": [citation_input()],
        }

    def update_data(self, obj):
        return {
            "actor": obj.actor.code,
            "kind": "money",
            "status": "committed",
            "description": "Money for humanitarian relief",
            "quantity": None,
            "quantity_qualifier": None,
            "amount": "5000000.00",
            "currency": "USD",
            "citations": [citation_input()],
        }

    def partial_data(self, obj):
        return {"status": "delivered", "quantity": 6, "quantity_qualifier": "about"}

    def invalid_data(self):
        data = {
            "actor": "ZZZ",
            "kind": "bogus",
            "status": "bogus",
            "quantity": 99999999999999999999,
            "announced_on": "2014-09-31",
            "stages": [{"status": "bogus"}],
        }
        return data, {"actor", "kind", "status", "quantity", "announced_on", "stages.0.status"}
