"""Claims that are not pledges: memberships, meetings, attendance, coalition sizes and
agreements, read from one sentence's :class:`~intake.extraction.mentions.Mentions` (a
stage beside frames: it reads the actors found there and the sentence's words).

``Extractor.extract_reports`` gives them; ``intake.services_claims`` stores them as
``ClaimProposal`` rows (pledges are ``PledgeProposal`` rows), which ``import_article``
prints and ``evaluate_extractor`` scores.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from intake.extraction import cues as C
from intake.extraction.actors import CAPITAL, PERSON, TITLES, ActorMention
from intake.extraction.mentions import Mentions
from intake.extraction.quantities import parse_number, parse_ordinal

MEMBERSHIP, MEETING, ATTENDANCE = "membership", "meeting", "attendance"
SIZE_REPORT, AGREEMENT = "size_report", "agreement"
REPORT_KINDS = (MEMBERSHIP, MEETING, ATTENDANCE, SIZE_REPORT, AGREEMENT)
COALITION = "COALITION"
UKRAINE = "UKR"

I = re.IGNORECASE  # noqa: E741

# Named groups that stand for a fixed list of members: in a report claim a mention of one
# counts as a mention of each member. Only groups whose membership did not change over
# 2014-2024 are here (so no G8, G20, EU or NATO, whose members are not listed).
_GROUP_NOUNS = (
    r"(?:[ \u00a0]+(?:member[ \u00a0]+states|countries|nations|states|members|governments|"
    r"leaders|heads[ \u00a0]+of[ \u00a0]+(?:state|government)|partners|allies|economies|"
    r"(?:foreign|defen[cs]e|finance)[ \u00a0]+ministers|ministers))"
)
# After a bare group name, words that make it part of a name: "the G7 declaration".
_NOT_A_NAME = (
    r"(?![ \u00a0]+(?:declaration|summit|meeting|statement|communiqu|format|presidency|price|"
    r"plan|framework|agenda|talks|agreement|deal|joint|initiative|finance|sanctions|pledge|"
    r"commitment|[A-Z]))"
)
GROUPS: dict[str, tuple[re.Pattern, tuple[str, ...]]] = {
    # The Group of Seven: "the G7 countries", "G7 leaders", "the Group of Seven (G7)";
    # not "the G7 declaration" (a name of the document, not its parties).
    "G7": (
        re.compile(
            r"(?:the[ \u00a0]+)?(?:G7|G-7|Group[ \u00a0]+of[ \u00a0]+Seven)"
            rf"(?:[ \u00a0]+\((?:G7|G-7)\))?(?:{_GROUP_NOUNS}|{_NOT_A_NAME})(?![\w-])"
        ),
        ("CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"),
    ),
    # The five permanent members of the UN Security Council.
    "P5": (
        re.compile(
            r"(?:the[ \u00a0]+)?(?:five[ \u00a0]+|5[ \u00a0]+)?permanent[ \u00a0]+members"
            r"[ \u00a0]+of[ \u00a0]+the[ \u00a0]+(?:UN[ \u00a0]+|U\.N\.[ \u00a0]+|"
            r"United[ \u00a0]+Nations[ \u00a0]+)?Security[ \u00a0]+Council"
        ),
        ("CHN", "FRA", "GBR", "RUS", "USA"),
    ),
    # Estonia, Latvia and Lithuania: "the Baltic states", "the three Baltic nations".
    "BALTICS": (
        re.compile(
            r"(?:the[ \u00a0]+)?(?:three[ \u00a0]+)?(?:Baltic[ \u00a0]+(?:states|countries|"
            r"nations|republics)|Baltics|"
            r"Baltic(?=[ \u00a0]+and[ \u00a0]+Nordic[ \u00a0]+(?:countries|nations|states)))"
            r"(?![\w-])"
        ),
        ("EST", "LVA", "LTU"),
    ),
    # Denmark, Finland, Iceland, Norway and Sweden.
    "NORDICS": (
        re.compile(
            r"(?:the[ \u00a0]+)?(?:five[ \u00a0]+)?Nordic(?:[ \u00a0]+(?:countries|nations|states)|"
            # "the Nordic and Baltic countries": the noun is shared
            r"(?=[ \u00a0]+and[ \u00a0]+Baltic[ \u00a0]+(?:countries|nations|states)))"
        ),
        ("DNK", "FIN", "ISL", "NOR", "SWE"),
    ),
    # The six members of the Gulf Cooperation Council: "the Gulf states", "the six GCC
    # states", "Gulf Cooperation Council members" (not "the GCC", the body itself).
    "GULF": (
        re.compile(
            r"(?:the[ \u00a0]+)?(?:six[ \u00a0]+)?(?:Gulf|GCC)[ \u00a0]+(?:Arab[ \u00a0]+)?"
            r"(?:states|countries|nations|monarchies)(?![\w-])|"
            r"(?:the[ \u00a0]+)?(?:six[ \u00a0]+)?"
            r"(?:Gulf[ \u00a0]+Cooperation[ \u00a0]+Council|GCC)"
            r"[ \u00a0]+(?:members|member[ \u00a0]+(?:states|countries)|countries|states)(?![\w-])|"
            # "the six members of the Gulf Cooperation Council"
            r"(?:the[ \u00a0]+)?(?:six[ \u00a0]+)?(?:members|member[ \u00a0]+(?:states|countries)|"
            r"countries|states)[ \u00a0]+of[ \u00a0]+the[ \u00a0]+"
            r"(?:Gulf[ \u00a0]+Cooperation[ \u00a0]+Council|GCC)(?:[ \u00a0]+\(GCC\))?"
        ),
        ("SAU", "ARE", "QAT", "KWT", "BHR", "OMN"),
    ),
    # Belgium, the Netherlands and Luxembourg.
    "BENELUX": (
        re.compile(
            r"(?:the[ \u00a0]+)?Benelux(?:[ \u00a0]+(?:countries|nations|states))?(?![\w-])"
        ),
        ("BEL", "NLD", "LUX"),
    ),
    # Poland, the Czech Republic, Slovakia and Hungary.
    "VISEGRAD": (
        re.compile(
            r"(?:the[ \u00a0]+)?Visegr[aá]d[ \u00a0]+(?:Four|Group|group|countries|nations|"
            r"states)(?![\w-])|(?:the[ \u00a0]+)?V4(?![\w-])"
        ),
        ("POL", "CZE", "SVK", "HUN"),
    ),
}
_GROUP_PREFIX = "@"
# Bodies (actors of their own) whose people speak for a group of :data:`GROUPS`.
_BODY_MEMBERS = {"GCC": "GULF"}
_GROUP = (
    r"(?:coalition|alliance|partnership|contact\s+group|"
    r"(?<!carrier\s)(?<!battle\s)(?<!strike\s)(?<!task\s)(?<!working\s)(?<!militant\s)"
    r"(?<!rebel\s)(?<!armed\s)group|(?<!terrorist\s)(?<!militant\s)grouping|initiative|campaign|"
    r"effort|"
    # "join the U.S.-led international force battling IS"
    r"(?:international|multinational)\s+force)"
)
# The documents parties sign: "a (so-called) project arrangement", "a letter of intent".
_DOCUMENT = (
    r"(?:agreement|accord|deal|memorandum|pact|treaty|declaration|communiqu[eé]|arrangement|"
    r"letter\s+of\s+intent|framework|road\s?map|charter|compact|document)"
)
# Subject before the cue: "X and Y joined the coalition", "X became the latest member".
MEMBERSHIP_BEFORE_RE = re.compile(
    rf"\b(?:re-?)?join(?:s|ed|ing)?\s+(?!by\s)(?:the\s+|a\s+|an\s+)?"
    # (a long name with its acronym: "the Immediate Action on Air Defense (IAAD) initiative")
    rf"(?:(?:[\w.-]+\s+){{0,4}}?|(?:[\w.-]+\s+){{1,7}}?\([A-Z]{{2,8}}\)\s+){_GROUP}\b|"
    r"\bjoin(?:s|ed|ing)?\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:fight|war|battle)\s+against\b|"
    r"\b(?:is|are|was|were|remains?|continues\s+to\s+be)\s+(?:also\s+|still\s+)?(?:a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:members?|partners?)\s+(?:(?:that|which|who)\s+(?:is|are)\s+)?"
    rf"contributing\s+to\s+(?:the\s+)?(?:[\w.-]+\s+){{0,3}}?{_GROUP}\b|"
    r"\bbec(?:ame|ome|omes|oming)\s+(?:the\s+(?:coalition|alliance)['\u2019]s\s+|the\s+|a\s+|an\s+)?"
    r"(?:\w+\s+)?(?:\d+\w*\s+)?"
    r"(?:members?|countries|country|nations?|partners?|states?)\b|"
    rf"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been|remains?|remained)\s+(?:also\s+)?"
    rf"(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?(?:members?|partners?)\s+"
    rf"(?:of|in)\s+(?:the\s+)?(?:[\w-]+\s+){{0,4}}?{_GROUP}\b|"
    # "Turkey remains in the coalition"
    r"\b(?:remain(?:s|ed)?|stay(?:s|ed)?)\s+(?:in|part\s+of)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?"
    r"(?:coalition|alliance)\b(?!['\u2019]s)|"
    # (not "signed on to the declaration": an agreement)
    rf"\bsigned\s+(?:up|on)\s+to\b(?!\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,4}}?{_DOCUMENT})|"
    # "X is participating in the coalition" (not "in the air campaign": a pledge)
    r"\bparticipat(?:e|es|ed|ing)\s+in\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:coalition|alliance)\b"
    r"(?!['\u2019]s)|"
    # "X and Y are listed as coalition members", "X was admitted to the coalition"
    r"\b(?:listed|named|counted)\s+as\s+(?:coalition|alliance)\s+(?:members|partners)\b|"
    r"\b(?:was|were|been|is|are|be|being)\s+(?:formally\s+|officially\s+|also\s+)?"
    r"(?:admitted|welcomed|accepted|inducted)\s+(?:to|into)\s+"
    rf"(?:the\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    # "X belongs to the coalition"
    rf"\bbelong(?:s|ed|ing)?\s+to\s+(?:the\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    # "X will enlist in the alliance", "X's entry into the coalition"
    rf"\benlist(?:s|ed|ing)?\s+in\s+(?:the\s+|a\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    r"['\u2019]s\s+(?:formal\s+)?(?:entry|accession|admission)\s+(?:to|into)\s+(?:the\s+)?"
    rf"(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    # "X completed its accession to the coalition", "X has formalised its entry into it"
    r"\b(?:complet|formali[sz]|finali[sz]|conclud)(?:e|es|ed|ing)\s+(?:its|their)\s+(?:formal\s+)?"
    rf"(?:entry|accession|admission)\s+(?:to|into)\s+(?:the\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    # "X and Y are to lead a new coalition", "X will co-lead the coalition"
    r"\b(?:(?:is|are|was|were)\s+to|will|would|shall|(?:is|are)\s+set\s+to)\s+(?:jointly\s+|also\s+)?"
    r"(?:co-?)?lead\s+(?:the\s+|a\s+|an\s+)?(?:new\s+)?(?:[\w.-]+\s+){0,4}?"
    r"(?:coalition|alliance|initiative|partnership)\b(?!['\u2019]s)|"
    r"\bco-?lead(?:s|ing)?\s+(?:the\s+|a\s+|an\s+)?(?:new\s+)?(?:[\w.-]+\s+){0,4}?"
    r"(?:coalition|alliance|initiative|partnership)\b(?!['\u2019]s)|"
    # "Jordan, the coalition's closest Arab partner, ..."
    r",\s+(?:the\s+|a\s+)?(?:coalition|alliance)['\u2019]s\s+(?:[\w-]+\s+){0,3}?(?:member|partner)\b|"
    # "Peru, a coalition member since 2016, ..."
    r",\s+(?:a|an|another|one)\s+(?:founding\s+|fellow\s+|key\s+|full\s+)?(?:coalition|alliance)\s+"
    r"(?:member|partner)\b|"
    # "X and Y are contributing to the coalition" (not "to the coalition's strikes")
    r"\bcontribut(?:e|es|ed|ing)\s+to\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:coalition|alliance)\b"
    r"(?!['\u2019]s)|"
    # "Peru's membership of the coalition"
    r"['\u2019]s?\s+(?:\w+\s+)?membership\s+(?:of|in)\s+(?:the\s+)?(?:[\w.-]+\s+){0,4}?"
    rf"{_GROUP}\b|"
    # "X and Y, both coalition members," "X, another coalition partner,"
    r"(?:,|\s[\u2014\u2013-])\s+(?:both|all|fellow|also)\s+(?:of\s+them\s+|of\s+which\s+are\s+)?"
    r"(?:coalition|alliance)\s+(?:members|partners)\b|"
    # "X and Y are among the coalition's members"
    r"\b(?:is|are|was|were)\s+(?:also\s+)?among\s+the\s+(?:coalition|alliance)['\u2019]s\s+"
    r"(?:\w+\s+)?(?:members|partners)\b|"
    # "X agreed to take part in the coalition" (not "in the air campaign": a pledge)
    r"\b(?:take|takes|took|taking|taken)\s+part\s+in\s+(?:the\s+)?[\u2018\u201c'\"]?(?:[\w.-]+\s+){0,3}?"
    r"(?:coalition|alliance|partnership)\b(?!['\u2019]s)|"
    # "X has been a coalition member since 2014", "X is a founding alliance partner"
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+|now\s+|already\s+)?"
    r"(?:a\s+|an\s+)?(?:founding\s+|full\s+|active\s+|key\s+)?(?:coalition|alliance)\s+"
    r"(?:members?|partners?)\b|"
    # "X is one of the 60 members of the coalition"
    r"\b(?:is|are|was|were)\s+(?:also\s+)?(?:one\s+of|among)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    rf"(?:members|partners|countries|nations|states)\s+(?:of|in)\s+(?:the\s+)?(?:[\w.-]+\s+){{0,3}}?"
    rf"{_GROUP}\b|"
    # "X, a member of the coalition, ...": the appositive
    r",\s+(?:a|an|one|another)\s+(?:[\w-]+\s+){0,2}?(?:members?|partners?)\s+(?:of|in)\s+"
    rf"(?:the\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    rf"\b(?:is|are|was|were|(?:continue\s+to\s+|remain\s+)?be)\s+(?:also\s+|now\s+|already\s+)?"
    rf"(?:a\s+)?part\s+of\s+(?:the\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b|"
    r"\b(?:withdr(?:ew|awn|aws|aw)|pull(?:s|ed)?\s+out|quit|left|leaves|suspended\s+its\s+"
    rf"membership)\s+(?:of\s+|from\s+)?(?:the\s+)?(?:[\w.-]+\s+){{0,3}}?{_GROUP}\b|"
    # "X suspended its participation in the coalition" (not "in the air campaign", which
    # ends a pledge)
    r"\b(?:suspend|end|halt|terminat)(?:s|ed|ing|e|es)?\s+(?:its|their)\s+(?:participation|membership|"
    r"role)\s+(?:in|of)\s+"
    r"(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:coalition|alliance|partnership|contact\s+group)\b"
    r"(?!['\u2019]s)",
    I,
)
_MILITARY_CAMPAIGN_RE = re.compile(
    r"\b(?:air|aerial|bombing|military|strike|combat|ground)\s+(?:campaign|effort)s?$", I
)
# "signed up to the coalition's air campaign": a contribution to what it does.
_ITS_CAMPAIGN_RE = re.compile(
    r"(?:\s*(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:coalition|alliance))?['\u2019]s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:campaign|strikes|air\s+strikes|airstrikes|operations?|missions?|bombing|effort|war)\b",
    I,
)
_BECAME_RE = re.compile(r"bec(?:ame|ome|omes|oming)\b", I)
# After "became the first country": "to" and an act that is not joining a coalition.
_FIRST_TO_OTHER_RE = re.compile(
    r"\s+to\s+(?!(?:formally\s+|officially\s+)?(?:join|enter|sign\s+up\s+(?:to|for|with))\s+"
    rf"(?:the\s+|a\s+|an\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b)",
    I,
)
# Before the members' names: "coalition members Chile and Peru", "coalition partners such
# as X and Y".
MEMBERS_NAMED_RE = re.compile(
    r"\b(?:fellow\s+)?(?:coalition|alliance)\s+(?:members?|partners?|member\s+(?:states|countries))"
    r"\s+(?:such\s+as\s+|including\s+|like\s+)?(?=(?:the\s+)?(?-i:[A-Z]))|"
    # "The coalition's newest member, Somalia, ..."
    r"\b(?:coalition|alliance)['\u2019]s\s+(?:[\w-]+\s+){0,2}?(?:members?|partners?)\s*,\s+"
    r"(?:such\s+as\s+|including\s+|like\s+)?(?=(?:the\s+)?(?-i:[A-Z]))|"
    # "After joining the coalition in 2014, Denmark sent ..."
    r"^\W*(?:After|Since|Having|Upon|On)\s+(?:formally\s+|officially\s+)?(?:joining|joined|"
    r"becoming\s+a\s+member\s+of)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:coalition|alliance)\b"
    r"(?!['\u2019]s)[^,;.]{0,40},\s*",
    I,
)
# "X and Y are also members." at the end of a clause, beside a sentence about a coalition.
BARE_MEMBERS_RE = re.compile(
    r"\b(?:is|are)\s+(?:also\s+|now\s+|already\s+|both\s+|all\s+)?(?:a\s+)?"
    r"(?:members?|member\s+(?:states|countries))(?=\s*(?:[.;]|$))",
    I,
)
# "have not (yet) joined", "hasn't joined": no claim (refusing is "declined").
_NOT_YET_RE = re.compile(
    r"\b(?:has|have|had)\s+(?:not|never)\s+(?:yet\s+|formally\s+|officially\s+)?$|"
    r"\b(?:hasn|haven|hadn)['\u2019]t\s+(?:yet\s+)?$",
    I,
)
# "... against the militants in Syria": where a fight is taken, not whom it is joined with.
_THEATRE_RE = re.compile(
    # (not the name "the Islamic State in Iraq and Syria")
    r"[^.;,]{0,50}?(?<!State)(?<!State\s)\s+(?:in|into|over)\s+(?:the\s+)?(?-i:[A-Z])"
)
# The groups of the Ukraine support, whose sizes are not the anti-ISIS coalition's.
_UKRAINE_GROUP_RE = re.compile(r"\b(?:Ramstein|[Cc]ontact\s+[Gg]roup)\b")
# NATO, beside which "the alliance" is NATO.
_NATO_RE = re.compile(r"\b(?:NATO|Nato|North\s+Atlantic)\b")
# "X and Y joined on Monday" beside a coalition: they joined it.
BARE_JOINED_RE = re.compile(
    r"\b(?:joined|have\s+joined|has\s+joined|had\s+joined)(?=\s*(?:[.,;]|$)|\s+(?:on|in|last|this|"
    r"earlier|later|too|as\s+well|yesterday|today|since|so\s+far)\b)",
    I,
)
# Beside a coalition (in the sentence or the one before), the members after the cue:
# "Among its newest members are X and Y", "grew to 68 members with the addition of X".
MEMBERS_BESIDE_RE = re.compile(
    r"^\W*Among\s+(?:the\s+(?:coalition|alliance)['\u2019]s|its|their|the)\s+(?:[\w-]+\s+)?"
    r"(?:members|partners|member\s+(?:states|countries))\s+(?:are|were|is|was)\s+(?:also\s+)?|"
    r"\bwith\s+the\s+(?:addition|entry|accession|admission|arrival)\s+of\s+|"
    # "The new members, among them Georgia and Moldova, ..."
    r"\b(?:new|newest|latest)\s+(?:coalition\s+)?(?:members|partners)\s*,?\s+(?:among\s+them|"
    r"including|such\s+as|namely)\s+",
    I,
)
# ... and the subject of a bare "entry": "With Kenya's entry, the coalition's membership".
ENTRY_BESIDE_RE = re.compile(
    r"['\u2019]s\s+(?:formal\s+)?(?:entry|accession|admission)\b(?!\s+(?:to|into)\b)", I
)
_COALITION_WORD_RE = re.compile(r"\b(?:coalition|alliance|partnership)\b", I)
# The members listed after the cue: "the partnership, which includes X, Y and Z".
MEMBERSHIP_AFTER_RE = re.compile(
    # "Countries taking part in the coalition: X, Y", "The following countries have joined
    # the coalition: X", "The coalition now counts X and Y among its members"
    r"\b(?:countries|nations|states|partners|members)\s+(?:taking\s+part|participating)\s+in\s+"
    r"(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:coalition|alliance)\s*(?::|\binclude\b|\bare\b)\s*|"
    r"\b(?:the\s+following|these)\s+(?:countries|nations|states)\s+have\s+(?:now\s+|already\s+)?"
    r"(?:joined|signed\s+up\s+to)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:coalition|alliance)\s*:\s*|"
    r"\b(?:coalition|alliance)\s+(?:now\s+)?counts\s+(?=[^.;]{1,120}?\bamong\s+its\s+"
    r"(?:members|partners)\b)|"
    # "The coalition welcomed X as its 65th member"
    r"\b(?:coalition|alliance)\s+(?:has\s+|have\s+)?welcom(?:ed|es|ing)\s+(?=[^.;]{1,80}?\bas\s+"
    r"(?:its|a|an|the)\s+(?:[\w-]+\s+)?(?:member|partner)s?\b)|"
    rf"\b{_GROUP}\b[^.;]{{0,60}}?\b(?:includ(?:es|ed|ing|e)|compris(?:es|ed|ing|e)|"
    r"(?<!\bthe\s)involv(?:es|ed|ing|e)|"
    r"(?:is|are)\s+made\s+up\s+of|members\s+(?:include|are))\b|"
    # "The 60 partners include X, Y", "the coalition's members are X, Y"
    r"\bthe\s+(?:\d+|coalition['\u2019]s|alliance['\u2019]s)\s+(?:partners|members|"
    r"member\s+(?:states|countries|nations))\s+(?:now\s+)?(?:include|are)\s+"
    r"(?=(?:the\s+)?(?-i:[A-Z]))|"
    # "The countries that have joined so far are X, Y"
    r"\b(?:countries|nations|states)\s+(?:that|which|who)\s+have\s+(?:already\s+|now\s+)?"
    r"(?:joined|signed\s+(?:up|on))(?:\s+(?:so\s+far|to\s+date|already))?\s+(?:are|include)\s+"
    r"(?=(?:the\s+)?(?-i:[A-Z]))|"
    # "The ten nations that make up the coalition are X, Y and Z", "coalition members are"
    rf"\b{_GROUP}(?:\s+(?:members|partners|countries|nations))?\s+(?:are|were)\s+"
    r"(?=(?:the\s+)?(?-i:[A-Z]))",
    I,
)
# Backing a coalition without (yet) joining it: "the Arab League backed the campaign".
SUPPORT_RE = re.compile(
    # lower case: "the Chile Support Group" is a name, not a verb
    r"\b(?-i:back(?:s|ed|ing)?|support(?:s|ed|ing)?(?!\s+to\b)|endors(?:e|es|ed|ing)|"
    r"(?:threw|throw|throws|throwing)\s+(?:its|their)\s+(?:weight|support)\s+behind|"
    r"(?:voiced|expressed|pledged|offered|gave|give|gives)\s+(?:its|their)\s+(?:full\s+)?support\s+"
    rf"(?:for|to))\s+(?:the\s+|a\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b",
    I,
)
# After a joining, more members: "X joined the group as a lead country, as well as Y and Z";
# "X will co-lead the coalition with Y".
MORE_MEMBERS_RE = re.compile(r"[^.;:]{0,60}?,\s+as\s+well\s+as\s+(?=(?:the\s+)?(?-i:[A-Z]))", I)
CO_LEAD_WITH_RE = re.compile(r"[^.;:,]{0,40}?\s+with\s+(?=(?:the\s+)?(?-i:[A-Z]))", I)
# A coalition joined or backed by the members listed after the cue: "the coalition was
# later joined by X and Y", "the initiative - it was supported by X, Y and Z".
JOINED_BY_MEMBERS_RE = re.compile(
    r"\b(?P<noun>coalition|alliance|partnership|initiative|it)\s+(?:was|were|is|has\s+been|"
    r"have\s+been|had\s+been)\s+(?:later\s+|also\s+|since\s+|now\s+|already\s+|previously\s+|"
    r"recently\s+|earlier\s+|so\s+far\s+)?"
    r"(?P<verb>joined|supported|backed|endorsed)\s+by\s+",
    I,
)
# Who founds or leads a coalition is in it: "Germany launched the IAAD initiative", "the
# coalition set up by Britain", "countries joined Germany's initiative".
_FOUNDED_GROUP = (
    r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:new\s+)?(?:[\w.'\u2019-]+\s+){0,5}?"
    r"(?:\([A-Z]{2,8}\)\s+)?(?:coalition|alliance|initiative|partnership)\b(?!['\u2019]s)"
)
FOUNDED_RE = re.compile(
    r"\b(?:launch(?:es|ed)?|found(?:s|ed)?|set\s+up|sets\s+up|creat(?:es|ed)|"
    r"initiat(?:es|ed)|spearhead(?:s|ed)?|establish(?:es|ed))\s+" + _FOUNDED_GROUP,
    I,
)
FOUNDED_BY_RE = re.compile(
    r"\b(?:coalition|alliance|initiative|partnership)(?:\s+(?:of|for|on)\s+[\w\s-]{1,30}?)?"
    r"[\"”'\u2019]?,?\s+(?:\w+\s+)?(?:was\s+|is\s+|were\s+)?"
    r"(?:launched|founded|set\s+up|formed|created|initiated|spearheaded|established|proposed)\s+"
    r"by\s+(?:the\s+)?",
    I,
)
# "joined Germany's initiative": the owner is in it (the cue ends at the owner's "'s").
OWNED_GROUP_RE = re.compile(
    r"\b(?:re-?)?join(?:s|ed|ing)?\s+(?:the\s+)?(?=[A-Z][^.;]{0,40}?['\u2019]s\s+"
    r"(?:[\w-]+\s+){0,3}?(?:coalition|alliance|initiative|partnership)\b)",
    I,
)
# Where a coalition's fight is taken: "join the coalition in Syria" (a new theatre).
_IN_PLACE_RE = re.compile(r"\s+(?:in|over|into)\s+(?:the\s+)?")
# A size whose group is a capability coalition, not the anti-ISIS coalition (in lower
# case: "the Chile Support Group" is a name).
_NOT_THE_COALITION_RE = re.compile(r"\b(?:initiative|group)\b")
_PEOPLE_FROM = (
    r"\b(?:ministers|leaders|officials|delegates|delegations|representatives|envoys|"
    r"diplomats|heads\s+of\s+(?:state|government))\s+(?:of|from)\s+"
)
_MEETING_NOUN = (
    r"(?:meeting|summit|conference|ministerial|gathering|talks|session|"
    r"contact\s+group\s+meeting)"
)
MEETING_RE = re.compile(
    rf"(?<![-\w])(?<!news\s)(?<!press\s)(?<!phone\s)(?<!intelligence\s)(?<!information\s)"
    rf"(?<!data\s){_MEETING_NOUN}s?\b(?!\s+room)|"
    # "co-hosted discussions involving 21 countries"
    r"\b(?:co-?)?(?:host(?:s|ed|ing)?|chair(?:s|ed|ing)?|convened)\s+(?:the\s+|a\s+)?(?:\w+\s+)?"
    r"(?:discussions|consultations)\b|"
    # no noun, a plural that meets on a day or at a place: "when they meet on Friday",
    # "the ministers will meet in Rome"
    r"\b(?:they|ministers|leaders|officials|delegates|delegations|members|countries|nations|"
    r"allies|partners|representatives|envoys|coalition|alliance|(?:contact|support|working)\s+group)"
    # "The coalition, which has 70 members, met in Kuwait"
    r"(?:,\s+(?:which|who)\s[^,.;]{1,60},)?"
    r"\s+(?:will\s+|would\s+|are\s+(?:due\s+)?to\s+|"
    r"plan\s+to\s+)?(?:meet|met|convene[sd]?|gather(?:ed)?)\s+(?:again\s+)?(?:on|in|at|next|this|"
    r"later|today|tomorrow)\b|"
    # the people of a list, then the verb: "Defence ministers from 21 countries, including
    # X and Y, met at Z", "Foreign ministers of the GCC met Secretary of State X"
    # "Kerry met with the foreign ministers of X and Y"
    r"\bmet\s+(?:with\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:ministers|"
    r"counterparts|leaders|delegations|representatives|envoys)\s+(?:of|from)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?-i:[A-Z])|"
    rf"{_PEOPLE_FROM}[^.;]{{1,120}}?\b(?:met|meet|convened|gathered)\b"
    r"(?=\s+(?:again\s+)?(?:on|in|at|next|this|later|today|tomorrow|with|(?-i:[A-Z])))",
    I,
)
# Countries as the subject of "met": "X, Y and Z met in Jeddah on Thursday".
ACTORS_MET_RE = re.compile(
    r"\b(?:met|gathered|convened)\b(?=\s+(?:again\s+)?(?:on|in|at|this|last|today|yesterday|"
    r"earlier|later)\b)",
    I,
)
# "The meeting, which included X and Y", "talks involving X", "with the participation of X".
MEETING_INCLUDED_RE = re.compile(
    # (a place or a day between, not "the talks would focus on issues including X")
    rf"\b{_MEETING_NOUN}s?\b(?:\s+(?:in|at|on|of)\s+[^.;,]{{1,30}}?)?"
    # "The meeting, held at the Chateau Frontenac, includes ..."
    r"(?:,\s+(?:held|hosted|being\s+held|taking\s+place)\s+[^.;,]{1,60},)?"
    r",?\s+(?:which\s+|that\s+)?"
    r"(?:also\s+)?(?:includ(?:ed|es|ing)|involv(?:ed|es|ing))\s+|"
    r"\bwith\s+the\s+participation\s+of\s+",
    I,
)
# "Kerry met with the foreign ministers of X, Y and Z": they attend (a meeting of several).
MET_PEOPLE_OF_RE = re.compile(
    r"\b(?:met|meets|meeting|talks)\s+(?:with\s+)?(?:the\s+|his\s+|her\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:ministers|counterparts|leaders|officials|delegations|representatives|"
    r"envoys|heads\s+of\s+(?:state|government))\s+(?:of|from)\s+(?:the\s+)?",
    I,
)
# "Speaking after talks with his Gulf counterparts, Saudi Foreign Minister X said": X's.
SPEAKING_AT_LEAD_RE = re.compile(
    r"^\W*(?:Speaking|Talking|Addressing\s+reporters)\s+(?:after|at|during|following|before|"
    r"on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:the\s+|a\s+|this\s+|his\s+|her\s+)?"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?{_MEETING_NOUN}s?\b[^,;.]{{0,60}},\s*",
    I,
)
# The guest the people of a list met: "Foreign ministers of the GCC met (with) X".
MET_GUEST_RE = re.compile(rf"{_PEOPLE_FROM}[^.;]{{1,120}}?\bmet\s+(?:with\s+)?", I)
MEETING_EVENT_RE = re.compile(
    r"\b(?:held|hold(?:s|ing)?|host(?:s|ed|ing)?|play\s+host|convene\w*|met|meet(?:s|ing)?|"
    r"gather\w*|following|after|during|at|attend\w*|chair\w*|organi[sz]\w*|brought\s+together|"
    # (not "open to further talks")
    r"drew|attracted|presid\w*|open(?:s|ed)|opening(?!\s+(?:to|for)\b)|will\s+open|beg[iau]n\w*|"
    r"end(?:s|ed)|clos(?:es|ed)|"
    r"take\s+place|took\s+place|taking\s+place|scheduled|due|travel\w*|fly|flies|flew|arriv\w*|"
    r"sidelines|margins|"
    r"head(?:s|ed|ing)?\s+to)\b",
    I,
)
# The host as the subject: "X hosted", "X and Y co-chaired", "X will hold talks with Y".
# What a host hosts: a meeting, its guests, or nothing more ("Britain will host."); not
# "hosts two million refugees" or "hosts US aircraft".
_HOSTED = (
    r"(?=\s*(?:[,.;:]|$)|\s+(?:the\s+|a\s+|an\s+|this\s+|next\s+|its\s+|their\s+|his\s+|"
    r"her\s+)?(?:[\w'\u2019.-]+\s+){0,4}?(?:" + _MEETING_NOUN + r"|discussions|consultations|"
    r"counterparts|ministers|leaders|delegations|officials|representatives|envoys|delegates|"
    r"countries|nations|partners|allies|members|coalition|group|event|round|dinner|lunch|forum|"
    r"session|it)s?\b)"
)
HOST_BEFORE_RE = re.compile(
    # (not the passive "hosted by X", where the subject is the meeting's guests)
    r"\b(?:co-?)?(?:host(?:s|ed|ing)?|play\s+host|convene[sd]?|convening|chair(?:s|ed|ing)?|"
    r"presid(?:e|es|ed|ing)\s+over)\b" + _HOSTED + r"(?!\s+by\b)|"
    rf"\b(?:hold(?:s|ing)?|held)\s+(?:\w+\s+){{0,3}}?{_MEETING_NOUN}s?\s+with\b",
    I,
)
# The host after the cue: "held by X", "hosted by French President X", "convened at the
# initiative of X"; a title or a name's particle may stand between ("held by Le Drian").
HOST_AFTER_RE = re.compile(
    r"\b(?:(?:co-?)?hosted|convened|(?:co-?)?chaired|organi[sz]ed|held|called|presided\s+over)"
    r"\s+by\s+|"
    r"\bat\s+the\s+(?:initiative|invitation)\s+of\s+|"
    r"\bunder\s+the\s+(?:chairmanship|presidency|auspices|co-?chairmanship)\s+of\s+",
    I,
)
# "Hosting the meeting, British Foreign Secretary X said": X's country holds it.
HOSTING_LEAD_RE = re.compile(
    r"^\W*(?:(?:Co-?)?[Hh]osting|[Cc]haired|(?:Co-?)?[Cc]hairing|Opening|Convening)\s+(?:the\s+|a\s+|this\s+)?"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?{_MEETING_NOUN}s?\b[^,;.]{{0,40}},\s*",
    I,
)
# "..., with British Foreign Secretary X in the chair": X's country holds the meeting.
IN_THE_CHAIR_RE = re.compile(r"\bwith\s+(?P<who>[^,.;]{1,80}?)\s+in\s+the\s+chair\b", I)
# "X, who co-chaired the conference with Y": the other host.
CO_HOST_WITH_RE = re.compile(
    r"\bco-?(?:chair|host)\w*\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}?with\s+", I
)
# "In a (private) meeting with ..., X said": X holds the meeting.
MEETING_WITH_LEAD_RE = re.compile(
    r"^\W*(?:In|During|At)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    rf"{_MEETING_NOUN}s?\s+with\b[^,;.]*,\s*",
    I,
)
# Title words between a cue and the person: "by US Secretary of State John Kerry".
_TITLE_GAP_RE = re.compile(
    r"(?:the\s+|of\s+|(?-i:[A-Z])[\w.'\u2019-]*\s+|(?:emir|king|queen|sultan|president|prime\s+"
    r"minister|premier|chancellor|crown\s+prince|(?:foreign|defen[cs]e)\s+minister|minister|"
    r"secretary|government|ministry)\s+){0,6}",
    I,
)
# The title between a country and its official: "US Secretary of State", "Denmark's
# acting defence minister".
_TITLE_RE = re.compile(
    r"(?:['\u2019]s)?[ \u00a0]+(?:(?:the|of|acting|deputy|prime|foreign|defen[cs]e|"
    r"minister|secretary|president|counterpart|top|diplomat|(?-i:[A-Z])[\w.'\u2019-]*),?"
    r"[ \u00a0]+){1,6}",
    I,
)
# An act done at a meeting by one who was there: "X made the statement at a meeting of
# defence ministers", "X said during the meeting", "X signed a letter of intent at the
# contact group meeting"; and passive, "It was conveyed by X at a meeting".
_AT_A_MEETING = (
    # ("during a press conference following the summit": at the summit)
    r"\b(?:(?:at|during)\s+(?:a|the|their|his|her)\s+(?:joint\s+)?(?:press|news)\s+conference\s+"
    r"(?:after|following|at|on\s+the\s+(?:sidelines|margins)\s+of)|at|during|"
    r"on\s+the\s+(?:sidelines|margins)\s+of)\s+"
    r"(?:the\s+|a\s+|an\s+|this\s+|their\s+)?(?:[\w'\u2019().\u2013\u2014-]+\s+){0,6}?"
    rf"(?<!news\s)(?<!press\s)(?<!phone\s)(?<!video\s){_MEETING_NOUN}\b"
)
ACT_AT_MEETING_RE = re.compile(
    r"\b(?:said|says|announced|announces|made|makes|signed|signs|unveiled|presented|"
    r"conveyed|declared|pledged|promised|agreed)\b"
    # (not "said the plan would be discussed at the summit": another verb's meeting)
    r"(?=(?:(?!\b(?:that|would|will|could|should|be|been|is|are|was|were|to)\b)[^.;:]){0,80}?"
    + _AT_A_MEETING
    + ")",
    I,
)
# "X and other allies agreed at the Copenhagen Conference to ...": party to its commitment
AGREED_AT_MEETING_RE = re.compile(r"\bagreed\s+" + _AT_A_MEETING + r"\s+to\b", I)
# An agreement of the past, not a report of one: "the existing agreement between X and Y".
_OLD_DOCUMENT_LEAD_RE = re.compile(
    r"\b(?:existing|previous|earlier|former|old|long-?standing|\d{4})\s+(?:[\w-]+\s+){0,3}$", I
)
# "Sunak met President Zelenskyy to sign ...": between the two who sign.
_MET_TO_SIGN_RE = re.compile(
    r"\s+(?:met|meets|meeting)\s+(?:with\s+)?(?:his\s+|her\s+)?(?:[\w.'\u2019-]+\s+){0,4}?",
    I,
)
# A document named for its two parties, signed: "the UK-Ukraine Agreement on Security
# Cooperation was signed", "signed a US-Ukraine security agreement".
AGREEMENT_NAMES_PARTIES_RE = re.compile(
    r"(?P<verb>\b(?:sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|seal(?:s|ed|ing)?|conclud(?:e|es|ed|ing))\s+"
    r"(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}?)?"
    r"(?P<parties>\b(?-i:[A-Z])[\w.]*(?:\s(?-i:[A-Z])[\w.]*)?[\u2013-](?-i:[A-Z])[\w.]*"
    r"(?:\s(?-i:[A-Z])[\w.]*)?)\s+(?:[\w-]+\s+){0,2}?(?:agreement|accord|pact|treaty|deal)\b"
    r"(?:\s+on\s+[\w\s]{1,40}?)?(?(verb)|(?=\s+(?:was|were|has\s+been|is)\s+(?:signed|inked|sealed|"
    r"concluded)\b))",
    I,
)
ACT_BY_AT_MEETING_RE = re.compile(
    r"\b(?:was|were|is|are)\s+(?:conveyed|made|announced|given|signed|unveiled|presented|"
    r"delivered|stated|said|expressed|voiced)\s+by\s+(?P<who>[^.;:,]{1,90}?)\s+" + _AT_A_MEETING,
    I,
)
# Joining the ministers who attend: "Carter will join defence ministers from X and Y at
# the conference" (the subject attends too).
JOIN_ATTENDEES_RE = re.compile(
    r"\bjoin(?:s|ed|ing)?\s+(?:(?:his|her|their|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:ministers|counterparts|leaders|officials|delegations|representatives|envoys|"
    r"colleagues)\b(?=[^.;]*\b(?:meeting|summit|conference|talks|ministerial|gathering)s?\b)",
    I,
)
# "X was joined by ministers from Y and Z at the talks", "joined by Foreign Secretary Y":
# both attend, in a sentence that names the meeting.
JOINED_BY_RE = re.compile(
    r"\b(?:was|were|is|are|will\s+be)\s+(?:also\s+)?joined\s+by\s+(?:(?:the\s+|his\s+|her\s+|"
    r"their\s+)?(?:[\w-]+\s+){0,2}?(?:ministers|counterparts|leaders|officials|delegations|"
    r"representatives|envoys|colleagues)\s+(?:from|of)\s+)?",
    I,
)
# A mention that qualifies what follows: "the US-led coalition" (not an attendee).
_LED_RE = re.compile(r"[-\u2010\u2011](?:led|hosted|chaired|convened|organi[sz]ed)\b", I)
# "a US-hosted meeting", "the French-chaired talks": the mention is the host.
_HOSTED_BY_MENTION_RE = re.compile(
    r"[-\u2010\u2011](?:co-?)?(?:hosted|chaired|convened|organi[sz]ed)[ \u00a0]+"
    rf"(?:[\w-]+[ \u00a0]+){{0,2}}?{_MEETING_NOUN}s?\b",
    I,
)
# A capital before these is the place of an event: "since the Paris attacks".
_PLACE_OF_EVENT_RE = re.compile(
    r"[ \u00a0]+(?:attacks?|bombings?|shootings?|massacres?|killings|blasts?)\b", I
)
ATTENDANCE_BEFORE_RE = re.compile(
    r"\battend(?:s|ed|ing)?\b(?!ees)|\b(?:was|were|is|are)\s+(?:not\s+|all\s+|both\s+|also\s+)?"
    r"present\b|"
    rf"\b(?:took|take|taking)\s+part\s+(?:(?:via|by)\\s+video(?:\\s*link|\\s*conference)?\\s+|remotely\\s+|virtually\\s+|online\\s+|in\\s+person\\s+)?in\s+(?:the\s+|a\s+|this\s+)?(?:\w+\s+){{0,3}}?"
    rf"{_MEETING_NOUN}\b|\bskipped\b|\bstayed\s+away\b|"
    # (not "was not invited to join the coalition")
    r"\b(?:was|were|is|are)\s+not\s+invited\b(?!\s+to\s+(?:join|become|take\s+part\s+in\s+the\s+coalition))|"
    r"\bdeclined\s+(?:an\s+|the\s+)?invitation\b|\bboycott(?:s|ed|ing)?\b|"
    # "X was excluded from the talks", "X was not among the countries invited"
    r"\b(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+(?:also\s+)?(?:excluded\s+from|"
    r"left\s+out\s+of|not\s+among\s+(?:the\s+|those\s+)?(?:[\w-]+\s+)?invited)\b|"
    # "X's foreign minister flew to Paris for the conference"
    r"\b(?:flew|flown|fly|flies|travel(?:l)?ed|travels|arrived|arrives|came|headed|went|was\s+in|"
    r"were\s+in)\s+(?:to\s+|in\s+)?[^.;,]{0,40}?\bfor\s+(?:the\s+|a\s+|this\s+|these\s+)?"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?{_MEETING_NOUN}s?\b"
    # (not "arrived for talks with President X": a bilateral visit)
    rf"(?!\s+with\s+(?:the\s+)?(?:[\w.]+\s+){{0,2}}?(?:{TITLES})(?![\w-]))|"
    r"\b(?:was|were|is|are|will\s+be)\s+(?:also\s+|conspicuously\s+|notably\s+|"
    r"the\s+only\s+(?:[\w-]+\s+){0,3}?)?absent\s+from\b|"
    # "X joined the talks on Tuesday"
    rf"\bjoin(?:s|ed|ing)?\s+(?:the\s+|a\s+|this\s+)?(?:[\w-]+\s+){{0,3}}?{_MEETING_NOUN}\b|"
    # "X's defence minister, speaking at the meeting in Brussels, said"
    r",\s+(?:speaking|addressing\s+reporters|talking\s+to\s+reporters)\s+(?:at|after|during|"
    r"on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:the\s+|a\s+|this\s+)?(?:[\w-]+\s+){0,3}?"
    rf"{_MEETING_NOUN}\b|,\s+addressing\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,3}}?{_MEETING_NOUN}\b|"
    # "X's defence minister addressed the meeting by video"
    rf"\b(?:address(?:ed|es)?|will\s+address)\s+(?:the\s+|a\s+|this\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"{_MEETING_NOUN}\b|"
    # "X and Y participated in the talks", "X was also represented", "X sent its
    # defence minister to the summit"
    rf"\bparticipat(?:e|es|ed|ing)\s+(?:(?:via|by)\\s+video(?:\\s*link|\\s*conference)?\\s+|remotely\\s+|virtually\\s+|online\\s+|in\\s+person\\s+)?in\s+(?:the\s+|a\s+|this\s+)?(?:\w+\s+){{0,3}}?"
    rf"{_MEETING_NOUN}\b|\b(?:was|were|is|are|will\s+be)\s+(?:also\s+)?represented\b|"
    r"\b(?:sen(?:t|ds?|ding)|dispatch(?:es|ed|ing)?)\s+(?:(?:its|their|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:minister|ministers|"
    r"delegation|delegations|envoy|envoys|representatives?|officials?|secretary|president|"
    r"observers?|delegates?|ambassadors?)"
    r"(?:\s+(?-i:[A-Z])[\w'\u2019.-]+){0,3}\s+to\s+(?:the\s+|a\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?{_MEETING_NOUN}\b|"
    # "X and Y were in attendance"
    r"\b(?:was|were|is|are|will\s+be)\s+(?:also\s+)?in\s+attendance\b|"
    # "X's minister is scheduled to be at the conference", "X will be at the summit"
    r"\b(?:(?:is|are|was|were)\s+(?:scheduled|expected|due|set)\s+to|will|would)\s+(?:also\s+)?"
    rf"be\s+(?:present\s+)?at\s+(?:the\s+|a\s+|this\s+)?(?:[\w-]+\s+){{0,3}}?{_MEETING_NOUN}\b|"
    # "X and Y were among those at the talks"
    r"\b(?:was|were|is|are)\s+(?:also\s+)?among\s+(?:those|(?:the\s+)?(?:some\s+|about\s+|around\s+|"
    r"nearly\s+|more\s+than\s+|over\s+)?(?:\d+\s+|[a-z]+(?:-[a-z]+)?\s+)?"
    r"(?:countries|nations|states|governments|"
    r"participants|attendees|delegations|guests))\s+(?:represented\s+)?(?:at|attending|present|"
    r"taking\s+part|represented)\b",
    I,
)
# "At the talks were X, Y and Z", "Also at the summit were envoys from X and Y",
# "Among the ministers at the talks were X's A and Y's B".
ATTENDANCE_AT_LEAD_RE = re.compile(
    r"^\W*(?:Also\s+)?(?:Among\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:ministers|delegates|delegations|"
    r"participants|attendees|leaders|officials|guests|those|envoys|diplomats|representatives)\s+)?"
    r"(?:at|attending)\s+(?:the\s+|this\s+|that\s+|[\w'\u2019]+\s+)?"
    rf"(?:[\w'\u2019-]+\s+){{0,3}}?{_MEETING_NOUN}s?\b[^.;,]{{0,40}}?\s+(?:were|was|are|is|"
    r"will\s+be)\s+(?:also\s+)?(?:(?:the\s+)?(?:[\w-]+\s+)?(?:ministers|delegations?|"
    r"representatives|officials|envoys|leaders|delegates|diplomats)\s+(?:from|of)\s+)?",
    I,
)
# Beside a sentence that names the meeting: "X and Y also took part.", "Attending were X
# and Y", "Present were envoys from X".
ATTENDANCE_BARE_RE = re.compile(
    r"\b(?:took|take|taking)\s+part(?=\s*(?:[.;,]|$)|\s+(?:in\s+it|too|as\s+well|via|by\s+video|"
    r"remotely|virtually|online|in\s+person)\b)|"
    r"\bparticipated(?=\s*(?:[.;]|$)|\s+(?:in\s+it|too|as\s+well|via|by\s+video|remotely|virtually|"
    r"online|in\s+person)\b)|"
    # "Mexico was among the participants."
    r"\b(?:was|were|is|are)\s+(?:also\s+)?among\s+(?:the\s+)?(?:participants|attendees|delegations|"
    r"guests|invitees)(?=\s*(?:[.;,]|$))|"
    r"\b(?:was|were)\s+(?:also\s+)?there(?=\s*(?:[.;,]|$)|\s+(?:too|as\s+well)\b)",
    I,
)
DELEGATION_LED_RE = re.compile(
    r"\bdelegations?\s+(?:was|were|is|are|will\s+be)\s+(?:led|headed)\s+by\b", I
)
ATTENDING_LEAD_RE = re.compile(
    r"^\W*(?:Also\s+)?(?:attending|present|taking\s+part|participating)\s+(?:were|was|are|is|"
    r"will\s+be)\s+(?:also\s+)?(?:(?:the\s+)?(?:[\w-]+\s+)?(?:ministers|delegations?|"
    r"representatives|officials|envoys|leaders|delegates|diplomats)\s+(?:from|of)\s+)?",
    I,
)
# In a sentence naming a meeting: "The conference brought together ministers from X and
# Y", "drew delegations from X", "X hosted counterparts from Y and Z".
ATTENDANCE_GUESTS_RE = re.compile(
    r"\b(?:brought\s+together|drew|draws|attracted|welcomed|welcomes|hosted|hosts|received)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:ministers|delegations?|"
    r"representatives|officials|envoys|leaders|delegates|diplomats|counterparts)\s+(?:from|of)\s+|"
    # "The conference brought together 21 countries, including X and Y", "gathered some
    # 40 nations, among them X"
    r"\b(?:brought\s+together|drew|attracted|gathered|assembled)\s+(?:some\s+|about\s+|around\s+|"
    r"nearly\s+|almost\s+|more\s+than\s+|over\s+|at\s+least\s+)?(?:\d+|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?:countries|nations|states|governments|delegations|partners|allies)\s*,?\s+"
    r"(?:including|among\s+them|such\s+as|notably)\s+|"
    # "The meeting brought together X, Y and Z"
    r"\bbr(?:ought|ings?|inging)\s+together\s+(?=(?:the\s+)?(?-i:[A-Z]))",
    I,
)
ATTENDANCE_AFTER_RE = re.compile(
    r"\battended\s+by\b|"
    # "The other two ministers represented the United Kingdom and the Netherlands"
    r"\b(?:ministers|delegates|delegations|envoys|officials|representatives|ambassadors|"
    r"minister|delegate|envoy|official|ambassador)\s+(?:also\s+)?represented\s+(?=(?:the\s+)?(?-i:[A-Z]))|"
    # "Countries represented included X, Y and Z"
    r"\b(?:countries|nations|states|governments)\s+represented\s+(?:at\s+[^.;,]{0,40}?\s+)?"
    r"(?:include[ds]?|were|are)\b|"
    r"\b(?:participating|attending)\s+(?:countries|nations|states|governments|delegations)\s+"
    r"(?:include[ds]?|were|are)\b|"
    # ("Participants, including X, discussed"; not "participants were told that X ...")
    r"\b(?:attendees|participants|delegates|those\s+(?:attending|present))\b[^.;]{0,40}?"
    r"\b(?:include[ds]?|including|were|are|came\s+from)\b"
    r"(?!\s+(?:told|asked|given|shown|informed|briefed|urged|reminded)\b)|"
    r"(?:(?<=summit\s)|(?<=meeting\s)|(?<=talks\s)|(?<=included\s)|(?<=include\s))"
    r"(?:foreign\s+|defen[cs]e\s+)?(?:ministers|delegations?|representatives|officials|envoys)"
    r"\s+from\b|"
    r"\b(?:ministers|delegations?|representatives|officials|envoys)\s+from\b"
    r"(?=.*\b(?:meeting(?!\s+rooms?)|summit|conference|talks|ministerial|gathering|met|gathered)\b)|"
    # "... attended the Paris conference, including X, Y and Z"
    r"\b(?:attend\w*|took\s+part|take\s+part|participat\w*|were\s+present|met|gathered)\b"
    r"[^.;]{0,120}?\b(?:including|among\s+them|among\s+whom|such\s+as|notably)\s+"
    r"(?=(?:the\s+)?(?-i:[A-Z]))",
    I,
)
# The attendees named right after the people who came: "Foreign ministers of X, Y and Z
# met in ...", "leaders of X and Y gathered"; the list must follow at once.
ATTENDANCE_LEAD_RE = re.compile(
    r"\b(?:ministers|delegations?|representatives|officials|envoys|leaders|delegates|"
    r"diplomats|heads\s+of\s+(?:state|government))\s+(?:of|from)\s+(?:the\s+)?"
    r"(?=[^.;]*\b(?:met|meet|meets|meeting(?!\s+rooms?)|gathered|convened|attended|summit|conference|"
    r"talks|ministerial|took\s+part|participated)\b)",
    I,
)
_NUMBER = r"(?P<n>\d[\d,]*|[a-z]+(?:[- ][a-z]+)?)"
SIZE_RE = re.compile(
    # "the Ukraine Defense Contact Group, which brings together some 50 countries"
    rf"\b{_GROUP}(?:,\s+which)?\s+(?:now\s+)?(?:(?:brings|brought|bringing)\s+together|"
    r"(?:unites|united|gathers|gathered|groups)(?:\s+together)?)\s+(?:some\s+|about\s+|around\s+|nearly\s+|more\s+than\s+|over\s+|almost\s+)?"
    rf"{_NUMBER.replace('?P<n>', '?P<h>')}\s+(?:countries|nations|states|partners|members)\b|"
    # "the number of countries in the coalition rose to 60"
    r"\bnumber\s+of\s+(?:countries|nations|members|partners|states)\s+in\s+the\s+"
    r"(?:[\w.-]+\s+){0,3}?(?:coalition|alliance)\s+(?:has\s+|had\s+|now\s+)?(?:ros\w*|rose|"
    r"grow\w*|grew|increas\w*|climb\w*|reach\w*|jump\w*|swell\w*|stand\w*|stood|is|was)\s+"
    r"(?:to\s+|at\s+)?(?:some\s+|about\s+|around\s+|nearly\s+|more\s+than\s+)?"
    rf"{_NUMBER.replace('?P<n>', '?P<g>')}\b|"
    rf"\b{_NUMBER}(?:[- ](?:plus|odd))?[- ](?:member|nation|country|strong)\s+"
    r"(?:(?-i:[A-Z])[\w.-]*\s+){0,4}?"
    r"(?:coalition|alliance|group|effort|initiative|partnership|bloc)\b|"
    r"\b(?:coalition|alliance|partnership)"
    # "the coalition against the Islamic State group now includes", "the coalition, which
    # the administration says includes"
    r"(?:\s+(?:against|to\s+defeat|fighting|to\s+counter)\s+[^,.;]{1,40}?)?"
    r"(?:,\s+which(?:\s+[^,.;]{1,40}?\s+(?:says?|said|claims?|estimates?))?)?"
    r",?\s+(?:now\s+)?(?:includes|included|comprises|"
    r"comprising|numbering|numbers|has\s+grown\s+to|grew\s+to|(?:is|was)\s+made\s+up\s+of|"
    r"made\s+up\s+of|composed\s+of|comprised\s+of|consists\s+of|consisting\s+of|totals|"
    r"totalled|totaled)\s+(?:some\s+|about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+|"
    rf"at\s+least\s+)?{_NUMBER.replace('?P<n>', '?P<j>')}\s+(?:countries|nations|members|states|"
    r"partners)\b|"
    rf"\b(?:coalition|alliance|group|partnership)\s+of\s+(?:some\s+|about\s+|more\s+than\s+|"
    r"almost\s+|nearly\s+|around\s+|roughly\s+|over\s+|at\s+least\s+|up\s+to\s+|close\s+to\s+)?"
    rf"{_NUMBER.replace('?P<n>', '?P<m>')}\s+(?:(?:partner|member|allied)\s+)?"
    r"(?:countries|nations|members|states|partners)\b|"
    rf"\b(?:all\s+)?{_NUMBER.replace('?P<n>', '?P<k>')}\s+(?:countries|nations|members|states|"
    r"partners)\s+(?:in|of|that\s+(?:make|made)\s+up|which\s+make\s+up)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:coalition|alliance)\b|"
    # "some 60 countries that are working together to tackle the militants"
    rf"\b{_NUMBER.replace('?P<n>', '?P<w>')}\s+(?:countries|nations|partners)\s+"
    r"(?:(?:that|which|who)\s+(?:are|have\s+been)\s+)?(?:working\s+together|joined\s+together|united|allied)\s+"
    r"(?:to|against|in)\b|"
    r"\b(?:bring(?:s|ing)?|brought|rais(?:e|es|ed|ing)|tak(?:e|es|ing)|took|swell(?:s|ed|ing)?)\s+"
    r"(?:its|the\s+(?:coalition|alliance)'s|the|their)\s+(?:membership|ranks|"
    r"number\s+of\s+(?:members|member\s+states|countries|nations|partners|states)"
    # "bringing the number of countries in the new coalition to twelve"
    r"(?:\s+in\s+the\s+(?:[\w-]+\s+){0,2}?(?:coalition|alliance|group))?)\s+to\s+"
    r"(?:some\s+|about\s+|around\s+|nearly\s+|more\s+than\s+)?"
    rf"{_NUMBER.replace('?P<n>', '?P<r>')}\b|"
    # "More than 60 countries have joined the coalition", "65 nations are part of it"
    rf"\b{_NUMBER.replace('?P<n>', '?P<a>')}\s+(?:countries|nations|states|partners)\s+"
    r"(?:and\s+(?:international\s+)?(?:organi[sz]ations|groups|entities|bodies)\s+)?"
    r"(?:(?:(?:that|which|who)\s+)?(?:(?:have|had)\s+(?:now\s+|so\s+far\s+|already\s+)?)?"
    r"(?:(?:agreed|decided|pledged|promised|offered)\s+to\s+(?:join|contribute\s+to|take\s+part\s+in|"
    r"participate\s+in|support)|joined|signed\s+(?:up|on)\s+to|contributed\s+to)|"
    r"(?:are|were)\s+(?:now\s+|already\s+)?(?:part|members)\s+of|"
    r"(?:are|were)\s+(?:now\s+|already\s+)?(?:taking\s+part|participating|involved)\s+in|"
    r"(?:now\s+)?belong\s+to)\s+(?:the\s+)?(?:[\w.-]+\s+){0,4}?"
    r"(?:coalition|alliance|campaign|effort|initiative)\b|"
    # "The US and Italy are among 23 countries taking part in the coalition"
    rf"\bamong\s+(?:the\s+)?{_NUMBER.replace('?P<n>', '?P<i>')}\s+(?:countries|nations|states|"
    r"partners)\s+(?:taking\s+part|participating|involved)\s+in\s+(?:the\s+)?(?:[\w.-]+\s+){0,4}?"
    r"(?:coalition|alliance)\b|"
    # "membership of the coalition has swelled to 74", "the coalition's membership stands at 86"
    r"\b(?:(?:coalition|alliance)['\u2019]s\s+membership|membership\s+of\s+the\s+"
    r"(?:[\w.-]+\s+){0,3}?(?:coalition|alliance)|its\s+membership)\s+(?:has\s+|had\s+|now\s+)?"
    r"(?:swell\w*|grow\w*|grew|ris\w*|rose|climb\w*|increas\w*|stand\w*|stood|reach\w*|total\w*|"
    r"jump\w*)\s+(?:to\s+|at\s+)?(?:some\s+|about\s+|around\s+|nearly\s+|more\s+than\s+)?"
    rf"{_NUMBER.replace('?P<n>', '?P<f>')}\b|"
    # "The coalition now has 62 members", "the coalition, now 66 strong,"
    r"\b(?:coalition|alliance|(?<![Ss]tate\s)group|initiative)(?:\s+for\s+[\w-]+)?"
    r"(?:,\s+which|,\s+(?:co-?)?led\s+by\s+[^,.;]{1,50},)?"
    r"\s+(?:now\s+)?(?:has|had|counts|totals|totalled)\s+(?:some\s+|about\s+|around\s+|"
    rf"nearly\s+|more\s+than\s+|over\s+)?{_NUMBER.replace('?P<n>', '?P<b>')}\s+"
    r"(?:members|partners|member\s+(?:states|countries))\b|"
    rf"\b(?:coalition|alliance),?\s+(?:now\s+)?{_NUMBER.replace('?P<n>', '?P<c>')}"
    r"(?:\s+(?:countries|nations|members))?[- ]strong\b|"
    # "the coalition's 85 members", "bringing the number of coalition members to 62"
    r"\b(?:coalition|alliance)['\u2019]s\s+(?:some\s+|about\s+|more\s+than\s+)?"
    rf"{_NUMBER.replace('?P<n>', '?P<d>')}\s+(?:members|partners|member\s+(?:states|countries)|"
    r"countries|nations)\b|"
    r"\bnumber\s+of\s+(?:coalition|alliance)\s+(?:members|partners|countries|nations)\s+to\s+"
    rf"(?:some\s+|about\s+|more\s+than\s+)?{_NUMBER.replace('?P<n>', '?P<e>')}\b",
    I,
)
# A member counted by its rank: "Canada will become the ninth country participating in the
# drone coalition", "welcomed Peru as its 66th member": the coalition has that many.
ORDINAL_SIZE_RE = re.compile(
    r"\b(?:the|its|as\s+the|as\s+its)\s+(?P<o>\d+(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+"
    r"(?:country|nation|state|member|partner|member\s+state)\b"
    r"(?=\s+(?:to\s+(?:join|sign\s+up\s+to)|participating\s+in|taking\s+part\s+in|in|of)\s+"
    r"(?:the\s+)?[^.;]{0,40}?\b(?:coalition|alliance|initiative)\b|\s*(?:[.,;]|$)|"
    r"\s+(?:on|last|this|since|after|when|earlier|today|yesterday)\b)",
    I,
)
# "X and Y signed a letter of intent to join the drone coalition": the signers join.
SIGNED_TO_JOIN_RE = re.compile(
    rf"[^.;]{{0,60}}?\bto\s+join\s+(?:the\s+|a\s+)?(?:[\w.-]+\s+){{0,4}}?{_GROUP}\b", I
)
# "As part of the US-led coalition, Steinmeier said ...": the one who speaks is in it.
AS_PART_OF_LEAD_RE = re.compile(
    r"^\W*As\s+(?:a\s+)?(?:part|members?|partners?)\s+of\s+(?:the\s+)?[^,;]{0,100}?"
    r"\b(?:coalition|alliance)\b[^,;]{0,80},\s*",
    I,
)
# A coalition named for what it provides is a capability coalition, not the anti-ISIS one:
# "the drone coalition", "the Leopard 2 coalition", "the coalition of drones and EW".
_CAPABILITY_COALITION_RE = re.compile(
    r"\b(?:drones?|artillery|tanks?|armou?red[- ]vehicles?|air[- ]defen[cs]e|demining|maritime|"
    r"IT|F-16|fighter[- ]jets?|aviation|air|capability|Leopard(?:\s+2)?|EW|cyber|"
    r"mine[- ]clearing|long-range\s+strike)[\"”'\u2019]?\s+coalition\b|"
    r"\bcoalition\s+of\s+(?:drones|tanks|armou?red)\b",
    I,
)
AGREEMENT_RE = re.compile(
    # "X is among the signatories", "Y became a party to the treaty"
    r"\b(?:is|are|was|were|became|become|becomes)\s+(?:also\s+)?(?:among\s+the\s+|one\s+of\s+the\s+|a\s+|"
    r"the\s+)?"
    # (not "a party to the conflict")
    r"(?:\w+\s+)?(?:signator(?:y|ies)\b|part(?:y|ies)\s+to\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:[\w-]+\s+){{0,4}}?{_DOCUMENT}\b)|"
    r"\b(?:said|say|says|announced|pledged|vowed|declared|agreed|stated|affirmed|committed)\s+"
    r"(?:\w+\s+)?in\s+(?:a|the)\s+joint\s+(?:statement|declaration|communiqu[eé])\b|"
    r"\b(?:sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|initial(?:l?ed|l?ing|s)?|back(?:s|ed|ing)?|"
    r"seal(?:s|ed|ing)?|str(?:ike|ikes|uck|iking)|clinch(?:es|ed|ing)?|ratif(?:y|ies|ied|ying)|"
    r"put\s+pen\s+to\s+paper\s+on|"
    r"(?:put|add(?:s|ed|ing)?|affix(?:es|ed|ing)?)\s+(?:their|its)\s+(?:names?|signatures?)\s+"
    r"(?:to|on)|conclud(?:e|es|ed|ing)|"
    r"reach(?:es|ed|ing)?|agreed\s+on|agreed\s+to(?=\s+(?:a|an|the)\s)|"
    r"adopt(?:s|ed|ing)?|endors(?:e|es|ed|ing)|approv(?:e|es|ed|ing))\s+(?:a\s+|an\s+|the\s+)?"
    rf"(?:[\w-]+\s+){{0,4}}?(?:{_DOCUMENT}s?|treaties|memoranda|joint\s+statements?)\b|"
    r"\b(?:issu\w*|releas\w*|publish\w*)\s+(?:a\s+|an\s+|the\s+)?joint\s+(?:statement|declaration|"
    r"communiqu[eé])\b|"
    r"\b(?:join(?:s|ed|ing)?|finali[sz](?:e|es|ed|ing))\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}?"
    rf"(?:{_DOCUMENT}|joint\s+statement)\b|"
    # "X was among 20 countries that signed the statement"
    r"\b(?:is|are|was|were)\s+(?:also\s+)?(?:one\s+of|among)\s+(?:the\s+)?(?:some\s+|about\s+|"
    r"more\s+than\s+|over\s+|nearly\s+)?(?:\d+\s+|[a-z]+(?:-[a-z]+)?\s+)?(?:countries|nations|states|"
    r"governments)\s+(?:that|which|who|to)\s+(?:have\s+|had\s+)?(?:sign(?:ed)?|endorsed|backed|"
    rf"joined|adopted)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){{0,4}}?(?:{_DOCUMENT}|statement)s?\b|"
    # "approved the country's accession to the declaration", "acceded to the pact"
    r"\b(?:approv(?:e|es|ed|ing)|announc\w*|complet\w*)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:country['\u2019]s\s+)?accession\s+to\b|\bacced(?:e|es|ed|ing)\s+to\b|"
    # "agreed on Monday to jointly procure ammunition": a joint purchase is an agreement
    r"\bagree(?:s|d)?\s+(?:[\w,]+\s+){0,3}?to\s+jointly\s+(?:procure|buy|purchase|acquire|"
    r"develop|produce|build|fund|finance|order)\b|"
    # "“X, Y and Z have signed,” the agency said": the list before a bare "signed"
    r"\b(?:have|has|had)\s+(?:now\s+|already\s+|also\s+|all\s+)?signed(?:\s+(?:on|up))?"
    r"(?=\s*(?:[.,;:!?\"\u201d\u2019]|$))|\bsigned\s+on(?=\s*(?:[.,;:!?\"\u201d\u2019]|$))|"
    # "X, Y and Z all signed."
    r"\b(?:all|both)\s+signed(?=\s*(?:[.,;:!?\"\u201d\u2019]|$))",
    I,
)
# What several actors do together, though one alone would not make an agreement: "X, Y
# and Z issued a communique", "agreed in a statement to", "In a final statement, X and Y".
MANY_PARTIES_RE = re.compile(
    r"\b(?:issu\w*|releas\w*|publish\w*|adopt\w*)\s+(?:a\s+|an\s+|the\s+)?(?:final\s+|joint\s+)?"
    r"(?:communiqu[eé]|declaration)\b|"
    r"\b(?:said|agreed|committed|pledged|vowed|declared)\s+(?:\w+\s+)?in\s+(?:a|the|their)\s+"
    r"(?:final\s+|closing\s+)?(?:statement|communiqu[eé]|declaration)\b",
    I,
)
# "Under the agreement, signed on Saturday, Britain will ...": Britain is a party.
UNDER_DOCUMENT_LEAD_RE = re.compile(
    rf"^\W*Under\s+(?:the|a|this|that)\s+(?:[\w-]+\s+){{0,3}}?{_DOCUMENT}\b"
    r"(?:,\s*(?:signed|agreed|concluded|reached|initial(?:l)?ed)[^,]{0,40})?,\s*",
    I,
)
MANY_PARTIES_LEAD_RE = re.compile(
    r"^\W*(?:In|Under)\s+(?:a|the|their)\s+(?:(?:final|closing|joint)\s+)?(?:statement|"
    # "In a communique issued after the meeting, the ten Arab states said"
    r"communiqu[eé]|declaration)\b(?:\s+(?:issued|released|published|adopted|agreed)\b[^,;.]{0,60})?"
    r"\s*,\s*",
    I,
)
# "Twenty-six countries, including X, Y and Z, vowed to ...": a numbered group of
# countries that commits together is party to one commitment.
COLLECTIVE_VOW_RE = re.compile(
    r"^\W*(?:the\s+)?(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:countries|nations|states|governments)\s*,?"
    r"\s+(?:including|among\s+them)\b(?P<list>[^.;]*?)\b(?:vowed|pledged|agreed|promised|"
    r"committed\s+themselves|undertook)\s+to\b",
    I,
)
# "X signed, as did Y", "X signed, and so did Y": Y did the same.
# "X signed ...; Y followed on Thursday": Y did the same.
FOLLOWED_RE = re.compile(
    r"\bfollowed(?:\s+suit)?(?=\s*(?:[.,;]|$)|\s+(?:on|in|later|days|weeks|a)\b)", I
)
AS_DID_RE = re.compile(
    r",?\s+(?:as|and\s+so)\s+did\s+(?:the\s+)?|,\s+joining\s+(?:the\s+)?|"
    r"\s+(?:alongside|along\s+with|together\s+with)\s+(?:the\s+)?",
    I,
)
# "Along with X, the coalition comprises A and B": X is in the clause's list too.
ALONG_WITH_RE = re.compile(
    r"^\W*(?:Along\s+with|Together\s+with|Besides|In\s+addition\s+to|As\s+well\s+as)\s+", I
)
# A modal before "join": "was ready to join a coalition ... if" is not joining.
# ("said it would join" reports a decision, and stays a membership).
_MODAL_JOIN_RE = re.compile(
    r"\b(?:ready|willing|prepared|likely|expected|hoping|hopes|wants?|plans?|would\s+like|"
    r"(?-i:may))\s+(?:\w+\s+)?to\s+$|\b(?:could|might|(?-i:may))\s+(?:\w+\s+)?$|"
    # urged to join, not joining: "Kerry pressed Turkey to join the coalition"
    r"\b(?:urg|press|call(?:s|ed|ing)?\s+on|ask|persuad|encourag|lobb|push)\w*\s+"
    r"[^.;]{1,50}?\s+to\s+$|"
    # "Lebanon has been urged to join"
    r"\b(?:urged|pressed|asked|encouraged|pushed|lobbied|called\s+on)\s+to\s+$|"
    r"\b(?:considering|weighing|mulling|debating|discussing)\s+(?:whether\s+to\s+)?$|"
    # "has come under pressure to join", "is reluctant to join", "has yet to join"
    r"\b(?:pressure|reluctant|hesitant|unwilling|loath|keen|eager|invitation|bid|calls?|"
    r"demands?|appeals?|urging|yet|request|offer)\s+to\s+$|"
    # "Serbia has applied to join", "seeks to join"
    r"\b(?:appl(?:y|ies|ied|ying)|seek(?:s|ing)?|sought|request(?:s|ed|ing)?)\s+to\s+$",
    I,
)
# Urged to do it is not doing it: "Hollande urged Germany to attend the conference".
_URGED_RE = re.compile(
    r"\b(?:urg|press|call(?:s|ed|ing)?\s+on|ask|persuad|encourag|lobb|push)\w*\s+"
    r"(?:[^.;]{1,50}?\s+)?to\s+(?:\w+\s+){0,2}$",
    I,
)
# "is expected to sign", "wants to sign", "may sign": not (yet) signed.
_MODAL_SIGN_RE = re.compile(
    r"\b(?:ready|willing|prepared|likely|expected|hoping|hopes|wants?|plans?|planning|aims?|"
    r"would\s+like|yet|reluctant|hesitant|pressure|urged|pressed)\s+(?:\w+\s+)?to\s+$|"
    r"\b(?:could|might|(?-i:may)|should)\s+(?:\w+\s+)?$",
    I,
)
# The parties listed after the document: "a joint statement ..., with X, Y and Z",
# "the declaration, signed by X, Y and Z".
AGREEMENT_AFTER_RE = re.compile(
    # "signed by X", "signed by the defence ministers of X and Y"
    # "signed in Kyiv by X and Y"
    r"\b(?:signed|endorsed|adopted|issued)\s+(?:(?:in|at|on)\s+(?-i:[A-Z])[\w-]+\s+)?by\b"
    r"(?:\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:ministers|leaders|heads\s+of\s+(?:state|government)|representatives|envoys|"
    r"governments|presidents|ambassadors)\s+(?:of|from)\b)?|"
    # "a deal between X and Y", "a memorandum was signed between X and Y"
    rf"\b{_DOCUMENT}s?\s+between\b|"
    rf"\b{_DOCUMENT}s?\b[^.;]{{0,40}}?\b(?:signed|concluded|agreed|reached|initial(?:l)?ed)\s+between\b|"
    # "The declaration was backed by X and Y"
    rf"\b{_DOCUMENT}\s+(?:was|were|has\s+been|had\s+been)\s+(?:also\s+)?(?:backed|supported|"
    r"approved|agreed)\s+by\b|"
    # "The countries that signed the communique were X, Y and Z"
    r"\b(?:countries|nations|states|governments|those)\s+(?:that|which|who)\s+(?:have\s+|had\s+)?"
    rf"(?:signed|endorsed|adopted|joined)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,3}}?{_DOCUMENT}"
    r"\s+(?:were|are|include[ds]?)\s+|"
    r"\b(?:signatories|signers|parties)\s+(?:(?:to|of)\s+(?:the\s+|this\s+|that\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?{_DOCUMENT}\s+)?(?:include[ds]?|were|are)\b|"
    r"\b(?:in|under|through)\s+(?:a|the)\s+joint\s+(?:statement|declaration|communiqu[eé])\b"
    r"[^.;,]{0,60}?,|"
    r"\bjoint\s+(?:statement|declaration|communiqu[eé]|letter)\b[^.;]{0,80}?(?:,\s*|\s)with\b",
    I,
)
# After a signed document, the other party: "(a deal) with Japan", "on Friday with Chile".
_WITH_PARTY_RE = re.compile(
    r"(?:\s+(?:on|in|at|earlier|later|last|this)\b[^,.;]{0,30}?)?\s+with\s+(?:the\s+)?", I
)
# "..., the latest with Latvia", "most recently with X"
LATEST_WITH_RE = re.compile(
    r"\b(?:the\s+(?:latest|newest|most\s+recent|last)(?:\s+one)?|most\s+recently|including)\s+"
    r"with\s+(?:the\s+)?",
    I,
)
# "... agreements with several countries, including those with X, Y and Z"
AGREEMENTS_WITH_RE = re.compile(
    r"\b(?:agreements|deals|accords|pacts|treaties)\b[^.;]{0,200}?\b(?:including|among\s+them|"
    r"such\s+as)\s+(?:those|ones|the\s+ones)\s+(?:with|signed\s+with)\s+",
    I,
)
JOINED_IN_SIGNING_RE = re.compile(
    r"\bjoin(?:s|ed|ing)?\s+(?=[^.;]{1,60}?\s+in\s+(?:signing|endorsing|adopting)\b)", I
)
# "X and Y also joined." after a sentence about an agreement: the same agreement.
AGREEMENT_FOLLOW_RE = re.compile(
    r"\b(?:also|later|subsequently|since)\s+(?:joined|signed(?:\s+on)?)(?=\s*[.,;]|\s*$)|"
    r"\b(?:joined|signed)\s+(?:it|too|as\s+well)\b|\bfollowed\s+suit\b",
    I,
)
_LIST_GAP_RE = re.compile(
    # "Qatar's emir and Bahrain's king", "Canada's Stephane Dion and Germany's ...": the
    # first one's person before the "and"
    r"(?:['\u2019]s\s+(?:(?:foreign|defen[cs]e|prime|deputy|finance|top|chief|army|military|new|"
    r"acting)\s+)*(?:emir|king|queen|sultan|president|minister|secretary|leader|envoy|ambassador|"
    r"delegation|delegates?|representatives?|diplomat|chancellor|premier|crown\s+prince|"
    r"counterpart|head)?(?:,?\s+(?-i:[A-Z])[\w'\u2019.-]+){0,3},?)?"
    # "X and his Ukrainian counterpart Y": "his" before the second one's demonym
    r"(?:,?\s+(?:and|&)\s+(?:his\s+|her\s+)?|,\s+|\s+&\s+|,?\s+(?:along|together)\s+with\s+|"
    r",?\s+as\s+well\s+as\s+|,?\s+nor\s+|"
    # "X and ten Arab countries, including A and B"
    r",?\s+and\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:other\s+)?(?:[\w-]+\s+)?(?:countries|nations|"
    r"states),?\s+(?:including|among\s+them)\s+)(?:the\s+)?",
    I,
)
_PLACE_LEAD_RE = re.compile(
    r"\b(?:in|at|into|on|against|from|to|near|over|of|for|with)\s+(?:the\s+)?$", I
)


# "The leaders of X", "Foreign ministers from X and Y": the people of a subject, not a place.
_PEOPLE_OF_RE = re.compile(
    r"\b(?:leaders?|ministers?|heads?\s+of\s+(?:state|government)|representatives?|delegations?|"
    r"officials?|governments?|envoys?|presidents?|diplomats?|delegates?|chiefs?)\s+(?:of|from)\s+"
    r"(?:the\s+)?$",
    I,
)
_LOCATION_LEAD_RE = re.compile(r"\b(?:in|at|on|into|to|near|over|against)\s+(?:the\s+)?$", I)


# "the Ukraine Defense Contact Group": a name inside a longer name
_IN_A_LONGER_NAME_RE = re.compile(r"[ \u00a0]+(?-i:[A-Z])[a-z]")


_COUNT_WORD = (
    r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy)"
    r"(?:-[a-z]+)?"
)
# A phrase that points back (or ahead) to a list of countries: "the ten countries", "the
# participating states", "these nations", "both governments", "all of them".
REFERENCE_RE = re.compile(
    r"\b(?:(?:the|these|those)\s+(?:(?P<n>" + _COUNT_WORD + r")\s+)?|(?P<both>both)\s+)"
    r"(?:(?:participating|attending|member|partner|allied|contributing|signatory|founding|"
    r"remaining|donor)\s+)?(?:(?-i:[A-Z])[a-z]+\s+)?(?:countries|nations|states|governments|"
    r"partners|allies)\b"
    r"(?![ \u00a0]+of\b)|\ball\s+of\s+them\b",
    I,
)
_REFERENCE_PREFIX = "&"
# "In a meeting with the foreign ministers from X and Y, ...": X and Y attend.
MEETING_WITH_PEOPLE_RE = re.compile(
    rf"\b{_MEETING_NOUN}s?\s+(?:(?:was|were)\s+held\s+)?with\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){{0,4}}?"
    r"(?:ministers|counterparts|leaders|officials|delegations|representatives|envoys|"
    r"diplomats)\s+(?:from|of)\s+|"
    # "a meeting with allies and partners such as X and Y"
    rf"\b{_MEETING_NOUN}s?\s+with\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){{0,5}}?"
    r"(?:allies|partners|countries|nations|states|members|governments)\s*,?\s+(?:such\s+as|"
    r"including|among\s+them|notably)\s+",
    I,
)
# A meeting with one titled person is a bilateral talk, not a meeting the tracker keeps:
# "following a meeting with U.S. President Joe Biden".
BILATERAL_RE = re.compile(
    rf"\b{_MEETING_NOUN}\s+with\s+(?:the\s+)?(?:[\w.]+[ \u00a0]+){{0,2}}?(?:{TITLES})(?![\w-])"
    r"(?:[ \u00a0]+(?-i:[A-Z])[\w'\u2019-]+)?(?![ \u00a0]*(?:,|and)[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?:[\w-]+[ \u00a0]+){0,2}?(?:ministers|leaders|officials))",
    I,
)
# A host the sentence names but no actor resolves ("Secretary-General Jens Stoltenberg
# is hosting the summit"): the meeting's host is not "nobody".
UNNAMED_HOST_RE = re.compile(
    r"(?-i:[A-Z])[\w.'\u2019-]+[ \u00a0]+(?:(?:is|was|will|has|had|would)[ \u00a0]+"
    r"(?:be[ \u00a0]+|also[ \u00a0]+)?)?(?:co-?)?host(?:s|ed|ing)?\b(?![ \u00a0]+by\b)|"
    r"\b(?:(?:co-?)?hosted|convened|(?:co-?)?chaired|organi[sz]ed|held|called)[ \u00a0]+by"
    r"[ \u00a0]+(?-i:[A-Z])",
)

# A meeting named only to date what follows: "Following the meeting, officials said ...".
BACK_TO_MEETING_RE = re.compile(
    rf"^\W*(?:Following|After|Since)\s+the\s+(?:[\w-]+\s+)?{_MEETING_NOUN}s?\s*,", I
)


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
    #: memberships: ``coalition.choices.MembershipStatus``; attendance: ``AttendanceRole``
    status: str = ""


# What a membership or attendance cue says of the actor's standing.
_WITHDRAWN_RE = re.compile(
    r"\b(?:withdr\w*|pull\w*\s+out|quit|left|leaves|end(?:s|ed|ing)?|halt\w*|terminat\w*)\b", I
)
_SUSPENDED_RE = re.compile(r"\bsuspended\b", I)
_DECLINED_BEFORE_RE = re.compile(
    r"\b(?:refus\w*|declin\w*|reject\w*|(?:will|would|did|does|do)\s+not|won['\u2019]t|"
    r"ruled\s+out|turn(?:s|ed|ing)?\s+down|spurn\w*|rebuff\w*)\s+(?:to\s+)?(?:\w+\s+){0,3}$",
    I,
)
_NOT_INVITED_RE = re.compile(
    r"\bnot\s+invited\b|\bexcluded\b|\bleft\s+out\b|\bnot\s+among\b[^.;]*\binvited\b", I
)
_STAYED_AWAY_RE = re.compile(
    r"\b(?:skipped|stayed\s+away|declined|boycott\w*|not\s+present|absent)\b", I
)
# "Neither X nor Y took part", "X did not attend": stayed away.
_NOT_THERE_RE = re.compile(
    r"\bneither\b[^.;]{0,80}$|\b(?:did|does|do|will|would)\s+not\s+(?:\w+\s+)?$|"
    r"\b(?:didn|doesn|won|wouldn)['\u2019]t\s+(?:\w+\s+)?$|\bfailed\s+to\s+$",
    I,
)


def _standing(kind: str, text: str, cue: re.Match, *, support: bool) -> str:
    said = cue.group(0)
    if kind == MEMBERSHIP:
        if support:
            return "supporter"
        if _SUSPENDED_RE.search(said):
            return "suspended"
        if _WITHDRAWN_RE.search(said):
            return "withdrawn"
        if _DECLINED_BEFORE_RE.search(text[max(0, cue.start() - 40) : cue.start()]):
            return "declined"  # "Iran refused to join the coalition"
        return "member"
    if kind == ATTENDANCE:
        if _NOT_INVITED_RE.search(said):
            return "not_invited"
        if _STAYED_AWAY_RE.search(said) or _NOT_THERE_RE.search(
            text[max(0, cue.start() - 80) : cue.start()]
        ):
            return "declined"
        return "attended"
    return ""


def read_reports(sentences: list[Mentions]) -> list[ReportClaim]:
    """The report claims of an article, given the mentions of its sentences in order.
    A headline gives none; "X and Y also joined" joins the agreement of the sentence
    before; "the ten countries" means a list of ten named in a sentence nearby (the
    nearest before it, else the nearest after it)."""
    readable = [m for m in sentences if not m.sentence.headline]
    lists = [sentence_lists(m) for m in readable]
    meetings = [_names_a_meeting(m.sentence.text) for m in readable]
    found: list[ReportClaim] = []
    after_agreement = False
    for i, mentions in enumerate(readable):
        before = range(i - 1, max(-1, i - 1 - _REFERENCE_REACH), -1)
        after = range(i + 1, min(len(readable), i + 1 + _REFERENCE_REACH))
        antecedents = [x for j in (*before, *after) for x in lists[j]]
        reports = find_reports(
            mentions,
            after_agreement=after_agreement,
            antecedents=antecedents,
            meeting_nearby=any(meetings[max(0, i - 1) : i + 2]),
            coalition_nearby=i > 0
            and bool(_COALITION_WORD_RE.search(readable[i - 1].sentence.text)),
        )
        found.extend(reports)
        after_agreement = any(r.kind == AGREEMENT for r in reports)
    found.extend(_table_rows(sentences))
    if any(r.kind == MEETING and r.actor for r in found):
        # "X and Y attended the meeting", "signed ... at the talks" in an article that
        # names the meeting's host: the meeting is that one, not another with no host.
        # (A sentence that is about a meeting itself, "The seven ministers, meeting over
        # lunch, ...", still gives one.)
        guests = {r.quote_start for r in found if r.kind in (ATTENDANCE, AGREEMENT)}
        found = [
            r for r in found if not (r.kind == MEETING and not r.actor and r.quote_start in guests)
        ]
    return found


# A line that heads a table of attendees or members: "Delegations attending the
# conference:", "Countries represented:", "The coalition's members:".
_TABLE_HEAD_RES = (
    (
        re.compile(
            r"\b(?:delegations|delegates|participants|attendees|countries|nations|states|"
            r"those)\b[^.;:]{0,60}?\b(?:attending|present|represented|taking\s+part|"
            r"participating|at\s+the\s+(?:meeting|summit|conference|talks|ministerial))\b"
            r"[^.;:]{0,60}:\s*$|^\W*(?:participants|attendees|delegations)\s*:\s*$",
            I,
        ),
        ATTENDANCE,
    ),
    (
        re.compile(
            r"\b(?:coalition|alliance)['\u2019]s\s+(?:\d+\s+)?(?:members|partners)\s*:\s*$|"
            r"\b(?:members|partners|countries|nations)\s+(?:of|in)\s+the\s+(?:[\w.-]+\s+){0,3}?"
            r"(?:coalition|alliance)\s*:\s*$",
            I,
        ),
        MEMBERSHIP,
    ),
)
# A row of such a table: the actor first, then a colon or dash ("Chile: Foreign Minister
# Ana Ruiz", "Peru - two delegates").
_TABLE_ROW_RE = re.compile(r"\s*[:\u2013\u2014-]\s")


def _table_rows(sentences: list[Mentions]) -> list[ReportClaim]:
    """The attendees or members listed one a row under a heading that ends in a colon
    (rows read as headlines, having no full stop)."""
    found: list[ReportClaim] = []
    kind = None
    for mentions in sentences:
        text = mentions.sentence.text
        if kind is not None:
            first = mentions.actors[0] if mentions.actors else None
            if (
                first is not None
                and not text[: first.start].strip(" \t\u2022*-")
                and _TABLE_ROW_RE.match(text, first.end)
            ):
                found.append(
                    ReportClaim(
                        first.code,
                        kind,
                        text,
                        mentions.sentence.start,
                        confidence=0.4,
                        rationale=f"cue: a row of a table of {kind} ({kind})",
                        status="attended" if kind == ATTENDANCE else "member",
                    )
                )
                continue
        kind = next((k for regex, k in _TABLE_HEAD_RES if regex.search(text)), None)
    return found


#: How many sentences away a list may be for "the ten countries" to mean it.
_REFERENCE_REACH = 5


def _names_a_meeting(text: str) -> bool:
    return bool(_meeting(text) and MEETING_EVENT_RE.search(text))


# Meetings that are not a coalition's: "a cabinet meeting", "peace talks", "in talks with
# Y" (a negotiation), "a meeting of the Security Council", "a parliamentary session".
_OTHER_MEETING_BEFORE_RE = re.compile(
    r"\b(?:cabinet|parliamentary|plenary|committee|board|party|peace|trade|budget|telephone|"
    r"video|emergency\s+cabinet)\s+$|\bin\s+$",
    I,
)
_OTHER_MEETING_AFTER_RE = re.compile(
    r"\s+(?:call|room)s?\b|\s+of\s+(?:the\s+)?(?:UN\s+|U\.N\.\s+|United\s+Nations\s+)?"
    r"(?:Security\s+Council|General\s+Assembly|cabinet|parliament|government|Bundestag|"
    r"Congress|Senate|committee)\b|"
    # "a meeting of his national security team"
    r"\s+of\s+(?:his|her|their|its)\s+|\s+of\s+the\s+(?:[\w-]+\s+){0,2}?(?:security\s+council|"
    r"cabinet|parliament|party|caucus)\b",
    I,
)


def _meeting(text: str) -> re.Match | None:
    """The first meeting ``text`` names that may be a coalition's (see above)."""
    for match in MEETING_RE.finditer(text):
        before = text[max(0, match.start() - 25) : match.start()]
        if _OTHER_MEETING_BEFORE_RE.search(before) or _OTHER_MEETING_AFTER_RE.match(
            text, match.end()
        ):
            continue
        return match
    return None


