"""Writers in their own sessions, committing at the same time on the same pledges and
groups: when they are done, every rollup equals a recompute from scratch."""

from __future__ import annotations

import random
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from coalition.models import Actor
from pledges.models import Pledge, PledgeCitation, PledgeConversion, PledgeParty
from pledges.services import pledge_delete, pledge_update
from tests.factories import MembershipCitationFactory
from tests.pledges.test_rollups import CODES, World
from tests.support.rollups import (
    assert_rollups_fresh,
    fresh_state,
    get_both,
    pending_rows,
    rollup_state,
)

THREADS = 4
TRANSACTIONS = 8


def shared_write(rng: random.Random, n: int, pledge: Pledge, actors: list[Actor], source):
    """One statement on a pledge other writers change too: each kind of row a writer
    may touch beside another's (the pledge, a party of its own ordinal, a conversion,
    a citation)."""
    what = rng.choice(("kind", "review", "actor", "party", "conversion", "citation"))
    if what == "kind":
        Pledge.objects.filter(pk=pledge.pk, amount__isnull=True).update(
            kind=rng.choice(("troops", "aircraft", "arms")),
            status=rng.choice(("offered", "refused")),
        )
    elif what == "review":
        review = rng.choice(("verified", "draft"))
        Pledge.objects.filter(pk=pledge.pk).update(
            review_status=review, verified_at=timezone.now() if review == "verified" else None
        )
    elif what == "actor":
        Pledge.objects.filter(pk=pledge.pk).update(actor=rng.choice(actors))
    elif what == "party":  # this writer's own ordinal and actor: never a duplicate
        mine = PledgeParty.objects.filter(pledge=pledge, ordinal=10 + n)
        if mine.exists():
            mine.delete()
        else:
            PledgeParty.objects.filter(pledge=pledge, actor=actors[n]).delete()
            PledgeParty.objects.create(pledge=pledge, actor=actors[n], ordinal=10 + n)
    elif what == "conversion":
        PledgeConversion.objects.filter(pledge=pledge, amount__isnull=False).update(
            amount=Decimal(rng.randint(1, 10**6))
        )
    else:
        PledgeCitation.objects.create(pledge=pledge, source=source, quote=f"Writer {n} read it.")


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_leave_the_rollups_equal_to_a_recompute(reference_data, api_client):
    world = World(21)
    for _ in range(12):
        world.create()
    shared = list(Pledge.objects.order_by("id")[:4])
    MembershipCitationFactory(membership__actor=shared[0].actor, source=world.source)
    actors = list(Actor.objects.filter(code__in=CODES).order_by("code"))
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(n: int) -> None:
        rng = random.Random(100 + n)
        mine = World(200 + n)
        try:
            start.wait()
            for _ in range(TRANSACTIONS):
                with transaction.atomic():
                    shared_write(rng, n, rng.choice(shared), actors, world.source)
                    time.sleep(rng.uniform(0, 0.02))  # open while others write and commit
                    own = mine.create()
                    if rng.random() < 0.5:
                        pledge_update(instance=own, data={"parties": mine.parties(own.actor)})
                    elif rng.random() < 0.5:
                        pledge_delete(instance=own)
                time.sleep(rng.uniform(0, 0.01))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert pending_rows() == 0  # every commit applied its queue
    state = rollup_state()
    assert state["pledges_pledgerollup"] and state["reports_actorsourcecount"]
    assert state == fresh_state()
    assert_rollups_fresh()
    get_both(api_client, "/api/v1/pledges/summary/", {"group_by": "actor"})
    get_both(api_client, f"/api/v1/actors/{shared[0].actor.code}/profile/")
