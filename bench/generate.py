"""Fill the benchmark database with synthetic, deterministic data at a chosen scale.

    python -m bench.generate                       # full scale: 1M pledges, 2M citations
    python -m bench.generate --scale small         # 10k pledges, for a quick check
    python -m bench.generate --scale 10m           # 10M pledges, 20M citations (~21 GB)
    python -m bench.generate --pledges 300000 --citations 600000 --seed 11

The data goes into a separate database (``coalition_bench``, see ``bench/db.py``),
which is created and migrated first, then emptied and loaded in one transaction
with ``COPY ... FROM STDIN (FREEZE)`` through psycopg 3's ``cursor.copy()`` into
the real tables: every index, check constraint, foreign key and the membership
exclusion constraint stay in place and are checked (foreign keys are set
IMMEDIATE so that each COPY chunk is checked as it lands). Sequences are reset
afterwards, the rollups the triggers keep (docs/performance.md, "Rollups") are rebuilt
from scratch, and the tables are vacuumed and analysed.

Actors: the 249 ISO countries the migrations load are reused and a few
organisations are added. Pledges per actor follow a Zipf law (the United States
first), so filters on a large actor and on a small one both get exercised.
The same seed and scale always give the same rows.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from bench import db

SCALES = {
    # 10M pledges: 21 GB, 46 min to load on 2 cores (docs/performance.md, phase 6).
    "10m": {
        "pledges": 10_000_000,
        "sources": 2_000_000,
        "citations": 20_000_000,
        "coalitions": 20,
    },
    "full": {"pledges": 1_000_000, "sources": 200_000, "citations": 2_000_000, "coalitions": 20},
    "medium": {"pledges": 100_000, "sources": 20_000, "citations": 200_000, "coalitions": 20},
    "small": {"pledges": 10_000, "sources": 2_000, "citations": 20_000, "coalitions": 20},
}
CHUNK = 50_000
# Emptied with the data, rebuilt after the load (rebuild_rollups), vacuumed and analysed.
ROLLUP_TABLES = [
    "pledges_pledgerollup",
    "pledges_pledgegrouprollup",
    "pledges_pledgegroupsummary",
    "reports_actorsourcecount",
    "reports_actorsourcetotal",
]
NULL = "\\N"

# Tables the generator empties (children first). Countries in coalition_actor are kept.
TRUNCATE = [
    "pledges_pledgecitation",
    "pledges_pledgestage",
    "pledges_pledge",
    "coalition_membershipcitation",
    "coalition_membership",
    "coalition_attendancecitation",
    "coalition_attendance",
    "coalition_meeting",
    "coalition_sizereportcitation",
    "coalition_sizereport",
    "coalition_coalition",
    "sources_source",
]

COLUMNS = {
    "coalition_actor": (
        "id code kind name official_name alpha2 numeric aliases description "
        "created_at updated_at parent_id"
    ),
    "coalition_coalition": (
        "id name slug lead_id started_on started_on_precision ended_on description "
        "created_at updated_at"
    ),
    "sources_source": (
        "id title publisher url published_on published_on_precision byline wire_agencies "
        "language text content_sha256 notes dataset_key created_at updated_at"
    ),
    "coalition_membership": (
        "id coalition_id actor_id status started_on started_on_precision ended_on "
        "ended_on_precision note dataset_key review_status verified_at created_at updated_at"
    ),
    "coalition_membershipcitation": ("id membership_id source_id quote locator stance created_at"),
    "pledges_pledge": (
        "id actor_id coalition_id kind status description quantity quantity_max "
        "quantity_qualifier quantity_unit amount currency recipient_id host_id asset "
        "announced_on announced_on_precision starts_on ends_on dataset_key review_status "
        "verified_at created_at updated_at"
    ),
    "pledges_pledgestage": "id pledge_id status occurred_on occurred_on_precision quantity note",
    "pledges_pledgecitation": "id pledge_id source_id quote locator stance created_at",
}
COLUMNS = {table: tuple(cols.split()) for table, cols in COLUMNS.items()}

EXTRA_ACTORS = [
    # code, kind, name, parent code
    ("EU", "organisation", "European Union", None),
    ("NATO", "organisation", "North Atlantic Treaty Organization", None),
    ("ARAB_LEAGUE", "organisation", "Arab League", None),
    ("AU", "organisation", "African Union", None),
    ("GCC", "organisation", "Gulf Cooperation Council", None),
    ("KRG", "subnational", "Kurdistan Regional Government", "IRQ"),
]
# Most active first: they get the head of the Zipf distribution.
LEADERS = [
    "USA", "GBR", "FRA", "DEU", "AUS", "CAN", "TUR", "SAU", "ARE", "JOR",
    "IRQ", "ITA", "NLD", "DNK", "BEL", "JPN", "KRG", "EU", "NATO", "QAT",
]  # fmt: skip

KINDS = {
    # kind: (weight, unit, share with a quantity)
    "troops": (18, "personnel", 0.85),
    "aircraft": (14, "aircraft", 0.9),
    "airstrikes": (10, "airstrikes", 0.9),
    "basing": (6, "", 0.0),
    "arms": (12, "items", 0.6),
    "training": (9, "trainees", 0.6),
    "intelligence": (5, "", 0.0),
    "logistics": (5, "", 0.2),
    "money": (9, "", 0.0),
    "humanitarian": (8, "", 0.0),
    "other": (4, "", 0.1),
}
STATUSES = {
    "offered": 8,
    "announced": 30,
    "committed": 22,
    "delivered": 25,
    "refused": 7,
    "declined": 3,
    "withdrawn": 5,
}
QUALIFIERS = {"exact": 45, "about": 20, "at_least": 8, "more_than": 7, "up_to": 12, "range": 8}
STANCES = {"supports": 90, "disputes": 7, "retracts": 3}
CURRENCIES = ["USD", "USD", "USD", "EUR", "EUR", "GBP", "JPY", "SAR", "AUD", "CAD"]
PUBLISHERS = [
    ("Reuters", "reuters.example"),
    ("Agence France-Presse", "afp.example"),
    ("Associated Press", "apnews.example"),
    ("BBC News", "bbc.example"),
    ("Al Jazeera", "aljazeera.example"),
    ("The New York Times", "nytimes.example"),
    ("The Guardian", "theguardian.example"),
    ("Le Monde", "lemonde.example"),
    ("Der Spiegel", "spiegel.example"),
    ("The Washington Post", "washingtonpost.example"),
    ("Hurriyet Daily News", "hurriyetdailynews.example"),
    ("Asharq Al-Awsat", "aawsat.example"),
    ("Kurdistan24", "kurdistan24.example"),
    ("Defense News", "defensenews.example"),
    ("U.S. Department of Defense", "defense.example"),
    ("UK Ministry of Defence", "mod.example"),
    ("Deutsche Welle", "dw.example"),
    ("ABC News (Australia)", "abc.example"),
    ("CBC News", "cbc.example"),
    ("The Japan Times", "japantimes.example"),
]
AGENCIES = ["Reuters", "AFP", "AP", "dpa", "Anadolu", "ANSA", "Kyodo", "Xinhua"]
BYLINES = [
    "Staff", "Political desk", "Defence correspondent", "Middle East bureau",
    "Diplomatic editor", "Security correspondent", "Wire reports",
]  # fmt: skip
HEADLINE_VERBS = [
    "pledges", "commits", "sends", "deploys", "offers", "withdraws", "expands",
    "delivers", "refuses", "confirms", "announces", "considers",
]  # fmt: skip
TOPICS = [
    "aircraft to anti-IS coalition", "trainers to Iraq", "arms to Kurdish forces",
    "aid for displaced families", "special forces to northern Iraq",
    "surveillance flights over Syria", "funding for stabilisation", "use of air base",
    "airstrikes against militants", "logistics support for coalition",
]  # fmt: skip
PLACES = ["Iraq", "Syria", "northern Iraq", "Erbil", "Baghdad", "the Gulf", "Jordan", "Kuwait"]
ASSETS = [
    "Incirlik air base", "Al Udeid air base", "Muwaffaq Salti air base", "Ali Al Salem air base",
    "Al Dhafra air base", "RAF Akrotiri", "Prince Sultan air base", "Erbil air base",
    "Camp Taji", "Al Asad air base",
]  # fmt: skip
QUOTE_TAILS = [
    "officials said in a statement on Tuesday.",
    "the defence ministry confirmed, without giving a timetable.",
    "a government spokesman told reporters after the meeting.",
    "according to a senior official who spoke on condition of anonymity.",
    "the minister said, adding that the decision would be reviewed in six months.",
    "diplomats said, though details were still being negotiated.",
]

START = date(2014, 6, 1)
DAYS = 3_865  # to the end of 2024
EPOCH = "2024-01-01 00:00:00+00"


def cum(weights: dict) -> tuple[list, list[float]]:
    keys = list(weights)
    values = [w[0] if isinstance(w, tuple) else w for w in weights.values()]
    return keys, list(itertools.accumulate(values))


def copy_text(value: str) -> str:
    """Escape a value for COPY's text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


