"""What real reporting says (issue 16): joint pledges, the coalition as a party,
conditions, people by role, deliveries against promises and withdrawals.

One test (or a few) per fact class, through the API, then the other writers (admin,
import, dataset loader) and the database's own constraints. The sentences are written
for these tests, in the style of wire reports.
"""

from __future__ import annotations

import pytest
import tablib
from django.db import IntegrityError, transaction
from django.urls import reverse

from coalition.models import Actor
from pledges.models import Pledge, PledgeParty, PledgeStage
from pledges.resources import PledgeResource
from tests.factories import CoalitionFactory, PledgeFactory, UserFactory, country
from tests.support.api import assert_error, citation_input, error_attrs, token_client
from tests.support.helpers import database_now

pytestmark = pytest.mark.django_db

PLEDGES = "/api/v1/pledges/"
SUMMARY = "/api/v1/pledges/summary/"


@pytest.fixture
def api():
    return token_client(UserFactory(is_superuser=True))


@pytest.fixture
def coalition():
    return CoalitionFactory(slug="anti-is-2014")


def pledge_input(coalition, **fields) -> dict:
    return {
        "coalition": coalition.slug,
        "status": "announced",
        "announced_on": "2015-03-02",
        "review_status": "verified",
        "citations": [citation_input()],
        **fields,
    }


