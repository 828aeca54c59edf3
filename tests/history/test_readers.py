"""The history readers beyond the basics: feed narrowed by type, exact amounts, restores
that keep every value and nested rows, objects rebuilt as known at a moment."""

from __future__ import annotations

from decimal import Decimal

import pytest

from api.serializers import held_rows
from coalition.models import Attendance, AttendanceCitation, Meeting
from history.readers import changes_since, known_at, objects_known_at, restore_deleted
from pledges.models import Pledge
from tests.factories import (
    AttendanceCitationFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
)
from tests.support.helpers import database_now, settle


@pytest.mark.django_db(transaction=True)
def test_the_feed_narrowed_to_one_type_with_amounts_to_the_cent():
    pledge = PledgeFactory(
        kind="money",
        quantity=None,
        quantity_qualifier="",
        amount=Decimal("1234567890123456.78"),
        currency="USD",
    )
    PledgeCitationFactory(pledge=pledge)
    settle()
    changes, cursor = changes_since(None, limit=100, types={"pledge"})
    assert [(c.type, c.id, c.action) for c in changes] == [("pledge", pledge.pk, "create")]
    assert changes[0].data["amount"] == Decimal("1234567890123456.78")
    citations, _ = changes_since(None, limit=100, types={"pledgecitation"})
    assert [c.type for c in citations] == ["pledgecitation"]
    assert changes_since(cursor, limit=100, types=set()) == ([], cursor)


@pytest.mark.django_db
def test_a_restored_pledge_keeps_its_creation_time_and_stages():
    citation = PledgeCitationFactory()
    pledge = citation.pledge
    pk = pledge.pk
    PledgeStageFactory(pledge=pledge)
    created_at = Pledge.objects.get(pk=pk).created_at
    pledge.delete()
    restored = restore_deleted(Pledge, pk)
    again = Pledge.objects.get(pk=restored.pk)
    assert again.created_at == created_at
    assert [s.status for s in again.stages.all()] == ["announced"]
    assert [c.pk for c in again.citations.all()] == [citation.pk]


@pytest.mark.django_db
def test_a_restored_meeting_brings_back_its_attendance_and_their_citations():
    citation = AttendanceCitationFactory()
    meeting = citation.attendance.meeting
    ids = (meeting.pk, citation.attendance_id, citation.pk)
    meeting.delete()
    assert not AttendanceCitation.objects.filter(pk=ids[2]).exists()
    restore_deleted(Meeting, ids[0])
    assert Attendance.objects.get(pk=ids[1]).meeting_id == ids[0]
    assert AttendanceCitation.objects.get(pk=ids[2]).quote == citation.quote


@pytest.mark.django_db
def test_objects_known_at_carry_their_citations_and_sources_as_held_then():
    citation = PledgeCitationFactory(pledge__quantity=6, source__title="Old title")
    pledge, source = citation.pledge, citation.source
    then = database_now()
    source.title = "New title"
    source.save()
    pledge.quantity = 8
    pledge.save()
    PledgeCitationFactory(pledge=pledge)

    (old,) = objects_known_at(Pledge, known_at(Pledge, then), then)
    assert (old.pk, old.quantity, old.actor.code) == (pledge.pk, 6, pledge.actor.code)
    old_citations = held_rows(old, "citations")
    assert [(c.pk, c.source.title) for c in old_citations] == [(citation.pk, "Old title")]
    assert old.updated_at <= then

    now = database_now()
    (new,) = objects_known_at(Pledge, known_at(Pledge, now), now)
    new_citations = held_rows(new, "citations")
    assert new.quantity == 8 and len(new_citations) == 2
    assert new_citations[0].source.title == "New title"
