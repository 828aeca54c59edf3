"""``GET /api/v1/pledges/summary/?group_by=...``: pledge totals, computed in SQL.

Filterable like the pledge list (the same filter set, ``as_of`` included), and with
``known_at`` from the history, so a figure published earlier can be reproduced. JSON by
default; ``?format=csv`` (or ``Accept: text/csv``) answers the same table as CSV.
"""

from __future__ import annotations

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from api.export import CSV_MEDIA_TYPE, CSVRenderer, FileSchema, FormatNegotiation
from api.filters import FilterBackend
from api.renderers import ORJSONRenderer
from api.serializers import QueryParamsSerializer
from history.known_at import KNOWN_AT_PARAMETER, parse_known_at
from history.readers import known_at
from money.choices import ConversionTarget
from pledges.choices import PersonnelRole, PledgeKind
from pledges.models import Pledge, PledgeConversion, PledgeParty
from pledges.rollups import ROLLUP_GROUPS, rollup_summary, rollups_enabled
from pledges.summary import GROUP_BY, pledge_summary

#: The query parameters of a summary the rollups answer (any other is a filter).
ROLLUP_PARAMETERS = {"group_by", "currency", "format"}


class SummaryQuerySerializer(QueryParamsSerializer):
    group_by = serializers.ChoiceField(
        choices=[(name, name) for name in GROUP_BY],
        required=False,
        default="kind",
        help_text=(
            "What each row totals: `actor` (by code), `kind`, `status` (with `as_of`, the "
            "status that day), `coalition` (by slug) or `month` (of `announced_on`, "
            "`YYYY-MM`). Default `kind`."
        ),
    )
    # Money: totals in one currency.
    currency = serializers.ChoiceField(
        choices=ConversionTarget.choices,
        required=False,
        help_text="Also total each group's amounts in `USD` or `EUR` (their stored "
        "conversions), with the count of amounts that have no conversion and are left out.",
    )


class SummaryGroupSerializer(serializers.Serializer):
    key = serializers.CharField(
        allow_null=True,
        help_text="The group: an actor code, a kind, a status, a coalition slug or a month "
        "(YYYY-MM); null for pledges without one (no coalition, no date). By actor, a "
        "shared joint pledge has a group of its own: its parties' codes joined by `+` "
        "(`NOR+SWE`).",
    )
    label = serializers.CharField(
        allow_null=True, help_text="The actor's or coalition's name, the kind's or status's label."
    )
    count = serializers.IntegerField(help_text="Number of pledges.")
    quantities = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Total quantity by kind (`troops`, `aircraft` ...): the sum of `quantity`, "
        "which for a range is its lower bound. Kinds without quantities are left out.",
    )
    amounts = serializers.DictField(
        child=serializers.CharField(),
        help_text="Total amount by ISO 4217 currency, as a decimal string. Different "
        "currencies are never added together.",
    )
    personnel = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="People pledged by role (`troops`, `trainers`, `pilots` ...): the "
        "quantities of pledges with a `personnel_role`. A shared joint pledge counts once "
        "(by actor: under its joint group), an `each` one once per party.",
    )
    committed = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="What was promised, by kind: the sum of the pledges' `committed_quantity`.",
    )
    delivered = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="What has arrived, by kind: the sum of `delivered_quantity`.",
    )
    delivery_gap = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Still owed, by kind: the sum of each pledge's `delivery_gap` (an "
        "over-delivery never hides another pledge's shortfall).",
    )
    # Money: with ?currency=.
    converted_total = serializers.CharField(
        allow_null=True,
        help_text="With `currency`: the group's amounts converted to it and added up, as a "
        "decimal string (amounts without a conversion left out), credited as `amounts` are: "
        "a shared joint pledge's once, an `each` one's per party; else null.",
    )
    unconverted_count = serializers.IntegerField(
        allow_null=True,
        help_text="With `currency`: how many of the group's pledges have an amount with no "
        "conversion to it (and so not in `converted_total`); else null.",
    )


class PledgeSummarySerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=[(name, name) for name in GROUP_BY])
    as_of = serializers.DateField(allow_null=True, help_text="The `as_of` day, if given.")
    undated_excluded = serializers.IntegerField(
        allow_null=True,
        help_text="With `as_of`: how many undated pledges (no `announced_on`, no dated "
        "stage) the other filters keep and these totals leave out; null without `as_of` or "
        "with `include_undated=true`.",
    )
    known_at = serializers.DateTimeField(
        allow_null=True, help_text="The `known_at` moment, if given."
    )
    currency = serializers.ChoiceField(
        choices=ConversionTarget.choices,
        allow_null=True,
        help_text="The `currency` of `converted_total`, if asked for.",
    )
    groups = SummaryGroupSerializer(many=True, help_text="Ordered by key (null last).")


SUMMARY_EXAMPLE = {
    "group_by": "actor",
    "as_of": None,
    "undated_excluded": None,
    "known_at": None,
    "currency": "USD",
    "groups": [
        {
            "key": "GBR",
            "label": "United Kingdom",
            "count": 3,
            "quantities": {"aircraft": 6, "troops": 600},
            "amounts": {"GBP": "100000000.00"},
            "personnel": {"troops": 600},
            "committed": {"aircraft": 6, "troops": 600},
            "delivered": {"aircraft": 6, "troops": 0},
            "delivery_gap": {"aircraft": 0, "troops": 600},
            "converted_total": "162327391.41",
            "unconverted_count": 0,
        },
        {
            "key": "USA",
            "label": "United States",
            "count": 5,
            "quantities": {"troops": 1600},
            "amounts": {"USD": "500000000.00"},
            "personnel": {"advisers": 1600},
            "committed": {"troops": 1600},
            "delivered": {"troops": 1600},
            "delivery_gap": {"troops": 0},
            "converted_total": "500000000.00",
            "unconverted_count": 0,
        },
    ],
}


