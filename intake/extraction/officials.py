"""Officials the press names without their country: heads of state and government,
foreign and defence ministers and the heads of the organisations, 2014-2024.

Wire copy ties an official to a country once ("US Secretary of State John Kerry") and
then writes the surname alone; an article read in part, or one that never gives the tie
("It was conveyed by Lambrecht at a meeting of 40 countries", "President Emmanuel
Macron's announcement"), leaves the extractor without it. ``known_officials`` gives the
ties this table holds for one article: by full name always, and by surname alone only
where the surname is the official's in the press of these years (not "Johnson",
"Carter" or "Austin", which name places and other people too).

Each row holds one office, with the years it was held (inclusive). A person who served
two actors in these years (Ursula von der Leyen, Germany until 2019 and then the EU
Commission) is tied by the article's date, and not at all when the date is unknown.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Official:
    name: str
    code: str
    since: int
    until: int
    surname_alone: bool = True
    #: other spellings of the full name ("Volodymyr Zelenskyy", "Recep Tayyip Erdoğan")
    variants: tuple[str, ...] = ()
    #: the surnames the press writes alone, when not the last word of each form
    #: ("Le Drian", "von der Leyen")
    surnames: tuple[str, ...] = ()

    def alone(self) -> tuple[str, ...]:
        """The forms the press writes the surname alone in, if it does for this person."""
        if not self.surname_alone:
            return ()
        return self.surnames or tuple(
            dict.fromkeys(f.split()[-1] for f in (self.name, *self.variants))
        )


_ = Official
OFFICIALS: tuple[Official, ...] = (
    # United States
    _("Barack Obama", "USA", 2009, 2017),
    _("Joe Biden", "USA", 2009, 2025),
    _("Donald Trump", "USA", 2017, 2021),
    _("John Kerry", "USA", 2013, 2017),
    _("Rex Tillerson", "USA", 2017, 2018),
    _("Mike Pompeo", "USA", 2017, 2021),
    _("Antony Blinken", "USA", 2021, 2025),
    _("Chuck Hagel", "USA", 2013, 2015),
    _("Ash Carter", "USA", 2015, 2017, surname_alone=False, variants=("Ashton Carter",)),
    _("Jim Mattis", "USA", 2017, 2019, variants=("James Mattis",)),
    _("Lloyd Austin", "USA", 2021, 2025, surname_alone=False),
    _("Brett McGurk", "USA", 2015, 2018),
    _("Jake Sullivan", "USA", 2021, 2025, surname_alone=False),
    # United Kingdom
    _("David Cameron", "GBR", 2010, 2024, surname_alone=True),
    _("Theresa May", "GBR", 2016, 2019, surname_alone=False),
    _("Boris Johnson", "GBR", 2016, 2022, surname_alone=False),
    _("Liz Truss", "GBR", 2021, 2022),
    _("Rishi Sunak", "GBR", 2022, 2024),
    _("Keir Starmer", "GBR", 2024, 2025),
    _("Philip Hammond", "GBR", 2014, 2016),
    _("Michael Fallon", "GBR", 2014, 2017),
    _("Ben Wallace", "GBR", 2019, 2023),
    _("Grant Shapps", "GBR", 2023, 2024),
    _("James Cleverly", "GBR", 2022, 2023),
    _("John Healey", "GBR", 2024, 2025, surname_alone=False),
    # France
    _("Francois Hollande", "FRA", 2012, 2017, variants=("François Hollande",)),
    _("Emmanuel Macron", "FRA", 2017, 2025),
    _("Laurent Fabius", "FRA", 2012, 2016),
    _("Jean-Yves Le Drian", "FRA", 2012, 2022, surnames=("Le Drian",)),
    _("Florence Parly", "FRA", 2017, 2022),
    _("Sebastien Lecornu", "FRA", 2022, 2025, variants=("Sébastien Lecornu",)),
    _("Catherine Colonna", "FRA", 2022, 2024),
    # Germany
    _("Angela Merkel", "DEU", 2005, 2021),
    _("Olaf Scholz", "DEU", 2021, 2025),
    _("Frank-Walter Steinmeier", "DEU", 2013, 2025),
    _("Ursula von der Leyen", "DEU", 2013, 2019, surnames=("von der Leyen",)),
    _("Ursula von der Leyen", "EU", 2019, 2025, surnames=("von der Leyen",)),
    _("Annegret Kramp-Karrenbauer", "DEU", 2019, 2021),
    _("Christine Lambrecht", "DEU", 2021, 2023),
    _("Boris Pistorius", "DEU", 2023, 2025),
    _("Annalena Baerbock", "DEU", 2021, 2025),
    # Other coalition and donor governments
    _("Tony Abbott", "AUS", 2013, 2015),
    _("Malcolm Turnbull", "AUS", 2015, 2018),
    _("Julie Bishop", "AUS", 2013, 2018, surname_alone=False),
    _("Anthony Albanese", "AUS", 2022, 2025),
    _("Richard Marles", "AUS", 2022, 2025),
    _("Stephen Harper", "CAN", 2006, 2015),
    _("Justin Trudeau", "CAN", 2015, 2025),
    _("Jason Kenney", "CAN", 2015, 2015, surname_alone=False),
    _("Harjit Sajjan", "CAN", 2015, 2021),
    _("Anita Anand", "CAN", 2021, 2023),
    _("Bill Blair", "CAN", 2023, 2025, surname_alone=False),
    _("Melanie Joly", "CAN", 2021, 2025, variants=("Mélanie Joly",)),
    _("Mark Rutte", "NLD", 2010, 2024),
    _("Mark Rutte", "NATO", 2024, 2025),
    _("Kajsa Ollongren", "NLD", 2022, 2024),
    _("Helle Thorning-Schmidt", "DNK", 2011, 2015),
    _("Mette Frederiksen", "DNK", 2019, 2025),
    _("Troels Lund Poulsen", "DNK", 2022, 2025, surnames=("Lund Poulsen", "Poulsen")),
    _("Charles Michel", "BEL", 2014, 2019, surname_alone=False),
    _("Charles Michel", "EU", 2019, 2024, surname_alone=False),
    _("Alexander De Croo", "BEL", 2020, 2025, surnames=("De Croo",)),
    _("Erna Solberg", "NOR", 2013, 2021),
    _(
        "Jonas Gahr Store",
        "NOR",
        2021,
        2025,
        variants=("Jonas Gahr Støre",),
        surnames=("Gahr Store", "Gahr Støre", "Støre"),
    ),
    _("Ulf Kristersson", "SWE", 2022, 2025),
    _("Pal Jonson", "SWE", 2022, 2025, surname_alone=False, variants=("Pål Jonson",)),
    _("Matteo Renzi", "ITA", 2014, 2016),
    _("Roberta Pinotti", "ITA", 2014, 2018),
    _("Paolo Gentiloni", "ITA", 2014, 2018),
    _("Giorgia Meloni", "ITA", 2022, 2025),
    _("Guido Crosetto", "ITA", 2022, 2025),
    _("Pedro Sanchez", "ESP", 2018, 2025, variants=("Pedro Sánchez",)),
    _("Margarita Robles", "ESP", 2018, 2025),
    _("Jose Manuel Albares", "ESP", 2021, 2025, variants=("José Manuel Albares",)),
    _("Andrzej Duda", "POL", 2015, 2025),
    _("Mateusz Morawiecki", "POL", 2017, 2023),
    _("Mariusz Blaszczak", "POL", 2018, 2023, variants=("Mariusz Błaszczak",)),
    _("Radoslaw Sikorski", "POL", 2023, 2025, variants=("Radosław Sikorski",)),
    _("Robert Fico", "SVK", 2023, 2025),
    _("Eduard Heger", "SVK", 2021, 2023),
    _("Viktor Orban", "HUN", 2010, 2025, variants=("Viktor Orbán",)),
    _("Petr Fiala", "CZE", 2021, 2025),
    _("Kaja Kallas", "EST", 2021, 2024),
    _("Hanno Pevkur", "EST", 2022, 2025),
    _("Gitanas Nauseda", "LTU", 2019, 2025, variants=("Gitanas Nausėda",)),
    _("Sauli Niinisto", "FIN", 2012, 2024, variants=("Sauli Niinistö",)),
    _("Recep Tayyip Erdogan", "TUR", 2014, 2025, variants=("Recep Tayyip Erdoğan",)),
    _("Ahmet Davutoglu", "TUR", 2014, 2016, variants=("Ahmet Davutoğlu",)),
    _("Mevlut Cavusoglu", "TUR", 2014, 2023, variants=("Mevlüt Çavuşoğlu",)),
    _(
        "Haider al-Abadi",
        "IRQ",
        2014,
        2018,
        variants=("Haidar al-Abadi",),
        surnames=("al-Abadi", "Abadi"),
    ),
    _("Masoud Barzani", "KRG", 2005, 2017),
    _("Fumio Kishida", "JPN", 2021, 2024),
    _("Shinzo Abe", "JPN", 2012, 2020),
    _("Yoon Suk Yeol", "KOR", 2022, 2025, variants=("Yoon Suk-yeol",), surnames=("Yoon",)),
    # Ukraine
    _(
        "Volodymyr Zelensky",
        "UKR",
        2019,
        2025,
        variants=("Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenskyi"),
    ),
    _("Dmytro Kuleba", "UKR", 2020, 2024),
    _("Oleksii Reznikov", "UKR", 2021, 2023, variants=("Oleksiy Reznikov",)),
    _("Rustem Umerov", "UKR", 2023, 2025),
    _("Andriy Yermak", "UKR", 2020, 2025, variants=("Andrii Yermak",)),
    _("Denys Shmyhal", "UKR", 2020, 2025),
    # Organisations
    _("Jens Stoltenberg", "NATO", 2014, 2024),
    _("Josep Borrell", "EU", 2019, 2024),
    _("Federica Mogherini", "EU", 2014, 2019),
    _("Ban Ki-moon", "UN", 2007, 2016),
    _("Antonio Guterres", "UN", 2017, 2025, variants=("António Guterres",)),
)
del _


def known_officials(
    text: str, known_codes: set[str], published_on: dt.date | None = None
) -> dict[str, str]:
    """The officials of the table ``text`` names (full name or surname) -> actor code,
    for the actors the gazetteer knows; ``published_on`` settles a person who served two
    of them."""
    found: dict[str, str] = {}
    for match in _forms_re().finditer(text):
        form = match.group(0)
        for name in _FORMS[form]:
            rows = [o for o in OFFICIALS if o.name == name and o.code in known_codes]
            if published_on is not None:
                rows = [o for o in rows if o.since <= published_on.year <= o.until]
            if len({o.code for o in rows}) == 1:
                found[form] = rows[0].code
    return found


def _forms() -> dict[str, tuple[str, ...]]:
    """Each written form (full name, variant, surname written alone) -> the names of the
    officials it may be."""
    forms: dict[str, dict[str, None]] = {}
    for o in OFFICIALS:
        for form in (o.name, *o.variants, *o.alone()):
            forms.setdefault(form, {})[o.name] = None
    return {form: tuple(names) for form, names in forms.items()}


_FORMS = _forms()


@functools.cache
def _forms_re() -> re.Pattern:
    alternatives = "|".join(re.escape(f) for f in sorted(_FORMS, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
