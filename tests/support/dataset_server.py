"""A fresh server with the bundled dataset, as a reader of docs/api.md starts one.

``dataset_server(tag)`` makes a throwaway database beside the tests' own
(``<test db>_<tag>_<random>``), migrates it, loads the dataset (``load_dataset``: data/
plus the seed article texts when ``SEEDS`` is there, data/ alone otherwise), builds a
data release when asked, makes the analyst the doc logs in as, serves it with gunicorn
on a free port (production settings, no rate limits) and drops the database afterwards.
The ids are those of a fresh load, so the doc's examples can name them.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg

from tests.paths import SEEDS
from tests.support.live import Server, database_url, manage

ANALYST = "analyst"
PASSWORD = "a-long-analyst-passphrase"  # docs/api.md logs in with it


@contextlib.contextmanager
def dataset_server(
    tag: str, log_dir: Path, *, release: str | None = None, **env: str
) -> Iterator[Server]:
    """``release``: build that data release first (into ``env``'s ``RELEASES_DIR``)."""
    name = f"{database_url().rsplit('/', 1)[1]}_{tag}_{secrets.token_hex(3)}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name)
    try:
        manage(url, "migrate", "--no-input", "-v", "0", **env)
        manage(url, "createcachetable", **env)
        texts = ["--texts", str(SEEDS)] if SEEDS.is_dir() else []
        manage(url, "load_dataset", *texts, **env)
        if release:
            manage(url, "build_release", f"--version={release}", **env)
        manage(url, "create_analyst", ANALYST, f"--password={PASSWORD}", **env)
        with Server(url, workers=1, threads=4, **env).start(log_dir) as server:
            yield server
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
