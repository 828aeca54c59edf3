"""Sources: what they back, why they cannot be deleted while they do, and their text."""

from __future__ import annotations

import pytest

from sources.models import Source
from tests.factories import (
    AttendanceCitationFactory,
    MembershipCitationFactory,
    PledgeCitationFactory,
    SizeReportCitationFactory,
    SourceFactory,
    UserFactory,
)
from tests.support.api import assert_error, error_attrs, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return token_client(UserFactory(is_superuser=True))


def test_deleting_a_source_that_backs_claims_is_409_listing_them(editor):
    source = SourceFactory()
    pledge = PledgeCitationFactory(source=source).pledge
    membership = MembershipCitationFactory(source=source).membership
    attendance = AttendanceCitationFactory(source=source).attendance
    report = SizeReportCitationFactory(source=source).size_report
    response = editor.delete(f"/api/v1/sources/{source.pk}/")
    body = assert_error(response, 409, "client_error")
    assert body["errors"][0]["code"] == "protected"
    assert sorted((r["type"], r["id"], r["url"]) for r in body["references"]) == sorted(
        [
            ("pledge", pledge.pk, f"/api/v1/pledges/{pledge.pk}/"),
            ("membership", membership.pk, f"/api/v1/memberships/{membership.pk}/"),
            ("attendance", attendance.pk, f"/api/v1/attendances/{attendance.pk}/"),
            ("sizereport", report.pk, f"/api/v1/size-reports/{report.pk}/"),
        ]
    )
    assert Source.objects.filter(pk=source.pk).exists()


def test_a_source_links_to_the_claims_it_backs(api_client):
    source = SourceFactory()
    pledge = PledgeCitationFactory(source=source, pledge__review_status="verified").pledge
    PledgeCitationFactory(pledge__review_status="verified")  # another source's pledge
    body = api_client.get(f"/api/v1/sources/{source.pk}/").json()
    assert set(body["backs"]) == {
        "pledges",
        "memberships",
        "attendances",
        "size_reports",
        "agreements",
    }
    assert body["backs"]["pledges"].endswith(f"/api/v1/pledges/?source={source.pk}")
    backed = api_client.get(body["backs"]["pledges"]).json()["results"]
    assert [row["id"] for row in backed] == [pledge.pk]


def test_the_text_is_in_the_detail_only(api_client):
    source = SourceFactory(text="The full article.")
    detail = api_client.get(f"/api/v1/sources/{source.pk}/").json()
    assert detail["text"] == "The full article." and detail["has_text"] is True
    [row] = api_client.get("/api/v1/sources/").json()["results"]
    assert "text" not in row and row["has_text"] is True


def test_a_new_text_must_keep_every_quote_that_cites_it(editor):
    source = SourceFactory(text="Canada will send six CF-18 jets to Kuwait.")
    PledgeCitationFactory(source=source, quote="six CF-18 jets")
    response = editor.patch(f"/api/v1/sources/{source.pk}/", {"text": "Canada sends jets."})
    assert_error(response, 400, "validation_error")
    assert error_attrs(response) == {"text"}
    response = editor.patch(
        f"/api/v1/sources/{source.pk}/", {"text": "Ottawa: Canada will send six CF-18 jets."}
    )
    assert response.status_code == 200, response.content
    source.refresh_from_db()
    assert source.content_sha256  # recomputed for the new text


def test_a_duplicate_url_or_text_is_400_naming_the_existing_source(editor):
    existing = SourceFactory(url="https://example.org/a", text="Same words.")
    response = editor.post(
        "/api/v1/sources/",
        {"title": "Again", "publisher": "X", "url": "https://example.org/a"},
    )
    body = assert_error(response, 400, "validation_error")
    assert error_attrs(response) == {"url"} and str(existing.pk) in body["errors"][0]["detail"]
    response = editor.post(
        "/api/v1/sources/", {"title": "Again", "publisher": "X", "text": "Same words."}
    )
    assert error_attrs(response) == {"text"}


def test_sources_without_url_may_be_many(editor):
    for title in ("One", "Two"):
        response = editor.post("/api/v1/sources/", {"title": title, "publisher": "X"})
        assert response.status_code == 201, response.content
