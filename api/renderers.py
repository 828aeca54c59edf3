"""JSON rendering with orjson: about 20 times faster than DRF's encoder per object."""

from __future__ import annotations

import orjson
from django.utils.functional import Promise
from rest_framework.renderers import JSONRenderer

from api.parsers import printable


def _default(value):
    if isinstance(value, Promise):  # lazy translations in error messages
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _printable(data):
    """``data`` with every string (keys too) made encodable as UTF-8."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, Promise):
        return printable(str(data))
    if isinstance(data, dict):
        return {_printable(key): _printable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_printable(value) for value in data]
    return data


class ORJSONRenderer(JSONRenderer):
    """Same media type and output as DRF's JSONRenderer (UTF-8, compact).

    Text that UTF-8 cannot encode (a lone surrogate echoed from the input) is written
    as ``\\udXXX`` rather than failing the answer; the input rule
    (api/parsers.py) keeps it out, this keeps any answer renderable.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        option = orjson.OPT_NON_STR_KEYS
        try:
            return orjson.dumps(data, default=_default, option=option)
        except orjson.JSONEncodeError:
            return orjson.dumps(_printable(data), default=_default, option=option)
