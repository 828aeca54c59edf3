from django.core.management.base import BaseCommand

from reports.rollups import rebuild_rollups


class Command(BaseCommand):
    help = "Recompute the pledge summary's and the actor profile's rollups from scratch."

    def handle(self, *args, **options):
        rebuild_rollups()
        self.stdout.write("Rollups rebuilt.")
