"""Helpers for the browser tests (tests/e2e/): act on the admin, read the API, keep
screenshots, and check that a page fits its window."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path


def api_get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


def pick(page, field: str, text: str) -> None:
    """Choose ``text`` in the admin's autocomplete (select2) for ``field``."""
    page.click(f"#{field} + .select2 .select2-selection, #id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option--highlighted", has_text=text).first.click()


def assert_fits(page, *selectors: str) -> None:
    """The page does not scroll sideways, and no element matched by ``selectors`` (the
    main form, list or chart) is wider than its box or runs past the window's edge."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls"
    for selector in selectors:
        boxes = page.evaluate(
            """(selector) => Array.from(document.querySelectorAll(selector)).map((e) =>
                [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right])""",
            selector,
        )
        assert boxes, f"nothing matches {selector}"
        for scroll, client, right in boxes:
            assert scroll <= client + 1, f"{selector} overflows its box: {scroll} > {client}"
            assert right <= width + 1, f"{selector} runs past the window: {right} > {width}"


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
