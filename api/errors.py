"""One JSON error shape for every 4xx and 5xx answer of the API.

    {"type": "validation_error",
     "errors": [{"code": "required", "detail": "This field is required.",
                 "attr": "citations.0.quote"}],
     "title": "Bad Request", "status": 400,
     "detail": "citations.0.quote: This field is required."}

``type`` is ``validation_error`` (400 with field messages), ``client_error`` (any other
4xx) or ``server_error`` (5xx); ``attr`` is the dotted path of the input at fault, or
null. It is drf-standardized-errors' shape, so clients written for that work unchanged.
``title``, ``status`` and ``detail`` are RFC 9457's members (the status's reason phrase,
the status code, and the errors in one sentence), so that problem-details clients read
it too; the answer is ``application/problem+json`` when the request's ``Accept`` names
that type (:func:`error_content_type`), else ``application/json`` as before. RFC
9457's ``type`` (a URI) cannot be had in v1, whose ``type`` means something else.
Everything that can fail maps here: DRF's exceptions, Django's ``ValidationError``,
``Http404`` and ``PermissionDenied``, protected rows (409, listed in ``references``),
constraints (400/409), a body too large (413), a lost or hung database (503 with
``Retry-After``), and Django's own error pages under /api/. Anything else is logged and
answered as a 500 in the same shape.
"""

from __future__ import annotations

import logging
import sys
from http.client import responses as REASON_PHRASES
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from api.parsers import printable
from api.routes import detail_path_for

logger = logging.getLogger("api")

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"

VALIDATION_ERROR = "validation_error"
CLIENT_ERROR = "client_error"
SERVER_ERROR = "server_error"

# PostgreSQL SQLSTATE of integrity violations -> (HTTP status, error code)
_SQLSTATE = {
    "23505": (status.HTTP_409_CONFLICT, "unique"),
    "23P01": (status.HTTP_409_CONFLICT, "overlap"),
    "23503": (status.HTTP_409_CONFLICT, "foreign_key"),
    "23514": (status.HTTP_400_BAD_REQUEST, "constraint"),
    "23502": (status.HTTP_400_BAD_REQUEST, "null"),
}
MAX_REFERENCES = 100
# Seconds a client is asked to wait (Retry-After) when the database is unavailable.
DATABASE_RETRY_AFTER = 5


class Conflict(exceptions.APIException):
    """409: the request contradicts the current state (a protected row, a duplicate)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"

    def __init__(self, detail=None, code=None, references: list[dict] | None = None):
        super().__init__(detail, code)
        self.references = references


class DatabaseUnavailable(exceptions.APIException):
    """503: the database cannot be reached (restarting, failing over, overloaded)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable. Try again in a few seconds."
    default_code = "database_unavailable"

    def __init__(self, detail=None, code=None):
        super().__init__(detail, code)
        self.wait = DATABASE_RETRY_AFTER


class PayloadTooLarge(exceptions.APIException):
    """413: the request body is larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self, detail=None, code=None):
        super().__init__(detail or too_large_message(), code)


def too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return (
        f"The request body is larger than {limit} bytes, the limit "
        "(DATA_UPLOAD_MAX_MEMORY_SIZE). Send less, or split it into several requests."
    )


def is_database_unavailable(exc: BaseException | None) -> bool:
    """The connection to PostgreSQL is lost or cannot be made (or a query was cancelled
    or timed out): a state to retry later, not a bug."""
    return isinstance(exc, OperationalError | InterfaceError)


def _first_line(exc: BaseException | None) -> str:
    text = str(exc or "").strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- Schema of the error body (documented on every operation) --------------------------


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable reason: required, invalid, ...")
    detail = serializers.CharField(help_text="Human-readable message.")
    attr = serializers.CharField(
        allow_null=True,
        help_text="Dotted path of the input at fault (citations.0.quote); null if none.",
    )


class ReferenceSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="What refers to the target: pledge, membership ...")
    id = serializers.IntegerField()
    url = serializers.CharField(allow_null=True, help_text="API path of that object, if any.")


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx and 5xx answer."""

    type = serializers.ChoiceField(
        choices=[VALIDATION_ERROR, CLIENT_ERROR, SERVER_ERROR],
        help_text="validation_error (400 with field messages), client_error, server_error.",
    )
    errors = ErrorItemSerializer(many=True)
    title = serializers.CharField(
        help_text="RFC 9457: the HTTP status's reason phrase (Bad Request, Not Found ...)."
    )
    status = serializers.IntegerField(help_text="RFC 9457: the HTTP status code.")
    detail = serializers.CharField(
        help_text="RFC 9457: the errors in one human-readable sentence; `errors` is what "
        "to read in code."
    )
    references = ReferenceSerializer(
        many=True,
        required=False,
        help_text="On a 409 caused by rows that still refer to the target (at most 100).",
    )


