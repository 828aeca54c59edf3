"""Writes on sources, and what every app's services share.

HackSoft style: keyword-only, ``full_clean()`` before every save, atomic. Each model
has one signature per verb (:class:`Services`); ``row_*`` and ``claim_*`` implement
them for a plain row and for a claim with its citations, over the model's one field
list (``sources.models.data_fields``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError

from sources.choices import DatePrecision, Stance
from sources.models import (
    Citation,
    DatasetRecord,
    ReviewedClaim,
    Source,
    data_fields,
    sha256_of,
)
from sources.review import claim_apply_review_status
from sources.signals import source_text_added


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
    source_text_added.send(sender=Source, source=source)
    return source


# --- Shared by every app's services: updates, claims and their citations ---------------
# (HackSoft style: keyword-only, typed, ``full_clean()`` before every save, atomic.)


@dataclass(frozen=True)
class Services:
    """The three writes of one model, each with its verb's one signature:
    ``create(*, data, user=None)``, ``update(*, instance, data, user=None)``,
    ``delete(*, instance, user=None)``. Admins, viewsets and the loader declare these
    instead of forwarding to them."""

    create: Callable[..., models.Model]
    update: Callable[..., models.Model]
    delete: Callable[..., None]


class CitationData(TypedDict, total=False):
    """One citation as the services take it: ``source`` and ``quote`` are required."""

    source: Source
    quote: str
    locator: str
    stance: str


def data_keys(data: Mapping[str, Any], allowed: Collection[str]) -> None:
    """Refuse keys a service does not take: a caller's typo must not be dropped silently."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise TypeError(f"Unexpected data: {', '.join(unknown)}.")


def model_update(*, instance: models.Model, fields: Sequence[str], data: Mapping[str, Any]) -> bool:
    """Set the ``fields`` present in ``data`` on ``instance``; True if any value changed.

    Does not save: the caller validates (``full_clean``) and saves once.
    """
    changed = False
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed = True
    return changed


def writable_fields(model: type[models.Model]) -> tuple[str, ...]:
    """What a create or update takes for ``model``: its data fields, and its
    ``dataset_key`` for a row the dataset may own (the loader's)."""
    fields = data_fields(model)
    return (*fields, "dataset_key") if issubclass(model, DatasetRecord) else fields


@transaction.atomic
def row_create(model: type[models.Model], *, data: Mapping[str, Any]) -> models.Model:
    """Validate and save a new ``model`` row from ``data`` (model defaults for the rest)."""
    fields = writable_fields(model)
    data_keys(data, fields)
    row = model(**{name: data[name] for name in fields if name in data})
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def row_update(*, instance: models.Model, data: Mapping[str, Any]) -> models.Model:
    """Change the fields of ``instance`` present in ``data``, validate and save."""
    fields = writable_fields(type(instance))
    data_keys(data, fields)
    model_update(instance=instance, fields=fields, data=data)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def row_delete(*, instance: models.Model, user=None) -> None:
    """Delete a row nothing protects (else ProtectedError, naming what refers to it)."""
    instance.delete()


