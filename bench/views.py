"""Two baselines for the pledge list, served on the same server as the API.

Both produce the API's own page for a reader without an account: 50 verified pledges,
newest first, each with every field ``/api/v1/pledges/`` shows (its actor's code and
summary, coalition, recipient and host codes, dates, review fields, timestamps), its
stages and its citations with their sources; ``tests/bench`` checks that their
``results`` equal the API's.

* ``sql_pledge_list`` — the limit of this stack: one hand-written SQL query (the page,
  then its stages and its citations with their sources, in one ``UNION ALL``), rows
  folded into dicts and serialized with orjson inside a bare Django view. No DRF, no
  ORM.
* ``NaivePledgeList`` — what a typical DRF project writes first: ModelSerializers
  nested three deep, page-number pagination (a COUNT over the whole table), and no
  ``select_related``/``prefetch_related`` (one query per actor, coalition, recipient,
  host, stage list, citation list and source: the N+1 pattern).

Until 2026-11-23 both served a leaner page (no stages, coalition, recipient, host,
review fields or timestamps, 54 KB instead of 74 KB) and baseline (1) counted
unverified pledges too; docs/performance.md gives the figures measured both ways.

They are served only when ``BENCH_ENDPOINTS`` is on (see ``bench/urls.py``).
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlencode

import orjson
import psycopg
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination

from api.fastread import preparing_connection, run
from api.pagejson import utc_text
from api.pagination import keys_from_ordering
from coalition.models import Actor
from pledges.api.views import PledgeViewSet
from pledges.models import Pledge, PledgeCitation, PledgeStage
from sources.models import Source

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

# The three parts of the answer, each with its columns and their SQL types. Every row
# of the UNION has all three blocks; a part fills its own and leaves the others NULL.
_PLEDGE = [
    ("p.id", "bigint"),
    ("a.code", "text"),
    ("co.slug", "text"),
    ("p.kind", "text"),
    ("p.status", "text"),
    ("p.description", "text"),
    ("p.quantity", "integer"),
    ("p.quantity_max", "integer"),
    ("p.quantity_qualifier", "text"),
    ("p.quantity_unit", "text"),
    ("p.amount::text", "text"),
    ("p.currency", "text"),
    ("r.code", "text"),
    ("h.code", "text"),
    ("p.asset", "text"),
    ("p.announced_on", "date"),
    ("p.announced_on_precision", "text"),
    ("p.starts_on", "date"),
    ("p.ends_on", "date"),
    ("a.name", "text"),
    ("a.kind", "text"),
    ("p.review_status", "text"),
    ("p.verified_at", "timestamptz"),
    ("p.created_at", "timestamptz"),
    ("p.updated_at", "timestamptz"),
]
_STAGE = [
    ("st.id", "bigint"),
    ("st.status", "text"),
    ("st.occurred_on", "date"),
    ("st.occurred_on_precision", "text"),
    ("st.quantity", "integer"),
    ("st.note", "text"),
]
_CITATION = [
    ("c.id", "bigint"),
    ("s.id", "bigint"),
    ("s.title", "text"),
    ("s.publisher", "text"),
    ("s.published_on", "date"),
    ("s.url", "text"),
    ("c.quote", "text"),
    ("c.locator", "text"),
    ("c.stance", "text"),
]


def _block(columns: list[tuple[str, str]], filled: bool, page: bool = False) -> str:
    if not filled:
        return ", ".join(f"NULL::{kind}" for _, kind in columns)
    if page:  # the page's columns come out of the CTE under their positions
        return ", ".join(f"page.c{i}" for i in range(len(columns)))
    return ", ".join(f"{expression}::{kind}" for expression, kind in columns)


_SQL = f"""
WITH page AS (
    SELECT {", ".join(f"{e} AS c{i}" for i, (e, _) in enumerate(_PLEDGE))}
      FROM pledges_pledge p
      JOIN coalition_actor a ON a.id = p.actor_id
      LEFT JOIN coalition_coalition co ON co.id = p.coalition_id
      LEFT JOIN coalition_actor r ON r.id = p.recipient_id
      LEFT JOIN coalition_actor h ON h.id = p.host_id
     WHERE p.review_status = 'verified' {{before}}
     ORDER BY p.id DESC
     LIMIT {{limit}}
)
SELECT 0 AS part, page.c0 AS pledge, NULL::date AS k1, -page.c0 AS k2,
       {_block(_PLEDGE, True, page=True)}, {_block(_STAGE, False)}, {_block(_CITATION, False)}
  FROM page
