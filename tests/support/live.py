"""Real server processes for the tests that need one: gunicorn on a free port, on a given database.

The servers run with production settings (``DEBUG=false``, so errors take the paths
users see), without rate limits unless a test asks for them, and with a cache key
prefix of their own so that runs sharing a Redis never count each other's requests.
"""

from __future__ import annotations

import atexit
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(name: str | None = None) -> str:
    """A URL for the database the tests use (or another database on the same server)."""
    params = connection.settings_dict
    name = name or params["NAME"]
    user = quote(params.get("USER") or "postgres")
    password = params.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}" if password else user
    host, port = params.get("HOST") or "", params.get("PORT") or ""
    if host.startswith("/"):
        return f"postgresql://{auth}@{f':{port}' if port else ''}/{name}?host={quote(host)}"
    return f"postgresql://{auth}@{host or '127.0.0.1'}{f':{port}' if port else ''}/{name}"


def server_env(database: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SECURE_SSL_REDIRECT": "false",
        "API_THROTTLE_ANON": "off",
        "API_THROTTLE_USER": "off",
        "CACHE_KEY_PREFIX": f"trust-{secrets.token_hex(6)}",
        "GUNICORN_ACCESSLOG": "-",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("TEST_DATABASE_NAME", None)
    env.update(extra)
    return env


def manage(database: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``manage.py`` on ``database`` in another process; fail with its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_env(database, **env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def run_django(script: str, env: dict[str, str], *, check: bool = True):
    """Run a Python ``script`` with config.settings in another process, in ``env``."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=check,
    )


SNIPPET = "import django; django.setup(); from django.conf import settings; print({expr})"


def settings_value(expr: str, **env: str) -> subprocess.CompletedProcess:
    """Evaluate ``expr`` on ``django.conf.settings`` in a fresh process, in this
    environment plus ``env`` (settings are read once, at import)."""
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", SNIPPET.format(expr=expr)],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


_running: set[Server] = set()


@atexit.register
def _stop_leftovers() -> None:
    """Servers a failed test did not stop must not outlive the test run."""
    for server in list(_running):
        server.stop()


class Server:
    """``with Server(database_url()) as server: httpx.get(server.url + "/healthz")``."""

    def __init__(self, database: str, *, workers: int = 1, threads: int = 4, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = server_env(database, **env)
        self.workers, self.threads = workers, threads
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None

    def start(self, log_dir: Path | None = None) -> Server:
        log_dir = log_dir or Path(os.environ.get("TMPDIR", "/tmp"))
        self.log_path = log_dir / f"gunicorn-{self.port}.log"
        if self.process is not None:
            raise RuntimeError("this server was started already")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--config",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_path.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _running.add(self)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:] if self.log_path else ""

    def stop(self) -> None:
        _running.discard(self)
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self) -> Server:
        return self if self.process is not None else self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
