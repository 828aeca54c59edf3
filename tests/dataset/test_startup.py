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
    job = services["migrate"]["command"]
    assert "migrate --no-input" in job and "createcachetable" in job
    assert "load_dataset --if-changed" in job


def test_make_run_loads_only_a_changed_dataset():
    makefile = (REPO / "Makefile").read_text()
    target = re.search(r"^data:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert target, "no data: target"
    assert "load_dataset --if-changed" in target.group(1)
    assert '--texts-if-present "$(SEEDS)"' in target.group(1)
