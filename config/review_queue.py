"""What waits for review, for the admin's index: each reviewed kind of claim with its
counts, the oldest claims waiting (oldest change first), and the pending proposals."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from coalition.models import Agreement, Attendance, Membership, SizeReport
from pledges.choices import ProposalState
from pledges.models import Pledge, PledgeProposal
from sources.choices import ReviewStatus

# each reviewed kind, with the relations its __str__ reads
CLAIMS = (
    (Pledge, ("actor",)),
    (Membership, ("actor", "coalition")),
    (Agreement, ()),
    (Attendance, ("actor", "meeting")),
    (SizeReport, ("coalition",)),
)
OLDEST = 10  # claims listed per kind, oldest change first


def _changelist(model, **filters) -> str:
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return f"{url}?{query}" if query else url


def review_queue(request) -> dict:
    """Context for the index: ``queue`` (one row per kind the user may view) and
    ``proposals_pending``; one count query per kind, one list query per kind that has
    claims waiting."""
    rows = []
    for model, related in CLAIMS:
        meta = model._meta
        if not request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        counts = model.objects.aggregate(
            needs_review=Count("pk", filter=Q(review_status=ReviewStatus.NEEDS_REVIEW)),
            draft=Count("pk", filter=Q(review_status=ReviewStatus.DRAFT)),
        )
        waiting = []
        if counts["needs_review"]:
            objects = (
                model.objects.filter(review_status=ReviewStatus.NEEDS_REVIEW)
                .select_related(*related)
                .order_by("updated_at", "pk")[:OLDEST]
            )
            waiting = [
                {
                    "label": str(obj),
                    "updated_at": obj.updated_at,
                    "url": reverse(
                        f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]
                    ),
                }
                for obj in objects
            ]
        rows.append(
            {
                "name": meta.verbose_name_plural,
                "needs_review": counts["needs_review"],
                "draft": counts["draft"],
                "needs_review_url": _changelist(
                    model, review_status__exact=ReviewStatus.NEEDS_REVIEW
                ),
                "draft_url": _changelist(model, review_status__exact=ReviewStatus.DRAFT),
                "waiting": waiting,
            }
        )
    pending = None
    if request.user.has_perm("pledges.view_pledgeproposal"):
        pending = {
            "count": PledgeProposal.objects.filter(state=ProposalState.PENDING).count(),
            "url": _changelist(PledgeProposal, state__exact=ProposalState.PENDING),
        }
    return {"queue": rows, "proposals_pending": pending}
