import logging

from django.apps import AppConfig

logger = logging.getLogger(__name__)


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from sources.signals import source_text_added

        source_text_added.connect(propose_claims_for_new_text, dispatch_uid="intake-propose-claims")
        from django.db.models.signals import post_save, pre_save

        from sources.models import Source

        pre_save.connect(remember_text, sender=Source, dispatch_uid="intake-remember-text")
        post_save.connect(
            propose_claims_for_changed_text, sender=Source, dispatch_uid="intake-text-changed"
        )


def remember_text(sender, instance, **kwargs) -> None:
    """Before a stored source is saved, note its text, to see afterwards if it changed."""
    if instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("text", flat=True).first()
    instance.intake_text_before = before


def propose_claims_for_changed_text(sender, instance, created, **kwargs) -> None:
    """A source whose text was changed (corrected, or first pasted) is read again. Its
    pending proposals are replaced; the accepted and rejected ones stay decided."""
    if created or not instance.text.strip():
        return
    before = getattr(instance, "intake_text_before", None)
    instance.intake_text_before = instance.text
    if before is None or before == instance.text:
        return
    propose_claims_for_new_text(sender, instance)


def propose_claims_for_new_text(sender, source, **kwargs) -> None:
    """An article just imported gets its proposed claims at once, so the analyst finds
    them on the source page. Extraction is an aid: if it fails, the import still stands
    (the savepoint keeps the source) and the failure is logged."""
    from django.db import transaction

    from intake.services import source_propose_claims

    try:
        with transaction.atomic():
            source_propose_claims(source=source)
    except Exception:
        logger.exception("Proposing claims for source %s failed", source.pk)
