"""Fixed pegs to the US dollar for currencies the ECB does not publish.

Each peg is the central bank's official parity, in units of the currency per US dollar,
and the day it has held since (the last change of parity, or its formal adoption). A
day before ``since`` is not converted. Currencies whose rate is managed rather than fixed
(KWD: a basket since 2007-05-20; IQD: a rate the Central Bank of Iraq resets, last on
2023-02-07) are not here, and their amounts stay unconverted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

#: Changes when a peg is added or corrected; part of every stored conversion's version.
PEGS_VERSION = "pegs-2026-12-02"


@dataclass(frozen=True)
class Peg:
    currency: str
    per_usd: Decimal  # units of ``currency`` per US dollar
    since: dt.date
    authority: str
    source: str
    url: str  # the authority's site


PEGS: dict[str, Peg] = {
    peg.currency: peg
    for peg in (
        Peg(
            "SAR",
            Decimal("3.75"),
            dt.date(1986, 6, 1),
            "Saudi Central Bank (SAMA)",
            "SAMA, exchange rate policy: the riyal is pegged at 3.75 to the US dollar "
            "(since June 1986; formalised January 2003)",
            "https://www.sama.gov.sa/",
        ),
        Peg(
            "AED",
            Decimal("3.6725"),
            dt.date(1997, 11, 1),
            "Central Bank of the UAE",
            "Central Bank of the UAE: the dirham is pegged at 3.6725 to the US dollar "
            "(de facto since 1980, formally since November 1997)",
            "https://www.centralbank.ae/",
        ),
        Peg(
            "QAR",
            Decimal("3.64"),
            dt.date(2001, 7, 1),
            "Qatar Central Bank",
            "Qatar Central Bank: the riyal is pegged at 3.64 to the US dollar "
            "(Emiri Decree No. 34 of 2001; de facto since 1980)",
            "https://www.qcb.gov.qa/",
        ),
        Peg(
            "BHD",
            Decimal("0.376"),
            dt.date(2001, 1, 1),
            "Central Bank of Bahrain",
            "Central Bank of Bahrain: the dinar is pegged at 0.376 to the US dollar "
            "(de facto since December 1980, formally since 2001)",
            "https://www.cbb.gov.bh/",
        ),
        Peg(
            "JOD",
            Decimal("0.709"),
            dt.date(1995, 10, 23),
            "Central Bank of Jordan",
            "Central Bank of Jordan: the dinar is pegged at 0.709 to the US dollar "
            "(since 23 October 1995)",
            "https://www.cbj.gov.jo/",
        ),
        Peg(
            "OMR",
            Decimal("0.3845"),
            dt.date(1986, 1, 1),
            "Central Bank of Oman",
            "Central Bank of Oman: the rial is pegged at 0.3845 to the US dollar "
            "(since January 1986)",
            "https://cbo.gov.om/",
        ),
    )
}
