"""History in the API: ``/{resource}/{id}/history/`` and ``/{resource}/{id}/restore/``.

:class:`HistoryMixin` adds both actions to a :class:`api.viewsets.DomainViewSet`.
They read the history tables (:mod:`history.readers`), so they work for objects that no
longer exist: the history of a deleted pledge stays readable, and restoring it brings it
back with its citations and stages, same ids and values.

The history shows every version, drafts included, and who made each change; it needs a
user with the model's ``view`` permission (the analysts and viewers groups).
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from api.errors import Conflict
from api.filters import BIGINT_MAX
from api.schema import AutoSchema
from api.serializers import plain
from history.readers import object_history, restore_deleted, tracked_models, type_name
from history.schema import REF, record_example

ACTION_CHOICES = [
    ("create", "Created"),
    ("update", "Updated"),
    ("delete", "Deleted"),
]


def record_types() -> list[str]:
    """Names of every kind of record with a history (``pledge``, ``pledgecitation`` ...)."""
    return [type_name(model) for model in tracked_models()]


class _PlainField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return plain(value)


# The components referred to here are defined by history/schema.py's hook, from the models.
@extend_schema_field({"$ref": f"{REF}Record"})
class RecordField(_PlainField):
    """A record's stored values (database column names: ``actor_id``)."""


# The same row as a change's ``data`` (a ``Record``), declared as an open object: with
# the typed one, openapi-diff took minutes on each history operation (``make schema-diff``).
@extend_schema_field({"type": "object", "additionalProperties": True})
class EventRecordField(_PlainField):
    """A record's stored values (database column names: ``actor_id``)."""


@extend_schema_field({"$ref": f"{REF}RecordValue"})
class ValueField(_PlainField):
    """One column's stored value."""


class FieldChangeSerializer(serializers.Serializer):
    before = ValueField(help_text="The value before (null for a creation).")
    after = ValueField(help_text="The value after.")


@extend_schema_field(serializers.DictField(child=FieldChangeSerializer()))
class ChangesField(_PlainField):
    """Each field that changed, with its value before and after."""


@extend_schema_field({"$ref": f"{REF}ChangeContext"})
class ContextField(_PlainField):
    """Through what a change was made."""


class HistoryEventSerializer(serializers.Serializer):
    """One change of the object or of a row that belongs to it (a citation, a stage)."""

    event_id = serializers.IntegerField(help_text="Id of the event in its history table.")
    type = serializers.ChoiceField(
        choices=[], help_text="What changed: the object itself or a row that belongs to it."
    )
    object_id = serializers.IntegerField(help_text="Id of the record that changed.")
    action = serializers.ChoiceField(choices=ACTION_CHOICES)
    at = serializers.DateTimeField(help_text="When the change was written (UTC).")
    user = serializers.CharField(
        allow_null=True, help_text="Username of who made it; null for a command or the system."
    )
    context = ContextField(
        help_text=(
            "Through what the change was made: `url` (an API or admin request), `command` "
            "(a management command) and `os_user`, `user` (the user's id), `token` (the "
            "key prefix of the API token used)."
        )
    )
    changes = ChangesField(
        help_text="Each field that changed, with its value before and after (`quantity`: "
        "`{before: 6, after: 8}`); empty for a deletion."
    )
    data = EventRecordField(
        help_text="The record after the change (before it, for a deletion): its database "
        "columns, as in the change feed's `data`; the component of its `type` "
        "(`PledgeRecord` for `pledge` ...) types each column."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(name, name) for name in record_types()]


class ObjectHistorySerializer(serializers.Serializer):
    type = serializers.CharField(help_text="The kind of object: pledge, membership, source ...")
    id = serializers.IntegerField(help_text="The object's id.")
    exists = serializers.BooleanField(help_text="False when the object has been deleted.")
    events = HistoryEventSerializer(many=True, help_text="Oldest first.")


HISTORY_EXAMPLE = {
    "type": "pledge",
    "id": 12,
    "exists": True,
    "events": [
        {
            "event_id": 101,
            "type": "pledge",
            "object_id": 12,
            "action": "create",
            "at": "2026-11-20T09:12:03.412Z",
            "user": "analyst1",
            "context": {"user": 3, "url": "/api/v1/pledges/"},
            "changes": {"quantity": {"before": None, "after": 6}},
            "data": record_example("pledge", id=12, actor_id=14, kind="aircraft", quantity=6),
        },
        {
            "event_id": 102,
            "type": "pledgecitation",
            "object_id": 41,
            "action": "create",
            "at": "2026-11-20T09:12:03.415Z",
            "user": "analyst1",
            "context": {"user": 3, "url": "/api/v1/pledges/"},
            "changes": {"quote": {"before": None, "after": "Australia will send ..."}},
            "data": record_example(
                "pledgecitation", id=41, pledge_id=12, source_id=3, quote="Australia will send ..."
            ),
        },
        {
            "event_id": 107,
            "type": "pledge",
            "object_id": 12,
            "action": "update",
            "at": "2026-11-21T16:40:00.022Z",
            "user": None,
            "context": {"command": "load_dataset", "os_user": "deploy"},
            "changes": {"quantity": {"before": 6, "after": 8}},
            "data": record_example("pledge", id=12, actor_id=14, kind="aircraft", quantity=8),
        },
    ],
}


