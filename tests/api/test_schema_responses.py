"""Every answer matches its schema: each list and object the API serves, on the bundled
dataset, is validated (jsonschema) against the response schema of its operation.

The schema's objects are closed for the check (``additionalProperties: false`` where the
schema lists properties and says nothing else), so a member the API answers but the
schema does not declare (``status_as_of`` was one) fails, as does a wrong type, a null
where the schema says none, or a missing required member.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
import yaml
from django.core.management import call_command

from pledges.models import Pledge
from sources.models import Source
from tests.factories import UserFactory
from tests.support.api import token_client

# Query strings that change what an operation answers, beside the plain call.
VARIANTS: dict[str, list[dict[str, str]]] = {
    "/api/v1/pledges/": [{"as_of": "2015-01-01"}, {"known_at": "2100-01-01T00:00:00Z"}],
    "/api/v1/memberships/": [{"as_of": "2014-09-20"}, {"known_at": "2100-01-01T00:00:00Z"}],
    "/api/v1/pledges/summary/": [
        {"group_by": group} for group in ("actor", "kind", "status", "coalition", "month")
    ]
    + [{"currency": "USD"}, {"as_of": "2015-01-01"}],
    "/api/v1/coalitions/{slug}/members/": [{"as_of": "2014-09-20"}],
    "/api/v1/changes/": [{"limit": "1000"}],
    "/api/v1/search/": [{"q": "troops"}, {"q": "turkiye", "type": "actor"}],
}
# Query parameters an operation needs.
REQUIRED_QUERY = {"/api/v1/search/": {"q": "coalition"}}
# Path parameters that are not an id from the list above them: an actor of the dataset
# (with a history, unlike the ISO countries the migrations load), its coalition.
LOOKUPS = {"code": "TUR", "slug": "counter-isis-2014"}


def openapi_to_json_schema(node: Any) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema (draft 7): ``nullable`` as a null type,
    objects that list their properties closed."""
    if isinstance(node, list):
        return [openapi_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: openapi_to_json_schema(value) for key, value in node.items()}
    for keyword in ("readOnly", "writeOnly", "example", "discriminator", "xml"):
        node.pop(keyword, None)
    if node.get("type") == "object" and "properties" in node:
        node.setdefault("additionalProperties", False)
    if node.pop("nullable", False):
        node = {"anyOf": [node, {"type": "null"}]}
    return node


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    return yaml.safe_load(out.read_text())


def get_operations(schema: dict) -> dict[str, dict]:
    return {path: item["get"] for path, item in schema["paths"].items() if "get" in item}


def answer_schema(schema: dict, operation: dict, media_type: str = "application/json"):
    content = operation["responses"]["200"].get("content", {})
    return content.get(media_type, {}).get("schema")


class Checker:
    def __init__(self, schema: dict):
        # What a ``$ref`` (``#/components/schemas/...``) resolves in.
        self.root = {"components": openapi_to_json_schema(schema["components"])}
        self.problems: list[str] = []
        self.checked: set[str] = set()

    def check(self, path: str, url: str, response, operation: dict, schema: dict) -> None:
        self.checked.add(path)
        if response.status_code != 200:
            self.problems.append(f"{url}: {response.status_code} {response.content[:300]!r}")
            return
        declared = operation["responses"]["200"].get("content", {})
        media_type = response["Content-Type"].split(";")[0]
        if media_type not in declared:
            self.problems.append(f"{url}: answered {media_type}, the schema says {list(declared)}")
            return
        if media_type != "application/json":
            return
        target = openapi_to_json_schema(answer_schema(schema, operation))
        validator = jsonschema.Draft7Validator({**target, **self.root})
        for error in validator.iter_errors(response.json()):
            where = "/".join(str(p) for p in error.absolute_path)
            self.problems.append(f"{url} at {where or '(top)'}: {error.message[:300]}")


