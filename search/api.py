"""``GET /api/v1/search/?q=...``: ranked full-text search for API clients.

Pledges (description, quotes), memberships (quotes), sources (title, text) and actors
(name, code), in one list, best first, with a snippet and the link of each hit. The
public sees verified claims only, as in the lists. Routed in ``config/api_urls.py``.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api.serializers import QueryParamsSerializer
from api.viewsets import RejectNulMixin
from api.visibility import verified_only
from coalition.models import Actor, Coalition, Membership
from pledges.choices import PledgeKind
from pledges.models import Pledge
from search.query import TYPES, Search, run_search

SEARCH_LIMIT = 20
SEARCH_MAX_LIMIT = 100
SEARCH_MAX_OFFSET = 10_000
ROUTES = {"pledge": "pledge", "membership": "membership", "source": "source", "actor": "actor"}


class SearchQuerySerializer(QueryParamsSerializer):
    q = serializers.CharField(
        max_length=200,
        help_text=(
            "What to look for, in web search syntax: words (all must match, in any form: "
            '"pledged" finds "pledge", "turkiye" finds "Türkiye"), "a quoted phrase", '
            "`or`, and `-word` to exclude one."
        ),
    )
    type = serializers.MultipleChoiceField(
        choices=TYPES,
        required=False,
        help_text="Only hits of these types (repeat for several); all types by default.",
    )
    actor = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$",
        required=False,
        help_text=(
            "Code of an actor (any case): its pledges and memberships, and the actor itself. "
            "Sources are left out."
        ),
    )
    kind = serializers.MultipleChoiceField(
        choices=PledgeKind.choices,
        required=False,
        help_text="Pledges of these kinds only (repeat for several); other types are left out.",
    )
    coalition = serializers.SlugField(
        required=False,
        help_text="Slug of a coalition: its pledges and memberships; other types are left out.",
    )
    limit = serializers.IntegerField(
        required=False,
        default=SEARCH_LIMIT,
        min_value=1,
        max_value=SEARCH_MAX_LIMIT,
        help_text=f"Hits per page (1 to {SEARCH_MAX_LIMIT}, default {SEARCH_LIMIT}).",
    )
    offset = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=SEARCH_MAX_OFFSET,
        help_text=f"How many hits to skip (at most {SEARCH_MAX_OFFSET:,}).",
    )

    def validate_actor(self, value: str) -> Actor:
        actor = Actor.objects.filter(code=value.upper()).first()
        if actor is None:
            raise serializers.ValidationError(f"No actor has the code {value.upper()!r}.")
        return actor

    def validate_coalition(self, value: str) -> Coalition:
        coalition = Coalition.objects.filter(slug=value).first()
        if coalition is None:
            raise serializers.ValidationError(f"No coalition has the slug {value!r}.")
        return coalition


class SearchHitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=TYPES, help_text="What the hit is.")
    id = serializers.IntegerField(help_text="Its id in its own resource.")
    rank = serializers.FloatField(
        help_text=(
            "How well it matches (higher is better): PostgreSQL's ts_rank for claims and "
            "sources, the name's similarity (0 to 1) for actors."
        )
    )
    title = serializers.CharField(
        help_text="A pledge's actor, kind and status; a membership's actor, status and "
        "coalition; a source's title; an actor's name."
    )
    snippet = serializers.CharField(
        help_text=(
            "The passage that matches, HTML-escaped, the matching words in `<mark>`: a "
            "pledge's description or quote, a membership's quote, a source's text or title."
        )
    )
    actor = serializers.CharField(
        allow_null=True, help_text="Code of the actor of a pledge or membership, or the actor."
    )
    url = serializers.URLField(help_text="The hit in its own resource.")


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many hits there are in all.")
    next = serializers.URLField(allow_null=True, help_text="The next page; null on the last.")
    previous = serializers.URLField(
        allow_null=True, help_text="The previous page; null on the first."
    )
    results = SearchHitSerializer(many=True)


SEARCH_EXAMPLE = {
    "count": 2,
    "next": None,
    "previous": None,
    "results": [
        {
            "type": "actor",
            "id": 224,
            "rank": 1.0,
            "title": "Türkiye",
            "snippet": "Türkiye — Republic of Türkiye",
            "actor": "TUR",
            "url": "https://coalition.example.org/api/v1/actors/TUR/",
        },
        {
            "type": "pledge",
            "id": 12,
            "rank": 0.607927,
            "title": "Türkiye: basing (refused)",
            "snippet": "<mark>Türkiye</mark> refuses the use of Incirlik air base for strikes",
            "actor": "TUR",
            "url": "https://coalition.example.org/api/v1/pledges/12/",
        },
    ],
}


class SearchView(RejectNulMixin, GenericAPIView):
    """Ranked full-text search across pledges, memberships, sources and actors."""

    filter_backends = []
    pagination_class = None
    serializer_class = SearchPageSerializer
    query_parameters = {"get": (SearchQuerySerializer,)}

    @extend_schema(
        operation_id="search_list",
        tags=["search"],
        summary="Search pledges, memberships, sources and actors",
        description=(
            "Full-text search (PostgreSQL, English stemming, accents ignored) over pledge "
            "descriptions and quotes, membership quotes, source titles and texts, and "
            "actor names and codes (by similarity), ranked best first, with a highlighted "
            "snippet and the link of each hit. Filters narrow it like the lists; a filter "
            "leaves out the types that do not have its field. The public sees verified "
            "claims only. Pages by `limit` and `offset`; a parameter it does not know "
            "answers 400."
        ),
        parameters=list(query_parameters["get"]),
        responses=SearchPageSerializer,
        examples=[OpenApiExample("Search", value=SEARCH_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        search = Search(
            q=data["q"],
            types=set(data.get("type") or TYPES),
            actor=data.get("actor"),
            kinds=sorted(data.get("kind") or ()),
            coalition=data.get("coalition"),
            verified_pledges_only=verified_only(request, Pledge),
            verified_memberships_only=verified_only(request, Membership),
            limit=data["limit"],
            offset=data["offset"],
        )
        hits, count = run_search(search)
        results = [
            {
                "type": hit.type,
                "id": hit.id,
                "rank": hit.rank,
                "title": hit.title,
                "snippet": hit.snippet,
                "actor": hit.actor,
                "url": request.build_absolute_uri(
                    reverse(f"api-v1:{ROUTES[hit.type]}-detail", args=[hit.key])
                ),
            }
            for hit in hits
        ]
        end = search.offset + search.limit
        next_offset = end if end < count and end <= SEARCH_MAX_OFFSET else None
        previous_offset = max(0, search.offset - search.limit) if search.offset else None
        return Response(
            {
                "count": count,
                "next": self._page_link(request, next_offset),
                "previous": self._page_link(request, previous_offset),
                "results": results,
            }
        )

    @staticmethod
    def _page_link(request, offset: int | None) -> str | None:
        if offset is None:
            return None
        query = request.query_params.copy()
        query.setlist("offset", [str(offset)])
        if not offset:
            query.pop("offset")
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
