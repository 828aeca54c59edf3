from django.apps import AppConfig


class HistoryConfig(AppConfig):
    """Registered for its admin templates; the event tables live in each tracked app."""

    name = "history"
    verbose_name = "History"
