"""Writes on sources (HackSoft style: keyword-only service functions, validated, atomic)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.choices import DatePrecision
from sources.models import Source, sha256_of


class DuplicateSourceError(ValidationError):
    """The text (or url) is already stored; ``existing`` is the source that holds it."""

    def __init__(self, existing: Source, *, field: str = "text"):
        self.existing = existing
        what = "text" if field == "text" else f"url {existing.url}"
        super().__init__(
            {field: f"This {what} is already stored as source {existing.pk} ({existing})."},
            code="duplicate",
        )


def source_import_article(
    *,
    text: str,
    publisher: str,
    title: str,
    published_on: dt.date | None = None,
    published_on_precision: str = DatePrecision.DAY,
    url: str = "",
    byline: str = "",
    wire_agencies: Sequence[str] = (),
    language: str = "en",
    notes: str = "",
) -> Source:
    """Store a new article with its full text; refuse a text (or url) already stored.

    The text is kept exactly as given; its SHA-256 (of the UTF-8 bytes) identifies it,
    so re-importing the same article is detected whatever the other fields say.
    """
    if not text.strip():
        raise ValidationError({"text": "An article needs its text."})
    digest = sha256_of(text)
    existing = Source.objects.filter(content_sha256=digest).first()
    if existing is not None:
        raise DuplicateSourceError(existing)
    if url and (same_url := Source.objects.filter(url=url).first()) is not None:
        raise DuplicateSourceError(same_url, field="url")
    source = Source(
        text=text,
        content_sha256=digest,
        publisher=publisher.strip(),
        title=title.strip(),
        published_on=published_on,
        published_on_precision=published_on_precision,
        url=url.strip(),
        byline=byline.strip(),
        wire_agencies=[a.strip() for a in wire_agencies if a.strip()],
        language=language,
        notes=notes.strip(),
    )
    source.full_clean()
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        # Imported concurrently by someone else between the check and the insert.
        existing = Source.objects.filter(content_sha256=digest).first()
        if existing is None:
            raise
        raise DuplicateSourceError(existing) from None
    return source
