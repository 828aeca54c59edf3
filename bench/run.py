"""Load-test the API and the two baselines on one gunicorn server; print a table.

    python -m bench.run                      # every endpoint, 10 s each
    python -m bench.run --duration 5 --only list,sql,naive
    python -m bench.run --markdown docs/bench-last.md --json .data/bench/last.json

What it does, in order:

1. finds the benchmark database (``bench/db.py``) and checks it holds data
   (``python -m bench.generate`` fills it);
2. starts gunicorn on 127.0.0.1 with ``bench.settings`` (the project's settings with
   the baselines mounted), DEBUG off and persistent connections, records its PID
   with ``--pid`` and always stops it (SIGTERM, then SIGKILL of its process group);
3. probes each endpoint once; one that answers 404 is skipped and marked so;
4. counts the SQL queries of one request to each endpoint in this process, with
   Django's test client under ``CaptureQueriesContext`` (the second of two
   requests, so per-process caches are warm);
5. runs wrk (``bench/wrk/report.lua``) against each endpoint: a short warm-up, then a
   bounded measured run; then the pledge list again at half of its measured
   saturation throughput (wrk with a Lua rate limit: Poisson arrivals per
   connection) for the tail latency a lightly loaded server gives;
6. prints requests/s, p50, p99, errors and queries per request, the pledge lists'
   throughput as a ratio to each baseline, and the issue's targets as PASS/FAIL.

wrk and the server share the machine's cores; the figures are for comparing
endpoints measured in the same run, not absolute capacity.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from bench import db
from bench import search as search_bench

BASE_DIR = db.BASE_DIR
RUN_DIR = BASE_DIR / ".data" / "bench"
LUA = Path(__file__).resolve().parent / "wrk" / "report.lua"
DEEP_PAGES = 10_000
PAGE = 50


@dataclass
class Endpoint:
    key: str
    label: str
    path: str | None
    group: str = ""  # "list" endpoints get ratios to the baselines
    note: str = ""
    status: int | None = None
    queries: int | None = None
    bytes: int | None = None
    wrk: dict = field(default_factory=dict)
    single: dict = field(default_factory=dict)  # one connection (the summary's latency)
    probe_s: float | None = None  # how long the probe's one request took

    @property
    def rps(self) -> float | None:
        if not self.wrk:
            return None
        return self.wrk["requests"] / (self.wrk["duration_us"] / 1e6)

    @property
    def errors(self) -> int | None:
        if not self.wrk:
            return None
        return wrk_errors(self.wrk)


def wrk_errors(report: dict) -> int:
    """A wrk report's errors: failed connects, reads, writes, timeouts, responses >= 400."""
    return sum(report[k] for k in ("connect", "read", "write", "status", "timeout"))


# --- the benchmark database -------------------------------------------------------------
@dataclass
class Facts:
    pledges: int
    pledge_id: int
    actor: str
    kind: str
    coalition: str
    as_of: str
    deep_id_all: int | None
    deep_id_verified: int | None
    top_ids_all: list[int]
    top_ids_verified: list[int]
    # --- search (bench/search.py) ---
    search_term: str = "Iraq"
    search_term_pledges: int = 0


