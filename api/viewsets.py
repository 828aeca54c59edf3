"""The base every resource's viewset builds on, and the one place a request's walk is stated.

Reads use one query shape per model (``Model.objects.for_api()``) for list and detail.
Writes validate the input serializer, then call the app's service (declared as
``services = Services(...)``) in one transaction, then answer with the object read back
through the read shape, so a write answers exactly what a later GET would.

Single-object answers carry an ``ETag``; PUT, PATCH and DELETE need it back in
``If-Match`` (api/concurrency.py), checked with the row locked inside the
write's transaction. POST honours ``Idempotency-Key`` (api/idempotency.py).
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from typing import Any, Protocol

from django.db import models, transaction
from django.http import Http404, HttpResponseNotModified
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.settings import api_settings

from api.concurrency import ETAG, check_if_match, etag_of, not_modified
from api.examples import resource_examples
from api.fastread import FastReadMixin
from api.idempotency import idempotent
from api.pagination import TOTAL_COUNT, TOTAL_COUNT_IS_ESTIMATE, UNDATED_EXCLUDED
from api.parsers import NUL, NUL_MESSAGE, text_problem
from api.renderers import ORJSONRenderer
from api.schema import AutoSchema
from api.throttling import RATELIMIT, RATELIMIT_POLICY
from api.visibility import verified_only


def _raw_text_errors(field, value: Any, here: str) -> dict[str, str]:
    """Text fields given what the schema does not allow, before DRF forgives it.

    DRF's CharField turns ``0`` into ``"0"``, and trims whitespace before it checks the
    length; the schema says ``type: string`` and ``maxLength`` of the value sent, so a
    client sending a number or an over-long text has a bug the API should report.
    Text in any field, a choice too, must be storable (:func:`api.parsers.text_problem`):
    the JSON parser checks every body so, and this holds the rule for data given some
    other way.
    """
    if value is None:
        return {}
    if isinstance(value, str) and (problem := text_problem(value)):
        return {here or "non_field_errors": str(problem)}
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        if not isinstance(value, list):
            return {}
        errors: dict[str, str] = {}
        for index, item in enumerate(value):
            errors.update(_raw_text_errors(field.child, item, f"{here}.{index}"))
        return errors
    if isinstance(field, serializers.Serializer):
        if not isinstance(value, dict):
            return {}
        errors = {}
        for name, child in field.fields.items():
            if not child.read_only and name in value:
                path = f"{here}.{name}" if here else name
                errors.update(_raw_text_errors(child, value[name], path))
        return errors
    if isinstance(field, serializers.CharField):
        if not isinstance(value, str):
            return {here: "Not a valid string."}
        if field.max_length is not None and len(value) > field.max_length:
            return {here: f"Ensure this field has no more than {field.max_length} characters."}
    return {}


# {(view class, operation): the query parameters it declares}
_KNOWN_PARAMETERS: dict[tuple[type, str], frozenset[str]] = {}


class RejectNulMixin:
    """The query string's checks, made before authentication: 400 for a NUL character
    anywhere in it (or in the JSON body), and 400 for a parameter the operation does not
    declare, so that a typo (``?actr=TUR``) is reported rather than ignored.

    The body's text is the JSON parser's to check (api/parsers.py, every string
    and key); it is parsed here, before authentication, as the query string is checked.

    The parameters an operation takes (:meth:`known_query_parameters`) are those its
    schema declares: the filters of a filtered action, ordering and the paginator's on a
    list, and what ``query_parameters`` names for the action (for a view without actions,
    for its HTTP method in lower case); ``format`` always.
    """

    #: ``{action: (parameter, ...)}``: each an ``OpenApiParameter``, a query serializer
    #: (its fields) or a name; the same objects the action's ``extend_schema`` declares.
    #: Each class in the view's bases declares its own actions' (they add up).
    query_parameters: dict[str, tuple[Any, ...]] = {}
    #: The actions that answer the filtered list (their schema says ``filters=True``);
    #: these add up over the bases too.
    filtered_actions: tuple[str, ...] = ("list",)

    def initial(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS", "DELETE"):
            request.data  # noqa: B018 -- parse now: bad text is a 400 whatever the user
        bad = {}
        for key, values in request.query_params.lists():
            if NUL in key or any(NUL in value for value in values):
                bad[key.replace(NUL, "")] = [NUL_MESSAGE]
        if bad:
            raise ValidationError(bad, code="null_characters_not_allowed")
        # OPTIONS describes the endpoint; a method it has no handler for answers 405.
        if request.method != "OPTIONS" and hasattr(self, request.method.lower()):
            key = (type(self), self.operation_name())
            if key not in _KNOWN_PARAMETERS:
                _KNOWN_PARAMETERS[key] = frozenset(self.known_query_parameters())
            reject_unknown_parameters(request, _KNOWN_PARAMETERS[key])
        super().initial(request, *args, **kwargs)

    def operation_name(self) -> str:
        """The action (``list``, ``export`` ...), or the HTTP method for a plain view
        (``get`` for HEAD, which answers as GET does)."""
        method = self.request.method.lower()
        return getattr(self, "action", None) or ("get" if method == "head" else method)

    def known_query_parameters(self) -> set[str]:
        """The query parameters this request's operation declares: a function of the
        view's class and the operation only (made once for each)."""
        action = self.operation_name()
        names = {api_settings.URL_FORMAT_OVERRIDE}
        filtered = False
        # Each class of the view (its mixins too) declares for its own actions.
        for klass in type(self).__mro__:
            names |= parameter_names(vars(klass).get("query_parameters", {}).get(action, ()))
            filtered = filtered or action in vars(klass).get("filtered_actions", ())
        if filtered:
            for backend in getattr(self, "filter_backends", ()):
                if issubclass(backend, DjangoFilterBackend):
                    filterset_class = getattr(self, "filterset_class", None)
                    if filterset_class is not None:
                        names |= set(filterset_class.base_filters)
                else:
                    names |= parameter_names(backend().get_schema_operation_parameters(self))
        if action == "list" and getattr(self, "paginator", None) is not None:
            names |= parameter_names(self.paginator.get_schema_operation_parameters(self))
        return names


