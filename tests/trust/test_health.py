"""/healthz (the process answers) and /readyz (the database answers, migrations applied)."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor


def test_healthz_never_touches_the_database(client):
    response = client.get("/healthz")  # without the db fixture any query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ok_with_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_while_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "pending_migrations": 1}


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


def test_health_checks_answer_get_only(client):
    assert client.post("/healthz").status_code == 405
