"""Starting the application never reloads the dataset: `make run` and the compose file
load it with --if-changed, once, before the server starts."""

from __future__ import annotations

import re

import yaml

from tests.paths import REPO


def test_compose_loads_the_dataset_in_a_one_shot_job_before_the_api():
    services = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    assert "load_dataset" not in str(services["api"].get("command", ""))
    assert "migrate" not in str(services["api"].get("command", ""))
    assert services["api"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    # the one-shot job is the image entrypoint's `migrate` mode (tests/config/test_container.py
    # runs it with fake binaries)
    assert services["migrate"]["command"] == ["migrate"]
    entrypoint = (REPO / "docker" / "entrypoint.sh").read_text()
    mode = re.search(r"^\s*migrate\)\n(.*?);;", entrypoint, re.MULTILINE | re.DOTALL)
    assert mode, "no migrate) mode in docker/entrypoint.sh"
    steps = mode.group(1)
    assert "migrate --no-input" in steps and "createcachetable" in steps
    assert "load_dataset --if-changed" in steps


def test_make_run_loads_only_a_changed_dataset():
    makefile = (REPO / "Makefile").read_text()
    target = re.search(r"^data:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert target, "no data: target"
    assert "load_dataset --if-changed" in target.group(1)
    assert '--texts-if-present "$(SEEDS)"' in target.group(1)
