"""History by triggers: every write leaves one event, whatever made it."""

from __future__ import annotations

import base64

import pghistory
import pytest
from django.core.management import call_command

from history.readers import (
    BadCursor,
    Cursor,
    NothingToRestore,
    changes_since,
    known_at,
    object_history,
    restore_deleted,
)
from pledges.models import Pledge, PledgeCitation
from tests.factories import PledgeCitationFactory, PledgeFactory, UserFactory
from tests.support.helpers import database_now, settle


def events_of(pledge_id: int) -> list[str]:
    return list(
        Pledge.pgh_event_model.objects.filter(pgh_obj_id=pledge_id)
        .order_by("pgh_id")
        .values_list("pgh_label", flat=True)
    )


@pytest.mark.django_db
def test_each_write_leaves_one_event_and_a_save_without_change_none():
    pledge = PledgeFactory(quantity=6)
    pledge.save()  # nothing changed
    pledge.quantity = 8
    pledge.save()
    Pledge.objects.filter(pk=pledge.pk).update(status="delivered")  # a bulk update
    pk = pledge.pk
    pledge.delete()
    assert events_of(pk) == ["insert", "update", "update", "delete"]


@pytest.mark.django_db
def test_bulk_update_records_one_event_per_changed_row_with_its_user():
    user = UserFactory()
    pledges = [PledgeFactory(status="announced") for _ in range(3)]
    PledgeFactory(status="delivered")
    with pghistory.context(user=user.pk):
        changed = Pledge.objects.filter(status="announced").update(status="delivered")
    assert changed == 3
    for pledge in pledges:
        update = Pledge.pgh_event_model.objects.get(pgh_obj_id=pledge.pk, pgh_label="update")
        assert update.pgh_context.metadata["user"] == user.pk


@pytest.mark.django_db
def test_history_names_the_user_and_what_changed():
    user = UserFactory(username="analyst1")
    citation = PledgeCitationFactory(pledge__quantity=6)
    pledge = citation.pledge
    with pghistory.context(user=user.pk, url="/api/v1/pledges/1/"):
        pledge.quantity = 12
        pledge.save()
    history = object_history(Pledge, pledge.pk)
    assert [(h.type, h.action) for h in history] == [
        ("pledge", "create"),
        ("pledgecitation", "create"),
        ("pledge", "update"),
    ]
    update = history[-1]
    assert update.user == "analyst1" and update.context["url"] == "/api/v1/pledges/1/"
    assert update.changes == {"quantity": {"before": 6, "after": 12}}


@pytest.mark.django_db
def test_management_command_writes_are_recorded_with_the_command(tmp_path):
    pledge = PledgeFactory()
    with pghistory.context(command="shell"):
        call_command(
            "shell",
            command=f"from pledges.models import Pledge; "
            f"Pledge.objects.filter(pk={pledge.pk}).update(quantity=99)",
        )
    update = Pledge.pgh_event_model.objects.get(pgh_obj_id=pledge.pk, pgh_label="update")
    assert update.quantity == 99 and update.pgh_context.metadata["command"] == "shell"


@pytest.mark.django_db
def test_deleted_pledge_is_restored_with_its_citations():
    citation = PledgeCitationFactory()
    PledgeCitationFactory(pledge=citation.pledge, quote="A second source says so.")
    pledge = citation.pledge
    snapshot = (pledge.pk, pledge.description, pledge.quantity, pledge.actor_id)
    quotes = sorted(pledge.citations.values_list("quote", flat=True))
    pledge.delete()
    assert not PledgeCitation.objects.filter(pledge_id=snapshot[0]).exists()

    restored = restore_deleted(Pledge, snapshot[0])
    again = Pledge.objects.get(pk=snapshot[0])
    assert restored.pk == again.pk
    assert (again.pk, again.description, again.quantity, again.actor_id) == snapshot
    assert sorted(again.citations.values_list("quote", flat=True)) == quotes
    with pytest.raises(NothingToRestore):
        restore_deleted(Pledge, snapshot[0])


@pytest.mark.django_db
def test_known_at_answers_what_the_database_said_then():
    pledge = PledgeFactory(quantity=6)
    after_create = database_now()
    pledge.quantity = 10
    pledge.save()
    after_edit = database_now()
    pledge.delete()
    assert [e.quantity for e in known_at(Pledge, after_create)] == [6]
    assert [e.quantity for e in known_at(Pledge, after_edit)] == [10]
    assert list(known_at(Pledge, database_now())) == []


def test_cursor_round_trips_and_rejects_garbage():
    cursor = Cursor(123, "pledge", 45)
    assert Cursor.decode(cursor.encode()) == cursor
    marked = Cursor(123, "pledge", 45, "0123456789ab")
    assert Cursor.decode(marked.encode()).database == "0123456789ab"
    assert Cursor.decode(cursor.encode()).database == ""  # a cursor from before marks
    for bad in ["", "nope", "MTIz", "%%%"] + [
        base64.urlsafe_b64encode(raw).decode()
        for raw in (b"1.pledge.2.XYZ", b"1.pledge.2.0123456789ab.more", b"1.pledge.2.")
    ]:
        with pytest.raises(BadCursor):
            Cursor.decode(bad)


@pytest.mark.django_db(transaction=True)
def test_a_mirror_synced_from_the_feed_ends_equal_to_the_database():
    mirror: dict[tuple[str, int], dict] = {}
    cursor = None

    def sync():
        nonlocal cursor
        settle()  # until what committed so far is below the feed's horizon
        while True:
            page, cursor = changes_since(cursor, limit=3)  # small pages: many round trips
            for change in page:
                if change.action == "delete":
                    mirror.pop((change.type, change.id), None)
                else:
                    mirror[(change.type, change.id)] = change.data
            if not page:
                return

    one = PledgeCitationFactory(pledge__quantity=1)
    two = PledgeFactory(quantity=2)
    sync()
    two.quantity = 20
    two.save()
    three = PledgeFactory(quantity=3)
    one.pledge.delete()  # cascades to its citation: two tombstones
    sync()
    Pledge.objects.filter(pk=three.pk).update(quantity=30)
    sync()

    pledges = {k[1]: v for k, v in mirror.items() if k[0] == "pledge"}
    assert {pk: row["quantity"] for pk, row in pledges.items()} == dict(
        Pledge.objects.values_list("pk", "quantity")
    )
    assert not [k for k in mirror if k[0] == "pledgecitation"]
    page, again = changes_since(cursor, limit=10)
    assert page == [] and again == cursor
