"""What an integrator writes with openapi-python-client, generated with its defaults from
docs/openapi.yaml (tests/clients/run.py generates, type-checks with ``mypy --strict``, and
runs this against a server with the bundled dataset). Reads use a plain ``Client``;
writes an ``AuthenticatedClient`` with its default ``Bearer`` prefix.

Prints one JSON line of what it saw; exits non-zero on anything unexpected.
"""

from __future__ import annotations

import json
import os
import sys

from coalition_tracker_api_client import AuthenticatedClient, Client
from coalition_tracker_api_client.api.auth import auth_token_create
from coalition_tracker_api_client.api.changes import changes_list
from coalition_tracker_api_client.api.pledges import (
    pledges_create,
    pledges_list,
    pledges_partial_update,
)
from coalition_tracker_api_client.models import (
    CitationRequest,
    CredentialsRequest,
    Error,
    PaginatedPledgeList,
    PatchedPledgeRequest,
    Pledge,
    PledgeKindEnum,
    PledgeRequest,
    PledgeStatusEnum,
    RecordTypeEnum,
    Token,
)
from coalition_tracker_api_client.types import UNSET, Unset

BASE = os.environ.get("API_URL", "http://127.0.0.1:8000")
USERNAME = os.environ.get("API_USERNAME", "")
PASSWORD = os.environ.get("API_PASSWORD", "")


class Unexpected(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Unexpected(what)


def main() -> dict[str, object]:
    anonymous = Client(base_url=BASE)
    kinds = [PledgeKindEnum.BASING, PledgeKindEnum.LOGISTICS]

    # A filtered list: every row is Turkey's and of a kind asked for.
    filtered = pledges_list.sync_detailed(client=anonymous, actor="TUR", kind=kinds)
    check(isinstance(filtered.parsed, PaginatedPledgeList), f"list: {filtered.status_code}")
    assert isinstance(filtered.parsed, PaginatedPledgeList)
    turkey = filtered.parsed.results
    check(len(turkey) > 0, "Turkey has pledges of those kinds")
    check(all(p.actor == "TUR" and p.kind in kinds for p in turkey), "the filter holds")

    # Every pledge, page by page (small pages, so that there are several).
    seen: set[int] = set()
    pages = 0
    cursor: str | Unset = UNSET
    sample: Pledge | None = None
    while True:
        page = pledges_list.sync_detailed(client=anonymous, limit=5, cursor=cursor)
        check(isinstance(page.parsed, PaginatedPledgeList), f"page: {page.status_code}")
        assert isinstance(page.parsed, PaginatedPledgeList)
        pages += 1
        for pledge in page.parsed.results:
            check(pledge.id not in seen, f"pledge {pledge.id} seen twice")
            seen.add(pledge.id)
            if sample is None and pledge.citations:
                sample = pledge
        next_cursor = page.parsed.next_cursor
        if not isinstance(next_cursor, str):
            break
        cursor = next_cursor
    check(sample is not None, "some pledge has a citation")
    assert sample is not None

    # Log in; the token is sent with the client's default prefix (Bearer).
    login = auth_token_create.sync_detailed(
        client=anonymous, body=CredentialsRequest(username=USERNAME, password=PASSWORD)
    )
    check(isinstance(login.parsed, Token), f"login: {login.status_code}")
    assert isinstance(login.parsed, Token)
    client = AuthenticatedClient(base_url=BASE, token=login.parsed.token)

    # A pledge with a citation (its quote is one the dataset already cites from that source).
    cited = sample.citations[0]

    def pledge_with(quote: str, description: str) -> PledgeRequest:
        return PledgeRequest(
            actor=sample.actor,
            coalition=sample.coalition,
            kind=PledgeKindEnum.TRAINING,
            status=PledgeStatusEnum.ANNOUNCED,
            description=description,
            citations=[CitationRequest(source=cited.source.id, quote=quote)],
        )

    created = pledges_create.sync_detailed(
        client=client, body=pledge_with(cited.quote, "Written by the Python client check")
    )
    check(isinstance(created.parsed, Pledge), f"create: {created.status_code}")
    assert isinstance(created.parsed, Pledge)
    pledge = created.parsed
    first_etag = created.headers.get("ETag")
    check(first_etag is not None, "a created pledge has an ETag")
    assert first_etag is not None

    # A 400: a quote the source does not say, reported on its field.
    refused = pledges_create.sync_detailed(
        client=client, body=pledge_with("words this source never printed, anywhere", "Never")
    )
    check(refused.status_code == 400, f"a bad quote answered {refused.status_code}")
    check(isinstance(refused.parsed, Error), "a 400 has an error body")
    assert isinstance(refused.parsed, Error)
    fields = [error.attr for error in refused.parsed.errors]
    check("citations.0.quote" in fields, f"the error names the quote: {fields}")

    # A change with the current ETag, then a 412 for the stale one.
    changed = pledges_partial_update.sync_detailed(
        pledge.id,
        client=client,
        if_match=first_etag,
        body=PatchedPledgeRequest(description="Changed by the Python client check"),
    )
    check(isinstance(changed.parsed, Pledge), f"the change answered {changed.status_code}")
    stale = pledges_partial_update.sync_detailed(
        pledge.id,
        client=client,
        if_match=first_etag,
        body=PatchedPledgeRequest(description="A lost update"),
    )
    check(stale.status_code == 412, f"a stale If-Match answered {stale.status_code}")

    # The change feed: the pledge's creation and update are in it.
    actions: list[str] = []
    since: str | Unset = UNSET
    while True:
        feed = changes_list.sync_detailed(
            client=client, type_=[RecordTypeEnum.PLEDGE], limit=1000, since=since
        )
        check(not isinstance(feed.parsed, Error) and feed.parsed is not None, "the feed")
        assert feed.parsed is not None and not isinstance(feed.parsed, Error)
        actions += [str(c.action) for c in feed.parsed.results if c.id == pledge.id]
        if feed.parsed.next_ is None or feed.parsed.cursor is None:
            break
        since = feed.parsed.cursor
    check(actions == ["create", "update"], f"the feed shows {actions}")

    return {
        "client": "openapi-python-client",
        "filtered": len(turkey),
        "listed": len(seen),
        "pages": pages,
        "created": pledge.id,
        "refused": refused.status_code,
        "stale": stale.status_code,
        "feed": actions,
    }


if __name__ == "__main__":
    try:
        print(json.dumps(main()))
    except Unexpected as error:
        sys.exit(f"unexpected: {error}")
