"""The analysts' admin: every page loads, sources show their quotes, review actions work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from pledges.models import Pledge
from sources.admin import highlight_quotes
from tests.factories import (
    MembershipFactory,
    PledgeCitationFactory,
    PledgeFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (m._meta.app_label, m._meta.model_name)
    for m in apps.get_models()
    if admin.site.is_registered(m)
)

OURS = {"sources", "coalition", "pledges"}


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_every_changelist_and_add_page_loads(staff_client, admin_user, app, model):
    PledgeCitationFactory()
    assert staff_client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    if app in OURS:
        model_admin = admin.site.get_model_admin(apps.get_model(app, model))
        request = RequestFactory().get("/")
        request.user = admin_user
        expected = 200 if model_admin.has_add_permission(request) else 403
        assert staff_client.get(reverse(f"admin:{app}_{model}_add")).status_code == expected


def test_admin_requires_staff_login(client, user):
    url = reverse("admin:pledges_pledge_changelist")
    assert client.get(url).status_code == 302
    client.force_login(user)  # a user who is not staff
    assert client.get(url).status_code == 302


def test_source_page_highlights_every_quote_and_links_its_claims(staff_client):
    source = SourceFactory(text="Paris, Monday. France will send six Rafale jets. <b>Bold</b>.")
    citation = PledgeCitationFactory(source=source, quote="France will send six Rafale jets.")
    page = staff_client.get(reverse("admin:sources_source_change", args=[source.pk]))
    html = page.content.decode()
    url = reverse("admin:pledges_pledge_change", args=[citation.pledge_id])
    # the passage is marked, names the claim it backs, and links to it
    assert (
        f'<mark class="quote" title="{escape(str(citation.pledge))}">France will send six '
        f'Rafale jets.</mark><span class="mark-links"><a href="{url}">'
    ) in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html  # the article text is escaped
    # the text comes before the table of claims
    assert html.index('class="article-text"') < html.index('class="claims"')


def test_overlapping_quotes_are_merged_into_one_mark():
    html = highlight_quotes("one two three four", ["one two", "two three", "four"])
    assert html == '<mark class="quote">one two three</mark> <mark class="quote">four</mark>'


def test_bulk_verify_records_who_and_when(staff_client, admin_user):
    pledges = [PledgeFactory(), PledgeFactory(review_status="verified")]
    response = staff_client.post(
        reverse("admin:pledges_pledge_changelist"),
        {"action": "mark_verified", "_selected_action": [p.pk for p in pledges]},
    )
    assert response.status_code == 302
    first = Pledge.objects.get(pk=pledges[0].pk)
    assert (first.review_status, first.verified_by) == ("verified", admin_user)
    assert first.verified_at is not None
    # the one already verified was left alone
    assert Pledge.objects.get(pk=pledges[1].pk).verified_by is None


def test_export_selected_to_csv(staff_client):
    pledge = PledgeFactory(description="Six jets, exported")
    response = staff_client.post(
        reverse("admin:pledges_pledge_changelist"),
        {"action": "export_csv", "_selected_action": [pledge.pk]},
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("id,")
    assert "Six jets, exported" in body


def test_membership_list_filters_by_date_in_force(staff_client):
    early = MembershipFactory(started_on=dt.date(2014, 9, 10), ended_on=dt.date(2015, 1, 1))
    late = MembershipFactory(started_on=dt.date(2015, 6, 1))
    url = reverse("admin:coalition_membership_changelist")
    page = staff_client.get(url, {"as_of": "2014-12-31"}).content.decode()
    assert str(early.actor) in page and str(late.actor) not in page
    page = staff_client.get(url, {"as_of": "2015-01-01"}).content.decode()
    assert str(early.actor) not in page
