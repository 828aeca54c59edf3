"""The production gunicorn hooks (``config/gunicorn.py``), used by ``make bench`` too."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

WORKER = """
import gc, sys
import django
django.setup()
assert "pledges.api.views" not in sys.modules
from config.gunicorn import post_worker_init
post_worker_init(None)
print(gc.get_freeze_count(), "pledges.api.views" in sys.modules, len(gc.get_objects()))
"""


def test_a_worker_loads_every_view_then_freezes_what_it_holds():
    """After the hook, the views are imported (no first request pays for it) and the
    worker's long-lived objects are out of the collector's generations, so a full
    collection no longer walks them (docs/performance.md has the pauses it saves)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", WORKER],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    frozen, views_loaded, tracked = result.stdout.split()
    assert views_loaded == "True"
    assert int(frozen) > 50_000  # a Django project's modules, models, serializers ...
    assert int(tracked) < 1_000  # ... and next to nothing left for the collector to walk
