"""The coalition app's answers beyond CRUD (issue 5), mixed into its viewsets: history
and restore on every resource, ``known_at`` on memberships (``as_of`` is one of their
filters), exports of actors, coalitions and memberships, a coalition's timeline."""

from __future__ import annotations

from api.export import ExportMixin, cited_source_ids
from coalition.api.timeline import CoalitionTimelineMixin
from coalition.models import MembershipCitation
from history.api import HistoryMixin
from history.known_at import KnownAtMixin

TIMESTAMP_COLUMNS = {"created_at": "created_at", "updated_at": "updated_at"}


class ActorAnswersMixin(HistoryMixin, ExportMixin):
    export_columns = {
        "id": "id",
        "code": "code",
        "kind": "kind",
        "name": "name",
        "official_name": "official_name",
        "alpha2": "alpha2",
        "numeric": "numeric",
        "parent": "parent__code",
        "aliases": "aliases",
        "description": "description",
        **TIMESTAMP_COLUMNS,
    }
    export_notes = "`parent` is the parent's code; `aliases` are `;`-separated in CSV."


class CoalitionAnswersMixin(HistoryMixin, CoalitionTimelineMixin, ExportMixin):
    export_columns = {
        "id": "id",
        "slug": "slug",
        "name": "name",
        "lead": "lead__code",
        "started_on": "started_on",
        "started_on_precision": "started_on_precision",
        "ended_on": "ended_on",
        "description": "description",
        **TIMESTAMP_COLUMNS,
    }
    export_notes = "`lead` is the leading actor's code."


class MembershipAnswersMixin(HistoryMixin, KnownAtMixin, ExportMixin):
    export_columns = {
        "id": "id",
        "coalition": "coalition__slug",
        "actor": "actor__code",
        "actor_name": "actor__name",
        "status": "status",
        "started_on": "started_on",
        "started_on_precision": "started_on_precision",
        "ended_on": "ended_on",
        "ended_on_precision": "ended_on_precision",
        "note": "note",
        "review_status": "review_status",
        "verified_at": "verified_at",
        "source_ids": cited_source_ids(MembershipCitation, "membership"),
        **TIMESTAMP_COLUMNS,
    }
    export_notes = (
        "`coalition` is a slug, `actor` a code; periods are `[started_on, ended_on)`; "
        "`source_ids` lists the sources cited, `;`-separated in CSV."
    )
    # Beside the resource's own example: what only the export has.
    export_example = {"actor_name": "Australia", "source_ids": [3]}
