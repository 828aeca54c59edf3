"""Exports: a whole filtered list as CSV or JSON Lines, streamed.

``GET /api/v1/pledges/export/?format=csv`` (or ``Accept: text/csv``; ``format=jsonl`` or
``Accept: application/x-ndjson`` for JSON Lines) takes the list's filters and ordering and
answers every row, not a page. Rows are read with a server-side cursor in chunks of 2,000
(``values_list(...).iterator(chunk_size=2000)``: tuples, not model instances) and written
out as they come, so a million rows take the memory of one chunk. The CSV starts with a
header row; its column names (a viewset's ``export_columns``) are part of the API
contract and do not change. A text cell that a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@``, tab, CR first) starts with ``'`` (api/spreadsheet.py);
JSON Lines stays raw.

JSON Lines is sent as ``application/x-ndjson``: generated clients (hey-api, and any that
treat ``application/json*`` as one JSON document) then read it as text or a stream
instead of parsing it. ``Accept: application/jsonl``, the media type of v1's first
release, still gets it under that name.

Errors (a bad filter) answer in the JSON error shape whatever format was asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import orjson
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, Expression, OuterRef, Value
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework.decorators import action
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer

from api.errors import ErrorSerializer
from api.filters import KNOWN_AT, StrictOrderingFilter
from api.pagination import keys_from_ordering
from api.schema import AutoSchema
from api.serializers import plain
from api.spreadsheet import safe_cell

CHUNK_ROWS = 2000
FLUSH_BYTES = 64 * 1024
CSV_MEDIA_TYPE = "text/csv"
NDJSON_MEDIA_TYPE = "application/x-ndjson"
JSONL_MEDIA_TYPE = "application/jsonl"  # v1's first name for it: sent when asked for


# --- Renderers and negotiation ---------------------------------------------------------------


class CSVRenderer(BaseRenderer):
    """Declares ``text/csv`` (``?format=csv``). Exports stream their own body; views that
    answer a table in a ``Response`` give ``{"header": [...], "rows": [[...], ...]}``."""

    media_type = CSV_MEDIA_TYPE
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"".join(csv_chunks(data["header"], data["rows"]))


class JSONLinesRenderer(BaseRenderer):
    """Declares ``application/x-ndjson`` (``?format=jsonl``): one JSON object per line."""

    media_type = NDJSON_MEDIA_TYPE
    format = "jsonl"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"".join(jsonl_chunks(data["header"], data["rows"]))


class JSONLinesAsJSONLRenderer(JSONLinesRenderer):
    """The same body as ``application/jsonl``, for a client whose ``Accept`` names it."""

    media_type = JSONL_MEDIA_TYPE


class FormatNegotiation(DefaultContentNegotiation):
    """``?format=`` picks the format (400 if unknown), ``Accept`` the media type among
    the renderers of that format (or any format without ``?format=``); else the first."""

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if wanted:
            matching = [renderer for renderer in renderers if renderer.format == wanted]
            if not matching:
                names = ", ".join(dict.fromkeys(r.format for r in renderers))
                raise ValidationError({"format": [f"Give one of: {names}."]}, code="invalid_choice")
            renderers = matching
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type


# --- Writing rows ------------------------------------------------------------------------------


def _plain_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(_plain_cell(v)) for v in value)
    if isinstance(value, dt.date | Decimal):
        return plain(value)
    return value


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: empty for null, ISO dates, decimals in full, lists joined
    by ``;``, booleans as true/false; text a spreadsheet would run as a formula gets a
    leading ``'`` (api/spreadsheet.py), numbers stay numbers."""
    return safe_cell(_plain_cell(value))


