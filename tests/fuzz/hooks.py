"""schemathesis hooks for ``make fuzz`` (tests/fuzz/run.py): data the database accepts.

Data that is valid by the schema is mostly refused by the data: a code that does not
exist, a quote that is not in its source's text, a duplicate slug, an ``If-Match`` that is
not the object's ETag. So, just before each call (``before_call``, in every phase):

- a positive case gets ids of rows that exist (DELETE and restore: a throwaway row the
  hook makes, and deletes, through the API), the target's current ETag as ``If-Match``,
  a fresh ``Idempotency-Key`` and a body the data accepts (existing codes, slugs and ids,
  quotes taken from the source's text, ISO 4217 currencies, dates within 1950-2049, new
  codes, slugs and urls), keeping the generated free text where any text will do. The
  stateful phase keeps the ids and ETags its links carry. One positive case in five
  (``KEEP_AS_GENERATED``) is sent as generated, so valid-looking input the data refuses
  keeps being tried too.
- a negative case whose fault is only in its body gets a real target and its ETag, so
  the body reaches validation instead of stopping at 404 or 412.

``after_call`` appends one line per call to ``$FUZZ_CALLS`` (JSON: operation, phase,
mode, status) for fuzz.py's per-operation report. The hooks read the fuzz database with
the ORM (``DATABASE_URL`` is the throwaway one) and write only through the API.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import re
import secrets
import sys
import uuid
from pathlib import Path

import httpx
import schemathesis
from schemathesis import GenerationMode

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from coalition.choices import (  # noqa: E402
    ActorKind,
    AgreementKind,
    AttendanceRole,
    MembershipStatus,
    QuantityQualifier,
)
from coalition.models import (  # noqa: E402
    Actor,
    Agreement,
    Attendance,
    Coalition,
    Meeting,
    Membership,
    SizeReport,
)
from intake.models import ClaimProposal  # noqa: E402
from pledges.choices import PledgeKind, PledgeStatus, ProposalState  # noqa: E402
from pledges.models import Pledge, PledgeProposal  # noqa: E402
from sources.choices import DatePrecision, ReviewStatus, Stance  # noqa: E402
from sources.models import Source  # noqa: E402

KEEP_AS_GENERATED = 0.2
CURRENCIES = ("USD", "EUR", "GBP", "AUD", "CAD", "JPY", "CHF", "SEK", "NOK", "DKK", "TRY")
LANGUAGES = ("en", "fr", "de", "ar", "tr")
FIRST_DAY, LAST_DAY = datetime.date(1950, 1, 1), datetime.date(2049, 12, 31)
PREFIX = "/api/v1/"
# /api/v1/<resource>/[{key}/][<action>/] and the proposals of a source below it
PATH = re.compile(r"^/api/v1/(?P<resource>[a-z-]+)/(?:\{(?P<key>\w+)\}/)?(?:(?P<action>[a-z]+)/)?$")
PROPOSAL_PATH = re.compile(r"^/api/v1/sources/\{source_pk\}/proposals/(?:\{id\}/)?(?:(\w+)/)?$")
CLAIM_PROPOSAL_PATH = re.compile(
    r"^/api/v1/sources/\{source_pk\}/claim-proposals/(?:\{id\}/)?(?:(\w+)/)?$"
)
# A size report is the claim an accept can always record (a membership may overlap one
# the dataset has): the one coalition is the default, the date is given, since the
# fuzzer's copies of an article have none.
ACCEPTS_ALWAYS = "size_report"

rng = random.Random(os.environ.get("FUZZ_SEED", "fuzz"))
client = httpx.Client(
    base_url=os.environ.get("FUZZ_BASE_URL", "http://127.0.0.1:8000"),
    headers={"Authorization": f"Token {os.environ.get('FUZZ_TOKEN', '')}"},
    timeout=30,
)


# --- reading the database -------------------------------------------------------------------


def codes() -> list[str]:
    return list(Actor.objects.values_list("code", flat=True))


def free_codes(taken) -> list[str]:
    """Codes of the actors not in the ``taken`` queryset of codes."""
    return list(Actor.objects.exclude(code__in=taken).values_list("code", flat=True))


def slugs() -> list[str]:
    return list(Coalition.objects.values_list("slug", flat=True))


MODELS = {
    "memberships": Membership,
    "meetings": Meeting,
    "attendances": Attendance,
    "size-reports": SizeReport,
    "agreements": Agreement,
    "pledges": Pledge,
    "sources": Source,
}


def existing_key(resource: str) -> str | None:
    """The lookup of a random row of ``resource``, as its URL names it."""
    if resource == "actors":
        values = codes()
    elif resource == "coalitions":
        values = slugs()
    else:
        values = list(MODELS[resource].objects.values_list("pk", flat=True))
    return str(rng.choice(values)) if values else None


def citation() -> dict:
    """A citation whose quote occurs in its source's text (a sentence of it), or, now
    and then, of a source without text (any quote)."""
    texts = list(Source.objects.exclude(text="").values_list("pk", "text"))
    if texts and rng.random() < 0.85:
        pk, text = rng.choice(texts)
        sentences = [s.strip() for s in re.findall(r"[^.!?\n]+[.!?]?", text) if len(s.strip()) > 8]
        quote = rng.choice(sentences) if sentences else text.strip()
    else:
        bare = list(Source.objects.filter(text="").values_list("pk", flat=True))
        if not bare:
            return citation() if texts else {}
        pk, quote = rng.choice(bare), "A quote from a source we hold no text of."
    return {
        "source": pk,
        "quote": quote,
        "locator": rng.choice(["", "paragraph 2", "p. 4"]),
        "stance": rng.choice(Stance.values),
    }


# --- values ---------------------------------------------------------------------------------


def day(after: datetime.date | None = None) -> datetime.date:
    start = after + datetime.timedelta(days=1) if after else FIRST_DAY
    return start + datetime.timedelta(days=rng.randrange(max(1, (LAST_DAY - start).days)))


def maybe(value, chance: float = 0.5):
    return value if rng.random() < chance else None


def text(generated, name: str, default: str, max_length: int = 200, blank: bool = True) -> str:
    """The generated value of a free-text field when the rules take it, else ``default``."""
    value = generated.get(name) if isinstance(generated, dict) else None
    if (
        isinstance(value, str)
        and len(value) <= max_length
        and value.isprintable()
        and (blank or value.strip())
        and value == value.strip()
    ):
        return value
    return default


def token(length: int = 8) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(length))


def new_code(kind: str) -> str:
    """A code no actor has, in any case (a country's is three letters)."""
    taken = {c.upper() for c in codes()}
    while True:
        if kind == ActorKind.COUNTRY:
            code = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
        else:
            code = f"FZ{token(6)}"
        if code not in taken:
            return code


# --- bodies the data accepts, per resource --------------------------------------------------
# Each takes the generated body and the stored row (None on create) and answers a full body.


def actor_body(generated, current):
    kind = current.kind if current is not None else rng.choice(ActorKind.values)
    code = current.code if current is not None else new_code(kind)
    parents = [c for c in codes() if c != code]
    return {
        "code": code,
        "kind": kind,
        "name": text(generated, "name", f"Fuzz actor {code}", blank=False),
        "official_name": text(generated, "official_name", "", 300),
        "alpha2": "",
        "numeric": "",
        "parent": maybe(rng.choice(parents), 0.3) if parents and current is None else None,
        "aliases": rng.choice([[], [f"Alias {token(4)}"]]),
        "description": text(generated, "description", "", 2000),
    }


def coalition_body(generated, current):
    started = maybe(day(), 0.7)
    return {
        "slug": current.slug if current is not None else f"fuzz-{token(10).lower()}",
        "name": text(generated, "name", "Fuzz coalition", 300, blank=False),
        "lead": maybe(rng.choice(codes()), 0.6),
        "started_on": started,
        "started_on_precision": rng.choice(DatePrecision.values),
        "ended_on": maybe(day(started), 0.3) if started else None,
        "description": text(generated, "description", "", 2000),
    }


def membership_body(generated, current):
    if current is not None:
        coalition, actor = current.coalition.slug, current.actor.code
        started, ended = current.started_on, current.ended_on
    else:
        coalition = rng.choice(slugs())
        busy = Membership.objects.filter(coalition__slug=coalition).values_list("actor__code")
        actor = rng.choice(
            list(Actor.objects.exclude(code__in=busy).values_list("code", flat=True))
        )
        started = day()
        ended = maybe(day(started), 0.4)
    return {
        "coalition": coalition,
        "actor": actor,
        "status": rng.choice(MembershipStatus.values),
        "started_on": started,
        "started_on_precision": rng.choice(DatePrecision.values),
        "ended_on": ended,
        "ended_on_precision": rng.choice(DatePrecision.values),
        "note": text(generated, "note", "", 2000),
        "review_status": rng.choice(ReviewStatus.values),
        "citations": [citation() for _ in range(rng.randint(1, 2))],
    }


def meeting_body(generated, current):
    held = day()
    return {
        "coalition": maybe(rng.choice(slugs()), 0.7),
        "name": text(generated, "name", "Fuzz meeting", 300, blank=False),
        "held_on": held,
        "held_on_precision": rng.choice(DatePrecision.values),
        "ended_on": maybe(held + datetime.timedelta(days=rng.randrange(3)), 0.4),
        "city": text(generated, "city", "Paris"),
        "host": maybe(rng.choice(codes()), 0.5),
        "description": text(generated, "description", "", 2000),
    }


def agreement_body(generated, current):
    parties = rng.sample(codes(), k=rng.randint(0, 3))
    return {
        "coalition": maybe(rng.choice(slugs()), 0.7),
        "title": text(generated, "title", "Fuzz joint statement", 300, blank=False),
        "kind": rng.choice(AgreementKind.values),
        "signed_on": maybe(day(), 0.8),
        "signed_on_precision": rng.choice(DatePrecision.values),
        "place": text(generated, "place", "Paris"),
        "description": text(generated, "description", "", 2000),
        "review_status": rng.choice(ReviewStatus.values),
        "parties": [{"actor": code} for code in parties],
        "citations": [citation() for _ in range(rng.randint(1, 2))],
    }


def attendance_body(generated, current):
    if current is not None:
        meeting, actor = current.meeting_id, current.actor.code
    else:
        meeting = rng.choice(list(Meeting.objects.values_list("pk", flat=True)))
        here = Attendance.objects.filter(meeting_id=meeting).values_list("actor__code")
        actor = rng.choice(
            list(Actor.objects.exclude(code__in=here).values_list("code", flat=True))
        )
    return {
        "meeting": meeting,
        "actor": actor,
        "role": rng.choice(AttendanceRole.values),
        "note": text(generated, "note", "", 2000),
        "review_status": rng.choice(ReviewStatus.values),
        "citations": [citation()],
    }


def size_report_body(generated, current):
    return {
        "coalition": current.coalition.slug if current is not None else rng.choice(slugs()),
        "reported_on": day(),
        "reported_on_precision": rng.choice(DatePrecision.values),
        "member_count": rng.randint(1, 200),
        "qualifier": rng.choice(QuantityQualifier.values),
        "note": text(generated, "note", "", 2000),
        "review_status": rng.choice(ReviewStatus.values),
        "citations": [citation()],
    }


def pledge_body(generated, current):
    quantity = maybe(rng.randint(1, 5000), 0.6)
    qualifiers = [q for q in QuantityQualifier.values if q != QuantityQualifier.RANGE]
    qualifier = None if quantity is None else rng.choice([*qualifiers, QuantityQualifier.RANGE])
    amount = maybe(f"{rng.randint(1, 10**9)}.{rng.randint(0, 99):02d}", 0.4)
    starts = maybe(day(), 0.3)
    statuses = rng.sample(PledgeStatus.values, rng.randint(0, 3))
    actors = codes()
    return {
        "actor": rng.choice(actors),
        "coalition": maybe(rng.choice(slugs()), 0.6),
        "kind": rng.choice(PledgeKind.values),
        "status": rng.choice(PledgeStatus.values),
        "description": text(generated, "description", "Fuzz pledge", 2000, blank=False),
        "quantity": quantity,
        "quantity_max": quantity + rng.randint(1, 100) if qualifier == "range" else None,
        "quantity_qualifier": qualifier,
        "quantity_unit": text(generated, "quantity_unit", "", 50),
        "amount": amount,
        "currency": rng.choice(CURRENCIES) if amount else "",
        "recipient": maybe(rng.choice(actors), 0.3),
        "host": maybe(rng.choice(actors), 0.3),
        "asset": text(generated, "asset", ""),
        "announced_on": maybe(day(), 0.8),
        "announced_on_precision": rng.choice(DatePrecision.values),
        "starts_on": starts,
        "ends_on": maybe(day(starts), 0.5) if starts else None,
        "review_status": rng.choice(ReviewStatus.values),
        "stages": [
            {
                "status": status,
                "occurred_on": maybe(day(), 0.7),
                "occurred_on_precision": rng.choice(DatePrecision.values),
                "quantity": maybe(rng.randint(1, 500), 0.3),
                "note": "",
            }
            for status in statuses
        ],
        "citations": [citation() for _ in range(rng.randint(1, 2))],
    }


def source_body(generated, current):
    article = None
    if current is None and rng.random() < 0.3:
        article = f"Fuzz article {uuid.uuid4()}. The minister said the country will send aid."
    return {
        "title": text(generated, "title", "Fuzz source", 500, blank=False),
        "publisher": text(generated, "publisher", "Fuzz Wire", 200, blank=False),
        "url": rng.choice(["", f"https://fuzz.example.org/{uuid.uuid4().hex}"]),
        "published_on": maybe(day(), 0.8),
        "published_on_precision": rng.choice(DatePrecision.values),
        "byline": text(generated, "byline", "", 300),
        "wire_agencies": rng.choice([[], ["Reuters"], ["AFP", "AP"]]),
        "language": rng.choice(LANGUAGES),
        # a stored text stays: a new one must still hold every quote cited from it
        "text": current.text if current is not None else (article or ""),
        "notes": text(generated, "notes", "", 2000),
    }


BODIES = {
    "actors": actor_body,
    "coalitions": coalition_body,
    "memberships": membership_body,
    "meetings": meeting_body,
    "attendances": attendance_body,
    "size-reports": size_report_body,
    "agreements": agreement_body,
    "pledges": pledge_body,
    "sources": source_body,
}
# Fields a PATCH sends together, so it is consistent without the stored values.
TOGETHER = [
    {"started_on", "ended_on"},
    {"held_on", "ended_on"},
    {"quantity", "quantity_max", "quantity_qualifier"},
    {"amount", "currency"},
    {"starts_on", "ends_on"},
]


def stored(resource: str, key: str):
    if resource == "actors":
        return Actor.objects.filter(code=key).first()
    if resource == "coalitions":
        return Coalition.objects.filter(slug=key).first()
    model = MODELS.get(resource)
    return model.objects.filter(pk=int(key)).first() if model and key.isdigit() else None


def valid_body(resource: str, method: str, generated, key: str | None) -> dict:
    current = stored(resource, key) if key is not None else None
    body = BODIES[resource](generated, current)
    if method == "PATCH":
        wanted = set(generated) & set(body) if isinstance(generated, dict) else set()
        for group in TOGETHER:
            if wanted & group:
                wanted |= group & set(body)
        body = {name: value for name, value in body.items() if name in wanted}
    return json.loads(json.dumps(body, default=str))


# --- the API, for throwaway rows and ETags --------------------------------------------------


def detail(resource: str, key: str) -> str:
    return f"{PREFIX}{resource}/{key}/"


def throwaway(resource: str) -> tuple[str, str] | None:
    """Create a row through the API; its lookup and ETag."""
    body = valid_body(resource, "POST", {}, None)
    response = client.post(f"{PREFIX}{resource}/", json=body)
    if response.status_code != 201:
        return None
    lookup = {"actors": "code", "coalitions": "slug"}.get(resource, "id")
    return str(response.json()[lookup]), response.headers.get("ETag", "")


def deleted(resource: str) -> str | None:
    """The lookup of a row deleted just now (through the API), for restore."""
    made = throwaway(resource)
    if made is None:
        return None
    key, etag = made
    response = client.delete(detail(resource, key), headers={"If-Match": etag})
    return key if response.status_code == 204 else None


def etag_of(path: str) -> str | None:
    response = client.get(path)
    return response.headers.get("ETag") if response.status_code == 200 else None


def pending_proposal(pending=None) -> tuple[int, int] | None:
    """(source id, proposal id) of a pending proposal (of ``pending``, pledge proposals by
    default); when none is left, propose the claims of a new copy of an article (its text
    with a new last line)."""
    if pending is None:
        pending = PledgeProposal.objects.filter(state=ProposalState.PENDING)
    found = list(pending.values_list("source_id", "pk"))
    if not found:
        article = Source.objects.exclude(text="").exclude(text__startswith="Fuzz").first()
        if article is None:
            return None
        body = valid_body("sources", "POST", {}, None)
        body.update(text=f"{article.text}\n\nCopy {uuid.uuid4()}.", url="")
        response = client.post(f"{PREFIX}sources/", json=body)
        if response.status_code != 201:
            return None
        source = response.json()["id"]
        client.post(f"{PREFIX}sources/{source}/proposals/")
        found = list(pending.filter(source_id=source).values_list("source_id", "pk"))
    return rng.choice(found) if found else None


# --- the hooks ------------------------------------------------------------------------------


def _mode(case) -> tuple[str | None, str | None]:
    meta = case.meta
    if meta is None:
        return None, None
    return str(meta.phase.name.value), str(meta.generation.mode.value)


def _body_only_negative(case) -> bool:
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.NEGATIVE:
        return False
    negative = {
        location.value
        for location, info in meta.components.items()
        if info.mode == GenerationMode.NEGATIVE
    }
    return negative == {"body"}


@schemathesis.auth(refresh_interval=None)
class AnalystToken:
    """The run's API token, and for the operations that revoke tokens (``auth_*`` but
    the login) a fresh token of a second analyst, so they revoke only what they are
    sent and never the run's own token."""

    def get(self, case, context):
        operation = case.operation.definition.raw.get("operationId", "")
        if operation.startswith("auth_") and operation != "auth_token_create":
            credentials = {
                "username": os.environ.get("FUZZ_REVOKER", ""),
                "password": os.environ.get("FUZZ_PASSWORD", ""),
            }
            response = httpx.post(f"{client.base_url}{PREFIX}auth/token/", json=credentials)
            return response.json().get("token") if response.status_code == 201 else None
        return os.environ.get("FUZZ_TOKEN", "")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@schemathesis.hook
def before_call(context, case, kwargs):
    phase, mode = _mode(case)
    if mode == "positive":
        login = case.operation.path == f"{PREFIX}auth/token/"
        # drawn credentials are almost never an analyst's: a login keeps its drawn body
        # only as often as prepare() leaves it (otherwise most valid cases are refused
        # and schemathesis rightly warns of a validation mismatch)
        if phase != "examples" and not login and rng.random() < KEEP_AS_GENERATED:
            return
        prepare(case, phase, body=True)
    elif _body_only_negative(case) and phase != "stateful":
        prepare(case, phase, body=False)


def prepare(case, phase: str | None, *, body: bool) -> None:
    """Point ``case`` at real rows and give it a body and headers the data accepts."""
    path, method = case.operation.path, case.operation.method.upper()
    headers = case.headers if case.headers is not None else {}
    if method == "POST" and "Idempotency-Key" in headers:
        headers["Idempotency-Key"] = secrets.token_hex(16)
    if path == f"{PREFIX}auth/token/":
        if method == "POST" and body and rng.random() < 0.75:
            case.body = {
                "username": os.environ.get("FUZZ_USERNAME", ""),
                "password": os.environ.get("FUZZ_PASSWORD", ""),
            }
        return
    if path.startswith(f"{PREFIX}sources/{{source_pk}}/"):
        return _prepare_proposal(case, phase, method, body)
    match = PATH.match(path)
    if not match or match["resource"] not in BODIES:
        return
    resource, name, action = match["resource"], match["key"], match["action"]
    key = case.path_parameters.get(name) if name else None
    if name and phase != "stateful":
        if action == "restore":
            key = (deleted(resource) if rng.random() < 0.8 else None) or existing_key(resource)
        elif method == "DELETE" and resource not in ("actors", "coalitions", "sources"):
            made = throwaway(resource)
            key = made[0] if made else existing_key(resource)
        elif method == "DELETE":
            made = throwaway(resource) if rng.random() < 0.75 else None
            key = made[0] if made else existing_key(resource)
        else:
            key = existing_key(resource)
        if key is None:
            return
        case.path_parameters[name] = key
        if method in ("PUT", "PATCH", "DELETE") and not action:
            etag = etag_of(detail(resource, key))
            if etag:
                headers["If-Match"] = etag
    if body and method in ("POST", "PUT", "PATCH") and not action:
        case.body = valid_body(resource, method, case.body, str(key) if key is not None else None)
    if headers:
        case.headers = headers


def _prepare_proposal(case, phase, method, body) -> None:
    claims = CLAIM_PROPOSAL_PATH.match(case.operation.path)
    if claims is not None:
        return _prepare_claim_proposal(case, phase, claims[1], body)
    action = PROPOSAL_PATH.match(case.operation.path)
    if phase == "stateful" or action is None:
        return
    with_text = list(Source.objects.exclude(text="").values_list("pk", flat=True))
    if action[1] in ("accept", "reject"):
        found = pending_proposal()
        if found is None:
            return
        case.path_parameters["source_pk"], case.path_parameters["id"] = map(str, found)
        if body and action[1] == "accept":
            case.body = rng.choice(
                [{}, {"description": "Accepted by the fuzzer"}, {"status": "announced"}]
            )
    elif "id" in case.path_parameters:
        rows = list(PledgeProposal.objects.values_list("source_id", "pk"))
        if rows:
            case.path_parameters["source_pk"], case.path_parameters["id"] = map(
                str, rng.choice(rows)
            )
    elif with_text:
        case.path_parameters["source_pk"] = str(rng.choice(with_text))


def _prepare_claim_proposal(case, phase, action, body) -> None:
    """The claim proposals' operations on real ones: an accept mostly on a kind that needs
    nothing more (with an empty body), a reject on any pending one."""
    if phase == "stateful":
        return
    pending = ClaimProposal.objects.filter(state=ProposalState.PENDING)
    if action in ("accept", "reject"):
        recordable = action == "accept" and rng.random() < 0.8
        if recordable:
            pending = pending.filter(kind=ACCEPTS_ALWAYS)
        found = pending_proposal(pending)
        if found is None:
            return
        case.path_parameters["source_pk"], case.path_parameters["id"] = map(str, found)
        if recordable:
            day = datetime.date(2014, 9, 1) + datetime.timedelta(days=rng.randrange(3000))
            # the bundled coalition by name: the fuzzer creates others, and with several
            # recorded the accept needs to be told which
            first = Coalition.objects.order_by("pk").values_list("slug", flat=True).first()
            case.body = {"reported_on": day.isoformat(), "coalition": first}
    elif "id" in case.path_parameters:
        rows = list(ClaimProposal.objects.values_list("source_id", "pk"))
        if rows:
            case.path_parameters["source_pk"], case.path_parameters["id"] = map(
                str, rng.choice(rows)
            )
    else:
        with_text = list(Source.objects.exclude(text="").values_list("pk", flat=True))
        if with_text:
            case.path_parameters["source_pk"] = str(rng.choice(with_text))


CALLS = os.environ.get("FUZZ_CALLS")


@schemathesis.hook
def after_call(context, case, response):
    if not CALLS:
        return
    phase, mode = _mode(case)
    line = {
        "operation": f"{case.operation.method.upper()} {case.operation.path}",
        "method": (case.method or case.operation.method).upper(),
        "phase": phase,
        "mode": mode,
        "status": response.status_code,
    }
    with open(CALLS, "a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")
