"""Loading helpers of the dataset tests. Loading ``data/`` needs no article texts; the
tests that read the texts are marked ``needs_seeds`` (tests/paths.py)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import UserFactory
from tests.paths import REPO, SEEDS
from tests.support.api import token_client

DATA = REPO / "data"


def load(*extra: str) -> str:
    """Run ``load_dataset`` with ``extra`` options; returns what it printed."""
    out = io.StringIO()
    call_command("load_dataset", *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db):
    """The bundled dataset (data/), without the article texts."""
    return load()


@pytest.fixture
def loaded_with_texts(db):
    """The dataset with the seed article texts (tests using it are ``needs_seeds``)."""
    return load("--texts", str(SEEDS))


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit_yaml(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_analyst(username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="analysts"))
    return user


@pytest.fixture
def analyst(db):
    return make_analyst("alice")


@pytest.fixture
def analyst_api(analyst):
    """The API as the analyst writes to it (a knox token, If-Match on every write)."""
    return token_client(analyst)
