"""The vocabulary of pledges: which phrase names which kind, which verb implies which
status, and the words that change how a sentence is read (speech, consent, doubt).

Each table is general wire-report vocabulary; none is taken from a particular article.
Values are those of ``pledges.choices.PledgeKind`` and ``PledgeStatus``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ------------------------------------------------------------------------ kind cues

TROOPS, AIRCRAFT, AIRSTRIKES, BASING, ARMS = "troops", "aircraft", "airstrikes", "basing", "arms"
TRAINING, INTELLIGENCE, LOGISTICS, MONEY = "training", "intelligence", "logistics", "money"
HUMANITARIAN, OTHER = "humanitarian", "other"

I = re.IGNORECASE  # noqa: E741
# Units of the cues that name aid, not goods: an amount given for them is money.
AID, AID_WITH_AMOUNT = "aid", "aid, with an amount"

_AIRCRAFT_MODELS = (
    r"(?:F/A-18[A-Z]?|EA-18G|CF-18|F-1[4-8][A-Z]?|F-22|F-35[A-C]?|A-10|AV-8B?|B-1B?|B-2|B-52|"
    r"C-1[37]0?J?|C-17|KC-\d{2,3}[A-Z]?|E-3[A-Z]?|E-7A?|P-8[A-Z]?|MQ-[19][A-Z]?|"
    r"RQ-4|AH-64|UH-60|CH-47|MV-22|CV-22|MiG-29|Su-2[457]|Mi-[12][47]|JAS\s?39|A330\s?MRTT)"
)
_AIRCRAFT_NAMES = (
    r"(?:Super\s+Hornets?|Hornets|Raptors|Eagles|Falcons|Lightning\s+IIs|Tornado(?:e?s|\s+GR4s?)|"
    r"Rafales?|Typhoons|Eurofighters?|Mirage(?:\s+2000(?:-\d|D)?)?s?|Gripens?|Reapers|"
    r"Predators|Apaches|Black\s*Hawks|Chinooks|Hercules|Globemasters?|Wedgetails?|"
    r"Poseidons?|Growlers?|Harriers|AWACS)"
)


# "six fighters" is aircraft; "Kurdish fighters" is not.
_FIGHTER_COUNTS = (r"\d", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_FIGHTER_COUNTS += ("eleven", "twelve", "dozen", "more", "jet")


@dataclass(frozen=True)
class KindCueSpec:
    kind: str
    unit: str
    pattern: re.Pattern
    weak: bool = False  # counts only with a number before it, or lowers confidence


def _k(kind: str, unit: str, pattern: str, *, flags: int = I, weak: bool = False):
    return KindCueSpec(kind, unit, re.compile(pattern, flags), weak)


KIND_CUES: list[KindCueSpec] = [
    # aircraft (models first: "F/A-18 Super Hornets" is one cue)
    _k(
        AIRCRAFT,
        "aircraft",
        rf"\b{_AIRCRAFT_MODELS}(?:[A-Z])?(?:\s+{_AIRCRAFT_NAMES})?(?:s|['\u2019]s)?(?![\w-])",
        flags=0,
    ),
    _k(AIRCRAFT, "aircraft", rf"\b{_AIRCRAFT_NAMES}(?![\w])", flags=0),
    _k(
        AIRCRAFT,
        "aircraft",
        r"\b(?:(?:military|combat|fighter|strike|attack|surveillance|reconnaissance|transport|"
        r"tanker|refuell?ing|patrol|early[- ]warning)\s+)?(?<!-)"
        r"(?:aircraft|airplanes|planes|jets)\b(?!\s+(?:guns?|artillery|systems?|missiles?|weapons?|"
        r"defen[cs]es?|carriers?|fuel|engines?|parts|spares))",
    ),
    # One plane is a contribution when its role is named ("a refuelling plane"); a bare
    # "plane" is more often the story's ("the pilot's plane went down").
    _k(
        AIRCRAFT,
        "aircraft",
        r"\b(?:surveillance|reconnaissance|transport|tanker|refuell?ing|patrol|cargo|"
        r"early[- ]warning|spy)\s+(?:aircraft|airplane|plane|jet)\b",
    ),
    # ("anti-drones", "counter-drone systems" are arms against them)
    _k(
        AIRCRAFT,
        "aircraft",
        r"(?<!anti-)(?<!counter-)\b(?:fighter[- ]bombers|warplanes?|bombers|drones|helicopters)\b",
    ),
    # "fighters" is aircraft only after a number or a model: "six fighters", "F-16 fighters"
    _k(
        AIRCRAFT,
        "aircraft",
        "(?:" + "|".join(rf"(?<={w}\s)" for w in _FIGHTER_COUNTS) + r")fighters\b",
    ),
    # airstrikes
    _k(AIRSTRIKES, "airstrikes", r"\bair[- ]?strikes?\b|\bair\s+raids?\b"),
    _k(AIRSTRIKES, "airstrikes", r"\b(?:close\s+)?air\s+(?:support|cover|power)\b"),
    _k(AIRSTRIKES, "airstrikes", r"\bdropp(?:ed|ing)\s+(?:[\w-]+\s+){0,2}?(?:bombs|munitions)\b"),
    # aircraft that struck: "French Rafale jets struck a depot", "warplanes bombed"
    _k(
        AIRSTRIKES,
        "airstrikes",
        "(?:"
        + "|".join(
            rf"(?<={w}\s)"
            for w in ("jets", "planes", "aircraft", "warplanes", "bombers", "drones", "fighters")
        )
        + r")(?:have\s+|had\s+)?(?:struck|bombed|pounded|hit|targeted|attacked)\b",
    ),
    _k(AIRSTRIKES, "airstrikes", r"\b(?:bombing|air)\s+(?:campaign|raids?|runs?|missions?)\b"),
    _k(
        AIRSTRIKES,
        "airstrikes",
        r"\b(?:carry\s+out|carrying\s+out|carried\s+out|conduct\w*)\s+(?:their\s+|its\s+)?"
        r"(?:first\s+)?(?:combat\s+)?missions\b",
    ),
    _k(AIRSTRIKES, "sorties", r"\b(?:combat\s+|strike\s+)?sorties\b"),
    # "have taken part in more than 200 missions", "flew 40 missions", "56 raids"
    _k(AIRSTRIKES, "missions", r"\b((?:combat|bombing|strike|air)\s+)?(?:missions|raids)\b"),
    # "its F-16 missions over Syria": strike missions, not the aircraft
    _k(
        AIRSTRIKES,
        "airstrikes",
        rf"\b(?:{_AIRCRAFT_MODELS}|[Jj]et|[Ff]ighter|[Cc]ombat|[Ss]trike|[Bb]ombing)\s+"
        r"(?:missions|raids)\b",
        flags=0,
    ),
    _k(
        AIRSTRIKES,
        "airstrikes",
        r"\bbomb(?:ing|ed)\b|\b(?:to|will|would|not|never|n['\u2019]t)\s+bomb\b|"
        r"\b(?:air\s+combat|combat\s+air|air)\s+operations\b",
    ),
    _k(AIRSTRIKES, "airstrikes", r"\bto\s+strike\b|\bstrike\s+(?:missions?|targets)\b"),
    # "joined the U.S. in striking militant positions"
    _k(
        AIRSTRIKES,
        "airstrikes",
        r"\bstrik(?:ing|e)\s+(?:(?:at|on)\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:targets|positions|strongholds|fighters|militants|depots|convoys)\b",
    ),
    _k(AIRSTRIKES, "airstrikes", r"\b(?:missile\s+)?strikes\b", weak=True),
    # "joined U.S. operations against Islamic State targets"
    _k(
        AIRSTRIKES,
        "airstrikes",
        r"\b(?:military\s+|air\s+|combat\s+)?operations\s+against\s+(?:[\w-]+\s+){0,3}?targets\b",
    ),
    # basing and access
    _k(
        BASING,
        "",
        r"\b(?:air|military|naval|army|its|their)\s+bases?\b|\bair\s?bases?\b|\bairfields?\b",
    ),
    _k(BASING, "", r"\bairspace\b|\boverflight(?:\s+rights)?\b|\bbasing(?:\s+rights)?\b"),
    _k(BASING, "", r"\blanding\s+rights\b|\bport\s+(?:access|calls?)\b"),
    # a base by its name: "the Akrotiri base", "Incirlik air base"
    _k(BASING, "", r"\b(?-i:[A-Z])[\w-]+\s+(?:[Aa]ir\s*)?[Bb]ase\b(?!\s+(?-i:[A-Z]))"),
    _k(
        BASING,
        "",
        r"\b(?:let|lets|letting|allow\w*|permit\w*)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?(?:to\s+)?"
        r"use\s+(?:of\s+)?(?:its\s+|their\s+|the\s+|our\s+)?(?:(?P<asset>(?:[A-Z][\w-]+\s+)*[A-Z][\w-]+"
        r"(?:\s+(?:[Aa]ir\s?[Bb]ase|[Aa]irfield|[Bb]ase))?)|(?:air\s?|military\s+)?bases?\b|"
        r"airspace\b|airfields?\b|territory\b|ports?\b)",
        flags=0,
    ),
    # troops
    _k(
        TROOPS,
        "troops",
        r"\b(?:ground|combat|special[- ]operations?|additional|more)?\s?troops\b|\bsoldiers\b|"
        r"\bboots\s+on\s+the\s+ground\b",
    ),
    _k(
        TROOPS,
        "troops",
        r"\bspecial(?:[- ]operations?)?\s+forces\b|\bground\s+forces\b|"
        r"\bcombat\s+(?:units|forces)\b",
    ),
    _k(TROOPS, "troops", r"\b(?:marines|paratroopers|commandos|special\s+operators)\b"),
    _k(TROOPS, "advisers", r"\b(?:military\s+)?advis[eo]rs\b"),
    _k(TROOPS, "personnel", r"\bmilitary\s+personnel\b"),
    _k(
        TROOPS,
        "personnel",
        r"\bpilots\s+and\s+(?:ground\s+crew|support\s+staff|technicians|(?:support\s+)?personnel)\b|"
        r"\bground\s+crews?\b|\bsupport\s+staff\b|\bmen\s+and\s+women\b",
    ),
    _k(TROOPS, "personnel", r"\b(?:contingent|complement|detachment)\b(?=\s+of\s+[\w,]*\d)"),
    # "a 600-strong group of air force personnel", "a 1,200-strong contingent"
    _k(
        TROOPS,
        "personnel",
        r"(?<=\d-)strong(?:\s+[\w-]+){0,3}?\s+(?:group|force|contingent|team|unit|detachment|"
        r"deployment|mission|battalion|brigade|task\s+force)\b",
    ),
    _k(TROOPS, "personnel", r"\bpersonnel\b", weak=True),
    _k(TROOPS, "troops", r"\bbattalions?\b|\bbrigades?\b", weak=True),
    # arms
    _k(
        ARMS,
        "",
        r"\barms\b(?!\s+(?:race|control))|\bweapons?\b|\bweaponry\b|\barmaments\b|"
        # "a deal to train and equip rebel forces": the equipping is arms
        r"\b(?:to|and)\s+equip\b|\bequipping\b",
    ),
    _k(ARMS, "", r"\bammunition\b|\bmunitions\b|\b(?:assault\s+)?rifles\b|\bmachine[- ]guns\b"),
    _k(
        ARMS,
        "",
        r"\b(?:anti-tank|anti-aircraft|guided|surface-to-air)\s+(?:missiles|weapons|rockets)\b|"
        r"\bmissiles\b|\brocket\s+launchers\b|\bmortars\b|\brockets\b|\bwarheads\b|"
        r"\bgrenades\b",
    ),
    _k(
        ARMS,
        "",
        r"\b(?:armou?red|military|combat|fighting|tactical|mine-resistant|reconnaissance|"
        r"engineering|recovery|demining|mine-clearing)\s+(?:[\w-]+\s+)?vehicles\b|"
        r"\b(?:armou?red\s+)?(?:personnel\s+carriers|APCs|IFVs)\b|\bHumvees\b|\bMRAPs?\b|"
        r"\bmilitary\s+(?:equipment|hardware)\b|\b(?:war|military)\s+materi[ae]l\b|"
        r"\bweapons?\s+systems\b|\bdefen[cs]e\s+equipment\b",
    ),
    # Aid named only as military: a sum given for it is a money pledge. "military aid" is
    # read alone too; "military assistance" or "support" only with an amount.
    _k(ARMS, AID, r"\bmilitary\s+aid(?:\s+package)?\b"),
    _k(
        ARMS,
        AID_WITH_AMOUNT,
        r"\b(?:military|security|defen[cs]e)\s+(?:assistance|support|aid)(?:\s+package)?\b",
    ),
    _k(ARMS, "", r"\barm(?:ing)?\b(?!['\u2019-])"),
    # equipment named by type or model
    _k(
        ARMS,
        "tanks",
        r"\b(?:(?:main\s+)?battle\s+)?tanks\b|\b(?:Leopard|Challenger|Abrams|T-72|PT-91)\b"
        r"(?:\s+\d[A-Z\d]*)?(?:\s+[A-Z]\d)?(?:\s+(?:main\s+)?(?:battle\s+)?tanks?)?",
    ),
    # (any case: "Anti-aircraft guns were delivered ..." opens a sentence)
    _k(
        ARMS,
        "",
        r"\bair[- ]defen[cs]e\s+(?:systems?|batter(?:y|ies)|missiles?|units?)\b|"
        r"\bair[- ]defen[cs]es\b|\banti-aircraft\s+(?:guns?|artillery|systems?|missiles?)\b",
    ),
    _k(
        ARMS,
        "",
        r"\b(?:Patriot|NASAMS|IRIS-T|HIMARS|Gepard|Stinger|Javelin|Milan|MILAN|Caesar|"
        r"Bradley|Marder|Stryker|M777|M113|Harpoon|Storm\s+Shadow|SCALP|ATACMS|Hawk|Crotale|"
        r"NLAWs?|Starstreak|Brimstone|Piorun|Grom|Skynex|SAMP/T|Mamba|Aster|Buk|S-300|"
        r"PzH\s?2000|Krab|Zuzana|Dana|Archer|CV90|AMX-10(?:\s?RC)?|Puma|Boxer|Piranha|Pandur|"
        r"Leclerc|BMP-[123]|BTR-\d+|MT-LB|T-[5-8][045]|M270|MLRS|GMLRS|MARS\s+II|RM-70|Grad|"
        r"Bushmaster|Mastiff|Husky|Wolfhound|Jackal|Dingo|Switchblade|Phoenix\s+Ghost|"
        r"Hellfire|JDAMs?|Excalibur|Avenger|Sea\s?Sparrow|ESSM|Tochka|Vampire|Cheetah)"
        r"(?:\s+SLM)?(?:\s+(?:\w+[- ])?(?:missile\s+)?(?:systems?|launchers?|batter(?:y|ies)|"
        r"missiles?|howitzers?|vehicles|tanks|self-propelled\s+(?:artillery|guns?)))?\b",
        flags=0,
    ),
    _k(
        ARMS,
        "",
        r"\bhowitzers?\b|\bartillery(?:\s+(?:shells|systems|pieces|rounds|guns))?\b|"
        r"\b(?:artillery\s+)?shells\b|\b(?:hand\s+)?grenades\b|\bkalashnikovs\b|\bAK-47s\b|"
        r"\binfantry\s+fighting\s+vehicles\b|\bpersonnel\s+carriers\b|\bsmall\s+arms\b",
    ),
    # training
    _k(
        TRAINING,
        "trainers",
        r"\btraining\b(?!\s+camps?)|\b(?:military\s+)?trainers\b|\binstructors\b",
    ),
    _k(TRAINING, "trainers", r"\b(?:to\s+)?train(?:s|ed)?\b(?=\s+(?:and\s+\w+\s+)?(?:the\s+)?\w)"),
    # intelligence
    _k(
        INTELLIGENCE,
        "",
        r"\bintelligence(?:[- ]sharing)?\b(?!\s+(?:officials?|agenc(?:y|ies)|services?|sources|"
        r"community|chiefs?|officers?|report|committee|estimates?|says|said|believes|suggests))",
    ),
    _k(INTELLIGENCE, "", r"\bsurveillance\b|\breconnaissance\b|\bISR\b"),
    # logistics
    _k(
        LOGISTICS,
        "",
        # not a target or a post: "struck a logistics depot", "the logistics chief"
        r"\b(?:host|hosts|hosting|hosted|set\s+up|open|opens|opened|run|runs|operate|operates|"
        r"help(?:s|ing)?\s+(?:with|at|in|to\s+run)|staff(?:s|ing)?)\s+"
        r"(?:a|an|the)\s+(?:[\w-]+\s+)?(?:logistics|transit|supply)\s+(?:hub|centre|center|"
        r"base|route|corridor)\b|"
        r"\blogistic(?:al|s)(?:\s+(?:support|help|assistance))?\b(?!\s+(?:depots?|hubs?|"
        r"centres?|centers?|facilit\w+|sites?|networks?|routes?|bases?|lines|chiefs?|officers?))",
    ),
    # carrying others' goods: "shuttling weapons and equipment to Kurdish forces"
    _k(
        LOGISTICS,
        "",
        r"\b(?:shuttl(?:e|es|ed|ing)|ferr(?:y|ies|ied|ying)|transport(?:s|ed|ing)?)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:weapons|arms|ammunition|supplies|equipment|aid|materiel|cargo)"
        r"(?:\s+and\s+(?:[\w-]+\s+)?(?:weapons|arms|ammunition|supplies|equipment|aid|materiel))?\b",
    ),
    _k(
        LOGISTICS,
        "",
        r"\bairlift\w*\b|\b(?:aerial\s+|air-to-air\s+)?refuell?ing\b"
        r"(?!\s+(?:planes?|aircraft|jets?|tankers?))",
    ),
    # demining: "mine-extracting machines", "de-mining operations" (the coding guide's other)
    _k(
        OTHER,
        "",
        # (not "the demining coalition", a group; not "its needs for demining")
        r"(?<!needs\sfor\s)(?<!need\sfor\s)"
        r"\b(?:de-?mining|mine[- ](?:clearance|clearing|extracting|detecting|detection|action)|"
        r"anti-?(?:land)?mine)(?:\s+(?:machines|equipment|vehicles|kits|systems|efforts|"
        r"operations|activities|teams|support|assistance))?\b"
        r"(?!\s+(?:capability\s+)?(?:coalition|initiative|fund|group|partnership)\b)",
    ),
    # "non-lethal assistance", "non-lethal aid": the coding guide's other
    _k(OTHER, "", r"\bnon-lethal\s+(?:aid|assistance|support|equipment|supplies|help)\b"),
    # warships sent or given: no kind of their own, so "other", counted in ships
    _k(
        OTHER,
        "ships",
        r"\b(?:frigates?|destroyers?|corvettes?|warships?|minesweepers?|minehunters?|"
        r"(?:aircraft\s+)?carriers?(?=\s+(?:group|strike|battle))|aircraft\s+carriers?|"
        r"patrol\s+(?:boats?|vessels?|ships?)|naval\s+vessels?|submarines?)\b",
    ),
    _k(LOGISTICS, "", r"\btransport\s+(?:support|flights)\b|\bsupply\s+(?:flights|lines|routes)\b"),
    # humanitarian
    _k(
        HUMANITARIAN,
        "",
        r"\bhumanitarian\s+(?:aid|assistance|relief|supplies|help|support|operations?|"
        r"air\s?drops?|missions?|effort)\b",
    ),
    _k(HUMANITARIAN, "", r"\b(?:food|medical|emergency|relief)\s+(?:aid|supplies|assistance)\b"),
    # "power generators for humanitarian use"
    _k(HUMANITARIAN, "", r"\bfor\s+humanitarian\s+(?:use|uses|purposes|needs|reasons)\b"),
    _k(
        HUMANITARIAN,
        "",
        r"\b(?:aid|help)\s+(?:to|for)\s+(?:the\s+)?(?:victims|refugees|civilians|displaced)\b|"
        r"\bfor\s+(?:the\s+)?(?:[A-Z][\w-]+\s+)?(?:victims|refugees|displaced\s+people|civilians)\b",
    ),
    _k(HUMANITARIAN, "", r"\b(?:aid|relief)\s+(?:drops|air\s?drops|convoys|flights)\b"),
    # relief goods, and the relief agencies money is given to
    _k(
        HUMANITARIAN,
        "",
        r"\bfood\s+(?:and|,)\s*(?:water|medicine|medical\s+supplies|shelter)\b|"
        r"\bfood\s+(?:parcels|rations|supplies)\b|\b(?:blankets|tents)\s+and\s+(?:blankets|tents|food|water|medicine)\b|"
        r"\b(?:(?:the\s+)?(?:UN|U\.N\.)\s+)?refugee\s+agency\b|\bUNHCR\b|\bUNICEF\b|\bWorld\s+Food\s+Programme?\b|"
        r"\bRed\s+(?:Cross|Crescent)\b",
    ),
    # money without a number ("funding"); amounts are found by quantities.find_money
    _k(
        MONEY,
        "",
        r"\b(?:financial|budget(?:ary)?)\s+(?:aid|support|assistance|contribution)\b|\bfunding\b",
    ),
    # other lines of effort
    _k(OTHER, "", r"\bkinetic\b[\"”\u2019']?(?:\s+(?:activity|action|operations|support))?"),
    _k(
        OTHER,
        "",
        r"\b(?:stem|stop|curb|halt|cut\s+off|block)\s+the\s+flow\s+of\s+(?:foreign\s+)?"
        r"(?:fighters|militants|jihadists|recruits)\b",
    ),
    _k(OTHER, "", r"\bborder\s+(?:security|controls?)\b|\bcounter-?(?:financing|messaging)\b"),
    # protective and non-lethal equipment: "other" in the coding guide
    _k(
        OTHER,
        "",
        r"\b(?:helmets|body\s+armou?r|bullet-?proof\s+vests|flak\s+jackets|protective\s+"
        r"(?:equipment|gear|vests)|night[- ]vision\s+(?:goggles|devices|equipment)|"
        r"demining\s+(?:equipment|aid|support|assistance)|humanitarian\s+demining|"
        r"mine[- ]clearing\s+equipment|winter\s+(?:clothing|gear|uniforms))\b",
    ),
]


@dataclass(frozen=True)
class KindCue:
    start: int
    end: int
    kind: str
    unit: str
    weak: bool
    asset: str = ""


_PLACE_ONLY_RE = re.compile(
    r"\b(?:over|within|into|across|inside|in)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?$", I
)


_FLOWN_BEFORE_RE = re.compile(
    r"\b(?:carr(?:y|ied|ying|ies)\s+out|conduct\w*|fl(?:own|ew|ying|y|ies)|"
    r"t(?:aken|ook|aking|ake|akes)\s+part\s+in|complet\w*|launch\w*)\s+(?:[\w,-]+\s+){0,4}$",
    I,
)


_COUNTED_RE = re.compile(r"(?:\d[\d,]*|dozens|hundreds|thousands)(?:\s+more)?\s+$", I)


def find_kind_cues(text: str) -> list[KindCue]:
    """Non-overlapping kind cues in ``text`` (earlier specs win a tie, longer spans win)."""
    candidates: list[tuple[int, int, int, KindCueSpec, re.Match]] = []
    for order, spec in enumerate(KIND_CUES):
        for match in spec.pattern.finditer(text):
            start, end = match.span()
            if text[start:end].strip() == "":
                continue
            while start < end and text[start].isspace():
                start += 1
            if spec.kind == BASING and _PLACE_ONLY_RE.search(text, 0, start):
                continue  # "over Iraqi airspace": where jets fly, not access granted
            if spec.unit == "missions" and not (
                _FLOWN_BEFORE_RE.search(text, max(0, start - 60), start)
                and (match.group(1) or _COUNTED_RE.search(text, max(0, start - 40), start))
            ):
                # "the training mission", "flew reconnaissance missions": no strikes counted
                continue
            candidates.append((start, end, order, spec, match))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[KindCue] = []
    for start, end, _order, spec, match in candidates:
        if any(c.start < end and start < c.end for c in chosen):
            continue
        asset = match.groupdict().get("asset") or ""
        chosen.append(KindCue(start, end, spec.kind, spec.unit, spec.weak, asset))
    chosen = _joined_models(text, sorted(chosen, key=lambda c: c.start))
    for cue in list(chosen):
        # "RAF Tornados struck two targets": the aircraft named did the striking.
        strike = _AIRCRAFT_STRUCK_RE.match(text, cue.end) if cue.kind == AIRCRAFT else None
        if strike and not any(
            c.start < strike.end() and strike.start("verb") < c.end for c in chosen
        ):
            chosen.append(
                KindCue(strike.start("verb"), strike.end(), AIRSTRIKES, "airstrikes", False, "")
            )
    return sorted(chosen, key=lambda c: c.start)


def _joined_models(text: str, cues: list[KindCue]) -> list[KindCue]:
    """A model of arms and the noun naming what it is ("M113 armored personnel carriers",
    "NASAMS air-defence system") are one cue, not two things given."""
    joined: list[KindCue] = []
    for cue in cues:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.kind == cue.kind == ARMS
            and text[last.end : cue.start].strip(" \u00a0-") == ""
        ):
            joined[-1] = KindCue(
                last.start,
                cue.end,
                last.kind,
                last.unit or cue.unit,
                last.weak and cue.weak,
                last.asset or cue.asset,
            )
            continue
        joined.append(cue)
    return joined


_AIRCRAFT_STRUCK_RE = re.compile(
    r"[\s\u00a0]+(?:(?:fighter\s+|combat\s+)?(?:jets|planes|aircraft|fighters|bombers)\s+)?"
    r"(?:have\s+|had\s+|also\s+)?(?P<verb>struck|bombed|pounded|hit|targeted|attacked|destroyed|"
    r"carried\s+out\s+(?:a\s+|an\s+|their\s+|its\s+)?(?:first\s+|new\s+)?"
    r"(?:attacks?|strikes?|raids?|bombings?))\b"
)


# ----------------------------------------------------------------------- status cues

OFFERED, ANNOUNCED, COMMITTED = "offered", "announced", "committed"
DELIVERED, REFUSED, WITHDRAWN = "delivered", "refused", "withdrawn"

_NEG = r"(?:not|n['\u2019]t|never)"
_ACT = (
    r"(?:allow|permit|let|send|deploy|contribute|provide|take\s+part|participate|join|commit|"
    r"supply|give|offer|use|accept|host|open|grant|arm|train|fund|carry\s+out|conduct|launch|"
    r"strike|bomb|fly|extend|agree|approve|authori[sz]e|export|re-export|supplying|sending|"
    r"providing|delivering|giving|arming|exporting|taking\s+part|participating|joining)"
)
# "will not deliver" refuses; "did not deliver the promised tanks" is a shortfall.
_GIVE = r"(?:deliver|donate|transfer|hand\s+over)"

STATUS_CUES: list[tuple[str, re.Pattern]] = [
    (
        REFUSED,
        re.compile(
            rf"\b(?:would|will|did|does|do|could|can|shall|should|is|are|was|were)\s*{_NEG}\s+"
            rf"(?:\w+\s+)?{_ACT}\b|\b(?:would|will|shall|could|can)\s*{_NEG}\s+(?:\w+\s+)?{_GIVE}\b|"
            r"\bwon['\u2019]t\b|\brefus(?:ed|es|ing|al)\b|\breject(?:ed|s|ing)\b|"
            r"\bdeclin(?:ed|es|ing)\b(?!\s+to\s+(?:be\s+(?:named|identified)|comment|say|elaborate|"
            r"specify|give\s+(?:details|a\s+figure)|disclose|confirm))|"
            r"\brul(?:ed|es|ing)\s+out\b|\bturned\s+down\b|\bden(?:ied|ies|y)\b|"
            r"\bno\s+(?:plans?|intention|question)\s+(?:to|of)\b|\bnot\s+(?:to\s+)?be\s+used\b|"
            rf"\b(?:has|have|had)\s*{_NEG}\s+(?:yet\s+)?(?:sent|delivered|provided|supplied|"
            r"transferred|handed\s+over)\b|"
            r"\bno\s+(?:new\s+|further\s+|more\s+|firm\s+)?(?:commitments?|decision|pledges?)\s+"
            r"(?:to|on)\b|"
            r"\bneeds?\s+(?:[\w-]+\s+){0,4}?for\s+(?:its|their|our)\s+own\s+"
            r"(?:defen[cs]e|security|use|needs)\b|"
            rf"\b{_NEG}\s+(?:to\s+)?{_ACT}\b|\bbarred\b|\bvetoed\b|"
            r"\bno\s+(?:[\w-]+\s+){1,3}?(?:would|will|could|are|were|is|was)\s+(?:be\s+)?\w+",
            I,
        ),
    ),
    (
        WITHDRAWN,
        re.compile(
            r"\b(?:withdr(?:ew|awn|awing|aws|aw)|pull(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?out|recalled|"
            r"halted|suspended|scrapped|cancell?ed|ceas(?:e|es|ed|ing)\b|"
            r"no\s+longer\s+(?:\w+\s+){0,2}?(?:conduct|fly|flies|take|takes|participat|carry|send|"
            r"provid|strik|bomb|deploy|transfer|suppl|deliver|giv|donat|export|ship|arm|fund|"
            r"financ|train|host|operat|contribut)\w*|"
            r"\b(?:an?\s+)?(?:end|halt|stop)\s+to\s+(?:its|their|the|all)\b|"
            r"bring(?:s|ing)?\s+(?:\w+\s+){0,4}?home|brought\s+(?:\w+\s+){0,4}?home|"
            r"(?:heading|head|return(?:ing|ed|s)?|coming|come|came|sent)\s+home|"
            r"end(?:s|ed|ing)?\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?"
            r"(?=air[- ]?strikes?|bombing|"
            r"combat\s+(?:mission|role)|strikes|participation|mission|deployment|operations|"
            r"contribution)|stop(?:s|ped|ping)?\s+"
            r"(?:its|their)\s+(?=air[- ]?strikes|bombing))\b",
            I,
        ),
    ),
    (
        DELIVERED,
        re.compile(
            # "has already been supplying", "have been flying missions"
            r"\b(?:has|have|had)\s+(?:already\s+|also\s+)?been\s+(?:\w+ly\s+)?(?:supplying|"
            r"providing|sending|delivering|shipping|giving|flying|striking|bombing|conducting|"
            r"carrying\s+out|funding|arming|contributing|donating|transferring|training)\b|"
            r"\balready\s+(?:been\s+)?(?:\w+\s+)?(?:provided|sent|delivered|deployed|given|supplied|"
            r"arrived|begun|started|carried\s+out|conducted|flown|trained|shared|contributed)\b|"
            r"\b(?:delivered|arrived|landed|stepped\s+up|launched|carried\s+out|conducted|flew|"
            r"resum(?:ed|es)|"
            r"struck|began|begun|started|shipped|handed\s+over|airlifted|flown\s+in|bombed|"
            r"pounded|dropped)\b|"
            # presence: "Italy has 280 soldiers in Iraq", "has about 100 trainers there"
            r"\b(?:is|are)\s+(?:now\s+|already\s+|currently\s+|still\s+)?(?:in|on\s+the\s+ground\s+in|"
            r"present\s+in)(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
            r"\b(?:has|have)\s+(?:a\s+(?:contingent|force|team|detachment|unit|deployment)\s+of\s+)?"
            r"(?:about\s+|around\s+|some\s+|nearly\s+|more\s+than\s+|roughly\s+|"
            r"an\s+estimated\s+|almost\s+|over\s+)?\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:troops|soldiers|"
            r"personnel|trainers|advisers|advisors|instructors|special\s+forces|servicemen|"
            r"aircraft|jets|warplanes|planes|fighters)\b(?=\s+(?:in|on|at|stationed|based|deployed|"
            r"training|advising|helping|serving|there))|"
            r"\b(?:continu(?:e|es|ed|ing))\s+(?:to\b|(?=\w+ing\b))|\b(?:efforts?|role)\s+(?:to|in)\b|"
            # Ongoing activity is under way; "is sending", "are supplying" (giving, not yet
            # given) are announced, as the coding guide says, and read further down.
            r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:conducting|carrying\s+out|training|sharing|flying|"
            r"bombing|striking|hosting|operating)\b|"
            r"\b(?:was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
            r"(?:providing|sending|deploying|conducting|carrying\s+out|supplying|training|"
            r"sharing|flying|bombing|striking|arming|funding|hosting|contributing|"
            r"delivering|operating|flying)\b|"
            r"\b(?:took|taken|taking)\s+part\b|\bcompleted\b|\breceived\b|\bdelivery\s+of\b|"
            r"\bparticipat(?:ed|es|ing)\s+in\b|\btransferred\b|\b(?:has|have|had)\s+left\s+for\b|"
            r"\bjoined\b(?=(?:\s+[\w.-]+){1,4}?\s+in\s+(?:launching|carrying|conducting|flying|"
            r"bombing|striking)\b|(?:\s+[\w.-]+){0,3}?\s+(?:operations|strikes|air\s*strikes|"
            r"bombing|raids|air\s+(?:campaign|war|mission|operations)))|"
            # "the first country to join the United States in bombing": it did
            r"(?<=to\s)join\b(?=(?:\s+[\w.-]+){1,4}?\s+in\s+(?:launching|carrying|conducting|"
            r"flying|bombing|striking)\b)|"
            r"\bremain(?:s|ed)?\s+(?:deployed|based|stationed|in\s+place)\b|"
            r"\bbec(?:ame|omes|oming)\s+the\s+(?:first|second|third|latest|only|last)\s+(?:\w+\s+)?"
            r"(?:country|nation|state|ally|member)\s+to\s+(?:supply|send|deliver|provide|donate|"
            r"give|deploy|transfer|hand\s+over|strike|bomb|fly|launch|carry\s+out)\b|"
            r"\b(?:is|are|was|were|been)\s+(?:now\s+|already\s+)?(?:deployed|based|stationed|"
            r"operating|in\s+(?:place|action))\b|"
            r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|already\s+|now\s+|just\s+)?(?:been\s+)?"
            r"(?:sent|deployed|provided|supplied|delivered|given|"
            r"trained|shared|flown|conducted|carried\s+out|contributed|dispatched|handed\s+over)\b|"
            r"(?<!to\s)\b(?:providing|dispatched|handed\s+over|sent|deployed|supplied|donated|hosts|"
            r"stationed|positioned|redeployed|"
            r"contributed|gifted|"
            r"hosting|flown)\b",
            I,
        ),
    ),
    (
        COMMITTED,
        re.compile(
            r"\bcommit(?:ted|s)?\b|\bdecision\s+to\b|\bdecided\s+to\b|\bapproved\b|"
            # permission given: "has allowed U.S. forces to use its bases", "granted
            # overflight rights"
            r"\b(?:allowed|permitted|granted|grants|opened)\b|"
            # money put aside: "has set aside 7 billion kroner", "earmarked $500 million"
            r"\bset\s+aside\b|\bearmark(?:ed|s)\b|\ballocat(?:ed|es)\b|\bbudgeted\b|"
            # bought for someone else: "have bought 14 tanks for Ukraine"
            r"\b(?:bought|purchased|procured|acquired|financed|paid\s+for)\b"
            r"(?=[^.;]{0,80}?\bfor\s+(?:the\s+)?(?-i:[A-Z]))|"
            # "voted 114 to 2 to send", "voted by 524 votes to 43 on Friday to join"
            r"\bvot(?:ed|es|ing)\s+(?:(?:by\s+)?\d[\d,]*(?:\s+votes)?\s*(?:to|-|\u2013|against)\s*"
            r"\d[\d,]*\s+)?(?:(?:on|late\s+on)\s+\w+\s+|overwhelmingly\s+|unanimously\s+)?"
            r"(?:in\s+favou?r\s+of\b|to\s+(?:approve|authori[sz]e|back|send|join|"
            r"deploy|extend|allow|launch|expand|provide|supply|support))\b|"
            r"\bgave\s+the\s+green\s+light\b|\bgiven\s+the\s+green\s+light\b|"
            r"\bagreed\s+to\b|\bsigned\b|\bauthori[sz]ed\b|\bordered\b|"
            r"\bent(?:ered|ers|er)\s+into\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:partnership|agreement|"
            r"deal|arrangement|coalition)\b",
            I,
        ),
    ),
    (
        ANNOUNCED,
        re.compile(
            r"\bpledg(?:ed|es|e|ing)\b|\bannounc(?:ed|es|ing)\b|\bpromis(?:ed|es|ing)\b|"
            r"\bunveil(?:ed|s|ing)?\b|"
            # "will withdraw its jets but triple its training force": the plan's other half
            r"\b(?:double|triple|quadruple)\b(?=\s+(?:its|their|the)\b)|"
            r"\bvow(?:ed|s)\b|\bwill\s+(?:\w+ly\s+|also\s+)?(?!continue|not|no\b|withdraw|pull|end\b|"
            r"stop|suspend|halt|bring|recall|cease)(?:be\s+)?\w+|"
            r"\b(?:is|are)\s+to\s+(?!be\b)\w+|"
            r"\b(?:is|are)\s+(?:\w+ly\s+|also\s+|now\s+)?(?:providing|sending|deploying|supplying|"
            r"arming|funding|contributing|delivering|donating|dispatching|giving|gifting|"
            r"shipping|transferring|handing\s+over|airlifting)\b|"
            r"\b(?:is|are|was|were)\s+(?:also\s+)?expected\s+to\b|\bgift(?:s|ing)?\b(?=\s+\w)|"
            r"\bwould\s+(?:also\s+)?(?:send|deploy|provide|contribute|supply|give|donate|join|"
            r"dispatch|allow|permit|let|host|train|fund|offer|take\s+part|hand\s+over|transfer|"
            r"deliver|deploy|extend|redeploy|expand|increase|boost)\b|"
            r"\b(?:plans?|planning|intends?|intending|is\s+set|are\s+set|expects?)\s+to\b|"
            r"\bpreparing\s+to\b|\bforesaw\b|\bforesees?\b|\benvisag\w+\b|\bcontribut(?:e|es)\b|"
            r"\bwill\s+be\s+\w+ed\b|\bto\s+be\s+(?:deployed|sent|based|stationed|delivered)\b|"
            r"\b(?:would|will|shall)\s+(?:(?!not\b|never\b)\w+\s+)?be\s+(?:sent|deployed|"
            r"given|provided|supplied|delivered|dispatched|based|stationed|flown|shipped|"
            r"handed\s+over|transferred|donated|made\s+available|carried\s+out|conducted|"
            r"launched|flown)\b|"
            r"\bproposal\s+to\b|\bcommitted\s+to\s+supplying\b|"
            # "Sweden's 15th support package is worth 7.1 billion kronor"
            r"\b(?:package|tranche|contribution|donation|aid|pledge)\s+(?:\w+\s+){0,2}?"
            r"(?:is|was|are|were|will\s+be)\s+(?:worth|valued\s+at)\b|"
            r"(?:\b(?:package|tranche|aid|contribution|donation|pledge|shipment)"
            r"(?:\s+from\s+(?:the\s+)?(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*)?)?"
            r"(?:,[^,;]{1,60},)?|^It)\s+"
            r"(?:also\s+|will\s+)?"
            r"(?:includ(?:es|ed|ing|e)|compris(?:es|ed|e)|contains?|consists?\s+of)\b|"
            # "became the first country to pledge ...": the pledge itself
            r"\bbec(?:ame|omes|oming)\s+the\s+(?:first|second|third|latest|only|last)\s+(?:\w+\s+)?"
            r"(?:country|nation|state|ally|member)\s+to\s+(?:pledge|promise|commit|announce)\b",
            I,
        ),
    ),
    (
        OFFERED,
        re.compile(
            r"\b(?:prepared|ready|willing)\s+to\b|\boffer(?:ed|s|ing)?\b|\bwillingness\b|"
            r"\b(?:could|may|might)\s+(?:also\s+)?\w+|\bconsider(?:ing|s)\b|\bmulling\b|"
            r"\bopen(?:ness)?\s+to\b|\bpropos(?:ed|es)\b",
            I,
        ),
    ),
]
# When status cues overlap, the more telling one wins ("will continue to": delivered).
STATUS_RANK = {REFUSED: 0, WITHDRAWN: 1, DELIVERED: 2, COMMITTED: 3, ANNOUNCED: 4, OFFERED: 5}


@dataclass(frozen=True)
class StatusCue:
    start: int
    end: int
    status: str


def find_status_cues(text: str) -> list[StatusCue]:
    found: list[StatusCue] = []
    for status, pattern in STATUS_CUES:
        for match in pattern.finditer(text):
            found.append(StatusCue(match.start(), match.end(), status))
    found.sort(key=lambda c: (-(c.end - c.start), STATUS_RANK[c.status], c.start))
    chosen: list[StatusCue] = []
    for cue in found:
        if any(c.start < cue.end and cue.start < c.end for c in chosen):
            continue
        chosen.append(cue)
    chosen.sort(key=lambda c: c.start)
    # A refusal or an ending governs the act it names: "ruled out taking part in",
    # "refused to send", "halted its deliveries of" are not the act done.
    for i in range(1, len(chosen)):
        head, act = chosen[i - 1], chosen[i]
        if head.status in (REFUSED, WITHDRAWN) and _GOVERNED_GAP_RE.fullmatch(
            text, head.end, act.start
        ):
            chosen[i] = StatusCue(act.start, act.end, head.status)
    return chosen


_GOVERNED_GAP_RE = re.compile(r"[\s\u00a0]+(?:(?:to|from|any|further|its|their)[\s\u00a0]+)*", I)


# -------------------------------------------------------------- how a sentence reads

SPEECH_RE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|claimed|claims|insisted|noted|"
    r"reported|confirmed|warned|explained|announced)\b"
)
# "Iraq's willingness for the US to strike", "Baghdad's openness to airstrikes": the
# actor consents to someone else's operation on its soil (recorded as kind "other").
CONSENT_RE = re.compile(
    r"\b(?:willingness|readiness|permission|consent|green\s+light|approval|invitation)\s+for\b|"
    r"\b(?:openness|receptiveness)\s+to\b|\binvited\b(?=\s+(?:the\s+)?(?-i:[A-Z]))",
    I,
)
# "agreed to let the U.S. military launch airstrikes from ...", "would allow coalition
# troops to travel through Turkey": access to one's territory, i.e. basing.
ACCESS_RE = re.compile(
    r"\b(?:let|lets|allow(?:s|ed|ing)?|permit(?:s|ted|ting)?)\s+"
    r"(?=(?:the\s+)?(?:(?-i:[A-Z])[\w.-]*|coalition|allied|foreign|western)\b[^,;]{0,60}?\bto\s+\w+|"
    r"(?:the\s+)?(?-i:[A-Z])[\w.-]*(?:\s+[\w.-]+){0,3}?\s+(?:launch|fly|use|operate|strike|travel|"
    r"stage|transit)\b)",
    I,
)
# A negated delivery in a sentence about what was promised is a shortfall, not a refusal:
# "did not deliver the promised tanks", "has not yet received".
SHORTFALL_RE = re.compile(
    r"\b(?:promis\w*|pledg\w*|committed|agreed|announced|yet|so\s+far|since|instead\s+of|"
    r"only)\b",
    I,
)
NEGATED_DELIVERY_RE = re.compile(
    r"\b(?:not|n['\u2019]t|never)\s+(?:yet\s+)?(?:\w+\s+)?(?:send|sent|deliver\w*|receiv\w*|"
    r"arriv\w*|transfer\w*|provid\w*|suppl\w*|hand\w*)\b",
    I,
)
# A claim inside "whether ..." is an open question, not a claim.
DOUBT_RE = re.compile(r"\bwhether\b|\bif\s+(?:any|they|it)\b", I)
ACCUSATION_RE = re.compile(r"\baccus(?:ed|es|ing)\b|\balleg(?:ed|es|ing)\b", I)
ANAPHOR_START_RE = re.compile(
    r"^[\"“]?(?:It|This|That|These|Those|They|He|She|Such|Part\s+of\s+(?:this|that|it)|"
    r"Some\s+of\s+(?:this|that|it)|Much\s+of\s+(?:this|that|it)|"
    # "The government said it will donate ...": the country named before
    r"(?:But\s+|And\s+)?(?:The|Its)\s+(?:country|nation|kingdom|government|cabinet|ministry|"
    r"defen[cs]e\s+ministry|foreign\s+ministry|prime\s+minister|president|chancellor)\b"
    r"(?!\s+(?:of|in|from)\b))\b"
)
TRAILING_SPEECH_RE = re.compile(
    r"[,”\"]\s+(?:a\s+|an\s+|the\s+|several\s+|senior\s+)?(?P<who>[^,;]{1,60}?)\s+"
    r"(?:has\s+|have\s+)?(?:said|says|told|added|stated)\b"
)
LED_RE = re.compile(r"^-(?:led|backed|sponsored|based|born|made)\b")
PRONOUNS = frozenset(
    ["it", "he", "she", "they", "we", "i", "its", "his", "her", "their", "our", "there", "this"]
)
POSSESSIVE_PRONOUN_RE = re.compile(r"\b(?:its|their|his|her|our)\b", I)
# Prepositions that make a whole list places ("from Syria and Iraq"), unlike "of" ("the
# ministers of Denmark and the Netherlands").
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "into", "to", "from", "near", "across", "inside", "toward", "towards"}
)
PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "to",
        "into",
        "from",
        "for",
        "with",
        "alongside",
        "on",
        "against",
        "of",
        "near",
        "toward",
        "towards",
        "across",
        "within",
        "inside",
        "over",
        "via",
        "between",
        "among",
        "amongst",
        "behind",
        "including",
        "like",
        "than",
        "versus",
        "through",
        "throughout",
        "around",
        "outside",
        "beyond",
        "upon",
        "under",
    ]
)
DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"]
)
# Nouns of giving after a demonym or name: "the Dutch decision to send", "the Belgian
# pledge of six jets", "Japanese aid".
ACT_NOUNS = frozenset(
    [
        "decision",
        "pledge",
        "pledges",
        "offer",
        "offers",
        "plan",
        "plans",
        "contribution",
        "contributions",
        "commitment",
        "commitments",
        "announcement",
        "promise",
        "promises",
        "donation",
        "donations",
        "package",
        "packages",
        "gift",
        "gifts",
        "delivery",
        "deliveries",
        "deployment",
        "aid",
        "assistance",
        "support",
        "shipment",
        "shipments",
    ]
)
# Nouns after a country name or demonym that make it the government acting.
INSTITUTIONS = frozenset(
    [
        "president",
        "president's",
        "prime",
        "premier",
        "government",
        "government's",
        "officials",
        "official",
        "minister",
        "ministers",
        "ministry",
        "military",
        "army",
        "forces",
        "troops",
        "navy",
        "air",
        "leader",
        "leaders",
        "authorities",
        "administration",
        "cabinet",
        "house",
        "senate",
        "bundestag",
        "congress",
        "legislature",
        "parliament",
        "lawmakers",
        "chancellor",
        "king",
        "queen",
        "emir",
        "monarch",
        "crown",
        "secretary",
        "state",
        "diplomats",
        "diplomat",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "embassy",
        "defence",
        "defense",
        "foreign",
        "jets",
        "warplanes",
        "aircraft",
        "soldiers",
        "marines",
        "special",
        "pilots",
        "commanders",
        "general",
        "generals",
        "contingent",
        # personnel named by role: "Danish instructors will train", "Kenyan crews completed"
        "crews",
        "personnel",
        "technicians",
        "specialists",
        "sailors",
        "airmen",
        "instructors",
        "trainers",
        "advisers",
        "advisors",
        "experts",
        "units",
    ]
)
# Lower-case words after a name that show the name is the subject of a verb.
VERBS = frozenset(
    [
        # negated modals
        "cannot",
        "can't",
        "won't",
        "wouldn't",
        "couldn't",
        "didn't",
        "doesn't",
        "hasn't",
        "haven't",
        # irregular past forms, which end in neither -ed nor -s
        "became",
        "began",
        "made",
        "took",
        "gave",
        "held",
        "flew",
        "struck",
        "brought",
        "kept",
        "left",
        "told",
        "sought",
        "won",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "did",
        "does",
        "do",
        "also",
        "already",
        "then",
        "now",
        "too",
        "said",
        "says",
        "refused",
        "rejected",
        "declined",
        "agreed",
        "pledged",
        "offered",
        "announced",
        "sent",
        "deployed",
        "views",
        "believes",
        "wants",
        "plans",
        "ruled",
        "denied",
        "confirmed",
        "insisted",
        "promised",
        "vowed",
        "approved",
        "committed",
        "decided",
    ]
)
PURPOSE_GAP_RE = re.compile(
    r"\s+(?:for|to\s+(?:conduct|launch|carry\s+out|fly|stage|mount))\s+(?:the\s+|its\s+)?",
    re.IGNORECASE,
)
# A plural group noun as subject ("some nations had offered", "countries ... are prepared
# to"): the sentence is about unnamed actors.
GROUP_SUBJECT_RE = re.compile(
    r"\b(?:nations|countries|allies|states|partners|members|governments|others)\b|"
    # "..., but no country has yet committed to sending the jets"
    r"\bno\s+(?:other\s+)?(?:country|nation|state|ally|government|member|one)\b|\bnone\b",
    re.IGNORECASE,
)
RELATIVE_CLAUSE_RE = re.compile(
    r",\s+(?:which|who|whose|where)\b[^,;]*(?:,|$)|"
    # between dashes, a list and all: "The coalition — which includes Canada, Germany and
    # Norway — has been striking ..."
    r"\s[\u2014\u2013]\s*(?:which|who|whose|where)\b[^\u2014\u2013;]*(?:[\u2014\u2013]|$)"
)
EVENT_NOUNS = frozenset(
    [
        "attacks",
        "attack",
        "talks",
        "conference",
        "summit",
        "meeting",
        "agreement",
        "accord",
        "war",
        "conflict",
        "crisis",
        "bombings",
        "bombing",
        "massacre",
        "process",
        "declaration",
        "communique",
        "statement",
    ]
)