def post(api, coalition, **fields) -> dict:
    response = api.post(PLEDGES, pledge_input(coalition, **fields), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def groups(api, **params) -> dict:
    response = api.get(SUMMARY, params)
    assert response.status_code == 200, response.content
    return {g["key"]: g for g in response.json()["groups"]}


# --- Joint and collective pledges ---------------------------------------------------------

# "Norway and Sweden will jointly provide 40 armoured vehicles to the Iraqi army, the two
# defence ministries said on Monday."
JOINT = {
    "actor": "NOR",
    "parties": ["NOR", "SWE"],
    "quantity_basis": "shared",
    "kind": "arms",
    "description": "40 armoured vehicles, jointly",
    "quantity": 40,
    "quantity_qualifier": "exact",
    "quantity_unit": "armoured vehicles",
    "recipient": "IRQ",
}

# "Bahrain, Qatar and Jordan would each send four jets, a coalition official said."
EACH = {
    "actor": "BHR",
    "parties": ["QAT", "JOR"],
    "quantity_basis": "each",
    "kind": "aircraft",
    "description": "Four jets each",
    "quantity": 4,
    "quantity_qualifier": "exact",
    "quantity_unit": "jets",
}


def test_a_joint_pledge_has_its_parties_lead_first(api, coalition):
    body = post(api, coalition, **JOINT)
    assert body["actor"] == "NOR"  # v1: the lead
    assert [(p["ordinal"], p["actor"]) for p in body["parties"]] == [(1, "NOR"), (2, "SWE")]
    assert body["parties"][1]["actor_summary"]["name"] == "Sweden"
    assert body["quantity_basis"] == "shared"


def test_the_lead_is_always_the_first_party(api, coalition):
    body = post(api, coalition, **{**JOINT, "parties": ["SWE"]})
    assert [p["actor"] for p in body["parties"]] == ["NOR", "SWE"]
    # A new lead on an update: it becomes party 1, the partners stay.
    response = api.patch(f"{PLEDGES}{body['id']}/", {"actor": "DNK"}, format="json")
    assert response.status_code == 200, response.json()
    assert [p["actor"] for p in response.json()["parties"]] == ["DNK", "SWE"]


def test_any_party_finds_the_pledge_and_actor_keeps_its_meaning(api, coalition):
    joint = post(api, coalition, **JOINT)
    post(api, coalition, **{**JOINT, "actor": "FIN", "parties": []})
    found = api.get(PLEDGES, {"party": "SWE"}).json()["results"]
    assert [p["id"] for p in found] == [joint["id"]]
    assert api.get(PLEDGES, {"party": "NOR"}).json()["results"][0]["id"] == joint["id"]
    # ``actor`` is the lead, as in v1: Sweden leads nothing.
    assert api.get(PLEDGES, {"actor": "SWE"}).json()["results"] == []


def test_a_shared_quantity_is_counted_once(api, coalition):
    post(api, coalition, **JOINT)
    by_actor = groups(api, group_by="actor")
    assert set(by_actor) == {"NOR+SWE"}
    assert by_actor["NOR+SWE"]["label"] == "Norway + Sweden (shared)"
    assert by_actor["NOR+SWE"]["quantities"] == {"arms": 40}
    assert groups(api, group_by="kind")["arms"]["quantities"] == {"arms": 40}


def test_an_each_quantity_is_counted_per_party(api, coalition):
    post(api, coalition, **EACH)
    by_actor = groups(api, group_by="actor")
    assert {k: g["quantities"] for k, g in by_actor.items()} == {
        "BHR": {"aircraft": 4},
        "JOR": {"aircraft": 4},
        "QAT": {"aircraft": 4},
    }
    by_kind = groups(api, group_by="kind")["aircraft"]
    assert (by_kind["count"], by_kind["quantities"]) == (1, {"aircraft": 12})


def test_an_unknown_party_is_refused_and_nothing_is_written(api, coalition):
    response = api.post(
        PLEDGES, pledge_input(coalition, **{**JOINT, "parties": ["SWE", "XXX"]}), format="json"
    )
    assert_error(response, 400)
    assert "parties.1" in error_attrs(response) or "parties" in error_attrs(response)
    assert not Pledge.objects.exists()


def test_summary_known_at_counts_the_parties_as_they_were(api, coalition):
    body = post(api, coalition, **JOINT)
    moment = database_now().isoformat()
    api.patch(f"{PLEDGES}{body['id']}/", {"parties": []}, format="json")
    assert set(groups(api, group_by="actor")) == {"NOR"}
    assert set(groups(api, group_by="actor", known_at=moment)) == {"NOR+SWE"}


def test_money_totals_follow_the_joint_pledge_rule(api, coalition):
    from decimal import Decimal

    from pledges.models import PledgeConversion

    money = {"kind": "money", "announced_on": "2015-03-02"}
    # "Norway and Sweden will jointly contribute €100 million to a stabilisation fund for
    # Iraq, the two governments announced on Monday." (shared: counted once)
    post(
        api,
        coalition,
        **money,
        actor="NOR",
        parties=["SWE"],
        quantity_basis="shared",
        description="EUR 100m, jointly",
        amount="100000000",
        currency="EUR",
    )
    # "Bahrain and Qatar will each give $5 million." (each: once per party)
    each = post(
        api,
        coalition,
        **money,
        actor="BHR",
        parties=["QAT"],
        quantity_basis="each",
        description="USD 5m each",
        amount="5000000",
        currency="USD",
    )
    # "Kuwait and Oman each pledged 2 million Kuwaiti dinars." (no rate: unconverted)
    post(
        api,
        coalition,
        **money,
        actor="KWT",
        parties=["OMN"],
        quantity_basis="each",
        description="KWD 2m each",
        amount="2000000",
        currency="KWD",
    )
    five_million = PledgeConversion.objects.get(pledge_id=each["id"], target="EUR").amount
    total = f"{Decimal(100_000_000) + 2 * five_million:.2f}"

    whole = groups(api, group_by="coalition", currency="EUR")[coalition.slug]
    assert (whole["converted_total"], whole["unconverted_count"]) == (total, 1)
    assert groups(api, group_by="kind", currency="EUR")["money"]["converted_total"] == total

    by_actor = groups(api, group_by="actor", currency="EUR")
    assert set(by_actor) == {"NOR+SWE", "BHR", "QAT", "KWT", "OMN"}
    assert by_actor["NOR+SWE"]["converted_total"] == "100000000.00"  # once, not per party
    assert by_actor["BHR"]["converted_total"] == by_actor["QAT"]["converted_total"]
    assert by_actor["QAT"]["converted_total"] == f"{five_million:.2f}"
    assert [by_actor[k]["unconverted_count"] for k in ("KWT", "OMN", "NOR+SWE")] == [1, 1, 0]
    # The groups add up to the whole: no amount counted twice, none lost.
    assert sum(Decimal(g["converted_total"]) for g in by_actor.values()) == Decimal(total)


# --- The coalition itself as a party ----------------------------------------------------------


def test_the_coalition_strikes_and_receives_as_an_actor(api, coalition):
    # "The coalition has been striking positions near Mosul for a week, its spokesman said."
    response = api.post(
        "/api/v1/actors/",
        {
            "code": "ANTI_IS",
            "kind": "coalition",
            "name": "The coalition",
            "coalition": coalition.slug,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["coalition"] == coalition.slug
    strikes = post(
        api,
        coalition,
        actor="ANTI_IS",
        kind="airstrikes",
        description="Strikes on positions near Mosul",
    )
    assert strikes["actor_summary"]["kind"] == "coalition"
    # "Canada will hand the coalition 20 surveillance drones."
    gift = post(
        api,
        coalition,
        actor="CAN",
        recipient="ANTI_IS",
        kind="intelligence",
        description="20 surveillance drones to the coalition",
        quantity=20,
        quantity_qualifier="exact",
    )
    assert gift["recipient"] == "ANTI_IS"


def test_an_actor_of_kind_coalition_names_its_coalition(api, coalition):
    response = api.post(
        "/api/v1/actors/", {"code": "NOPE", "kind": "coalition", "name": "Nameless"}, format="json"
    )
    assert_error(response, 400)
    assert not Actor.objects.filter(code="NOPE").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(code="NOPE2", kind="country", name="X", coalition=coalition)


# --- Conditions --------------------------------------------------------------------------------

# "The Dutch jets will operate over Iraq only and have no mandate over Syria; they will not
# fly close air support missions. The deployment is for six months and parliament must
# still approve it, the cabinet said."
CONDITIONS = {
    "actor": "NLD",
    "kind": "aircraft",
    "description": "Six F-16s, Iraq only, for six months",
    "quantity": 6,
    "quantity_qualifier": "exact",
    "applies_in": ["IRQ"],
    "excluded_from": ["SYR"],
    "caveats": ["no close air support missions"],
    "duration": 6,
    "duration_unit": "months",
    "pending_approval": "parliament",
    "pending_approval_note": "vote expected next week",
}


def test_conditions_are_recorded_and_read_back(api, coalition):
    body = post(api, coalition, **CONDITIONS)
    for name in ("applies_in", "excluded_from", "caveats", "duration", "duration_unit"):
        assert body[name] == CONDITIONS[name]
    assert (body["pending_approval"], body["pending_approval_note"]) == (
        "parliament",
        "vote expected next week",
    )
    plain = post(api, coalition, **{**JOINT, "actor": "FIN", "parties": []})
    assert (plain["duration_unit"], plain["pending_approval"], plain["caveats"]) == (None, None, [])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"excluded_from": ["IRQ"]}, None),  # in and out at once (the constraint's message)
        ({"duration_unit": None}, None),
        ({"applies_in": ["ZZZ"]}, "applies_in"),
        ({"applies_in": ["iraq"]}, "applies_in.0"),
        ({"pending_approval": None}, None),  # a note without whose approval
    ],
)
def test_bad_conditions_are_400_and_nothing_is_written(api, coalition, change, field):
    response = api.post(PLEDGES, pledge_input(coalition, **{**CONDITIONS, **change}), format="json")
    assert_error(response, 400)
    if field:
        assert field in error_attrs(response), response.json()
    assert not Pledge.objects.exists()


