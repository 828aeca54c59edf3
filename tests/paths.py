"""Paths the tests share.

The seed articles live beside the repository, in ``../shared/seeds``; ``SEEDS_DIR``
points elsewhere. A clone without them skips the tests that need the texts
(``needs_seeds``); with ``SEEDS_REQUIRED=1`` (CI) their absence fails the run instead.
"""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("SEEDS_DIR", REPO.parent / "shared" / "seeds")).resolve()
SEEDS_REQUIRED = os.environ.get("SEEDS_REQUIRED", "") not in ("", "0", "false")

SEEDS_MISSING = (
    f"needs the seed article texts, not found at {SEEDS}: put them there "
    "(../shared/seeds beside the checkout) or set SEEDS_DIR to their folder"
)

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=SEEDS_MISSING)
