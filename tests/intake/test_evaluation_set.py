"""The evaluation set of issue 17 (data/evaluation) loads, and its loader rejects bad files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from intake.evaluation.dataset import (
    DEV_ONLY_BATCHES,
    EvaluationSetError,
    expected_splits,
    load_articles,
    sha256_url,
)
from pledges.choices import PledgeKind
from tests.paths import EVAL_TEXTS, needs_eval_texts


def test_every_file_of_the_evaluation_set_is_valid():
    articles = load_articles()
    assert len(articles) >= 30
    assert {a.split for a in articles} == {"dev", "heldout"}
    for article in articles:
        assert article.facts, article.slug
        for fact in article.facts:
            if fact.claim == "pledge":
                assert fact.kind in PledgeKind.values


def test_the_parts_are_disjoint_and_make_up_the_whole_set():
    dev = {a.slug for a in load_articles(part="dev")}
    heldout = {a.slug for a in load_articles(part="heldout")}
    assert dev and heldout
    assert not dev & heldout
    assert dev | heldout == {a.slug for a in load_articles()}


def test_each_coalition_has_articles_in_both_parts():
    articles = load_articles()
    for coalition in {a.coalition for a in articles}:
        parts = {a.split for a in articles if a.coalition == coalition}
        assert parts == {"dev", "heldout"}, coalition


def test_every_recorded_split_is_the_one_the_rule_gives():
    articles = load_articles()
    assert expected_splits(articles) == {a.slug: a.split for a in articles}


def test_the_dev_only_batch_adds_to_dev_and_leaves_heldout_as_it_was():
    articles = load_articles()
    late = [a for a in articles if a.batch in DEV_ONLY_BATCHES]
    assert late and all(a.split == "dev" for a in late)
    heldout_batches = {a.batch for a in articles if a.split == "heldout"}
    assert not heldout_batches & DEV_ONLY_BATCHES


@needs_eval_texts
def test_every_quote_is_found_verbatim_in_the_saved_article_texts():
    articles = load_articles(texts_dir=EVAL_TEXTS)
    saved = [a for a in articles if (EVAL_TEXTS / f"{a.slug}.txt").is_file()]
    assert saved, f"no text in {EVAL_TEXTS} belongs to an article of the set"


# ---------------------------------------------------------------------- bad files

URL = "https://news.example.org/2015/03/02/norway-sends-trainers"


def _fact(**changes):
    fact = {
        "claim": "pledge",
        "actors": ["NOR"],
        "joint": False,
        "per_actor": False,
        "kind": "training",
        "status": "announced",
        "quantity": 60,
        "quantity_max": None,
        "qualifier": "about",
        "unit": "trainers",
        "amount": None,
        "currency": None,
        "reported_conversion": None,
        "delivered_quantity": None,
        "recipient": "IRQ",
        "conditions": [],
        "note": "",
    }
    fact.update(changes)
    return fact


def _article(url=URL, split="dev", sentences=None, **changes):
    article = {
        "url": url,
        "publisher": "Example Wire",
        "published_on": "2015-03-02",
        "published_on_precision": "day",
        "date_note": "In the URL.",
        "title": "Norway sends trainers",
        "coalition": "counter-isis-2014",
        "batch": 1,
        "split": split,
        "sha256_url": sha256_url(url),
        "sentences": sentences
        if sentences is not None
        else [{"text": "Oslo will send about 60 instructors to Erbil.", "facts": [_fact()]}],
    }
    article.update(changes)
    return article


def _write(root: Path, folder: str, slug: str, article: dict) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder / f"{slug}.yaml").write_text(yaml.safe_dump(article, allow_unicode=True))


def _one_per_part(root: Path, dev: dict | None = None) -> None:
    """Two articles of one coalition: the rule sends the lower URL hash to dev."""
    urls = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )
    _write(root, "dev", "first", dev or _article(url=urls[0]))
    _write(root, "heldout", "second", _article(url=urls[1], split="heldout"))


def _problems(root: Path, **kwargs) -> str:
    with pytest.raises(EvaluationSetError) as caught:
        load_articles(root, **kwargs)
    return "\n".join(caught.value.problems)


def test_a_well_formed_set_loads(tmp_path):
    _one_per_part(tmp_path)
    articles = load_articles(tmp_path)
    assert [a.split for a in articles] == ["dev", "heldout"]
    fact = articles[0].facts[0]
    assert (fact.actors, fact.kind, fact.quantity, fact.unit) == (
        ("NOR",),
        "training",
        60,
        "trainers",
    )


def test_an_unknown_kind_status_unit_or_actor_is_named(tmp_path):
    bad = _fact(kind="ships", status="promised", unit="frigates", actors=["NORWAY"])
    first = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )[0]
    _one_per_part(
        tmp_path,
        dev=_article(url=first, sentences=[{"text": "Oslo will send ships.", "facts": [bad]}]),
    )
    report = _problems(tmp_path)
    assert "kind: 'ships' is not a pledge kind" in report
    assert "status: 'promised' is not a pledge status" in report
    assert "unit: 'frigates'" in report
    assert "'NORWAY' is neither an ISO alpha-3 code" in report


def test_a_meeting_with_a_pledge_kind_is_rejected(tmp_path):
    first = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )[0]
    meeting = _fact(claim="meeting", actors=[], kind="troops", status="held", quantity=None)
    _one_per_part(
        tmp_path,
        dev=_article(url=first, sentences=[{"text": "Ministers met in Oslo.", "facts": [meeting]}]),
    )
    assert "only pledges have a kind" in _problems(tmp_path)


def test_a_split_against_the_rule_or_the_folder_is_rejected(tmp_path):
    urls = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )
    _write(tmp_path, "heldout", "first", _article(url=urls[0], split="heldout"))
    _write(tmp_path, "heldout", "second", _article(url=urls[1], split="dev"))
    report = _problems(tmp_path)
    assert "first: split: the split rule puts it in dev" in report
    assert "second.yaml: split: says 'dev' but the file is in heldout/" in report


def test_every_batch_after_the_second_is_dev_only():
    # Batches 1 and 2 were split before any tuning; every later one was added as dev.
    assert min(DEV_ONLY_BATCHES) == 3
    assert sorted(DEV_ONLY_BATCHES) == list(range(3, max(DEV_ONLY_BATCHES) + 1))
    batches = {a.batch for a in load_articles(part="dev")}
    assert batches >= DEV_ONLY_BATCHES
    assert {a.batch for a in load_articles(part="heldout")} <= {1, 2}


@pytest.mark.parametrize("late", sorted(DEV_ONLY_BATCHES))
def test_an_article_of_a_dev_only_batch_cannot_be_held_out(tmp_path, late):
    _one_per_part(tmp_path)
    url = "https://news.example.org/2015/03/04/finland-sends-trainers"
    _write(tmp_path, "heldout", "late", _article(url=url, split="heldout", batch=late))
    assert "late: split: the split rule puts it in dev" in _problems(tmp_path)


def test_a_batch_that_is_not_dev_only_may_still_be_held_out(tmp_path):
    _one_per_part(tmp_path)
    url = "https://news.example.org/2015/03/04/finland-sends-trainers"
    batch = max(DEV_ONLY_BATCHES) + 1
    _write(tmp_path, "heldout", "late", _article(url=url, split="heldout", batch=batch))
    assert {a.slug for a in load_articles(tmp_path, part="heldout")} == {"second", "late"}


def test_the_arab_league_and_the_un_are_actors_but_other_bodies_are_not(tmp_path):
    first = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )[0]
    met = _fact(
        claim="attendance",
        actors=["ARAB_LEAGUE", "UN", "EU"],
        kind=None,
        status="attended",
        quantity=None,
        qualifier=None,
        unit=None,
        recipient=None,
    )
    _one_per_part(
        tmp_path,
        dev=_article(url=first, sentences=[{"text": "The bodies sat in Oslo.", "facts": [met]}]),
    )
    assert load_articles(tmp_path, part="dev")[0].facts[0].actors == ("ARAB_LEAGUE", "UN", "EU")
    met["actors"] = ["GCC"]
    _one_per_part(
        tmp_path,
        dev=_article(url=first, sentences=[{"text": "The bodies sat in Oslo.", "facts": [met]}]),
    )
    assert "'GCC' is neither an ISO alpha-3 code" in _problems(tmp_path)


def test_a_hash_that_is_not_the_urls_is_rejected(tmp_path):
    first = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )[0]
    _one_per_part(tmp_path, dev=_article(url=first, sha256_url="0" * 64))
    assert "sha256_url: not the SHA-256 of the url" in _problems(tmp_path)


def test_a_paragraph_is_not_a_quote(tmp_path):
    first = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )[0]
    paragraph = "Oslo will send about 60 instructors.\nThey leave in May. " + "More. " * 80
    _one_per_part(
        tmp_path, dev=_article(url=first, sentences=[{"text": paragraph, "facts": [_fact()]}])
    )
    assert "a quote is one sentence" in _problems(tmp_path)


def test_a_saved_text_that_is_not_the_recorded_one_is_reported(tmp_path):
    text = "OSLO - Oslo will send about 60 instructors to Erbil.\n"
    first = sorted(
        [URL, "https://news.example.org/2015/03/03/sweden-sends-trainers"],
        key=lambda u: hashlib.sha256(u.encode()).hexdigest(),
    )[0]
    recorded = hashlib.sha256(text.encode()).hexdigest()
    _one_per_part(tmp_path, dev=_article(url=first, text_sha256=recorded))
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "first.txt").write_text(text)
    assert load_articles(tmp_path, texts_dir=texts)[0].text_sha256 == recorded
    (texts / "first.txt").write_text(text.replace("60", "70"))
    report = _problems(tmp_path, texts_dir=texts)
    assert "first: text_sha256:" in report


def test_a_quote_missing_from_the_saved_text_is_reported(tmp_path):
    _one_per_part(tmp_path)
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "first.txt").write_text("OSLO - Oslo will send about\n60 instructors to Erbil.\n")
    (texts / "second.txt").write_text("STOCKHOLM - Sweden said nothing of the kind.\n")
    report = _problems(tmp_path, texts_dir=texts)
    assert "second: sentences[0]: quote not found verbatim" in report
    assert "first:" not in report  # a line break inside the quote is not a difference
