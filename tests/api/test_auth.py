"""Tokens, sessions, the groups the permissions rest on, and who may read what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import PledgeCitationFactory, UserFactory
from tests.support.api import ConditionalAPIClient, assert_error, citation_input

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
TOKEN_URL = "/api/v1/auth/token/"


def obtain(client, username, password=PASSWORD):
    return client.post(TOKEN_URL, {"username": username, "password": password})


def test_a_token_is_obtained_with_username_and_password_and_works(api_client):
    UserFactory(username="analyst", permissions=["pledges.add_pledge"])
    response = obtain(api_client, "analyst")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["username"] == "analyst"
    expiry = dt.datetime.fromisoformat(body["expiry"].replace("Z", "+00:00"))
    assert expiry > timezone.now() + dt.timedelta(days=29)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    pledge = {
        "actor": "AUS",
        "kind": "troops",
        "status": "announced",
        "description": "Special forces",
        "citations": [citation_input()],
    }
    assert client.post("/api/v1/pledges/", pledge).status_code == 201


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "Token", "token"])
def test_the_token_works_with_either_scheme(api_client, scheme):
    UserFactory(username="analyst", permissions=["sources.add_source"])
    token = obtain(api_client, "analyst").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {token}")
    created = client.post("/api/v1/sources/", {"title": "Sent by bearer", "publisher": "Wire"})
    assert created.status_code == 201, created.content


@pytest.mark.parametrize("scheme", ["Bearer", "Token"])
@pytest.mark.parametrize("credentials", ["not-a-token", "", "two words", "expired"])
def test_a_wrong_token_is_401_challenging_in_the_scheme_sent(api_client, scheme, credentials):
    """Whatever the scheme, a bad token is refused: never read as no token at all."""
    user = UserFactory(is_superuser=True)
    if credentials == "expired":
        instance, credentials = AuthToken.objects.create(user, expiry=dt.timedelta(hours=1))
        AuthToken.objects.filter(pk=instance.pk).update(expiry=timezone.now() - dt.timedelta(1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {credentials}".strip())
    for response in (client.get("/api/v1/pledges/"), client.post("/api/v1/sources/", {})):
        body = assert_error(response, 401, "client_error")
        assert body["errors"][0]["code"] == "authentication_failed"
        assert response["WWW-Authenticate"] == scheme


def test_without_credentials_a_write_is_401_with_a_challenge(api_client):
    response = api_client.post("/api/v1/sources/", {"title": "x", "publisher": "y"})
    body = assert_error(response, 401, "client_error")
    assert body["errors"][0]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"
    # another scheme is not ours: not authenticated, not a bad token
    api_client.credentials(HTTP_AUTHORIZATION="Basic YTpi")
    assert assert_error(api_client.post("/api/v1/sources/", {}), 401)["errors"][0]["code"] == (
        "not_authenticated"
    )


def test_tokens_are_stored_hashed(api_client):
    UserFactory(username="analyst")
    token = obtain(api_client, "analyst").json()["token"]
    stored = AuthToken.objects.get()
    assert token not in (stored.digest, stored.token_key)


@pytest.mark.parametrize(
    ("username", "password"), [("analyst", "wrong"), ("nobody", PASSWORD), ("", "")]
)
def test_wrong_credentials_are_400(api_client, username, password):
    UserFactory(username="analyst")
    response = obtain(api_client, username, password)
    body = assert_error(response, 400, "validation_error")
    if username:  # (empty ones are refused by the fields, each named)
        # about no one field: attr is null, as docs/api.md says
        assert body["errors"] == [
            {
                "code": "invalid_credentials",
                "detail": "Unable to log in with these credentials.",
                "attr": None,
            }
        ]


def test_an_inactive_user_gets_no_token(api_client):
    UserFactory(username="gone", is_active=False)
    assert_error(obtain(api_client, "gone"), 400)


def test_revoking_the_token_stops_it_working(api_client):
    UserFactory(username="analyst")
    token = obtain(api_client, "analyst").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.delete(TOKEN_URL).status_code == 204
    assert_error(client.get("/api/v1/pledges/"), 401)
    assert not AuthToken.objects.exists()


def test_revoking_needs_a_token(api_client):
    assert_error(api_client.delete(TOKEN_URL), 401)
    session = APIClient()
    session.force_login(UserFactory())
    assert_error(session.delete(TOKEN_URL), 400, "validation_error")


def test_an_expired_token_is_401(api_client):
    user = UserFactory()
    instance, token = AuthToken.objects.create(user, expiry=dt.timedelta(hours=1))
    AuthToken.objects.filter(pk=instance.pk).update(expiry=timezone.now() - dt.timedelta(1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert_error(client.get("/api/v1/pledges/"), 401)


def test_token_expiry_comes_from_settings(api_client, settings):
    from knox.settings import knox_settings

    UserFactory(username="analyst")
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": dt.timedelta(hours=2)}
    try:
        body = obtain(api_client, "analyst").json()
        expiry = dt.datetime.fromisoformat(body["expiry"].replace("Z", "+00:00"))
        assert expiry < timezone.now() + dt.timedelta(hours=2, minutes=1)
    finally:
        knox_settings.reload()


def test_session_auth_serves_the_browsable_api():
    client = APIClient()
    client.force_login(UserFactory())
    response = client.get("/api/v1/pledges/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"<html" in response.content


def test_session_writes_need_the_csrf_token():
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_superuser=True))
    response = client.post("/api/v1/sources/", {"title": "t", "publisher": "p"})
    body = assert_error(response, 403, "client_error")
    assert "CSRF" in body["errors"][0]["detail"]


def test_reads_can_require_login(api_client):
    with override_settings(API_READS_REQUIRE_LOGIN=True):
        assert_error(api_client.get("/api/v1/pledges/"), 401)
        client = APIClient()
        client.force_login(UserFactory())
        assert client.get("/api/v1/pledges/").status_code == 200
    assert api_client.get("/api/v1/pledges/").status_code == 200


def test_the_schema_and_docs_stay_open_when_reads_require_login(api_client):
    with override_settings(API_READS_REQUIRE_LOGIN=True):
        assert api_client.get("/api/v1/schema/").status_code == 200
        assert api_client.get("/api/v1/docs/").status_code == 200
        assert api_client.get("/api/v1/redoc/").status_code == 200


def test_the_migration_creates_analysts_and_viewers_groups():
    analysts = Group.objects.get(name="analysts")
    viewers = Group.objects.get(name="viewers")
    analyst_perms = set(analysts.permissions.values_list("codename", flat=True))
    for model in ("pledge", "pledgecitation", "pledgestage", "membership", "source", "actor"):
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model}" in analyst_perms
    viewer_perms = set(viewers.permissions.values_list("codename", flat=True))
    assert viewer_perms and all(p.startswith("view_") for p in viewer_perms)
    assert "view_attendance" in viewer_perms


def _member_of(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    client = ConditionalAPIClient()
    client.force_authenticate(user)
    return client


def test_an_analyst_may_write_every_resource():
    client = _member_of("analysts")
    pledge = PledgeCitationFactory().pledge
    assert client.patch(f"/api/v1/pledges/{pledge.pk}/", {"status": "delivered"}).status_code == 200
    assert client.delete(f"/api/v1/pledges/{pledge.pk}/").status_code == 204


def test_a_viewer_reads_drafts_but_may_not_write():
    client = _member_of("viewers")
    draft = PledgeCitationFactory(pledge__review_status="draft").pledge
    assert client.get(f"/api/v1/pledges/{draft.pk}/").status_code == 200
    assert APIClient().get(f"/api/v1/pledges/{draft.pk}/").status_code == 404
    assert_error(client.patch(f"/api/v1/pledges/{draft.pk}/", {"status": "delivered"}), 403)


def test_verifying_a_claim_records_who_and_when():
    analyst = UserFactory(username="reviewer")
    analyst.groups.add(Group.objects.get(name="analysts"))
    client = ConditionalAPIClient()
    client.force_authenticate(analyst)
    pledge = PledgeCitationFactory().pledge
    body = client.patch(f"/api/v1/pledges/{pledge.pk}/", {"review_status": "verified"}).json()
    assert body["review_status"] == "verified" and body["verified_at"]
    pledge.refresh_from_db()
    assert pledge.verified_by == analyst
    assert APIClient().get(f"/api/v1/pledges/{pledge.pk}/").status_code == 200


def test_unverified_claims_can_be_made_public_by_setting(api_client, settings):
    draft = PledgeCitationFactory().pledge
    assert api_client.get(f"/api/v1/pledges/{draft.pk}/").status_code == 404
    settings.API_UNVERIFIED_CLAIMS_PUBLIC = True
    assert api_client.get(f"/api/v1/pledges/{draft.pk}/").status_code == 200
