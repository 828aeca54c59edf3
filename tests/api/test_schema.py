"""The OpenAPI schema: valid, warning-free, described, and committed as docs/openapi.yaml."""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "openapi.yaml"
REGENERATE = "python manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    return out.read_text()


@pytest.fixture(scope="module")
def schema(generated) -> dict:
    return yaml.safe_load(generated)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def test_committed_schema_is_up_to_date(generated):
    assert COMMITTED.read_text() == generated, f"docs/openapi.yaml is stale: run `{REGENERATE}`"


def test_every_operation_is_described_with_examples_and_errors(schema):
    operation_ids = []
    for where, operation in operations(schema):
        operation_ids.append(operation["operationId"])
        assert operation.get("summary") and operation.get("description"), where
        responses = operation["responses"]
        errors = [code for code in responses if code >= "400"]
        assert {"400", "401", "500"} <= set(errors), where
        for code in errors:
            content = responses[code]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/Error"}, where
            assert content.get("examples"), (where, code)
            for example in content["examples"].values():  # RFC 9457's members too
                value = example["value"]
                assert (value["status"], value["title"]) == (
                    int(code),
                    HTTPStatus(int(code)).phrase,
                ), (where, code)
                assert value["detail"] and value["errors"], (where, code)
    assert len(operation_ids) == len(set(operation_ids))


def test_codelists_are_named_enums(schema):
    components = schema["components"]["schemas"]
    for name in (
        "ActorKindEnum",
        "AttendanceRoleEnum",
        "DatePrecisionEnum",
        "MembershipStatusEnum",
        "PledgeKindEnum",
        "PledgeStatusEnum",
        "QuantityQualifierEnum",
        "ReviewStatusEnum",
        "StanceEnum",
    ):
        assert "enum" in components[name], name
    kind = next(
        p for p in schema["paths"]["/api/v1/pledges/"]["get"]["parameters"] if p["name"] == "kind"
    )
    assert kind["schema"]["items"] == {"$ref": "#/components/schemas/PledgeKindEnum"}


def test_the_page_size_limit_is_documented(schema):
    limit = next(
        p for p in schema["paths"]["/api/v1/pledges/"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 200


TOKEN = [{"bearerAuth": []}, {"knoxApiToken": []}, {"cookieAuth": []}]


def test_token_auth_is_declared_as_bearer_and_as_token(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["type"] == "http"
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert (schemes["knoxApiToken"]["in"], schemes["knoxApiToken"]["name"]) == (
        "header",
        "Authorization",
    )
    assert schema["paths"]["/api/v1/auth/token/"]["post"]["security"] == []  # no auth at all
    pledges = schema["paths"]["/api/v1/pledges/"]
    assert pledges["post"]["security"] == TOKEN


def test_public_reads_inherit_the_optional_default_and_nothing_else_does(schema):
    """The document's default makes credentials optional; an operation that inherits it
    is a public read, every other one declares its own (openapi-python-client reads
    only those: see api.schema.hoist_optional_security)."""
    assert schema["security"] == [*TOKEN, {}]
    inherit = {where for where, operation in operations(schema) if "security" not in operation}
    assert inherit == {
        where
        for where, operation in operations(schema)
        if where.startswith("GET ")
        and operation.get("security") != TOKEN
        and operation.get("security") != []
    }
    assert "GET /api/v1/pledges/" in inherit and "GET /api/v1/sources/{id}/" in inherit
    for login_needed in ("/api/v1/changes/", "/api/v1/pledges/{id}/history/"):
        assert schema["paths"][login_needed]["get"]["security"] == TOKEN


@pytest.mark.django_db
def test_what_the_schema_calls_public_anyone_may_read(schema, api_client):
    """Every GET without path parameters: answered to anyone when it inherits the optional
    default, 401 without credentials when it declares its own."""
    checked = 0
    for path, item in schema["paths"].items():
        if "{" in path or "get" not in item:
            continue
        response = api_client.get(path)
        if "security" in item["get"]:
            assert response.status_code == 401, path
        else:
            assert response.status_code not in (401, 403), (path, response.status_code)
        checked += 1
    assert checked > 15


def test_when_reads_require_login_no_read_is_public(tmp_path, settings):
    settings.API_READS_REQUIRE_LOGIN = True
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert "security" not in schema
    assert schema["paths"]["/api/v1/pledges/"]["get"]["security"] == TOKEN


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
def test_schema_and_docs_are_served(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 200


@pytest.mark.django_db
def test_docs_load_their_assets_from_this_server(api_client):
    html = api_client.get("/api/v1/docs/").content.decode()
    assert "drf_spectacular_sidecar" in html and "cdn.jsdelivr" not in html
