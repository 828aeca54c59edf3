"""factory-boy factories for every model. Tests build their data here, never by hand."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from factory.django import DjangoModelFactory

from coalition.models import (
    Actor,
    Agreement,
    AgreementCitation,
    AgreementParty,
    Attendance,
    AttendanceCitation,
    Coalition,
    Meeting,
    Membership,
    MembershipCitation,
    SizeReport,
    SizeReportCitation,
)
from pledges.models import Pledge, PledgeCitation, PledgeStage
from sources.models import Source


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def permissions(self, create, extracted, **kwargs):
        """``UserFactory(permissions=["pledges.add_pledge", ...])``."""
        if not create or not extracted:
            return
        for dotted in extracted:
            app_label, codename = dotted.split(".")
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Coalition partners announce support, report {n}")
    publisher = "Example Wire"
    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    published_on = dt.date(2014, 9, 20)
    text = ""


class ActorFactory(DjangoModelFactory):
    """A non-country actor by default (countries come from the ISO migration)."""

    class Meta:
        model = Actor
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ORG{n}")
    kind = "organisation"
    name = factory.Sequence(lambda n: f"Organisation {n}")


def country(code: str) -> Actor:
    """An ISO country loaded by the migration, e.g. ``country("AUS")``."""
    return Actor.objects.get(code=code)


class CoalitionFactory(DjangoModelFactory):
    class Meta:
        model = Coalition

    name = factory.Sequence(lambda n: f"Coalition {n}")
    slug = factory.Sequence(lambda n: f"coalition-{n}")
    started_on = dt.date(2014, 9, 1)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    coalition = factory.SubFactory(CoalitionFactory)
    actor = factory.SubFactory(ActorFactory)
    status = "member"
    started_on = dt.date(2014, 9, 10)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.Sequence(lambda n: f"Conference {n}")
    held_on = dt.date(2014, 9, 15)
    city = "Paris"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    actor = factory.SubFactory(ActorFactory)
    role = "attended"


class SizeReportFactory(DjangoModelFactory):
    class Meta:
        model = SizeReport

    coalition = factory.SubFactory(CoalitionFactory)
    reported_on = dt.date(2015, 11, 23)
    member_count = 60
    qualifier = "more_than"


class PledgeFactory(DjangoModelFactory):
    class Meta:
        model = Pledge

    actor = factory.SubFactory(ActorFactory)
    coalition = factory.SubFactory(CoalitionFactory)
    kind = "aircraft"
    status = "announced"
    description = factory.Sequence(lambda n: f"Fighter jets for strikes, pledge {n}")
    quantity = 6
    quantity_qualifier = "exact"
    quantity_unit = "aircraft"
    announced_on = dt.date(2014, 9, 20)


class PledgeStageFactory(DjangoModelFactory):
    class Meta:
        model = PledgeStage

    pledge = factory.SubFactory(PledgeFactory)
    status = "announced"
    occurred_on = dt.date(2014, 9, 20)


class _CitationFactory(DjangoModelFactory):
    source = factory.SubFactory(SourceFactory)
    quote = factory.Sequence(lambda n: f"Officials confirmed the contribution (quote {n}).")

    class Meta:
        abstract = True


class PledgeCitationFactory(_CitationFactory):
    class Meta:
        model = PledgeCitation

    pledge = factory.SubFactory(PledgeFactory)


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Joint statement {n}")
    kind = "joint_statement"
    signed_on = dt.date(2014, 9, 15)
    place = "Paris"


class AgreementPartyFactory(DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    actor = factory.SubFactory(ActorFactory)


class AgreementCitationFactory(_CitationFactory):
    class Meta:
        model = AgreementCitation

    agreement = factory.SubFactory(AgreementFactory)


class MembershipCitationFactory(_CitationFactory):
    class Meta:
        model = MembershipCitation

    membership = factory.SubFactory(MembershipFactory)


class AttendanceCitationFactory(_CitationFactory):
    class Meta:
        model = AttendanceCitation

    attendance = factory.SubFactory(AttendanceFactory)


class SizeReportCitationFactory(_CitationFactory):
    class Meta:
        model = SizeReportCitation

    size_report = factory.SubFactory(SizeReportFactory)
