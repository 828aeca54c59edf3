"""The analysts' admin: branded, its models grouped as an analyst thinks of them, and a
review queue on its index page.

``config.admin_apps.TrackerAdminConfig`` replaces ``django.contrib.admin`` in
INSTALLED_APPS and makes :class:`TrackerAdminSite` the default site, so every
``@admin.register`` lands on it.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.functional import lazy

from api.routes import NAMESPACE
from config.review_queue import review_queue

# (group, the models in it as "app_label.ModelName"), in the index's order. Models not
# named here (users, tokens, login attempts) keep their app's own group, after these.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Actors", ("coalition.Actor",)),
    (
        "Coalitions and memberships",
        (
            "coalition.Coalition",
            "coalition.Membership",
            "coalition.Agreement",
            "coalition.Meeting",
            "coalition.Attendance",
            "coalition.SizeReport",
        ),
    ),
    ("Pledges", ("pledges.Pledge",)),
    ("Sources and evidence", ("sources.Source",)),
    ("Review", ("pledges.PledgeProposal", "intake.ClaimProposal")),
)


class TrackerAdminSite(admin.AdminSite):
    site_header = "Coalition Tracker"
    site_title = "Coalition Tracker"
    index_title = "Workspace"
    # VIEW SITE: the API's interactive docs (the project has no public site of its own)
    site_url = lazy(lambda: reverse(f"{NAMESPACE}:docs"), str)()
    index_template = "admin/tracker_index.html"
    # No app list down the left of every page: it took 300 px of a 1366 px screen from the
    # lists and forms; the index and the breadcrumbs lead to every model.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        rows = {
            f"{app['app_label']}.{row['object_name']}": (app, row)
            for app in apps
            for row in app["models"]
        }
        grouped = []
        for name, members in GROUPS:
            found = [rows.pop(member) for member in members if member in rows]
            if not found:
                continue
            first_app = found[0][0]
            grouped.append(
                {
                    **first_app,
                    "name": name,
                    "app_label": name.lower().replace(" ", "-"),
                    "models": [row for _, row in found],
                }
            )
        placed = {id(row) for _, row in rows.values()}
        for app in apps:
            rest = [row for row in app["models"] if id(row) in placed]
            if rest:
                grouped.append({**app, "models": rest})
        return grouped

    def index(self, request, extra_context=None):
        return super().index(request, {**(extra_context or {}), **review_queue(request)})
