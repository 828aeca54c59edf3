"""Every list and detail endpoint costs a constant number of queries, held to a baseline.

For each resource the router serves, objects are made with their related rows (several
citations, stages, attendances each), then its list and one object are fetched, by the
public and by an analyst who sees unreviewed claims too:

- the list costs the same with one object as with several (no N+1), the detail the
  same for an object with one citation as for one with three;
- the counts equal ``query_counts.json`` (NetBox's ``query_counts.json`` idea): a query
  added to an endpoint fails here, saying which. After a deliberate change, rewrite the
  file with ``UPDATE_QUERY_COUNTS=1 pytest tests/perf/test_query_counts.py`` and
  commit it with the change.

A resource added to the router without a maker below fails
``test_every_resource_is_counted``.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from config.router import router
from intake.models import ClaimProposal
from pledges.models import PledgeProposal
from tests.factories import (
    ActorFactory,
    AgreementCitationFactory,
    AgreementFactory,
    AgreementPartyFactory,
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
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db
_texts = itertools.count(1)
BASELINE = Path(__file__).with_name("query_counts.json")
VERIFIED = {"review_status": "verified"}
ANALYST_PERMISSIONS = [
    "pledges.view_pledge",
    "coalition.view_membership",
    "coalition.view_attendance",
    "coalition.view_sizereport",
    "coalition.view_agreement",
]


# --- makers: n objects of a resource, each with `extra` related rows of each kind ---------


def _sources(n, extra):
    return SourceFactory.create_batch(n)


def _actors(n, extra):
    parent = ActorFactory()
    return ActorFactory.create_batch(n, parent=parent)


def _coalitions(n, extra):
    return CoalitionFactory.create_batch(n, lead=country("USA"))


def _memberships(n, extra):
    made = MembershipFactory.create_batch(n, **VERIFIED)
    for membership in made:
        MembershipCitationFactory.create_batch(extra, membership=membership)
    return made


def _meetings(n, extra):
    made = MeetingFactory.create_batch(n, host=country("FRA"))
    for meeting in made:
        for attendance in AttendanceFactory.create_batch(extra, meeting=meeting, **VERIFIED):
            AttendanceCitationFactory.create_batch(extra, attendance=attendance)
    return made


def _attendances(n, extra):
    made = AttendanceFactory.create_batch(n, **VERIFIED)
    for attendance in made:
        AttendanceCitationFactory.create_batch(extra, attendance=attendance)
    return made


def _size_reports(n, extra):
    made = SizeReportFactory.create_batch(n, **VERIFIED)
    for report in made:
        SizeReportCitationFactory.create_batch(extra, size_report=report)
    return made


def _agreements(n, extra):
    made = AgreementFactory.create_batch(n, **VERIFIED)
    for agreement in made:
        AgreementCitationFactory.create_batch(extra, agreement=agreement)
        AgreementPartyFactory.create_batch(extra, agreement=agreement)
    return made


def _pledges(n, extra):
    made = PledgeFactory.create_batch(
        n, recipient=country("IRQ"), host=country("ARE"), actor=country("AUS"), **VERIFIED
    )
    statuses = ["announced", "committed", "delivered"]
    for pledge in made:
        PledgeCitationFactory.create_batch(extra, pledge=pledge)
        for status in statuses[:extra]:
            PledgeStageFactory(pledge=pledge, status=status)
    return made


def _proposals(n, extra):
    source = SourceFactory(text=f"Australia will send six jets. ({next(_texts)})")
    pledge = PledgeFactory(actor=country("AUS"))
    return [
        PledgeProposal.objects.create(
            source=source,
            quote="Australia will send six jets.",
            actor=country("AUS"),
            recipient=country("IRQ"),
            kind="aircraft",
            status="announced",
            description="Six jets",
            confidence=0.9,
            matched_pledge=pledge,
        )
        for _ in range(n)
    ]


def _claim_proposals(n, extra):
    source = SourceFactory(text=f"Norway attended the meeting. ({next(_texts)})")
    meeting = MeetingFactory()
    decider = UserFactory()
    return [
        ClaimProposal.objects.create(
            source=source,
            quote="Norway attended the meeting.",
            kind="attendance",
            actor=country("NOR"),
            role="attended",
            meeting=meeting,
            confidence=0.55,
            state="rejected",
            decided_by=decider,
            decided_at=meeting.created_at,
        )
        for _ in range(n)
    ]


# basename -> (maker, list path of an object, detail path of an object)
Paths = Callable[[object], str]
RESOURCES: dict[str, tuple[Callable, Paths, Paths]] = {
    "source": (_sources, lambda o: "/api/v1/sources/", lambda o: f"/api/v1/sources/{o.pk}/"),
    "actor": (_actors, lambda o: "/api/v1/actors/", lambda o: f"/api/v1/actors/{o.code}/"),
    "coalition": (
        _coalitions,
        lambda o: "/api/v1/coalitions/",
        lambda o: f"/api/v1/coalitions/{o.slug}/",
    ),
    "membership": (
        _memberships,
        lambda o: "/api/v1/memberships/",
        lambda o: f"/api/v1/memberships/{o.pk}/",
    ),
    "meeting": (_meetings, lambda o: "/api/v1/meetings/", lambda o: f"/api/v1/meetings/{o.pk}/"),
    "attendance": (
        _attendances,
        lambda o: "/api/v1/attendances/",
        lambda o: f"/api/v1/attendances/{o.pk}/",
    ),
    "sizereport": (
        _size_reports,
        lambda o: "/api/v1/size-reports/",
        lambda o: f"/api/v1/size-reports/{o.pk}/",
    ),
    "agreement": (
        _agreements,
        lambda o: "/api/v1/agreements/",
        lambda o: f"/api/v1/agreements/{o.pk}/",
    ),
    "pledge": (_pledges, lambda o: "/api/v1/pledges/", lambda o: f"/api/v1/pledges/{o.pk}/"),
    "pledge-proposal": (
        _proposals,
        lambda o: f"/api/v1/sources/{o.source_id}/proposals/",
        lambda o: f"/api/v1/sources/{o.source_id}/proposals/{o.pk}/",
    ),
    "claim-proposal": (
        _claim_proposals,
        lambda o: f"/api/v1/sources/{o.source_id}/claim-proposals/",
        lambda o: f"/api/v1/sources/{o.source_id}/claim-proposals/{o.pk}/",
    ),
}
# Lists without pages (a source's proposals come whole); they take no ``limit``.
UNPAGED = {"pledge-proposal", "claim-proposal"}
# Who may read a resource: the proposals are for analysts only.
ANALYSTS_ONLY = {"pledge-proposal", "claim-proposal"}


def count(url: str, who: str, params: dict | None = None) -> int:
    client = APIClient()
    if who == "analyst":
        # A fresh user object each time: Django caches permissions on the instance.
        client.force_authenticate(get_user_model().objects.get(username="counted-analyst"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return len(captured)


@pytest.fixture
def analyst(db):
    return UserFactory(username="counted-analyst", permissions=ANALYST_PERMISSIONS)


def _cases():
    for basename in RESOURCES:
        for who in ("anonymous", "analyst"):
            if who == "anonymous" and basename in ANALYSTS_ONLY:
                continue
            yield basename, who


measured: dict[str, int] = {}


@pytest.mark.parametrize(("basename", "who"), list(_cases()))
def test_list_and_detail_cost_a_constant_number_of_queries(analyst, basename, who):
    make, list_path, detail_path = RESOURCES[basename]
    (first,) = make(1, 1)
    page = {} if basename in UNPAGED else {"limit": 200}
    list_one = count(list_path(first), who, page)
    detail_one = count(detail_path(first), who)
    more = make(4, 3)
    # (A maker of proposals makes a new source: its list is the one with four.)
    list_many = count(list_path(more[0]), who, page)
    detail_rich = count(detail_path(more[0]), who)
    assert list_many == list_one, f"{basename} list: {list_one} queries for 1, {list_many} for 5"
    assert detail_rich == detail_one, (
        f"{basename} detail: {detail_one} queries with 1 related row, {detail_rich} with 3"
    )
    found = {f"{basename} list ({who})": list_one, f"{basename} detail ({who})": detail_one}
    measured.update(found)
    if os.environ.get("UPDATE_QUERY_COUNTS"):
        return
    expected = json.loads(BASELINE.read_text())
    for key, value in found.items():
        assert key in expected, f"no baseline for {key}: run with UPDATE_QUERY_COUNTS=1"
        assert value == expected[key], (
            f"{key}: {value} queries, the baseline says {expected[key]} "
            "(if intended: UPDATE_QUERY_COUNTS=1 pytest tests/perf/test_query_counts.py)"
        )


def test_coalition_members_cost_a_constant_number_of_queries(analyst):
    coalition = CoalitionFactory()
    first = MembershipFactory(coalition=coalition, **VERIFIED)
    MembershipCitationFactory(membership=first)
    url = f"/api/v1/coalitions/{coalition.slug}/members/?as_of=2015-01-01"
    one = count(url, "anonymous")
    for membership in MembershipFactory.create_batch(5, coalition=coalition, **VERIFIED):
        MembershipCitationFactory.create_batch(2, membership=membership)
    assert count(url, "anonymous") == one
    if not os.environ.get("UPDATE_QUERY_COUNTS"):
        assert one == json.loads(BASELINE.read_text())["coalition members (anonymous)"]
    measured["coalition members (anonymous)"] = one


def test_every_resource_is_counted():
    served = {basename for _, _, basename in router.registry}
    assert served <= set(RESOURCES), f"add a maker for {sorted(served - set(RESOURCES))}"


@pytest.fixture(scope="module", autouse=True)
def _write_baseline():
    yield
    if os.environ.get("UPDATE_QUERY_COUNTS") and measured:
        current = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
        current.update(measured)
        BASELINE.write_text(json.dumps(dict(sorted(current.items())), indent=2) + "\n")
