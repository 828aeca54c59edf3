"""Hostile input answers a 4xx in the error shape.

A body over the size limit, JSON nested too deep, a hand-made pagination cursor, text
that PostgreSQL cannot store (a lone surrogate, which JSON's ``\\u`` escapes can spell):
on every endpoint that takes them, never a 500. The operations come from the schema and
the router, so a new endpoint is covered without editing this file.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import re

import httpx
import pytest
from django.conf import settings
from django.db import models
from drf_spectacular.generators import SchemaGenerator
from rest_framework.exceptions import ParseError, ValidationError

from api.errors import exception_handler
from api.pagination import keys_from_ordering
from api.parsers import MAX_DEPTH, JSONParser
from api.renderers import ORJSONRenderer
from config.router import router
from sources.api.views import SourceViewSet
from sources.models import Source
from tests.factories import UserFactory
from tests.support.api import assert_error, token_client
from tests.support.live import Server, database_url

pytestmark = pytest.mark.django_db

LONE = "\ud800"
BIG = b'{"title": "' + b"a" * (10 * 1024 * 1024) + b'"}'
DEEP = "[" * 10_000 + "]" * 10_000


@functools.cache
def write_operations() -> list[tuple[str, str]]:
    """(method, path) of every operation whose schema has a request body."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method, re.sub(r"\{[^}]+\}", "1", path))
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation
    ]


def superuser():
    return token_client(UserFactory(is_superuser=True))


def send(client, method: str, path: str, body, **extra):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return getattr(client, method)(
        path, data=data, content_type="application/json", HTTP_IF_MATCH='"any"', **extra
    )


# --- 3. A body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 --------------------------------------


def assert_too_large(response, limit: int | None = None):
    body = assert_error(response, 413, "client_error")
    detail = body["errors"][0]["detail"]
    assert body["errors"][0]["code"] == "payload_too_large"
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in detail
    assert str(limit or settings.DATA_UPLOAD_MAX_MEMORY_SIZE) in detail


@pytest.mark.parametrize(("method", "path"), write_operations())
def test_a_body_over_the_limit_is_413_on_every_write(method, path):
    assert_too_large(send(superuser(), method, path, BIG))


def test_an_anonymous_body_over_the_limit_is_413(api_client):
    assert_too_large(send(api_client, "post", "/api/v1/auth/token/", BIG))


