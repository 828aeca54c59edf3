"""Writes on actors, coalitions, memberships, meetings, attendance, size reports and
agreements (with their parties).

HackSoft style, one signature per verb: ``<model>_create(*, data, user=None)``,
``<model>_update(*, instance, data, user=None)``, ``<model>_delete(*, instance,
user=None)``. ``data`` holds the model's fields (``data_fields``), and for a claim its
``review_status`` and ``citations`` (at least one; see :mod:`sources.services`). Every
row is ``full_clean()``-ed before it is saved, and each call is one transaction. The
API, the admin and the dataset loader call these, so the rules live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction

from coalition.models import (
    Actor,
    Agreement,
    AgreementParty,
    Attendance,
    Coalition,
    Meeting,
    Membership,
    SizeReport,
)
from sources.models import data_fields
from sources.services import (
    Services,
    claim_create,
    claim_update,
    item_error_key,
    row_create,
    row_delete,
    row_update,
)

ACTOR_FIELDS = data_fields(Actor)
COALITION_FIELDS = data_fields(Coalition)
MEMBERSHIP_FIELDS = data_fields(Membership)
MEETING_FIELDS = data_fields(Meeting)
ATTENDANCE_FIELDS = data_fields(Attendance)
SIZE_REPORT_FIELDS = data_fields(SizeReport)
AGREEMENT_FIELDS = data_fields(Agreement)
#: A party's fields besides its ``actor`` (its key: one row per actor).
PARTY_FIELDS = data_fields(AgreementParty, exclude=("agreement", "actor"))

# --- Actors ---------------------------------------------------------------------------------


def actor_create(*, data: Mapping[str, Any], user=None) -> Actor:
    return row_create(Actor, data=data)


def actor_update(*, instance: Actor, data: Mapping[str, Any], user=None) -> Actor:
    return row_update(instance=instance, data=data)


def actor_delete(*, instance: Actor, user=None) -> None:
    """Delete an actor nothing refers to (else ProtectedError, listing what does)."""
    row_delete(instance=instance)


# --- Coalitions -----------------------------------------------------------------------------


def coalition_create(*, data: Mapping[str, Any], user=None) -> Coalition:
    return row_create(Coalition, data=data)


def coalition_update(*, instance: Coalition, data: Mapping[str, Any], user=None) -> Coalition:
    return row_update(instance=instance, data=data)


def coalition_delete(*, instance: Coalition, user=None) -> None:
    row_delete(instance=instance)


# --- Memberships ----------------------------------------------------------------------------


def membership_create(*, data: Mapping[str, Any], user=None) -> Membership:
    """Record an actor's status in a coalition over ``[started_on, ended_on)``.

    Periods of one actor in one coalition may not overlap.
    """
    return claim_create(Membership, data=data, user=user)


def membership_update(*, instance: Membership, data: Mapping[str, Any], user=None) -> Membership:
    return claim_update(instance=instance, data=data, user=user)


def membership_delete(*, instance: Membership, user=None) -> None:
    row_delete(instance=instance)


# --- Meetings and attendance ------------------------------------------------------------------


def meeting_create(*, data: Mapping[str, Any], user=None) -> Meeting:
    return row_create(Meeting, data=data)


def meeting_update(*, instance: Meeting, data: Mapping[str, Any], user=None) -> Meeting:
    return row_update(instance=instance, data=data)


def meeting_delete(*, instance: Meeting, user=None) -> None:
    """Delete a meeting and its attendance records (with their citations)."""
    row_delete(instance=instance)


def attendance_create(*, data: Mapping[str, Any], user=None) -> Attendance:
    """Record that an actor attended, hosted, stayed away from or was left out of a meeting."""
    return claim_create(Attendance, data=data, user=user)


def attendance_update(*, instance: Attendance, data: Mapping[str, Any], user=None) -> Attendance:
    return claim_update(instance=instance, data=data, user=user)


def attendance_delete(*, instance: Attendance, user=None) -> None:
    row_delete(instance=instance)


# --- Size reports -----------------------------------------------------------------------------


def size_report_create(*, data: Mapping[str, Any], user=None) -> SizeReport:
    """Record a coalition size a source reports ("more than 60 members")."""
    return claim_create(SizeReport, data=data, user=user)


def size_report_update(*, instance: SizeReport, data: Mapping[str, Any], user=None) -> SizeReport:
    return claim_update(instance=instance, data=data, user=user)


def size_report_delete(*, instance: SizeReport, user=None) -> None:
    row_delete(instance=instance)


# --- Agreements and their parties ---------------------------------------------------------


class PartyData(TypedDict, total=False):
    """One party as the services take it: ``actor`` is required."""

    actor: Actor
    note: str


@transaction.atomic
def agreement_create(*, data: Mapping[str, Any], user=None) -> Agreement:
    """Record an agreement, declaration or joint statement with its citations and
    ``parties`` (a list of :class:`PartyData`, each actor once)."""
    agreement = claim_create(Agreement, data=data, user=user, nested=("parties",))
    agreement_parties_set(agreement=agreement, parties=data.get("parties") or [])
    return agreement


@transaction.atomic
def agreement_update(*, instance: Agreement, data: Mapping[str, Any], user=None) -> Agreement:
    """Change the fields in ``data``; replace citations and parties when they are given."""
    claim_update(instance=instance, data=data, user=user, nested=("parties",))
    if data.get("parties") is not None:
        agreement_parties_set(agreement=instance, parties=data["parties"])
    return instance


def agreement_delete(*, instance: Agreement, user=None) -> None:
    """Delete an agreement with its parties and citations (refused while a claim cites it)."""
    row_delete(instance=instance)


def agreement_parties_set(*, agreement: Agreement, parties: Sequence[PartyData]) -> None:
    """Make the agreement's parties exactly ``parties`` (each actor once).

    A party already recorded is updated in place (keeping its id and history); errors
    name the row: ``parties.1.actor``.
    """
    actors = [party["actor"] for party in parties]
    repeated = {a.code for a in actors if actors.count(a) > 1}
    if repeated:
        raise ValidationError(
            {"parties": f"Give each party once (repeated: {', '.join(sorted(repeated))})."}
        )
    stored = {row.actor_id: row for row in agreement.party_rows.all()}
    agreement.party_rows.exclude(actor__in=actors).delete()
    errors: dict[str, list[str]] = {}
    for index, data in enumerate(parties):
        row = stored.get(data["actor"].pk) or AgreementParty(
            agreement=agreement, actor=data["actor"]
        )
        for name in PARTY_FIELDS:
            if name in data:
                setattr(row, name, data[name])
        try:
            row.full_clean(exclude=["agreement"], validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[item_error_key("parties", index, name)] = messages
            continue
        row.save()
    if errors:
        raise ValidationError(errors)


ACTOR_SERVICES = Services(actor_create, actor_update, actor_delete)
COALITION_SERVICES = Services(coalition_create, coalition_update, coalition_delete)
MEMBERSHIP_SERVICES = Services(membership_create, membership_update, membership_delete)
MEETING_SERVICES = Services(meeting_create, meeting_update, meeting_delete)
ATTENDANCE_SERVICES = Services(attendance_create, attendance_update, attendance_delete)
SIZE_REPORT_SERVICES = Services(size_report_create, size_report_update, size_report_delete)
AGREEMENT_SERVICES = Services(agreement_create, agreement_update, agreement_delete)
