"""Everything under /api/v1/: the resources, token auth, and the schema with its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from config.api.auth import AuthTokenView
from config.api.router import NAMESPACE, router

app_name = NAMESPACE

urlpatterns = [
    path("auth/token/", AuthTokenView.as_view(), name="auth-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name=f"{NAMESPACE}:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name=f"{NAMESPACE}:schema"), name="redoc"),
    *router.urls,
]
