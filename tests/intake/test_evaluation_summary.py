"""SUMMARY.md's tables are the counts of the YAML files they summarise."""

from __future__ import annotations

import shutil

from intake.evaluation.dataset import default_root
from intake.evaluation.summary import NOTES_START, rewrite, tables


def test_the_summary_tables_are_current():
    summary = (default_root() / "SUMMARY.md").read_text()
    assert summary.startswith(tables()), "run: python -m intake.evaluation.summary"


def test_rewriting_counts_a_new_article_and_keeps_the_notes(tmp_path):
    root = tmp_path / "evaluation"
    shutil.copytree(default_root(), root)
    before = (root / "SUMMARY.md").read_text()
    article = next((root / "dev").glob("*.yaml"))
    (root / "dev" / "zz-copy.yaml").write_text(article.read_text())
    rewrite(root)
    after = (root / "SUMMARY.md").read_text()
    assert after != before
    assert after[after.index(NOTES_START) :] == before[before.index(NOTES_START) :]
    dev_articles = len(list((root / "dev").glob("*.yaml")))
    assert f"| articles | {dev_articles} | " in after
