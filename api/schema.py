"""How the OpenAPI schema is built (drf-spectacular), beyond the library's defaults.

- Write actions of a :class:`api.viewsets.DomainViewSet` take the view's
  ``input_serializer_class`` and answer with its ``serializer_class``.
- Every operation documents the error answers it can give, all in the one error shape
  (:mod:`api.errors`), with an example.
- Every operation gets a summary, a description and examples; the postprocessing hook
  :func:`require_descriptions` warns (so ``--fail-on-warn`` fails) when one has none.
- Enums used as query parameters refer to the named enum components instead of
  repeating the values inline, so generated clients share one type per codelist.
- The trust headers are documented where they apply: ``ETag`` on single-object
  answers, ``If-Match`` (required: 428 without, 412 when stale) on PUT/PATCH/DELETE,
  ``Idempotency-Key`` (422 when reused for another request) on POST, ``Retry-After``
  on 429 and 503, ``RateLimit`` and ``RateLimit-Policy`` on 429 (:mod:`api.throttling`
  sends them on every counted answer); :func:`add_links` adds the OpenAPI links between a resource's
  operations (create -> get/replace/change/delete, carrying the id and the ETag) that
  clients and stateful fuzzers (schemathesis) follow.
"""

from __future__ import annotations

import copy
import json
import re

from django.conf import settings
from drf_spectacular.drainage import warn
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework.permissions import AllowAny

from api.concurrency import ETAG, IF_MATCH
from api.errors import CLIENT_ERROR, SERVER_ERROR, VALIDATION_ERROR, ErrorSerializer, error_body
from api.idempotency import IDEMPOTENCY_KEY, REPLAYED
from api.permissions import ReadOpenWriteWithModelPermission
from api.throttling import RATELIMIT, RATELIMIT_POLICY

WRITE_ACTIONS = ("create", "update", "partial_update")
CONDITIONAL_ACTIONS = ("update", "partial_update", "destroy")

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: the errors name each field at fault.",
    "401": "Not authenticated, or the token is wrong or expired: send "
    "`Authorization: Bearer <token>` (or `Token <token>`, or log in).",
    "403": "Authenticated, but without the permission this needs.",
    "404": "Not found.",
    "409": "Conflicts with current data (a duplicate, an overlap, or rows that refer to it).",
    "413": "The body is larger than the server accepts (`DATA_UPLOAD_MAX_MEMORY_SIZE`, "
    "2.5 MB by default): nothing was read or changed.",
    "412": "The object changed since you read it (`If-Match` is not its `ETag`): nothing "
    "was changed. GET it again and retry with the new `ETag`.",
    "422": "This `Idempotency-Key` was already used for a different request.",
    "428": "`If-Match` is missing: send the `ETag` of the version you are changing.",
    "429": "Too many requests (or failed logins): wait `Retry-After` seconds and try again. "
    "`RateLimit` on every counted answer says how many are left before this.",
    "500": "Server error.",
    "503": "The database is unavailable (restarting, failing over): retry after "
    "`Retry-After` seconds (a POST with the same `Idempotency-Key`).",
}

ERROR_EXAMPLES = {
    "400": {
        "type": VALIDATION_ERROR,
        "errors": [
            {
                "code": "invalid",
                "detail": "This quote does not occur in the text of source 3.",
                "attr": "citations.0.quote",
            }
        ],
    },
    "401": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "not_authenticated",
                "detail": "Authentication credentials were not provided.",
                "attr": None,
            }
        ],
    },
    "403": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "permission_denied",
                "detail": "You do not have permission to perform this action.",
                "attr": None,
            }
        ],
    },
    "404": {
        "type": CLIENT_ERROR,
        "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
    },
    "409": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "protected",
                "detail": "Other records still refer to this one (1 listed in references); "
                "change or delete them first.",
                "attr": None,
            }
        ],
        "references": [{"type": "pledge", "id": 12, "url": "/api/v1/pledges/12/"}],
    },
    "413": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "payload_too_large",
                "detail": "The request body is larger than 2621440 bytes, the limit "
                "(DATA_UPLOAD_MAX_MEMORY_SIZE). Send less, or split it into several requests.",
                "attr": None,
            }
        ],
    },
    "412": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "precondition_failed",
                "detail": "The object has changed since you read it (If-Match does not match "
                "its ETag). GET it again, reapply your change, and send the new ETag.",
                "attr": None,
            }
        ],
    },
    "422": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "idempotency_key_reused",
                "detail": "This Idempotency-Key was already used with a different request "
                "(another body or endpoint). Use a new key for a new request.",
                "attr": None,
            }
        ],
    },
    "428": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "precondition_required",
                "detail": "Send the ETag of the version you are changing in an If-Match "
                "header (GET the object first).",
                "attr": None,
            }
        ],
    },
    "429": {
        "type": CLIENT_ERROR,
        "errors": [
            {
                "code": "throttled",
                "detail": "Request was throttled. Expected available in 12 seconds.",
                "attr": None,
            }
        ],
    },
    "500": {
        "type": SERVER_ERROR,
        "errors": [{"code": "error", "detail": "Server error.", "attr": None}],
    },
    "503": {
        "type": SERVER_ERROR,
        "errors": [
            {
                "code": "database_unavailable",
                "detail": "The database is unavailable. Try again in a few seconds.",
                "attr": None,
            }
        ],
    },
}

