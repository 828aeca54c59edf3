"""What deciding a proposal means, for pledge and claim proposals alike: lock it while
pending, then record the decision with who made it and when."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from pledges.choices import ProposalState

P = TypeVar("P", bound=models.Model)


def proposal_lock_pending(proposal: P, *related: str) -> P:
    """``proposal`` again, locked for the transaction, with ``related`` joined; a 400 on
    ``state`` when it was decided meanwhile."""
    locked = (
        type(proposal)
        .objects.select_for_update(of=("self",))
        .select_related(*related)
        .get(pk=proposal.pk)
    )
    if locked.state != ProposalState.PENDING:
        raise ValidationError(
            {"state": f"This proposal was already {locked.get_state_display().lower()}."},
            code="already_decided",
        )
    return locked


def proposal_decision_save(
    proposal: models.Model, *, state: str, user, fields: tuple[str, ...] = (), clean=False
) -> None:
    """Record ``state`` on a locked ``proposal``, by ``user``, now, with ``fields`` the
    caller set too."""
    proposal.state = state
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    if clean:
        proposal.full_clean()
    proposal.save(update_fields=["state", *fields, "decided_by", "decided_at"])
