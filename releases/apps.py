from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    """Builds data releases (``manage.py build_release``) and serves them; no tables."""

    name = "releases"
    verbose_name = "Data releases"
