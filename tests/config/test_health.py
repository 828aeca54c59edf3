"""/healthz (the process answers) and /readyz (the database answers, migrations applied)."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor

from config import health


def test_healthz_never_touches_the_database(client):
    response = client.get("/healthz")  # without the db fixture any query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ok_with_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")


@pytest.mark.django_db
def test_readyz_is_503_while_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "pending_migrations": 1}
    assert response["Retry-After"] == "5"


@pytest.mark.django_db(transaction=True)  # /readyz closes the failed connection
def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unreachable",
        "detail": "OperationalError",
    }
    assert response["Retry-After"] == "5"


@pytest.mark.django_db(transaction=True)
def test_readyz_asks_a_server_it_has_no_connection_to_before_connecting(client, monkeypatch):
    """Connecting to a hung server would take DATABASE_CONNECT_TIMEOUT; /readyz asks it
    first, within READYZ_TIMEOUT, whether it answers at all."""
    asked = []

    def silent(address, timeout):
        asked.append(timeout)
        return False

    monkeypatch.setattr(health, "server_answers", silent)
    connection.close()
    response = client.get("/readyz")
    assert response.status_code == 503, response.content
    assert response.json()["detail"] == "DatabaseHung"
    assert asked == [health.READYZ_TIMEOUT]
    assert connection.connection is None  # never connected


@pytest.mark.django_db
def test_readyz_runs_each_readiness_check_and_stops_at_the_first_failing(client, monkeypatch):
    ran = []

    def lagging():
        ran.append("lagging")
        return {"ready": False, "mirror": "behind"}

    def never():
        ran.append("never")
        return {}

    monkeypatch.setattr(health, "READINESS_CHECKS", [health.database_check, lagging, never])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "mirror": "behind"}
    assert ran == ["lagging"]


def test_health_checks_answer_get_only(client):
    assert client.post("/healthz").status_code == 405
