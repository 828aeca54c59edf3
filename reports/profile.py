"""``GET /api/v1/actors/{code}/profile/``: one actor at a glance.

Its memberships over time, its pledges by kind and by status, its newest refusals, and
the newest sources that back claims about it, with how many of each there are; in a
constant number of queries, whatever the number of rows. The two lists are bounded
(``?limit=``, default 20) because a large actor's refusals and sources run to many
thousands. It reads pledges, memberships and sources, so it lives in reports (above the
three apps), and is routed in ``config/api_urls.py`` beside the actor resource.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import connections
from django.db.models import F, QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, get_object_or_404
from rest_framework.response import Response

from api.fastread import compile_plan, declared_prefetches
from api.serializers import FastReadSerializerMixin, QueryParamsSerializer
from api.viewsets import RejectNulMixin
from api.visibility import verified_only
from coalition.api.serializers import ActorSerializer, code_of
from coalition.api.views import ActorViewSet
from coalition.models import Actor, Attendance, AttendanceCitation, Membership, MembershipCitation
from pledges.api.serializers import PledgeSerializer
from pledges.api.summary import SummaryGroupSerializer
from pledges.choices import PledgeStatus
from pledges.models import Pledge, PledgeCitation
from pledges.rollups import rollup_summary, rollups_enabled
from pledges.summary import pledge_summary
from sources.api.examples import CITATION_EXAMPLE
from sources.api.serializers import CitationSerializer, SourceSummarySerializer
from sources.choices import ReviewStatus
from sources.models import Source

PROFILE_LIMIT = 20
PROFILE_MAX_LIMIT = 200

# The sources citing an actor's claims, counted, newest first. The three arms are the
# ORM's own SQL (visibility included); the counting and the page are done here because
# the ORM cannot group a UNION. ``count(*) OVER ()`` is the number of sources before the
# LIMIT. Sources without a date come first, as in the source list (``-published_on``).
_SOURCES_SQL = """
WITH counted AS (
    SELECT source_id, count(*) AS n
      FROM ({pledges} UNION ALL {memberships} UNION ALL {attendances}) cited (source_id)
     GROUP BY source_id
)
SELECT counted.source_id, counted.n, count(*) OVER ()
  FROM counted JOIN {source} s ON s.id = counted.source_id
 ORDER BY s.published_on DESC, s.id
 LIMIT %s
"""


# The same page from the rollup (reports.models.ActorSourceCount): the actor's rows with a
# visible quote, newest source first, and the number of such sources. ``pending``: this
# transaction has deltas not applied yet (then the query above answers). The last row
# only carries ``pending`` and the count, when the actor has no such source.
_ROLLUP_SOURCES_SQL = """
SELECT c.source_id, c.{count}, t.{sources}, ({pending})
  FROM reports_actorsourcecount c
  JOIN {source} s ON s.id = c.source_id
  LEFT JOIN reports_actorsourcetotal t ON t.actor_id = c.actor_id
 WHERE c.actor_id = %s AND c.{count} > 0
 ORDER BY s.published_on DESC, s.id
 LIMIT %s
"""
_ROLLUP_PENDING = (
    "SELECT EXISTS (SELECT 1 FROM rollup_pending_xact WHERE xid = txid_current_if_assigned())"
)


class ProfileQuerySerializer(QueryParamsSerializer):
    limit = serializers.IntegerField(
        required=False,
        default=PROFILE_LIMIT,
        min_value=1,
        max_value=PROFILE_MAX_LIMIT,
        help_text=(
            f"How many refusals and how many sources to list (1 to {PROFILE_MAX_LIMIT}, "
            f"default {PROFILE_LIMIT}); `refusals_count` and `sources_count` say how many "
            "there are in all."
        ),
    )


class ProfileMembershipSerializer(FastReadSerializerMixin, serializers.ModelSerializer):
    """One period of the actor's status in a coalition."""

    coalition = code_of("coalition.slug", help_text="Coalition slug.")
    coalition_name = code_of("coalition.name", help_text="Coalition name.")
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "coalition",
            "coalition_name",
            "status",
            "started_on",
            "started_on_precision",
            "ended_on",
            "ended_on_precision",
            "review_status",
            "citations",
        ]
        read_only_fields = fields


class ProfileSourceSerializer(SourceSummarySerializer):
    """A source that backs claims about the actor."""

    citations = serializers.IntegerField(
        read_only=True, help_text="How many of its quotes back claims about this actor."
    )

    class Meta(SourceSummarySerializer.Meta):
        fields = [*SourceSummarySerializer.Meta.fields, "citations"]
        read_only_fields = fields


