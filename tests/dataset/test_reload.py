"""A reload never silently overwrites a person: edits made through the API or the admin
survive it and are reported as conflicts; --take-file takes the file's version; rows
nobody touched still follow the files; removed records that people edited or cite are
kept; --if-changed skips a load of the version already held."""

from __future__ import annotations

import ast
import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from coalition.models import Membership
from dataset.models import DatasetLoad, LoadedRecord
from pledges.models import Pledge
from sources.models import Source
from tests.dataset.conftest import copy_data, edit_yaml, load
from tests.paths import REPO

pytestmark = pytest.mark.django_db

DW = "articles/000_dw_us_seeks_allies_in_paris.yaml"
NEWSFIRST = "articles/004_newsfirst_iraq_cities_under_siege.yaml"


def pledge(key: str) -> Pledge:
    return Pledge.objects.get(dataset_key=key)


def patch_pledge(api, key: str, data: dict) -> dt.datetime:
    """PATCH a seed pledge through the API; returns when (about) the edit was made."""
    before = dt.datetime.now(dt.UTC)
    response = api.patch(f"/api/v1/pledges/{pledge(key).pk}/", data, format="json")
    assert response.status_code == 200, response.content
    return before


def conflict_line(out: str, key: str) -> str:
    lines = [line for line in out.splitlines() if line.startswith(f"conflict {key} ")]
    assert len(lines) == 1, out
    return lines[0]


def stamp(line: str) -> dt.datetime:
    found = re.search(r"at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC", line)
    assert found, line
    return dt.datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)


def assert_edit_time(line: str, before: dt.datetime) -> None:
    at = stamp(line)
    assert before.replace(microsecond=0) <= at <= dt.datetime.now(dt.UTC), line


# --- Edits through the API and the admin survive a reload ----------------------------------


def test_an_api_edit_survives_a_reload_and_is_reported(loaded, analyst, analyst_api):
    before = patch_pledge(analyst_api, "aus-troops-2014", {"quantity": 8})

    out = load()

    troops = pledge("aus-troops-2014")
    assert troops.quantity == 8
    line = conflict_line(out, "pledge:aus-troops-2014")
    assert f"(Pledge {troops.pk})" in line
    assert "quantity by alice" in line
    assert f"/api/v1/pledges/{troops.pk}/" in line
    assert "kept as changed" in line and "--take-file pledge:aus-troops-2014" in line
    assert_edit_time(line, before)
    assert "1 conflict(s)" in out
    assert "Pledge: 21 unchanged, 1 kept" in out
    # The history's last event of the pledge is still the analyst's: the loader wrote nothing.
    last = Pledge.pgh_event_model.objects.filter(pgh_obj_id=troops.pk).order_by("pgh_id").last()
    assert last.quantity == 8
    assert last.pgh_context.metadata.get("user") == analyst.pk


