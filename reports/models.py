"""The profile's rollups: how many quotes of each source back claims about each actor,
kept current by the triggers of migration ``0002_rollup_triggers`` (never tracked)."""

from __future__ import annotations

from django.db import models

from coalition.models import Actor
from sources.models import Source


class ActorSourceCount(models.Model):
    """The quotes of ``source`` that back claims about ``actor`` (pledges it leads, its
    memberships, its attendance): those of verified claims and all of them."""

    pk = models.CompositePrimaryKey("actor", "source")  # an actor's rows: a key range
    actor = models.ForeignKey(
        Actor, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    source = models.ForeignKey(
        Source, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    verified = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"actor {self.actor_id}, source {self.source_id}: {self.total}"


class ActorSourceTotal(models.Model):
    """How many sources back claims about ``actor``: with a verified claim, and at all."""

    actor = models.OneToOneField(
        Actor,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    verified_sources = models.BigIntegerField(default=0)
    sources = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"actor {self.actor_id}: {self.sources} sources"