def test_the_database_refuses_a_place_both_in_and_out():
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeFactory(applies_in=["IRQ", "SYR"], excluded_from=["SYR"])
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeFactory(duration=6)


# --- People by role ------------------------------------------------------------------------


def test_personnel_are_summed_by_role_per_actor(api, coalition):
    # "Denmark will send 120 military trainers and 20 medics to Erbil."
    trainers = {"kind": "training", "quantity_qualifier": "exact", "actor": "DNK"}
    post(
        api,
        coalition,
        **trainers,
        description="120 trainers",
        quantity=120,
        personnel_role="trainers",
        quantity_unit="military trainers",
    )
    post(
        api,
        coalition,
        **trainers,
        description="20 medics",
        quantity=20,
        personnel_role="medical",
        quantity_unit="medics",
    )
    # "Norway and Sweden will together deploy 60 instructors." (shared: counted once)
    post(
        api,
        coalition,
        **{
            **JOINT,
            "kind": "training",
            "quantity": 60,
            "personnel_role": "trainers",
            "description": "60 instructors",
        },
    )
    by_actor = groups(api, group_by="actor")
    assert by_actor["DNK"]["personnel"] == {"medical": 20, "trainers": 120}
    assert by_actor["NOR+SWE"]["personnel"] == {"trainers": 60}
    assert groups(api, group_by="kind")["training"]["personnel"] == {
        "medical": 20,
        "trainers": 180,
    }


