"""Property-based fuzzing of the whole API with schemathesis, against a real server.

    python -m tests.fuzz.run [--max-examples N] [--seed S] [--keep] [-- SCHEMATHESIS ARGS]

(``make fuzz``; ``make fuzz FUZZ_EXAMPLES=200`` for the longer release run.) What it does:

1. creates a throwaway database ``<name>_fuzz_<random>`` beside ``DATABASE_URL``'s (its
   own name per run, so runs never share one; ``FUZZ_DATABASE`` names it instead; dropped
   at the end unless ``--keep``), migrates it, loads the curated dataset (with the seed
   article texts when ``../shared/seeds`` is there), proposes the claims of each article
   and makes an analyst with a token;
2. serves it with gunicorn on a free port, with production settings (``DEBUG=false``)
   and without rate limits;
3. runs ``schemathesis run`` on the served schema with every check, authenticated as
   the analyst (``Authorization: Token $FUZZ_TOKEN``, set by fuzz_hooks.py), so
   writes are fuzzed too, and the stateful
   phase follows the schema's links (create -> get/replace/change/delete with the
   ETag as If-Match). tests/fuzz/schemathesis.toml holds the settings and says why
   each expected status is expected; tests/fuzz/hooks.py gives the cases ids,
   ETags and bodies the data accepts;
4. prints what each operation answered (cases, status codes, whether a 2xx was reached)
   and ends with one line, ``fuzz: N operations, M cases, K failures``.

The exit status is non-zero on any schemathesis failure, or when a write operation
never reached a 2xx.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CONFIG = ROOT / "tests" / "fuzz" / "schemathesis.toml"
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
ANALYST = "fuzzer"
REVOKER = "fuzzer-revoker"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
RELEASE = "1.0.0"  # the release prepare() builds; schemathesis.toml names it too
# Claims the extractor finds in each article, for the proposals' accept and reject.
PROPOSE = (
    "from sources.models import Source; "
    "from intake.services import source_propose_claims; "
    "[source_propose_claims(source=s) for s in Source.objects.exclude(text='')]"
)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(*args: str, env: dict[str, str], capture: bool = False) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=env, check=True, text=True, capture_output=capture, timeout=1800
    )
    return result.stdout if capture else ""


def prepare(url: str, env: dict[str, str]) -> tuple[str, str]:
    """Migrate, load the dataset, propose the articles' claims, build release RELEASE
    (schemathesis.toml's ``versions``), make the analyst and a
    second one (whose tokens the token-revoking operations revoke, see fuzz_hooks.py),
    and return their password and the analyst's API token."""
    manage = [str(sys.executable), "manage.py"]
    run(*manage, "migrate", "--no-input", "-v", "0", env=env)
    run(*manage, "createcachetable", env=env)
    texts = ["--texts", str(SEEDS)] if SEEDS.is_dir() else []
    run(*manage, "load_dataset", *texts, env=env, capture=True)
    run(*manage, "shell", "-c", PROPOSE, env=env, capture=True)
    shutil.rmtree(env["RELEASES_DIR"], ignore_errors=True)
    run(*manage, "build_release", f"--version={RELEASE}", env=env, capture=True)
    password = secrets.token_urlsafe(24)
    for username in (ANALYST, REVOKER):
        run(*manage, "create_analyst", username, f"--password={password}", env=env, capture=True)
    code = (
        "from django.contrib.auth import get_user_model; from knox.models import AuthToken; "
        f"print(AuthToken.objects.create(get_user_model().objects.get(username={ANALYST!r}))[1])"
    )
    token = run(*manage, "shell", "-c", code, env=env, capture=True).strip().splitlines()[-1]
    return password, token


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
    name = os.environ.get("FUZZ_DATABASE") or (
        f"{urlsplit(base).path.lstrip('/')}_fuzz_{secrets.token_hex(3)}"
    )
    url = with_database(base, name)
    maintenance = with_database(base, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')

    # one seed for schemathesis and the hooks, so the seed it prints repeats the run
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
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
        # the run's own release folder, with one release in it (prepare), so the
        # download operation answers about a real archive, not only 404
        "RELEASES_DIR": str(ROOT / ".data" / "fuzz-releases"),
    }
    env.pop("TEST_DATABASE_NAME", None)
    log = ROOT / ".data" / "fuzz-server.log"
    calls = ROOT / ".data" / "fuzz-calls.jsonl"
    report = ROOT / ".data" / "fuzz-report.json"
    log.parent.mkdir(parents=True, exist_ok=True)
    calls.unlink(missing_ok=True)
    report.unlink(missing_ok=True)
    env.update(
        FUZZ_BASE_URL=f"http://127.0.0.1:{port}",
        FUZZ_CALLS=str(calls),
        FUZZ_USERNAME=ANALYST,
        FUZZ_REVOKER=REVOKER,
        FUZZ_SEED=str(seed),
    )
    server = None
    try:
        print(f"fuzz: preparing database {name} (migrate, dataset, analyst) ...", flush=True)
        env["FUZZ_PASSWORD"], env["FUZZ_TOKEN"] = prepare(url, env)
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
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ]
        if options.max_examples:
            command += ["--max-examples", str(options.max_examples)]
        command += ["--seed", str(seed)]
        command += options.extra
        print("fuzz:", " ".join(command), flush=True)
        status = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        return summarise(calls, report, status)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not options.keep:
            with psycopg.connect(maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def coverage(calls: Path) -> dict[str, dict]:
    """Per operation: cases sent, status codes answered, and whether a 2xx was reached."""
    table: dict[str, dict] = {}
    lines = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
    for line in lines:
        call = json.loads(line)
        if call["method"] != call["operation"].split()[0]:
            continue  # a method the path does not declare (405 expected), not this operation
        row = table.setdefault(call["operation"], {"cases": 0, "statuses": collections.Counter()})
        row["cases"] += 1
        row["statuses"][call["status"]] += 1
    for row in table.values():
        row["2xx"] = any(200 <= status < 300 for status in row["statuses"])
    return table


def summarise(calls: Path, report: Path, status: int) -> int:
    """Print the per-operation table and the closing line; the run's exit status."""
    table = coverage(calls)
    width = max((len(name) for name in table), default=10)
    print(f"\nfuzz: what each operation answered (every phase; calls log {calls})")
    print(f"  {'operation':<{width}}  {'cases':>5}  2xx  status codes")
    for name in sorted(table, key=lambda n: (n.split()[1], n.split()[0])):
        row = table[name]
        codes = ", ".join(f"{code}:{n}" for code, n in sorted(row["statuses"].items()))
        mark = "yes" if row["2xx"] else " NO"
        print(f"  {name:<{width}}  {row['cases']:>5}  {mark}  {codes}")
    unreached = sorted(n for n, row in table.items() if n.split()[0] in WRITES and not row["2xx"])
    for name in unreached:
        print(f"fuzz: write operation never reached a 2xx: {name}")
    failures = "?"
    if report.exists():
        failures = json.loads(report.read_text(encoding="utf-8"))["test_cases"]["unique_failures"]
    cases = sum(row["cases"] for row in table.values())
    print(f"fuzz: {len(table)} operations, {cases} cases, {failures} failures", flush=True)
    return status or (1 if unreached else 0)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
