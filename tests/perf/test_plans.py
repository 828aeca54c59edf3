"""The main lists and the summary read indexes, in order, at a scale where a missing
index shows.

The benchmark's generator loads 20,000 pledges (40,000 citations, actors Zipf-shaped
with the United States first) into the test database, committed and vacuumed (then
emptied again), VACUUM (ANALYZE) gives the planner real statistics, and each request's
own SQL (as the API sends it, captured from the test client) is EXPLAINed: the plan
must read the expected index and never sort the whole match or make the rows
DISTINCT. At this size PostgreSQL prefers a sequential scan and a sort whenever no
index fits, so a lost index or a filter that hides the foreign key from the planner
fails here. The full-scale figures are in docs/performance.md (``make bench``).
"""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from bench import generate

PLAN = generate.Plan(pledges=20_000, sources=4_000, citations=40_000, coalitions=20, seed=7)


class _Quiet:
    def update(self, n: int) -> None:
        pass

    def set_description(self, text: str) -> None:
        pass


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The generated rows, committed and vacuumed for every test of this module (an
    index-only scan needs the pages marked all-visible, which only VACUUM of committed
    rows does), emptied again at its end, as the generator empties a database."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with transaction.atomic():
            generate.load(
                connection.connection,
                PLAN,
                _Quiet(),
                generate.column_defaults(),
                generate.history_tables(),
            )
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(generate.TRUNCATE)}, coalition_actor")
        try:
            yield
        finally:
            with transaction.atomic():
                loader = generate.Loader(connection.connection, PLAN, _Quiet())
                loader.empty(generate.history_tables())
                loader.restore_triggers()
                generate.reset_sequences(connection.connection)


def plans_of(url: str, client: APIClient | None = None) -> list[tuple[str, dict]]:
    """(sql, plan) of every query a GET of ``url`` makes."""
    with CaptureQueriesContext(connection) as captured:
        response = (client or APIClient()).get(url)
    assert response.status_code == 200, response.content[:500]
    found = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute("EXPLAIN (FORMAT JSON) " + query["sql"])
            (raw,) = cursor.fetchone()
            found.append((query["sql"], (json.loads(raw) if isinstance(raw, str) else raw)[0]))
    return found


def nodes(plan: dict):
    stack = [plan["Plan"]]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.get("Plans", ()))


def page_keys(plan: dict) -> dict:
    """The part of ``plan`` that selects the page's keys: the ``keys`` CTE when the
    statement also builds the page's JSON (api/pagejson.py), else the whole plan. The
    statement's last step orders the page's 51 rows again; that sort is not the match's."""
    for node in nodes(plan):
        if node.get("Subplan Name") == "CTE keys":
            return {"Plan": node}
    return plan


def main_plan(url: str) -> tuple[set[str], set[str], str]:
    """Indexes read, and node types, of the query of ``url`` that selects the page of
    pledges (after the lookup of a code's id); a sequential scan is named with its table."""
    sql, plan = next(found for found in plans_of(url) if 'FROM "pledges_pledge"' in found[0])
    found = list(nodes(page_keys(plan)))
    indexes = {node["Index Name"] for node in found if "Index Name" in node}
    types = {
        node["Node Type"] + (f" on {node['Relation Name']}" if "Seq" in node["Node Type"] else "")
        for node in found
    }
    return indexes, types, sql


# Indexes that lead with the filtered foreign key (pledge_summary_verified does, for the
# verified pledges the public sees, and is the smaller one).
BY_ACTOR = {"pledge_actor_id", "pledge_actor_kind_id", "pledge_summary_verified"}


