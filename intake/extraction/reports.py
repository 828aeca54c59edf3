"""Claims that are not pledges: memberships, meetings, attendance, coalition sizes and
agreements, read from one sentence and its actor mentions.

``Extractor.extract_reports`` gives them; ``intake.services_claims`` stores them as
``ClaimProposal`` rows (pledges are ``PledgeProposal`` rows), which ``import_article``
prints and ``evaluate_extractor`` scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.extraction.actors import ActorMention
from intake.extraction.quantities import parse_number

MEMBERSHIP, MEETING, ATTENDANCE = "membership", "meeting", "attendance"
SIZE_REPORT, AGREEMENT = "size_report", "agreement"
REPORT_KINDS = (MEMBERSHIP, MEETING, ATTENDANCE, SIZE_REPORT, AGREEMENT)
COALITION = "COALITION"

I = re.IGNORECASE  # noqa: E741
_GROUP = (
    r"(?:coalition|alliance|partnership|contact\s+group|"
    r"(?<!carrier\s)(?<!battle\s)(?<!strike\s)(?<!task\s)(?<!working\s)(?<!militant\s)"
    r"(?<!rebel\s)(?<!armed\s)group|initiative|campaign|effort)"
)
# Subject before the cue: "X and Y joined the coalition", "X became the latest member".
MEMBERSHIP_BEFORE_RE = re.compile(
    rf"\bjoin(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    r"\bjoin(?:s|ed|ing)?\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:fight|war|battle)\s+against\b|"
    r"\b(?:is|are|was|were|remains?|continues\s+to\s+be)\s+(?:also\s+|still\s+)?(?:a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:members?|partners?)\s+(?:(?:that|which|who)\s+(?:is|are)\s+)?"
    rf"contributing\s+to\s+(?:the\s+)?(?:[\w.-]+\s+){{0,3}}?{_GROUP}\b|"
    r"\bbec(?:ame|ome|omes|oming)\s+(?:the\s+)?(?:\w+\s+)?(?:\d+\w*\s+)?"
    r"(?:members?|countries|country|nations?|partners?|states?)\b|"
    rf"\b(?:is|are|was|were)\s+(?:also\s+)?(?:a\s+|an\s+)?(?:\w+\s+)?(?:members?|partners?)\s+"
    rf"(?:of|in)\s+(?:the\s+)?(?:[\w-]+\s+){{0,4}}?{_GROUP}\b|"
    r"\bsigned\s+up\s+to\b|"
    r"\b(?:withdr(?:ew|awn|aws|aw)|pull(?:s|ed)?\s+out|quit|left|leaves|suspended\s+its\s+"
    rf"membership)\s+(?:of\s+|from\s+)?(?:the\s+)?(?:[\w.-]+\s+){{0,3}}?{_GROUP}\b",
    I,
)
# The members listed after the cue: "the partnership, which includes X, Y and Z".
MEMBERSHIP_AFTER_RE = re.compile(
    rf"\b{_GROUP}\b[^.;]{{0,60}}?\b(?:includ(?:es|ed|ing)|compris(?:es|ed|ing)|"
    r"(?:is|are)\s+made\s+up\s+of|members\s+(?:include|are))\b",
    I,
)
_MEETING_NOUN = (
    r"(?:meeting|summit|conference|ministerial|gathering|talks|session|"
    r"contact\s+group\s+meeting)"
)
MEETING_RE = re.compile(
    rf"(?<![-\w])(?<!news\s)(?<!press\s)(?<!phone\s){_MEETING_NOUN}s?\b(?!\s+room)", I
)
MEETING_EVENT_RE = re.compile(
    r"\b(?:held|hold(?:s|ing)?|host(?:s|ed|ing)?|play\s+host|convene\w*|met|meet(?:s|ing)?|"
    r"gather\w*|following|after|during|at|attend\w*|chair\w*|organi[sz]\w*)\b",
    I,
)
HOST_BEFORE_RE = re.compile(r"\b(?:host(?:s|ed|ing)?|play\s+host|convene\w*|chair\w*)\b", I)
HOST_AFTER_RE = re.compile(r"\b(?:hosted|convened|chaired|organi[sz]ed)\s+by\s+(?:the\s+)?$", I)
ATTENDANCE_BEFORE_RE = re.compile(
    r"\battend(?:s|ed|ing)?\b(?!ees)|\b(?:was|were|is|are)\s+(?:not\s+)?present\b|"
    rf"\b(?:took|take|taking)\s+part\s+in\s+(?:the\s+|a\s+|this\s+)?(?:\w+\s+){{0,3}}?"
    rf"{_MEETING_NOUN}\b|\bskipped\b|\bstayed\s+away\b|\b(?:was|were|is|are)\s+not\s+invited\b|"
    r"\bdeclined\s+(?:an\s+|the\s+)?invitation\b|\bboycott(?:s|ed|ing)?\b",
    I,
)
ATTENDANCE_AFTER_RE = re.compile(
    r"\battended\s+by\b|"
    r"\b(?:attendees|participants|delegates|those\s+(?:attending|present))\b[^.;]{0,40}?"
    r"\b(?:include[ds]?|were|are|came\s+from)\b|"
    r"(?:(?<=summit\s)|(?<=meeting\s)|(?<=talks\s)|(?<=included\s)|(?<=include\s))"
    r"(?:foreign\s+|defen[cs]e\s+)?(?:ministers|delegations?|representatives|officials|envoys)"
    r"\s+from\b|"
    r"\b(?:ministers|delegations?|representatives|officials|envoys)\s+from\b"
    r"(?=.*\b(?:meeting|summit|conference|talks|ministerial|gathering|met|gathered)\b)",
    I,
)
_NUMBER = r"(?P<n>\d[\d,]*|[a-z]+(?:[- ][a-z]+)?)"
SIZE_RE = re.compile(
    rf"\b{_NUMBER}[- ](?:member|nation|country|strong)\s+(?:(?-i:[A-Z])[\w-]*\s+){{0,4}}?"
    r"(?:coalition|alliance|group)\b|"
    r"\b(?:coalition|alliance|partnership)(?:,\s+which)?\s+(?:now\s+)?(?:includes|included|comprises|"
    r"numbers|has\s+grown\s+to)\s+(?:some\s+|about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+|"
    rf"at\s+least\s+)?{_NUMBER.replace('?P<n>', '?P<j>')}\s+(?:countries|nations|members|states|"
    r"partners)\b|"
    rf"\b(?:coalition|alliance|group|partnership)\s+of\s+(?:some\s+|about\s+|more\s+than\s+)?"
    rf"{_NUMBER.replace('?P<n>', '?P<m>')}\s+(?:countries|nations|members|states|partners)\b|"
    rf"\b(?:all\s+)?{_NUMBER.replace('?P<n>', '?P<k>')}\s+(?:countries|nations|members|states|"
    r"partners)\s+(?:in|of|that\s+(?:make|made)\s+up|which\s+make\s+up)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:coalition|alliance)\b",
    I,
)
AGREEMENT_RE = re.compile(
    r"\b(?:sign(?:s|ed|ing)?|conclud(?:e|es|ed|ing)|reach(?:es|ed|ing)?|agreed\s+on|"
    r"adopt(?:s|ed|ing)?|endors(?:e|es|ed|ing))\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:agreement|accord|deal|memorandum|pact|treaty|declaration|communiqu[eé])\b|"
    r"\b(?:issu\w*|releas\w*|publish\w*)\s+(?:a\s+|an\s+|the\s+)?joint\s+(?:statement|declaration|"
    r"communiqu[eé])\b|"
    r"\b(?:join(?:s|ed|ing)?|finali[sz](?:e|es|ed|ing))\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:agreement|accord|deal|pact|treaty|declaration|joint\s+statement|communiqu[eé]|compact)\b",
    I,
)
# The parties listed after the document: "a joint statement ..., with X, Y and Z",
# "the declaration, signed by X, Y and Z".
AGREEMENT_AFTER_RE = re.compile(
    r"\b(?:signed|endorsed|adopted|issued)\s+by\b|"
    r"\bjoint\s+(?:statement|declaration|communiqu[eé]|letter)\b[^.;]{0,80}?(?:,\s*|\s)with\b",
    I,
)
# "X and Y also joined." after a sentence about an agreement: the same agreement.
AGREEMENT_FOLLOW_RE = re.compile(
    r"\b(?:also|later|subsequently|since)\s+(?:joined|signed(?:\s+on)?)(?=\s*[.,;]|\s*$)|"
    r"\b(?:joined|signed)\s+(?:it|too|as\s+well)\b",
    I,
)
_LIST_GAP_RE = re.compile(r"(?:,?\s+(?:and|&)\s+|,\s+|\s+&\s+)(?:the\s+)?", I)
_PLACE_LEAD_RE = re.compile(
    r"\b(?:in|at|into|on|against|from|to|near|over|of|for|with)\s+(?:the\s+)?$", I
)


_LOCATION_LEAD_RE = re.compile(r"\b(?:in|at|on|into|to|near|over|against)\s+(?:the\s+)?$", I)


@dataclass(frozen=True)
class ReportClaim:
    """A non-pledge claim of one actor ("" when none is named) in one sentence."""

    actor: str
    kind: str
    quote: str
    quote_start: int
    quantity: int | None = None
    confidence: float = 0.5
    rationale: str = ""


def find_reports(
    text: str,
    start: int,
    mentions: list[ActorMention],
    *,
    after_agreement: bool = False,
) -> list[ReportClaim]:
    """The report claims of one sentence ``text`` (at offset ``start`` in the article).
    ``after_agreement``: the sentence before reported an agreement, so "X and Y also
    joined" joins that one."""
    found: dict[tuple[str, str], ReportClaim] = {}

    def add(code: str, kind: str, cue: re.Match, confidence: float, quantity=None):
        if code == COALITION and kind != SIZE_REPORT:
            return
        rationale = f"cue: {cue.group(0)!r} ({kind})"
        found.setdefault(
            (code, kind), ReportClaim(code, kind, text, start, quantity, confidence, rationale)
        )

    for cue in MEMBERSHIP_BEFORE_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()):
            add(x.code, MEMBERSHIP, cue, 0.6)
    for cue in MEMBERSHIP_AFTER_RE.finditer(text):
        for x in object_list(text, mentions, cue.end()):
            add(x.code, MEMBERSHIP, cue, 0.55)
    for cue in AGREEMENT_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()):
            add(x.code, AGREEMENT, cue, 0.55)
    for cue in AGREEMENT_AFTER_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            add(x.code, AGREEMENT, cue, 0.5)
    if after_agreement:
        for cue in AGREEMENT_FOLLOW_RE.finditer(text):
            for x in subject_list(text, mentions, cue.start()):
                add(x.code, AGREEMENT, cue, 0.45)
    for cue in ATTENDANCE_BEFORE_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()):
            add(x.code, ATTENDANCE, cue, 0.55)
    for cue in ATTENDANCE_AFTER_RE.finditer(text):
        for x in object_list(text, mentions, cue.end(), reach=400):
            add(x.code, ATTENDANCE, cue, 0.5)
    for cue in SIZE_RE.finditer(text):
        number = cue.group("n") or cue.group("m") or cue.group("k") or cue.group("j")
        value = parse_number(number)
        if value is not None and value == int(value) and 2 <= value <= 500:
            add(COALITION, SIZE_REPORT, cue, 0.6, int(value))
    meeting = MEETING_RE.search(text)
    if meeting and MEETING_EVENT_RE.search(text):
        host = _host(text, mentions)
        add(host.code if host else "", MEETING, meeting, 0.5 if host else 0.4)
    return list(found.values())


