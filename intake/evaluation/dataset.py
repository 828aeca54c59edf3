"""Load the evaluation set and check every file against its coding guide.

Each article is one YAML file under ``data/evaluation/<split>/``. ``load_articles``
returns them in a fixed order and raises ``EvaluationSetError`` listing every problem
found (file, field, message), so a bad edit is caught before anyone scores on it:
unknown claims, kinds, statuses, units or actors; a ``split`` that disagrees with the
folder or with the split rule; a ``sha256_url`` that is not the URL's hash; a quote that
is not one short sentence; and, when the article's text is at hand
(``EVAL_TEXTS_DIR/<slug>.txt``), a quote not found verbatim in it, or a text whose
SHA-256 is not the ``text_sha256`` the file records (the text the quotes were checked
against; the field is optional, for articles whose text has been saved).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pycountry
import yaml
from django.conf import settings

from pledges.choices import PledgeKind, PledgeStatus

SPLITS = ("dev", "heldout")
DEV_SHARE = 0.4  # per (coalition, batch): the first round(0.4 * n) by sha256_url
# Batches added after tuning began, as development material only: every article is dev,
# so the held-out part stays exactly the articles it held before any tuning.
DEV_ONLY_BATCHES = frozenset({3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
COALITIONS = ("counter-isis-2014", "ukraine-support-2022")
STATUSES = {
    "pledge": frozenset(PledgeStatus.values),
    "membership": frozenset(
        ["member", "supporter", "invited", "declined", "suspended", "withdrawn"]
    ),
    "meeting": frozenset(["planned", "held", "cancelled"]),
    "attendance": frozenset(["attended", "expected", "absent", "not_invited"]),
    "size_report": frozenset([None]),
    "agreement": frozenset(["signed", "declined"]),
}
CLAIMS = tuple(STATUSES)
# The order kinds are reported in: pledge kinds, then the other claims.
REPORT_KINDS = (*PledgeKind.values, *[c for c in CLAIMS if c != "pledge"])
QUALIFIERS = frozenset(["exact", "up_to", "at_least", "about"])  # "more than" is at_least
UNITS = frozenset(
    [
        "aircraft",
        "tanks",
        "infantry_fighting_vehicles",
        "armoured_vehicles",
        "air_defence_systems",
        "anti_aircraft_guns",
        "artillery_guns",
        "artillery_shells",
        "rockets",
        "anti_tank_missiles",
        "rifles",
        "helmets",
        "sorties",
        "troops",
        "personnel",
        "trainers",
        "aircrew",
        "ground_crew",
        "medical",
        "advisers",
        "special_forces",
        "members",
        "countries",
    ]
)
# ARAB_LEAGUE and UN came with batch 4 (attendance and communiqués of organisations).
NON_COUNTRY_ACTORS = frozenset(["COALITION", "EU", "NATO", "PESHMERGA", "KRG", "ARAB_LEAGUE", "UN"])
FACT_KEYS = [
    "claim",
    "actors",
    "joint",
    "per_actor",
    "kind",
    "status",
    "quantity",
    "quantity_max",
    "qualifier",
    "unit",
    "amount",
    "currency",
    "reported_conversion",
    "delivered_quantity",
    "recipient",
    "conditions",
    "note",
]
ARTICLE_KEYS = [
    "url",
    "publisher",
    "published_on",
    "published_on_precision",
    "date_note",
    "title",
    "coalition",
    "batch",
    "split",
    "sha256_url",
    "sentences",
]
MAX_QUOTE = 400  # characters: a sentence, never a paragraph
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SPACE_RE = re.compile(r"\s+")


class EvaluationSetError(ValueError):
    """The evaluation set has problems; ``problems`` lists them, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in the evaluation set:\n" + "\n".join(problems)
        )


