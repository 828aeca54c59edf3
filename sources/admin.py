from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Model, ProtectedError
from django.forms.models import model_to_dict
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from api.spreadsheet import safe_cell
from history.admin import HistoryAdminMixin
from history.readers import object_history, type_name
from sources.choices import ReviewStatus
from sources.models import Citation, DatasetRecord, Source, data_fields
from sources.review import claims_set_review_status
from sources.services import (
    SOURCE_SERVICES,
    Services,
    citation_models,
    source_claim_citations,
)


def claim_of(citation: Citation) -> Model:
    """The claim a citation backs."""
    return getattr(citation, citation.claim_field().name)


def admin_url(obj: Model) -> str:
    """The admin change page of ``obj`` ("" when it has none)."""
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def admin_link(obj: Model) -> str:
    try:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return escape(str(obj))
    return format_html('<a href="{}">{}</a>', url, obj)


@dataclass(frozen=True)
class Mark:
    """A passage of a source's text to mark: a cited quote (``kind`` "quote"), a pending
    proposal ("proposal") ...; ``links`` (label, url) follow it, ``title`` says what it is."""

    start: int
    end: int
    kind: str
    title: str = ""
    links: tuple[tuple[str, str], ...] = ()


def quote_marks(text: str, quotes: Iterable[tuple[str, str, str]]) -> list[Mark]:
    """A mark for every occurrence of each quote; ``quotes``: (quote, what it backs, url)."""
    marks = []
    for quote, label, url in quotes:
        start = text.find(quote) if quote else -1
        while start != -1:
            links = ((label, url),) if url else ()
            marks.append(Mark(start, start + len(quote), "quote", label, links))
            start = text.find(quote, start + 1)
    return marks


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as HTML with each mark in ``<mark class="KIND">`` followed by its links.

    Cited quotes come first: overlapping ones are merged (titles and links joined). A
    mark of another kind (a proposal) that overlaps a quote adds its title and links to
    that quote's; the others are marked in turn, merged when they overlap each other."""
    merged: list[list] = []  # [start, end, kind, titles, links], in text order

    def add(mark: Mark, row: list) -> None:
        if mark.title and mark.title not in row[3]:
            row[3].append(mark.title)
        row[4].extend(link for link in mark.links if link not in row[4])

    ordered = sorted(marks, key=lambda m: (m.kind != "quote", m.start, -m.end))
    for mark in ordered:
        overlapping = [row for row in merged if mark.start < row[1] and row[0] < mark.end]
        if not overlapping:
            merged.append([mark.start, mark.end, mark.kind, [], []])
            add(mark, merged[-1])
            merged.sort(key=lambda row: row[0])
            continue
        row = overlapping[0]
        if row[2] == mark.kind and len(overlapping) == 1:
            row[0], row[1] = min(row[0], mark.start), max(row[1], mark.end)
        add(mark, row)
    parts, cursor = [], 0
    for start, end, kind, titles, links in merged:
        parts.append(escape(text[cursor:start]))
        title = format_html(' title="{}"', "; ".join(titles)) if titles else ""
        parts.append(format_html('<mark class="{}"{}>{}</mark>', kind, title, text[start:end]))
        if links:
            parts.append(
                format_html(
                    '<span class="mark-links">{}</span>',
                    format_html_join(" ", '<a href="{}">{}</a>', ((u, t) for t, u in links)),
                )
            )
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # every piece of text above is escaped


def highlight_quotes(text: str, quotes: list[str]) -> str:
    """``text`` as HTML with every occurrence of each quote wrapped in ``<mark>``."""
    return highlight(text, quote_marks(text, ((q, "", "") for q in set(quotes))))


# --- One write path: the admin writes through the services ---------------------------------

#: The columns a claim's CSV puts after its own fields.
BOOKKEEPING = ("dataset_key", "created_at", "updated_at")

#: Where a refusal waits for the second run of the view (our attribute on the request).
REFUSAL = "service_refusal"
SAVED_NOTHING = "Nothing was saved: correct the rows marked below."

#: errors of a refused save: target (None: the main form; a form prefix such as
#: ``citations-0``: that inline row; a formset prefix such as ``citations``: the inline
#: as a whole) -> field (None: the whole form) -> messages.
Refusal = dict[str | None, dict[str | None, list[str]]]