def subject_list(text: str, mentions: list[ActorMention], cue_start: int) -> list[ActorMention]:
    """The actors named as the subject of a verb at ``cue_start``: the nearest mention
    before it (not in a prepositional phrase, at most 12 words back) and any joined to
    it by "and" or commas ("Norway, Sweden and Finland joined ...")."""
    before = [x for x in mentions if x.end <= cue_start]
    if not before:
        return []
    last = before[-1]
    gap = text[last.end : cue_start]
    if len(gap.split()) > 12 or re.search(r"[;:]|\bwhich\b|\bwho\b", gap):
        return []
    if _PLACE_LEAD_RE.search(text[max(0, last.start - 20) : last.start]):
        return []
    chain = [last]
    for x in reversed(before[:-1]):
        if not _LIST_GAP_RE.fullmatch(text[x.end : chain[-1].start]):
            break
        chain.append(x)
    return list(reversed(chain))


def leading_list(text: str, mentions: list[ActorMention], cue_end: int) -> list[ActorMention]:
    """The actors listed right after a cue ("signed by X, Y and Z"), and no later ones
    ("signed by X on support for Ukraine": X only)."""
    after = [x for x in mentions if x.start >= cue_end]
    if not after or len(text[cue_end : after[0].start].split()) > 3:
        return []
    chain = [after[0]]
    for x in after[1:]:
        if not _LIST_GAP_RE.fullmatch(text[chain[-1].end : x.start]):
            break
        chain.append(x)
    return chain


def object_list(
    text: str, mentions: list[ActorMention], cue_end: int, reach: int = 200
) -> list[ActorMention]:
    """The actors listed after a cue ("includes X, Y and Z"), to the end of the clause."""
    stop = re.search(
        r"[;.]|,\s+(?:which|who|and\s+(?:is|are|was|were|will|has|have))\b|\s--\s", text[cue_end:]
    )
    end = cue_end + (stop.start() if stop else len(text) - cue_end)
    end = min(end, cue_end + reach)
    return [
        x
        for x in mentions
        if cue_end <= x.start < end
        and not _LOCATION_LEAD_RE.search(text[max(0, x.start - 12) : x.start])
        # "the Ukraine Defense Contact Group": a name inside a longer name
        and not re.match(r"[ \u00a0]+(?-i:[A-Z])[a-z]", text[x.end :])
    ]


def _host(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    for cue in HOST_BEFORE_RE.finditer(text):
        subjects = subject_list(text, mentions, cue.start())
        if subjects:
            return subjects[-1]
    for x in mentions:
        if HOST_AFTER_RE.search(text[max(0, x.start - 30) : x.start]):
            return x
    return None
