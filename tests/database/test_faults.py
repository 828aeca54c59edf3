"""When PostgreSQL goes away requests answer 503 (not 500, not a hang), and the
service recovers by itself when it is back."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from knox.auth import TokenAuthentication

from api.errors import server_error
from api.fastread import FastReadMixin
from api.viewsets import DomainViewSet
from config.middleware import DatabaseUnavailableMiddleware
from tests.factories import UserFactory
from tests.support.api import assert_error, token_client
from tests.support.live import ROOT, Server, manage

LOST = "server closed the connection unexpectedly\n\tThis probably means the server terminated"


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_lost_database_answers_503_in_the_error_shape(api_client, monkeypatch, error):
    def lost(self):
        raise error(LOST)

    monkeypatch.setattr(DomainViewSet, "get_queryset", lost)
    # The fast read path keeps the list's queryset once built: let it build it again.
    monkeypatch.setattr(FastReadMixin, "_querysets", {})
    response = api_client.get("/api/v1/pledges/")
    body = assert_error(response, 503, "server_error")
    assert body["errors"] == [
        {
            "code": "database_unavailable",
            "detail": "The database is unavailable. Try again in a few seconds.",
            "attr": None,
        }
    ]
    assert response["Retry-After"] == "5"
    assert "terminated" not in response.content.decode()  # no internals leak


@pytest.mark.django_db
def test_a_write_that_loses_the_database_answers_503(monkeypatch):
    client = token_client(UserFactory(is_superuser=True))

    def lost(self, data):
        raise OperationalError(LOST)

    from sources.api.views import SourceViewSet

    monkeypatch.setattr(SourceViewSet, "create_object", lost)
    response = client.post("/api/v1/sources/", {"title": "t", "publisher": "p"}, format="json")
    assert_error(response, 503, "server_error")


@pytest.mark.django_db
def test_losing_the_database_while_authenticating_is_503(monkeypatch):
    client = token_client(UserFactory())

    def lost(self, token):
        raise OperationalError(LOST)

    monkeypatch.setattr(TokenAuthentication, "authenticate_credentials", lost)
    assert_error(client.get("/api/v1/pledges/"), 503, "server_error")


def test_pages_outside_the_api_answer_503_too():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/admin/")
    response = middleware.process_exception(request, OperationalError(LOST))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert middleware.process_exception(request, ValueError("a bug")) is None


def test_djangos_last_resort_handler_says_503_for_a_lost_database():
    """An error raised outside any view (in a middleware) reaches handler500."""
    api = RequestFactory().get("/api/v1/pledges/")
    try:
        raise OperationalError(LOST)
    except OperationalError:
        response = server_error(api)
    assert response.status_code == 503
    assert b'"database_unavailable"' in response.content
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        assert server_error(api).status_code == 500


# --- a real database that stops and starts -------------------------------------------------


def devdb(command: str, data_dir: Path) -> str:
    env = {**os.environ, "EMBEDDED_PG_DIR": str(data_dir), "EMBEDDED_PG_DATABASE": "faults"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "config.devdb", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def wait_for(url: str, status: int, within: float) -> tuple[httpx.Response, float]:
    """Poll ``url`` until it answers ``status``; return that answer and how long it took."""
    started = time.monotonic()
    while True:
        response = httpx.get(url, timeout=within + 5)
        elapsed = time.monotonic() - started
        if response.status_code == status or elapsed > within:
            return response, elapsed
        time.sleep(0.2)


@pytest.fixture
def throwaway_data_dir():
    """A data directory for a PostgreSQL of this test only, inside the checkout: pytest
    makes its own temporary root private (0700) whenever a test run starts, which would
    lock the server's system user out of a data directory below it."""
    root = ROOT / ".data" / f"trust-{secrets.token_hex(4)}"
    yield root / "pg"
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.live
def test_stopping_the_database_gives_503s_and_starting_it_gives_200s(throwaway_data_dir):
    data_dir = throwaway_data_dir
    url = devdb("start", data_dir)
    try:
        manage(url, "migrate", "--no-input", "-v", "0")
        # Persistent connections (as in production): the kept connection breaks too.
        with Server(url, REDIS_URL="", CONN_MAX_AGE="60", workers=2) as server:
            api = f"{server.url}/api/v1/actors/AUS/"
            assert httpx.get(api).status_code == 200
            assert httpx.get(f"{server.url}/readyz").status_code == 200

            devdb("stop", data_dir)
            response, elapsed = wait_for(api, 503, within=5)
            assert response.status_code == 503, (response.status_code, response.text)
            assert response.json()["errors"][0]["code"] == "database_unavailable"
            assert response.headers["Retry-After"] == "5"
            assert elapsed < 5
            written = httpx.post(
                f"{server.url}/api/v1/sources/",
                json={"title": "t", "publisher": "p"},
                headers={"Authorization": "Token whatever"},
            )
            assert written.status_code == 503, written.text
            assert httpx.get(f"{server.url}/readyz").status_code == 503
            assert httpx.get(f"{server.url}/healthz").status_code == 200  # the process is fine

            devdb("start", data_dir)  # the same server: no restart of the API
            response, elapsed = wait_for(api, 200, within=10)
            assert response.status_code == 200, (response.status_code, response.text)
            for _ in range(6):  # every worker, every kept connection recovered
                assert httpx.get(api).status_code == 200
            assert httpx.get(f"{server.url}/readyz").status_code == 200
    finally:
        devdb("stop", data_dir)
