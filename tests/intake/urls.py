"""The proposals API mounted on its own, until it is registered in the v1 router."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from intake.api import (
    CLAIM_PROPOSALS_PREFIX,
    PROPOSALS_PREFIX,
    ClaimProposalViewSet,
    PledgeProposalViewSet,
)

router = SimpleRouter()
router.register(PROPOSALS_PREFIX, PledgeProposalViewSet, basename="pledge-proposal")
router.register(CLAIM_PROPOSALS_PREFIX, ClaimProposalViewSet, basename="claim-proposal")

urlpatterns = [path("api/v1/", include(router.urls))]