class ActorProfileSerializer(serializers.Serializer):
    actor = ActorSerializer()
    memberships = ProfileMembershipSerializer(
        many=True, help_text="Its periods in every coalition, oldest first."
    )
    pledges_by_kind = SummaryGroupSerializer(
        many=True, help_text="Its pledges by kind: count, quantities, amounts by currency."
    )
    pledges_by_status = SummaryGroupSerializer(many=True, help_text="Its pledges by status.")
    refusals = PledgeSerializer(
        many=True,
        help_text=(
            "What it refused (pledges with status `refused`), newest first (by "
            "`announced_on`, undated last), at most `limit` of them."
        ),
    )
    refusals_count = serializers.IntegerField(help_text="How many refusals there are in all.")
    refusals_url = serializers.URLField(
        help_text="The pledge list of all its refusals (filtered by actor and status)."
    )
    sources = ProfileSourceSerializer(
        many=True,
        help_text=(
            "Sources whose quotes back its pledges, memberships or attendance, newest first "
            "(undated first, as in the source list), at most `limit` of them."
        ),
    )
    sources_count = serializers.IntegerField(
        help_text="How many sources back claims about it in all."
    )


def _summary_example(key, label, count, quantities=None, amounts=None):
    quantities = quantities or {}
    return {
        "key": key,
        "label": label,
        "count": count,
        "quantities": quantities,
        "amounts": amounts or {},
        "converted_total": None,
        "unconverted_count": None,
        "personnel": {},
        "committed": quantities,
        "delivered": dict.fromkeys(quantities, 0),
        "delivery_gap": quantities,
    }


PROFILE_EXAMPLE = {
    "actor": ActorViewSet.example,
    "memberships": [
        {
            "id": 7,
            "coalition": "global-coalition-against-daesh",
            "coalition_name": "Global Coalition against Daesh",
            "status": "member",
            "started_on": "2014-09-14",
            "started_on_precision": "day",
            "ended_on": None,
            "ended_on_precision": "day",
            "review_status": "verified",
            "citations": [CITATION_EXAMPLE],
        }
    ],
    "pledges_by_kind": [
        _summary_example("aircraft", "Aircraft", 1, {"aircraft": 8}),
        _summary_example(
            "troops", "Troops (ground forces, special forces, advisers)", 1, {"troops": 600}
        ),
    ],
    "pledges_by_status": [
        _summary_example("committed", "Committed", 2, {"aircraft": 8, "troops": 600})
    ],
    "refusals": [],
    "refusals_count": 0,
    "refusals_url": "https://coalition.example.org/api/v1/pledges/?actor=AUS&status=refused",
    "sources": [
        {
            "id": 3,
            "title": "Australia to send fighter jets to fight Islamic State",
            "publisher": "Reuters",
            "published_on": "2014-09-14",
            "url": "https://www.reuters.com/article/example",
            "citations": 2,
        }
    ],
    "sources_count": 1,
}


