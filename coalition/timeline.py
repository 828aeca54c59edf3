"""Coalition size over time: tracked members per date beside the sizes sources report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection

from coalition.models import Coalition

_TIMELINE_SQL = """
WITH days AS (
    SELECT started_on AS day FROM coalition_membership
     WHERE coalition_id = %(c)s AND (%(all)s OR review_status = 'verified')
    UNION
    SELECT ended_on FROM coalition_membership
     WHERE coalition_id = %(c)s AND ended_on IS NOT NULL
       AND (%(all)s OR review_status = 'verified')
    UNION
    SELECT reported_on FROM coalition_sizereport
     WHERE coalition_id = %(c)s AND (%(all)s OR review_status = 'verified')
)
SELECT d.day,
       (SELECT count(*) FROM coalition_membership m
         WHERE m.coalition_id = %(c)s AND m.status = 'member'
           AND (%(all)s OR m.review_status = 'verified')
           AND m.started_on <= d.day AND (m.ended_on IS NULL OR m.ended_on > d.day)),
       r.member_count, r.qualifier
  FROM days d
  LEFT JOIN LATERAL (
        SELECT member_count, qualifier FROM coalition_sizereport s
         WHERE s.coalition_id = %(c)s AND s.reported_on = d.day
           AND (%(all)s OR s.review_status = 'verified')
         ORDER BY member_count DESC LIMIT 1) r ON true
 ORDER BY d.day
"""


@dataclass(frozen=True)
class TimelinePoint:
    day: dt.date
    tracked_members: int
    reported_members: int | None
    reported_qualifier: str | None


def coalition_timeline(
    *, coalition: Coalition, include_unverified: bool = False
) -> list[TimelinePoint]:
    """One point per date on which membership changes or a source reports a size.

    ``tracked_members`` counts actors with status ``member`` in force that day;
    ``reported_members`` is the largest figure a source gives for that day. One query.
    """
    with connection.cursor() as cursor:
        cursor.execute(_TIMELINE_SQL, {"c": coalition.pk, "all": include_unverified})
        return [TimelinePoint(*row) for row in cursor.fetchall()]
