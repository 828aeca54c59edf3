"""Helpers for the tests of history, answers and exports."""

from __future__ import annotations

import datetime as dt
import time
from html.parser import HTMLParser

from django.db import connection

from history.readers import feed_horizon


def database_now() -> dt.datetime:
    """The database's clock (events are timed by ``clock_timestamp()``)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]


def settle(timeout: float = 120) -> None:
    """Wait until every transaction committed so far is below the change feed's horizon
    (only this database's open transactions hold it back): the feed then serves their
    events."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()::text::bigint")
        mark = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while feed_horizon().xid <= mark:
        assert time.monotonic() < deadline, "a transaction of this database holds the horizon"
        time.sleep(0.05)


class _FormValues(HTMLParser):
    """The values an HTML form would submit as rendered (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.values.setdefault(name, []).append(attrs.get("value") or default)
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.values.setdefault(self._textarea, []).append(text.removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_values(html: str) -> dict[str, list[str]]:
    """What the admin change form in ``html`` would post unchanged."""
    parser = _FormValues()
    parser.feed(html)
    return {
        name: values
        for name, values in parser.values.items()
        if values and name != "csrfmiddlewaretoken" and "__prefix__" not in name
    }
