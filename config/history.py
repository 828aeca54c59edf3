"""Reading the history tables: one object's history, the change feed, restores, known-at.

Every tracked model (``sources.history.tracked``) has an event table filled by
triggers. This module reads them generically, so adding a tracked model needs no
change here. It lives in ``config/`` because the change feed spans every app.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction

from sources.history import ChangeEvent

ACTIONS = {"insert": "create", "update": "update", "delete": "delete"}


def tracked_models() -> list[type[models.Model]]:
    """Every model with an event table, in a stable order."""
    found = [
        m
        for m in apps.get_models()
        if getattr(m, "pgh_event_model", None) is not None
        and issubclass(m.pgh_event_model, ChangeEvent)
    ]
    return sorted(found, key=lambda m: m._meta.model_name)


def type_name(model: type[models.Model]) -> str:
    return model._meta.model_name


def snapshot_fields(model: type[models.Model]) -> list[str]:
    """Column names of the tracked model that its event table snapshots."""
    event_columns = {f.column for f in model.pgh_event_model._meta.concrete_fields}
    return [f.attname for f in model._meta.concrete_fields if f.column in event_columns]


# --- The change feed ------------------------------------------------------------------------


class BadCursor(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Cursor:
    txid: int
    type: str
    event_id: int

    def encode(self) -> str:
        raw = f"{self.txid}.{self.type}.{self.event_id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        try:
            padded = value + "=" * (-len(value) % 4)
            txid, kind, event_id = base64.urlsafe_b64decode(padded).decode().split(".")
            cursor = cls(int(txid), kind, int(event_id))
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise BadCursor("Not a cursor this feed handed out.") from exc
        if cursor.txid < 0 or cursor.event_id < 0 or len(kind) > 100:
            raise BadCursor("Not a cursor this feed handed out.")
        return cursor


@dataclass(frozen=True)
class Change:
    cursor: str
    type: str
    id: int
    action: str
    at: dt.datetime
    data: dict[str, Any] | None


def changes_since(cursor: Cursor | None, *, limit: int) -> tuple[list[Change], Cursor | None]:
    """Changes after ``cursor`` in commit-safe order, at most ``limit``; and the cursor to
    resume from (the last change's, or the one given when nothing is new).

    Only events of transactions older than every transaction still running are
    handed out (``pgh_txid < pg_snapshot_xmin``), so an event that commits late can
    never land behind a cursor a client already holds.
    """
    selects: list[str] = []
    params: list[Any] = []
    for model in tracked_models():
        kind = type_name(model)
        table = connection.ops.quote_name(model.pgh_event_model._meta.db_table)
        where, where_params = ["e.pgh_txid < horizon.xmin"], []
        if cursor is not None:
            if kind > cursor.type:
                where.append("e.pgh_txid >= %s")
                where_params.append(cursor.txid)
            elif kind == cursor.type:
                where.append("(e.pgh_txid, e.pgh_id) > (%s, %s)")
                where_params.extend([cursor.txid, cursor.event_id])
            else:
                where.append("e.pgh_txid > %s")
                where_params.append(cursor.txid)
        selects.append(
            f"(SELECT %s AS type, e.pgh_txid, e.pgh_id, e.pgh_label, e.pgh_created_at, "
            f"e.pgh_obj_id, to_jsonb(e) AS data FROM {table} e, horizon "
            f"WHERE {' AND '.join(where)} ORDER BY e.pgh_txid, e.pgh_id LIMIT %s)"
        )
        params.extend([kind, *where_params, limit])
    sql = (
        "WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin) "
        + " UNION ALL ".join(selects)
        + " ORDER BY 2, 1, 3 LIMIT %s"
    )
    params.append(limit)
    with connection.cursor() as db:
        db.execute(sql, params)
        rows = db.fetchall()
    changes = []
    for kind, txid, event_id, label, created_at, obj_id, data in rows:
        at = Cursor(txid, kind, event_id)
        changes.append(
            Change(
                cursor=at.encode(),
                type=kind,
                id=obj_id,
                action=ACTIONS.get(label, label),
                at=created_at,
                data=None if label == "delete" else _strip_pgh(data),
            )
        )
    last = Cursor(rows[-1][1], rows[-1][0], rows[-1][2]) if rows else cursor
    return changes, last


def _strip_pgh(data: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(data, str):  # Django leaves jsonb from raw SQL undecoded
        data = json.loads(data)
    return {k: v for k, v in data.items() if not k.startswith("pgh_")}


# --- One object's history -----------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    event_id: int
    type: str
    object_id: int
    action: str
    at: dt.datetime
    user: str | None
    context: dict[str, Any]
    changes: dict[str, dict[str, Any]]
    data: dict[str, Any]


def child_models(model: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """Tracked models with a foreign key to ``model`` that cascades (citations, stages)."""
    found = []
    for candidate in tracked_models():
        for field in candidate._meta.concrete_fields:
            if (
                field.is_relation
                and field.related_model is model
                and field.remote_field.on_delete is models.CASCADE
            ):
                found.append((candidate, field.attname))
    return found


def object_history(model: type[models.Model], pk: int) -> list[HistoryEntry]:
    """Every event of one object and of the rows that belong to it, oldest first, each
    with who made it, through what, and what changed (before and after)."""
    events = list(model.pgh_event_model.objects.filter(pgh_obj_id=pk).select_related("pgh_context"))
    for child, fk in child_models(model):
        events.extend(
            child.pgh_event_model.objects.filter(**{fk: pk}).select_related("pgh_context")
        )
    events.sort(key=lambda e: (e.pgh_created_at, type_name(e.pgh_tracked_model), e.pgh_id))
    user_ids = {
        (e.pgh_context.metadata or {}).get("user") for e in events if e.pgh_context is not None
    } - {None}
    users = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    previous: dict[tuple[str, int], dict[str, Any]] = {}
    entries = []
    for event in events:
        tracked = event.pgh_tracked_model
        kind = type_name(tracked)
        data = {name: getattr(event, name) for name in snapshot_fields(tracked)}
        key = (kind, event.pgh_obj_id)
        before = previous.get(key, {})
        if event.pgh_label == "delete":
            changes = {}
        else:
            changes = {
                name: {"before": before.get(name), "after": value}
                for name, value in data.items()
                if before.get(name) != value
            }
        previous[key] = data
        context = dict(event.pgh_context.metadata) if event.pgh_context else {}
        entries.append(
            HistoryEntry(
                event_id=event.pgh_id,
                type=kind,
                object_id=event.pgh_obj_id,
                action=ACTIONS.get(event.pgh_label, event.pgh_label),
                at=event.pgh_created_at,
                user=users.get(context.get("user")),
                context=context,
                changes=changes,
                data=data,
            )
        )
    return entries


# --- Restoring what was deleted --------------------------------------------------------------


class NothingToRestore(LookupError):
    pass


@transaction.atomic
def restore_deleted(model: type[models.Model], pk: int) -> models.Model:
    """Bring back a deleted object, with the rows deleted with it (its citations, its
    stages), exactly as they were: same ids, same values. Recorded in history as inserts.
    """
    if model.objects.filter(pk=pk).exists():
        raise NothingToRestore(f"{model._meta.verbose_name} {pk} exists; nothing to restore.")
    deletion = (
        model.pgh_event_model.objects.filter(pgh_obj_id=pk, pgh_label="delete")
        .order_by("-pgh_id")
        .first()
    )
    if deletion is None:
        raise NothingToRestore(f"No deleted {model._meta.verbose_name} {pk} in history.")
    obj = model(**{name: getattr(deletion, name) for name in snapshot_fields(model)})
    obj.save(force_insert=True)
    for child, fk in child_models(model):
        deleted_with_it = child.pgh_event_model.objects.filter(
            **{fk: pk}, pgh_label="delete", pgh_txid=deletion.pgh_txid
        )
        child.objects.bulk_create(
            child(**{name: getattr(e, name) for name in snapshot_fields(child)})
            for e in deleted_with_it
        )
    return obj


# --- What the database said at a moment -------------------------------------------------------


def known_at_ids_sql(model: type[models.Model]) -> str:
    """SQL selecting the event id of each object's last event at or before the parameter,
    leaving out objects whose last event then was their deletion."""
    table = connection.ops.quote_name(model.pgh_event_model._meta.db_table)
    return (
        f"SELECT pgh_id FROM (SELECT DISTINCT ON (pgh_obj_id) pgh_id, pgh_label FROM {table} "
        f"WHERE pgh_created_at <= %s ORDER BY pgh_obj_id, pgh_id DESC) last "
        f"WHERE pgh_label <> 'delete'"
    )


def known_at(model: type[models.Model], at: dt.datetime) -> models.QuerySet:
    """The event rows that were each object's state at ``at``: the database as it was."""
    events = model.pgh_event_model.objects
    return events.filter(pgh_id__in=models.expressions.RawSQL(known_at_ids_sql(model), [at]))
