from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The API layer every app shares, registered as an app for the one table it keeps
    itself: stored answers to requests sent with an ``Idempotency-Key``."""

    name = "api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from api.auth import revoke_tokens_on_password_change

        # A password change revokes the user's API tokens, whichever path saved it.
        pre_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="api-revoke-tokens-on-password-change",
        )
