"""Two baselines for the pledge list, served on the same server as the API.

Both produce the same page: 50 pledges, newest first, each with its actor and its
citations, each citation with its source's title, publisher, date and url.

* ``sql_pledge_list`` — the limit of this stack: one hand-written SQL query (the
  page of pledges joined to its actors, citations and sources), rows folded into
  dicts and serialized with orjson inside a bare Django view. No DRF, no ORM.
* ``NaivePledgeList`` — what a typical DRF project writes first: ModelSerializers
  nested three deep, page-number pagination (a COUNT over the whole table), and no
  ``select_related``/``prefetch_related`` (one query per actor, citation list and
  source: the N+1 pattern).

They are served only when ``BENCH_ENDPOINTS`` is on (see ``bench/urls.py``).
"""

from __future__ import annotations

from urllib.parse import urlencode

import orjson
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination

from coalition.models import Actor
from pledges.models import Pledge, PledgeCitation
from sources.models import Source

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

_PLEDGE_COLUMNS = """
    p.id, p.kind, p.status, p.description, p.quantity, p.quantity_max,
    p.quantity_qualifier, p.quantity_unit, p.amount::text AS amount, p.currency,
    p.announced_on, p.announced_on_precision,
    a.id AS actor_pk, a.code AS actor_code, a.name AS actor_name
"""
# The page is chosen first (an index scan on the primary key, LIMIT n + 1), then
# joined to its citations and their sources.
_SQL = """
WITH page AS (
    SELECT {columns}
    FROM pledges_pledge p
    JOIN coalition_actor a ON a.id = p.actor_id
    {where}
    ORDER BY p.id DESC
    LIMIT %(limit)s
)
SELECT page.*, c.id, c.quote, c.locator, c.stance,
       s.id, s.title, s.publisher, s.published_on, s.url
FROM page
LEFT JOIN pledges_pledgecitation c ON c.pledge_id = page.id
LEFT JOIN sources_source s ON s.id = c.source_id
ORDER BY page.id DESC, c.id
"""
SQL_FIRST_PAGE = _SQL.format(columns=_PLEDGE_COLUMNS, where="")
SQL_NEXT_PAGE = _SQL.format(columns=_PLEDGE_COLUMNS, where="WHERE p.id < %(before)s")


def _int_param(request: HttpRequest, name: str, default: int | None, maximum: int) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 0 < int(raw) <= maximum:
        raise ValueError(f"{name} must be an integer from 1 to {maximum}")
    return int(raw)


def sql_pledge_list(request: HttpRequest) -> HttpResponse:
    """Baseline (1): ``?limit=50&before=<id>`` (keyset: pledges with a smaller id)."""
    try:
        limit = _int_param(request, "limit", PAGE_SIZE, MAX_PAGE_SIZE)
        before = _int_param(request, "before", None, 2**62)
    except ValueError as error:
        return JsonResponse({"detail": str(error)}, status=400)
    params = {"limit": limit + 1, "before": before}
    with connection.cursor() as cursor:
        cursor.execute(SQL_FIRST_PAGE if before is None else SQL_NEXT_PAGE, params)
        rows = cursor.fetchall()

    results: list[dict] = []
    current: dict | None = None
    for row in rows:
        if current is None or current["id"] != row[0]:
            current = {
                "id": row[0],
                "actor": {"id": row[12], "code": row[13], "name": row[14]},
                "kind": row[1],
                "status": row[2],
                "description": row[3],
                "quantity": row[4],
                "quantity_max": row[5],
                "quantity_qualifier": row[6],
                "quantity_unit": row[7],
                "amount": row[8],
                "currency": row[9],
                "announced_on": row[10],
                "announced_on_precision": row[11],
                "citations": [],
            }
            results.append(current)
        if row[15] is not None:
            current["citations"].append(
                {
                    "id": row[15],
                    "quote": row[16],
                    "locator": row[17],
                    "stance": row[18],
                    "source": {
                        "id": row[19],
                        "title": row[20],
                        "publisher": row[21],
                        "published_on": row[22],
                        "url": row[23],
                    },
                }
            )
    next_url = None
    if len(results) > limit:
        results = results[:limit]
        query = urlencode({"limit": limit, "before": results[-1]["id"]})
        next_url = request.build_absolute_uri(f"{request.path}?{query}")
    body = orjson.dumps({"next": next_url, "previous": None, "results": results})
    return HttpResponse(body, content_type="application/json")


# --- Baseline (2): the naive DRF version -----------------------------------------------
class NaiveActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "code", "name"]


class NaiveSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "title", "publisher", "published_on", "url"]


class NaiveCitationSerializer(serializers.ModelSerializer):
    source = NaiveSourceSerializer()

    class Meta:
        model = PledgeCitation
        fields = ["id", "quote", "locator", "stance", "source"]


class NaivePledgeSerializer(serializers.ModelSerializer):
    actor = NaiveActorSerializer()
    citations = NaiveCitationSerializer(many=True)

    class Meta:
        model = Pledge
        fields = [
            "id",
            "actor",
            "kind",
            "status",
            "description",
            "quantity",
            "quantity_max",
            "quantity_qualifier",
            "quantity_unit",
            "amount",
            "currency",
            "announced_on",
            "announced_on_precision",
            "citations",
        ]


class NaivePagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "limit"
    max_page_size = MAX_PAGE_SIZE


class NaivePledgeList(generics.ListAPIView):
    """Baseline (2): ``?page=N``. Project defaults for authentication, permissions,
    filters and renderers, as a project would have them."""

    queryset = Pledge.objects.order_by("-id")
    serializer_class = NaivePledgeSerializer
    pagination_class = NaivePagination
    schema = None  # not part of the API's OpenAPI document
