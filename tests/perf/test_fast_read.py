"""The fast read path (api/fastread.py) answers what the serializers answer.

Every request below is made twice, with the fast path on and off, and the two answers
must be the same bytes (key order included), with the same status and ETag.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from api.fastread import FastReadMixin, compile_plan
from pledges.api.serializers import PledgeSerializer
from pledges.models import Pledge
from pledges.services import pledge_conversions_set
from tests.factories import (
    ActorFactory,
    CoalitionFactory,
    MembershipCitationFactory,
    MembershipFactory,
    PledgeCitationFactory,
    PledgeFactory,
    PledgeStageFactory,
    SourceFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db
VERIFIED = {
    "review_status": "verified",
    "verified_at": dt.datetime(2026, 11, 21, 16, 40, tzinfo=dt.UTC),
}


@pytest.fixture
def pledges():
    """Pledges with every kind of value a column can hold: nulls, blanks, ranges,
    amounts, no coalition/recipient/host, no stages or citations, several citations,
    unverified ones, and ties in the orders the list offers."""
    krg = ActorFactory(
        code="KRG", kind="subnational", name="Kurdistan Région", parent=country("IRQ")
    )
    coalition = CoalitionFactory()
    dated = SourceFactory(text="Full text.", published_on=dt.date(2015, 3, 1))
    undated = SourceFactory(published_on=None, url="")
    made = [
        PledgeFactory(
            actor=country("AUS"),
            coalition=coalition,
            recipient=country("IRQ"),
            host=country("ARE"),
            asset="Al Minhad Air Base",
            quantity=8,
            quantity_qualifier="up_to",
            **VERIFIED,
        ),
        PledgeFactory(
            actor=country("USA"),
            coalition=None,
            kind="money",
            quantity=None,
            quantity_qualifier="",
            quantity_unit="",
            amount=Decimal("5000000.50"),
            currency="USD",
            announced_on=None,
            announced_on_precision="year",
            **VERIFIED,
        ),
        PledgeFactory(
            actor=krg,
            kind="troops",
            quantity=150,
            quantity_max=200,
            quantity_qualifier="range",
            quantity_unit="personnel",
            starts_on=dt.date(2015, 1, 1),
            ends_on=dt.date(2016, 6, 30),
            description="Ünïcode — “quotes” and a newline\nsecond line",
            **VERIFIED,
        ),
        PledgeFactory(
            actor=country("USA"),
            status="refused",
            kind="basing",
            quantity=None,
            quantity_qualifier="",
            quantity_unit="",
        ),  # unverified (draft)
        PledgeFactory(actor=country("FRA"), review_status="needs_review", quantity=6),
    ]
    for i in range(6):  # ties on announced_on and quantity
        made.append(PledgeFactory(actor=country("GBR"), quantity=1 + i % 2, **VERIFIED))
    PledgeStageFactory(pledge=made[0], status="announced", occurred_on=dt.date(2014, 9, 14))
    PledgeStageFactory(
        pledge=made[0],
        status="committed",
        occurred_on=None,
        quantity=None,
        occurred_on_precision="month",
        note="Date unknown.",
    )
    PledgeStageFactory(
        pledge=made[2], status="delivered", occurred_on=dt.date(2015, 2, 1), quantity=150
    )
    PledgeCitationFactory(pledge=made[0], source=dated, locator="para 3", stance="disputes")
    PledgeCitationFactory(pledge=made[0], source=undated)
    PledgeCitationFactory(pledge=made[1], source=dated)
    PledgeCitationFactory(pledge=made[3], source=undated)
    for pledge in made[5:]:
        PledgeCitationFactory(pledge=pledge)
    # Money: conversions with a null date (same currency) and a dated one (via the first
    # report, a Sunday, so the Friday before).
    pledge_conversions_set(pledge=made[1])
    return made


@pytest.fixture
def analyst():
    client = APIClient()
    client.force_authenticate(UserFactory(username="analyst", permissions=["pledges.view_pledge"]))
    return client


def both_ways(client, url, params=None):
    FastReadMixin.enabled = True
    fast = client.get(url, params)
    FastReadMixin.enabled = False
    try:
        slow = client.get(url, params)
    finally:
        FastReadMixin.enabled = True
    assert fast.status_code == slow.status_code, (url, params, fast.content, slow.content)
    assert fast.content == slow.content, (url, params)
    assert fast.get("ETag") == slow.get("ETag")
    return fast


LIST_PARAMS = [
    {},
    {"limit": 2},
    {"ordering": "announced_on", "limit": 3},
    {"ordering": "-announced_on", "limit": 3},
    {"ordering": "quantity", "limit": 4},
    {"ordering": "-quantity", "limit": 4},
    {"ordering": "id"},
    {"actor": "usa"},
    {"actor": "GBR", "kind": "aircraft"},
    {"kind": ["money", "troops"]},
    {"status": "refused"},
    {"recipient": "IRQ"},
    {"host": "ARE"},
    {"announced_from": "2014-09-01", "announced_to": "2014-12-31"},
    {"review_status": ["draft", "needs_review"]},
    {"as_of": "2015-01-01"},  # a serializer the fast path does not compile: served as usual
    {"kind": ""},  # an empty value counts as not sent
]


@pytest.mark.parametrize("who", ["anonymous", "analyst"])
@pytest.mark.parametrize(
    "params", LIST_PARAMS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "none"
)
def test_list_answers_what_the_serializer_answers(pledges, analyst, who, params):
    client = analyst if who == "analyst" else APIClient()
    first = both_ways(client, "/api/v1/pledges/", params)
    # Every page forwards, then back from the last one.
    body, pages = first.json(), 1
    while body["next"]:
        response = both_ways(client, body["next"])
        body, pages = response.json(), pages + 1
        assert pages < 20
    while body["previous"]:
        body = both_ways(client, body["previous"]).json()


def test_list_filters_by_source_and_coalition(pledges):
    citation = pledges[0].citations.first()
    both_ways(APIClient(), "/api/v1/pledges/", {"source": citation.source_id})
    both_ways(APIClient(), "/api/v1/pledges/", {"coalition": pledges[0].coalition.slug})


@pytest.mark.parametrize("who", ["anonymous", "analyst"])
def test_detail_answers_what_the_serializer_answers(pledges, analyst, who):
    client = analyst if who == "analyst" else APIClient()
    for pledge in pledges:
        response = both_ways(client, f"/api/v1/pledges/{pledge.pk}/")
        visible = who == "analyst" or pledge.review_status == "verified"
        assert response.status_code == (200 if visible else 404)
    both_ways(client, "/api/v1/pledges/999999999/")


def test_the_pledge_serializer_compiles():
    """A field the fast path cannot read would send every pledge list back to the slow
    path without a word: this says which field it is."""
    from api.fastread import RowPlan

    RowPlan(PledgeSerializer(), Pledge)  # raises Unsupported naming the field
    assert compile_plan(PledgeSerializer, Pledge) is not None


def test_list_and_detail_build_no_model_instances(pledges, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a model instance was built for a GET")

    for model in {Pledge, *(m for m in _related_models())}:
        monkeypatch.setattr(model, "from_db", classmethod(refuse))
    client = APIClient()
    assert client.get("/api/v1/pledges/").status_code == 200
    assert client.get(f"/api/v1/pledges/{pledges[0].pk}/").status_code == 200


def _related_models():
    from coalition.models import Actor, Coalition
    from pledges.models import PledgeCitation, PledgeStage
    from sources.models import Source

    return [Actor, Coalition, PledgeCitation, PledgeStage, Source]


def test_queries_are_logged_with_their_values(pledges):
    """Prepared statements still show up in Django's query log, values inlined."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        APIClient().get("/api/v1/pledges/")
    assert len(captured) == 1  # the page's keys and its JSON in one statement
    assert all(query["sql"] and "$1" not in query["sql"] for query in captured.captured_queries)
    assert "'verified'" in captured.captured_queries[0]["sql"]


