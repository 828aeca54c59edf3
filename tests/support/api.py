"""Clients and assertions the API tests share: a token client that sends If-Match as a
careful client does, the one error shape, a citation to send."""

from __future__ import annotations

from http import HTTPStatus

from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import SourceFactory

ERROR_KEYS = {"type", "errors"}
# RFC 9457's members, beside v1's own (api/errors.py)
PROBLEM_KEYS = {"title", "status", "detail"}


class ConditionalAPIClient(APIClient):
    """An APIClient that writes as a careful client does: PUT, PATCH and DELETE without an
    explicit ``HTTP_IF_MATCH`` first GET the object and send its ETag in ``If-Match``."""

    def _with_if_match(self, path, extra):
        if "HTTP_IF_MATCH" not in extra:
            etag = self.get(path).headers.get("ETag")
            if etag:
                extra["HTTP_IF_MATCH"] = etag
        return extra

    def put(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        extra = self._with_if_match(path, extra)
        return super().put(path, data, format, content_type, follow, **extra)

    def patch(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        extra = self._with_if_match(path, extra)
        return super().patch(path, data, format, content_type, follow, **extra)

    def delete(self, path, data=None, format=None, content_type=None, follow=False, **extra):
        extra = self._with_if_match(path, extra)
        return super().delete(path, data, format, content_type, follow, **extra)


def token_client(user, *, if_match: bool = True) -> APIClient:
    """A client authenticated the way API clients are: a knox token header. With
    ``if_match=False`` a plain client, which sends only the headers a test gives it."""
    _, token = AuthToken.objects.create(user)
    client = ConditionalAPIClient() if if_match else APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def error_attrs(response) -> set[str | None]:
    assert set(response.json()) >= ERROR_KEYS, response.json()
    return {error["attr"] for error in response.json()["errors"]}


def assert_error(response, status: int, error_type: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:2000])
    body = response.json()
    assert set(body) >= ERROR_KEYS, body
    assert body["errors"], body
    for error in body["errors"]:
        assert set(error) == {"code", "detail", "attr"}, error
    assert set(body) >= PROBLEM_KEYS, body
    assert body["status"] == status, body
    assert body["title"] == HTTPStatus(status).phrase, body
    assert all(error["detail"].strip() in body["detail"] for error in body["errors"]), body
    if error_type:
        assert body["type"] == error_type, body
    return body


def citation_input(source=None, quote: str = "Officials confirmed it.") -> dict:
    source = source or SourceFactory()
    return {"source": source.pk, "quote": quote, "locator": "paragraph 1", "stance": "supports"}
