"""A PostgreSQL backend whose every wait for the server ends (``ENGINE="database.postgres"``).

A stopped, frozen or swapping server's kernel still acknowledges every packet, so
neither TCP's timeouts nor PostgreSQL's fire, and a client would wait for ever.
:class:`Watchdog`, one thread per process, asks the server of a call unanswered for
``DATABASE_HANG_TIMEOUT`` seconds whether it is alive (an ``SSLRequest`` on a new
connection, answered before any login). A live server is left to finish; one that does
not answer in that time either has the call's socket shut down, and the call fails with
:class:`DatabaseHung`, a 503 (docs/operations.md, "What a client sees when things
fail").
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field

import psycopg
from django.db import OperationalError

# The protocol's SSLRequest: length 8, code 1234.5679. The postmaster answers one byte.
SSL_REQUEST = (8).to_bytes(4, "big") + (80877103).to_bytes(4, "big")

logger = logging.getLogger("database.postgres")


class DatabaseHung(OperationalError):
    """PostgreSQL accepted the connection but stopped answering; the connection was closed."""


def server_address(connection) -> tuple[int, object] | None:
    """(family, address) of the server a psycopg connection is connected to, or None."""
    info = connection.info
    host, port = info.host, info.port
    if host.startswith("/"):
        return socket.AF_UNIX, os.path.join(host, f".s.PGSQL.{port}")
    address = info.hostaddr or host
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return family, (address, port)


def settings_address(params: dict) -> tuple[int, object] | None:
    """(family, address) of the first server named in Django's connection parameters
    (``connection.get_connection_params()``), or None when libpq's defaults decide."""
    host = str(params.get("host") or "").split(",")[0]
    port = int(str(params.get("port") or 5432).split(",")[0])
    if not host:
        return None
    if host.startswith("/"):
        return socket.AF_UNIX, os.path.join(host, f".s.PGSQL.{port}")
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError:
        return None
    return family, address


def server_answers(address: tuple[int, object], timeout: float) -> bool:
    """Whether the PostgreSQL server at ``address`` answers an SSLRequest within
    ``timeout`` seconds (connecting included)."""
    family, target = address
    deadline = time.monotonic() + timeout
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(timeout)
            probe.connect(target)
            probe.settimeout(max(deadline - time.monotonic(), 0.001))
            probe.sendall(SSL_REQUEST)
            return probe.recv(1) != b""
    except OSError:
        return False


@dataclass(eq=False)
class Wait:
    """One database call in progress on ``wrapper`` (a Django DatabaseWrapper)."""

    wrapper: object
    check_at: float
    limit_at: float | None = None
    cut: bool = False
    started: float = field(default_factory=time.monotonic)


class Watchdog:
    """Cuts the connection of a database call whose server stopped answering."""

    def __init__(self, hang_timeout: float = 1.0):
        self.hang_timeout = hang_timeout
        self.reset()
        os.register_at_fork(after_in_child=self.reset)

    def reset(self) -> None:
        """A fresh state (also in a forked child, which has no watchdog thread)."""
        self.condition = threading.Condition()
        self.waits: set[Wait] = set()
        self.thread: threading.Thread | None = None
        self.wake_at = float("inf")  # when the thread looks next (inf: when told)

    def watch(self, wrapper, limit: float | None = None) -> Wait:
        """Start watching a call on ``wrapper``; ``limit``: seconds after which it is cut
        whether or not the server answers."""
        now = time.monotonic()
        check_after = self.hang_timeout if limit is None else min(self.hang_timeout, limit)
        wait = Wait(wrapper, now + check_after, None if limit is None else now + limit, False, now)
        with self.condition:
            self.waits.add(wait)
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, name="db-watchdog", daemon=True)
                self.thread.start()
            elif wait.check_at < self.wake_at:
                self.wake_at = wait.check_at
                self.condition.notify()
        return wait

    def release(self, wait: Wait) -> bool:
        """Stop watching ``wait``; whether its connection was cut."""
        with self.condition:
            self.waits.discard(wait)
        return wait.cut

    def run(self) -> None:
        while True:
            with self.condition:
                now = time.monotonic()
                due = [wait for wait in self.waits if wait.check_at <= now]
                if not due:
                    self.wake_at = min((w.check_at for w in self.waits), default=float("inf"))
                    timeout = self.wake_at - now
                    self.condition.wait(timeout if timeout != float("inf") else None)
                    continue
            try:
                self.check(due)
            except Exception:  # the thread must outlive any surprise; look again later
                logger.exception("Database watchdog: checking %d calls failed", len(due))
                for wait in due:
                    wait.check_at = time.monotonic() + self.hang_timeout

    def check(self, due: list[Wait]) -> None:
        """Ask each server of the calls that are due whether it is alive; cut those whose
        server does not answer, and those past their limit."""
        answers: dict[object, bool] = {}
        for wait in due:
            if wait not in self.waits:  # answered meanwhile
                continue
            now = time.monotonic()
            if wait.limit_at is not None and wait.limit_at <= now:
                self.cut(wait)
                continue
            connection = wait.wrapper.connection
            address = server_address(connection) if connection is not None else None
            if address is None:  # still connecting: psycopg's connect_timeout bounds it
                wait.check_at = now + self.hang_timeout
                continue
            if address not in answers:
                answers[address] = server_answers(address, self.hang_timeout)
            if answers[address]:
                wait.check_at = time.monotonic() + self.hang_timeout
                if wait.limit_at is not None:
                    wait.check_at = min(wait.check_at, wait.limit_at)
                continue
            if wait in self.waits:
                logger.warning(
                    "PostgreSQL at %s did not answer within %g s: closing a connection "
                    "waiting %.1f s for it",
                    address[1],
                    self.hang_timeout,
                    now - wait.started,
                )
            self.cut(wait)

    def cut(self, wait: Wait) -> None:
        """Shut down the socket of the call's connection, if the call is still waiting:
        the waiting thread's poll returns and psycopg fails with OperationalError."""
        with self.condition:
            if wait not in self.waits:
                return
            self.waits.discard(wait)
            connection = wait.wrapper.connection
            if connection is None or connection.closed:
                return
            try:
                with socket.socket(fileno=os.dup(connection.fileno())) as duplicate:
                    duplicate.shutdown(socket.SHUT_RDWR)
            except (OSError, psycopg.Error):
                return
            wait.cut = True


WATCHDOG = Watchdog()