def sentence_lists(found: Mentions) -> list[tuple[str, ...]]:
    """The lists of two or more actors a sentence names (its claims' parties first,
    then any other "X, Y and Z"), each as actor codes, named groups expanded: what a
    later "the three countries" or "these nations" can mean."""
    text = found.sentence.text
    lists: list[tuple[str, ...]] = []
    by_kind: dict[str, list[str]] = {}
    for claim in find_reports(found):
        if claim.actor and claim.kind != MEETING:
            by_kind.setdefault(claim.kind, []).append(claim.actor)
    lists.extend(tuple(codes) for codes in by_kind.values() if len(codes) >= 2)
    mentions = with_groups(text, found.actors)
    for a, b in itertools.pairwise(mentions):
        # "X's prime minister met Y's president": the pair "both countries" may mean
        pair = tuple(dict.fromkeys((*_expand(a.code), *_expand(b.code))))
        if len(pair) == 2 and _MET_PAIR_RE.fullmatch(text[a.end : b.start]) and pair not in lists:
            lists.append(pair)
    chain: list[ActorMention] = []
    for x in [*mentions, None]:
        if x is not None and chain and _LIST_GAP_RE.fullmatch(text[chain[-1].end : x.start]):
            chain.append(x)
            continue
        if chain and not _LOCATION_LEAD_RE.search(
            text[max(0, chain[0].start - 12) : chain[0].start]
        ):
            codes = tuple(dict.fromkeys(c for m in chain for c in _expand(m.code)))
            if len(codes) >= 2 and codes not in lists:
                lists.append(codes)
        chain = [x] if x is not None else []
    return lists


