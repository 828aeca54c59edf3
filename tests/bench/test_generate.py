"""The synthetic data generator loads rows that every database constraint accepts.

A tiny plan, loaded inside the test's transaction on the test database: this checks
the generator against the current models, not its speed (``make bench`` does that).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count

from bench import generate
from coalition.models import Actor, Membership
from pledges.models import Pledge, PledgeCitation, PledgeStage
from sources.models import Source
from tests.factories import PledgeFactory

PLAN = generate.Plan(pledges=300, sources=40, citations=600, coalitions=3, seed=3)


class Progress:
    def update(self, n: int) -> None:
        pass

    def set_description(self, text: str) -> None:
        pass


def load(plan: generate.Plan = PLAN) -> generate.Loader:
    connection.ensure_connection()
    loader, _ = generate.load(
        connection.connection,
        plan,
        Progress(),
        generate.column_defaults(),
        generate.history_tables(),
    )
    return loader


@pytest.mark.django_db
def test_tiny_plan_loads_exact_counts():
    load()
    assert Pledge.objects.count() == PLAN.pledges
    assert Source.objects.count() == PLAN.sources
    assert PledgeCitation.objects.count() == PLAN.citations
    assert PledgeStage.objects.exists()
    assert Membership.objects.values("coalition").distinct().count() == PLAN.coalitions
    assert Actor.objects.filter(kind="country").count() == 249
    assert Actor.objects.exclude(kind="country").count() == len(generate.EXTRA_ACTORS)


@pytest.mark.django_db
def test_sequences_continue_after_the_loaded_ids():
    load()
    pledge = PledgeFactory(actor=Actor.objects.get(code="FRA"))
    assert pledge.pk == PLAN.pledges + 1


@pytest.mark.django_db
def test_same_seed_same_rows():
    load()
    first = list(Pledge.objects.order_by("id").values_list("actor_id", "kind", "quantity")[:50])
    load()
    again = list(Pledge.objects.order_by("id").values_list("actor_id", "kind", "quantity")[:50])
    assert first == again


@pytest.mark.django_db
def test_the_united_states_pledge_the_most():
    load()
    counts = Pledge.objects.values("actor__code").annotate(n=Count("id")).order_by("-n")
    assert counts[0]["actor__code"] == "USA"
