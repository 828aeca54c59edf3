"""pghistory's history middleware, also naming the API token a change was made with.

Every POST, PUT, PATCH and DELETE runs in a history context holding the URL and the
user. Django REST framework authenticates in the view, after the middleware: pghistory
follows it setting ``request.user``; this follows it setting ``request.auth`` too, so a
change made with a knox token records the token's key prefix (``token``, the 15
characters knox shows and stores in the clear; never the token itself).
"""

from __future__ import annotations

import pghistory
from django.core.handlers.asgi import ASGIRequest as DjangoASGIRequest
from django.core.handlers.wsgi import WSGIRequest as DjangoWSGIRequest
from pghistory import config
from pghistory.middleware import DjangoRequest
from pghistory.middleware import HistoryMiddleware as PghistoryMiddleware


class TokenAwareRequest(DjangoRequest):
    def __setattr__(self, attr, value):
        if attr == "auth":
            token_key = getattr(value, "token_key", None)
            if token_key:
                pghistory.context(token=token_key)
        super().__setattr__(attr, value)


class WSGIRequest(TokenAwareRequest, DjangoWSGIRequest):
    pass


class ASGIRequest(TokenAwareRequest, DjangoASGIRequest):
    pass


class HistoryMiddleware(PghistoryMiddleware):
    def __call__(self, request):
        if request.method not in config.middleware_methods():
            return self.get_response(request)
        with pghistory.context(**self.get_context(request)):
            if isinstance(request, DjangoWSGIRequest):
                request.__class__ = WSGIRequest
            elif isinstance(request, DjangoASGIRequest):
                request.__class__ = ASGIRequest
            return self.get_response(request)