@dataclass(frozen=True)
class Fact:
    """One fact coded from one sentence (the coding guide's keys, typed)."""

    claim: str
    actors: tuple[str, ...]
    kind: str | None
    status: str | None
    quantity: int | None = None
    amount: Decimal | None = None
    currency: str | None = None
    unit: str | None = None
    joint: bool = False
    per_actor: bool = False
    recipient: str | None = None
    delivered_quantity: int | None = None
    conditions: tuple[str, ...] = ()
    note: str = ""

    @property
    def report_kind(self) -> str:
        """What the fact is scored as: the pledge's kind, else the claim itself."""
        return self.kind if self.claim == "pledge" else self.claim

    @property
    def magnitude(self) -> Decimal | None:
        """The number matched on at the strict level: the count, else the amount."""
        return magnitude_of(self.quantity, self.amount)


@dataclass(frozen=True)
class Sentence:
    text: str
    facts: tuple[Fact, ...]


@dataclass
class Article:
    slug: str
    path: Path
    url: str
    publisher: str
    published_on: str
    title: str
    coalition: str
    batch: int
    split: str
    sha256_url: str
    sentences: list[Sentence] = field(default_factory=list)
    text_sha256: str = ""

    @property
    def facts(self) -> list[Fact]:
        return [f for s in self.sentences for f in s.facts]

    @property
    def year(self) -> int:
        return int(self.published_on[:4])

    @property
    def published_date(self) -> date:
        """The publication date, its first possible day when only the month or year is
        known ("2014-09" is 1 September 2014)."""
        parts = [int(p) for p in self.published_on.split("-")]
        return date(*parts, *[1] * (3 - len(parts)))

    def text(self, texts_dir: Path | None = None) -> str:
        """The article's text from ``texts_dir/<slug>.txt`` when present, else its coded
        sentences in page order, one paragraph each."""
        if texts_dir is not None:
            path = texts_dir / f"{self.slug}.txt"
            if path.is_file():
                return path.read_text(encoding="utf-8")
        return "\n\n".join(s.text for s in self.sentences)


def default_root() -> Path:
    return Path(settings.BASE_DIR) / "data" / "evaluation"


def texts_dir_from_env() -> Path | None:
    """``EVAL_TEXTS_DIR``: where the articles' full texts are kept, outside the repo."""
    value = os.environ.get("EVAL_TEXTS_DIR", "")
    return Path(value) if value else None


