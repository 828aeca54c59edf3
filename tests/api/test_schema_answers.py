"""Issue 5's operations are documented: answers, file formats, parameters, errors."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    return yaml.safe_load(out.read_text())


def operation(schema, path: str, method: str = "get") -> dict:
    return schema["paths"][f"/api/v1/{path}"][method]


def parameters(op) -> dict[str, dict]:
    return {p["name"]: p for p in op.get("parameters", [])}


def test_history_and_restore_exist_for_every_resource(schema):
    for path in [
        "actors/{code}",
        "coalitions/{slug}",
        "memberships/{id}",
        "meetings/{id}",
        "attendances/{id}",
        "size-reports/{id}",
        "pledges/{id}",
        "sources/{id}",
    ]:
        history = operation(schema, f"{path}/history/")
        assert history["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ObjectHistory"
        }
        assert {"401", "403", "404"} <= set(history["responses"])
        restore = operation(schema, f"{path}/restore/", "post")
        assert "requestBody" not in restore
        assert {"201", "403", "404", "409"} <= set(restore["responses"])
    restored = operation(schema, "pledges/{id}/restore/", "post")["responses"]["201"]
    assert restored["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Pledge"
    }


def test_the_change_feed_is_documented(schema):
    feed = operation(schema, "changes/")
    assert feed["operationId"] == "changes_list" and feed["tags"] == ["changes"]
    params = parameters(feed)
    assert params["limit"]["schema"]["maximum"] == 1000
    assert params["type"]["schema"]["items"] == {"$ref": "#/components/schemas/RecordTypeEnum"}
    assert {"400", "401", "403"} <= set(feed["responses"])
    change = schema["components"]["schemas"]["Change"]["properties"]
    assert change["action"] == {"$ref": "#/components/schemas/ChangeActionEnum"}


def test_lists_document_as_of_and_known_at(schema):
    for path in ["pledges/", "memberships/"]:
        params = parameters(operation(schema, path))
        assert params["known_at"]["schema"] == {"type": "string", "format": "date-time"}
        assert params["as_of"]["schema"]["format"] == "date"


def test_exports_answer_files_and_errors_in_json(schema):
    for name in ["actors", "coalitions", "memberships", "pledges", "sources"]:
        export = operation(schema, f"{name}/export/")
        content = export["responses"]["200"]["content"]
        assert set(content) == {"text/csv", "application/x-ndjson", "application/jsonl"}
        # Text and a byte stream, never JSON: generators read them as text or a file.
        assert content["text/csv"]["schema"] == {"type": "string"}
        assert content["application/x-ndjson"]["schema"] == {"type": "string", "format": "binary"}
        assert set(export["responses"]["400"]["content"]) == {"application/json"}
        assert parameters(export)["format"]["schema"]["enum"] == ["csv", "jsonl"]
        assert "cursor" not in parameters(export)  # every row, not a page
    pledges = operation(schema, "pledges/export/")
    assert {"kind", "as_of", "ordering"} <= set(parameters(pledges))
    assert "`source_ids`" in pledges["description"]


def test_summary_profile_and_timeline_are_documented(schema):
    summary = operation(schema, "pledges/summary/")
    content = summary["responses"]["200"]["content"]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/PledgeSummary"}
    assert "text/csv" in content
    assert {"group_by", "format", "known_at", "as_of", "kind"} <= set(parameters(summary))
    assert "ordering" not in parameters(summary)
    profile = operation(schema, "actors/{code}/profile/")
    assert profile["operationId"] == "actors_profile_retrieve" and profile["tags"] == ["actors"]
    assert "404" in profile["responses"]
    timeline = operation(schema, "coalitions/{slug}/timeline/")
    assert timeline["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CoalitionTimeline"
    }
