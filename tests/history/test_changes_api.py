"""The change feed: a mirror synced through /api/v1/changes/ ends equal to the API."""

from __future__ import annotations

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from history.changes import OTHER_DATABASE
from history.readers import Cursor, database_mark, feed_horizon
from pledges.models import Pledge
from tests.factories import PledgeCitationFactory, PledgeFactory, SourceFactory, UserFactory
from tests.support.api import assert_error, citation_input, token_client
from tests.support.helpers import settle

FEED = "/api/v1/changes/"
MIRRORED = ["pledge", "pledgecitation", "pledgestage", "source"]


class Mirror:
    """A client's copy, kept in sync through the feed alone."""

    def __init__(self, client: APIClient, limit: int = 3):
        self.client = client
        self.limit = limit
        self.rows: dict[tuple[str, int], dict] = {}
        self.cursor: str | None = None
        self.calls = 0

    def sync(self) -> None:
        settle()
        url = f"{FEED}?limit={self.limit}&" + "&".join(f"type={t}" for t in MIRRORED)
        if self.cursor:
            url += f"&since={self.cursor}"
        while url:
            response = self.client.get(url)
            self.calls += 1
            assert response.status_code == 200, response.content
            body = response.json()
            for change in body["results"]:
                key = (change["type"], change["id"])
                if change["action"] == "delete":
                    assert change["data"] is None
                    self.rows.pop(key, None)
                else:
                    self.rows[key] = change["data"]
            self.cursor = body["cursor"] or self.cursor
            url = body["next"]

    def of(self, kind: str) -> dict[int, dict]:
        return {pk: row for (k, pk), row in self.rows.items() if k == kind}


