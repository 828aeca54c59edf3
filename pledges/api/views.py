"""The pledge resource: ``/api/v1/pledges/``, with history, export and summary."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Subquery
from rest_framework import serializers

from api.export import ExportMixin, cited_source_ids
from api.schema import answer_member
from api.viewsets import DomainViewSet
from coalition.api.views import AUS
from history.api import HistoryMixin
from history.known_at import KnownAt
from money.choices import ConversionTarget
from pledges.api.filters import PledgeFilterSet
from pledges.api.serializers import PledgeInputSerializer, PledgeSerializer
from pledges.api.summary import SummaryMixin
from pledges.choices import PledgeStatus
from pledges.models import Pledge, PledgeCitation, PledgeConversion, PledgeParty
from pledges.services import PLEDGE_SERVICES
from sources.api.examples import CITATION_EXAMPLE, CITATION_INPUT_EXAMPLE, REVIEWED, TIMESTAMPS

STATUS_AS_OF_HELP = (
    "Only in lists asked with `as_of`: the status on that day, from the pledge's stages "
    "(its latest stage on or before the day; before its first stage, that stage's status; "
    "without stages, `status`)."
)


class PledgeAsOfSerializer(PledgeSerializer):
    """A pledge answered for ``?as_of=``: with the status it had that day."""

    status_as_of = serializers.ChoiceField(
        choices=PledgeStatus.choices, read_only=True, help_text=STATUS_AS_OF_HELP
    )

    class Meta(PledgeSerializer.Meta):
        fields = [*PledgeSerializer.Meta.fields, "status_as_of"]
        read_only_fields = fields


# The schema has one Pledge: ``status_as_of`` is in it, optional (api/schema.py).
answer_member(
    "Pledge",
    "status_as_of",
    {
        "allOf": [{"$ref": "#/components/schemas/PledgeStatusEnum"}],
        "readOnly": True,
        "description": STATUS_AS_OF_HELP,
    },
)


#: Money: the stored conversions' columns in the export, per target (``amount_usd``,
#: ``usd_rate`` ... ``eur_unconverted_reason``).
CONVERSION_EXPORT_FIELDS = (
    "rate",
    "rate_date",
    "date_rule",
    "rates_source",
    "rates_version",
    "via_peg",
    "unconverted_reason",
)


def conversion_columns() -> dict[str, Subquery]:
    columns = {}
    for target in ConversionTarget.values:
        rows = PledgeConversion.objects.filter(pledge=OuterRef("pk"), target=target)
        prefix = target.lower()
        columns[f"amount_{prefix}"] = Subquery(rows.values("amount")[:1])
        for name in CONVERSION_EXPORT_FIELDS:
            columns[f"{prefix}_{name}"] = Subquery(rows.values(name)[:1])
    return columns


class PledgeViewSet(HistoryMixin, ExportMixin, SummaryMixin, DomainViewSet):
    """What each actor pledged, or refused: troops, aircraft, basing, money ... with
    how much (exact, about, up to, a range), to whom, where, when, its stages, and the
    citations behind it. A basing refusal is a pledge of kind `basing`, status `refused`."""

    queryset = Pledge.objects.all()
    claim_model = Pledge
    serializer_class = PledgeSerializer
    as_of_serializer_class = PledgeAsOfSerializer
    input_serializer_class = PledgeInputSerializer
    services = PLEDGE_SERVICES
    filterset_class = PledgeFilterSet
    known_at = KnownAt()
    fast_read = True
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
        "reported_conversion_amount": None,
        "reported_conversion_currency": "",
        "quantity_basis": "shared",
        "personnel_role": None,
        "applies_in": ["IRQ"],
        "excluded_from": ["SYR"],
        "caveats": ["no close air support"],
        "duration": 6,
        "duration_unit": "months",
        "pending_approval": None,
        "pending_approval_note": "",
        "agreement": None,
        "committed_quantity": 8,
        "delivered_quantity": 0,
        "delivery_gap": 8,
        "actor_summary": AUS,
        "parties": [{"ordinal": 1, "actor": "AUS", "actor_summary": AUS}],
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
        "conversions": [],
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
    export_columns = {
        "id": "id",
        "actor": "actor__code",
        "actor_name": "actor__name",
        "coalition": "coalition__slug",
        "kind": "kind",
        "status": "status",
        "status_as_of": "status_as_of",
        "description": "description",
        "quantity": "quantity",
        "quantity_max": "quantity_max",
        "quantity_qualifier": "quantity_qualifier",
        "quantity_unit": "quantity_unit",
        "amount": "amount",
        "currency": "currency",
        "recipient": "recipient__code",
        "host": "host__code",
        "asset": "asset",
        "announced_on": "announced_on",
        "announced_on_precision": "announced_on_precision",
        "starts_on": "starts_on",
        "ends_on": "ends_on",
        "review_status": "review_status",
        "verified_at": "verified_at",
        "source_ids": cited_source_ids(PledgeCitation, "pledge"),
        "created_at": "created_at",
        "updated_at": "updated_at",
        "reported_conversion_amount": "reported_conversion_amount",
        "reported_conversion_currency": "reported_conversion_currency",
        **conversion_columns(),
        # Issue 16, after the v1 columns so that their positions do not move.
        "quantity_basis": "quantity_basis",
        "parties": ArraySubquery(
            PledgeParty.objects.filter(pledge_id=OuterRef("pk"))
            .order_by("ordinal")
            .values("actor__code")
        ),
        "personnel_role": "personnel_role",
        "applies_in": "applies_in",
        "excluded_from": "excluded_from",
        "caveats": "caveats",
        "duration": "duration",
        "duration_unit": "duration_unit",
        "pending_approval": "pending_approval",
        "pending_approval_note": "pending_approval_note",
        "committed_quantity": "committed_quantity",
        "delivered_quantity": "delivered_quantity",
        "delivery_gap": "delivery_gap",
        "agreement": "agreement_id",
    }
    export_annotations = ("status_as_of",)
    export_notes = (
        "`actor`, `recipient` and `host` are actor codes, `coalition` a slug; `status_as_of` "
        "is filled with `as_of` (the status that day); `source_ids` lists the sources "
        "cited, `parties` the parties' codes (lead first), `applies_in`, `excluded_from` and "
        "`caveats` their items: `;`-separated in CSV; `agreement` is the id of the agreement the "
        "pledge was made under. `amount_usd` and `amount_eur` are the "
        "stored conversions, each with its `<target>_rate`, `_rate_date`, `_date_rule`, "
        "`_rates_source`, `_rates_version`, `_via_peg`; empty where the amount is "
        "unconverted, and `<target>_unconverted_reason` says why."
    )
    # Beside the resource's own example: what only the export has.
    export_example = {"actor_name": "Australia", "status_as_of": None, "source_ids": [3, 7]}