@pytest.mark.parametrize(
    ("url", "indexes"),
    [
        ("/api/v1/pledges/", {"pledges_pledge_pkey"}),
        ("/api/v1/pledges/?actor=ZWE", BY_ACTOR),
        ("/api/v1/pledges/?actor=ZWE&kind=troops&kind=aircraft", BY_ACTOR),
    ],
)
def test_list_reads_its_index(loaded, db, url, indexes):
    """An index that leads with what is filtered, when the matches are few (a big
    actor's pledges are found as fast along the primary key: the planner may take
    either)."""
    used, node_types, sql = main_plan(url)
    assert used & indexes, (used, sql)
    assert not node_types & {"Unique", "Seq Scan on pledges_pledge"}, (node_types, sql)


LISTS = [
    "/api/v1/pledges/",
    "/api/v1/pledges/?actor=USA",
    "/api/v1/pledges/?actor=USA&kind=aircraft",
    "/api/v1/pledges/?actor=ZWE",
    "/api/v1/pledges/?kind=troops&status=delivered",
    "/api/v1/pledges/?recipient=SYR",
    "/api/v1/pledges/?host=TUR",
    "/api/v1/pledges/?coalition=synthetic-coalition-05",
    "/api/v1/pledges/?ordering=announced_on",
]


@pytest.mark.parametrize("url", LISTS)
def test_list_can_stop_at_the_end_of_the_page(loaded, db, url):
    """Some index gives the rows in the list's order, so the page is the first 51 rows
    read, however many match: with sorting priced out, the plan has no Sort. (At this
    size the planner may still rather sort a few matches; at 1M it must not have to.)
    A filter through a join, a DISTINCT, or a missing index brings the Sort back."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        try:
            _, node_types, sql = main_plan(url)
        finally:
            cursor.execute("SET LOCAL enable_sort = on")
    assert not node_types & {"Sort", "Incremental Sort", "Unique"}, (node_types, sql)
    assert "Seq Scan on pledges_pledge" not in node_types, (node_types, sql)


def test_nested_lists_read_the_composite_indexes(loaded, db):
    """The page's keys and its JSON (built by PostgreSQL, api/pagejson.py) in one
    statement, whose nested lists read the citations' and the stages' composite indexes."""
    plans = plans_of("/api/v1/pledges/")
    assert len(plans) == 1
    sql, plan = plans[0]
    indexes = {node.get("Index Name") for node in nodes(plan)}
    for expected in ("pledgecitation_pledge_id", "pledgestage_once_per_status"):
        assert expected in indexes, (indexes, sql)


def test_the_public_summary_by_actor_reads_its_index(loaded, db):
    """The summary by actor, live (as with a filter, or the rollups off), streams the
    verified pledges from pledge_summary_verified in (actor, kind, currency) order: no
    sequential scan of the pledges, no sort."""
    with override_settings(API_ROLLUPS=False):
        found = plans_of("/api/v1/pledges/summary/?group_by=actor")
    _, plan = found[-1]
    indexes = {node.get("Index Name") for node in nodes(plan)}
    types = {
        node["Node Type"] + (f" on {node['Relation Name']}" if "Seq" in node["Node Type"] else "")
        for node in nodes(plan)
    }
    assert "pledge_summary_verified" in indexes, (indexes, types)
    assert "Seq Scan on pledges_pledge" not in types, types
    # Sorting the groups' figures at the end is fine (a row per group, kind, currency and
    # personnel role: ~1,800 here); sorting the pledges (20,000) is not.
    sorts = [node["Plan Rows"] for node in nodes(plan) if node["Node Type"] == "Sort"]
    assert all(rows < PLAN.pledges // 4 for rows in sorts), sorts


def test_the_summary_by_actor_from_the_rollups_reads_no_pledge(loaded, db):
    """Served from the rollups, the summary by actor reads the folded groups (a row
    each) and the actors, and no pledge at all."""
    (found,) = [p for p in plans_of("/api/v1/pledges/summary/?group_by=actor") if "WITH s" in p[0]]
    relations = {node.get("Relation Name") for node in nodes(found[1])} - {None}
    assert relations == {"pledges_pledgegroupsummary", "coalition_actor", "rollup_pending_xact"}
