from api.routes import Router
from sources.api.views import SourceViewSet

router = Router()
router.register("sources", SourceViewSet, basename="source")

urlpatterns = router.urls