def parameter_names(parameters) -> set[str]:
    r"""The query parameters' names among ``parameters``: ``OpenApiParameter``\ s, query
    serializers (classes or instances: their writable fields), schema dicts or names."""
    names: set[str] = set()
    for parameter in parameters:
        if isinstance(parameter, str):
            names.add(parameter)
        elif isinstance(parameter, OpenApiParameter):
            if parameter.location == OpenApiParameter.QUERY:
                names.add(parameter.name)
        elif isinstance(parameter, dict):
            if parameter.get("in", "query") == "query":
                names.add(parameter["name"])
        else:
            serializer = parameter() if isinstance(parameter, type) else parameter
            names |= {name for name, field in serializer.fields.items() if not field.read_only}
    return names


def reject_unknown_parameters(request, known: frozenset[str]) -> None:
    """400 naming each query parameter not in ``known``, with the known one it looks
    like (``actr``: did you mean ``actor``?) or else the list of known ones."""
    unknown = sorted(set(request.query_params) - known)
    if not unknown:
        return
    choices = sorted(known - {api_settings.URL_FORMAT_OVERRIDE})
    errors = {}
    for name in unknown:
        close = difflib.get_close_matches(name.lower(), choices, n=1, cutoff=0.6)
        if close:
            errors[name] = [f"Unknown query parameter: did you mean `{close[0]}`?"]
        elif choices:
            listed = ", ".join(f"`{choice}`" for choice in choices)
            errors[name] = [f"Unknown query parameter. This operation takes: {listed}."]
        else:
            errors[name] = ["Unknown query parameter: this operation takes none."]
    raise ValidationError(errors, code="unknown_parameter")


