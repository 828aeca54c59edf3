"""Two analysts on the same pledge in the admin: nothing silently overwrites an edit.

Each form (and each editable list row) carries the values the analyst saw. A save writes
only the fields they changed; a field someone else changed meanwhile is refused, naming
who and when, and nothing is saved.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from history.readers import object_history
from pledges.models import Pledge
from tests.factories import PledgeCitationFactory, SourceFactory, UserFactory
from tests.support.helpers import form_values

pytestmark = pytest.mark.django_db

TEXT = "Oslo, Monday. Norway will send 50 trainers to Erbil, officials said. More later."
QUOTE = "Norway will send 50 trainers to Erbil"


def analyst(name: str) -> Client:
    client = Client()
    client.force_login(UserFactory(username=name, is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def pledge() -> Pledge:
    citation = PledgeCitationFactory(
        source=SourceFactory(text=TEXT),
        quote=QUOTE,
        pledge__kind="training",
        pledge__status="announced",
        pledge__description="Trainers for the Kurdish forces",
    )
    return citation.pledge


def change_url(pledge: Pledge) -> str:
    return reverse("admin:pledges_pledge_change", args=[pledge.pk])


def opened(client: Client, url: str) -> dict[str, list[str]]:
    page = client.get(url)
    assert page.status_code == 200
    return form_values(page.content.decode())


def saves_status(client: Client, pledge: Pledge, status: str) -> None:
    """``client`` opens the pledge's form, sets its status and saves it."""
    form = opened(client, change_url(pledge))
    form["status"] = [status]
    assert client.post(change_url(pledge), form).status_code == 302


def test_the_form_carries_the_values_the_analyst_saw(pledge):
    form = opened(analyst("alice"), change_url(pledge))
    assert form["initial-status"] == ["announced"]
    assert form["initial-description"] == ["Trainers for the Kurdish forces"]
    assert form["initial-citations-0-quote"] == [QUOTE]


def test_edits_of_different_fields_by_two_analysts_are_both_kept(pledge):
    alice, bob = analyst("alice"), analyst("bob")
    alice_form = opened(alice, change_url(pledge))
    bob_form = opened(bob, change_url(pledge))

    bob_form["status"] = ["committed"]
    assert bob.post(change_url(pledge), bob_form).status_code == 302
    alice_form["description"] = ["Trainers for the Peshmerga"]
    assert alice.post(change_url(pledge), alice_form).status_code == 302

    pledge.refresh_from_db()
    assert (pledge.status, pledge.description) == ("committed", "Trainers for the Peshmerga")


def test_a_field_someone_changed_meanwhile_is_refused_naming_them(pledge):
    alice, bob = analyst("alice"), analyst("bob")
    alice_form = opened(alice, change_url(pledge))
    saves_status(bob, pledge, "committed")

    alice_form["status"] = ["withdrawn"]
    alice_form["description"] = ["Trainers for the Peshmerga"]
    page = alice.post(change_url(pledge), alice_form)

    assert page.status_code == 200  # the form again, with the error
    errors = " ".join(page.context["adminform"].form.errors["status"])
    assert "Changed by bob at " in errors and "not saved" in errors
    pledge.refresh_from_db()
    assert (pledge.status, pledge.description) == ("committed", "Trainers for the Kurdish forces")


def test_the_same_change_made_twice_is_not_a_conflict(pledge):
    alice, bob = analyst("alice"), analyst("bob")
    alice_form = opened(alice, change_url(pledge))
    bob_form = opened(bob, change_url(pledge))
    bob_form["status"] = alice_form["status"] = ["committed"]
    assert bob.post(change_url(pledge), bob_form).status_code == 302
    assert alice.post(change_url(pledge), alice_form).status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "committed"


def test_citations_someone_changed_meanwhile_are_not_replaced(pledge):
    alice, bob = analyst("alice"), analyst("bob")
    alice_form = opened(alice, change_url(pledge))
    bob_form = opened(bob, change_url(pledge))
    bob_form["citations-0-locator"] = ["paragraph 1"]
    assert bob.post(change_url(pledge), bob_form).status_code == 302

    alice_form["citations-0-quote"] = ["Norway will send 50 trainers"]
    page = alice.post(change_url(pledge), alice_form)

    assert page.status_code == 200
    assert "changed by bob at " in page.content.decode()
    citation = pledge.citations.get()  # bob's, as he left it
    assert (citation.quote, citation.locator) == (QUOTE, "paragraph 1")


def list_form(client: Client) -> dict[str, list[str]]:
    form = opened(client, reverse("admin:pledges_pledge_changelist"))
    form.pop("q", None)  # the search box is a form of its own
    return {**form, "_save": ["Save"]}


def row_prefix(form: dict[str, list[str]], pledge: Pledge) -> str:
    return next(
        k.removesuffix("-id")
        for k, v in form.items()
        if k.endswith("-id") and v == [str(pledge.pk)]
    )


def test_a_status_edited_in_the_list_is_saved_through_the_services(pledge):
    alice = analyst("alice")
    form = list_form(alice)
    form[f"{row_prefix(form, pledge)}-status"] = ["committed"]
    assert alice.post(reverse("admin:pledges_pledge_changelist"), form).status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "committed"
    last = [e for e in object_history(Pledge, pledge.pk) if e.type == "pledge"][-1]
    assert (last.user, last.changes["status"]["after"]) == ("alice", "committed")


def test_a_list_edit_of_a_row_someone_changed_meanwhile_is_refused(pledge):
    other = PledgeCitationFactory(source=pledge.citations.get().source, quote=QUOTE).pledge
    alice, bob = analyst("alice"), analyst("bob")
    form = list_form(alice)
    saves_status(bob, pledge, "committed")

    form[f"{row_prefix(form, pledge)}-status"] = ["withdrawn"]
    form[f"{row_prefix(form, other)}-review_status"] = ["needs_review"]
    page = alice.post(reverse("admin:pledges_pledge_changelist"), form, follow=True)

    assert "Changed by bob at " in page.content.decode()
    pledge.refresh_from_db()
    other.refresh_from_db()
    assert pledge.status == "committed"
    assert other.review_status != "needs_review"  # the whole list save, or nothing


def test_a_list_save_keeps_what_someone_changed_in_rows_it_did_not_touch(pledge):
    other = PledgeCitationFactory(source=pledge.citations.get().source, quote=QUOTE).pledge
    alice, bob = analyst("alice"), analyst("bob")
    form = list_form(alice)
    saves_status(bob, pledge, "committed")

    form[f"{row_prefix(form, other)}-status"] = ["committed"]
    assert alice.post(reverse("admin:pledges_pledge_changelist"), form).status_code == 302
    pledge.refresh_from_db()
    other.refresh_from_db()
    assert (pledge.status, other.status) == ("committed", "committed")
