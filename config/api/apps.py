from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The API layer every app shares (config/api), registered as an app for the few
    tables it keeps itself: stored answers to requests sent with an ``Idempotency-Key``."""

    name = "config.api"
    label = "api"
    verbose_name = "API"
