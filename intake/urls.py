from api.routes import Router
from intake.api import PROPOSALS_PREFIX, PledgeProposalViewSet

router = Router()
router.register(PROPOSALS_PREFIX, PledgeProposalViewSet, basename="pledge-proposal")

urlpatterns = router.urls