@dataclass
class Plan:
    pledges: int
    sources: int
    citations: int
    coalitions: int
    seed: int
    history: bool = False

    def as_text(self) -> str:
        return (
            f"{self.pledges:,} pledges, {self.sources:,} sources, {self.citations:,} pledge "
            f"citations, {self.coalitions} coalitions, seed {self.seed}"
            + (", history triggers on" if self.history else "")
        )


@dataclass
class World:
    """What later tables refer to: actor ids by code, weights, coalition ids."""

    actor_ids: list[int] = field(default_factory=list)
    actor_names: dict[int, str] = field(default_factory=dict)
    actor_by_code: dict[str, int] = field(default_factory=dict)
    pledge_actor_ids: list[int] = field(default_factory=list)
    pledge_actor_cw: list[float] = field(default_factory=list)
    coalition_ids: list[int] = field(default_factory=list)
    coalition_cw: list[float] = field(default_factory=list)


class Loader:
    def __init__(self, conn, plan: Plan, progress, extras: dict | None = None) -> None:
        self.conn = conn
        self.extras = extras or {}
        self.plan = plan
        self.progress = progress
        self.rng = random.Random(plan.seed)
        self.world = World()
        self.timings: dict[str, float] = {}
        self.rows: dict[str, int] = {}
        self.days = [(START + timedelta(days=i)).isoformat() for i in range(DAYS + 2000)]

    # -- plumbing -------------------------------------------------------------------------
    def copy(self, table: str, lines: list[str], freeze: bool = True) -> None:
        if not lines:
            return
        started = time.perf_counter()
        names = COLUMNS[table]
        if table in self.extras:
            extra_names, suffix = self.extras[table]
            names = names + extra_names
            suffix = "\t" + suffix + "\n"
            lines = [line[:-1] + suffix for line in lines]
        columns = ", ".join(f'"{c}"' for c in names)
        # FREEZE needs the table truncated in this transaction; the coalitions are deleted.
        options = " WITH (FREEZE true)" if freeze and table != "coalition_coalition" else ""
        statement = f"COPY {table} ({columns}) FROM STDIN{options}"
        with self.conn.cursor() as cur, cur.copy(statement) as copy:
            block = 5_000
            for i in range(0, len(lines), block):
                copy.write("".join(lines[i : i + block]))
        self.timings[table] = self.timings.get(table, 0.0) + time.perf_counter() - started
        self.rows[table] = self.rows.get(table, 0) + len(lines)
        self.progress.update(len(lines))

    def day(self, offset: int) -> str:
        return self.days[offset]

    def vague_day(self, offset: int) -> tuple[str, str]:
        """A date string and its precision (month and year dates fall on the 1st)."""
        r = self.rng.random()
        d = START + timedelta(days=offset)
        if r < 0.8:
            return d.isoformat(), "day"
        if r < 0.95:
            return d.replace(day=1).isoformat(), "month"
        return d.replace(month=1, day=1).isoformat(), "year"

    # -- tables ---------------------------------------------------------------------------
    def empty(self, history_tables: list[str]) -> None:
        with self.conn.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            existing = {
                r[0]
                for r in cur.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
            }
            # Actors of kind coalition point at their coalition: TRUNCATE ... CASCADE of the
            # coalitions would empty the actors (the countries included), so they go by DELETE.
            tables = [
                t
                for t in [*TRUNCATE, *ROLLUP_TABLES, *history_tables]
                if t in existing and t != "coalition_coalition"
            ]
            cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            cur.execute("DELETE FROM coalition_actor WHERE coalition_id IS NOT NULL")
            cur.execute("DELETE FROM coalition_coalition")
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('coalition_coalition', 'id'), 1, false)"
            )
            if not self.plan.history:
                # History triggers (django-pghistory) would write one event row per loaded
                # row; switched off for the load only (transactional DDL: they are back on
                # at commit, and after a failure). Foreign-key triggers are not affected.
                for table in COLUMNS:
                    cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cur.execute("DELETE FROM coalition_actor WHERE kind <> 'country'")

    def restore_triggers(self) -> None:
        if not self.plan.history:
            for table in COLUMNS:
                self.conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    def actors(self) -> None:
        rng, world = self.rng, self.world
        rows = self.conn.execute(
            "SELECT id, code, name FROM coalition_actor ORDER BY id"
        ).fetchall()
        if not rows:
            raise SystemExit("no countries in coalition_actor: is the database migrated?")
        next_id = rows[-1][0] + 1
        by_code = {code: pk for pk, code, _ in rows}
        names = {pk: name for pk, _, name in rows}
        lines = []
        for code, kind, name, parent in EXTRA_ACTORS:
            parent_id = str(by_code[parent]) if parent in by_code else NULL
            lines.append(
                f"{next_id}\t{code}\t{kind}\t{name}\t\t\t\t{{}}\tSynthetic benchmark actor.\t"
                f"{EPOCH}\t{EPOCH}\t{parent_id}\n"
            )
            by_code[code], names[next_id] = next_id, name
            next_id += 1
        self.copy("coalition_actor", lines, freeze=False)

        world.actor_by_code = by_code
        world.actor_names = {pk: copy_text(n) for pk, n in names.items()}
        world.actor_ids = list(names)
        leaders = [by_code[c] for c in LEADERS if c in by_code]
        rest = [pk for pk in world.actor_ids if pk not in set(leaders)]
        rng.shuffle(rest)
        ranked = leaders + rest
        world.pledge_actor_ids = ranked
        world.pledge_actor_cw = list(itertools.accumulate(1 / r for r in range(1, len(ranked) + 1)))

    def coalitions(self) -> None:
        rng, world = self.rng, self.world
        lines = []
        usa = world.actor_by_code.get("USA", world.actor_ids[0])
        for i in range(1, self.plan.coalitions + 1):
            if i == 1:
                name, slug, lead = "Global Coalition against Daesh", "global-coalition", usa
                start = date(2014, 9, 10)
                end = NULL
            else:
                name = f"Synthetic coalition {i:02d}"
                slug, lead = f"synthetic-coalition-{i:02d}", rng.choice(world.actor_ids)
                start = date(1995, 1, 1) + timedelta(days=rng.randrange(9_000))
                end = (
                    (start + timedelta(days=rng.randrange(365, 4_000))).isoformat()
                    if rng.random() < 0.3
                    else NULL
                )
            lines.append(
                f"{i}\t{name}\t{slug}\t{lead}\t{start.isoformat()}\tday\t{end}\t"
                f"Benchmark coalition {i}.\t{EPOCH}\t{EPOCH}\n"
            )
            world.coalition_ids.append(i)
        self.copy("coalition_coalition", lines)
        # The first coalition gets most pledges, as in the real dataset.
        weights = [50.0] + [2.5] * (len(world.coalition_ids) - 1)
        world.coalition_cw = list(itertools.accumulate(weights))

    def sources(self) -> None:
        rng, world, n = self.rng, self.world, self.plan.sources
        names = list(world.actor_names.values())
        for start in range(1, n + 1, CHUNK):
            lines = []
            for pk in range(start, min(start + CHUNK, n + 1)):
                publisher, domain = PUBLISHERS[rng.randrange(len(PUBLISHERS))]
                title = (
                    f"{rng.choice(names)} {rng.choice(HEADLINE_VERBS)} {rng.choice(TOPICS)} "
                    f"in {rng.choice(PLACES)}"
                )
                if rng.random() < 0.97:
                    published, precision = self.vague_day(rng.randrange(DAYS))
                    year = published[:4]
                else:
                    published, precision, year = NULL, "day", "undated"
                url = f"https://{domain}/{year}/story-{pk}" if rng.random() < 0.95 else ""
                agencies = (
                    "{" + ",".join(rng.sample(AGENCIES, rng.randint(1, 2))) + "}"
                    if rng.random() < 0.4
                    else "{}"
                )
                lines.append(
                    f"{pk}\t{title}\t{publisher}\t{url}\t{published}\t{precision}\t"
                    f"{rng.choice(BYLINES)}\t{agencies}\ten\t\t\t\t\t{EPOCH}\t{EPOCH}\n"
                )
            self.copy("sources_source", lines)

    def memberships(self) -> None:
        rng, world = self.rng, self.world
        patterns = [
            ["member"],
            ["member"],
            ["member"],
            ["invited", "member"],
            ["member", "suspended", "member"],
            ["member", "withdrawn"],
            ["supporter"],
            ["declined"],
            ["invited", "declined"],
            ["supporter", "member"],
        ]
        memberships, citations = [], []
        pk = cpk = 0
        for coalition in world.coalition_ids:
            size = 85 if coalition == 1 else rng.randint(8, 60)
            start = date(2014, 9, 10) if coalition == 1 else date(2000, 1, 1)
            for actor in rng.sample(world.actor_ids, min(size, len(world.actor_ids))):
                day = start + timedelta(days=rng.randrange(400))
                statuses = rng.choice(patterns)
                for position, status in enumerate(statuses):
                    pk += 1
                    last = position == len(statuses) - 1
                    end = None if last else day + timedelta(days=rng.randint(30, 900))
                    memberships.append(
                        f"{pk}\t{coalition}\t{actor}\t{status}\t{day.isoformat()}\tday\t"
                        f"{end.isoformat() if end else NULL}\tday\t\t\tverified\t{EPOCH}\t{EPOCH}\t"
                        f"{EPOCH}\n"
                    )
                    for _ in range(rng.choice((1, 1, 1, 2))):
                        cpk += 1
                        citations.append(
                            f"{cpk}\t{pk}\t{rng.randint(1, self.plan.sources)}\t"
                            f"{world.actor_names[actor]} is listed as {status} of the coalition, "
                            f"{rng.choice(QUOTE_TAILS)}\tpara {rng.randint(1, 30)}\tsupports\t"
                            f"{EPOCH}\n"
                        )
                    if end:
                        day = end
        self.copy("coalition_membership", memberships)
        self.copy("coalition_membershipcitation", citations)

    def pledges(self) -> None:
        rng, world, plan = self.rng, self.world, self.plan
        kinds, kind_cw = cum(KINDS)
        statuses, status_cw = cum(STATUSES)
        qualifiers, qualifier_cw = cum(QUALIFIERS)
        stances, stance_cw = cum(STANCES)
        count_cw = list(itertools.accumulate([5, 30, 35, 20, 10]))  # 0..4 citations, mean 2
        names = world.actor_names
        by_code = world.actor_by_code
        recipients = [by_code.get(c) for c in ("IRQ", "IRQ", "IRQ", "SYR", "KRG", "JOR", "LBN")]
        hosts = [by_code[c] for c in ("TUR", "QAT", "JOR", "KWT", "ARE", "CYP", "SAU", "IRQ")]
        stage_pk = citation_pk = 0
        n = plan.pledges
        for start in range(1, n + 1, CHUNK):
            stop = min(start + CHUNK, n + 1)
            size = stop - start
            actors = rng.choices(world.pledge_actor_ids, cum_weights=world.pledge_actor_cw, k=size)
            chunk_kinds = rng.choices(kinds, cum_weights=kind_cw, k=size)
            chunk_statuses = rng.choices(statuses, cum_weights=status_cw, k=size)
            coalitions = rng.choices(world.coalition_ids, cum_weights=world.coalition_cw, k=size)
            counts = rng.choices(range(5), cum_weights=count_cw, k=size)
            # Exactly plan.citations in all: fix this chunk's share.
            share = round(plan.citations * (stop - 1) / n) - round(plan.citations * (start - 1) / n)
            diff = share - sum(counts)
            while diff:
                i = rng.randrange(size)
                if diff > 0 and counts[i] < 6:
                    counts[i] += 1
                    diff -= 1
                elif diff < 0 and counts[i] > 0:
                    counts[i] -= 1
                    diff += 1
            pledge_lines, stage_lines, citation_lines = [], [], []
            for i, pk in enumerate(range(start, stop)):
                actor, kind, status = actors[i], chunk_kinds[i], chunk_statuses[i]
                _, unit, quantified = KINDS[kind]
                coalition = str(coalitions[i]) if rng.random() < 0.85 else NULL
                quantity = quantity_max = NULL
                qualifier = ""
                if rng.random() < quantified:
                    q = min(int(rng.paretovariate(1.2) * 4), 250_000)
                    quantity = str(q)
                    qualifier = qualifiers[bisect.bisect(qualifier_cw, rng.random() * 100)]
                    if qualifier == "range":
                        quantity_max = str(q + rng.randint(1, q + 10))
                else:
                    unit = ""
                amount, currency = NULL, ""
                if kind in ("money", "humanitarian") and rng.random() < 0.9:
                    amount = f"{rng.randint(100_000, 5_000_000_000) / 100:.2f}"
                    currency = rng.choice(CURRENCIES)
                recipient = rng.choice(recipients) if rng.random() < 0.7 else None
                if kind == "basing":
                    host, asset = rng.choice(hosts), rng.choice(ASSETS)
                elif rng.random() < 0.15:
                    host, asset = rng.choice(hosts), ""
                else:
                    host, asset = None, ""
                offset = rng.randrange(DAYS)
                if rng.random() < 0.92:
                    announced, precision = self.vague_day(offset)
                else:
                    announced, precision = NULL, "day"
                starts = ends = NULL
                if rng.random() < 0.4:
                    begin = offset + rng.randrange(120)
                    starts = self.day(begin)
                    if rng.random() < 0.5:
                        ends = self.day(begin + rng.randint(30, 1_500))
                r = rng.random()
                if r < 0.9:
                    review = f"verified\t{EPOCH}"
                else:
                    review = f"{'needs_review' if r < 0.97 else 'draft'}\t{NULL}"
                amount_text = f" worth {amount} {currency}" if amount != NULL else ""
                what = f"{quantity} {unit} " if quantity != NULL and unit else ""
                description = (
                    f"{names[actor]}: {status} {what}{kind}{amount_text} for operations in "
                    f"{PLACES[pk % len(PLACES)]} (#{pk})"
                )
                pledge_lines.append(
                    f"{pk}\t{actor}\t{coalition}\t{kind}\t{status}\t{description}\t{quantity}\t"
                    f"{quantity_max}\t{qualifier}\t{unit}\t{amount}\t{currency}\t"
                    f"{recipient or NULL}\t{host or NULL}\t{asset}\t{announced}\t{precision}\t"
                    f"{starts}\t{ends}\t\t{review}\t{EPOCH}\t{EPOCH}\n"
                )
                if status in ("committed", "delivered", "withdrawn"):
                    later = offset + rng.randint(10, 400)
                    for stage, when in (("announced", offset), (status, later)):
                        stage_pk += 1
                        stage_lines.append(
                            f"{stage_pk}\t{pk}\t{stage}\t{self.day(when)}\tday\t{quantity}\t\n"
                        )
                for _ in range(counts[i]):
                    citation_pk += 1
                    stance = stances[bisect.bisect(stance_cw, rng.random() * 100)]
                    citation_lines.append(
                        f"{citation_pk}\t{pk}\t{rng.randint(1, plan.sources)}\t"
                        f"{names[actor]} {rng.choice(HEADLINE_VERBS)} {what}{kind} for the "
                        f"campaign in {rng.choice(PLACES)}, {rng.choice(QUOTE_TAILS)}\t"
                        f"para {rng.randint(1, 40)}\t{stance}\t{EPOCH}\n"
                    )
            self.copy("pledges_pledge", pledge_lines)
            self.copy("pledges_pledgestage", stage_lines)
            self.copy("pledges_pledgecitation", citation_lines)


