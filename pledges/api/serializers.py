"""Pledges, with their stages and citations inline.

The actor (and recipient, host) is written and shown as its code, the coalition as its
slug; reads add ``actor_summary`` ({code, name, kind}) so a list needs no second call.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from api.serializers import BlankOrNullCharField, FastReadSerializerMixin, NullableChoiceField
from coalition.api.serializers import (
    CLAIM_READ_FIELDS,
    ActorSummarySerializer,
    actor_code_field,
    agreement_id_field,
    coalition_slug_field,
    code_of,
)
from coalition.choices import QuantityQualifier
from pledges.choices import DurationUnit, PendingApproval, PersonnelRole
from pledges.models import Pledge, PledgeConversion, PledgeParty, PledgeStage
from pledges.services import PLEDGE_FIELDS, STAGE_FIELDS
from sources.api.serializers import CitationSerializer, citations_field

#: A stage as the API shows and takes it: its status (its key), then its fields.
STAGE_API_FIELDS = ["status", *STAGE_FIELDS]


def qualifier_field(**kwargs) -> NullableChoiceField:
    return NullableChoiceField(
        choices=QuantityQualifier.choices,
        help_text="How exact `quantity` is; null when there is no quantity. "
        "`range` means from `quantity` to `quantity_max`.",
        **kwargs,
    )


class PledgeStageSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """One step of the pledge's lineage (announced, committed, delivered ...)."""

    class Meta:
        model = PledgeStage
        fields = ["id", *STAGE_API_FIELDS]
        read_only_fields = fields


class PledgeConversionSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """The pledge's amount in USD or EUR with its provenance, or why it is unconverted."""

    date_rule = NullableChoiceField(
        choices=PledgeConversion._meta.get_field("date_rule").choices,
        read_only=True,
        help_text="Which day's rate was used and why; null when unconverted.",
    )
    unconverted_reason = NullableChoiceField(
        choices=PledgeConversion._meta.get_field("unconverted_reason").choices,
        read_only=True,
        help_text="Why the amount was not converted; null when it was.",
    )

    class Meta:
        model = PledgeConversion
        fields = [
            "target",
            "amount",
            "rate",
            "rate_date",
            "date_rule",
            "rates_source",
            "rates_version",
            "via_peg",
            "unconverted_reason",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="PledgeStage")
class PledgeStageInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = PledgeStage
        fields = STAGE_API_FIELDS


# --- Issue 16: parties, conditions, people by role, deliveries --------------------------

#: Read-only figures the services derive from the stages.
DELIVERY_FIELDS = ["committed_quantity", "delivered_quantity", "delivery_gap"]


def personnel_role_field(**kwargs) -> NullableChoiceField:
    return NullableChoiceField(
        choices=PersonnelRole.choices,
        help_text="When `quantity` counts people: which (troops, trainers, pilots ...); "
        "null otherwise. `quantity_unit` keeps the article's own word.",
        **kwargs,
    )


def duration_unit_field(**kwargs) -> NullableChoiceField:
    return NullableChoiceField(
        choices=DurationUnit.choices, help_text="Unit of `duration`; null without one.", **kwargs
    )


def pending_approval_field(**kwargs) -> NullableChoiceField:
    return NullableChoiceField(
        choices=PendingApproval.choices,
        help_text="The approval the pledge still waits for; null when none is reported.",
        **kwargs,
    )


def delivery_field(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(read_only=True, allow_null=True, help_text=help_text)


class PledgePartySerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """One party of the pledge: ordinal 1 is the lead (the pledge's `actor`)."""

    actor = code_of("actor.code", help_text="Code of the party.")
    actor_summary = ActorSummarySerializer(source="actor", read_only=True)

    class Meta:
        model = PledgeParty
        fields = ["ordinal", "actor", "actor_summary"]
        read_only_fields = fields


class PledgeSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    actor = code_of("actor.code", help_text="Code of the actor that pledged.")
    actor_summary = ActorSummarySerializer(source="actor", read_only=True)
    coalition = code_of("coalition.slug", allow_null=True, help_text="Coalition slug.")
    recipient = code_of("recipient.code", allow_null=True, help_text="Code of the recipient.")
    host = code_of("host.code", allow_null=True, help_text="Code of the host country.")
    quantity_qualifier = qualifier_field(read_only=True)
    stages = PledgeStageSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    conversions = PledgeConversionSerializer(
        many=True,
        read_only=True,
        help_text="The amount normalised to USD and EUR, each with its rate, the rate's date, "
        "the rule that chose it and the rates' source and version; empty without an amount.",
    )
    parties = PledgePartySerializer(
        many=True,
        read_only=True,
        help_text="Every party, the lead (`actor`) first; several for a joint pledge.",
    )
    personnel_role = personnel_role_field(read_only=True)
    duration_unit = duration_unit_field(read_only=True)
    pending_approval = pending_approval_field(read_only=True)
    committed_quantity = delivery_field(
        "What was promised: the `committed` stage's quantity, else the pledge's `quantity`. "
        "Null when nothing countable is promised (a refusal, no quantity)."
    )
    delivered_quantity = delivery_field(
        "What has arrived: the `delivered` stage's quantity; all of it when the pledge is "
        "delivered without a number; 0 when no delivery is recorded."
    )
    delivery_gap = delivery_field("Still owed: committed minus delivered, never below zero.")
    agreement = serializers.IntegerField(
        source="agreement_id",
        read_only=True,
        allow_null=True,
        help_text="Id of the agreement or declaration the pledge was made under, or null.",
    )

    class Meta:
        model = Pledge
        fields = [
            "id",
            *PLEDGE_FIELDS,
            *DELIVERY_FIELDS,
            "actor_summary",
            "parties",
            "stages",
            *CLAIM_READ_FIELDS,
            "conversions",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="Pledge")
class PledgeInputSerializer(serializers.ModelSerializer):
    actor = actor_code_field(help_text="Code of the actor that pledged (AUS).")
    coalition = coalition_slug_field(required=False, allow_null=True)
    recipient = actor_code_field(
        required=False, allow_null=True, help_text="Code of the recipient (IRQ)."
    )
    host = actor_code_field(
        required=False, allow_null=True, help_text="Code of the country hosting it (TUR)."
    )
    quantity_qualifier = qualifier_field(required=False)
    personnel_role = personnel_role_field(required=False)
    duration_unit = duration_unit_field(required=False)
    pending_approval = pending_approval_field(required=False)
    parties = serializers.ListField(
        child=actor_code_field(),
        required=False,
        help_text="Codes of every party of a joint pledge (NOR, SWE); the lead (`actor`) is "
        "always the first party and may be left out. Sent on an update, replaces them.",
    )
    stages = PledgeStageInputSerializer(
        many=True,
        required=False,
        help_text="Lineage, one stage per status; sent on an update, replaces the stages.",
    )
    agreement = agreement_id_field(
        help_text="Id of the agreement or declaration the pledge was made under "
        "(`/api/v1/agreements/{id}/`), or null."
    )
    citations = citations_field()

    #: Codes stored as "" when there is none: "" or null accepted, "" answered.
    blank_or_null = ("currency", "reported_conversion_currency")

    class Meta:
        model = Pledge
        fields = [*PLEDGE_FIELDS, "review_status", "parties", "stages", "citations"]

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in self.blank_or_null:
            field_class = BlankOrNullCharField
        return field_class, kwargs
