"""Which database the benchmarks use, and how it is created and migrated.

The benchmark database is always a separate database (``coalition_bench`` by
default) so that loading millions of rows never touches the development data:

1. ``BENCH_DATABASE_URL`` when set, used as it is;
2. otherwise ``DATABASE_URL``'s server with the database name replaced;
3. otherwise the embedded server (``config.devdb``) with the database name replaced.

Every destructive step refuses a database whose name does not contain "bench".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_NAME = "coalition_bench"


class BenchDatabaseError(RuntimeError):
    pass


def with_database(url: str, name: str) -> str:
    """``url`` with its database name replaced by ``name`` (query string kept)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def resolve_url(explicit: str | None = None, name: str = DEFAULT_NAME) -> str:
    """The benchmark database URL (see the module docstring for the order)."""
    url = explicit or os.environ.get("BENCH_DATABASE_URL")
    if not url:
        base = os.environ.get("DATABASE_URL")
        if not base:
            base = _embedded_url()
        url = with_database(base, name)
    check_is_bench(url)
    return url


def _embedded_url() -> str:
    """The embedded server's URL, started if needed. Another process writing the
    server's handle file at the same moment makes a start fail now and then: retry."""
    import time

    from config import devdb

    for attempt in range(5):
        try:
            return devdb.start()
        except ValueError:  # json.JSONDecodeError on a half-written handle file
            if attempt == 4:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


def check_is_bench(url: str) -> None:
    name = database_name(url)
    if "bench" not in name:
        raise BenchDatabaseError(
            f"refusing to use database {name!r} for benchmarks: its name must contain 'bench' "
            "(the generator empties it)"
        )


def ensure_database(url: str) -> bool:
    """Create the database if it does not exist; return True when it was created."""
    import psycopg
    from psycopg import sql

    check_is_bench(url)
    name = database_name(url)
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def django_env(url: str, **extra: str) -> dict[str, str]:
    """An environment for a Django process that talks to the benchmark database."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE=env.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        XDG_RUNTIME_DIR=env.get("XDG_RUNTIME_DIR", str(BASE_DIR / ".data" / "run")),
    )
    env.update(extra)
    return env


def migrate(url: str) -> None:
    """Bring the benchmark database to the current schema (``manage.py migrate``, and
    ``createcachetable`` for the database cache backend)."""
    check_is_bench(url)
    for command in (["migrate", "--no-input", "-v", "0"], ["createcachetable"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=BASE_DIR,
            env=django_env(url),
            check=True,
        )


def setup_django(url: str, settings_module: str = "config.settings") -> None:
    """Configure Django in this process for the benchmark database."""
    import django

    check_is_bench(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(BASE_DIR / ".data" / "run"))
    django.setup()
