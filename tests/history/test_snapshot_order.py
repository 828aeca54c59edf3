"""History snapshots keep their key order: bookkeeping columns after the model's own."""

from __future__ import annotations

import pytest

from history.readers import snapshot_fields, tracked_models


@pytest.mark.parametrize("model", tracked_models(), ids=lambda m: m._meta.label)
def test_bookkeeping_columns_come_last_in_a_snapshot(model):
    names = snapshot_fields(model)
    last = [name for name in getattr(model, "snapshot_last", ()) if name in names]
    assert names[len(names) - len(last) :] == tuple(last)
    # the rest keep the model's field order
    own = [f.attname for f in model._meta.concrete_fields if f.attname in names]
    assert [n for n in names if n not in last] == [n for n in own if n not in last]


def test_a_pledge_snapshot_ends_with_its_dataset_key_and_creation_time():
    from pledges.models import Pledge

    names = snapshot_fields(Pledge)
    assert names[0] == "id"
    assert names[-2:] == ("dataset_key", "created_at")
    assert names.index("review_status") < names.index("actor_id") < names.index("dataset_key")
