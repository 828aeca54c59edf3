"""Look-up keys (coalition slugs, actor codes, dataset keys) are unique whatever their
case: the database refuses a case variant, and the API and the admin say so on the field."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from coalition.models import Actor, Coalition, Meeting, Membership, SizeReport
from pledges.models import Pledge
from sources.models import Source
from sources.validators import UniqueIgnoringCase
from tests.factories import (
    ActorFactory,
    CoalitionFactory,
    MeetingFactory,
    MembershipFactory,
    PledgeFactory,
    SizeReportFactory,
    SourceFactory,
    UserFactory,
)
from tests.support.api import assert_error, token_client

pytestmark = pytest.mark.django_db

KEYS = [
    (Coalition, CoalitionFactory, "slug", "coalition_slug_unique_ignoring_case"),
    (Source, SourceFactory, "dataset_key", "source_dataset_key_unique_ignoring_case"),
    (Membership, MembershipFactory, "dataset_key", "membership_dataset_key_unique_ignoring_case"),
    (Meeting, MeetingFactory, "dataset_key", "meeting_dataset_key_unique_ignoring_case"),
    (SizeReport, SizeReportFactory, "dataset_key", "sizereport_dataset_key_unique_ignoring_case"),
    (Pledge, PledgeFactory, "dataset_key", "pledge_dataset_key_unique_ignoring_case"),
]


def test_every_key_the_api_looks_up_is_unique_ignoring_case():
    """The URL keys of the API's resources (code, slug) and the dataset keys each have
    a UniqueIgnoringCase constraint."""
    from config.router import router

    looked_up = {
        (viewset.queryset.model, viewset.lookup_field)
        for _, viewset, _ in router.registry
        if getattr(viewset, "lookup_field", "pk") not in ("pk", "id")
        and getattr(viewset, "queryset", None) is not None
    }
    assert looked_up >= {(Actor, "code"), (Coalition, "slug")}
    keys = looked_up | {(model, field) for model, _, field, _ in KEYS}
    for model, field in keys:
        fields = {
            c.field_name for c in model._meta.constraints if isinstance(c, UniqueIgnoringCase)
        }
        assert field in fields, (model.__name__, field)


@pytest.mark.parametrize(("model", "factory", "field", "constraint"), KEYS)
def test_database_refuses_a_key_that_differs_only_in_case(model, factory, field, constraint):
    factory(**{field: "Paris-Conference-2014"})
    other = factory(**{field: "another-key"})
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        model.objects.filter(pk=other.pk).update(**{field: "paris-conference-2014"})
    assert constraint in str(excinfo.value)


@pytest.mark.parametrize(("model", "factory", "field", "constraint"), KEYS)
def test_full_clean_names_the_field(model, factory, field, constraint):
    factory(**{field: "Paris-Conference-2014"})
    other = factory(**{field: "another-key"})
    setattr(other, field, "PARIS-conference-2014")
    with pytest.raises(ValidationError) as excinfo:
        other.full_clean()
    assert "ignore case" in " ".join(excinfo.value.message_dict[field])


def test_empty_dataset_keys_are_not_keys():
    SourceFactory(dataset_key="")
    SourceFactory(dataset_key="")
    assert Source.objects.filter(dataset_key="").count() == 2


def test_actor_codes_are_canonical_upper_case():
    """An actor code cannot even be stored in lower case, so its unique index already
    ignores case; the explicit constraint keeps it so if the format rule ever relaxes."""
    ActorFactory(code="ORG-CASE")
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        Actor.objects.filter(code="ORG-CASE").update(code="org-case")
    assert "actor_code_format" in str(excinfo.value)


# --- The API -------------------------------------------------------------------------------


def coalition_writer():
    return token_client(
        UserFactory(permissions=["coalition.add_coalition", "coalition.change_coalition"])
    )


def test_api_create_of_a_case_variant_slug_is_400_on_slug():
    CoalitionFactory(slug="counter-isis-2014")
    client = coalition_writer()
    response = client.post(
        "/api/v1/coalitions/",
        {"slug": "Counter-ISIS-2014", "name": "A second coalition"},
        format="json",
    )
    body = assert_error(response, 400, "validation_error")
    assert [e["attr"] for e in body["errors"]] == ["slug"], body
    assert Coalition.objects.filter(slug__iexact="counter-isis-2014").count() == 1


def test_api_update_to_a_case_variant_slug_is_400_on_slug():
    CoalitionFactory(slug="counter-isis-2014")
    other = CoalitionFactory(slug="another-coalition")
    client = coalition_writer()
    response = client.patch(
        f"/api/v1/coalitions/{other.slug}/", {"slug": "COUNTER-isis-2014"}, format="json"
    )
    body = assert_error(response, 400, "validation_error")
    assert [e["attr"] for e in body["errors"]] == ["slug"], body
    other.refresh_from_db()
    assert other.slug == "another-coalition"


def test_history_of_a_slug_in_another_case_is_that_coalitions():
    coalition = CoalitionFactory(slug="counter-isis-2014")
    client = token_client(UserFactory(permissions=["coalition.view_coalition"]))
    response = client.get("/api/v1/coalitions/COUNTER-ISIS-2014/history/")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == coalition.pk


# --- The admin -----------------------------------------------------------------------------


def admin_form(model, data, instance=None):
    request = RequestFactory().post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site.get_model_admin(model)
    form_class = model_admin.get_form(request, instance)
    return form_class(data=data, instance=instance)


def test_admin_form_refuses_a_case_variant_slug_on_the_field():
    CoalitionFactory(slug="counter-isis-2014")
    form = admin_form(
        Coalition,
        {"name": "A second coalition", "slug": "Counter-Isis-2014", "started_on_precision": "day"},
    )
    assert not form.is_valid()
    assert "slug" in form.errors, form.errors
    assert "ignore case" in " ".join(form.errors["slug"])
