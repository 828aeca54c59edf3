"""Import and export of pledges as CSV/XLSX (django-import-export), one row per pledge.

A row carries one citation (``citation_source`` id and ``citation_quote``). Rows are
written through ``pledge_create`` / ``pledge_update``, the services the API uses, in the
dry-run preview too (import-export rolls it back): a row the services refuse (a new
pledge without a citation, a quote that does not occur in its source's text, a broken
constraint) is reported in the preview and nothing is written until every row is valid;
a row imported as ``verified`` records the importing user and the time. Actors are
written as their codes, the coalition as its slug, the agreement as its id.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from coalition.models import Actor, Agreement, Coalition
from pledges.models import Pledge
from pledges.services import PLEDGE_FIELDS, pledge_create, pledge_delete, pledge_update
from sources.admin import copy_values, messages_by_field
from sources.models import Source

WRITTEN = (*PLEDGE_FIELDS, "review_status")
CITATION_HELP = "Fill citation_source (a source id) and citation_quote."


def row_errors(error: ValidationError) -> dict[str, list[str]]:
    """A service's errors under the file's column names (``citations.0.quote`` is
    ``citation_quote``)."""
    errors: dict[str, list[str]] = {}
    for key, messages in messages_by_field(error).items():
        name, _, rest = key.partition(".")
        if name == "citations":
            column = "citation_quote" if rest.endswith(".quote") else "citation_source"
            if not rest:
                messages = [f"{m} {CITATION_HELP}" for m in messages]
        else:
            column = key
        errors.setdefault(column, []).extend(messages)
    return errors


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
    agreement = fields.Field("agreement", "agreement", NaturalKeyWidget(Agreement, "id"))
    parties = fields.Field(column_name="parties", readonly=True)
    citation_source = fields.Field(column_name="citation_source", readonly=True)
    citation_quote = fields.Field(column_name="citation_quote", readonly=True)

    class Meta:
        model = Pledge
        fields = (
            "id",
            *PLEDGE_FIELDS,
            "parties",
            "review_status",
            "citation_source",
            "citation_quote",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def dehydrate_parties(self, pledge: Pledge) -> str:
        """Every party's code, the lead first, comma-separated (``NOR,SWE``)."""
        return ",".join(p.actor.code for p in pledge.parties.all())

    def row_parties(self, row) -> list[Actor] | None:
        """The row's parties as the services take them; None when the file has no
        ``parties`` column (the pledge keeps its parties)."""
        if "parties" not in row:
            return None
        codes = [c.strip() for c in str(row.get("parties") or "").split(",") if c.strip()]
        found = {a.code: a for a in Actor.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError({"parties": f"No actor with code {', '.join(unknown)}."})
        return [found[c] for c in codes]

    def dehydrate_citation_source(self, pledge: Pledge):
        first = next(iter(pledge.citations.all()), None)
        return first.source_id if first else ""

    def dehydrate_citation_quote(self, pledge: Pledge):
        first = next(iter(pledge.citations.all()), None)
        return first.quote if first else ""

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("citations", "parties__actor")

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kwargs):
        """All rows or none: a refused row rolls the whole import back (import-export's
        default keeps the valid rows of a confirmed import whose rows changed meanwhile)."""
        return super().import_data(
            dataset, *args, rollback_on_validation_errors=rollback_on_validation_errors, **kwargs
        )

    def row_citation(self, row) -> dict | None:
        """The row's citation as the services take it; None when the row has none."""
        source_id = str(row.get("citation_source") or "").strip()
        quote = str(row.get("citation_quote") or "").strip()
        if not (source_id or quote):
            return None
        source = Source.objects.filter(pk=source_id).first() if source_id.isdigit() else None
        if source is None:
            raise ValidationError({"citation_source": f"No source with id {source_id!r}."})
        return {"source": source, "quote": quote}

    def save_instance(self, instance, is_create, row, **kwargs):
        """Write the row through the services, with the importing user (``user=``, which
        the admin passes), so that review stamps and every rule are the API's."""
        if kwargs.get("dry_run") and not kwargs.get("using_transactions"):
            return  # a dry run that could not be rolled back: validated, not written
        citation = self.row_citation(row)
        parties = self.row_parties(row)
        columns = {f.column_name: f.attribute for f in self.get_import_fields()}
        values = {
            attribute: getattr(instance, attribute)
            for column, attribute in columns.items()
            if attribute in WRITTEN and column in row
        }
        if parties is not None:
            values["parties"] = parties
        user = kwargs.get("user")
        try:
            if is_create:
                values["citations"] = [citation] if citation else []
                saved = pledge_create(data=values, user=user)
            else:
                current = Pledge.objects.select_for_update().get(pk=instance.pk)
                if citation is not None:  # added to the citations it has
                    values["citations"] = [
                        {
                            "source": c.source,
                            "quote": c.quote,
                            "locator": c.locator,
                            "stance": c.stance,
                        }
                        for c in current.citations.all()
                    ] + [citation]
                saved = pledge_update(instance=current, data=values, user=user)
        except ValidationError as error:
            raise ValidationError(row_errors(error)) from error
        copy_values(saved, instance)

    def delete_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run") and not kwargs.get("using_transactions"):
            return
        pledge_delete(instance=instance, user=kwargs.get("user"))