def test_a_role_is_a_codelist_and_never_money(api, coalition):
    response = api.post(
        PLEDGES, pledge_input(coalition, **{**JOINT, "personnel_role": "cooks"}), format="json"
    )
    assert "personnel_role" in error_attrs(response)
    response = api.post(
        PLEDGES,
        pledge_input(
            coalition,
            actor="DNK",
            kind="money",
            description="Money",
            amount="1000000.00",
            currency="DKK",
            personnel_role="troops",
        ),
        format="json",
    )
    assert_error(response, 400)
    assert not Pledge.objects.exists()


# --- Deliveries against promises ---------------------------------------------------------------


def test_only_12_of_90_vehicles_arrived(api, coalition):
    # "Only 12 of the 90 vehicles Germany promised in March have arrived, a ministry
    # spokesman conceded."
    body = post(
        api,
        coalition,
        actor="DEU",
        kind="arms",
        status="committed",
        description="90 armoured vehicles",
        quantity=90,
        quantity_qualifier="exact",
        stages=[
            {"status": "committed", "occurred_on": "2015-03-02", "quantity": 90},
            {"status": "delivered", "occurred_on": "2015-06-10", "quantity": 12},
        ],
    )
    assert (body["committed_quantity"], body["delivered_quantity"], body["delivery_gap"]) == (
        90,
        12,
        78,
    )
    for group_by, key in (("actor", "DEU"), ("kind", "arms")):
        group = groups(api, group_by=group_by)[key]
        assert (group["committed"], group["delivered"], group["delivery_gap"]) == (
            {"arms": 90},
            {"arms": 12},
            {"arms": 78},
        )
    # More arrive: the gap follows the stages.
    stages = [*body["stages"]]
    stages[1] = {**stages[1], "quantity": 50}
    stages = [{k: v for k, v in s.items() if k != "id"} for s in stages]
    response = api.patch(f"{PLEDGES}{body['id']}/", {"stages": stages}, format="json")
    assert response.json()["delivery_gap"] == 40


def test_a_promise_with_no_delivery_yet_owes_all_of_it(api, coalition):
    body = post(api, coalition, **{**JOINT, "actor": "FIN", "parties": []})
    assert (body["committed_quantity"], body["delivered_quantity"], body["delivery_gap"]) == (
        40,
        0,
        40,
    )
    refusal = post(
        api,
        coalition,
        actor="TUR",
        kind="basing",
        status="refused",
        description="No use of Incirlik",
    )
    assert refusal["delivery_gap"] is None


def test_the_database_keeps_the_gap_consistent():
    pledge = PledgeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.filter(pk=pledge.pk).update(
            committed_quantity=90, delivered_quantity=12, delivery_gap=10
        )


# --- Withdrawals -------------------------------------------------------------------------


def withdrawn(**change) -> dict:
    # "Canada will pull out its four jets by the end of the month, the defence minister said."
    return {
        "actor": "CAN",
        "kind": "aircraft",
        "status": "withdrawn",
        "description": "Four jets, pulled out",
        "quantity": 4,
        "quantity_qualifier": "exact",
        "stages": [
            {"status": "committed", "occurred_on": "2014-10-07"},
            {"status": "withdrawn", "occurred_on": "2016-02-15"},
        ],
        **change,
    }


