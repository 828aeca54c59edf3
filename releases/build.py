"""Build a numbered data release: a Frictionless (Tabular) Data Package of the public data.

One CSV per table, rows sorted by id, and a ``datapackage.json`` with the release's
version and each table's Table Schema (types, required fields, enums, primary and
foreign keys, bytes and SHA-256), plus ``datapackage.zip`` holding them all. What the
public API shows goes in: every actor, coalition, meeting and source (without article
texts and analysts' notes: articles stay outside the project), and the verified claims
with their stages and citations.

Reproducible: the same database gives byte-identical files. Nothing depends on the time
of the build; ``created`` is the newest change in the released rows, and the zip's
entries carry that time.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Max

from coalition.models import (
    Actor,
    Agreement,
    AgreementCitation,
    AgreementParty,
    Attendance,
    AttendanceCitation,
    Coalition,
    Meeting,
    Membership,
    MembershipCitation,
    SizeReport,
    SizeReportCitation,
)
from pledges.models import Pledge, PledgeCitation, PledgeParty, PledgeStage
from sources.models import BASE_FIELDS, VERIFIED, Source

VERSION_RE = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
PACKAGE_NAME = "coalition-tracker"
DESCRIPTOR = "datapackage.json"
ARCHIVE = "datapackage.zip"
EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest time a zip entry can carry


@dataclass
class Table:
    """One resource of the package: ``model``'s rows in ``rows`` (a queryset), without
    the columns in ``exclude``. ``released_only``: foreign-key columns (attnames) that
    may point at a row the release leaves out (a draft agreement): such a value is
    written empty, so the package names only what it holds."""

    name: str
    model: type[models.Model]
    rows: models.QuerySet
    exclude: tuple[str, ...] = ()
    description: str = ""
    released_only: dict[str, models.QuerySet] = field(default_factory=dict)
    columns: list[models.Field] = field(init=False)

    def __post_init__(self):
        skip = (BASE_FIELDS - {"dataset_key"}) | set(self.exclude)
        self.columns = [f for f in self.model._meta.concrete_fields if f.name not in skip]


def tables() -> list[Table]:
    """The release's tables, parents before children."""
    pledges = Pledge.objects.filter(VERIFIED)
    memberships = Membership.objects.filter(VERIFIED)
    agreements = Agreement.objects.filter(VERIFIED)
    attendances = Attendance.objects.filter(VERIFIED)
    size_reports = SizeReport.objects.filter(VERIFIED)
    return [
        Table("actors", Actor, Actor.objects.all(), description="Countries and organisations."),
        Table("coalitions", Coalition, Coalition.objects.all()),
        Table(
            "sources",
            Source,
            Source.objects.all(),
            exclude=("text", "notes"),
            description="Articles and statements (their texts are not released).",
        ),
        Table("meetings", Meeting, Meeting.objects.all()),
        Table(
            "agreements",
            Agreement,
            agreements,
            description="Verified agreements, declarations and joint statements.",
        ),
        Table(
            "agreement_parties",
            AgreementParty,
            AgreementParty.objects.filter(agreement__in=agreements),
        ),
        Table(
            "agreement_citations",
            AgreementCitation,
            AgreementCitation.objects.filter(agreement__in=agreements),
        ),
        Table(
            "memberships",
            Membership,
            memberships,
            description="Verified periods.",
            released_only={"agreement_id": agreements},
        ),
        Table(
            "membership_citations",
            MembershipCitation,
            MembershipCitation.objects.filter(membership__in=memberships),
        ),
        Table("attendances", Attendance, attendances, description="Verified attendance."),
        Table(
            "attendance_citations",
            AttendanceCitation,
            AttendanceCitation.objects.filter(attendance__in=attendances),
        ),
        Table("size_reports", SizeReport, size_reports, description="Verified size reports."),
        Table(
            "size_report_citations",
            SizeReportCitation,
            SizeReportCitation.objects.filter(size_report__in=size_reports),
        ),
        Table(
            "pledges",
            Pledge,
            pledges,
            description="Verified pledges and refusals.",
            released_only={"agreement_id": agreements},
        ),
        Table(
            "pledge_parties",
            PledgeParty,
            PledgeParty.objects.filter(pledge__in=pledges),
            description="The parties of each pledge: the lead (ordinal 1) and its partners.",
        ),
        Table("pledge_stages", PledgeStage, PledgeStage.objects.filter(pledge__in=pledges)),
        Table(
            "pledge_citations",
            PledgeCitation,
            PledgeCitation.objects.filter(pledge__in=pledges),
        ),
    ]


