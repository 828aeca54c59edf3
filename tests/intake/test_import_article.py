"""import_article stores an article with its text, refuses one already stored, and
prints the claims the extractor proposed from it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sources.models import Source
from sources.services import DuplicateSourceError, source_import_article

pytestmark = pytest.mark.django_db

ARTICLE = "Australia will send six F/A-18 jets to the Gulf, the prime minister said on Sunday.\n"


def import_article(path: Path, *extra: str) -> str:
    out = io.StringIO()
    call_command(
        "import_article",
        str(path),
        "--publisher",
        "Example Wire",
        "--title",
        "Australia sends jets",
        "--published-on",
        "2014-09-14",
        *extra,
        stdout=out,
    )
    return out.getvalue()


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_import_article_stores_the_text_and_its_hash(article):
    import_article(article, "--agency", "AFP", "--agency", "Reuters", "--byline", "A. Writer")
    source = Source.objects.get()
    assert source.text == ARTICLE
    assert source.content_sha256 == hashlib.sha256(article.read_bytes()).hexdigest()
    assert (source.publisher, source.title, source.published_on) == (
        "Example Wire",
        "Australia sends jets",
        dt.date(2014, 9, 14),
    )
    assert source.wire_agencies == ["AFP", "Reuters"]
    assert source.byline == "A. Writer"


def test_import_article_rejects_a_duplicate_naming_the_existing_source(article, tmp_path):
    import_article(article)
    existing = Source.objects.get()
    copy = tmp_path / "same-text-other-name.txt"
    copy.write_bytes(article.read_bytes())
    with pytest.raises(CommandError, match=rf"already stored as source {existing.pk}\b"):
        call_command(
            "import_article",
            str(copy),
            "--publisher",
            "Another Paper",
            "--title",
            "A different headline",
            "--published-on",
            "2014-09-15",
        )
    assert Source.objects.count() == 1


def test_import_article_rejects_a_url_already_stored(article, tmp_path):
    import_article(article, "--url", "https://news.example.org/jets")
    other = tmp_path / "other.txt"
    other.write_text("Another article entirely.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="already the url of source"):
        import_article(other, "--url", "https://news.example.org/jets")
    assert Source.objects.count() == 1


def test_service_refuses_empty_text_and_duplicates():
    with pytest.raises(ValidationError):
        source_import_article(text="  \n", publisher="P", title="T")
    first = source_import_article(text=ARTICLE, publisher="P", title="T")
    with pytest.raises(DuplicateSourceError) as excinfo:
        source_import_article(text=ARTICLE, publisher="Q", title="U")
    assert excinfo.value.existing == first


def test_import_article_prints_what_the_extractor_proposed(article, reference_data):
    out = import_article(article)
    source = Source.objects.get()
    [proposal] = source.pledge_proposals.all()
    assert "The extractor proposed 1 claim(s)" in out
    assert f"#{proposal.pk} AUS aircraft" in out and "6 " in out
    assert f"confidence {proposal.confidence:.2f}" in out and proposal.rationale in out
    assert f'"{ARTICLE.strip()}"' in out


def test_import_article_says_when_nothing_was_proposed(tmp_path, reference_data):
    path = tmp_path / "weather.txt"
    path.write_text("Rain is expected over the capital on Sunday.\n", encoding="utf-8")
    assert "The extractor proposed no claims from it." in import_article(path)


def test_import_article_prints_the_other_claims_it_proposed(tmp_path, reference_data):
    path = tmp_path / "members.txt"
    path.write_text(
        "Portugal joined the coalition last week.\n"
        "The 41-member coalition has grown steadily since its launch.\n",
        encoding="utf-8",
    )
    out = import_article(path)
    source = Source.objects.get()
    membership = source.claim_proposals.get(kind="membership")
    size = source.claim_proposals.get(kind="size_report")
    assert "The extractor proposed no pledges from it." in out
    assert "The extractor proposed 2 other claim(s)" in out
    assert f"/api/v1/sources/{source.pk}/claim-proposals/" in out
    assert f"#{membership.pk} membership PRT: Member (confidence 0.60;" in out
    assert f"#{size.pk} size_report: 41 members" in out and size.rationale in out
    assert '"Portugal joined the coalition last week."' in out
