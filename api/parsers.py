"""The API's JSON parser, and the one rule for text that enters the API.

Every JSON body is parsed here (``DEFAULT_PARSER_CLASSES``), so these limits hold for
every endpoint, ``/auth/token/`` included:

* **Size.** A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused before it is
  read; the exception handler answers 413 (api/errors.py).
* **Depth.** Arrays and objects may nest at most :data:`MAX_DEPTH` levels: ``{}`` is one
  level, ``{"citations": [{}]}`` three. Deeper is a 400 (``parse_error``), however deep.
* **Text.** Every string, object keys too, must be storable as PostgreSQL text: valid
  Unicode that encodes to UTF-8 (no lone surrogates such as ``"\\ud800"``, which JSON's
  ``\\u`` escapes can spell) and no NUL character. Otherwise a 400 naming the field.

JSON escapes are the only way such text gets in: Django decodes the query string and
the path replacing undecodable bytes, and WSGI headers are Latin-1. The cursor, JSON in
a query parameter, applies :func:`text_problem` itself (api/pagination.py).
"""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ErrorDetail, ParseError, ValidationError

MAX_DEPTH = 32
MAX_REPORTED = 20  # field messages in one answer about bad text
NUL = "\x00"
NUL_MESSAGE = "NUL characters are not allowed."
UNENCODABLE_MESSAGE = "Not valid Unicode text: it holds a lone surrogate (\\ud800 to \\udfff)."
TOO_DEEP_MESSAGE = f"JSON nested deeper than {MAX_DEPTH} levels is not accepted."


def text_problem(text: str) -> ErrorDetail | None:
    """Why ``text`` cannot be taken as input (a message naming no part of it), or None."""
    if NUL in text:
        return ErrorDetail(NUL_MESSAGE, code="null_characters_not_allowed")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return ErrorDetail(UNENCODABLE_MESSAGE, code="invalid_text")
    return None


def printable(text: str) -> str:
    """``text`` safe to put in an answer: unencodable characters become ``\\udXXX``."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def check_parsed(data: Any) -> None:
    """400 for parsed JSON nested deeper than :data:`MAX_DEPTH` or holding bad text.

    Walks without recursion, so it cannot itself run out of stack.
    """
    problems: dict[str, list[ErrorDetail]] = {}
    stack: list[tuple[Any, str | None, int]] = [(data, None, 0)]
    while stack and len(problems) < MAX_REPORTED:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                problems[path or "non_field_errors"] = [problem]
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_DEPTH:
            raise ParseError(TOO_DEEP_MESSAGE)
        if isinstance(value, dict):
            for key, item in value.items():
                child = key if path is None else f"{path}.{key}"
                problem = text_problem(key)
                if problem:
                    problems[printable(child)] = [problem]
                else:
                    stack.append((item, child, depth + 1))
        else:
            for index, item in enumerate(value):
                stack.append((item, str(index) if path is None else f"{path}.{index}", depth + 1))
    if problems:
        raise ValidationError(problems)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with the depth and text rules above."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:  # far deeper than MAX_DEPTH: the decoder gave up first
            raise ParseError(TOO_DEEP_MESSAGE) from None
        check_parsed(data)
        return data
