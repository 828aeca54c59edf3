"""One write path: outside the services, no code writes a domain model.

The domain models are those of ``sources``, ``coalition`` and ``pledges``; their
services are the ``services*.py`` modules of those apps (and ``sources/review.py``, the
review workflow the services and the admin's review actions share). Two checks:

- An AST scan of the project's Python files (not ``.venv``, migrations, tests, bench)
  for calls of a writing method (``.save()``, ``.create()``, ``.update()``,
  ``.delete()``, ``bulk_create`` ...) and of the framework's default writers
  (``super().save_model()``, ``formset.save()``, import-export's ``save_instance`` ...).
  A call counts unless its receiver starts at a model class of another app (a knox
  token, ``Group``) or it is ``.update(positional)`` (a dict's or a hash's: a
  queryset's ``update`` takes keywords only). What remains must be in ``ALLOWED``, each
  entry with its reason.
- The admin of every domain model, and each import-export resource it uses, overrides
  the framework's writers (Django's ``ModelAdmin.save_model`` saves directly).
"""

from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from import_export.resources import Resource

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("sources", "coalition", "pledges")
SKIPPED_DIRS = {
    ".venv",
    "venv",
    ".git",
    ".data",
    "migrations",
    "tests",
    "bench",
    "node_modules",
    "build",
}
#: Modules that are the services (besides ``<app>/services*.py`` of the domain apps).
SERVICE_MODULES = {
    "sources/review.py": "the review workflow: claim_save (the services) and the admin's "
    "review actions call it; one UPDATE sets the status and the stamps",
}

WRITES = {
    "save",
    "save_base",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
#: Framework methods whose default implementation writes the model directly.
DEFAULT_WRITERS = {
    "save_model",
    "save_related",
    "save_formset",
    "save_m2m",
    "delete_model",
    "delete_queryset",
    "save_instance",
    "do_instance_save",
    "delete_instance",
    "bulk_create",
    "bulk_update",
    "bulk_delete",
}

#: (file, enclosing function, method) -> why it may write. Keep it short.
ALLOWED: dict[tuple[str, str, str], str] = {
    ("sources/models.py", "Source.save", "save"): "Model.save itself (fills content_sha256)",
    ("coalition/reference.py", "load_countries", "save"): (
        "the ISO country list, run by a data migration with the historical model"
    ),
    ("coalition/reference.py", "load_countries", "bulk_create"): (
        "the ISO country list, run by a data migration with the historical model"
    ),
    ("history/readers.py", "restore_deleted", "save_base"): (
        "restoring a deleted row exactly as history recorded it (same ids, raw): "
        "no service creates a row with a given id"
    ),
    ("history/readers.py", "_restore_children", "save_base"): (
        "the rows deleted with a restored object, as history recorded them"
    ),
    ("api/idempotency.py", "idempotent", "delete"): "an IdempotencyKey, not a domain model",
    ("api/management/commands/create_analyst.py", "Command.handle", "save"): (
        "a django.contrib.auth User, not a domain model"
    ),
    ("api/auth.py", "AuthTokenView.delete", "delete"): "a knox token, not a domain model",
    ("api/viewsets.py", "DomainViewSet.create_object", "create"): "the viewset's declared services",
    ("api/viewsets.py", "DomainViewSet.update_object", "update"): "the viewset's declared services",
    ("api/viewsets.py", "DomainViewSet.delete_object", "delete"): "the viewset's declared services",
    ("sources/admin.py", "ServiceAdminMixin.create_object", "create"): "the admin's services",
    ("sources/admin.py", "ServiceAdminMixin.update_object", "update"): "the admin's services",
    ("sources/admin.py", "ServiceAdminMixin.delete_object", "delete"): "the admin's services",
    ("coalition/admin.py", "claim_rows_write", "update"): "the inline claims' declared services",
    ("coalition/admin.py", "claim_rows_write", "delete"): "the inline claims' declared services",
}


@dataclass(frozen=True)
class Write:
    path: str
    function: str
    method: str
    line: int
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} in {self.function}: {self.code}"


def is_service_module(path: str) -> bool:
    parts = path.split("/")
    return (
        len(parts) == 2 and parts[0] in DOMAIN_APPS and parts[1].startswith("services")
    ) or path in SERVICE_MODULES


def is_other_apps_services(path: str) -> bool:
    """Another app's services (``dataset/services.py``) write that app's own models; a
    write there counts when its receiver starts at a domain app's name."""
    parts = path.split("/")
    return len(parts) == 2 and parts[1].startswith("services") and not is_service_module(path)


def project_files() -> list[Path]:
    return sorted(
        p
        for p in ROOT.rglob("*.py")
        if not SKIPPED_DIRS.intersection(p.relative_to(ROOT).parts[:-1])
    )


def foreign_model(module: str | None, name: str) -> bool:
    """Whether ``name`` imported from ``module`` is a model class of a non-domain app."""
    if module is None:
        return False
    try:
        obj = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return False
    return (
        inspect.isclass(obj)
        and issubclass(obj, models.Model)
        and obj._meta.app_label not in DOMAIN_APPS
    )


def root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def from_domain(module: str) -> bool:
    return module.split(".")[0] in DOMAIN_APPS


