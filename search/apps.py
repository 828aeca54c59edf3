from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Owns the search index (stored tsvector columns, GIN indexes: its migrations) and
    the search endpoint; it reads pledges, coalition and sources and has no models."""

    name = "search"
    verbose_name = "Search"
