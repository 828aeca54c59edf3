"""Writes on actors, coalitions, memberships, meetings, attendance and size reports.

HackSoft style: ``<entity>_<action>(*, ...)``, keyword-only and typed; every object is
``full_clean()``-ed before it is saved, and each function is one transaction. The API
and any other writer call these, so the rules live in one place. Claims (memberships,
attendance, size reports) need at least one citation; see :mod:`sources.services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from coalition.models import Actor, Attendance, Coalition, Meeting, Membership, SizeReport
from sources.choices import DatePrecision, ReviewStatus
from sources.services import CitationData, claim_save, claim_update, model_update

# --- Actors ---------------------------------------------------------------------------------

ACTOR_FIELDS = (
    "code",
    "kind",
    "name",
    "official_name",
    "alpha2",
    "numeric",
    "parent",
    "aliases",
    "description",
)


@transaction.atomic
def actor_create(
    *,
    code: str,
    kind: str,
    name: str,
    official_name: str = "",
    alpha2: str = "",
    numeric: str = "",
    parent: Actor | None = None,
    aliases: Sequence[str] = (),
    description: str = "",
) -> Actor:
    actor = Actor(
        code=code,
        kind=kind,
        name=name,
        official_name=official_name,
        alpha2=alpha2,
        numeric=numeric,
        parent=parent,
        aliases=list(aliases),
        description=description,
    )
    actor.full_clean()
    actor.save()
    return actor


@transaction.atomic
def actor_update(*, actor: Actor, data: Mapping[str, Any]) -> Actor:
    model_update(instance=actor, fields=ACTOR_FIELDS, data=data)
    actor.full_clean()
    actor.save()
    return actor


@transaction.atomic
def actor_delete(*, actor: Actor) -> None:
    """Delete an actor nothing refers to (else ProtectedError, listing what does)."""
    actor.delete()


# --- Coalitions -----------------------------------------------------------------------------

COALITION_FIELDS = (
    "name",
    "slug",
    "lead",
    "started_on",
    "started_on_precision",
    "ended_on",
    "description",
)


@transaction.atomic
def coalition_create(
    *,
    name: str,
    slug: str,
    lead: Actor | None = None,
    started_on: dt.date | None = None,
    started_on_precision: str = DatePrecision.DAY,
    ended_on: dt.date | None = None,
    description: str = "",
) -> Coalition:
    coalition = Coalition(
        name=name,
        slug=slug,
        lead=lead,
        started_on=started_on,
        started_on_precision=started_on_precision,
        ended_on=ended_on,
        description=description,
    )
    coalition.full_clean()
    coalition.save()
    return coalition


@transaction.atomic
def coalition_update(*, coalition: Coalition, data: Mapping[str, Any]) -> Coalition:
    model_update(instance=coalition, fields=COALITION_FIELDS, data=data)
    coalition.full_clean()
    coalition.save()
    return coalition


@transaction.atomic
def coalition_delete(*, coalition: Coalition) -> None:
    coalition.delete()


# --- Memberships ----------------------------------------------------------------------------

MEMBERSHIP_FIELDS = (
    "coalition",
    "actor",
    "status",
    "started_on",
    "started_on_precision",
    "ended_on",
    "ended_on_precision",
    "note",
)


def membership_create(
    *,
    coalition: Coalition,
    actor: Actor,
    status: str,
    started_on: dt.date,
    citations: Sequence[CitationData],
    started_on_precision: str = DatePrecision.DAY,
    ended_on: dt.date | None = None,
    ended_on_precision: str = DatePrecision.DAY,
    note: str = "",
    review_status: str = ReviewStatus.DRAFT,
    user=None,
    dataset_key: str = "",
) -> Membership:
    """Record an actor's status in a coalition over ``[started_on, ended_on)``.

    Periods of one actor in one coalition may not overlap.
    """
    membership = Membership(
        coalition=coalition,
        actor=actor,
        status=status,
        started_on=started_on,
        started_on_precision=started_on_precision,
        ended_on=ended_on,
        ended_on_precision=ended_on_precision,
        note=note,
        review_status=review_status,
        dataset_key=dataset_key,
    )
    return claim_save(claim=membership, citations=citations, previous_review_status=None, user=user)


def membership_update(
    *,
    membership: Membership,
    data: Mapping[str, Any],
    citations: Sequence[CitationData] | None = None,
    user=None,
) -> Membership:
    return claim_update(
        claim=membership, fields=MEMBERSHIP_FIELDS, data=data, citations=citations, user=user
    )


@transaction.atomic
def membership_delete(*, membership: Membership) -> None:
    membership.delete()


# --- Meetings and attendance ------------------------------------------------------------------

MEETING_FIELDS = (
    "coalition",
    "name",
    "held_on",
    "held_on_precision",
    "ended_on",
    "city",
    "host",
    "description",
)


@transaction.atomic
def meeting_create(
    *,
    name: str,
    held_on: dt.date,
    coalition: Coalition | None = None,
    held_on_precision: str = DatePrecision.DAY,
    ended_on: dt.date | None = None,
    city: str = "",
    host: Actor | None = None,
    description: str = "",
    dataset_key: str = "",
) -> Meeting:
    meeting = Meeting(
        coalition=coalition,
        name=name,
        held_on=held_on,
        held_on_precision=held_on_precision,
        ended_on=ended_on,
        city=city,
        host=host,
        description=description,
        dataset_key=dataset_key,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: Mapping[str, Any]) -> Meeting:
    model_update(instance=meeting, fields=MEETING_FIELDS, data=data)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Delete a meeting and its attendance records (with their citations)."""
    meeting.delete()


