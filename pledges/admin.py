from django import forms
from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportMixin

from money.choices import ConversionTarget
from pledges.models import Pledge, PledgeCitation, PledgeConversion, PledgeParty, PledgeStage
from pledges.resources import PledgeResource
from pledges.services import PLEDGE_SERVICES, STAGE_FIELDS
from sources.admin import CitationInline, ClaimAdmin
from sources.validators import currency_choices

#: The currency fields, chosen from ISO 4217 (code and name) instead of typed.
CURRENCY_FIELDS = ("currency", "reported_conversion_currency")


class PledgeCitationInline(CitationInline):
    model = PledgeCitation


class PledgeStageInline(admin.TabularInline):
    model = PledgeStage
    extra = 0
    fields = ["status", *STAGE_FIELDS]


class PledgePartyInline(admin.TabularInline):
    """The other parties of a joint pledge, in order; the lead is the pledge's actor."""

    model = PledgeParty
    fields = ["actor"]
    autocomplete_fields = ["actor"]
    extra = 0
    verbose_name = "partner"
    verbose_name_plural = "partners in a joint pledge (the lead is the actor above)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(ordinal__gt=1)


@admin.register(Pledge)
class PledgeAdmin(ImportExportMixin, ClaimAdmin):
    """One screen: who, what, how much, to whom, where, when, and the quote that says so."""

    # What tells rows apart, in a width that fits 1366 px; status and review are edited in
    # the list (through the services, refused if someone changed them meanwhile).
    list_display = [
        "description_display",
        "actor_display",
        "kind",
        "status",
        "quantity_display",
        "money_display",
        "recipient_display",
        "announced_on",
        "review_status",
    ]
    list_display_links = ["description_display"]
    list_editable = ["status", "review_status"]
    list_filter = [
        "review_status",
        "kind",
        "status",
        "coalition",
        ("announced_on", admin.DateFieldListFilter),
    ]
    search_fields = [
        "description",
        "actor__name",
        "actor__code",
        "actor__aliases",
        "asset",
        "citations__quote",
        "citations__source__title",
    ]
    autocomplete_fields = ["actor", "coalition", "recipient", "host", "agreement"]
    list_select_related = ["actor", "recipient", "host"]
    date_hierarchy = "announced_on"
    fieldsets = [
        (None, {"fields": [("actor", "coalition"), ("kind", "status"), "description"]}),
        (
            "How much",
            {
                "fields": [
                    ("quantity_qualifier", "quantity", "quantity_max", "quantity_unit"),
                    ("amount", "currency"),
                    ("reported_conversion_amount", "reported_conversion_currency"),
                    "conversions_display",
                ]
            },
        ),
        ("Joint pledge", {"fields": ["quantity_basis"]}),
        ("People", {"fields": ["personnel_role"]}),
        ("To whom, where", {"fields": [("recipient", "host"), "asset"]}),
        ("Made under", {"fields": ["agreement"]}),
        (
            "Conditions",
            {
                "fields": [
                    ("applies_in", "excluded_from"),
                    "caveats",
                    ("duration", "duration_unit"),
                    ("pending_approval", "pending_approval_note"),
                ]
            },
        ),
        (
            "Delivery (computed from the stages)",
            {"fields": [("committed_quantity", "delivered_quantity", "delivery_gap")]},
        ),
        (
            "When",
            {"fields": [("announced_on", "announced_on_precision"), ("starts_on", "ends_on")]},
        ),
        ("Review", {"fields": [("review_status", "verified_by", "verified_at")]}),
    ]
    readonly_fields = [
        "committed_quantity",
        "delivered_quantity",
        "delivery_gap",
        "conversions_display",
    ]
    inlines = [PledgeCitationInline, PledgePartyInline, PledgeStageInline]
    resource_classes = [PledgeResource]
    services = PLEDGE_SERVICES

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in CURRENCY_FIELDS:
            return forms.ChoiceField(
                choices=currency_choices(),
                required=False,
                label=db_field.verbose_name.capitalize(),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        """Each row with its amount in USD (one subquery, not a query per row)."""
        usd = PledgeConversion.objects.filter(pledge=OuterRef("pk"), target=ConversionTarget.USD)
        return super().get_queryset(request).annotate(amount_usd=Subquery(usd.values("amount")[:1]))

    @admin.display(description="actor", ordering="actor__code")
    def actor_display(self, obj: Pledge) -> str:
        return format_html('<abbr title="{}">{}</abbr>', obj.actor.name, obj.actor.code)

    @admin.display(description="recipient", ordering="recipient__code")
    def recipient_display(self, obj: Pledge) -> str:
        if obj.recipient is None:
            return "—"
        return format_html('<abbr title="{}">{}</abbr>', obj.recipient.name, obj.recipient.code)

    @admin.display(description="description", ordering="description")
    def description_display(self, obj: Pledge) -> str:
        return truncatechars(obj.description, 60) or f"(no description) #{obj.pk}"

    @admin.display(description="money (in USD)", ordering="amount")
    def money_display(self, obj: Pledge) -> str:
        """The amount in its own currency, and in USD when it was converted."""
        if obj.amount is None:
            return "—"
        shown = f"{obj.amount:,.0f} {obj.currency}"
        usd = getattr(obj, "amount_usd", None)
        if obj.currency != "USD":
            shown += f" ({usd:,.0f} USD)" if usd is not None else " (not converted)"
        return shown

    # --- Money: the stored conversions, shown (the services write them) ------------------

    @admin.display(description="in USD and EUR")
    def conversions_display(self, obj: Pledge | None) -> str:
        """Each conversion with its rate, date, rule and source, or why there is none."""
        rows = list(obj.conversions.all()) if obj and obj.pk else []
        if not rows:
            return "— (computed on save from the amount, currency and date)"
        return format_html_join(
            "",
            "<div>{}</div>",
            (
                (
                    f"{c.amount:,} {c.target} at {c.rate.normalize()} on {c.rate_date or '—'} "
                    f"({c.get_date_rule_display()}; {c.rates_source or 'no rate needed'}; "
                    f"{c.rates_version})"
                    if c.amount is not None
                    else f"{c.target}: not converted — {c.get_unconverted_reason_display()}",
                )
                for c in rows
            ),
        )

    def nested_data(self, inlines, *, change: bool) -> dict:
        """The citation, stage and partner rows (each left out on a change that did not
        touch them)."""
        data = super().nested_data(inlines, change=change)
        stages = inlines.rows("stages", PledgeStage, ("status", *STAGE_FIELDS), change=change)
        if stages is not None or not change:
            data["stages"] = stages or []
        partners = inlines.rows("parties", PledgeParty, ("actor",), change=change)
        if partners is not None or not change:
            data["parties"] = [row["actor"] for row in partners or [] if row.get("actor")]
        return data

    def process_result(self, result, request):
        """A confirmed import that the services refused (a row changed since the preview)
        wrote nothing: say so, and which rows, instead of the success message."""
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        refused = [f"row {r.number}: {' '.join(r.error.messages)}" for r in result.invalid_rows]
        refused += [f"row {number}: {errors[0].error}" for number, errors in result.row_errors()]
        self.message_user(request, "Nothing was imported. " + "; ".join(refused), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:pledges_pledge_import"))

    @admin.display(description="quantity", ordering="quantity")
    def quantity_display(self, obj: Pledge) -> str:
        if obj.quantity is None:
            return "—"
        if obj.quantity_max is not None:
            return f"{obj.quantity:,} to {obj.quantity_max:,} {obj.quantity_unit}".strip()
        prefix = {
            "exact": "",
            "about": "about ",
            "at_least": "at least ",
            "more_than": "more than ",
            "up_to": "up to ",
        }.get(obj.quantity_qualifier, "")
        return f"{prefix}{obj.quantity:,} {obj.quantity_unit}".strip()
