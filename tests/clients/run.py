"""The three clients integrators generate from the committed schema, checked end to end.

    python -m tests.clients.run [--keep-going]

(``make clients``; CI runs it.) For each of openapi-python-client, openapi-typescript +
openapi-fetch, and @hey-api/openapi-ts, all with their default settings, it

1. generates the client from docs/openapi.yaml into .data/clients/ (no warnings allowed);
2. type-checks the small program in tests/clients/<client>/ with it, strictly
   (``mypy --strict``, ``tsc --strict``; tools/clients/tsconfig.json), and compiles the
   TypeScript ones;
3. runs the program against gunicorn serving a fresh database with the bundled dataset
   (tests/support/dataset_server.py). Each program lists with filters, pages through
   every pledge, logs in, creates a pledge with a citation, meets a 400 and a 412, and
   finds its writes in the change feed; it prints what it saw as one JSON line.

The runner checks each program's figures against the API's own count, prints one line
per client, and ends with ``clients: N checked, K failures``; the exit status is non-zero
on any failure.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SCHEMA = ROOT / "docs" / "openapi.yaml"
PROGRAMS = ROOT / "tests" / "clients"
TOOLS = ROOT / "tools" / "clients"
NODE_BIN = TOOLS / "node_modules" / ".bin"
WORK = ROOT / ".data" / "clients"
PYTHON_PACKAGE = "coalition_tracker_api_client"  # what the generator names it, from the title


class Failed(Exception):
    """A step failed; the message says which and what it printed."""


def run(step: str, command: list[str | Path], *, cwd: Path = ROOT, env=None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise Failed(f"{step} failed (exit {result.returncode}):\n{output[-4000:]}")
    return output


@dataclass
class Client:
    name: str
    folder: str  # under tests/clients/ and .data/clients/

    @property
    def work(self) -> Path:
        return WORK / self.folder

    def generate(self) -> None:
        raise NotImplementedError

    def typecheck(self) -> None:
        raise NotImplementedError

    def command(self) -> list[str | Path]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return {}


class PythonClient(Client):
    def generate(self) -> None:
        output = run(
            "openapi-python-client generate",
            [
                BIN / "openapi-python-client",
                "generate",
                "--path",
                SCHEMA,
                "--output-path",
                self.work / "generated",
                "--fail-on-warning",
            ],
        )
        if "Warning" in output:
            raise Failed(f"openapi-python-client warned:\n{output}")
        shutil.copy(PROGRAMS / self.folder / "program.py", self.work / "program.py")

    def env(self) -> dict[str, str]:
        return {
            "PYTHONPATH": str(self.work / "generated"),
            "MYPYPATH": str(self.work / "generated"),
        }

    def typecheck(self) -> None:
        run(
            "mypy --strict",
            [
                BIN / "mypy",
                "--strict",
                "--no-incremental",
                self.work / "program.py",
            ],
            env=self.env(),
        )

    def command(self) -> list[str | Path]:
        return [sys.executable, self.work / "program.py"]


class TypeScriptClient(Client):
    def __init__(self, name: str, folder: str, generate: list[str | Path]):
        super().__init__(name, folder)
        self.generator = generate

    def generate(self) -> None:
        output = run(f"{self.name}: generate", self.generator)
        if "warn" in output.lower():
            raise Failed(f"{self.name} warned:\n{output}")
        shutil.copy(PROGRAMS / self.folder / "program.ts", self.work / "program.ts")
        (self.work / "tsconfig.json").write_text(
            json.dumps(
                {
                    "extends": str(TOOLS / "tsconfig.json"),
                    "compilerOptions": {"outDir": "out", "rootDir": "."},
                    "files": ["program.ts"],
                }
            )
        )

    def typecheck(self) -> None:
        run(f"{self.name}: tsc --strict", [NODE_BIN / "tsc", "-p", self.work / "tsconfig.json"])

    def command(self) -> list[str | Path]:
        return ["node", self.work / "out" / "program.js"]


CLIENTS = [
    PythonClient("openapi-python-client", "python"),
    TypeScriptClient(
        "openapi-typescript + openapi-fetch",
        "openapi_fetch",
        [NODE_BIN / "openapi-typescript", SCHEMA, "-o", WORK / "openapi_fetch" / "schema.d.ts"],
    ),
    TypeScriptClient(
        "@hey-api/openapi-ts",
        "hey_api",
        [NODE_BIN / "openapi-ts", "-i", SCHEMA, "-o", WORK / "hey_api" / "generated"],
    ),
]


def pledge_count(base: str) -> int:
    """The number of pledges the API says it lists (``count=exact``)."""
    page = httpx.get(f"{base}/api/v1/pledges/?count=exact&limit=1", timeout=30)
    return page.raise_for_status().json()["count"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    if not (NODE_BIN / "tsc").exists():
        sys.exit(f"{NODE_BIN} has no tsc: run `make clients` (npm ci --prefix {TOOLS})")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from tests.support.dataset_server import ANALYST, PASSWORD, dataset_server

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    # The generated TypeScript resolves its packages from tools/clients/node_modules.
    (WORK / "node_modules").symlink_to(TOOLS / "node_modules")
    failures: dict[str, str] = {}
    ready = []
    for client in CLIENTS:
        client.work.mkdir(parents=True, exist_ok=True)
        try:
            client.generate()
            client.typecheck()
            ready.append(client)
        except Failed as error:
            failures[client.name] = str(error)

    with tempfile.TemporaryDirectory() as logs, dataset_server("clients", Path(logs)) as server:
        for client in ready:
            expected = pledge_count(server.url)
            env = {"API_URL": server.url, "API_USERNAME": ANALYST, "API_PASSWORD": PASSWORD}
            try:
                output = run(
                    f"{client.name}: the program", client.command(), env={**client.env(), **env}
                )
                seen = json.loads(output.strip().splitlines()[-1])
                if seen["listed"] != expected:
                    raise Failed(f"paged through {seen['listed']} pledges, the API has {expected}")
                print(f"{client.name}: {json.dumps(seen)}")
            except (Failed, ValueError, KeyError) as error:
                failures[client.name] = str(error)

    for name, why in failures.items():
        print(f"FAILED {name}: {why}", file=sys.stderr)
    print(f"clients: {len(CLIENTS)} checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