def read_facts(url: str) -> Facts:
    import psycopg

    deep = DEEP_PAGES * PAGE - 1  # the last row of page DEEP_PAGES: the next cursor's position
    with psycopg.connect(url) as conn:
        pledges = conn.execute("SELECT count(*) FROM pledges_pledge").fetchone()[0]
        if not pledges:
            raise SystemExit(
                "the benchmark database has no pledges: run `make bench-data` "
                "(python -m bench.generate) first"
            )

        def one(sql: str, params=()):
            row = conn.execute(sql, params).fetchone()
            return row[0] if row else None

        def ids(where: str, offset: int | None = None, limit: int = PAGE) -> list[int]:
            sql = f"SELECT id FROM pledges_pledge {where} ORDER BY id DESC"
            sql += f" OFFSET {offset} LIMIT 1" if offset is not None else f" LIMIT {limit}"
            return [r[0] for r in conn.execute(sql).fetchall()]

        verified = "WHERE review_status = 'verified'"
        deep_all, deep_verified = ids("", deep), ids(verified, deep)
        term, term_pledges = search_bench.selective_term(conn, pledges)  # search block
        return Facts(
            pledges=pledges,
            pledge_id=one(
                "SELECT id FROM pledges_pledge ORDER BY id OFFSET %s LIMIT 1", [pledges // 2]
            ),
            actor="USA",
            kind="aircraft",
            coalition=one("SELECT slug FROM coalition_coalition ORDER BY id LIMIT 1") or "none",
            as_of="2016-01-01",
            deep_id_all=deep_all[0] if deep_all else None,
            deep_id_verified=deep_verified[0] if deep_verified else None,
            top_ids_all=ids(""),
            top_ids_verified=ids(verified),
            search_term=term,
            search_term_pledges=term_pledges,
        )


def endpoints(f: Facts) -> list[Endpoint]:
    api = "/api/v1"
    sql, naive = "/bench/baseline/pledges/sql/", "/bench/baseline/pledges/naive/"
    return [
        Endpoint("list", "pledge list, 50 with citations", f"{api}/pledges/?limit=50", "first"),
        Endpoint(
            "filtered",
            f"pledge list, actor={f.actor} kind={f.kind}",
            f"{api}/pledges/?actor={f.actor}&kind={f.kind}&limit=50",
        ),
        Endpoint("deep", f"pledge list, page {DEEP_PAGES:,} (cursor)", None, "deep"),
        Endpoint("detail", "pledge detail", f"{api}/pledges/{f.pledge_id}/"),
        Endpoint("actor", "actor profile", f"{api}/actors/{f.actor}/profile/"),
        Endpoint(
            "members",
            f"coalition members as of {f.as_of}",
            f"{api}/coalitions/{f.coalition}/members/?as_of={f.as_of}",
        ),
        Endpoint("summary", "pledge summary by actor", f"{api}/pledges/summary/?group_by=actor"),
        Endpoint("sql", "baseline (1): one SQL query + orjson", f"{sql}?limit=50"),
        Endpoint(
            "sql_deep",
            f"baseline (1), page {DEEP_PAGES:,} (keyset)",
            f"{sql}?limit=50&before={f.deep_id_verified}" if f.deep_id_verified else None,
        ),
        Endpoint(
            "list_b",
            "pledge list, design (b): objects built in Python",
            f"{sql}?limit=50&json=python",
            "first",
        ),
        Endpoint(
            "list_pg",
            "pledge list, design (a) prototype: one hand-written statement",
            f"{sql}?limit=50&json=postgres",
            "first",
        ),
        Endpoint(
            "pg_deep",
            f"design (a) prototype, page {DEEP_PAGES:,} (cursor)",
            f"{sql}?limit=50&json=postgres&cursor={id_cursor(f.deep_id_verified)}"
            if f.deep_id_verified
            else None,
            "deep",
        ),
        # --- search (bench/search.py): its scenarios, one at a time as well below ---
        *(
            Endpoint(key, label, path)
            for key, label, path in search_bench.scenarios(
                f.search_term, f.search_term_pledges, f.pledge_id
            )
        ),
        Endpoint("naive", "baseline (2): naive DRF", f"{naive}?limit=50"),
        Endpoint(
            "naive_deep",
            f"baseline (2), page {DEEP_PAGES:,} (page number)",
            f"{naive}?limit=50&page={DEEP_PAGES + 1}" if f.deep_id_verified else None,
        ),
    ]


def id_cursor(position: int) -> str:
    """The API's keyset cursor for the rows after ``position`` in the default order."""
    payload = json.dumps({"o": "-id", "p": [position], "b": False}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def deep_cursor_path(first_page: dict, facts: Facts) -> tuple[str | None, str]:
    """A cursor DEEP_PAGES pages into the API's list, made from its own ``next`` link.

    Two cursor formats are understood: the project's keyset cursor (URL-safe base64
    JSON whose ``p`` is the list of the last row's ordering values, ``[id]`` when the
    list is ordered by id) and DRF's CursorPagination (base64 of a query string whose
    ``p`` is the position). The position is the id at row DEEP_PAGES * 50 of the API's
    own order: with or without unverified pledges, whichever matches its first page.
    """
    nxt = first_page.get("next")
    if not nxt:
        return None, "no next link on the first page"
    parts = urlsplit(nxt)
    query = parse_qs(parts.query)
    if "cursor" not in query:
        return None, "next link has no cursor parameter"
    shown = [r.get("id") for r in first_page.get("results", [])]
    if shown and shown == facts.top_ids_verified[: len(shown)]:
        deep, scope = facts.deep_id_verified, "verified pledges"
    else:
        deep, scope = facts.deep_id_all, "all pledges"
    if deep is None:
        return None, f"fewer than {DEEP_PAGES * PAGE:,} {scope}"
    cursor = _move_cursor(query["cursor"][0], deep)
    if cursor is None:
        return None, "cursor format not understood"
    query["cursor"] = [cursor]
    return f"{parts.path}?{urlencode(query, doseq=True)}", f"cursor over {scope}"


def _move_cursor(raw: str, position: int) -> str | None:
    try:
        decoded = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
    except ValueError:
        return None
    try:
        payload = json.loads(decoded)
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        if not isinstance(payload.get("p"), list) or len(payload["p"]) != 1:
            return None  # ordered by more than the id: no position to make up
        payload["p"] = [position]
        encoded = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(encoded).decode().rstrip("=")
    fields = parse_qs(decoded)
    if "p" not in fields:
        return None
    fields["p"] = [str(position)]
    return base64.b64encode(urlencode(fields, doseq=True).encode()).decode()


# --- the server -------------------------------------------------------------------------
def server_env(url: str) -> dict[str, str]:
    return db.django_env(
        url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        SECURE_SSL_REDIRECT="false",
        CONN_MAX_AGE=os.environ.get("CONN_MAX_AGE", "600"),
        LOG_LEVEL="WARNING",
        BENCH_ENDPOINTS="1",
        GUNICORN_CMD_ARGS="",
        # One client sending hundreds of requests a second is what a rate limit is
        # for: the benchmark measures the API, not the limiter (docs/performance.md).
        API_THROTTLE_ANON="off",
        API_THROTTLE_USER="off",
    )


class Server:
    """gunicorn on 127.0.0.1, stopped for certain (also on Ctrl-C)."""

    def __init__(self, url: str, port: int, workers: int, worker_class: str, threads: int):
        self.url, self.port = url, port
        self.workers, self.worker_class, self.threads = workers, worker_class, threads
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        self.pidfile = RUN_DIR / "gunicorn.pid"
        self.log = RUN_DIR / "gunicorn.log"
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, env: dict[str, str]) -> None:
        self.stop_stale()
        # WhiteNoise warns on every start when STATIC_ROOT does not exist.
        (BASE_DIR / ".data" / "static").mkdir(parents=True, exist_ok=True)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", self.worker_class,
            "--threads", str(self.threads),
            "--pid", str(self.pidfile),
            "--error-logfile", str(self.log),
            "--log-level", "warning",
            "--timeout", "60",
            "--backlog", "2048",
            "--config", "python:bench.gunicorn_conf",
        ]  # fmt: skip
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            try:
                status, _, _ = fetch(self.base + "/bench/baseline/pledges/sql/?limit=1")
            except OSError:
                status = None
            if status == 200:
                return
            if status is not None:
                break
            time.sleep(0.2)
        self.stop()
        raise SystemExit(
            f"gunicorn answered {status or 'nothing'} on /bench/baseline/pledges/sql/; "
            f"see {self.log}"
        )

    def stop_stale(self) -> None:
        """A server left by an earlier run that was killed hard."""
        if self.pidfile.exists():
            try:
                pid = int(self.pidfile.read_text().strip())
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except (ValueError, OSError):
                cmdline = b""
            if b"gunicorn" in cmdline and str(self.pidfile).encode() in cmdline:
                os.kill(pid, signal.SIGTERM)
                time.sleep(1)
            self.pidfile.unlink(missing_ok=True)

    def stop(self) -> None:
        if self.proc is None:
            return
        pid = self.proc.pid
        with contextlib.suppress(OSError, ValueError):
            pid = int(self.pidfile.read_text().strip())
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                if sig == signal.SIGKILL:
                    os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # any worker left behind
        self.proc = None
        self.pidfile.unlink(missing_ok=True)


