"""How a request proves who sends it: a knox token, with either HTTP scheme.

Kept apart from :mod:`api.auth` (the token endpoints): DRF imports the authentication
classes while it builds its views, so this module imports no view.
"""

from __future__ import annotations

from knox.auth import TokenAuthentication
from rest_framework.authentication import get_authorization_header

BEARER = "Bearer"


class BearerOrTokenAuthentication(TokenAuthentication):
    """knox's token authentication, the token sent as ``Authorization: Token <token>``
    (knox's scheme) or ``Authorization: Bearer <token>`` (RFC 6750's, which generated
    clients such as openapi-python-client send by default).

    knox takes the scheme a request must use from :meth:`authenticate_header`, and DRF
    takes the ``WWW-Authenticate`` challenge of a 401 from it: answering the scheme the
    request used when it is Bearer, and knox's (Token) for any other request, accepts
    both and challenges a Bearer client in its own scheme. The checks of the token itself
    (hash, expiry, active user) are knox's, unchanged.
    """

    def authenticate_header(self, request):
        scheme = get_authorization_header(request).split(maxsplit=1)[:1]
        if scheme and scheme[0].lower() == BEARER.lower().encode():
            return BEARER
        return super().authenticate_header(request)
