"""The analysts' dashboard in the admin: what the database says, at a glance.

Drafts are left out of every chart (the page says how many); the charts colour each
status by its meaning (reports/charts.py, MEANING) and carry their numbers."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q, Sum
from django.template.response import TemplateResponse

from coalition.models import Coalition
from coalition.timeline import coalition_timeline
from money.choices import ConversionTarget
from pledges.choices import PledgeKind, PledgeStatus
from pledges.models import Pledge
from reports.charts import MEANING, bar_chart, stacked_bar_chart, step_chart
from sources.choices import ReviewStatus

LIVE = ~Q(status__in=[PledgeStatus.REFUSED, PledgeStatus.DECLINED, PledgeStatus.WITHDRAWN])
TOP = 15  # actors per chart, largest first
GAP = "promised, not delivered"


def dashboard(request):
    pledges = Pledge.objects.exclude(review_status=ReviewStatus.DRAFT)
    drafts = Pledge.objects.filter(review_status=ReviewStatus.DRAFT).count()

    by_kind: dict[str, dict[str, int]] = {}
    for row in pledges.values("kind", "status").annotate(n=Count("id")):
        by_kind.setdefault(row["kind"], {})[row["status"]] = row["n"]
    kind_rows = [(PledgeKind(k).label.split(" (")[0], v) for k, v in sorted(by_kind.items())]

    def per_actor(kind: str):
        rows = (
            pledges.filter(LIVE, kind=kind, quantity__isnull=False)
            .values("actor__name")
            .annotate(total=Sum("quantity"))
            .order_by("-total")[:TOP]
        )
        return [(r["actor__name"], r["total"]) for r in rows]

    # per actor and kind: a kind's pledges count one unit (troops, aircraft ...), kinds
    # do not add up
    delivery = (
        pledges.filter(committed_quantity__isnull=False)
        .values("actor__name", "kind")
        .annotate(committed=Sum("committed_quantity"), delivered=Sum("delivered_quantity"))
        .order_by("-committed", "actor__name", "kind")[:TOP]
    )
    delivery_rows = [
        (
            f"{r['actor__name']} · {PledgeKind(r['kind']).label.split(' (')[0]}",
            {
                PledgeStatus.DELIVERED.value: min(r["delivered"], r["committed"]),
                GAP: max(r["committed"] - r["delivered"], 0),
            },
        )
        for r in delivery
    ]

    usd = Q(conversions__target=ConversionTarget.USD, conversions__amount__isnull=False)
    with_amount = pledges.filter(LIVE, amount__isnull=False)
    money = (
        with_amount.filter(usd)
        .values("actor__name")
        .annotate(usd=Sum("conversions__amount"))
        .order_by("-usd", "actor__name")[:TOP]
    )
    money_rows = [(r["actor__name"], float(r["usd"]) / 1e6) for r in money]
    unconverted = with_amount.exclude(pk__in=pledges.filter(usd).values("pk")).count()

    coalitions = list(Coalition.objects.order_by("name"))
    chosen = next(
        (c for c in coalitions if c.slug == request.GET.get("coalition")),
        coalitions[0] if coalitions else None,
    )
    timeline = coalition_timeline(coalition=chosen, include_unverified=True) if chosen else []
    context = {
        **admin.site.each_context(request),
        "title": "Dashboard",
        "drafts": drafts,
        "pledges_by_kind": stacked_bar_chart(
            kind_rows, series=PledgeStatus.values, name="Pledges by kind and status"
        ),
        "troops_per_actor": bar_chart(
            per_actor(PledgeKind.TROOPS), unit="personnel", name="Troops pledged per actor"
        ),
        "aircraft_per_actor": bar_chart(
            per_actor(PledgeKind.AIRCRAFT), unit="aircraft", name="Aircraft pledged per actor"
        ),
        "promised_delivered": stacked_bar_chart(
            delivery_rows,
            series=[PledgeStatus.DELIVERED.value, GAP],
            name="Promised against delivered, per actor and kind",
        ),
        "money_per_actor": bar_chart(
            money_rows,
            unit="million USD",
            name="Money pledged per donor, million USD",
            colour=MEANING["committed"],
        ),
        "unconverted": unconverted,
        "coalitions": coalitions,
        "coalition": chosen,
        "size_over_time": step_chart(
            [(p.day, p.tracked_members, p.reported_members) for p in timeline],
            name=f"Members of {chosen.name} over time" if chosen else "Members over time",
        ),
        "timeline": timeline,
    }
    return TemplateResponse(request, "admin/dashboard.html", context)