_MET_PAIR_RE = re.compile(
    r"\s+(?:met|meets|hosted|hosts|received|visited|held\s+talks\s+with|talked\s+with|"
    r"spoke\s+with)\s+(?:with\s+)?(?:his\s+|her\s+)?(?:the\s+)?",
    I,
)


def _expand(code: str) -> tuple[str, ...]:
    if code.startswith(_GROUP_PREFIX):
        return GROUPS[code[len(_GROUP_PREFIX) :]][1]
    return (code,)


def find_reports(
    found: Mentions,
    *,
    after_agreement: bool = False,
    antecedents: list[tuple[str, ...]] = (),
    meeting_nearby: bool = False,
    coalition_nearby: bool = False,
) -> list[ReportClaim]:
    """The report claims of the sentence ``found`` holds the mentions of.
    ``after_agreement``: the sentence before reported an agreement, so "X and Y also
    joined" joins that one. ``antecedents``: the lists of actors named nearby, nearest
    first, that "the ten countries" may mean. ``meeting_nearby``: this sentence or one
    next to it names a meeting, so a group's joint vow was made there.
    ``coalition_nearby``: the sentence before names a coalition, so "X and Y are also
    members" are its members."""
    text, start = found.sentence.text, found.sentence.start
    references: dict[str, tuple[str, ...]] = {}
    mentions = with_references(text, with_groups(text, found.actors), antecedents, references)
    names_ukraine = any(x.code == UKRAINE for x in mentions)
    found: dict[tuple[str, str], ReportClaim] = {}
    hosts = _hosts(text, mentions)
    host_codes = {c for h in hosts for c in references.get(h.code, _expand(h.code))}

    def add(code: str, kind: str, cue: re.Match, confidence: float, quantity=None, support=False):
        if code.startswith(_REFERENCE_PREFIX):
            # "the ten countries": the list they mean; a host is not its own guest.
            for member in references[code]:
                if not (kind == ATTENDANCE and member in host_codes):
                    add(member, kind, cue, confidence - 0.1, quantity, support)
            return
        if code.startswith(_GROUP_PREFIX):
            for member in GROUPS[code[len(_GROUP_PREFIX) :]][1]:
                add(member, kind, cue, confidence, quantity, support)
            return
        if code == COALITION and kind != SIZE_REPORT:
            return
        if (
            kind in (MEMBERSHIP, SIZE_REPORT)
            and re.search(r"alliance", cue.group(0), I)
            and not re.search(r"coalition", cue.group(0), I)
            and _NATO_RE.search(text)
        ):
            return  # "Finland, which joined the alliance": NATO, not a coalition
        if code == COALITION and (names_ukraine or _UKRAINE_GROUP_RE.search(text)):
            # A coalition of the Ukraine support ("an 11-nation coalition to train
            # Ukrainian pilots") is not the anti-ISIS coalition: its size has no actor.
            code = ""
        if kind == AGREEMENT and (
            _DECLINED_BEFORE_RE.search(text[max(0, cue.start() - 40) : cue.start()])
            or _MODAL_SIGN_RE.search(text[max(0, cue.start() - 40) : cue.start()])
        ):
            # "X attended but did not sign the communique": no status says "not signed";
            # "X is expected to sign": not yet
            return
        if kind == ATTENDANCE and _URGED_RE.search(text[max(0, cue.start() - 70) : cue.start()]):
            return  # "Y urged X to attend the conference"
        rationale = f"cue: {cue.group(0)!r} ({kind})"
        standing = _standing(kind, text, cue, support=support)
        found.setdefault(
            (code, kind),
            ReportClaim(code, kind, text, start, quantity, confidence, rationale, standing),
        )

    speaker = _speaker(text, mentions)

    def we(cue_start: int) -> list[ActorMention]:
        # "“... we will join the coalition,” X's defence minister said": the speaker's
        if speaker and _WE_RE.search(text, max(0, cue_start - 40), cue_start):
            return [speaker]
        return []

    for cue in MEMBERSHIP_BEFORE_RE.finditer(text):
        if _NOT_YET_RE.search(text[max(0, cue.start() - 30) : cue.start()]):
            continue  # "X and Y have not joined the coalition"
        if _MODAL_JOIN_RE.search(
            text[max(0, cue.start() - 70) : cue.start()]
        ) and not _DECLINED_BEFORE_RE.search(text[max(0, cue.start() - 40) : cue.start()]):
            continue  # (but "rejected an invitation to join" is declining)
        if re.match(
            r"join\w*\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:fight|war|battle)\b", cue.group(0), I
        ) and (_THEATRE_RE.match(text, cue.end())):
            continue  # "will join the fight against the militants in Syria": a new theatre
        if _MILITARY_CAMPAIGN_RE.search(cue.group(0)) or _ITS_CAMPAIGN_RE.match(text, cue.end()):
            # "Britain joined the air campaign": a contribution (a pledge), not joining
            continue
        if _BECAME_RE.match(cue.group(0)) and _FIRST_TO_OTHER_RE.match(text, cue.end()):
            # "became the first country to join the US in bombing", "the tenth country to
            # sign the declaration": first to do something else, not a member
            continue
        place = _IN_PLACE_RE.match(text, cue.end())
        if (
            re.match(r"(?:re-?)?join", cue.group(0), I)
            and place
            and any(x.start == place.end() for x in mentions)
        ):
            continue  # "set to join the coalition in Syria": its mission there, a pledge
        joined = subject_list(text, mentions, cue.start()) or we(cue.start())
        for x in joined:
            add(x.code, MEMBERSHIP, cue, 0.6)
        more = MORE_MEMBERS_RE.match(text, cue.end()) if joined else None
        if joined and re.search(r"co-?lead", cue.group(0), I):
            more = CO_LEAD_WITH_RE.match(text, cue.end())
        if more:
            for x in leading_list(text, mentions, more.end()):
                add(x.code, MEMBERSHIP, cue, 0.55)
    for cue in AS_PART_OF_LEAD_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            add(x.code, MEMBERSHIP, cue, 0.45)
    for cue in FOUNDED_RE.finditer(text):
        if not _MODAL_JOIN_RE.search(text[max(0, cue.start() - 70) : cue.start()]):
            for x in subject_list(text, mentions, cue.start()):
                add(x.code, MEMBERSHIP, cue, 0.45)
    for cue in FOUNDED_BY_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            add(x.code, MEMBERSHIP, cue, 0.45)
    for cue in OWNED_GROUP_RE.finditer(text):
        owner = next((x for x in mentions if x.start >= cue.end()), None)
        if owner is not None and owner.possessive and owner.start - cue.end() < 45:
            add(owner.code, MEMBERSHIP, cue, 0.45)
    for cue in JOINED_BY_MEMBERS_RE.finditer(text):
        if (
            cue.group("noun").lower() == "it"
            and not coalition_nearby
            and not re.search(rf"\b{_GROUP}\b", text[: cue.start()], I)
        ):
            continue  # "it was supported by X": "it" is no group here (nor the sentence before)
        backed = cue.group("verb").lower() != "joined" and not re.search(
            r"initiative", text[: cue.end()], I
        )
        for x in object_list(text, mentions, cue.end()):
            add(x.code, MEMBERSHIP, cue, 0.5, support=backed)
    if coalition_nearby or _COALITION_WORD_RE.search(text):
        for cue in BARE_MEMBERS_RE.finditer(text):
            for x in subject_list(text, mentions, cue.start()):
                add(x.code, MEMBERSHIP, cue, 0.5)
        if _COALITION_WORD_RE.search(text) or not after_agreement:
            for cue in BARE_JOINED_RE.finditer(text):
                if _MODAL_JOIN_RE.search(
                    text[max(0, cue.start() - 70) : cue.start()]
                ) or _NOT_YET_RE.search(text[max(0, cue.start() - 30) : cue.start()]):
                    continue
                for x in subject_list(text, mentions, cue.start()):
                    add(x.code, MEMBERSHIP, cue, 0.45)
        for cue in MEMBERS_BESIDE_RE.finditer(text):
            for x in leading_list(text, mentions, cue.end()):
                add(x.code, MEMBERSHIP, cue, 0.5)
        for cue in ENTRY_BESIDE_RE.finditer(text):
            for x in mentions:
                if x.end == cue.start():
                    add(x.code, MEMBERSHIP, cue, 0.5)
    for cue in MEMBERS_NAMED_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            add(x.code, MEMBERSHIP, cue, 0.5)
    for cue in SUPPORT_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()):
            add(x.code, MEMBERSHIP, cue, 0.5, support=True)
    for cue in MEMBERSHIP_AFTER_RE.finditer(text):
        for x in object_list(text, mentions, cue.end()):
            add(x.code, MEMBERSHIP, cue, 0.55)
    for cue in AGREEMENT_RE.finditer(text):
        # "X, Y and Z have signed up" beside a coalition: they joined it
        kind = (
            MEMBERSHIP
            if re.search(r"\b(?:up|on)$", cue.group(0))
            and (coalition_nearby or _COALITION_WORD_RE.search(text))
            else AGREEMENT
        )
        signers = subject_list(text, mentions, cue.start()) or we(cue.start())
        for x in signers:
            add(x.code, kind, cue, 0.55)
        if kind == AGREEMENT and signers and SIGNED_TO_JOIN_RE.match(text, cue.end()):
            for x in signers:
                add(x.code, MEMBERSHIP, cue, 0.5)
        if kind == AGREEMENT and signers:
            # "X met (President) Y to sign a pact": both sign
            for x in subject_list(text, mentions, signers[0].start):
                if _MET_TO_SIGN_RE.fullmatch(text, x.end, signers[0].start):
                    add(x.code, AGREEMENT, cue, 0.5)
    for cue in AGREEMENT_NAMES_PARTIES_RE.finditer(text):
        # "the US-Ukraine security agreement was signed": the two named in its name
        if not _OLD_DOCUMENT_LEAD_RE.search(text[max(0, cue.start() - 50) : cue.start()]):
            for x in mentions:
                if cue.start("parties") <= x.start < cue.end("parties"):
                    add(x.code, AGREEMENT, cue, 0.5)
    for cue in MANY_PARTIES_RE.finditer(text):
        parties = subject_list(text, mentions, cue.start())
        if len({c for x in parties for c in references.get(x.code, _expand(x.code))}) >= 2:
            for x in parties:
                add(x.code, AGREEMENT, cue, 0.5)
    for cue in UNDER_DOCUMENT_LEAD_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            add(x.code, AGREEMENT, cue, 0.45)
    for cue in MANY_PARTIES_LEAD_RE.finditer(text):
        parties = leading_list(text, mentions, cue.end())
        if len({c for x in parties for c in references.get(x.code, _expand(x.code))}) >= 2:
            for x in parties:
                add(x.code, AGREEMENT, cue, 0.5)
    for cue in AGREEMENT_AFTER_RE.finditer(text):
        if _OLD_DOCUMENT_LEAD_RE.search(text[max(0, cue.start() - 50) : cue.start()]):
            continue
        for x in leading_list(text, mentions, cue.end()):
            add(x.code, AGREEMENT, cue, 0.5)
    for cue in AGREEMENT_RE.finditer(text):
        # "X signed a security agreement with Y": Y is the other party
        other = _WITH_PARTY_RE.match(text, cue.end())
        if other and re.search(rf"(?:{_DOCUMENT}s?|treaties|memoranda)$", cue.group(0), I):
            for x in leading_list(text, mentions, other.end()):
                add(x.code, AGREEMENT, cue, 0.5)
    if any(kind == AGREEMENT for _, kind in found):
        for cue in LATEST_WITH_RE.finditer(text):
            # "... security pacts with 20 countries, the latest with Latvia"
            for x in leading_list(text, mentions, cue.end()):
                add(x.code, AGREEMENT, cue, 0.45)
    for cue in AGREEMENTS_WITH_RE.finditer(text):
        for x in object_list(text, mentions, cue.end()):
            add(x.code, AGREEMENT, cue, 0.5)
    vow = COLLECTIVE_VOW_RE.search(text)
    if vow:
        for x in mentions:
            if vow.start("list") <= x.start < vow.end("list") and not _LOCATION_LEAD_RE.search(
                text[max(0, x.start - 12) : x.start]
            ):
                add(x.code, AGREEMENT, vow, 0.45)
    if after_agreement:
        for cue in AGREEMENT_FOLLOW_RE.finditer(text):
            for x in subject_list(text, mentions, cue.start()):
                add(x.code, AGREEMENT, cue, 0.45)
    for cue in ATTENDANCE_BEFORE_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()) or we(cue.start()):
            add(x.code, ATTENDANCE, cue, 0.55)
    for cue in ACT_AT_MEETING_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()):
            if x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.45)
    for cue in AGREED_AT_MEETING_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()):
            add(x.code, AGREEMENT, cue, 0.45)
    for cue in ACT_BY_AT_MEETING_RE.finditer(text):
        for x in mentions:
            if cue.start("who") <= x.start < cue.end("who") and x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.45)
    for cue in JOIN_ATTENDEES_RE.finditer(text):
        for x in subject_list(text, mentions, cue.start()):
            add(x.code, ATTENDANCE, cue, 0.5)
    if _meeting(text):
        for cue in JOINED_BY_RE.finditer(text):
            for x in [
                *subject_list(text, mentions, cue.start()),
                *_titled_list(text, mentions, cue.end()),
            ]:
                if x not in hosts:
                    add(x.code, ATTENDANCE, cue, 0.45)
    for cue in JOINED_IN_SIGNING_RE.finditer(text):
        # "X joined Y in signing the declaration": Y signed too
        for x in leading_list(text, mentions, cue.end()):
            add(x.code, AGREEMENT, cue, 0.5)
    for cue in MEETING_WITH_PEOPLE_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            if x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.5)
    if vow and meeting_nearby:
        # "Twenty-six countries, including X and Y, vowed to ..." beside the conference
        # they vowed it at: they attended it.
        for (code, kind), claim in list(found.items()):
            if kind == AGREEMENT and claim.rationale.startswith(f"cue: {vow.group(0)!r}"):
                add(code, ATTENDANCE, vow, 0.4)
    if meeting_nearby:
        for cue in DELEGATION_LED_RE.finditer(text):
            # "The Iraqi delegation was led by ..." beside the meeting
            for x in subject_list(text, mentions, cue.start()):
                if x not in hosts:
                    add(x.code, ATTENDANCE, cue, 0.45)
        for cue in ATTENDANCE_BARE_RE.finditer(text):
            for x in subject_list(text, mentions, cue.start()):
                if x not in hosts:
                    add(x.code, ATTENDANCE, cue, 0.45)
        for cue in ATTENDING_LEAD_RE.finditer(text):
            for x in object_list(text, mentions, cue.end()):
                if x not in hosts:
                    add(x.code, ATTENDANCE, cue, 0.45)
    if _meeting(text):
        for cue in ATTENDANCE_GUESTS_RE.finditer(text):
            for x in object_list(text, mentions, cue.end()):
                if x not in hosts:
                    add(x.code, ATTENDANCE, cue, 0.5)
    for cue in ATTENDANCE_AT_LEAD_RE.finditer(text):
        for x in object_list(text, mentions, cue.end()):
            if x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.5)
    for cue in ATTENDANCE_AFTER_RE.finditer(text):
        for x in object_list(text, mentions, cue.end(), reach=400):
            if x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.5)
    for cue in ACTORS_MET_RE.finditer(text):
        # "Saudi Arabia, Egypt and Jordan met in Jeddah": two or more who met attended
        met = subject_list(text, mentions, cue.start())
        if len({c for x in met for c in references.get(x.code, _expand(x.code))}) >= 2:
            for x in met:
                add(x.code, ATTENDANCE, cue, 0.45)
            if not hosts:
                add("", MEETING, cue, 0.4)
    for cue in MEETING_INCLUDED_RE.finditer(text):
        for x in object_list(text, mentions, cue.end()):
            if x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.45)
    for cue in MET_PEOPLE_OF_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            if x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.45)
    lead = SPEAKING_AT_LEAD_RE.match(text)
    if lead:
        for x in _titled_list(text, mentions, lead.end())[:1]:
            if x not in hosts:
                add(x.code, ATTENDANCE, lead, 0.45)
    for cue in MET_GUEST_RE.finditer(text):
        for x in _titled_list(text, mentions, cue.end()):
            if x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.45)
    for cue in ATTENDANCE_LEAD_RE.finditer(text):
        for x in leading_list(text, mentions, cue.end()):
            if not _IN_A_LONGER_NAME_RE.match(text, x.end) and x not in hosts:
                add(x.code, ATTENDANCE, cue, 0.5)
    for cue in SIZE_RE.finditer(text):
        number = next(cue.group(g) for g in "nmkjwrabcdefghi" if cue.group(g))
        value = parse_number(number)
        if value is not None and value == int(value) and 2 <= value <= 500:
            # "20 countries joined the Czech initiative": a capability coalition's size
            own = _NOT_THE_COALITION_RE.search(cue.group(0)) and not _COALITION_WORD_RE.search(
                cue.group(0)
            )
            add("" if own else COALITION, SIZE_REPORT, cue, 0.6, int(value))
    for cue in ORDINAL_SIZE_RE.finditer(text):
        rank = parse_ordinal(cue.group("o"))
        if (
            rank is not None
            and 3 <= rank <= 500
            and (coalition_nearby or _COALITION_WORD_RE.search(text))
        ):
            own = _CAPABILITY_COALITION_RE.search(text) or not _COALITION_WORD_RE.search(text)
            add("" if own else COALITION, SIZE_REPORT, cue, 0.5, int(rank))
    meeting = _meeting(text)
    guests = any(kind == ATTENDANCE for _, kind in found)
    if meeting and (guests or MEETING_EVENT_RE.search(text)) and not BILATERAL_RE.search(text):
        for host in hosts:
            add(host.code, MEETING, meeting, 0.5)
        back = BACK_TO_MEETING_RE.match(text) and meeting.end() <= text.find(",") + 1
        if not hosts and not UNNAMED_HOST_RE.search(text) and not back:
            add("", MEETING, meeting, 0.4)
    for cue in AS_DID_RE.finditer(text):
        # "Sweden joined the declaration, as did Denmark": Denmark did what Sweden did
        others = leading_list(text, mentions, cue.end())
        for (code, kind), claim in list(found.items()):
            if code and kind in (MEMBERSHIP, ATTENDANCE, AGREEMENT) and claim.quote_start == start:
                for x in others:
                    add(x.code, kind, cue, claim.confidence - 0.05)
    for cue in FOLLOWED_RE.finditer(text):
        others = subject_list(text, mentions, cue.start())
        for (code, kind), claim in list(found.items()):
            if code and kind in (MEMBERSHIP, AGREEMENT) and claim.quote_start == start:
                for x in others:
                    add(x.code, kind, cue, claim.confidence - 0.05)
    lead = ALONG_WITH_RE.search(text)
    if lead:
        # "Along with X, <clause>": X is in whatever list the clause gives.
        comma = text.find(",", lead.end())
        companions = [x for x in leading_list(text, mentions, lead.end()) if x.end <= comma]
        for kind in (MEMBERSHIP, ATTENDANCE, AGREEMENT):
            listed = [c for (code, k), c in found.items() if k == kind and code]
            if listed and comma > 0:
                cue = ALONG_WITH_RE.search(text)
                for x in companions:
                    add(x.code, kind, cue, listed[0].confidence)
    return list(found.values())


