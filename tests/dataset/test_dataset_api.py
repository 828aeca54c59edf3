"""The seed dataset as an API reader sees it: facts from each article, through /api/v1/."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.paths import SEEDS, needs_seeds

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_client):
    """The bundled dataset (data/ alone: no article texts needed), as the public sees it."""
    call_command("load_dataset", verbosity=0)
    return api_client  # anonymous


@pytest.fixture
def api_with_texts(api_client):
    call_command("load_dataset", texts=str(SEEDS), verbosity=0)
    return api_client


def results(api, url: str, **params) -> list[dict]:
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def publishers(pledge: dict) -> set[str]:
    return {c["source"]["publisher"] for c in pledge["citations"]}


def test_a_dozen_facts_through_the_api(api):
    # 1-2. Australia's 600 troops: one pledge, cited by two articles (DW, Daily Star)
    [troops] = results(api, "/api/v1/pledges/", actor="AUS", kind="troops")
    assert (troops["quantity"], troops["quantity_qualifier"], troops["status"]) == (
        600, "exact", "announced",
    )  # fmt: skip
    assert len(troops["citations"]) == 2 and len(publishers(troops)) == 2
    # 3. and up to 10 aircraft
    [aircraft] = results(api, "/api/v1/pledges/", actor="AUS", kind="aircraft")
    assert (aircraft["quantity"], aircraft["quantity_qualifier"]) == (10, "up_to")
    # 4-5. Turkey refused its bases, Incirlik named, on 11 September 2014 (Al Jazeera)
    [refusal] = results(api, "/api/v1/pledges/", actor="TUR", kind="basing")
    assert (refusal["status"], refusal["asset"]) == ("refused", "Incirlik air base")
    assert refusal["announced_on"] == "2014-09-11"
    assert any("Incirlik" in c["quote"] for c in refusal["citations"])
    # 6. the US pledged $500m of humanitarian aid, in dollars
    money = results(api, "/api/v1/pledges/", actor="USA", kind="humanitarian")
    assert any((p["amount"], p["currency"]) == ("500000000.00", "USD") for p in money)
    # 7-9. who was in on 2014-09-20: 14 members, Turkey a supporter, Iran declined
    members = api.get(
        "/api/v1/coalitions/counter-isis-2014/members/", {"as_of": "2014-09-20"}
    ).json()["members"]
    status = {m["actor"]["code"]: m["status"] for m in members}
    assert sum(s == "member" for s in status.values()) == 14
    assert (status["TUR"], status["IRN"], status["USA"]) == ("supporter", "declined", "member")
    # 10. before the Arab states joined (11 September), fewer members
    early = api.get(
        "/api/v1/coalitions/counter-isis-2014/members/", {"as_of": "2014-09-10"}
    ).json()["members"]
    assert sum(m["status"] == "member" for m in early) < 14
    # 11. RFE/RL reports 65 members on 2015-11-23
    [size] = results(api, "/api/v1/size-reports/")
    assert (size["member_count"], size["reported_on"]) == (65, "2015-11-23")
    # 12. Iran was not invited to Paris
    paris = [m for m in results(api, "/api/v1/meetings/") if m["held_on"] == "2014-09-15"]
    [meeting] = paris
    roles = {a["actor"]: a["role"] for a in meeting["attendances"]}
    assert roles["IRN"] == "not_invited"


@needs_seeds
def test_every_public_claim_cites_a_quote_found_in_its_source(api_with_texts):
    api = api_with_texts
    texts = {s["id"]: s for s in results(api, "/api/v1/sources/")}
    for url in ("/api/v1/pledges/", "/api/v1/memberships/", "/api/v1/size-reports/"):
        rows = results(api, url, limit=200)
        assert rows
        for row in rows:
            assert row["citations"], (url, row["id"])
            for citation in row["citations"]:
                assert citation["source"]["id"] in texts
    from sources.models import Source

    held = dict(Source.objects.values_list("id", "text"))
    for row in results(api, "/api/v1/pledges/", limit=200):
        assert any(c["quote"] in held[c["source"]["id"]] for c in row["citations"])