def test_a_dated_withdrawal_ends_the_pledge(api, coalition):
    body = post(api, coalition, **withdrawn())
    assert body["ends_on"] == "2016-02-15"
    listed = api.get(PLEDGES, {"as_of": "2016-03-01"}).json()["results"]
    assert [p["status_as_of"] for p in listed] == ["withdrawn"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "committed"}, "status"),
        ({"stages": [{"status": "withdrawn"}]}, "stages.0"),  # undated
        (
            {
                "stages": [
                    {"status": "withdrawn", "occurred_on": "2016-02-15"},
                    {"status": "delivered", "occurred_on": "2016-03-01"},
                ]
            },
            "stages",
        ),
        ({"ends_on": "2016-06-30"}, "ends_on"),
    ],
)
def test_a_withdrawal_is_the_end(api, coalition, change, field):
    response = api.post(PLEDGES, pledge_input(coalition, **withdrawn(**change)), format="json")
    assert_error(response, 400)
    assert field in error_attrs(response), response.json()
    assert not Pledge.objects.exists()


def test_the_database_refuses_an_undated_withdrawal():
    pledge = PledgeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeStage.objects.create(pledge=pledge, status="withdrawn")


# --- The other writers: admin, import, loader ---------------------------------------------


def admin_form(staff_client, coalition, source, **extra) -> dict:
    from tests.pledges.test_admin_write_path import form_data

    data = form_data(staff_client.get(reverse("admin:pledges_pledge_add")))
    data.update(
        {
            "actor": country("NOR").pk,
            "coalition": coalition.pk,
            "kind": "arms",
            "status": "announced",
            "description": "40 armoured vehicles, jointly",
            "quantity": "40",
            "quantity_qualifier": "exact",
            "quantity_basis": "shared",
            "applies_in": "IRQ",
            "announced_on": "2015-03-02",
            "review_status": "draft",
            "citations-0-source": source.pk,
            "citations-0-quote": "jointly provide 40 armoured vehicles",
            "citations-0-stance": "supports",
            "parties-TOTAL_FORMS": "1",
            "parties-0-actor": country("SWE").pk,
            **extra,
        }
    )
    return data


