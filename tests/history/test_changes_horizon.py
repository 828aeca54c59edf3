"""The change feed's horizon: only this database's open transactions hold it back, and
nothing a client's cursor has passed can commit later (exactly once, in order).

Other transactions are real sessions opened with psycopg, in a scratch database of the
test server or in the test database itself, and kept open while the feed is read.
"""

from __future__ import annotations

import random
import threading
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection, transaction
from django.db.models import F
from knox.models import AuthToken
from rest_framework.test import APIClient

from history.readers import changes_since, feed_horizon
from pledges.models import Pledge
from sources.models import Source
from tests.factories import PledgeFactory, SourceFactory, UserFactory
from tests.support.rollups import assert_rollups_fresh

FEED = "/api/v1/changes/"


def server_params(dbname: str) -> dict:
    settings = connection.settings_dict
    params = {"dbname": dbname, "host": settings["HOST"], "user": settings["USER"]}
    if settings["PORT"]:
        params["port"] = settings["PORT"]
    if settings["PASSWORD"]:
        params["password"] = settings["PASSWORD"]
    return params


@pytest.fixture(scope="module")
def elsewhere(django_db_blocker) -> str:
    """A scratch database on the test server, standing for another application's."""
    with django_db_blocker.unblock():
        name = f"{connection.settings_dict['NAME']}_elsewhere"
    admin = psycopg.connect(**server_params("postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(**server_params(name), autocommit=True) as scratch:
        scratch.execute("CREATE TABLE jobs (id serial PRIMARY KEY, note text)")
    yield name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@contextmanager
def open_writer(dbname: str, sql: str, params=()):
    """A session of ``dbname`` that has written (so holds a transaction id) and stays
    open until the block ends, then commits. Yields its transaction id."""
    with psycopg.connect(**server_params(dbname)) as session:
        session.execute(sql, params)
        xid = session.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()[0]
        try:
            yield xid
        except BaseException:
            session.rollback()
            raise
        session.commit()


def this_database() -> str:
    return connection.settings_dict["NAME"]


def reader() -> APIClient:
    _, token = AuthToken.objects.create(UserFactory(is_superuser=True))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def read_all(client: APIClient, cursor: str | None) -> tuple[list[dict], str | None, dict]:
    """Every change after ``cursor``, following ``next``; the last cursor and lag."""
    url, params, changes = FEED, {"limit": 2, **({"since": cursor} if cursor else {})}, []
    while url:
        body = client.get(url, params).json()
        changes += body["results"]
        cursor, url, params = body["cursor"] or cursor, body["next"], {}
    return changes, cursor, body["lag"]


def creations(changes: list[dict], kind: str) -> set[int]:
    return {c["id"] for c in changes if c["type"] == kind and c["action"] == "create"}


@pytest.mark.django_db(transaction=True)
def test_a_transaction_open_in_another_database_does_not_stall_the_feed(elsewhere):
    client = reader()
    _, cursor, _ = read_all(client, None)
    with open_writer(elsewhere, "INSERT INTO jobs (note) VALUES ('abandoned')"):
        pledge = PledgeFactory()  # committed after the other database's writer began
        changes, _, lag = read_all(client, cursor)
        assert pledge.pk in creations(changes, "pledge")
        assert lag == {"transactions": 0, "seconds": 0.0}


@pytest.mark.django_db(transaction=True)
def test_an_open_writer_in_this_database_holds_the_feed_back_and_nothing_is_skipped(
    elsewhere, client
):
    feed = reader()
    source = SourceFactory(title="Before")
    _, cursor, _ = read_all(feed, None)
    sql = "UPDATE sources_source SET title = 'Held' WHERE id = %s"
    with open_writer(this_database(), sql, [source.pk]) as held:
        pledge = PledgeFactory()  # a later transaction, committed first
        time.sleep(0.3)
        assert feed_horizon().xid <= held
        changes, after, lag = read_all(feed, cursor)
        assert changes == [] and after == cursor  # neither the open one nor the later one
        assert lag["transactions"] >= 1 and lag["seconds"] >= 0.3
        ready = client.get("/readyz").json()["change_feed"]
        assert ready["lag_transactions"] >= 1 and ready["lag_seconds"] >= 0.3
    changes, after, lag = read_all(feed, cursor)
    updates = [c for c in changes if c["type"] == "source" and c["action"] == "update"]
    assert [c["data"]["title"] for c in updates] == ["Held"]
    assert pledge.pk in creations(changes, "pledge")
    assert changes.index(updates[0]) < min(  # the older transaction first
        i for i, c in enumerate(changes) if c["type"] == "pledge"
    )
    assert len({c["cursor"] for c in changes}) == len(changes)
    assert lag == {"transactions": 0, "seconds": 0.0}
    assert read_all(feed, after)[0] == []


def follow_feed(writer, plans, kind: str) -> list[str]:
    """Runs ``writer(plan)`` in a thread per plan while a reader follows the change feed
    of ``kind`` in pages of 3, then reads the rest once every writer has committed: the
    cursors of the events the reader was handed, in order."""
    seen: list[str] = []
    cursor = None
    threads = [threading.Thread(target=writer, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        page, cursor = changes_since(cursor, limit=3, types={kind})
        seen += [c.cursor for c in page]
        time.sleep(0.005)
    for thread in threads:
        thread.join()
    while True:  # the rest, now that every writer has committed
        page, cursor = changes_since(cursor, limit=3, types={kind})
        if not page:
            return seen
        seen += [c.cursor for c in page]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_each_change_is_handed_out_exactly_once():
    """Writers whose transactions commit out of order while a reader follows the feed in
    small pages: the reader gets every event once, none skipped, none twice."""
    rng = random.Random(14)
    plans = [[rng.uniform(0, 0.05) for _ in range(6)] for _ in range(4)]

    def writer(pauses):
        try:
            for pause in pauses:
                with transaction.atomic():
                    SourceFactory()
                    time.sleep(pause)  # open while others begin and commit
        finally:
            connection.close()

    seen = follow_feed(writer, plans, "source")
    assert len(seen) == len(set(seen)) == Source.pgh_event_model.objects.count() == 24


@pytest.mark.django_db(transaction=True)
def test_concurrent_pledge_writers_feed_once_and_leave_the_rollups_exact(reference_data):
    """The same with pledges created, changed and deleted, which the rollup triggers
    count: every pledge event is handed out once, and the rollups then equal a rebuild."""
    rng = random.Random(20)
    plans = [[rng.uniform(0, 0.05) for _ in range(5)] for _ in range(4)]

    def writer(pauses):
        try:
            mine = []
            for n, pause in enumerate(pauses):
                with transaction.atomic():
                    pledge = PledgeFactory(review_status="verified", quantity=n + 1)
                    mine.append(pledge.pk)
                    if n % 2:
                        Pledge.objects.filter(pk=mine[0]).update(quantity=F("quantity") + 5)
                    if n == 3:
                        Pledge.objects.filter(pk=mine.pop(1)).delete()
                    time.sleep(pause)  # open while others begin and commit
        finally:
            connection.close()

    seen = follow_feed(writer, plans, "pledge")
    events = Pledge.pgh_event_model.objects.count()
    assert len(seen) == len(set(seen)) == events >= 4 * (5 + 2 + 1)
    assert Pledge.objects.count() == 4 * 4
    assert_rollups_fresh()


@pytest.mark.django_db(transaction=True)
def test_a_role_without_pg_read_all_stats_gets_the_same_horizon(elsewhere):
    """pg_stat_activity shows every session's database and transaction id to any role
    (only the age of another role's transaction needs pg_read_all_stats): the API's role
    need not be privileged for the horizon to skip other databases and stop at this
    one's writers."""
    role = f"{this_database()}_feed_reader"
    source = SourceFactory()

    def horizon_as_role():
        with connection.cursor() as db:
            db.execute(f'SET ROLE "{role}"')
            try:
                return feed_horizon()
            finally:
                db.execute("RESET ROLE")

    with connection.cursor() as db:
        db.execute(f'DROP ROLE IF EXISTS "{role}"')
        db.execute(f'CREATE ROLE "{role}" NOLOGIN')
    try:
        with open_writer(elsewhere, "INSERT INTO jobs (note) VALUES ('other role')") as other:
            sql = "UPDATE sources_source SET title = 'Other role' WHERE id = %s"
            with open_writer(this_database(), sql, [source.pk]) as here:
                assert other < here
                SourceFactory()  # a later transaction ends: its change waits for `here`
                plain = horizon_as_role()
                assert other < plain.xid <= here and plain.lag_transactions >= 1
                assert plain.lag_seconds is None  # the age of another role's transaction
                with connection.cursor() as db:
                    db.execute(f'GRANT pg_read_all_stats TO "{role}"')
                seeing = horizon_as_role()
                assert seeing.xid == plain.xid and seeing.lag_seconds >= 0
    finally:
        with connection.cursor() as db:
            db.execute(f'DROP ROLE IF EXISTS "{role}"')
