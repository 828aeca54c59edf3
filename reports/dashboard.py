"""The analysts' dashboard in the admin: what the database says, at a glance."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q, Sum
from django.template.response import TemplateResponse

from coalition.models import Coalition
from coalition.timeline import coalition_timeline
from pledges.choices import PledgeKind, PledgeStatus
from pledges.models import Pledge
from reports.charts import bar_chart, stacked_bar_chart, step_chart

LIVE = ~Q(status__in=[PledgeStatus.REFUSED, PledgeStatus.DECLINED, PledgeStatus.WITHDRAWN])


def dashboard(request):
    by_kind: dict[str, dict[str, int]] = {}
    for row in Pledge.objects.values("kind", "status").annotate(n=Count("id")):
        by_kind.setdefault(row["kind"], {})[row["status"]] = row["n"]
    kind_rows = [(PledgeKind(k).label.split(" (")[0], v) for k, v in sorted(by_kind.items())]

    def per_actor(kind: str):
        rows = (
            Pledge.objects.filter(LIVE, kind=kind, quantity__isnull=False)
            .values("actor__name")
            .annotate(total=Sum("quantity"))
            .order_by("-total")[:15]
        )
        return [(r["actor__name"], r["total"]) for r in rows]

    coalitions = list(Coalition.objects.order_by("name"))
    chosen = next(
        (c for c in coalitions if c.slug == request.GET.get("coalition")),
        coalitions[0] if coalitions else None,
    )
    timeline = coalition_timeline(coalition=chosen, include_unverified=True) if chosen else []
    context = {
        **admin.site.each_context(request),
        "title": "Dashboard",
        "pledges_by_kind": stacked_bar_chart(kind_rows, series=PledgeStatus.values),
        "troops_per_actor": bar_chart(per_actor(PledgeKind.TROOPS), unit="personnel"),
        "aircraft_per_actor": bar_chart(per_actor(PledgeKind.AIRCRAFT), unit="aircraft"),
        "coalitions": coalitions,
        "coalition": chosen,
        "size_over_time": step_chart(
            [(p.day.isoformat(), p.tracked_members, p.reported_members) for p in timeline]
        ),
        "timeline": timeline,
    }
    return TemplateResponse(request, "admin/dashboard.html", context)
