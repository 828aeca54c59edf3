"""``manage.py recompute_conversions [--all]``: redo the USD and EUR conversions of the
pledges whose stored conversions were made with other rates (after an upgrade of
CurrencyConverter or a change to the pegs), or of every pledge with ``--all``."""

from django.core.management.base import BaseCommand

from money.convert import rates_version
from pledges.services import pledge_conversions_recompute


class Command(BaseCommand):
    help = "Recompute pledges' USD and EUR conversions made with other rates (--all: every one)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Redo every pledge's conversions, not only stale ones.",
        )

    def handle(self, *args, **options):
        done = pledge_conversions_recompute(everything=options["all"])
        self.stdout.write(f"Recomputed the conversions of {done} pledge(s) with {rates_version()}.")
