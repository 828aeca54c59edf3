"""Optimistic concurrency: an ETag on every single-object answer, ``If-Match`` on writes.

The ETag hashes the JSON the client sees, so it changes whenever anything in it does (a
field, a citation, a stage). PUT, PATCH and DELETE must send it back: without it 428,
with a stale one 412 and nothing changed. ``If-Match: *`` matches any current version
(RFC 9110 13.1.1): the object exists, so the write proceeds, as the client asked, with
no protection against a change made since it read. The check runs in the write's
transaction after the row is locked (api/viewsets.py), so of two writers holding one
ETag exactly one wins. A GET whose ``If-None-Match`` names the current version (the
weak comparison of RFC 9110 13.1.2) answers 304 with no body.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from django.db import connection
from rest_framework import status
from rest_framework.exceptions import APIException

from api.renderers import _default

IF_MATCH = "If-Match"
IF_NONE_MATCH = "If-None-Match"
ETAG = "ETag"


class PreconditionRequired(APIException):
    """428: a write that must say which version it changes did not."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "Send the ETag of the version you are changing in an If-Match header "
        "(GET the object first)."
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    """412: the object changed since the client read it."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The object has changed since you read it (If-Match does not match its ETag). "
        "GET it again, reapply your change, and send the new ETag."
    )
    default_code = "precondition_failed"


def etag_of(data: Any) -> str:
    """A strong ETag for a representation (the serializer's data)."""
    raw = orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)
    return f'"{hashlib.sha256(raw).hexdigest()[:40]}"'


def parse_if_match(header: str) -> list[str]:
    """The entity tags listed in an If-Match header, each with its quotes.

    Weak tags (``W/"..."``) are kept as they are, so they never match (If-Match uses
    the strong comparison); a bare token is taken as if it were quoted.
    """
    tags = []
    for part in header.split(","):
        tag = part.strip()
        if not tag:
            continue
        if not tag.startswith(('"', 'W/"')):
            tag = f'"{tag}"'
        tags.append(tag)
    return tags


def check_if_match(request, current_etag: str) -> None:
    """Raise 428 or 412 unless the request's If-Match names ``current_etag`` or is ``*``
    (called once the object is found: ``*`` matches any version of one that exists)."""
    header = request.headers.get(IF_MATCH)
    if header is None or not header.strip():
        raise PreconditionRequired()
    if header.strip() == "*":
        return
    tags = parse_if_match(header)
    if current_etag not in tags:
        raise PreconditionFailed()


def not_modified(request, current_etag: str) -> bool:
    """Whether a GET or HEAD's If-None-Match names ``current_etag`` (or is ``*``)."""
    header = request.headers.get(IF_NONE_MATCH)
    if request.method not in ("GET", "HEAD") or not header or not header.strip():
        return False
    if header.strip() == "*":
        return True
    opaque = current_etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in parse_if_match(header))


def advisory_xact_lock(space: int, name: str) -> None:
    """Hold PostgreSQL's advisory lock on ``name`` (hashed to 32 bits) in the lock space
    ``space`` until the current transaction commits or rolls back."""
    slot = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [space, slot])