class CanViewHistory(BasePermission):
    """History shows drafts and who changed what: the model's ``view`` permission."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        meta = view.queryset.model._meta
        return user.has_perm(f"{meta.app_label}.view_{meta.model_name}")


class HistorySchema(AutoSchema):
    def error_codes(self) -> list[str]:
        return sorted({*super().error_codes(), "403", "404"})


class RestoreSchema(AutoSchema):
    """``restore`` takes no body and answers 201 with the object, as ``create`` does."""

    def get_request_serializer(self):
        return None

    def get_response_serializers(self):
        return {"201": self.view.get_serializer_class()}

    def get_examples(self):
        examples = list(super().get_examples())
        if getattr(self.view, "example", None) is not None:
            name = (self.view.noun or "object").capitalize()
            examples.append(
                OpenApiExample(
                    f"Restored {self.view.noun}".strip(),
                    value={
                        **self.view.example,
                        **(getattr(self.view, "example_detail", None) or {}),
                    },
                    response_only=True,
                    status_codes=["201"],
                    summary=name,
                )
            )
        return examples


class HistoryMixin:
    """Adds ``GET {id}/history/`` and ``POST {id}/restore/`` to a DomainViewSet; adds
    the actions only, so it goes anywhere before ``DomainViewSet`` in the bases."""

    def history_object_id(self) -> int | None:
        """The id of the object named in the URL, alive or deleted (None if unknown).

        A code or slug ignores case: the live row that has it (at most one, by the
        database's ``UniqueIgnoringCase`` constraint), else the deleted row that had it
        last."""
        model = self.queryset.model
        lookup = self.lookup_field
        value = self.kwargs[self.lookup_url_kwarg or lookup]
        if lookup == "pk":
            return int(value) if value.isdigit() and int(value) <= BIGINT_MAX else None
        current = model._base_manager.values_list("pk", flat=True)
        try:
            return current.get(**{f"{lookup}__iexact": value})
        except model.DoesNotExist:
            pass
        events = model.pgh_event_model.objects.filter(**{f"{lookup}__iexact": value})
        return events.order_by("-pgh_id").values_list("pgh_obj_id", flat=True).first()

    @extend_schema(
        summary="History of one record",
        description=(
            "Every change of this record and of the rows that belong to it (a claim's "
            "citations, a pledge's stages), oldest first: what changed (before and after), "
            "when, who (user) and through what (the API or admin URL, or the management "
            "command). Writes from the API, the admin, bulk updates and commands are all "
            "recorded (by database triggers). A deleted record's history stays readable: "
            "404 only when the id never existed. Needs the model's `view` permission (it "
            "shows drafts and who made each change). Not paginated."
        ),
        responses=ObjectHistorySerializer,
        examples=[OpenApiExample("History", value=HISTORY_EXAMPLE, response_only=True)],
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
        permission_classes=[CanViewHistory],
        schema=HistorySchema(),
    )
    def history(self, request, *args, **kwargs):
        model = self.queryset.model
        object_id = self.history_object_id()
        events = object_history(model, object_id) if object_id is not None else []
        if not events:
            raise NotFound()
        body = {
            "type": type_name(model),
            "id": object_id,
            "exists": model._base_manager.filter(pk=object_id).exists(),
            "events": events,
        }
        return Response(ObjectHistorySerializer(body).data)

    @extend_schema(
        summary="Restore a deleted record",
        description=(
            "Bring back a deleted record from its history, with the rows deleted with it "
            "(a claim's citations, a pledge's stages), exactly as they were: same id, same "
            "values. Answers 201 with the record. 409 when it exists (nothing to restore) "
            "or when restoring it would break a rule (another period now overlaps, a record "
            "it refers to is gone); 404 when it never existed. Needs the `add` permission "
            "of the model. Recorded in history as a creation."
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        filter_backends=[],
        pagination_class=None,
        schema=RestoreSchema(),
    )
    def restore(self, request, *args, **kwargs):
        model = self.queryset.model
        object_id = self.history_object_id()
        if object_id is None:
            raise NotFound()
        if model._base_manager.filter(pk=object_id).exists():
            raise Conflict(
                f"This {model._meta.verbose_name} exists: there is nothing to restore.",
                code="exists",
            )
        if not model.pgh_event_model.objects.filter(
            pgh_obj_id=object_id, pgh_label="delete"
        ).exists():
            raise NotFound()
        with transaction.atomic():
            restored = restore_deleted(model, object_id)
        return self.answer(restored, status.HTTP_201_CREATED)
