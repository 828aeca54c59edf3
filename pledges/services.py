"""Writes on pledges, their stages and citations (one signature per verb; see
coalition.services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from coalition.models import Actor
from money.choices import ConversionTarget
from money.convert import conversion_day, conversions, rates_version
from pledges.choices import PledgeStatus
from pledges.models import Pledge, PledgeConversion, PledgeParty, PledgeStage
from sources.models import data_fields
from sources.services import (
    CLAIM_KEYS,
    Services,
    claim_save,
    claim_update,
    data_keys,
    item_error_key,
    model_update,
    row_delete,
    writable_fields,
)

PLEDGE_FIELDS = data_fields(Pledge)
#: What a pledge's create and update take besides its fields and citations.
NESTED = ("stages", "parties")
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
    fields = writable_fields(Pledge)
    data_keys(data, (*fields, *CLAIM_KEYS, *NESTED))
    pledge = Pledge(**{name: data[name] for name in (*fields, "review_status") if name in data})
    pledge_derive(pledge=pledge, stages=data.get("stages") or [])
    claim_save(
        claim=pledge, citations=data.get("citations"), previous_review_status=None, user=user
    )
    if data.get("stages"):
        pledge_stages_set(pledge=pledge, stages=data["stages"])
    pledge_parties_set(pledge=pledge, parties=data.get("parties") or [])
    pledge_conversions_set(pledge=pledge)
    return pledge


@transaction.atomic
def pledge_update(*, instance: Pledge, data: Mapping[str, Any], user=None) -> Pledge:
    """Change the fields in ``data``; replace citations and stages when they are given."""
    # The figures the stages give, on the values about to be saved: one save, one event.
    preview = Pledge(**{f.attname: getattr(instance, f.attname) for f in Pledge._meta.fields})
    model_update(instance=preview, fields=PLEDGE_FIELDS, data=data)
    stages = data.get("stages")
    pledge_derive(pledge=preview, stages=list(instance.stages.all()) if stages is None else stages)
    for name in DERIVED:
        setattr(instance, name, getattr(preview, name))
    if "ends_on" in data:  # a withdrawal may have set it
        data = {**data, "ends_on": preview.ends_on}
    claim_update(instance=instance, data=data, user=user, nested=NESTED)
    if data.get("stages") is not None:
        pledge_stages_set(pledge=instance, stages=data["stages"])
    if data.get("parties") is not None:
        pledge_parties_set(pledge=instance, parties=data["parties"])
    else:  # the lead may have changed: it stays the first party
        pledge_parties_set(
            pledge=instance,
            parties=[p.actor for p in instance.parties.order_by("ordinal") if p.ordinal > 1],
        )
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


@transaction.atomic
def pledge_parties_set(*, pledge: Pledge, parties: Sequence[Actor]) -> None:
    """Make the pledge's parties its lead (``actor``, ordinal 1) then ``parties`` in their
    order, the lead and repeats left out. Rows already right keep their id and history."""
    wanted = [pledge.actor]
    for actor in parties:
        if actor not in wanted:
            wanted.append(actor)
    places = {(actor.pk, n) for n, actor in enumerate(wanted, start=1)}
    stored = {(p.actor_id, p.ordinal): p for p in pledge.parties.all()}
    stale = [p.pk for key, p in stored.items() if key not in places]
    if stale:
        PledgeParty.objects.filter(pk__in=stale).delete()
    PledgeParty.objects.bulk_create(
        PledgeParty(pledge=pledge, actor=actor, ordinal=n)
        for n, actor in enumerate(wanted, start=1)
        if (actor.pk, n) not in stored
    )


#: Statuses that promise something (a refusal or a declined offer owes nothing).
PROMISES = {
    PledgeStatus.OFFERED,
    PledgeStatus.ANNOUNCED,
    PledgeStatus.COMMITTED,
    PledgeStatus.DELIVERED,
    PledgeStatus.WITHDRAWN,
}


def delivery_figures(pledge: Pledge, stages: Sequence[PledgeStage]) -> tuple:
    """``(committed, delivered, gap)`` of a pledge from its stages; all None when it
    promises no quantity.

    Committed: the ``committed`` stage's quantity, else the pledge's ``quantity`` (its
    lower bound for a range). Delivered: the ``delivered`` stage's quantity, else all of
    it when the pledge or a stage says ``delivered`` without a number, else 0. Gap: what
    is still owed, never below zero (over-delivery shows as delivered > committed)."""
    if pledge.status not in PROMISES:
        return None, None, None
    by_status = {stage.status: stage for stage in stages}
    committed = by_status.get(PledgeStatus.COMMITTED)
    committed = committed.quantity if committed and committed.quantity else pledge.quantity
    if committed is None:
        return None, None, None
    delivered_stage = by_status.get(PledgeStatus.DELIVERED)
    if delivered_stage is not None and delivered_stage.quantity:
        delivered = delivered_stage.quantity
    elif delivered_stage is not None or pledge.status == PledgeStatus.DELIVERED:
        delivered = committed
    else:
        delivered = 0
    return committed, delivered, max(committed - delivered, 0)


#: What :func:`pledge_derive` sets (the delivery figures, and ``ends_on`` on a withdrawal).
DERIVED = ("committed_quantity", "delivered_quantity", "delivery_gap", "ends_on")


def pledge_derive(*, pledge: Pledge, stages: Sequence[PledgeStage | Mapping[str, Any]]) -> None:
    """Check the rules that span a pledge and its stages, and set (without saving) its
    delivery figures, from ``stages``: stored ones or the data about to be written.

    A ``withdrawn`` stage ends the pledge: the pledge's status is then ``withdrawn``, no
    stage is dated after it, and ``ends_on`` (when empty) becomes its date. Areas are
    actor codes that exist."""
    stages = [s if isinstance(s, PledgeStage) else PledgeStage(**_stage_keys(s)) for s in stages]
    withdrawal = next((s for s in stages if s.status == PledgeStatus.WITHDRAWN), None)
    errors: dict[str, list[str]] = {}
    if withdrawal is not None and withdrawal.occurred_on is not None:
        if pledge.status != PledgeStatus.WITHDRAWN:
            errors["status"] = ["A pledge with a withdrawn stage has the status 'withdrawn'."]
        later = sorted(
            s.status for s in stages if s.occurred_on and s.occurred_on > withdrawal.occurred_on
        )
        if later:
            errors["stages"] = [
                f"Nothing follows a withdrawal (dated after it: {', '.join(later)})."
            ]
        if pledge.ends_on is None:
            pledge.ends_on = withdrawal.occurred_on
        elif pledge.ends_on > withdrawal.occurred_on:
            errors["ends_on"] = ["A withdrawn pledge ends no later than its withdrawal."]
    elif withdrawal is not None and pledge.status != PledgeStatus.WITHDRAWN:
        errors["status"] = ["A pledge with a withdrawn stage has the status 'withdrawn'."]
    for name in ("applies_in", "excluded_from"):
        codes = set(getattr(pledge, name) or ())
        known = set(Actor.objects.filter(code__in=codes).values_list("code", flat=True))
        if codes - known:
            errors[name] = [f"No actor with code {', '.join(sorted(codes - known))}."]
    if errors:
        raise ValidationError(errors)
    figures = delivery_figures(pledge, stages)
    pledge.committed_quantity, pledge.delivered_quantity, pledge.delivery_gap = figures


def _stage_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: data.get(k) for k in ("status", "occurred_on", "quantity")}


PLEDGE_SERVICES = Services(pledge_create, pledge_update, pledge_delete)
