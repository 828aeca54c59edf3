"""Admin for evidence intake: proposed claims on the source page, and their own list.

The source admin lives in sources/, which imports no app above it; the proposals
inline is added to it from here, at the end of this module.

- On a source's page, the proposals the extractor made from its text, each with
  Accept / Reject buttons, and a link to (re-)propose claims from the text.
- The proposals list: filters by state, kind, status; actions accept and reject the
  selected proposals. A pending proposal's page lets the analyst correct the proposed
  values, then "Save and accept" (or reject).

The other claims (memberships, meetings, attendance, size reports, agreements:
``ClaimProposal``) have their own inline on the source page, marks in its text (with
the cue that matched), a list with accept and reject actions, and an accept page that
asks for what the text does not say (the meeting of an attendance, an agreement's
title ...); every decision goes through ``intake.services_claims``.

Who may: viewing needs ``pledges.view_pledge`` (or ``add_pledge``); deciding and
correcting need ``pledges.add_pledge``, the permission an accept uses.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from coalition.choices import AgreementKind, AttendanceRole, MembershipStatus
from coalition.models import Agreement, Coalition, Meeting
from intake.models import ClaimProposal
from intake.services import (
    proposal_accept,
    proposal_reject,
    proposal_update,
    source_propose_claims,
)
from intake.services_claims import ACCEPTABLE, claim_proposal_accept, claim_proposal_reject
from pledges.choices import ProposalState
from pledges.models import PledgeProposal
from sources.admin import Mark, ServiceAdminMixin, SourceAdmin
from sources.models import Source

EDITABLE = [
    "actor",
    "kind",
    "status",
    "description",
    "quantity_qualifier",
    "quantity",
    "quantity_max",
    "quantity_unit",
    "amount",
    "currency",
    "recipient",
    "host",
    "asset",
    "matched_pledge",
]
RECORD = [
    "source",
    "quoted",
    "confidence",
    "rationale",
    "state",
    "accepted_pledge",
    "decided_by",
    "decided_at",
    "created_at",
]


def _may_decide(request: HttpRequest) -> bool:
    return request.user.has_perm("pledges.add_pledge")


def _may_view(request: HttpRequest) -> bool:
    return request.user.has_perm("pledges.view_pledge") or _may_decide(request)


def _error_text(error: ValidationError) -> str:
    return "; ".join(
        f"{field}: {' '.join(msgs)}" if field != "__all__" else " ".join(msgs)
        for field, msgs in error.message_dict.items()
    )


class PledgeProposalInline(admin.TabularInline):
    """The source's proposed claims, in text order, with buttons to decide them."""

    model = PledgeProposal
    fk_name = "source"
    extra = 0
    can_delete = False
    show_change_link = True
    template = "admin/pledges/pledgeproposal/source_inline.html"
    verbose_name = "proposed claim"
    verbose_name_plural = "Proposed claims (found in the text by the extractor)"
    fields = ["state", "actor", "kind", "status", "description", "confidence", "match", "decide"]
    readonly_fields = fields
    ordering = ["quote_start", "id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return _may_view(request)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "matched_pledge__actor")

    @admin.display(description="already recorded as")
    def match(self, obj: PledgeProposal) -> str:
        pledge = obj.accepted_pledge or obj.matched_pledge
        if pledge is None:
            return "—"
        url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
        return format_html('<a href="{}">pledge {}</a>', url, pledge.pk)

    @admin.display(description="decide")
    def decide(self, obj: PledgeProposal) -> str:
        if obj.state != ProposalState.PENDING:
            return obj.get_state_display()
        return format_html(
            '<a class="button" href="{}">Accept</a> <a class="button" href="{}">Reject</a>',
            reverse("admin:pledges_pledgeproposal_accept", args=[obj.pk]),
            reverse("admin:pledges_pledgeproposal_reject", args=[obj.pk]),
        )


#: The pledge a "Save and accept" recorded (our attribute on the request).
ACCEPTED = "accepted_pledge"


class PledgeProposalAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Proposed claims from every source; accept or reject them one by one or in bulk.

    A pending proposal's page writes through the intake services: "Save" corrects it
    (``proposal_update``), "Save and accept" accepts it with the corrections
    (``proposal_accept`` overrides), "Reject" rejects it; a refusal shows on the form.
    """

    service_fields = EDITABLE

    change_form_template = "admin/pledges/pledgeproposal/change_form.html"
    list_display = [
        "actor",
        "kind",
        "status",
        "description",
        "confidence",
        "state",
        "matched_pledge",
        "source",
    ]
    list_filter = ["state", "kind", "status"]
    search_fields = ["quote", "description", "actor__name", "actor__code", "source__title"]
    list_select_related = ["actor", "source", "matched_pledge__actor"]
    autocomplete_fields = ["actor", "recipient", "host", "matched_pledge"]
    actions = ["accept_selected", "reject_selected"]
    ordering = ["-created_at", "quote_start"]
    fieldsets = [
        ("The claim as proposed (correct it before accepting)", {"fields": EDITABLE}),
        ("Evidence and decision", {"fields": RECORD}),
    ]

    # --- permissions: the same as accepting through the API --------------------------------

    def has_add_permission(self, request) -> bool:
        return False  # proposals come from the extractor

    def has_view_permission(self, request, obj=None) -> bool:
        return _may_view(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return _may_decide(request)

    def has_module_permission(self, request) -> bool:
        return _may_view(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # decided proposals are the record of the decision; pending ones are
        # replaced by proposing again

    # --- writes through the intake services ---------------------------------------------------

    def update_object(self, request, obj, data, inlines):
        if "_accept" in request.POST:
            setattr(
                request, ACCEPTED, proposal_accept(proposal=obj, user=request.user, overrides=data)
            )
            return PledgeProposal.objects.get(pk=obj.pk)
        if "_reject" in request.POST:
            return proposal_reject(proposal=obj, user=request.user)
        return proposal_update(instance=obj, data=data, user=request.user)

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # "All proposals of this source", linked from the source page.
        return lookup == "source__id__exact" or super().lookup_allowed(lookup, value, request)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state != ProposalState.PENDING:
            return [*EDITABLE, *RECORD]
        return RECORD

    @admin.display(description="quote")
    def quoted(self, obj: PledgeProposal) -> str:
        return format_html("<blockquote>{}</blockquote>", obj.quote)

    # --- actions ----------------------------------------------------------------------------

    @admin.action(description="Accept the selected proposals", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide_many(request, queryset, accept=True)

    @admin.action(description="Reject the selected proposals", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide_many(request, queryset, accept=False)

    def _decide_many(self, request, queryset, *, accept: bool) -> None:
        done, failed = 0, []
        for proposal in queryset.filter(state=ProposalState.PENDING).order_by("id"):
            try:
                if accept:
                    proposal_accept(proposal=proposal, user=request.user)
                else:
                    proposal_reject(proposal=proposal, user=request.user)
                done += 1
            except ValidationError as error:
                failed.append(f"{proposal}: {_error_text(error)}")
        verb = "accepted" if accept else "rejected"
        self.message_user(request, f"{done} proposal(s) {verb}.", messages.SUCCESS)
        for line in failed:
            self.message_user(request, line, messages.ERROR)

    # --- "Save and accept" / "Save and reject" on a pending proposal's page ----------------

    def response_change(self, request, obj):
        pledge = getattr(request, ACCEPTED, None)
        if pledge is not None:
            self._accepted_message(request, pledge)
        elif "_reject" in request.POST:
            self.message_user(request, "Rejected.", messages.SUCCESS)
        else:
            return super().response_change(request, obj)
        return HttpResponseRedirect(reverse("admin:sources_source_change", args=[obj.source_id]))

    def _accepted_message(self, request, pledge) -> None:
        link = reverse("admin:pledges_pledge_change", args=[pledge.pk])
        self.message_user(
            request,
            format_html('Accepted: recorded in <a href="{}">pledge {}</a>.', link, pledge.pk),
            messages.SUCCESS,
        )

    def _decide_one(self, request, obj: PledgeProposal, *, accept: bool):
        try:
            if accept:
                self._accepted_message(request, proposal_accept(proposal=obj, user=request.user))
            else:
                proposal_reject(proposal=obj, user=request.user)
                self.message_user(request, "Rejected.", messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, _error_text(error), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:pledges_pledgeproposal_change", args=[obj.pk])
            )
        return HttpResponseRedirect(reverse("admin:sources_source_change", args=[obj.source_id]))

    # --- buttons: accept / reject one, propose from a source (confirm, then POST) ----------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/accept/", view(self.accept_view), name="pledges_pledgeproposal_accept"),
            path("<int:pk>/reject/", view(self.reject_view), name="pledges_pledgeproposal_reject"),
            path(
                "propose/<int:source_pk>/",
                view(self.propose_view),
                name="pledges_pledgeproposal_propose",
            ),
            *super().get_urls(),
        ]

    def _confirm(self, request, *, title: str, question: str, button: str, proposal=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "question": question,
            "button": button,
            "proposal": proposal,
        }
        return TemplateResponse(request, "admin/pledges/pledgeproposal/confirm.html", context)

    def accept_view(self, request, pk: int):
        return self._decision_view(request, pk, accept=True)

    def reject_view(self, request, pk: int):
        return self._decision_view(request, pk, accept=False)

    def _decision_view(self, request, pk: int, *, accept: bool):
        if not _may_decide(request):
            raise PermissionDenied
        proposal = get_object_or_404(PledgeProposal.objects.select_related("actor"), pk=pk)
        if request.method == "POST":
            return self._decide_one(request, proposal, accept=accept)
        verb = "Accept" if accept else "Reject"
        question = (
            "Record this claim as a draft pledge citing the quote?"
            if proposal.matched_pledge_id is None
            else f"Add the quote as a citation of pledge {proposal.matched_pledge_id}?"
        )
        return self._confirm(
            request,
            title=f"{verb} proposed claim",
            question=question if accept else "Reject this proposed claim?",
            button=verb,
            proposal=proposal,
        )

    def propose_view(self, request, source_pk: int):
        if not _may_decide(request):
            raise PermissionDenied
        source = get_object_or_404(Source, pk=source_pk)
        if request.method == "POST":
            try:
                proposals = source_propose_claims(source=source)
            except ValidationError as error:
                self.message_user(request, _error_text(error), messages.ERROR)
            else:
                others = source.claim_proposals.pending().count()
                self.message_user(
                    request,
                    f"{len(proposals)} pledge(s) and {others} other claim(s) proposed "
                    "from the text.",
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(reverse("admin:sources_source_change", args=[source.pk]))
        return self._confirm(
            request,
            title="Propose claims from the text",
            question=(
                f"Read the text of “{source.title}” and propose the claims it states? "
                "Pending proposals are replaced; accepted and rejected ones are kept."
            ),
            button="Propose claims",
        )


def proposal_marks(source: Source) -> list[Mark]:
    """The pending proposals of ``source``, marked in its text where their sentence is,
    each followed by accept, edit and reject."""
    marks = []
    for proposal in source.pledge_proposals.pending().select_related("actor"):
        if proposal.quote_start is None:
            continue
        start, what = proposal.quote_start, f"{proposal.actor.code} {proposal.kind}"
        if source.text[start : start + len(proposal.quote)] != proposal.quote:
            continue  # the text changed since; the proposal is in the list below
        marks.append(
            Mark(
                start,
                start + len(proposal.quote),
                "proposal",
                f"proposed: {proposal.actor.name}, {proposal.get_kind_display()} "
                f"({proposal.get_status_display()}), confidence {proposal.confidence:.2f}",
                (
                    (
                        f"accept {what}",
                        reverse("admin:pledges_pledgeproposal_accept", args=[proposal.pk]),
                    ),
                    (
                        f"edit {what}",
                        reverse("admin:pledges_pledgeproposal_change", args=[proposal.pk]),
                    ),
                    (
                        f"reject {what}",
                        reverse("admin:pledges_pledgeproposal_reject", args=[proposal.pk]),
                    ),
                ),
            )
        )
    return marks


# --- Claims that are not pledges ------------------------------------------------------------


def _recorded_link(obj: ClaimProposal) -> str:
    record = obj.accepted_record if obj.accepted_type_id else None
    if record is None:
        return "—"
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return format_html('<a href="{}">{} {}</a>', url, opts.verbose_name, record.pk)


def _claim_buttons(obj: ClaimProposal) -> str:
    if obj.state != ProposalState.PENDING:
        return obj.get_state_display()
    return format_html(
        '<a class="button" href="{}">Accept</a> <a class="button" href="{}">Reject</a>',
        reverse("admin:intake_claimproposal_accept", args=[obj.pk]),
        reverse("admin:intake_claimproposal_reject", args=[obj.pk]),
    )


class ClaimProposalInline(admin.TabularInline):
    """The source's proposed memberships, meetings, attendance, size reports and
    agreements, in text order, with the cue that matched and buttons to decide them."""

    model = ClaimProposal
    fk_name = "source"
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = "proposed claim (not a pledge)"
    verbose_name_plural = (
        "Proposed memberships, meetings, attendance, sizes and agreements (found in the text)"
    )
    fields = ["state", "kind", "actor", "proposed", "confidence", "rationale", "recorded", "decide"]
    readonly_fields = fields
    ordering = ["quote_start", "id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return _may_view(request)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("actor", "meeting", "accepted_type")
            .prefetch_related("accepted_record")
        )

    @admin.display(description="proposed")
    def proposed(self, obj: ClaimProposal) -> str:
        return obj.describe()

    @admin.display(description="recorded as")
    def recorded(self, obj: ClaimProposal) -> str:
        return _recorded_link(obj)

    @admin.display(description="decide")
    def decide(self, obj: ClaimProposal) -> str:
        return _claim_buttons(obj)


class ClaimAcceptForm(forms.Form):
    """What accepting a claim proposal may need that the text does not say; the fields
    the proposal's kind does not take are left out (``ACCEPTABLE``)."""

    coalition = forms.ModelChoiceField(Coalition.objects.order_by("name"), required=False)
    membership_status = forms.ChoiceField(choices=MembershipStatus.choices, required=False)
    started_on = forms.DateField(required=False, help_text="Default: the source's date.")
    meeting = forms.ModelChoiceField(
        Meeting.objects.order_by("-held_on"),
        required=False,
        help_text="The meeting this attendance is at.",
    )
    role = forms.ChoiceField(choices=AttendanceRole.choices, required=False)
    member_count = forms.IntegerField(required=False, min_value=1)
    agreement = forms.ModelChoiceField(
        Agreement.objects.order_by("-signed_on"),
        required=False,
        help_text="Add the actor as a party to this recorded agreement instead.",
    )
    agreement_title = forms.CharField(required=False, max_length=300)
    agreement_kind = forms.ChoiceField(choices=AgreementKind.choices, required=False)
    name = forms.CharField(required=False, max_length=300, help_text="The meeting's name.")
    held_on = forms.DateField(required=False, help_text="Default: the source's date.")

    def __init__(self, *args, proposal: ClaimProposal, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ACCEPTABLE[proposal.kind]
        for name in list(self.fields):
            if name not in allowed:
                del self.fields[name]
        for name, value in (
            ("membership_status", proposal.membership_status),
            ("role", proposal.role),
            ("agreement_kind", proposal.agreement_kind),
            ("member_count", proposal.member_count),
            ("meeting", proposal.meeting_id),
        ):
            if name in self.fields:
                self.fields[name].initial = value

    def accept_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ClaimProposalAdmin(admin.ModelAdmin):
    """Proposed memberships, meetings, attendance, size reports and agreements from
    every source; accept or reject them one by one or in bulk (``intake.services_claims``)."""

    list_display = ["kind", "actor", "proposed", "confidence", "state", "recorded", "source"]
    list_filter = ["state", "kind"]
    search_fields = ["quote", "rationale", "actor__name", "actor__code", "source__title"]
    list_select_related = ["actor", "source", "meeting", "accepted_type"]
    actions = ["accept_selected", "reject_selected"]
    ordering = ["-created_at", "quote_start"]
    fields = [
        "source",
        "kind",
        "actor",
        "proposed",
        "quoted",
        "confidence",
        "rationale",
        "extractor_version",
        "state",
        "recorded",
        "decided_by",
        "decided_at",
        "created_at",
        "decide",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # proposals come from the extractor

    def has_view_permission(self, request, obj=None) -> bool:
        return _may_view(request)

    def has_change_permission(self, request, obj=None) -> bool:
        # The list's actions decide (through the services); a proposal's own page is
        # read-only, its Accept and Reject buttons lead to the decision pages.
        return obj is None and _may_decide(request)

    def has_module_permission(self, request) -> bool:
        return _may_view(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the record of the decision; pending ones are replaced by proposing

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        return lookup == "source__id__exact" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="proposed")
    def proposed(self, obj: ClaimProposal) -> str:
        return obj.describe()

    @admin.display(description="recorded as")
    def recorded(self, obj: ClaimProposal) -> str:
        return _recorded_link(obj)

    @admin.display(description="quote")
    def quoted(self, obj: ClaimProposal) -> str:
        return format_html("<blockquote>{}</blockquote>", obj.quote)

    @admin.display(description="decide")
    def decide(self, obj: ClaimProposal) -> str:
        return _claim_buttons(obj)

    @admin.action(description="Accept the selected proposals", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide_many(request, queryset, accept=True)

    @admin.action(description="Reject the selected proposals", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide_many(request, queryset, accept=False)

    def _decide_many(self, request, queryset, *, accept: bool) -> None:
        done, failed = 0, []
        for proposal in queryset.filter(state=ProposalState.PENDING).order_by("quote_start", "id"):
            try:
                if accept:
                    claim_proposal_accept(proposal=proposal, user=request.user)
                else:
                    claim_proposal_reject(proposal=proposal, user=request.user)
                done += 1
            except ValidationError as error:
                failed.append(f"{proposal}: {_error_text(error)}")
        verb = "accepted" if accept else "rejected"
        self.message_user(request, f"{done} proposal(s) {verb}.", messages.SUCCESS)
        for line in failed:
            self.message_user(request, line, messages.ERROR)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/accept/", view(self.accept_view), name="intake_claimproposal_accept"),
            path("<int:pk>/reject/", view(self.reject_view), name="intake_claimproposal_reject"),
            *super().get_urls(),
        ]

    def accept_view(self, request, pk: int):
        return self._decision_view(request, pk, accept=True)

    def reject_view(self, request, pk: int):
        return self._decision_view(request, pk, accept=False)

    def _decision_view(self, request, pk: int, *, accept: bool):
        if not _may_decide(request):
            raise PermissionDenied
        proposal = get_object_or_404(
            ClaimProposal.objects.select_related("actor", "source", "meeting"), pk=pk
        )
        form = ClaimAcceptForm(request.POST or None, proposal=proposal) if accept else None
        if request.method == "POST":
            done = self._decide_one(request, proposal, form)
            if done is not None:
                return done
        verb = "Accept" if accept else "Reject"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{verb} proposed {proposal.get_kind_display().lower()}",
            "question": (
                "Record this claim as a draft citing the quote?"
                if accept
                else "Reject this proposed claim?"
            ),
            "button": verb,
            "proposal": proposal,
            "proposed": proposal.describe(),
            "form": form,
        }
        return TemplateResponse(request, "admin/intake/claimproposal/decide.html", context)

    def _decide_one(self, request, proposal: ClaimProposal, form):
        """Decide and go back to the source page; None to show the form again."""
        if form is not None and not form.is_valid():
            return None
        try:
            if form is None:
                claim_proposal_reject(proposal=proposal, user=request.user)
                self.message_user(request, "Rejected.", messages.SUCCESS)
            else:
                record = claim_proposal_accept(
                    proposal=proposal, user=request.user, data=form.accept_data()
                )
                opts = record._meta
                link = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
                self.message_user(
                    request,
                    format_html(
                        'Accepted: recorded as <a href="{}">{} {}</a>.',
                        link,
                        opts.verbose_name,
                        record.pk,
                    ),
                    messages.SUCCESS,
                )
        except ValidationError as error:
            placed = False
            if form is not None:
                for field, msgs in error.message_dict.items():
                    if field in form.fields:
                        form.add_error(field, msgs)
                        placed = True
            if not placed:
                self.message_user(request, _error_text(error), messages.ERROR)
            return None
        return HttpResponseRedirect(
            reverse("admin:sources_source_change", args=[proposal.source_id])
        )


def claim_proposal_marks(source: Source) -> list[Mark]:
    """The pending claim proposals of ``source``, marked where their sentence is, with
    the cue that matched, each followed by accept and reject."""
    marks = []
    for proposal in source.claim_proposals.pending().select_related("actor", "meeting"):
        if proposal.quote_start is None:
            continue
        start = proposal.quote_start
        if source.text[start : start + len(proposal.quote)] != proposal.quote:
            continue  # the text changed since; the proposal is in the list below
        what = f"{proposal.actor.code + ' ' if proposal.actor_id else ''}{proposal.kind}"
        marks.append(
            Mark(
                start,
                start + len(proposal.quote),
                "proposal",
                f"proposed {proposal.get_kind_display().lower()}: "
                f"{proposal.actor.name + ', ' if proposal.actor_id else ''}"
                f"{proposal.describe()}, confidence {proposal.confidence:.2f} "
                f"({proposal.rationale or 'no reason recorded'})",
                (
                    (
                        f"accept {what}",
                        reverse("admin:intake_claimproposal_accept", args=[proposal.pk]),
                    ),
                    (
                        f"reject {what}",
                        reverse("admin:intake_claimproposal_reject", args=[proposal.pk]),
                    ),
                ),
            )
        )
    return marks


admin.site.register(PledgeProposal, PledgeProposalAdmin)
admin.site.register(ClaimProposal, ClaimProposalAdmin)
SourceAdmin.inlines = [*SourceAdmin.inlines, PledgeProposalInline, ClaimProposalInline]
SourceAdmin.mark_providers = [
    *SourceAdmin.mark_providers,
    proposal_marks,
    claim_proposal_marks,
]
