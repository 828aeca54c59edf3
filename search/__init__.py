"""Full-text search across claims, sources and actors for API clients (``/api/v1/search/``)."""