def citations_set(*, claim: models.Model, citations: Sequence[CitationData]) -> None:
    """Make ``claim``'s citations exactly ``citations`` (at least one).

    Citations already stored with the same source, quote, locator and stance are kept
    as they are (their id and history stay); others are deleted or created. Each new
    citation is validated (its quote must occur in the source's text when there is one);
    errors name the citation: ``citations.1.quote``.
    """
    if not citations:
        raise ValidationError(
            {"citations": "A claim needs at least one citation of a source."}, code="required"
        )
    model: type[Citation] = claim.citations.model
    claim_name = model.claim_field().name
    stored = {_citation_key(c): c for c in claim.citations.all()}
    wanted: set[tuple] = set()
    new: list[Citation] = []
    errors: dict[str, list[str]] = {}
    for index, data in enumerate(citations):
        citation = model(
            **{claim_name: claim},
            source=data["source"],
            quote=data["quote"],
            locator=data.get("locator", ""),
            stance=data.get("stance", Stance.SUPPORTS),
        )
        key = _citation_key(citation)
        if key in wanted:
            continue
        wanted.add(key)
        if key in stored:
            continue
        try:
            citation.full_clean(exclude=[claim_name, "source"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[item_error_key("citations", index, name)] = messages
        new.append(citation)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        stale = [c.pk for key, c in stored.items() if key not in wanted]
        if stale:
            model.objects.filter(pk__in=stale).delete()
        for citation in new:
            citation.save()


def item_error_key(field: str, index: int, name: str) -> str:
    """``citations.1.quote``; an error about the whole item is ``citations.1``."""
    return f"{field}.{index}" if name == NON_FIELD_ERRORS else f"{field}.{index}.{name}"


def _citation_key(citation: Citation) -> tuple:
    return (citation.source_id, citation.quote, citation.locator, citation.stance)


@transaction.atomic
def claim_save(
    *,
    claim: ReviewedClaim,
    citations: Sequence[CitationData] | None,
    previous_review_status: str | None,
    user=None,
) -> ReviewedClaim:
    """Validate and save a claim, keep its review fields true, and set its citations.

    ``citations`` None leaves them as they are (allowed only for a claim already saved).
    """
    claim_apply_review_status(claim=claim, previous_status=previous_review_status, user=user)
    if claim.pk is None and not citations:
        raise ValidationError(
            {"citations": "A claim needs at least one citation of a source."}, code="required"
        )
    claim.full_clean()
    claim.save()
    if citations is not None:
        citations_set(claim=claim, citations=citations)
    return claim


#: What a claim's create and update take besides its fields.
CLAIM_KEYS = ("review_status", "citations")


def claim_create(
    model: type[ReviewedClaim], *, data: Mapping[str, Any], user=None, nested: Sequence[str] = ()
) -> ReviewedClaim:
    """Record a new claim from ``data``: its fields, ``review_status`` and ``citations``
    (at least one). ``nested`` names further lists the caller writes itself (stages)."""
    fields = writable_fields(model)
    data_keys(data, (*fields, *CLAIM_KEYS, *nested))
    claim = model(**{name: data[name] for name in (*fields, "review_status") if name in data})
    return claim_save(
        claim=claim, citations=data.get("citations"), previous_review_status=None, user=user
    )


def claim_update(
    *, instance: ReviewedClaim, data: Mapping[str, Any], user=None, nested: Sequence[str] = ()
) -> ReviewedClaim:
    """Change the fields of a claim present in ``data``; ``data["citations"]``, when
    given, replaces its citations."""
    fields = writable_fields(type(instance))
    data_keys(data, (*fields, *CLAIM_KEYS, *nested))
    previous = instance.review_status
    model_update(instance=instance, fields=[*fields, "review_status"], data=data)
    return claim_save(
        claim=instance,
        citations=data.get("citations"),
        previous_review_status=previous,
        user=user,
    )


def source_claim_citations(*, source: Source, limit: int | None = None) -> list[Citation]:
    """Citations of ``source`` in every claim table (each with its claim), newest first."""
    found: list[Citation] = []
    for model in citation_models():
        claim_name = model.claim_field().name
        queryset = model.objects.filter(source=source).select_related(claim_name).order_by("-id")
        found.extend(queryset[:limit] if limit else queryset)
    found.sort(key=lambda c: c.created_at, reverse=True)
    return found[:limit] if limit else found


def citation_models() -> list[type[Citation]]:
    """Every concrete citation table (one per claim model), found through ``Source``."""
    return [
        rel.related_model
        for rel in Source._meta.related_objects
        if isinstance(rel.related_model, type) and issubclass(rel.related_model, Citation)
    ]


#: A source's fields as its create and update take them (``content_sha256`` apart).
SOURCE_FIELDS = data_fields(Source, exclude=("content_sha256",))
SOURCE_KEYS = (*SOURCE_FIELDS, "content_sha256", "dataset_key")


@transaction.atomic
def source_create(*, data: Mapping[str, Any], user=None) -> Source:
    """Record a source. With its text, this is :func:`source_import_article` (the text and
    url must be new); without, only the url must be new, and ``content_sha256`` may name
    the text held elsewhere. ``dataset_key``: the curated dataset's key (the loader's)."""
    data_keys(data, SOURCE_KEYS)
    if data.get("text"):
        if data.get("dataset_key"):
            raise ValueError("dataset_key applies to a source created without its text.")
        return source_import_article(**{n: data[n] for n in SOURCE_FIELDS if n in data})
    _refuse_duplicate_url(data.get("url", ""))
    source = Source(**{n: data[n] for n in SOURCE_KEYS if n in data})
    source.full_clean()
    source.save()
    return source


def _refuse_duplicate_url(url: str, *, exclude_pk: int | None = None) -> None:
    if url and (same := Source.objects.filter(url=url).exclude(pk=exclude_pk).first()):
        raise DuplicateSourceError(same, field="url")


@transaction.atomic
def source_update(*, instance: Source, data: Mapping[str, Any], user=None) -> Source:
    """Change a source. A new text must still contain the quote of every citation of it.

    ``data["content_sha256"]`` is taken only while the source holds no text (the hash of
    a text held elsewhere); ``data["dataset_key"]`` (the dataset loader's) adopts a source.
    """
    data_keys(data, SOURCE_KEYS)
    source = instance
    text_before = source.text
    model_update(instance=source, fields=(*SOURCE_FIELDS, "dataset_key"), data=data)
    if "content_sha256" in data and not source.text:
        source.content_sha256 = data["content_sha256"]
    _refuse_duplicate_url(source.url, exclude_pk=source.pk)
    if source.text != text_before:
        source.content_sha256 = sha256_of(source.text) if source.text else ""
        if source.text:
            same = Source.objects.filter(content_sha256=source.content_sha256)
            if (existing := same.exclude(pk=source.pk).first()) is not None:
                raise DuplicateSourceError(existing)
            lost = [c for c in source_claim_citations(source=source) if c.quote not in source.text]
            if lost:
                where = ", ".join(
                    f"{c.claim_field().name} {getattr(c, c.claim_field().attname)}"
                    for c in lost[:10]
                )
                raise ValidationError(
                    {
                        "text": f"The new text no longer contains the quotes of {len(lost)} "
                        f"citation(s) ({where}); fix those citations first."
                    },
                    code="quote_lost",
                )
    source.full_clean()
    source.save()
    if source.text and source.text != text_before:
        source_text_added.send(sender=Source, source=source)
    return source


@transaction.atomic
def source_delete(*, instance: Source, user=None) -> None:
    """Delete a source that backs no claim; otherwise ProtectedError naming (up to 100) claims."""
    citing = source_claim_citations(source=instance, limit=100)
    if citing:
        raise ProtectedError(
            f"Source {instance.pk} backs claims; remove their citations of it first.", set(citing)
        )
    instance.delete()


SOURCE_SERVICES = Services(source_create, source_update, source_delete)
