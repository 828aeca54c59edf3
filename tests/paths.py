"""Paths the tests share.

The evaluation set's article texts (issue 17) live beside the seeds, in
``../shared/eval-texts`` (``EVAL_TEXTS_DIR`` points elsewhere); tests that need them skip
without them (``needs_eval_texts``).

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

EVAL_TEXTS = Path(os.environ.get("EVAL_TEXTS_DIR", REPO.parent / "shared" / "eval-texts")).resolve()
EVAL_TEXTS_MISSING = (
    f"needs the evaluation set's article texts, not found at {EVAL_TEXTS}: put them there "
    "(../shared/eval-texts beside the checkout, see docs/intake.md) or set EVAL_TEXTS_DIR"
)
needs_eval_texts = pytest.mark.skipif(not EVAL_TEXTS.is_dir(), reason=EVAL_TEXTS_MISSING)