def with_groups(text: str, actors) -> list[ActorMention]:
    """The sentence's actor mentions, with each named group of :data:`GROUPS` as one
    mention (code ``@KEY``) in place of the names inside it ("the five permanent members
    of the UN Security Council" is not the UN), and without a capital that is the place
    of an event ("since the Paris attacks")."""
    groups = [
        ActorMention(m.start(), m.end(), _GROUP_PREFIX + key, "group", m.group(0))
        for key, (regex, _) in GROUPS.items()
        for m in regex.finditer(text)
    ]
    for x in actors:
        # "Foreign ministers of the Gulf Cooperation Council": the people of a body of
        # fixed membership are its members' (the body alone is the body).
        key = _BODY_MEMBERS.get(x.code)
        begin = x.start + len(re.match(r"(?:the[ \u00a0]+)?", x.surface).group(0))
        if (
            key
            and _PEOPLE_OF_RE.search(text[max(0, begin - 40) : begin])
            and not any(g.start < x.end and begin < g.end for g in groups)
        ):
            groups.append(
                ActorMention(begin, x.end, _GROUP_PREFIX + key, "group", text[begin : x.end])
            )
    kept = [
        x
        for x in actors
        if not any(g.start < x.end and x.start < g.end for g in groups)
        and not (x.via == CAPITAL and _PLACE_OF_EVENT_RE.match(text, x.end))
        # "the coalition" is no member, guest or party of its own
        and not _COALITION_WORD_RE.search(x.surface)
    ]
    merged: list[ActorMention] = []
    for x in sorted([*kept, *groups], key=lambda x: x.start):
        last = merged[-1] if merged else None
        surname = x.via != PERSON and _SURNAME_LEAD_RE.search(text, max(0, x.start - 80), x.start)
        if surname and not (last and _TITLE_RE.fullmatch(text[last.end : x.start])):
            continue  # "Prime Minister Luis Montenegro": a person, not the country
        if (
            last
            and (last.code == x.code or surname)
            and _TITLE_RE.fullmatch(text[last.end : x.start])
        ):
            # "US Secretary of State John Kerry": one mention, so that "X and Y" lists
            # of titled people chain ("... Kerry and British Foreign Secretary Y").
            x = ActorMention(last.start, x.end, last.code, last.via, text[last.start : x.end])
            merged[-1] = x
        else:
            merged.append(x)
    return merged


