"""``manage.py evaluate_extractor [--texts DIR]``: the extractor against the dataset."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
        "and false positives. Load the dataset first (load_dataset --texts DIR)."
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
        parser.add_argument("--min-precision", type=float, default=None)
        parser.add_argument("--min-recall", type=float, default=None)

    def handle(self, *args, texts: Path | None, min_precision, min_recall, **options):
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
        total = lenient.total
        failures = []
        if min_precision is not None and (total.precision or 0) < min_precision:
            failures.append(f"precision {total.precision or 0:.2f} < {min_precision}")
        if min_recall is not None and (total.recall or 0) < min_recall:
            failures.append(f"recall {total.recall or 0:.2f} < {min_recall}")
        if failures:
            raise CommandError("Below the bar: " + "; ".join(failures))

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


def _short(source: Source) -> str:
    return source.dataset_key or f"source {source.pk}"


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _status_only(lenient, strict) -> int:
    return len(strict.false_positives) - len(lenient.false_positives)
