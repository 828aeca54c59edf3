"""The count tables of ``data/evaluation/SUMMARY.md``, generated from the YAML files.

``python -m intake.evaluation.summary`` rewrites the tables in place and keeps the notes
written below them (the paragraphs from "Batch 3 (" on). A test checks the file is current,
so a changed or added article cannot leave the counts behind.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from intake.evaluation.dataset import COALITIONS, REPORT_KINDS, SPLITS, STATUSES, default_root

NOTES_START = "\nBatch 3 ("
_FEATURES: list[tuple[str, Callable[[dict], bool]]] = [
    ("with a quantity", lambda f: f.get("quantity") is not None),
    ("with a money amount", lambda f: f.get("amount") is not None),
    ("with delivered_quantity (X of Y)", lambda f: f.get("delivered_quantity") is not None),
    ("with a printed conversion", lambda f: bool(f.get("reported_conversion"))),
    ("with conditions", lambda f: bool(f.get("conditions"))),
    ("several actors", lambda f: len(f.get("actors") or []) > 1),
    ("joint (shared quantity)", lambda f: bool(f.get("joint"))),
]


def tables(root: Path | None = None) -> str:
    """The tables, as Markdown, for the set under ``root`` (default: data/evaluation)."""
    root = root or default_root()
    parts = {
        split: [yaml.safe_load(p.read_text()) for p in sorted((root / split).glob("*.yaml"))]
        for split in SPLITS
    }

    def row(label: str, count: Callable[[list[dict]], int]) -> str:
        dev, held = (count(parts[split]) for split in SPLITS)
        return f"| {label} | {dev} | {held} | {dev + held} |"

    def sentences(articles):
        return [s for a in articles for s in a["sentences"]]

    def facts(articles):
        return [f for s in sentences(articles) for f in s["facts"]]

    def pledges(articles):
        return [f for f in facts(articles) if f["claim"] == "pledge"]

    head = "| | dev | heldout | total |\n|---|---|---|---|"
    lines = [
        "# Evaluation set: counts per split",
        "",
        "Generated from the YAML files in `dev/` and `heldout/` (see README.md for the coding "
        "rules).",
        "",
        *head.split("\n"),
        row("articles", len),
    ]
    lines += [row(f"— {c}", lambda a, c=c: sum(x["coalition"] == c for x in a)) for c in COALITIONS]
    batches = sorted({a["batch"] for articles in parts.values() for a in articles})
    lines += [row(f"— batch {b}", lambda a, b=b: sum(x["batch"] == b for x in a)) for b in batches]
    lines += [
        row("sentences", lambda a: len(sentences(a))),
        row("— with facts", lambda a: sum(bool(s["facts"]) for s in sentences(a))),
        row("— hard negatives (no fact)", lambda a: sum(not s["facts"] for s in sentences(a))),
        row("facts", lambda a: len(facts(a))),
    ]

    def section(title: str, first: str, rows: list[str]) -> list[str]:
        return [
            "",
            f"## {title}",
            "",
            f"| {first} | dev | heldout | total |",
            "|---|---|---|---|",
            *rows,
        ]

    claims = list(STATUSES)
    lines += section(
        "Facts per claim type",
        "claim",
        [row(c, lambda a, c=c: sum(f["claim"] == c for f in facts(a))) for c in claims],
    )
    kinds = [k for k in REPORT_KINDS if k not in claims]
    lines += section(
        "Pledges per kind",
        "kind",
        [row(k, lambda a, k=k: sum(f["kind"] == k for f in pledges(a))) for k in kinds],
    )
    statuses = ["offered", "announced", "committed", "delivered", "refused", "withdrawn"]
    lines += section(
        "Pledges per status",
        "status",
        [row(s, lambda a, s=s: sum(f["status"] == s for f in pledges(a))) for s in statuses],
    )
    lines += section(
        "Pledge features",
        "feature",
        [row(label, lambda a, t=test: sum(t(f) for f in pledges(a))) for label, test in _FEATURES],
    )
    return "\n".join(lines) + "\n"


def rewrite(root: Path | None = None) -> Path:
    """Rewrite SUMMARY.md's tables, keeping the notes below them."""
    path = (root or default_root()) / "SUMMARY.md"
    old = path.read_text()
    path.write_text(tables(root) + old[old.index(NOTES_START) :])
    return path


if __name__ == "__main__":
    # (no Django settings needed: the set lies beside the package)
    here = Path(__file__).resolve().parents[2] / "data" / "evaluation"
    sys.stdout.write(f"{rewrite(here)} rewritten\n")
