"""How the OpenAPI schema is built (drf-spectacular), beyond the library's defaults.

- Write actions of a :class:`config.api.viewsets.DomainViewSet` take the view's
  ``input_serializer_class`` and answer with its ``serializer_class``.
- Every operation documents the error answers it can give, all in the one error shape
  (:mod:`config.api.errors`), with an example.
- Every operation gets a summary, a description and examples; the postprocessing hook
  :func:`require_descriptions` warns (so ``--fail-on-warn`` fails) when one has none.
- Enums used as query parameters refer to the named enum components instead of
  repeating the values inline, so generated clients share one type per codelist.
"""

from __future__ import annotations

import copy

from drf_spectacular.drainage import warn
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiExample

from config.api.errors import CLIENT_ERROR, SERVER_ERROR, VALIDATION_ERROR, ErrorSerializer

WRITE_ACTIONS = ("create", "update", "partial_update")

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: the errors name each field at fault.",
    "401": "Not authenticated: send `Authorization: Token <token>` (or log in).",
    "403": "Authenticated, but without the permission this needs.",
    "404": "Not found.",
    "409": "Conflicts with current data (a duplicate, an overlap, or rows that refer to it).",
    "429": "Too many failed attempts; wait and try again.",
    "500": "Server error.",
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
    "429": {
        "type": CLIENT_ERROR,
        "errors": [{"code": "locked_out", "detail": "Account locked.", "attr": None}],
    },
    "500": {
        "type": SERVER_ERROR,
        "errors": [{"code": "error", "detail": "Server error.", "attr": None}],
    },
}


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

    def get_auth(self):
        """Reads are open by default (``API_READS_REQUIRE_LOGIN`` off): say so with ``{}``."""
        auths = super().get_auth()
        if self.method.upper() in ("GET", "HEAD") and auths and {} not in auths:
            auths.append({})
        return auths

    def error_codes(self) -> list[str]:
        """The error statuses this operation can answer with."""
        codes = {"400", "401", "500"}  # bad query or body; a bad token; the unexpected
        method = self.method.upper()
        has_lookup = "{" in self.path
        if method not in ("GET", "HEAD", "OPTIONS"):
            codes |= {"403", "409"}
        if has_lookup:
            codes.add("404")
        codes |= set(getattr(self.view, "extra_error_codes", ()))
        codes -= set(getattr(self.view, "omit_error_codes", ()))
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
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
                    value=copy.deepcopy(ERROR_EXAMPLES[code]),
                    response_only=True,
                    status_codes=[code],
                )
            )
        return examples


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
