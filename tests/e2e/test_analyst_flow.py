"""An analyst's day in a real browser (headless Chromium driven by Playwright).

Log in, enter a pledge with its citation from an imported article, see the quote
highlighted on the source page, mark the pledge verified, and find it in the public
API. Run by ``make e2e`` (which installs Debian's chromium when it is missing).
``E2E_SCREENSHOTS=docs/img`` saves the screenshots shown in docs/analysts.md.
"""

from __future__ import annotations

import pytest

from pledges.models import Pledge
from sources.services import source_import_article
from tests.factories import CoalitionFactory, UserFactory
from tests.paths import SEEDS, needs_seeds
from tests.support.browser import api_get, pick, screenshot

pytestmark = [pytest.mark.e2e]

ARTICLE = (
    "OSLO, Oct 2 (Wire) - Norway will send up to 120 military trainers to northern Iraq "
    "to help Kurdish forces fighting Islamic State, the defence ministry said on Thursday.\n\n"
    "The trainers will be based in Erbil, officials said. Norway has not been asked to "
    "join air strikes and has no plans to do so, the minister added.\n"
)
QUOTE = "Norway will send up to 120 military trainers to northern Iraq"
PASSWORD = "correct horse battery staple"


def test_analyst_records_a_pledge_verifies_it_and_the_api_shows_it(
    live_server, page, reference_data
):
    UserFactory(username="analyst", password=PASSWORD, is_staff=True, is_superuser=True)
    coalition = CoalitionFactory(name="Coalition against the Islamic State", slug="counter-isis")
    source = source_import_article(
        text=ARTICLE, publisher="Wire", title="Norway to send trainers to Iraq"
    )

    # log in
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    # one screen: the pledge, its source and the quote
    page.goto(f"{live_server.url}/admin/pledges/pledge/add/")
    pick(page, "id_actor", "Norway")
    pick(page, "id_coalition", coalition.name)
    page.select_option("#id_kind", "training")
    page.select_option("#id_status", "announced")
    page.fill("#id_description", "Up to 120 military trainers for Kurdish forces")
    page.select_option("#id_quantity_qualifier", "up_to")
    page.fill("#id_quantity", "120")
    page.fill("#id_quantity_unit", "trainers")
    pick(page, "id_recipient", "Iraq")
    pick(page, "id_citations-0-source", "Norway to send trainers")
    page.fill("#id_citations-0-quote", "Norway will send 500 trainers")  # not in the text
    page.click("input[name=_save]")
    error = page.locator(".errorlist").first.inner_text()
    assert "does not occur in the text" in error
    assert Pledge.objects.count() == 0
    screenshot(page, "pledge-form")
    page.fill("#id_citations-0-quote", QUOTE)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    pledge = Pledge.objects.get()
    assert (pledge.actor.code, pledge.quantity, pledge.quantity_qualifier) == ("NOR", 120, "up_to")
    assert pledge.review_status == "draft"

    # the source page shows the quote highlighted and links the claim
    page.goto(f"{live_server.url}/admin/sources/source/{source.pk}/change/")
    assert page.locator("mark.quote").first.inner_text() == QUOTE
    # (from the mark in the text and from the claims table)
    assert page.locator(f"a[href$='/admin/pledges/pledge/{pledge.pk}/change/']").count() == 2

    # a draft is not public
    public = api_get(f"{live_server.url}/api/v1/pledges/?actor=NOR")
    assert public["results"] == []

    # verify it from the list
    page.goto(f"{live_server.url}/admin/pledges/pledge/")
    page.check(f"input[name=_selected_action][value='{pledge.pk}']")
    page.select_option("select[name=action]", "mark_verified")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    pledge.refresh_from_db()
    assert pledge.review_status == "verified" and pledge.verified_by.username == "analyst"

    # and the public API shows it, with its citation
    [row] = api_get(f"{live_server.url}/api/v1/pledges/?actor=NOR")["results"]
    assert row["quantity"] == 120 and row["citations"][0]["quote"] == QUOTE

    # the dashboard draws the new pledge
    page.goto(f"{live_server.url}/admin/dashboard/")
    kinds = page.get_by_role("img", name="Pledges by kind and status").inner_html()
    assert "Training" in kinds


@needs_seeds
def test_seed_sources_show_every_quote_and_the_dashboard_the_coalition(
    live_server, page, reference_data
):
    from django.core.management import call_command

    from sources.models import Source
    from sources.services import source_claim_citations

    call_command("load_dataset", texts=str(SEEDS), verbosity=0)
    UserFactory(username="analyst", password=PASSWORD, is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    source = max(Source.objects.all(), key=lambda s: len(source_claim_citations(source=s)))
    page.goto(f"{live_server.url}/admin/sources/source/{source.pk}/change/")
    marked = " ".join(page.locator("mark.quote").all_inner_texts())
    for citation in source_claim_citations(source=source):
        assert (
            citation.quote in marked or citation.quote in page.locator(".article-text").inner_text()
        )
    assert page.locator("mark.quote").count() >= 3
    screenshot(page, "source-page")

    page.goto(f"{live_server.url}/admin/dashboard/")
    charts = page.locator("svg.chart").count()
    assert charts >= 5  # kinds, promises, troops, aircraft and size have data to draw
    assert charts + page.get_by_text("No data yet.").count() == 6  # the others say so
    screenshot(page, "dashboard")


def test_an_imported_article_shows_proposals_and_accepting_one_creates_the_pledge(
    live_server, page, reference_data
):
    from pledges.models import PledgeProposal
    from sources.models import Source

    UserFactory(username="analyst", password=PASSWORD, is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    # import the article in the admin: paste its text into a new source
    page.goto(f"{live_server.url}/admin/sources/source/add/")
    page.fill("#id_title", "Norway to send trainers to Iraq")
    page.fill("#id_publisher", "Wire")
    page.click("fieldset.collapse summary:has-text('Text'), fieldset.collapse h2:has-text('Text')")
    page.fill("#id_text", ARTICLE)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    source = Source.objects.get()

    # its proposals are on the source page, each with its sentence
    proposal = PledgeProposal.objects.get(source=source, actor__code="NOR", kind="training")
    assert (proposal.quantity, proposal.quantity_qualifier) == (120, "up_to")
    assert QUOTE in proposal.quote
    row = page.locator("tr", has_text="Norway").filter(has=page.locator("a", has_text="Accept"))
    row.first.locator("a", has_text="Accept").click()
    page.click("input[type=submit][value*='ccept']")
    page.wait_for_selector(".messagelist .success")

    proposal.refresh_from_db()
    pledge = proposal.accepted_pledge
    assert proposal.state == "accepted" and pledge is not None
    assert (pledge.actor.code, pledge.kind, pledge.quantity) == ("NOR", "training", 120)
    assert [c.quote for c in pledge.citations.all()] == [proposal.quote]
    assert pledge.citations.get().source == source
