"""``manage.py build_release --version 1.0.0 [--out DIR]``: write a data release."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from releases.build import DESCRIPTOR, build_release


class Command(BaseCommand):
    help = (
        "Build the numbered data release VERSION (a Frictionless Data Package: one CSV per "
        "table and datapackage.json, zipped too) into --out, by default "
        "RELEASES_DIR/VERSION, where the API serves it. The same database gives the same bytes."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version is the release's; Django's own --version (its version) gives way.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--version", dest="release", required=True, help="X.Y.Z")
        parser.add_argument(
            "--out", type=Path, help="Folder to write (default RELEASES_DIR/X.Y.Z)."
        )

    def handle(self, *args, release, out, **options):
        out = out or Path(settings.RELEASES_DIR) / release
        try:
            descriptor = build_release(release, out)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for resource in descriptor["resources"]:
            self.stdout.write(f"  {resource['path']:<28} {resource['bytes']:>10,} bytes")
        self.stdout.write(
            f"Release {release} (data as of {descriptor['created']}) written to {out / DESCRIPTOR}"
        )