def test_a_nested_list_statement_is_reused_only_for_the_same_shape():
    """The nested lists' statements are compiled once per shape of the prefetch
    queryset: the same for_api() twice shares one, a different filter does not, and a
    filter that is not column-versus-constant is never cached."""
    from django.db.models import Exists, OuterRef

    from api.fastread import declared_prefetches, statement_shape
    from coalition.models import Attendance, Meeting
    from sources.models import Source

    def attendances(verified_only):
        # Recorded anew each time (declared_prefetches keeps the first recording).
        found = declared_prefetches.__wrapped__(Meeting, verified_only=verified_only)
        return found["attendances"]

    assert statement_shape(attendances(True)) is not None
    assert statement_shape(attendances(True)) == statement_shape(attendances(True))
    assert statement_shape(attendances(True)) != statement_shape(attendances(False))
    cited = Exists(Source.objects.filter(pk=OuterRef("pk")))
    assert statement_shape(Attendance.objects.filter(cited)) is None
    assert statement_shape(Attendance.objects.filter(actor__in=Source.objects.values("pk"))) is None


@pytest.mark.django_db(transaction=True)
def test_a_statement_compiled_in_one_thread_runs_in_another(reference_data):
    """A threaded server shares the compiled statements between threads; each runs them
    on its own connection."""
    import threading

    from django.db import connection

    pledge = PledgeFactory(actor=country("AUS"), **VERIFIED)
    PledgeCitationFactory(pledge=pledge)
    PledgeStageFactory(pledge=pledge)
    first = APIClient().get("/api/v1/pledges/")
    assert first.status_code == 200
    answers = []

    def other_thread():
        try:
            answers.append(APIClient().get("/api/v1/pledges/"))
        finally:
            connection.close()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert answers[0].status_code == 200, answers[0].content
    assert answers[0].content == first.content


