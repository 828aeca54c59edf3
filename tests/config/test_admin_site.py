"""The admin's frame: branded, VIEW SITE to the API docs, models grouped as an analyst
thinks of them, and a review queue with counts on the index."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from config.admin_site import GROUPS, TrackerAdminSite
from tests.factories import MembershipFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def test_every_registration_lands_on_the_tracker_site():
    assert isinstance(admin.site, TrackerAdminSite)
    from pledges.models import Pledge

    assert admin.site.is_registered(Pledge)


def test_the_index_is_branded_and_view_site_leads_to_the_api_docs(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert "<title>Workspace | Coalition Tracker</title>" in page
    assert "Django administration" not in page
    assert f'href="{reverse("api-v1:docs")}">View site</a>' in page
    assert staff_client.get(reverse("api-v1:docs")).status_code == 200


def test_models_are_grouped_as_an_analyst_thinks_of_them(staff_client, rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    names = [group["name"] for group in admin.site.get_app_list(request)]
    assert names[: len(GROUPS)] == [name for name, _ in GROUPS]
    by_name = {
        g["name"]: [m["object_name"] for m in g["models"]] for g in admin.site.get_app_list(request)
    }
    assert by_name["Actors"] == ["Actor"]
    assert "Actor" not in by_name["Coalitions and memberships"]
    assert by_name["Review"] == ["PledgeProposal", "ClaimProposal"]
    # each model appears exactly once
    every = [m for models in by_name.values() for m in models]
    registered = [m for m in apps.get_models() if admin.site.is_registered(m)]
    assert len(every) == len(set(every)) == len(registered)


def test_one_apps_own_page_keeps_its_models(rf, admin_user):
    request = rf.get("/admin/coalition/")
    request.user = admin_user
    (app,) = admin.site.get_app_list(request, app_label="coalition")
    assert {m["object_name"] for m in app["models"]} >= {"Actor", "Coalition", "Membership"}


def test_the_review_queue_counts_and_lists_the_oldest_first(
    staff_client, django_assert_max_num_queries
):
    old = PledgeFactory(review_status="needs_review", description="Oldest waiting pledge")
    PledgeFactory(review_status="needs_review", description="Newer waiting pledge")
    PledgeFactory(review_status="draft")
    PledgeFactory(review_status="verified")
    MembershipFactory(review_status="needs_review")
    with django_assert_max_num_queries(20):
        page = staff_client.get(reverse("admin:index")).content.decode()
    queue = page[page.index('id="review-queue"') :]
    queue = queue[: queue.index("</table>")]
    pledges = queue[queue.index(">Pledges</th>") :]
    pledges = pledges[: pledges.index("</tr>")]
    assert 'needs_review">2</a>' in pledges and 'draft">1</a>' in pledges
    assert pledges.index("Oldest waiting pledge") < pledges.index("Newer waiting pledge")
    assert reverse("admin:pledges_pledge_change", args=[old.pk]) in pledges
    memberships = queue[queue.index(">Memberships</th>") :]
    assert 'needs_review">1</a>' in memberships[: memberships.index("</tr>")]
