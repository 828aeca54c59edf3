"""The compiled read serializers answer exactly what DRF's own serializers would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from api.serializers import FastReadSerializerMixin
from coalition.api.serializers import (
    ActorSerializer,
    AttendanceSerializer,
    CoalitionMembersSerializer,
    CoalitionSerializer,
    MeetingSerializer,
    MembershipSerializer,
    SizeReportSerializer,
)
from coalition.models import Actor, Attendance, Coalition, Meeting, Membership, SizeReport
from pledges.api.serializers import PledgeSerializer
from pledges.models import Pledge
from sources.api.serializers import SourceDetailSerializer, SourceSerializer
from sources.models import Source
from tests.factories import (
    ActorFactory,
    AttendanceCitationFactory,
    MembershipCitationFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
    SizeReportCitationFactory,
    SourceFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    ActorFactory(code="KRG", kind="subnational", name="Kurdistan", parent=country("IRQ"))
    source = SourceFactory(text="Full text.", wire_agencies=["AFP", "Reuters"])
    SourceFactory(published_on=None, url="")
    plain = PledgeFactory(recipient=country("IRQ"), host=None, coalition=None)
    money = PledgeFactory(
        kind="money",
        quantity=None,
        quantity_qualifier="",
        quantity_unit="",
        amount=Decimal("5000000.50"),
        currency="USD",
        announced_on=None,
        verified_at=None,
    )
    PledgeCitationFactory(pledge=plain, source=source, locator="para 3", stance="disputes")
    PledgeCitationFactory(pledge=money)
    PledgeStageFactory(pledge=plain, quantity=None, occurred_on=None)
    MembershipCitationFactory(membership__ended_on=dt.date(2016, 1, 1))
    AttendanceCitationFactory()
    SizeReportCitationFactory()


def both_ways(serializer_class, instances, **kwargs):
    fast = serializer_class(instances, many=True, **kwargs).data
    FastReadSerializerMixin.enabled = False
    try:
        plain = serializer_class(instances, many=True, **kwargs).data
    finally:
        FastReadSerializerMixin.enabled = True
    return fast, plain


@pytest.mark.parametrize(
    ("serializer_class", "model"),
    [
        (PledgeSerializer, Pledge),
        (MembershipSerializer, Membership),
        (MeetingSerializer, Meeting),
        (AttendanceSerializer, Attendance),
        (SizeReportSerializer, SizeReport),
        (CoalitionSerializer, Coalition),
        (ActorSerializer, Actor),
        (SourceSerializer, Source),
        (SourceDetailSerializer, Source),
    ],
)
def test_fast_output_equals_drf_output(rows, serializer_class, model):
    instances = (
        list(model.objects.for_api())
        if model is not Actor
        else list(Actor.objects.for_api().filter(code__in=["KRG", "IRQ", "AUS"]))
    )
    assert instances
    fast, plain = both_ways(serializer_class, instances)
    assert fast == plain


def test_members_output_equals_drf_output(rows):
    membership = Membership.objects.for_api().first()
    body = {"coalition": "x", "as_of": dt.date(2015, 1, 1), "members": [membership]}
    fast = CoalitionMembersSerializer(body).data
    FastReadSerializerMixin.enabled = False
    try:
        plain = CoalitionMembersSerializer(body).data
    finally:
        FastReadSerializerMixin.enabled = True
    assert fast == plain
