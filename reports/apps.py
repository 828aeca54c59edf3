from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Reports read the other apps; their only tables are the profile's rollups."""

    name = "reports"
    verbose_name = "Reports"
