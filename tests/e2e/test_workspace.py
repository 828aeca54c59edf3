"""The analyst's workspace in a real browser, at 1366x900 and at 1920x1080 (each test
runs at both): recording a pledge with the article's text beside the form, accepting a
proposal from the text, working the review queue, and editing a status in the list.
Each page the flow passes through must fit its window (no sideways scrolling, no form,
list or chart wider than its box). ``make screenshots`` keeps what they show in
docs/img for docs/analysts.md.
"""

from __future__ import annotations

import pytest

from pledges.models import Pledge, PledgeProposal
from sources.services import source_import_article
from tests.factories import CoalitionFactory, PledgeCitationFactory, SourceFactory, UserFactory
from tests.support.browser import assert_fits, log_in, pick, screenshot

pytestmark = [pytest.mark.e2e]

ARTICLE = (
    "COPENHAGEN, Sept 26 (Wire) - Denmark will send seven F-16 fighter jets to join air "
    "strikes against Islamic State in Iraq, Prime Minister Helle Thorning-Schmidt said on "
    "Friday.\n\n"
    "The jets, with about 140 pilots and ground crew, will be based in the region for up "
    "to 12 months, she said. Parliament must still approve the deployment.\n"
)
QUOTE = "Denmark will send seven F-16 fighter jets to join air strikes against Islamic State"
PASSWORD = "correct horse battery staple"
FORM = ("#content-main form", "#content-main fieldset", "#citations-group")


def shot(page, name: str, *, wide_too: bool = False) -> None:
    """The screen as the analyst sees it, for docs/analysts.md: at 1366 px (and at 1920
    px, named ``NAME-1920``, when ``wide_too``)."""
    width = page.viewport_size["width"]
    if width == 1366:
        screenshot(page, name, full_page=False)
    elif wide_too:
        screenshot(page, f"{name}-{width}", full_page=False)


@pytest.fixture
def analyst(live_server, screen, reference_data):
    UserFactory(username="analyst", password=PASSWORD, is_staff=True, is_superuser=True)
    log_in(screen, live_server.url, "analyst", PASSWORD)
    return screen


def save(page) -> None:
    """Save the form and see it saved (else fail with the errors the page shows)."""
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success, .errorlist, .errornote")
    errors = page.locator(".errorlist, .errornote").all_inner_texts()
    assert not errors, errors


def select_in_text(page, text: str) -> None:
    """Select ``text`` in the article beside the form, as an analyst's drag would."""
    page.evaluate(
        """(wanted) => {
            const root = document.querySelector("#source-panel .article-text");
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(wanted);
                if (at === -1) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + wanted.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return;
            }
            throw new Error("not in the text: " + wanted);
        }""",
        text,
    )


def test_recording_a_pledge_with_the_article_beside_the_form(live_server, analyst):
    page = analyst
    coalition = CoalitionFactory(name="Coalition against the Islamic State", slug="counter-isis")
    source = source_import_article(text=ARTICLE, publisher="Wire", title="Denmark sends jets")

    # from the source page: "Record a claim from it: pledge"
    page.goto(f"{live_server.url}/admin/sources/source/{source.pk}/change/")
    page.locator(".field-record_from_text a", has_text="pledge").first.click()
    page.wait_for_selector("#source-panel")
    assert "Denmark will send seven F-16" in page.locator("#source-panel").inner_text()
    assert_fits(page, *FORM, "#source-panel")

    pick(page, "id_actor", "Denmark")
    pick(page, "id_coalition", coalition.name)
    page.select_option("#id_kind", "aircraft")
    page.select_option("#id_status", "announced")
    page.fill("#id_description", "Seven F-16s for strikes in Iraq")
    page.select_option("#id_quantity_qualifier", "exact")
    page.fill("#id_quantity", "7")
    page.fill("#id_quantity_unit", "aircraft")
    page.select_option("#id_currency", "")  # a select of ISO 4217 codes, not free text
    assert page.locator("#id_currency option[value='DKK']").inner_text() == "DKK — Danish Krone"

    # selecting the passage makes it the quote, citing this source
    select_in_text(page, QUOTE)
    page.click("#use-selection")
    assert page.input_value("#id_citations-0-quote") == QUOTE
    assert page.input_value("#id_citations-0-source") == str(source.pk)
    assert QUOTE[:40] in page.locator("#source-panel-status").inner_text()
    shot(page, "record-from-text", wide_too=True)
    save(page)

    pledge = Pledge.objects.get()
    assert (pledge.actor.code, pledge.kind, pledge.quantity) == ("DNK", "aircraft", 7)
    [citation] = pledge.citations.all()
    assert (citation.source_id, citation.quote) == (source.pk, QUOTE)