class WriteServices(Protocol):
    """The write services of one model that a viewset declares (``services = ...``, a
    ``sources.services.Services``) and calls, in one shape for every model:
    ``create(*, data, user)``, ``update(*, instance, data, user)``,
    ``delete(*, instance, user)``; ``data`` is the input serializer's validated data,
    nested lists (citations, stages) included, ``user`` who makes the change."""

    create: Callable[..., models.Model]
    update: Callable[..., models.Model]
    delete: Callable[..., None]


PAGE_HEADERS = [
    OpenApiParameter(
        "Link",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=["200"],
        description=(
            'The next and previous pages (RFC 8288): `<url>; rel="next", <url>; rel="prev"`; '
            "absent when there is neither."
        ),
    ),
    OpenApiParameter(
        TOTAL_COUNT,
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=["200"],
        description="With `count`: the list's total (`count` in the body).",
    ),
    OpenApiParameter(
        TOTAL_COUNT_IS_ESTIMATE,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=["200"],
        enum=["true", "false"],
        description="With `count`: `true` when the total is the planner's estimate.",
    ),
]


UNDATED_HEADER = OpenApiParameter(
    UNDATED_EXCLUDED,
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=["200"],
    description="With `as_of` (without `include_undated`): how many undated rows it left out.",
)


class ResourceSchema(AutoSchema):
    """The project's schema, plus the query parameters of a viewset's declared
    ``known_at`` feature on its list and detail, and a list's page headers."""

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        known_at = getattr(self.view, "known_at", None)
        if known_at is not None and action in ("list", "retrieve"):
            parameters += known_at.parameters
        if action == "list" and getattr(self.view, "pagination_class", None) is not None:
            parameters += PAGE_HEADERS
            if hasattr(getattr(self.view, "filterset_class", None), "undated_excluded"):
                parameters.append(UNDATED_HEADER)
        return parameters


