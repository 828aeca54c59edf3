from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef

from api.filters import ChoicesFilter, CodeFilter, IdFilter, SlugFilter, cited_by_source_filter
from coalition.api.filters import review_status_filter
from coalition.models import Actor, Coalition
from pledges.choices import PledgeKind, PledgeStatus
from pledges.models import Pledge, PledgeCitation, PledgeParty
from sources.api.filters import StrictBooleanFilter


class PledgeFilterSet(django_filters.FilterSet):
    actor = CodeFilter(
        model=Actor, field_name="actor__code", label="Code of the actor that pledged (AUS)."
    )
    party = CodeFilter(
        model=Actor,
        method="filter_party",
        label="Code of any party of the pledge: its lead (`actor`) or a partner in a joint "
        "pledge (SWE finds 'Norway and Sweden will jointly provide ...').",
    )
    kind = ChoicesFilter(choices=PledgeKind.choices, label="Kind (repeat for several).")
    status = ChoicesFilter(choices=PledgeStatus.choices, label="Status (repeat for several).")
    coalition = SlugFilter(model=Coalition, field_name="coalition__slug", label="Coalition slug.")
    recipient = CodeFilter(
        model=Actor, field_name="recipient__code", label="Code of the recipient."
    )
    host = CodeFilter(model=Actor, field_name="host__code", label="Code of the host country.")
    announced_from = django_filters.DateFilter(
        field_name="announced_on", lookup_expr="gte", label="Announced on or after this day."
    )
    announced_to = django_filters.DateFilter(
        field_name="announced_on", lookup_expr="lte", label="Announced on or before this day."
    )
    agreement = IdFilter(
        field_name="agreement_id", label="Only pledges made under this agreement (its id)."
    )
    source = cited_by_source_filter(PledgeCitation, "pledge")
    review_status = review_status_filter()
    as_of = django_filters.DateFilter(
        method="filter_as_of",
        label=(
            "What was true in the world on this day: pledges made by then (announced, or "
            "with a stage, on or before it), each with `status_as_of`, the status it had "
            "that day (from its stages: announced, committed, withdrawn ...). Undated "
            "pledges (no `announced_on`, no dated stage) are left out, and the list says "
            "how many (`undated_excluded`), unless `include_undated=true`."
        ),
    )
    include_undated = StrictBooleanFilter(
        method="filter_include_undated",
        label="With `as_of`: also the undated pledges, which no day can place (without "
        "`as_of`, nothing is left out and this changes nothing).",
    )

    class Meta:
        model = Pledge
        fields = []

    #: The undated pledges that ``as_of`` left out (the other filters applied), for the
    #: list to count (api/pagination.py); None without ``as_of`` or with ``include_undated``.
    undated_excluded = None

    def filter_queryset(self, queryset):
        """The filters in the form's order, but ``as_of`` last: it counts the undated
        pledges that the others keep."""
        data = self.form.cleaned_data
        for name in sorted(data, key=lambda name: name == "as_of"):
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    def filter_include_undated(self, queryset, name, value):
        return queryset  # read by filter_as_of; nothing to do without as_of

    def filter_party(self, queryset, name, value):
        # ``id``, not ``pk``: the history's event rows (known_at) carry the pledge's id.
        parties = PledgeParty.objects.filter(pledge_id=OuterRef("id"), actor__code=value)
        return queryset.filter(Exists(parties))

    def filter_as_of(self, queryset, name, value):
        include_undated = bool(self.form.cleaned_data.get("include_undated"))
        if not include_undated:
            self.undated_excluded = queryset.undated()
        return queryset.as_of(value, include_undated=include_undated)
