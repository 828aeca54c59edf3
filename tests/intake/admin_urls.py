"""An admin site with the intake pieces wired in, as pledges/admin.py will do."""

from django.apps import apps
from django.contrib import admin
from django.urls import path

from intake.admin import PledgeProposalAdmin, PledgeProposalInline
from pledges.models import PledgeProposal
from sources.models import Source

site = admin.AdminSite(name="admin")
for model in apps.get_models():
    if admin.site.is_registered(model):
        site.register(model, type(admin.site.get_model_admin(model)))
if not site.is_registered(PledgeProposal):
    site.register(PledgeProposal, PledgeProposalAdmin)
source_admin = type(site.get_model_admin(Source))
if PledgeProposalInline not in source_admin.inlines:
    site.unregister(Source)
    site.register(
        Source,
        type(
            "SourceAdmin",
            (source_admin,),
            {"inlines": [*source_admin.inlines, PledgeProposalInline]},
        ),
    )

urlpatterns = [path("admin/", site.urls)]
