"""Keyset (cursor) pagination: a page deep in a list costs what the first one does.

A list is ordered by its ``ordering`` plus ``id``, so every row has one place. A cursor
is a row's position in that order (its ordering values, as URL-safe base64 JSON), and
the next page is a ``WHERE`` on those values that the ordering's index answers: no
``COUNT(*)``, no ``OFFSET``. A cursor is checked before use (its shape, the list's
ordering, a value of each field's type), else a 400. Cursors are not signed: a made-up
one shows only rows the list shows anyway, and they outlive deploys and key changes.
NULLs sort as PostgreSQL and its B-tree indexes do: last ascending, first descending.

A page says where the next and previous ones are three ways: as links (``next``,
``previous``), as the bare cursors for clients that take ``cursor`` (``next_cursor``,
``previous_cursor``) and in an RFC 8288 ``Link`` header. A total is opt-in, one more
query: ``?count=exact`` counts the filtered list, ``?count=estimate`` reads the
planner's estimate of it (``EXPLAIN``), which stays fast at any size and says it is one.
A list whose date filter leaves out the undated rows says how many (one more query): its
filterset's ``undated_excluded`` (api/filters.py, ``FilterBackend``).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import BooleanField, F, IntegerField, Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api.parsers import text_problem

LIMIT_PARAM = "limit"
CURSOR_PARAM = "cursor"
COUNT_PARAM = "count"
EXACT, ESTIMATE = "exact", "estimate"
#: The total's response headers (beside the body's ``count`` and ``count_is_estimate``).
TOTAL_COUNT = "X-Total-Count"
TOTAL_COUNT_IS_ESTIMATE = "X-Total-Count-Is-Estimate"
#: How many undated rows a date filter (``as_of``) left out (the body's ``undated_excluded``).
UNDATED_EXCLUDED = "X-Undated-Excluded"
# A cursor holds one row's ordering values: a title of 500 emoji (JSON-escaped, then
# base64) makes about 8,000 characters.
MAX_CURSOR_LENGTH = 16_384


@dataclass(frozen=True)
class Key:
    field: str
    descending: bool

    def flipped(self) -> Key:
        return Key(self.field, not self.descending)

    @property
    def term(self) -> str:
        return f"-{self.field}" if self.descending else self.field


def keys_from_ordering(ordering: list[str] | tuple[str, ...]) -> list[Key]:
    """["-announced_on"] -> [-announced_on, -id]: the primary key always comes last.

    Without an explicit ``id`` term the tie-breaker runs in the direction of the last
    field, so a composite index (field, id) serves the order in either direction.
    """
    keys: list[Key] = []
    id_key = None
    for term in ordering:
        key = Key(term.lstrip("-"), term.startswith("-"))
        if key.field in ("id", "pk"):
            id_key = Key("id", key.descending)
        elif key not in keys:
            keys.append(key)
    if id_key is None:
        id_key = Key("id", keys[-1].descending if keys else True)
    return [*keys, id_key]


def _after(keys: list[Key], values: list[Any]) -> Q:
    """Rows strictly after ``values`` in the order of ``keys`` (NULL = largest value)."""
    condition = Q(pk__in=[])  # false
    equal_so_far = Q()
    for key, value in zip(keys, values, strict=True):
        if value is None:
            beyond = Q(**{f"{key.field}__isnull": False}) if key.descending else Q(pk__in=[])
            same = Q(**{f"{key.field}__isnull": True})
        elif key.descending:
            beyond = Q(**{f"{key.field}__lt": value})
            same = Q(**{key.field: value})
        else:
            beyond = Q(**{f"{key.field}__gt": value}) | Q(**{f"{key.field}__isnull": True})
            same = Q(**{key.field: value})
        condition |= equal_so_far & beyond
        equal_so_far &= same
    return condition


class KeysetPagination(BasePagination):
    """``?limit=`` (1..200, default 50) rows after or before ``?cursor=``."""

    page_size = settings.REST_FRAMEWORK.get("PAGE_SIZE", 50)
    max_page_size = settings.API_MAX_PAGE_SIZE
    default_ordering: tuple[str, ...] = ("-id",)

    # --- request -> page -----------------------------------------------------------------

    def get_limit(self, request) -> int:
        raw = request.query_params.get(LIMIT_PARAM)
        if raw is None or raw == "":
            return self.page_size
        if not raw.isdigit() or len(raw) > 6 or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {LIMIT_PARAM: [f"Give a whole number from 1 to {self.max_page_size}."]},
                code="invalid",
            )
        return int(raw)

    def get_count_mode(self, request) -> str | None:
        raw = request.query_params.get(COUNT_PARAM)
        if raw in (None, ""):
            return None
        if raw not in (EXACT, ESTIMATE):
            raise ValidationError(
                {COUNT_PARAM: [f"Give {EXACT} or {ESTIMATE}."]}, code="invalid_choice"
            )
        return raw

    def get_keys(self, request, queryset, view) -> list[Key]:
        ordering = None
        for backend in getattr(view, "filter_backends", ()):
            if hasattr(backend, "get_ordering"):
                ordering = backend().get_ordering(request, queryset, view)
                break
        ordering = ordering or getattr(view, "ordering", None) or self.default_ordering
        if isinstance(ordering, str):
            ordering = (ordering,)
        return keys_from_ordering(ordering)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        self.count_mode = self.get_count_mode(request)
        self.filtered = queryset
        self.view = view
        self.keys = self.get_keys(request, queryset, view)
        self.signature = ",".join(key.term for key in self.keys)
        self.model = queryset.model
        position, backwards = self.decode_cursor(request)

        keys = [key.flipped() for key in self.keys] if backwards else self.keys
        ordered = queryset.order_by(
            *(F(key.field).desc() if key.descending else F(key.field).asc() for key in keys)
        )
        if position is not None:
            ordered = ordered.filter(_after(keys, position))
        rows = list(ordered[: self.limit + 1])
        more = len(rows) > self.limit
        rows = rows[: self.limit]
        if backwards:
            rows.reverse()
            self.has_previous, self.has_next = more, True
        else:
            self.has_previous, self.has_next = position is not None, more
        self.rows = rows
        return rows

    # --- cursors --------------------------------------------------------------------------

    def _field(self, name: str):
        try:
            return self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def position_of(self, row) -> list[Any]:
        values = []
        for key in self.keys:
            value = getattr(row, key.field)
            if value is not None and not isinstance(value, int | str):
                value = self._field(key.field).value_to_string(row)
            values.append(value)
        return values

    def encode_cursor(self, position: list[Any], backwards: bool) -> str:
        payload = {"o": self.signature, "p": position, "b": backwards}
        raw = json.dumps(payload, separators=(",", ":"), default=str).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode_cursor(self, request) -> tuple[list[Any] | None, bool]:
        """The position and direction a ``?cursor=`` names; 400 on ``cursor`` for one that
        is not exactly what :meth:`encode_cursor` writes for this list and ordering."""
        encoded = request.query_params.get(CURSOR_PARAM)
        if not encoded:
            return None, False
        try:
            if len(encoded) > MAX_CURSOR_LENGTH:
                raise ValueError("too long")
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            payload = json.loads(raw)
            if not isinstance(payload, dict) or not set(payload) <= {"o", "p", "b"}:
                raise ValueError("not a cursor")
            if payload.get("o") != self.signature:
                raise ValueError("cursor of another ordering")
            backwards = payload.get("b", False)
            position = payload["p"]
            if not isinstance(backwards, bool) or not isinstance(position, list):
                raise ValueError("not a cursor")
            if len(position) != len(self.keys):
                raise ValueError("wrong length")
            for key, value in zip(self.keys, position, strict=True):
                self._check_value(self._field(key.field), value)
            return position, backwards
        except (
            ValueError,  # UnicodeError, JSONDecodeError and binascii.Error among them
            TypeError,
            KeyError,
            OverflowError,
            RecursionError,
            DjangoValidationError,
        ) as exc:
            raise ValidationError(
                {CURSOR_PARAM: ["Invalid cursor: use the next/previous links as given."]},
                code="invalid",
            ) from exc

    @staticmethod
    def _check_value(field, value: Any) -> None:
        """ValueError unless ``value`` is what :meth:`position_of` writes for ``field``:
        null only where the column allows it; an integer (64-bit) for integer columns,
        true/false for booleans; otherwise text that PostgreSQL can store and the
        field reads (a date, a number ...)."""
        if value is None:
            if field is not None and not field.null:
                raise ValueError("null for a column that has none")
            return
        if isinstance(field, BooleanField):
            if not isinstance(value, bool):
                raise ValueError("not a boolean")
            return
        if isinstance(value, bool):
            raise ValueError("a boolean for a column that is not")
        if isinstance(field, IntegerField) or (field is None and isinstance(value, int)):
            if not isinstance(value, int) or not -(2**63) <= value < 2**63:
                raise ValueError("not a 64-bit integer")
            return
        if not isinstance(value, str):
            raise ValueError("not text")
        if text_problem(value):
            raise ValueError("text PostgreSQL cannot store")
        if field is not None:
            field.get_prep_value(field.to_python(value))

    def _link(self, row, backwards: bool) -> str:
        url = self.request.build_absolute_uri()
        url = replace_query_param(
            url, CURSOR_PARAM, self.encode_cursor(self.position_of(row), backwards)
        )
        return url

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.rows:
            return None
        return self._link(self.rows[-1], backwards=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.rows:
            return remove_query_param(self.request.build_absolute_uri(), CURSOR_PARAM)
        return self._link(self.rows[0], backwards=True)

    @staticmethod
    def cursor_of(link: str | None) -> str | None:
        """The ``cursor`` of a link: ``""`` for the first page, None for no link."""
        if link is None:
            return None
        return parse_qs(urlsplit(link).query).get(CURSOR_PARAM, [""])[0]

    # --- the total ------------------------------------------------------------------------

    def counted(self) -> QuerySet:
        """The filtered list as a queryset (a fast read's rows carry theirs)."""
        filtered = self.filtered
        return filtered if isinstance(filtered, QuerySet) else filtered.queryset

    def get_count(self) -> tuple[int, bool] | None:
        """``(total, is_estimate)`` as ``?count=`` asks, in one query; None if not asked."""
        if self.count_mode is None:
            return None
        rows = self.counted().order_by()
        if self.count_mode == EXACT:
            return rows.count(), False
        plan = json.loads(rows.values("pk").explain(format="json"))
        return int(plan[0]["Plan"]["Plan Rows"]), True

    def get_undated_excluded(self) -> int | None:
        """How many undated rows the list's date filter left out, or None (not filtered
        by a date, or asked to include them)."""
        filterset = getattr(self.view, "filterset", None)
        undated = getattr(filterset, "undated_excluded", None)
        return None if undated is None else undated.order_by().count()

    # --- response and schema --------------------------------------------------------------

    def get_paginated_response(self, data):
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        body = {
            "next": next_link,
            "previous": previous_link,
            "next_cursor": self.cursor_of(next_link),
            "previous_cursor": self.cursor_of(previous_link),
        }
        headers = {}
        pages = ((next_link, "next"), (previous_link, "prev"))
        links = [f'<{url}>; rel="{rel}"' for url, rel in pages if url]
        if links:
            headers["Link"] = ", ".join(links)
        if (total := self.get_count()) is not None:
            body["count"], body["count_is_estimate"] = total
            headers[TOTAL_COUNT] = str(total[0])
            headers[TOTAL_COUNT_IS_ESTIMATE] = "true" if total[1] else "false"
        if (undated := self.get_undated_excluded()) is not None:
            body["undated_excluded"] = undated
            headers[UNDATED_EXCLUDED] = str(undated)
        body["results"] = data
        return Response(body, headers=headers)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "next_cursor", "previous_cursor", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page; null on the last page.",
                    "example": "http://api.example.org/api/v1/pledges/?cursor=eyJvIjoiLWlkIn0",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page; null on the first page.",
                    "example": None,
                },
                "next_cursor": {
                    "type": "string",
                    "nullable": True,
                    "description": "The `cursor` of the next page (what `next` holds); "
                    "null on the last page.",
                    "example": "eyJvIjoiLWlkIn0",
                },
                "previous_cursor": {
                    "type": "string",
                    "nullable": True,
                    "description": 'The `cursor` of the previous page; `""` when that is '
                    "the first page (send no cursor), null on the first page.",
                    "example": None,
                },
                "count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "With `count=exact`, how many rows the filtered list "
                    "has; with `count=estimate`, the database planner's estimate of it.",
                    "example": 23,
                },
                "count_is_estimate": {
                    "type": "boolean",
                    "description": "With `count`: true when it is an estimate (`count=estimate`).",
                    "example": False,
                },
                "undated_excluded": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "With a date filter that cannot place undated rows "
                    "(`as_of` on pledges): how many undated rows the other filters keep and "
                    "it left out. Absent with `include_undated=true`, or without `as_of`.",
                    "example": 18,
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": (
                    "Position from a `next`/`previous` link (opaque); omit it for the first page."
                ),
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]*$"},
            },
            {
                "name": LIMIT_PARAM,
                "required": False,
                "in": "query",
                "description": (
                    f"Rows per page, 1 to {self.max_page_size} (default {self.page_size})."
                ),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                },
            },
            {
                "name": COUNT_PARAM,
                "required": False,
                "in": "query",
                "description": (
                    f"Add the list's total (`count`, `count_is_estimate`, and the "
                    f"`{TOTAL_COUNT}` and `{TOTAL_COUNT_IS_ESTIMATE}` headers), in one more "
                    f"query: `{EXACT}` counts the filtered rows (its cost grows with them), "
                    f"`{ESTIMATE}` gives the database planner's estimate (fast at any size; "
                    "filters can make it far off). Without it, no total."
                ),
                "schema": {"type": "string", "enum": [EXACT, ESTIMATE]},
            },
        ]