# `*`, or one or more entity tags (RFC 9110): `"abc"`, `W/"abc"`, comma-separated.
ENTITY_TAGS = r'^(\*|(W/)?"[!#-~]*"(, ?(W/)?"[!#-~]*")*)$'
IF_MATCH_DESCRIPTION = (
    "The `ETag` of the version you are changing, from the GET (or the last write) that "
    "returned it. Required: without it the answer is 428; if the object changed since, "
    "412 and nothing is changed. `*` matches any current version (RFC 9110): the write "
    "proceeds whatever changed since you read."
)
ETAG_DESCRIPTION = (
    "Version of this representation; send it as `If-Match` to change or delete the object."
)
IDEMPOTENCY_KEY_DESCRIPTION = (
    "A unique value per intended request (a UUID). A retry with the same key and body "
    "answers what the first request answered and creates nothing more; the same key with "
    "a different body answers 422. Keys belong to the user and are kept 24 hours (the "
    "server's `API_IDEMPOTENCY_KEY_TTL_HOURS`)."
)


class BearerOrTokenScheme(OpenApiAuthenticationExtension):
    """The two ways to send a token (:mod:`api.authentication`), either one will do:
    ``bearerAuth``, an http bearer scheme, first (generated clients that pick one pick
    it), and ``knoxApiToken``, the ``Token`` prefix, under the name it always had."""

    target_class = "api.authentication.BearerOrTokenAuthentication"
    name = ["bearerAuth", "knoxApiToken"]

    def get_security_requirement(self, auto_schema):
        return [{"bearerAuth": []}, {"knoxApiToken": []}]

    def get_security_definition(self, auto_schema):
        return [
            {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from `POST /api/v1/auth/token/`, sent as "
                "`Authorization: Bearer <token>`.",
            },
            {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "The same token sent as `Authorization: Token <token>`.",
            },
        ]


