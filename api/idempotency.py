"""Safe retries: a POST sent with an ``Idempotency-Key`` header happens at most once.

A client unsure whether its POST arrived sends it again with the same key. The first
successful answer is stored per user and key (:class:`api.models.IdempotencyKey`); a
retry with the same body gets it back (``Idempotent-Replayed: true``) and creates
nothing, and the same key with another body or endpoint is a 422. Keys expire after
``API_IDEMPOTENCY_KEY_TTL_HOURS``. A transaction-scoped advisory lock on (user, key),
taken before the look-up, makes a retry that arrives while the first still runs wait for
it; the request's work runs in that transaction, so an answer and the rows it reports
commit together. Failures are not stored: a failed request changed nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from api.concurrency import advisory_xact_lock

IDEMPOTENCY_KEY = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
# Headers of the first answer that a replay repeats.
KEPT_HEADERS = ("ETag", "Location")
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as in a header token
# First argument of pg_advisory_xact_lock(int, int): the idempotency keys' lock space.
LOCK_SPACE = 0x1DE0


class IdempotencyKeyReused(APIException):
    """422: the key was used before for a different request."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        "This Idempotency-Key was already used with a different request (another body "
        "or endpoint). Use a new key for a new request."
    )
    default_code = "idempotency_key_reused"


def ttl() -> dt.timedelta:
    return dt.timedelta(hours=settings.API_IDEMPOTENCY_KEY_TTL_HOURS)


def request_hash(request) -> str:
    """What makes two requests "the same": method, path and the parsed JSON body.

    The stdlib encoder, not orjson: a body may hold integers beyond 64 bits, which
    orjson refuses.
    """
    body = json.dumps(
        request.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8", "surrogatepass")
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path.encode(), body):
        digest.update(part)
        digest.update(b"\x00")
    return digest.hexdigest()


def _lock(user_id: int, key: str) -> None:
    """Hold a transaction-scoped advisory lock on (user, key) until commit or rollback."""
    advisory_xact_lock(LOCK_SPACE, f"{user_id}:{key}")


def _replay(record) -> Response:
    headers = {**record.response_headers, REPLAYED: "true"}
    return Response(record.response_body, status=record.status_code, headers=headers)


def idempotent(request, produce: Callable[[], Response]) -> Response:
    """Answer ``request`` with ``produce()``, at most once per Idempotency-Key.

    Without the header (or without an authenticated user to scope the key to),
    ``produce()`` simply runs.
    """
    from api.models import IdempotencyKey

    key = request.headers.get(IDEMPOTENCY_KEY)
    if key is None or not request.user.is_authenticated:
        return produce()
    if not KEY_PATTERN.match(key):
        raise ValidationError(
            {IDEMPOTENCY_KEY: ["Give 1 to 255 visible ASCII characters (a UUID is ideal)."]},
            code="invalid",
        )
    fingerprint = request_hash(request)
    now = timezone.now()
    with transaction.atomic():
        _lock(request.user.pk, key)
        record = IdempotencyKey.objects.filter(user=request.user, key=key).first()
        if record is not None and record.expires_at <= now:
            record.delete()
            record = None
        if record is not None:
            if record.request_hash != fingerprint:
                raise IdempotencyKeyReused()
            return _replay(record)
        response = produce()
        if status.is_success(response.status_code):
            IdempotencyKey.objects.create(
                user=request.user,
                key=key,
                method=request.method,
                path=request.path[:2000],
                request_hash=fingerprint,
                status_code=response.status_code,
                response_body=response.data,
                response_headers={h: response[h] for h in KEPT_HEADERS if h in response},
                expires_at=now + ttl(),
            )
        return response


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete expired keys; return how many."""
    from api.models import IdempotencyKey

    deleted, _ = IdempotencyKey.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
