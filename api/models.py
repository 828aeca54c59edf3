"""Tables of the shared API layer (app label ``api``)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class IdempotencyKey(models.Model):
    """The answer to a POST sent with an ``Idempotency-Key`` header, kept so that a
    retry with the same key and body gets that answer again instead of a second row.

    Keys belong to the user who sent them (two users may use the same key) and expire
    at ``expires_at`` (``API_IDEMPOTENCY_KEY_TTL_HOURS``); see api/idempotency.py.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=2000)
    request_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the method, path and JSON body of the request."
    )
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField(encoder=DjangoJSONEncoder, null=True)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.method} {self.path})"
