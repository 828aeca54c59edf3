"""docs/api.md runs: every command of its ```console blocks, in order, against a fresh
server with the bundled dataset, answers what the doc prints.

The convention (docs/api.md, "How this page is tested"):

- In a ```console block a line starting with ``$ `` is a command; the lines after it
  that end in ``\\`` or leave a quote open continue it. Every other line, up to the
  next command, is the output the command prints (stdout and stderr together).
- ``<!-- doctest: skip REASON -->`` before a block: not run (pseudo-requests, commands
  for another machine); ``<!-- doctest: needs-texts -->``: run only when the seed
  article texts are loaded (the output depends on them), else skipped, so the rest of
  the page does not depend on them; ``<!-- doctest: write FILE -->``: the block shows
  ``$ cat FILE``, whose output is written to FILE first.
- Commands run in bash one by one, sharing the variables they set (``set -a``) and a
  working folder. ``$API`` and ``$TOKEN`` start as the analyst's, so sections above the
  session can use them. ``http://127.0.0.1:8000`` stands for the server's address.
- Before comparing, tokens (and their prefixes), timestamps, ETags and change-feed
  cursors are replaced by placeholders on both sides; nothing else is ignored.

``DOCTEST_UPDATE=1`` writes the outputs the commands printed back into docs/api.md
(review the diff before committing it).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass, field

import httpx
import pytest

from tests.paths import REPO, SEEDS
from tests.support.dataset_server import ANALYST, PASSWORD, dataset_server

DOC = REPO / "docs" / "api.md"
DOC_BASE = "http://127.0.0.1:8000"
DIRECTIVE = re.compile(r"^<!-- doctest: (skip|needs-texts|write)\b\s*(.*?)\s*-->$")

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]

for tool in ("curl", "jq"):
    if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode:
        pytestmark.append(pytest.mark.skip(reason=f"the doc's commands need {tool}"))


@dataclass
class Command:
    text: str
    line: int  # where the command starts (1-based)
    output: list[str] = field(default_factory=list)
    output_start: int = 0  # index (0-based) of the first output line in the file


@dataclass
class Block:
    line: int
    directive: tuple[str, str] | None
    commands: list[Command]


def _open_quotes(text: str) -> bool:
    try:
        shlex.split(text, comments=False)
    except ValueError:
        return True
    return False


def parse(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    directive: tuple[str, str] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        match = DIRECTIVE.match(line.strip())
        if match:
            directive = (match[1], match[2])
        elif line.strip() == "```console":
            start = index + 1
            commands: list[Command] = []
            index += 1
            while lines[index].strip() != "```":
                current = lines[index]
                if current.startswith("$ "):
                    command = Command(current[2:], index + 1)
                    while (command.text.endswith("\\") or _open_quotes(command.text)) and (
                        lines[index + 1].strip() != "```"
                    ):
                        index += 1
                        command.text += "\n" + lines[index]
                    command.output_start = index + 1
                    commands.append(command)
                elif commands:
                    commands[-1].output.append(current)
                else:
                    raise AssertionError(f"docs/api.md:{index + 1}: output before a command")
                index += 1
            blocks.append(Block(start, directive, commands))
            directive = None
        elif line.strip() and not line.startswith("<!--"):
            directive = directive if line.strip().startswith("(") else None
        index += 1
    return blocks


PLACEHOLDERS = [
    (re.compile(r"\b[0-9a-f]{64}\b"), "<token>"),
    (re.compile(r'("token": ?")[0-9a-f]{8,16}(")'), r"\1<token-prefix>\2"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"), "<time>"),
    (re.compile(r'(?i)(etag: )(W/)?"[^"]*"'), r"\1<etag>"),
    (re.compile(r'("cursor": ?")[A-Za-z0-9_-]+(")'), r"\1<cursor>\2"),
    (re.compile(r"(since=)[A-Za-z0-9_-]+"), r"\1<cursor>"),
]


def normalise(lines: list[str]) -> list[str]:
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    for pattern, placeholder in PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    return text.split("\n") if text else []


def test_every_command_of_the_api_doc_answers_what_it_prints(tmp_path):
    lines = DOC.read_text().split("\n")
    blocks = parse(lines)
    assert sum(len(block.commands) for block in blocks) > 50, "the parser found the commands"
    work = tmp_path / "work"
    work.mkdir()
    state = tmp_path / "state.sh"
    failures: list[str] = []
    updates: list[tuple[Command, list[str]]] = []
    ran = 0
    releases = str(tmp_path / "releases")
    with dataset_server("doc", tmp_path, release="1.0.0", RELEASES_DIR=releases) as server:
        token = httpx.post(
            f"{server.url}/api/v1/auth/token/", json={"username": ANALYST, "password": PASSWORD}
        ).json()["token"]
        state.write_text(
            f"export API={shlex.quote(server.url + '/api/v1')}\nexport TOKEN={shlex.quote(token)}\n"
        )
        for block in blocks:
            kind, reason = block.directive or ("", "")
            if kind == "skip":
                assert reason, f"docs/api.md:{block.line}: a skip needs its reason"
                continue
            if kind == "needs-texts" and not SEEDS.is_dir():
                continue
            if kind == "write":
                (work / reason).write_text("\n".join(block.commands[0].output) + "\n")
            for command in block.commands:
                text = command.text.replace(DOC_BASE, server.url)
                script = f"set -a\n. {state}\ncd {work}\n{text}\nexport -p > {state}\n"
                result = subprocess.run(
                    ["bash", "-c", script],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    timeout=60,
                    check=False,
                )
                ran += 1
                actual = result.stdout.replace(server.url, DOC_BASE).rstrip("\n").split("\n")
                actual = [] if actual == [""] else actual
                if normalise(actual) != normalise(command.output):
                    failures.append(
                        f"docs/api.md:{command.line}: $ {command.text}\n"
                        f"--- the doc prints\n" + "\n".join(command.output) + "\n"
                        "--- the command printed\n" + "\n".join(actual)
                    )
                    updates.append((command, actual))
    if os.environ.get("DOCTEST_UPDATE") and updates:
        for command, actual in sorted(updates, key=lambda u: -u[0].output_start):
            start = command.output_start
            lines[start : start + len(command.output)] = actual
        DOC.write_text("\n".join(lines))
    assert ran > 50
    assert not failures, f"{len(failures)} of {ran} commands differ:\n\n" + "\n\n".join(failures)
