"""Find actors in text: by name, alias, demonym, capital, or a person tied to one.

A ``Gazetteer`` is built from actor records (the Actor table: code, name, official name,
aliases) plus the country tables in ``reference``. Matching is case-sensitive (so the
pronoun "us" is not the US) and tolerant of quotes and no-break spaces between words
('"moderate" Syrian rebels' matches the alias "moderate Syrian rebels").

People: wire copy names an official once with a country ("US Secretary of State John
Kerry", "French president Francois Hollande") and then by surname alone ("Kerry
added ..."). ``Gazetteer.find_people`` learns these ties from one article so later
mentions of the person count as mentions of the actor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from intake.extraction.officials import known_officials
from intake.extraction.reference import country_names

NAME = "name"
ALIAS = "alias"
DEMONYM = "demonym"
CAPITAL = "capital"
PERSON = "person"

_PRIORITY = {ALIAS: 0, NAME: 1, CAPITAL: 2, DEMONYM: 3}
_GAP = "[\\s\u00a0\"“”'\u2018\u2019]+"
_GAP_RE = re.compile(_GAP)
_POSSESSIVE_RE = re.compile(r"['\u2019]s?(?![A-Za-z])")

# Names that contain a country's name but are not that country.
MASKS = [
    re.compile(r"Islamic State (?:of|in) Iraq(?: and (?:Syria|the Levant|al-Sham|Greater Syria))?"),
    re.compile(r"Islamic State of Iraq"),
    # a continent's people, not the United States'
    re.compile(r"(?:South|Latin|Central|North|Pan|Meso)[ -]Americans?"),
]

# After a mention, words that make it a qualifier of others, not the actor: "NATO
# allies", "EU member states", "US partners such as Britain".
_QUALIFIES_OTHERS_RE = re.compile(
    r"[ \u00a0]+(?:member[ \u00a0]+(?:states|countries|nations)|members|allies|"
    r"partner[ \u00a0]+(?:countries|nations|states))(?![\w-])"
)
# After a capital, words that make it a place or a name: "the Paris conference", "the
# Vilnius summit", "the Minsk agreements", "the Ramstein format".
_NAMES_A_PLACE_RE = re.compile(
    r"[ \u00a0]+(?:conference|meeting|summit|talks|ministerial|gathering|declaration|"
    r"communiqu[eé]|agreements?|accords?|format|process|talks|group)s?(?![\w-])",
    re.IGNORECASE,
)

TITLES = (
    r"(?:[Vv]ice[ -])?[Pp]resident|[Pp]rime [Mm]inister|[Ff]oreign [Mm]inister|"
    r"[Dd]efen[cs]e [Mm]inister|[Dd]efen[cs]e [Ss]ecretary|[Ss]ecretary of [Ss]tate|"
    r"[Ss]ecretary of [Dd]efen[cs]e|[Ff]oreign [Ss]ecretary|[Cc]hancellor|[Kk]ing|"
    r"[Qq]ueen|[Ee]mir|[Cc]rown [Pp]rince|[Pp]remier|"
    r"[Mm]inister(?: of (?:[Ff]oreign [Aa]ffairs|[Nn]ational [Dd]efen[cs]e|[A-Z][a-z]+))?|"
    r"[Aa]mbassador|[Ee]nvoy|[Ss]pokes(?:man|woman|person)|[Gg]eneral|[Aa]dmiral|"
    r"[Ll]eader|[Aa]rmy chief|[Cc]hief of [Ss]taff|[Dd]efen[cs]e [Cc]hief|[Cc]hief|"
    r"(?:[Tt]op )?[Dd]iplomat|[Cc]ounterpart"
)
# Words before a title ("Deputy Foreign Minister", "acting defence minister") and a rank
# before the name ("Defense Minister Gen. X").
_TITLE_MODIFIER = r"(?:(?:[Dd]eputy|[Aa]cting|[Nn]ew|[Ss]enior|[Tt]op)[ \u00a0]+)?"
_RANK = (
    r"(?:(?:Gen\.|Gen|General|Lt\.?[ \u00a0]Gen\.?|Adm\.|Admiral|Air[ \u00a0]Marshal|Dr\.|Dr|"
    r"Mr\.|Mr|Mrs\.|Mrs|Ms\.|Ms)[ \u00a0]+)?"
)
_PERSON_NAME = r"(?P<person>[A-Z][\w\u2019'-]+(?:[ \u00a0](?:[A-Z]\.|[A-Z][\w\u2019'-]+)){1,3})"
_PERSON_AFTER_ACTOR_RE = re.compile(
    rf"(?:['\u2019]s)?[ \u00a0]+{_TITLE_MODIFIER}(?:{TITLES}),?[ \u00a0]+{_RANK}{_PERSON_NAME}"
)
# "Ash Carter, the US defense secretary, ...": the person before the country and title.
_PERSON_BEFORE_ACTOR_RE = re.compile(rf"{_PERSON_NAME},[ \u00a0]+(?:the[ \u00a0]+)?$")
# "Foreign Minister Ana Torres of Chile": the titled person before "of" and the country.
_PERSON_OF_ACTOR_RE = re.compile(
    rf"(?:{TITLES}),?[ \u00a0]+{_PERSON_NAME}[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$"
)
# "Ana Torres, the foreign minister of Chile": the person, then the title of the country.
_PERSON_TITLE_OF_ACTOR_RE = re.compile(
    rf"{_PERSON_NAME},[ \u00a0]+(?:the[ \u00a0]+)?{_TITLE_MODIFIER}(?:{TITLES})[ \u00a0]+of"
    r"[ \u00a0]+(?:the[ \u00a0]+)?$"
)
# "the Minister of Defense of the Federal Republic of Germany, Boris Pistorius": the title
# of the country, then the person after a comma.
_TITLE_OF_BEFORE_ACTOR_RE = re.compile(
    rf"(?<![\w-])(?:{TITLES})[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$"
)
_COMMA_PERSON_RE = re.compile(rf",[ \u00a0]+{_PERSON_NAME}")
_TITLE_AFTER_ACTOR_RE = re.compile(
    rf"(?:['\u2019]s)?[ \u00a0]+(?:acting[ \u00a0]+|new[ \u00a0]+)?{_TITLE_MODIFIER}"
    rf"(?:{TITLES})(?![\w-])"
)
# Titles only one government gives, so they name it with no country before them:
# "Secretary of State John Kerry" (not a British "Secretary of State for Defence"),
# "Defense Secretary Ashton Carter" (the American spelling), "Secretary of Defense X".
_COUNTRY_TITLE_RES = (
    (
        re.compile(
            r"(?<![\w.])(?:[Ss]ecretary[ \u00a0]+of[ \u00a0]+[Ss]tate(?![ \u00a0]+for\b)|"
            r"[Dd]efense[ \u00a0]+[Ss]ecretary|[Ss]ecretary[ \u00a0]+of[ \u00a0]+[Dd]efense)"
            rf",?[ \u00a0]+{_PERSON_NAME}"
        ),
        "USA",
    ),
)


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    code: str
    via: str
    surface: str
    possessive: bool = False


@dataclass(frozen=True)
class ActorRecord:
    code: str
    name: str
    official_name: str = ""
    aliases: tuple[str, ...] = ()


class Gazetteer:
    """Every surface form of every actor, compiled into one regular expression."""

    def __init__(self, records: Iterable[ActorRecord]):
        records = list(records)
        known = {r.code for r in records}
        tables = country_names()
        forms: dict[str, tuple[str, str]] = {}

        def add(surface: str, code: str, via: str) -> None:
            surface = surface.strip()
            if not surface or "," in surface or code not in known or len(surface) < 2:
                return
            key = _key(surface)
            if key in forms and _PRIORITY[forms[key][1]] <= _PRIORITY[via]:
                return
            forms[key] = (code, via)

        for record in records:
            for alias in record.aliases:
                add(alias, record.code, ALIAS)
            add(record.name, record.code, NAME)
            add(record.official_name, record.code, NAME)
        for surface, code in tables.names.items():
            add(surface, code, NAME)
        for surface, code in tables.capitals.items():
            add(surface, code, CAPITAL)
        for surface, code in tables.demonyms.items():
            add(surface, code, DEMONYM)
        # An alias that is a capital ("Washington", "Ankara") reads like a capital.
        for surface, code in tables.capitals.items():
            key = _key(surface)
            if forms.get(key, (None,))[0] == code:
                forms[key] = (code, CAPITAL)

        variants: dict[str, tuple[str, str]] = {}
        for key, value in forms.items():
            variants[key] = value
            capitalised = key[0].upper() + key[1:]
            variants.setdefault(capitalised, value)
        self.forms = variants
        alternatives = sorted(variants, key=len, reverse=True)
        self._regex = re.compile(
            "(?<![\\w])(?:" + "|".join(_pattern(surface) for surface in alternatives) + ")"
        )

    @classmethod
    def from_db(cls, *, extra: Iterable[ActorRecord] = ()) -> Gazetteer:
        """Every actor in the Actor table (plus ``extra`` records, e.g. in tests)."""
        from coalition.models import Actor

        rows = Actor.objects.values_list("code", "name", "official_name", "aliases")
        records = [
            ActorRecord(code=c, name=n, official_name=o or "", aliases=tuple(a or ()))
            for c, n, o, a in rows
        ]
        return cls([*records, *extra])

    def find(self, text: str) -> list[ActorMention]:
        """Actor mentions in ``text`` (longest match first, masked names skipped)."""
        masked = [m.span() for rx in MASKS for m in rx.finditer(text)]
        mentions = []
        for match in self._regex.finditer(text):
            start, end = match.span()
            if any(s <= start < e for s, e in masked):
                continue
            code, via = self.forms[_key(match.group(0))]
            if _QUALIFIES_OTHERS_RE.match(text, end) or (
                via == CAPITAL and _NAMES_A_PLACE_RE.match(text, end)
            ):
                continue
            possessive = bool(_POSSESSIVE_RE.match(text, end))
            mentions.append(ActorMention(start, end, code, via, match.group(0), possessive))
        return mentions

    def find_people(
        self, text: str, *, by_title: bool = True, published_on: dt.date | None = None
    ) -> dict[str, str]:
        """People this text ties to an actor: full name and surname -> actor code.
        ``by_title``: also the people whose title alone names the country ("Secretary
        of State John Kerry"). The officials of ``intake.extraction.officials`` the text
        names are tied too, unless the text ties them to another actor; ``published_on``
        settles one who served two actors."""
        people: dict[str, str] = {}

        def learn(person: str, code: str) -> None:
            name = re.sub(r"['\u2019]s$", "", person.replace("\u00a0", " "))
            surname = name.split()[-1]
            if _key(surname) in self.forms:
                return
            people.setdefault(name, code)
            people.setdefault(surname, code)

        for mention in self.find(text):
            match = _PERSON_AFTER_ACTOR_RE.match(text, mention.end)
            if match:
                learn(match.group("person"), mention.code)
                continue
            window = text[max(0, mention.start - 80) : mention.start]
            before = _PERSON_BEFORE_ACTOR_RE.search(window)
            if before and _TITLE_AFTER_ACTOR_RE.match(text, mention.end):
                learn(before.group("person"), mention.code)
                continue
            titled = _PERSON_OF_ACTOR_RE.search(window) or _PERSON_TITLE_OF_ACTOR_RE.search(window)
            if titled:
                learn(titled.group("person"), mention.code)
                continue
            after = _COMMA_PERSON_RE.match(text, mention.end)
            if after and _TITLE_OF_BEFORE_ACTOR_RE.search(window):
                learn(after.group("person"), mention.code)
        known = {code for code, _ in self.forms.values()}
        if by_title:
            for regex, code in _COUNTRY_TITLE_RES:
                if code in known:
                    for match in regex.finditer(text):
                        learn(match.group("person"), code)
        for name, code in known_officials(text, known, published_on).items():
            if _key(name) not in self.forms:
                people.setdefault(name, code)
        return people


def find_person_mentions(text: str, people: dict[str, str]) -> list[ActorMention]:
    """Mentions of the people ``find_people`` learned (full name or surname)."""
    if not people:
        return []
    names = sorted(people, key=len, reverse=True)
    regex = re.compile(r"(?<![\w])(?:" + "|".join(_pattern(n) for n in names) + r")")
    mentions = []
    for match in regex.finditer(text):
        start, end = match.span()
        name = _GAP_RE.sub(" ", match.group(0))
        code = people.get(name) or people.get(name.split()[-1])
        if code is None:
            continue
        possessive = bool(_POSSESSIVE_RE.match(text, end))
        mentions.append(ActorMention(start, end, code, PERSON, match.group(0), possessive))
    return mentions


def _key(surface: str) -> str:
    return _GAP_RE.sub(" ", surface.strip())


def _pattern(surface: str) -> str:
    words = surface.split(" ")
    body = _GAP.join(re.escape(w) for w in words)
    tail = "(?![a-z0-9])" if surface[-1].islower() else "(?![A-Za-z0-9])"
    return body + tail
