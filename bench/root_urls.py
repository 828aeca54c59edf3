"""The project's URLs, plus ``/bench/`` when ``config/urls.py`` does not mount it."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(str(getattr(p, "pattern", "")) == "bench/" for p in urlpatterns):
    urlpatterns.append(path("bench/", include("bench.urls")))
