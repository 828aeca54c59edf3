"""The dates a sentence gives, and the announcement day they make of a proposal;
sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from intake.extraction.dates import find_dates
from intake.services import proposal_accept, source_propose_claims
from pledges.models import PledgeProposal
from tests.factories import SourceFactory, UserFactory

FRIDAY = dt.date(2023, 1, 20)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("said on Friday", FRIDAY, "day"),
        ("said on Monday", dt.date(2023, 1, 16), "day"),
        ("yesterday", dt.date(2023, 1, 19), "day"),
        ("on 12 January", dt.date(2023, 1, 12), "day"),
        ("on Sept. 12, 2014", dt.date(2014, 9, 12), "day"),
        ("on 20 December", dt.date(2022, 12, 20), "day"),
        ("pledged in March 2022", dt.date(2022, 3, 1), "month"),
    ],
)
def test_a_date_is_read_against_the_articles_day(text, value, precision):
    (date,) = find_dates(text, reference=FRIDAY)
    assert (date.value, date.precision) == (value, precision)


def test_without_the_articles_day_only_dates_with_a_year_are_read():
    assert [d.value for d in find_dates("on Friday, and on 12 May 2022")] == [dt.date(2022, 5, 12)]


def test_a_year_alone_or_a_may_that_is_a_verb_is_no_date():
    assert find_dates("the 2014 summit, where Chile may join", reference=FRIDAY) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sentence", "announced_on"),
    [
        ("Chile said on Monday it would send 40 tanks to Kenya.", dt.date(2023, 1, 16)),
        # a deadline is not the day of the announcement
        ("Chile will send 40 tanks to Kenya by March 2023.", None),
        # a delivery has no announcement day
        ("Chile delivered 40 tanks to Kenya on Monday.", None),
    ],
)
def test_the_proposal_carries_the_day_the_sentence_says_it_was_announced(sentence, announced_on):
    source = SourceFactory(text=sentence, published_on=FRIDAY)
    (proposal,) = source_propose_claims(source=source)
    assert proposal.announced_on == announced_on


@pytest.mark.django_db
def test_accepting_gives_the_pledge_its_announcement_day():
    source = SourceFactory(text="Chile said on Monday it would send 40 tanks.", published_on=FRIDAY)
    (proposal,) = source_propose_claims(source=source)
    pledge = proposal_accept(proposal=proposal, user=UserFactory())
    assert (pledge.announced_on, pledge.announced_on_precision) == (dt.date(2023, 1, 16), "day")


@pytest.mark.django_db
def test_the_database_refuses_an_implausible_announcement_day():
    source = SourceFactory(text="Chile said on Monday it would send 40 tanks.", published_on=FRIDAY)
    (proposal,) = source_propose_claims(source=source)
    with transaction.atomic(), pytest.raises(IntegrityError):
        PledgeProposal.objects.filter(pk=proposal.pk).update(announced_on=dt.date(1066, 10, 14))


def test_day_spans_find_days_of_a_month_without_a_reference_date():
    from intake.extraction.dates import day_spans

    text = "by February 22, and on 6 October 2014, but not 40 jets"
    assert [text[s:e] for s, e in day_spans(text)] == ["February 22", "6 October 2014"]
