"""Score proposed claims against the coded facts of the evaluation set.

Two levels, as issue 17 asks:

- ``actor + kind``: a proposal and a fact agree when they name the same actor and the
  same kind (a pledge's kind, or the claim itself for memberships, meetings, attendance,
  size reports and agreements);
- ``actor + kind + quantity``: and the same number (the count, else the amount of money;
  "no number" agrees only with "no number").

Both sides are counted as distinct keys per article, so an article that states a claim
in three sentences counts it once, and a fact with several actors counts once per actor.
At the strict level an (actor, kind) that has numbers somewhere in the article is keyed by
those numbers only; the sentences that repeat it without a number add nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from intake.evaluation.dataset import REPORT_KINDS, Article, Fact, magnitude_of
from intake.extraction.evaluation import KindScore
from pledges.choices import PledgeKind

LEVELS = ("actor + kind", "actor + kind + quantity")


@dataclass(frozen=True)
class Proposal:
    """What the scorer needs of a proposed claim."""

    actor: str
    kind: str
    quantity: int | None = None
    amount: Decimal | None = None
    quote: str = ""
    rationale: str = ""

    @property
    def magnitude(self) -> Decimal | None:
        return magnitude_of(self.quantity, self.amount)


@dataclass
class Tally(KindScore):
    """The seed evaluation's counts and precision/recall, summable; ``kind`` may be blank
    (a row of the per-article table, or a total)."""

    kind: str = ""

    def add(self, other: KindScore) -> None:
        self.reference += other.reference
        self.proposed += other.proposed
        self.correct += other.correct
        self.found += other.found


@dataclass
class LevelScore:
    level: str
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_article: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[tuple[str, tuple]] = field(default_factory=list)
    false_positives: list[tuple[str, tuple, Proposal]] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        total = Tally()
        for tally in self.by_kind.values():
            total.add(tally)
        return total


def fact_keys(facts: Iterable[Fact], *, strict: bool) -> set[tuple]:
    """The distinct keys an article's facts are scored as."""
    return _keys(
        ((actor or "", f.report_kind, f.magnitude) for f in facts for actor in (f.actors or ("",))),
        strict=strict,
    )


def proposal_keys(proposals: Iterable[Proposal], *, strict: bool) -> dict[tuple, Proposal]:
    """The distinct keys of the proposals, each with the first proposal that has it."""
    proposals = list(proposals)
    keys = _keys(((p.actor, p.kind, p.magnitude) for p in proposals), strict=strict)
    first: dict[tuple, Proposal] = {}
    for p in proposals:
        for key in ((p.actor, p.kind, p.magnitude), (p.actor, p.kind, None), (p.actor, p.kind)):
            if key in keys:
                first.setdefault(key, p)
    return {k: first[k] for k in keys}


def _keys(triples: Iterable[tuple[str, str, Decimal | None]], *, strict: bool) -> set[tuple]:
    if not strict:
        return {(actor, kind) for actor, kind, _ in triples}
    numbers: dict[tuple[str, str], set] = defaultdict(set)
    for actor, kind, magnitude in triples:
        numbers[(actor, kind)].add(magnitude)
    keys = set()
    for (actor, kind), values in numbers.items():
        counted = {v for v in values if v is not None}
        for value in counted or {None}:
            keys.add((actor, kind, value))
    return keys


def score(
    articles: Iterable[Article], propose: Callable[[Article], list[Proposal]]
) -> dict[str, LevelScore]:
    """Run ``propose`` on each article and score it at both levels."""
    result = {level: LevelScore(level) for level in LEVELS}
    for article in articles:
        proposals = propose(article)
        for level, strict in zip(LEVELS, (False, True), strict=True):
            _score_article(result[level], article, proposals, strict=strict)
    return result


def _score_article(
    out: LevelScore, article: Article, proposals: list[Proposal], *, strict: bool
) -> None:
    reference = fact_keys(article.facts, strict=strict)
    proposed = proposal_keys(proposals, strict=strict)
    row = out.by_article[article.slug]
    for key in sorted(reference, key=str):
        tally = out.by_kind[key[1]]
        tally.reference += 1
        row.reference += 1
        if key in proposed:
            tally.found += 1
            row.found += 1
        else:
            out.misses.append((article.slug, key))
    for key, proposal in sorted(proposed.items(), key=lambda kv: str(kv[0])):
        tally = out.by_kind[key[1]]
        tally.proposed += 1
        row.proposed += 1
        if key in reference:
            tally.correct += 1
            row.correct += 1
        else:
            out.false_positives.append((article.slug, key, proposal))


def kind_table(level: LevelScore) -> list[str]:
    """Precision and recall per kind, the pledge kinds together, then every claim."""
    lines = [
        f"Matched on {level.level}:",
        f"  {'kind':<13} {'coded':>5} {'proposed':>8} {'correct':>7} "
        f"{'precision':>9} {'recall':>6}",
    ]
    pledges = Tally()
    for kind in [k for k in PledgeKind.values if k in level.by_kind]:
        lines.append(_row(kind, level.by_kind[kind], 13))
        pledges.add(level.by_kind[kind])
    lines.append(_row("(pledges)", pledges, 13))
    others = [k for k in REPORT_KINDS if k in level.by_kind and k not in PledgeKind.values]
    others += sorted(k for k in level.by_kind if k not in REPORT_KINDS)
    for kind in others:
        lines.append(_row(kind, level.by_kind[kind], 13))
    lines.append(_row("all", level.total, 13))
    return lines


def article_table(levels: dict[str, LevelScore], articles: list[Article]) -> list[str]:
    """Per article: coded keys, proposals and precision/recall at both levels."""
    width = max([len(a.slug) for a in articles] + [7])
    loose, strict = (levels[level] for level in LEVELS)
    lines = [
        "Per article (P/R on actor + kind | on actor + kind + quantity):",
        f"  {'article':<{width}} {'coded':>5} {'proposed':>8} {'P':>5} {'R':>5} | "
        f"{'coded':>5} {'proposed':>8} {'P':>5} {'R':>5}",
    ]
    for article in articles:
        a, b = loose.by_article[article.slug], strict.by_article[article.slug]
        lines.append(
            f"  {article.slug:<{width}} {a.reference:>5} {a.proposed:>8} "
            f"{_fmt(a.precision):>5} {_fmt(a.recall):>5} | {b.reference:>5} {b.proposed:>8} "
            f"{_fmt(b.precision):>5} {_fmt(b.recall):>5}"
        )
    return lines


def _row(label: str, tally: Tally, width: int) -> str:
    return (
        f"  {label:<{width}} {tally.reference:>5} {tally.proposed:>8} {tally.correct:>7} "
        f"{_fmt(tally.precision):>9} {_fmt(tally.recall):>6}"
    )


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
