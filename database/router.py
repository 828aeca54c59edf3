"""Reads to a replica, writes to the primary (database/replicas.py says when a replica may
answer). Installed only when ``DATABASE_REPLICA_URLS`` is set."""

from __future__ import annotations

from django.db import connections

from database import replicas

# Who may do what, the throttle counters and idempotency keys (the cache table): always
# the primary, so a revoked token or a deactivated user stops working at once.
PRIMARY_APPS = frozenset({"auth", "knox", "sessions", "axes", "django_cache"})


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = replicas.current.get()
        if state is None or model._meta.app_label in PRIMARY_APPS:
            return "default"
        if state.primary or connections["default"].in_atomic_block:
            state.read_primary = True
            return "default"
        if state.alias is None:  # one database per request: its reads agree with each other
            state.alias = replicas.choose(state.min_lsn) or "default"
        if state.alias == "default":
            state.read_primary = True
        return state.alias

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
