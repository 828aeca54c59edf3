"""What the extractor reads in one text, in the shapes the intake tests compare."""

from __future__ import annotations


def pledge_keys(extractor, text) -> set[tuple[str, str]]:
    """The (actor, kind) pairs of the pledges the extractor reads in ``text``."""
    return {(c.actor, c.kind) for c in extractor.extract(text)}


def facts(extractor, text) -> set[tuple]:
    """The (actor, claim, detail) set of the reports the extractor reads in ``text``: the
    size for a size report, the status for a membership or an attendance."""
    found = set()
    for r in extractor.extract_reports(text):
        if r.kind == "size_report":
            detail = r.quantity
        elif r.kind in ("membership", "attendance"):
            detail = r.status
        else:
            detail = ""
        found.add((r.actor, r.kind, detail))
    return found


def report_actors(extractor, text, kind: str) -> set[str]:
    """The actors of the reports of ``kind`` the extractor reads in ``text``."""
    return {actor for actor, k, _ in facts(extractor, text) if k == kind}
