"""Read replicas with read-your-writes (docs/scaling.md).

With ``DATABASE_REPLICA_URLS`` set, the settings add each replica as a database alias
(``replica_0`` ...), :class:`database.router.ReplicaRouter` and :class:`ReplicaMiddleware`.
Without it none of this is installed.

Each request carries a minimum WAL position: the larger of the ``ct_lsn`` cookie and the
``X-Min-LSN`` header. A safe request (GET, HEAD, OPTIONS) reads from a replica that is
up, lags at most ``DATABASE_REPLICA_MAX_LAG`` seconds and has replayed that position;
otherwise from the primary. An unsafe request reads and writes the primary. A response
the primary answered carries the primary's WAL position (``pg_current_wal_insert_lsn()``,
at or past the end of every transaction it committed) in the cookie and in the
``X-Min-LSN`` header, so the client's next reads see at least that state. Each replica's
state is asked at most every :data:`CHECK_INTERVAL` seconds per process.
"""

from __future__ import annotations

import contextvars
import functools
import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

COOKIE = "ct_lsn"
HEADER = "X-Min-LSN"
DATABASE_HEADER = "X-Database"
CHECK_INTERVAL = 1.0  # seconds between two checks of one replica, per process
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_LSN = re.compile(r"^([0-9A-Fa-f]{1,8})[/-]([0-9A-Fa-f]{1,8})$")

# The replica's replay position; its lag in seconds: 0 while it streams and has replayed
# everything received, else the age of the last transaction it replayed.
CHECK_SQL = """
SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                 AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0
            ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)
       END
"""


def parse_lsn(value: str | None) -> int | None:
    """``'16/B374D848'`` (or ``16-B374D848``, the cookie's spelling: a cookie value
    with a slash would be quoted) as a number; None for anything else."""
    match = _LSN.match(value or "")
    return (int(match[1], 16) << 32) | int(match[2], 16) if match else None


def format_lsn(value: int) -> str:
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


@dataclass
class ReadState:
    """What one request may read from."""

    min_lsn: int = 0
    primary: bool = False  # every read on the primary (unsafe method, @reads_primary)
    alias: str | None = None  # the database chosen for this request's reads
    read_primary: bool = False  # a read of the domain's data went to the primary

    @property
    def on_replica(self) -> bool:
        return self.alias not in (None, "default")


current: contextvars.ContextVar[ReadState | None] = contextvars.ContextVar(
    "replica_read_state", default=None
)


@dataclass
class ReplicaStatus:
    checked_at: float
    up: bool
    replay_lsn: int = 0
    lag: float = 0.0


_status: dict[str, ReplicaStatus] = {}
_status_lock = threading.Lock()


def _check(alias: str) -> ReplicaStatus:
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute(CHECK_SQL)
            recovering, replay, lag = cursor.fetchone()
    except DatabaseError:
        connection.close()
        return ReplicaStatus(time.monotonic(), up=False)
    replay_lsn = parse_lsn(replay)
    if not recovering or replay_lsn is None:  # promoted or not a replica: not one to use
        return ReplicaStatus(time.monotonic(), up=False)
    return ReplicaStatus(time.monotonic(), up=True, replay_lsn=replay_lsn, lag=float(lag))


def status(alias: str) -> ReplicaStatus:
    """The replica's state, asked again once the last answer is CHECK_INTERVAL old."""
    known = _status.get(alias)
    if known is not None and time.monotonic() - known.checked_at < CHECK_INTERVAL:
        return known
    with _status_lock:  # one thread of the process asks; the others wait for its answer
        known = _status.get(alias)
        if known is None or time.monotonic() - known.checked_at >= CHECK_INTERVAL:
            known = _status[alias] = _check(alias)
    return known


def forget_status() -> None:
    """Ask every replica again at its next use."""
    _status.clear()


def choose(min_lsn: int) -> str | None:
    """A replica that is up, lags at most DATABASE_REPLICA_MAX_LAG and has replayed
    ``min_lsn``; None if there is none."""
    max_lag = settings.DATABASE_REPLICA_MAX_LAG
    for alias in replica_aliases():
        state = status(alias)
        if state.up and state.lag <= max_lag and state.replay_lsn >= min_lsn:
            return alias
    return None


def reads_primary(view):
    """Mark a view (function or class) whose reads need the primary's latest state."""
    if isinstance(view, type):
        view.dispatch = reads_primary(view.dispatch)
        return view

    @functools.wraps(view)
    def on_primary(*args, **kwargs):
        state = current.get()
        if state is not None:
            state.primary = True
        return view(*args, **kwargs)

    return on_primary


def primary_lsn() -> int | None:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            return parse_lsn(cursor.fetchone()[0])
    except DatabaseError:
        return None


class ReplicaMiddleware:
    """Carries the request's minimum WAL position to the router; answers which database
    served the reads (``X-Database``) and, after the primary answered, its position."""

    def __init__(self, get_response):
        self.get_response = get_response

    def respond(self, request, state: ReadState):
        token = current.set(state)
        try:
            return self.get_response(request)
        finally:
            current.reset(token)

    def __call__(self, request):
        min_lsn = max(
            parse_lsn(request.COOKIES.get(COOKIE)) or 0,
            parse_lsn(request.headers.get(HEADER)) or 0,
        )
        state = ReadState(min_lsn=min_lsn, primary=request.method not in SAFE_METHODS)
        response = self.respond(request, state)
        if response.status_code == 503 and state.on_replica:
            # The replica failed since its last check: a safe request is answered again,
            # from the primary, if the replica is down now.
            with _status_lock:
                checked = _status[state.alias] = _check(state.alias)
            if not checked.up:
                state = ReadState(min_lsn=min_lsn, primary=True)
                response = self.respond(request, state)
        response[DATABASE_HEADER] = "replica" if state.on_replica else "primary"
        if response.status_code < 400 and (state.primary or state.read_primary):
            lsn = primary_lsn()
            if lsn is not None and lsn > min_lsn:
                value = format_lsn(lsn)
                response[HEADER] = value
                response.set_cookie(
                    COOKIE,
                    value.replace("/", "-"),
                    max_age=max(60, int(settings.DATABASE_REPLICA_MAX_LAG * 2)),
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Lax",
                )
        return response
