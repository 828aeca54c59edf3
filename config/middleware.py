"""Middleware of the whole site (the API's own errors are in api/errors.py)."""

from __future__ import annotations

from api.errors import database_unavailable_response, is_database_unavailable


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers 503 (with ``Retry-After``), not 500.

    Lost includes hung: the backend (``database.postgres``) cuts a call whose server stops
    answering and raises ``DatabaseHung``, an ``OperationalError``. API views answer 503
    through the API's exception handler already; this covers the others (the admin, the
    dashboard), also with ``DEBUG`` on. Django closes the broken connection when the
    request ends and, with ``CONN_HEALTH_CHECKS``, checks a kept connection before
    reusing it, so the site recovers by itself when PostgreSQL is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable_response(request, exception)
        return None
