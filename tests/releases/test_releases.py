"""Data releases: built by the command, valid Frictionless packages, reproducible,
public data only, and downloadable from the API."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from releases.build import build_release
from tests.factories import (
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(db):
    source = SourceFactory(text="Full article text, never released. Six jets will fly.")
    verified = PledgeFactory(
        actor=country("TUR"), review_status="verified", description="Türkiye: six jets"
    )
    PledgeCitationFactory(pledge=verified, source=source, quote="Six jets will fly.")
    PledgeStageFactory(pledge=verified)
    draft = PledgeFactory(review_status="draft", description="A draft pledge")
    PledgeCitationFactory(pledge=draft, source=source, quote="Six jets")
    return verified, draft


def rows(folder, name) -> list[dict]:
    with (folder / f"{name}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_a_release_passes_frictionless_validation(tmp_path, claims):
    from frictionless import validate

    call_command(
        "build_release", "--version", "1.2.3", "--out", str(tmp_path), stdout=io.StringIO()
    )
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["version"] == "1.2.3"
    pledges = next(r for r in descriptor["resources"] if r["name"] == "pledges")
    actor_id = next(f for f in pledges["schema"]["fields"] if f["name"] == "actor_id")
    assert actor_id["type"] == "integer" and actor_id["constraints"] == {"required": True}
    assert {"fields": ["actor_id"], "reference": {"resource": "actors", "fields": ["id"]}} in (
        pledges["schema"]["foreignKeys"]
    )


def test_a_broken_release_fails_validation(tmp_path, claims):
    """The validation is not a formality: a row that breaks its schema is caught."""
    from frictionless import validate

    build_release("1.0.0", tmp_path)
    path = tmp_path / "pledges.csv"
    path.write_text(
        path.read_text().replace(",troops,", ",spaceships,").replace(",aircraft,", ",spaceships,")
    )
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        resource.pop("hash"), resource.pop("bytes")
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    assert not validate(str(tmp_path / "datapackage.json")).valid


def test_only_public_data_is_released(tmp_path, claims):
    verified, _draft = claims
    build_release("1.0.0", tmp_path)
    assert [int(r["id"]) for r in rows(tmp_path, "pledges")] == [verified.pk]
    assert {int(r["pledge_id"]) for r in rows(tmp_path, "pledge_citations")} == {verified.pk}
    assert {int(r["pledge_id"]) for r in rows(tmp_path, "pledge_stages")} == {verified.pk}
    sources = rows(tmp_path, "sources")
    assert "text" not in sources[0] and "notes" not in sources[0]
    assert "never released" not in (tmp_path / "datapackage.zip").read_bytes().decode("latin-1")
    assert rows(tmp_path, "pledges")[0]["description"] == "Türkiye: six jets"


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path, claims):
    first, second = tmp_path / "a", tmp_path / "b"
    build_release("2.0.0", first)
    build_release("2.0.0", second)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert "datapackage.zip" in names and "pledges.csv" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    claims[0].description = "Türkiye: seven jets"
    claims[0].save()
    build_release("2.0.0", second)
    assert (first / "pledges.csv").read_bytes() != (second / "pledges.csv").read_bytes()


def test_a_version_must_be_semantic(tmp_path):
    with pytest.raises(CommandError, match=r"X\.Y\.Z"):
        call_command("build_release", "--version", "1.0", "--out", str(tmp_path))


def test_releases_are_listed_and_downloaded(api_client, settings, tmp_path, claims):
    settings.RELEASES_DIR = tmp_path
    assert api_client.get("/api/v1/releases/").json() == {"results": []}
    build_release("1.0.0", tmp_path / "1.0.0")
    build_release("1.10.0", tmp_path / "1.10.0")
    (tmp_path / "not-a-version").mkdir()

    listing = api_client.get("/api/v1/releases/").json()["results"]
    assert [r["version"] for r in listing] == ["1.10.0", "1.0.0"]
    assert listing[0]["download"].endswith("/api/v1/releases/1.10.0/datapackage.zip")

    response = api_client.get("/api/v1/releases/1.0.0/datapackage.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    body = b"".join(response.streaming_content)
    assert body == (tmp_path / "1.0.0" / "datapackage.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        assert json.loads(zf.read("datapackage.json"))["version"] == "1.0.0"
        assert zf.read("pledges.csv") == (tmp_path / "1.0.0" / "pledges.csv").read_bytes()

    octets = api_client.get(
        "/api/v1/releases/1.0.0/datapackage.zip", HTTP_ACCEPT="application/octet-stream"
    )
    assert octets["Content-Type"] == "application/octet-stream"
    assert b"".join(octets.streaming_content) == body
    assert api_client.get("/api/v1/releases/9.9.9/datapackage.zip").status_code == 404
    assert api_client.get("/api/v1/releases/?page=2").status_code == 400


def test_agreements_and_pledge_parties_are_released_without_naming_drafts(tmp_path, db):
    from frictionless import validate

    from pledges.services import pledge_parties_set
    from tests.factories import AgreementFactory, AgreementPartyFactory

    signed = AgreementFactory(review_status="verified", title="Jeddah communiqué")
    AgreementPartyFactory(agreement=signed, actor=country("QAT"))
    draft = AgreementFactory(review_status="draft", title="A draft statement")
    joint = PledgeFactory(
        actor=country("NOR"), review_status="verified", agreement=signed, quantity_basis="shared"
    )
    pledge_parties_set(pledge=joint, parties=[country("SWE")])
    citing_draft = PledgeFactory(review_status="verified", agreement=draft)
    build_release("1.0.0", tmp_path)

    assert validate(str(tmp_path / "datapackage.json")).valid
    assert [r["title"] for r in rows(tmp_path, "agreements")] == ["Jeddah communiqué"]
    assert [r["agreement_id"] for r in rows(tmp_path, "agreement_parties")] == [str(signed.pk)]
    pledges = {int(r["id"]): r for r in rows(tmp_path, "pledges")}
    assert pledges[joint.pk]["agreement_id"] == str(signed.pk)
    assert pledges[citing_draft.pk]["agreement_id"] == ""  # the draft is not named
    parties = [
        (int(r["pledge_id"]), int(r["ordinal"]))
        for r in rows(tmp_path, "pledge_parties")
        if int(r["pledge_id"]) == joint.pk
    ]
    assert parties == [(joint.pk, 1), (joint.pk, 2)]