# A title and given names right before a mention: it is a surname ("Portuguese Prime
# Minister Luis Montenegro").
_SURNAME_LEAD_RE = re.compile(
    rf"(?<![\w-])(?:{TITLES})[ \u00a0]+(?:(?-i:[A-Z])[\w'\u2019-]+[ \u00a0]+){{1,2}}$"
)
# "we" as the subject right before a cue, inside a quotation.
_WE_RE = re.compile(r"\b[Ww]e\s+(?:[\w-]+\s+){0,3}$")
# The end of a quotation and its attribution: "...,” Denmark's minister said", "...," said X.
_QUOTE_END_RE = re.compile(r"[,.!?]?[\u201d\"]\s*,?\s*")


def _speaker(text: str, mentions: list[ActorMention]) -> ActorMention | None:
    """Who speaks a quotation the sentence opens with: the first actor after its
    closing quote mark, when a verb of saying follows within the attribution."""
    if not re.match(r"^\W*[\u201c\"]", text):
        return None
    close = _QUOTE_END_RE.search(text, 1)
    if not close:
        return None
    rest = text[close.end() :]
    if not re.search(r"\b(?:said|says|told|added|stated|wrote)\b", rest):
        return None
    return next((x for x in mentions if x.start >= close.end()), None)


_PARTITIVE_RE = re.compile(r"\b(?:among|one\s+of)\s+$", I)