def test_a_list_statement_is_kept_by_its_skeleton_and_bound_to_new_values():
    """Two pages of the same list differ only in their cursor's values: one skeleton,
    their own values, in the order the SQL takes them (after the base queryset's own,
    which the statement kept compiled holds). Another page size, order or a filter that
    is not column-versus-constant is another skeleton, or none."""
    from django.db.models import Exists, OuterRef

    from pledges.models import PledgeCitation

    plan = compile_plan(PledgeSerializer, Pledge)
    verified = Pledge.objects.filter(review_status="verified")
    pledges = plan.values(verified, key="pledge list").order_by("-id")
    page_2, page_3 = pledges.filter(id__lt=500)[:51], pledges.filter(id__lt=400)[:51]
    assert page_2.statement()[0] == page_3.statement()[0]
    assert page_2.statement()[1] == [500]
    assert page_3.statement()[1] == [400]
    assert pledges.filter(id__lt=500)[:20].statement()[0] != page_2.statement()[0]
    assert pledges.filter(id__gt=500)[:51].statement()[0] != page_2.statement()[0]
    assert pledges.filter(id__isnull=True)[:51].statement()[1] == []
    cited = Exists(PledgeCitation.objects.filter(pledge=OuterRef("pk")))
    assert pledges.filter(cited)[:51].statement() is None
    assert plan.values(verified).order_by("-id")[:51].statement() is None  # no key


def test_the_hot_list_compiles_no_sql_once_warm(pledges, monkeypatch):
    """The second request for a list page (and for the next page) runs statements kept
    compiled: Django's SQL compiler is not called at all."""
    from django.db.models.sql.compiler import SQLCompiler

    client = APIClient()
    first = client.get("/api/v1/pledges/", {"limit": 2})
    client.get(first.json()["next"])
    compiled = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    again = client.get("/api/v1/pledges/", {"limit": 2})
    following = client.get(again.json()["next"])
    assert again.content == first.content and following.status_code == 200
    assert compiled == []


