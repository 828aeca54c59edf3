"""Writes on the loader's own bookkeeping: the loads and the records it wrote."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.functions import Now

from dataset.models import DatasetLoad, LoadedRecord


def dataset_load_start(*, data_digest: str, texts_digest: str) -> DatasetLoad:
    """Record a load of the dataset version with these digests (in the load's transaction)."""
    load = DatasetLoad(data_digest=data_digest, texts_digest=texts_digest)
    load.full_clean()
    load.save()
    return load


def dataset_load_finish(*, load: DatasetLoad, conflicts: int, counts: dict[str, Any]) -> None:
    load.conflicts = conflicts
    load.counts = counts
    load.save(update_fields=["conflicts", "counts"])


def loaded_record_set(
    *, key: str, obj: models.Model, values: dict[str, Any], load: DatasetLoad
) -> LoadedRecord:
    """Remember that the loader wrote ``values`` into ``obj`` for the dataset record ``key``.

    ``loaded_at`` is the database's transaction time, so every event a person makes on
    the row after the load commits is later than it.
    """
    LoadedRecord.objects.filter(model=obj._meta.label_lower, object_id=obj.pk).exclude(
        key=key
    ).delete()
    record, _ = LoadedRecord.objects.update_or_create(
        key=key,
        defaults={
            "model": obj._meta.label_lower,
            "object_id": obj.pk,
            "values": values,
            "loaded_at": Now(),
            "load": load,
        },
    )
    return record


def loaded_record_forget(*, key: str) -> None:
    LoadedRecord.objects.filter(key=key).delete()
