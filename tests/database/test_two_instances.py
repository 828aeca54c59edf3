"""Two API processes behind one address answer as one: no state lives in a process.

Two gunicorn instances on the same database and the same shared cache (Redis when
``REDIS_URL`` is set, else the database cache). A client that the load balancer sends
to either of them, request by request, sees one API: what one wrote the other serves at
once with the same body and ETag, a retry of a POST replays on the other, an ETag from
one guards a write on the other, and the totals agree.
"""

from __future__ import annotations

import os
import secrets

import httpx
import pytest

from tests.support.live import Server, database_url, manage

CACHES = ["database"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.mark.live
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("cache", CACHES)
def test_two_instances_answer_as_one(analyst_token, tmp_path, cache):
    env = {"REDIS_URL": os.environ["REDIS_URL"] if cache == "redis" else ""}
    if cache == "database":
        manage(database_url(), "createcachetable", **env)
    one = Server(database_url(), **env).start(tmp_path)
    try:
        two = Server(database_url(), CACHE_KEY_PREFIX=one.env["CACHE_KEY_PREFIX"], **env)
        two.start(tmp_path)
        try:
            _check(one.url, two.url, analyst_token)
        finally:
            two.stop()
    finally:
        one.stop()


def _check(one: str, two: str, token: str) -> None:
    auth = {"Authorization": f"Token {token}"}
    code = f"TWO{secrets.token_hex(3).upper()}"
    body = {"code": code, "kind": "organisation", "name": f"Balanced {code}"}
    retry = {**auth, "Idempotency-Key": f"balanced-{code}"}

    created = httpx.post(f"{one}/api/v1/actors/", json=body, headers=retry)
    assert created.status_code == 201, created.text
    replayed = httpx.post(f"{two}/api/v1/actors/", json=body, headers=retry)
    assert replayed.status_code == 201, replayed.text
    assert replayed.headers.get("Idempotent-Replayed") == "true"
    assert replayed.json() == created.json()

    detail = f"/api/v1/actors/{code}/"
    first, second = httpx.get(one + detail), httpx.get(two + detail)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.content == second.content and first.json()["name"] == body["name"]
    assert first.headers["ETag"] == second.headers["ETag"]

    # An ETag from one guards a write on the other; the old one is then refused on both.
    changed = httpx.patch(
        two + detail,
        json={"name": f"Renamed {code}"},
        headers={**auth, "If-Match": first.headers["ETag"]},
    )
    assert changed.status_code == 200, changed.text
    for server in (one, two):
        stale = httpx.patch(
            server + detail,
            json={"name": "Lost update"},
            headers={**auth, "If-Match": first.headers["ETag"]},
        )
        assert stale.status_code == 412, stale.text
        assert httpx.get(server + detail).json()["name"] == f"Renamed {code}"

    for path in ("/api/v1/actors/?kind=organisation&limit=200", "/api/v1/pledges/summary/"):
        answers = [httpx.get(server + path, headers=auth) for server in (one, two)]
        assert [a.status_code for a in answers] == [200, 200]
        assert answers[0].content == answers[1].content
    listed = httpx.get(f"{two}/api/v1/actors/?kind=organisation&limit=200").json()
    assert code in {row["code"] for row in listed["results"]}
