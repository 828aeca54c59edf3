"""``/api/v1/sources/{id}/claim-proposals/``: list, retrieve, accept, reject."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from coalition.models import Attendance, Membership
from intake.models import ClaimProposal
from tests.factories import CoalitionFactory, MeetingFactory, SourceFactory, UserFactory
from tests.intake.test_claim_proposals import ATTENDED, JOINED, SIZE, TEXT

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.intake.urls")]


@pytest.fixture
def source():
    return SourceFactory(text=TEXT, published_on=dt.date(2015, 3, 3))


@pytest.fixture
def analyst():
    return UserFactory(username="claims-api-analyst", permissions=["pledges.add_pledge"])


@pytest.fixture
def viewer():
    return UserFactory(username="claims-api-viewer", permissions=["pledges.view_pledge"])


def url(source, *rest):
    return "/".join([f"/api/v1/sources/{source.pk}/claim-proposals", *map(str, rest), ""])


def propose(api_client, source, analyst):
    api_client.force_authenticate(analyst)
    assert api_client.post(f"/api/v1/sources/{source.pk}/proposals/").status_code == 201
    return {(p["kind"], p["actor"]): p for p in api_client.get(url(source)).json()}


def test_proposing_lists_the_other_claims_in_text_order(api_client, source, analyst):
    found = propose(api_client, source, analyst)
    listed = api_client.get(url(source)).json()
    assert [p["quote_start"] for p in listed] == sorted(p["quote_start"] for p in listed)
    membership = found["membership", "PRT"]
    assert membership["quote"] == JOINED.strip()
    assert membership["membership_status"] == "member"
    assert membership["role"] is None and membership["accepted_type"] is None
    assert "joined the coalition" in membership["rationale"]
    size = found["size_report", None]
    assert (size["member_count"], size["actor"]) == (41, None)
    one = api_client.get(url(source, size["id"]))
    assert one.status_code == 200 and one.json() == size


def test_filters_by_state_and_kind(api_client, source, analyst):
    propose(api_client, source, analyst)
    attendance = api_client.get(url(source), {"kind": "attendance", "state": "pending"}).json()
    assert {p["actor"] for p in attendance} == {"NOR", "FIN", "HUN", "CAN", "MEX"}
    assert api_client.get(url(source), {"state": "accepted"}).json() == []


@pytest.mark.parametrize(
    ("params", "field"), [({"kind": "rumour"}, "kind"), ({"state": "maybe"}, "state")]
)
def test_a_bad_filter_is_a_400_naming_it(api_client, source, analyst, params, field):
    api_client.force_authenticate(analyst)
    answer = api_client.get(url(source), params)
    assert answer.status_code == 400
    assert field in str(answer.json())


def test_accept_a_membership_creates_a_draft_citing_the_quote(api_client, source, analyst):
    coalition = CoalitionFactory(slug="api-coalition")
    proposal = propose(api_client, source, analyst)["membership", "PRT"]
    answer = api_client.post(url(source, proposal["id"], "accept"), {}, format="json")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["state"], body["decided_by"], body["accepted_type"]) == (
        "accepted",
        "claims-api-analyst",
        "membership",
    )
    membership = Membership.objects.get(pk=body["accepted_id"])
    assert (membership.coalition, membership.review_status) == (coalition, "draft")
    assert membership.citations.get().quote == JOINED.strip()


def test_an_attendance_without_a_meeting_is_a_400_then_accepted_with_one(
    api_client, source, analyst
):
    proposal = propose(api_client, source, analyst)["attendance", "NOR"]
    answer = api_client.post(url(source, proposal["id"], "accept"), {}, format="json")
    assert answer.status_code == 400
    assert "meeting" in str(answer.json())
    meeting = MeetingFactory()
    answer = api_client.post(
        url(source, proposal["id"], "accept"), {"meeting": meeting.pk}, format="json"
    )
    assert answer.status_code == 200, answer.content
    attendance = Attendance.objects.get(pk=answer.json()["accepted_id"])
    assert attendance.meeting == meeting
    assert attendance.citations.get().quote == ATTENDED.strip()


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        (("size_report", None), {"role": "attended"}, "role"),  # another kind's field
        (("size_report", None), {"member_count": 0}, "member_count"),
        (("size_report", None), {"quote": "Not in the text."}, "quote"),
        (("attendance", "NOR"), {"meeting": 999999}, "meeting"),
        (("membership", "PRT"), {"coalition": "no-such-coalition"}, "coalition"),
        (("membership", "PRT"), {"started_on": "yesterday"}, "started_on"),
        (("agreement", "CAN"), {}, "agreement_title"),
        (("membership", "PRT"), {"membership_status": "lurker"}, "membership_status"),
    ],
)
def test_bad_accepts_are_400s_with_field_messages(api_client, source, analyst, kind, body, field):
    CoalitionFactory()
    proposal = propose(api_client, source, analyst)[kind]
    answer = api_client.post(url(source, proposal["id"], "accept"), body, format="json")
    assert answer.status_code == 400, answer.content
    assert field in str(answer.json())
    assert ClaimProposal.objects.get(pk=proposal["id"]).state == "pending"


def test_reject_and_a_second_decision_is_a_400(api_client, source, analyst):
    proposal = propose(api_client, source, analyst)["size_report", None]
    rejected = api_client.post(url(source, proposal["id"], "reject"))
    assert rejected.status_code == 200
    assert (rejected.json()["state"], rejected.json()["decided_by"]) == (
        "rejected",
        "claims-api-analyst",
    )
    again = api_client.post(url(source, proposal["id"], "accept"), {}, format="json")
    assert again.status_code == 400
    assert "state" in str(again.json())


def test_permissions(api_client, source, analyst, viewer):
    proposal = propose(api_client, source, analyst)["size_report", None]
    api_client.force_authenticate(None)
    assert api_client.get(url(source)).status_code in (401, 403)
    api_client.force_authenticate(viewer)
    assert api_client.get(url(source)).status_code == 200
    assert api_client.post(url(source, proposal["id"], "reject")).status_code == 403
    assert ClaimProposal.objects.get(pk=proposal["id"]).state == "pending"


def test_unknown_source_and_proposal_are_404s(api_client, source, analyst):
    api_client.force_authenticate(analyst)
    assert api_client.get("/api/v1/sources/999999/claim-proposals/").status_code == 404
    assert api_client.get(url(source, 999999)).status_code == 404


def test_the_list_costs_the_same_queries_for_one_or_many(
    api_client, source, analyst, django_assert_num_queries
):
    """The list's query shape (``for_api``) joins actor, meeting, decider and the
    accepted record's type: no N+1."""
    small = SourceFactory(text=SIZE, published_on=dt.date(2015, 3, 3))
    propose(api_client, small, analyst)
    found = propose(api_client, source, analyst)
    api_client.post(url(source, found["size_report", None]["id"], "reject"))
    assert ClaimProposal.objects.filter(source=small).count() == 1
    with django_assert_num_queries(2) as one:  # the source exists; its proposals
        assert len(api_client.get(url(small)).json()) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(api_client.get(url(source)).json()) == 11


