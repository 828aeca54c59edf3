"""Loading the curated dataset through the services, never over a person's edit.

Every row the dataset owns is a *record* with a key (``pledge:aus-troops-2014``,
``attendance:paris-conference-2014-09-15/USA``, ``actor:KRG`` ...). The loader writes
each record through the same services as the API (``pledge_create``, ``pledge_update``
with its citations and stages in ``data``, ``membership_update`` ...), so citations,
stages and review stamps follow the rules every writer follows, and remembers what it wrote
(:class:`dataset.models.LoadedRecord`).

On a reload each record's row is compared with what the loader last wrote into it:

- unchanged since: it follows the files (updated when the files changed);
- changed since, by anyone, through any path: it stays as that person left it and is
  reported as a conflict (which fields, who, when, from the history tables), unless
  ``take_file`` names it;
- deleted since by a person: not recreated (a conflict too);
- removed from the files: deleted, unless a person has edited it since or something
  the loader did not write cites it (kept and reported).

A row the loader finds without a record of its own (a database loaded before the
loader kept records, or an article imported by hand) that differs from the files is
treated as changed when its history holds an event not made by the loader. The whole
load is one transaction: any error and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pghistory
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError

from coalition.choices import ActorKind
from coalition.models import (
    Actor,
    Agreement,
    Attendance,
    Coalition,
    Meeting,
    Membership,
    SizeReport,
)
from coalition.services import (
    ACTOR_SERVICES,
    AGREEMENT_SERVICES,
    ATTENDANCE_SERVICES,
    COALITION_SERVICES,
    MEETING_SERVICES,
    MEMBERSHIP_SERVICES,
    SIZE_REPORT_SERVICES,
)
from dataset.models import DatasetLoad, LoadedRecord
from dataset.reader import (
    ACTOR_FIELDS,
    AGREEMENT_FIELDS,
    ATTENDANCE_FIELDS,
    COALITION_FIELDS,
    MEETING_FIELDS,
    MEMBERSHIP_FIELDS,
    PLEDGE_FIELDS,
    SIZE_REPORT_FIELDS,
    STAGE_FIELDS,
    ClaimSpec,
    Dataset,
    DatasetError,
    attach_texts,
    dataset_digest,
)
from dataset.reader import read_dataset as read_dataset
from dataset.services import (
    dataset_load_finish,
    dataset_load_start,
    loaded_record_forget,
    loaded_record_set,
)
from history.readers import HistoryEntry, object_history, type_name
from pledges.models import Pledge
from pledges.services import PLEDGE_SERVICES
from sources.choices import DatePrecision, ReviewStatus, Stance
from sources.models import Source, data_fields, sha256_of
from sources.services import SOURCE_SERVICES, source_claim_citations

LOADER_COMMAND = "load_dataset"  # the history context of the loader's own writes
WORDS = ("created", "updated", "unchanged", "kept", "deleted")


# --- The report ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """Who last changed a field (or a claim's citations or stages), when, through what."""

    field: str
    who: str
    at: dt.datetime | None
    through: str = ""

    def describe(self) -> str:
        when = f" at {self.at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC" if self.at else ""
        through = f" via {self.through}" if self.through else ""
        return f"{self.field} by {self.who}{when}{through}"


@dataclass
class Conflict:
    """A record the loader left as a person left it (or took the file's version of)."""

    key: str
    label: str  # "Pledge 2"
    changes: list[Change]
    outcome: str  # what the loader did

    def line(self) -> str:
        changed = "; ".join(c.describe() for c in self.changes)
        return f"conflict {self.key} ({self.label}): {changed}: {self.outcome}"


@dataclass
class LoadReport:
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    conflicts: list[Conflict] = field(default_factory=list)
    taken: list[Conflict] = field(default_factory=list)
    skipped: DatasetLoad | None = None  # --if-changed: the load that already holds it

    def add(self, model: type[models.Model], what: str, n: int = 1) -> None:
        self.counts[model.__name__][what] += n

    def lines(self) -> list[str]:
        if self.skipped is not None:
            load = self.skipped
            line = (
                f"Dataset unchanged since the load of {load.loaded_at:%Y-%m-%d %H:%M:%S %Z} "
                f"(data {load.data_digest[:12]}): nothing to do."
            )
            if load.conflicts:
                line += (
                    f" That load kept {load.conflicts} record(s) people had changed; "
                    "run load_dataset without --if-changed to list them."
                )
            return [line]
        out = []
        for name in sorted(self.counts):
            c = self.counts[name]
            parts = [f"{c[w]} {w}" for w in WORDS if c[w]]
            out.append(f"{name}: {', '.join(parts) or 'nothing to do'}")
        out += [c.line() for c in self.taken]
        out += [c.line() for c in self.conflicts]
        if self.conflicts:
            out.append(
                f"{len(self.conflicts)} conflict(s): records people changed since the last "
                "load were kept as they left them (--take-file KEY or --take-file-all "
                "takes the files' version)."
            )
        return out

    def as_counts(self) -> dict[str, dict[str, int]]:
        return {name: dict(c) for name, c in self.counts.items()}


# --- Entry point -----------------------------------------------------------------------


def dataset_load(
    *,
    data_dir: Path,
    texts_dir: Path | None = None,
    take_file: Collection[str] = (),
    take_file_all: bool = False,
    if_changed: bool = False,
) -> LoadReport:
    """Read, check and load the dataset in one transaction; raise DatasetError on any problem.

    ``take_file``: record keys (``pledge:aus-troops-2014``, or the bare key) whose file
    version replaces a person's edit; ``take_file_all`` for every record. ``if_changed``:
    do nothing when the last load was of these very files and texts.
    """
    dataset = read_dataset(data_dir)
    if texts_dir is not None:
        attach_texts(dataset, texts_dir)
    data_digest, texts_digest = dataset_digest(data_dir, dataset)
    report = LoadReport()
    if if_changed:
        last = DatasetLoad.objects.order_by("-loaded_at", "-id").first()
        if last is not None and (last.data_digest, last.texts_digest) == (
            data_digest,
            texts_digest,
        ):
            report.skipped = last
            return report
    try:
        with pghistory.context(command=LOADER_COMMAND), transaction.atomic():
            load = dataset_load_start(data_digest=data_digest, texts_digest=texts_digest)
            loader = _Loader(dataset, report, load, _Take(take_file, take_file_all))
            loader.run()
            dataset_load_finish(
                load=load, conflicts=len(report.conflicts), counts=report.as_counts()
            )
    except ProtectedError as exc:
        raise DatasetError([f"cannot remove a row other data still uses: {exc}"]) from exc
    except IntegrityError as exc:
        raise DatasetError([f"the database refused the data: {exc}"]) from exc
    return report


class _Take:
    """Which records take the file's version over a person's edit."""

    def __init__(self, keys: Collection[str], everything: bool):
        self.keys = set(keys)
        self.everything = everything

    def __call__(self, key: str) -> bool:
        return self.everything or key in self.keys or key.split(":", 1)[1] in self.keys

    def unknown(self, known: Collection[str]) -> list[str]:
        names = set(known) | {k.split(":", 1)[1] for k in known}
        return sorted(self.keys - names)


# --- Records -------------------------------------------------------------------------------


@dataclass
class _Record:
    """One row the dataset describes, as the services take it."""

    kind: str
    name: str
    model: type[models.Model]
    where: str
    lookup: dict[str, Any]  # finds the row when the loader has no record of it
    data: dict[str, Any]  # service field -> value
    ident: dict[str, Any] = field(default_factory=dict)  # more create arguments
    citations: list[dict[str, Any]] | None = None
    stages: list[dict[str, Any]] | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"

    @property
    def is_claim(self) -> bool:
        return self.citations is not None


def _json(value: Any) -> Any:
    """A value as the records store it (JSON): ids, ISO dates, exact decimals."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    return value


def _text_state(text: str) -> str:
    return sha256_of(text) if text else ""


def _citation_state(rows) -> list[list]:
    return sorted(
        {(_json(source), quote, locator, stance) for source, quote, locator, stance in rows}
    )


def _stage_state(rows) -> list[list]:
    return sorted(
        [status, _json(on), precision, quantity, note]
        for status, on, precision, quantity, note in rows
    )


def wanted_state(record: _Record) -> dict[str, Any]:
    """What the row holds once the loader has written ``record``."""
    state = {
        name: (_text_state(value) if name == "text" else _json(value))
        for name, value in record.data.items()
    }
    if record.kind == "agreement":  # its parties, by actor id (each once, unordered)
        state["parties"] = sorted(party["actor"].pk for party in record.data["parties"])
    if record.is_claim:
        state["review_status"] = ReviewStatus.VERIFIED
        state["citations"] = [
            list(c)
            for c in _citation_state(
                (c["source"], c["quote"], c.get("locator", ""), c.get("stance", Stance.SUPPORTS))
                for c in record.citations
            )
        ]
    if record.stages is not None:
        state["stages"] = _stage_state(
            (
                s["status"],
                s.get("occurred_on"),
                s.get("occurred_on_precision", DatePrecision.DAY),
                s.get("quantity"),
                s.get("note", ""),
            )
            for s in record.stages
        )
    return state


def row_state(row: models.Model, names: Collection[str]) -> dict[str, Any]:
    """The row's current values of ``names`` (fields, ``citations``, ``stages``), as stored
    in a record."""
    state: dict[str, Any] = {}
    for name in names:
        if name == "citations":
            state[name] = [
                list(c)
                for c in _citation_state(
                    row.citations.values_list("source_id", "quote", "locator", "stance")
                )
            ]
        elif name == "stages":
            state[name] = _stage_state(
                row.stages.values_list(
                    "status", "occurred_on", "occurred_on_precision", "quantity", "note"
                )
            )
        elif name == "parties" and isinstance(row, Agreement):  # its parties, by actor id
            state[name] = sorted(row.party_rows.values_list("actor_id", flat=True))
        elif name == "parties":  # a pledge's partners, in order (the lead is ``actor``)
            partners = row.parties.filter(ordinal__gt=1).order_by("ordinal")
            state[name] = list(partners.values_list("actor_id", flat=True))
        elif name == "text":
            state[name] = _text_state(row.text)
        else:
            state[name] = _json(getattr(row, row._meta.get_field(name).attname))
    return state


# --- Who changed what ------------------------------------------------------------------------


def people_entries(
    model: type[models.Model], pk: int, since: dt.datetime | None = None
) -> list[HistoryEntry]:
    """History events of a row (and its citations, stages) not made by the loader."""
    return [
        entry
        for entry in object_history(model, pk)
        if entry.context.get("command") != LOADER_COMMAND and (since is None or entry.at > since)
    ]


def _who(entry: HistoryEntry) -> tuple[str, str]:
    context = entry.context
    if entry.user:
        who = entry.user
    elif context.get("command"):
        who = f"command {context['command']}"
        if context.get("os_user"):
            who += f" (OS user {context['os_user']})"
    else:
        who = "someone (no history context: SQL?)"
    return who, context.get("url", "")


def describe_changes(
    model: type[models.Model], pk: int, fields: list[str], since: dt.datetime | None
) -> list[Change]:
    """For each changed field, the last event by a person that changed it."""
    entries = people_entries(model, pk, since)
    own = type_name(model)
    out = []
    for name in fields:
        if name in ("citations", "stages", "parties"):
            suffix = {"citations": "citation", "stages": "stage", "parties": "party"}[name]
            matching = [e for e in entries if e.type != own and e.type.endswith(suffix)]
        else:
            attname = "text" if name == "text" else model._meta.get_field(name).attname
            matching = [e for e in entries if e.type == own and attname in e.changes]
        entry = (matching or entries or [None])[-1]
        if entry is None:
            out.append(Change(name, "someone (no event in the history)", None))
        else:
            who, through = _who(entry)
            out.append(Change(name, who, entry.at, through))
    return out


# --- The loader ------------------------------------------------------------------------------


def _flatten(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{k}: {m}" for k, msgs in exc.message_dict.items() for m in msgs]
    return list(exc.messages)


CLAIM_MODELS = {
    "membership": Membership,
    "size_report": SizeReport,
    "agreement": Agreement,
    "pledge": Pledge,
    "attendance": Attendance,
}


#: The services that write each kind of record.
_SERVICES = {
    "actor": ACTOR_SERVICES,
    "coalition": COALITION_SERVICES,
    "meeting": MEETING_SERVICES,
    "source": SOURCE_SERVICES,
    "membership": MEMBERSHIP_SERVICES,
    "size_report": SIZE_REPORT_SERVICES,
    "agreement": AGREEMENT_SERVICES,
    "pledge": PLEDGE_SERVICES,
    "attendance": ATTENDANCE_SERVICES,
}


class _Loader:
    def __init__(self, dataset: Dataset, report: LoadReport, load: DatasetLoad, take: _Take):
        self.d = dataset
        self.report = report
        self.load = load
        self.take = take
        self.records = {r.key: r for r in LoadedRecord.objects.all()}
        self.actors: dict[str, Actor] = {}
        self.coalitions: dict[str, Coalition] = {}
        self.meetings: dict[str, Meeting] = {}
        self.sources: dict[str, Source] = {}
        self.agreements: dict[str, Agreement] = {}
        self.seen: set[str] = set()  # keys of the records in the files
        # How a record names a related row: an actor by its code, a coalition by its slug,
        # a meeting or an agreement by its key in the files.
        self.related = {
            Actor: self.actor,
            Coalition: self.coalition,
            Meeting: self.meeting,
            Agreement: self.agreement,
        }

    def run(self) -> None:
        self.check_take()
        self.load_actors()
        self.load_coalitions()
        self.load_actors(coalitions=True)  # the coalitions themselves as actors
        self.load_meetings()
        self.load_sources()
        self.prune_claims()
        # Agreements before the memberships and pledges that cite them.
        for claim in self.d.claims_of("agreement"):
            agreement = self.write(self.agreement_record(claim))
            if agreement is not None:
                self.agreements[claim.key] = agreement
        # Existing periods first: a period shortened in the files must be saved before
        # the new period that starts where it now ends (no overlap at any moment).
        stored = set(
            Membership.objects.exclude(dataset_key="").values_list("dataset_key", flat=True)
        )
        for claim in sorted(self.d.claims_of("membership"), key=lambda c: c.key not in stored):
            self.write(self.membership(claim))
        for claim in self.d.claims_of("size_report"):
            self.write(self.size_report(claim))
        for claim in self.d.claims_of("pledge"):
            self.write(self.pledge(claim))
        for claim in self.d.claims_of("attendance"):
            if claim.data["meeting"] in self.meetings:
                self.write(self.attendance(claim))
            else:  # the meeting was deleted by a person and is kept deleted
                self.seen.add(f"attendance:{self.claim_name(claim)}")
        self.prune()
        self.forget_gone()

    def forget_gone(self) -> None:
        """Drop the records of rows that are gone and no longer in the files."""
        unseen: dict[str, dict[int, str]] = defaultdict(dict)  # model -> row id -> key
        for key, rec in self.records.items():
            if key not in self.seen:
                unseen[rec.model][rec.object_id] = key
        for label, keys in unseen.items():
            rows = apps.get_model(label).objects.filter(pk__in=list(keys))
            present = set(rows.values_list("pk", flat=True))
            for object_id, key in keys.items():
                if object_id not in present:
                    self.forget(key)

    def check_take(self) -> None:
        known = set(self.records)
        known |= {f"actor:{a['code']}" for a in self.d.actors}
        known |= {f"actor:{code}" for code in self.d.countries}
        known |= {f"coalition:{c['slug']}" for c in self.d.coalitions}
        known |= {f"meeting:{m['key']}" for m in self.d.meetings}
        known |= {f"source:{key}" for key in self.d.sources}
        known |= {f"{c.kind}:{self.claim_name(c)}" for c in self.d.claims.values()}
        unknown = self.take.unknown(known)
        if unknown:
            raise DatasetError(
                [f"--take-file {key}: no record of the dataset has this key" for key in unknown]
            )

    @staticmethod
    def claim_name(claim: ClaimSpec) -> str:
        return "/".join(claim.key) if isinstance(claim.key, tuple) else claim.key

    # the one write path

    def call(self, where: str, fn, **kwargs):
        try:
            return fn(**kwargs)
        except ValidationError as exc:
            raise DatasetError([f"{where}: {'; '.join(_flatten(exc))}"]) from exc

    def find(self, record: _Record) -> tuple[models.Model | None, LoadedRecord | None]:
        rec = self.records.get(record.key)
        if rec is not None and rec.model == record.model._meta.label_lower:
            row = record.model.objects.filter(pk=rec.object_id).first()
            if row is not None:
                return row, rec
        return record.model.objects.filter(**record.lookup).first(), rec

    def write(self, record: _Record, *, check=None) -> models.Model | None:
        """Create, update or keep ``record``'s row; returns the row (None: deleted by a
        person and not recreated). ``check(row)`` runs before an update."""
        self.seen.add(record.key)
        row, rec = self.find(record)
        want = wanted_state(record)
        if row is None:
            if rec is not None and not self.take(record.key):
                self.deleted_by_person(record, rec)
                return None
            row = self.create_row(record)
            self.remember(record, row, want)
            self.report.add(record.model, "created")
            return row
        if record.kind == "source" and "text" not in record.data:
            want["text"] = _text_state(row.text)  # loaded without texts: the stored one stays
        current = row_state(row, want)
        if rec is not None and rec.object_id != row.pk:
            rec = None  # the record was of a row since deleted; this one was found by key
        if current == want:
            if rec is None or rec.values != want:
                self.remember(record, row, want)
            self.report.add(record.model, "unchanged")
            return row
        edited, since = self.edited(record, row, rec, current, want)
        if edited:
            conflict = Conflict(
                record.key,
                f"{record.model.__name__} {row.pk}",
                describe_changes(record.model, row.pk, edited, since),
                "",
            )
            if not self.take(record.key):
                conflict.outcome = (
                    "kept as changed, the file's version not applied "
                    f"(--take-file {record.key} takes it)"
                )
                self.report.conflicts.append(conflict)
                self.report.add(record.model, "kept")
                return row
            conflict.outcome = "replaced by the file's version (--take-file)"
            self.report.taken.append(conflict)
        if check is not None:
            check(row)
        self.update_row(record, row)
        self.remember(record, row, want)
        self.report.add(record.model, "updated")
        return row

    def edited(self, record, row, rec, current, want) -> tuple[list[str], dt.datetime | None]:
        """The fields someone other than the loader changed, and since when."""
        if rec is not None:
            changed = [
                name for name, value in rec.values.items() if current.get(name, value) != value
            ]
            return [n for n in changed if n in want], rec.loaded_at
        differing = [name for name in want if current[name] != want[name]]
        if people_entries(record.model, row.pk):
            return differing, None
        return [], None

    def deleted_by_person(self, record: _Record, rec: LoadedRecord) -> None:
        own = type_name(record.model)
        deletions = [
            e
            for e in object_history(record.model, rec.object_id)
            if e.type == own and e.action == "delete"
        ]
        if deletions:
            who, through = _who(deletions[-1])
            change = Change("the row", who, deletions[-1].at, through)
        else:
            change = Change("the row", "someone (no event in the history)", None)
        self.report.conflicts.append(
            Conflict(
                record.key,
                f"{record.model.__name__} {rec.object_id}",
                [change],
                f"deleted, not recreated (--take-file {record.key} recreates it)",
            )
        )
        self.report.add(record.model, "kept")

    def remember(self, record: _Record, row: models.Model, want: dict[str, Any]) -> None:
        """Record the row's values of the fields ``want`` (``wanted_state``) names."""
        names = list(want)
        if record.kind == "source":
            names.append("text")
        values = row_state(row, dict.fromkeys(names))
        self.records[record.key] = loaded_record_set(
            key=record.key, obj=row, values=values, load=self.load
        )

    def forget(self, key: str) -> None:
        loaded_record_forget(key=key)
        self.records.pop(key, None)

    def create_row(self, record: _Record) -> models.Model:
        data = {**record.ident, **record.data}
        services = _SERVICES[record.kind]
        if record.kind == "source":
            text = data.pop("text", "")
            source = self.call(record.where, services.create, data=data)
            if text:
                self.call(record.where, services.update, instance=source, data={"text": text})
            return source
        if record.is_claim:
            data["citations"] = record.citations
            data["review_status"] = ReviewStatus.VERIFIED
        if record.stages is not None:
            data["stages"] = record.stages
        return self.call(record.where, services.create, data=data)

    def update_row(self, record: _Record, row: models.Model) -> None:
        data = dict(record.data)
        if record.kind == "source":
            data["dataset_key"] = record.name
        if record.is_claim:
            data["review_status"] = ReviewStatus.VERIFIED
            data["citations"] = record.citations
        if record.stages is not None:
            data["stages"] = record.stages
        self.call(record.where, _SERVICES[record.kind].update, instance=row, data=data)

    # values

    def values(
        self, model: type[models.Model], entry: dict[str, Any], spec: Collection[str], **given
    ) -> dict[str, Any]:
        """The service data of ``entry`` for the fields of ``model`` its spec (the
        reader's) names, in that order: related rows found by their code or slug, text
        trimmed, the model's default for what the entry leaves out; ``given`` as is."""
        fields = data_fields(model)
        data: dict[str, Any] = {}
        for name in (n for n in spec if n in fields):
            if name in given:
                data[name] = given[name]
                continue
            field, value = model._meta.get_field(name), entry.get(name)
            if field.is_relation:
                value = self.related[field.related_model](value)
            elif value is None or value == "":
                value = field.get_default()
            elif isinstance(field, models.TextField):
                value = value.strip()
            data[name] = value
        return data

    # lookups

    def actor(self, code: str | None) -> Actor | None:
        if code is None:
            return None
        if code not in self.actors:
            self.actors[code] = self.existing(Actor, code=code)
        return self.actors[code]

    def coalition(self, slug: str | None) -> Coalition | None:
        if slug is None:
            return None
        if slug not in self.coalitions:
            self.coalitions[slug] = self.existing(Coalition, slug=slug)
        return self.coalitions[slug]

    def meeting(self, key: str | None) -> Meeting | None:
        return None if key is None else self.meetings[key]

    def agreement(self, key: str | None) -> Agreement | None:
        """An agreement of the files, by its key (written before the claims citing it)."""
        if key is None:
            return None
        if key not in self.agreements:
            raise DatasetError(
                [
                    f"agreement {key!r} is not in the database (deleted by a person since the "
                    f"last load?): restore it, or load with --take-file agreement:{key}"
                ]
            )
        return self.agreements[key]

    @staticmethod
    def existing(model: type[models.Model], **lookup: str) -> models.Model:
        found = model.objects.filter(**lookup).first()
        if found is None:
            ((_name, value),) = lookup.items()
            raise DatasetError(
                [
                    f"{model.__name__} {value!r} is not in the database (deleted by a person "
                    f"since the last load?): restore it, or load with --take-file "
                    f"{model.__name__.lower()}:{value} to recreate it"
                ]
            )
        return found

    # actors, coalitions, meetings, sources

    def load_actors(self, *, coalitions: bool = False) -> None:
        """The countries' aliases and the actors the files define; with ``coalitions``,
        the actors of kind coalition instead (they name a coalition, loaded in between)."""
        if coalitions:
            for entry in self.d.actors:
                if entry.get("kind") == ActorKind.COALITION:
                    self.load_actor(entry)
            return
        for code, aliases in self.d.countries.items():
            actor = Actor.objects.get(code=code, kind="country")
            record = _Record(
                "actor",
                code,
                Actor,
                f"actors.yaml: countries.{code}",
                {"code": code, "kind": "country"},
                {"aliases": self.merged(actor, aliases)},
            )
            self.actors[code] = self.write(record) or actor
        pending = [a for a in self.d.actors if a.get("kind") != ActorKind.COALITION]
        while pending:  # parents first
            waiting = {p["code"] for p in pending}
            ready = [a for a in pending if not a.get("parent") or a["parent"] not in waiting]
            if not ready:
                raise DatasetError(["actors.yaml: parents form a cycle"])
            for entry in ready:
                pending.remove(entry)
                self.load_actor(entry)

    def load_actor(self, entry: dict[str, Any]) -> None:
        existing = Actor.objects.filter(code=entry["code"]).first()
        aliases = list(entry.get("aliases") or [])
        merged = self.merged(existing, aliases) if existing else aliases
        record = _Record(
            "actor",
            entry["code"],
            Actor,
            f"actors.yaml: {entry['code']}",
            {"code": entry["code"]},
            self.values(Actor, entry, ACTOR_FIELDS, aliases=merged),
        )
        actor = self.write(record)
        if actor is not None:
            self.actors[entry["code"]] = actor

    @staticmethod
    def merged(actor: Actor, aliases: list[str]) -> list[str]:
        """Aliases are merged: the stored ones are never dropped."""
        return list(actor.aliases) + [a for a in aliases if a not in actor.aliases]

    def load_coalitions(self) -> None:
        for entry in self.d.coalitions:
            record = _Record(
                "coalition",
                entry["slug"],
                Coalition,
                f"coalition {entry['slug']}",
                {"slug": entry["slug"]},
                self.values(Coalition, entry, COALITION_FIELDS),
            )
            coalition = self.write(record)
            if coalition is not None:
                self.coalitions[entry["slug"]] = coalition

    def load_meetings(self) -> None:
        for entry in self.d.meetings:
            record = _Record(
                "meeting",
                entry["key"],
                Meeting,
                f"meeting {entry['key']}",
                {"dataset_key": entry["key"]},
                self.values(Meeting, entry, MEETING_FIELDS),
                ident={"dataset_key": entry["key"]},
            )
            meeting = self.write(record)
            if meeting is not None:
                self.meetings[entry["key"]] = meeting

    def load_sources(self) -> None:
        stored = set(Source.objects.exclude(dataset_key="").values_list("dataset_key", flat=True))
        for key, entry in self.d.sources.items():
            where = f"{entry['_file']}: source"
            notes = [(entry.get("notes") or "").strip()]
            if entry.get("date_note"):
                notes.append(f"Publication date: {entry['date_note'].strip()}")
            if entry.get("located_url"):
                notes.append(
                    f"Found online (the URL is not printed in the article): {entry['located_url']}"
                )
            data = {
                "title": entry["title"],
                "publisher": entry["publisher"],
                "url": entry.get("url") or "",
                "published_on": entry["published_on"],
                "published_on_precision": entry.get("published_on_precision") or DatePrecision.DAY,
                "byline": entry.get("byline") or "",
                "wire_agencies": list(entry.get("wire_agencies") or []),
                "language": entry.get("language") or "en",
                "content_sha256": entry["sha256"],
                "notes": "\n\n".join(n for n in notes if n),
            }
            if key in self.d.texts:
                data["text"] = self.d.texts[key]
            # An article imported by hand before (import_article) is adopted, not duplicated.
            lookup = {"dataset_key": key}
            if key not in stored:
                lookup = {"content_sha256": entry["sha256"]}
            record = _Record("source", key, Source, where, lookup, data, ident={"dataset_key": key})

            def refuse_stale_text(source: Source, record=record, where=where) -> None:
                text = record.data.get("text", source.text)
                if text and sha256_of(text) != record.data["content_sha256"]:
                    raise DatasetError(
                        [
                            f"{where}: the stored text's SHA-256 differs from the dataset's; "
                            "load with --texts to replace it"
                        ]
                    )

            source = self.write(record, check=refuse_stale_text)
            if source is None:
                raise DatasetError(
                    [
                        f"{where}: the source was deleted by a person since the last load and "
                        f"claims of the files cite it: restore it, or load with "
                        f"--take-file {record.key} to recreate it"
                    ]
                )
            self.sources[key] = source

    # claims

    def citations(self, claim: ClaimSpec) -> list[dict[str, Any]]:
        return [
            {
                "source": self.sources[c.source_key],
                "quote": c.quote,
                "locator": c.locator,
                "stance": c.stance,
            }
            for c in claim.citations
        ]

    def claim_record(self, claim: ClaimSpec, model, data: dict[str, Any], **kw) -> _Record:
        name = self.claim_name(claim)
        lookup = kw.pop("lookup", {"dataset_key": name})
        ident = kw.pop("ident", {"dataset_key": name})
        return _Record(
            claim.kind,
            name,
            model,
            claim.where,
            lookup,
            data,
            ident=ident,
            citations=self.citations(claim),
            **kw,
        )

    def membership(self, claim: ClaimSpec) -> _Record:
        data = self.values(Membership, claim.data, MEMBERSHIP_FIELDS)
        return self.claim_record(claim, Membership, data)

    def agreement_record(self, claim: ClaimSpec) -> _Record:
        data = self.values(Agreement, claim.data, AGREEMENT_FIELDS)
        data["parties"] = [{"actor": self.actor(code)} for code in claim.data.get("parties") or []]
        return self.claim_record(claim, Agreement, data)

    def size_report(self, claim: ClaimSpec) -> _Record:
        data = self.values(SizeReport, claim.data, SIZE_REPORT_FIELDS)
        return self.claim_record(claim, SizeReport, data)

    def pledge(self, claim: ClaimSpec) -> _Record:
        d = claim.data
        try:
            amount = None if d.get("amount") is None else Decimal(str(d["amount"]))
        except InvalidOperation as exc:
            raise DatasetError([f"{claim.where}: amount {d['amount']!r} is not a number"]) from exc
        data = self.values(Pledge, d, PLEDGE_FIELDS, amount=amount)
        if d.get("parties") is not None:  # the partners: the services put the lead first
            lead = data["actor"]
            data["parties"] = [a for a in map(self.actor, d["parties"]) if a != lead]
        stage = Pledge._meta.get_field("stages").related_model
        stages = [self.values(stage, entry, STAGE_FIELDS) for entry in d["stages"]]
        return self.claim_record(claim, Pledge, data, stages=stages)

    def attendance(self, claim: ClaimSpec) -> _Record:
        d = claim.data
        meeting = self.meetings[d["meeting"]]
        actor = self.actor(d["actor"])
        data = self.values(Attendance, d, ATTENDANCE_FIELDS, meeting=meeting, actor=actor)
        lookup = {"meeting": meeting, "actor": actor}
        return self.claim_record(claim, Attendance, data, lookup=lookup, ident={})

    # records removed from the files

    def remove(self, key: str, row: models.Model, *, used_by: str = "") -> None:
        """Delete ``row`` (its record is no longer in the files) unless a person edited it
        since the loader wrote it, or something the loader did not write uses it."""
        model = type(row)
        rec = self.records.get(key)
        if rec is not None and rec.object_id == row.pk:
            current = row_state(row, rec.values)
            edited = [n for n, v in rec.values.items() if current[n] != v]
            since = rec.loaded_at
        else:
            entries = people_entries(model, row.pk)
            edited = ["the row"] if entries else []
            since = None
        reasons: list[Change] = []
        if edited:
            if edited == ["the row"]:
                who, through = _who(entries[-1])
                reasons = [Change("the row", who, entries[-1].at, through)]
            else:
                reasons = describe_changes(model, row.pk, edited, since)
        if used_by:
            reasons.append(Change("still used", f"{used_by} the loader did not write", None))
        if reasons and not (self.take(key) and not used_by):
            self.report.conflicts.append(
                Conflict(
                    key,
                    f"{model.__name__} {row.pk}",
                    reasons,
                    "removed from the files, kept"
                    + ("" if used_by else f" (--take-file {key} deletes it)"),
                )
            )
            self.report.add(model, "kept")
            return
        kind = key.split(":", 1)[0]
        self.call(key, _SERVICES[kind].delete, instance=row)
        self.forget(key)
        self.report.add(model, "deleted")

    def prune_claims(self) -> None:
        """Remove dataset-owned claims whose records are no longer in the files (first,
        so that a removed membership period cannot block the one replacing it)."""
        for kind in ("membership", "size_report", "pledge"):
            wanted = [c.key for c in self.d.claims_of(kind)]
            rows = CLAIM_MODELS[kind].objects.exclude(dataset_key="")
            for row in rows.exclude(dataset_key__in=wanted):
                self.remove(f"{kind}:{row.dataset_key}", row)

    def prune(self) -> None:
        """Remove the attendances of the dataset's meetings, and the dataset's agreements,
        meetings and sources, that are no longer in the files (agreements after the claims
        that cited them were rewritten; one still cited by a claim is kept)."""
        for row in Agreement.objects.exclude(dataset_key="").exclude(
            dataset_key__in=[c.key for c in self.d.claims_of("agreement")]
        ):
            cited = row.memberships.exists() or row.pledges.exists()
            self.remove(f"agreement:{row.dataset_key}", row, used_by="claims" if cited else "")
        meetings = Meeting.objects.exclude(dataset_key="")
        for row in Attendance.objects.filter(meeting__in=meetings).select_related(
            "meeting", "actor"
        ):
            key = f"attendance:{row.meeting.dataset_key}/{row.actor.code}"
            if key not in self.seen:
                self.remove(key, row)
        for row in meetings.exclude(dataset_key__in=list(self.meetings)):
            key = f"meeting:{row.dataset_key}"
            if key in self.seen:
                continue  # deleted by a person and kept deleted, or kept as changed
            others = row.attendances.count()
            self.remove(key, row, used_by="attendances" if others else "")
        for row in Source.objects.exclude(dataset_key="").exclude(
            dataset_key__in=list(self.sources)
        ):
            citing = source_claim_citations(source=row, limit=1)
            self.remove(
                f"source:{row.dataset_key}",
                row,
                used_by="citations" if citing else "",
            )
