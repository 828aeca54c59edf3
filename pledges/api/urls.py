from api.routes import Router
from pledges.api.views import PledgeViewSet

router = Router()
router.register("pledges", PledgeViewSet, basename="pledge")

urlpatterns = router.urls
