"""Who gets in: CORS from the environment, the admin behind a staff login, and failed
logins locked out (admin and API token endpoint) whatever address a client claims."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import UserFactory
from tests.support.api import assert_error
from tests.support.live import settings_value

PASSWORD = "correct horse battery staple"
TOKEN_URL = "/api/v1/auth/token/"
APP = "https://analysts.example.org"


# --- CORS -------------------------------------------------------------------------------------


def test_cors_origins_come_from_the_environment():
    result = settings_value(
        "settings.CORS_ALLOWED_ORIGINS",
        CORS_ALLOWED_ORIGINS="https://a.example.org, https://b.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['https://a.example.org', 'https://b.example.org']"
    unset = settings_value("settings.CORS_ALLOWED_ORIGINS", CORS_ALLOWED_ORIGINS="")
    assert unset.stdout.strip() == "[]"


@pytest.mark.django_db
def test_an_allowed_origin_may_read_and_sees_the_trust_headers(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    response = client.get("/api/v1/sources/", HTTP_ORIGIN=APP)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "retry-after", "idempotent-replayed"} <= exposed


@pytest.mark.django_db
def test_a_preflight_allows_the_headers_writes_need(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    response = client.options(
        "/api/v1/pledges/1/",
        HTTP_ORIGIN=APP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=(
            "authorization, content-type, if-match, idempotency-key"
        ),
    )
    assert response.status_code == 200
    allowed = {h.strip().lower() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "if-match", "idempotency-key"} <= allowed
    assert "PATCH" in response["Access-Control-Allow-Methods"]


@pytest.mark.django_db
def test_other_origins_and_other_paths_get_no_cors_headers(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    other = client.get("/api/v1/sources/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    admin = client.get("/admin/login/", HTTP_ORIGIN=APP)
    assert "Access-Control-Allow-Origin" not in admin


# --- the admin ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/admin/pledges/pledge/", "/admin/dashboard/"])
def test_the_admin_needs_a_staff_login(path):
    anonymous = Client()
    response = anonymous.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    not_staff = Client()
    not_staff.force_login(UserFactory(is_staff=False))
    response = not_staff.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert staff.get(path).status_code == 200


def admin_login(client, username, password, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )


@pytest.mark.django_db
def test_the_sixth_admin_login_is_refused_even_with_the_right_password(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    UserFactory(username="analyst", is_staff=True)
    client = Client()
    for _ in range(4):
        response = admin_login(client, "analyst", "wrong")
        assert response.status_code == 200  # the form again, with an error
    assert admin_login(client, "analyst", "wrong").status_code == 429  # the fifth locks
    refused = admin_login(client, "analyst", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    # the lock is on this username from this address: the others are unaffected
    UserFactory(username="colleague", is_staff=True)
    assert admin_login(Client(), "colleague", PASSWORD).status_code == 302
    assert admin_login(Client(), "analyst", PASSWORD, REMOTE_ADDR="192.0.2.50").status_code == 302


@pytest.mark.django_db
def test_a_made_up_x_forwarded_for_does_not_dodge_the_lockout():
    UserFactory(username="analyst", is_staff=True)
    client = Client()
    for n in range(5):
        admin_login(client, "analyst", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    refused = admin_login(client, "analyst", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert refused.status_code == 429


@pytest.mark.django_db
def test_the_token_endpoint_locks_out_after_five_failures(api_client):
    UserFactory(username="analyst")
    for _ in range(4):
        response = api_client.post(TOKEN_URL, {"username": "analyst", "password": "wrong"})
        assert_error(response, 400, "validation_error")
    assert_error(api_client.post(TOKEN_URL, {"username": "analyst", "password": "x"}), 429)
    refused = api_client.post(TOKEN_URL, {"username": "analyst", "password": PASSWORD})
    body = assert_error(refused, 429, "client_error")
    assert body["errors"][0]["code"] == "locked_out"
    assert int(refused["Retry-After"]) > 0
    assert "token" not in body


@pytest.mark.django_db
def test_a_good_login_before_the_limit_resets_the_count(api_client):
    UserFactory(username="analyst")
    for _ in range(4):
        api_client.post(TOKEN_URL, {"username": "analyst", "password": "wrong"})
    ok = api_client.post(TOKEN_URL, {"username": "analyst", "password": PASSWORD})
    assert ok.status_code == 201
    assert get_user_model().objects.get(username="analyst").last_login is not None
    for _ in range(4):
        api_client.post(TOKEN_URL, {"username": "analyst", "password": "wrong"})
    again = api_client.post(TOKEN_URL, {"username": "analyst", "password": PASSWORD})
    assert again.status_code == 201
