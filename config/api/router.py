"""The v1 router: every app's ``api/urls.py`` router, merged into one API root.

Each app keeps its own ``SimpleRouter`` (``pledges.api.urls.router``); this module
gathers their registrations, so ``/api/v1/`` lists every resource, and knows which
route serves which model (for links to related objects in error answers).
"""

from __future__ import annotations

from django.db import models
from django.urls import NoReverseMatch, reverse
from rest_framework.routers import DefaultRouter

from coalition.api.urls import router as coalition_router
from pledges.api.urls import router as pledges_router
from sources.api.urls import router as sources_router

NAMESPACE = "api-v1"


class APIRootRouter(DefaultRouter):
    include_format_suffixes = False


router = APIRootRouter()
for app_router in (sources_router, coalition_router, pledges_router):
    router.registry.extend(app_router.registry)


def _route_for(model: type[models.Model]):
    for _prefix, viewset, basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is not None and queryset.model is model:
            return viewset, basename
    return None, None


def detail_path_for(obj: models.Model) -> str | None:
    """The API path of ``obj`` (``/api/v1/pledges/12/``), or None if it has no route."""
    viewset, basename = _route_for(type(obj))
    if viewset is None:
        return None
    lookup = viewset.lookup_field
    try:
        return reverse(f"{NAMESPACE}:{basename}-detail", kwargs={lookup: getattr(obj, lookup)})
    except NoReverseMatch:
        return None


def list_path_for(model: type[models.Model]) -> str | None:
    """The API path of the list of ``model`` (``/api/v1/pledges/``), or None."""
    viewset, basename = _route_for(model)
    if viewset is None:
        return None
    return reverse(f"{NAMESPACE}:{basename}-list")
