"""Running a compiled statement on Django's connection, through public API only.

Statements run on a psycopg server-side binding cursor (the values travel apart from
the statement, which lets PostgreSQL keep it prepared) wrapped by Django's own cursor
wrapper, so the query log, error wrapping, execute wrappers and the watched backend see
them. Results come in binary when every column can be read so. Django's ``%s``
placeholders are rewritten as PostgreSQL's ``$1`` once per statement text: psycopg
parses a statement's placeholders on every execute unless it is short.
"""

from __future__ import annotations

import functools
import itertools
import re

import psycopg
from django.conf import settings
from django.db.backends.utils import CursorDebugWrapper

_PLACEHOLDER = re.compile(r"%([%s])")


@functools.lru_cache(maxsize=1024)
def native_placeholders(sql: str) -> str:
    """``sql`` with Django's ``%s`` as ``$1``, ``$2`` ... and ``%%`` as ``%``: the rule
    psycopg applies to a statement that has values."""
    numbers = itertools.count(1)
    return _PLACEHOLDER.sub(lambda m: "%" if m[1] == "%" else f"${next(numbers)}", sql)


class _FastCursor(psycopg.RawCursor):
    """A server-side binding cursor with PostgreSQL's own placeholders (values travel
    apart from the statement, which lets PostgreSQL keep it prepared) that runs each
    statement with this cursor's ``prepare`` and ``binary`` (binary results are read by
    psycopg's C loaders)."""

    prepare = False
    binary = False

    def execute(self, query, params=None, *, prepare=None, binary=None):
        if params is not None:
            query = native_placeholders(query)
        return super().execute(query, params, prepare=self.prepare, binary=self.binary)


class _LoggedCursor(CursorDebugWrapper):
    """Django's logging cursor wrapper, logging the statement with its values inlined
    (composed as Django composes them): a server-side binding cursor has no client-side
    text of the statement for Django's ``last_executed_query`` to read."""

    def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):
        if use_last_executed_query and not many:
            sql, use_last_executed_query = self.db.ops.compose_sql(sql, params), False
        return super().debug_sql(sql, params, use_last_executed_query, many)


def preparing_connection(connection) -> psycopg.Connection:
    """Django's psycopg connection (opened if need be), able to prepare statements.

    Django turns psycopg's preparing off (``prepare_threshold`` None). A threshold no
    statement reaches keeps automatic preparing off and lets the statements run with
    ``prepare=True`` be prepared; psycopg keeps ``prepared_max`` of them per connection."""
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = 2**31 - 1
    return raw


def run(connection, sql: str, params, *, prepare: bool, binary: bool) -> list[tuple]:
    """Run ``sql`` on ``connection`` through a Django cursor over a :class:`_FastCursor`."""
    connection.close_if_health_check_failed()
    raw = preparing_connection(connection)
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = _FastCursor(raw)
    cursor.prepare, cursor.binary = prepare and settings.API_PREPARED_STATEMENTS, binary
    wrapped = (
        _LoggedCursor(cursor, connection)
        if connection.queries_logged
        else connection.make_cursor(cursor)
    )
    with wrapped:
        wrapped.execute(sql, params)
        return wrapped.fetchall()


def int_array(values) -> str:
    """``[3, 2, 1]`` as PostgreSQL's text of an array, ``{3,2,1}``."""
    return "{" + ",".join(str(int(value)) for value in values) + "}"
