"""Django's PostgreSQL backend with every call watched by :data:`database.postgres.WATCHDOG`.

Django runs each database call (connecting, executing, fetching, committing, rolling
back) inside ``wrap_database_errors``; this backend's version of it also watches the
call. The health check of a kept connection (``is_usable``) bypasses it and is watched
on its own: a kept connection whose server hangs fails its health check with
:class:`~database.postgres.DatabaseHung` rather than trying a new connection, which would
wait ``DATABASE_CONNECT_TIMEOUT`` more for the same server.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError
from django.db.backends.postgresql import base
from django.db.utils import DatabaseErrorWrapper
from django.utils.functional import cached_property

from database.postgres import WATCHDOG, DatabaseHung


def hung_message(wrapper) -> str:
    return (
        f"PostgreSQL ({wrapper.alias}) stopped answering; the connection was closed after "
        f"{WATCHDOG.hang_timeout:g} s without an answer to the call or to a new connection."
    )


class WatchedErrors(DatabaseErrorWrapper):
    """Django's error translation, and the watchdog on the outermost call."""

    def __init__(self, wrapper):
        super().__init__(wrapper)
        self.depth = 0
        self.wait = None

    def __enter__(self):
        if self.depth == 0:
            self.wait = WATCHDOG.watch(self.wrapper, self.wrapper.wait_limit)
        self.depth += 1

    def __exit__(self, exc_type, exc_value, traceback):
        self.depth -= 1
        cut = False
        if self.depth == 0 and self.wait is not None:
            cut, self.wait = WATCHDOG.release(self.wait), None
        if cut and exc_type is not None:
            try:
                super().__exit__(exc_type, exc_value, traceback)  # marks errors_occurred
            except DatabaseError as error:
                raise DatabaseHung(hung_message(self.wrapper)) from error
            raise DatabaseHung(hung_message(self.wrapper)) from exc_value
        return super().__exit__(exc_type, exc_value, traceback)


class DatabaseWrapper(base.DatabaseWrapper):
    # Seconds after which each call is cut whatever the server says (see waits_limited_to).
    wait_limit: float | None = None
    health_check_hung = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        WATCHDOG.hang_timeout = settings.DATABASE_HANG_TIMEOUT

    @cached_property
    def wrap_database_errors(self):
        return WatchedErrors(self)

    @contextmanager
    def waits_limited_to(self, seconds: float):
        """Within the block, each call on this connection is cut after ``seconds``."""
        previous, self.wait_limit = self.wait_limit, seconds
        try:
            yield
        finally:
            self.wait_limit = previous

    def is_usable(self):
        wait = WATCHDOG.watch(self, self.wait_limit)
        try:
            return super().is_usable()
        finally:
            self.health_check_hung = WATCHDOG.release(wait)

    def close_if_health_check_failed(self):
        self.health_check_hung = False
        super().close_if_health_check_failed()
        if self.health_check_hung:
            self.health_check_hung = False
            raise DatabaseHung(hung_message(self))
