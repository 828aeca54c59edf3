"""The admin and the import write through the services: one write path, one set of rules.

Each test goes through the admin's pages as an analyst would (the change form with its
inline rows, the actions, the delete page, the import preview and confirmation) and
checks both what the services refuse (the message where the analyst sees it, nothing
saved) and what only they do (review stamps, the history naming the user).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

import pledges.admin
from coalition.models import Actor, Coalition, Membership
from history.readers import object_history
from pledges.models import Pledge, PledgeProposal
from pledges.resources import PledgeResource
from sources.admin import ServiceRefused
from sources.models import Source
from sources.services import source_update
from sources.signals import source_text_added
from tests.factories import (
    ActorFactory,
    CoalitionFactory,
    MembershipFactory,
    PledgeCitationFactory,
    PledgeStageFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db

TEXT = "Oslo, Monday. Norway will send 50 trainers to Erbil, officials said. More later."
QUOTE = "Norway will send 50 trainers to Erbil"


def form_data(page) -> dict:
    """What the browser would send back for an admin form page as it was rendered."""
    data: dict = {}

    def put(form):
        for name in form.fields:
            value = form[name].value()
            if value is False:
                continue
            data[form.add_prefix(name)] = (
                "on" if value is True else ("" if value is None else value)
            )

    put(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in inline.formset.forms:
            put(form)
    return data


def row_errors(page, inline_prefix: str) -> list[dict]:
    formset = next(
        i.formset
        for i in page.context["inline_admin_formsets"]
        if i.formset.prefix == inline_prefix
    )
    return [dict(form.errors) for form in formset.forms]


# --- sources ---------------------------------------------------------------------------------


def test_a_text_change_that_orphans_a_quote_is_refused_on_the_text_field(staff_client):
    citation = PledgeCitationFactory(source=SourceFactory(text=TEXT), quote=QUOTE)
    source = citation.source
    before = Source.objects.values().get(pk=source.pk)
    url = reverse("admin:sources_source_change", args=[source.pk])
    data = form_data(staff_client.get(url))
    data.update(text="Oslo, Monday. Norway will send trainers.", title="A new title")

    page = staff_client.post(url, data)

    assert page.status_code == 200  # the form again, not a redirect
    errors = page.context["adminform"].form.errors
    assert "no longer contains the quotes of 1 citation(s)" in " ".join(errors["text"])
    assert f"pledge {citation.pledge_id}" in " ".join(errors["text"])
    assert Source.objects.values().get(pk=source.pk) == before  # the title was not saved either
    assert "Oslo, Monday. Norway will send trainers." in page.content.decode()  # as sent


def test_a_text_change_that_keeps_every_quote_is_saved_and_announced(staff_client):
    source = PledgeCitationFactory(source=SourceFactory(text=TEXT), quote=QUOTE).source
    announced = []

    def receiver(sender, source, **kwargs):
        announced.append(source.pk)

    source_text_added.connect(receiver)
    try:
        url = reverse("admin:sources_source_change", args=[source.pk])
        data = form_data(staff_client.get(url))
        data["text"] = f"{QUOTE}, the minister said.\n"
        assert staff_client.post(url, data).status_code == 302
    finally:
        source_text_added.disconnect(receiver)
    source.refresh_from_db()
    assert source.text == f"{QUOTE}, the minister said.\n"  # kept exactly, newline included
    assert announced == [source.pk]


def test_saving_other_fields_keeps_the_text_byte_for_byte(staff_client):
    source = SourceFactory(text="  Indented first line.\nLast line.\n\n")
    sha = source.content_sha256
    url = reverse("admin:sources_source_change", args=[source.pk])
    data = form_data(staff_client.get(url))
    data["title"] = "Renamed"
    assert staff_client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert (source.title, source.text, source.content_sha256) == (
        "Renamed",
        "  Indented first line.\nLast line.\n\n",
        sha,
    )


def test_a_duplicate_text_is_refused_on_the_add_form(staff_client):
    SourceFactory(text=TEXT)
    url = reverse("admin:sources_source_add")
    data = form_data(staff_client.get(url))
    data.update(title="Same article", publisher="Elsewhere", text=TEXT)
    page = staff_client.post(url, data)
    assert page.status_code == 200
    assert "already stored as source" in " ".join(page.context["adminform"].form.errors["text"])
    assert Source.objects.count() == 1


def test_deleting_a_cited_source_is_refused_with_a_message(staff_client, admin_user):
    source = PledgeCitationFactory(source=SourceFactory(text=TEXT), quote=QUOTE).source
    page = staff_client.post(
        reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"}
    )
    assert "Cannot delete source" in page.content.decode()
    assert Source.objects.filter(pk=source.pk).exists()

    # The admin's own delete goes through source_delete, which names what cites it.
    request = RequestFactory().post("/")
    request.user = admin_user
    model_admin = admin.site.get_model_admin(Source)
    with pytest.raises(ServiceRefused) as refused:
        model_admin.delete_queryset(request, Source.objects.filter(pk=source.pk))
    assert f"Source {source.pk} backs claims" in refused.value.text()
    assert Source.objects.filter(pk=source.pk).exists()


def test_deleting_an_uncited_source_goes_through(staff_client):
    source = SourceFactory()
    url = reverse("admin:sources_source_delete", args=[source.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()


# --- pledges, their citations and stages -----------------------------------------------------


@pytest.fixture
def pledge_add(staff_client):
    """The pledge add form filled in, with one citation and one stage."""
    source = SourceFactory(text=TEXT)
    actor = country("NOR")
    coalition = CoalitionFactory()
    data = form_data(staff_client.get(reverse("admin:pledges_pledge_add")))
    data.update(
        {
            "actor": actor.pk,
            "coalition": coalition.pk,
            "kind": "training",
            "status": "announced",
            "description": "50 trainers to Erbil",
            "quantity": "50",
            "quantity_qualifier": "exact",
            "quantity_unit": "personnel",
            "announced_on": "2014-10-01",
            "review_status": "verified",
            "citations-0-source": source.pk,
            "citations-0-quote": QUOTE,
            "citations-0-stance": "supports",
            "stages-TOTAL_FORMS": "1",
            "stages-0-status": "announced",
            "stages-0-occurred_on": "2014-10-01",
            "stages-0-occurred_on_precision": "day",
            "stages-0-quantity": "50",
        }
    )
    return data


def test_an_admin_created_pledge_goes_through_pledge_create(
    staff_client, admin_user, pledge_add, monkeypatch
):
    calls = []
    services = pledges.admin.PledgeAdmin.services
    real = services.create

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(
        pledges.admin.PledgeAdmin, "services", dataclasses.replace(services, create=spy)
    )
    response = staff_client.post(reverse("admin:pledges_pledge_add"), pledge_add)

    assert response.status_code == 302, response.context["adminform"].form.errors
    pledge = Pledge.objects.get()
    assert [c["user"] for c in calls] == [admin_user]
    assert [(c.quote, c.source_id) for c in pledge.citations.all()] == [
        (QUOTE, pledge_add["citations-0-source"])
    ]
    assert list(pledge.stages.values_list("status", "quantity")) == [("announced", 50)]
    # verified on creation: stamped by the service, as through the API
    assert pledge.verified_by == admin_user and pledge.verified_at is not None
    history = object_history(Pledge, pledge.pk)
    assert {e.type for e in history} >= {"pledge", "pledgecitation", "pledgestage"}
    assert {e.user for e in history} == {"admin"}
    assert {e.context.get("url") for e in history} == {reverse("admin:pledges_pledge_add")}


def test_a_quote_not_in_the_source_is_refused_on_its_row(staff_client, pledge_add):
    pledge_add["citations-0-quote"] = "Norway will send 500 trainers"
    page = staff_client.post(reverse("admin:pledges_pledge_add"), pledge_add)
    assert page.status_code == 200
    [errors] = row_errors(page, "citations")
    assert "does not occur in the text of source" in " ".join(errors["quote"])
    assert not Pledge.objects.exists()


def test_a_new_pledge_without_a_citation_is_refused(staff_client, pledge_add):
    pledge_add.update(
        {"citations-0-source": "", "citations-0-quote": "", "citations-0-DELETE": "on"}
    )
    page = staff_client.post(reverse("admin:pledges_pledge_add"), pledge_add)
    assert page.status_code == 200
    assert "A claim needs at least one citation of a source." in page.content.decode()
    assert not Pledge.objects.exists()


def test_a_refused_stage_leaves_the_pledge_as_it_was(staff_client):
    pledge = PledgeCitationFactory(source=SourceFactory(text=TEXT), quote=QUOTE).pledge
    PledgeStageFactory(pledge=pledge, status="announced", quantity=6)
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    data = form_data(staff_client.get(url))
    data.update({"description": "Changed", "stages-0-quantity": "-3"})
    page = staff_client.post(url, data)
    assert page.status_code == 200
    assert any("quantity" in errors for errors in row_errors(page, "stages"))
    pledge.refresh_from_db()
    assert pledge.description != "Changed"
    assert list(pledge.stages.values_list("quantity", flat=True)) == [6]


def test_changing_the_review_status_stamps_and_clears_who_verified(staff_client, admin_user):
    pledge = PledgeCitationFactory(source=SourceFactory(text=TEXT), quote=QUOTE).pledge
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    data = form_data(staff_client.get(url))
    data["review_status"] = "verified"
    assert staff_client.post(url, data).status_code == 302
    pledge.refresh_from_db()
    assert (pledge.review_status, pledge.verified_by) == ("verified", admin_user)
    assert pledge.verified_at is not None

    data = form_data(staff_client.get(url))
    data["review_status"] = "needs_review"
    assert staff_client.post(url, data).status_code == 302
    pledge.refresh_from_db()
    assert (pledge.review_status, pledge.verified_by, pledge.verified_at) == (
        "needs_review",
        None,
        None,
    )


def test_a_citation_added_and_one_removed_in_the_inline(staff_client):
    source = SourceFactory(text=TEXT)
    pledge = PledgeCitationFactory(source=source, quote=QUOTE).pledge
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    data = form_data(staff_client.get(url))
    data.update(
        {
            "citations-0-DELETE": "on",
            "citations-TOTAL_FORMS": "2",
            "citations-1-source": source.pk,
            "citations-1-quote": "officials said",
            "citations-1-stance": "supports",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    assert list(pledge.citations.values_list("quote", flat=True)) == ["officials said"]


def test_deleting_a_pledge_from_the_changelist_goes_through_the_service(staff_client):
    pledge = PledgeCitationFactory().pledge
    response = staff_client.post(
        reverse("admin:pledges_pledge_changelist"),
        {"action": "delete_selected", "_selected_action": [pledge.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Pledge.objects.filter(pk=pledge.pk).exists()


# --- coalitions: the membership rows on a coalition's page -------------------------------------


def test_the_coalition_page_edits_and_deletes_memberships_through_the_services(staff_client):
    coalition = CoalitionFactory(name="Old name")
    kept = MembershipFactory(coalition=coalition, started_on=dt.date(2014, 9, 10))
    gone = MembershipFactory(coalition=coalition, started_on=dt.date(2014, 9, 12))
    url = reverse("admin:coalition_coalition_change", args=[coalition.pk])
    page = staff_client.get(url)
    assert not next(iter(page.context["inline_admin_formsets"])).has_add_permission
    data = form_data(page)
    forms = {
        f.instance.pk: f.prefix for f in page.context["inline_admin_formsets"][0].formset.forms
    }
    data.update({"name": "New name", f"{forms[gone.pk]}-DELETE": "on"})
    data[f"{forms[kept.pk]}-ended_on"] = "2015-01-01"
    assert staff_client.post(url, data).status_code == 302
    assert Coalition.objects.get(pk=coalition.pk).name == "New name"
    assert list(Membership.objects.filter(coalition=coalition)) == [kept]
    assert Membership.objects.get(pk=kept.pk).ended_on == dt.date(2015, 1, 1)


def test_an_overlapping_membership_row_is_refused_on_its_row(staff_client):
    coalition = CoalitionFactory()
    actor = ActorFactory()
    first = MembershipFactory(
        coalition=coalition,
        actor=actor,
        started_on=dt.date(2014, 1, 1),
        ended_on=dt.date(2015, 1, 1),
    )
    MembershipFactory(coalition=coalition, actor=actor, started_on=dt.date(2016, 1, 1))
    url = reverse("admin:coalition_coalition_change", args=[coalition.pk])
    page = staff_client.get(url)
    data = form_data(page)
    prefix = next(
        f.prefix
        for f in page.context["inline_admin_formsets"][0].formset.forms
        if f.instance.pk == first.pk
    )
    data[f"{prefix}-ended_on"] = ""  # open-ended: overlaps the 2016 period
    page = staff_client.post(url, data)
    assert page.status_code == 200
    assert any(row_errors(page, "memberships"))
    assert Membership.objects.get(pk=first.pk).ended_on == dt.date(2015, 1, 1)


# --- import (django-import-export) --------------------------------------------------------------

HEADERS = list(PledgeResource._meta.fields)


def upload(*rows: dict) -> SimpleUploadedFile:
    data = tablib.Dataset(headers=HEADERS)
    for row in rows:
        data.append([row.get(h, "") for h in HEADERS])
    return SimpleUploadedFile("pledges.csv", data.export("csv").encode(), "text/csv")


def import_row(source, **overrides) -> dict:
    country("NOR")
    return {
        "actor": "NOR",
        "kind": "training",
        "status": "announced",
        "description": "50 trainers to Erbil",
        "quantity": 50,
        "quantity_qualifier": "exact",
        "quantity_unit": "personnel",
        "announced_on": "2014-10-01",
        "announced_on_precision": "day",
        "review_status": "draft",
        "citation_source": source.pk,
        "citation_quote": QUOTE,
        **overrides,
    }


def preview(client, *rows):
    return client.post(
        reverse("admin:pledges_pledge_import"),
        {"import_file": upload(*rows), "format": "0", "resource": "0"},
    )


def test_an_imported_verified_row_is_stamped_with_the_importing_user(staff_client, admin_user):
    source = SourceFactory(text=TEXT)
    page = preview(staff_client, import_row(source, review_status="verified"))
    confirm = page.context["confirm_form"]
    assert not Pledge.objects.exists()  # the preview wrote nothing
    data = {name: confirm[name].value() for name in confirm.fields}
    response = staff_client.post(reverse("admin:pledges_pledge_process_import"), data)
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.review_status, pledge.verified_by) == ("verified", admin_user)
    assert pledge.verified_at is not None
    assert pledge.citations.get().quote == QUOTE
    assert {e.user for e in object_history(Pledge, pledge.pk)} == {"admin"}


def test_import_verifying_an_existing_pledge_stamps_it(admin_user):
    source = SourceFactory(text=TEXT)
    pledge = PledgeCitationFactory(source=source, quote=QUOTE).pledge
    row = dict(zip(HEADERS, PledgeResource().export()[0], strict=True))
    row.update(review_status="verified", citation_source="", citation_quote="")
    data = tablib.Dataset(headers=HEADERS)
    data.append([row[h] for h in HEADERS])
    result = PledgeResource().import_data(data, dry_run=False, user=admin_user)
    assert not result.has_errors() and not result.has_validation_errors()
    pledge.refresh_from_db()
    assert (pledge.review_status, pledge.verified_by) == ("verified", admin_user)
    assert pledge.verified_at is not None


def test_a_confirmed_import_whose_row_broke_since_the_preview_writes_nothing(staff_client):
    source = SourceFactory(text=TEXT)
    rows = [import_row(source, citation_quote="officials said"), import_row(source)]
    confirm = preview(staff_client, *rows).context["confirm_form"]
    # Between the preview and the confirmation the text is corrected: row 2's quote goes.
    source_update(instance=source, data={"text": "No trainers after all, officials said."})
    data = {name: confirm[name].value() for name in confirm.fields}
    response = staff_client.post(reverse("admin:pledges_pledge_process_import"), data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Nothing was imported. row 2:") for m in shown), shown
    assert not Pledge.objects.exists()  # row 1, valid, was not kept either


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"citation_quote": "Norway will send 500 trainers"}, "does not occur in the text"),
        ({"citation_source": "", "citation_quote": ""}, "needs at least one citation"),
        ({"quantity_qualifier": ""}, "needs a qualifier"),
    ],
)
def test_a_row_the_services_refuse_is_shown_in_the_preview_and_nothing_is_saved(
    staff_client, overrides, message
):
    source = SourceFactory(text=TEXT)
    page = preview(staff_client, import_row(source), import_row(source, **overrides))
    assert page.status_code == 200
    assert "confirm_form" not in page.context  # cannot be confirmed
    assert message in page.content.decode()
    assert not Pledge.objects.exists()


# --- intake: correcting a proposal ---------------------------------------------------------------


def test_saving_a_corrected_proposal_goes_through_the_intake_service(staff_client):
    from intake.services import source_propose_claims
    from tests.intake.articles import ARTICLE

    proposal = source_propose_claims(source=SourceFactory(text=ARTICLE))[0]
    url = reverse("admin:pledges_pledgeproposal_change", args=[proposal.pk])
    data = form_data(staff_client.get(url))
    data["description"] = "Corrected by hand"
    assert staff_client.post(url, data).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.description, proposal.state) == ("Corrected by hand", "pending")

    data["_reject"] = "Reject"
    assert staff_client.post(url, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    assert PledgeProposal.objects.filter(pk=proposal.pk).exists()


def test_an_accept_the_services_refuse_shows_on_the_proposal_form(staff_client):
    from intake.services import source_propose_claims
    from tests.intake.articles import ARTICLE

    source = SourceFactory(text=ARTICLE)
    proposal = source_propose_claims(source=source)[0]
    url = reverse("admin:pledges_pledgeproposal_change", args=[proposal.pk])
    data = form_data(staff_client.get(url))
    # The quote no longer occurs in the text (a text corrected before re-extraction ran;
    # a text change through the services replaces pending proposals, see tests/intake).
    PledgeProposal.objects.filter(pk=proposal.pk).update(quote="A sentence the text lacks.")
    data.update(description="Corrected", _accept="Save and accept")
    page = staff_client.post(url, data)
    assert page.status_code == 200
    assert "does not occur in the text of source" in str(
        page.context["adminform"].form.non_field_errors()
    )
    proposal.refresh_from_db()
    assert proposal.state == "pending" and proposal.description != "Corrected"
    assert not Pledge.objects.exists()


def test_a_source_added_with_its_text_is_announced_once(staff_client):
    announced = []

    def receiver(sender, source, **kwargs):
        announced.append(source.pk)

    source_text_added.connect(receiver)
    try:
        url = reverse("admin:sources_source_add")
        data = form_data(staff_client.get(url))
        data.update(title="An article", publisher="Reuters", text=TEXT)
        assert staff_client.post(url, data).status_code == 302
    finally:
        source_text_added.disconnect(receiver)
    source = Source.objects.get()
    assert source.text == TEXT and announced == [source.pk]


def test_the_meeting_page_edits_and_deletes_attendance_through_the_services(staff_client):
    from coalition.models import Attendance
    from tests.factories import AttendanceFactory, MeetingFactory

    meeting = MeetingFactory()
    kept, gone = AttendanceFactory(meeting=meeting), AttendanceFactory(meeting=meeting)
    url = reverse("admin:coalition_meeting_change", args=[meeting.pk])
    page = staff_client.get(url)
    data = form_data(page)
    forms = {
        f.instance.pk: f.prefix for f in page.context["inline_admin_formsets"][0].formset.forms
    }
    data.update({f"{forms[gone.pk]}-DELETE": "on", f"{forms[kept.pk]}-note": "Sent a minister"})
    assert staff_client.post(url, data).status_code == 302
    assert list(Attendance.objects.filter(meeting=meeting).values_list("pk", "note")) == [
        (kept.pk, "Sent a minister")
    ]
    [event] = [e for e in object_history(Attendance, kept.pk) if e.action == "update"]
    assert event.user == "admin"


def test_actors_coalitions_and_memberships_are_created_through_their_services(
    staff_client, admin_user
):
    data = form_data(staff_client.get(reverse("admin:coalition_actor_add")))
    data.update(code="ARAB_LEAGUE", kind="organisation", name="Arab League", aliases="AL")
    assert staff_client.post(reverse("admin:coalition_actor_add"), data).status_code == 302
    data = form_data(staff_client.get(reverse("admin:coalition_coalition_add")))
    data.update(name="Global Coalition", slug="global", started_on="2014-09-10")
    assert staff_client.post(reverse("admin:coalition_coalition_add"), data).status_code == 302

    source = SourceFactory(text=TEXT)
    url = reverse("admin:coalition_membership_add")
    data = form_data(staff_client.get(url))
    data.update(
        {
            "actor": Actor.objects.get(code="ARAB_LEAGUE").pk,
            "coalition": Coalition.objects.get(slug="global").pk,
            "status": "member",
            "started_on": "2014-09-10",
            "started_on_precision": "day",
            "ended_on_precision": "day",
            "review_status": "verified",
            "citations-0-source": source.pk,
            "citations-0-quote": "officials said",
            "citations-0-stance": "supports",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    membership = Membership.objects.get()
    assert membership.actor.aliases == ["AL"]
    assert (membership.verified_by, membership.citations.get().quote) == (
        admin_user,
        "officials said",
    )
