"""The embedded PostgreSQL path a new user's machine takes (no DATABASE_URL)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]


def scratch_dir(name: str) -> Path:
    """A fresh data folder under .data/ (not pytest's tmp: pytest makes that private
    whenever another run starts, locking out the server's system user)."""
    import shutil

    folder = ROOT / ".data" / f"{name}-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder / "pg"


def devdb(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "EMBEDDED_PG_DIR": str(data_dir), "EMBEDDED_PG_DATABASE": "probe"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "config.devdb", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.live
def test_devdb_starts_serves_two_clients_and_stops():
    data_dir = scratch_dir("test-epg-serve")
    started = devdb("start", data_dir=data_dir)
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip()
    assert url.startswith("postgresql://postgres@") and "/probe?host=" in url
    try:
        # a second start (another process, e.g. a test run beside a server) reuses it
        again = devdb("start", data_dir=data_dir)
        assert again.stdout.strip() == url
        with psycopg.connect(url) as one, psycopg.connect(url) as two:
            one.execute("CREATE TABLE t (x int)")
            one.commit()
            assert two.execute("SELECT count(*) FROM t").fetchone() == (0,)
            extensions = {row[0] for row in one.execute("SELECT name FROM pg_available_extensions")}
        assert {"btree_gist", "pg_trgm", "unaccent"} <= extensions
        # `run` exports DATABASE_URL to the command it runs
        ran = devdb(
            "run",
            "--",
            sys.executable,
            "-c",
            "import os; print(os.environ['DATABASE_URL'])",
            data_dir=data_dir,
        )
        assert ran.stdout.strip() == url
    finally:
        stopped = devdb("stop", data_dir=data_dir)
    assert stopped.returncode == 0, stopped.stderr
    assert devdb("status", data_dir=data_dir).stdout.strip() == "stopped"
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)


@pytest.mark.live
def test_devdb_recovers_from_a_corrupt_handle_file():
    data_dir = scratch_dir("test-epg-handles")
    assert devdb("start", data_dir=data_dir).returncode == 0
    try:
        (data_dir / ".handle_pids.json").write_text("")  # emptied mid-write
        again = devdb("start", data_dir=data_dir)
        assert again.returncode == 0, again.stderr
    finally:
        devdb("stop", data_dir=data_dir)


def manage(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "EMBEDDED_PG_DIR": str(data_dir), "EMBEDDED_PG_DATABASE": "probe"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.live
def test_manage_py_help_works_without_database_url_and_starts_no_server():
    data_dir = scratch_dir("test-epg-help")
    ran = manage("help", data_dir=data_dir)
    assert ran.returncode == 0, ran.stderr
    assert "createsuperuser" in ran.stdout
    assert not (data_dir / "postmaster.pid").exists()


@pytest.mark.live
def test_manage_py_starts_the_embedded_database_on_demand():
    data_dir = scratch_dir("test-epg-manage")
    try:
        ran = manage(
            "shell",
            "-c",
            "from django.db import connection; connection.ensure_connection(); "
            "print(connection.settings_dict['NAME'])",
            data_dir=data_dir,
        )
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.splitlines()[-1] == "probe"
        assert (data_dir / "postmaster.pid").exists()
    finally:
        devdb("stop", data_dir=data_dir)
