"""An admin site with the intake pieces wired in, as pledges/admin.py will do."""

from django.contrib import admin
from django.urls import path

from intake.admin import PledgeProposalAdmin, PledgeProposalInline
from pledges.models import PledgeProposal
from sources.models import Source

site = admin.AdminSite(name="admin")
for model, model_admin in admin.site._registry.items():
    site.register(model, type(model_admin))
if PledgeProposal not in site._registry:
    site.register(PledgeProposal, PledgeProposalAdmin)
source_admin = type(site._registry[Source])
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
