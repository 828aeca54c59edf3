"""Reading the history tables: one object's history, the change feed, restores, known-at.

Every tracked model (``history.tracking.tracked``) has an event table filled by
triggers. This module reads them generically, so adding a tracked model needs no
change here, and the change feed spans every app without importing one.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from api.serializers import HELD_ROWS
from history.tracking import ChangeEvent

ACTIONS = {"insert": "create", "update": "update", "delete": "delete"}


@functools.cache
def tracked_models() -> tuple[type[models.Model], ...]:
    """Every model with an event table, in a stable order (the registry is fixed once
    the apps are loaded: worked out once per process)."""
    found = [
        m
        for m in apps.get_models()
        if getattr(m, "pgh_event_model", None) is not None
        and issubclass(m.pgh_event_model, ChangeEvent)
    ]
    return tuple(sorted(found, key=lambda m: m._meta.model_name))


def type_name(model: type[models.Model]) -> str:
    return model._meta.model_name


@functools.cache
def snapshot_fields(model: type[models.Model]) -> tuple[str, ...]:
    """Column names of the tracked model that its event table snapshots.

    Fields a model names in ``snapshot_last`` (its bookkeeping columns, which abstract
    bases declare and so put first in the field list) come last, in that order.
    """
    event_columns = {f.column for f in model.pgh_event_model._meta.concrete_fields}
    names = [f.attname for f in model._meta.concrete_fields if f.column in event_columns]
    last = [name for name in getattr(model, "snapshot_last", ()) if name in names]
    return tuple([name for name in names if name not in last] + last)


# --- The change feed ------------------------------------------------------------------------


class BadCursor(ValueError):
    pass


#: A database's mark in its cursors (:func:`database_mark`): 12 hex digits.
DATABASE_MARK = re.compile(r"[0-9a-f]{12}")


def database_mark(system_identifier: int | str, database_oid: int | str) -> str:
    """What names one database in the cursors it hands out: a digest of the server's
    system identifier (``pg_control_system()``, set by initdb and shared by its physical
    replicas) and the database's oid. A copy restored elsewhere, another server, or
    another database of the same server has another mark."""
    raw = f"{system_identifier}/{database_oid}".encode()
    return hashlib.blake2b(raw, digest_size=6).hexdigest()


@dataclass(frozen=True, order=True)
class Cursor:
    txid: int
    type: str
    event_id: int
    #: the :func:`database_mark` of the database that handed it out; "" in cursors from
    #: before marks, which stay valid
    database: str = dataclasses.field(default="", compare=False)

    def encode(self) -> str:
        raw = f"{self.txid}.{self.type}.{self.event_id}"
        if self.database:
            raw += f".{self.database}"
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        try:
            padded = value + "=" * (-len(value) % 4)
            txid, kind, event_id, *mark = base64.urlsafe_b64decode(padded).decode().split(".")
            if len(mark) > 1 or (mark and not DATABASE_MARK.fullmatch(mark[0])):
                raise ValueError("not a database mark")
            cursor = cls(int(txid), kind, int(event_id), *mark)
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise BadCursor("Not a cursor this feed handed out.") from exc
        if cursor.txid < 0 or cursor.event_id < 0 or len(kind) > 100:
            raise BadCursor("Not a cursor this feed handed out.")
        return cursor

    def marked(self, database: str) -> Cursor:
        return dataclasses.replace(self, database=database)


@dataclass(frozen=True)
class Change:
    cursor: str
    type: str
    id: int
    action: str
    at: dt.datetime
    data: dict[str, Any] | None


# The change feed's horizon. The snapshot's running transactions (``xip``) are those of
# every database of the server; one holds the horizon back unless it is known to belong
# to another database: a session of another database shows it as its ``backend_xid`` (to
# every role: only ``xact_start``, the lag in seconds, needs ``pg_read_all_stats`` for
# other roles' sessions), or it was prepared there. One not found holds it (safe): it
# ended after the snapshot, or its session is gone from view. ``backend_xid`` and
# ``pg_prepared_xacts.transaction`` are 32-bit: running transactions are fewer than 2**31
# apart, so the low 32 bits of a snapshot's xid8 name one of them alone, whatever the
# epoch. The own transaction (absent from ``xip``) holds it too.
HORIZON_SQL = """
WITH snap AS MATERIALIZED (
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax,
           pg_current_xact_id_if_assigned()::text::bigint AS mine,
           ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) x) AS xip
),
elsewhere AS (
    SELECT backend_xid::text::bigint AS xid32 FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()
    UNION ALL
    SELECT transaction::text::bigint FROM pg_prepared_xacts
    WHERE database <> current_database()
),
bound AS (
    SELECT xmax, LEAST(xmax, mine, (
        SELECT min(x) FROM unnest(xip) x
        WHERE NOT EXISTS (SELECT FROM elsewhere WHERE elsewhere.xid32 = mod(x, 4294967296))
    )) AS horizon
    FROM snap
)
SELECT horizon, xmax - horizon, CASE WHEN horizon = xmax THEN 0 ELSE (
    SELECT extract(epoch FROM clock_timestamp() - min(since))::float FROM (
        SELECT xact_start AS since FROM pg_stat_activity
        WHERE backend_xid::text::bigint = mod(horizon, 4294967296)
        UNION ALL
        SELECT prepared FROM pg_prepared_xacts
        WHERE transaction::text::bigint = mod(horizon, 4294967296)
    ) holder
) END,
(SELECT system_identifier FROM pg_control_system()),
(SELECT oid FROM pg_database WHERE datname = current_database())
FROM bound
"""


@dataclass(frozen=True)
class Horizon:
    """How far the change feed reaches: events of transactions below ``xid``."""

    xid: int
    #: transaction ids from the oldest one holding the feed back to the newest that ended:
    #: those that committed wait for it (0: nothing waits)
    lag_transactions: int
    #: how long that oldest transaction has been open (0: nothing waits; None: the server
    #: hides its session from this role)
    lag_seconds: float | None
    #: this database's :func:`database_mark`, which its cursors carry
    database: str = ""


def feed_horizon() -> Horizon:
    """The change feed's horizon: the oldest transaction still running in this database,
    else the newest that ended, plus one. Transactions of other databases do not hold it
    back: another application's idle transaction does not stall the feed.

    Every transaction of this database below it had ended when it was read, so a
    statement begun afterwards sees all their events: none can appear later behind a
    cursor handed out.
    """
    with connection.cursor() as db:
        db.execute(HORIZON_SQL)
        xid, lag_transactions, lag_seconds, system_identifier, oid = db.fetchone()
    mark = database_mark(system_identifier, oid)
    return Horizon(int(xid), int(lag_transactions), lag_seconds, mark)


def feed_lag_check() -> dict:
    """A detail of ``/readyz`` (``config.health.READINESS_CHECKS``): how far the change
    feed's horizon is behind. Never stops traffic: a transaction left open delays the
    mirrors, not the API."""
    try:
        horizon = feed_horizon()
    except DatabaseError as exc:
        return {"change_feed": {"detail": type(exc).__name__}}
    lag = {"lag_transactions": horizon.lag_transactions, "lag_seconds": horizon.lag_seconds}
    return {"change_feed": lag}


def changes_since(
    cursor: Cursor | None,
    *,
    limit: int,
    types: Collection[str] | None = None,
    horizon: Horizon | None = None,
) -> tuple[list[Change], Cursor | None]:
    """Changes after ``cursor`` in commit-safe order, at most ``limit``; and the cursor to
    resume from (the last change's, or the one given when nothing is new). ``types``
    (model names: ``pledge``, ``pledgecitation`` ...) narrows the feed; cursors stay valid
    across different ``types``.

    Only events below the :func:`feed_horizon` are handed out (``pgh_txid <
    horizon``): every transaction of this database older than it has ended, so an event
    that commits late can never land behind a cursor a client already holds.
    ``horizon`` is one :func:`feed_horizon` already read (the view reports its lag).
    """
    horizon = horizon or feed_horizon()
    selects: list[str] = []
    params: list[Any] = []
    for model in tracked_models():
        kind = type_name(model)
        if types is not None and kind not in types:
            continue
        table = connection.ops.quote_name(model.pgh_event_model._meta.db_table)
        where, where_params = ["e.pgh_txid < %s"], [horizon.xid]
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
            f"e.pgh_obj_id, to_jsonb(e) AS data FROM {table} e "
            f"WHERE {' AND '.join(where)} ORDER BY e.pgh_txid, e.pgh_id LIMIT %s)"
        )
        params.extend([kind, *where_params, limit])
    sql = "SELECT * FROM (" + " UNION ALL ".join(selects) + ") changes ORDER BY 2, 1, 3 LIMIT %s"
    params.append(limit)
    if not selects:
        return [], cursor
    with connection.cursor() as db:
        db.execute(sql, params)
        rows = db.fetchall()
    changes = []
    for kind, txid, event_id, label, created_at, obj_id, data in rows:
        at = Cursor(txid, kind, event_id, horizon.database)
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
    if rows:
        return changes, Cursor(rows[-1][1], rows[-1][0], rows[-1][2], horizon.database)
    return changes, cursor.marked(horizon.database) if cursor is not None else None


def _strip_pgh(data: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(data, str):  # Django leaves jsonb from raw SQL undecoded
        data = json.loads(data, parse_float=Decimal)  # amounts keep every digit
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


@functools.cache
def child_models(model: type[models.Model]) -> tuple[tuple[type[models.Model], str], ...]:
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
    return tuple(found)


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
    stages; a meeting's attendance and their citations), exactly as they were: same ids,
    same values, ``created_at`` included. Recorded in history as inserts.
    """
    if model._base_manager.filter(pk=pk).exists():
        raise NothingToRestore(f"{model._meta.verbose_name} {pk} exists; nothing to restore.")
    deletion = (
        model.pgh_event_model.objects.filter(pgh_obj_id=pk, pgh_label="delete")
        .order_by("-pgh_id")
        .first()
    )
    if deletion is None:
        raise NothingToRestore(f"No deleted {model._meta.verbose_name} {pk} in history.")
    obj = revive(model, deletion)
    obj.save_base(raw=True, force_insert=True)
    _restore_children(model, [pk], deletion.pgh_txid)
    return obj


def _restore_children(model: type[models.Model], pks: list[int], txid: int) -> None:
    for child, fk in child_models(model):
        deleted_with_it = child.pgh_event_model.objects.filter(
            **{f"{fk}__in": pks}, pgh_label="delete", pgh_txid=txid
        ).order_by("pgh_id")
        revived = [revive(child, event) for event in deleted_with_it]
        for row in revived:
            row.save_base(raw=True, force_insert=True)
        if revived:
            _restore_children(child, [row.pk for row in revived], txid)


def revive(model: type[models.Model], event: models.Model) -> models.Model:
    """An unsaved ``model`` instance holding an event's snapshot. Timestamps the snapshot
    leaves out (``updated_at``) are set to now."""
    values = {name: getattr(event, name) for name in snapshot_fields(model)}
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if field.attname not in values and (
            getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ):
            values[field.attname] = now
    return model(**values)


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


def latest_events(model: type[models.Model], at: dt.datetime, **filters: Any) -> models.QuerySet:
    """Like :func:`known_at`, among the objects whose events match ``filters`` (snapshot
    columns: ``pledge_id__in=[...]``, ``pgh_obj_id__in=[...]``), which narrow the scan
    before each object's last event is picked. One query."""
    events = model.pgh_event_model.objects
    last = (
        events.filter(pgh_created_at__lte=at, **filters)
        .order_by("pgh_obj_id", "-pgh_id")
        .distinct("pgh_obj_id")
        .values("pgh_id")
    )
    return events.filter(pgh_id__in=last).exclude(pgh_label="delete")


def objects_known_at(
    model: type[models.Model],
    events: Iterable[models.Model],
    at: dt.datetime,
    *,
    parents: tuple[str, dict[int, models.Model]] | None = None,
) -> list[models.Model]:
    """Unsaved ``model`` instances as the database held them at ``at``, from their event
    rows (``known_at(model, at)``, filtered and paginated as the caller likes).

    Each carries what belongs to it as held then too, so a serializer reads it as it reads
    a live object: foreign keys to tracked models (a pledge's actor, a citation's source)
    and the rows that belong to it (citations, stages, their sources), the latter as its
    held rows (``api.serializers.HELD_ROWS``). ``updated_at`` is the time of the event.
    One query per related model, whatever the number of rows. (``parents``: the foreign
    key to the objects these rows belong to, and those objects, when called for a
    parent's rows.)
    """
    snapshot = set(snapshot_fields(model))
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) and f.attname not in snapshot
    ]
    objects = []
    for event in events:
        obj = revive(model, event)
        for attname in stamped:
            setattr(obj, attname, event.pgh_created_at)
        objects.append(obj)
    if not objects:
        return objects
    if parents is not None:
        name, by_id = parents
        field = model._meta.get_field(name)
        for obj in objects:
            setattr(obj, name, by_id[getattr(obj, field.attname)])
    _attach_targets_known_at(model, objects, at, skip=parents[0] if parents else None)
    by_id = {obj.pk: obj for obj in objects}
    for child, fk in child_models(model):
        field = next(f for f in child._meta.concrete_fields if f.attname == fk)
        rows = objects_known_at(
            child,
            latest_events(child, at, **{f"{fk}__in": list(by_id)}).order_by(*_ordering(child)),
            at,
            parents=(field.name, by_id),
        )
        by_parent: dict[int, list[models.Model]] = {}
        for row in rows:
            by_parent.setdefault(getattr(row, fk), []).append(row)
        accessor = field.remote_field.accessor_name
        for obj in objects:
            vars(obj).setdefault(HELD_ROWS, {})[accessor] = by_parent.get(obj.pk, [])
    return objects


def _ordering(model: type[models.Model]) -> list[str]:
    """The model's default ordering, on its event table (plus the object id)."""
    return [*(model._meta.ordering or []), "id"]


def _attach_targets_known_at(
    model: type[models.Model], objects: list[models.Model], at: dt.datetime, *, skip=None
) -> None:
    """Set each foreign key to a tracked model to its target as held at ``at``."""
    tracked = set(tracked_models())
    by_target: dict[type[models.Model], list[models.ForeignKey]] = {}
    for field in model._meta.concrete_fields:
        if (
            field.many_to_one
            and field.name != skip
            and field.related_model in tracked
            and field.related_model is not model
        ):
            by_target.setdefault(field.related_model, []).append(field)
    for target, fields in by_target.items():
        ids = {getattr(obj, f.attname) for obj in objects for f in fields} - {None}
        if not ids:
            continue
        found = {
            event.pgh_obj_id: revive(target, event)
            for event in latest_events(target, at, pgh_obj_id__in=ids)
        }
        for obj in objects:
            for field in fields:
                related = found.get(getattr(obj, field.attname))
                if related is not None:
                    setattr(obj, field.name, related)
