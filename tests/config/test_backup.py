"""Backups: a dump restored into an empty database serves exactly the same API."""

from __future__ import annotations

import secrets
import subprocess
import sys

import httpx
import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests.paths import SEEDS
from tests.support.live import ROOT, Server, database_url, server_env

HOST = "testserver"  # both servers build the same absolute links
SKIP = ("/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/", "/api/v1/auth/token/")


def backup(command: str, *args: str, database: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "config.backup", command, *args],
        cwd=ROOT,
        env=server_env(database),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def list_paths(server: Server) -> list[str]:
    """Every GET without path parameters or required query parameters in the served
    schema: the lists (and the root)."""
    schema = httpx.get(f"{server.url}/api/v1/schema/?format=json", headers={"Host": HOST}).json()
    return sorted(
        path
        for path, operations in schema["paths"].items()
        if "get" in operations
        and "{" not in path
        and path not in SKIP
        and not any(p.get("required") for p in operations["get"].get("parameters", []))
    )


def read_all(server: Server, path: str, token: str) -> list:
    """Every page of a list (following `next`), as the analyst sees it."""
    headers = {"Host": HOST, "Authorization": f"Token {token}"}
    url, pages = f"{server.url}{path}", []
    while url:
        response = httpx.get(url, headers=headers, timeout=60)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        if not response.headers["Content-Type"].startswith("application/json"):
            return [response.content]
        body = response.json()
        pages.append(body)
        following = body.get("next") if isinstance(body, dict) else None
        url = following.replace(f"http://{HOST}", server.url) if following else None
    return pages


def comparable(path: str, pages: list) -> list:
    """The pages as they must match across a restore. The change feed's cursors name
    the database that handed them out (a restored copy is another database, so that a
    client's old cursor is refused there, not silently answered): leave them out."""
    if not path.startswith("/api/v1/changes/"):
        return pages
    return [
        {
            **{k: v for k, v in page.items() if k not in ("cursor", "next")},
            "more": page["next"] is not None,
            "results": [{k: v for k, v in c.items() if k != "cursor"} for c in page["results"]],
        }
        for page in pages
    ]


@pytest.fixture
def empty_database():
    """A new, empty database on the test server; dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored_{secrets.token_hex(3)}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.live
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_answers_every_list_as_before(
    reference_data, analyst_token, empty_database, tmp_path
):
    call_command("load_dataset", texts=SEEDS if SEEDS.is_dir() else None, stdout=None)
    dump = tmp_path / "coalition.dump"
    backup("dump", str(dump), database=database_url())
    assert dump.stat().st_size > 0

    refused = subprocess.run(  # restoring over data is refused
        [sys.executable, "-m", "config.backup", "restore", str(dump)],
        cwd=ROOT,
        env=server_env(database_url()),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode != 0 and "Refusing to restore" in refused.stderr

    backup("restore", str(dump), database=database_url(empty_database))

    with (
        Server(database_url()).start(tmp_path) as before,
        Server(database_url(empty_database)).start(tmp_path) as after,
    ):
        paths = list_paths(before)
        assert "/api/v1/pledges/" in paths and "/api/v1/sources/" in paths
        for path in paths:
            original = comparable(path, read_all(before, path, analyst_token))
            assert comparable(path, read_all(after, path, analyst_token)) == original, path
        # The search index (generated columns, an index on an IMMUTABLE wrapper of
        # unaccent) comes back with the data.
        search = "/api/v1/search/?q=incirlik&limit=100"
        assert read_all(after, search, analyst_token) == read_all(before, search, analyst_token)
        assert read_all(after, search, analyst_token)[0]["count"] >= 1
        pledges = read_all(after, "/api/v1/pledges/", analyst_token)
        assert sum(len(page["results"]) for page in pledges) > 10  # the dataset, not nothing
