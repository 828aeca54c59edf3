"""django.contrib.admin, with the project's site (config/admin_site.py) as its default.

Its own module: INSTALLED_APPS imports it before any model is loaded, and the site
imports models."""

from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    default_site = "config.admin_site.TrackerAdminSite"
