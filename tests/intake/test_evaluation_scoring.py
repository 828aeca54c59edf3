"""Scoring proposals against coded facts, on a tiny hand-made example."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from intake.evaluation.dataset import Article, Fact, Sentence
from intake.evaluation.scoring import LEVELS, Proposal, article_table, kind_table, score


def _article(slug: str, *facts: Fact) -> Article:
    return Article(
        slug=slug,
        path=Path(f"{slug}.yaml"),
        url=f"https://news.example.org/{slug}",
        publisher="Example Wire",
        published_on="2015-03-02",
        title=slug,
        coalition="counter-isis-2014",
        batch=1,
        split="dev",
        sha256_url="",
        sentences=[Sentence(text="A sentence.", facts=facts)],
    )


OSLO = _article(
    "oslo",
    Fact("pledge", ("NOR",), "aircraft", "announced", quantity=4),
    Fact("pledge", ("NOR",), "aircraft", "announced"),  # the same jets again, no number
    Fact("pledge", ("NOR", "SWE"), "training", "committed", quantity=40),  # joint
    Fact("membership", ("FIN",), None, "member"),
)
OTTAWA = _article(
    "ottawa",
    Fact("pledge", ("CAN",), "money", "announced", amount=Decimal("300000000"), currency="CAD"),
)
PROPOSED = {
    "oslo": [
        Proposal("NOR", "aircraft", quantity=4),
        Proposal("NOR", "aircraft", quantity=4),  # a second sentence: counted once
        Proposal("NOR", "training", quantity=60),  # right actor and kind, wrong number
        Proposal("DNK", "aircraft"),  # not in the article
    ],
    "ottawa": [Proposal("CAN", "money", amount=Decimal("300000000.00"))],
}


@pytest.fixture(scope="module")
def levels():
    return score([OSLO, OTTAWA], lambda article: PROPOSED[article.slug])


def test_actor_and_kind_counts_each_actor_of_a_joint_pledge(levels):
    loose = levels["actor + kind"]
    # oslo: NOR aircraft, NOR training, SWE training, FIN membership; ottawa: CAN money
    assert loose.total.reference == 5
    assert loose.total.proposed == 4  # NOR aircraft, NOR training, DNK aircraft, CAN money
    assert loose.total.correct == 3
    assert loose.total.precision == pytest.approx(3 / 4)
    assert loose.total.recall == pytest.approx(3 / 5)
    assert loose.by_kind["training"].recall == pytest.approx(1 / 2)
    assert loose.by_kind["membership"].recall == 0
    assert loose.by_kind["membership"].precision is None
    assert sorted(loose.misses) == [("oslo", ("FIN", "membership")), ("oslo", ("SWE", "training"))]
    assert [(s, k) for s, k, _ in loose.false_positives] == [("oslo", ("DNK", "aircraft"))]


def test_actor_kind_and_quantity_needs_the_same_number(levels):
    strict = levels["actor + kind + quantity"]
    # the unnumbered repeat of Norway's jets adds no key of its own
    assert ("oslo", ("NOR", "aircraft", None)) not in strict.misses
    assert strict.by_kind["aircraft"].reference == 1
    assert strict.by_kind["aircraft"].correct == 1
    assert strict.by_kind["training"].correct == 0
    assert ("oslo", ("NOR", "training", Decimal(40))) in strict.misses
    # an amount of money is its number; 300000000 and 300000000.00 are the same
    assert strict.by_kind["money"].correct == 1
    assert strict.total.precision == pytest.approx(2 / 4)
    assert strict.total.recall == pytest.approx(2 / 5)


def test_per_article_scores(levels):
    oslo = levels["actor + kind"].by_article["oslo"]
    assert (oslo.reference, oslo.proposed, oslo.correct) == (4, 3, 2)
    ottawa = levels["actor + kind + quantity"].by_article["ottawa"]
    assert (ottawa.precision, ottawa.recall) == (1.0, 1.0)


def test_the_tables_print_every_kind_and_article(levels):
    table = "\n".join(kind_table(levels[LEVELS[0]]))
    assert "Matched on actor + kind:" in table
    assert table.index("aircraft") < table.index("membership")
    assert "  all" in table
    # oslo's and ottawa's pledges without Finland's membership: 3 of 4 found
    assert re.search(r"^  \(pledges\)\s+4\s+4\s+3\s+0.75\s+0.75$", table, re.M)
    rows = "\n".join(article_table(levels, [OSLO, OTTAWA]))
    assert "oslo" in rows and "ottawa" in rows
    assert "0.67  0.50" in rows  # oslo on actor + kind: P 2/3, R 2/4
