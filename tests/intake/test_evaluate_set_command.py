"""``evaluate_extractor --part dev|heldout`` on the evaluation set (needs no seed texts)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from intake.evaluation.dataset import load_articles

pytestmark = pytest.mark.django_db


def test_a_part_prints_precision_and_recall_per_kind_and_per_article():
    out = io.StringIO()
    call_command("evaluate_extractor", part="dev", eval_texts=None, stdout=out)
    report = out.getvalue()
    dev = load_articles(part="dev")
    assert f"part dev: {len(dev)} articles" in report
    assert "Matched on actor + kind:" in report
    assert "Matched on actor + kind + quantity:" in report
    assert re.search(r"^\s+membership\s+\d+\s+\d+\s+\d+\s+\S+\s+\S+$", report, re.M)
    assert re.search(r"^\s+all\s+\d+\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+$", report, re.M)
    assert "Per article" in report
    for article in dev:
        assert f" {article.slug} " in report
    for article in load_articles(part="heldout"):
        assert f" {article.slug} " not in report


def test_errors_are_listed_on_request():
    out = io.StringIO()
    call_command("evaluate_extractor", part="heldout", show_errors=True, stdout=out)
    assert re.search(r"^  - missed \[[\w-]+\] ", out.getvalue(), re.M)


def test_a_bar_the_part_does_not_reach_fails_the_command():
    with pytest.raises(CommandError, match="Below the bar: recall"):
        call_command("evaluate_extractor", part="dev", min_recall=0.99, stdout=io.StringIO())


def test_a_texts_folder_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        call_command(
            "evaluate_extractor", part="heldout", eval_texts=tmp_path / "none", stdout=io.StringIO()
        )


def test_a_batch_filter_scores_only_that_batch():
    out = io.StringIO()
    call_command("evaluate_extractor", part="dev", batch=[5], stdout=out)
    report = out.getvalue()
    dev = load_articles(part="dev")
    in_batch = [a for a in dev if a.batch == 5]
    assert in_batch and len(in_batch) < len(dev)
    assert f"part dev (batch 5): {len(in_batch)} articles" in report
    for article in dev:
        assert (f" {article.slug} " in report) == (article.batch == 5)


def test_a_batch_with_no_article_in_the_part_is_refused():
    with pytest.raises(CommandError, match="No article of part heldout is in batch 5"):
        call_command("evaluate_extractor", part="heldout", batch=[5], stdout=io.StringIO())
