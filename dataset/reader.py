"""Reading the curated dataset in ``data/``: parse and cross-check it, attach the texts.

Layout (see docs/dataset.md)::

    data/actors.yaml        aliases for existing countries; non-country actors
    data/coalitions.yaml    coalitions and meetings (with evidence quotes)
    data/articles/*.yaml    one file per source: the source itself, the claims first
                            reported there (memberships, attendances, size reports,
                            agreements, pledges) with this source's quotes, and
                            ``citations`` that this source adds to claims recorded in
                            other files

Nothing here writes to the database (:mod:`dataset.loader` does). With a texts
directory each article file is found (by its ``file`` name, else by its SHA-256), its
hash is checked against the YAML and every quote must occur verbatim in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import models

from coalition.models import (
    Actor,
    Agreement,
    Attendance,
    Coalition,
    Meeting,
    Membership,
    SizeReport,
)
from pledges.models import Pledge, PledgeStage
from sources.choices import DatePrecision
from sources.models import data_fields

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")

SOURCE_FIELDS = {
    "key": True,
    "file": False,
    "sha256": True,
    "publisher": True,
    "title": True,
    "published_on": True,
    "published_on_precision": False,
    "date_note": False,
    "byline": False,
    "wire_agencies": False,
    "language": False,
    "url": False,
    "located_url": False,
    "notes": False,
}
CITATION_FIELDS = {"quote": True, "locator": False, "stance": False}


def model_fields(
    model: type[models.Model], *, required: Collection[str] = (), omit: Collection[str] = ()
) -> dict[str, bool]:
    """The keys a record may give for ``model``'s data fields (``data_fields``), each
    required when the model needs a value (not blank, no default) or ``required``
    names it (a key the files always give)."""
    spec = {}
    for name in data_fields(model):
        if name not in omit:
            f = model._meta.get_field(name)
            spec[name] = name in required or not (f.blank or f.has_default())
    return spec


# A membership's or a pledge's ``agreement`` is the key of an agreement in the files.
MEMBERSHIP_FIELDS = {"key": True, **model_fields(Membership), "citations": False}
ATTENDANCE_FIELDS = {**model_fields(Attendance), "citations": False}
SIZE_REPORT_FIELDS = {"key": True, **model_fields(SizeReport), "citations": False}
AGREEMENT_FIELDS = {
    "key": True,
    **model_fields(Agreement),
    "parties": False,  # actor codes, each once
    "citations": False,
}
PLEDGE_FIELDS = {
    "key": True,
    **model_fields(Pledge, required=("coalition",)),
    "parties": False,  # actor codes of a joint pledge's parties (the lead may be left out)
    "stages": True,
    "citations": False,
}
STAGE_FIELDS = model_fields(PledgeStage, omit=("pledge",))
COALITION_FIELDS = {"slug": True, **model_fields(Coalition, omit=("slug",)), "evidence": False}
MEETING_FIELDS = {"key": True, **model_fields(Meeting), "evidence": False}
ACTOR_FIELDS = model_fields(Actor, omit=("alpha2", "numeric"))
CLAIM_KINDS = ("membership", "attendance", "size_report", "agreement", "pledge")


class DatasetError(Exception):
    """The dataset cannot be loaded; ``messages`` says why (every problem found)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


# --- Parsed records ------------------------------------------------------------------


@dataclass
class CitationSpec:
    source_key: str
    quote: str
    locator: str = ""
    stance: str = "supports"
    where: str = ""


@dataclass
class ClaimSpec:
    kind: str  # one of CLAIM_KINDS
    key: str | tuple[str, str]  # attendances: (meeting key, actor code)
    data: dict[str, Any]
    where: str
    citations: list[CitationSpec] = field(default_factory=list)


@dataclass
class Dataset:
    countries: dict[str, list[str]] = field(default_factory=dict)
    actors: list[dict[str, Any]] = field(default_factory=list)
    coalitions: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: dict[tuple[str, Any], ClaimSpec] = field(default_factory=dict)
    evidence: list[CitationSpec] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # source key -> article text

    def claims_of(self, kind: str) -> list[ClaimSpec]:
        return [c for c in self.claims.values() if c.kind == kind]

    def all_citations(self) -> list[CitationSpec]:
        return [cit for claim in self.claims.values() for cit in claim.citations]


