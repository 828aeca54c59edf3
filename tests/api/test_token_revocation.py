"""A password change revokes the user's API tokens, whatever path it takes; a user can
revoke all their own tokens at once."""

from __future__ import annotations

import getpass
import io

import pytest
from django.core.management import call_command
from django.test import Client
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tests.support.api import assert_error, citation_input, token_client

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a different long passphrase"
REVOKE_ALL_URL = "/api/v1/auth/token/revoke-all/"


def pledge_body() -> dict:
    return {
        "actor": "AUS",
        "kind": "troops",
        "status": "announced",
        "description": "Special forces",
        "citations": [citation_input()],
    }


def assert_revoked(client: APIClient) -> None:
    """The old token no longer writes: a pledge sent with it is a 401."""
    body = assert_error(client.post("/api/v1/pledges/", pledge_body(), format="json"), 401)
    assert body["errors"][0]["code"] == "authentication_failed"


def test_a_password_change_in_the_admin_revokes_the_users_tokens():
    user = UserFactory(permissions=["pledges.add_pledge"])
    old = token_client(user, if_match=False)
    assert old.post("/api/v1/pledges/", pledge_body(), format="json").status_code == 201
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = admin.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content[:2000]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert_revoked(old)
    assert not AuthToken.objects.filter(user=user).exists()


def test_changepassword_revokes_the_users_tokens(monkeypatch):
    user = UserFactory(permissions=["pledges.add_pledge"])
    old = token_client(user, if_match=False)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="Password: ": NEW_PASSWORD)
    out = io.StringIO()
    call_command("changepassword", user.username, stdout=out)
    assert "changed successfully" in out.getvalue()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert_revoked(old)


def test_set_password_and_save_anywhere_revokes_only_that_users_tokens():
    user = UserFactory(permissions=["pledges.add_pledge"])
    other = UserFactory(permissions=["pledges.add_pledge"])
    old, kept = token_client(user, if_match=False), token_client(other, if_match=False)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert_revoked(old)
    assert kept.post("/api/v1/pledges/", pledge_body(), format="json").status_code == 201
    fresh = token_client(user, if_match=False)  # a token obtained after the change works
    assert fresh.post("/api/v1/pledges/", pledge_body(), format="json").status_code == 201


def test_saves_that_leave_the_password_alone_keep_the_tokens(api_client):
    user = UserFactory(permissions=["pledges.add_pledge"])
    client = token_client(user, if_match=False)
    user.first_name = "Ana"
    user.save()
    user.email = "ana@example.org"
    user.save(update_fields=["email"])
    login = {"username": user.username, "password": "correct horse battery staple"}
    assert api_client.post("/api/v1/auth/token/", login).status_code == 201  # last_login
    assert client.post("/api/v1/pledges/", pledge_body(), format="json").status_code == 201
    assert AuthToken.objects.filter(user=user).count() == 2


def test_revoke_all_revokes_every_token_of_the_user_and_no_one_elses():
    user = UserFactory(permissions=["pledges.add_pledge"])
    first, second = token_client(user, if_match=False), token_client(user, if_match=False)
    kept = token_client(UserFactory(permissions=["pledges.add_pledge"]), if_match=False)
    response = first.post(REVOKE_ALL_URL)
    assert response.status_code == 204, response.content
    assert response.content == b""
    assert_revoked(first)
    assert_revoked(second)
    assert kept.post("/api/v1/pledges/", pledge_body(), format="json").status_code == 201


def test_revoke_all_works_from_a_session_and_needs_a_login(api_client):
    user = UserFactory()
    old = token_client(user, if_match=False)
    assert_error(api_client.post(REVOKE_ALL_URL), 401)
    assert AuthToken.objects.filter(user=user).exists()
    session = APIClient()
    session.force_login(user)
    assert session.post(REVOKE_ALL_URL).status_code == 204
    assert_error(old.get("/api/v1/changes/"), 401)


def test_revoke_all_is_in_the_schema_with_its_errors(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/auth/token/revoke-all/"]["post"]
    assert operation["operationId"] == "auth_token_revoke_all"
    assert {"204", "401", "429"} <= set(operation["responses"])
    assert "requestBody" not in operation