UNION ALL
SELECT 1, st.pledge_id, st.occurred_on, st.id,
       {_block(_PLEDGE, False)}, {_block(_STAGE, True)}, {_block(_CITATION, False)}
  FROM pledges_pledgestage st
 WHERE st.pledge_id IN (SELECT c0 FROM page)
UNION ALL
SELECT 2, c.pledge_id, NULL, c.id,
       {_block(_PLEDGE, False)}, {_block(_STAGE, False)}, {_block(_CITATION, True)}
  FROM pledges_pledgecitation c
  JOIN sources_source s ON s.id = c.source_id
 WHERE c.pledge_id IN (SELECT c0 FROM page)
 ORDER BY part, k1, k2
"""
# The LIMIT is written into the statement (a validated integer): bound as a parameter,
# PostgreSQL cannot plan it once for every value and plans it anew each time.
SQL_FIRST_PAGE = _SQL.replace("{before}", "")
SQL_NEXT_PAGE = _SQL.replace("{before}", "AND p.id < %(before)s")
_P = 4  # where the pledge block starts in a row
_S = _P + len(_PLEDGE)
_C = _S + len(_STAGE)


def _int_param(request: HttpRequest, name: str, default: int | None, maximum: int) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 0 < int(raw) <= maximum:
        raise ValueError(f"{name} must be an integer from 1 to {maximum}")
    return int(raw)


def _fetch(sql: str, params: dict) -> list[tuple]:
    """The statement's rows, the fastest way psycopg offers: prepared on the connection
    (planning the page's five joins and the UNION took ~2.6 ms of PostgreSQL per request)
    and with results in binary (read by psycopg's C loaders; Django's text loader for
    timestamps costs ~1.5 µs each, 150 a page). Django's persistent connection is used
    as is: a raw psycopg cursor with server-side binding, which preparing needs."""
    with psycopg.Cursor(preparing_connection(connection)) as cursor:
        cursor.execute(sql, params, prepare=True, binary=True)
        return cursor.fetchall()


def sql_pledge_list(request: HttpRequest) -> HttpResponse:
    """Baseline (1): ``?limit=50&before=<id>`` (keyset: pledges with a smaller id).
    ``?json=postgres`` serves design (a)'s hand-written prototype instead
    (:class:`PageInPostgres`), ``?json=python`` the API's list built by design (b)."""
    if request.GET.get("json") == "postgres":
        return page_in_postgres(request)
    if request.GET.get("json") == "python":
        return page_in_python(request)
    try:
        limit = _int_param(request, "limit", PAGE_SIZE, MAX_PAGE_SIZE)
        before = _int_param(request, "before", None, 2**62)
    except ValueError as error:
        return JsonResponse({"detail": str(error)}, status=400)
    sql = SQL_FIRST_PAGE if before is None else SQL_NEXT_PAGE
    rows = _fetch(sql.replace("{limit}", str(limit + 1)), {"before": before})

    results: list[dict] = []
    by_id: dict[int, dict] = {}
    for row in rows:
        part = row[0]
        if part == 0:
            (pk, actor, coalition, kind, status, description, quantity, quantity_max,
             qualifier, unit, amount, currency, recipient, host, asset, announced_on,
             announced_precision, starts_on, ends_on, actor_name, actor_kind, review_status,
             verified_at, created_at, updated_at) = row[_P:_S]  # fmt: skip
            pledge = {
                "id": pk,
                "actor": actor,
                "coalition": coalition,
                "kind": kind,
                "status": status,
                "description": description,
                "quantity": quantity,
                "quantity_max": quantity_max,
                "quantity_qualifier": qualifier or None,
                "quantity_unit": unit,
                "amount": amount,
                "currency": currency,
                "recipient": recipient,
                "host": host,
                "asset": asset,
                "announced_on": announced_on,
                "announced_on_precision": announced_precision,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "actor_summary": {"code": actor, "name": actor_name, "kind": actor_kind},
                "stages": [],
                "review_status": review_status,
                "verified_at": verified_at,
                "citations": [],
                "created_at": created_at,
                "updated_at": updated_at,
            }
            results.append(pledge)
            by_id[pk] = pledge
        elif part == 1:
            pk, status, occurred_on, precision, quantity, note = row[_S:_C]
            by_id[row[1]]["stages"].append(
                {
                    "id": pk,
                    "status": status,
                    "occurred_on": occurred_on,
                    "occurred_on_precision": precision,
                    "quantity": quantity,
                    "note": note,
                }
            )
        else:
            pk, source, title, publisher, published_on, url, quote, locator, stance = row[_C:]
            by_id[row[1]]["citations"].append(
                {
                    "id": pk,
                    "source": {
                        "id": source,
                        "title": title,
                        "publisher": publisher,
                        "published_on": published_on,
                        "url": url,
                    },
                    "quote": quote,
                    "locator": locator,
                    "stance": stance,
                }
            )
    next_url = None
    if len(results) > limit:
        results = results[:limit]
        query = urlencode({"limit": limit, "before": results[-1]["id"]})
        next_url = request.build_absolute_uri(f"{request.path}?{query}")
    # Dates as YYYY-MM-DD and datetimes in UTC with Z, as the API writes them.
    body = orjson.dumps(
        {"next": next_url, "previous": None, "results": results}, option=orjson.OPT_UTC_Z
    )
    return HttpResponse(body, content_type="application/json")


# --- Design (a), a prototype: the API's list with its page's JSON built by PostgreSQL ----
# One statement: the page's ids (one more than the limit, to tell whether a next page
# exists), then each pledge as row_to_json() of a row whose columns are the serializer's
# fields in its order, its stages and citations as array_to_json(array_agg(...)): the
# compact JSON orjson writes, key order included. Verified pledges, newest first only.
PAGE_JSON_SQL = f"""
WITH page AS (
    SELECT p.id FROM pledges_pledge p
     WHERE p.review_status = 'verified' {{before}}
     ORDER BY p.id DESC
     LIMIT {{limit_plus_one}}
), shown AS (
    SELECT id FROM page ORDER BY id DESC LIMIT {{limit}}
)
SELECT (SELECT count(*) FROM page), min(r.id), max(r.id),
       COALESCE(array_to_json(array_agg(row_to_json(r) ORDER BY r.id DESC)), '[]')::text
  FROM (
    SELECT p.id, a.code AS actor, co.slug AS coalition, p.kind, p.status, p.description,
           p.quantity, p.quantity_max, NULLIF(p.quantity_qualifier, '') AS quantity_qualifier,
           p.quantity_unit, p.amount::text AS amount, p.currency, rc.code AS recipient,
           h.code AS host, p.asset, p.announced_on, p.announced_on_precision, p.starts_on,
           p.ends_on,
           (SELECT row_to_json(x) FROM (SELECT a.code, a.name, a.kind) x) AS actor_summary,
           COALESCE((SELECT array_to_json(array_agg(row_to_json(s) ORDER BY s.occurred_on, s.id))
                       FROM (SELECT st.id, st.status, st.occurred_on, st.occurred_on_precision,
                                    st.quantity, st.note
                               FROM pledges_pledgestage st WHERE st.pledge_id = p.id) s),
                    '[]') AS stages,
           p.review_status, {utc_text("p.verified_at")} AS verified_at,
           COALESCE((SELECT array_to_json(array_agg(row_to_json(c) ORDER BY c.id))
                       FROM (SELECT pc.id,
                                    (SELECT row_to_json(y)
                                       FROM (SELECT so.id, so.title, so.publisher,
                                                    so.published_on, so.url) y) AS source,
                                    pc.quote, pc.locator, pc.stance
                               FROM pledges_pledgecitation pc
                               JOIN sources_source so ON so.id = pc.source_id
                              WHERE pc.pledge_id = p.id) c),
                    '[]') AS citations,
           {utc_text("p.created_at")} AS created_at, {utc_text("p.updated_at")} AS updated_at
      FROM shown
      JOIN pledges_pledge p ON p.id = shown.id
      JOIN coalition_actor a ON a.id = p.actor_id
      LEFT JOIN coalition_coalition co ON co.id = p.coalition_id
      LEFT JOIN coalition_actor rc ON rc.id = p.recipient_id
      LEFT JOIN coalition_actor h ON h.id = p.host_id
  ) r
"""


class PageInPostgres(PledgeViewSet):
    """The API's pledge list (same viewset, authentication, permissions, paginator's
    cursors and links) with the page's JSON built by one hand-written statement and
    passed through as bytes: the first prototype of design (a), measured by ``make
    bench`` as ``list_pg``. Only the public's list, newest first, without filters;
    anything else is served as the API serves it."""

    def list(self, request, *args, **kwargs):
        sent = set(request.query_params) - {"limit", "cursor", "json"}
        if sent or not self.verified_only():
            return super().list(request, *args, **kwargs)
        paginator = self.paginator
        paginator.request, paginator.model = request, Pledge
        paginator.limit = paginator.get_limit(request)
        paginator.keys = keys_from_ordering(["-id"])
        paginator.signature = "-id"
        position, backwards = paginator.decode_cursor(request)
        if backwards:
            return super().list(request, *args, **kwargs)
        before = "" if position is None else "AND p.id < %s"
        sql = PAGE_JSON_SQL.format(
            before=before, limit=paginator.limit, limit_plus_one=paginator.limit + 1
        )
        params = [] if position is None else [int(position[0])]
        ((count, last, first, results),) = run(connection, sql, params, prepare=True, binary=True)
        paginator.rows = [SimpleNamespace(id=first), SimpleNamespace(id=last)] if last else []
        paginator.has_previous = position is not None
        paginator.has_next = count > paginator.limit
        links = orjson.dumps(
            {"next": paginator.get_next_link(), "previous": paginator.get_previous_link()}
        )
        body = links[:-1] + b',"results":' + results.encode() + b"}"
        return HttpResponse(body, content_type="application/json")


class PageInPython(PledgeViewSet):
    """The API's pledge list with design (b) forced: the page's objects built in Python
    from ``.values()`` rows (the path the API takes when PostgreSQL cannot write a
    field), measured by ``make bench`` as ``list_b``."""

    def page_json(self, plan, nested, using):
        return None


page_in_postgres = PageInPostgres.as_view({"get": "list"})
page_in_python = PageInPython.as_view({"get": "list"})


# --- Baseline (2): the naive DRF version -----------------------------------------------
class NaiveActorSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["code", "name", "kind"]


class NaiveStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = PledgeStage
        fields = ["id", "status", "occurred_on", "occurred_on_precision", "quantity", "note"]


class NaiveSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "title", "publisher", "published_on", "url"]