# --- Reading -------------------------------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def load_yaml(self, path: Path) -> Any:
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            self.error(str(path), f"cannot read YAML ({exc})")
            return None

    def record(self, raw: Any, spec: dict[str, bool], where: str) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.error(where, "expected a mapping")
            return None
        problems = [f"unknown field {name!r}" for name in sorted(set(raw) - set(spec))]
        problems += [
            f"missing field {name!r}"
            for name, required in spec.items()
            if required and name not in raw
        ]
        for problem in problems:
            self.error(where, problem)
        return None if problems else raw

    def key(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not KEY_RE.match(value) or len(value) > 100:
            self.error(where, f"key {value!r} must be a lower-case slug of at most 100 chars")
            return str(value)
        return value

    def date(self, raw: dict, name: str, where: str, *, required: bool = False):
        value = raw.get(name)
        if value is None:
            if required:
                self.error(where, f"{name} is required")
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.error(where, f"{name} must be a date (YYYY-MM-DD), not {value!r}")
            return None
        precision = raw.get(f"{name}_precision") or DatePrecision.DAY
        self._check_precision(value, precision, f"{where}: {name}")
        return value

    def _check_precision(self, value: dt.date, precision: str, where: str) -> None:
        if precision not in DatePrecision.values:
            self.errors.append(
                f"{where}: precision {precision!r} is not one of {DatePrecision.values}"
            )
        elif precision == DatePrecision.MONTH and value.day != 1:
            self.errors.append(f"{where}: a month-precision date is stored as the 1st")
        elif precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
            self.errors.append(f"{where}: a year-precision date is stored as 1 January")

    def text(self, raw: dict, name: str, where: str) -> str:
        value = raw.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error(where, f"{name} must be text, not {value!r}")
            return ""
        return value.strip()

    def citation(self, raw: Any, source_key: str, where: str) -> CitationSpec | None:
        spec = dict(CITATION_FIELDS)
        spec.update(dict.fromkeys(CLAIM_KINDS, False))
        if self.record(raw, spec, where) is None:
            return None
        quote = raw.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            self.error(where, "a citation needs a non-empty quote")
            return None
        return CitationSpec(
            source_key=source_key,
            quote=quote,
            locator=self.text(raw, "locator", where),
            stance=raw.get("stance") or "supports",
            where=where,
        )

    def citations(self, raw: dict, source_key: str, where: str) -> list[CitationSpec]:
        items = raw.get("citations") or []
        if not isinstance(items, list):
            self.error(where, "citations must be a list")
            return []
        found = [
            self.citation(item, source_key, f"{where} citation {i + 1}")
            for i, item in enumerate(items)
        ]
        return [c for c in found if c is not None]


def read_dataset(data_dir: Path) -> Dataset:
    """Parse and cross-check every file under ``data_dir`` (no database writes)."""
    reader = _Reader()
    dataset = Dataset()
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DatasetError([f"{data_dir}: no such directory"])

    _read_actors(reader, dataset, data_dir / "actors.yaml")
    _read_coalitions(reader, dataset, data_dir / "coalitions.yaml")
    article_files = sorted((data_dir / "articles").glob("*.yaml"))
    if not article_files:
        reader.error(str(data_dir / "articles"), "no article files (*.yaml)")
    extra_citations: list[tuple[str, Any, CitationSpec]] = []
    for path in article_files:
        _read_article(reader, dataset, path, extra_citations)

    for kind, key, citation in extra_citations:
        claim = dataset.claims.get((kind, key))
        if claim is None:
            reader.error(citation.where, f"no {kind} {key!r} is recorded in any article file")
        else:
            claim.citations.append(citation)
    _cross_check(reader, dataset)
    if reader.errors:
        raise DatasetError(reader.errors)
    return dataset


def _read_actors(reader: _Reader, dataset: Dataset, path: Path) -> None:
    raw = reader.load_yaml(path) if path.exists() else {}
    if raw is None:
        return
    if not isinstance(raw, dict) or set(raw) - {"countries", "actors"}:
        reader.error(str(path), "expected the sections 'countries' and 'actors' only")
        return
    for code, entry in (raw.get("countries") or {}).items():
        where = f"{path.name}: countries.{code}"
        if reader.record(entry, {"aliases": True}, where) is None:
            continue
        aliases = entry.get("aliases") or []
        if not all(isinstance(a, str) and a.strip() for a in aliases):
            reader.error(where, "aliases must be non-empty strings")
            continue
        dataset.countries[str(code)] = [a.strip() for a in aliases]
    seen = set()
    for i, entry in enumerate(raw.get("actors") or []):
        where = f"{path.name}: actors[{i}]"
        if reader.record(entry, ACTOR_FIELDS, where) is None:
            continue
        if entry["code"] in seen:
            reader.error(where, f"actor {entry['code']!r} is defined twice")
        seen.add(entry["code"])
        dataset.actors.append(entry)


def _read_coalitions(reader: _Reader, dataset: Dataset, path: Path) -> None:
    raw = reader.load_yaml(path) if path.exists() else None
    if raw is None:
        reader.error(str(path), "missing")
        return
    if not isinstance(raw, dict) or set(raw) - {"coalitions", "meetings"}:
        reader.error(str(path), "expected the sections 'coalitions' and 'meetings' only")
        return
    for i, entry in enumerate(raw.get("coalitions") or []):
        where = f"{path.name}: coalitions[{i}]"
        if reader.record(entry, COALITION_FIELDS, where) is None:
            continue
        reader.date(entry, "started_on", where)
        reader.date(entry, "ended_on", where)
        dataset.coalitions.append(entry)
        _read_evidence(reader, dataset, entry, where)
    seen = set()
    for i, entry in enumerate(raw.get("meetings") or []):
        where = f"{path.name}: meetings[{i}]"
        if reader.record(entry, MEETING_FIELDS, where) is None:
            continue
        reader.key(entry["key"], where)
        if entry["key"] in seen:
            reader.error(where, f"meeting {entry['key']!r} is defined twice")
        seen.add(entry["key"])
        reader.date(entry, "held_on", where, required=True)
        reader.date(entry, "ended_on", where)
        dataset.meetings.append(entry)
        _read_evidence(reader, dataset, entry, where)


def _read_evidence(reader: _Reader, dataset: Dataset, entry: dict, where: str) -> None:
    for j, item in enumerate(entry.get("evidence") or []):
        here = f"{where} evidence {j + 1}"
        if reader.record(item, {"source": True, "quote": True}, here) is None:
            continue
        citation = reader.citation({"quote": item["quote"]}, item["source"], here)
        if citation is not None:
            dataset.evidence.append(citation)


def _read_article(
    reader: _Reader, dataset: Dataset, path: Path, extra: list[tuple[str, Any, CitationSpec]]
) -> None:
    raw = reader.load_yaml(path)
    if raw is None:
        return
    sections = {
        "source",
        "memberships",
        "attendances",
        "size_reports",
        "agreements",
        "pledges",
        "citations",
    }
    if not isinstance(raw, dict) or "source" not in raw or set(raw) - sections:
        reader.error(path.name, f"expected a 'source' and only the sections {sorted(sections)}")
        return
    source = reader.record(raw["source"], SOURCE_FIELDS, f"{path.name}: source")
    if source is None:
        return
    skey = reader.key(source.get("key"), f"{path.name}: source")
    if skey in dataset.sources:
        reader.error(path.name, f"source {skey!r} is defined twice")
    sha = source.get("sha256")
    if not isinstance(sha, str) or not SHA_RE.match(sha):
        reader.error(
            path.name,
            f"source.sha256 must be a string of 64 lower-case hex digits, not {sha!r}",
        )
    reader.date(source, "published_on", f"{path.name}: source", required=True)
    dataset.sources[skey] = {**source, "_file": path.name}

    def add_claim(kind: str, key: Any, entry: dict, where: str) -> None:
        if (kind, key) in dataset.claims:
            first = dataset.claims[(kind, key)].where
            reader.error(where, f"{kind} {key!r} is already recorded at {first}")
            return
        dataset.claims[(kind, key)] = ClaimSpec(
            kind=kind,
            key=key,
            data=entry,
            where=where,
            citations=reader.citations(entry, skey, where),
        )

    for i, entry in enumerate(raw.get("memberships") or []):
        where = f"{path.name}: memberships[{i}]"
        if reader.record(entry, MEMBERSHIP_FIELDS, where) is not None:
            reader.date(entry, "started_on", where, required=True)
            reader.date(entry, "ended_on", where)
            add_claim("membership", reader.key(entry["key"], where), entry, where)
    for i, entry in enumerate(raw.get("attendances") or []):
        where = f"{path.name}: attendances[{i}]"
        if reader.record(entry, ATTENDANCE_FIELDS, where) is not None:
            add_claim("attendance", (entry["meeting"], entry["actor"]), entry, where)
    for i, entry in enumerate(raw.get("size_reports") or []):
        where = f"{path.name}: size_reports[{i}]"
        if reader.record(entry, SIZE_REPORT_FIELDS, where) is not None:
            reader.date(entry, "reported_on", where, required=True)
            add_claim("size_report", reader.key(entry["key"], where), entry, where)
    for i, entry in enumerate(raw.get("agreements") or []):
        where = f"{path.name}: agreements[{i}]"
        if reader.record(entry, AGREEMENT_FIELDS, where) is not None:
            reader.date(entry, "signed_on", where)
            parties = entry.get("parties") or []
            if not isinstance(parties, list) or not all(isinstance(p, str) for p in parties):
                reader.error(where, "parties is a list of actor codes")
            elif len(set(parties)) != len(parties):
                reader.error(where, "an actor is listed twice among the parties")
            add_claim("agreement", reader.key(entry["key"], where), entry, where)
    for i, entry in enumerate(raw.get("pledges") or []):
        where = f"{path.name}: pledges[{i}]"
        if reader.record(entry, PLEDGE_FIELDS, where) is None:
            continue
        reader.date(entry, "announced_on", where)
        reader.date(entry, "starts_on", where)
        reader.date(entry, "ends_on", where)
        stages = entry.get("stages") or []
        if not isinstance(stages, list) or not stages:
            reader.error(where, "a pledge needs at least one stage")
        statuses = []
        for j, stage in enumerate(stages if isinstance(stages, list) else []):
            if reader.record(stage, STAGE_FIELDS, f"{where} stage {j + 1}") is not None:
                reader.date(stage, "occurred_on", f"{where} stage {j + 1}")
                statuses.append(stage["status"])
        if len(set(statuses)) != len(statuses):
            reader.error(where, "a status appears in two stages")
        if statuses and entry["status"] not in statuses:
            reader.error(where, f"status {entry['status']!r} has no stage")
        add_claim("pledge", reader.key(entry["key"], where), entry, where)
    for i, item in enumerate(raw.get("citations") or []):
        where = f"{path.name}: citations[{i}]"
        named = [k for k in CLAIM_KINDS if isinstance(item, dict) and k in item]
        if len(named) != 1:
            reader.error(where, f"name exactly one claim ({', '.join(CLAIM_KINDS)})")
            continue
        kind = named[0]
        key = item[kind]
        if kind == "attendance":
            if not isinstance(key, dict) or set(key) != {"meeting", "actor"}:
                reader.error(where, "attendance is {meeting: KEY, actor: CODE}")
                continue
            key = (key["meeting"], key["actor"])
        citation = reader.citation(item, skey, where)
        if citation is not None:
            extra.append((kind, key, citation))


def _cross_check(reader: _Reader, dataset: Dataset) -> None:
    """Rules that span files: references resolve, every claim is cited, hosts agree."""
    defined_actors = {a["code"] for a in dataset.actors}
    known_countries = set(Actor.objects.filter(kind="country").values_list("code", flat=True))
    known = (
        defined_actors
        | known_countries
        | set(Actor.objects.exclude(kind="country").values_list("code", flat=True))
    )
    for code in dataset.countries:
        if code not in known_countries:
            reader.error("actors.yaml", f"countries.{code} is not an ISO country in the database")
    for actor in dataset.actors:
        if actor["code"] in known_countries:
            reader.error("actors.yaml", f"{actor['code']} is a country: list it under countries")
        if actor.get("parent") and actor["parent"] not in known:
            reader.error("actors.yaml", f"{actor['code']}: unknown parent {actor['parent']!r}")
    coalitions = {c["slug"] for c in dataset.coalitions} | set(
        Coalition.objects.values_list("slug", flat=True)
    )
    for actor in dataset.actors:  # the coalition itself as an actor (kind coalition)
        if actor.get("coalition") and actor["coalition"] not in coalitions:
            reader.error(
                "actors.yaml", f"{actor['code']}: unknown coalition {actor['coalition']!r}"
            )
    agreements = {c.key for c in dataset.claims_of("agreement")}
    meetings = {m["key"]: m for m in dataset.meetings}

    def need(ref: Any, pool: set | dict, what: str, where: str, *, optional: bool = False):
        if ref is None and optional:
            return
        if ref not in pool:
            reader.error(where, f"unknown {what} {ref!r}")

    for c in dataset.coalitions:
        need(c.get("lead"), known, "actor", f"coalition {c['slug']}", optional=True)
    for m in dataset.meetings:
        need(m.get("coalition"), coalitions, "coalition", f"meeting {m['key']}", optional=True)
        need(m.get("host"), known, "actor", f"meeting {m['key']}", optional=True)
    for citation in dataset.evidence:
        need(citation.source_key, dataset.sources, "source", citation.where)

    hosts: dict[str, set[str]] = defaultdict(set)
    periods: dict[tuple[str, str], list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
    for claim in dataset.claims.values():
        d = claim.data
        if not claim.citations:
            reader.error(claim.where, f"{claim.kind} {claim.key!r} has no citation")
        seen = Counter((c.source_key, c.quote) for c in claim.citations)
        for (source_key, quote), n in seen.items():
            if n > 1:
                reader.error(claim.where, f"quote cited twice from {source_key}: {quote[:60]!r}")
        if claim.kind in ("membership", "size_report"):
            need(d["coalition"], coalitions, "coalition", claim.where)
        if claim.kind in ("membership", "pledge"):
            need(d.get("agreement"), agreements, "agreement", claim.where, optional=True)
        if claim.kind == "agreement":
            need(d.get("coalition"), coalitions, "coalition", claim.where, optional=True)
            need(d.get("meeting"), meetings, "meeting", claim.where, optional=True)
            for code in d.get("parties") or []:
                need(code, known, "actor", claim.where)
        if claim.kind in ("membership", "attendance", "pledge"):
            need(d["actor"], known, "actor", claim.where)
        if claim.kind == "membership":
            periods[(d["coalition"], d["actor"])].append(
                (d["started_on"], d.get("ended_on"), claim.where)
            )
        if claim.kind == "attendance":
            need(d["meeting"], meetings, "meeting", claim.where)
            if d["role"] == "hosted":
                hosts[d["meeting"]].add(d["actor"])
        if claim.kind == "pledge":
            for code in d.get("parties") or []:
                need(code, known, "actor", claim.where)
            need(d["coalition"], coalitions, "coalition", claim.where, optional=True)
            need(d.get("recipient"), known, "actor", claim.where, optional=True)
            need(d.get("host"), known, "actor", claim.where, optional=True)
    for key, meeting in meetings.items():
        declared = {meeting["host"]} if meeting.get("host") else set()
        if hosts.get(key, set()) != declared:
            reader.error(
                f"meeting {key}",
                f"host {meeting.get('host')!r} disagrees with the 'hosted' attendances "
                f"{sorted(hosts.get(key, set()))}",
            )
    for (coalition, actor), spans in periods.items():
        spans.sort(key=lambda s: s[0])
        for (_, end, where), (next_start, _, next_where) in itertools.pairwise(spans):
            if end is None or end > next_start:
                reader.error(next_where, f"{actor} in {coalition}: overlaps the period at {where}")


# --- Texts ---------------------------------------------------------------------------


def attach_texts(dataset: Dataset, texts_dir: Path) -> None:
    """Find each article's text, check its hash and every quote; keep the texts."""
    texts_dir = Path(texts_dir)
    if not texts_dir.is_dir():
        raise DatasetError([f"{texts_dir}: no such directory"])
    errors: list[str] = []
    by_hash: dict[str, Path] | None = None
    for key, source in dataset.sources.items():
        expected = source["sha256"]
        path = texts_dir / source["file"] if source.get("file") else None
        if path is None or not path.is_file():
            if by_hash is None:
                by_hash = {
                    hashlib.sha256(p.read_bytes()).hexdigest(): p
                    for p in sorted(texts_dir.iterdir())
                    if p.is_file()
                }
            path = by_hash.get(expected)
            if path is None:
                errors.append(
                    f"{source['_file']}: no file in {texts_dir} is named {source.get('file')!r} "
                    f"or has SHA-256 {expected}"
                )
                continue
        raw = path.read_bytes()
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected:
            errors.append(
                f"{source['_file']}: {path.name} has SHA-256 {actual}, the dataset expects "
                f"{expected} (the article text changed: review the quotes, then update sha256)"
            )
            continue
        try:
            dataset.texts[key] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(f"{source['_file']}: {path.name} is not UTF-8 ({exc})")
    for citation in [*dataset.all_citations(), *dataset.evidence]:
        text = dataset.texts.get(citation.source_key)
        if text is not None and citation.quote not in text:
            errors.append(
                f"{citation.where}: quote not found verbatim in {citation.source_key}: "
                f"{citation.quote!r}"
            )
    if errors:
        raise DatasetError(errors)


def dataset_digest(data_dir: Path, dataset: Dataset) -> tuple[str, str]:
    """SHA-256 of the data files (names and bytes) and of the texts attached (by source)."""
    data_dir = Path(data_dir)
    data = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*.yaml") if p.is_file()):
        data.update(str(path.relative_to(data_dir)).encode() + b"\0")
        data.update(hashlib.sha256(path.read_bytes()).digest())
    if not dataset.texts:
        return data.hexdigest(), ""
    texts = hashlib.sha256()
    for key in sorted(dataset.texts):
        texts.update(key.encode() + b"\0" + hashlib.sha256(dataset.texts[key].encode()).digest())
    return data.hexdigest(), texts.hexdigest()
