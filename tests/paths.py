"""Paths the tests share. The seed articles live beside the repository, in
``../shared/seeds`` (CI has them there); ``SEEDS_DIR`` points elsewhere."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("SEEDS_DIR", REPO.parent / "shared" / "seeds")).resolve()