def test_accepting_a_proposal_from_the_text(live_server, analyst):
    page = analyst
    source = source_import_article(text=ARTICLE, publisher="Wire", title="Denmark sends jets")
    proposal = PledgeProposal.objects.filter(
        source=source, actor__code="DNK", kind="aircraft"
    ).get()

    page.goto(f"{live_server.url}/admin/sources/source/{source.pk}/change/")
    marked = page.locator("mark.proposal").first
    assert proposal.quote in marked.inner_text()
    assert "confidence" in marked.get_attribute("title")
    assert_fits(page, "#content-main form", ".article-text")
    marked.scroll_into_view_if_needed()
    shot(page, "proposals-in-text")
    page.locator(".mark-links a", has_text="accept DNK aircraft").first.click()
    page.click("input[type=submit][value*='ccept']")
    page.wait_for_selector(".messagelist .success")

    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    pledge = proposal.accepted_pledge
    assert (pledge.actor.code, pledge.kind, pledge.quantity) == ("DNK", "aircraft", 7)
    # back on the source page the sentence is now a cited quote, not a proposal
    page.goto(f"{live_server.url}/admin/sources/source/{source.pk}/change/")
    assert proposal.quote in " ".join(page.locator("mark.quote").all_inner_texts())
    assert page.locator("mark.proposal", has_text=proposal.quote[:30]).count() == 0


def test_working_the_review_queue(live_server, analyst):
    page = analyst
    source = SourceFactory(text=ARTICLE)
    waiting = [
        PledgeCitationFactory(
            source=source, quote=QUOTE, pledge__review_status="needs_review"
        ).pledge
        for _ in range(2)
    ]

    page.goto(f"{live_server.url}/admin/")
    queue = page.locator("#review-queue")
    pledges_row = queue.locator("tr", has_text="Pledges")
    assert pledges_row.locator("td").first.inner_text() == "2"
    assert_fits(page, "#review-queue")
    shot(page, "review-queue")

    # oldest change first: open it, verify it, and the queue shrinks
    pledges_row.locator("td").nth(2).locator("a").first.click()
    page.wait_for_selector("#id_review_status")
    assert page.url.endswith(f"/admin/pledges/pledge/{waiting[0].pk}/change/")
    assert_fits(page, *FORM)
    page.select_option("#id_review_status", "verified")
    save(page)
    waiting[0].refresh_from_db()
    assert waiting[0].review_status == "verified"
    assert waiting[0].verified_by.username == "analyst"

    page.goto(f"{live_server.url}/admin/")
    assert (
        page.locator("#review-queue tr", has_text="Pledges").locator("td").first.inner_text() == "1"
    )


def test_editing_a_status_in_the_list(live_server, analyst):
    page = analyst
    source = SourceFactory(text=ARTICLE)
    pledge = PledgeCitationFactory(
        source=source,
        quote=QUOTE,
        pledge__kind="money",
        pledge__amount=200_000_000,
        pledge__currency="DKK",
        pledge__quantity=None,
        pledge__quantity_qualifier="",
        pledge__quantity_unit="",
        pledge__description="Money for the Iraqi government",
        pledge__review_status="verified",
    ).pledge
    PledgeCitationFactory(source=source, quote=QUOTE, pledge__description="Seven F-16 jets")

    page.goto(f"{live_server.url}/admin/pledges/pledge/")
    row = page.locator("#result_list tr", has_text="Money for the Iraqi government")
    assert "200,000,000 DKK" in row.inner_text()  # the money in its own currency
    assert_fits(page, "#changelist-form", "#result_list")
    row.locator("select[name$='-status']").select_option("committed")
    shot(page, "list-edit")
    save(page)
    pledge.refresh_from_db()
    assert pledge.status == "committed"

    page.goto(f"{live_server.url}/admin/dashboard/")
    assert_fits(page, "#dashboard", "#dashboard svg")
