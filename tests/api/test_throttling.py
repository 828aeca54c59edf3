"""Rate limits per user and per anonymous address, held in the shared cache."""

from __future__ import annotations

import os
import re
import time

import httpx
import pytest
from django.test import RequestFactory
from knox.models import AuthToken
from rest_framework.test import APIClient

from api.throttling import client_address, parse_rate
from tests.factories import SourceFactory, UserFactory
from tests.support.api import assert_error, token_client
from tests.support.live import Server, database_url, manage

LIST = "/api/v1/sources/"


@pytest.fixture
def limits(settings, own_cache_prefix):
    def set_limits(anon: str | None = None, user: str | None = None) -> None:
        settings.API_THROTTLE_RATES = {"anon": anon, "user": user}

    return set_limits


def test_rates_are_read_from_settings_syntax():
    assert parse_rate("100/min") == (100, 60)
    assert parse_rate("5/second") == (5, 1)
    assert parse_rate("20/hour") == (20, 3600)
    assert parse_rate("1000/day") == (1000, 86400)
    for off in (None, "", "off", "0"):
        assert parse_rate(off) is None
    with pytest.raises(ValueError):
        parse_rate("many/min")


@pytest.mark.django_db
def test_anonymous_clients_are_limited_per_address(limits, api_client):
    limits(anon="3/hour")
    for _ in range(3):
        assert api_client.get(LIST).status_code == 200
    response = api_client.get(LIST)
    body = assert_error(response, 429, "client_error")
    assert body["errors"][0]["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 3600
    # another address has its own count
    assert api_client.get(LIST, REMOTE_ADDR="192.0.2.7").status_code == 200


def ratelimit(response) -> tuple[str, int, int]:
    """(policy, r, t) of a response's RateLimit field (draft-ietf-httpapi-ratelimit-headers-09)."""
    match = re.fullmatch(r'"(\w+)";r=(\d+);t=(\d+)', response["RateLimit"])
    assert match, response["RateLimit"]
    return match[1], int(match[2]), int(match[3])


@pytest.mark.django_db
def test_the_ratelimit_fields_count_down_to_zero_before_the_429(limits, api_client):
    limits(anon="3/hour")
    _start_of_a_fresh_window(3600)
    answers = [api_client.get(LIST) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    for answer in answers:
        assert answer["RateLimit-Policy"] == '"anon";q=3;w=3600'
    fields = [ratelimit(answer) for answer in answers]
    assert [(policy, left) for policy, left, _ in fields] == [("anon", n) for n in (2, 1, 0, 0)]
    assert all(0 < reset <= 3600 for _, _, reset in fields)
    # the quota is whole again when Retry-After says to come back
    assert abs(fields[-1][2] - int(answers[-1]["Retry-After"])) <= 1
    # another address has its own count
    assert ratelimit(api_client.get(LIST, REMOTE_ADDR="192.0.2.7"))[1] == 2


@pytest.mark.django_db
def test_a_user_sees_the_user_policy_and_writes_count(limits):
    limits(anon="100/hour", user="2/hour")
    client = token_client(UserFactory(is_superuser=True))
    first = client.get(LIST)
    assert first["RateLimit-Policy"] == '"user";q=2;w=3600'
    assert ratelimit(first)[:2] == ("user", 1)
    body = {"title": "Counted", "publisher": "Wire"}
    assert ratelimit(client.post(LIST, body, format="json"))[:2] == ("user", 0)
    refused = client.post(LIST, body, format="json")
    assert_error(refused, 429)
    assert ratelimit(refused)[:2] == ("user", 0)


@pytest.mark.django_db
def test_a_304_keeps_the_ratelimit_fields_and_counts(limits, api_client):
    limits(anon="5/hour")
    source = SourceFactory()
    url = f"{LIST}{source.pk}/"
    first = api_client.get(url)
    unchanged = api_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert unchanged["RateLimit-Policy"] == '"anon";q=5;w=3600'
    assert ratelimit(unchanged)[1] == ratelimit(first)[1] - 1


@pytest.mark.django_db
def test_without_a_limit_there_are_no_ratelimit_fields(limits, api_client):
    limits(anon="off", user="off")
    response = api_client.get(LIST)
    assert response.status_code == 200
    assert "RateLimit" not in response and "RateLimit-Policy" not in response


@pytest.mark.django_db
def test_a_made_up_x_forwarded_for_does_not_reset_the_count(limits, api_client):
    limits(anon="2/hour")
    for n in range(2):
        assert api_client.get(LIST, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code == 200
    assert_error(api_client.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.99"), 429)


def test_behind_trusted_proxies_the_address_they_saw_counts(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4"
    )
    settings.NUM_PROXIES = 0
    assert client_address(request) == "10.0.0.2"
    settings.NUM_PROXIES = 1  # one proxy appended what it saw: the right-most entry
    assert client_address(request) == "198.51.100.4"
    settings.NUM_PROXIES = 2
    assert client_address(request) == "6.6.6.6"


@pytest.mark.django_db
def test_users_are_limited_per_user_whatever_the_token(limits):
    limits(user="4/hour")
    user = UserFactory()
    tokens = [AuthToken.objects.create(user)[1] for _ in range(2)]
    clients = []
    for token in tokens:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        clients.append(client)
    for n in range(4):
        assert clients[n % 2].get(LIST).status_code == 200
    assert_error(clients[0].get(LIST), 429)
    assert_error(clients[1].get(LIST), 429)
    # someone else is not affected, nor is the anonymous scope
    assert token_client(UserFactory()).get(LIST).status_code == 200
    assert APIClient().get(LIST).status_code == 200


@pytest.mark.django_db
def test_writes_count_too_and_a_throttled_write_changes_nothing(limits):
    from sources.models import Source

    limits(user="1/hour")
    client = token_client(UserFactory(is_superuser=True))
    body = {"title": "Throttled", "publisher": "Wire"}
    assert client.post(LIST, body, format="json").status_code == 201
    assert_error(client.post(LIST, body, format="json"), 429)
    assert Source.objects.filter(title="Throttled").count() == 1


def _start_of_a_fresh_window(seconds: int, margin: float = 20) -> None:
    """Avoid a window boundary in the middle of a test that counts within one window."""
    left = seconds - time.time() % seconds
    if left < margin:
        time.sleep(left + 0.5)


CACHES = ["database"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.mark.live
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("cache", CACHES)
def test_the_limit_holds_across_two_server_processes(reference_data, tmp_path, cache):
    """Two gunicorn processes on different ports share one count (the DB cache, or Redis)."""
    env = {"API_THROTTLE_ANON": "6/hour"}
    if cache == "redis":
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    else:
        env["REDIS_URL"] = ""
        manage(database_url(), "createcachetable", **env)  # made only for the DB cache
    one = Server(database_url(), **env).start(tmp_path)
    try:
        two = Server(database_url(), CACHE_KEY_PREFIX=one.env["CACHE_KEY_PREFIX"], **env)
        two.start(tmp_path)
        try:
            _start_of_a_fresh_window(3600)
            answers = [httpx.get(f"{(one, two)[n % 2].url}{LIST}") for n in range(6)]
            assert [a.status_code for a in answers] == [200] * 6
            # both processes read the one count: what is left goes down by one each time
            left = [re.search(r";r=(\d+);", a.headers["RateLimit"])[1] for a in answers]
            assert left == ["5", "4", "3", "2", "1", "0"]
            for server in (one, two):
                refused = httpx.get(f"{server.url}{LIST}")
                assert refused.status_code == 429, refused.text
                assert refused.json()["errors"][0]["code"] == "throttled"
                assert int(refused.headers["Retry-After"]) > 0
        finally:
            two.stop()
    finally:
        one.stop()


@pytest.mark.django_db
def test_without_its_cache_table_the_api_stays_up_unthrottled(limits, api_client, settings):
    """A deployment that forgot `createcachetable` logs the error and serves requests."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_cache_table",
        }
    }
    limits(anon="1/hour")
    for _ in range(3):
        response = api_client.get(LIST)
        assert response.status_code == 200
        assert "RateLimit" not in response  # no count, nothing to announce