ATTENDANCE_FIELDS = ("meeting", "actor", "role", "note")


def attendance_create(
    *,
    meeting: Meeting,
    actor: Actor,
    role: str,
    citations: Sequence[CitationData],
    note: str = "",
    review_status: str = ReviewStatus.DRAFT,
    user=None,
) -> Attendance:
    """Record that an actor attended, hosted, stayed away from or was left out of a meeting."""
    attendance = Attendance(
        meeting=meeting, actor=actor, role=role, note=note, review_status=review_status
    )
    return claim_save(claim=attendance, citations=citations, previous_review_status=None, user=user)


def attendance_update(
    *,
    attendance: Attendance,
    data: Mapping[str, Any],
    citations: Sequence[CitationData] | None = None,
    user=None,
) -> Attendance:
    return claim_update(
        claim=attendance, fields=ATTENDANCE_FIELDS, data=data, citations=citations, user=user
    )


@transaction.atomic
def attendance_delete(*, attendance: Attendance) -> None:
    attendance.delete()


# --- Size reports -----------------------------------------------------------------------------

SIZE_REPORT_FIELDS = (
    "coalition",
    "reported_on",
    "reported_on_precision",
    "member_count",
    "qualifier",
    "note",
)


def size_report_create(
    *,
    coalition: Coalition,
    reported_on: dt.date,
    member_count: int,
    citations: Sequence[CitationData],
    reported_on_precision: str = DatePrecision.DAY,
    qualifier: str = "exact",
    note: str = "",
    review_status: str = ReviewStatus.DRAFT,
    user=None,
    dataset_key: str = "",
) -> SizeReport:
    """Record a coalition size a source reports ("more than 60 members")."""
    report = SizeReport(
        coalition=coalition,
        reported_on=reported_on,
        reported_on_precision=reported_on_precision,
        member_count=member_count,
        qualifier=qualifier,
        note=note,
        review_status=review_status,
        dataset_key=dataset_key,
    )
    return claim_save(claim=report, citations=citations, previous_review_status=None, user=user)


def size_report_update(
    *,
    size_report: SizeReport,
    data: Mapping[str, Any],
    citations: Sequence[CitationData] | None = None,
    user=None,
) -> SizeReport:
    return claim_update(
        claim=size_report, fields=SIZE_REPORT_FIELDS, data=data, citations=citations, user=user
    )


@transaction.atomic
def size_report_delete(*, size_report: SizeReport) -> None:
    size_report.delete()
