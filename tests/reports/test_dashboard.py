"""The admin's dashboard: a chart per question, drawn from the data, for staff only."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from pledges.services import pledge_conversions_set
from reports.charts import MEANING, stacked_bar_chart, step_chart
from tests.factories import CoalitionFactory, MembershipFactory, PledgeFactory, SizeReportFactory

pytestmark = pytest.mark.django_db


def test_dashboard_draws_each_chart_from_the_data(staff_client):
    coalition = CoalitionFactory(name="Test coalition")
    MembershipFactory(coalition=coalition, started_on=dt.date(2014, 9, 10))
    MembershipFactory(coalition=coalition, started_on=dt.date(2014, 9, 20))
    SizeReportFactory(coalition=coalition, reported_on=dt.date(2014, 9, 20), member_count=40)
    PledgeFactory(
        review_status="verified",
        kind="troops",
        quantity=1500,
        quantity_unit="personnel",
        coalition=coalition,
    )
    PledgeFactory(
        review_status="verified", kind="troops", quantity=999, status="refused", coalition=coalition
    )
    PledgeFactory(review_status="verified", kind="aircraft", quantity=6, coalition=coalition)
    page = staff_client.get(reverse("admin-dashboard")).content.decode()
    assert page.count('class="chart ') == 4
    # factories write no delivery figures (the services derive them) and no amounts
    assert page.count("No data yet.") == 2
    assert "1,500" in page and "999 personnel" not in page  # refused pledges left out
    # tracked members on each date beside the size the source reports
    assert "<td>2014-09-10</td><td>1</td>" in page
    assert "<td>2014-09-20</td><td>2</td>" in page and "more_than 40" in page


def test_drafts_are_left_out_and_counted(staff_client):
    PledgeFactory(kind="troops", quantity=1500, review_status="verified")
    PledgeFactory(kind="troops", quantity=777, review_status="draft")
    page = staff_client.get(reverse("admin-dashboard")).content.decode()
    assert "1,500" in page and "777" not in page
    assert "1 draft pledge left out of every chart" in page


def test_colours_follow_meaning_not_palette_order(staff_client):
    PledgeFactory(review_status="verified", kind="troops", quantity=10, status="delivered")
    PledgeFactory(review_status="verified", kind="troops", quantity=10, status="refused")
    page = staff_client.get(reverse("admin-dashboard")).content.decode()
    chart = page[page.index('aria-label="Pledges by kind and status"') :]
    chart = chart[: chart.index("</svg>")]
    fills = dict(re.findall(r'fill="(#[0-9a-f]{6})"><title>[^<]*, (\w+): ', chart))
    fills = {status: colour for colour, status in fills.items()}
    assert fills["delivered"] == MEANING["delivered"] == "#3f8f3a"
    assert fills["refused"] == MEANING["refused"] == "#ba2121"


def test_promised_against_delivered_and_money_in_usd(staff_client):
    # "Only 12 of the 90 promised vehicles have arrived."
    PledgeFactory(
        review_status="verified",
        kind="arms",
        quantity=90,
        committed_quantity=90,
        delivered_quantity=12,
        delivery_gap=78,
    )
    # "C$300 million in aid", converted at the day's rate; a riyal amount has no USD rate here
    canada = PledgeFactory(
        review_status="verified",
        kind="money",
        amount=Decimal("300000000"),
        currency="CAD",
        announced_on=dt.date(2015, 2, 3),
    )
    pledge_conversions_set(pledge=canada)
    riyals = PledgeFactory(
        review_status="verified", kind="money", amount=Decimal("5000000"), currency="XAF"
    )
    pledge_conversions_set(pledge=riyals)
    page = staff_client.get(reverse("admin-dashboard")).content.decode()
    chart = page[page.index('aria-label="Promised against delivered, per actor and kind"') :]
    chart = chart[: chart.index("</svg>")]
    assert "delivered: 12</title>" in chart and "promised, not delivered: 78</title>" in chart
    assert 'class="bar-total">90</text>' in chart
    usd = canada.conversions.get(target="USD").amount
    money = page[page.index('aria-label="Money pledged per donor, million USD"') :]
    money = money[: money.index("</svg>")]
    assert f"{canada.actor.name}: {float(usd) / 1e6:,.0f} million USD</title>" in money
    assert riyals.actor.name not in money
    assert "1 amount with no USD conversion left out" in page


def test_segments_carry_their_numbers():
    svg = stacked_bar_chart(
        [("Troops", {"delivered": 40, "refused": 2})], series=["delivered", "refused"]
    )
    assert 'class="segment-value">40</text>' in svg  # wide enough to label
    assert 'class="bar-total">42</text>' in svg
    assert "refused: 2</title>" in svg  # too narrow for a label: in its tooltip


def test_time_axis_is_spaced_by_date_not_by_event():
    svg = step_chart(
        [
            (dt.date(2014, 1, 1), 1, None),
            (dt.date(2014, 1, 2), 2, None),
            (dt.date(2016, 1, 1), 3, None),
        ]
    )
    xs = [float(x) for x in re.findall(r'<circle cx="([0-9.]+)"', svg)]
    # two days apart are nearly at the same place; two years apart span the axis
    assert xs[1] - xs[0] < 2 and xs[2] - xs[1] > 400
    assert 'class="tick">2015</text>' in svg


def test_dashboard_needs_staff(client, user):
    client.force_login(user)
    assert client.get(reverse("admin-dashboard")).status_code == 302
