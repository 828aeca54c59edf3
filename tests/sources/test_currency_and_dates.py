"""Currencies are ISO 4217 codes in force and dates lie from 1900-01-01 to 2100-12-31:
the database refuses anything else, and the API and the admin say so on the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pycountry
import pytest
from django.apps import apps
from django.contrib import admin
from django.db import IntegrityError, models, transaction
from django.test import RequestFactory
from pghistory.models import Event

from pledges.models import Pledge, PledgeProposal
from sources.validators import EARLIEST_DATE, ISO_4217_CODES, LATEST_DATE
from tests.coalition import test_resources as coalition_resources
from tests.factories import (
    AgreementFactory,
    CoalitionFactory,
    MeetingFactory,
    MembershipFactory,
    PledgeFactory,
    PledgeStageFactory,
    SizeReportFactory,
    SourceFactory,
    UserFactory,
    country,
)
from tests.pledges import test_resources as pledge_resources
from tests.sources import test_resources as source_resources
from tests.support.api import assert_error, token_client

pytestmark = pytest.mark.django_db

IMPLAUSIBLE = ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"]
MONEY = {
    "kind": "money",
    "quantity": None,
    "quantity_qualifier": "",
    "quantity_unit": "",
    "amount": Decimal("5000000"),
}


def rejected(constraint: str, build) -> None:
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        build()
    assert constraint in str(excinfo.value)


def superuser_client():
    return token_client(UserFactory(is_superuser=True))


def admin_form(model, data):
    request = RequestFactory().post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = admin.site.get_model_admin(model).get_form(request)
    return form_class(data=data)


# --- Currencies -------------------------------------------------------------------------


def test_the_codes_are_pycountrys_less_the_codes_that_are_not_money():
    assert set(ISO_4217_CODES) == {c.alpha_3 for c in pycountry.currencies} - {"XTS", "XXX"}
    assert {"USD", "EUR", "GBP", "JPY", "SAR", "AUD", "CAD", "XDR"} <= set(ISO_4217_CODES)


@pytest.mark.parametrize("code", ["ZZZ", "XXX", "ABC"])
def test_database_refuses_a_pledge_currency_that_is_not_iso_4217(code):
    pledge = PledgeFactory(**MONEY, currency="USD")
    rejected(
        "pledge_currency_iso4217",
        lambda: Pledge.objects.filter(pk=pledge.pk).update(currency=code),
    )


def test_database_refuses_a_proposal_currency_that_is_not_iso_4217():
    pledge = PledgeFactory()
    proposal = PledgeProposal.objects.create(
        source=SourceFactory(),
        quote="Germany pledged five million euros.",
        actor=pledge.actor,
        kind="money",
        status="announced",
        description="Five million euros",
        amount=Decimal("5000000"),
        currency="EUR",
        confidence=0.9,
    )
    rejected(
        "pledgeproposal_currency_iso4217",
        lambda: PledgeProposal.objects.filter(pk=proposal.pk).update(currency="ZZZ"),
    )


@pytest.mark.parametrize("code", ["ZZZ", "XTS", "usd"])
def test_api_refuses_a_currency_that_is_not_iso_4217_on_the_field(code):
    data = {
        **pledge_resources.TestPledges().create_data(),
        "kind": "money",
        "quantity": None,
        "quantity_qualifier": None,
        "quantity_unit": "",
        "amount": "5000000.00",
        "currency": code,
    }
    data.pop("stages")
    count = Pledge.objects.count()
    response = superuser_client().post("/api/v1/pledges/", data, format="json")
    body = assert_error(response, 400, "validation_error")
    assert [e["attr"] for e in body["errors"]] == ["currency"], body
    assert "ISO 4217" in body["errors"][0]["detail"]
    assert Pledge.objects.count() == count


def test_api_accepts_an_iso_4217_currency():
    data = {
        **pledge_resources.TestPledges().create_data(),
        "kind": "money",
        "quantity": None,
        "quantity_qualifier": None,
        "quantity_unit": "",
        "amount": "5000000.00",
        "currency": "SAR",
    }
    data.pop("stages")
    response = superuser_client().post("/api/v1/pledges/", data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["currency"] == "SAR"


def test_admin_pledge_form_offers_only_iso_4217_currencies():
    form = admin_form(Pledge, {"currency": "ZZZ", "amount": "5000000", "kind": "money"})
    assert not form.is_valid()
    assert "ZZZ is not one of the available choices" in " ".join(form.errors["currency"])
    choices = dict(form.fields["currency"].choices)
    assert choices["DKK"] == "DKK — Danish Krone" and choices[""] == "—"
    assert "ZZZ" not in choices and "XXX" not in choices  # not money


@pytest.mark.urls("tests.intake.urls")
@pytest.mark.parametrize(
    ("correction", "attr"),
    [({"currency": "ZZZ"}, "currency"), ({"announced_on": "9999-12-31"}, "announced_on")],
)
def test_accepting_a_proposal_with_a_bad_correction_is_400_on_the_field(correction, attr):
    source = SourceFactory(text="Germany pledged five million euros in aid on Monday.")
    proposal = PledgeProposal.objects.create(
        source=source,
        quote="Germany pledged five million euros in aid on Monday.",
        actor=PledgeFactory().actor,
        kind="money",
        status="announced",
        description="Five million euros",
        amount=Decimal("5000000"),
        currency="EUR",
        confidence=0.9,
    )
    client = token_client(UserFactory(permissions=["pledges.add_pledge"]))
    response = client.post(
        f"/api/v1/sources/{source.pk}/proposals/{proposal.pk}/accept/", correction, format="json"
    )
    body = assert_error(response, 400, "validation_error")
    assert [e["attr"] for e in body["errors"]] == [attr], body
    proposal.refresh_from_db()
    assert proposal.state == "pending"


# --- Dates --------------------------------------------------------------------------------


def date_columns() -> list[tuple[type[models.Model], str]]:
    """Every date column of every source and claim model (history tables aside)."""
    found = []
    for label in ("sources", "coalition", "pledges"):
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, Event):  # history tables keep what was written
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.DateField) and not isinstance(
                    field, models.DateTimeField
                ):
                    found.append((model, field.name))
    return found


FACTORIES = {
    "Source": SourceFactory,
    "Coalition": CoalitionFactory,
    "Membership": MembershipFactory,
    "Meeting": MeetingFactory,
    "SizeReport": SizeReportFactory,
    "Pledge": PledgeFactory,
    "PledgeStage": PledgeStageFactory,
    "Agreement": AgreementFactory,
    "PledgeConversion": lambda: converted_pledge().conversions.get(target="USD"),
    "PledgeProposal": lambda: pledge_proposal(),
}


def pledge_proposal():
    """A pending proposal as the extractor stores it, with no announcement day."""
    from pledges.models import PledgeProposal

    text = "Chile will send 40 tanks."
    return PledgeProposal.objects.create(
        source=SourceFactory(text=text),
        quote=text,
        quote_start=0,
        actor=country("CHL"),
        kind="arms",
        status="announced",
        description="40 tanks",
        quantity=40,
        quantity_qualifier="exact",
        confidence=0.7,
    )


def converted_pledge():
    """A pledge in euros with its conversions, stored as every writer stores them."""
    from pledges.services import pledge_conversions_set

    pledge = PledgeFactory(
        kind="money", amount=Decimal("1000000"), currency="EUR", announced_on=dt.date(2015, 3, 2)
    )
    pledge_conversions_set(pledge=pledge)
    return pledge


def test_every_date_column_is_known_here():
    names = {(model.__name__, name) for model, name in date_columns()}
    assert names == {
        ("Source", "published_on"),
        ("Coalition", "started_on"),
        ("Coalition", "ended_on"),
        ("Membership", "started_on"),
        ("Membership", "ended_on"),
        ("Meeting", "held_on"),
        ("Meeting", "ended_on"),
        ("SizeReport", "reported_on"),
        ("Pledge", "announced_on"),
        ("Pledge", "starts_on"),
        ("Pledge", "ends_on"),
        ("PledgeStage", "occurred_on"),
        ("Agreement", "signed_on"),
        ("PledgeConversion", "rate_date"),
        ("PledgeProposal", "announced_on"),
    }


def implausible_cases():
    """(model, field, day) for every date column; an end date is only tried late (an
    early one would break the end-after-start rule first)."""
    early, late = [dt.date(1, 1, 1), dt.date(1899, 12, 31)], [dt.date(2101, 1, 1), dt.date.max]
    return [
        pytest.param(model, field, day, id=f"{model.__name__}.{field}={day}")
        for model, field in date_columns()
        for day in (late if field == "ended_on" or field == "ends_on" else early + late)
    ]


@pytest.mark.parametrize(("model", "field", "day"), implausible_cases())
def test_database_refuses_an_implausible_date_in_every_column(model, field, day):
    obj = FACTORIES[model.__name__]()
    rejected(
        f"{model._meta.model_name}_{field}_plausible",
        lambda: model.objects.filter(pk=obj.pk).update(**{field: day}),
    )


@pytest.mark.parametrize(
    ("model", "field", "day"),
    [
        pytest.param(model, field, day, id=f"{model.__name__}.{field}={day}")
        for model, field in date_columns()
        for day in ([LATEST_DATE] if field == "ended_on" else [EARLIEST_DATE, LATEST_DATE])
    ],
)
def test_the_ends_of_the_range_are_plausible(model, field, day):
    obj = FACTORIES[model.__name__]()
    with transaction.atomic():
        model.objects.filter(pk=obj.pk).update(**{field: day})
    assert getattr(model.objects.get(pk=obj.pk), field) == day


API_DATES = [
    (source_resources.TestSources, "published_on"),
    (coalition_resources.TestCoalitions, "started_on"),
    (coalition_resources.TestCoalitions, "ended_on"),
    (coalition_resources.TestMemberships, "started_on"),
    (coalition_resources.TestMemberships, "ended_on"),
    (coalition_resources.TestMeetings, "held_on"),
    (coalition_resources.TestMeetings, "ended_on"),
    (coalition_resources.TestSizeReports, "reported_on"),
    (pledge_resources.TestPledges, "announced_on"),
    (pledge_resources.TestPledges, "starts_on"),
    (pledge_resources.TestPledges, "ends_on"),
    (pledge_resources.TestPledges, "stages.0.occurred_on"),
]


@pytest.mark.parametrize(("resource", "attr"), API_DATES, ids=lambda v: getattr(v, "url", v))
@pytest.mark.parametrize("day", IMPLAUSIBLE)
def test_api_refuses_an_implausible_date_on_the_field(resource, attr, day):
    data = resource().create_data()
    if attr.startswith("stages."):
        data["stages"][0]["occurred_on"] = day
    else:
        data[attr] = day
    count = resource.model.objects.count()
    response = superuser_client().post(resource.url, data, format="json")
    body = assert_error(response, 400, "validation_error")
    assert [e["attr"] for e in body["errors"]] == [attr], body
    assert "1900-01-01 to 2100-12-31" in body["errors"][0]["detail"]
    assert resource.model.objects.count() == count


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (Pledge, {"announced_on": "0001-01-01"}, "announced_on"),
        (Pledge, {"ends_on": "9999-12-31"}, "ends_on"),
        ("coalition.Coalition", {"started_on": "1899-12-31"}, "started_on"),
        ("sources.Source", {"published_on": "9999-12-31"}, "published_on"),
    ],
)
def test_admin_form_refuses_an_implausible_date_on_the_field(model, data, field):
    if isinstance(model, str):
        model = apps.get_model(model)
    form = admin_form(model, data)
    assert not form.is_valid()
    assert "1900-01-01 to 2100-12-31" in " ".join(form.errors[field]), form.errors


# --- Date query parameters -------------------------------------------------------------------


def date_parameters():
    """(path, name) of every date query parameter in the schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        for parameter in (operation or {}).get("parameters", []):
            if parameter["in"] == "query" and parameter["schema"].get("format") == "date":
                found.append((path, parameter["name"]))
    return found


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_date_query_parameters_at_the_calendars_ends_are_not_a_server_error(day):
    membership = MembershipFactory(review_status="verified")
    PledgeFactory(coalition=membership.coalition, review_status="verified")
    client = superuser_client()
    parameters = date_parameters()
    assert len(parameters) >= 10
    for path, name in parameters:
        url = path.replace("{slug}", membership.coalition.slug)
        response = client.get(url, {name: day})
        assert response.status_code in (200, 400), (url, name, response.content[:300])
