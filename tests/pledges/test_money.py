"""Money on pledges: the amount keeps its currency, a conversion the source printed is kept
as reported, and every writer (API, admin, import, loader) stores the USD and EUR
conversions with their rate, date, rule and source. Summaries total in one currency and
count what they leave out."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
import tablib
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from money.convert import rates_version
from pledges.models import Pledge, PledgeConversion
from pledges.resources import PledgeResource
from pledges.services import pledge_create, pledge_update
from tests.dataset.conftest import load
from tests.factories import SourceFactory, UserFactory, country
from tests.pledges.test_admin_write_path import form_data
from tests.support.api import assert_error, error_attrs, token_client
from tests.support.helpers import database_now

pytestmark = pytest.mark.django_db

PLEDGES = "/api/v1/pledges/"
SUMMARY = "/api/v1/pledges/summary/"
# Sentences written for these tests, in the style of wire reports.
TEXT = (
    "LONDON, Saturday. Britain will give £20 million ($32.5 million) to help Kurdish forces "
    "hold the line in northern Iraq, the defence secretary said. Riyadh pledged 375 million "
    "riyals for displaced families, and Kuwait 3 million dinars, aid officials said."
)
GBP_QUOTE = "Britain will give £20 million ($32.5 million) to help Kurdish forces"
SAR_QUOTE = "Riyadh pledged 375 million riyals for displaced families"
KWD_QUOTE = "Kuwait 3 million dinars"


@pytest.fixture
def source():
    return SourceFactory(text=TEXT, published_on=dt.date(2014, 9, 13))


@pytest.fixture
def analyst_api(reference_data):
    from django.contrib.auth.models import Group

    user = UserFactory(username="banker")
    user.groups.add(Group.objects.get(name="analysts"))
    return token_client(user)


def money_data(source, actor="GBR", amount="20000000", currency="GBP", quote=GBP_QUOTE, **extra):
    return {
        "actor": country(actor),
        "kind": "money",
        "status": "announced",
        "description": f"{amount} {currency} in aid",
        "amount": Decimal(amount),
        "currency": currency,
        "announced_on": dt.date(2014, 9, 13),
        "review_status": "verified",
        "citations": [{"source": source, "quote": quote}],
        **extra,
    }


def stored(pledge) -> dict:
    return {c.target: c for c in PledgeConversion.objects.filter(pledge=pledge)}


# --- API ------------------------------------------------------------------------------------


def test_the_api_keeps_the_currency_and_the_reported_conversion_and_shows_provenance(
    analyst_api, source
):
    body = {
        "actor": "GBR",
        "kind": "money",
        "status": "announced",
        "description": "£20m for Kurdish forces in northern Iraq",
        "amount": "20000000.00",
        "currency": "GBP",
        "reported_conversion_amount": "32500000.00",
        "reported_conversion_currency": "USD",
        "announced_on": "2014-09-13",
        "citations": [{"source": source.pk, "quote": GBP_QUOTE}],
    }
    created = analyst_api.post(PLEDGES, body, format="json")
    assert created.status_code == 201, created.json()
    pledge = created.json()
    assert (pledge["amount"], pledge["currency"]) == ("20000000.00", "GBP")
    assert (pledge["reported_conversion_amount"], pledge["reported_conversion_currency"]) == (
        "32500000.00",
        "USD",
    )
    by_target = {c["target"]: c for c in pledge["conversions"]}
    assert list(by_target) == ["EUR", "USD"]
    usd = by_target["USD"]
    # Saturday 13 September 2014: Friday's ECB rate, and the rule says so.
    assert usd["rate_date"] == "2014-09-12"
    assert usd["date_rule"] == "announcement_previous_business_day"
    assert usd["rates_source"].startswith("ECB euro foreign exchange reference rates")
    assert usd["rates_version"] == rates_version()
    assert usd["unconverted_reason"] is None and usd["via_peg"] is False
    assert Decimal(usd["amount"]) == (Decimal("20000000") * Decimal(usd["rate"])).quantize(
        Decimal("0.01")
    )
    # Our own conversion is not the one the article printed; both are kept.
    assert usd["amount"] != pledge["reported_conversion_amount"]

    # The detail (plan builder) and the list (PostgreSQL's JSON) answer the same.
    detail = analyst_api.get(f"{PLEDGES}{pledge['id']}/").json()
    listed = analyst_api.get(PLEDGES, {"actor": "GBR"}).json()["results"]
    assert detail["conversions"] == listed[0]["conversions"] == pledge["conversions"]


def test_a_reported_conversion_without_its_currency_is_refused_on_the_field(analyst_api, source):
    body = {
        "actor": "GBR",
        "kind": "money",
        "status": "announced",
        "description": "£20m for Kurdish forces",
        "amount": "20000000",
        "currency": "GBP",
        "reported_conversion_amount": "32500000",
        "announced_on": "2014-09-13",
        "citations": [{"source": source.pk, "quote": GBP_QUOTE}],
    }
    response = analyst_api.post(PLEDGES, body, format="json")
    assert error_attrs(response) == {"reported_conversion_currency"}
    assert response.json()["errors"][0]["detail"] == "Give the currency of the reported amount."
    body.update(reported_conversion_currency="GBP")  # a conversion into its own currency
    response = analyst_api.post(PLEDGES, body, format="json")
    assert response.status_code == 400
    assert error_attrs(response) == {"reported_conversion_currency"}
    body.update(reported_conversion_currency="ZZZ")
    response = analyst_api.post(PLEDGES, body, format="json")
    assert response.status_code == 400
    assert error_attrs(response) == {"reported_conversion_currency"}
    assert not Pledge.objects.exists() and not PledgeConversion.objects.exists()


def test_the_database_refuses_half_a_reported_conversion(source):
    pledge = pledge_create(data=money_data(source))
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(reported_conversion_amount=Decimal("1.00"))


def test_the_database_refuses_a_conversion_with_neither_amount_nor_reason(source):
    pledge = pledge_create(data=money_data(source))
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeConversion.objects.filter(pledge=pledge, target="USD").update(amount=None)


def test_an_update_of_the_amount_recomputes_and_removing_it_drops_the_conversions(source):
    pledge = pledge_create(data=money_data(source))
    before = stored(pledge)["EUR"].amount
    pledge_update(instance=pledge, data={"amount": Decimal("40000000")})
    assert stored(pledge)["EUR"].amount == before * 2
    pledge_update(instance=pledge, data={"amount": None, "currency": ""})
    assert stored(pledge) == {}


# --- Pegs and what stays unconverted ---------------------------------------------------------


def test_a_riyal_pledge_is_converted_through_the_peg(source):
    pledge = pledge_create(
        data=money_data(source, actor="SAU", amount="375000000", currency="SAR", quote=SAR_QUOTE)
    )
    usd = stored(pledge)["USD"]
    assert (usd.amount, usd.via_peg) == (Decimal("100000000.00"), True)
    assert "Saudi" in usd.rates_source or "SAMA" in usd.rates_source


def test_a_kuwaiti_dinar_pledge_is_stored_as_unconverted_with_its_reason(analyst_api, source):
    pledge = pledge_create(
        data=money_data(source, actor="KWT", amount="3000000", currency="KWD", quote=KWD_QUOTE)
    )
    shown = analyst_api.get(f"{PLEDGES}{pledge.pk}/").json()["conversions"]
    assert [(c["target"], c["amount"], c["unconverted_reason"]) for c in shown] == [
        ("EUR", None, "no_rate_for_currency"),
        ("USD", None, "no_rate_for_currency"),
    ]
    assert all(c["date_rule"] is None and c["rate"] is None for c in shown)


# --- Summary ----------------------------------------------------------------------------------


@pytest.fixture
def gulf_and_britain(source):
    return [
        pledge_create(data=money_data(source)),
        pledge_create(
            data=money_data(
                source, actor="SAU", amount="375000000", currency="SAR", quote=SAR_QUOTE
            )
        ),
        pledge_create(
            data=money_data(source, actor="KWT", amount="3000000", currency="KWD", quote=KWD_QUOTE)
        ),
    ]


def test_the_summary_totals_in_usd_and_counts_the_unconverted(api_client, gulf_and_britain):
    gbp = stored(gulf_and_britain[0])["USD"].amount
    body = api_client.get(SUMMARY, {"group_by": "kind", "currency": "USD"}).json()
    assert body["currency"] == "USD"
    [money] = [g for g in body["groups"] if g["key"] == "money"]
    assert Decimal(money["converted_total"]) == gbp + Decimal("100000000.00")
    assert money["unconverted_count"] == 1  # the Kuwaiti dinars
    assert money["amounts"] == {"GBP": "20000000.00", "KWD": "3000000.00", "SAR": "375000000.00"}

    by_actor = api_client.get(SUMMARY, {"group_by": "actor", "currency": "EUR"}).json()
    rows = {g["key"]: (g["converted_total"], g["unconverted_count"]) for g in by_actor["groups"]}
    assert rows["KWT"] == ("0.00", 1)
    assert rows["SAU"][1] == 0 and Decimal(rows["SAU"][0]) > 0

    plain = api_client.get(SUMMARY, {"group_by": "kind"}).json()
    assert plain["currency"] is None
    assert {(g["converted_total"], g["unconverted_count"]) for g in plain["groups"]} == {
        (None, None)
    }


def test_the_summary_csv_adds_the_total_columns(api_client, gulf_and_britain):
    text = api_client.get(
        SUMMARY, {"group_by": "actor", "currency": "USD", "format": "csv"}
    ).content.decode()
    header, *rows = text.strip().splitlines()
    assert header.endswith(",total_USD,unconverted_count")
    assert any(row.startswith("SAU,") and row.endswith(",100000000.00,0") for row in rows)


def test_the_summary_refuses_a_currency_it_does_not_total(api_client):
    response = api_client.get(SUMMARY, {"currency": "GBP"})
    assert "currency" in {e["attr"] for e in assert_error(response, 400)["errors"]}


def test_the_summary_known_at_uses_the_conversions_stored_then(api_client, gulf_and_britain):
    then = database_now()
    gbr = gulf_and_britain[0]
    before = stored(gbr)["USD"].amount
    pledge_update(instance=gbr, data={"amount": Decimal("40000000")})
    earlier = api_client.get(
        SUMMARY, {"group_by": "actor", "currency": "USD", "known_at": then.isoformat()}
    ).json()
    [row] = [g for g in earlier["groups"] if g["key"] == "GBR"]
    assert Decimal(row["converted_total"]) == before
    assert stored(gbr)["USD"].amount == (Decimal("40000000") * stored(gbr)["USD"].rate).quantize(
        Decimal("0.01")
    )


# --- Every writer stores the conversions ------------------------------------------------------


def test_the_admin_stores_the_conversions_and_shows_them(staff_client, source):
    country("GBR")
    url = reverse("admin:pledges_pledge_add")
    data = form_data(staff_client.get(url))
    data.update(
        {
            "actor": country("GBR").pk,
            "kind": "money",
            "status": "announced",
            "description": "£20m for Kurdish forces",
            "amount": "20000000",
            "currency": "GBP",
            "reported_conversion_amount": "32500000",
            "reported_conversion_currency": "USD",
            "announced_on": "2014-09-13",
            "announced_on_precision": "day",
            "review_status": "draft",
            "citations-0-source": source.pk,
            "citations-0-quote": GBP_QUOTE,
            "citations-0-stance": "supports",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    pledge = Pledge.objects.get()
    assert pledge.reported_conversion_amount == Decimal("32500000")
    assert set(stored(pledge)) == {"USD", "EUR"}
    page = staff_client.get(reverse("admin:pledges_pledge_change", args=[pledge.pk]))
    assert "2014-09-12" in page.content.decode() and "ECB" in page.content.decode()


def test_the_admin_refuses_half_a_reported_conversion_on_the_form(staff_client, source):
    url = reverse("admin:pledges_pledge_add")
    data = form_data(staff_client.get(url))
    data.update(
        {
            "actor": country("GBR").pk,
            "kind": "money",
            "status": "announced",
            "description": "£20m for Kurdish forces",
            "amount": "20000000",
            "currency": "GBP",
            "reported_conversion_currency": "USD",
            "announced_on": "2014-09-13",
            "review_status": "draft",
            "citations-0-source": source.pk,
            "citations-0-quote": GBP_QUOTE,
            "citations-0-stance": "supports",
        }
    )
    page = staff_client.post(url, data)
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert errors["reported_conversion_amount"] == ["Give the reported amount with its currency."]
    assert not Pledge.objects.exists()


def test_an_import_stores_the_conversions(admin_user, source):
    country("SAU")
    headers = list(PledgeResource._meta.fields)
    row = {
        "actor": "SAU",
        "kind": "money",
        "status": "announced",
        "description": "375 million riyals for displaced families",
        "amount": "375000000",
        "currency": "SAR",
        "announced_on": "2014-09-13",
        "announced_on_precision": "day",
        "review_status": "draft",
        "citation_source": source.pk,
        "citation_quote": SAR_QUOTE,
    }
    data = tablib.Dataset(headers=headers)
    data.append([row.get(h, "") for h in headers])
    result = PledgeResource().import_data(data, dry_run=False, user=admin_user)
    assert not result.has_errors() and not result.has_validation_errors()
    usd = stored(Pledge.objects.get())["USD"]
    assert (usd.amount, usd.via_peg) == (Decimal("100000000.00"), True)


def test_the_loader_stores_the_conversions(db):
    load()
    pledge = Pledge.objects.get(dataset_key="usa-humanitarian-syria-2014")
    conversions = stored(pledge)
    assert conversions["USD"].date_rule == "same_currency"
    # The text gives no day: the report of Friday 12 September 2014 decides.
    assert (conversions["EUR"].rate_date, conversions["EUR"].date_rule) == (
        dt.date(2014, 9, 12),
        "first_report_day",
    )


# --- Recomputing when the rates change --------------------------------------------------------


def test_the_command_recomputes_conversions_made_with_other_rates(source):
    fresh = pledge_create(data=money_data(source))
    stale = pledge_create(data=money_data(source, actor="SAU", amount="3750", currency="SAR"))
    PledgeConversion.objects.filter(pledge=stale).update(rates_version="CurrencyConverter 0.1")
    out = io.StringIO()
    call_command("recompute_conversions", stdout=out)
    assert "of 1 pledge(s)" in out.getvalue()
    assert set(PledgeConversion.objects.values_list("rates_version", flat=True)) == {
        rates_version()
    }
    assert set(stored(fresh)) == set(stored(stale)) == {"USD", "EUR"}
    call_command("recompute_conversions", "--all", stdout=out)
    assert "of 2 pledge(s)" in out.getvalue()


def test_the_export_has_the_conversions(api_client, gulf_and_britain):
    response = api_client.get(f"{PLEDGES}export/", {"format": "jsonl"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    rows = {row["actor"]: row for row in map(json.loads, lines)}
    assert rows["SAU"]["amount_usd"] == "100000000.00" and rows["SAU"]["usd_via_peg"] is True
    assert rows["KWT"]["amount_eur"] is None
    assert rows["KWT"]["eur_unconverted_reason"] == "no_rate_for_currency"
    assert rows["GBR"]["usd_rate_date"] == "2014-09-12"


def test_an_edit_that_leaves_the_money_alone_writes_no_conversion_event(source):
    pledge = pledge_create(data=money_data(source))
    events = PledgeConversion.pgh_event_model.objects.filter(pledge_id=pledge.pk)
    assert events.count() == 2  # one insert per target
    pledge_update(instance=pledge, data={"description": "£20m to arm Kurdish forces"})
    assert events.count() == 2
    pledge_update(instance=pledge, data={"announced_on": dt.date(2014, 9, 15)})
    assert events.count() == 4  # a new day, a new rate: one update per target


def test_analysts_and_viewers_may_see_conversions_but_not_edit_them(reference_data):
    from django.contrib.auth.models import Group

    for name in ("analysts", "viewers"):
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__model="pledgeconversion")
            .values_list("codename", flat=True)
        )
        assert codenames == {"view_pledgeconversion"}, name
