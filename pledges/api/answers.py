"""The pledge viewset's answers beyond CRUD (issue 5): history and restore, ``as_of``
and ``known_at``, the summary and the export. Mixed into ``PledgeViewSet``."""

from __future__ import annotations

from django.db.models import CharField, Value
from rest_framework import serializers

from api.export import ExportMixin, cited_source_ids
from history.api import HistoryMixin
from history.known_at import KnownAtMixin
from pledges.api.serializers import PledgeSerializer
from pledges.api.summary import SummaryMixin
from pledges.choices import PledgeStatus
from pledges.models import PledgeCitation


class PledgeAsOfSerializer(PledgeSerializer):
    """A pledge answered for ``?as_of=``: with the status it had that day."""

    status_as_of = serializers.ChoiceField(
        choices=PledgeStatus.choices,
        read_only=True,
        help_text="The status on the `as_of` day, from the pledge's stages.",
    )

    class Meta(PledgeSerializer.Meta):
        fields = [*PledgeSerializer.Meta.fields, "status_as_of"]
        read_only_fields = fields


class PledgeAnswersMixin(HistoryMixin, KnownAtMixin, ExportMixin, SummaryMixin):
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
    }
    export_notes = (
        "`actor`, `recipient` and `host` are actor codes, `coalition` a slug; `status_as_of` "
        "is filled with `as_of` (the status that day); `source_ids` lists the sources "
        "cited, `;`-separated in CSV."
    )
    # Beside the resource's own example: what only the export has.
    export_example = {"actor_name": "Australia", "status_as_of": None, "source_ids": [3, 7]}

    def get_serializer_class(self):
        serializer_class = super().get_serializer_class()
        request = getattr(self, "request", None)
        if serializer_class is PledgeSerializer and request and request.query_params.get("as_of"):
            return PledgeAsOfSerializer
        return serializer_class

    def export_column_values(self, queryset):
        values = super().export_column_values(queryset)
        if "status_as_of" not in queryset.query.annotations:
            position = list(self.export_columns).index("status_as_of")
            values[position] = Value(None, output_field=CharField())
        return values