def column_defaults() -> dict[str, tuple[tuple[str, ...], str]]:
    """Columns the models have and the generator does not fill, with the text of their
    default, per table: the generator keeps working when a model gains a field with a
    default. A new required column without a default stops it with a clear message."""
    from django.apps import apps
    from django.db.models.fields import NOT_PROVIDED

    by_table = {m._meta.db_table: m for m in apps.get_models()}
    extras, problems = {}, []
    for table, columns in COLUMNS.items():
        fields = {f.column: f for f in by_table[table]._meta.concrete_fields}
        if unknown := set(columns) - set(fields):
            problems.append(f"{table}: the model has no column {sorted(unknown)}")
        names, values = [], []
        for column, f in fields.items():
            if column in columns or f.db_default is not NOT_PROVIDED:
                continue
            if f.has_default():
                value = f.get_db_prep_save(f.get_default(), connection=None)
            elif f.null:
                value = None
            else:
                problems.append(f"{table}: the generator does not fill {column!r}")
                continue
            names.append(column)
            values.append(NULL if value is None else copy_text(_copy_value(value)))
        if names:
            extras[table] = (tuple(names), "\t".join(values))
    if problems:
        raise SystemExit("bench/generate.py is out of date:\n  " + "\n  ".join(problems))
    return extras


