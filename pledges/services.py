"""Writes on pledges, their stages and citations (HackSoft style; see coalition.services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction

from coalition.models import Actor, Coalition
from pledges.models import Pledge, PledgeStage
from sources.choices import DatePrecision, ReviewStatus
from sources.services import CitationData, claim_save, claim_update, item_error_key

PLEDGE_FIELDS = (
    "actor",
    "coalition",
    "kind",
    "status",
    "description",
    "quantity",
    "quantity_max",
    "quantity_qualifier",
    "quantity_unit",
    "amount",
    "currency",
    "recipient",
    "host",
    "asset",
    "announced_on",
    "announced_on_precision",
    "starts_on",
    "ends_on",
)


class StageData(TypedDict, total=False):
    """One step of a pledge's lineage: ``status`` is required, once per pledge."""

    status: str
    occurred_on: dt.date | None
    occurred_on_precision: str
    quantity: int | None
    note: str


@transaction.atomic
def pledge_create(
    *,
    actor: Actor,
    kind: str,
    status: str,
    description: str,
    citations: Sequence[CitationData],
    coalition: Coalition | None = None,
    quantity: int | None = None,
    quantity_max: int | None = None,
    quantity_qualifier: str = "",
    quantity_unit: str = "",
    amount: Decimal | None = None,
    currency: str = "",
    recipient: Actor | None = None,
    host: Actor | None = None,
    asset: str = "",
    announced_on: dt.date | None = None,
    announced_on_precision: str = DatePrecision.DAY,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    stages: Sequence[StageData] = (),
    review_status: str = ReviewStatus.DRAFT,
    user=None,
    dataset_key: str = "",
) -> Pledge:
    """Record what ``actor`` pledged (or refused), with the sources that say so."""
    pledge = Pledge(
        actor=actor,
        coalition=coalition,
        kind=kind,
        status=status,
        description=description,
        quantity=quantity,
        quantity_max=quantity_max,
        quantity_qualifier=quantity_qualifier,
        quantity_unit=quantity_unit,
        amount=amount,
        currency=currency,
        recipient=recipient,
        host=host,
        asset=asset,
        announced_on=announced_on,
        announced_on_precision=announced_on_precision,
        starts_on=starts_on,
        ends_on=ends_on,
        review_status=review_status,
        dataset_key=dataset_key,
    )
    claim_save(claim=pledge, citations=citations, previous_review_status=None, user=user)
    if stages:
        pledge_stages_set(pledge=pledge, stages=stages)
    return pledge


@transaction.atomic
def pledge_update(
    *,
    pledge: Pledge,
    data: Mapping[str, Any],
    citations: Sequence[CitationData] | None = None,
    stages: Sequence[StageData] | None = None,
    user=None,
) -> Pledge:
    """Change the fields in ``data``; replace citations and stages when they are given."""
    claim_update(claim=pledge, fields=PLEDGE_FIELDS, data=data, citations=citations, user=user)
    if stages is not None:
        pledge_stages_set(pledge=pledge, stages=stages)
    return pledge


@transaction.atomic
def pledge_delete(*, pledge: Pledge) -> None:
    """Delete a pledge with its stages and citations."""
    pledge.delete()


STAGE_FIELDS = ("occurred_on", "occurred_on_precision", "quantity", "note")


@transaction.atomic
def pledge_stages_set(*, pledge: Pledge, stages: Sequence[StageData]) -> None:
    """Make the pledge's stages exactly ``stages`` (one per status).

    A stage whose status is already recorded is updated in place (keeping its id).
    """
    statuses = [stage["status"] for stage in stages]
    repeated = {s for s in statuses if statuses.count(s) > 1}
    if repeated:
        raise ValidationError(
            {"stages": f"Give each status once (repeated: {', '.join(sorted(repeated))})."},
            code="unique",
        )
    stored = {stage.status: stage for stage in pledge.stages.all()}
    pledge.stages.exclude(status__in=statuses).delete()
    errors: dict[str, list[str]] = {}
    for index, data in enumerate(stages):
        stage = stored.get(data["status"]) or PledgeStage(pledge=pledge, status=data["status"])
        for name in STAGE_FIELDS:
            default = PledgeStage._meta.get_field(name).get_default()
            setattr(stage, name, data.get(name, default))
        try:
            stage.full_clean(exclude=["pledge"], validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[item_error_key("stages", index, name)] = messages
            continue
        stage.save()
    if errors:
        raise ValidationError(errors)
