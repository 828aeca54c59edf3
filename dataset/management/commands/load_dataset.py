"""``manage.py load_dataset``: load the curated dataset, keeping people's edits."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dataset.loader import dataset_load
from dataset.reader import DatasetError

TEXTS_NOT_READ = (
    "quotes are not checked against the article texts and sources get no text "
    "(no highlighted quotes); the bundled dataset in data/ (its quotes and hashes) is loaded."
)


class Command(BaseCommand):
    help = (
        "Load the curated dataset (data/*.yaml) into the database in one transaction, "
        "through the services. A row someone changed since the last load is kept as they "
        "left it and reported as a conflict (--take-file KEY / --take-file-all take the "
        "files' version). With --texts, check each article's SHA-256 and every quote "
        "against the article texts in DIR and store the texts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=Path(settings.BASE_DIR) / "data",
            help="Dataset directory (default: data/ in the checkout).",
        )
        texts = parser.add_mutually_exclusive_group()
        texts.add_argument(
            "--texts",
            type=Path,
            default=None,
            metavar="DIR",
            help="Directory holding the article texts (e.g. ../shared/seeds); must exist.",
        )
        texts.add_argument(
            "--texts-if-present",
            type=Path,
            default=None,
            metavar="DIR",
            help="Like --texts when DIR exists; otherwise say so in one line and load "
            "data/ alone (what `make run` does with SEEDS).",
        )
        parser.add_argument(
            "--take-file",
            action="append",
            default=[],
            metavar="KEY",
            help="Take the file's version of this record (pledge:aus-troops-2014, or the "
            "bare key) over a person's edit; repeatable.",
        )
        parser.add_argument(
            "--take-file-all",
            action="store_true",
            help="Take the files' version of every record over people's edits.",
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Do nothing when the database already holds this dataset version "
            "(same data files and texts as the last load).",
        )

    def handle(
        self,
        *args,
        data: Path,
        texts: Path | None,
        texts_if_present: Path | None,
        take_file: list[str],
        take_file_all: bool,
        if_changed: bool,
        **options,
    ):
        missing_texts = None
        if texts_if_present is not None:
            if texts_if_present.is_dir():
                texts = texts_if_present
            else:
                missing_texts = texts_if_present
        if missing_texts is not None:
            self.stdout.write(
                f"Article texts not found: {missing_texts} does not exist (set SEEDS=DIR "
                f"for make, or --texts DIR): {TEXTS_NOT_READ}"
            )
        elif texts is None:
            self.stdout.write(f"Article texts not read (no --texts DIR): {TEXTS_NOT_READ}")
        try:
            report = dataset_load(
                data_dir=data,
                texts_dir=texts,
                take_file=take_file,
                take_file_all=take_file_all,
                if_changed=if_changed,
            )
        except DatasetError as exc:
            raise CommandError(
                "Dataset not loaded (nothing was written):\n  " + "\n  ".join(exc.messages)
            ) from exc
        for line in report.lines():
            self.stdout.write(line)
        if report.skipped is None:
            self.stdout.write(self.style.SUCCESS(f"Dataset loaded from {data}."))
