"""One ranked search over pledges, memberships, sources and actors, in one statement.

Claims and sources match by PostgreSQL full-text search on the stored ``search_vector``
columns (``search/migrations/0001_search_index.py``: the ``search_en`` configuration,
English stemming without accents); a pledge matches by its description or any of its
quotes, a membership by its quotes. Actors match by trigram similarity of their name
without accents, or by their exact code. Each hit's rank is ``ts_rank`` (the best of a
claim's texts; descriptions and titles weigh more than quotes, quotes more than article
text) or, for actors, the similarity (0 to 1, so a name that matches ranks first).

The page is cut in SQL (``count(*) OVER ()`` gives the number of hits before it), and the
titles and ``ts_headline`` snippets are made for the page's rows only.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from django.db import connections

from coalition.models import Actor, Coalition, Membership, MembershipCitation
from pledges.models import Pledge, PledgeCitation
from sources.choices import ReviewStatus
from sources.models import Source

TYPES = ("pledge", "membership", "source", "actor")
CONFIG = "search_en"

# What each filter applies to; a type without the filter's field is left out when the
# filter is given.
FILTERED_TYPES = {
    "actor": {"pledge", "membership", "actor"},
    "kind": {"pledge"},
    "coalition": {"pledge", "membership"},
}

# ts_headline marks matches with two control characters (removed from the text first),
# so that the snippet can be HTML-escaped and then marked with <mark>.
START, STOP = "\x01", "\x02"
# Descriptions and quotes are short: the whole text up to 35 words. Article texts: the
# two best fragments.
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15"
TEXT_HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)
# The query as a constant in each arm (not a column of the ``query`` CTE), so that the
# planner estimates each text index's matches from its statistics.
TSQ = f"websearch_to_tsquery('{CONFIG}', %(q)s)"


@dataclass
class Search:
    """What to search for and in what: ``q`` in websearch syntax ("quoted phrases",
    ``or``, ``-word``), the types, the filters, the readers' visibility and the page."""

    q: str
    types: set[str] = field(default_factory=lambda: set(TYPES))
    actor: Actor | None = None
    kinds: list[str] = field(default_factory=list)
    coalition: Coalition | None = None
    verified_pledges_only: bool = True
    verified_memberships_only: bool = True
    limit: int = 20
    offset: int = 0

    def searched_types(self) -> set[str]:
        types = set(self.types)
        for name, applies in FILTERED_TYPES.items():
            value = {"actor": self.actor, "kind": self.kinds, "coalition": self.coalition}[name]
            if value:
                types &= applies
        return types


@dataclass
class Hit:
    type: str
    id: int
    rank: float
    title: str
    snippet: str
    actor: str | None
    key: str  # the lookup value of its API route (the id, or the actor's code)


def _table(model) -> str:
    return connections[model.objects.db].ops.quote_name(model._meta.db_table)


def _claim_filters(search: Search, alias: str, *, verified_only: bool, kinds: bool) -> str:
    parts = []
    if verified_only:
        parts.append(f"{alias}.review_status = %(verified)s")
    if search.actor is not None:
        parts.append(f"{alias}.actor_id = %(actor)s")
    if search.coalition is not None:
        parts.append(f"{alias}.coalition_id = %(coalition)s")
    if kinds and search.kinds:
        parts.append(f"{alias}.kind = ANY(%(kinds)s)")
    return "".join(f" AND {part}" for part in parts)


def _arms(search: Search) -> list[str]:
    types = search.searched_types()
    pledge, pledge_citation = _table(Pledge), _table(PledgeCitation)
    membership, membership_citation = _table(Membership), _table(MembershipCitation)
    arms = []
    if "pledge" in types:
        where = _claim_filters(search, "p", verified_only=search.verified_pledges_only, kinds=True)
        arms += [
            f"SELECT 'pledge', p.id, ts_rank(p.search_vector, {TSQ}) "
            f"FROM {pledge} p WHERE p.search_vector @@ {TSQ}{where}",
            f"SELECT 'pledge', c.pledge_id, ts_rank(c.search_vector, {TSQ}) "
            f"FROM {pledge_citation} c JOIN {pledge} p ON p.id = c.pledge_id "
            f"WHERE c.search_vector @@ {TSQ}{where}",
        ]
    if "membership" in types:
        where = _claim_filters(
            search, "m", verified_only=search.verified_memberships_only, kinds=False
        )
        arms.append(
            f"SELECT 'membership', c.membership_id, ts_rank(c.search_vector, {TSQ}) "
            f"FROM {membership_citation} c JOIN {membership} m ON m.id = c.membership_id "
            f"WHERE c.search_vector @@ {TSQ}{where}"
        )
    if "source" in types:
        arms.append(
            f"SELECT 'source', s.id, ts_rank(s.search_vector, {TSQ}) "
            f"FROM {_table(Source)} s WHERE s.search_vector @@ {TSQ}"
        )
    if "actor" in types:
        where = " AND a.id = %(actor)s" if search.actor is not None else ""
        arms.append(
            "SELECT 'actor', a.id, GREATEST("
            "word_similarity(search_fold(%(q)s), search_fold(a.name)), "
            "CASE WHEN a.code = upper(%(q)s) THEN 1 END) "
            f"FROM {_table(Actor)} a "
            f"WHERE (search_fold(%(q)s) <%% search_fold(a.name) OR a.code = upper(%(q)s)){where}"
        )
    return arms