def field_type(f: models.Field) -> str:
    """The Table Schema type of a model field."""
    if isinstance(f, ArrayField):
        return "array"
    if isinstance(f, models.JSONField):
        return "object"
    if isinstance(f, models.ForeignKey):
        return field_type(f.target_field)
    if isinstance(f, models.BooleanField):
        return "boolean"
    if isinstance(f, models.DateTimeField):
        return "datetime"
    if isinstance(f, models.DateField):
        return "date"
    if isinstance(f, models.DecimalField | models.FloatField):
        return "number"
    if isinstance(f, models.IntegerField | models.AutoField):
        return "integer"
    return "string"


def field_schema(f: models.Field) -> dict:
    schema = {"name": f.attname, "type": field_type(f)}
    description = str(f.help_text or f.verbose_name)
    if description:
        schema["description"] = description
    constraints = {}
    if not f.null and not (f.blank and schema["type"] == "string"):
        constraints["required"] = True
    if f.choices and schema["type"] == "string":
        constraints["enum"] = [value for value, _ in f.flatchoices if value != ""]
    if f.primary_key:
        constraints["unique"] = True
    if constraints:
        schema["constraints"] = constraints
    return schema


def cell(value) -> str:
    """A value as CSV text: empty for null, ISO 8601 dates, JSON arrays."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.attname for f in table.columns])
    names = [f.attname for f in table.columns]
    kept = {
        names.index(name): set(rows.values_list("pk", flat=True))
        for name, rows in table.released_only.items()
    }
    for row in table.rows.order_by("pk").values_list(*names).iterator(chunk_size=5_000):
        values = [None if i in kept and v not in kept[i] else v for i, v in enumerate(row)]
        writer.writerow([cell(value) for value in values])
    return out.getvalue().encode("utf-8")


def table_schema(table: Table, released: dict[type[models.Model], str]) -> dict:
    schema = {"fields": [field_schema(f) for f in table.columns], "primaryKey": ["id"]}
    foreign_keys = []
    for f in table.columns:
        if isinstance(f, models.ForeignKey) and f.related_model in released:
            target = released[f.related_model]
            foreign_keys.append(
                {
                    "fields": [f.attname],
                    "reference": {
                        "resource": "" if target == table.name else target,
                        "fields": [f.target_field.attname],
                    },
                }
            )
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def last_change(parts: list[Table]) -> dt.datetime:
    """The newest ``updated_at`` (or ``created_at``) of the released rows."""
    newest = EPOCH
    for table in parts:
        names = {f.name for f in table.model._meta.concrete_fields}
        column = "updated_at" if "updated_at" in names else "created_at"
        if column in names:
            value = table.rows.aggregate(newest=Max(column))["newest"]
            if value is not None and value > newest:
                newest = value
    return newest.astimezone(dt.UTC).replace(microsecond=0)


def build_release(version: str, out: Path) -> dict:
    """Write the release ``version`` into the folder ``out`` (created if needed; its
    files are replaced) and return its descriptor."""
    if not VERSION_RE.match(version):
        raise ValueError(f"A release version is X.Y.Z (semantic versioning), not {version!r}.")
    out.mkdir(parents=True, exist_ok=True)
    parts = tables()
    released = {table.model: table.name for table in parts}
    created = last_change(parts)
    files: dict[str, bytes] = {}
    resources = []
    for table in parts:
        path = f"{table.name}.csv"
        files[path] = data = table_csv(table)
        resource = {
            "name": table.name,
            "path": path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
            "schema": table_schema(table, released),
        }
        if table.description:
            resource["description"] = table.description
        resources.append(resource)
    descriptor = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Coalition Tracker",
        "description": (
            "Who is in each coalition, what each member pledged, and the sources behind "
            "every verified fact."
        ),
        "version": version,
        "created": created.isoformat().replace("+00:00", "Z"),
        "resources": resources,
    }
    files[DESCRIPTOR] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode()
    for name, data in files.items():
        (out / name).write_bytes(data)
    (out / ARCHIVE).write_bytes(archive(files, created))
    return descriptor


def archive(files: dict[str, bytes], when: dt.datetime) -> bytes:
    """A zip of ``files`` in a fixed order, every entry dated ``when``: the same files
    give the same bytes."""
    stamp = max(when, EPOCH).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def built_releases(root: Path) -> list[dict]:
    """The descriptors of the releases built under ``root`` (one folder per version),
    newest version first."""
    found = []
    if root.is_dir():
        for folder in root.iterdir():
            path = folder / DESCRIPTOR
            if VERSION_RE.match(folder.name) and path.is_file() and (folder / ARCHIVE).is_file():
                descriptor = json.loads(path.read_text())
                if descriptor.get("version") == folder.name:
                    found.append(descriptor)
    return sorted(found, key=lambda d: tuple(int(p) for p in d["version"].split(".")), reverse=True)
