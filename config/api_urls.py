"""Everything under /api/v1/: the resources, token auth, and the schema with its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from api.auth import AuthTokenView, RevokeAllTokensView
from api.routes import NAMESPACE
from config.router import router
from history.changes import ChangeFeedView
from releases.api import ReleaseDownloadView, ReleaseListView
from reports.profile import ActorProfileView
from search.api import SearchView

app_name = NAMESPACE

urlpatterns = [
    path("auth/token/", AuthTokenView.as_view(), name="auth-token"),
    path("auth/token/revoke-all/", RevokeAllTokensView.as_view(), name="auth-token-revoke-all"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name=f"{NAMESPACE}:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name=f"{NAMESPACE}:schema"), name="redoc"),
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    re_path(
        r"^actors/(?P<code>[A-Za-z0-9][A-Za-z0-9_-]{0,15})/profile/$",
        ActorProfileView.as_view(),
        name="actor-profile",
    ),
    path("search/", SearchView.as_view(), name="search"),
    path("releases/", ReleaseListView.as_view(), name="release-list"),
    re_path(
        r"^releases/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)/datapackage\.zip$",
        ReleaseDownloadView.as_view(),
        name="release-download",
    ),
    *router.urls,
]
