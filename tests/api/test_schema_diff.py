"""The schema-diff check (api/schemadiff.py): breaking changes fail, additions pass.

Each case edits one small schema written here, the shape drf-spectacular gives a
resource (a response component and a separate request component), and asks openapi-diff
through the project's wrapper for its verdict.
"""

from __future__ import annotations

import copy
import shutil
import subprocess

import pytest
import yaml

from api import schemadiff

RELEASED = {
    "openapi": "3.0.3",
    "info": {"title": "Tracker", "version": "1.0.0"},
    "paths": {
        "/api/v1/briefings/": {
            "get": {
                "operationId": "briefings_list",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Briefing"},
                                }
                            }
                        },
                    }
                },
            },
            "post": {
                "operationId": "briefings_create",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/BriefingRequest"}
                        }
                    },
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Briefing"}
                            }
                        },
                    }
                },
            },
        }
    },
    "components": {
        "schemas": {
            "Briefing": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer", "readOnly": True},
                    "speaker": {"type": "string"},
                    "held_on": {"type": "string", "format": "date"},
                },
                "required": ["id", "speaker", "held_on"],
            },
            "BriefingRequest": {
                "type": "object",
                "properties": {
                    "speaker": {"type": "string"},
                    "held_on": {"type": "string", "format": "date"},
                },
                "required": ["speaker", "held_on"],
            },
        }
    },
}


@pytest.fixture(scope="module", autouse=True)
def tool():
    """openapi-diff, installed from the lock file when a fresh checkout lacks it."""
    if not schemadiff.TOOL.exists():
        npm = shutil.which("npm")
        assert npm, "the schema-diff tests need npm (Node 20) to install openapi-diff"
        subprocess.run(
            [npm, "ci", "--prefix", str(schemadiff.TOOL_DIR), "--no-fund", "--no-audit"],
            check=True,
            capture_output=True,
        )
    return schemadiff.TOOL


def edited(change) -> dict:
    spec = copy.deepcopy(RELEASED)
    change(spec["components"]["schemas"])
    return spec


def test_unchanged_schema_passes():
    assert schemadiff.breaking(RELEASED, copy.deepcopy(RELEASED)) == []


def test_removed_response_field_is_breaking():
    def remove_speaker(schemas):
        del schemas["Briefing"]["properties"]["speaker"]
        schemas["Briefing"]["required"].remove("speaker")

    found = schemadiff.breaking(RELEASED, edited(remove_speaker))
    assert any(line.startswith("response.body.scope.add") for line in found), found


def test_new_required_request_field_is_breaking():
    def require_venue(schemas):
        schemas["BriefingRequest"]["properties"]["venue"] = {"type": "string"}
        schemas["BriefingRequest"]["required"].append("venue")

    found = schemadiff.breaking(RELEASED, edited(require_venue))
    assert found == [
        "request.body.scope.remove at "
        "paths./api/v1/briefings/.post.requestBody.content.application/json.schema"
    ]


def test_changed_type_is_breaking():
    def id_as_string(schemas):
        schemas["Briefing"]["properties"]["id"] = {"type": "string", "readOnly": True}

    found = schemadiff.breaking(RELEASED, edited(id_as_string))
    assert len(found) == 2, found  # the list's items and the create answer


def test_removed_operation_is_breaking():
    spec = copy.deepcopy(RELEASED)
    del spec["paths"]["/api/v1/briefings/"]["post"]
    assert schemadiff.breaking(RELEASED, spec) == ["method.remove at paths./api/v1/briefings/.post"]


def test_added_optional_field_passes_in_request_and_response():
    def add_venue(schemas):
        for name in ("Briefing", "BriefingRequest"):
            schemas[name]["properties"]["venue"] = {"type": "string", "nullable": True}

    found = schemadiff.diff(RELEASED, edited(add_venue))
    assert found["breakingDifferences"] == []
    assert found["nonBreakingDifferences"], "the tool saw no change at all"


def test_added_operation_passes():
    spec = copy.deepcopy(RELEASED)
    spec["paths"]["/api/v1/briefings/{id}/"] = {
        "get": {
            "operationId": "briefings_retrieve",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": {
                "200": RELEASED["paths"]["/api/v1/briefings/"]["post"]["responses"]["201"]
            },
        }
    }
    assert schemadiff.breaking(RELEASED, spec) == []


def test_request_bodies_are_closed_and_responses_left_open():
    closed = schemadiff.close_request_bodies(RELEASED)["components"]["schemas"]
    assert closed["BriefingRequest"]["additionalProperties"] is False
    assert "additionalProperties" not in closed["Briefing"]
    assert "additionalProperties" not in RELEASED["components"]["schemas"]["BriefingRequest"]


def test_identical_operations_are_left_out_of_the_comparison():
    later = edited(lambda schemas: schemas["BriefingRequest"]["properties"].update(note={}))
    old, new = schemadiff.drop_unchanged(RELEASED, later)
    assert set(old["paths"]["/api/v1/briefings/"]) == {"post"}
    assert set(new["paths"]["/api/v1/briefings/"]) == {"post"}


def test_command_exits_1_on_a_breaking_change(tmp_path, capsys):
    released, later = tmp_path / "released.yaml", tmp_path / "later.yaml"
    released.write_text(yaml.safe_dump(RELEASED))
    spec = copy.deepcopy(RELEASED)
    spec["components"]["schemas"]["Briefing"]["properties"]["held_on"]["type"] = "integer"
    later.write_text(yaml.safe_dump(spec))
    assert schemadiff.main([str(released), str(later)]) == 1
    assert "2 breaking" in capsys.readouterr().out
    assert schemadiff.main([str(released), str(released)]) == 0


def with_enum(values) -> dict:
    spec = copy.deepcopy(RELEASED)
    schemas = spec["components"]["schemas"]
    schemas["BriefingKindEnum"] = {"type": "string", "enum": list(values)}
    schemas["Briefing"]["properties"]["kind"] = {"$ref": "#/components/schemas/BriefingKindEnum"}
    return spec


def test_removed_enum_value_is_breaking():
    found = schemadiff.breaking(with_enum(["press", "summit"]), with_enum(["press"]))
    assert found == ["enum.value.remove at components.schemas.BriefingKindEnum: ['summit']"]


def test_added_enum_value_is_reported_not_failed():
    old, new = with_enum(["press"]), with_enum(["press", "summit"])
    assert schemadiff.breaking(old, new) == []
    assert schemadiff.enum_changes(old, new)[1] == [
        "enum.value.add at components.schemas.BriefingKindEnum: ['summit']"
    ]
