from api.routes import Router
from intake.api import (
    CLAIM_PROPOSALS_PREFIX,
    PROPOSALS_PREFIX,
    ClaimProposalViewSet,
    PledgeProposalViewSet,
)

router = Router()
router.register(PROPOSALS_PREFIX, PledgeProposalViewSet, basename="pledge-proposal")
router.register(CLAIM_PROPOSALS_PREFIX, ClaimProposalViewSet, basename="claim-proposal")

urlpatterns = router.urls