def sha256_url(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def expected_splits(articles: list[Article]) -> dict[str, str]:
    """The split rule, fixed before any tuning: within each (coalition, batch), sort by
    the SHA-256 of the URL; the first ``round(0.4 * n)`` are dev, the rest held out.
    A batch in ``DEV_ONLY_BATCHES`` is all dev."""
    groups: dict[tuple[str, int], list[Article]] = defaultdict(list)
    result = {}
    for article in articles:
        if article.batch in DEV_ONLY_BATCHES:
            result[article.slug] = "dev"
        else:
            groups[(article.coalition, article.batch)].append(article)
    for group in groups.values():
        group.sort(key=lambda a: sha256_url(a.url))
        cut = round(DEV_SHARE * len(group))
        for index, article in enumerate(group):
            result[article.slug] = "dev" if index < cut else "heldout"
    return result


def load_articles(
    root: Path | None = None,
    *,
    part: str = "all",
    texts_dir: Path | None = None,
) -> list[Article]:
    """Every article of ``part`` (``dev``, ``heldout`` or ``all``), validated; ordered by
    split, date and slug. The whole set is checked whatever ``part`` is asked for, since
    the split rule is a property of the whole set."""
    if part not in (*SPLITS, "all"):
        raise ValueError(f"part must be dev, heldout or all, not {part!r}")
    root = root or default_root()
    problems: list[str] = []
    articles: list[Article] = []
    for split in SPLITS:
        for path in sorted((root / split).glob("*.yaml")):
            article = _read(path, split, problems)
            if article is not None:
                articles.append(article)
    if not articles:
        problems.append(f"{root}: no article files under dev/ or heldout/")
    seen_urls: dict[str, str] = {}
    for article in articles:
        other = seen_urls.setdefault(article.url, article.slug)
        if other != article.slug:
            problems.append(f"{article.slug}: url: same URL as {other}")
    for slug, split in expected_splits(articles).items():
        article = next(a for a in articles if a.slug == slug)
        if article.split != split:
            problems.append(
                f"{slug}: split: the split rule puts it in {split}, the file says "
                f"{article.split} (do not move articles by hand)"
            )
    if texts_dir is not None:
        for article in articles:
            _check_quotes_in_text(article, texts_dir, problems)
    if problems:
        raise EvaluationSetError(problems)
    articles.sort(key=lambda a: (SPLITS.index(a.split), a.published_on, a.slug))
    return [a for a in articles if part == "all" or a.split == part]


# ---------------------------------------------------------------------- one file


def _read(path: Path, folder: str, problems: list[str]) -> Article | None:
    slug = path.stem
    where = f"{folder}/{path.name}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        problems.append(f"{where}: not valid YAML: {error}")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected a mapping of article fields")
        return None
    missing = [k for k in ARTICLE_KEYS if k not in raw]
    if missing:
        problems.append(f"{where}: missing field(s): {', '.join(missing)}")
        return None
    url = str(raw["url"] or "")
    if not url.startswith(("http://", "https://")):
        problems.append(f"{where}: url: not an http(s) URL")
    if raw["sha256_url"] != sha256_url(url):
        problems.append(f"{where}: sha256_url: not the SHA-256 of the url")
    if raw["split"] != folder:
        problems.append(f"{where}: split: says {raw['split']!r} but the file is in {folder}/")
    if raw["coalition"] not in COALITIONS:
        problems.append(f"{where}: coalition: {raw['coalition']!r} is not one of {COALITIONS}")
    published = str(raw["published_on"] or "")
    if not _valid_date(published):
        problems.append(f"{where}: published_on: {published!r} is not YYYY[-MM[-DD]]")
    for key in ("publisher", "title"):
        if not str(raw[key] or "").strip():
            problems.append(f"{where}: {key}: empty")
    if not isinstance(raw["batch"], int) or raw["batch"] < 1:
        problems.append(f"{where}: batch: must be a positive integer")
    sentences = []
    for index, item in enumerate(raw["sentences"] or []):
        sentence = _sentence(item, f"{where}: sentences[{index}]", problems)
        if sentence is not None:
            sentences.append(sentence)
    if not any(s.facts for s in sentences):
        problems.append(f"{where}: sentences: no sentence carries a fact")
    return Article(
        slug=slug,
        path=path,
        url=url,
        publisher=str(raw["publisher"] or ""),
        published_on=published,
        title=str(raw["title"] or ""),
        coalition=str(raw["coalition"]),
        batch=raw["batch"] if isinstance(raw["batch"], int) else 0,
        split=str(raw["split"]),
        sha256_url=str(raw["sha256_url"]),
        sentences=sentences,
        text_sha256=str(raw.get("text_sha256") or ""),
    )


def _sentence(item, where: str, problems: list[str]) -> Sentence | None:
    if not isinstance(item, dict) or "text" not in item:
        problems.append(f"{where}: expected a mapping with text and facts")
        return None
    text = item["text"]
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text: empty")
        return None
    if "\n" in text or len(text) > MAX_QUOTE:
        problems.append(
            f"{where}: text: a quote is one sentence of at most {MAX_QUOTE} characters "
            f"on one line (this one has {len(text)})"
        )
    facts = []
    for index, raw in enumerate(item.get("facts") or []):
        fact = _fact(raw, f"{where}: facts[{index}]", problems)
        if fact is not None:
            facts.append(fact)
    return Sentence(text=text, facts=tuple(facts))


