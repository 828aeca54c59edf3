"""Shapes generated clients rely on: what a request may leave out, integer ids in paths,
one spelling of "none" accepted everywhere, the schema's servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml
from django.core.management import call_command
from django.db import models
from rest_framework import serializers

from coalition.api.serializers import (
    ActorInputSerializer,
    AgreementInputSerializer,
    AttendanceInputSerializer,
    CoalitionInputSerializer,
    MeetingInputSerializer,
    MembershipInputSerializer,
    SizeReportInputSerializer,
)
from intake.api import PledgeProposalAcceptSerializer
from pledges.api.serializers import PledgeInputSerializer
from pledges.models import Pledge
from sources.api.serializers import SourceInputSerializer
from tests.factories import SourceFactory, UserFactory
from tests.paths import REPO
from tests.support.api import token_client

INPUTS = [
    ActorInputSerializer,
    AgreementInputSerializer,
    AttendanceInputSerializer,
    CoalitionInputSerializer,
    MeetingInputSerializer,
    MembershipInputSerializer,
    PledgeInputSerializer,
    SizeReportInputSerializer,
    SourceInputSerializer,
    PledgeProposalAcceptSerializer,
]


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    return yaml.safe_load(out.read_text())


def request_components(schema) -> dict[str, dict]:
    schemas = schema["components"]["schemas"]
    return {name: c for name, c in schemas.items() if name.endswith("Request")}


def test_request_fields_with_a_default_are_optional_for_every_generator(schema):
    """Not ``required``, and no ``default`` keyword: openapi-typescript's defaults type a
    component property with a ``default`` as always present."""
    citation = request_components(schema)["CitationRequest"]
    assert set(citation["required"]) == {"source", "quote"}
    assert '`"supports"` when left out' in citation["properties"]["stance"]["description"]
    for name, component in request_components(schema).items():
        for field, prop in component.get("properties", {}).items():
            assert "default" not in prop, (name, field)


def every_field(serializer: serializers.Serializer, path: str = ""):
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.Serializer):
            yield from every_field(field, f"{path}{name}.")
        yield f"{path}{name}", field, serializer


def test_no_request_requires_a_field_the_model_can_fill(schema):
    """A field with a model default (or that may be blank or null) is optional."""
    problems = []
    for input_class in INPUTS:
        for path, field, parent in every_field(input_class()):
            meta = getattr(parent, "Meta", None)
            model = getattr(meta, "model", None)
            if not field.required or field.read_only or model is None:
                continue
            try:
                column = model._meta.get_field(field.source)
            except Exception:  # a field of the serializer alone (citations, parties)
                continue
            fills = column.has_default() or column.null
            fills |= column.blank and not isinstance(column, models.ForeignKey)
            if fills:
                problems.append(f"{input_class.__name__}.{path}")
    assert not problems, problems


def test_path_ids_are_integers_as_in_bodies(schema):
    typed = {}
    for path, item in schema["paths"].items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    typed[(path, parameter["name"])] = parameter["schema"]
    ids = {key: value for key, value in typed.items() if key[1] in ("id", "source_pk")}
    assert ids and all(value == {"type": "integer", "minimum": 0} for value in ids.values())
    # Keys that are not numbers stay strings.
    assert typed[("/api/v1/actors/{code}/", "code")]["type"] == "string"
    assert typed[("/api/v1/coalitions/{slug}/", "slug")]["type"] == "string"


@pytest.mark.django_db
def test_a_path_id_is_the_same_url_whatever_the_client_types_it_as(api_client):
    source = SourceFactory()
    assert api_client.get(f"/api/v1/sources/{source.pk}/").json()["id"] == source.pk
    assert api_client.get(f"/api/v1/sources/{str(source.pk).zfill(4)}/").status_code == 200
    assert api_client.get("/api/v1/sources/-1/").status_code == 404


def test_none_is_accepted_as_null_or_empty_in_requests(schema):
    components = request_components(schema)
    for component, field in [
        ("PledgeRequest", "quantity_qualifier"),
        ("PledgeRequest", "personnel_role"),
        ("PledgeProposalAcceptRequest", "quantity_qualifier"),
    ]:
        prop = components[component]["properties"][field]
        refs = {one["$ref"].rsplit("/", 1)[-1] for one in prop["anyOf"]}
        assert prop["nullable"] and {"BlankEnum", "NullEnum"} <= refs, (component, field)
    for component, field in [
        ("PledgeRequest", "currency"),
        ("PledgeRequest", "reported_conversion_currency"),
        ("PledgeProposalAcceptRequest", "currency"),
    ]:
        assert components[component]["properties"][field]["nullable"], (component, field)
    # Answers keep v1's shape: null for a choice, "" for a code.
    answer = schema["components"]["schemas"]["Pledge"]["properties"]
    assert "BlankEnum" not in json.dumps(answer["quantity_qualifier"])
    assert "nullable" not in answer["currency"]


@pytest.mark.django_db
def test_a_pledge_written_with_null_or_empty_for_none_reads_the_same():
    client = token_client(UserFactory(is_superuser=True))
    source = SourceFactory()
    answers = []
    for none in ("", None):
        body = {
            "actor": "AUS",
            "kind": "troops",
            "status": "announced",
            "description": "Troops",
            "quantity_qualifier": none,
            "personnel_role": none,
            "currency": none,
            "reported_conversion_currency": none,
            "citations": [{"source": source.pk, "quote": "Officials confirmed it."}],
        }
        response = client.post("/api/v1/pledges/", body, format="json")
        assert response.status_code == 201, response.content
        answers.append(response.json())
        stored = Pledge.objects.get(pk=response.json()["id"])
        assert (stored.quantity_qualifier, stored.currency, stored.personnel_role) == ("", "", "")
    for answer in answers:
        assert answer["quantity_qualifier"] is None and answer["personnel_role"] is None
        assert answer["currency"] == "" and answer["reported_conversion_currency"] == ""
    wrong = client.post(
        "/api/v1/pledges/", {**body, "quantity_qualifier": "roughly"}, format="json"
    )
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["attr"] == "quantity_qualifier"


def test_a_proposal_correction_takes_null_or_empty_for_no_qualifier():
    for none in ("", None):
        serializer = PledgeProposalAcceptSerializer(
            data={"quantity_qualifier": none, "currency": none}
        )
        assert serializer.is_valid(), serializer.errors
        assert serializer.validated_data == {"quantity_qualifier": "", "currency": ""}
    serializer = PledgeProposalAcceptSerializer(data={"quantity_qualifier": "roughly"})
    assert not serializer.is_valid() and set(serializer.errors) == {"quantity_qualifier"}


def servers_with(public_url: str | None) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k != "API_PUBLIC_URL"}
    if public_url is not None:
        env["API_PUBLIC_URL"] = public_url
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.SPECTACULAR_SETTINGS['SERVERS']))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_schema_names_its_server(schema):
    assert schema["servers"] == servers_with(None)
    assert [server["url"] for server in schema["servers"]] == ["/"]
    (public,) = servers_with("https://tracker.example.org/")
    assert public["url"] == "https://tracker.example.org" and public["description"]
