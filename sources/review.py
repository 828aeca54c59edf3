"""The review workflow shared by every claim: draft -> needs review -> verified."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sources.choices import ReviewStatus


def claims_set_review_status(*, queryset: QuerySet, status: str, user) -> int:
    """Move every claim in ``queryset`` to ``status``; verifying records who and when.

    One UPDATE, so history triggers record one event per changed claim. Returns the
    number of claims changed (claims already in ``status`` are left alone).
    """
    if status not in ReviewStatus.values:
        raise ValueError(f"Unknown review status {status!r}")
    changes: dict = {"review_status": status, "verified_by": None, "verified_at": None}
    if status == ReviewStatus.VERIFIED:
        changes.update(verified_by=user, verified_at=timezone.now())
    with transaction.atomic():
        return queryset.exclude(review_status=status).update(**changes)


def claim_apply_review_status(*, claim, previous_status: str | None, user) -> None:
    """Keep ``verified_by``/``verified_at`` true to ``review_status`` before a save."""
    if claim.review_status == ReviewStatus.VERIFIED:
        if previous_status != ReviewStatus.VERIFIED or claim.verified_at is None:
            claim.verified_by = user
            claim.verified_at = timezone.now()
    else:
        claim.verified_by = None
        claim.verified_at = None