class ServiceRefused(Exception):
    """A service refused an admin write; ``errors`` says where each message belongs."""

    def __init__(self, errors: Refusal):
        super().__init__(errors)
        self.errors = errors

    def text(self) -> str:
        return " ".join(
            f"{field}: {message}" if field else message
            for fields in self.errors.values()
            for field, messages in fields.items()
            for message in messages
        )


def messages_by_field(error: ValidationError) -> dict[str, list[str]]:
    """A ValidationError as {field: messages}; one without fields is ``__all__``'s."""
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {NON_FIELD_ERRORS: error.messages}


def refused(error: Exception) -> ServiceRefused:
    """A service's refusal (ValidationError, ProtectedError) as a :class:`ServiceRefused`
    for the main form."""
    if isinstance(error, ProtectedError):
        return ServiceRefused({None: {None: [error.args[0]]}})
    fields = messages_by_field(error)
    return ServiceRefused(
        {None: {(None if k == NON_FIELD_ERRORS else k): list(v) for k, v in fields.items()}}
    )


def integrity_message(error: IntegrityError) -> str:
    diag = getattr(error.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    rule = f"the database rule {name!r}" if name else "a database rule"
    return f"The change conflicts with {rule} (another change was saved meanwhile)."


class Inlines:
    """The inline formsets of one admin save, read as the services take them.

    ``rows("citations", ...)`` gives the kept rows of an inline in order and remembers
    which form each one came from, so that a service error about ``citations.1.quote``
    is shown on the second kept citation row.
    """

    def __init__(self, formsets: Sequence):
        self.formsets = list(formsets)
        self.kept: dict[str, tuple[Any, list]] = {}

    def formset(self, model_or_base: type[Model]):
        return next((fs for fs in self.formsets if issubclass(fs.model, model_or_base)), None)

    def rows(
        self, name: str, model: type[Model], fields: Iterable[str], *, change: bool
    ) -> list[dict] | None:
        """The ``fields`` of each row kept (not deleted, not an empty extra row).

        None when the inline is not on the page, or, on a change, when no row changed
        (the service then leaves those records as they are).
        """
        formset = self.formset(model)
        if formset is None:
            return None
        kept = [
            form
            for form in formset.forms
            if not form.cleaned_data.get("DELETE")
            and (form.instance.pk is not None or form.has_changed())
        ]
        self.kept[name] = (formset, kept)
        if change and not formset.has_changed():
            return None
        wanted = list(fields)
        return [
            {k: form.cleaned_data[k] for k in wanted if k in form.cleaned_data} for form in kept
        ]

    def changed_rows(self, name: str, model: type[Model]) -> tuple[list, list]:
        """(forms of existing rows that changed, forms of rows marked for deletion)."""
        formset = self.formset(model)
        if formset is None:
            return [], []
        forms = [f for f in formset.forms if f.instance.pk is not None]
        self.kept[name] = (formset, forms)
        deleted = [f for f in forms if f.cleaned_data.get("DELETE")]
        changed = [f for f in forms if f not in deleted and f.has_changed()]
        return changed, deleted

    def route(self, error: ValidationError) -> Refusal:
        """Each message of a service's ValidationError to its form, row or inline."""
        routed: Refusal = {}
        for key, texts in messages_by_field(error).items():
            target, field = None, (None if key == NON_FIELD_ERRORS else key)
            name, _, rest = key.partition(".")
            if name in self.kept:
                formset, kept = self.kept[name]
                index, _, item_field = rest.partition(".")
                if index.isdigit() and int(index) < len(kept):
                    target, field = kept[int(index)].prefix, item_field or None
                elif not rest:
                    target, field = formset.prefix, None
            routed.setdefault(target, {}).setdefault(field, []).extend(texts)
        return routed


def copy_values(source: Model, target: Model) -> None:
    """Put what the service stored into the admin's in-memory object (pk included), which
    the admin's responses and change messages use."""
    for field in type(source)._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def add_errors(form, errors: dict[str | None, list[str]]) -> None:
    for field, texts in errors.items():
        if field is not None and field not in form.fields:
            texts, field = [f"{field}: {t}" for t in texts], None
        form.add_error(field, texts)


# --- Nothing silently overwrites a person's edit ------------------------------------------
# Each field of a change form (and of a list's editable row) is rendered with the value the
# analyst saw beside it (Django's ``show_hidden_initial``), so a save knows which fields
# they changed: only those are written, and one that someone else changed meanwhile to
# another value is refused, naming who and when.


def guard_edits(form: forms.BaseForm) -> None:
    """Carry what the analyst saw for every field of ``form``, a form of an existing row.

    A POST that does not carry those values (a script, an old page) keeps Django's
    default: a field counts as changed when it differs from the stored value."""
    for name, field in form.fields.items():
        field.show_hidden_initial = not form.is_bound or form.add_initial_prefix(name) in form.data


def guarded(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    class GuardedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if getattr(self.instance, "pk", None) is not None:
                guard_edits(self)

    GuardedForm.__name__ = form_class.__name__
    return GuardedForm


def seen_differs(form: forms.BaseForm, name: str, current: Model) -> bool:
    """Whether ``current``'s stored value of field ``name`` is neither what the analyst saw
    when the page was rendered nor what they now send (someone else changed it)."""
    field = form.fields[name]
    if not field.show_hidden_initial:
        return False
    stored = model_to_dict(current, [name]).get(name)
    seen = field.hidden_widget().value_from_datadict(
        form.data, form.files, form.add_initial_prefix(name)
    )
    return field.has_changed(stored, seen) and field.has_changed(stored, form[name].data)


def last_change(model: type[Model], pk: Any, attname: str | None = None) -> str:
    """Who last changed ``attname`` of a row (any of its rows: citations, stages, when
    None), and when, from its history: "alice at 2026-12-02 15:04 UTC"."""
    own = type_name(model)
    entries = [
        e
        for e in object_history(model, pk)
        if (attname is None and e.type != own) or (e.type == own and attname in e.changes)
    ]
    if not entries:
        return "someone else"
    entry = entries[-1]
    who = entry.user or (
        f"command {entry.context['command']}" if entry.context.get("command") else "someone else"
    )
    return f"{who} at {entry.at:%Y-%m-%d %H:%M} UTC"


def edit_conflicts(form, current: Model, names: Iterable[str], inlines: Inlines) -> Refusal:
    """The fields (and inlines) of an update that someone else changed since the page was
    rendered, each with a message for the analyst; empty when there is none."""
    model = type(current)
    found: Refusal = {}
    for name in names:
        if name in form.fields and seen_differs(form, name, current):
            field = model._meta.get_field(name)
            found.setdefault(None, {}).setdefault(name, []).append(
                f"Changed by {last_change(model, current.pk, field.attname)} since you "
                "opened this page; your change was not saved. Reload the page to see "
                "the current value."
            )
    for formset in inlines.formsets:
        if not formset.has_changed():
            continue
        sent = {f.instance.pk for f in formset.initial_forms if f.instance.pk is not None}
        stored = set(formset.get_queryset().values_list("pk", flat=True))
        stale = sent != stored or any(
            seen_differs(f, name, f.instance)
            for f in formset.initial_forms
            if f.instance.pk is not None
            for name in f.fields
            if name in {x.name for x in f.instance._meta.concrete_fields}
        )
        if stale:
            found.setdefault(formset.prefix, {}).setdefault(None, []).append(
                f"These rows were changed by {last_change(model, current.pk)} since you "
                "opened this page; nothing was saved. Reload the page to see them."
            )
    return found


class ServiceModelForm(forms.ModelForm):
    """The admin's model form: a model validation error about a field the form does not
    show (a proposal's ``quote``) becomes an error of the whole form naming that field,
    instead of Django's ValueError (a 500)."""

    def add_error(self, field, error):
        if field is None and not isinstance(error, ValidationError):
            error = ValidationError(error)
        if field is None and hasattr(error, "error_dict"):
            unshown = [
                k for k in error.error_dict if k != NON_FIELD_ERRORS and k not in self.fields
            ]
            for name in unshown:
                for message in ValidationError(error.error_dict.pop(name)).messages:
                    super().add_error(None, f"{name}: {message}")
            if not error.error_dict:
                return
        super().add_error(field, error)


class ServiceAdminMixin:
    """ModelAdmin writes (forms, inlines, deletes, actions) through the services.

    Each admin declares its model's ``services`` (a :class:`sources.services.Services`);
    ``nested_data`` adds what the inlines give (a claim's citations, a pledge's
    stages). Public hooks only: ``save_model`` saves nothing; ``save_related`` calls
    :meth:`create_object` or :meth:`update_object` with the main form's cleaned data and
    the inline rows, in one transaction; ``delete_model`` and ``delete_queryset`` call
    :meth:`delete_object`. A service's refusal is raised out of the view's transaction,
    so nothing is saved, and ``changeform_view`` (add and change) then runs the view
    once more on the same POST with the errors put on the form and the inline rows
    (``get_form``, ``get_formsets_with_inlines``): the analyst sees the form as sent,
    each message where it belongs. A refused delete or action ends in an error
    message, nothing deleted. Put it after ``HistoryAdminMixin`` and before
    ``admin.ModelAdmin``.
    """

    form = ServiceModelForm
    services: Services
    #: Names of the main form's fields the services take (default: the model's data fields).
    service_fields: Sequence[str] = ()

    def service_field_names(self) -> Sequence[str]:
        return self.service_fields or data_fields(self.model)

    def get_readonly_fields(self, request, obj=None):
        """A dataset row's key is shown, not edited: the loader owns it."""
        fields = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, DatasetRecord) and "dataset_key" not in fields:
            fields.append("dataset_key")
        return fields

    def nested_data(self, inlines: Inlines, *, change: bool) -> dict[str, Any]:
        """The lists the inlines give, as the services take them (none by default)."""
        return {}

    def create_object(self, request, values: dict[str, Any], inlines: Inlines) -> Model:
        data = {**values, **self.nested_data(inlines, change=False)}
        return self.services.create(data=data, user=request.user)

    def update_object(self, request, obj: Model, data: dict[str, Any], inlines: Inlines) -> Model:
        data = {**data, **self.nested_data(inlines, change=True)}
        return self.services.update(instance=obj, data=data, user=request.user)

    def delete_object(self, request, obj: Model) -> None:
        self.services.delete(instance=obj, user=request.user)

    # --- writing --------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Nothing yet: :meth:`save_related` writes the object with its inline rows."""

    def save_related(self, request, form, formsets, change):
        inlines = Inlines(formsets)
        wanted = [name for name in self.service_field_names() if name in form.cleaned_data]
        try:
            with transaction.atomic():
                if change:
                    model = type(form.instance)
                    current = model.objects.select_for_update().get(pk=form.instance.pk)
                    data = {n: form.cleaned_data[n] for n in wanted if n in form.changed_data}
                    conflicts = edit_conflicts(form, current, data, inlines)
                    if conflicts:
                        raise ServiceRefused(conflicts)
                    saved = self.update_object(request, current, data, inlines)
                else:
                    values = {n: form.cleaned_data[n] for n in wanted}
                    saved = self.create_object(request, values, inlines)
        except ValidationError as error:
            raise ServiceRefused(inlines.route(error)) from error
        except IntegrityError as error:  # a concurrent write got there first
            raise ServiceRefused({None: {None: [integrity_message(error)]}}) from error
        copy_values(saved, form.instance)
        for formset in formsets:  # what construct_change_message reads
            formset.new_objects = [
                f.instance for f in formset.forms if f.instance.pk is None and f.has_changed()
            ]
            formset.changed_objects = [
                (f.instance, f.changed_data)
                for f in formset.initial_forms
                if f.has_changed() and not f.cleaned_data.get("DELETE")
            ]
            formset.deleted_objects = [
                f.instance for f in formset.initial_forms if f.cleaned_data.get("DELETE")
            ]

    def delete_model(self, request, obj):
        try:
            self.delete_object(request, obj)
        except (ValidationError, ProtectedError) as error:
            raise refused(error) from error

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                for obj in queryset:
                    self.delete_object(request, obj)
        except (ValidationError, ProtectedError) as error:
            raise refused(error) from error

    # --- a refused write: the same form again, with the errors -----------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refusal:
            setattr(request, REFUSAL, refusal.errors)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceRefused as refusal:
            self.message_user(request, refusal.text(), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        try:
            with transaction.atomic():  # an action, its log entries included, or nothing
                return super().changelist_view(request, extra_context)
        except ServiceRefused as refusal:
            self.message_user(request, refusal.text(), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_changelist_form(self, request, **kwargs):
        return guarded(super().get_changelist_form(request, **kwargs))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = guarded(super().get_form(request, obj, change, **kwargs))
        errors: Refusal | None = getattr(request, REFUSAL, None)
        if errors is None:
            return form_class
        main = errors.get(None) or {None: [SAVED_NOTHING]}

        class RefusedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                add_errors(self, main)
                return cleaned

        return RefusedForm

    def get_formsets_with_inlines(self, request, obj=None):
        errors: Refusal | None = getattr(request, REFUSAL, None)
        for formset_class, inline in super().get_formsets_with_inlines(request, obj):

            class GuardedFormSet(formset_class):
                form = guarded(formset_class.form)

                def clean(self):
                    """A row sent back that is gone (someone replaced or deleted it
                    meanwhile) is said in words, not only as an invalid id."""
                    super().clean()
                    if any("id" in form.errors for form in self.forms):
                        who = last_change(type(self.instance), self.instance.pk)
                        raise ValidationError(
                            f"These rows were changed by {who} since you opened this page; "
                            "nothing was saved. Reload the page to see them."
                        )

            formset_class = GuardedFormSet
            if errors is None:
                yield formset_class, inline
                continue

            class RefusedFormSet(formset_class):
                def clean(self):
                    super().clean()
                    for form in self.forms:
                        add_errors(form, errors.get(form.prefix, {}))
                    whole = errors.get(self.prefix, {})
                    if whole:
                        raise ValidationError([m for msgs in whole.values() for m in msgs])

            yield RefusedFormSet, inline


#: A citation's fields as the inline shows them and the services take them.
CITATION_FIELDS = ("source", "quote", "locator", "stance")


class CitationInline(admin.TabularInline):
    """Base inline for a claim's citations: source by autocomplete, the quote beside it.

    Each claim's admin subclasses it with ``model = <Claim>Citation``. The quote is
    checked against the source text by ``Citation.clean()`` when the form is saved.
    """

    extra = 0
    min_num = 1
    autocomplete_fields = ["source"]
    fields = list(CITATION_FIELDS)


class ClaimAdmin(HistoryAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    """Shared by every claim's admin: the review workflow, bulk actions, CSV export.

    Writes go through the claim's services with its citations, which keep
    ``verified_by``/``verified_at`` true to ``review_status`` as the API does.
    """

    actions = ["mark_verified", "mark_needs_review", "export_csv"]
    review_fields = ("review_status", "verified_by", "verified_at")
    change_form_template = "admin/claim_change_form.html"

    # --- the article beside the form -----------------------------------------------------

    def panel_source(self, request, obj: Model | None) -> Source | None:
        """The source whose text sits beside the form: ``?source=ID`` (the source page's
        "Record a claim from it"), else the first cited source whose text we hold."""
        wanted = request.GET.get("source", "")
        if wanted.isdigit():
            return Source.objects.exclude(text="").filter(pk=int(wanted)).first()
        if obj is None or obj.pk is None:
            return None
        citation = (
            obj.citations.exclude(source__text="").select_related("source").order_by("pk").first()
        )
        return citation.source if citation else None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        source = self.panel_source(request, obj)
        if source is not None:
            cited = source_claim_citations(source=source)
            marks = quote_marks(source.text, ((c.quote, str(claim_of(c)), "") for c in cited))
            context["source_panel"] = {"source": source, "text": highlight(source.text, marks)}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "verified_by", "verified_at"]

    def service_field_names(self) -> Sequence[str]:
        return (*super().service_field_names(), "review_status")

    def export_fields(self) -> list[models.Field]:
        """The CSV's columns: the id, the review fields, the claim's own fields, then
        the dataset key and the timestamps (any other column last)."""
        first = ["id", *self.review_fields, *data_fields(self.model), *BOOKKEEPING]
        columns = {f.name: f for f in self.model._meta.concrete_fields}
        return [columns[n] for n in first if n in columns] + [
            f for n, f in columns.items() if n not in first
        ]

    def nested_data(self, inlines: Inlines, *, change: bool) -> dict[str, Any]:
        """The citation rows (left out on a change that did not touch them)."""
        rows = inlines.rows("citations", Citation, CITATION_FIELDS, change=change)
        if change:
            return {} if rows is None else {"citations": rows}
        return {"citations": rows or []}

    @admin.action(description="Mark selected as verified", permissions=["change"])
    def mark_verified(self, request, queryset):
        count = claims_set_review_status(
            queryset=queryset, status=ReviewStatus.VERIFIED, user=request.user
        )
        self.message_user(request, f"{count} marked verified.", messages.SUCCESS)

    @admin.action(description="Mark selected as needing review", permissions=["change"])
    def mark_needs_review(self, request, queryset):
        count = claims_set_review_status(
            queryset=queryset, status=ReviewStatus.NEEDS_REVIEW, user=request.user
        )
        self.message_user(request, f"{count} marked as needing review.", messages.SUCCESS)

    @admin.action(description="Export selected to CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        fields = self.export_fields()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = self.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}s.csv"'
        writer = csv.writer(response)
        writer.writerow([f.attname for f in fields])
        for obj in queryset.iterator(chunk_size=2000):  # formula-like text neutralised
            writer.writerow([safe_cell(getattr(obj, f.attname)) for f in fields])
        return response


@admin.register(Source)
class SourceAdmin(HistoryAdminMixin, ServiceAdminMixin, admin.ModelAdmin):
    """Sources through their services: a text that would orphan a quote, a duplicate
    text or url, a cited source's deletion are refused."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "published_on", "language", "has_text"]
    list_filter = ["publisher", "language", ("published_on", admin.DateFieldListFilter)]
    search_fields = ["title", "publisher", "byline", "url"]
    date_hierarchy = "published_on"
    readonly_fields = [
        "content_sha256",
        "created_at",
        "updated_at",
        "claims",
        "highlighted_text",
        "record_from_text",
    ]
    # The article first, its passages linked to what they back; the claims table after it.
    fieldsets = [
        (None, {"fields": ["title", "publisher", "url", "byline", "wire_agencies", "language"]}),
        ("Date", {"fields": [("published_on", "published_on_precision")]}),
        ("The article", {"fields": ["record_from_text", "highlighted_text"]}),
        ("What it backs", {"fields": ["claims"]}),
        ("Text", {"fields": ["text", "content_sha256", "notes"], "classes": ["collapse"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    services = SOURCE_SERVICES
    #: More passages to mark in the text, from apps above this one (intake adds the
    #: pending proposals): each takes the source and gives its marks.
    mark_providers: list[Callable[[Source], list[Mark]]] = []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "text":
            kwargs["strip"] = False  # the text is kept exactly as given (its hash names it)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(boolean=True, description="text held")
    def has_text(self, obj: Source) -> bool:
        return bool(obj.text)

    def _citations(self, obj: Source) -> list[Citation]:
        return source_claim_citations(source=obj) if obj.pk else []

    @admin.display(description="Claims this source backs")
    def claims(self, obj: Source) -> str:
        citations = self._citations(obj)
        if not citations:
            return "None yet."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    claim_of(c)._meta.verbose_name,
                    mark_safe(admin_link(claim_of(c))),  # admin_link escapes
                    c.get_stance_display(),
                    c.quote,
                )
                for c in citations
            ),
        )
        return format_html(
            '<table class="claims"><thead><tr><th>claim</th><th></th><th>stance</th>'
            "<th>quote</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    @admin.display(description="Record a claim from it")
    def record_from_text(self, obj: Source) -> str:
        """Links to each claim's add form with this article's text beside it."""
        if not obj.pk or not obj.text:
            return "—"
        links = []
        claims = sorted(
            citation_models(),
            key=lambda c: (c.claim_field().related_model._meta.model_name != "pledge", c.__name__),
        )
        for citation in claims:
            claim = citation.claim_field().related_model
            try:
                url = reverse(f"admin:{claim._meta.app_label}_{claim._meta.model_name}_add")
            except NoReverseMatch:
                continue
            links.append((f"{url}?source={obj.pk}", claim._meta.verbose_name))
        return format_html_join(" ", '<a class="button" href="{}">{}</a>', links)

    @admin.display(description="Text (cited passages marked, each linking to its claim)")
    def highlighted_text(self, obj: Source) -> str:
        if not obj.text:
            return "We do not hold this source's text."
        marks = quote_marks(
            obj.text,
            ((c.quote, str(claim_of(c)), admin_url(claim_of(c))) for c in self._citations(obj)),
        )
        for provider in self.mark_providers:
            marks.extend(provider(obj))
        return format_html(
            '<div class="article-text" style="white-space: pre-wrap; max-width: 60em; '
            'line-height: 1.5">{}</div>',
            highlight(obj.text, marks),
        )
