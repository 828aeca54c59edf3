"""gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# GUNICORN_WORKERS, else WEB_CONCURRENCY (the name platforms set), else 2 per core + 1.
workers = int(
    os.environ.get("GUNICORN_WORKERS")
    or os.environ.get("WEB_CONCURRENCY")
    or multiprocessing.cpu_count() * 2 + 1
)
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# PostgreSQL's own bounds on the web's sessions (config/settings.py reads them; the
# workers inherit this environment). A statement ends before gunicorn would kill its
# worker (a killed worker's statement would run on); a lock is waited for 10 s; a
# transaction left idle (a worker stuck mid-request) is ended after 60 s.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", str(max(timeout - 5, 1)))
os.environ.setdefault("DATABASE_LOCK_TIMEOUT", "10")
os.environ.setdefault("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "60")


def post_worker_init(worker):
    """Load every view (the URLconf imports them) before the first request, then freeze
    what the worker holds for its life (modules, models, URL patterns, serializers) so
    that full garbage collections stop walking it and pausing requests
    (docs/operations.md, "Running in production")."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the views)
    gc.collect()
    gc.freeze()
