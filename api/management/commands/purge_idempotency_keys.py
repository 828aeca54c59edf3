"""Delete stored Idempotency-Key answers that have expired (run it daily, e.g. from cron).

Expired keys are already ignored when a request arrives; this only keeps the table small.
"""

from django.core.management.base import BaseCommand

from api.idempotency import purge_expired


class Command(BaseCommand):
    help = "Delete expired Idempotency-Key records."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"deleted {deleted} expired idempotency key(s)")
