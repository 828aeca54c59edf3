"""Writes on actors, coalitions, memberships, meetings, attendance and size reports.

HackSoft style, one signature per verb: ``<model>_create(*, data, user=None)``,
``<model>_update(*, instance, data, user=None)``, ``<model>_delete(*, instance,
user=None)``. ``data`` holds the model's fields (``data_fields``), and for a claim its
``review_status`` and ``citations`` (at least one; see :mod:`sources.services`). Every
row is ``full_clean()``-ed before it is saved, and each call is one transaction. The
API, the admin and the dataset loader call these, so the rules live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coalition.models import Actor, Attendance, Coalition, Meeting, Membership, SizeReport
from sources.models import data_fields
from sources.services import (
    Services,
    claim_create,
    claim_update,
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


ACTOR_SERVICES = Services(actor_create, actor_update, actor_delete)
COALITION_SERVICES = Services(coalition_create, coalition_update, coalition_delete)
MEMBERSHIP_SERVICES = Services(membership_create, membership_update, membership_delete)
MEETING_SERVICES = Services(meeting_create, meeting_update, meeting_delete)
ATTENDANCE_SERVICES = Services(attendance_create, attendance_update, attendance_delete)
SIZE_REPORT_SERVICES = Services(size_report_create, size_report_update, size_report_delete)