def with_references(
    text: str,
    mentions: list[ActorMention],
    antecedents: list[tuple[str, ...]],
    references: dict[str, tuple[str, ...]],
) -> list[ActorMention]:
    """``mentions`` with each phrase that points to a list named nearby ("the ten
    countries", "the participating states", "both nations") as one mention (code
    ``&N``), when a list of that size (any size, when none is given) is among the
    ``antecedents``; ``references`` gets the codes each such mention stands for."""
    added: list[ActorMention] = []
    for match in REFERENCE_RE.finditer(text):
        if any(x.start < match.end() and match.start() < x.end for x in mentions):
            continue
        if _PARTITIVE_RE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "X and Y are among the countries due to attend": more than a list named
        if match.group("both"):
            size = 2
        elif match.group("n"):
            value = parse_number(match.group("n"))
            size = int(value) if value is not None else None
        else:
            size = None
        meant = next((a for a in antecedents if size is None or len(a) == size), None)
        if meant is None:
            continue
        code = f"{_REFERENCE_PREFIX}{len(references)}"
        references[code] = meant
        # (after "the", as a name is: "ministers from the" is the cue, the rest the list)
        begin = match.start() + len(re.match(r"(?:the\s+)?", match.group(0), I).group(0))
        added.append(ActorMention(begin, match.end(), code, "reference", text[begin : match.end()]))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda x: x.start)


