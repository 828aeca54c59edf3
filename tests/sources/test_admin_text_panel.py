"""The article's text in the admin: marked passages (cited quotes, pending proposals)
on the source page, and the text beside a claim's form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pledges.models import PledgeProposal
from sources.admin import Mark, highlight
from sources.services import source_import_article
from tests.factories import PledgeCitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "OTTAWA, Oct 3 (Wire) - Canada will send six CF-18 fighter jets to join air strikes "
    "against Islamic State in Iraq, Prime Minister Stephen Harper said on Friday.\n"
)


def test_a_cited_quote_keeps_its_mark_and_a_proposal_over_it_adds_its_links():
    text = "Canada will send six jets, he said. Later, more."
    html = highlight(
        text,
        [
            Mark(0, 34, "proposal", "proposed: Canada", (("accept CAN aircraft", "/a/"),)),
            Mark(0, 24, "quote", "pledge 1", (("pledge 1", "/p/1/"),)),
        ],
    )
    assert html.startswith('<mark class="quote" title="pledge 1; proposed: Canada">')
    assert '<a href="/p/1/">pledge 1</a> <a href="/a/">accept CAN aircraft</a>' in html
    assert "proposal" not in html.split("</span>", 1)[1]  # one mark, not two


def test_marks_that_do_not_overlap_are_each_marked_in_text_order():
    html = highlight("one two three", [Mark(8, 13, "proposal"), Mark(0, 3, "quote")])
    assert html == '<mark class="quote">one</mark> two <mark class="proposal">three</mark>'


def test_the_source_page_marks_pending_proposals_with_accept_edit_and_reject(staff_client):
    source = source_import_article(text=ARTICLE, publisher="Wire", title="Canada sends jets")
    proposal = PledgeProposal.objects.get(source=source, actor__code="CAN", kind="aircraft")
    html = staff_client.get(reverse("admin:sources_source_change", args=[source.pk])).content
    html = html.decode()
    assert '<mark class="proposal" title="proposed: Canada, Aircraft' in html
    for action in ("accept", "reject"):
        url = reverse(f"admin:pledges_pledgeproposal_{action}", args=[proposal.pk])
        assert f'<a href="{url}">{action} CAN aircraft</a>' in html
    url = reverse("admin:pledges_pledgeproposal_change", args=[proposal.pk])
    assert f'<a href="{url}">edit CAN aircraft</a>' in html
    add = reverse("admin:pledges_pledge_add")
    assert f'href="{add}?source={source.pk}"' in html  # "Record a claim from it"


def test_a_decided_proposal_is_no_longer_marked(staff_client):
    source = source_import_article(text=ARTICLE, publisher="Wire", title="Canada sends jets")
    PledgeProposal.objects.filter(source=source).update(
        state="rejected", decided_at="2026-01-01T00:00Z"
    )
    html = staff_client.get(reverse("admin:sources_source_change", args=[source.pk])).content
    assert b'class="proposal"' not in html


def test_the_add_form_shows_the_chosen_article_beside_it(staff_client):
    source = SourceFactory(text=ARTICLE, title="Canada sends jets")
    html = staff_client.get(reverse("admin:pledges_pledge_add") + f"?source={source.pk}")
    html = html.content.decode()
    assert f'<aside id="source-panel" data-source-id="{source.pk}"' in html
    assert "Canada will send six CF-18 fighter jets" in html
    assert 'id="use-selection"' in html


def test_the_change_form_shows_the_cited_article_with_its_quotes_marked(staff_client):
    source = SourceFactory(text=ARTICLE)
    citation = PledgeCitationFactory(source=source, quote="Canada will send six CF-18 fighter jets")
    url = reverse("admin:pledges_pledge_change", args=[citation.pledge_id])
    html = staff_client.get(url).content.decode()
    assert f'data-source-id="{source.pk}"' in html
    assert (
        '<mark class="quote"' in html and "Canada will send six CF-18 fighter jets</mark>" in html
    )


def test_no_panel_without_a_text_to_show(staff_client):
    textless = SourceFactory(text="")
    html = staff_client.get(reverse("admin:pledges_pledge_add") + f"?source={textless.pk}")
    assert b'id="source-panel"' not in html.content
    html = staff_client.get(reverse("admin:pledges_pledge_add") + "?source=nonsense")
    assert html.status_code == 200 and b'id="source-panel"' not in html.content
