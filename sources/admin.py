from __future__ import annotations

import csv

from django.contrib import admin, messages
from django.db import models
from django.db.models import Model
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from config.admin_history import HistoryAdminMixin
from sources.choices import ReviewStatus
from sources.models import Citation, Source
from sources.review import claim_apply_review_status, claims_set_review_status
from sources.services import source_claim_citations
from sources.signals import source_text_added


def claim_of(citation: Citation) -> Model:
    """The claim a citation backs."""
    return getattr(citation, citation.claim_field().name)


def admin_link(obj: Model) -> str:
    try:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return escape(str(obj))
    return format_html('<a href="{}">{}</a>', url, obj)


def highlight_quotes(text: str, quotes: list[str]) -> str:
    """``text`` as HTML with every occurrence of each quote wrapped in ``<mark>``."""
    spans: list[tuple[int, int]] = []
    for quote in {q for q in quotes if q}:
        start = text.find(quote)
        while start != -1:
            spans.append((start, start + len(quote)))
            start = text.find(quote, start + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, cursor = [], 0
    for start, end in merged:
        parts.append(escape(text[cursor:start]))
        parts.append(f'<mark class="quote">{escape(text[start:end])}</mark>')
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # every piece of text above is escaped


class CitationInline(admin.TabularInline):
    """Base inline for a claim's citations: source by autocomplete, the quote beside it.

    Each claim's admin subclasses it with ``model = <Claim>Citation``. The quote is
    checked against the source text by ``Citation.clean()`` when the form is saved.
    """

    extra = 0
    min_num = 1
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "locator", "stance"]


class ClaimAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Shared by every claim's admin: the review workflow, bulk actions, CSV export."""

    actions = ["mark_verified", "mark_needs_review", "export_csv"]
    review_fields = ("review_status", "verified_by", "verified_at")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "verified_by", "verified_at"]

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("review_status") if change else None
        claim_apply_review_status(claim=obj, previous_status=previous, user=request.user)
        super().save_model(request, obj, form, change)

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
        fields = list(self.model._meta.concrete_fields)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = self.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}s.csv"'
        writer = csv.writer(response)
        writer.writerow([f.attname for f in fields])
        for obj in queryset.iterator(chunk_size=2000):
            writer.writerow([getattr(obj, f.attname) for f in fields])
        return response


@admin.register(Source)
class SourceAdmin(HistoryAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "published_on", "language", "has_text"]
    list_filter = ["publisher", "language", ("published_on", admin.DateFieldListFilter)]
    search_fields = ["title", "publisher", "byline", "url"]
    date_hierarchy = "published_on"
    readonly_fields = ["content_sha256", "created_at", "updated_at", "claims", "highlighted_text"]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "url", "byline", "wire_agencies", "language"]}),
        ("Date", {"fields": [("published_on", "published_on_precision")]}),
        ("What it backs", {"fields": ["claims", "highlighted_text"]}),
        ("Text", {"fields": ["text", "content_sha256", "notes"], "classes": ["collapse"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def save_model(self, request, obj, form, change):
        text_added = bool(obj.text) and (not change or "text" in form.changed_data)
        if text_added and change:
            obj.content_sha256 = ""  # recomputed from the new text on save
        super().save_model(request, obj, form, change)
        if text_added:
            source_text_added.send(sender=Source, source=obj)

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

    @admin.display(description="Article text (quoted passages highlighted)")
    def highlighted_text(self, obj: Source) -> str:
        if not obj.text:
            return "We do not hold this source's text."
        html = highlight_quotes(obj.text, [c.quote for c in self._citations(obj)])
        return format_html(
            '<div class="article-text" style="white-space: pre-wrap; max-width: 60em; '
            'line-height: 1.5">{}</div>',
            html,
        )
