"""The source viewset's answers beyond CRUD (issue 5): history and restore, export."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q

from api.export import ExportMixin
from history.api import HistoryMixin


class SourceAnswersMixin(HistoryMixin, ExportMixin):
    export_columns = {
        "id": "id",
        "title": "title",
        "publisher": "publisher",
        "url": "url",
        "published_on": "published_on",
        "published_on_precision": "published_on_precision",
        "byline": "byline",
        "wire_agencies": "wire_agencies",
        "language": "language",
        "has_text": ExpressionWrapper(~Q(text=""), output_field=BooleanField()),
        "content_sha256": "content_sha256",
        "notes": "notes",
        "created_at": "created_at",
        "updated_at": "updated_at",
    }
    export_notes = (
        "The full text is left out (`has_text` says whether it is held; read it at "
        "`/api/v1/sources/{id}/`); `wire_agencies` are `;`-separated in CSV."
    )