_RELATIVE_RE = re.compile(
    # "Canada, which ...", "Jordan's foreign minister, who ..."
    r"(?:['\u2019]s\s+(?:[\w-]+\s+){0,3}?[\w-]+)?,\s*(?:which|who)\s+(?:(?:has|have|had|also|already|first|later|then|formally)\s+){0,2}",
    re.I,
)
_EXCEPT_RE = re.compile(
    r"\b(?:except|but\s+not|other\s+than|apart\s+from|excluding|save)\s+(?:for\s+)?(?:the\s+)?$",
    re.I,
)
_PART_OF_RE = re.compile(
    r"\b(?:each|all|both|some|most|many|several|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+"
    r"(?:the\s+)?$",
    I,
)
_APPOSITION_LEAD_RE = re.compile(r",\s+(?:a|an|another|one)\s+(?:[\w-]+\s+)?$", I)
_ASIDE_RE = re.compile(
    r",\s*(?:which|who|whose)\s[^,;:()]{1,80},\s*"
    # "Qatar, which hosts the base, has (also) joined"
    r"(?:(?:has|have|had|is|are|was|were|will|would|also|now|then|later|formally|officially|"
    r"finally|since|already)\s+){0,3}$"
)


def subject_list(text: str, mentions: list[ActorMention], cue_start: int) -> list[ActorMention]:
    """The actors named as the subject of a verb at ``cue_start``: the nearest mention
    before it (not in a prepositional phrase, at most 12 words back) and any joined to
    it by "and" or commas ("Norway, Sweden and Finland joined ...")."""
    before = [
        x
        for x in mentions
        if x.end <= cue_start
        # "Germany, a NATO member, ...": the apposition's qualifier is not the subject
        and not (
            _APPOSITION_LEAD_RE.search(text, max(0, x.start - 30), x.start)
            and re.match(r"[ \w'\u2019-]{0,30},", text[x.end :])
        )
        # "The United States, Kyiv's main backer, is convening": the possessive
        # apposition is not the subject
        and not (
            any(re.fullmatch(r",\s+", text[y.end : x.start]) for y in mentions)
            and re.match(r"['\u2019]s\s+[\w-]+(?:\s+[\w-]+){0,3},", text[x.end :])
        )
    ]
    if not before:
        return []
    aside = _ASIDE_RE.search(text, max(0, cue_start - 100), cue_start)
    if aside:
        # "Greece, which hosts many refugees, attended": the clause between is an aside
        before = [x for x in mentions if x.end <= aside.start()]
        if not before:
            return []
        cue_start = aside.start()
    last = before[-1]
    gap = text[last.end : cue_start]
    if _RELATIVE_RE.fullmatch(gap):
        # "Canada, which joined the coalition last year, ...": the clause's antecedent
        gap = ""
    if len(gap.split()) > 12 or re.search(r"[;:]|\bwhich\b|\bwho\b|\b(?:if|whether)\b", gap):
        return []
    chain = [last]
    for x in reversed(before[:-1]):
        if not _LIST_GAP_RE.fullmatch(text[x.end : chain[-1].start]):
            break
        chain.append(x)
    # (the list's first name tells: "send troops to Iraq and Kuwait to join": places)
    if _in_a_place_phrase(text, last) or (
        len(chain) > 1
        and _LIST_IN_A_PLACE_RE.search(text, max(0, chain[-1].start - 20), chain[-1].start)
        and not _PEOPLE_OF_RE.search(text[max(0, chain[-1].start - 40) : chain[-1].start])
    ):
        return []
    if _EXCEPT_RE.search(text[max(0, chain[-1].start - 30) : chain[-1].start]):
        # "All the countries except Greece signed": not Greece
        return []
    return list(reversed(chain))


