"""API tokens (django-rest-knox): obtain one with a username and password, revoke it,
or revoke all of one's tokens.

Tokens are stored hashed and expire after ``REST_KNOX['TOKEN_TTL']``
(``API_TOKEN_TTL_HOURS``). Failed logins count toward django-axes' lockout like the
admin's, so the token endpoint cannot be used to guess passwords. A password change
revokes every token of the user (:func:`revoke_tokens_on_password_change`), so a token
obtained with the old password dies with it.
"""

from __future__ import annotations

from django.contrib.auth import authenticate, user_logged_in
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from knox.models import AuthToken
from knox.settings import knox_settings
from knox.views import LogoutAllView
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api.errors import VALIDATION_ERROR, error_body
from api.viewsets import RejectNulMixin

NOT_A_TOKEN = "Authenticate with the token to revoke."


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text="Send as `Authorization: Bearer <token>` (or `Token <token>`)."
    )
    expiry = serializers.DateTimeField(
        allow_null=True, help_text="When the token stops working; null if it never does."
    )
    username = serializers.CharField()


class AuthTokenView(RejectNulMixin, APIView):
    """Obtain (POST) or revoke (DELETE) an API token."""

    extra_error_codes = ("429",)
    omit_error_codes = ("403", "409")

    def _obtaining(self) -> bool:
        return getattr(self.request, "method", None) == "POST"

    def initialize_request(self, request, *args, **kwargs):
        # django-axes keeps its state on Django's request (the middleware reads it after
        # the view), so authenticate() and the login signal are given that one.
        self.http_request = request
        return super().initialize_request(request, *args, **kwargs)

    def get_authenticators(self):
        # Obtaining a token is a login: no session (so no CSRF), no other token needed.
        return [] if self._obtaining() else super().get_authenticators()

    def get_permissions(self):
        return [AllowAny()] if self._obtaining() else [IsAuthenticated()]

    @extend_schema(
        operation_id="auth_token_create",
        summary="Obtain an API token",
        description=(
            "Exchange a username and password for a token. Send it on later requests as "
            "`Authorization: Bearer <token>` (or `Authorization: Token <token>`). The token "
            "expires at `expiry` (the server's `API_TOKEN_TTL_HOURS`). Wrong credentials "
            "answer 400; too many failures in a row lock the username out for a while (429)."
        ),
        auth=[],
        request=CredentialsSerializer,
        responses={status.HTTP_201_CREATED: TokenSerializer},
        examples=[
            OpenApiExample(
                "Credentials",
                value={"username": "analyst", "password": "correct horse battery staple"},
                request_only=True,
            ),
            OpenApiExample(
                "Token",
                value={
                    "token": "5c1d0a3d1c2f4e9b8a7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817",
                    "expiry": "2026-12-23T10:00:00Z",
                    "username": "analyst",
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
        tags=["auth"],
    )
    def post(self, request):
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            self.http_request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None or not user.is_active:
            # about no one field: ``attr`` is null, as for any error of the whole request
            raise ValidationError(
                "Unable to log in with these credentials.", code="invalid_credentials"
            )
        # A login like the admin's: last_login is set and django-axes forgets the failures.
        user_logged_in.send(sender=type(user), request=self.http_request, user=user)
        instance, token = AuthToken.objects.create(user, knox_settings.TOKEN_TTL)
        body = {"token": token, "expiry": instance.expiry, "username": user.get_username()}
        return Response(TokenSerializer(body).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="auth_token_destroy",
        summary="Revoke the token in use",
        description=(
            "Revoke the token this request is authenticated with; it stops working at once. "
            "Answers 400 when the request is not authenticated by a token."
        ),
        request=None,
        responses={status.HTTP_204_NO_CONTENT: None},
        examples=[
            OpenApiExample(
                "Not a token",
                value=error_body(
                    status.HTTP_400_BAD_REQUEST,
                    VALIDATION_ERROR,
                    [{"code": "invalid", "detail": NOT_A_TOKEN, "attr": None}],
                ),
                response_only=True,
                status_codes=["400"],
            )
        ],
        tags=["auth"],
    )
    def delete(self, request):
        if not isinstance(request.auth, AuthToken):
            raise ValidationError(NOT_A_TOKEN, code="invalid")
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    post=extend_schema(
        operation_id="auth_token_revoke_all",
        summary="Revoke all my tokens",
        description=(
            "Revoke every token of the user this request is authenticated as, the one in "
            "use included: they stop working at once, on every client. Works with a token "
            "or a session (a session's POST needs the CSRF token, else 403). A password "
            "change (in the admin, with `manage.py changepassword`, or any other way) "
            "revokes them too."
        ),
        request=None,
        responses={status.HTTP_204_NO_CONTENT: None},
        tags=["auth"],
    )
)
class RevokeAllTokensView(RejectNulMixin, LogoutAllView):
    """Revoke (POST) every token of the user making the request: knox's "log out all"."""

    # Any way of being logged in will do, a session too: a user whose token leaked may
    # not hold it any more.
    authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES
    omit_error_codes = ("409",)


def revoke_tokens_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` of the user model: when the stored password hash is about to change,
    delete the user's API tokens, in the transaction of the save.

    Every path saves the user (the admin's password form, ``changepassword``,
    ``set_password`` then ``save()``), so one receiver covers them all. A hash that
    changes for another reason (Django upgrading it at login) revokes too: it cannot be
    told apart, and the user only has to log in again. ``QuerySet.update()`` sends no
    signal and is not covered.
    """
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True)
    if stored.first() not in (None, instance.password):
        AuthToken.objects.filter(user_id=instance.pk).delete()