@pytest.mark.django_db(transaction=True)
def test_a_mirror_synced_through_the_feed_ends_with_exactly_the_apis_rows(reference_data):
    analyst = UserFactory(is_superuser=True)  # sees drafts: the API's rows are all the rows
    api = token_client(analyst, if_match=False)
    mirror = Mirror(token_client(analyst, if_match=False))

    source = SourceFactory()
    created = []
    for quantity in (1, 2, 3):
        response = api.post(
            "/api/v1/pledges/",
            {
                "actor": "AUS",
                "kind": "troops",
                "status": "announced",
                "description": f"{quantity} hundred advisers",
                "quantity": quantity * 100,
                "quantity_qualifier": "about",
                "stages": [{"status": "announced", "occurred_on": "2014-09-14"}],
                "citations": [citation_input(source, f"Quote {quantity}.")],
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        created.append(response.json()["id"])
    PledgeCitationFactory(pledge__quantity=7)
    mirror.sync()

    def if_match(url):
        etag = api.get(url).headers.get("ETag")
        return {"HTTP_IF_MATCH": etag} if etag else {}

    first, second, third = (f"/api/v1/pledges/{pk}/" for pk in created)
    assert api.patch(first, {"quantity": 150}, format="json", **if_match(first)).status_code == 200
    patched = api.patch(
        second,
        {"citations": [citation_input(source, "Quote 2, corrected.")], "stages": []},
        format="json",
        **if_match(second),
    )
    assert patched.status_code == 200
    assert api.delete(third, **if_match(third)).status_code == 204  # tombstones
    Pledge.objects.filter(quantity=7).update(status="delivered")  # a bulk update
    mirror.sync()
    PledgeFactory(quantity=9)
    assert api.post(f"{third}restore/").status_code == 201
    mirror.sync()

    rows = api.get("/api/v1/pledges/", {"limit": 200}).json()["results"]
    assert {pk: (r["quantity"], r["status"]) for pk, r in mirror.of("pledge").items()} == {
        r["id"]: (r["quantity"], r["status"]) for r in rows
    }
    cited = {
        pk: (r["pledge_id"], r["source_id"], r["quote"])
        for pk, r in mirror.of("pledgecitation").items()
    }
    assert cited == {
        c["id"]: (r["id"], c["source"]["id"], c["quote"]) for r in rows for c in r["citations"]
    }
    assert set(mirror.of("pledgestage")) == {s["id"] for r in rows for s in r["stages"]}
    sources = api.get("/api/v1/sources/", {"limit": 200}).json()["results"]
    assert {pk: r["title"] for pk, r in mirror.of("source").items()} == {
        s["id"]: s["title"] for s in sources
    }
    assert mirror.calls > 5  # small pages: resumed from cursors many times

    again = mirror.client.get(FEED, {"since": mirror.cursor}).json()
    assert again["results"] == [] and again["cursor"] == mirror.cursor and again["next"] is None


@pytest.mark.django_db(transaction=True)
def test_the_feed_needs_a_user_and_shows_only_what_they_may_view(api_client, reference_data):
    PledgeCitationFactory()
    settle()
    assert_error(api_client.get(FEED), 401, "client_error")
    nobody = token_client(UserFactory(), if_match=False)
    assert_error(nobody.get(FEED), 403, "client_error")
    pledges_only = token_client(UserFactory(permissions=["pledges.view_pledge"]), if_match=False)
    body = pledges_only.get(FEED, {"limit": 1000}).json()
    assert body["results"] and {c["type"] for c in body["results"]} == {"pledge"}


@pytest.mark.django_db
def test_bad_input_to_the_feed_is_400_naming_the_parameter():
    reader = token_client(UserFactory(is_superuser=True), if_match=False)
    for params, attr in [
        ({"since": "not-a-cursor"}, "since"),
        ({"since": "%%%"}, "since"),
        ({"since": base64.urlsafe_b64encode(b"1.pledge").decode().rstrip("=")}, "since"),
        ({"since": base64.urlsafe_b64encode(b"x.pledge.2").decode().rstrip("=")}, "since"),
        ({"limit": "1001"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"type": "planet"}, "type"),
    ]:
        body = assert_error(reader.get(FEED, params), 400, "validation_error")
        assert {e["attr"] for e in body["errors"]} == {attr}, (params, body)
    assert reader.get(FEED, {"limit": "1000", "since": ""}).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_feed_query_count_does_not_grow_with_the_page():
    reader = token_client(UserFactory(is_superuser=True), if_match=False)
    PledgeFactory()
    settle()
    reader.get(FEED)
    with CaptureQueriesContext(connection) as few:
        reader.get(FEED, {"limit": 1000})
    for _ in range(30):
        PledgeCitationFactory()
    settle()
    with CaptureQueriesContext(connection) as many:
        assert len(reader.get(FEED, {"limit": 1000}).json()["results"]) > 60
    assert len(many) == len(few)


def encoded(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.django_db(transaction=True)
def test_a_cursor_from_another_database_is_refused_and_old_cursors_still_work(
    django_assert_num_queries,
):
    reader = token_client(UserFactory(is_superuser=True), if_match=False)
    first = PledgeFactory()
    settle()
    body = reader.get(FEED, {"type": "pledge"}).json()
    cursor = Cursor.decode(body["cursor"])
    here = feed_horizon().database
    assert here and cursor.database == here  # every cursor handed out names this database
    assert {Cursor.decode(c["cursor"]).database for c in body["results"]} == {here}
    # Another server's (or a restored copy's) cursor: 400, not silently nothing.
    elsewhere = database_mark(1, 2)
    assert elsewhere != here
    foreign = encoded(f"{cursor.txid}.pledge.{cursor.event_id}.{elsewhere}")
    error = assert_error(reader.get(FEED, {"since": foreign}), 400, "validation_error")
    assert error["errors"] == [
        {"code": "other_database", "detail": OTHER_DATABASE, "attr": "since"}
    ]
    # A cursor from before the mark (txid.type.event_id) resumes where it says, and the
    # answer's cursor carries the mark from then on.
    second = PledgeFactory()
    settle()
    old = encoded(f"{cursor.txid}.pledge.{cursor.event_id}")
    with django_assert_num_queries(len(queries_of(reader, {"since": body["cursor"]}))):
        resumed = reader.get(FEED, {"since": old, "type": "pledge"}).json()
    assert [c["id"] for c in resumed["results"]] == [second.pk]
    assert first.pk not in [c["id"] for c in resumed["results"]]
    assert Cursor.decode(resumed["cursor"]).database == here
    # Nothing new: the cursor given back is the old one, now marked.
    again = reader.get(FEED, {"since": resumed["cursor"], "type": "pledge"}).json()
    assert again["results"] == [] and again["cursor"] == resumed["cursor"]


def queries_of(client, params) -> list:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(FEED, {**params, "type": "pledge"}).status_code == 200
    return queries.captured_queries


def test_database_marks_tell_databases_apart():
    assert database_mark(7714717051979925641, 5) == database_mark("7714717051979925641", "5")
    marks = {database_mark(system, oid) for system in (1, 2) for oid in (5, 16384)}
    assert len(marks) == 4 and all(len(mark) == 12 for mark in marks)
