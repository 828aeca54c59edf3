"""Score the extractor against the curated dataset: precision and recall by claim kind.

For each source, the reference is the set of pledges that cite it (what the curated
dataset records from that article). A proposal and a pledge agree when they have the
same actor and kind (``strict``: and the same status). Both sides are counted as
distinct (actor, kind[, status]) claims per source, so an article that states a claim
in two sentences counts it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from intake.extraction.extractor import Extractor, ProposedClaim
from pledges.choices import PledgeKind
from pledges.models import Pledge
from sources.models import Source


@dataclass
class KindScore:
    kind: str
    reference: int = 0
    proposed: int = 0
    correct: int = 0  # proposed claims that agree with a reference claim
    found: int = 0  # reference claims that some proposal agrees with

    @property
    def precision(self) -> float | None:
        return self.correct / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.found / self.reference if self.reference else None


@dataclass
class Evaluation:
    strict: bool
    by_kind: dict[str, KindScore] = field(default_factory=dict)
    misses: list[tuple[Source, Pledge]] = field(default_factory=list)
    false_positives: list[tuple[Source, ProposedClaim]] = field(default_factory=list)

    @property
    def total(self) -> KindScore:
        total = KindScore("all")
        for score in self.by_kind.values():
            total.reference += score.reference
            total.proposed += score.proposed
            total.correct += score.correct
            total.found += score.found
        return total

    def table(self) -> list[str]:
        title = "actor + kind + status" if self.strict else "actor + kind"
        lines = [
            f"Matched on {title}:",
            f"  {'kind':<13} {'curated':>7} {'proposed':>8} {'correct':>7} "
            f"{'precision':>9} {'recall':>6}",
        ]
        rows = [self.by_kind[k] for k in PledgeKind.values if k in self.by_kind]
        for score in [*rows, self.total]:
            lines.append(
                f"  {score.kind:<13} {score.reference:>7} {score.proposed:>8} "
                f"{score.correct:>7} {_fmt(score.precision):>9} {_fmt(score.recall):>6}"
            )
        return lines


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def evaluate(
    *, sources: Iterable[tuple[Source, str]], extractor: Extractor, strict: bool = False
) -> Evaluation:
    """Score ``extractor`` on each (source, text) against the pledges citing the source."""
    result = Evaluation(strict=strict)

    def key(actor: str, kind: str, status: str) -> tuple:
        return (actor, kind, status) if strict else (actor, kind)

    for source, text in sources:
        reference: dict[tuple, Pledge] = {}
        pledges = Pledge.objects.filter(citations__source=source).select_related("actor")
        for pledge in pledges.distinct().order_by("id"):
            reference.setdefault(key(pledge.actor.code, pledge.kind, pledge.status), pledge)
        proposed: dict[tuple, ProposedClaim] = {}
        for claim in extractor.extract(text):
            proposed.setdefault(key(claim.actor, claim.kind, claim.status), claim)
        for k, pledge in reference.items():
            score = result.by_kind.setdefault(pledge.kind, KindScore(pledge.kind))
            score.reference += 1
            if k in proposed:
                score.found += 1
            else:
                result.misses.append((source, pledge))
        for k, claim in proposed.items():
            score = result.by_kind.setdefault(claim.kind, KindScore(claim.kind))
            score.proposed += 1
            if k in reference:
                score.correct += 1
            else:
                result.false_positives.append((source, claim))
    return result
