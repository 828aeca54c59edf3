"""The benchmark baselines, mounted at ``/bench/`` when ``BENCH_ENDPOINTS`` is on.

In ``config/urls.py``::

    if settings.BENCH_ENDPOINTS:
        urlpatterns.append(path("bench/", include("bench.urls")))

The patterns below are empty unless the setting is on, so including this module
by mistake exposes nothing.
"""

from django.conf import settings
from django.urls import path

from bench import views

app_name = "bench"

urlpatterns = (
    [
        path("baseline/pledges/sql/", views.sql_pledge_list, name="sql-pledge-list"),
        path("baseline/pledges/naive/", views.NaivePledgeList.as_view(), name="naive-pledge-list"),
    ]
    if getattr(settings, "BENCH_ENDPOINTS", False)
    else []
)