class AutoSchema(SpectacularAutoSchema):
    """The project's schema class (``REST_FRAMEWORK['DEFAULT_SCHEMA_CLASS']``)."""

    # --- request and response bodies -----------------------------------------------------

    def _action(self) -> str | None:
        return getattr(self.view, "action", None)

    def get_request_serializer(self):
        input_class = getattr(self.view, "input_serializer_class", None)
        if input_class is not None and self._action() in WRITE_ACTIONS:
            return input_class
        return super().get_request_serializer()

    def get_response_serializers(self):
        if getattr(self.view, "input_serializer_class", None) and self._action() in WRITE_ACTIONS:
            return self.view.get_serializer_class()
        return super().get_response_serializers()

    def is_public_read(self) -> bool:
        """Whether anyone may make this request without credentials: a GET or HEAD of a
        view whose every permission is :class:`ReadOpenWriteWithModelPermission` (or
        ``AllowAny``), while ``API_READS_REQUIRE_LOGIN`` is off."""
        if self.method.upper() not in ("GET", "HEAD") or settings.API_READS_REQUIRE_LOGIN:
            return False
        permissions = self.view.get_permissions()
        return bool(permissions) and all(
            isinstance(permission, (ReadOpenWriteWithModelPermission, AllowAny))
            for permission in permissions
        )

    def get_auth(self):
        """A public read may send credentials or none (``{}``, which
        :func:`hoist_optional_security` turns into the document's default); every other
        operation needs one of them."""
        auths = [auth for auth in super().get_auth() if auth != {}]
        if auths and self.is_public_read():
            auths.append({})
        return auths

    def error_codes(self) -> list[str]:
        """The error statuses this operation can answer with."""
        # bad query or body; a bad token; throttled; the unexpected; no database
        codes = {"400", "401", "429", "500", "503"}
        method = self.method.upper()
        has_lookup = "{" in self.path
        if method not in ("GET", "HEAD", "OPTIONS"):
            codes |= {"403", "409"}
        if method in ("POST", "PUT", "PATCH"):
            codes.add("413")
        if has_lookup:
            codes.add("404")
        if getattr(self.view, "conditional_writes", False):
            if self._action() in CONDITIONAL_ACTIONS:
                codes |= {"412", "428"}
            if self._action() == "create":
                codes.add("422")
        codes |= set(getattr(self.view, "extra_error_codes", ()))
        codes -= set(getattr(self.view, "omit_error_codes", ()))
        return sorted(codes)

    def get_override_parameters(self):
        """The trust headers: If-Match and Idempotency-Key sent, ETag and Retry-After
        answered (see the module docstring)."""
        parameters = list(super().get_override_parameters())
        action = self._action()
        if getattr(self.view, "conditional_writes", False):
            if action in CONDITIONAL_ACTIONS:
                parameters.append(
                    OpenApiParameter(
                        IF_MATCH,
                        {"type": "string", "pattern": ENTITY_TAGS},
                        OpenApiParameter.HEADER,
                        required=True,
                        description=IF_MATCH_DESCRIPTION,
                    )
                )
            if action == "retrieve":
                parameters.append(
                    OpenApiParameter(
                        "If-None-Match",
                        OpenApiTypes.STR,
                        OpenApiParameter.HEADER,
                        required=False,
                        description=(
                            "ETags you hold for this object, comma-separated (or `*`): "
                            "when one names its current version the answer is 304 with no "
                            "body, and your copy is current."
                        ),
                    )
                )
            if action in ("retrieve", *WRITE_ACTIONS):
                parameters.append(
                    OpenApiParameter(
                        ETAG,
                        OpenApiTypes.STR,
                        OpenApiParameter.HEADER,
                        required=True,
                        response=["200", "201"],
                        description=ETAG_DESCRIPTION,
                    )
                )
            if action == "create":
                parameters += [
                    OpenApiParameter(
                        IDEMPOTENCY_KEY,
                        {"type": "string", "pattern": "^[!-~]{1,255}$"},
                        OpenApiParameter.HEADER,
                        required=False,
                        description=IDEMPOTENCY_KEY_DESCRIPTION,
                    ),
                    OpenApiParameter(
                        "Location",
                        OpenApiTypes.URI,
                        OpenApiParameter.HEADER,
                        required=True,
                        response=["201"],
                        description="The new object's URL (its detail endpoint).",
                    ),
                    OpenApiParameter(
                        REPLAYED,
                        OpenApiTypes.STR,
                        OpenApiParameter.HEADER,
                        response=["201"],
                        enum=["true"],
                        description="Present when this is the stored answer to an earlier "
                        "request with the same `Idempotency-Key`.",
                    ),
                ]
        parameters += [
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=["429", "503"],
                description="Seconds to wait before trying again.",
            ),
            OpenApiParameter(
                RATELIMIT_POLICY,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=["429"],
                description="The quota that applies (draft-ietf-httpapi-ratelimit-headers-09): "
                '`"user";q=100;w=60` is 100 requests per 60-second window for each user '
                "(`anon`: for each address). Sent on every answer to a counted request.",
            ),
            OpenApiParameter(
                RATELIMIT,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=["429"],
                description='What is left of it: `"user";r=0;t=17` is 0 requests left, the '
                "quota whole again in 17 seconds. Sent on every answer to a counted request.",
            ),
        ]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if (
            direction == "response"
            and self._action() == "retrieve"
            and getattr(self.view, "conditional_writes", False)
        ):
            responses["304"] = {
                "description": "Not modified: `If-None-Match` names the current version "
                "(its `ETag` is sent again); no body."
            }
        for code in self.error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, None, direction
                )
                responses[code]["description"] = ERROR_DESCRIPTIONS[code]
        return responses

    # --- words and examples ---------------------------------------------------------------

    def _schema_text(self, key: str) -> str | None:
        texts = getattr(self.view, "schema_texts", None)
        if callable(texts):
            texts = texts()
        return (texts or {}).get(self._action() or self.method.lower(), {}).get(key)

    def get_summary(self):
        return self._schema_text("summary") or super().get_summary()

    def get_description(self):
        return self._schema_text("description") or super().get_description()

    def get_examples(self):
        examples = list(super().get_examples())
        view_examples = getattr(self.view, "schema_examples", None)
        if callable(view_examples):
            examples.extend(view_examples(self._action(), self.method.upper()))
        for code in self.error_codes():
            examples.append(
                OpenApiExample(
                    f"Error {code}",
                    value=error_example(code),
                    response_only=True,
                    status_codes=[code],
                )
            )
        return examples


