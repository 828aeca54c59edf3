"""Two baselines for the pledge list, served on the same server as the API.

Both produce the API's own page for a reader without an account: 50 verified pledges,
newest first, each with every field ``/api/v1/pledges/`` shows (its actor's code and
summary, coalition, recipient and host codes, dates, issue 16's conditions and
deliveries, the reported conversion, review fields, timestamps), its parties, stages,
citations with their sources and conversions; ``tests/bench`` checks that their
``results`` equal the API's.

* ``sql_pledge_list`` — the limit of this stack: one hand-written SQL query (the page,
  then its stages, citations with their sources, parties and conversions, in one
  ``UNION ALL``), rows
  folded into dicts and serialized with orjson inside a bare Django view. No DRF, no
  ORM.
* ``NaivePledgeList`` — what a typical DRF project writes first: ModelSerializers
  nested three deep, page-number pagination (a COUNT over the whole table), and no
  ``select_related``/``prefetch_related`` (one query per actor, coalition, recipient,
  host, party list, party's actor, stage list, citation list, source and conversion
  list: the N+1 pattern).

Until 2026-11-23 both served a leaner page (no stages, coalition, recipient, host,
review fields or timestamps, 54 KB instead of 74 KB) and baseline (1) counted
unverified pledges too; docs/performance.md gives the figures measured both ways. Since
2026-12-02 they serve issue 16's fields and the conversions too, as the API does.

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
from pledges.models import Pledge, PledgeCitation, PledgeConversion, PledgeParty, PledgeStage
from sources.models import Source

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

# The five parts of the answer, each with its columns and their SQL types. Every row
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
    ("p.reported_conversion_amount::text", "text"),
    ("p.reported_conversion_currency", "text"),
    ("p.quantity_basis", "text"),
    ("p.personnel_role", "text"),
    ("p.applies_in", "text[]"),
    ("p.excluded_from", "text[]"),
    ("p.caveats", "text[]"),
    ("p.duration", "integer"),
    ("p.duration_unit", "text"),
    ("p.pending_approval", "text"),
    ("p.pending_approval_note", "text"),
    ("p.agreement_id", "bigint"),
    ("p.committed_quantity", "integer"),
    ("p.delivered_quantity", "integer"),
    ("p.delivery_gap", "integer"),
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
_PARTY = [
    ("pp.ordinal", "integer"),
    ("pa.code", "text"),
    ("pa.name", "text"),
    ("pa.kind", "text"),
]
_CONVERSION = [
    ("cv.target", "text"),
    ("cv.amount::text", "text"),
    ("cv.rate::text", "text"),
    ("cv.rate_date", "date"),
    ("cv.date_rule", "text"),
    ("cv.rates_source", "text"),
    ("cv.rates_version", "text"),
    ("cv.via_peg", "boolean"),
    ("cv.unconverted_reason", "text"),
]
_PARTS = [_PLEDGE, _STAGE, _CITATION, _PARTY, _CONVERSION]


def _block(columns: list[tuple[str, str]], filled: bool, page: bool = False) -> str:
    if not filled:
        return ", ".join(f"NULL::{kind}" for _, kind in columns)
    if page:  # the page's columns come out of the CTE under their positions
        return ", ".join(f"page.c{i}" for i in range(len(columns)))
    return ", ".join(f"{expression}::{kind}" for expression, kind in columns)


def _blocks(filled: int) -> str:
    """Every part's block, ``filled``'s own columns and NULL for the others'."""
    return ", ".join(
        _block(columns, number == filled, page=filled == 0) for number, columns in enumerate(_PARTS)
    )


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
SELECT 0 AS part, page.c0 AS pledge, NULL::date AS k1, -page.c0 AS k2, NULL::text AS k3,
       {_blocks(0)}
  FROM page
UNION ALL
SELECT 1, st.pledge_id, st.occurred_on, st.id, NULL, {_blocks(1)}
  FROM pledges_pledgestage st
 WHERE st.pledge_id IN (SELECT c0 FROM page)
