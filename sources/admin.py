from django.contrib import admin

from sources.models import Source


class CitationInline(admin.TabularInline):
    """Base inline for a claim's citations: source by autocomplete, the quote beside it.

    Each claim's admin subclasses it with ``model = <Claim>Citation``. The quote is
    checked against the source text by ``Citation.clean()`` when the form is saved.
    """

    extra = 1
    min_num = 1
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "locator", "stance"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "language", "has_text"]
    list_filter = ["publisher", "language", ("published_on", admin.DateFieldListFilter)]
    search_fields = ["title", "publisher", "byline", "url"]
    date_hierarchy = "published_on"
    readonly_fields = ["content_sha256", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "url", "byline", "wire_agencies", "language"]}),
        ("Date", {"fields": [("published_on", "published_on_precision")]}),
        ("Text", {"fields": ["text", "content_sha256", "notes"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(boolean=True, description="text held")
    def has_text(self, obj: Source) -> bool:
        return bool(obj.text)