def test_datetimes_are_written_in_the_current_time_zone(pledges):
    """UTC has a shortcut; any other active zone is converted as DRF converts it."""
    from django.utils import timezone

    with timezone.override("Asia/Kolkata"):
        response = both_ways(APIClient(), "/api/v1/pledges/")
    assert response.json()["results"][0]["created_at"].endswith("+05:30")


@pytest.mark.parametrize("who", ["anonymous", "analyst"])
def test_coalition_members_answer_what_the_serializer_answers(who):
    """``/coalitions/{slug}/members/`` reads rows too (85 members at the benchmark's
    scale): the same bytes as ``CoalitionMembersSerializer`` for every day and filter,
    open and closed periods, dates of every precision, drafts (seen by analysts only),
    members without citations and with several."""
    client = APIClient()
    if who == "analyst":
        client.force_authenticate(UserFactory(permissions=["coalition.view_membership"]))
    coalition = CoalitionFactory(slug="counter-isis")
    source = SourceFactory(published_on=None, url="")
    rows = [
        ("AUS", "member", "2014-09-14", None, "day", "verified", 2),
        ("TUR", "declined", "2014-09-12", "2015-07-24", "month", "verified", 1),
        ("TUR", "member", "2015-07-24", None, "day", "verified", 0),
        ("IRN", "declined", "2014-09-01", None, "year", "verified", 1),
        ("DEU", "member", "2014-09-20", None, "day", "draft", 1),
    ]
    for code, status, start, end, precision, review, quotes in rows:
        period = MembershipFactory(
            coalition=coalition,
            actor=country(code),
            status=status,
            started_on=dt.date.fromisoformat(start),
            started_on_precision=precision,
            ended_on=end and dt.date.fromisoformat(end),
            review_status=review,
            verified_at=VERIFIED["verified_at"] if review == "verified" else None,
        )
        for _ in range(quotes):
            MembershipCitationFactory(membership=period, source=source)
    url = "/api/v1/coalitions/counter-isis/members/"
    answered = set()
    for params in [
        {"as_of": "2014-09-30"},
        {"as_of": "2015-08-01"},
        {"as_of": "2015-08-01", "status": "member"},
        {"as_of": "2014-09-30", "status": ["declined", "supporter"]},
        {"as_of": "2001-01-01"},
        {"as_of": "not a day"},
    ]:
        body = both_ways(client, url, params).json()
        if "members" in body:
            answered.add(tuple(m["actor"]["code"] for m in body["members"]))
    # Ordered by actor name; Germany's draft period only for the analyst.
    drafts = who == "analyst"
    assert (("AUS", "DEU", "IRN", "TUR") if drafts else ("AUS", "IRN", "TUR")) in answered
    both_ways(client, "/api/v1/coalitions/no-such-coalition/members/", {"as_of": "2015-01-01"})


def test_the_fast_paths_queryset_is_built_once_per_visibility(pledges, analyst, monkeypatch):
    """The list's queryset is made once for the public and once for readers of drafts,
    then cloned: each reader keeps seeing what it may see, in any order of requests."""
    FastReadMixin._querysets.clear()
    built = []
    for_api = Pledge.objects.for_api

    def counting(*args, **kwargs):
        built.append(kwargs.get("verified_only"))
        return for_api(*args, **kwargs)

    monkeypatch.setattr(Pledge.objects, "for_api", counting)
    drafts = {p.pk for p in pledges if p.review_status != "verified"}
    assert drafts
    for client, sees_drafts in [(APIClient(), False), (analyst, True)] * 2:
        ids = {p["id"] for p in client.get("/api/v1/pledges/", {"limit": 200}).json()["results"]}
        assert bool(ids & drafts) is sees_drafts
    assert sorted(built) == [False, True]
