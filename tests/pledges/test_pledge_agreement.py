"""A pledge cites the agreement or declaration it was made under (``Pledge.agreement``),
as a membership does: per writer (API, admin, import, loader), in history, known_at,
the export and the fast read path.

The sentences are written for these tests, in the style of wire reports:
- "Under the Brussels declaration signed on Tuesday, Belgium and the Netherlands will
  each send four F-16s, the two defence ministries said." (a declaration, 2014-09-23);
- "Belgium will also fund €10 million of field hospitals, a pledge it made under the
  same declaration."
"""

from __future__ import annotations

import pytest
import tablib
from django.urls import reverse

from coalition.models import Agreement
from coalition.services import agreement_create
from pledges.models import Pledge
from pledges.resources import PledgeResource
from tests.factories import CoalitionFactory, PledgeFactory, SourceFactory, country
from tests.support.api import assert_error, citation_input, error_attrs, token_client
from tests.support.helpers import database_now

pytestmark = pytest.mark.django_db

PLEDGES = "/api/v1/pledges/"
BRUSSELS = (
    "BRUSSELS, Sept 23. Under the Brussels declaration signed on Tuesday, Belgium and the "
    "Netherlands will each send four F-16s, the two defence ministries said. Belgium will "
    "also fund €10 million of field hospitals, a pledge it made under the same declaration."
)
F16_QUOTE = "Belgium and the Netherlands will each send four F-16s"


@pytest.fixture
def api(admin_user):
    return token_client(admin_user)


@pytest.fixture
def source():
    return SourceFactory(text=BRUSSELS)


@pytest.fixture
def declaration(source) -> Agreement:
    return agreement_create(
        data={
            "title": "Brussels declaration",
            "kind": "declaration",
            "signed_on": "2014-09-23",
            "place": "Brussels",
            "parties": [{"actor": country("BEL")}, {"actor": country("NLD")}],
            "citations": [{"source": source, "quote": "Under the Brussels declaration"}],
        }
    )


def f16s(source, **fields) -> dict:
    return {
        "actor": "BEL",
        "parties": ["NLD"],
        "quantity_basis": "each",
        "kind": "aircraft",
        "status": "announced",
        "description": "Four F-16s each",
        "quantity": 4,
        "quantity_qualifier": "exact",
        "announced_on": "2014-09-23",
        "citations": [citation_input(source, F16_QUOTE)],
        **fields,
    }


def test_a_pledge_names_the_agreement_it_was_made_under(api, source, declaration):
    response = api.post(PLEDGES, f16s(source, agreement=declaration.pk), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["agreement"] == declaration.pk
    assert api.get(f"{PLEDGES}{body['id']}/").json()["agreement"] == declaration.pk
    other = api.post(PLEDGES, f16s(source, actor="DNK", parties=[]), format="json").json()
    assert other["agreement"] is None
    found = api.get(PLEDGES, {"agreement": declaration.pk}).json()["results"]
    assert [p["id"] for p in found] == [body["id"]]
    # Dropped on an update: null again.
    cleared = api.patch(f"{PLEDGES}{body['id']}/", {"agreement": None}, format="json")
    assert cleared.status_code == 200, cleared.json()
    assert Pledge.objects.get(pk=body["id"]).agreement is None


@pytest.mark.parametrize("value", [999999, "Brussels declaration"])
def test_an_unknown_agreement_is_400_and_nothing_is_written(api, source, value):
    response = api.post(PLEDGES, f16s(source, agreement=value), format="json")
    assert_error(response, 400)
    assert error_attrs(response) == {"agreement"}
    assert not Pledge.objects.exists()


def test_an_agreement_a_pledge_cites_cannot_be_deleted(api, source, declaration):
    PledgeFactory(agreement=declaration)
    response = api.delete(f"/api/v1/agreements/{declaration.pk}/")
    assert_error(response, 409)
    assert Pledge.objects.filter(agreement=declaration).exists()
    assert Agreement.objects.filter(pk=declaration.pk).exists()


def test_history_and_known_at_keep_the_agreement_as_it_was(api, source, declaration):
    body = api.post(PLEDGES, f16s(source, agreement=declaration.pk), format="json").json()
    moment = database_now().isoformat()
    api.patch(f"{PLEDGES}{body['id']}/", {"agreement": None}, format="json")
    events = Pledge.pgh_event_model.objects.filter(pgh_obj_id=body["id"]).order_by("pgh_id")
    assert [e.agreement_id for e in events] == [declaration.pk, None]
    [then] = api.get(PLEDGES, {"known_at": moment}).json()["results"]
    assert then["agreement"] == declaration.pk
    [now] = api.get(PLEDGES).json()["results"]
    assert now["agreement"] is None


def test_the_export_has_the_agreement_column_last(api, source, declaration):
    api.post(PLEDGES, f16s(source, agreement=declaration.pk), format="json")
    response = api.get(f"{PLEDGES}export/", {"format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].split(",")[-1] == "agreement"
    assert lines[1].split(",")[-1] == str(declaration.pk)


def test_the_admin_sets_the_agreement_on_the_pledge_page(staff_client, source, declaration):
    from tests.pledges.test_joint_conditions_deliveries import admin_form

    data = admin_form(
        staff_client,
        CoalitionFactory(),
        source,
        **{"agreement": declaration.pk, "citations-0-quote": F16_QUOTE},
    )
    response = staff_client.post(reverse("admin:pledges_pledge_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    pledge = Pledge.objects.get()
    assert pledge.agreement == declaration
    page = staff_client.get(reverse("admin:pledges_pledge_change", args=[pledge.pk]))
    assert "Made under" in page.content.decode()


def test_the_admin_refuses_an_unknown_agreement(staff_client, source):
    from tests.pledges.test_joint_conditions_deliveries import admin_form

    data = admin_form(
        staff_client,
        CoalitionFactory(),
        source,
        agreement=999999,
        **{"citations-0-quote": F16_QUOTE},
    )
    page = staff_client.post(reverse("admin:pledges_pledge_add"), data)
    assert page.status_code == 200
    assert "agreement" in page.context["adminform"].form.errors
    assert not Pledge.objects.exists()


HEADERS = list(PledgeResource._meta.fields)


def import_file(source, **overrides) -> tablib.Dataset:
    row = {
        "actor": "BEL",
        "kind": "aircraft",
        "status": "announced",
        "description": "Four F-16s",
        "quantity": 4,
        "quantity_qualifier": "exact",
        "announced_on": "2014-09-23",
        "announced_on_precision": "day",
        "review_status": "draft",
        "citation_source": source.pk,
        "citation_quote": F16_QUOTE,
        **overrides,
    }
    data = tablib.Dataset(headers=HEADERS)
    data.append([row.get(h, "") for h in HEADERS])
    return data


def test_an_import_row_names_the_agreement_by_id(admin_user, source, declaration):
    result = PledgeResource().import_data(
        import_file(source, agreement=declaration.pk), dry_run=False, user=admin_user
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert Pledge.objects.get().agreement == declaration
    assert PledgeResource().export().dict[0]["agreement"] == declaration.pk


def test_an_import_row_with_an_unknown_agreement_writes_nothing(admin_user, source):
    result = PledgeResource().import_data(
        import_file(source, agreement=999999), dry_run=False, user=admin_user
    )
    [invalid] = result.invalid_rows
    assert "agreement" in invalid.error_dict
    assert not Pledge.objects.exists()