@pytest.mark.django_db
def test_every_answer_matches_its_schema(schema, settings):
    call_command("load_dataset", verbosity=0)
    client = token_client(UserFactory(is_staff=True, is_superuser=True))
    # Beside the dataset's creations: an agreement, an edit and a deletion through the API
    # (history with before and after and a request's context, a tombstone in the feed).
    # (Ids are looked up: other tests' rows move the sequences.)
    source = Source.objects.order_by("pk").first()
    citation = {"source": source.pk, "quote": "Saudi Arabia, Qatar, Bahrain"}
    agreement = {"title": "Ten Arab states", "kind": "agreement", "citations": [citation]}
    agreement |= {"coalition": "counter-isis-2014", "parties": [{"actor": "SAU"}]}
    response = client.post("/api/v1/agreements/", agreement, format="json")
    assert response.status_code == 201, response.content
    edited, deleted = Pledge.objects.order_by("pk")[1], Pledge.objects.order_by("pk").last()
    edit = {"quantity": 8, "quantity_qualifier": "up_to", "currency": None}
    response = client.patch(f"/api/v1/pledges/{edited.pk}/", edit, format="json")
    assert response.status_code == 200, response.content
    assert client.delete(f"/api/v1/pledges/{deleted.pk}/").status_code == 204
    checker = Checker(schema)
    operations = get_operations(schema)
    firsts: dict[str, dict] = {}

    def first_row(list_path: str) -> dict | None:
        if list_path not in firsts:
            results = client.get(list_path, REQUIRED_QUERY.get(list_path, {})).json()
            rows = results.get("results") if isinstance(results, dict) else None
            firsts[list_path] = rows[0] if rows else None
        return firsts[list_path]

    for path, operation in operations.items():
        names = re.findall(r"\{(\w+)\}", path)
        url = path
        for name in names:
            placeholder = "{" + name + "}"
            if name in LOOKUPS:
                url = url.replace(placeholder, LOOKUPS[name])
                continue
            # An id: the first of the list above it (``/pledges/{id}/``: ``/pledges/``).
            list_template, list_url = path[: path.index(placeholder)], url[: url.index(placeholder)]
            row = first_row(list_url) if list_template in operations else None
            if row is None:
                break
            url = url.replace(placeholder, str(row["id"]))
        else:
            for params in [REQUIRED_QUERY.get(path, {}), *VARIANTS.get(path, [])]:
                response = client.get(url, params)
                checker.check(path, f"{url}?{params}", response, operation, schema)
    assert not checker.problems, "\n".join(checker.problems)
    unchecked = set(operations) - checker.checked
    # Only what the bundled dataset has none of: the extractor's proposals, a release.
    assert unchecked == {
        "/api/v1/sources/{source_pk}/proposals/{id}/",
        "/api/v1/sources/{source_pk}/claim-proposals/{id}/",
        "/api/v1/releases/{version}/datapackage.zip",
    }, unchecked


def test_every_example_matches_its_schema(schema):
    """The examples integrators copy are answers and bodies the schema allows."""
    checker = Checker(schema)
    problems = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            bodies = [("request", operation.get("requestBody", {}))]
            bodies += [(code, answer) for code, answer in operation["responses"].items()]
            for where, body in bodies:
                content = body.get("content", {}).get("application/json", {})
                if "schema" not in content:
                    continue
                target = openapi_to_json_schema(content["schema"])
                validator = jsonschema.Draft7Validator({**target, **checker.root})
                for name, example in (content.get("examples") or {}).items():
                    for error in validator.iter_errors(example["value"]):
                        at = "/".join(str(p) for p in error.absolute_path)
                        problems.append(f"{method} {path} {where} {name} {at}: {error.message}")
    assert not problems, "\n".join(problems)


def test_closing_the_schema_catches_an_undeclared_member(schema):
    """The check is strict: a member the schema does not list fails it."""
    checker = Checker(schema)
    operation = get_operations(schema)["/api/v1/actors/{code}/"]
    target = openapi_to_json_schema(answer_schema(schema, operation))
    validator = jsonschema.Draft7Validator({**target, **checker.root})
    content = operation["responses"]["200"]["content"]["application/json"]
    actor = next(iter(content["examples"].values()))["value"]
    assert not list(validator.iter_errors(actor))
    assert list(validator.iter_errors({**actor, "undeclared": 1}))
    assert list(validator.iter_errors({**actor, "id": "12"}))
    assert list(validator.iter_errors({key: v for key, v in actor.items() if key != "code"}))
