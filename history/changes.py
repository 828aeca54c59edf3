"""The change feed: ``GET /api/v1/changes/?since=CURSOR`` for clients that keep a copy.

Every creation, update and deletion of every record with a history, in commit-safe
order (:func:`history.readers.changes_since`): a client applies them in order and keeps
the ``cursor`` of the last page to resume from. A deletion is a tombstone (the type and
id, no data). Only transactions older than every transaction still running in this
database are served (:func:`history.readers.feed_horizon`), so a change that commits late
can never land behind a cursor a client already holds; ``lag`` says how far behind that
horizon is.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.schema import AutoSchema
from api.serializers import QueryParamsSerializer
from api.viewsets import RejectNulMixin
from database.replicas import reads_primary
from history.api import ACTION_CHOICES, RecordField, record_types
from history.readers import (
    BadCursor,
    Cursor,
    changes_since,
    feed_horizon,
    tracked_models,
    type_name,
)
from history.schema import record_example

OTHER_DATABASE = (
    "This cursor was handed out by another database (another server, a copy or a restore "
    "of this one): its positions mean nothing here. Read this feed from the start (leave "
    "out since) and keep the cursors it hands out."
)
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


class ChangeFeedQuerySerializer(QueryParamsSerializer):
    since = serializers.RegexField(
        r"^[A-Za-z0-9_-]{1,200}$",
        required=False,
        help_text=("The `cursor` of the previous answer; omit it to read the feed from the start."),
        error_messages={"invalid": "Not a cursor this feed handed out."},
    )
    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        default=DEFAULT_LIMIT,
        help_text=f"Changes per answer, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
    )
    type = serializers.MultipleChoiceField(
        choices=[],
        required=False,
        help_text="Only changes of these kinds of record (repeat for several).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(name, name) for name in record_types()]


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Position of this change; resume after it.")
    type = serializers.ChoiceField(choices=[], help_text="The kind of record.")
    id = serializers.IntegerField(help_text="The record's id.")
    action = serializers.ChoiceField(choices=ACTION_CHOICES)
    at = serializers.DateTimeField(help_text="When the change was written (UTC).")
    data = RecordField(
        allow_null=True,
        help_text="The record after the change (database column names); null for a deletion.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(name, name) for name in record_types()]


class FeedLagSerializer(serializers.Serializer):
    transactions = serializers.IntegerField(
        min_value=0,
        help_text="Transaction ids from the oldest transaction still open in this "
        "database to the newest that has ended: the changes of those that committed wait "
        "for it to end. 0 when nothing waits.",
    )
    seconds = serializers.FloatField(
        allow_null=True,
        min_value=0,
        help_text="How long that oldest transaction has been open; 0 when nothing waits, "
        "null when the server hides its session from the API's database role.",
    )


class ChangeFeedSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True, help_text="Oldest first.")
    cursor = serializers.CharField(
        allow_null=True,
        help_text=(
            "Send it as `since` next time to get what changed after this answer; null only "
            "when the feed holds nothing yet."
        ),
    )
    next = serializers.URLField(
        allow_null=True,
        help_text="When this answer was full, the URL of the next one (call it at once); "
        "else null: you are up to date.",
    )
    lag = FeedLagSerializer(
        help_text="How far the feed is behind: a transaction left open in this database "
        "holds back the changes of every later one until it ends."
    )


FEED_EXAMPLE = {
    "results": [
        {
            "cursor": "NzQxMi5wbGVkZ2UuMTAx",
            "type": "pledge",
            "id": 12,
            "action": "create",
            "at": "2026-11-20T09:12:03.412Z",
            "data": record_example(
                "pledge",
                id=12,
                actor_id=14,
                kind="aircraft",
                status="announced",
                quantity=8,
                review_status="verified",
            ),
        },
        {
            "cursor": "NzQxNS5wbGVkZ2UuMTA5",
            "type": "pledge",
            "id": 9,
            "action": "delete",
            "at": "2026-11-20T10:01:44.090Z",
            "data": None,
        },
    ],
    "cursor": "NzQxNS5wbGVkZ2UuMTA5",
    "next": None,
    "lag": {"transactions": 0, "seconds": 0.0},
}


class ChangeFeedSchema(AutoSchema):
    def error_codes(self) -> list[str]:
        return sorted({*super().error_codes(), "403"})


@reads_primary  # the feed's horizon and its events: the primary's latest state
class ChangeFeedView(RejectNulMixin, GenericAPIView):
    """Everything that changed since a cursor: creations, updates and deletions."""

    permission_classes = [IsAuthenticated]
    filter_backends = []
    pagination_class = None
    serializer_class = ChangeFeedSerializer
    schema = ChangeFeedSchema()
    query_parameters = {"get": (ChangeFeedQuerySerializer,)}

    def viewable_types(self) -> set[str]:
        user = self.request.user
        return {
            type_name(model)
            for model in tracked_models()
            if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        }

    @extend_schema(
        operation_id="changes_list",
        tags=["changes"],
        summary="What changed since a cursor",
        description=(
            "Creations, updates and deletions of every record with a history (actors, "
            "coalitions, memberships, meetings, attendance, size reports, pledges, their "
            "citations and stages, sources, and the extractor's pledge proposals for those "
            "allowed to see them), oldest first. Apply them in order to a copy, "
            "then keep `cursor` and send it as `since` next time; a deletion comes as a "
            "tombstone (`action: delete`, the id, `data: null`). While `next` is not null "
            "more is waiting: follow it at once.\n\n"
            "`data` is the stored record (database column names: `actor_id` is the actor's "
            "id), drafts included. Only transactions older than every one still running in "
            "this database are served, so nothing can commit behind a cursor you hold: a "
            "change shows up once its transaction and every older one have ended. `lag` "
            "says how far behind that horizon is (a transaction left open holds it).\n\n"
            "Needs an authenticated user; each kind of record needs its `view` permission "
            "(the analysts and viewers groups have them all). A cursor this feed did not "
            "hand out answers 400; so does one another database handed out (another server, "
            "a copy or a restore: code `other_database`): read the feed from the start "
            "then. Each cursor names the database it comes from; cursors from before that "
            f"mark still work. `limit` is 1 to {MAX_LIMIT}."
        ),
        parameters=list(query_parameters["get"]),
        responses=ChangeFeedSerializer,
        examples=[OpenApiExample("Changes", value=FEED_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        query = ChangeFeedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        types = self.viewable_types()
        if not types:
            raise PermissionDenied()
        if params.get("type"):
            types &= set(params["type"])
        cursor = None
        if params.get("since"):
            try:
                cursor = Cursor.decode(params["since"])
            except BadCursor as exc:
                raise ValidationError({"since": [str(exc)]}, code="invalid") from exc
        limit = params["limit"]
        horizon = feed_horizon()
        if cursor is not None and cursor.database and cursor.database != horizon.database:
            raise ValidationError({"since": [ErrorDetail(OTHER_DATABASE, code="other_database")]})
        changes, last = changes_since(cursor, limit=limit, types=types, horizon=horizon)
        resume = last.marked(horizon.database).encode() if last is not None else None
        next_url = None
        if len(changes) == limit and resume:
            next_url = replace_query_param(request.build_absolute_uri(), "since", resume)
        lag = {"transactions": horizon.lag_transactions, "seconds": horizon.lag_seconds}
        body = {"results": changes, "cursor": resume, "next": next_url, "lag": lag}
        return Response(ChangeFeedSerializer(body).data)
