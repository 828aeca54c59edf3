"""Writes on pledges, their stages and citations (one signature per verb; see
coalition.services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from money.choices import ConversionTarget
from money.convert import conversion_day, conversions, rates_version
from pledges.models import Pledge, PledgeConversion, PledgeStage
from sources.models import data_fields
from sources.services import Services, claim_create, claim_update, item_error_key, row_delete

PLEDGE_FIELDS = data_fields(Pledge)
#: A stage's fields besides its ``status`` (its key: one stage per status).
STAGE_FIELDS = data_fields(PledgeStage, exclude=("pledge", "status"))


class StageData(TypedDict, total=False):
    """One step of a pledge's lineage: ``status`` is required, once per pledge."""

    status: str
    occurred_on: dt.date | None
    occurred_on_precision: str
    quantity: int | None
    note: str


@transaction.atomic
def pledge_create(*, data: Mapping[str, Any], user=None) -> Pledge:
    """Record what an actor pledged (or refused), with the sources that say so:
    ``data`` holds its fields, ``review_status``, ``citations`` and ``stages``."""
    pledge = claim_create(Pledge, data=data, user=user, nested=("stages",))
    if data.get("stages"):
        pledge_stages_set(pledge=pledge, stages=data["stages"])
    pledge_conversions_set(pledge=pledge)
    return pledge


@transaction.atomic
def pledge_update(*, instance: Pledge, data: Mapping[str, Any], user=None) -> Pledge:
    """Change the fields in ``data``; replace citations and stages when they are given."""
    claim_update(instance=instance, data=data, user=user, nested=("stages",))
    if data.get("stages") is not None:
        pledge_stages_set(pledge=instance, stages=data["stages"])
    pledge_conversions_set(pledge=instance)
    return instance


@transaction.atomic
def pledge_delete(*, instance: Pledge, user=None) -> None:
    """Delete a pledge with its stages and citations."""
    row_delete(instance=instance)


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


# --- Money: the amount in USD and EUR, derived on every write ----------------------------


@transaction.atomic
def pledge_conversions_set(*, pledge: Pledge) -> None:
    """Make the pledge's USD and EUR conversions those of its amount and currency on its
    announcement day (else its first report's) under the current rates (``money.convert``);
    none without an amount. A row that would not change is left as it is (no event)."""
    if pledge.amount is None:
        pledge.conversions.all().delete()
        return
    reported_on = pledge.citations.filter(
        source__published_on__isnull=False, source__published_on_precision="day"
    ).values_list("source__published_on", flat=True)
    day, basis = conversion_day(
        pledge.announced_on, pledge.announced_on_precision, list(reported_on)
    )
    stored = {row.target: row for row in pledge.conversions.all()}
    for conversion in conversions(pledge.amount, pledge.currency, day, basis):
        values = {
            "amount": conversion.amount,
            "rate": conversion.rate,
            "rate_date": conversion.rate_date,
            "date_rule": str(conversion.date_rule),
            "rates_source": conversion.rates_source,
            "rates_version": conversion.rates_version,
            "via_peg": conversion.via_peg,
            "unconverted_reason": str(conversion.unconverted_reason),
        }
        row = stored.get(conversion.target)
        if row is None:
            row = PledgeConversion(pledge=pledge, target=conversion.target)
        elif all(getattr(row, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean(exclude=["pledge"], validate_unique=False)
        row.save()


def pledge_conversions_recompute(*, everything: bool = False) -> int:
    """Redo the conversions of every pledge with an amount whose stored conversions were
    made with other rates (or are missing; ``everything``: all of them). Returns how
    many pledges were redone. Each pledge in its own transaction."""
    current = rates_version()
    pledges = Pledge.objects.filter(amount__isnull=False).order_by("id")
    if not everything:
        pledges = pledges.annotate(
            current=Count("conversions", filter=Q(conversions__rates_version=current))
        ).exclude(current=len(ConversionTarget.values))
    done = 0
    for pledge in pledges.iterator(chunk_size=500):
        with transaction.atomic():
            pledge_conversions_set(pledge=pledge)
        done += 1
    return done


PLEDGE_SERVICES = Services(pledge_create, pledge_update, pledge_delete)
