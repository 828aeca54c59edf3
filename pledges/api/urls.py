from rest_framework.routers import SimpleRouter

from pledges.api.proposals import PROPOSALS_PREFIX, PledgeProposalViewSet
from pledges.api.views import PledgeViewSet

router = SimpleRouter()
router.register("pledges", PledgeViewSet, basename="pledge")
router.register(PROPOSALS_PREFIX, PledgeProposalViewSet, basename="pledge-proposal")

urlpatterns = router.urls
