"""The v1 router: every app's router, merged into one API root that lists every resource."""

from rest_framework.routers import DefaultRouter

from coalition.api.urls import router as coalition_router
from intake.urls import router as intake_router
from pledges.api.urls import router as pledges_router
from sources.api.urls import router as sources_router


class APIRootRouter(DefaultRouter):
    include_format_suffixes = False


router = APIRootRouter()
for app_router in (sources_router, coalition_router, pledges_router, intake_router):
    router.registry.extend(app_router.registry)
