"""``manage.py evaluate_extractor``: the extractor against the curated dataset (the seed
articles, by default) or against the evaluation set of real articles (``--part``)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake.evaluation.dataset import (
    EvaluationSetError,
    load_articles,
    texts_dir_from_env,
)
from intake.evaluation.scoring import LEVELS, Proposal, article_table, kind_table, score
from intake.extraction.actors import Gazetteer
from intake.extraction.evaluation import evaluate
from intake.extraction.extractor import Extractor
from pledges.models import Pledge
from sources.models import Source, sha256_of


class Command(BaseCommand):
    help = (
        "Run the claim extractor over article texts and compare what it proposes with the "
        "pledges the curated dataset records for each article: precision and recall by "
        "kind (matched on actor + kind, and on actor + kind + status), with the misses "
        "and false positives. Load the dataset first (load_dataset --texts DIR). "
        "With --part dev|heldout|all: score instead on the evaluation set of real articles "
        "(data/evaluation), per kind and per article, matched on actor + kind and on "
        "actor + kind + quantity."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--texts",
            type=Path,
            default=None,
            metavar="DIR",
            help="Article texts (*.txt) to read, each matched to its source by SHA-256 "
            "(default: every source with text that backs a pledge).",
        )
        parser.add_argument(
            "--part",
            choices=["dev", "heldout", "all"],
            default=None,
            help="Score on this part of the evaluation set (data/evaluation) instead of "
            "the seed articles. Tune only on dev; report heldout.",
        )
        parser.add_argument(
            "--eval-texts",
            type=Path,
            default=None,
            metavar="DIR",
            help="With --part: full article texts as DIR/<slug>.txt (default: "
            "$EVAL_TEXTS_DIR). Quotes are checked against them and the extractor reads "
            "them; an article without one is read as its coded sentences.",
        )
        parser.add_argument(
            "--show-errors",
            action="store_true",
            help="With --part: list every miss and false positive.",
        )
        parser.add_argument(
            "--batch",
            type=int,
            action="append",
            default=None,
            metavar="N",
            help="With --part: score only the articles of batch N (repeat for several), "
            "e.g. a batch just added, to see how the extractor reads text it was not "
            "tuned on.",
        )
        parser.add_argument("--min-precision", type=float, default=None)
        parser.add_argument("--min-recall", type=float, default=None)

    def handle(self, *args, texts: Path | None, min_precision, min_recall, **options):
        if options["part"] is not None:
            total = self._evaluation_set(
                options["part"],
                options["eval_texts"] or texts_dir_from_env(),
                options["show_errors"],
                options["batch"],
            )
            _check_bar(total, min_precision, min_recall)
            return
        pairs = self._sources(texts)
        if not pairs:
            raise CommandError(
                "No source to evaluate on: load the dataset first "
                "(manage.py load_dataset --texts DIR)."
            )
        extractor = Extractor(Gazetteer.from_db())
        self.stdout.write(f"Evaluated on {len(pairs)} sources.")
        lenient = evaluate(sources=pairs, extractor=extractor)
        strict = evaluate(sources=pairs, extractor=extractor, strict=True)
        for line in [*lenient.table(), "", *strict.table(), ""]:
            self.stdout.write(line)
        self.stdout.write(f"Missed ({len(lenient.misses)}), actor + kind:")
        for source, pledge in lenient.misses:
            quote = pledge.citations.filter(source=source).values_list("quote", flat=True).first()
            self.stdout.write(
                f"  - [{_short(source)}] {pledge.actor.code} {pledge.kind} {pledge.status}: "
                f"{pledge.description}\n      “{_clip(quote or '')}”"
            )
        self.stdout.write(f"False positives ({len(lenient.false_positives)}), actor + kind:")
        for source, claim in lenient.false_positives:
            self.stdout.write(
                f"  - [{_short(source)}] {claim.actor} {claim.kind} {claim.status} "
                f"({claim.rationale})\n      “{_clip(claim.quote)}”"
            )
        self.stdout.write(f"Status disagreements ({_status_only(lenient, strict)}):")
        for source, claim in strict.false_positives:
            if (source, claim) in lenient.false_positives:
                continue
            recorded = (
                Pledge.objects.filter(
                    citations__source=source, actor__code=claim.actor, kind=claim.kind
                )
                .values_list("status", flat=True)
                .distinct()
            )
            self.stdout.write(
                f"  - [{_short(source)}] {claim.actor} {claim.kind}: proposed {claim.status}, "
                f"recorded {', '.join(sorted(recorded))}"
            )
        _check_bar(lenient.total, min_precision, min_recall)

    def _evaluation_set(
        self, part: str, texts_dir: Path | None, show_errors: bool, batches: list[int] | None
    ):
        if texts_dir is not None and not texts_dir.is_dir():
            raise CommandError(f"{texts_dir} is not a directory.")
        try:
            articles = load_articles(part=part, texts_dir=texts_dir)
        except EvaluationSetError as error:
            raise CommandError(str(error)) from error
        if batches:
            articles = [a for a in articles if a.batch in batches]
            if not articles:
                raise CommandError(
                    f"No article of part {part} is in batch {', '.join(map(str, batches))}."
                )
        extractor = Extractor(Gazetteer.from_db())
        read_full = [
            a.slug for a in articles if texts_dir and (texts_dir / f"{a.slug}.txt").is_file()
        ]

        def propose(article):
            text = article.text(texts_dir)
            pledges = [
                Proposal(
                    actor=c.actor,
                    kind=c.kind,
                    quantity=c.quantity,
                    amount=c.amount,
                    quote=c.quote,
                    rationale=c.rationale,
                )
                for c in extractor.extract(text, published_on=article.published_date)
            ]
            reports = [
                Proposal(
                    actor=r.actor,
                    kind=r.kind,
                    quantity=r.quantity,
                    quote=r.quote,
                    rationale=r.rationale,
                )
                for r in extractor.extract_reports(text, published_on=article.published_date)
            ]
            return pledges + reports

        levels = score(articles, propose)
        facts = sum(len(a.facts) for a in articles)
        scope = f" (batch {', '.join(map(str, batches))})" if batches else ""
        self.stdout.write(
            f"Evaluation set, part {part}{scope}: {len(articles)} articles, {facts} facts; "
            f"{len(read_full)} read from full texts, the others from their coded sentences."
        )
        for level in LEVELS:
            for line in [*kind_table(levels[level]), ""]:
                self.stdout.write(line)
        for line in [*article_table(levels, articles), ""]:
            self.stdout.write(line)
        loose = levels[LEVELS[0]]
        self.stdout.write(
            f"Missed: {len(loose.misses)}; false positives: {len(loose.false_positives)} "
            f"(actor + kind)." + ("" if show_errors else " --show-errors lists them.")
        )
        if show_errors:
            for slug, key in loose.misses:
                self.stdout.write(f"  - missed [{slug}] {key[0] or '(no actor)'} {key[1]}")
            for slug, key, proposal in loose.false_positives:
                self.stdout.write(
                    f"  - proposed [{slug}] {key[0]} {key[1]} ({proposal.rationale})\n"
                    f"      “{_clip(proposal.quote)}”"
                )
            # The actor and kind agree but the number does not.
            strict = levels[LEVELS[1]]
            loose_misses = set(loose.misses)
            loose_false = {(slug, key) for slug, key, _ in loose.false_positives}
            numbers = [
                f"  - missed [{slug}] {key[0] or '(no actor)'} {key[1]} {_number(key[2])}"
                for slug, key in strict.misses
                if (slug, key[:2]) not in loose_misses
            ] + [
                f"  - proposed [{slug}] {key[0]} {key[1]} {_number(key[2])}\n"
                f"      “{_clip(proposal.quote)}”"
                for slug, key, proposal in strict.false_positives
                if (slug, key[:2]) not in loose_false
            ]
            self.stdout.write(f"Quantity disagreements ({len(numbers)}), actor and kind agree:")
            for line in numbers:
                self.stdout.write(line)
        return loose.total

    def _sources(self, texts: Path | None) -> list[tuple[Source, str]]:
        if texts is None:
            sources = (
                Source.objects.exclude(text="")
                .filter(pledges_pledgecitation_set__isnull=False)
                .distinct()
                .order_by("published_on", "id")
            )
            return [(s, s.text) for s in sources]
        if not texts.is_dir():
            raise CommandError(f"{texts} is not a directory.")
        pairs = []
        for path in sorted(texts.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            source = Source.objects.filter(content_sha256=sha256_of(text)).first()
            if source is None:
                self.stderr.write(f"{path.name}: no source with this text (not loaded); skipped.")
                continue
            pairs.append((source, text))
        return pairs


def _check_bar(total, min_precision: float | None, min_recall: float | None) -> None:
    failures = []
    if min_precision is not None and (total.precision or 0) < min_precision:
        failures.append(f"precision {total.precision or 0:.2f} < {min_precision}")
    if min_recall is not None and (total.recall or 0) < min_recall:
        failures.append(f"recall {total.recall or 0:.2f} < {min_recall}")
    if failures:
        raise CommandError("Below the bar: " + "; ".join(failures))


def _short(source: Source) -> str:
    return source.dataset_key or f"source {source.pk}"


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _status_only(lenient, strict) -> int:
    return len(strict.false_positives) - len(lenient.false_positives)


def _number(value) -> str:
    if value is None:
        return "(no number)"
    return f"{int(value):,}" if value == int(value) else f"{value:,}"