def error_example(code: str) -> dict:
    """The whole body of an error answer with status ``code``, as :mod:`api.errors` makes
    it from :data:`ERROR_EXAMPLES` (its RFC 9457 members included)."""
    example = copy.deepcopy(ERROR_EXAMPLES[code])
    return error_body(int(code), example["type"], example["errors"], example.get("references"))


# --- postprocessing hooks (SPECTACULAR_SETTINGS['POSTPROCESSING_HOOKS']) -------------------


def require_descriptions(result, generator, request, public):
    """Warn (and so fail ``spectacular --fail-on-warn``) for an operation without a
    description, a summary or an example: the schema's quality is enforced, not hoped for.
    """
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path} ({operation.get('operationId')})"
            if not operation.get("description", "").strip():
                warn(f"{where} has no description")
            if not operation.get("summary", "").strip():
                warn(f"{where} has no summary")
            if not _has_example(operation):
                warn(f"{where} has no example")
    return result


def _has_example(operation: dict) -> bool:
    bodies = [operation.get("requestBody", {}), *operation.get("responses", {}).values()]
    return any(
        content.get("examples") or content.get("example")
        for body in bodies
        for content in body.get("content", {}).values()
    )


def hoist_optional_security(result, generator, request, public):
    """Public reads inherit the document's ``security``, which makes credentials optional;
    every other operation keeps its own.

    An operation's own list with ``{}`` in it says the same, but openapi-python-client
    (0.29) reads any non-empty list as "needs ``AuthenticatedClient``" (its issue
    #1372), so it would type every public read as needing a token. Inherited, the reads
    take a plain ``Client`` there, and other tools (hey-api, Swagger UI, schemathesis)
    read the inherited default as the specification says. An operation with no
    credentials at all (obtaining a token) is marked ``security: []``, so that it does
    not inherit the default.
    """
    optional = None
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            security = operation.get("security")
            if security and {} in security:
                if optional is not None and security != optional:
                    warn(f"{operation.get('operationId')}: another optional security {security}")
                    return result
                optional = security
    if optional is None:
        return result
    result["security"] = optional
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if operation.get("security") == optional:
                del operation["security"]
            elif "security" not in operation:
                operation["security"] = []
    return result


