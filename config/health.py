"""Health checks for load balancers: /healthz (the process) and /readyz (the database).

``/readyz`` runs each function of ``READINESS_CHECKS`` in turn; each answers a dict
merged into the body, with ``"ready": False`` in it when traffic should not come (the
first such check ends the list). Each database call is cut after ``READYZ_TIMEOUT``
seconds, so a hung database makes it 503 at once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from api.errors import DATABASE_RETRY_AFTER
from database.postgres import DatabaseHung, server_answers, settings_address
from history.readers import feed_lag_check

# Seconds /readyz waits for the database, whatever DATABASE_HANG_TIMEOUT says.
READYZ_TIMEOUT = 1.0


@never_cache
@require_GET
def healthz(request):
    """The process is up and answering. Never touches the database."""
    return JsonResponse({"status": "ok"})


def database_check() -> dict:
    """The database answers a query within READYZ_TIMEOUT and every migration is applied."""
    connection = connections[DEFAULT_DB_ALIAS]
    timeout = READYZ_TIMEOUT
    try:
        if connection.connection is None:
            # A new connection would wait DATABASE_CONNECT_TIMEOUT for a hung server:
            # first ask the server, as the watchdog does, whether it answers at all.
            address = settings_address(connection.get_connection_params())
            if address is not None and not server_answers(address, timeout):
                raise DatabaseHung(f"no answer from the database within {timeout:g} s")
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:  # any database failure means "not ready"
        connection.close_if_unusable_or_obsolete()
        return {"ready": False, "database": "unreachable", "detail": type(exc).__name__}
    if pending:
        return {"ready": False, "database": "ok", "pending_migrations": len(pending)}
    return {"database": "ok"}


# Each check answers what it found; {"ready": False, ...} stops traffic.
READINESS_CHECKS: list[Callable[[], dict]] = [database_check, feed_lag_check]


@never_cache
@require_GET
def readyz(request):
    """Ready for traffic: every check of READINESS_CHECKS passes, each database call
    within READYZ_TIMEOUT."""
    body: dict = {"status": "ok"}
    ready = True
    with connections[DEFAULT_DB_ALIAS].waits_limited_to(READYZ_TIMEOUT):
        for check in READINESS_CHECKS:
            found = check()
            ready = found.pop("ready", True)
            body.update(found)
            if not ready:
                break
    if ready:
        return JsonResponse(body)
    body["status"] = "unavailable"
    response = JsonResponse(body, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response
