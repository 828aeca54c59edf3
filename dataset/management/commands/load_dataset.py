"""``manage.py load_dataset [--data DIR] [--texts DIR]``: load the curated dataset."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pledges.dataset import DatasetError, dataset_load


class Command(BaseCommand):
    help = (
        "Load the curated dataset (data/*.yaml) into the database, idempotently and in one "
        "transaction. With --texts, check each article's SHA-256 and every quote against "
        "the article texts in DIR and store the texts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=Path(settings.BASE_DIR) / "data",
            help="Dataset directory (default: data/ in the checkout).",
        )
        parser.add_argument(
            "--texts",
            type=Path,
            default=None,
            metavar="DIR",
            help="Directory holding the article texts (e.g. ../shared/seeds).",
        )

    def handle(self, *args, data: Path, texts: Path | None, **options):
        try:
            report = dataset_load(data_dir=data, texts_dir=texts)
        except DatasetError as exc:
            raise CommandError(
                "Dataset not loaded (nothing was written):\n  " + "\n  ".join(exc.messages)
            ) from exc
        for line in report.lines():
            self.stdout.write(line)
        if texts is None:
            self.stdout.write(
                "Article texts not read (no --texts): hashes and quotes not checked against them."
            )
        self.stdout.write(self.style.SUCCESS(f"Dataset loaded from {data}."))