_PAGE_SQL = """
WITH query AS (
    SELECT websearch_to_tsquery('{config}', %(q)s) AS tsq
), hits (type, id, rank) AS (
    {arms}
), page AS (
    SELECT type, id, max(rank) AS rank, count(*) OVER () AS total
      FROM hits GROUP BY type, id
     ORDER BY max(rank) DESC, type, id
     LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.type, page.id, page.rank, page.total,
       CASE page.type
         WHEN 'pledge' THEN pa.name || ': ' || p.kind || ' (' || p.status || ')'
         WHEN 'membership' THEN pa.name || ': ' || m.status || ' of ' || co.name
         WHEN 'source' THEN s.title
         ELSE a.name
       END AS title,
       CASE page.type
         WHEN 'pledge' THEN CASE
           WHEN p.search_vector @@ query.tsq
             THEN ts_headline('{config}', translate(p.description, %(marks)s, ''),
                              query.tsq, %(options)s)
           ELSE (SELECT ts_headline('{config}', translate(c.quote, %(marks)s, ''),
                                    query.tsq, %(options)s)
                   FROM {pledge_citation} c
                  WHERE c.pledge_id = p.id AND c.search_vector @@ query.tsq
                  ORDER BY c.id LIMIT 1)
           END
         WHEN 'membership' THEN
           (SELECT ts_headline('{config}', translate(c.quote, %(marks)s, ''),
                               query.tsq, %(options)s)
              FROM {membership_citation} c
             WHERE c.membership_id = m.id AND c.search_vector @@ query.tsq
             ORDER BY c.id LIMIT 1)
         WHEN 'source' THEN CASE
           WHEN ts_filter(s.search_vector, '{{d}}') @@ query.tsq
             THEN ts_headline('{config}', translate(s.text, %(marks)s, ''),
                              query.tsq, %(text_options)s)
           ELSE ts_headline('{config}', translate(s.title, %(marks)s, ''),
                            query.tsq, %(options)s)
           END
         ELSE concat_ws(' — ', a.name, NULLIF(a.official_name, ''))
       END AS snippet,
       pa.code AS actor,
       COALESCE(a.code, page.id::text) AS key
  FROM page CROSS JOIN query
  LEFT JOIN {pledge} p ON page.type = 'pledge' AND p.id = page.id
  LEFT JOIN {membership} m ON page.type = 'membership' AND m.id = page.id
  LEFT JOIN {source} s ON page.type = 'source' AND s.id = page.id
  LEFT JOIN {actor} a ON page.type = 'actor' AND a.id = page.id
  LEFT JOIN {actor} pa ON pa.id = COALESCE(p.actor_id, m.actor_id, a.id)
  LEFT JOIN {coalition} co ON co.id = m.coalition_id
 ORDER BY page.rank DESC, page.type, page.id
"""


def _highlight(snippet: str | None) -> str:
    """The snippet HTML-escaped, its matches in ``<mark>``: safe to show as HTML."""
    text = html.escape(snippet or "", quote=False)
    return text.replace(START, "<mark>").replace(STOP, "</mark>")


def run_search(search: Search) -> tuple[list[Hit], int]:
    """The page of hits, best first (rank, then type and id), and how many there are."""
    arms = _arms(search)
    if not arms:
        return [], 0
    sql = _PAGE_SQL.format(
        config=CONFIG,
        arms="\n    UNION ALL\n    ".join(arms),
        pledge=_table(Pledge),
        pledge_citation=_table(PledgeCitation),
        membership=_table(Membership),
        membership_citation=_table(MembershipCitation),
        source=_table(Source),
        actor=_table(Actor),
        coalition=_table(Coalition),
    )
    params = {
        "q": search.q,
        "verified": ReviewStatus.VERIFIED.value,
        "actor": search.actor.pk if search.actor else None,
        "coalition": search.coalition.pk if search.coalition else None,
        "kinds": list(search.kinds),
        "limit": search.limit,
        "offset": search.offset,
        "options": HEADLINE_OPTIONS,
        "text_options": TEXT_HEADLINE_OPTIONS,
        "marks": START + STOP,
    }
    with connections[Pledge.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    hits = [
        Hit(
            type=kind,
            id=pk,
            rank=round(float(rank), 6),
            title=title or "",
            snippet=_highlight(snippet) if kind != "actor" else html.escape(snippet or ""),
            actor=actor,
            key=key,
        )
        for kind, pk, rank, _, title, snippet, actor, key in rows
    ]
    if rows:
        return hits, rows[0][3]
    if search.offset:  # past the last page: the count comes from the first
        first = run_search(Search(**{**search.__dict__, "limit": 1, "offset": 0}))
        return [], first[1]
    return [], 0