class NaiveCitationSerializer(serializers.ModelSerializer):
    source = NaiveSourceSerializer()

    class Meta:
        model = PledgeCitation
        fields = ["id", "source", "quote", "locator", "stance"]


class NaivePledgeSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.code")
    coalition = serializers.CharField(source="coalition.slug", allow_null=True)
    quantity_qualifier = serializers.SerializerMethodField()
    recipient = serializers.CharField(source="recipient.code", allow_null=True)
    host = serializers.CharField(source="host.code", allow_null=True)
    actor_summary = NaiveActorSummarySerializer(source="actor")
    stages = NaiveStageSerializer(many=True)
    citations = serializers.SerializerMethodField()

    class Meta:
        model = Pledge
        fields = [
            "id",
            "actor",
            "coalition",
            "kind",
            "status",
            "description",
            "quantity",
            "quantity_max",
            "quantity_qualifier",
            "quantity_unit",
            "amount",
            "currency",
            "recipient",
            "host",
            "asset",
            "announced_on",
            "announced_on_precision",
            "starts_on",
            "ends_on",
            "actor_summary",
            "stages",
            "review_status",
            "verified_at",
            "citations",
            "created_at",
            "updated_at",
        ]

    def get_quantity_qualifier(self, pledge) -> str | None:
        return pledge.quantity_qualifier or None

    def get_citations(self, pledge) -> list[dict]:
        return NaiveCitationSerializer(pledge.citations.order_by("id"), many=True).data


class NaivePagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "limit"
    max_page_size = MAX_PAGE_SIZE


class NaivePledgeList(generics.ListAPIView):
    """Baseline (2): ``?page=N``. Project defaults for authentication, permissions,
    filters and renderers, as a project would have them."""

    queryset = Pledge.objects.filter(review_status="verified").order_by("-id")
    serializer_class = NaivePledgeSerializer
    pagination_class = NaivePagination
    schema = None  # not part of the API's OpenAPI document
