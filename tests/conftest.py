"""Fixtures every folder uses: the test database, reference data, clients and users."""

from __future__ import annotations

import secrets

import pytest
from django.core.management import call_command
from knox.models import AuthToken
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
    # The migration's function marks each app config as having no models module when it
    # is done (right for a migration's state apps); on the real registry that would
    # make every later flush's post_migrate skip all apps, leaving no content types.
    configs = list(apps.get_app_configs())
    models_modules = [config.models_module for config in configs]
    try:
        importlib.import_module("pledges.migrations.0007_api_groups").create_groups(apps, None)
        # Money: the view permission on conversions, which came after the groups.
        importlib.import_module("pledges.migrations.0015_money_conversions").grant_view(apps, None)
        # Agreements and pledge parties (issue 16), which came after the groups too.
        groups_16 = "pledges.migrations.0021_groups_for_agreements_and_parties"
        importlib.import_module(groups_16).grant(apps, None)
    finally:
        for config, models_module in zip(configs, models_modules, strict=True):
            config.models_module = models_module


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """No request rate limits, except where a test turns them on: counters kept in
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


@pytest.fixture
def staff_client(client, admin_user):
    """The test client logged in as the superuser, for the admin's pages."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def analyst_token(reference_data) -> str:
    """A committed analyst (the analysts group) and its API token, for servers in
    other processes or threads to accept."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=f"analyst-{secrets.token_hex(3)}")
    user.groups.add(Group.objects.get(name="analysts"))
    return AuthToken.objects.create(user)[1]


@pytest.fixture
def own_cache_prefix(settings):
    """Counters of this test only, even in a Redis that other test runs share."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"trust-{secrets.token_hex(6)}"}
        for name, config in settings.CACHES.items()
    }
