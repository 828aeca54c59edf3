"""Import and export of pledges as CSV/XLSX (django-import-export), one row per pledge.

A row carries one citation (``citation_source`` id and ``citation_quote``): a new
pledge without one is refused, as is a quote that does not occur in its source's
text. Rows that break a constraint are reported in the dry-run preview and nothing
is written until every row is valid.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from coalition.models import Actor, Coalition
from pledges.models import Pledge, PledgeCitation
from pledges.services import PLEDGE_FIELDS
from sources.models import Source, quote_errors


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as its natural key (actor code, coalition slug), with a
    message naming the value when nothing matches."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            name = self.model._meta.verbose_name
            raise ValueError(f"No {name} with {self.field} {value!r}.") from None


class PledgeResource(resources.ModelResource):
    actor = fields.Field("actor", "actor", NaturalKeyWidget(Actor, "code"))
    coalition = fields.Field("coalition", "coalition", NaturalKeyWidget(Coalition, "slug"))
    recipient = fields.Field("recipient", "recipient", NaturalKeyWidget(Actor, "code"))
    host = fields.Field("host", "host", NaturalKeyWidget(Actor, "code"))
    citation_source = fields.Field(column_name="citation_source", readonly=True)
    citation_quote = fields.Field(column_name="citation_quote", readonly=True)

    class Meta:
        model = Pledge
        fields = ("id", *PLEDGE_FIELDS, "review_status", "citation_source", "citation_quote")
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def dehydrate_citation_source(self, pledge: Pledge):
        first = next(iter(pledge.citations.all()), None)
        return first.source_id if first else ""

    def dehydrate_citation_quote(self, pledge: Pledge):
        first = next(iter(pledge.citations.all()), None)
        return first.quote if first else ""

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("citations")

    def before_save_instance(self, instance, row, **kwargs):
        source_id = str(row.get("citation_source") or "").strip()
        quote = str(row.get("citation_quote") or "").strip()
        if instance.pk is None and not (source_id and quote):
            raise ValidationError(
                "A new pledge needs a citation: fill citation_source (a source id) and "
                "citation_quote."
            )
        if source_id or quote:
            source = Source.objects.filter(pk=source_id).first() if source_id.isdigit() else None
            if source is None:
                raise ValidationError(f"citation_source: no source with id {source_id!r}.")
            errors = quote_errors(source, quote)
            if errors:
                raise ValidationError(f"citation_quote: {errors[0]}")
            instance._pending_citation = (source, quote)

    def after_save_instance(self, instance, row, **kwargs):
        pending = getattr(instance, "_pending_citation", None)
        if pending is None or kwargs.get("dry_run"):
            return
        source, quote = pending
        PledgeCitation.objects.get_or_create(pledge=instance, source=source, quote=quote)
