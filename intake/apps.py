import logging

from django.apps import AppConfig

logger = logging.getLogger(__name__)


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from sources.signals import source_text_added

        source_text_added.connect(propose_claims_for_new_text, dispatch_uid="intake-propose-claims")


def propose_claims_for_new_text(sender, source, **kwargs) -> None:
    """An article just imported, or a source whose text changed, gets its proposed
    claims at once, so the analyst finds them on the source page. Extraction is an aid:
    if it fails, the source as saved still stands (the savepoint keeps it) and the
    failure is logged."""
    from django.db import transaction

    from intake.services import source_propose_claims

    try:
        with transaction.atomic():
            source_propose_claims(source=source)
    except Exception:
        logger.exception("Proposing claims for source %s failed", source.pk)