def _fact(raw, where: str, problems: list[str]) -> Fact | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected a mapping")
        return None
    missing = [k for k in FACT_KEYS if k not in raw]
    if missing:
        problems.append(f"{where}: missing key(s): {', '.join(missing)}")
        return None
    claim = raw["claim"]
    if claim not in STATUSES:
        problems.append(f"{where}: claim: {claim!r} is not one of {', '.join(CLAIMS)}")
        return None
    kind = raw["kind"]
    if claim == "pledge" and kind not in PledgeKind.values:
        problems.append(
            f"{where}: kind: {kind!r} is not a pledge kind ({', '.join(PledgeKind.values)})"
        )
    if claim != "pledge" and kind is not None:
        problems.append(f"{where}: kind: only pledges have a kind (got {kind!r} on a {claim})")
    status = raw["status"]
    if status not in STATUSES[claim]:
        allowed = ", ".join(sorted(str(s) for s in STATUSES[claim]))
        problems.append(f"{where}: status: {status!r} is not a {claim} status ({allowed})")
    actors = raw["actors"] or []
    if not isinstance(actors, list):
        problems.append(f"{where}: actors: expected a list")
        actors = []
    for code in [*actors, *([raw["recipient"]] if raw["recipient"] else [])]:
        if not _known_actor(code):
            problems.append(
                f"{where}: {code!r} is neither an ISO alpha-3 code nor one of "
                f"{', '.join(sorted(NON_COUNTRY_ACTORS))}"
            )
    if claim in {"pledge", "membership"} and not actors:
        problems.append(f"{where}: actors: a {claim} needs at least one actor")
    if raw["unit"] is not None and raw["unit"] not in UNITS:
        problems.append(f"{where}: unit: {raw['unit']!r} is not in the coding guide's units")
    if raw["qualifier"] is not None and raw["qualifier"] not in QUALIFIERS:
        problems.append(f"{where}: qualifier: {raw['qualifier']!r} is not a qualifier")
    quantity = _count(raw["quantity"], f"{where}: quantity", problems)
    delivered = _count(raw["delivered_quantity"], f"{where}: delivered_quantity", problems)
    amount = None
    if raw["amount"] is not None:
        try:
            amount = Decimal(str(raw["amount"]))
        except InvalidOperation:
            problems.append(f"{where}: amount: {raw['amount']!r} is not a number")
    currency = raw["currency"]
    if currency is not None and pycountry.currencies.get(alpha_3=str(currency)) is None:
        problems.append(f"{where}: currency: {currency!r} is not an ISO 4217 code")
    return Fact(
        claim=claim,
        actors=tuple(actors),
        kind=kind,
        status=status,
        quantity=quantity,
        amount=amount,
        currency=currency,
        unit=raw["unit"],
        joint=bool(raw["joint"]),
        per_actor=bool(raw["per_actor"]),
        recipient=raw["recipient"],
        delivered_quantity=delivered,
        conditions=tuple(raw["conditions"] or ()),
        note=str(raw["note"] or ""),
    )


def _check_quotes_in_text(article: Article, texts_dir: Path, problems: list[str]) -> None:
    path = texts_dir / f"{article.slug}.txt"
    if not path.is_file():
        return
    if article.text_sha256 and hashlib.sha256(path.read_bytes()).hexdigest() != article.text_sha256:
        problems.append(
            f"{article.slug}: text_sha256: {path} is not the text the quotes were checked "
            "against (copy it again from the stored page, or re-check and update the hash)"
        )
    text = _squash(path.read_text(encoding="utf-8"))
    for index, sentence in enumerate(article.sentences):
        if _squash(sentence.text) not in text:
            problems.append(
                f"{article.slug}: sentences[{index}]: quote not found verbatim in {path}"
            )


def _squash(text: str) -> str:
    """Line breaks and runs of spaces in a stored page are not part of the quote."""
    return _SPACE_RE.sub(" ", text).strip()


def _count(value, where: str, problems: list[str]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(f"{where}: {value!r} is not a whole number")
        return None
    return value


def _valid_date(value: str) -> bool:
    if not _DATE_RE.match(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _known_actor(code) -> bool:
    if not isinstance(code, str):
        return False
    return code in NON_COUNTRY_ACTORS or pycountry.countries.get(alpha_3=code) is not None


def magnitude_of(quantity, amount) -> Decimal | None:
    """The number a fact or proposal is matched on: the count, else the amount."""
    if quantity is not None:
        return Decimal(quantity)
    if amount is not None:
        return Decimal(amount).normalize()
    return None
