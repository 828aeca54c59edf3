"""Pledges in and out of CSV/XLSX through the admin (django-import-export)."""

from __future__ import annotations

import pytest
import tablib
from django.urls import reverse

from coalition.models import Coalition
from pledges.models import Pledge, PledgeCitation
from pledges.resources import PledgeResource
from tests.factories import CoalitionFactory, PledgeCitationFactory, SourceFactory, country

pytestmark = pytest.mark.django_db

HEADERS = list(PledgeResource._meta.fields)


def dataset(*rows: dict) -> tablib.Dataset:
    data = tablib.Dataset(headers=HEADERS)
    for row in rows:
        data.append([row.get(h, "") for h in HEADERS])
    return data


@pytest.fixture
def source():
    return SourceFactory(text="Norway will send 50 trainers to Erbil, officials said.")


def good_row(source, **overrides) -> dict:
    coalition = Coalition.objects.filter(slug="test-coalition").first() or CoalitionFactory(
        slug="test-coalition"
    )
    country("NOR")
    return {
        "actor": "NOR",
        "coalition": coalition.slug,
        "kind": "training",
        "status": "announced",
        "description": "50 trainers to Erbil",
        "quantity": 50,
        "quantity_qualifier": "exact",
        "quantity_unit": "personnel",
        "announced_on": "2014-10-01",
        "announced_on_precision": "day",
        "review_status": "draft",
        "citation_source": source.pk,
        "citation_quote": "Norway will send 50 trainers to Erbil",
        **overrides,
    }


def test_dry_run_previews_without_writing(source):
    result = PledgeResource().import_data(dataset(good_row(source)), dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 1
    assert Pledge.objects.count() == 0


def test_import_creates_pledge_with_its_citation(source):
    result = PledgeResource().import_data(dataset(good_row(source)), dry_run=False)
    assert result.totals["new"] == 1
    pledge = Pledge.objects.get()
    assert (pledge.actor.code, pledge.quantity, pledge.kind) == ("NOR", 50, "training")
    citation = PledgeCitation.objects.get(pledge=pledge)
    assert (citation.source, citation.quote) == (source, "Norway will send 50 trainers to Erbil")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"citation_quote": "Norway will send 500 trainers"}, "does not occur"),
        ({"citation_source": "", "citation_quote": ""}, "needs at least one citation"),
        ({"quantity_qualifier": ""}, "needs a qualifier"),
        ({"currency": "USD"}, "currency needs an amount"),
        ({"actor": "XXX"}, "No actor with code 'XXX'"),
    ],
)
def test_rows_that_break_a_rule_are_refused_and_nothing_is_written(source, overrides, message):
    rows = [good_row(source), good_row(source, **overrides)]
    result = PledgeResource().import_data(
        dataset(*rows), dry_run=False, raise_errors=False, rollback_on_validation_errors=True
    )
    assert result.has_errors() or result.has_validation_errors()
    reported = str([r.error for r in result.invalid_rows]) + str(
        [e.error for row in result.rows for e in row.errors]
    )
    assert message in reported
    assert Pledge.objects.count() == 0  # the good row was not written either


def test_export_has_stable_columns_and_the_citation(source):
    citation = PledgeCitationFactory(source=source, quote="Norway will send 50 trainers")
    exported = PledgeResource().export()
    assert exported.headers == HEADERS
    row = dict(zip(exported.headers, exported[0], strict=True))
    assert row["citation_quote"] == citation.quote
    assert row["actor"] == citation.pledge.actor.code


def test_admin_import_page_shows_the_preview(client, admin_user, source):
    client.force_login(admin_user)
    upload = dataset(good_row(source)).export("csv").encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("admin:pledges_pledge_import"),
        {
            "import_file": SimpleUploadedFile("pledges.csv", upload, "text/csv"),
            "format": "0",
            "resource": "0",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "50 trainers to Erbil" in page and "New" in page
    assert Pledge.objects.count() == 0