class DomainViewSet(RejectNulMixin, FastReadMixin, viewsets.ModelViewSet):
    """CRUD for one model; a resource's viewset declares what it has and overrides nothing.

    A request walks, in this order (stated here and nowhere else):

    1. ``initial`` (:class:`RejectNulMixin`): 400 for a NUL in the query or the body,
       and for a query parameter the operation does not declare.
    2. ``list`` and ``retrieve`` (here): ``?known_at=`` is answered from the history
       when the viewset declares ``known_at = KnownAt()`` (history/known_at.py); else
       by the fast read path when it declares ``fast_read = True`` (api/fastread.py);
       else by DRF's ``ModelViewSet``.
    3. ``get_serializer_class`` (here): ``detail_serializer_class`` for one object,
       ``as_of_serializer_class`` for ``?as_of=``, else ``serializer_class``.
    4. ``create``, ``update``, ``destroy`` (here): the input serializer, then the
       declared ``services`` in one transaction, the row locked and ``If-Match``
       checked for a change.
    5. ``finalize_response`` (here): errors in JSON whatever format was asked for, then
       the ``ETag`` of a single object, or 304 when ``If-None-Match`` names it.

    Extra routes come from mixins that add actions and override nothing, so their
    order does not matter: ``HistoryMixin`` (history/api.py), ``ExportMixin``
    (api/export.py), and the app's own (``SummaryMixin``, ``CoalitionTimelineMixin``).

    Subclasses set ``queryset`` (for permissions and the schema), ``serializer_class``
    (what is answered), ``input_serializer_class`` (what is accepted) and ``services``.
    """

    schema = ResourceSchema()
    input_serializer_class: type[Serializer]
    services: WriteServices
    lookup_value_regex = "[0-9]+"
    # Writes need If-Match (428/412) and POST takes an Idempotency-Key: for the schema.
    conditional_writes = True
    # Words for the schema: "pledge" / "pledges"; examples: see api.examples.
    noun: str = ""
    noun_plural: str = ""
    example: dict | None = None
    example_input: dict | None = None

    # The claim model whose ``view`` permission lets a user see unreviewed claims
    # (None for resources that are not, and do not contain, claims).
    claim_model: type[models.Model] | None = None
    detail_serializer_class: type[Serializer] | None = None
    # Answers ``?as_of=`` (the list's filter adds what it needs, e.g. ``status_as_of``).
    as_of_serializer_class: type[Serializer] | None = None
    # ``history.known_at.KnownAt()``: ``?known_at=`` on list and retrieve.
    known_at: Any = None
    # ``export`` (api/export.py's ExportMixin) answers the filtered list too.
    filtered_actions = ("list", "export")
    # Serve list and retrieve from ``.values()`` rows (api/fastread.py).
    fast_read = False

    def known_query_parameters(self) -> set[str]:
        names = super().known_query_parameters()
        if self.known_at is not None and self.operation_name() in ("list", "retrieve"):
            names |= parameter_names(self.known_at.parameters)
        return names

    def verified_only(self, claim_model: type[models.Model] | None = None) -> bool:
        return verified_only(self.request, claim_model or self.claim_model)

    def get_queryset(self):
        objects = self.queryset.model.objects
        if self.claim_model is None:
            return objects.for_api()
        return objects.for_api(verified_only=self.verified_only())

    # --- reads ------------------------------------------------------------------------------

    def list(self, request, *args, **kwargs):
        if self.known_at is not None and (at := self.known_at.moment(request)) is not None:
            return self.known_at.list(self, request, at)
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        if self.known_at is not None and (at := self.known_at.moment(request)) is not None:
            return self.known_at.retrieve(self, request, at)
        return super().retrieve(request, *args, **kwargs)

    def get_serializer_class(self):
        if self.action != "list" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        request = getattr(self, "request", None)
        if (
            self.as_of_serializer_class is not None
            and request is not None
            and request.query_params.get("as_of")
        ):
            return self.as_of_serializer_class
        return self.serializer_class

    def acting_user(self):
        """Who makes this change (recorded when a claim is verified)."""
        return self.request.user if self.request.user.is_authenticated else None

    def get_input_serializer(self, *args, **kwargs) -> Serializer:
        kwargs.setdefault("context", self.get_serializer_context())
        serializer = self.input_serializer_class(*args, **kwargs)
        if "data" in kwargs:
            errors = _raw_text_errors(serializer, kwargs["data"], "")
            if errors:
                raise ValidationError(
                    {attr: [message] for attr, message in errors.items()}, code="invalid"
                )
        return serializer

    def answer(self, instance: models.Model, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=instance.pk)
        data = self.get_serializer(fresh).data
        headers = {ETAG: etag_of(data)}
        if status_code == status.HTTP_201_CREATED:  # where the new object lives (RFC 9110)
            lookup = self.lookup_url_kwarg or self.lookup_field
            headers["Location"] = self.reverse_action(
                "detail", kwargs={lookup: getattr(fresh, self.lookup_field)}
            )
        return Response(data, status=status_code, headers=headers)

    def finalize_response(self, request, response, *args, **kwargs):
        """Errors, and the answer to OPTIONS (a description, not a table), are JSON even
        when CSV or JSON Lines was asked for. Every single-object GET carries the ETag of
        what it answers (a ``?known_at=`` one too) and answers 304 with no body when
        ``If-None-Match`` names it."""
        if (
            isinstance(response, Response)
            and (response.status_code >= 400 or request.method == "OPTIONS")
            and not isinstance(getattr(request, "accepted_renderer", None), BrowsableAPIRenderer)
        ):
            request.accepted_renderer = ORJSONRenderer()
            request.accepted_media_type = ORJSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            getattr(self, "action", None) != "retrieve"
            or response.status_code != status.HTTP_200_OK
        ):
            return response
        if ETAG not in response and isinstance(getattr(response, "data", None), dict):
            response[ETAG] = etag_of(response.data)
        if ETAG in response and not_modified(request, response[ETAG]):
            unchanged = HttpResponseNotModified()
            for header in (ETAG, "Vary", "Cache-Control", RATELIMIT_POLICY, RATELIMIT):
                if header in response:
                    unchanged[header] = response[header]
            return unchanged
        return response

    # --- writes -----------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        return idempotent(request, lambda: self._create(request))

    def _create(self, request) -> Response:
        serializer = self.get_input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.create_object(dict(serializer.validated_data))
        return self.answer(instance, status.HTTP_201_CREATED)

    def locked_object(self) -> models.Model:
        """The object of this write, its row locked until the transaction ends, after
        checking that ``If-Match`` names its current ETag (428/412 otherwise).

        Call inside ``transaction.atomic()``. The row is locked first and read after,
        so a concurrent writer holding the same ETag waits here and then sees the new
        version: only one of them can pass the check.
        """
        instance = self.get_object()  # 404 and object permissions
        model = type(instance)
        if not model.objects.select_for_update().filter(pk=instance.pk).exists():
            raise Http404  # deleted while we waited for the lock
        instance = self.get_queryset().get(pk=instance.pk)
        check_if_match(self.request, etag_of(self.get_serializer(instance).data))
        return instance

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.locked_object()
            serializer = self.get_input_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            instance = self.update_object(instance, dict(serializer.validated_data))
            return self.answer(instance)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            self.delete_object(self.locked_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def create_object(self, data: dict[str, Any]) -> models.Model:
        return self.services.create(data=data, user=self.acting_user())

    def update_object(self, instance: models.Model, data: dict[str, Any]) -> models.Model:
        return self.services.update(instance=instance, data=data, user=self.acting_user())

    def delete_object(self, instance: models.Model) -> None:
        self.services.delete(instance=instance, user=self.acting_user())

    # --- schema words -------------------------------------------------------------------------

    @classmethod
    def schema_texts(cls) -> dict[str, dict[str, str]]:
        one, many = cls.noun, cls.noun_plural
        a = "an" if one[:1] in "aeiou" else "a"
        about = inspect.cleandoc(cls.__doc__ or "")
        lookup = "id" if cls.lookup_field == "pk" else cls.lookup_field
        ordering = ", ".join(getattr(cls, "ordering_fields", ()) or ())
        default = ",".join(cls.ordering) if isinstance(cls.ordering, list | tuple) else cls.ordering
        write_note = (
            "Needs a token (or session) of a user with the `{perm}` permission. "
            "Runs in one transaction: invalid input changes nothing."
        )
        model = cls.queryset.model._meta
        perm = f"{model.app_label}.%s_{model.model_name}"
        return {
            "list": {
                "summary": f"List {many}",
                "description": (
                    f"{about}\n\nFilters combine with AND. Ordered by `{default}` unless "
                    f"`ordering` says otherwise (one of: {ordering}). Pages are keyset "
                    "cursors: follow `next`/`previous` (or send `next_cursor` as `cursor`; "
                    "the `Link` header has them too); `limit` is 1 to 200. `count=exact` or "
                    "`count=estimate` adds the total. A query parameter not listed here, or a "
                    "code or slug that nothing has, answers 400."
                ),
            },
            "retrieve": {
                "summary": f"Get one {one}",
                "description": f"One {one}, by its {lookup}.\n\n{about}",
            },
            "create": {
                "summary": f"Create {a} {one}",
                "description": f"Create {a} {one}. " + write_note.format(perm=perm % "add"),
            },
            "update": {
                "summary": f"Replace {a} {one}",
                "description": (
                    f"Update {a} {one}: send every required field (a claim's citations "
                    "too); optional fields left out keep their values. "
                    + write_note.format(perm=perm % "change")
                ),
            },
            "partial_update": {
                "summary": f"Change some fields of {a} {one}",
                "description": (
                    "Change only the fields sent. A list sent (citations, stages) replaces "
                    "the whole list. " + write_note.format(perm=perm % "change")
                ),
            },
            "destroy": {
                "summary": f"Delete {a} {one}",
                "description": (
                    f"Delete {a} {one}. Answers 409, listing them, while other records refer "
                    "to it. " + write_note.format(perm=perm % "delete")
                ),
            },
        }

    @classmethod
    def schema_examples(cls, action: str | None, method: str):
        return resource_examples(cls, action, method)