class Scanner(ast.NodeVisitor):
    def __init__(self, path: str, source: str):
        self.path, self.lines = path, source.splitlines()
        self.scope: list[str] = []
        self.own_methods: list[set[str]] = []  # per enclosing class: the methods it defines
        self.imported: dict[str, str] = {}  # name -> module it is imported from
        self.found: list[Write] = []
        self.domain_receivers_only = is_other_apps_services(path)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self.imported[alias.asname or alias.name] = node.module or ""

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        defined = {
            n.name for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.own_methods.append(defined)
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()
        self.own_methods.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if not isinstance(node.func, ast.Attribute):
            return
        method = node.func.attr
        if method not in WRITES | DEFAULT_WRITERS:
            return
        if method == "update" and node.args:
            return  # dict.update(other), hash.update(bytes): QuerySet.update takes keywords
        receiver = node.func.value
        own = self.own_methods[-1] if self.own_methods else set()
        if isinstance(receiver, ast.Name) and receiver.id == "self" and method in own:
            return  # the class's own method of that name (its body is scanned too)
        name = root_name(receiver)
        module = self.imported.get(name or "")
        if self.domain_receivers_only and not (module and from_domain(module)):
            return
        if method in WRITES and module is not None and foreign_model(module, name):
            return
        line = self.lines[node.lineno - 1].strip()
        function = ".".join(self.scope) or "<module>"
        self.found.append(Write(self.path, function, method, node.lineno, line))


def scan(path: str, source: str) -> list[Write]:
    scanner = Scanner(path, source)
    scanner.visit(ast.parse(source, filename=path))
    return scanner.found


def writes_outside_the_services() -> list[Write]:
    found = []
    for file in project_files():
        path = file.relative_to(ROOT).as_posix()
        if not is_service_module(path):
            found.extend(scan(path, file.read_text()))
    return found


def allowed(write: Write) -> bool:
    return any(
        write.path == path and write.function.startswith(function) and write.method == method
        for path, function, method in ALLOWED
    )


def test_only_the_services_write_domain_models():
    offending = [w for w in writes_outside_the_services() if not allowed(w)]
    assert not offending, (
        "Code outside the services writes (or may write) a domain model; call the "
        "<entity>_<action> service instead (or, if it is not a domain model, add it to "
        "ALLOWED with the reason):\n" + "\n".join(map(str, offending))
    )


def test_every_allowlist_entry_is_still_needed():
    found = writes_outside_the_services()
    stale = [
        entry
        for entry in ALLOWED
        if not any(w.path == entry[0] and w.function.startswith(entry[1]) for w in found)
    ]
    assert not stale, f"ALLOWED entries that match nothing any more: {stale}"


@pytest.mark.parametrize(
    ("code", "method"),
    [
        ("super().save_model(request, obj, form, change)", "save_model"),
        ("obj.save()", "save"),
        ("Pledge.objects.filter(pk=1).update(quantity=8)", "update"),
        ("Source.objects.create(title='t', publisher='p')", "create"),
        ("formset.save()", "save"),
        ("PledgeCitation.objects.get_or_create(pledge=p, source=s, quote=q)", "get_or_create"),
        ("source.delete()", "delete"),
    ],
)
def test_the_scan_catches_a_direct_write_in_an_admin_or_a_view(code, method):
    module = (
        "from pledges.models import Pledge, PledgeCitation\n"
        "from sources.models import Source\n\n"
        "class SomeAdmin:\n"
        "    def save_model(self, request, obj, form, change):\n"
        f"        {code}\n"
    )
    for path in ("pledges/admin.py", "pledges/api/views.py", "dataset/reader.py"):
        found = scan(path, module)
        assert [(w.function, w.method) for w in found] == [("SomeAdmin.save_model", method)]
        assert not allowed(found[0])


def test_the_scan_lets_other_apps_models_and_dicts_be():
    module = (
        "from django.contrib.auth.models import Group\n"
        "def f(digest, errors):\n"
        "    Group.objects.get_or_create(name='analysts')\n"
        "    digest.update(b'x')\n"
        "    errors.update({'a': 1})\n"
    )
    assert scan("pledges/management/commands/x.py", module) == []


# --- the framework's default writers are overridden -------------------------------------------


def domain_models() -> list[type[models.Model]]:
    return [m for label in DOMAIN_APPS for m in apps.get_app_config(label).get_models()]


ADMIN_WRITERS = ("save_model", "save_related", "delete_model", "delete_queryset")


@pytest.mark.parametrize("model", domain_models(), ids=lambda m: m._meta.label)
def test_the_admin_of_each_domain_model_overrides_djangos_writers(model):
    if not admin.site.is_registered(model):
        return
    model_admin = admin.site.get_model_admin(model)
    inherited = [
        name
        for name in ADMIN_WRITERS
        if getattr(type(model_admin), name) is getattr(admin.ModelAdmin, name)
    ]
    assert not inherited, f"{type(model_admin).__name__} keeps Django's {inherited}"
    for resource in getattr(model_admin, "resource_classes", []):
        for name in ("save_instance", "delete_instance", "do_instance_save"):
            overridden = getattr(resource, name) is not getattr(Resource, name)
            via_save_instance = name == "do_instance_save"  # reached only from save_instance
            assert overridden or via_save_instance, f"{resource.__name__} keeps {name}"
        assert not getattr(resource.Meta, "use_bulk", False), "bulk import skips save_instance"


def test_at_least_the_claim_and_source_admins_are_checked():
    checked = {m._meta.model_name for m in domain_models() if admin.site.is_registered(m)}
    assert {"source", "pledge", "membership", "attendance", "sizereport", "actor"} <= checked
