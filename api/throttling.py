"""Request rate limits per user and per anonymous address, shared by every process.

``user`` counts each authenticated user (``API_THROTTLE_USER``), ``anon`` each client
address without credentials (``API_THROTTLE_ANON``): ``REMOTE_ADDR``, or behind
``NUM_PROXIES`` proxies the client's entry in ``X-Forwarded-For``, never a header the
client made up. A rate is ``<count>/<sec|min|hour|day>``, ``off`` lifts it; over it the
answer is 429 with ``Retry-After``. Every answer to a counted request carries the
``RateLimit-Policy`` and ``RateLimit`` fields of the IETF draft
draft-ietf-httpapi-ratelimit-headers-09 (``"user";q=100;w=60`` and ``"user";r=42;t=17``:
the quota and its window, what is left of it and the seconds until it is whole again),
computed from the count the request's own ``INCR`` returned, so they cost no extra trip
to the cache. Counts are fixed windows in the shared cache (Redis
``INCR``; on the database cache a read-increment-write under an advisory lock), so the
limit holds across processes. A cache that fails lets requests through and is logged:
the API stays up unthrottled rather than going down with its cache.
"""

from __future__ import annotations

import logging
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import InterfaceError, OperationalError, transaction
from rest_framework.throttling import BaseThrottle

from api.concurrency import advisory_xact_lock

logger = logging.getLogger("api")

DURATIONS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# First argument of pg_advisory_xact_lock(int, int): the throttle counters' lock space.
LOCK_SPACE = 0x7A7E
RATELIMIT_POLICY = "RateLimit-Policy"
RATELIMIT = "RateLimit"


def parse_rate(rate: str | None) -> tuple[int, int] | None:
    """``"100/min"`` -> (100, 60); ``None``, ``""`` or ``"off"`` -> None (no limit)."""
    if not rate or rate.strip().lower() in ("off", "none", "0"):
        return None
    count, _, period = rate.partition("/")
    seconds = DURATIONS.get(period.strip()[:1].lower())
    if seconds is None or not count.strip().isdigit():
        raise ValueError(f"A rate is <count>/<sec|min|hour|day>, got {rate!r}")
    return int(count), seconds


def client_address(request) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or with ``NUM_PROXIES`` trusted proxies in
    front, the address the outermost of them saw (counted from the right of
    ``X-Forwarded-For``, where a client cannot write). Also django-axes'
    ``AXES_CLIENT_IP_CALLABLE``, so the lockout and the rate limits agree."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    return addresses[-min(proxies, len(addresses))] if addresses else remote


def hit(key: str, timeout: int) -> int:
    """Add one to the counter ``key`` (created with ``timeout``); return its new value."""
    cache = caches["default"]
    if isinstance(cache, DatabaseCache):
        with transaction.atomic():
            advisory_xact_lock(LOCK_SPACE, key)
            value = int(cache.get(key, 0)) + 1
            cache.set(key, value, timeout)
        return value
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


class WindowRateThrottle(BaseThrottle):
    """At most N requests per client in each window of the scope's rate."""

    scope = ""

    def __init__(self):
        self.wait_seconds: float | None = None

    def get_rate(self) -> tuple[int, int] | None:
        return parse_rate(settings.API_THROTTLE_RATES.get(self.scope))

    def client_id(self, request) -> str | None:
        """Who is counted; None: this throttle does not apply to the request."""
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        rate = self.get_rate()
        client = self.client_id(request) if rate else None
        if client is None:
            return True
        limit, window = rate
        now = time.time()
        index = int(now // window)
        key = f"throttle:{self.scope}:{client}:{window}:{index}"
        try:
            count = hit(key, window + 5)
        except (OperationalError, InterfaceError):
            raise  # the database itself is down: the request answers 503
        except Exception:
            # Redis down, or the cache table never created (`manage.py createcachetable`)
            logger.exception("Rate limiting skipped: the cache is unavailable")
            return True
        reset = (index + 1) * window - now
        announce_limit(view, self.scope, limit, window, max(0, limit - count), reset)
        if count > limit:
            self.wait_seconds = reset
            return False
        return True

    def wait(self) -> float | None:
        return self.wait_seconds


def announce_limit(view, policy: str, quota: int, window: int, left: int, reset: float) -> None:
    """Put the RateLimit fields on the view's answer (DRF adds ``view.headers`` to it,
    the 429 included). ``t`` is rounded up: at ``t`` seconds the quota is whole again."""
    headers = getattr(view, "headers", None)
    if headers is None:
        return
    headers[RATELIMIT_POLICY] = f'"{policy}";q={quota};w={window}'
    headers[RATELIMIT] = f'"{policy}";r={left};t={max(0, math.ceil(reset))}'


class UserRateThrottle(WindowRateThrottle):
    """Per authenticated user."""

    scope = "user"

    def client_id(self, request) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"u{user.pk}"
        return None


class AnonRateThrottle(WindowRateThrottle):
    """Per client address, for requests without credentials."""

    scope = "anon"

    def client_id(self, request) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return f"ip{client_address(request)[:100]}"
