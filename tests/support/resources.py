"""API tests written once, NetBox style.

A resource's test class inherits :class:`ResourceTests` (or :class:`ClaimResourceTests`
for claims) and declares only data: ``model``, ``url``, how to ``make`` objects, the
``create_data`` / ``update_data`` / ``partial_data`` it sends and the ``invalid_data``
with the fields it expects errors for. Every test below then runs for it: anonymous
read, 401 for anonymous writes, 403 without permission, writes with permission, 400
with field messages, 404, and a list query count that does not grow with the page.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.factories import SourceFactory, UserFactory
from tests.support.api import assert_error, citation_input, error_attrs, token_client

# What make() gives claims, so that the public, which sees verified claims only, sees them.
VERIFIED = {"review_status": "verified"}


class ResourceTests:
    """Every endpoint of one resource. Subclasses declare the data."""

    model: ClassVar[type[Model]]
    url: ClassVar[str]
    lookup: ClassVar[str] = "pk"
    # Query parameters that narrow the list to objects this test made.
    list_params: ClassVar[dict[str, str]] = {}
    # Keys whose value in the answer must equal what was sent.
    compare_keys: ClassVar[tuple[str, ...]] = ()

    def make(self, n: int = 1) -> list[Model]:
        raise NotImplementedError

    def create_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def update_data(self, obj: Model) -> dict[str, Any]:
        raise NotImplementedError

    def partial_data(self, obj: Model) -> dict[str, Any]:
        raise NotImplementedError

    def invalid_data(self) -> tuple[dict[str, Any], set[str]]:
        """A body with several wrong fields, and the attrs the 400 must name."""
        raise NotImplementedError

    # --- helpers ---------------------------------------------------------------------------

    def detail_url(self, obj: Model) -> str:
        return f"{self.url}{getattr(obj, self.lookup)}/"

    def perm(self, action: str) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.{action}_{meta.model_name}"

    def reader(self) -> APIClient:
        """Sees everything, drafts included."""
        return token_client(UserFactory(is_superuser=True))

    def writer(self, *actions: str) -> APIClient:
        return token_client(UserFactory(permissions=[self.perm(a) for a in actions]))

    def assert_sent(self, sent: dict, answer: dict) -> None:
        for key in self.compare_keys:
            if key in sent:
                assert answer[key] == sent[key], (key, answer[key], sent[key])

    # --- reads --------------------------------------------------------------------------------

    def test_anonymous_can_list(self, db, api_client):
        made = self.make(3)
        response = api_client.get(self.url, self.list_params)
        assert response.status_code == 200, response.content
        body = response.json()
        assert set(body) == {"next", "previous", "next_cursor", "previous_cursor", "results"}
        ids = {row["id"] for row in body["results"]}
        assert {obj.pk for obj in made} <= ids

    def test_anonymous_can_retrieve(self, db, api_client):
        obj = self.make(1)[0]
        response = api_client.get(self.detail_url(obj))
        assert response.status_code == 200, response.content
        assert response.json()["id"] == obj.pk

    def test_retrieve_unknown_is_404(self, db, api_client):
        obj = self.make(1)[0]
        url = self.detail_url(obj)
        self.model.objects.filter(pk=obj.pk).delete()
        body = assert_error(api_client.get(url), 404, "client_error")
        assert body["errors"][0]["code"] == "not_found"

    def test_list_query_count_does_not_grow_with_the_page(self, db, api_client):
        self.make(1)
        with CaptureQueriesContext(connection) as one:
            response = api_client.get(self.url, {**self.list_params, "limit": 200})
        assert len(response.json()["results"]) >= 1
        self.make(49)
        with CaptureQueriesContext(connection) as fifty:
            response = api_client.get(self.url, {**self.list_params, "limit": 200})
        assert len(response.json()["results"]) >= 50
        assert len(fifty) == len(one), [q["sql"] for q in fifty.captured_queries]

    # --- anonymous writes: 401 ---------------------------------------------------------------

    def test_anonymous_create_is_401(self, db, api_client):
        data = self.create_data()
        count = self.model.objects.count()
        response = api_client.post(self.url, data, format="json")
        assert_error(response, 401, "client_error")
        assert response["WWW-Authenticate"].startswith("Token")
        assert self.model.objects.count() == count

    def test_anonymous_update_is_401(self, db, api_client):
        obj = self.make(1)[0]
        assert_error(api_client.put(self.detail_url(obj), self.update_data(obj)), 401)
        assert_error(api_client.patch(self.detail_url(obj), self.partial_data(obj)), 401)

    def test_anonymous_delete_is_401(self, db, api_client):
        obj = self.make(1)[0]
        assert_error(api_client.delete(self.detail_url(obj)), 401)
        assert self.model.objects.filter(pk=obj.pk).exists()

    def test_bad_token_is_401(self, db):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        assert_error(client.get(self.url), 401, "client_error")

    # --- writes without permission: 403 ---------------------------------------------------------

    def test_create_without_permission_is_403(self, db):
        client = token_client(UserFactory())
        count = self.model.objects.count()
        body = assert_error(client.post(self.url, self.create_data()), 403, "client_error")
        assert body["errors"][0]["code"] == "permission_denied"
        assert self.model.objects.count() == count

    def test_update_without_permission_is_403(self, db):
        obj = self.make(1)[0]
        client = self.writer("add", "delete")
        assert_error(client.put(self.detail_url(obj), self.update_data(obj)), 403)
        assert_error(client.patch(self.detail_url(obj), self.partial_data(obj)), 403)

    def test_delete_without_permission_is_403(self, db):
        obj = self.make(1)[0]
        assert_error(self.writer("add", "change").delete(self.detail_url(obj)), 403)
        assert self.model.objects.filter(pk=obj.pk).exists()

    # --- writes with permission ----------------------------------------------------------------

    def test_create_with_permission(self, db):
        data = self.create_data()
        response = self.writer("add").post(self.url, data)
        assert response.status_code == 201, response.content
        answer = response.json()
        self.assert_sent(data, answer)
        created = self.model.objects.get(pk=answer["id"])
        assert self.reader().get(self.detail_url(created)).json() == answer
        # Location names the new object, absolute, and answers it.
        assert response["Location"] == f"http://testserver{self.detail_url(created)}"
        assert self.reader().get(response["Location"]).json() == answer

    def test_update_with_permission(self, db):
        obj = self.make(1)[0]
        data = self.update_data(obj)
        response = self.writer("change").put(self.detail_url(obj), data)
        assert response.status_code == 200, response.content
        self.assert_sent(data, response.json())

    def test_partial_update_with_permission(self, db):
        obj = self.make(1)[0]
        data = self.partial_data(obj)
        response = self.writer("change").patch(self.detail_url(obj), data)
        assert response.status_code == 200, response.content
        self.assert_sent(data, response.json())

    def test_delete_with_permission(self, db, api_client):
        obj = self.make(1)[0]
        url = self.detail_url(obj)
        response = self.writer("delete").delete(url)
        assert response.status_code == 204, response.content
        assert not self.model.objects.filter(pk=obj.pk).exists()
        assert_error(api_client.get(url), 404)

    # --- invalid input -------------------------------------------------------------------------

    def test_invalid_create_is_400_naming_each_field(self, db):
        data, expected = self.invalid_data()
        count = self.model.objects.count()
        response = self.writer("add").post(self.url, data)
        assert_error(response, 400, "validation_error")
        assert expected <= error_attrs(response), response.json()
        assert self.model.objects.count() == count

    def test_invalid_partial_update_is_400_and_changes_nothing(self, db):
        obj = self.make(1)[0]
        data, expected = self.invalid_data()
        before = self.reader().get(self.detail_url(obj)).json()
        response = self.writer("change").patch(self.detail_url(obj), data)
        assert_error(response, 400, "validation_error")
        assert expected <= error_attrs(response)
        assert self.reader().get(self.detail_url(obj)).json() == before

    def test_nul_character_in_body_is_400(self, db):
        data = {**self.create_data()}
        key = next(k for k, v in data.items() if isinstance(v, str))
        data[key] = "bad\x00value"
        response = self.writer("add").post(self.url, data)
        assert_error(response, 400, "validation_error")
        assert key in error_attrs(response)


class ClaimResourceTests(ResourceTests):
    """A claim (membership, attendance, size report, pledge): citations are required,
    checked against the source's text, and only verified claims are public."""

    def test_claim_shows_its_citations_inline(self, db, api_client):
        obj = self.make(1)[0]
        citation = obj.citations.select_related("source").first()
        body = api_client.get(self.detail_url(obj)).json()
        assert body["citations"] == [
            {
                "id": citation.pk,
                "source": {
                    "id": citation.source.pk,
                    "title": citation.source.title,
                    "publisher": citation.source.publisher,
                    "published_on": citation.source.published_on.isoformat(),
                    "url": citation.source.url,
                },
                "quote": citation.quote,
                "locator": citation.locator,
                "stance": citation.stance,
            }
        ]

    def test_create_without_citations_is_400(self, db):
        for citations in ([], None):
            data = self.create_data()
            if citations is None:
                data.pop("citations")
            else:
                data["citations"] = citations
            response = self.writer("add").post(self.url, data)
            assert_error(response, 400, "validation_error")
            assert "citations" in error_attrs(response)

    def test_quote_must_occur_in_the_source_text(self, db):
        source = SourceFactory(text="Australia will send six F/A-18 jets to the Gulf.")
        data = self.create_data()
        data["citations"] = [
            citation_input(source, "six F/A-18 jets"),
            citation_input(source, "eight F/A-18 jets"),
        ]
        count = self.model.objects.count()
        response = self.writer("add").post(self.url, data)
        assert_error(response, 400, "validation_error")
        assert error_attrs(response) == {"citations.1.quote"}
        assert self.model.objects.count() == count

    def test_citations_sent_on_update_replace_the_old_ones(self, db):
        obj = self.make(1)[0]
        kept = obj.citations.first()
        source = SourceFactory()
        data = {
            "citations": [
                {"source": kept.source_id, "quote": kept.quote, "locator": kept.locator},
                citation_input(source, "A second source says so too."),
            ]
        }
        response = self.writer("change").patch(self.detail_url(obj), data)
        assert response.status_code == 200, response.content
        citations = response.json()["citations"]
        assert [c["source"]["id"] for c in citations] == [kept.source_id, source.pk]
        assert citations[0]["id"] == kept.pk  # an unchanged citation keeps its id

    def test_unverified_claims_are_hidden_from_the_public(self, db, api_client):
        obj = self.make(1)[0]
        self.model.objects.filter(pk=obj.pk).update(review_status="needs_review")
        assert_error(api_client.get(self.detail_url(obj)), 404)
        assert obj.pk not in {r["id"] for r in api_client.get(self.url).json()["results"]}
        viewer = token_client(UserFactory(permissions=[self.perm("view")]))
        assert viewer.get(self.detail_url(obj)).status_code == 200

    def test_filter_by_source(self, db, api_client):
        first, second = self.make(2)
        source_id = first.citations.first().source_id
        rows = api_client.get(self.url, {**self.list_params, "source": source_id}).json()
        assert [r["id"] for r in rows["results"]] == [first.pk]
        assert second.pk != first.pk