def reference_parameter_enums(result, generator, request, public):
    """Replace enums inlined in query parameters by the named component with the same values."""
    schemas = result.get("components", {}).get("schemas", {})
    by_values = {
        tuple(sorted(str(v) for v in schema["enum"])): name
        for name, schema in schemas.items()
        if "enum" in schema and schema.get("type") == "string"
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                target = schema.get("items", schema) if schema.get("type") == "array" else schema
                if "enum" not in target or target.get("type") != "string":
                    continue
                name = by_values.get(tuple(sorted(str(v) for v in target["enum"])))
                if name:
                    description = target.get("description")
                    target.clear()
                    target["$ref"] = f"#/components/schemas/{name}"
                    if description and target is schema:
                        parameter.setdefault("description", description)
    return result


def allow_empty_query_values(result, generator, request, public):
    """Every query parameter may be sent empty (``?kind=``): it then counts as not sent,
    as HTML forms (the browsable API's filters) send them."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
    return result


def add_links(result, generator, request, public):
    """OpenAPI links between a resource's operations, for clients and stateful fuzzers.

    From the 201 of ``POST /things/`` and the 200 of ``GET/PUT/PATCH /things/{id}/`` to
    every operation on ``/things/{id}/`` and below it (``history/``, ``restore/`` ...),
    named by their operationId: the lookup comes from the answer's body, and writes take
    the answer's ``ETag`` as their ``If-Match``.
    """
    paths = result.get("paths", {})
    schemas = result.get("components", {}).get("schemas", {})
    for path, detail in paths.items():
        match = re.fullmatch(r"(.*/)\{(\w+)\}/", path)
        if not match or match.group(1) not in paths:
            continue
        collection, lookup = paths[match.group(1)], match.group(2)
        params = re.findall(r"\{(\w+)\}", path)
        targets = [
            operation
            for target_path, item in paths.items()
            if target_path.startswith(path) and re.findall(r"\{(\w+)\}", target_path) == params
            for method, operation in item.items()
            if method in ("get", "put", "patch", "post", "delete")
        ]
        sources = [(collection.get("post"), "201")]
        sources += [(detail.get(method), "200") for method in ("get", "put", "patch")]
        for operation, code in sources:
            response = (operation or {}).get("responses", {}).get(code)
            if not response or lookup not in _response_properties(response, schemas):
                continue
            links = {}
            for target in targets:
                if target is operation:
                    continue
                parameters = {name: f"$request.path.{name}" for name in params[:-1]}
                parameters[lookup] = f"$response.body#/{lookup}"
                if any(p.get("name") == "If-Match" for p in target.get("parameters", [])):
                    parameters["header.If-Match"] = "$response.header.ETag"
                links[target["operationId"]] = {
                    "operationId": target["operationId"],
                    "parameters": parameters,
                    "description": f"{target.get('summary', 'Follow')}: the object this "
                    "answer describes.",
                }
            if links:
                response["links"] = links
    return result


def _response_properties(response: dict, schemas: dict) -> set[str]:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        schema = schemas.get(ref.rsplit("/", 1)[-1], {})
    return set(schema.get("properties", {}))


def request_defaults_in_descriptions(result, generator, request, public):
    """A request field with a default is optional, and the schema says so in a way every
    generator reads: it is not ``required``, and its default is stated in words instead
    of a ``default`` keyword. openapi-typescript (``defaultNonNullable``, on by default)
    types a component property that has a ``default`` as always present, so a client
    leaving ``locator`` out would not compile. Answers keep their ``default``s."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):
            continue
        required = schema.get("required", [])
        for field, prop in schema.get("properties", {}).items():
            if "default" not in prop:
                continue
            if field in required:
                required.remove(field)
            default = prop.pop("default")
            said = f"Optional: `{_json_text(default)}` when left out."
            described = prop.get("description")
            prop["description"] = f"{described}\n\n{said}" if described else said
        if "required" in schema and not required:
            del schema["required"]
    return result


def _json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


#: How drf-spectacular writes a path parameter matched by ``[0-9]+`` (an integer pk).
DIGITS_PARAMETER = {"type": "string", "pattern": "^[0-9]+$"}


def integer_path_ids(result, generator, request, public):
    """Path ids are integers in the schema, as they are in bodies (``"source": 3``): a
    router's ``[0-9]+`` lookup is typed ``integer``, so generated clients take the id
    they read. The URL is the same digits either way (``/pledges/12/``)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("schema") == DIGITS_PARAMETER:
                    parameter["schema"] = {"type": "integer", "minimum": 0}
    return result


#: Members an answer carries only for some requests (``status_as_of``, with ``as_of``):
#: component name -> {member: schema}, declared by the apps with :func:`answer_member`.
OPTIONAL_ANSWER_MEMBERS: dict[str, dict[str, dict]] = {}


def answer_member(component: str, name: str, schema: dict) -> None:
    """Declare ``name`` as an optional member of the answers ``component`` describes."""
    OPTIONAL_ANSWER_MEMBERS.setdefault(component, {})[name] = schema


def add_answer_members(result, generator, request, public):
    """Add the declared optional members (:func:`answer_member`) to their components: not
    ``required``, since only some answers carry them."""
    schemas = result.get("components", {}).get("schemas", {})
    for component, members in OPTIONAL_ANSWER_MEMBERS.items():
        if component in schemas:
            schemas[component].setdefault("properties", {}).update(copy.deepcopy(members))
    return result


def request_choice_unions(result, generator, request, public):
    """A request choice that may be none (``QuantityQualifierEnum``, ``BlankEnum``,
    ``NullEnum``) is an ``anyOf`` of them, not drf-spectacular's ``oneOf``: the enums are
    disjoint, so both mean the same, but openapi-diff reads no ``enum`` and so sees
    strings matching two branches of a ``oneOf``, that is, refused (``make schema-diff``
    called accepting ``""`` as well as null a narrowing)."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):
            continue
        for prop in schema.get("properties", {}).values():
            branches = prop.get("oneOf", [])
            if branches and all(set(branch) == {"$ref"} for branch in branches):
                prop["anyOf"] = prop.pop("oneOf")
    return result
