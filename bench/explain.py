"""EXPLAIN ANALYZE the queries the API's list endpoints make, on the benchmark database.

    python -m bench.explain                 # a table: time, plan shape, indexes used
    python -m bench.explain --plans FILE    # and the full text plans

The querysets below are written the way the API's filters produce them (filters on
related codes and slugs, newest first, a page of 51 for the cursor paginator), so the
table shows which indexes the planner uses at full scale and where it has none.
Each query runs once to warm the cache; the second run's plan is reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from bench import db

PAGE = 51


def querysets() -> list[tuple[str, object]]:
    from django.db.models import Count, Q, Sum

    from coalition.models import Actor, Membership
    from pledges.models import Pledge, PledgeCitation

    pledges = Pledge.objects.order_by("-id")
    verified = pledges.filter(review_status="verified")
    rare = Actor.objects.filter(kind="country").order_by("-id").values_list("code", flat=True)[0]
    deep = pledges.values_list("id", flat=True)[499_999]
    page_ids = list(verified.values_list("id", flat=True)[:50])
    as_of = dt.date(2016, 1, 1)
    return [
        ("first page, all", pledges[:PAGE]),
        ("first page, verified only", verified[:PAGE]),
        ("page 10,000 (keyset id < X)", pledges.filter(id__lt=deep)[:PAGE]),
        ("model default order (-announced_on, -id)", Pledge.objects.all()[:PAGE]),
        ("actor=USA & kind=aircraft", pledges.filter(actor__code="USA", kind="aircraft")[:PAGE]),
        (
            "actor=USA & kind=aircraft, verified",
            verified.filter(actor__code="USA", kind="aircraft")[:PAGE],
        ),
        ("actor=USA", pledges.filter(actor__code="USA")[:PAGE]),
        (f"actor={rare} (rare)", pledges.filter(actor__code=rare)[:PAGE]),
        (
            "kind=troops & status=delivered",
            pledges.filter(kind="troops", status="delivered")[:PAGE],
        ),
        ("status=refused", pledges.filter(status="refused")[:PAGE]),
        ("kind=basing", pledges.filter(kind="basing")[:PAGE]),
        (
            "coalition=synthetic-coalition-05",
            pledges.filter(coalition__slug="synthetic-coalition-05")[:PAGE],
        ),
        ("recipient=SYR", pledges.filter(recipient__code="SYR")[:PAGE]),
        ("host=TUR", pledges.filter(host__code="TUR")[:PAGE]),
        (
            "announced_on in 2015 Q1",
            pledges.filter(announced_on__gte="2015-01-01", announced_on__lte="2015-03-31")[:PAGE],
        ),
        ("review_status=needs_review", pledges.filter(review_status="needs_review")[:PAGE]),
        (
            "citations of a page (prefetch) + source",
            PledgeCitation.objects.filter(pledge_id__in=page_ids).select_related("source"),
        ),
        ("count(*) of all pledges (page-number pagination)", Pledge.objects.order_by()),
        (
            "summary: count and sum(quantity) by actor",
            Pledge.objects.order_by()
            .values("actor_id")
            .annotate(n=Count("id"), quantity=Sum("quantity")),
        ),
        (
            "summary: by actor and kind, verified",
            Pledge.objects.filter(review_status="verified")
            .order_by()
            .values("actor_id", "kind")
            .annotate(n=Count("id"), quantity=Sum("quantity")),
        ),
        (
            "actor profile: USA by kind and status",
            Pledge.objects.filter(actor__code="USA")
            .order_by()
            .values("kind", "status")
            .annotate(n=Count("id")),
        ),
        (
            "coalition members as of 2016-01-01",
            Membership.objects.filter(
                coalition__slug="global-coalition", started_on__lte=as_of
            ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)),
        ),
    ]


def api_queries() -> list[tuple[str, str]]:
    """(name, SQL) of the statements the API itself sends, captured from a request made
    with Django's test client: the page of a list (after the id lookup of a code) and
    the summary, as they are after phase 2 (filters on ids, the summary's one pass)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT="application/json")
    found = []
    for name, url, pick in [
        ("API: list, first page", "/api/v1/pledges/?limit=50", "page"),
        ("API: list, actor=USA&kind=aircraft", "/api/v1/pledges/?actor=USA&kind=aircraft", "page"),
        ("API: list, actor=ZWE (rare)", "/api/v1/pledges/?actor=ZWE", "page"),
        ("API: list, recipient=SYR", "/api/v1/pledges/?recipient=SYR", "page"),
        ("API: list's citations (one query)", "/api/v1/pledges/?limit=50", "pledgecitation"),
        ("API: summary by actor", "/api/v1/pledges/summary/?group_by=actor", "last"),
        ("API: summary by kind", "/api/v1/pledges/summary/?group_by=kind", "last"),
    ]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            found.append((f"{name}: HTTP {response.status_code}", ""))
            continue
        sqls = [query["sql"] for query in captured.captured_queries]
        if pick == "last":
            sql = sqls[-1]
        elif pick == "page":
            sql = next(q for q in sqls if 'FROM "pledges_pledge"' in q.split("WHERE")[0])
        else:
            sql = next(q for q in sqls if f'FROM "pledges_{pick}"' in q)
        found.append((name, sql))
    return found


def walk(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from walk(child)


def describe(plan: dict) -> tuple[str, list[str], list[str]]:
    """Node types in order, indexes used, and warnings (big sequential scans, sorts)."""
    nodes, indexes, warnings = [], [], []
    for node in walk(plan["Plan"]):
        kind = node["Node Type"]
        nodes.append(kind)
        if "Index Name" in node:
            indexes.append(node["Index Name"])
        if kind == "Seq Scan" and node.get("Actual Rows", 0) * node.get("Actual Loops", 1) > 1e4:
            warnings.append(f"seq scan of {node['Relation Name']}")
        if kind == "Seq Scan" and node.get("Rows Removed by Filter", 0) > 1e4:
            warnings.append(f"{node['Rows Removed by Filter']:,} rows filtered out")
        if "Rows Removed by Filter" in node and kind.startswith("Index"):
            removed = node["Rows Removed by Filter"] * node.get("Actual Loops", 1)
            if removed > 1e4:
                warnings.append(f"index scan discards {removed:,.0f} rows")
        if kind == "Sort" and node.get("Sort Space Type") == "Disk":
            warnings.append("sort spills to disk")
        if kind in ("Bitmap Heap Scan",) and node.get("Actual Rows", 0) > 1e4:
            warnings.append(f"bitmap heap scan of {node['Actual Rows']:,} rows")
    shape = " > ".join(dict.fromkeys(nodes))
    return shape, list(dict.fromkeys(indexes)), warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.explain")
    parser.add_argument("--database-url")
    parser.add_argument("--plans", type=Path, help="write the full text plans here")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    url = db.resolve_url(args.database_url)
    from bench.run import server_env

    os.environ.update(server_env(url))  # as the benchmark server runs (no rate limits)
    db.setup_django(url, "bench.settings")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pledges_pledge")
        count = cursor.fetchone()[0]
    print(f"PostgreSQL {version}, database {db.database_name(url)}, {count:,} pledges\n")
    print("| query | ms | plan | indexes | concerns |\n|---|---:|---|---|---|")
    texts = []
    statements = [(name, *qs.query.sql_with_params()) for name, qs in querysets()]
    statements += [(name, sql, None) for name, sql in api_queries()]
    for name, sql, params in statements:
        if not sql:
            print(f"| {name} | | | | |")
            continue
        if name.startswith("count(*)"):
            sql, params = "SELECT count(*) FROM pledges_pledge", ()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)  # warm
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
            raw = cursor.fetchone()[0]
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            texts.append(f"-- {name}\n{sql % tuple(params) if params else sql}\n")
            texts.append("\n".join(r[0] for r in cursor.fetchall()) + "\n")
        shape, indexes, warnings = describe(plan)
        total = plan["Execution Time"] + plan["Planning Time"]
        print(
            f"| {name} | {total:.1f} | {shape} | {', '.join(indexes) or '—'} "
            f"| {'; '.join(warnings) or ''} |"
        )
    if args.plans:
        args.plans.parent.mkdir(parents=True, exist_ok=True)
        args.plans.write_text("\n".join(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