# --- Building the body --------------------------------------------------------------------


def _join(prefix: str | None, key: Any) -> str:
    return str(key) if prefix is None else f"{prefix}.{key}"


def _flatten(detail: Any, attr: str | None = None) -> list[dict]:
    """DRF's nested error detail -> a flat list of {code, detail, attr}."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            if key in (api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS):
                # about the whole object: top level "non_field_errors", nested the object
                items.extend(_flatten(value, attr or "non_field_errors"))
            else:
                items.extend(_flatten(value, _join(attr, key)))
        return items
    if isinstance(detail, list):
        items = []
        for index, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            items.extend(_flatten(value, _join(attr, index) if nested else attr))
        return items
    code = getattr(detail, "code", None) or "invalid"
    # a message never carries text that cannot be encoded (it may echo the input)
    return [{"code": code, "detail": printable(str(detail)), "attr": attr}]


def error_body(
    status_code: int,
    error_type: str,
    errors: list[dict],
    references: list[dict] | None = None,
) -> dict:
    """The body of an error answer with status ``status_code``."""
    body: dict[str, Any] = {
        "type": error_type,
        "errors": errors,
        "title": REASON_PHRASES.get(status_code, "Error"),
        "status": status_code,
        "detail": " ".join(_sentence(error) for error in errors),
    }
    if references is not None:
        body["references"] = references
    return body


def _sentence(error: dict) -> str:
    detail = error["detail"].strip()
    if error["attr"]:
        detail = f"{error['attr']}: {detail}"
    return detail if detail.endswith((".", "!", "?")) else f"{detail}."


def wants_problem_json(request) -> bool:
    """Whether the request's ``Accept`` names ``application/problem+json``, with a quality
    no lower than that of ``application/json`` or ``text/html`` if it names them too.
    ``*/*`` does not count: a client that did not ask sees the type it always saw."""
    best = {PROBLEM_JSON: 0.0, JSON: 0.0, "text/html": 0.0}
    for media in getattr(request, "accepted_types", ()):
        name = f"{media.main_type}/{media.sub_type}".lower()
        if name in best:
            best[name] = max(best[name], media.quality)
    return best[PROBLEM_JSON] > 0 and best[PROBLEM_JSON] == max(best.values())


def error_content_type(request) -> str:
    """The media type of an error answer: ``application/problem+json`` when asked for,
    else ``application/json``."""
    return PROBLEM_JSON if wants_problem_json(request) else JSON


def _django_validation_detail(exc: DjangoValidationError) -> Any:
    """Django's ValidationError -> DRF-style detail (keeps codes and field names)."""
    if hasattr(exc, "error_dict"):
        return {
            field: [
                exceptions.ErrorDetail(message, code=error.code or "invalid")
                for error in errors
                for message in error.messages
            ]
            for field, errors in exc.error_dict.items()
        }
    return [
        exceptions.ErrorDetail(message, code=error.code or "invalid")
        for error in exc.error_list
        for message in error.messages
    ]


def describe_references(objects) -> list[dict]:
    """Rows that block a delete, as {type, id, url}; a citation stands for its claim."""
    seen: dict[tuple[str, int], dict] = {}
    for obj in objects:
        claim_field = getattr(obj, "claim_field", None)  # a citation stands for its claim
        if claim_field is not None:
            obj = getattr(obj, claim_field().name)
        key = (obj._meta.model_name, obj.pk)
        if key not in seen:
            seen[key] = {"type": key[0], "id": obj.pk, "url": detail_path_for(obj)}
        if len(seen) >= MAX_REFERENCES:
            break
    return sorted(seen.values(), key=lambda ref: (ref["type"], ref["id"]))


def _integrity_exception(exc: IntegrityError) -> exceptions.APIException:
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    http_status, code = _SQLSTATE.get(sqlstate, (status.HTTP_409_CONFLICT, "integrity"))
    diag = getattr(cause, "diag", None)
    constraint = getattr(diag, "constraint_name", None)
    detail = (
        f"The change violates the database rule {constraint!r}."
        if constraint
        else "The change violates a database rule."
    )
    if http_status == status.HTTP_400_BAD_REQUEST:
        return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [detail]}, code=code)
    return Conflict(detail, code=code)


def as_api_exception(exc: Exception) -> exceptions.APIException | None:
    """Translate Django and database exceptions to DRF ones; None when unknown."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(_django_validation_detail(exc))
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, SuspiciousOperation):
        logger.warning("Suspicious request: %s", printable(_first_line(exc)))
        return exceptions.ParseError("The request is malformed.", code="bad_request")
    if isinstance(exc, ProtectedError | RestrictedError):
        objects = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        references = describe_references(objects)
        return Conflict(
            f"Other records still refer to this one ({len(references)} listed in references); "
            "change or delete them first.",
            code="protected",
            references=references,
        )
    if isinstance(exc, IntegrityError):
        return _integrity_exception(exc)
    if isinstance(exc, DataError):
        return exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: ["A value is out of range or malformed."]},
            code="invalid",
        )
    if is_database_unavailable(exc):
        logger.warning("Database unavailable: %s", _first_line(exc))
        return DatabaseUnavailable()
    return None


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's EXCEPTION_HANDLER: every error becomes the one JSON shape."""
    api_exc = as_api_exception(exc)
    if api_exc is None:
        view = context.get("view")
        logger.exception("Unhandled error in %s", type(view).__name__ if view else "API view")
        set_rollback()
        return Response(
            error_body(
                status.HTTP_500_INTERNAL_SERVER_ERROR,
                SERVER_ERROR,
                [{"code": "error", "detail": "Server error.", "attr": None}],
            ),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
            content_type=_problem_type(context),
        )

    headers = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = str(int(api_exc.wait))
    set_rollback()

    if isinstance(api_exc, exceptions.ValidationError):
        error_type = VALIDATION_ERROR
        errors = _flatten(api_exc.detail)
    else:
        error_type = SERVER_ERROR if api_exc.status_code >= 500 else CLIENT_ERROR
        errors = _flatten(api_exc.detail)
    return Response(
        error_body(api_exc.status_code, error_type, errors, getattr(api_exc, "references", None)),
        status=api_exc.status_code,
        headers=headers,
        content_type=_problem_type(context),
    )


def _problem_type(context: dict) -> str | None:
    """The answer's Content-Type if it must not be the negotiated one (None: DRF's)."""
    return PROBLEM_JSON if wants_problem_json(context.get("request")) else None


# --- Django-level handlers (config/urls.py): URLs that never reach an API view -----------


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _json(request, status_code: int, code: str, detail: str) -> JsonResponse:
    error_type = SERVER_ERROR if status_code >= 500 else CLIENT_ERROR
    body = error_body(status_code, error_type, [{"code": code, "detail": detail, "attr": None}])
    return JsonResponse(body, status=status_code, content_type=error_content_type(request))


def bad_request(request, exception, template_name="400.html"):
    """Also Django's answer to a ``SuspiciousOperation`` outside API views: a body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` read by a middleware or the admin is a 413."""
    if isinstance(exception, RequestDataTooBig):
        if _is_api(request):
            return _json(request, 413, PayloadTooLarge.default_code, too_large_message())
        return HttpResponse(
            too_large_message(), status=413, content_type="text/plain; charset=utf-8"
        )
    if _is_api(request):
        return _json(request, 400, "bad_request", "Bad request.")
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name="403.html"):
    if _is_api(request):
        return _json(request, 403, "permission_denied", "You do not have permission to do this.")
    return defaults.permission_denied(request, exception, template_name)


def page_not_found(request, exception, template_name="404.html"):
    if _is_api(request):
        return _json(request, 404, "not_found", "Not found.")
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name="500.html"):
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        return database_unavailable_response(request, exc)
    if _is_api(request):
        return _json(request, 500, "error", "Server error.")
    return defaults.server_error(request, template_name)


def database_unavailable_response(request, exc: BaseException | None = None):
    """503 for a request outside an API view (or before one) that lost the database."""
    logger.warning("Database unavailable: %s", _first_line(exc))
    if _is_api(request):
        response = _json(
            request, 503, DatabaseUnavailable.default_code, DatabaseUnavailable.default_detail
        )
    else:
        response = HttpResponse(
            DatabaseUnavailable.default_detail, status=503, content_type="text/plain"
        )
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: too many failed logins (429)."""
    from axes.helpers import get_lockout_message

    if _is_api(request):
        response = _json(request, 429, "locked_out", get_lockout_message())
    else:
        response = HttpResponse(get_lockout_message(), status=429)
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    if isinstance(cooloff, int | float) and cooloff > 0:  # hours
        response["Retry-After"] = str(int(cooloff * 3600))
    return response
