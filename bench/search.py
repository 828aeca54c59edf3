"""The search scenarios of ``bench/run.py`` (issue 18: p50 <= 50 ms for a selective
term at 1M pledges and 2M citations), kept apart from the list scenarios.

The selective term is an actor's one-word name that about 1 in 2,000 pledges is by
(about 500 at full scale): its name is in those pledges' descriptions and quotes, and in
the titles of about 1 in 250 sources and some membership quotes, so a few thousand of
the 3.2M indexed texts match and are ranked. A second scenario searches one pledge's
number (a handful of matches), a third a term in every description (the worst case,
recorded, no target).
"""

from __future__ import annotations

from urllib.parse import urlencode

API = "/api/v1/search/"
TARGET_MS = 50


def selective_term(conn, pledges: int) -> tuple[str, int]:
    """A one-word actor name with about ``pledges / 2000`` pledges, and that count."""
    row = conn.execute(
        "SELECT a.name, count(*) FROM coalition_actor a JOIN pledges_pledge p "
        "ON p.actor_id = a.id WHERE a.name ~ '^[A-Za-z]+$' GROUP BY a.name "
        "ORDER BY abs(count(*) - %s), a.name LIMIT 1",
        [max(1, pledges // 2000)],
    ).fetchone()
    return (row[0], row[1]) if row else ("Iraq", 0)


def scenarios(term: str, term_pledges: int, pledge_id: int) -> list[tuple[str, str, str]]:
    """(key, label, path) of each search scenario."""

    def path(**params) -> str:
        return f"{API}?{urlencode(params)}"

    return [
        (
            "search",
            f"search, selective term ({term!r}, {term_pledges:,} pledges)",
            path(q=term, limit=20),
        ),
        ("search_rare", f"search, one pledge's number ({pledge_id})", path(q=str(pledge_id))),
        ("search_common", "search, a term in every pledge ('operations')", path(q="operations")),
    ]


def target(point) -> tuple[str, str, str]:
    """The issue's target for the selective search, from its one-at-a-time run."""
    name = f"search p50 <= {TARGET_MS} ms, selective term"
    if not point.single:
        return (name, point.note or "not measured", "SKIP")
    p50 = point.single["p50_us"] / 1000
    at_load = point.wrk["p50_us"] / 1000 if point.wrk else float("nan")
    return (
        name,
        f"{p50:.1f} ms one at a time ({at_load:.0f} ms at saturation)",
        "PASS" if p50 <= TARGET_MS else "FAIL",
    )