def fetch(url: str, timeout: float = 60) -> tuple[int, bytes, float]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            return response.status, body, time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.perf_counter() - started


# --- measuring --------------------------------------------------------------------------
def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        print("wrk is missing: installing it (apt-get install -y wrk)", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit("wrk is needed: `sudo apt-get install -y wrk` (Debian/Ubuntu), then retry")


def run_wrk(
    wrk: str,
    url: str,
    seconds: float,
    connections: int,
    threads: int,
    delay_ms: float = 0,
) -> dict:
    env = dict(os.environ, BENCH_DELAY_MS=f"{delay_ms:.3f}")
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        url,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=seconds + 60, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk gave no report: {done.stdout}\n{done.stderr}")


class CpuMeter:
    """CPU time used by the benchmark's own processes: gunicorn's workers, their
    PostgreSQL backends (when the server runs on this machine and /proc shows them) and
    wrk. Other processes sharing the cores are left out, so a CPU time per request
    compares endpoints even when the machine is busy; req/s does not. (A parallel
    query's extra PostgreSQL workers are not counted.)"""

    def __init__(self, server: Server, url: str):
        self.server, self.url = server, url
        self.pids: list[int] = []

    def find_processes(self) -> None:
        import psycopg

        master = self.server.proc.pid if self.server.proc else None
        workers = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == master:
                    workers.append(int(stat.parent.name))
        backends = []
        with contextlib.suppress(Exception), psycopg.connect(self.url) as conn:
            backends = [
                row[0]
                for row in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                ).fetchall()
            ]
        self.pids = workers + backends

    def seconds(self) -> float:
        import resource

        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in self.pids:
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once it has ended
        return total + children.ru_utime + children.ru_stime

    def wait_idle(self, timeout: float = 60.0) -> float:
        """Wait until the server's processes have used no CPU for two 100 ms windows in
        a row: the requests wrk left running when it stopped (up to one per connection,
        each as long as the endpoint's latency) have finished. Without it, an endpoint
        measured after a slow one shared the workers with the slow one's leftovers: the
        pledge list, measured first in each round after the naive baseline's deep page
        (~1 s a request), lost up to a second of every slice to it. Returns the wait."""
        started = time.monotonic()
        last, quiet = self.seconds(), 0
        while quiet < 2 and time.monotonic() - started < timeout:
            time.sleep(0.1)
            now = self.seconds()
            quiet = quiet + 1 if now - last < 0.005 else 0
            last = now
        return time.monotonic() - started


