"""Who sees which claims: the one rule (:func:`verified_only`) and the claims it lets a
reader see (:func:`visible_claims`), for viewsets, filters and answers alike."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from rest_framework.permissions import SAFE_METHODS


def verified_only(request, claim_model: type[models.Model]) -> bool:
    """Whether ``request`` may see only verified claims of ``claim_model``: the public
    does; users allowed to view them see every one.

    As in Django's admin, the change permission includes viewing: a writer must be
    able to GET what it changes, for the ETag its write sends in If-Match.
    """
    if settings.API_UNVERIFIED_CLAIMS_PUBLIC or request.method not in SAFE_METHODS:
        return False  # writers (checked for the model permission) reach every claim
    meta = claim_model._meta
    user = request.user
    return not (
        user.is_authenticated
        and (
            user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
            or user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
        )
    )


def visible_claims(request, claim_model: type[models.Model]) -> models.QuerySet:
    """The ``claim_model`` claims the reader of ``request`` may see: verified ones only
    for the public, and when there is no request to ask."""
    hidden = request is None or verified_only(request, claim_model)
    return claim_model.objects.visible(verified_only=hidden)