class SummaryCSVRenderer(CSVRenderer):
    """A summary as a table: ``key, label, count``, a ``quantity_<kind>`` column for every
    kind, then an ``amount_<currency>`` column for each currency present, sorted; then
    ``personnel_<role>`` for every role and ``gap_<kind>`` for every kind; with
    ``currency``, ``total_<currency>`` and ``unconverted_count`` last."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        groups = data["groups"]
        currencies = sorted({currency for group in groups for currency in group["amounts"]})
        header = [
            "key",
            "label",
            "count",
            *(f"quantity_{kind}" for kind in PledgeKind.values),
            *(f"amount_{currency}" for currency in currencies),
            *(f"personnel_{role}" for role in PersonnelRole.values),
            *(f"gap_{kind}" for kind in PledgeKind.values),
        ]
        target = data.get("currency")
        if target:
            header += [f"total_{target}", "unconverted_count"]
        rows = [
            (
                group["key"],
                group["label"],
                group["count"],
                *(group["quantities"].get(kind) for kind in PledgeKind.values),
                *(group["amounts"].get(currency) for currency in currencies),
                *(group.get("personnel", {}).get(role) for role in PersonnelRole.values),
                *(group.get("delivery_gap", {}).get(kind) for kind in PledgeKind.values),
                *((group["converted_total"], group["unconverted_count"]) if target else ()),
            )
            for group in groups
        ]
        return super().render({"header": header, "rows": rows})


SUMMARY_CSV_EXAMPLE = SummaryCSVRenderer().render(SUMMARY_EXAMPLE).decode()

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description="`json` (the default) or `csv` (the same table; `Accept: text/csv` too).",
    required=False,
)


class SummaryMixin:
    """Adds ``GET summary/`` to the pledge viewset (which declares ``known_at``)."""

    query_parameters = {"summary": (SummaryQuerySerializer, FORMAT_PARAMETER, KNOWN_AT_PARAMETER)}
    filtered_actions = ("summary",)

    @extend_schema(
        summary="Pledge totals by actor, kind, status, coalition or month",
        description=(
            "For each group: how many pledges, their total quantity by kind and their total "
            "amount by currency (never adding different currencies). Computed by the "
            "database in one query. Takes the pledge list's filters: `as_of` (then "
            "`group_by=status` groups by the status each pledge had that day; the undated "
            "pledges it leaves out are counted in `undated_excluded`, one more query, unless "
            "`include_undated=true`) and "
            "`known_at` (totals as the database stood then: reproduces a figure published "
            "earlier). The public gets totals of verified pledges only. Not paginated. "
            "Joint pledges are never double counted: a shared quantity counts once (by "
            "actor, under the joint group `NOR+SWE`), an `each` one once per party. "
            "`personnel` sums people by role; `committed`, `delivered` and `delivery_gap` "
            "give promised, arrived and still owed by kind. "
            "`format=csv` answers the same table as CSV (`key, label, count`, "
            "`quantity_<kind>` for every kind, `amount_<currency>` for each currency "
            "present). `currency=USD` or `EUR` adds each group's amounts converted to it "
            "(`converted_total`, from the stored conversions) and the count of amounts left "
            "out for want of a conversion (`unconverted_count`; CSV: `total_<currency>`, "
            "`unconverted_count`)."
        ),
        parameters=list(query_parameters["summary"]),
        filters=True,
        responses={
            (200, "application/json"): OpenApiResponse(
                PledgeSummarySerializer, description="One row per group (JSON or CSV)."
            ),
            (200, CSV_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR, description="One row per group (JSON or CSV)."
            ),
        },
        examples=[
            OpenApiExample(
                "Totals by actor",
                value=SUMMARY_EXAMPLE,
                response_only=True,
                media_type="application/json",
            ),
            OpenApiExample(
                "Totals by actor (CSV)",
                value=SUMMARY_CSV_EXAMPLE,
                response_only=True,
                media_type=CSV_MEDIA_TYPE,
            ),
        ],
    )
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=[ORJSONRenderer, SummaryCSVRenderer],
        content_negotiation_class=FormatNegotiation,
        filter_backends=[FilterBackend],
        pagination_class=None,
        schema=FileSchema(),
    )
    def summary(self, request, *args, **kwargs):
        query = SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        group_by = query.validated_data["group_by"]
        currency = query.validated_data.get("currency")
        groups = self.summary_from_rollups(request, group_by, currency)
        if groups is not None:
            body = {
                "group_by": group_by,
                "as_of": None,
                "undated_excluded": None,
                "known_at": None,
                "currency": currency,
                "groups": groups,
            }
            return Response(body)  # the shape PledgeSummarySerializer gives, made in SQL
        at = parse_known_at(request)
        parties = None
        if at is not None:
            pledges = self.known_at.queryset(self, at)
            parties = known_at(PledgeParty, at)  # the partners as recorded then
        else:
            pledges = Pledge.objects.visible(verified_only=self.verified_only())
            pledges = self.filter_queryset(pledges)
        conversions = None
        if currency and at is not None:
            conversions = known_at(PledgeConversion, at)  # the conversions stored then
        groups = pledge_summary(
            pledges,
            group_by=group_by,
            parties=parties,
            currency=currency,
            conversions=conversions,
        )
        filterset = getattr(self, "filterset", None)  # left by FilterBackend
        undated = getattr(filterset, "undated_excluded", None) if at is None else None
        body = {
            "group_by": group_by,
            "as_of": _as_of(request),
            "undated_excluded": None if undated is None else undated.order_by().count(),
            "known_at": at,
            "currency": currency,
            "groups": groups,
        }
        return Response(PledgeSummarySerializer(body).data)

    def summary_from_rollups(self, request, group_by, currency):
        """The groups from the rollups when they answer this request exactly: no filter,
        no ``known_at``, ``group_by`` actor, kind or status; else None (the live query)."""
        if not rollups_enabled() or group_by not in ROLLUP_GROUPS:
            return None
        if set(request.query_params) - ROLLUP_PARAMETERS:
            return None
        return rollup_summary(
            group_by=group_by, verified_only=self.verified_only(), currency=currency
        )


def _as_of(request):
    raw = request.query_params.get("as_of", "")
    return forms.DateField().clean(raw) if raw else None
