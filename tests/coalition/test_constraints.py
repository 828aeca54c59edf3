"""Each database constraint rejects a bad row at the database level (no form, no clean())."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from coalition.models import Actor, Membership
from pledges.models import Pledge
from tests.factories import (
    ActorFactory,
    AttendanceCitationFactory,
    AttendanceFactory,
    CoalitionFactory,
    MeetingFactory,
    MembershipCitationFactory,
    MembershipFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
    SizeReportCitationFactory,
    SizeReportFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db


def rejected(constraint: str, build) -> None:
    """``build()`` must fail in the database, naming ``constraint``."""
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        build()
    assert constraint in str(excinfo.value)


def test_iso_countries_are_loaded():
    assert Actor.objects.filter(kind="country").count() >= 249
    australia = country("AUS")
    assert (australia.name, australia.alpha2, australia.numeric) == ("Australia", "AU", "036")


# --- Membership periods ----------------------------------------------------------------


def test_overlapping_membership_periods_are_rejected():
    first = MembershipFactory(started_on=dt.date(2014, 9, 10), ended_on=dt.date(2015, 1, 1))
    rejected(
        "membership_periods_do_not_overlap",
        lambda: MembershipFactory(
            actor=first.actor,
            coalition=first.coalition,
            status="withdrawn",
            started_on=dt.date(2014, 12, 1),
        ),
    )


def test_open_ended_period_overlaps_any_later_period():
    first = MembershipFactory(started_on=dt.date(2014, 9, 10), ended_on=None)
    rejected(
        "membership_periods_do_not_overlap",
        lambda: MembershipFactory(
            actor=first.actor, coalition=first.coalition, started_on=dt.date(2020, 1, 1)
        ),
    )


def test_adjacent_periods_and_other_actors_are_allowed():
    first = MembershipFactory(started_on=dt.date(2014, 9, 10), ended_on=dt.date(2015, 1, 1))
    MembershipFactory(
        actor=first.actor,
        coalition=first.coalition,
        status="withdrawn",
        started_on=dt.date(2015, 1, 1),
    )
    MembershipFactory(coalition=first.coalition, started_on=dt.date(2014, 9, 10))
    assert Membership.objects.filter(coalition=first.coalition).count() == 3


def test_membership_end_before_start_is_rejected():
    rejected(
        "membership_end_after_start",
        lambda: MembershipFactory(started_on=dt.date(2015, 1, 1), ended_on=dt.date(2014, 1, 1)),
    )


def test_membership_status_outside_the_codelist_is_rejected():
    rejected("membership_status_valid", lambda: MembershipFactory(status="ally"))


# --- Pledges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraint", "fields"),
    [
        ("pledge_quantity_positive", {"quantity": 0}),
        (
            "pledge_quantity_max_above_min",
            {"quantity": 100, "quantity_max": 50, "quantity_qualifier": "range"},
        ),
        ("pledge_range_has_max", {"quantity": 100, "quantity_qualifier": "range"}),
        (
            "pledge_range_has_max",
            {"quantity": 100, "quantity_max": 200, "quantity_qualifier": "about"},
        ),
        ("pledge_quantity_has_qualifier", {"quantity": 5, "quantity_qualifier": ""}),
        ("pledge_quantity_has_qualifier", {"quantity": None, "quantity_qualifier": "up_to"}),
        ("pledge_qualifier_valid", {"quantity": 5, "quantity_qualifier": "roughly"}),
        ("pledge_amount_positive", {"amount": Decimal("-5"), "currency": "USD"}),
        ("pledge_amount_positive", {"amount": Decimal("0"), "currency": "USD"}),
        ("pledge_amount_has_currency", {"amount": Decimal("500000000"), "currency": ""}),
        ("pledge_amount_has_currency", {"amount": None, "currency": "USD"}),
        ("pledge_amount_has_currency", {"amount": Decimal("5"), "currency": "usd"}),
        ("pledge_currency_iso4217", {"amount": Decimal("5"), "currency": "ZZZ"}),
        ("pledge_announced_on_plausible", {"announced_on": dt.date(1, 1, 1)}),
        (
            "pledge_end_not_before_start",
            {"starts_on": dt.date(2015, 1, 2), "ends_on": dt.date(2015, 1, 1)},
        ),
        ("pledge_kind_valid", {"kind": "tanks"}),
        ("pledge_status_valid", {"status": "rumoured"}),
        ("pledge_description_not_blank", {"description": "   "}),
    ],
)
def test_pledge_constraints_reject_nonsense(constraint, fields):
    rejected(constraint, lambda: PledgeFactory(**fields))


def test_negative_quantity_is_rejected_by_the_column_check():
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeFactory(quantity=-3)


def test_well_formed_pledges_are_stored():
    PledgeFactory(quantity=20000, quantity_max=31500, quantity_qualifier="range")
    PledgeFactory(
        kind="money",
        quantity=None,
        quantity_qualifier="",
        quantity_unit="",
        amount=Decimal("500000000"),
        currency="USD",
    )
    PledgeFactory(kind="basing", status="refused", quantity=None, quantity_qualifier="")
    assert Pledge.objects.count() == 3


def test_pledge_stage_once_per_status():
    stage = PledgeStageFactory()
    rejected(
        "pledgestage_once_per_status",
        lambda: PledgeStageFactory(pledge=stage.pledge, status=stage.status),
    )


# --- Citations and sources --------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "constraint"),
    [
        (PledgeCitationFactory, "pledgecitation_quote_not_blank"),
        (MembershipCitationFactory, "membershipcitation_quote_not_blank"),
        (AttendanceCitationFactory, "attendancecitation_quote_not_blank"),
        (SizeReportCitationFactory, "sizereportcitation_quote_not_blank"),
    ],
)
@pytest.mark.parametrize("quote", ["", "  \n "])
def test_empty_quote_is_rejected(factory, constraint, quote):
    rejected(constraint, lambda: factory(quote=quote))


def test_source_behind_a_citation_cannot_be_deleted():
    from django.db.models import ProtectedError

    citation = PledgeCitationFactory()
    with pytest.raises(ProtectedError):
        citation.source.delete()

    def raw_delete():  # the database refuses too, whatever the ORM is told
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("DELETE FROM sources_source WHERE id = %s", [citation.source_id])

    rejected("fk", raw_delete)


def test_source_url_is_unique_when_present():
    SourceFactory(url="https://example.org/a")
    SourceFactory(url="")
    SourceFactory(url="")
    rejected("source_url_unique_when_present", lambda: SourceFactory(url="https://example.org/a"))


def test_source_text_hash_is_unique_and_hex():
    SourceFactory(text="The same article.", url="https://example.org/1")
    rejected(
        "source_sha256_unique_when_present",
        lambda: SourceFactory(text="The same article.", url="https://example.org/2"),
    )
    rejected("source_sha256_is_hex", lambda: SourceFactory(content_sha256="not-a-hash"))


# --- Actors, coalitions, meetings, sizes ------------------------------------------------


def test_country_code_must_be_alpha3():
    rejected("actor_country_code_is_alpha3", lambda: ActorFactory(code="UK", kind="country"))


def test_actor_code_format():
    rejected("actor_code_format", lambda: ActorFactory(code="arab league"))


def test_coalition_end_before_start():
    rejected(
        "coalition_end_not_before_start",
        lambda: CoalitionFactory(started_on=dt.date(2014, 9, 1), ended_on=dt.date(2014, 1, 1)),
    )


def test_meeting_end_before_start():
    rejected(
        "meeting_end_not_before_start",
        lambda: MeetingFactory(held_on=dt.date(2014, 9, 15), ended_on=dt.date(2014, 9, 14)),
    )


def test_attendance_once_per_meeting():
    attendance = AttendanceFactory()
    rejected(
        "attendance_once_per_meeting",
        lambda: AttendanceFactory(meeting=attendance.meeting, actor=attendance.actor),
    )


def test_size_report_count_positive():
    rejected("sizereport_count_positive", lambda: SizeReportFactory(member_count=0))