class ActorProfileView(RejectNulMixin, GenericAPIView):
    """An actor at a glance: memberships, pledges, refusals, sources."""

    queryset = Actor.objects.all()
    serializer_class = ActorProfileSerializer
    lookup_field = "code"
    filter_backends = []
    pagination_class = None
    query_parameters = {"get": (ProfileQuerySerializer,)}

    def verified_only(self, model) -> bool:
        return verified_only(self.request, model)

    def sources(self, actor: Actor, limit: int) -> tuple[list[Source], int]:
        """The newest ``limit`` sources citing claims about the actor (each with
        ``citations``, how many of its quotes do) and how many such sources there are."""
        rows = self.rollup_sources(actor, limit)
        if rows is None:
            rows = self.live_sources(actor, limit)
        if not rows:
            return [], 0
        by_id = Source.objects.defer("text", "notes").in_bulk([row[0] for row in rows])
        sources = []
        for source_id, quotes, _ in rows:
            source = by_id[source_id]
            source.citations = quotes
            sources.append(source)
        return sources, rows[0][2]

    def rollup_sources(self, actor: Actor, limit: int) -> list[tuple] | None:
        """The page of :meth:`sources` from the rollup, when it answers: the reader sees
        verified claims only of all three kinds or all claims of all three."""
        hidden = {self.verified_only(m) for m in (Pledge, Membership, Attendance)}
        if not rollups_enabled() or len(hidden) != 1:
            return None
        verified = hidden.pop()
        sql = _ROLLUP_SOURCES_SQL.format(
            count="verified" if verified else "total",
            sources="verified_sources" if verified else "sources",
            pending=_ROLLUP_PENDING,
            source=connections[Source.objects.db].ops.quote_name(Source._meta.db_table),
        )
        with connections[Source.objects.db].cursor() as cursor:
            cursor.execute(sql, [actor.pk, limit])
            rows = cursor.fetchall()
            if not rows:  # no source: only whether the rollup may say so
                cursor.execute(_ROLLUP_PENDING)
                return None if cursor.fetchone()[0] else []
        if rows[0][3]:
            return None
        return [row[:3] for row in rows]

    def live_sources(self, actor: Actor, limit: int) -> list[tuple]:
        """The page of :meth:`sources` counted from the citation tables."""

        def cited(citation_model, claim_field: str, claim_model) -> QuerySet:
            quotes = citation_model.objects.filter(**{f"{claim_field}__actor": actor})
            if self.verified_only(claim_model):
                quotes = quotes.filter(**{f"{claim_field}__review_status": ReviewStatus.VERIFIED})
            return quotes.order_by().values_list("source_id")

        parts = [
            cited(PledgeCitation, "pledge", Pledge),
            cited(MembershipCitation, "membership", Membership),
            cited(AttendanceCitation, "attendance", Attendance),
        ]
        compiled = [part.query.sql_with_params() for part in parts]
        sql = _SOURCES_SQL.format(
            pledges=compiled[0][0],
            memberships=compiled[1][0],
            attendances=compiled[2][0],
            source=connections[Source.objects.db].ops.quote_name(Source._meta.db_table),
        )
        params = [*compiled[0][1], *compiled[1][1], *compiled[2][1], limit]
        with connections[Source.objects.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def pledge_summary(self, actor: Actor, pledges, group_by: str):
        """The actor's pledges by kind or status: from the rollup when it answers."""
        if rollups_enabled():
            groups = rollup_summary(
                group_by=group_by, verified_only=self.verified_only(Pledge), actor_id=actor.pk
            )
            if groups is not None:
                return groups
        return pledge_summary(pledges, group_by=group_by)

    @extend_schema(
        operation_id="actors_profile_retrieve",
        tags=["actors"],
        summary="An actor at a glance",
        description=(
            "One actor (by code, any case) with: its membership periods in every coalition "
            "(oldest first, with their citations); its pledges counted and totalled by kind "
            "and by status (quantities by kind, amounts by currency, as in "
            "`/api/v1/pledges/summary/`); the newest of what it refused (pledges with status "
            "`refused`), with their number and a link to the whole list; and the newest "
            "sources whose quotes back its pledges, memberships or attendance (with how "
            "many of their quotes do), with their number. `limit` bounds both lists. The "
            "public sees verified claims only. A constant number of queries, whatever the "
            "actor's record."
        ),
        parameters=list(query_parameters["get"]),
        responses=ActorProfileSerializer,
        examples=[OpenApiExample("Profile", value=PROFILE_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        params = ProfileQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        limit = params.validated_data["limit"]
        actor = get_object_or_404(Actor.objects.for_api(), code=kwargs["code"].upper())
        pledges = Pledge.objects.visible(verified_only=self.verified_only(Pledge)).filter(
            actor=actor
        )
        memberships = (
            Membership.objects.for_api(verified_only=self.verified_only(Membership))
            .filter(actor=actor)
            .order_by("started_on", "coalition__name", "id")
        )
        by_status = self.pledge_summary(actor, pledges, "status")
        refusals_count = sum(
            g["count"] if isinstance(g, dict) else g.count
            for g in by_status
            if (g["key"] if isinstance(g, dict) else g.key) == PledgeStatus.REFUSED
        )
        refusals = (
            Pledge.objects.for_api(verified_only=self.verified_only(Pledge))
            .filter(actor=actor, status=PledgeStatus.REFUSED)
            .order_by(F("announced_on").desc(nulls_last=True), "-id")[:limit]
        )
        sources, sources_count = self.sources(actor, limit)
        query = urlencode({"actor": actor.code, "status": PledgeStatus.REFUSED})
        refusals_url = request.build_absolute_uri(f"{reverse('api-v1:pledge-list')}?{query}")
        body = {
            "actor": actor,
            "memberships": memberships,
            "pledges_by_kind": self.pledge_summary(actor, pledges, "kind"),
            "pledges_by_status": by_status,
            "refusals": refusals,
            "refusals_count": refusals_count,
            "refusals_url": refusals_url,
            "sources": sources,
            "sources_count": sources_count,
        }
        rendered = self.rendered_pledges(refusals)
        if rendered is not None:
            body["refusals"] = []
        context = self.get_serializer_context()
        data = ActorProfileSerializer(body, context=context).data
        if rendered is not None:
            data["refusals"] = rendered
        return Response(data)

    def rendered_pledges(self, pledges: QuerySet) -> list[dict] | None:
        """``pledges`` as the pledge list writes them, from ``.values()`` rows by the
        pledge serializer's compiled plan (as the list's and detail's fast path; building
        the nested serializers' fields for each request cost more than the rows), or None
        to let the serializer build them."""
        plan = compile_plan(PledgeSerializer, Pledge) if FastReadSerializerMixin.enabled else None
        if plan is None:
            return None
        nested = declared_prefetches(Pledge, verified_only=self.verified_only(Pledge))
        return plan.render(list(plan.values(pledges)), nested=nested)
