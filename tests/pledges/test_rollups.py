"""The pledge rollups: after every kind of write they equal a recompute from scratch, and
the summary and profile they serve are the live queries' answers, byte for byte."""

from __future__ import annotations

import io
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coalition.models import Actor
from pledges.choices import PersonnelRole, PledgeKind
from pledges.models import Pledge, PledgeConversion, PledgeParty
from pledges.services import pledge_create, pledge_delete, pledge_update
from tests.factories import CoalitionFactory, SourceFactory, UserFactory
from tests.support.api import token_client
from tests.support.rollups import (
    ROLLUP_READ,
    apply_pending,
    assert_rollups_fresh,
    get_both,
    rollup_state,
)

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/pledges/summary/"
CODES = ("USA", "GBR", "FRA", "NOR", "SWE", "QAT")
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "SAR")
STATUSES = ("offered", "announced", "committed", "delivered", "refused")
REVIEW = ("verified", "verified", "needs_review", "draft")


class World:
    """Random pledges written through the services, and random writes of each kind."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.actors = list(Actor.objects.filter(code__in=CODES).order_by("code"))
        self.coalition = CoalitionFactory()
        self.source = SourceFactory()

    def fields(self) -> dict:
        rng = self.rng
        kind = rng.choice(PledgeKind.values)
        data = {
            "actor": rng.choice(self.actors),
            "coalition": self.coalition,
            "kind": kind,
            "status": rng.choice(STATUSES),
            "description": f"pledge {rng.random()}",
            "review_status": rng.choice(REVIEW),
            "quantity_basis": rng.choice(("shared", "each")),
            "announced_on": rng.choice((None, "2015-03-02", "2016-07-01")),
            "quantity": None,
            "quantity_qualifier": "",
            "amount": None,
            "currency": "",
            "personnel_role": "",
        }
        if kind in ("money", "humanitarian") and rng.random() < 0.8:
            data["amount"] = Decimal(rng.randint(100, 10**9)) / 100
            data["currency"] = rng.choice(CURRENCIES)
        elif rng.random() < 0.8:
            data["quantity"] = rng.randint(1, 5000)
            data["quantity_qualifier"] = rng.choice(("exact", "about"))
            if rng.random() < 0.4:
                data["personnel_role"] = rng.choice(PersonnelRole.values)
        return data

    def parties(self, lead) -> list:
        n = self.rng.choice((0, 0, 1, 2))
        return self.rng.sample([a for a in self.actors if a != lead], n)

    def create(self) -> Pledge:
        data = self.fields()
        data["citations"] = [{"source": self.source, "quote": "Officials confirmed it."}]
        data["parties"] = self.parties(data["actor"])
        return pledge_create(data=data)

    def pledge(self) -> Pledge:
        return self.rng.choice(list(Pledge.objects.order_by("id")))


def write(world: World, what: str) -> None:
    """One write of kind ``what`` on a random pledge."""
    rng = world.rng
    pledge = world.pledge()
    fresh = world.fields()
    if what == "create":
        world.create()
    elif what == "delete":
        pledge_delete(instance=pledge)
    elif what == "figures":  # quantity, amount and currency (so conversions), role
        keys = ("quantity", "quantity_qualifier", "amount", "currency", "personnel_role")
        change = {k: fresh[k] for k in keys}
        if pledge.kind not in ("money", "humanitarian") and change["amount"] is not None:
            change = {k: fresh[k] for k in keys if k != "personnel_role"}
            change["personnel_role"] = ""
        pledge_update(instance=pledge, data=change)
    elif what in ("actor", "kind", "status", "review_status", "quantity_basis"):
        value = fresh[what]
        if what == "kind" and pledge.amount is not None:
            value = rng.choice(("money", "humanitarian"))
        if what == "actor":  # the lead may also have been a partner
            parties = [p.actor for p in pledge.parties.all() if p.ordinal > 1]
            data = {"actor": value, "parties": [a for a in parties if a != value]}
        else:
            data = {what: value}
        pledge_update(instance=pledge, data=data)
    elif what == "stages":  # what was committed and delivered: the delivery figures
        stages = [
            {"status": "committed", "occurred_on": "2016-01-04", "quantity": rng.randint(1, 900)},
            {"status": "delivered", "occurred_on": "2016-05-02", "quantity": rng.randint(1, 900)},
        ]
        pledge_update(instance=pledge, data={"stages": rng.choice((stages, stages[:1], []))})
    elif what == "parties":
        pledge_update(instance=pledge, data={"parties": world.parties(pledge.actor)})
    elif what == "conversion":  # a conversion changed or dropped by hand (rates, repair)
        conversion = PledgeConversion.objects.filter(amount__isnull=False).order_by("?").first()
        if conversion is None:
            return
        if rng.random() < 0.5:
            PledgeConversion.objects.filter(pk=conversion.pk).update(amount=conversion.amount + 1)
        else:
            PledgeConversion.objects.filter(pk=conversion.pk).delete()
    elif what == "bulk":  # one statement over many pledges
        review = rng.choice(REVIEW)
        verified_at = timezone.now() if review == "verified" else None
        Pledge.objects.filter(kind=pledge.kind).update(
            review_status=review, verified_at=verified_at, status=rng.choice(STATUSES)
        )
    else:
        raise AssertionError(what)


WRITES = (
    "create",
    "delete",
    "figures",
    "actor",
    "kind",
    "status",
    "review_status",
    "quantity_basis",
    "stages",
    "parties",
    "conversion",
    "bulk",
)


def analyst():
    return token_client(UserFactory(is_superuser=True))


def assert_answers_match(clients) -> None:
    for client in clients:
        for group_by in ("actor", "kind", "status"):
            for currency in (None, "USD", "EUR"):
                params = {"group_by": group_by, **({"currency": currency} if currency else {})}
                get_both(client, SUMMARY, params)
        get_both(client, SUMMARY, {"group_by": "actor", "currency": "EUR", "format": "csv"})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_every_kind_of_write_the_rollups_are_a_fresh_recompute(seed, api_client):
    world = World(seed)
    for _ in range(25):
        world.create()
    assert_rollups_fresh()
    clients = [api_client, analyst()]
    assert_answers_match(clients)
    for what in WRITES * 3:
        write(world, what)
        assert_rollups_fresh(), what
    assert_answers_match(clients)
    profile = f"/api/v1/actors/{world.rng.choice(CODES)}/profile/"
    for client in clients:
        get_both(client, profile)


def test_a_joint_pledge_is_credited_as_the_live_summary_credits_it(api_client):
    world = World(0)
    usa, gbr, fra = (Actor.objects.get(code=c) for c in ("USA", "GBR", "FRA"))
    citation = [{"source": world.source, "quote": "Officials confirmed it."}]
    base = {
        "coalition": world.coalition,
        "kind": "troops",
        "status": "announced",
        "description": "joint",
        "review_status": "verified",
        "quantity": 100,
        "quantity_qualifier": "exact",
        "citations": citation,
    }
    shared = pledge_create(data={**base, "actor": usa, "parties": [gbr, fra]})
    pledge_create(data={**base, "actor": gbr, "quantity_basis": "each", "parties": [usa]})
    apply_pending()
    body = get_both(api_client, SUMMARY, {"group_by": "actor"})
    assert b'"key":"FRA+GBR+USA"' in body and b'"label":"France + United Kingdom + Unit' in body
    by_kind = get_both(api_client, SUMMARY, {"group_by": "kind"})
    assert b'"quantities":{"troops":300}' in by_kind  # 100 shared once + 100 for each of two
    pledge_update(instance=shared, data={"parties": [gbr]})  # FRA leaves
    apply_pending()
    assert b'"key":"GBR+USA"' in get_both(api_client, SUMMARY, {"group_by": "actor"})
    assert_rollups_fresh()


def test_requests_the_rollups_cannot_answer_exactly_get_the_live_query(api_client):
    World(4).create()
    apply_pending()
    for params in (
        {"group_by": "actor", "kind": "troops"},  # a filter
        {"group_by": "month"},  # not kept
        {"group_by": "coalition"},
        {"group_by": "status", "as_of": "2016-01-01"},
        {"group_by": "actor", "known_at": "2030-01-01T00:00:00Z"},
    ):
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(SUMMARY, params).status_code == 200
        sql = [q["sql"] for q in queries.captured_queries]
        assert not any(table in s for s in sql for table in ROLLUP_READ), params


def test_a_transaction_with_its_own_unapplied_writes_is_answered_live(api_client):
    """Before its commit, a writer's deltas are queued: a read in the same transaction
    must still see its writes, so the live query answers it."""
    world = World(5)
    world.create()
    apply_pending()
    before = api_client.get(SUMMARY, {"group_by": "kind"}).content
    world.create()  # queued, not applied
    with CaptureQueriesContext(connection) as queries:
        after = api_client.get(SUMMARY, {"group_by": "kind"}).content
    assert any("WITH base AS NOT MATERIALIZED" in q["sql"] for q in queries.captured_queries)
    with override_settings(API_ROLLUPS=False):
        assert api_client.get(SUMMARY, {"group_by": "kind"}).content == after != before


def test_a_parties_row_of_the_lead_changes_nothing():
    """Ordinal 1 is the lead, whose figures the pledge row gives: no delta is queued."""
    pledge = World(6).create()
    apply_pending()
    before = rollup_state()
    PledgeParty.objects.filter(pledge=pledge, ordinal=1).delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pledges_pledgerollup_pending")
        assert cursor.fetchone()[0] == 0
    assert rollup_state() == before


ROLLUP_MODELS = ("PledgeRollup", "PledgeGroupRollup", "PledgeGroupSummary")


def test_the_rollups_are_not_history_and_not_released():
    from django.apps import apps

    from history.readers import tracked_models
    from releases.build import tables

    models = [apps.get_model("pledges", name) for name in ROLLUP_MODELS] + [
        apps.get_model("reports", name) for name in ("ActorSourceCount", "ActorSourceTotal")
    ]
    released = {table.model for table in tables()}
    for model in models:
        assert getattr(model, "pgh_event_model", None) is None, model
        assert model not in tracked_models() and model not in released, model


def test_rebuild_rollups_repairs_them(api_client):
    from django.core.management import call_command

    world = World(7)
    for _ in range(5):
        world.create()
    apply_pending()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE pledges_pledgerollup SET n = n + 5, quantity = 0")
        cursor.execute("DELETE FROM reports_actorsourcecount")
    call_command("rebuild_rollups", stdout=io.StringIO())
    assert_rollups_fresh()
    get_both(api_client, SUMMARY, {"group_by": "kind"})
