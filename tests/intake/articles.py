"""Wire-style articles written for these tests (not from the seed set): other countries,
other numbers, other wording. Each comes with the exact claims the extractor must find,
as (actor, kind, status, quantity, qualifier, amount, currency, recipient, host)."""

from __future__ import annotations

from decimal import Decimal

# Three claims in three paragraphs: the article the proposal tests store and review.
ARTICLE = (
    "OSLO (AP) - Norway pledged 50 million kroner in humanitarian aid, the foreign "
    "ministry said on Thursday.\n\n"
    "Canberra will deploy up to eight F/A-18 Super Hornets to the United Arab Emirates.\n\n"
    "Ankara refused to let the coalition use Incirlik, officials said.\n"
)

CANBERRA = """\
CANBERRA, Sept 14 (Reuters) - Canberra will deploy up to eight F/A-18 Super Hornets and \
about 400 air force personnel to the United Arab Emirates, Prime Minister Tony Abbott said \
on Sunday.

Australia will also send a special forces contingent of around 200 soldiers to advise \
Iraqi troops, Abbott told reporters.

The Australian government has already delivered ammunition and small arms to Kurdish \
Peshmerga fighters in northern Iraq, a defence spokesman said.

Abbott said Australia would not send combat troops into Syria.
"""
CANBERRA_CLAIMS = {
    ("AUS", "aircraft", "announced", 8, "up_to", None, "", None, "ARE"),
    ("AUS", "troops", "announced", 400, "about", None, "", None, "ARE"),
    ("AUS", "troops", "announced", 200, "about", None, "", None, None),
    ("AUS", "arms", "delivered", None, "", None, "", "PESHMERGA", None),
    ("AUS", "troops", "refused", None, "", None, "", None, "SYR"),
}

OSLO = """\
OSLO (AP) — Norway pledged 50 million kroner in humanitarian aid for refugees fleeing the \
fighting, the foreign ministry said Thursday.

The Dutch government said it would contribute six F-16 fighter jets to the campaign \
against the militants, but the jets will not be used over Syria.

Denmark's parliament approved sending seven F-16s and about 140 personnel.

Sweden declined to take part in the air campaign.
"""
OSLO_CLAIMS = {
    ("NOR", "humanitarian", "announced", None, "", Decimal("50000000.00"), "NOK", None, None),
    ("NLD", "aircraft", "announced", 6, "exact", None, "", None, None),
    ("DNK", "aircraft", "committed", 7, "exact", None, "", None, None),
    ("DNK", "troops", "committed", 140, "about", None, "", None, None),
    ("SWE", "airstrikes", "refused", None, "", None, "", None, None),
}

ANKARA = """\
ANKARA (Reuters) - Ankara refused to let the coalition use Incirlik, a senior Turkish \
official said on Wednesday, a day after Washington asked for access to the base.

Jordan has carried out dozens of airstrikes against the militants since its pilot was \
killed, military officials in Amman said.

Saudi Arabia agreed to host a training programme for moderate Syrian rebels on its \
territory, U.S. officials said.

Germany rejected calls to join the bombing campaign but said it would send 40 military \
advisers to train Kurdish forces in Erbil.
"""
ANKARA_CLAIMS = {
    ("TUR", "basing", "refused", None, "", None, "", None, "TUR"),
    ("JOR", "airstrikes", "delivered", None, "", None, "", None, None),
    ("SAU", "training", "committed", None, "", None, "", "SYR_OPPOSITION", None),
    ("DEU", "airstrikes", "refused", None, "", None, "", None, None),
    ("DEU", "troops", "announced", 40, "exact", None, "", None, None),
    # the 40 advisers sent "to train" are the trainers
    ("DEU", "training", "announced", 40, "exact", None, "", None, None),
}

LONDON = """\
LONDON — Britain will provide £20m of non-lethal equipment and training to Kurdish \
forces, the defence secretary said.

The UK has also sent two RAF Tornado jets to Cyprus to fly reconnaissance missions over \
northern Iraq.

Ottawa said on Friday it was prepared to send CF-18 fighter jets for up to six months.

Italy offered €1.5bn in reconstruction aid, but officials in Rome stressed that no \
Italian troops would be deployed.
"""
LONDON_CLAIMS = {
    # "£20m of non-lethal equipment and training": the sum goes to the first goods named
    ("GBR", "other", "announced", None, "", Decimal("20000000.00"), "GBP", None, None),
    ("GBR", "training", "announced", None, "", None, "", None, None),
    ("GBR", "aircraft", "delivered", 2, "exact", None, "", None, "CYP"),
    ("GBR", "intelligence", "delivered", None, "", None, "", None, None),
    ("CAN", "aircraft", "offered", None, "", None, "", None, None),
    ("ITA", "money", "offered", None, "", Decimal("1500000000.00"), "EUR", None, None),
    ("ITA", "troops", "refused", None, "", None, "", None, None),
}

GULF = """\
DUBAI — The UAE has flown more than 100 sorties against the militants, the state news \
agency said.

Emirati jets struck targets near Raqqa on Tuesday, according to a statement.

Qatar said it would allow coalition aircraft to use its Al Udeid air base but declined \
to join the strikes.

Bahrain, which joined the coalition in September, sent a squadron of F-16s to take part \
in the strikes, its interior minister said.
"""
GULF_CLAIMS = {
    ("ARE", "airstrikes", "delivered", 100, "more_than", None, "", None, None),
    # "Emirati jets struck targets": the strike itself, from the second sentence; the
    # uncounted jets are its instrument, not a contribution of their own
    ("ARE", "airstrikes", "delivered", None, "", None, "", None, None),
    ("QAT", "basing", "announced", None, "", None, "", None, "QAT"),
    ("QAT", "airstrikes", "refused", None, "", None, "", None, None),
    ("BHR", "aircraft", "delivered", None, "", None, "", None, None),
    ("BHR", "airstrikes", "delivered", None, "", None, "", None, None),
}

TEHRAN = """\
TEHRAN — Tehran rejected a U.S. request to coordinate airstrikes, state media reported.

Japan will give $200 million in humanitarian assistance to Iraq, Prime Minister Shinzo Abe \
announced.

The Netherlands withdrew its six F-16s from the mission in June, the Dutch defence ministry \
said.
"""
TEHRAN_CLAIMS = {
    ("IRN", "airstrikes", "refused", None, "", None, "", None, None),
    ("JPN", "humanitarian", "announced", None, "", Decimal("200000000.00"), "USD", "IRQ", None),
    ("NLD", "aircraft", "withdrawn", 6, "exact", None, "", None, None),
}

ARTICLES = {
    "canberra": (CANBERRA, CANBERRA_CLAIMS),
    "oslo": (OSLO, OSLO_CLAIMS),
    "ankara": (ANKARA, ANKARA_CLAIMS),
    "london": (LONDON, LONDON_CLAIMS),
    "gulf": (GULF, GULF_CLAIMS),
    "tehran": (TEHRAN, TEHRAN_CLAIMS),
}
