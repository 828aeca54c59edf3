"""The browser tests' fixtures: Debian's Chromium driven by Playwright, and a page
(1280x900 by default; ``screen`` gives the sizes each workspace flow runs at). The
helpers that act on pages are in tests/support/browser.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: run `make e2e` (installs Debian's chromium) "
        "or set CHROMIUM to a Chromium binary."
    )
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test
    # makes between browser steps are safe (nothing else uses the thread).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


#: The screens the workspace flows run at: a common laptop and a desktop monitor.
SCREENS = {"1366x900": (1366, 900), "1920x1080": (1920, 1080)}


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):
    """A page at each of ``SCREENS`` in turn (the test runs once per size)."""
    width, height = SCREENS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
