from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Registered for its templates; reports read the other apps and own no tables."""

    name = "reports"
    verbose_name = "Reports"
