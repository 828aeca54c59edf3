from __future__ import annotations

import secrets

import pytest
from knox.models import AuthToken

from tests.factories import UserFactory


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