SLOW_S = 2.0  # an endpoint whose probe took longer is timed one request at a time
SLOW_REQUESTS = 3


def one_at_a_time(url: str, count: int) -> dict:
    """A wrk-like report of ``count`` requests made one after the other."""
    times, errors = [], 0
    for _ in range(count):
        status, _, elapsed = fetch(url, timeout=300)
        times.append(elapsed)
        errors += status >= 400
    times.sort()
    return {
        "requests": count,
        "duration_us": int(sum(times) * 1e6),
        "bytes": 0,
        "connect": 0,
        "read": 0,
        "write": 0,
        "status": errors,
        "timeout": 0,
        "p50_us": int(times[len(times) // 2] * 1e6),
        "p90_us": int(times[-1] * 1e6),
        "p99_us": int(times[-1] * 1e6),
        "max_us": int(times[-1] * 1e6),
        "mean_us": sum(times) / count * 1e6,
    }


def merge_reports(reports: list[dict]) -> dict:
    """One report from the rounds of an endpoint: counts and time added up; p50 and p90
    the median of the rounds', p99 and max the worst round's (percentiles cannot be
    added up; the worst is the conservative choice)."""
    if len(reports) == 1:
        return reports[0]
    merged = {
        key: sum(r[key] for r in reports)
        for key in (
            "requests",
            "duration_us",
            "bytes",
            "connect",
            "read",
            "write",
            "status",
            "timeout",
        )
    }
    for key in ("p50_us", "p90_us"):
        merged[key] = sorted(r[key] for r in reports)[len(reports) // 2]
    merged["p99_us"] = max(r["p99_us"] for r in reports)
    merged["max_us"] = max(r["max_us"] for r in reports)
    merged["mean_us"] = sum(r["mean_us"] * r["requests"] for r in reports) / max(
        1, merged["requests"]
    )
    merged["rounds"] = [r["requests"] / (r["duration_us"] / 1e6) for r in reports]
    if all("cpu_s" in r for r in reports):
        merged["cpu_s"] = sum(r["cpu_s"] for r in reports)
    return merged


def count_queries(url: str, env: dict[str, str], points: list[Endpoint]) -> None:
    """Queries per request, counted in this process with Django's test client."""
    os.environ.update(env)
    db.setup_django(url, "bench.settings")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT="application/json")
    for point in points:
        if point.path is None or point.status != 200:
            continue
        client.get(point.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(point.path)
        if response.status_code == 200:
            point.queries = len(captured.captured_queries)


def ms(us: float | None) -> str:
    if us is None:
        return "—"
    return f"{us / 1000:.1f}" if us < 100_000 else f"{us / 1000:.0f}"


def ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "—"
    return f"{a / b:.2f}x"


def table(points: list[Endpoint], by_key: dict[str, Endpoint]) -> str:
    head = (
        "| endpoint | req/s | p50 ms | p99 ms | errors | queries/req | KB/resp "
        "| CPU ms/req | vs (1) SQL | vs (2) naive |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    rows = []
    for p in points:
        if not p.wrk:
            rows.append(f"| {p.label} | {p.note or 'not measured'} | | | | | | | | |")
            continue
        vs1 = vs2 = "—"
        if p.group == "first":
            vs1, vs2 = ratio(p.rps, by_key["sql"].rps), ratio(p.rps, by_key["naive"].rps)
        elif p.group == "deep":
            vs1 = ratio(p.rps, by_key["sql_deep"].rps)
            vs2 = ratio(p.rps, by_key["naive_deep"].rps)
        kb = f"{p.bytes / 1024:.1f}" if p.bytes is not None else "—"
        cpu = cpu_per_request(p)
        cpu_text = "—" if cpu is None else f"{cpu:.2f}"
        queries = "—" if p.queries is None else str(p.queries)
        label = p.label + (f" ({p.note})" if p.note else "")
        rows.append(
            f"| {label} | {p.rps:,.0f} | {ms(p.wrk['p50_us'])} | {ms(p.wrk['p99_us'])} "
            f"| {p.errors} | {queries} | {kb} | {cpu_text} | {vs1} | {vs2} |"
        )
    return head + "\n".join(rows) + "\n"


def cpu_per_request(point: Endpoint) -> float | None:
    """Milliseconds of CPU of the benchmark's own processes per request (CpuMeter)."""
    if not point.wrk or "cpu_s" not in point.wrk or not point.wrk["requests"]:
        return None
    return point.wrk["cpu_s"] * 1000 / point.wrk["requests"]


def per_round_ratios(by_key: dict[str, Endpoint]) -> str:
    """The pledge list's throughput over each baseline's, round by round."""
    lst = by_key["list"].wrk.get("rounds") if by_key["list"].wrk else None
    if not lst:
        return ""
    lines = []
    pairs = (
        ("list", "sql", "Pledge list ÷ baseline (1)"),
        ("list", "naive", "Pledge list ÷ baseline (2)"),
        ("list_b", "sql", "Design (b) list ÷ baseline (1)"),
        ("list_pg", "sql", "Design (a) hand-written prototype ÷ baseline (1)"),
        ("list", "list_b", "Pledge list (design a, served) ÷ design (b)"),
    )
    for key, base, name in pairs:
        mine = by_key[key].wrk.get("rounds") if by_key[key].wrk else None
        other = by_key[base].wrk.get("rounds") if by_key[base].wrk else None
        if mine and other and len(other) == len(mine):
            ratios = ", ".join(f"{a / b:.2f}x" for a, b in zip(mine, other, strict=True) if b)
            lines.append(f"{name}, round by round: {ratios}.")
    cpu_list, cpu_sql = cpu_per_request(by_key["list"]), cpu_per_request(by_key["sql"])
    if cpu_list and cpu_sql:
        lines.append(
            f"CPU per request of the benchmark's own processes (gunicorn workers, their "
            f"PostgreSQL backends, wrk): list {cpu_list:.2f} ms, baseline (1) {cpu_sql:.2f} "
            f"ms; the throughput they allow on cores of their own: list ÷ baseline (1) = "
            f"{cpu_sql / cpu_list:.2f}x."
        )
    for key, name in (("list_b", "Design (b)"), ("list_pg", "Design (a) prototype")):
        cpu = cpu_per_request(by_key[key])
        if cpu and cpu_sql:
            lines.append(
                f"{name}: {cpu:.2f} ms of CPU per request; baseline (1) ÷ it = "
                f"{cpu_sql / cpu:.2f}x."
            )
    return ("\n" + "\n".join(lines) + "\n") if lines else ""


def targets(by_key: dict[str, Endpoint], paced: dict | None) -> list[tuple[str, str, str]]:
    """The issue's targets: (target, measured, PASS/FAIL/SKIP)."""
    out = []
    lst, sql, naive = by_key["list"], by_key["sql"], by_key["naive"]
    if lst.rps and sql.rps and naive.rps:
        r1, r2 = lst.rps / sql.rps, lst.rps / naive.rps
        out.append(("list ≥ 0.8x baseline (1)", f"{r1:.2f}x", "PASS" if r1 >= 0.8 else "FAIL"))
        out.append(("list ≥ 3x baseline (2)", f"{r2:.2f}x", "PASS" if r2 >= 3 else "FAIL"))
    else:
        out.append(("list vs baselines", "list not measured", "SKIP"))
    deep = by_key["deep"]
    if deep.rps and lst.rps:
        slower = lst.rps / deep.rps
        out.append(
            (
                f"page {DEEP_PAGES:,} within 1.25x of the first page's time",
                f"{deep.rps:.0f} vs {lst.rps:.0f} req/s ({slower:.2f}x the first page's time)",
                "PASS" if slower <= 1.25 else "FAIL",
            )
        )
    else:
        out.append((f"page {DEEP_PAGES:,} within 1.25x of the first page", deep.note, "SKIP"))
    # Issue 20: from the rollups, one request at a time.
    for key, name, bound in (
        ("summary", "summary by actor p50 <= 20 ms", 20),
        ("actor", "largest actor's profile p50 <= 50 ms", 50),
    ):
        point = by_key[key]
        if point.single:
            p50 = point.single["p50_us"] / 1000
            at_load = point.wrk["p50_us"] / 1000
            out.append(
                (
                    name,
                    f"{p50:.1f} ms one at a time ({at_load:.1f} ms at saturation)",
                    "PASS" if p50 <= bound else "FAIL",
                )
            )
        else:
            out.append((name, point.note or "not measured", "SKIP"))
    if paced and paced["key"] == "list":
        p99 = paced["p99_us"] / 1000
        out.append(
            (
                "list p99 < 50 ms at half saturation",
                f"{p99:.1f} ms at {paced['rate']:.0f} req/s",
                "PASS" if p99 < 50 else "FAIL",
            )
        )
    else:
        out.append(("list p99 < 50 ms at half saturation", "list not measured", "SKIP"))
    errors = sum(p.errors or 0 for p in by_key.values())
    for key in ("summary", "search"):
        if single := by_key[key].single:
            errors += wrk_errors(single)
    if paced:
        errors += wrk_errors(paced)
    out.append(search_bench.target(by_key["search"]))  # search block
    out.append(("zero errors", str(errors), "PASS" if errors == 0 else "FAIL"))
    return out


# Issue 20: at 10M pledges these stay within 1.3x of their time at 1M.
SCALE_KEYS = ("list", "filtered", "deep", "detail")
SCALE_BOUND = 1.3


def scale_targets(by_key: dict[str, Endpoint], pledges: int, other: dict) -> list[tuple]:
    """This run against ``other`` (the JSON of a run at another scale): each of
    :data:`SCALE_KEYS`'s time per request (1 / req/s) here over there."""
    theirs = {e["key"]: e for e in other["endpoints"]}
    size = re.search(r"([\d,]+) pledges", other["header"])
    there = size[1] if size else "the other run"
    out = []
    for key in SCALE_KEYS:
        mine, base = by_key[key].rps, (theirs.get(key) or {}).get("rps")
        name = f"{by_key[key].label} at {pledges:,} within {SCALE_BOUND}x of {there} pledges"
        if not mine or not base:
            out.append((name, "not measured in both runs", "SKIP"))
            continue
        slower = base / mine
        out.append(
            (
                name,
                f"{mine:.0f} vs {base:.0f} req/s ({slower:.2f}x the time)",
                "PASS" if slower <= SCALE_BOUND else "FAIL",
            )
        )
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}){mem}"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other processes share the cores)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per endpoint")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="split each endpoint's time into this many rounds over all endpoints",
    )
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up each")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--connections", type=int, help="wrk connections (default 2xworkers)")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8911)
    parser.add_argument("--only", help="comma-separated endpoint keys (list,filtered,...)")
    parser.add_argument("--no-paced", action="store_true", help="skip the half-load p99 run")
    parser.add_argument(
        "--pace", default="list", help="endpoint key for the half-load run (default list)"
    )
    parser.add_argument("--database-url")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    parser.add_argument(
        "--compare",
        type=Path,
        help="the --json of a run at another scale: list, filtered, page 10,000 and detail "
        f"must stay within {SCALE_BOUND}x of its times",
    )
    parser.add_argument("--markdown", type=Path, help="write the tables to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    wrk = ensure_wrk()
    url = db.resolve_url(args.database_url)
    facts = read_facts(url)
    points = endpoints(facts)
    by_key = {p.key: p for p in points}
    only = set(args.only.split(",")) if args.only else None
    connections = args.connections or 2 * args.workers
    env = server_env(url)
    server = Server(url, args.port, args.workers, args.worker_class, args.threads)

    def interrupted(signum, frame):
        server.stop()
        raise SystemExit(130)

    signal.signal(signal.SIGTERM, interrupted)
    started = time.time()
    load_at_start = load_average()
    paced = None
    try:
        server.start(env)
        # Probe: status, size; the deep cursor comes from the list's own next link.
        for point in points:
            if point.key == "deep":
                lst = by_key["list"]
                if lst.status == 200:
                    _, body, _ = fetch(server.base + lst.path)
                    point.path, point.note = deep_cursor_path(json.loads(body), facts)
                    point.note = "" if point.path else point.note
                else:
                    point.note = "list not available"
            if point.path is None:
                point.note = point.note or "no such page at this scale"
                continue
            status, body, elapsed = fetch(server.base + point.path)
            point.status, point.bytes, point.probe_s = status, len(body), elapsed
            if status == 404:
                point.note = "skipped: 404, not built yet"
            elif status != 200:
                point.note = f"skipped: HTTP {status}"
        if point_notes := [p for p in points if p.status == 200]:
            count_queries(url, env, point_notes)

        selected = []
        for point in points:
            if point.status != 200 or (only and point.key not in only):
                if point.status == 200:
                    point.note = "not selected"
                continue
            if point.probe_s is not None and point.probe_s > SLOW_S:
                # wrk would leave requests running on every worker long after it
                # stops, and every endpoint measured after it would get nothing.
                point.note = f"one at a time: a response took {point.probe_s:.1f} s"
                print(f"  {point.label}: {point.note}", file=sys.stderr)
                point.wrk = one_at_a_time(server.base + point.path, SLOW_REQUESTS)
                continue
            print(f"  {point.label}: {point.path} (warm-up)", file=sys.stderr)
            run_wrk(wrk, server.base + point.path, args.warmup, connections, args.wrk_threads)
            selected.append(point)
        # The measured time is split into rounds that visit every endpoint in turn, so
        # that an endpoint and the baselines it is compared with see the same machine
        # (other processes' load changes within minutes; see docs/performance.md).
        slice_s = max(2.0, args.duration / args.rounds)
        reports: dict[str, list[dict]] = {point.key: [] for point in selected}
        meter = CpuMeter(server, url)
        meter.find_processes()  # after the warm-up: every worker has its connection
        for round_no in range(args.rounds):
            for point in selected:
                print(f"  round {round_no + 1}/{args.rounds}: {point.label}", file=sys.stderr)
                target = server.base + point.path
                meter.wait_idle()
                before = meter.seconds()
                report = run_wrk(wrk, target, slice_s, connections, args.wrk_threads)
                report["cpu_s"] = meter.seconds() - before
                reports[point.key].append(report)
        for point in selected:
            point.wrk = merge_reports(reports[point.key])

        # The summary's latency, one request at a time: at saturation, with two
        # connections per worker, a request also waits for the one before it on its
        # worker, so the table's p50 for a slow endpoint is about twice its own time.
        for point in (by_key["summary"], by_key["actor"]):
            if point.wrk:
                print(f"  {point.label}, one request at a time", file=sys.stderr)
                meter.wait_idle()
                point.single = run_wrk(wrk, server.base + point.path, args.duration, 1, 1)
        # --- search (bench/search.py): the selective term's latency, one at a time ---
        search_point = by_key["search"]
        if search_point.wrk:
            print(f"  {search_point.label}, one request at a time", file=sys.stderr)
            meter.wait_idle()
            search_point.single = run_wrk(wrk, server.base + search_point.path, args.duration, 1, 1)

        paced_point = by_key.get(args.pace)
        if paced_point and paced_point.wrk and not args.no_paced:
            rate = paced_point.rps / 2
            target = server.base + paced_point.path
            # Each connection waits a random pause (mean D) between requests, so its
            # interval is D plus the time a request takes; one short calibration run
            # measures that overhead and corrects D to reach the target rate.
            interval = connections / rate * 1000
            delay = max(0.0, interval - paced_point.wrk["p50_us"] / 1000 / 2)
            print(f"  {paced_point.label} paced at {rate:.0f} req/s", file=sys.stderr)
            meter.wait_idle()
            trial = run_wrk(wrk, target, 4, connections, args.wrk_threads, delay)
            reached = trial["requests"] / (trial["duration_us"] / 1e6)
            overhead = connections / reached * 1000 - delay if reached else 0
            delay = max(0.0, interval - overhead)
            meter.wait_idle()
            paced = run_wrk(wrk, target, args.duration, connections, args.wrk_threads, delay)
            paced["key"], paced["label"] = paced_point.key, paced_point.label
            paced["target_rate"] = rate
            paced["rate"] = paced["requests"] / (paced["duration_us"] / 1e6)
    finally:
        server.stop()

    header = (
        f"Machine: {machine()}; PostgreSQL {postgres_version(url)} "
        f"(database {db.database_name(url)}, {facts.pledges:,} pledges). gunicorn "
        f"{args.workers} {args.worker_class} workers x {args.threads} threads; wrk "
        f"{args.wrk_threads} thread, {connections} connections, {args.duration:.0f} s per "
        f"endpoint in {args.rounds} interleaved rounds after {args.warmup:.0f} s warm-up; "
        f"load average {load_at_start} at the start, {load_average()} at the end. "
        f"{time.strftime('%Y-%m-%d %H:%M')}."
    )
    text = header + "\n\n" + table(points, by_key)
    text += per_round_ratios(by_key)
    if paced:
        text += (
            f"\n{paced['label'][0].upper()}{paced['label'][1:]} paced at half its saturation "
            f"({paced['target_rate']:.0f} req/s "
            f"target, {paced['rate']:.0f} reached): p50 {ms(paced['p50_us'])} ms, "
            f"p90 {ms(paced['p90_us'])} ms, p99 {ms(paced['p99_us'])} ms, "
            f"errors {wrk_errors(paced)}.\n"
        )
    for key in ("summary", "actor"):
        if single := by_key[key].single:
            text += (
                f"\n{by_key[key].label[0].upper()}{by_key[key].label[1:]}, one request at a "
                f"time: {single['requests']} requests, p50 {ms(single['p50_us'])} ms, "
                f"p99 {ms(single['p99_us'])} ms, errors {wrk_errors(single)}.\n"
            )
    if single := by_key["search"].single:  # search block
        text += (
            f"\n{by_key['search'].label[0].upper()}{by_key['search'].label[1:]}, one request "
            f"at a time: {single['requests']} requests, p50 {ms(single['p50_us'])} ms, "
            f"p99 {ms(single['p99_us'])} ms, errors {wrk_errors(single)}.\n"
        )
    text += "\n| target | measured | result |\n|---|---|---|\n"
    rows = targets(by_key, paced)
    if args.compare:
        rows += scale_targets(by_key, facts.pledges, json.loads(args.compare.read_text()))
    text += "\n".join(f"| {t} | {m} | {r} |" for t, m, r in rows) + "\n"
    print("\n" + text)
    if args.markdown:
        args.markdown.write_text(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "started": started,
                    "header": header,
                    "endpoints": [asdict(p) | {"rps": p.rps} for p in points],
                    "paced": paced,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