UNION ALL
SELECT 2, c.pledge_id, NULL, c.id, NULL, {_blocks(2)}
  FROM pledges_pledgecitation c
  JOIN sources_source s ON s.id = c.source_id
 WHERE c.pledge_id IN (SELECT c0 FROM page)
UNION ALL
SELECT 3, pp.pledge_id, NULL, pp.ordinal, NULL, {_blocks(3)}
  FROM pledges_pledgeparty pp
  JOIN coalition_actor pa ON pa.id = pp.actor_id
 WHERE pp.pledge_id IN (SELECT c0 FROM page)
UNION ALL
SELECT 4, cv.pledge_id, NULL, NULL, cv.target, {_blocks(4)}
  FROM pledges_pledgeconversion cv
 WHERE cv.pledge_id IN (SELECT c0 FROM page)
 ORDER BY part, k1, k2, k3
"""
# The LIMIT is written into the statement (a validated integer): bound as a parameter,
# PostgreSQL cannot plan it once for every value and plans it anew each time.
SQL_FIRST_PAGE = _SQL.replace("{before}", "")
SQL_NEXT_PAGE = _SQL.replace("{before}", "AND p.id < %(before)s")
_P = 5  # where the pledge block starts in a row
_S = _P + len(_PLEDGE)
_C = _S + len(_STAGE)
_Y = _C + len(_CITATION)  # the party's block
_V = _Y + len(_PARTY)  # the conversion's block


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
             announced_precision, starts_on, ends_on, reported_amount, reported_currency,
             basis, role, applies_in, excluded_from, caveats, duration, duration_unit,
             approval, approval_note, agreement, committed, delivered, gap, actor_name,
             actor_kind,
             review_status, verified_at, created_at, updated_at) = row[_P:_S]  # fmt: skip
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
                "reported_conversion_amount": reported_amount,
                "reported_conversion_currency": reported_currency,
                "quantity_basis": basis,
                "personnel_role": role or None,
                "applies_in": applies_in,
                "excluded_from": excluded_from,
                "caveats": caveats,
                "duration": duration,
                "duration_unit": duration_unit or None,
                "pending_approval": approval or None,
                "pending_approval_note": approval_note,
                "agreement": agreement,
                "committed_quantity": committed,
                "delivered_quantity": delivered,
                "delivery_gap": gap,
                "actor_summary": {"code": actor, "name": actor_name, "kind": actor_kind},
                "parties": [],
                "stages": [],
                "review_status": review_status,
                "verified_at": verified_at,
                "citations": [],
                "created_at": created_at,
                "updated_at": updated_at,
                "conversions": [],
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
        elif part == 2:
            pk, source, title, publisher, published_on, url, quote, locator, stance = row[_C:_Y]
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
        elif part == 3:
            ordinal, code, name, kind = row[_Y:_V]
            by_id[row[1]]["parties"].append(
                {
                    "ordinal": ordinal,
                    "actor": code,
                    "actor_summary": {"code": code, "name": name, "kind": kind},
                }
            )
        else:
            (target, amount, rate, rate_date, rule, rates_source, rates_version, via_peg,
             reason) = row[_V:]  # fmt: skip
            by_id[row[1]]["conversions"].append(
                {
                    "target": target,
                    "amount": amount,
                    "rate": rate,
                    "rate_date": rate_date,
                    "date_rule": rule or None,
                    "rates_source": rates_source,
                    "rates_version": rates_version,
                    "via_peg": via_peg,
                    "unconverted_reason": reason or None,
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
# fields in its order, its parties, stages, citations and conversions as
# array_to_json(array_agg(...)): the compact JSON orjson writes, key order included.
# Verified pledges, newest first only.
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
           p.ends_on, p.reported_conversion_amount::text AS reported_conversion_amount,
           p.reported_conversion_currency, p.quantity_basis,
           NULLIF(p.personnel_role, '') AS personnel_role, p.applies_in, p.excluded_from,
           p.caveats, p.duration, NULLIF(p.duration_unit, '') AS duration_unit,
           NULLIF(p.pending_approval, '') AS pending_approval, p.pending_approval_note,
           p.agreement_id AS agreement,
           p.committed_quantity, p.delivered_quantity, p.delivery_gap,
           (SELECT row_to_json(x) FROM (SELECT a.code, a.name, a.kind) x) AS actor_summary,
           COALESCE((SELECT array_to_json(array_agg(row_to_json(y) ORDER BY y.ordinal))
                       FROM (SELECT pp.ordinal, pa.code AS actor,
                                    (SELECT row_to_json(z)
                                       FROM (SELECT pa.code, pa.name, pa.kind) z)
                                        AS actor_summary
                               FROM pledges_pledgeparty pp
                               JOIN coalition_actor pa ON pa.id = pp.actor_id
                              WHERE pp.pledge_id = p.id) y),
                    '[]') AS parties,
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
           {utc_text("p.created_at")} AS created_at, {utc_text("p.updated_at")} AS updated_at,
           COALESCE((SELECT array_to_json(array_agg(row_to_json(v) ORDER BY v.target))
                       FROM (SELECT cv.target, cv.amount::text AS amount, cv.rate::text AS rate,
                                    cv.rate_date, NULLIF(cv.date_rule, '') AS date_rule,
                                    cv.rates_source, cv.rates_version, cv.via_peg,
                                    NULLIF(cv.unconverted_reason, '') AS unconverted_reason
                               FROM pledges_pledgeconversion cv
                              WHERE cv.pledge_id = p.id) v),
                    '[]') AS conversions
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

    query_parameters = {"list": ("json",)}  # which prototype sql_pledge_list serves

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

    query_parameters = {"list": ("json",)}

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


class NaivePartySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.code")
    actor_summary = NaiveActorSummarySerializer(source="actor")

    class Meta:
        model = PledgeParty
        fields = ["ordinal", "actor", "actor_summary"]


class NaiveConversionSerializer(serializers.ModelSerializer):
    date_rule = serializers.SerializerMethodField()
    unconverted_reason = serializers.SerializerMethodField()

    class Meta:
        model = PledgeConversion
        fields = [
            "target",
            "amount",
            "rate",
            "rate_date",
            "date_rule",
            "rates_source",
            "rates_version",
            "via_peg",
            "unconverted_reason",
        ]

    def get_date_rule(self, conversion) -> str | None:
        return conversion.date_rule or None

    def get_unconverted_reason(self, conversion) -> str | None:
        return conversion.unconverted_reason or None


class NaivePledgeSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.code")
    coalition = serializers.CharField(source="coalition.slug", allow_null=True)
    quantity_qualifier = serializers.SerializerMethodField()
    recipient = serializers.CharField(source="recipient.code", allow_null=True)
    host = serializers.CharField(source="host.code", allow_null=True)
    personnel_role = serializers.SerializerMethodField()
    duration_unit = serializers.SerializerMethodField()
    pending_approval = serializers.SerializerMethodField()
    actor_summary = NaiveActorSummarySerializer(source="actor")
    parties = NaivePartySerializer(many=True)
    stages = NaiveStageSerializer(many=True)
    citations = serializers.SerializerMethodField()
    conversions = NaiveConversionSerializer(many=True)
    agreement = serializers.IntegerField(source="agreement_id", allow_null=True)

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
            "reported_conversion_amount",
            "reported_conversion_currency",
            "quantity_basis",
            "personnel_role",
            "applies_in",
            "excluded_from",
            "caveats",
            "duration",
            "duration_unit",
            "pending_approval",
            "pending_approval_note",
            "agreement",
            "committed_quantity",
            "delivered_quantity",
            "delivery_gap",
            "actor_summary",
            "parties",
            "stages",
            "review_status",
            "verified_at",
            "citations",
            "created_at",
            "updated_at",
            "conversions",
        ]

    def get_quantity_qualifier(self, pledge) -> str | None:
        return pledge.quantity_qualifier or None

    def get_personnel_role(self, pledge) -> str | None:
        return pledge.personnel_role or None

    def get_duration_unit(self, pledge) -> str | None:
        return pledge.duration_unit or None

    def get_pending_approval(self, pledge) -> str | None:
        return pledge.pending_approval or None

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
