"""The evaluation set of issue 17: real articles (not the seeds), coded by hand.

    dataset.py   load and validate ``data/evaluation/{dev,heldout}/*.yaml``
    scoring.py   score proposed claims against the coded facts, per kind and per article

The set holds short quotes (one sentence each) with their facts, never whole articles;
data/evaluation/README.md is its coding guide. ``evaluate_extractor --part dev|heldout``
runs the extractor over it.
"""