def test_every_answer_matches_the_schema(api_client, source, analyst):
    """List, detail, accept and reject answers, of each kind, as docs/openapi.yaml says
    (the schema check keeps that file equal to the live schema)."""
    from tests.api.test_schema_responses import Checker
    from tests.paths import REPO

    schema = yaml.safe_load((REPO / "docs" / "openapi.yaml").read_text())
    checker = Checker(schema)
    paths = schema["paths"]
    base = "/api/v1/sources/{source_pk}/claim-proposals/"
    CoalitionFactory()
    found = propose(api_client, source, analyst)
    answers = [(base, "get", api_client.get(url(source)))]
    for kind in sorted({k for k, _ in found}):
        one = next(p for key, p in found.items() if key[0] == kind)
        answers.append((base + "{id}/", "get", api_client.get(url(source, one["id"]))))
    accepted = api_client.post(url(source, found["membership", "PRT"]["id"], "accept"), {})
    answers.append((base + "{id}/accept/", "post", accepted))
    rejected = api_client.post(url(source, found["size_report", None]["id"], "reject"))
    answers.append((base + "{id}/reject/", "post", rejected))
    for path, method, response in answers:
        checker.check(path, path, response, paths[path][method], schema)
    assert not checker.problems, "\n".join(checker.problems)
    assert len(answers) == 8
