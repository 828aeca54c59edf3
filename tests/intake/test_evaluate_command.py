"""``evaluate_extractor`` on the seed articles, with the curated dataset loaded."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from tests.paths import SEEDS, needs_seeds

pytestmark = [
    pytest.mark.django_db,
    needs_seeds,
]


def test_evaluation_prints_precision_and_recall_by_kind_on_the_seed_articles():
    call_command("load_dataset", texts=SEEDS, stdout=io.StringIO())
    out = io.StringIO()
    call_command("evaluate_extractor", texts=SEEDS, min_precision=0.7, min_recall=0.8, stdout=out)
    report = out.getvalue()
    assert "Evaluated on 5 sources." in report
    assert "Matched on actor + kind:" in report
    assert "Matched on actor + kind + status:" in report
    assert re.search(r"^\s+troops\s+\d+\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+$", report, re.M)
    total = re.search(r"^\s+all\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)$", report, re.M)
    precision, recall = float(total.group(4)), float(total.group(5))
    assert precision >= 0.7
    assert recall >= 0.8
    assert "Missed (" in report
    assert "False positives (" in report


def test_evaluation_without_a_dataset_says_what_to_do():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_dataset"):
        call_command("evaluate_extractor", stdout=io.StringIO())
