"""The search index is kept by the database: every writer fills it, COPY included, and
fields the apps add later do not touch it."""

from __future__ import annotations

import pytest
from django.db import connection

from bench import generate
from bench import search as search_bench
from coalition.models import Actor
from tests.factories import PledgeFactory, SourceFactory

pytestmark = pytest.mark.django_db


def unindexed(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE search_vector IS NULL")
        return cursor.fetchone()[0]


def test_rows_loaded_with_copy_are_indexed_and_found(api_client):
    """bench/generate.py writes with COPY and its history triggers off: a generated column
    is filled all the same (a trigger-maintained one would not be)."""

    class Progress:
        def update(self, n):
            pass

        def set_description(self, text):
            pass

    connection.ensure_connection()
    plan = generate.Plan(pledges=300, sources=40, citations=600, coalitions=3, seed=3)
    generate.load(
        connection.connection,
        plan,
        Progress(),
        generate.column_defaults(),
        generate.history_tables(),
    )
    for table in ("pledges_pledge", "pledges_pledgecitation", "sources_source"):
        assert unindexed(table) == 0, table
    with connection.connection.cursor() as cursor:
        term, pledges = search_bench.selective_term(cursor.connection, plan.pledges)
    assert pledges >= 1
    body = api_client.get("/api/v1/search/", {"q": term, "type": "pledge", "limit": 100}).json()
    assert body["count"] >= 1
    assert all(term in hit["title"] for hit in body["results"])


def test_an_edit_through_the_orm_reindexes_the_row(api_client):
    pledge = PledgeFactory(actor=Actor.objects.get(code="FRA"), review_status="verified")
    pledge.description = "Rafale squadron over Mosul"
    pledge.save()
    hits = api_client.get("/api/v1/search/", {"q": "mosul"}).json()["results"]
    assert [(h["type"], h["id"]) for h in hits] == [("pledge", pledge.pk)]
    source = SourceFactory(title="Untitled")
    source.title = "Mosul offensive begins"
    source.save(update_fields=["title"])
    hits = api_client.get("/api/v1/search/", {"q": "mosul", "type": "source"}).json()["results"]
    assert [h["id"] for h in hits] == [source.pk]
