"""The base of every history table (django-pghistory event models).

Database triggers write one event row per insert, update and delete of a tracked
model, whatever did the write: the API, the admin, a bulk ``QuerySet.update()``,
a management command or raw SQL. Each row snapshots the whole object, the label
(``insert``/``update``/``delete``), when, and a context (user, URL, command).

``pgh_txid`` is the id of the writing transaction. The change feed hands out only
events of transactions older than every transaction still running in this database
(``history.readers.feed_horizon``), ordered by ``(pgh_txid, pgh_id)``: a reader that
resumes from a cursor can never skip an event that committed late.
"""

from django.db import models
from pghistory.models import Event


class CurrentTransactionId(models.Func):
    """``pg_current_xact_id()`` as a bigint (xid8 has no direct cast)."""

    template = "(pg_current_xact_id()::text::bigint)"
    output_field = models.BigIntegerField()
    allowed_default = True


class ChangeEvent(Event):
    pgh_txid = models.BigIntegerField(
        db_default=CurrentTransactionId(),
        db_index=True,
        editable=False,
        help_text="Id of the transaction that wrote the event.",
    )

    class Meta:
        abstract = True


def tracked(*, exclude: tuple[str, ...] = ("updated_at",)):
    """Track inserts, updates and deletes of a model in its own event table.

    ``updated_at`` is left out of the snapshot, so a save that changes nothing else
    records no event (pghistory fires an update event only when a tracked field changes).
    """
    import pghistory

    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=list(exclude),
    )