def test_the_admin_enters_a_joint_pledge_on_one_screen(staff_client, coalition):
    from tests.factories import SourceFactory

    source = SourceFactory(text="Norway and Sweden will jointly provide 40 armoured vehicles.")
    response = staff_client.post(
        reverse("admin:pledges_pledge_add"), admin_form(staff_client, coalition, source)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    pledge = Pledge.objects.get()
    assert [p.actor.code for p in pledge.parties.order_by("ordinal")] == ["NOR", "SWE"]
    assert pledge.applies_in == ["IRQ"]
    assert (pledge.committed_quantity, pledge.delivery_gap) == (40, 40)
    page = staff_client.get(reverse("admin:pledges_pledge_change", args=[pledge.pk]))
    assert page.status_code == 200
    assert "partners in a joint pledge" in page.content.decode().lower()


def test_the_admin_shows_a_refused_condition_and_writes_nothing(staff_client, coalition):
    from tests.factories import SourceFactory

    source = SourceFactory(text="Norway and Sweden will jointly provide 40 armoured vehicles.")
    data = admin_form(staff_client, coalition, source, excluded_from="IRQ")
    page = staff_client.post(reverse("admin:pledges_pledge_add"), data)
    assert page.status_code == 200
    assert "both where the pledge applies" in page.content.decode()
    assert not Pledge.objects.exists()


def stage_rows(*stages: dict) -> dict:
    data = {"stages-TOTAL_FORMS": str(len(stages)), "stages-INITIAL_FORMS": "0"}
    for i, stage in enumerate(stages):
        data.update({f"stages-{i}-occurred_on_precision": "day", f"stages-{i}-note": ""})
        data.update({f"stages-{i}-{name}": value for name, value in stage.items()})
    return data


def test_the_admin_records_the_coalition_people_and_a_delivery_gap(staff_client, coalition):
    from coalition.services import actor_create
    from tests.factories import SourceFactory

    # "The coalition will deploy 90 trainers to Erbil; only 12 had arrived by June, a
    # spokesman said."
    text = "The coalition will deploy 90 trainers to Erbil; only 12 had arrived by June."
    source = SourceFactory(text=text)
    the_coalition = actor_create(
        data={
            "code": "ANTI_IS",
            "kind": "coalition",
            "name": "The coalition",
            "coalition": coalition,
        }
    )
    data = admin_form(
        staff_client,
        coalition,
        source,
        **{
            "actor": the_coalition.pk,
            "kind": "training",
            "status": "committed",
            "description": "90 trainers for Erbil",
            "quantity": "90",
            "quantity_unit": "trainers",
            "personnel_role": "trainers",
            "applies_in": "",
            "citations-0-quote": "deploy 90 trainers to Erbil",
            "parties-TOTAL_FORMS": "0",
            **stage_rows(
                {"status": "committed", "occurred_on": "2015-03-02", "quantity": "90"},
                {"status": "delivered", "occurred_on": "2015-06-01", "quantity": "12"},
            ),
        },
    )
    response = staff_client.post(reverse("admin:pledges_pledge_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    pledge = Pledge.objects.get()
    assert (pledge.actor.kind, pledge.actor.coalition) == ("coalition", coalition)
    assert pledge.personnel_role == "trainers"
    assert (pledge.committed_quantity, pledge.delivered_quantity, pledge.delivery_gap) == (
        90,
        12,
        78,
    )


def test_the_admin_records_a_withdrawal_and_refuses_an_undated_one(staff_client, coalition):
    from tests.factories import SourceFactory

    # "Canada will pull out its four jets on 15 February, the defence minister said."
    source = SourceFactory(text="Canada will pull out its four jets on 15 February.")
    fields = {
        "actor": country("CAN").pk,
        "kind": "aircraft",
        "status": "withdrawn",
        "description": "Four jets, pulled out",
        "quantity": "4",
        "applies_in": "",
        "citations-0-quote": "Canada will pull out its four jets",
        "parties-TOTAL_FORMS": "0",
    }
    undated = admin_form(
        staff_client,
        coalition,
        source,
        **fields,
        **stage_rows({"status": "committed", "occurred_on": "2014-10-07"}, {"status": "withdrawn"}),
    )
    page = staff_client.post(reverse("admin:pledges_pledge_add"), undated)
    assert page.status_code == 200
    assert "A withdrawal ends the pledge: give its date." in page.content.decode()
    assert not Pledge.objects.exists()

    dated = admin_form(
        staff_client,
        coalition,
        source,
        **fields,
        **stage_rows(
            {"status": "committed", "occurred_on": "2014-10-07"},
            {"status": "withdrawn", "occurred_on": "2016-02-15"},
        ),
    )
    response = staff_client.post(reverse("admin:pledges_pledge_add"), dated)
    assert response.status_code == 302, response.context["adminform"].form.errors
    pledge = Pledge.objects.get()
    assert (pledge.status, str(pledge.ends_on)) == ("withdrawn", "2016-02-15")


IMPORT_HEADERS = list(PledgeResource._meta.fields)


def import_rows(*rows: dict) -> tablib.Dataset:
    data = tablib.Dataset(headers=IMPORT_HEADERS)
    for row in rows:
        data.append([row.get(h, "") for h in IMPORT_HEADERS])
    return data


def import_row(source, **overrides) -> dict:
    return {
        "actor": "NOR",
        "kind": "arms",
        "status": "announced",
        "description": "40 armoured vehicles, jointly",
        "quantity": 40,
        "quantity_qualifier": "exact",
        "quantity_basis": "shared",
        "parties": "NOR,SWE",
        "applies_in": "IRQ",
        "caveats": "not for use in Syria",
        "duration": 12,
        "duration_unit": "months",
        "announced_on": "2015-03-02",
        "announced_on_precision": "day",
        "review_status": "draft",
        "citation_source": source.pk,
        "citation_quote": "jointly provide 40 armoured vehicles",
        **overrides,
    }


def test_an_import_row_carries_parties_and_conditions(admin_user):
    from tests.factories import SourceFactory

    source = SourceFactory(text="Norway and Sweden will jointly provide 40 armoured vehicles.")
    result = PledgeResource().import_data(
        import_rows(import_row(source)), dry_run=False, user=admin_user
    )
    assert not result.has_errors() and not result.has_validation_errors()
    pledge = Pledge.objects.get()
    assert [p.actor.code for p in pledge.parties.order_by("ordinal")] == ["NOR", "SWE"]
    assert (pledge.applies_in, pledge.duration, pledge.duration_unit) == (["IRQ"], 12, "months")
    exported = PledgeResource().export()
    assert exported.dict[0]["parties"] == "NOR,SWE"


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"parties": "NOR,XXX"}, "parties"),
        ({"excluded_from": "IRQ"}, None),
        ({"duration_unit": ""}, None),
    ],
)
def test_a_refused_import_row_writes_nothing(admin_user, overrides, column):
    from tests.factories import SourceFactory

    source = SourceFactory(text="Norway and Sweden will jointly provide 40 armoured vehicles.")
    result = PledgeResource().import_data(
        import_rows(import_row(source, **overrides)), dry_run=False, user=admin_user
    )
    assert result.has_validation_errors() or result.has_errors()
    if column:
        [invalid] = result.invalid_rows
        assert column in invalid.error_dict
    assert not Pledge.objects.exists()


