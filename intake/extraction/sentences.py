"""Sentence splitting that keeps offsets, so every sentence is a verbatim quote.

Rules, in order:

- a blank line always ends a sentence; a single line break does too, unless the line
  reads as hard-wrapped prose (it ends in a letter or comma and the next line starts
  in lower case);
- a photo credit glued to a caption by scraping ("...by BritainImage: AP") is split off;
- ``.``, ``!`` or ``?`` (and any closing quotes or brackets) followed by white space and
  a capital, a digit or an opening quote ends a sentence, except after an abbreviation
  ("U.S.", "Gen.", "Mr.") or a single initial ("John F. Kennedy").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    headline: bool = False  # a title line, not prose (see ``is_headline``)
    caption: bool = False  # a photo's caption, which reports nothing (see ``is_caption``)


ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "e.u",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "no",
        "nos",
        "vol",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "vs",
        "etc",
        "approx",
        "est",
        "dept",
        "govt",
        "fig",
        "jr",
        "sr",
    ]
)

_CREDIT_RE = re.compile(r"(?<=[a-z.])(?=(?:Image|Photo|Picture|Credit|Foto|Bild)s?: )")
_END_RE = re.compile(r"[.!?]+[\"”\u2019')\]]*(?=\s+[\"“\u2018(\[]?[A-Z0-9])")
_TOKEN_BEFORE_RE = re.compile(r"([A-Za-z.]+)$")
_WRAPPED_END_RE = re.compile(r"[a-z,;]$")
_WRAPPED_START_RE = re.compile(r"^\s*[a-z(]")


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, each with ``text[start:end] == sentence.text``."""
    sentences: list[Sentence] = []
    for index, (block_start, block_end) in enumerate(_blocks(text)):
        parts = [_strip(text, s, e) for s, e in _split_block(text, block_start, block_end)]
        parts = [(s, e) for s, e in parts if e > s]
        for start, end in parts:
            line = text[start:end]
            headline = len(parts) == 1 and (
                is_headline(line) or (index == 0 and _is_title_line(line))
            )
            sentences.append(Sentence(start, end, line, headline, is_caption(line)))
    return sentences


# "This photo released on Sunday by the French Army shows ...", "In this file photo, ...",
# "Photo: ...", "(AP Photo/Hussein Malla)", "... [Getty]".
_PHOTO_AGENCIES = r"(?:AP|AFP|Reuters|EPA|Getty|Anadolu|Xinhua)"
_CAPTION_RE = re.compile(
    r"^\W*(?:(?:In\s+)?(?:this|a|the)\s+(?:undated\s+|handout\s+|file\s+|recent\s+)*"
    r"(?:photo(?:graph)?|image|picture|video\s+grab|screen\s*(?:shot|grab))\b"
    r"(?=[^.]{0,200}?\b(?:shows?|showing|shown|taken|released|provided|made\s+available|"
    r"distributed|pictured|seen)\b|\s*,)|"
    r"(?:File\s+)?(?:Photo|Picture|Image)\s*(?:[:|/]|\s-\s)|Pictured\b)|"
    rf"\({_PHOTO_AGENCIES}(?:\s+Photo|\s+Images?)?\s*/|"
    # a credit closing the caption: "... for six months [Getty]", "(Getty Images)"
    rf"(?:\[{_PHOTO_AGENCIES}(?:\s+Images?)?\]|"
    r"\((?:Getty|AFP|EPA)\s+Images?\))\W*$",
    re.IGNORECASE,
)


def is_caption(line: str) -> bool:
    """Whether a sentence is a photo's caption: it describes a picture, not the news."""
    return bool(_CAPTION_RE.search(line))


def _is_title_line(line: str) -> bool:
    """The first paragraph of an article, one short line with no closing punctuation and
    no auxiliary verb, is its title even in sentence case ("Japan joins coalition, pledges
    $200 million"); a standfirst says "have joined"."""
    stripped = line.strip()
    return (
        bool(stripped)
        and "\n" not in stripped
        and not _LIST_LINE_RE.search(stripped)
        and not re.search(r"[.!?;:\"”\u2019')\]]$", stripped)
        and len(stripped.split()) <= 20
        and not _HEADLINE_VERB_RE.search(stripped)
    )


# Three commas, or two and an "and": a list of names (a table row, the members of a
# group); titles have a comma or two ("Japan joins coalition, pledges $200 million").
_LIST_LINE_RE = re.compile(r"(?:[^,]+,){3}|(?:[^,]+,){2}[^,]*\b(?:and|&)\b")
_HEADLINE_VERB_RE = re.compile(
    r"\b(?:will|would|has|have|had|is|are|was|were|said|says|told)\b", re.IGNORECASE
)
_HEADLINE_TO_RE = re.compile(r"^[A-Z][\w.'\u2019&-]*(?:[ ,]+[\w.'\u2019&-]+){0,5}? to [a-z]+\b")


def is_headline(line: str) -> bool:
    """Whether a paragraph of one line is a title rather than a sentence: no closing
    punctuation, at most 20 words, and title case ("Dutch F-16s Take Flight Over Iraq")
    or headline grammar ("Denmark to send seven F-16s to Iraq", no finite verb)."""
    stripped = line.strip()
    if not stripped or re.search(r"[.!?;:\"”\u2019')\]]$", stripped):
        return False
    if _LIST_LINE_RE.search(stripped):
        return False  # "Albania, Australia, Austria, Bahrain and Belgium": a list, not a title
    words = stripped.split()
    if len(words) > 20:
        return False
    long_words = [w for w in words[1:] if len(w) >= 4 and w[0].isalpha()]
    capitalised = [w for w in long_words if w[0].isupper()]
    if long_words and len(capitalised) / len(long_words) >= 0.6:
        return True
    return bool(_HEADLINE_TO_RE.match(stripped)) and not _HEADLINE_VERB_RE.search(stripped)


def _blocks(text: str):
    """(start, end) of each run of lines that belong to one paragraph."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.end() > m.start()]
    block: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            if block:
                yield block[0][0], block[-1][1]
                block = []
            continue
        if block:
            previous = text[block[-1][0] : block[-1][1]].rstrip()
            if not (_WRAPPED_END_RE.search(previous) and _WRAPPED_START_RE.match(line)):
                yield block[0][0], block[-1][1]
                block = []
        block.append((start, end))
    if block:
        yield block[0][0], block[-1][1]


def _split_block(text: str, start: int, end: int):
    cuts = [start]
    block = text[start:end]
    for match in _CREDIT_RE.finditer(block):
        cuts.append(start + match.start())
    for match in _END_RE.finditer(block):
        before = _TOKEN_BEFORE_RE.search(block[: match.start() + 1])
        token = before.group(1).lower().rstrip(".") if before else ""
        if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
            continue
        cuts.append(start + match.end())
    cuts = sorted(set(cuts))
    bounds = [*cuts, end]
    yield from itertools.pairwise(bounds)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