class _FormParser(HTMLParser):
    """What a browser submits from the admin's change form (text fields, selects,
    checked boxes, textareas; no submit buttons)."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self.select: str | None = None
        self.select_options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select, self.select_options = name, []
        elif tag == "option" and self.select is not None:
            self.select_options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        if tag == "select" and self.select is not None:
            chosen = [v for v, selected in self.select_options if selected]
            if not chosen and self.select_options:
                chosen = [self.select_options[0][0]]
            self.data.extend((self.select, v) for v in chosen)
            self.select = None
        if tag == "textarea" and self.textarea is not None:
            self.data.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data


def admin_form(client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _FormParser()
    parser.feed(response.content.decode())
    form: dict[str, list[str]] = {}
    for name, value in parser.data:
        form.setdefault(name, []).append(value)
    assert form, "no change form found"
    return form


def test_an_admin_edit_survives_a_reload_and_is_reported(loaded, client, analyst):
    troops = pledge("aus-troops-2014")
    client.force_login(analyst)
    url = reverse("admin:pledges_pledge_change", args=[troops.pk])
    form = admin_form(client, url)
    assert form["quantity"] == ["600"]
    form["quantity"] = ["700"]
    before = dt.datetime.now(dt.UTC)
    response = client.post(url, form)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert pledge("aus-troops-2014").quantity == 700

    out = load()

    assert pledge("aus-troops-2014").quantity == 700
    line = conflict_line(out, "pledge:aus-troops-2014")
    assert "quantity by alice" in line
    assert f"/admin/pledges/pledge/{troops.pk}/change/" in line
    assert_edit_time(line, before)
    assert "1 conflict(s)" in out


def test_an_edit_keeps_being_reported_until_the_file_is_taken(loaded, analyst_api):
    patch_pledge(analyst_api, "aus-troops-2014", {"quantity": 8})
    load()
    out = load()  # still there, still said
    assert pledge("aus-troops-2014").quantity == 8
    conflict_line(out, "pledge:aus-troops-2014")


# --- Taking the file's version ------------------------------------------------------------


@pytest.mark.parametrize("key", ["pledge:aus-troops-2014", "aus-troops-2014"])
def test_take_file_takes_the_files_version_of_one_record(loaded, analyst_api, key):
    patch_pledge(analyst_api, "aus-troops-2014", {"quantity": 8})
    patch_pledge(analyst_api, "aus-aircraft-2014", {"quantity": 12})

    out = load("--take-file", key)

    assert pledge("aus-troops-2014").quantity == 600
    assert pledge("aus-aircraft-2014").quantity == 12  # not named: kept
    taken = conflict_line(out, "pledge:aus-troops-2014")
    assert "quantity by alice" in taken and "replaced by the file's version" in taken
    assert "kept as changed" in conflict_line(out, "pledge:aus-aircraft-2014")
    assert "pledge:aus-troops-2014" not in load()  # the file's version is the loader's again


def test_take_file_all_takes_every_files_version(loaded, analyst_api):
    patch_pledge(analyst_api, "aus-troops-2014", {"quantity": 8})
    membership = Membership.objects.get(dataset_key="counter-isis-2014-tur")
    response = analyst_api.patch(
        f"/api/v1/memberships/{membership.pk}/", {"note": "Analyst's note."}, format="json"
    )
    assert response.status_code == 200, response.content

    out = load("--take-file-all")

    assert pledge("aus-troops-2014").quantity == 600
    membership.refresh_from_db()
    assert membership.note != "Analyst's note."
    assert "replaced by the file's version" in conflict_line(out, "pledge:aus-troops-2014")
    assert "note by alice" in conflict_line(out, "membership:counter-isis-2014-tur")
    assert "conflict" not in load()


def test_take_file_with_an_unknown_key_is_refused(loaded):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--take-file no-such-record"):
        load("--take-file", "no-such-record")


# --- Citations and stages are part of the claim ----------------------------------------------


def test_a_citation_added_by_a_person_is_kept(loaded, analyst_api):
    troops = pledge("aus-troops-2014")
    cited = [
        {"source": c.source_id, "quote": c.quote, "locator": c.locator, "stance": c.stance}
        for c in troops.citations.all()
    ]
    newsfirst = Source.objects.get(dataset_key="newsfirst-iraq-cities-under-siege")
    added = {"source": newsfirst.pk, "quote": "An analyst's reading.", "stance": "supports"}
    patch_pledge(analyst_api, "aus-troops-2014", {"citations": [*cited, added]})

    out = load()

    assert troops.citations.filter(quote="An analyst's reading.").exists()
    assert "citations by alice" in conflict_line(out, "pledge:aus-troops-2014")


def test_stages_changed_by_a_person_are_kept(loaded, analyst_api):
    strikes = pledge("usa-airstrikes-syria-2014")
    patch_pledge(
        analyst_api,
        "usa-airstrikes-syria-2014",
        {"stages": [{"status": "announced"}, {"status": "delivered", "note": "Checked."}]},
    )

    out = load()

    assert strikes.stages.get(status="delivered").note == "Checked."
    assert "stages by alice" in conflict_line(out, "pledge:usa-airstrikes-syria-2014")


# --- Untouched rows follow the files ------------------------------------------------------------


def test_an_untouched_row_still_follows_a_changed_file(loaded, analyst_api, tmp_path):
    patch_pledge(analyst_api, "aus-troops-2014", {"quantity": 8})
    data = copy_data(tmp_path)
    edit_yaml(data / DW, "quantity: 10\n", "quantity: 12\n")  # the aircraft
    edit_yaml(
        data / DW,
        "quantity_qualifier: exact\n    quantity_unit: troops",
        "quantity_qualifier: about\n    quantity_unit: troops",
    )  # the troops, which the analyst changed

    out = load("--data", str(data))

    assert pledge("aus-aircraft-2014").quantity == 12
    troops = pledge("aus-troops-2014")
    assert (troops.quantity, troops.quantity_qualifier) == (8, "exact")  # as alice left it
    conflict_line(out, "pledge:aus-troops-2014")
    assert "Pledge: 1 updated, 20 unchanged, 1 kept" in out
    # And the next change of the file follows too: the loader remembers what it wrote.
    edit_yaml(data / DW, "quantity: 12\n", "quantity: 14\n")
    load("--data", str(data))
    assert pledge("aus-aircraft-2014").quantity == 14


# --- Records removed from the files -------------------------------------------------------------


def drop_pledge(data: Path, key: str) -> None:
    path = data / NEWSFIRST
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["pledges"] = [p for p in document["pledges"] if p["key"] != key]
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def test_a_removed_record_someone_edited_is_kept_and_reported(loaded, analyst_api, tmp_path):
    patch_pledge(
        analyst_api, "usa-kinetic-iraq-2014", {"description": "Airstrikes, it turned out."}
    )
    data = copy_data(tmp_path)
    drop_pledge(data, "usa-kinetic-iraq-2014")
    drop_pledge(data, "usa-training-iraq-2014")  # not edited: deleted

    out = load("--data", str(data))

    assert pledge("usa-kinetic-iraq-2014").description == "Airstrikes, it turned out."
    assert not Pledge.objects.filter(dataset_key="usa-training-iraq-2014").exists()
    line = conflict_line(out, "pledge:usa-kinetic-iraq-2014")
    assert "description by alice" in line and "removed from the files, kept" in line
    # --take-file takes the file's version: the record is gone from it.
    load("--data", str(data), "--take-file", "pledge:usa-kinetic-iraq-2014")
    assert not Pledge.objects.filter(dataset_key="usa-kinetic-iraq-2014").exists()


def test_a_removed_record_someone_cited_is_kept_and_reported(loaded, analyst_api, tmp_path):
    kinetic = pledge("usa-kinetic-iraq-2014")
    cited = [{"source": c.source_id, "quote": c.quote} for c in kinetic.citations.all()]
    dw = Source.objects.get(dataset_key="dw-us-seeks-allies-in-paris")
    patch_pledge(
        analyst_api,
        "usa-kinetic-iraq-2014",
        {"citations": [*cited, {"source": dw.pk, "quote": "An analyst's citation."}]},
    )
    data = copy_data(tmp_path)
    drop_pledge(data, "usa-kinetic-iraq-2014")

    out = load("--data", str(data))

    assert Pledge.objects.filter(pk=kinetic.pk).exists()
    line = conflict_line(out, "pledge:usa-kinetic-iraq-2014")
    assert "citations by alice" in line and "removed from the files, kept" in line


def test_a_removed_source_a_person_cites_is_kept(loaded, analyst_api, tmp_path):
    newsfirst = Source.objects.get(dataset_key="newsfirst-iraq-cities-under-siege")
    response = analyst_api.post(
        "/api/v1/pledges/",
        {
            "actor": "IRQ",
            "kind": "other",
            "status": "announced",
            "description": "An analyst's own pledge.",
            "citations": [{"source": newsfirst.pk, "quote": "The analyst's quote."}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    data = copy_data(tmp_path)
    (data / NEWSFIRST).unlink()

    out = load("--data", str(data))

    assert Source.objects.filter(pk=newsfirst.pk).exists()
    assert not Pledge.objects.filter(dataset_key="usa-kinetic-iraq-2014").exists()  # its claims go
    line = conflict_line(out, "source:newsfirst-iraq-cities-under-siege")
    assert "still used by citations the loader did not write" in line


def test_a_record_a_person_deleted_is_not_recreated(loaded, analyst_api):
    kinetic = pledge("usa-kinetic-iraq-2014")
    response = analyst_api.delete(f"/api/v1/pledges/{kinetic.pk}/")
    assert response.status_code == 204, response.content

    out = load()

    assert not Pledge.objects.filter(dataset_key="usa-kinetic-iraq-2014").exists()
    line = conflict_line(out, "pledge:usa-kinetic-iraq-2014")
    assert "the row by alice" in line and "deleted, not recreated" in line
    load("--take-file", "usa-kinetic-iraq-2014")
    assert Pledge.objects.filter(dataset_key="usa-kinetic-iraq-2014").exists()


# --- --if-changed ---------------------------------------------------------------------------


def test_if_changed_loads_an_empty_database_then_skips_the_same_version(db, tmp_path):
    data = copy_data(tmp_path)
    load("--data", str(data), "--if-changed")
    assert Pledge.objects.count() == 22
    assert DatasetLoad.objects.count() == 1
    updated = dict(Pledge.objects.values_list("pk", "updated_at"))

    out = load("--data", str(data), "--if-changed")

    assert "nothing to do" in out
    assert DatasetLoad.objects.count() == 1
    assert dict(Pledge.objects.values_list("pk", "updated_at")) == updated

    edit_yaml(data / DW, "quantity: 10\n", "quantity: 12\n")
    out = load("--data", str(data), "--if-changed")
    assert "nothing to do" not in out
    assert DatasetLoad.objects.count() == 2
    assert pledge("aus-aircraft-2014").quantity == 12


def test_the_loader_remembers_what_it_wrote(loaded):
    troops = pledge("aus-troops-2014")
    record = LoadedRecord.objects.get(key="pledge:aus-troops-2014")
    assert (record.model, record.object_id) == ("pledges.pledge", troops.pk)
    assert record.values["quantity"] == 600
    assert record.values["review_status"] == "verified"
    assert {s[0] for s in record.values["stages"]} == {"announced"}
    assert len(record.values["citations"]) == 2
    assert LoadedRecord.objects.filter(key__startswith="pledge:").count() == 22


# --- Missing texts ----------------------------------------------------------------------------


def test_without_the_texts_folder_one_line_says_so_and_data_loads(db, tmp_path):
    missing = tmp_path / "no-seeds"
    out = load("--texts-if-present", str(missing))
    lines = [line for line in out.splitlines() if "Article texts" in line]
    assert len(lines) == 1
    assert str(missing) in lines[0] and "SEEDS" in lines[0] and "--texts" in lines[0]
    assert "quotes are not checked" in lines[0] and "highlighted" in lines[0]
    assert Pledge.objects.count() == 22
    assert set(Source.objects.values_list("text", flat=True)) == {""}


# --- One write path -------------------------------------------------------------------------


WRITES = {"save", "delete", "create", "update", "bulk_create", "update_or_create", "full_clean"}


def test_the_loader_writes_only_through_the_services():
    """No second copy of the citation, stage or review logic: the loader saves nothing
    itself (the services validate and save; dataset/services.py keeps its records)."""
    tree = ast.parse((REPO / "dataset" / "loader.py").read_text(encoding="utf-8"))
    calls = [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITES
    ]
    assert calls == []
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert not names & {"PledgeStage", "PledgeCitation", "MembershipCitation", "claim_changed"}
