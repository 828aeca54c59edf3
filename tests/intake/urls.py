"""The proposals API mounted on its own, until it is registered in the v1 router."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from intake.api import PROPOSALS_PREFIX, PledgeProposalViewSet

router = SimpleRouter()
router.register(PROPOSALS_PREFIX, PledgeProposalViewSet, basename="pledge-proposal")

urlpatterns = [path("api/v1/", include(router.urls))]