def test_the_limit_is_the_setting(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    login = {"username": "nobody", "password": "x" * 1200}
    assert_too_large(send(api_client, "post", "/api/v1/auth/token/", login), limit=1000)
    login["password"] = "x" * 100
    assert send(api_client, "post", "/api/v1/auth/token/", login).status_code in (400, 401)


def test_the_admin_answers_413_too(client, admin_user):
    form = b"username=admin&password=" + b"x" * (10 * 1024 * 1024)
    kind = "application/x-www-form-urlencoded"
    response = client.post("/admin/login/", data=form, content_type=kind)
    assert response.status_code == 413
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in response.content.decode()
    client.force_login(admin_user)
    response = client.post("/admin/sources/source/add/", data=form, content_type=kind)
    assert response.status_code == 413


# --- 4. JSON nested deeper than MAX_DEPTH is a 400 ---------------------------------------------


def nested(depth: int, leaf="x"):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def assert_too_deep(response):
    body = assert_error(response, 400, "client_error")
    assert body["errors"][0]["code"] == "parse_error"
    assert f"deeper than {MAX_DEPTH} levels" in body["errors"][0]["detail"]


@pytest.mark.parametrize(("method", "path"), write_operations())
def test_json_nested_10000_deep_is_400_on_every_write(method, path):
    assert_too_deep(send(superuser(), method, path, DEEP))


def test_json_nested_10000_deep_is_400_anonymously(api_client):
    assert_too_deep(send(api_client, "post", "/api/v1/auth/token/", DEEP))


def test_the_nesting_limit_is_max_depth_exactly(api_client):
    def parse(data):
        return JSONParser().parse(io.BytesIO(json.dumps(data).encode()))

    assert parse(nested(MAX_DEPTH)) == nested(MAX_DEPTH)
    with pytest.raises(ParseError):
        parse(nested(MAX_DEPTH + 1))
    # {"username": [...]} nests one level more than its value
    at_limit = {"username": nested(MAX_DEPTH - 1), "password": "x"}
    response = send(api_client, "post", "/api/v1/auth/token/", at_limit)
    assert_error(response, 400, "validation_error")
    too_deep = {"username": nested(MAX_DEPTH), "password": "x"}
    assert_too_deep(send(api_client, "post", "/api/v1/auth/token/", too_deep))


# --- 5. A hand-made cursor is a 400 on ``cursor`` ----------------------------------------------


def cursor(payload) -> str:
    raw = json.dumps(payload) if not isinstance(payload, str) else payload
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def good_value(field: models.Field):
    """A value of the type the list writes into its cursors for ``field``."""
    if isinstance(field, models.IntegerField):
        return 1
    if isinstance(field, models.DateTimeField):
        return "2014-09-14T00:00:00+00:00"
    if isinstance(field, models.DateField):
        return "2014-09-14"
    if isinstance(field, models.DecimalField):
        return "8"
    return "m"


def orderings() -> list[tuple[str, str, str]]:
    """(list URL, ordering, field) for every ordering field of every list."""
    found = []
    for prefix, viewset, _basename in router.registry:
        for name in getattr(viewset, "ordering_fields", None) or ():
            found.append((f"/api/v1/{prefix}/", name, viewset.queryset.model))
    return found


@pytest.mark.parametrize(("url", "ordering", "model"), orderings())
def test_a_cursor_with_a_lone_surrogate_is_400_on_every_list_and_ordering(
    api_client, url, ordering, model
):
    keys = keys_from_ordering([ordering])
    signature = ",".join(key.term for key in keys)
    fields = [model._meta.get_field(key.field) for key in keys]
    good = [good_value(field) for field in fields]
    response = api_client.get(
        url, {"ordering": ordering, "cursor": cursor({"o": signature, "p": good})}
    )
    assert response.status_code == 200, response.content  # the cursor's shape is right
    for index in range(len(keys)):
        position = [LONE if i == index else value for i, value in enumerate(good)]
        params = {"ordering": ordering, "cursor": cursor({"o": signature, "p": position})}
        body = assert_error(api_client.get(url, params), 400, "validation_error")
        assert {error["attr"] for error in body["errors"]} == {"cursor"}


@pytest.mark.parametrize(
    "payload",
    [
        {"o": "title,id", "p": ["t", "1"]},  # an id as text
        {"o": "title,id", "p": ["t", None]},  # a null id
        {"o": "title,id", "p": [None, 1]},  # a null title: the column has none
        {"o": "title,id", "p": [5, 1]},  # a number for a text column
        {"o": "title,id", "p": ["t", 2**70]},  # beyond 64 bits
        {"o": "title,id", "p": ["t", 1.5]},
        {"o": "title,id", "p": ["t\x00", 1]},
        {"o": "title,id", "p": ["t", 1], "b": "yes"},
        {"o": "title,id", "p": ["t", 1], "x": 1},
        {"o": "published_on,id", "p": ["2014-02-30", 1]},
        "[" * 3000 + "]" * 3000,  # deeper than the JSON decoder goes
        '{"o": "title,id", "p": ["t", 1e999]}',
    ],
)
def test_a_forged_cursor_is_400(api_client, payload):
    ordering = "published_on" if "published_on" in str(payload) else "title"
    response = api_client.get("/api/v1/sources/", {"ordering": ordering, "cursor": cursor(payload)})
    body = assert_error(response, 400, "validation_error")
    assert body["errors"][0]["attr"] == "cursor"


# --- 9. Text that cannot be encoded is a 400 naming the field, in every body ----------------


def text_leaves(value, path: str | None = None):
    """Dotted paths of the strings in an example body."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_leaves(item, key if path is None else f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_leaves(item, str(index) if path is None else f"{path}.{index}")


def replaced(value, path: list[str], new):
    if not path:
        return new
    head, *rest = path
    if isinstance(value, list):
        return [replaced(v, rest, new) if str(i) == head else v for i, v in enumerate(value)]
    return {k: replaced(v, rest, new) if k == head else v for k, v in value.items()}


def text_inputs() -> list[tuple[str, dict, str]]:
    """(list URL, example body, path) for every text in every resource's example input,
    choices (kind, status, citations.0.stance, stages.0.status ...) among them."""
    found = []
    for prefix, viewset, _basename in router.registry:
        example = getattr(viewset, "example_input", None)
        for path in text_leaves(example or {}):
            found.append((f"/api/v1/{prefix}/", example, path))
    found += [
        ("/api/v1/auth/token/", {"username": "u", "password": "p"}, "username"),
        ("/api/v1/auth/token/", {"username": "u", "password": "p"}, "password"),
    ]
    return found


def assert_renders_without_it(response):
    text = response.content.decode("utf-8")  # it renders, as UTF-8
    assert LONE not in text


@pytest.mark.parametrize(("url", "example", "path"), text_inputs())
def test_a_lone_surrogate_in_any_text_of_any_body_is_400_on_that_field(url, example, path):
    body = replaced(example, path.split("."), LONE)
    response = send(superuser(), "post", url, body)
    answer = assert_error(response, 400, "validation_error")
    assert path in {error["attr"] for error in answer["errors"]}, answer
    assert_renders_without_it(response)


def test_a_lone_surrogate_in_a_key_is_400():
    """Even where the key is one the serializer would ignore."""
    client = superuser()
    body = {**SourceViewSet.example_input, LONE: "x"}
    answer = assert_error(send(client, "post", "/api/v1/sources/", body), 400, "validation_error")
    assert [error["attr"] for error in answer["errors"]] == ["\\ud800"]
    assert not Source.objects.exists()
    del body[LONE]
    assert send(client, "post", "/api/v1/sources/", body).status_code == 201  # the rest is fine


def test_an_error_that_echoes_a_lone_surrogate_still_renders():
    """The last guard: a message quoting the input never fails the answer."""
    error = ValidationError({"kind": [f'"{LONE}" is not a valid choice.'], LONE: ["x"]})
    response = exception_handler(error, {})
    rendered = ORJSONRenderer().render(response.data).decode("utf-8")
    assert response.status_code == 400
    assert "\\\\ud800" in rendered and LONE not in rendered


# --- The same under gunicorn, in production mode ----------------------------------------------


def test_the_real_server_answers_413_and_400_not_500(tmp_path):
    with Server(database_url()).start(tmp_path) as server:
        token = f"{server.url}/api/v1/auth/token/"
        json_type = {"Content-Type": "application/json"}
        too_big = httpx.post(token, content=BIG, headers=json_type, timeout=60)
        assert too_big.status_code == 413, server.log()
        assert too_big.json()["errors"][0]["code"] == "payload_too_large"
        deep = httpx.post(token, content=DEEP, headers=json_type, timeout=30)
        assert deep.status_code == 400, server.log()
        assert deep.json()["errors"][0]["code"] == "parse_error"
        lone = httpx.post(token, content='{"username": "\\ud800"}', headers=json_type)
        assert lone.status_code == 400, server.log()
        assert lone.json()["errors"][0]["attr"] == "username"
        admin = httpx.post(
            f"{server.url}/admin/login/",
            content=b"username=a&password=" + b"x" * (10 * 1024 * 1024),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                # a well-formed CSRF cookie, so the CSRF check reads the form
                "Cookie": f"csrftoken={'a' * 32}",
            },
            timeout=60,
        )
        assert admin.status_code == 413, server.log()
