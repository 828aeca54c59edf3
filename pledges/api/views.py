from __future__ import annotations

from api.fastread import FastReadMixin
from api.viewsets import DomainViewSet
from coalition.api.views import AUS
from pledges.api.answers import PledgeAnswersMixin
from pledges.api.filters import PledgeFilterSet
from pledges.api.serializers import PledgeInputSerializer, PledgeSerializer
from pledges.models import Pledge
from pledges.services import pledge_create, pledge_delete, pledge_update
from sources.api.examples import CITATION_EXAMPLE, CITATION_INPUT_EXAMPLE, REVIEWED, TIMESTAMPS


class PledgeViewSet(PledgeAnswersMixin, FastReadMixin, DomainViewSet):
    """What each actor pledged, or refused: troops, aircraft, basing, money ... with
    how much (exact, about, up to, a range), to whom, where, when, its stages, and the
    citations behind it. A basing refusal is a pledge of kind `basing`, status `refused`."""

    queryset = Pledge.objects.all()
    claim_model = Pledge
    serializer_class = PledgeSerializer
    input_serializer_class = PledgeInputSerializer
    filterset_class = PledgeFilterSet
    ordering_fields = ["announced_on", "quantity", "id"]
    ordering = ["-id"]
    noun, noun_plural = "pledge", "pledges"
    example = {
        "id": 12,
        "actor": "AUS",
        "coalition": "global-coalition-against-daesh",
        "kind": "aircraft",
        "status": "committed",
        "description": "Up to eight F/A-18 Super Hornets for strikes in Iraq",
        "quantity": 8,
        "quantity_max": None,
        "quantity_qualifier": "up_to",
        "quantity_unit": "aircraft",
        "amount": None,
        "currency": "",
        "recipient": "IRQ",
        "host": "ARE",
        "asset": "Al Minhad Air Base",
        "announced_on": "2014-09-14",
        "announced_on_precision": "day",
        "starts_on": None,
        "ends_on": None,
        "actor_summary": AUS,
        "stages": [
            {
                "id": 5,
                "status": "announced",
                "occurred_on": "2014-09-14",
                "occurred_on_precision": "day",
                "quantity": 8,
                "note": "",
            }
        ],
        **REVIEWED,
        "citations": [CITATION_EXAMPLE],
        **TIMESTAMPS,
    }
    example_input = {
        "actor": "AUS",
        "coalition": "global-coalition-against-daesh",
        "kind": "aircraft",
        "status": "announced",
        "description": "Up to eight F/A-18 Super Hornets for strikes in Iraq",
        "quantity": 8,
        "quantity_qualifier": "up_to",
        "quantity_unit": "aircraft",
        "recipient": "IRQ",
        "announced_on": "2014-09-14",
        "stages": [{"status": "announced", "occurred_on": "2014-09-14", "quantity": 8}],
        "citations": [CITATION_INPUT_EXAMPLE],
    }

    def create_object(self, data):
        return pledge_create(**data, user=self.acting_user())

    def update_object(self, instance, data):
        return pledge_update(
            pledge=instance,
            citations=data.pop("citations", None),
            stages=data.pop("stages", None),
            data=data,
            user=self.acting_user(),
        )

    def delete_object(self, instance):
        pledge_delete(pledge=instance)
