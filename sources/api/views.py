"""The source resource: ``/api/v1/sources/``, with history and export."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q

from api.export import ExportMixin
from api.viewsets import DomainViewSet
from history.api import HistoryMixin
from sources.api.filters import SourceFilterSet
from sources.api.serializers import (
    SourceDetailSerializer,
    SourceInputSerializer,
    SourceSerializer,
)
from sources.models import Source
from sources.services import SOURCE_SERVICES


class SourceViewSet(HistoryMixin, ExportMixin, DomainViewSet):
    """Articles and statements that claims cite. Each source links to the claims it
    backs (`backs`); a source that backs any claim cannot be deleted (409)."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    detail_serializer_class = SourceDetailSerializer
    input_serializer_class = SourceInputSerializer
    services = SOURCE_SERVICES
    filterset_class = SourceFilterSet
    ordering_fields = ["published_on", "title", "publisher", "created_at", "id"]
    ordering = ["-published_on"]
    noun, noun_plural = "source", "sources"
    example = {
        "id": 3,
        "title": "Australia to send fighter jets to fight Islamic State",
        "publisher": "Reuters",
        "url": "https://www.reuters.com/article/example",
        "published_on": "2014-09-14",
        "published_on_precision": "day",
        "byline": "Matt Siegel",
        "wire_agencies": ["Reuters"],
        "language": "en",
        "has_text": True,
        "content_sha256": "9f2c0d5e3b1a4c6d8e7f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5",
        "notes": "",
        "backs": {
            "memberships": "https://api.example.org/api/v1/memberships/?source=3",
            "attendances": "https://api.example.org/api/v1/attendances/?source=3",
            "size_reports": "https://api.example.org/api/v1/size-reports/?source=3",
            "pledges": "https://api.example.org/api/v1/pledges/?source=3",
        },
        "created_at": "2026-11-20T09:12:03Z",
        "updated_at": "2026-11-20T09:12:03Z",
    }
    example_detail = {"text": "SYDNEY (Reuters) - Australia will send ..."}
    example_input = {
        "title": "Australia to send fighter jets to fight Islamic State",
        "publisher": "Reuters",
        "url": "https://www.reuters.com/article/example",
        "published_on": "2014-09-14",
        "published_on_precision": "day",
        "byline": "Matt Siegel",
        "wire_agencies": ["Reuters"],
        "language": "en",
        "text": "",
        "notes": "",
    }
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