def _copy_value(value) -> str:
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | tuple):
        return "{" + ",".join(f'"{v}"' for v in value) + "}"
    return str(value)


def history_tables() -> list[str]:
    """Event tables of django-pghistory (and its context table), emptied with the data."""
    from django.apps import apps

    try:
        from pghistory.models import Context, Event
    except ImportError:
        return []
    tables = [
        m._meta.db_table
        for m in apps.get_models()
        if issubclass(m, Event) and not m._meta.proxy and m._meta.managed
    ]
    return [*tables, Context._meta.db_table]


def reset_sequences(conn) -> None:
    for table in COLUMNS:
        conn.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "COALESCE((SELECT max(id) FROM " + table + "), 1), "
            "(SELECT max(id) FROM " + table + ") IS NOT NULL)",
            [table],
        )


def load(conn, plan: Plan, progress, extras: dict, history: list[str]):
    """Empty the tables and load ``plan`` on ``conn`` (a psycopg connection, inside a
    transaction the caller commits). Returns the loader and the seconds of each step."""
    loader = Loader(conn, plan, progress, extras)
    loader.empty(history)
    steps: dict[str, float] = {}
    for step in ("actors", "coalitions", "sources", "memberships", "pledges"):
        progress.set_description(step)
        started = time.perf_counter()
        getattr(loader, step)()
        steps[step] = time.perf_counter() - started
    progress.set_description("sequences")
    loader.restore_triggers()
    reset_sequences(conn)
    progress.set_description("rollups")
    started = time.perf_counter()
    rebuild_rollups(conn)
    steps["rollups"] = time.perf_counter() - started
    return loader, steps


