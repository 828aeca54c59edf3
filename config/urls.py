from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.health import healthz, readyz
from reports.dashboard import dashboard

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/dashboard/", admin.site.admin_view(dashboard), name="admin-dashboard"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    # Log in and out of the browsable API with a session (the admin's login works too).
    path("api-auth/", include("rest_framework.urls")),
]

if settings.BENCH_ENDPOINTS:
    urlpatterns.append(path("bench/", include("bench.urls")))

# Under /api/ Django's own error pages answer in the API's JSON error shape.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
