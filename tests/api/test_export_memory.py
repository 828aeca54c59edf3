"""A streamed CSV export of 100,000 pledges runs in bounded memory."""

from __future__ import annotations

import csv
import time
import tracemalloc
from collections.abc import Iterator

import pytest
from django.db import connection

from pledges.api.views import PledgeViewSet
from tests.factories import CoalitionFactory, SourceFactory, country

ROWS = 100_000
# Python allocations while the whole export is read, at most. They hold one chunk of
# 2,000 rows (about 7 MB measured), whatever the number of rows; the output is some 21 MB.
PEAK_BOUND = 12 * 1024 * 1024


def bulk_pledges(count: int) -> None:
    """``count`` verified pledges with one citation each, made by the database itself
    (INSERT ... SELECT generate_series: seconds, with history triggers firing)."""
    actor, coalition, source = country("AUS"), CoalitionFactory(), SourceFactory()
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED); with
        # the history triggers' exception blocks that costs O(n^2) in one statement.
        # Checking them at once keeps it linear (100,000 rows: seconds, not minutes).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            """
            INSERT INTO pledges_pledge (
                actor_id, coalition_id, kind, status, description, quantity,
                quantity_qualifier, quantity_unit, currency, asset, announced_on,
                announced_on_precision, dataset_key, review_status, created_at, updated_at)
            SELECT %s, %s, 'troops', 'announced', 'Military advisers, batch ' || n, n,
                   'about', 'personnel', '', 'Al Asad air base',
                   DATE '2014-09-01' + (n %% 700), 'day', '', 'verified', now(), now()
              FROM generate_series(1, %s) AS n
            """,
            [actor.pk, coalition.pk, count],
        )
        cursor.execute(
            """
            INSERT INTO pledges_pledgecitation (pledge_id, source_id, quote, locator, stance,
                                                created_at)
            SELECT id, %s, 'Officials confirmed the deployment.', 'paragraph 2', 'supports',
                   now()
              FROM pledges_pledge
            """,
            [source.pk],
        )
        # Fresh statistics, as autovacuum would gather them: the planner then reads each
        # pledge's citations through their index.
        cursor.execute("ANALYZE pledges_pledge, pledges_pledgecitation")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def lines(chunks: Iterator[bytes]) -> Iterator[str]:
    """The CSV's lines as they arrive (each with its line ending, as csv.reader wants)."""
    tail = ""
    for chunk in chunks:
        text = tail + chunk.decode()
        *complete, tail = text.split("\r\n")
        for line in complete:
            yield line + "\r\n"
    if tail:
        yield tail


def rss() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


@pytest.mark.django_db
def test_a_streamed_csv_export_of_100000_pledges_runs_in_bounded_memory(api_client):
    started = time.monotonic()
    bulk_pledges(ROWS)
    print(f"\n{ROWS:,} pledges and citations made in {time.monotonic() - started:.1f} s")
    rss_before = rss_peak = rss()
    started = time.monotonic()
    tracemalloc.start()
    try:
        response = api_client.get("/api/v1/pledges/export/", {"ordering": "id"})
        assert response.status_code == 200 and response.streaming
        size = 0

        def counted(chunks):
            nonlocal size, rss_peak
            for chunk in chunks:
                size += len(chunk)
                rss_peak = max(rss_peak, rss())
                yield chunk

        reader = csv.reader(lines(counted(response.streaming_content)))
        header = next(reader)
        count, previous = 0, 0
        for row in reader:
            record = dict(zip(header, row, strict=True))
            count += 1
            assert int(record["id"]) > previous  # in order, each once
            previous = int(record["id"])
            assert record["quantity"] == str(count)
            assert record["actor"] == "AUS" and record["source_ids"].isdigit()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started

    assert header == list(PledgeViewSet.export_columns)
    assert count == ROWS
    print(
        f"\nCSV export of {count:,} pledges: {size / 2**20:.1f} MB streamed in {elapsed:.1f} s; "
        f"peak Python allocations {peak / 2**20:.2f} MB (tracemalloc); "
        f"RSS grew {(rss_peak - rss_before) / 2**20:.1f} MB"
    )
    assert peak < PEAK_BOUND, f"peak {peak / 2**20:.1f} MB"
    assert peak < size / 2  # far less than the output: it was never held whole