# Before a list's first name, a preposition that makes the whole list places.
_LIST_IN_A_PLACE_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(C.PLACE_PREPOSITIONS))})\s+(?:the\s+)?$", I
)


def _in_a_place_phrase(text: str, x: ActorMention) -> bool:
    """Whether ``x`` follows a preposition of place ("to Iraq", "in Brussels")."""
    return bool(
        _PLACE_LEAD_RE.search(text[max(0, x.start - 20) : x.start])
        and not _PEOPLE_OF_RE.search(text[max(0, x.start - 40) : x.start])
        # "Each of the three Baltic states": a part of the subject, not a place
        and not _PART_OF_RE.search(text[max(0, x.start - 30) : x.start])
    )


def leading_list(text: str, mentions: list[ActorMention], cue_end: int) -> list[ActorMention]:
    """The actors listed right after a cue ("signed by X, Y and Z"), and no later ones
    ("signed by X on support for Ukraine": X only)."""
    after = [x for x in mentions if x.start >= cue_end and not _LED_RE.match(text, x.end)]
    if not after or len(text[cue_end : after[0].start].split()) > 3:
        return []
    if after[0].start > cue_end and _LOCATION_LEAD_RE.search(text, cue_end, after[0].start):
        return []  # "ministers from the coalition met in Brussels": a place
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
        r"[;.]|,\s+(?:which|who|and\s+(?:is|are|was|were|will|has|have))\b|\s--\s|"
        # a clause of its own: "..., as France seeks to ..."
        r",\s+(?:as(?!\s+well\b)|while|because|since|when)\s",
        text[cue_end:],
    )
    end = cue_end + (stop.start() if stop else len(text) - cue_end)
    end = min(end, cue_end + reach)
    return [
        x
        for x in mentions
        if cue_end <= x.start < end
        and not _LOCATION_LEAD_RE.search(text[max(0, x.start - 12) : x.start])
        and not _IN_A_LONGER_NAME_RE.match(text, x.end)
        and not _LED_RE.match(text, x.end)
        and not _ATTRIBUTION_RE.match(text, x.end)
    ]


# After a mention, the source of a report: "..., US officials said".
_ATTRIBUTION_RE = re.compile(
    r"[ \u00a0]+(?:(?:defen[cs]e|military|government|senior|foreign\s+ministry)\s+)?"
    r"(?:officials?|sources?|diplomats?|said|says|told|reported|announced)\b",
    I,
)


def _hosts(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Who holds the meeting: the subject of "hosted", "co-chaired" or "will hold talks
    with" (all of a joint subject: "X and Y co-hosted"), "X, who co-chaired the
    conference with Y" (both), "held by X", "at the initiative of X", and X in "In a
    meeting with ..., X said"."""
    hosts: list[ActorMention] = []
    for cue in HOST_BEFORE_RE.finditer(text):
        subjects = subject_list(text, mentions, cue.start())
        if not subjects:
            # "said Iraqi president X, who co-chaired ...": the relative clause's antecedent
            before = [x for x in mentions if x.end <= cue.start()]
            if before and re.fullmatch(
                r"\s*,\s*who\s+(?:also\s+|had\s+|has\s+|will\s+)?",
                text[before[-1].end : cue.start()],
            ):
                subjects = [before[-1]]
        hosts.extend(subjects)
        if subjects:
            break
    for cue in CO_HOST_WITH_RE.finditer(text):
        hosts.extend(leading_list(text, mentions, cue.end()))
    for cue in HOST_AFTER_RE.finditer(text):
        hosts.extend(_titled_list(text, mentions, cue.end()))
    lead = HOSTING_LEAD_RE.match(text)
    if lead:
        hosts.extend(_titled_list(text, mentions, lead.end())[:1])
    for cue in IN_THE_CHAIR_RE.finditer(text):
        hosts.extend(x for x in mentions if cue.start("who") <= x.start < cue.end("who"))
    lead = MEETING_WITH_LEAD_RE.match(text)
    if lead:
        hosts.extend(_titled_list(text, mentions, lead.end())[:1])
    hosts.extend(x for x in mentions if _HOSTED_BY_MENTION_RE.match(text, x.end))
    return list(dict.fromkeys(hosts))


def _titled_list(text: str, mentions: list[ActorMention], cue_end: int) -> list[ActorMention]:
    """The actors listed right after a cue, with only title words before the first
    ("by US Secretary of State John Kerry and ...", "by Le Drian")."""
    after = [x for x in mentions if x.start >= cue_end]
    if not after or not _TITLE_GAP_RE.fullmatch(text[cue_end : after[0].start]):
        return []
    return leading_list(text, mentions, after[0].start)
