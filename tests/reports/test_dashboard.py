"""The admin's dashboard: a chart per question, drawn from the data, for staff only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import CoalitionFactory, MembershipFactory, PledgeFactory, SizeReportFactory

pytestmark = pytest.mark.django_db


def test_dashboard_draws_each_chart_from_the_data(staff_client):
    coalition = CoalitionFactory(name="Test coalition")
    MembershipFactory(coalition=coalition, started_on=dt.date(2014, 9, 10))
    MembershipFactory(coalition=coalition, started_on=dt.date(2014, 9, 20))
    SizeReportFactory(coalition=coalition, reported_on=dt.date(2014, 9, 20), member_count=40)
    PledgeFactory(kind="troops", quantity=1500, quantity_unit="personnel", coalition=coalition)
    PledgeFactory(kind="troops", quantity=999, status="refused", coalition=coalition)
    PledgeFactory(kind="aircraft", quantity=6, coalition=coalition)
    page = staff_client.get(reverse("admin-dashboard")).content.decode()
    assert page.count('class="chart ') == 4
    assert "1,500" in page and "999 personnel" not in page  # refused pledges left out
    # tracked members on each date beside the size the source reports
    assert "<td>2014-09-10</td><td>1</td>" in page
    assert "<td>2014-09-20</td><td>2</td>" in page and "more_than 40" in page


def test_dashboard_needs_staff(client, user):
    client.force_login(user)
    assert client.get(reverse("admin-dashboard")).status_code == 302
