"""Safe retries: a POST with an Idempotency-Key creates at most one row."""

from __future__ import annotations

import datetime as dt
import threading

import httpx
import pytest
from django.core.management import call_command
from django.utils import timezone

from api.models import IdempotencyKey
from pledges.models import Pledge
from sources.models import Source
from tests.factories import SourceFactory, UserFactory
from tests.support.api import assert_error, citation_input, token_client

SOURCE = {"title": "Jordan joins air strikes", "publisher": "Example Wire"}


def writer():
    return token_client(UserFactory(is_superuser=True))


def post(client, body, key=None, url="/api/v1/sources/"):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(url, body, format="json", **extra)


@pytest.mark.django_db
def test_a_retry_gets_the_first_answer_and_creates_nothing():
    client = writer()
    first = post(client, SOURCE, key="retry-1")
    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first
    again = post(client, SOURCE, key="retry-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    assert again["Idempotent-Replayed"] == "true"
    assert Source.objects.filter(title=SOURCE["title"]).count() == 1


@pytest.mark.django_db
def test_without_a_key_each_post_creates():
    client = writer()
    post(client, SOURCE)
    post(client, SOURCE)
    assert Source.objects.filter(title=SOURCE["title"]).count() == 2


@pytest.mark.django_db
def test_the_same_key_with_another_body_or_endpoint_is_422():
    client = writer()
    post(client, SOURCE, key="k")
    other = post(client, {**SOURCE, "title": "Something else"}, key="k")
    body = assert_error(other, 422, "client_error")
    assert body["errors"][0]["code"] == "idempotency_key_reused"
    pledge = {
        "actor": "AUS",
        "kind": "troops",
        "status": "announced",
        "description": "x",
        "citations": [citation_input()],
    }
    assert_error(post(client, pledge, key="k", url="/api/v1/pledges/"), 422)
    assert Source.objects.filter(title="Something else").count() == 0
    assert Pledge.objects.count() == 0


@pytest.mark.django_db
def test_the_body_is_compared_as_json_not_as_bytes():
    client = writer()
    first = post(client, {"title": "A", "publisher": "B"}, key="order")
    again = client.post(
        "/api/v1/sources/",
        data='{ "publisher": "B",  "title": "A" }',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="order",
    )
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]


@pytest.mark.django_db
def test_keys_belong_to_their_user():
    one, two = writer(), writer()
    a = post(one, SOURCE, key="shared-key")
    b = post(two, SOURCE, key="shared-key")
    assert a.json()["id"] != b.json()["id"]
    assert "Idempotent-Replayed" not in b


@pytest.mark.django_db
def test_a_failed_request_is_not_remembered():
    client = writer()
    assert_error(post(client, {"title": ""}, key="fix-me"), 400)
    fixed = post(client, SOURCE, key="fix-me")
    assert fixed.status_code == 201 and "Idempotent-Replayed" not in fixed


@pytest.mark.django_db
def test_an_expired_key_is_forgotten(settings):
    client = writer()
    first = post(client, SOURCE, key="old")
    IdempotencyKey.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    second = post(client, SOURCE, key="old")
    assert second.status_code == 201 and second.json()["id"] != first.json()["id"]
    record = IdempotencyKey.objects.get(key="old")
    expected = timezone.now() + dt.timedelta(hours=settings.API_IDEMPOTENCY_KEY_TTL_HOURS)
    assert abs(record.expires_at - expected) < dt.timedelta(minutes=1)


@pytest.mark.django_db
def test_purge_deletes_expired_keys_only():
    client = writer()
    post(client, SOURCE, key="keep")
    post(client, {**SOURCE, "title": "Other"}, key="drop")
    IdempotencyKey.objects.filter(key="drop").update(expires_at=timezone.now())
    call_command("purge_idempotency_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["keep"]


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "naïve"])
def test_a_malformed_key_is_400(key):
    client = writer()
    response = client.post(
        "/api/v1/sources/",
        SOURCE,
        format="json",
        HTTP_IDEMPOTENCY_KEY=key.encode().decode("latin-1"),
    )
    body = assert_error(response, 400, "validation_error")
    assert body["errors"][0]["attr"] == "Idempotency-Key"
    assert not Source.objects.filter(title=SOURCE["title"]).exists()


@pytest.mark.live
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("resource", ["sources", "pledges"])
def test_ten_concurrent_posts_with_one_key_create_one_row(
    reference_data, live_server, analyst_token, resource
):
    """A client retrying in parallel (timeouts while the first is still running)."""
    if resource == "sources":
        model, body = Source, {**SOURCE, "title": "Concurrent retries"}
    else:
        source = SourceFactory()
        model = Pledge
        body = {
            "actor": "JOR",
            "kind": "airstrikes",
            "status": "announced",
            "description": "Jordanian jets join the strikes",
            "citations": [citation_input(source)],
        }
    before = model.objects.count()
    url = f"{live_server.url}/api/v1/{resource}/"
    headers = {"Authorization": f"Token {analyst_token}", "Idempotency-Key": "one-retry-storm"}
    barrier = threading.Barrier(10)
    answers: list[httpx.Response] = []

    def send() -> None:
        with httpx.Client(headers=headers, timeout=60) as client:
            barrier.wait()
            answers.append(client.post(url, json=body))

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [a.status_code for a in answers] == [201] * 10, [a.text[:300] for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert sum(a.headers.get("Idempotent-Replayed") == "true" for a in answers) == 9
    assert model.objects.count() == before + 1
