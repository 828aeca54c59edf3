"""A query parameter the operation does not declare, or a code no row has, is a 400.

The schema is the contract: every parameter that docs/openapi.yaml declares for an
operation is accepted (the fuzz run sends those), and any other is refused, naming it.
"""

from __future__ import annotations

import re

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from api.filters import KnownKeyField
from config.router import router
from tests.factories import CoalitionFactory, PledgeFactory, country
from tests.paths import REPO

pytestmark = pytest.mark.django_db

SCHEMA = yaml.safe_load((REPO / "docs" / "openapi.yaml").read_text())
# Values for path parameters: the check comes before the lookup, so none need exist.
PATH_VALUES = {"id": "1", "code": "AUS", "slug": "x", "version": "1.0.0", "source_pk": "1"}


@pytest.fixture
def superuser_client(admin_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def operations(method: str | None = None):
    for path, item in SCHEMA["paths"].items():
        for verb, operation in item.items():
            if verb in ("get", "post", "put", "patch", "delete") and verb == (method or verb):
                url = re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path)
                query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
                yield pytest.param(url, query, id=operation["operationId"])


def unknown_errors(response) -> dict[str, str]:
    if response.status_code != 400:
        return {}
    return {
        error["attr"]: error["detail"]
        for error in response.json()["errors"]
        if error["code"] == "unknown_parameter"
    }


@pytest.mark.parametrize(("url", "declared"), list(operations("get")))
def test_every_declared_parameter_is_accepted(superuser_client, url, declared):
    response = superuser_client.get(url, dict.fromkeys(declared, ""))
    assert unknown_errors(response) == {}, response.content


@pytest.mark.parametrize(("url", "declared"), list(operations("get")))
def test_an_undeclared_parameter_is_refused_by_every_read(api_client, url, declared):
    response = api_client.get(url, {"zzz_typo": "1", **dict.fromkeys(declared, "")})
    assert response.status_code == 400, response.content
    assert set(unknown_errors(response)) == {"zzz_typo"}


def test_writes_declare_no_query_parameter_and_refuse_one(superuser_client):
    writes = [p.values for verb in ("post", "put", "patch", "delete") for p in operations(verb)]
    assert writes
    assert [url for url, query in writes if query] == []
    for url, _ in (p.values for p in operations("post")):
        response = superuser_client.post(f"{url}?zzz_typo=1", {}, format="json")
        assert set(unknown_errors(response)) == {"zzz_typo"}, (url, response.content)


LIST_ROUTES = [
    pytest.param(re.sub(r"\(\?P<\w+>[^)]*\)", "1", prefix), viewset, id=prefix)
    for prefix, viewset, _ in router.registry
    if hasattr(viewset, "list")
]


@pytest.mark.parametrize(("prefix", "viewset"), LIST_ROUTES)
def test_every_list_names_the_typo_and_what_it_resembles(api_client, prefix, viewset):
    response = api_client.get(f"/api/v1/{prefix}/", {"ordring": "id", "limt": "5"})
    errors = unknown_errors(response)
    assert set(errors) == {"ordring", "limt"}
    if viewset.pagination_class is not None:
        assert errors == {
            "limt": "Unknown query parameter: did you mean `limit`?",
            "ordring": "Unknown query parameter: did you mean `ordering`?",
        }


def test_a_typo_of_a_filter_suggests_the_filter(api_client):
    response = api_client.get("/api/v1/pledges/", {"actr": "TUR"})
    assert response.status_code == 400
    assert unknown_errors(response) == {"actr": "Unknown query parameter: did you mean `actor`?"}


def test_far_from_any_parameter_lists_the_known_ones(api_client):
    response = api_client.get("/api/v1/coalitions/", {"colour": "red"})
    assert unknown_errors(response) == {
        "colour": "Unknown query parameter. This operation takes: "
        "`count`, `cursor`, `lead`, `limit`, `member`, `ordering`, `q`."
    }


def test_a_detail_takes_no_filter(api_client):
    pledge = PledgeFactory(review_status="verified")
    assert api_client.get(f"/api/v1/pledges/{pledge.pk}/").status_code == 200
    response = api_client.get(f"/api/v1/pledges/{pledge.pk}/", {"kind": "arms"})
    assert set(unknown_errors(response)) == {"kind"}


def test_the_browsable_api_format_is_always_known(api_client):
    assert api_client.get("/api/v1/actors/", {"format": "json", "limit": 1}).status_code == 200


# --- codes and slugs that no row has ---------------------------------------------------------


def key_filters():
    """(list, parameter, model) of every filter that takes a code or slug."""
    for prefix, viewset, _ in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            if issubclass(declared.field_class, KnownKeyField):
                model = declared.extra.get("model")
                yield pytest.param(prefix, name, model, id=f"{prefix}-{name}")


KEY_FILTERS = list(key_filters())


def test_every_code_filter_checks_its_code():
    assert len(KEY_FILTERS) >= 18
    assert all(param.values[2] is not None for param in KEY_FILTERS)


@pytest.mark.parametrize(("prefix", "name", "model"), KEY_FILTERS)
def test_a_code_no_row_has_is_a_field_error(api_client, prefix, name, model):
    CoalitionFactory(slug="counter-isis")
    known = "counter-isis" if model._meta.model_name == "coalition" else "AUS"
    assert api_client.get(f"/api/v1/{prefix}/", {name: known}).status_code == 200
    response = api_client.get(f"/api/v1/{prefix}/", {name: "zz-nowhere"})
    assert response.status_code == 400, response.content
    noun = model._meta.verbose_name
    key, expected = ("slug", "zz-nowhere") if noun == "coalition" else ("code", "ZZ-NOWHERE")
    [error] = response.json()["errors"]
    assert error["attr"] == name
    assert error["code"] == "does_not_exist"
    assert error["detail"].startswith(f"No {noun} has the ")
    assert error["detail"].endswith(f" {key} {expected!r}.")


def test_a_known_code_costs_the_one_query_that_checks_it(api_client, django_assert_num_queries):
    PledgeFactory(actor=country("AUS"), kind="aircraft", review_status="verified")
    url = "/api/v1/pledges/"
    with CaptureQueriesContext(connection) as without:
        assert api_client.get(url, {"kind": "aircraft"}).status_code == 200
    with django_assert_num_queries(len(without) + 1):
        response = api_client.get(url, {"kind": "aircraft", "actor": "aus"})
    assert [row["actor"] for row in response.json()["results"]] == ["AUS"]


@pytest.mark.parametrize("url", ["/api/v1/pledges/", "/api/v1/search/?q=troops"])
def test_head_takes_what_get_takes(api_client, url):
    joiner = "&" if "?" in url else "?"
    assert api_client.head(f"{url}{joiner}limit=1").status_code == 200
    assert api_client.head(f"{url}{joiner}limt=1").status_code == 400


def test_a_method_the_endpoint_lacks_is_405_whatever_the_query(api_client):
    response = api_client.generic("TRACE", "/api/v1/pledges/?kind=arms")
    assert response.status_code == 405
    response = api_client.put("/api/v1/pledges/?actr=TUR", {}, format="json")
    assert response.status_code in (401, 405)
    assert unknown_errors(response) == {}
