"""Resource viewsets are declarations: the walk of a request is defined once, in
DomainViewSet (api/viewsets.py), and no viewset or feature mixin overrides it."""

from __future__ import annotations

import pytest

from api.fastread import FastReadMixin
from api.viewsets import DomainViewSet
from config.router import router

PROJECT = {"api", "coalition", "history", "intake", "pledges", "reports", "sources"}
# The steps DomainViewSet states; FastReadMixin keeps its own ``list`` under it.
WALK = ("list", "retrieve", "get_serializer_class", "finalize_response")
FORWARDING = ("create_object", "update_object", "delete_object")

RESOURCES = [viewset for _, viewset, _ in router.registry if issubclass(viewset, DomainViewSet)]


def ours(viewset) -> list[type]:
    return [
        cls
        for cls in viewset.__mro__
        if cls.__module__.split(".")[0] in PROJECT and cls is not FastReadMixin
    ]


def test_every_resource_is_found():
    assert len(RESOURCES) == 9


@pytest.mark.parametrize("viewset", RESOURCES, ids=lambda v: v.__name__)
@pytest.mark.parametrize("name", WALK)
def test_each_step_of_the_walk_is_defined_once(viewset, name):
    owners = [cls for cls in ours(viewset) if name in vars(cls)]
    assert owners == [DomainViewSet]


@pytest.mark.parametrize("viewset", RESOURCES, ids=lambda v: v.__name__)
def test_a_viewset_declares_its_services_rather_than_forwarding(viewset):
    assert all(name not in vars(viewset) for name in FORWARDING)
    for verb in ("create", "update", "delete"):
        assert callable(getattr(viewset.services, verb))
