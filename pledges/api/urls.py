from rest_framework.routers import SimpleRouter

from pledges.api.views import PledgeViewSet

router = SimpleRouter()
router.register("pledges", PledgeViewSet, basename="pledge")

urlpatterns = router.urls