def rebuild_rollups(conn) -> None:
    """The rollups from scratch, in the load's transaction: it ran with the triggers that
    keep them off (``reports.rollups``)."""
    from reports.rollups import REBUILD_FUNCTIONS

    for function in REBUILD_FUNCTIONS:
        conn.execute(f"SELECT {function}()")


def loaded_plan(url: str) -> dict | None:
    """The plan the database was last loaded with (kept as the database's comment)."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchone()
    try:
        return json.loads(row[0]) if row and row[0] else None
    except ValueError:
        return None


def record_plan(conn, plan: Plan) -> None:
    from psycopg import sql

    name = conn.execute("SELECT current_database()").fetchone()[0]
    conn.execute(
        sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(name), sql.Literal(json.dumps(asdict(plan)))
        )
    )


def run(plan: Plan, url: str, *, migrate: bool = True, vacuum: bool = True) -> dict:
    import psycopg
    from tqdm import tqdm

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    created = db.ensure_database(url)
    if migrate:
        db.migrate(url)
    db.setup_django(url)
    extras = column_defaults()
    history = history_tables()
    timings["create + migrate"] = time.perf_counter() - t0
    print(
        f"{'created' if created else 'reusing'} {db.database_name(url)}; loading {plan.as_text()}",
        file=sys.stderr,
    )

    memberships_estimate = 1_000 + 60 * plan.coalitions
    total = (
        len(EXTRA_ACTORS)
        + plan.coalitions
        + plan.sources
        + memberships_estimate
        + plan.pledges
        + int(plan.pledges * 1.04)  # stages: two for each committed/delivered/withdrawn
        + plan.citations
    )
    t1 = time.perf_counter()
    with (
        psycopg.connect(url) as conn,
        tqdm(total=total, unit="row", unit_scale=True, smoothing=0.1) as progress,
    ):
        loader, steps = load(conn, plan, progress, extras, history)
        record_plan(conn, plan)
        conn.commit()
        progress.set_description("committed")
        progress.total = progress.n
        progress.refresh()
    timings["generate + COPY, one transaction"] = time.perf_counter() - t1
    for step, seconds in steps.items():
        timings[f"  {step}"] = seconds
    for table, seconds in loader.timings.items():
        timings[f"    COPY {table} ({loader.rows[table]:,} rows)"] = seconds

    if vacuum:
        t2 = time.perf_counter()
        with psycopg.connect(url, autocommit=True) as conn:
            tables = ["coalition_actor", *TRUNCATE, *ROLLUP_TABLES]
            for table in [*tables, *(history if plan.history else [])]:
                conn.execute(f"VACUUM (ANALYZE) {table}")
        timings["vacuum + analyze"] = time.perf_counter() - t2
    timings["total"] = time.perf_counter() - t0
    return {"timings": timings, "rows": loader.rows}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--pledges", type=int)
    parser.add_argument("--sources", type=int)
    parser.add_argument("--citations", type=int, help="pledge citations in all")
    parser.add_argument("--coalitions", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--database-url",
        help="default: BENCH_DATABASE_URL, else DATABASE_URL's server or the embedded one "
        "with the database coalition_bench",
    )
    parser.add_argument(
        "--history",
        action="store_true",
        help="keep the history triggers on during the load (one event row per row loaded)",
    )
    parser.add_argument(
        "--if-needed",
        action="store_true",
        help="do nothing when the database already holds this plan (same sizes and seed)",
    )
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument("--no-vacuum", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    sizes = dict(SCALES[args.scale])
    for name in sizes:
        if getattr(args, name) is not None:
            sizes[name] = getattr(args, name)
    if sizes["pledges"] < 1 or sizes["sources"] < 1 or sizes["coalitions"] < 1:
        raise SystemExit("--pledges, --sources and --coalitions must be at least 1")
    plan = Plan(seed=args.seed, history=args.history, **sizes)
    url = db.resolve_url(args.database_url)
    if args.if_needed and not db.ensure_database(url):
        if not args.no_migrate:
            db.migrate(url)
        if loaded_plan(url) == asdict(plan):
            print(f"{db.database_name(url)} already holds {plan.as_text()}")
            return 0
    result = run(plan, url, migrate=not args.no_migrate, vacuum=not args.no_vacuum)
    print(f"\nLoaded {db.database_name(url)}: {plan.as_text()}")
    for step, seconds in result["timings"].items():
        print(f"  {step:<52} {seconds:8.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
