from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tests.paths import SEEDS, SEEDS_MISSING, SEEDS_REQUIRED


def pytest_sessionstart(session):
    """CI sets SEEDS_REQUIRED=1: a missing seed folder fails the run, never skips."""
    if SEEDS_REQUIRED and not SEEDS.is_dir():
        pytest.exit(f"SEEDS_REQUIRED is set, but the run {SEEDS_MISSING}", returncode=3)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database also gets the cache table (the cache is the database's when
    REDIS_URL is not set)."""
    with django_db_blocker.unblock():
        call_command("createcachetable")


@pytest.fixture
def reference_data(transactional_db):
    """What migrations put in a fresh database (ISO countries, the analysts and viewers
    groups), again: transactional tests flush every table when they end."""
    import importlib

    from django.apps import apps

    from coalition.models import Actor
    from coalition.reference import load_countries

    load_countries(Actor)
    importlib.import_module("pledges.migrations.0007_api_groups").create_groups(apps, None)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """No request rate limits, except where tests/trust turns them on: counters kept in
    a shared cache (Redis in CI) would make tests depend on each other's requests."""
    settings.API_THROTTLE_RATES = {}


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)
