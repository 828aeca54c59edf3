"""``manage.py import_article FILE --publisher P --title T --published-on YYYY-MM-DD``.

Stores the article (sources' services) and prints the claims the extractor proposed
from it (intake reads a new source's text when it is saved): the pledges, then the
memberships, meetings, attendance, size reports and agreements. In intake, since it
reports on both."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from intake.models import ClaimProposal
from pledges.models import PledgeProposal
from sources.choices import DatePrecision
from sources.services import DuplicateSourceError, source_import_article


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = (
        "Add an article as a Source with its full text. The text's SHA-256 detects an "
        "article already stored, which is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The article text (UTF-8).")
        parser.add_argument("--publisher", required=True)
        parser.add_argument("--title", required=True)
        parser.add_argument("--published-on", required=True, type=_date, metavar="YYYY-MM-DD")
        parser.add_argument(
            "--precision",
            choices=DatePrecision.values,
            default=DatePrecision.DAY,
            help="How much of --published-on is known (default: day).",
        )
        parser.add_argument("--url", default="")
        parser.add_argument("--byline", default="")
        parser.add_argument(
            "--agency",
            action="append",
            default=[],
            dest="agencies",
            help="A wire agency the article credits; repeat for several.",
        )
        parser.add_argument("--language", default="en")
        parser.add_argument("--notes", default="")

    def handle(self, *args, file: Path, **o):
        try:
            text = file.read_bytes().decode("utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file} is not UTF-8 text: {exc}") from exc
        try:
            source = source_import_article(
                text=text,
                publisher=o["publisher"],
                title=o["title"],
                published_on=o["published_on"],
                published_on_precision=o["precision"],
                url=o["url"],
                byline=o["byline"],
                wire_agencies=o["agencies"],
                language=o["language"],
                notes=o["notes"],
            )
        except DuplicateSourceError as exc:
            raise CommandError(
                f"Not imported: {file} is already stored as source {exc.existing.pk} "
                f"({exc.existing})."
                if "text" in exc.message_dict
                else f"Not imported: {exc.existing.url} is already the url of source "
                f"{exc.existing.pk} ({exc.existing})."
            ) from exc
        except ValidationError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            raise CommandError(f"Not imported: {details}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported source {source.pk}: {source} (sha256 {source.content_sha256})"
            )
        )
        if not (source.pledge_proposals.exists() or source.claim_proposals.exists()):
            self.stdout.write("The extractor proposed no claims from it.")
            return
        self._print_pledges(source)
        self._print_other_claims(source)

    def _print_pledges(self, source) -> None:
        proposals = list(
            PledgeProposal.objects.filter(source=source)
            .select_related("actor")
            .order_by("quote_start", "pk")
        )
        if not proposals:
            self.stdout.write("The extractor proposed no pledges from it.")
            return
        self.stdout.write(
            f"The extractor proposed {len(proposals)} claim(s), pending review in the admin "
            f"(Review > Pledge proposals) or at /api/v1/sources/{source.pk}/proposals/:"
        )
        for proposal in proposals:
            amount = (
                f"{proposal.amount:,.0f} {proposal.currency}"
                if proposal.amount is not None
                else (
                    f"{proposal.quantity} {proposal.quantity_unit}".strip()
                    if proposal.quantity
                    else ""
                )
            )
            self.stdout.write(
                f"  #{proposal.pk} {proposal.actor.code} {proposal.kind} {proposal.status}"
                f"{' ' + amount if amount else ''} (confidence {proposal.confidence:.2f};"
                f" {proposal.rationale or 'no reason recorded'})"
            )
            self.stdout.write(f'      "{proposal.quote}"')

    def _print_other_claims(self, source) -> None:
        proposals = list(
            ClaimProposal.objects.filter(source=source)
            .select_related("actor", "meeting")
            .order_by("quote_start", "pk")
        )
        if not proposals:
            self.stdout.write("The extractor proposed no other claims from it.")
            return
        self.stdout.write(
            f"The extractor proposed {len(proposals)} other claim(s) (memberships, meetings, "
            "attendance, sizes, agreements), pending review in the admin (Review > Claim "
            f"proposals) or at /api/v1/sources/{source.pk}/claim-proposals/:"
        )
        for proposal in proposals:
            who = f" {proposal.actor.code}" if proposal.actor_id else ""
            self.stdout.write(
                f"  #{proposal.pk} {proposal.kind}{who}: {proposal.describe()} "
                f"(confidence {proposal.confidence:.2f};"
                f" {proposal.rationale or 'no reason recorded'})"
            )
            self.stdout.write(f'      "{proposal.quote}"')
