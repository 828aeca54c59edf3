"""Which API route serves which model, so that answers can link to related objects.

Each app's ``api/urls.py`` registers its viewsets on a :class:`Router`, which notes the
route name and lookup field of each viewset's model; links are made with Django's
``reverse()``. ``config/router.py`` merges the apps' routers under the v1 namespace.
"""

from __future__ import annotations

from django.db import models
from django.urls import NoReverseMatch, get_resolver, reverse
from rest_framework.routers import SimpleRouter

NAMESPACE = "api-v1"

# model -> (route basename, lookup field), first registration wins
ROUTES: dict[type[models.Model], tuple[str, str]] = {}


class Router(SimpleRouter):
    """A ``SimpleRouter`` that records which route serves each viewset's model."""

    def register(self, prefix, viewset, basename=None):
        super().register(prefix, viewset, basename)
        queryset = getattr(viewset, "queryset", None)
        if queryset is not None:
            name = basename or self.get_default_basename(viewset)
            ROUTES.setdefault(queryset.model, (name, viewset.lookup_field))


def _route(model: type[models.Model]) -> tuple[str, str] | None:
    if model not in ROUTES:
        get_resolver().url_patterns  # noqa: B018 (importing the URLconf registers the routes)
    return ROUTES.get(model)


def detail_path_for(obj: models.Model) -> str | None:
    """The API path of ``obj`` (``/api/v1/pledges/12/``), or None if it has no route."""
    route = _route(type(obj))
    if route is None:
        return None
    basename, lookup = route
    try:
        return reverse(f"{NAMESPACE}:{basename}-detail", kwargs={lookup: getattr(obj, lookup)})
    except NoReverseMatch:
        return None


def list_path_for(model: type[models.Model]) -> str | None:
    """The API path of the list of ``model`` (``/api/v1/pledges/``), or None."""
    route = _route(model)
    return None if route is None else reverse(f"{NAMESPACE}:{route[0]}-list")