def csv_chunks(header: list[str], rows: Iterable[tuple]) -> Iterator[bytes]:
    """The CSV text of ``rows`` after a header row, in chunks of about 64 KB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(name) for name in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
        if buffer.tell() >= FLUSH_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def jsonl_chunks(header: list[str], rows: Iterable[tuple]) -> Iterator[bytes]:
    """One JSON object per row and line (keys: the header), in chunks of about 64 KB."""
    parts: list[bytes] = []
    size = 0
    for row in rows:
        line = orjson.dumps(
            {
                name: plain(v) if isinstance(v, dt.datetime) else v
                for name, v in zip(header, row, strict=True)
            },
            default=_json_default,
        )
        parts.append(line + b"\n")
        size += len(line) + 1
        if size >= FLUSH_BYTES:
            yield b"".join(parts)
            parts, size = [], 0
    if parts:
        yield b"".join(parts)


def cited_source_ids(citation_model, claim_field: str) -> ArraySubquery:
    """Column: the ids of the sources a claim cites, in citation order (an array)."""
    return ArraySubquery(
        citation_model.objects.filter(**{claim_field: OuterRef("pk")})
        .order_by("id")
        .values("source_id")
    )


# --- Schema ----------------------------------------------------------------------------------


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["csv", "jsonl"],
    description=(
        "`csv` (the default; a header row, then one row per record, `text/csv`) or `jsonl` "
        "(JSON Lines: one object per line, `application/x-ndjson`). `Accept: text/csv` or "
        "`Accept: application/x-ndjson` chooses too; `Accept: application/jsonl` gets JSON "
        "Lines under that name."
    ),
    required=False,
)


class FileSchema(AutoSchema):
    """An operation that answers a file: errors stay ``application/json``."""

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        if serializer is ErrorSerializer or isinstance(serializer, ErrorSerializer):
            media_types = ["application/json"]
        return super()._get_response_for_code(serializer, status_code, media_types, direction)


class ExportSchema(FileSchema):
    def get_description(self):
        view = self.view
        columns = ", ".join(f"`{name}`" for name in view.export_columns)
        return (
            f"Every {view.noun} the list would answer for these filters (all pages at once), "
            f"in the list's order, as CSV or JSON Lines, streamed as it is read: a million "
            f"rows take constant memory. The CSV starts with a header row; the columns, "
            f"whose names do not change, are: {columns}. {view.export_notes}\n\n"
            "In CSV, an empty cell is null, lists are joined with `;`, dates and times are "
            "ISO 8601 (UTC), amounts keep every digit; text that a spreadsheet would run as "
            "a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return, and "
            "not a plain number) gets a leading `'`. JSON Lines has the same keys, raw. The "
            "public gets verified claims only. Errors answer in the JSON error shape."
        ).strip()

    def get_examples(self):
        view = self.view
        header = list(view.export_columns)
        sample = {**(view.example or {}), **(view.export_example or {})}
        row = [csv_cell(sample.get(name)) for name in header]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([header, row])
        line = orjson.dumps({name: sample.get(name) for name in header}).decode()
        return [
            *super().get_examples(),
            OpenApiExample(
                "CSV", value=buffer.getvalue(), media_type=CSV_MEDIA_TYPE, response_only=True
            ),
            *(
                OpenApiExample(
                    "JSON Lines", value=line + "\n", media_type=media_type, response_only=True
                )
                for media_type in (NDJSON_MEDIA_TYPE, JSONL_MEDIA_TYPE)
            ),
        ]


EXPORT_ANSWER = (
    "Every row, streamed: CSV (`text/csv`) or JSON Lines (`application/x-ndjson`, or "
    "`application/jsonl` when `Accept` asks for that name)."
)


# --- The action --------------------------------------------------------------------------------


class ExportMixin:
    """Adds ``GET export/`` to a DomainViewSet that declares ``export_columns``: the CSV or
    JSON Lines column name -> a field path (``actor__code``) or an expression. Adds the
    action only; errors answer in JSON by the viewset's ``finalize_response``."""

    export_columns: dict[str, str | Expression] = {}
    export_notes: str = ""
    # The schema's sample row is the resource's ``example``; this adds the export-only
    # columns (``actor_name``, ``source_ids`` ...).
    export_example: dict[str, Any] | None = None
    # Columns that a filter annotates (``status_as_of`` by ``as_of``): null without it.
    export_annotations: tuple[str, ...] = ()

    def export_queryset(self):
        """The rows before filters: the model's, verified only for the public."""
        model = self.queryset.model
        objects = model.objects.all()
        if self.claim_model is model:
            objects = objects.visible(verified_only=self.verified_only())
        return objects

    def export_column_values(self, queryset) -> list[str | Expression]:
        annotated = queryset.query.annotations
        return [
            Value(None, output_field=CharField())
            if name in self.export_annotations and name not in annotated
            else value
            for name, value in self.export_columns.items()
        ]

    @extend_schema(
        summary="Export the list (CSV or JSON Lines)",
        parameters=[FORMAT_PARAMETER],
        filters=True,
        responses={
            (200, CSV_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.STR, description=EXPORT_ANSWER),
            # A byte stream, so that generated clients read it as a file or a stream.
            (200, NDJSON_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY, description=EXPORT_ANSWER
            ),
            (200, JSONL_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.STR, description=EXPORT_ANSWER),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=[CSVRenderer, JSONLinesRenderer, JSONLinesAsJSONLRenderer],
        content_negotiation_class=FormatNegotiation,
        pagination_class=None,
        schema=ExportSchema(),
    )
    def export(self, request, *args, **kwargs):
        if request.query_params.get(KNOWN_AT):
            raise ValidationError(
                {KNOWN_AT: ["Exports answer the current data; use the list for known_at."]},
                code="invalid",
            )
        queryset = self.filter_queryset(self.export_queryset())
        ordering = StrictOrderingFilter().get_ordering(request, queryset, self) or ["-id"]
        queryset = queryset.order_by(*(key.term for key in keys_from_ordering(ordering)))
        rows = queryset.values_list(*self.export_column_values(queryset)).iterator(
            chunk_size=CHUNK_ROWS
        )
        header = list(self.export_columns)
        name = (self.noun_plural or "export").replace(" ", "-")
        if request.accepted_renderer.format == "jsonl":
            response = StreamingHttpResponse(
                jsonl_chunks(header, rows), content_type=request.accepted_renderer.media_type
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.jsonl"'
        else:
            response = StreamingHttpResponse(
                csv_chunks(header, rows), content_type=f"{CSV_MEDIA_TYPE}; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
