"""The admin's History page shows the trigger-recorded history, deleted objects too."""

from __future__ import annotations

import pghistory
import pytest
from django.urls import reverse

from pledges.models import Pledge
from tests.factories import PledgeCitationFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client):
    client.force_login(UserFactory(username="analyst3", is_staff=True, is_superuser=True))
    return client


def test_the_history_page_lists_who_changed_what_through_what(analyst_client):
    pledge = PledgeCitationFactory(pledge__quantity=6).pledge
    editor = UserFactory(username="editor9")
    with pghistory.context(user=editor.pk, url=f"/api/v1/pledges/{pledge.pk}/"):
        Pledge.objects.filter(pk=pledge.pk).update(quantity=8)
    change_page = analyst_client.get(reverse("admin:pledges_pledge_change", args=[pledge.pk]))
    history_url = reverse("admin:pledges_pledge_history", args=[pledge.pk])
    assert history_url in change_page.content.decode()  # the History button

    html = analyst_client.get(history_url).content.decode()
    assert "editor9" in html and f"/api/v1/pledges/{pledge.pk}/" in html
    assert "<td>quantity</td><td>6</td><td>→</td><td>8</td>" in html
    assert "create pledgecitation" in html


def test_a_deleted_pledge_keeps_its_history_page_and_can_be_restored(analyst_client):
    pledge = PledgeCitationFactory().pledge
    pk = pledge.pk
    pledge.delete()
    history_url = reverse("admin:pledges_pledge_history", args=[pk])
    html = analyst_client.get(history_url).content.decode()
    assert "has been deleted" in html and "delete pledge" in html and "_restore" in html

    response = analyst_client.post(history_url, {"_restore": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:pledges_pledge_change", args=[pk])
    assert Pledge.objects.get(pk=pk).citations.count() == 1


def test_history_page_of_a_source(analyst_client):
    source = SourceFactory(title="First title")
    source.title = "Second title"
    source.save()
    html = analyst_client.get(reverse("admin:sources_source_history", args=[source.pk]))
    assert "First title" in html.content.decode() and "Second title" in html.content.decode()


def test_unknown_id_redirects_as_the_admin_does(analyst_client):
    response = analyst_client.get(reverse("admin:pledges_pledge_history", args=[987654]))
    assert response.status_code == 302
