"""Property-based fuzzing of the whole API with schemathesis, against a real server.

    python -m tests.trust.fuzz [--max-examples N] [--seed S] [--keep] [-- SCHEMATHESIS ARGS]

(``make fuzz``; ``make fuzz FUZZ_EXAMPLES=200`` for the longer release run.) What it does:

1. creates a throwaway database ``<name>_fuzz`` beside ``DATABASE_URL``'s (dropped at the
   end unless ``--keep``), migrates it, loads the curated dataset (with the seed
   article texts when ``../shared/seeds`` is there) and makes an analyst with a token;
2. serves it with gunicorn on a free port, with production settings (``DEBUG=false``)
   and without rate limits;
3. runs ``schemathesis run`` on the served schema with every check, authenticated as
   the analyst (``Authorization: Token $FUZZ_TOKEN``, set in schemathesis.toml), so
   writes are fuzzed too, and the stateful
   phase follows the schema's links (create -> get/replace/change/delete with the
   ETag as If-Match). tests/trust/schemathesis.toml holds the settings and says why
   each expected status is expected.

The exit status is schemathesis's: non-zero on any failure.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CONFIG = ROOT / "tests" / "trust" / "schemathesis.toml"
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
ANALYST = "fuzzer"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(*args: str, env: dict[str, str], capture: bool = False) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=env, check=True, text=True, capture_output=capture, timeout=1800
    )
    return result.stdout if capture else ""


def prepare(url: str, env: dict[str, str]) -> tuple[str, str]:
    """Migrate, load the dataset, and return two API tokens of an analyst: one for the
    run, one for ``DELETE /auth/token/`` to revoke (it would revoke the run's)."""
    manage = [str(sys.executable), "manage.py"]
    run(*manage, "migrate", "--no-input", "-v", "0", env=env)
    run(*manage, "createcachetable", env=env)
    texts = ["--texts", str(SEEDS)] if SEEDS.is_dir() else []
    run(*manage, "load_dataset", *texts, env=env, capture=True)
    password = secrets.token_urlsafe(24)
    run(*manage, "create_analyst", ANALYST, "--password", password, env=env, capture=True)
    code = (
        "from django.contrib.auth import get_user_model; from knox.models import AuthToken; "
        f"user = get_user_model().objects.get(username={ANALYST!r}); "
        "print(AuthToken.objects.create(user)[1], AuthToken.objects.create(user)[1])"
    )
    out = run(*manage, "shell", "-c", code, env=env, capture=True).strip().splitlines()[-1]
    token, spare = out.split()
    return token, spare


def serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(300):
        if process.poll() is not None:
            sys.exit(f"gunicorn exited; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.terminate()
    sys.exit(f"gunicorn did not become ready; see {log}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("extra", nargs="*", help="more schemathesis arguments (after --)")
    options = parser.parse_args(argv)

    base = os.environ.get("DATABASE_URL")
    if not base:
        sys.exit("DATABASE_URL is not set (use `make fuzz`, which sets it).")
    name = os.environ.get("FUZZ_DATABASE") or f"{urlsplit(base).path.lstrip('/')}_fuzz"
    url = with_database(base, name)
    maintenance = with_database(base, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')

    port = int(os.environ.get("FUZZ_PORT", "0")) or _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SECURE_SSL_REDIRECT": "false",
        "API_THROTTLE_ANON": "off",
        "API_THROTTLE_USER": "off",
        "CACHE_KEY_PREFIX": f"fuzz-{secrets.token_hex(4)}",
        "GUNICORN_ACCESSLOG": os.environ.get("GUNICORN_ACCESSLOG", "-"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }
    env.pop("TEST_DATABASE_NAME", None)
    log = ROOT / ".data" / "fuzz-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        print(f"fuzz: preparing database {name} (migrate, dataset, analyst) ...", flush=True)
        env["FUZZ_TOKEN"], env["FUZZ_SPARE_TOKEN"] = prepare(url, env)
        server = serve(env, port, log)
        print(f"fuzz: serving on 127.0.0.1:{port}; server log {log}", flush=True)
        command = [
            str(BIN / "schemathesis"),
            "--config-file",
            str(CONFIG),
            "run",
            f"http://127.0.0.1:{port}/api/v1/schema/",
            "--checks",
            "all",
        ]
        if options.max_examples:
            command += ["--max-examples", str(options.max_examples)]
        if options.seed is not None:
            command += ["--seed", str(options.seed)]
        command += options.extra
        print("fuzz:", " ".join(command), flush=True)
        return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not options.keep:
            with psycopg.connect(maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
