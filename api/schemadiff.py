"""The schema-diff check: a later OpenAPI schema may only add to the released v1 one.

Atlassian's ``openapi-diff`` (npm, pinned in ``tools/schema-diff/``) does the comparing;
it classifies every change by whether it narrows what a request may send or widens what
a response may hold. Two steps around it make its answer fit v1's rule ("same fields,
same meanings", docs/api.md):

- Request bodies are closed (``additionalProperties: false`` on their object schemas)
  in both schemas, so a new optional request field widens what may be sent (additive)
  instead of narrowing what an unconstrained extra field may be.
- The tool does not read ``enum``: a named enum that loses a value is breaking here,
  one that gains a value is reported (a client must expect new codelist values, as
  oasdiff also only warns about them).
- Operations identical in both schemas once their ``$ref``\\ s are resolved are left out,
  so the tool reads only what changed (the whole v1 schema takes it minutes).

``python -m api.schemadiff RELEASED LATER [LATER ...]`` prints each change and exits 1
when any later schema breaks the released one (``make schema-diff``).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

TOOL_DIR = Path(__file__).resolve().parent.parent / "tools" / "schema-diff"
TOOL = TOOL_DIR / "node_modules" / "openapi-diff" / "package.json"
SCRIPT = TOOL_DIR / "diff.js"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_PREFIX = "#/components/schemas/"


class ToolMissing(RuntimeError):
    """openapi-diff is not installed (``make schema-diff`` runs ``npm ci`` first)."""


def load(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _resolve(node, schemas: dict, seen: tuple = ()):
    """``node`` with every component reference replaced by its target (cycles kept as refs)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX) and ref not in seen:
            return _resolve(schemas.get(ref[len(SCHEMA_PREFIX) :], {}), schemas, (*seen, ref))
        return {key: _resolve(value, schemas, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(value, schemas, seen) for value in node]
    return node


def _close_objects(node, schemas: dict, done: set) -> None:
    """Mark every object schema reachable from ``node`` as accepting no other properties."""
    if isinstance(node, list):
        for value in node:
            _close_objects(value, schemas, done)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
        name = ref[len(SCHEMA_PREFIX) :]
        if name not in done and name in schemas:
            done.add(name)
            _close_objects(schemas[name], schemas, done)
        return
    if "properties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    for value in node.values():
        _close_objects(value, schemas, done)


def close_request_bodies(spec: dict) -> dict:
    """A copy of ``spec`` whose request bodies accept only the properties they declare."""
    spec = copy.deepcopy(spec)
    schemas = spec.get("components", {}).get("schemas", {})
    done: set = set()
    for item in spec.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict) and "requestBody" in operation:
                _close_objects(operation["requestBody"], schemas, done)
    return spec


def drop_unchanged(old: dict, new: dict) -> tuple[dict, dict]:
    """Copies of both schemas without the operations that resolve to the same thing."""
    old, new = copy.deepcopy(old), copy.deepcopy(new)
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    for path in set(old.get("paths", {})) & set(new.get("paths", {})):
        old_item, new_item = old["paths"][path], new["paths"][path]
        for key in set(old_item) & set(new_item):
            if _resolve(old_item[key], old_schemas) == _resolve(new_item[key], new_schemas):
                del old_item[key], new_item[key]
        if not old_item and not new_item:
            del old["paths"][path], new["paths"][path]
    return old, new


def diff(old: dict, new: dict) -> dict:
    """openapi-diff's verdict on ``old`` -> ``new``: its breaking and other differences."""
    if not TOOL.exists():
        raise ToolMissing(f"{TOOL} is missing: run `npm ci --prefix {TOOL_DIR}`")
    old, new = drop_unchanged(close_request_bodies(old), close_request_bodies(new))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, spec in (("released.json", old), ("later.json", new)):
            path = Path(folder) / name
            path.write_text(json.dumps(spec), encoding="utf-8")
            paths.append(str(path))
        out = Path(folder) / "verdict.json"
        done = subprocess.run(
            ["node", str(SCRIPT), *paths, str(out)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"openapi-diff failed: {done.stdout}{done.stderr}")
        found = json.loads(out.read_text(encoding="utf-8"))
    return {
        "breakingDifferences": found.get("breakingDifferences", []),
        "nonBreakingDifferences": found.get("nonBreakingDifferences", []),
        "unclassified": found.get("unclassifiedDifferences", []),
    }


def enum_changes(old: dict, new: dict) -> tuple[list[str], list[str]]:
    """(values removed from a named enum, values added to one), a line per enum."""
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    removed, added = [], []
    for name, schema in old_schemas.items():
        if "enum" not in schema:
            continue
        before = [v for v in schema["enum"] if v is not None]
        after = [v for v in new_schemas.get(name, {}).get("enum", []) if v is not None]
        if name not in new_schemas:
            removed.append(f"enum.remove at components.schemas.{name}")
        elif lost := [v for v in before if v not in after]:
            removed.append(f"enum.value.remove at components.schemas.{name}: {lost}")
        elif gained := [v for v in after if v not in before]:
            added.append(f"enum.value.add at components.schemas.{name}: {gained}")
    return removed, added


def breaking(old: dict, new: dict) -> list[str]:
    """One line per breaking change, ``code at location``; empty when ``new`` is additive."""
    found = [_line(change) for change in diff(old, new)["breakingDifferences"]]
    return [*found, *enum_changes(old, new)[0]]


def _line(change: dict) -> str:
    details = change.get("sourceSpecEntityDetails") or change.get("destinationSpecEntityDetails")
    where = ", ".join(detail.get("location", "") for detail in details or [])
    return f"{change.get('code', change.get('type'))} at {where or '(whole schema)'}"


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m api.schemadiff RELEASED LATER [LATER ...]", file=sys.stderr)
        return 2
    released, failed = load(argv[0]), False
    seen: dict[str, str] = {}
    for later_path in argv[1:]:
        text = Path(later_path).read_text(encoding="utf-8")
        if text in seen:
            print(f"schema-diff: {later_path} is the same schema as {seen[text]}")
            continue
        seen[text] = later_path
        later = yaml.safe_load(text)
        found = diff(released, later)
        enums_removed, enums_added = enum_changes(released, later)
        for change in found["breakingDifferences"]:
            print(f"  BREAKING {_line(change)}")
        for line in enums_removed:
            print(f"  BREAKING {line}")
        for line in enums_added:
            print(f"  compatible {line}")
        for change in found["nonBreakingDifferences"]:
            print(f"  compatible {_line(change)}")
        for change in found["unclassified"]:
            print(f"  unclassified {_line(change)}")
        count = len(found["breakingDifferences"]) + len(enums_removed)
        others = len(found["nonBreakingDifferences"]) + len(found["unclassified"])
        others += len(enums_added)
        print(f"schema-diff: {argv[0]} -> {later_path}: {count} breaking, {others} other")
        failed = failed or count > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
