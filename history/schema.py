"""The schema of what history and the change feed answer: records, values, contexts.

A history event's ``data`` and a change's ``data`` are a stored row of one tracked model
(database column names: ``actor_id``). :func:`add_record_schemas` (a drf-spectacular
postprocessing hook) derives one component per model from its columns (``PledgeRecord``,
``PledgeCitationRecord`` ...) and ``Record``, every column of them all, which a change's
``data`` refers to (its ``type`` says which kind it is). ``before`` and ``after`` are a
column's value (``RecordValue``), ``context`` through what a change was made
(``ChangeContext``). The components stay open (no ``additionalProperties: false``): a
column added later is an additive change.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models

from history.readers import snapshot_fields, tracked_models, type_name

REF = "#/components/schemas/"

# Any JSON value, by design: a column's value has its column's type (the record component
# of its kind types each column). A union of the JSON types says nothing more and makes
# openapi-diff (``make schema-diff``) take minutes on every history operation.
RECORD_VALUE = {
    "description": "A column's value as stored, of the column's type (the record component "
    "of the kind of record types each column): text, a number, true/false, a list, an "
    "object, or null. Dates and times are ISO 8601 strings, amounts strings with every "
    "digit."
}

CHANGE_CONTEXT = {
    "type": "object",
    "description": "Through what a change was made: an API or admin request (`url`, `user`, "
    "and `token`, the key prefix of the API token used) or a management command "
    "(`command`, `os_user`). Other keys may appear.",
    "properties": {
        "url": {"type": "string", "description": "Path of the API or admin request."},
        "user": {"type": "integer", "nullable": True, "description": "Id of the user."},
        "token": {"type": "string", "description": "Key prefix of the API token used."},
        "command": {"type": "string", "description": "The management command."},
        "os_user": {"type": "string", "description": "Operating-system user of the command."},
    },
    "additionalProperties": True,
}


def column_schema(field: models.Field) -> dict:
    """The JSON Schema of one column's value as history and the feed answer it."""
    if isinstance(field, ArrayField):
        schema = {"type": "array", "items": column_schema(field.base_field)}
    elif isinstance(field, models.ForeignKey):
        schema = column_schema(field.target_field)
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, models.AutoField | models.IntegerField):
        schema = {"type": "integer"}
    elif isinstance(field, models.FloatField):
        schema = {"type": "number"}
    elif isinstance(field, models.DecimalField):
        schema = {"type": "string", "format": "decimal"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.UUIDField):
        schema = {"type": "string", "format": "uuid"}
    elif isinstance(field, models.CharField | models.TextField):
        schema = {"type": "string"}
    else:  # a JSON column, or a type without a narrower schema: any value
        return {}
    if field.null:
        schema["nullable"] = True
    return schema


def record_name(model: type[models.Model]) -> str:
    return f"{model.__name__}Record"


def record_schema(model: type[models.Model]) -> dict:
    columns = {field.attname: field for field in model._meta.concrete_fields}
    names = snapshot_fields(model)
    return {
        "type": "object",
        "description": f"A {model._meta.verbose_name} as stored (record type "
        f"`{type_name(model)}`): its database columns (`actor_id` is the actor's id).",
        "properties": {name: column_schema(columns[name]) for name in names},
        "required": list(names),
    }


def merged_record(models_) -> dict:
    """One object with every column of every tracked model, typed (a name two models type
    differently takes any value), only ``id`` required. A union of the per-model records
    would say more, but openapi-diff (``make schema-diff``) takes minutes per union of
    objects it compares; the per-model components say which columns each type has."""
    properties: dict[str, dict] = {}
    for model in models_:
        for name, schema in record_schema(model)["properties"].items():
            known = properties.setdefault(name, schema)
            if known != schema:
                same = {k: v for k, v in known.items() if k != "nullable"}
                if same == {k: v for k, v in schema.items() if k != "nullable"}:
                    properties[name] = {**same, "nullable": True}
                else:
                    properties[name] = {}
    names = ", ".join(f"`{record_name(model)}`" for model in models_)
    return {
        "type": "object",
        "description": "A stored row of one kind of record: its database columns (`actor_id` "
        "is the actor's id). The `type` beside it says which kind, and so which columns it "
        f"has: the component of that kind ({names}) lists them.",
        "properties": dict(sorted(properties.items())),
        "required": ["id"],
    }


def add_record_schemas(result, generator, request, public):
    """Define ``Record`` (any tracked model's row), one ``<Model>Record`` per tracked
    model, ``RecordValue`` and ``ChangeContext``, which the history and change-feed
    serializers refer to (history/api.py)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    models_ = tracked_models()
    for model in models_:
        schemas[record_name(model)] = record_schema(model)
    schemas["Record"] = merged_record(models_)
    schemas["RecordValue"] = RECORD_VALUE
    schemas["ChangeContext"] = CHANGE_CONTEXT
    result["components"]["schemas"] = dict(sorted(schemas.items()))
    return result


def record_example(record_type: str, /, **values) -> dict:
    """An example row of ``record_type`` (``pledge``) for the schema: ``values``, and for
    every other column its default, null, or an empty value of its type."""
    model = next(m for m in tracked_models() if type_name(m) == record_type)
    columns = {field.attname: field for field in model._meta.concrete_fields}
    row = {}
    for name in snapshot_fields(model):
        field = columns[name]
        if name in values:
            row[name] = values[name]
        elif field.has_default() and not callable(field.default):
            default = field.default
            row[name] = str(default) if isinstance(default, str) else default  # choices too
        elif field.null:
            row[name] = None
        else:
            schema = column_schema(field)
            row[name] = EMPTY.get(schema.get("format"), EMPTY.get(schema.get("type")))
    return row


EMPTY = {
    "string": "",
    "integer": 0,
    "number": 0,
    "boolean": False,
    "array": [],
    "date": "2014-09-14",
    "date-time": "2026-11-20T09:12:03.412000+00:00",
}
