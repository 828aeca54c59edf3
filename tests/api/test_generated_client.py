"""A Python SDK generated from the schema works against a live server, unedited."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal

from tests.factories import ActorFactory, SourceFactory, UserFactory

VENV_BIN = Path(sys.executable).parent
PACKAGE = "coalition_tracker_sdk"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def sdk(tmp_path_factory):
    """Generate the client (openapi-python-client, no warnings allowed) and import it."""
    root = tmp_path_factory.mktemp("sdk")
    schema = root / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema))
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(VENV_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--fail-on-warning",
            "--output-path",
            str(root / PACKAGE),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


@pytest.mark.live
@pytest.mark.django_db(transaction=True)
def test_generated_client_reads_and_writes_with_a_token(sdk, live_server):
    # A transactional test that ran before on this worker may have flushed what the
    # migrations made (serialized_rollback would then restore rows under ids that collide
    # with those the flush re-created): make the permissions and the country it reads.
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    ActorFactory(code="AUS", kind="country", name="Australia")
    api = importlib.import_module(f"{PACKAGE}.api")
    models = importlib.import_module(f"{PACKAGE}.models")
    actors_retrieve = importlib.import_module(f"{PACKAGE}.api.actors.actors_retrieve")
    auth_token_create = importlib.import_module(f"{PACKAGE}.api.auth.auth_token_create")
    pledges_create = importlib.import_module(f"{PACKAGE}.api.pledges.pledges_create")
    pledges_list = importlib.import_module(f"{PACKAGE}.api.pledges.pledges_list")
    pledges_retrieve = importlib.import_module(f"{PACKAGE}.api.pledges.pledges_retrieve")
    assert api

    UserFactory(username="sdk", permissions=["pledges.add_pledge", "pledges.view_pledge"])
    source = SourceFactory(text="Australia will send up to eight F/A-18 Super Hornets.")
    anonymous = sdk.Client(base_url=live_server.url, raise_on_unexpected_status=True)

    # public reads are typed to take a plain Client, writes and private reads a token
    def takes_a_plain_client(module) -> bool:
        annotation = inspect.signature(module.sync, eval_str=True).parameters["client"]
        return sdk.Client in typing.get_args(annotation.annotation)

    assert takes_a_plain_client(actors_retrieve) and takes_a_plain_client(pledges_list)
    changes_list = importlib.import_module(f"{PACKAGE}.api.changes.changes_list")
    assert not takes_a_plain_client(pledges_create)
    assert not takes_a_plain_client(changes_list)

    # read an actor by code
    australia = actors_retrieve.sync(client=anonymous, code="AUS")
    assert isinstance(australia, models.Actor)
    assert (australia.code, australia.name) == ("AUS", "Australia")

    # obtain a token
    token = auth_token_create.sync(
        client=anonymous, body=models.CredentialsRequest(username="sdk", password=PASSWORD)
    )
    assert isinstance(token, models.Token), token
    # the generator's default: Authorization: Bearer <token>
    client = sdk.AuthenticatedClient(
        base_url=live_server.url, token=token.token, raise_on_unexpected_status=True
    )
    assert client.prefix == "Bearer"

    # create a pledge with its citation
    created = pledges_create.sync(
        client=client,
        body=models.PledgeRequest(
            actor="AUS",
            kind=models.PledgeKindEnum.AIRCRAFT,
            status=models.PledgeStatusEnum.ANNOUNCED,
            description="Up to eight F/A-18 Super Hornets",
            quantity=8,
            quantity_qualifier=models.QuantityQualifierEnum.UP_TO,
            quantity_unit="aircraft",
            citations=[
                models.CitationRequest(source=source.pk, quote="up to eight F/A-18 Super Hornets")
            ],
        ),
    )
    assert isinstance(created, models.Pledge), created
    assert created.actor_summary.name == "Australia"
    assert created.citations[0].source.id == source.pk
    assert created.quantity_qualifier == models.QuantityQualifierEnum.UP_TO

    # list pledges, filtered
    page = pledges_list.sync(
        client=client, actor="AUS", kind=[models.PledgeKindEnum.AIRCRAFT], limit=10
    )
    assert isinstance(page, models.PaginatedPledgeList)
    assert [p.id for p in page.results] == [created.id]

    # an invalid write answers the typed error
    response = pledges_create.sync_detailed(
        client=client,
        body=models.PledgeRequest(
            actor="AUS",
            kind=models.PledgeKindEnum.AIRCRAFT,
            status=models.PledgeStatusEnum.ANNOUNCED,
            description="Quoted wrongly",
            citations=[models.CitationRequest(source=source.pk, quote="twelve jets")],
        ),
    )
    assert response.status_code == 400
    assert isinstance(response.parsed, models.Error)
    assert response.parsed.errors[0].attr == "citations.0.quote"

    missing = pledges_retrieve.sync_detailed(client=anonymous, id=created.id + 1000)
    assert missing.status_code == 404 and isinstance(missing.parsed, models.Error)