TROOPS_YAML = "quantity_qualifier: exact\n    quantity_unit: troops\n"


def test_the_loader_writes_parties_roles_and_conditions(db, tmp_path):
    from tests.dataset.conftest import copy_data, edit_yaml, load

    data = copy_data(tmp_path)
    edit_yaml(
        data / "articles/000_dw_us_seeks_allies_in_paris.yaml",
        TROOPS_YAML,
        TROOPS_YAML + "    parties: [AUS, NZL]\n    quantity_basis: each\n"
        "    applies_in: [IRQ]\n    caveats: [no combat role]\n",
    )
    load("--data", str(data))
    pledge = Pledge.objects.get(dataset_key="aus-troops-2014")
    assert [p.actor.code for p in pledge.parties.order_by("ordinal")] == ["AUS", "NZL"]
    assert (pledge.quantity_basis, pledge.personnel_role) == ("each", "troops")
    assert (pledge.applies_in, pledge.caveats) == (["IRQ"], ["no combat role"])
    assert (pledge.committed_quantity, pledge.delivery_gap) == (600, 600)
    # A second load rewrites nothing: the loader compares the parties it wrote.
    events = PledgeParty.pgh_event_model.objects.count()
    load("--data", str(data))
    assert PledgeParty.pgh_event_model.objects.count() == events
    assert [p.actor.code for p in pledge.parties.order_by("ordinal")] == ["AUS", "NZL"]


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        ("    parties: [AUS, XXX]\n", "unknown actor 'XXX'"),
        ("    applies_in: [IRQ]\n    excluded_from: [IRQ]\n", "both where the pledge applies"),
        ("    duration: 6\n", "A duration needs a unit"),
    ],
)
def test_the_loader_refuses_what_the_rules_refuse(db, tmp_path, addition, message):
    from django.core.management import CommandError

    from tests.dataset.conftest import copy_data, edit_yaml, load

    data = copy_data(tmp_path)
    edit_yaml(
        data / "articles/000_dw_us_seeks_allies_in_paris.yaml", TROOPS_YAML, TROOPS_YAML + addition
    )
    with pytest.raises(CommandError, match=message):
        load("--data", str(data))
    assert not Pledge.objects.filter(dataset_key="aus-troops-2014").exists()


def test_known_at_shows_the_parties_and_conditions_as_they_were(api, coalition):
    body = post(api, coalition, **{**JOINT, "caveats": ["no combat role"]})
    moment = database_now().isoformat()
    api.patch(f"{PLEDGES}{body['id']}/", {"parties": ["DNK"], "caveats": []}, format="json")
    [then] = api.get(PLEDGES, {"known_at": moment}).json()["results"]
    assert [p["actor"] for p in then["parties"]] == ["NOR", "SWE"]
    assert then["caveats"] == ["no combat role"]
    [now] = api.get(PLEDGES).json()["results"]
    assert ([p["actor"] for p in now["parties"]], now["caveats"]) == (["NOR", "DNK"], [])
