"""Stage 3, frames: who does what to whom in one sentence.

From the sentence's :class:`~intake.extraction.mentions.Mentions` (and what the sentence
before was about), every kind cue ("600 troops", "airstrikes", "its air bases") becomes a
:class:`Frame`, given

- an agent: the actor that pledges or refuses it. In order: "X-led airstrikes";
  "the arming of ... by X"; a possessive just before the cue ("Turkey's efforts to
  ...", "its air bases" -> the actor "its" refers to); else the nearest actor before the
  verb that governs the cue ("Australia has pledged to deploy ..."). An actor that only
  *reports* ("Kerry said some nations had offered troops") is the agent only when what
  it reports starts with a pronoun ("France has said it is prepared ..."). Failing that,
  a trailing attribution (", U.S. officials said") or, for a sentence opening with
  "It"/"This"/"Part of this", the actor of the sentence before;
- a status from the nearest status cue (refusals first); "announced" when none;
- a quantity written just before the cue, an amount of money in the same sentence;
- a recipient ("to X", "for X", "giving X", "training of X") and, for forces and
  bases, a host ("deploy ... to X", "its air bases").

Consent and access ("agreed to let the U.S. military launch ...") give the grantor's
frame; doubt, accusation and trainees ("has trained 35,000 soldiers") give none. The
finders are not called here: this stage reads the mentions, and looks at the sentence
text only for the words between them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from intake.extraction import cues as C
from intake.extraction.actors import ALIAS, CAPITAL, DEMONYM, NAME, PERSON, ActorMention
from intake.extraction.dates import DateMention
from intake.extraction.mentions import Mentions
from intake.extraction.quantities import Money, Quantity, parse_number
from intake.extraction.sentences import Sentence

# Kinds whose "to X" / "in X" names where the forces go (host), not who receives them.
HOSTED_KINDS = {C.TROOPS, C.AIRCRAFT}
MONEY_KINDS = {C.HUMANITARIAN, C.ARMS, C.TRAINING, C.MONEY, C.OTHER, C.LOGISTICS}
GIVE_VERBS_RE = re.compile(
    r"\b(?:give|giving|gave|given|arm|arming|train|training|equip|equipping|supply|supplying|"
    r"provide|providing|help|helping|support|supporting|assist|assisting)\s+(?:of\s+)?$",
    re.IGNORECASE,
)
DEPLOY_RE = re.compile(
    r"\b(?:deploy\w*|send\w*|sent|station\w*|bas(?:e|ed|ing)|mov(?:e|ed|ing)|fly|flown|flew|"
    r"dispatch\w*|contribut\w*)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\w'\u2019.-]+")
_UNKNOWN_POSSESSIVE_RE = re.compile(r"\b([A-Z][a-z]+)['\u2019]s\b")
_NOT_OWNERS = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Today",
        "Yesterday",
    ]
)


@dataclass
class _Mention:
    m: ActorMention
    candidate: bool
    attributive: bool = False
    owner: bool = False
    # The relative clause a would-be subject stands in: it acts only for a cue there.
    inside: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        return self.m.start

    @property
    def end(self) -> int:
        return self.m.end

    @property
    def code(self) -> str:
        return self.m.code


@dataclass
class Frame:
    """Who does what to whom, for one kind cue: the agent, the kind, the status, and
    what quantity, money, recipient, host and asset go with it."""

    actor: str
    kind: str
    cue: C.KindCue
    status: str
    status_found: bool
    how: str
    agent_mention: _Mention | None = None
    quantity: Quantity | None = None
    money: Money | None = None
    recipient: str | None = None
    host: str | None = None
    asset: str = ""
    notes: list[str] = field(default_factory=list)
    #: when the sentence says it was announced ("said on Friday it would send")
    announced: DateMention | None = None


@dataclass
class Frames:
    """The frames of one sentence, its topic (the actor a following "It ..." means) and
    its group (the actors a following "Both countries ..." means), before claims."""

    sentence: Sentence
    frames: list[Frame]
    topic: str | None
    group: tuple[str, ...]


def read_frames(
    seen: Mentions,
    previous_topic: str | None = None,
    previous_group: tuple[str, ...] = (),
) -> Frames:
    """The frames of the sentence ``seen`` holds the mentions of; ``previous_topic`` and
    ``previous_group`` are what the sentence before was about."""
    text = seen.sentence.text
    mentions = _classified(seen)
    kind_cues = list(seen.kind_cues)
    status_cues = list(seen.status_cues)
    candidates = [x for x in mentions if x.candidate]
    topic = candidates[0].code if candidates else None
    group = tuple(dict.fromkeys(x.code for x in _subject_group(text, mentions, candidates)))
    money = list(seen.money)
    if not kind_cues and not money:
        return Frames(seen.sentence, [], topic, group)
    quantities = list(seen.quantities)
    doubt = list(seen.doubts)
    accusation = list(seen.accusations)
    # "It has sent ...", or a sentence naming no actor at all ("The planes will be
    # based in Kuwait"): it goes on about the actor of the sentence before.
    anaphoric = bool(C.ANAPHOR_START_RE.match(text)) or not mentions

    drafts: list[Frame] = []
    consumed: set[int] = set()

    drafts.extend(_asked_but_declined(text, mentions, kind_cues, consumed))

    # Consent to someone else's operation ("Iraq's willingness for the US to strike"),
    # or access to one's territory ("agreed to let the U.S. military launch ...").
    consents = [(m, False) for m in C.CONSENT_RE.finditer(text)]
    consents += [(m, True) for m in C.ACCESS_RE.finditer(text)]
    for match, access in consents:
        target = next(
            (
                cue
                for cue in kind_cues
                if cue.start >= match.end()
                and _words(text, match.end(), cue.start) <= 12
                and cue.start not in consumed
            ),
            None,
        )
        if target is None and access:
            clause_end = _clause_end(text, match.end())
            if not re.search(
                r"\b(?:from|through|via|across|over|at)\b", text[match.end() : clause_end]
            ):
                continue
            target = C.KindCue(match.start(), match.end(), C.BASING, "", False)
        if target is None:
            continue
        consumed.add(target.start)
        if access:
            # The whole permitted operation is the access: "launch airstrikes ... from
            # a key air base" is one basing claim, not airstrikes of the grantor.
            clause_end = _clause_end(text, match.end())
            consumed.update(c.start for c in kind_cues if match.end() <= c.start < clause_end)
        agent, how = _agent(text, mentions, status_cues, match.start(), match.start())
        if agent is None and access:
            agent, how = _territory(text, mentions, match.end()), "territory"
        if agent is None:
            continue
        grantee = next((x for x in mentions if match.end() <= x.start < target.start), None)
        refused = any(
            s.status == C.REFUSED
            and s.end <= match.start()
            and _words(text, s.end, match.start()) <= 6
            for s in status_cues
        )
        kind = C.BASING if access or target.kind == C.BASING else C.OTHER
        if (
            access
            and target.kind != C.BASING
            and _TRANSFER_RE.search(text, match.end(), target.start)
        ):
            # "allowed Poland to re-export its Leopard tanks": a transfer approved
            kind = target.kind
            consumed.discard(target.start)
            continue
        drafts.append(
            Frame(
                actor=agent.code,
                kind=kind,
                cue=target,
                status=C.REFUSED
                if refused
                else _status(text, status_cues, target)[0]
                if access
                else C.OFFERED,
                status_found=True,
                how=f"{'access' if access else 'consent'} ({how})",
                agent_mention=agent,
                recipient=grantee.code if grantee and grantee.code != agent.code else None,
                host=agent.code,
            )
        )

    for before, after in itertools.pairwise(kind_cues):
        # "use Incirlik for air raids": the purpose belongs to the basing claim.
        gap = text[before.end : after.start]
        if before.kind in {C.BASING, C.LOGISTICS} and C.PURPOSE_GAP_RE.fullmatch(gap):
            consumed.add(after.start)
        # "opened its base to coalition aircraft", "granted coalition aircraft permission to
        # fly through its airspace": the aircraft given access are not the grantor's
        if (
            after.kind in {C.AIRCRAFT, C.TROOPS}
            and before.kind == C.BASING
            and _GRANTEE_GAP_RE.fullmatch(gap)
        ):
            consumed.add(after.start)
        consumed.update(_striking_aircraft(text, kind_cues, seen.quantities, before, after))
    if any(c.kind == C.BASING for c in kind_cues):
        for cue in kind_cues:
            if cue.kind in {C.AIRCRAFT, C.TROOPS} and _GRANTEE_BEFORE_RE.search(
                text, max(0, cue.start - 30), cue.start
            ):
                consumed.add(cue.start)

    for index, cue in enumerate(kind_cues):
        if cue.start in consumed:
            continue
        if any(d < cue.start for d in doubt) or any(a < cue.start for a in accusation):
            continue
        if cue.kind == C.TROOPS and _TRAINEES_RE.search(text[max(0, cue.start - 60) : cue.start]):
            continue  # "has trained 35,000 Ukrainian soldiers": they are trained, not sent
        if _NONE_OF_RE.search(text[max(0, cue.start - 20) : cue.start]):
            continue  # "helmets and body armour, but no weapons"
        if cue.kind == C.TROOPS and _SUPPORTED_RE.search(text, max(0, cue.start - 30), cue.start):
            continue  # "air support to the ground forces": the ones supported
        if cue.kind == C.TROOPS and _TRAINEES_AFTER_RE.match(text, cue.end):
            continue  # "pilots and support staff will take part in the training"
        if (
            cue.kind == C.TROOPS
            and re.match(r"[\s\u00a0]+with\b", text[cue.end :])
            and _PROVIDE_WITH_RE.search(text, max(0, cue.start - 60), cue.start)
        ):
            continue  # "provide Ukrainian troops with equipment": the ones given to
        if cue.kind == C.TROOPS and _TRAINED_AFTER_RE.match(text, cue.end):
            continue  # "the 30,000 soldiers trained by this mission": trainees
        if cue.kind in {C.ARMS, C.AIRCRAFT} and _TRAINED_ON_RE.search(
            text[max(0, cue.start - 80) : cue.start]
        ):
            continue  # "training Ukrainian pilots on fighter jets": what they learn, not a gift
        if cue.kind in {C.ARMS, C.AIRCRAFT} and _TRAINING_NOUN_AFTER_RE.match(text, cue.end):
            continue  # "an F-16 training centre", "Leopard 2 crews' course": the training's
        # "US-led airstrikes": the leader is doing them.
        led = next((x for x in mentions if _led_before(text, x, cue)), None)
        if led is not None:
            drafts.append(
                Frame(led.code, cue.kind, cue, C.DELIVERED, True, "X-led", agent_mention=led)
            )
        anchor = _anchor(text, status_cues, cue)
        agent, how = _agent(text, mentions, status_cues, cue.start, anchor, cue=cue)
        reference = _group_reference(text, mentions, anchor)
        if (
            reference is not None
            and len(previous_group) > 1
            and (agent is None or _words(text, agent.end, reference) > 3)
        ):
            # "Both countries have committed ...": the actors of the sentence before.
            ghost = ActorMention(0, 0, previous_group[0], "anaphora", "")
            agent, how = _Mention(ghost, candidate=True), "group (the sentence before)"
        if agent is None and how == "blocked":
            # "seven governments in addition to the United States have pledged ..."
            agent = _companion_of_group(text, mentions, anchor)
            how = "companion (in addition to)" if agent is not None else how
        if agent is None:
            speaker = _speaker(text, mentions, cue)
            if speaker is not None:
                agent, how = speaker, "speaker"
        if agent is None and cue.kind == C.TRAINING:
            # "training of Ukrainians on Leopard tanks has been completed in Germany",
            # "trained with American forces": where, or with whom, they were trained
            trainer = _trainer(text, mentions, cue)
            if trainer is not None:
                agent, how = trainer, "where trained"
        if agent is None and how != "blocked":
            # A sentence whose subject is the cue itself and that names no actor
            # but places ("Up to eight fighters will be deployed to Kuwait").
            subject_cue = not candidates and all(s.start > cue.start for s in status_cues)
            agent, how = _fallback_agent(
                text, mentions, cue, anaphoric or subject_cue, previous_topic
            )
        if agent is not None and agent.end > 0 and _receives(text, agent, cue):
            # "Ukraine has received ... from the U.K.": the subject is the recipient.
            source = _source(text, mentions, cue, agent)
            if source is not None:
                agent, how = source, "source (the subject receives)"
            elif previous_topic and previous_topic != agent.code:
                ghost = ActorMention(0, 0, previous_topic, "anaphora", "")
                agent, how = _Mention(ghost, candidate=True), "previous sentence"
            else:
                continue
        if agent is None:
            agent, how = _subject_owner(text, drafts, cue) or (agent, how)
        if agent is None:
            continue
        if cue.kind == C.BASING and how == "modifier" and anchor < agent.start:
            # "Cyprus has offered the British Akrotiri base", "Qatar hosts the largest U.S.
            # air base": the one offering or hosting, not the base's user
            grantor = [x for x in mentions if x.candidate and x.end <= anchor]
            if grantor and _reports_own(text, grantor[-1].end, anchor):
                agent, how = grantor[-1], "subject"
        status, found = _status(text, status_cues, cue)
        if not found and cue.kind == C.AIRSTRIKES:
            status = C.DELIVERED  # "The French air strike on ...": strikes are news once made
            # the cue is the verb: "planes attacked", "jets struck", "dropped bombs"
            found = bool(_STRUCK_VERB_RE.match(text, cue.start))
        direct = how in {
            "possessive",
            "passive by",
            "possessive pronoun",
            "modifier",
            "thanked for",
            "source (from)",
            "the subject's owner",
            "where trained",
        }
        if not found and not direct:
            continue
        draft = Frame(agent.code, cue.kind, cue, status, found, how, agent_mention=agent)
        draft.quantity = (
            _quantity_raised(text, quantities, cue)
            or _quantity_promised(text, quantities, cue)
            or _quantity_before(text, quantities, cue, kind_cues)
            or _quantity_after(text, quantities, cue)
            or _one(text, cue, kind_cues)
        )
        if cue.kind == C.TRAINING and _counts_trainees(text, kind_cues, draft.quantity, cue):
            draft.quantity = None  # "30,000 soldiers trained": trainees are not a quantity
        if cue.weak and draft.quantity is None:
            if cue.kind == C.TROOPS:
                continue
            draft.notes.append("weak cue")
        next_cue = kind_cues[index + 1].start if index + 1 < len(kind_cues) else len(text)
        previous_cue = kind_cues[index - 1].end if index else 0
        _places(text, mentions, draft, next_cue, previous_cue)
        drafts.append(draft)
        if how in {"subject", "modifier", "one of those"}:
            drafts.extend(_joint_drafts(text, mentions, quantities, draft, agent))
            drafts.extend(_companion_drafts(text, mentions, draft))
        if how in {"passive by", "thanked for", "source (from)"}:
            # "donated by the United States, the United Kingdom and France"
            drafts.extend(
                replace(draft, actor=x.code, how=f"listed ({how})", agent_mention=x, notes=[])
                for x in _listed_after(text, mentions, agent)
            )
        if how.startswith("group"):
            drafts.extend(
                replace(draft, actor=code, notes=list(draft.notes)) for code in previous_group[1:]
            )

    drafts.extend(_gapped_drafts(text, mentions, status_cues, quantities, kind_cues, drafts))
    drafts.extend(_counted_trainers(text, kind_cues, drafts))
    _sum_listed_counts(text, drafts)

    # Money: to the nearest cue that can carry an amount, else a claim of its own.
    for amount in money:
        holder = min(
            (
                d
                for d in drafts
                if d.kind in MONEY_KINDS
                and d.money is None
                and _same_clause(text, amount.start, d.cue.start)
            ),
            key=lambda d: abs(d.cue.start - amount.start),
            default=None,
        )
        if holder is not None:
            holder.money = amount
            if holder.cue.unit in {C.AID, C.AID_WITH_AMOUNT}:
                holder.kind = C.MONEY  # "a C$500 million military aid package"
            elif _MIXED_AID_RE.match(text, amount.end):
                holder.kind = C.MONEY  # "C$5 billion in humanitarian, economic and military aid"
            continue
        if _FUNDS_RAISED_RE.search(text, max(0, amount.start - 40), amount.start):
            continue  # "expects to raise more than $2 billion": others' money, sought
        cue = C.KindCue(amount.start, amount.end, C.MONEY, "", False)
        anchor = _anchor(text, status_cues, cue)
        agent, how = _agent(text, mentions, status_cues, cue.start, anchor, cue=cue)
        if agent is None and how != "blocked":
            agent, how = _fallback_agent(text, mentions, cue, anaphoric, previous_topic)
        if agent is None:
            agent, how = _subject_owner(text, drafts, cue) or (agent, how)
        if agent is None:
            continue
        status, found = _status(text, status_cues, cue)
        if not found:
            continue
        draft = Frame(agent.code, C.MONEY, cue, status, found, how, agent_mention=agent)
        draft.money = amount
        _places(text, mentions, draft, len(text))
        drafts.append(draft)
        if how in {"subject", "modifier"}:
            # "Denmark, Norway and Sweden have provided 17 billion euros": one joint sum
            drafts.extend(_joint_drafts(text, mentions, quantities, draft, agent))

    drafts = [d for d in drafts if d.cue.unit != C.AID_WITH_AMOUNT or d.money is not None]
    drafts = _aid_of_named_goods(text, drafts)
    drafts = [
        d
        for d in drafts
        if not _fired_at_a_target(text, d)
        and not _the_coalitions_own(d)
        and not _carried_by_airlift(text, d)
    ]
    for draft in drafts:
        if draft.status in _ANNOUNCING:
            draft.announced = _announced_on(text, seen.dates, status_cues, draft.cue)
    return Frames(seen.sentence, drafts, topic, group)


# "Indonesia was asked by the United States to send troops ... but declined"
_ASKED_RE = re.compile(
    r"[\s\u00a0]+(?:was|were|had\s+been|has\s+been|have\s+been)[\s\u00a0]+(?:also\s+)?"
    r"(?:asked|invited|requested|urged|pressed|approached)\b",
    re.IGNORECASE,
)
_BUT_DECLINED_RE = re.compile(
    r"\bbut\s+(?:it\s+|they\s+|he\s+|she\s+)?(?:has\s+|had\s+|have\s+)?(?:\w+ly\s+)?"
    r"(?:declined|refused|rejected|turned\s+(?:it|them|the\s+\w+)\s+down|said\s+no)\b",
    re.IGNORECASE,
)


def _asked_but_declined(
    text: str, mentions: list[_Mention], kind_cues: list[C.KindCue], consumed: set[int]
) -> list[Frame]:
    """The one asked for a contribution that it then declined: a refusal of what it
    was asked for (the asker is not its agent)."""
    found: list[Frame] = []
    for x in mentions:
        asked = _ASKED_RE.match(text, x.end)
        if not x.candidate or asked is None:
            continue
        stop = text.find(";", asked.end())
        declined = _BUT_DECLINED_RE.search(text, asked.end(), stop if stop >= 0 else len(text))
        if declined is None:
            continue
        for cue in kind_cues:
            if asked.end() <= cue.start < declined.start() and cue.start not in consumed:
                consumed.add(cue.start)
                found.append(
                    Frame(
                        x.code,
                        cue.kind,
                        cue,
                        C.REFUSED,
                        True,
                        "asked, but declined",
                        agent_mention=x,
                    )
                )
    return found


_FUNDS_RAISED_RE = re.compile(
    r"\b(?:raise|raising|collect|collecting|mobili[sz]e|mobili[sz]ing|seek|seeking|"
    r"appeal(?:ed|ing)?\s+for|(?:target|goal)\s+of)[\s\u00a0]+(?:more\s+than\s+|over\s+|"
    r"about\s+|some\s+|up\s+to\s+|at\s+least\s+|nearly\s+|almost\s+|around\s+)?$",
    re.IGNORECASE,
)
# "300 troops to Iraq on a mission to train", "69 soldiers are training", "the 60
# soldiers who train ...": the troops counted are the trainers.
_TRAINERS_GAP_RE = re.compile(
    r"[\s\u00a0]+(?:[\w'\u2019-]+[\s\u00a0]+){0,9}?"
    r"(?:(?:who|that|which|to|are|were|will|would|currently|now|help|helping|assist)[\s\u00a0]+"
    r"(?:(?:also|be|help|to|are|currently|now|been)[\s\u00a0]+)*)?$",
    re.IGNORECASE,
)


def _counted_trainers(text: str, kind_cues: list[C.KindCue], drafts: list[Frame]) -> list[Frame]:
    """The count of troops whose task the sentence goes on to say is training, given to
    the training claim too (a new one when the training cue had no claim of its own)."""
    found: list[Frame] = []
    for troops in [d for d in drafts if d.kind == C.TROOPS and d.quantity is not None]:
        cue = next(
            (
                c
                for c in kind_cues
                if c.kind == C.TRAINING
                and c.start > troops.cue.end
                and _TRAINERS_GAP_RE.fullmatch(text, troops.cue.end, c.start)
                and _same_clause(text, troops.cue.end, c.start)
                and not any(
                    troops.cue.end <= o.start < c.start and o.kind != C.TROOPS for o in kind_cues
                )
            ),
            None,
        )
        if cue is None:
            continue
        training = next(
            (d for d in drafts if d.kind == C.TRAINING and d.actor == troops.actor), None
        )
        if training is None:
            found.append(
                replace(
                    troops,
                    kind=C.TRAINING,
                    cue=cue,
                    how=f"trainers ({troops.how})",
                    notes=list(troops.notes),
                )
            )
        elif training.quantity is None:
            training.quantity = troops.quantity
    return found


# "A$100 million in military assistance, including Bushmaster vehicles", "$1.8 billion in
# military aid ... in a package that will include a Patriot battery": the goods named.
_GOODS_NAMED_RE = re.compile(
    r"\b(?:includ(?:es|ed|ing|e)|such\s+as|compris(?:es|ed|ing|e)|consist(?:s|ed|ing)?\s+of|"
    r"among\s+them)\b",
    re.IGNORECASE,
)
_GOODS_KINDS = frozenset([C.ARMS, C.AIRCRAFT, C.OTHER])


def _aid_of_named_goods(text: str, drafts: list[Frame]) -> list[Frame]:
    """A sum of military aid whose goods the sentence goes on to name is the first of
    those goods' claim, with the sum as its amount, not a money claim of its own."""
    dropped: set[int] = set()
    for index, aid in enumerate(drafts):
        if aid.kind != C.MONEY or aid.money is None:
            continue
        if aid.cue.unit not in {C.AID, C.AID_WITH_AMOUNT}:
            continue
        goods = next(
            (
                d
                for d in drafts
                if d.kind in _GOODS_KINDS
                and d.actor == aid.actor
                and d.money is None
                and d.cue.start > aid.cue.end
                and _GOODS_NAMED_RE.search(text, aid.cue.end, d.cue.start)
            ),
            None,
        )
        if goods is None:
            continue
        goods.money = aid.money
        goods.notes.append("the sum of the aid that names these goods")
        dropped.add(index)
    return [d for i, d in enumerate(drafts) if i not in dropped]


# "..., Portugal has delivered three, and Poland 14": a later clause's actor and count,
# with the verb or the noun left out, take the kind of the clause before.
_GAPPED_RE = re.compile(
    r"[\s\u00a0]+(?:(?:has|have|had|will|would|is\s+to|was|were)[\s\u00a0]+)?"
    r"(?:(?:also|already|so\s+far|now)[\s\u00a0]+)?(?:(?P<verb>[a-z]+(?:ed|t|en|n))[\s\u00a0]+|"
    r"(?P<future>send|deliver|provide|supply|donate|give|transfer|contribute|"
    r"deploy)[\s\u00a0]+)?(?:(?:a\s+further|another|about|some|around|up\s+to|more\s+than|"
    r"nearly|almost|over)[\s\u00a0]+)?$"
)
_GRANTEE_GAP_RE = re.compile(
    r"[\s\u00a0]+(?:to|for)[\s\u00a0]+(?:the[\s\u00a0]+)?(?:coalition|allied|foreign|western|"
    r"partner|NATO|U\.?S\.?-led)?[\s\u00a0]*",
    re.IGNORECASE,
)
_STRIKERS_GAP_RE = re.compile(
    r"[\s\u00a0]+(?:(?:have|has|had|will|would|could|can|should|may|might|must|not|never|"
    r"also|then|later|already|again|just|since|on\s+\w+day|continue|continued|continues|keep|"
    r"kept)[\s\u00a0,]+)*(?:(?:carried|carry|carrying|conducted|conduct|conducting|"
    r"launched|launch|launching|flown|flew|fly|flying|made|make|staged|stage|mounted|mount)"
    r"(?:[\s\u00a0]+out)?[\s\u00a0]+)?(?:(?:their|its|the|a|an|first|new|more|further|"
    r"fresh|several|dozens\s+of|hundreds\s+of|more\s+than|over|about|some|[\d,]+)"
    r"[\s\u00a0]+)*",
    re.IGNORECASE,
)


def _striking_aircraft(
    text: str,
    kind_cues: list[C.KindCue],
    quantities: Iterable[Quantity],
    before: C.KindCue,
    after: C.KindCue,
) -> set[int]:
    """The starts of the aircraft cues that are only the instrument of the strikes after
    them: uncounted aircraft doing the strikes ("French planes have carried out air
    strikes", "Jordanian warplanes pounded ..."), with the model before their noun
    ("French Rafale jets"). Counted ones ("two Rafale planes carried out strikes") are a
    contribution of their own."""
    if (
        before.kind != C.AIRCRAFT
        or after.kind != C.AIRSTRIKES
        or not _STRIKERS_GAP_RE.fullmatch(text, before.end, after.start)
        or any(q.end <= before.start and _words(text, q.end, before.start) <= 2 for q in quantities)
    ):
        return set()
    starts = {before.start}
    model = max((c for c in kind_cues if c.end <= before.start), key=lambda c: c.end, default=None)
    if (
        model is not None
        and model.kind == C.AIRCRAFT
        and not text[model.end : before.start].strip(" \u00a0-")
    ):
        starts.add(model.start)
    return starts


_GRANTEE_BEFORE_RE = re.compile(
    r"\b(?:coalition|allied|foreign|western|partner)[\s\u00a0]+$", re.IGNORECASE
)
_TRANSFER_RE = re.compile(
    r"\b(?:re-?export|export|transfer|send|deliver|supply|give|donate|hand\s+over|sell)\b",
    re.IGNORECASE,
)
_GAPPED_LEAD_RE = re.compile(
    r"(?:[,;][\s\u00a0]*(?:(?:and|while|but|whereas)[\s\u00a0]+)?|"
    r"[\s\u00a0](?:and|while|but|whereas)[\s\u00a0]+)(?:the[\s\u00a0]+)?$"
)
_GAPPED_END_RE = re.compile(
    r"(?:[\s\u00a0]+more)?(?:[\s\u00a0]+of[\s\u00a0]+(?:the[\s\u00a0]+|its[\s\u00a0]+|their[\s\u00a0]+)?"
    r"[\w-]+(?:[\s\u00a0]+[\w-]+)?)?[\s\u00a0]*(?:[,;.]|\band\b|$)"
)


def _gapped_drafts(text, mentions, status_cues, quantities, kind_cues, drafts) -> list[Frame]:
    found: list[Frame] = []
    taken = {d.actor for d in drafts}
    for q in quantities:
        before = [d for d in drafts if d.cue.end <= q.start and d.quantity is not None]
        if not before or not _GAPPED_END_RE.match(text, q.end):
            continue
        if any(q.end <= c.start < _clause_end(text, q.end) for c in kind_cues):
            continue
        owner = next(
            (x for x in reversed(mentions) if before[-1].cue.end <= x.start and x.end <= q.start),
            None,
        )
        if owner is None or owner.code in taken:
            continue
        gap = _GAPPED_RE.fullmatch(text, owner.end, q.start)
        if gap is None or not _GAPPED_LEAD_RE.search(text, max(0, owner.start - 12), owner.start):
            continue
        model = before[-1]
        status, found_status = _status(
            text, status_cues, C.KindCue(q.start, q.end, model.kind, model.cue.unit, False)
        )
        if not gap.group("verb") and not gap.group("future"):
            status, found_status = model.status, model.status_found
        draft = Frame(
            owner.code,
            model.kind,
            model.cue,
            status,
            found_status,
            f"gapped (the kind of {model.actor}'s)",
            agent_mention=owner,
            quantity=q,
            recipient=model.recipient,
        )
        taken.add(owner.code)
        found.append(draft)
    return found


_STRUCK_VERB_RE = re.compile(
    r"(?:(?:have|has|had)\s+)?(?:struck|bombed|pounded|hit|targeted|attacked|destroyed|"
    r"carried\s+out|dropped)\b",
    re.IGNORECASE,
)
_ANNOUNCING = frozenset([C.OFFERED, C.ANNOUNCED, C.COMMITTED, C.REFUSED])
# A date after these is a deadline or background, not the day of the announcement.
_NOT_WHEN_SAID_RE = re.compile(
    r"\b(?:by|until|till|from|since|before|after|through|end\s+of|beginning\s+of|start\s+of|"
    r"expected|due|scheduled|planned|arrive|arrives|arriving|delivered|delivery|in\s+time\s+for)"
    r"\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _announced_on(
    text: str, dates: tuple[DateMention, ...], status_cues: list[C.StatusCue], cue: C.KindCue
) -> DateMention | None:
    """The day the sentence says the claim was made: a date near the governing verb
    ("said on Friday it would send", "pledged on 12 September"), not a deadline ("by
    March") or the past ("since 2022")."""
    anchor = _anchor(text, status_cues, cue)
    speech = [m.end() for m in C.SPEECH_RE.finditer(text, 0, cue.start)]
    near = [anchor, *speech[-1:]]
    best = None
    for date in dates:
        lead = text[max(0, date.start - 40) : date.start]
        if _NOT_WHEN_SAID_RE.search(lead):
            continue
        distance = min(abs(date.start - at) for at in near)
        if distance > 60 or not _same_clause(text, date.start, min(near)):
            continue
        if best is None or distance < best[0]:
            best = (distance, date)
    return best[1] if best else None


def _classified(seen: Mentions) -> list[_Mention]:
    """The sentence's actor mentions, each marked as a possible agent or not."""
    text = seen.sentence.text
    relative = [m.span() for m in C.RELATIVE_CLAUSE_RE.finditer(text)]
    asides = [m.span("list") for m in _ALONG_WITH_ASIDE_RE.finditer(text)]
    kind_cues = list(seen.kind_cues)
    classified = []
    for m in seen.actors:
        x = _classify(text, m, kind_cues)
        clause = next(((s, e) for s, e in relative if s < m.start < e), None)
        if clause is not None:
            # "Qatar, which hosts a U.S. base, said ...": not the U.S.; but "X, who
            # announced that Washington will provide ...": Washington, for what it provides
            x.inside = clause if x.candidate else None
            x.candidate = False
        if any(s <= m.start < e for s, e in asides):
            x.candidate = False  # "Germany, along with France and Italy, has ...": Germany
        if classified and _LIST_GAP_RE.fullmatch(text[classified[-1].end : m.start]):
            head = classified[-1]
            if not head.candidate and _previous_word(text, head.m) in C.PLACE_PREPOSITIONS:
                x.candidate = False  # "from Syria and Iraq, and will ...": both places
        classified.append(x)
    return classified


def _agent(
    text: str,
    mentions: list[_Mention],
    status_cues: list[C.StatusCue],
    cue_start: int,
    anchor: int,
    *,
    cue: C.KindCue | None = None,
) -> tuple[_Mention | None, str]:
    if cue is not None:
        thanked = _thanked_for(text, mentions, cue)
        if thanked is not None:
            return thanked, "thanked for"
        source = _arrived_from(text, mentions, cue)
        if source is not None:
            return source, "source (from)"
    # "the arming of Kurdish fighters by Britain"
    if cue is not None:
        for x in mentions:
            if x.start >= cue.end and _words(text, cue.end, x.start) <= 6:
                before = text[cue.end : x.start]
                if (
                    re.search(r"\bby\s+(?:the\s+)?$", before)
                    and not re.search(r"[,;]", before)
                    and not _OTHER_PASSIVE_RE.search(before)
                ):
                    return x, "passive by"
    # "carried out by a number of countries, including France, the United States ...":
    # the first named of a group of agents (the rest are listed after it)
    if cue is not None:
        for x in mentions:
            if (
                x.start >= cue.end
                and _words(text, cue.end, x.start) <= 16
                and _BY_GROUP_INCLUDING_RE.search(text, cue.end, x.start)
                and ";" not in text[cue.end : x.start]
            ):
                return x, "passive by"
    # A name or demonym that modifies the cue: "The Dutch jets", "Belgian Air Force
    # F-16s", "the Canadian contingent of 70"; not "train 300 Iraqi soldiers".
    if cue is not None:
        modifier = _modifier(text, mentions, cue)
        if modifier is not None:
            return modifier, "modifier"
    # "Albania, who sent 10,000 rifles": the relative clause's actor; "Argentina and
    # Colombia are other countries that have also refused ...", "Canada is one of the
    # countries to have sent jets": the copula's subject does what they did.
    for pattern, how in ((_WHO_RE, "relative clause"), (_ONE_OF_THOSE_RE, "one of those")):
        for match in pattern.finditer(text, 0, cue_start):
            if cue_start >= _clause_end(text, match.end()):
                continue
            if any(match.end() <= x.start < cue_start for x in mentions):
                continue
            named = [x for x in mentions if x.end == match.start()]
            if named:
                return named[0], how
    # A possessive just before the cue: "Turkey's efforts to", "its air bases".
    owner = _owner(text, mentions, status_cues, cue_start)
    if owner is not None:
        return owner
    # "The latest Dutch package, worth ..., includes ammunition": the package's owner.
    for match in _PACKAGE_RE.finditer(text):
        if match.start() > anchor:
            break
        owner = [
            x
            for x in mentions
            if x.end <= match.start() and _PACKAGE_GAP_RE.fullmatch(text[x.end : match.start()])
        ]
        # "The aid from Estonia comprises ...", "the package from Berlin includes ..."
        owner += [
            x
            for x in mentions
            if re.fullmatch(
                r"[\s\u00a0]+from[\s\u00a0]+(?:the[\s\u00a0]+)?", text[match.end() : x.start]
            )
        ]
        if owner and _same_clause(text, match.end(), anchor):
            return owner[-1], "package owner"
    # "X said after meeting Y that the South American country will not send ...": the
    # country described is the speaker's, not the nearest name's.
    speaker = _described_speaker(text, mentions, anchor)
    if speaker is not None:
        return speaker, "speaker (the country)"
    # "her country would donate": the country of the person or demonym before.
    for match in _COUNTRY_PRONOUN_RE.finditer(text, 0, anchor):
        if _words(text, match.end(), anchor) > 3:
            continue
        referent = [
            x
            for x in mentions
            if x.end <= match.start() and (x.candidate or x.m.via in {DEMONYM, PERSON})
        ]
        if referent:
            return referent[-1], "possessive pronoun"
    # The nearest actor before the governing verb, unless it only reports.
    before = [
        x
        for x in mentions
        if (x.candidate or (x.inside and x.inside[0] <= anchor < x.inside[1])) and x.end <= anchor
    ]
    origin = before[-1].end if before else 0
    leader = next(
        (
            x
            for x in reversed(mentions)
            if x.end <= anchor and _AND_ITS_ALLIES_RE.match(text, x.end)
        ),
        None,
    )
    if leader is not None and leader.end >= origin:
        return leader, "with its allies"
    if C.GROUP_SUBJECT_RE.search(text, origin, anchor):
        return None, "blocked"  # "some nations had offered troops": not a named actor
    if not before:
        return None, ""
    agent = before[-1]
    if before[0].code != agent.code and _SOURCES_SAY_IT_RE.match(text, agent.end, anchor):
        # "Turkey denied statements by US officials that it had allowed ...": "it" is
        # the sentence's subject, not the country of the ones quoted
        return before[0], "subject"
    if not _reports_own(text, agent.end, anchor):
        return None, "blocked"
    return agent, "subject"


_SOURCES_SAY_IT_RE = re.compile(
    r"[\s\u00a0]+(?:officials?|sources?|diplomats?|media|spokes(?:man|woman|person)|reports?|"
    r"press|newspapers?)\b[^.;]{0,60}?\bthat\s+it\s+(?:\w+\s+){0,2}",
    re.IGNORECASE,
)


_BY_GROUP_INCLUDING_RE = re.compile(
    r"\bby\s+(?:the\s+)?(?:a\s+number\s+of\s+|several\s+|many\s+|some\s+|\d+\s+|other\s+|"
    r"a\s+dozen\s+)?(?:[\w-]+\s+)?(?:countries|nations|states|allies|partners|members)\s*,?\s+"
    r"(?:including|among\s+them|such\s+as|notably|led\s+by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "six F-16s was welcomed by Washington": the one who welcomed is not the giver; a
# passive of giving ("were sent by", "was pledged by") keeps the agent.
_OTHER_PASSIVE_RE = re.compile(
    r"(?:\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?)?\b"
    r"(?!(?:sent|supplied|provided|delivered|donated|given|pledged|offered|promised|"
    r"announced|funded|financed|paid|bought|purchased|contributed|deployed|flown|operated|"
    r"conducted|carried|launched|made|trained|manned|staffed|committed|gifted|transferred|"
    r"handed|shipped|dispatched|granted|pledged|earmarked|allocated|approved)\b)"
    r"\w+(?:ed|en|wn)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "The US and its Arab allies launched ...": the named one leads, its allies unnamed.
_AND_ITS_ALLIES_RE = re.compile(
    r"[\s\u00a0]+and[\s\u00a0]+(?:its|their|other|some|several)[\s\u00a0]+(?:[\w-]+[\s\u00a0]+)?"
    r"(?:allies|partners|nations|countries|states)\b",
    re.IGNORECASE,
)


def _owner(text, mentions, status_cues, cue_start):
    window_start = max(0, cue_start - 120)
    items: list[tuple[int, str, object]] = []
    for x in mentions:
        if _HELPED_BY_RE.match(text, x.end):
            continue  # "Kyiv's main weapons suppliers": the one given to
        if x.m.possessive and x.end <= cue_start and window_start <= x.start:
            suffix = re.match(r"['\u2019]s?", text[x.end :])
            items.append((x.end + (suffix.end() if suffix else 0), "actor", x))
    for match in C.POSSESSIVE_PRONOUN_RE.finditer(text, window_start, cue_start):
        items.append((match.end(), "pronoun", match))
    for match in _UNKNOWN_POSSESSIVE_RE.finditer(text, window_start, cue_start):
        if match.group(1) in _NOT_OWNERS:
            continue
        if any(x.start <= match.start() < x.end + 1 for x in mentions):
            continue
        items.append((match.end(), "unknown", match))
    items = [i for i in items if _words(text, i[0], cue_start) <= 4]
    if not items:
        return None
    _end, what, item = max(items, key=lambda i: i[0])
    if what == "actor":
        return item, "possessive"
    if what == "unknown":
        return None, "blocked"
    pronoun_start = item.start()
    before = [x for x in mentions if (x.candidate or x.owner) and x.end <= pronoun_start]
    if not before:
        return None
    referent = before[-1]
    if not _reports_own(text, referent.end, pronoun_start):
        return None
    return referent, "possessive pronoun"


_TRAINED_IN_RE = re.compile(
    r"\b(?:in|at\s+(?:bases|ranges|sites)\s+in)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]+,?\s+){0,2}$"
)
# "train security forces in Iraq", "Spain's armed forces in Mali": forces of, or serving
# in, the country named, which is then not where others were trained
_FORCES_IN_RE = re.compile(
    r"\b(?:forces|army|armies|troops|soldiers|police|fighters|units|personnel|militias?)"
    r"\s+in\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]+,?\s+){0,2}$",
    re.IGNORECASE,
)
_TRAINED_WITH_RE = re.compile(r"\b(?:with|by)\s+(?:the\s+)?$", re.IGNORECASE)
_TRAINERS_AFTER_RE = re.compile(
    r"\s+(?:forces|troops|instructors|soldiers|military|army|trainers|personnel)\b", re.IGNORECASE
)


def _trainer(text: str, mentions: list[_Mention], cue: C.KindCue) -> _Mention | None:
    end = _clause_end(text, cue.end)
    for x in mentions:
        if not cue.end <= x.start < end:
            continue
        lead = text[max(0, x.start - 40) : x.start]
        if (
            x.m.via in {NAME, ALIAS}
            and _TRAINED_IN_RE.search(lead)
            and not _FORCES_IN_RE.search(lead)
        ):
            return x
        if (
            x.m.via == DEMONYM
            and _TRAINED_WITH_RE.search(lead)
            and _TRAINERS_AFTER_RE.match(text, x.end)
        ):
            return x
    return None


# "air support to the ground forces", "jets in support of Iraqi troops": the ones supported
_SUPPORTED_RE = re.compile(
    r"\b(?:(?:to|for)\s+the|in\s+support\s+of(?:\s+the)?)\s+(?:[A-Za-z-]+\s+)?$", re.IGNORECASE
)
# "many won't be willing to ..., he said they can instead provide ...": unnamed others,
# not the actor of the sentence before.
_OTHERS_RE = re.compile(
    r"\b(?:many|some|few|most|several|others)\b(?=\s+(?:of\s+them\s+)?(?:won|will|would|can|"
    r"could|may|might|are|were|have|had|do|did)\b)|\b(?:said|says)\s+(?:that\s+)?they\b",
    re.IGNORECASE,
)


def _subject_owner(text: str, drafts: list[Frame], cue: C.KindCue) -> tuple[_Mention, str] | None:
    """ "two Chilean Rafale planes attacked", "RAF jets are poised to carry out air
    strikes": the owner of the aircraft that are the subject."""
    subject = next(
        (
            d
            for d in reversed(drafts)
            if d.how in {"modifier", "possessive"}
            and d.agent_mention is not None
            and d.cue.end <= cue.start
            and _same_clause(text, d.cue.start, cue.start)
            and _words(text, d.cue.end, cue.start) <= 6
        ),
        None,
    )
    if subject is None or subject.agent_mention is None:
        return None
    return subject.agent_mention, "the subject's owner"


def _fallback_agent(text, mentions, cue, anaphoric, previous_topic):
    for match in C.TRAILING_SPEECH_RE.finditer(text, cue.end):
        who_start, who_end = match.span("who")
        speaker = next((x for x in mentions if who_start <= x.start < who_end), None)
        if speaker is not None:
            return speaker, "trailing attribution"
    if anaphoric and previous_topic and not _OTHERS_RE.search(text, 0, cue.start):
        ghost = ActorMention(0, 0, previous_topic, "anaphora", "")
        return _Mention(ghost, candidate=True), "previous sentence"
    return None, ""


# ------------------------------------------------------------------ status, places


def _anchor(text: str, status_cues: list[C.StatusCue], cue: C.KindCue) -> int:
    """Start of the verb that governs the cue (the nearest status cue before it)."""
    before = [s for s in status_cues if s.end <= cue.start and _words(text, s.end, cue.start) <= 12]
    return before[-1].start if before else cue.start


def _status(text: str, status_cues: list[C.StatusCue], cue: C.KindCue) -> tuple[str, bool]:
    best: tuple[float, int, str] | None = None
    for s in status_cues:
        if s.start < cue.end and cue.start < s.end:
            distance = 0.0
        elif s.end <= cue.start:
            distance = float(_words(text, s.end, cue.start))
        else:
            # A verb after the cue governs it less often ("X will give aid and has
            # sent drones"), but does in "weapons it has already provided".
            distance = 2.0 * _words(text, cue.end, s.start) + 2
        if distance > 15 or not _same_clause(text, s.start, cue.start):
            continue
        key = (distance, C.STATUS_RANK[s.status], s.status)
        if best is None or key < best:
            best = key
    if best is None:
        return C.ANNOUNCED, False
    if best[2] == C.REFUSED and _shortfall(text, status_cues, cue):
        return C.COMMITTED, True
    return best[2], True


def _places(
    text: str,
    mentions: list[_Mention],
    draft: Frame,
    next_cue: int,
    previous_cue: int = 0,
) -> None:
    cue = draft.cue
    agent = draft.agent_mention
    start = agent.end if agent is not None and agent.end <= cue.start else 0
    start = max(start, previous_cue)
    if draft.kind == C.BASING:
        draft.asset = cue.asset or _asset_near(text, cue)
        if re.search(r"\b(?:its|their)\s+$", text[max(0, cue.start - 8) : cue.start]) or (
            draft.asset
        ):
            draft.host = draft.actor
    options: list[tuple[int, str, _Mention]] = []
    for x in mentions:
        if x.code == draft.actor or not (start <= x.start < next_cue) or x is agent:
            continue
        if x.start < cue.start and _words(text, x.end, cue.start) > 10:
            continue
        if C.LED_RE.match(text[x.end :]) or _followed_by(text, x, C.EVENT_NOUNS):
            continue
        if x.start < cue.start and previous_cue > (agent.end if agent else 0):
            continue  # "give support to X and aid to Y": X goes with the cue before
        lead = text[max(0, x.start - 40) : x.start]
        prep = re.search(r"\b(to|for|with|in|into|at)\s+(?:the\s+)?[\"“\u2018']?$", lead, re.I)
        gap_after_cue = text[cue.end : x.start] if x.start >= cue.end else None
        right_after = gap_after_cue is not None and re.fullmatch(
            r"[\s\u00a0]*(?:(?:of|to|for|with)\s+)?(?:the\s+)?[\"“\u2018']?", gap_after_cue
        )
        given = GIVE_VERBS_RE.search(lead)
        if (
            draft.kind in HOSTED_KINDS | {C.BASING}
            and prep
            and prep.group(1).lower()
            in {
                "to",
                "in",
                "into",
                "at",
            }
        ):
            continue  # hosts are found below
        if draft.kind == C.BASING and not (
            x.start < cue.start or re.fullmatch(r"[^,;]*", text[cue.end : x.start])
        ):
            continue
        if prep and prep.group(1).lower() in {"in", "into", "at"}:
            continue
        if prep or right_after or given or draft.kind == C.BASING:
            distance = abs(x.start - cue.end) if x.start >= cue.end else 2 * (cue.start - x.end)
            options.append((distance, x.code, x))
    if options and draft.recipient is None:
        draft.recipient = min(options, key=lambda o: o[0])[1]
    if draft.host is None and draft.kind in HOSTED_KINDS | {C.BASING}:
        draft.host = _host_after(text, mentions, draft, agent)


def _host_after(
    text: str, mentions: list[_Mention], draft: Frame, agent: _Mention | None
) -> str | None:
    """Where forces go: "deploy ... jets and ... personnel to the UAE", "bases in Jordan"."""
    cue = draft.cue
    origin = agent.end if agent is not None and agent.end <= cue.start else 0
    for x in mentions:
        if x.start < cue.end or x.code == draft.actor:
            continue
        if re.search(r"[;]|\bbut\b", text[cue.end : x.start]):
            return None
        lead = text[max(0, x.start - 40) : x.start]
        if not re.search(r"\b(?:to|in|into|at)\s+(?:the\s+)?$", lead, re.I):
            continue
        if draft.kind == C.BASING or DEPLOY_RE.search(text[origin : x.start]):
            return x.code
    return None


# ---------------------------------------------------------------------- helpers


def _clause_end(text: str, start: int) -> int:
    stop = re.search(
        r";|\.(?=\s+[A-Z\"“]|\s*$)|\bbut\b|,\s+(?:which|who|while|and\s+(?:is|are|was|were|will|has))\b",
        text[start:],
    )
    return start + stop.start() if stop else len(text)


def _territory(text: str, mentions: list[_Mention], start: int) -> _Mention | None:
    """The place whose access is given: "allow coalition troops to travel through Turkey"."""
    end = _clause_end(text, start)
    for x in mentions:
        if start <= x.start < end and re.search(
            r"\b(?:through|across|via|from|over)\s+(?:the\s+)?$",
            text[max(0, x.start - 20) : x.start],
        ):
            return x
    return None


def _shortfall(text: str, status_cues: list[C.StatusCue], cue: C.KindCue) -> bool:
    """A negated delivery of what was promised ("did not send ... the promised weapons",
    "has not yet received four systems"): the pledge stands, it is not a refusal."""
    negated = [
        s
        for s in status_cues
        if s.status == C.REFUSED and C.NEGATED_DELIVERY_RE.search(text[s.start : s.end])
    ]
    return bool(negated) and bool(C.SHORTFALL_RE.search(text))


_NAME_PART_RE = re.compile(
    r"(?:[\s\u00a0]+(?-i:[A-Z])[\w-]*){0,3}[\s\u00a0]+(?-i:Group|Initiative|Fund|Facility|"
    r"Conference|Forum|Compact|Format|Platform|Coalition\s+for)\b",
    re.IGNORECASE,
)
_HELPED_BY_RE = re.compile(
    r"['\u2019]s?[\s\u00a0]+(?:[\w-]+[\s\u00a0]+){0,3}?(?:suppliers|donors|backers|"
    r"allies|partners|supporters|benefactors|sponsors)\b",
    re.IGNORECASE,
)
# The one given to, right after the verb: "give Ukraine", "provide Iraq with".
_GIVING_VERBS = frozenset(
    [
        "give",
        "gives",
        "giving",
        "gave",
        "given",
        "provide",
        "provides",
        "providing",
        "provided",
        "send",
        "sends",
        "sending",
        "sent",
        "supply",
        "supplies",
        "supplying",
        "supplied",
        "offer",
        "offers",
        "offering",
        "offered",
        "hand",
        "hands",
        "handing",
        "handed",
        "grant",
        "grants",
        "granting",
        "granted",
        "promise",
        "promises",
        "promising",
        "promised",
        "sell",
        "sells",
        "selling",
        "sold",
        "lend",
        "lends",
        "lending",
        "lent",
    ]
)
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_ADVERBIAL_RE = re.compile(
    r"^(?:,?[\s\u00a0]+(?:(?:late|early)[\s\u00a0]+)?on[\s\u00a0]+\w+day"
    r"(?:[\s\u00a0]+(?:night|morning|afternoon|evening))?,?|"
    # "Turkey on Feb. 19 signed", "Chile on 3 March pledged", "Peru last week sent"
    rf",?[\s\u00a0]+on[\s\u00a0]+(?:{_MONTH}[\s\u00a0]+\d{{1,2}}|\d{{1,2}}[\s\u00a0]+{_MONTH}),?|"
    r",?[\s\u00a0]+(?:last|this|earlier\s+this|late\s+last)[\s\u00a0]+(?:week|month|year),?|"
    r",?[\s\u00a0]+(?:also|now|already|again|still|then|yesterday|today|later|earlier|"
    r"\w+ly)(?=[\s\u00a0]+[a-z]))",
)


def _previous_word(text: str, mention: ActorMention) -> str:
    """The word before ``mention``, past any determiner or compass word ("in northern
    Iraq"), in lower case."""
    for word in reversed(_WORD_RE.findall(text[max(0, mention.start - 60) : mention.start])):
        if word.lower() not in C.DETERMINERS and word.lower() not in _COMPASS_WORDS:
            return word.lower()
    return ""


_COMPASS_SIDES = ("north", "south", "east", "west", "northeast", "northwest", "southeast")
_COMPASS_WORDS = frozenset(
    f"{side}{suffix}" for side in (*_COMPASS_SIDES, "southwest") for suffix in ("", "ern")
) | {"central", "north-eastern", "north-western", "south-eastern", "south-western"}


# An institution named by its country: "the government of Chile", "the army of Peru".
_OFFICE_OF_RE = re.compile(
    r"\b(?:government|people|ministry|cabinet|parliament|president|prime\s+minister|king|army|"
    r"armed\s+forces|navy|air\s+force|(?:defen[cs]e|foreign)\s+ministry)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _classify(text: str, mention: ActorMention, kind_cues: list[C.KindCue]) -> _Mention:
    """Whether a mention can be the one acting (the subject), not a place or modifier."""
    gap = text[max(0, mention.start - 3) : mention.start]
    previous = _previous_word(text, mention)
    immediate = not re.search(r"[,;:()\"“”]", gap)
    after = text[mention.end :]
    if C.LED_RE.match(after):
        return _Mention(mention, candidate=False)
    if _NAME_PART_RE.match(after):
        return _Mention(mention, candidate=False)  # "the Ukraine Defense Contact Group"
    if _HELPED_BY_RE.match(after):
        return _Mention(mention, candidate=False)  # "Kyiv's main weapons suppliers"
    if previous in _GIVING_VERBS and immediate and not mention.possessive:
        return _Mention(mention, candidate=False)  # "to give Ukraine longer-range weapons"
    # "Belgium on Tuesday committed", "Norway also said": the verb after the adverbial
    after = _ADVERBIAL_RE.sub("", after, count=1)
    if re.search(r"[A-Za-z]['\u2019]s\s+$", text[max(0, mention.start - 6) : mention.start]):
        return _Mention(mention, candidate=False)  # "Australia's Iraq task group": a modifier
    if mention.possessive:
        # An owner ("Turkey's efforts"); after a preposition only for the possessive rule.
        acting = mention.via != DEMONYM and not (previous in C.PREPOSITIONS and immediate)
        return _Mention(mention, candidate=acting, owner=mention.via != DEMONYM)
    if (
        previous in C.PREPOSITIONS
        and immediate
        # "The government of Chile said": Chile's, as the subject
        and not _OFFICE_OF_RE.search(text, max(0, mention.start - 40), mention.start)
    ):
        return _Mention(mention, candidate=False)
    if mention.via == PERSON:
        return _Mention(mention, candidate=True)
    nxt = re.match(r"[\s\u00a0]+([A-Za-z][\w-]*)", after)
    cue_follows = any(
        0 <= c.start - mention.end <= 2
        or (c.start > mention.end and _words(text, mention.end, c.start) <= 1)
        for c in kind_cues
    )
    if nxt is None:
        # Followed by punctuation (or the end): a name can be the subject, a demonym cannot.
        return _Mention(mention, candidate=mention.via not in {DEMONYM})
    word = nxt.group(1)
    lower = word.lower()
    if previous in _SERVES_VERBS:
        # "will advise Iraqi troops", "to train Kurdish forces": the ones helped.
        return _Mention(mention, candidate=False, attributive=mention.via == DEMONYM)
    if lower in C.INSTITUTIONS or lower in C.ACT_NOUNS or cue_follows:
        return _Mention(mention, candidate=True)
    if mention.via == DEMONYM:
        # "The Dutch will send ...", "Belgians have flown ...": a people as the subject.
        as_noun = mention.surface.endswith("s") or re.search(
            r"\bthe\s+$", text[max(0, mention.start - 4) : mention.start], re.IGNORECASE
        )
        if as_noun and (lower in C.VERBS or lower.endswith("ed")):
            return _Mention(mention, candidate=True)
        return _Mention(mention, candidate=False, attributive=True)
    if word[0].isupper():
        return _Mention(mention, candidate=False, attributive=True)
    verb_like = (
        lower in C.VERBS
        or lower.endswith("ed")
        or (lower.endswith("s") and not lower.endswith("ss") and lower not in C.EVENT_NOUNS)
    )
    if verb_like:
        return _Mention(mention, candidate=True)
    if mention.via == CAPITAL:
        return _Mention(mention, candidate=False, attributive=True)
    return _Mention(mention, candidate=False, attributive=True)


# Verbs whose object is helped, not acting: "advise Iraqi troops", "train Kurdish forces".
_SERVES_VERBS = frozenset(
    # Not the forms that are also nouns ("what more support the United States can give").
    [
        "advise",
        "advising",
        "advised",
        "train",
        "training",
        "trained",
        "trains",
        "supporting",
        "supported",
        "helping",
        "helped",
        "assist",
        "assisting",
        "assisted",
        "arming",
        "armed",
        "equip",
        "equipping",
        "equipped",
        "mentor",
        "mentoring",
        "reinforce",
        "reinforcing",
        "bolster",
        "bolstering",
        "aiding",
        "protect",
        "protecting",
        "accompany",
        "accompanying",
        "alongside",
    ]
)

# Weapons fired at a target are used, not given: "Russia has launched missiles and drones
# to hit Ukraine's grid", "the use of North Korea's ballistic missiles against Ukraine".
_FIRED_AT_RE = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|fir(?:ed|es|ing)|us(?:ed|es|ing)|use\s+of|rain(?:ed|ing)|"
    r"hurl(?:ed|ing)?)\s+(?P<what>[^.;]{1,90}?)\s+(?:to\s+(?:hit|strike|attack|target|destroy|"
    r"bomb|shell)|at|against|on|into|towards?)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'\u2019-]+\s+)"
    r"{0,3}?(?:(?-i:[A-Z])|cities|towns|targets|infrastructure|positions|civilians|troops|"
    r"forces|territory)",
    re.IGNORECASE,
)


# Goods an airlift carries: "airlift missions supplying weapons", "an airlift of military
# equipment", "weapons airlift missions", "airlifting equipment and supplies".
_AIRLIFTED_BEFORE_RE = re.compile(
    r"\bairlift(?:s|ed|ing)?(?:\s+(?:missions?|flights?))?\s+(?:of\s+|supplying\s+|carrying\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_AIRLIFT_AFTER_RE = re.compile(r"\s+airlift\b", re.IGNORECASE)


def _carried_by_airlift(text: str, draft: Frame) -> bool:
    """Whether the draft's arms are what an airlift carries: the airlift is the
    contribution (logistics), not a gift of the goods."""
    if draft.kind != C.ARMS:
        return False
    return bool(
        _AIRLIFTED_BEFORE_RE.search(text, max(0, draft.cue.start - 60), draft.cue.start)
        or _AIRLIFT_AFTER_RE.match(text, draft.cue.end)
    )


def _the_coalitions_own(draft: Frame) -> bool:
    """Whether the draft's actor is the coalition only as an owner or a modifier ("the
    coalition's air campaign", "our coalition partners", "the coalition of drones"): the
    coalition acting is its subject ("The coalition has been bombing ...")."""
    mention = draft.agent_mention
    return (
        mention is not None
        and draft.how.startswith(("possessive", "modifier"))
        and "coalition" in mention.m.surface.lower()
    )


def _fired_at_a_target(text: str, draft: Frame) -> bool:
    """Whether the draft's goods are weapons fired at a target, not a pledge of them."""
    if draft.kind not in (C.ARMS, C.AIRCRAFT):
        return False
    return any(
        m.start("what") <= draft.cue.start < m.end("what") for m in _FIRED_AT_RE.finditer(text)
    )


# An amount spread over several lines of aid is money, not any one of them.
_MIXED_AID_RE = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:in|of|for)\s+(?:[\w-]+,\s+)+(?:[\w-]+,?\s+)?"
    r"(?:and|or)\s+[\w-]+\s+(?:aid|assistance|support|help)\b",
    re.IGNORECASE,
)
_LIST_GAP_RE = re.compile(r"(?:,?\s+(?:and|&)\s+|,\s+|\s+&\s+)(?:the\s+)?", re.IGNORECASE)
_RESPECTIVELY_RE = re.compile(r"\brespectively\b", re.IGNORECASE)


def _joint_drafts(
    text: str,
    mentions: list[_Mention],
    quantities: list[Quantity],
    draft: Frame,
    agent: _Mention,
) -> list[Frame]:
    """The other actors of a joint subject ("Norway and Sweden will send ..."), each with
    its own count when the sentence says "respectively" ("five and three jets")."""
    partners: list[_Mention] = []
    head = agent
    for x in reversed([m for m in mentions if m.end <= agent.start]):
        gap = text[x.end : head.start]
        if not _LIST_GAP_RE.fullmatch(gap) or x.code == agent.code:
            break
        if head is agent and not re.search(r"\band\b|&", gap):
            break  # the last link of a list is "and": "X, Y and Z"
        partners.insert(0, x)
        head = x
    lead = text[: partners[0].start] if partners else ""
    if partners and _IN_ADDITION_RE.search(lead) and re.match(r"\s*,", text[partners[0].end :]):
        partners = partners[1:]  # the companion, added by _companion_drafts
        lead = ""
    if not partners or (
        re.search(r"\b(?:in|at|to|from|of|for|against|with|over|on|into)\s+(?:\w+\s+){0,2}$", lead)
        and not _PEOPLE_OF_RE.search(lead)
    ):
        return []
    if re.search(r"\b(?:backing|supporting|joining|leading|opposing)\s+(?:the\s+)?$", lead):
        return []  # "the countries backing the coalition, and Australia has pledged"
    group = [*partners, agent]
    counts = None
    if _RESPECTIVELY_RE.search(text):
        between = [q for q in quantities if agent.end <= q.start and q.end <= draft.cue.start]
        if len(between) == 1:
            between = _split_list(text, between[0])  # "five and three" read as one number
        if len(between) == len(group):
            counts = between
    if counts is not None:
        draft.quantity = counts[-1]
    extra = []
    for i, partner in enumerate(partners):
        quantity = counts[i] if counts is not None else draft.quantity
        extra.append(
            replace(
                draft,
                actor=partner.code,
                how=f"joint ({draft.how})",
                agent_mention=partner,
                quantity=quantity,
                notes=list(draft.notes),
            )
        )
    return extra


# "The ministers of defense of Denmark and the Netherlands released ...": the people of
# a list of countries are the list's subject.
_PEOPLE_OF_RE = re.compile(
    r"\b(?:ministers?|leaders?|governments?|officials|representatives|delegations?|presidents|"
    r"prime\s+ministers|heads\s+of\s+(?:state|government)|chiefs)"
    r"(?:\s+of\s+(?:defen[cs]e|foreign\s+affairs|state))?\s+(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "thanked Sweden for the package", "thanks Canada and Norway for their support"
_THANKED_RE = re.compile(r"\bthank(?:s|ed|ing)?\s+(?:the\s+)?$", re.IGNORECASE)
# "... have arrived from the Netherlands", "were delivered from Poland"
_BOUGHT_RE = re.compile(
    r"\b(?:buy\w*|bought|purchas\w*|order\w*|import\w*|acquir\w*|procur\w*|seek\w*|sought|"
    r"request\w*|ask\w*\s+for)\s+(?:[\w,.-]+\s+){0,5}$",
    re.IGNORECASE,
)
_FROM_AFTER_CUE_RE = re.compile(
    r"\b(?:arriv\w*|came|come|coming|deliver\w*|sent|shipped|transferred|flown\s+in)\s+"
    r"(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _thanked_for(text: str, mentions: list[_Mention], cue: C.KindCue) -> _Mention | None:
    """The one thanked for what the cue names: the giver ("thanked Sweden for the
    package of military assistance")."""
    for x in mentions:
        if x.end > cue.start or not _THANKED_RE.search(text[max(0, x.start - 20) : x.start]):
            continue
        gap = text[x.end : cue.start]
        if (
            re.search(r"\bfor\b", gap)
            and not re.search(r"[;.]", gap)
            and _words(text, x.end, cue.start) <= 25
        ):
            return x
    return None


# A verb that takes goods away from a place: "withdrawing its jets from", "moved the
# aircraft from Jordan to Kuwait".
_TAKEN_AWAY_RE = re.compile(
    r"\b(?:withdr[ae]w\w*|pull(?:s|ed|ing)?(?:\s+out|\s+back)?|recall\w*|remov\w*|"
    r"redeploy\w*|relocat\w*|mov(?:e|es|ed|ing)|br(?:ing|ings|inging|ought)\s+(?:home|back))"
    r"\s+(?:[\w'\u2019-]+\s+){0,4}$",
    re.IGNORECASE,
)


def _arrived_from(text: str, mentions: list[_Mention], cue: C.KindCue) -> _Mention | None:
    """Where what the cue names came from, when the cue is the subject ("six fighter jets
    ... have arrived from the Netherlands")."""
    if _TAKEN_AWAY_RE.search(text, max(0, cue.start - 50), cue.start):
        return None  # "is withdrawing its jets from Syria": the place they leave
    for x in mentions:
        if x.start < cue.end or _words(text, cue.end, x.start) > 20:
            continue
        gap = text[cue.end : x.start]
        if re.fullmatch(
            r"[\s\u00a0]+from[\s\u00a0]+(?:the[\s\u00a0]+)?", gap
        ) and not _BOUGHT_RE.search(text, max(0, cue.start - 60), cue.start):
            return x  # "six aircraft from the U.S.", "jets from Jordan"
        if ";" in gap or not _FROM_AFTER_CUE_RE.search(gap):
            continue
        if re.search(r"\b(?:that|which)\b", gap):
            continue  # "jets that Ukraine bought from ...": another clause's subject
        return x
    return None


def _listed_after(text: str, mentions: list[_Mention], first: _Mention) -> list[_Mention]:
    """The actors listed after ``first`` ("by X, Y and Z": Y and Z)."""
    listed: list[_Mention] = []
    head = first
    for x in [m for m in mentions if m.start >= first.end]:
        if not _LIST_GAP_RE.fullmatch(text[head.end : x.start]) or x.code == first.code:
            break
        listed.append(x)
        head = x
    return listed


_PACKAGE_RE = re.compile(
    r"\b(?:package|tranche|contribution|donation|pledge|aid\s+package|assistance\s+package|"
    r"(?<=the\s)aid|shipment|consignment|delivery)s?\b",
    re.IGNORECASE,
)
_PACKAGE_GAP_RE = re.compile(
    r"[\s\u00a0]+(?:(?:latest|new|first|second|third|next|additional|further|military|"
    r"security|defen[cs]e|aid|weapons|arms)[\s\u00a0]+){0,3}"
)


def _speaker(text: str, mentions: list[_Mention], cue: C.KindCue) -> _Mention | None:
    """ "Spanish Defence Minister X confirmed that six tanks had left": the speaker's
    country, when the sentence names no other actor before the cue and what is reported
    has no subject of its own ("that some nations had offered" has)."""
    before = [x for x in mentions if x.end <= cue.start]
    if len({x.code for x in before}) != 1 or before[0].m.via not in {DEMONYM, PERSON}:
        return None
    speech = C.SPEECH_RE.search(text, before[-1].end, cue.start)
    if speech is None:
        return None
    # "said that ...", or "said air strikes would now be carried out": the cue opens
    # what is reported
    if not re.match(r"\s+that\b", text[speech.end() :]) and not _REPORTED_CUE_RE.fullmatch(
        text, speech.end(), cue.start
    ):
        return None
    if C.GROUP_SUBJECT_RE.search(text, speech.end(), cue.start):
        return None
    return before[0]


# "the South American country", "the Gulf state", "the Nordic nation"
_DESCRIBED_COUNTRY_RE = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w-]*\s+){1,3}(?:country|nation|kingdom|state|republic)\b"
)


def _described_speaker(text: str, mentions: list[_Mention], anchor: int) -> _Mention | None:
    """The speaker's country, when what is reported calls it "the ... country"."""
    for described in _DESCRIBED_COUNTRY_RE.finditer(text, 0, anchor):
        if _words(text, described.end(), anchor) > 3:
            continue
        if any(described.start() <= x.start < described.end() for x in mentions):
            continue  # "the Islamic State": a name, not a description
        speech = [
            m
            for m in C.SPEECH_RE.finditer(text, 0, described.start())
            if re.match(r"\s+that\b|[^.;]{0,80}?\bthat\s+$", text[m.end() : described.start()])
        ]
        if not speech:
            continue
        speakers = [
            x for x in mentions if x.end <= speech[0].start() and x.m.via in {DEMONYM, PERSON}
        ]
        if speakers:
            return speakers[0]
    return None


_REPORTED_CUE_RE = re.compile(
    r"[\s\u00a0]+(?:(?:the|its|their|his|her|new|more|further|additional|another|a|up\s+to|"
    r"about|some|around|nearly|almost|more\s+than|over|at\s+least|[\d,]+|two|three|four|five|"
    r"six|seven|eight|nine|ten|several|dozens\s+of|hundreds\s+of)[\s\u00a0]+)*",
    re.IGNORECASE,
)
_WHO_RE = re.compile(r",\s+(?:who|which)\s+(?:has\s+|have\s+|had\s+|also\s+|already\s+)*", re.I)
_ONE_OF_THOSE_RE = re.compile(
    r"\s+(?:is|are|was|were|remains?|remained|became|become)\s+(?:also\s+)?(?:one\s+of\s+|among\s+)?"
    r"(?:the\s+)?(?:other\s+|few\s+|only\s+|first\s+|latest\s+|last\s+|second\s+|third\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:countries|nations|states|members|allies|partners|country|nation|"
    r"state|member|ally|partner)(?:\s+(?:in|of|from)\s+(?:the\s+)?[\w-]+)?\s+(?:that|which|who|to)"
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|already\s+)*",
    re.I,
)
_COUNTRY_PRONOUN_RE = re.compile(
    r"\b(?:his|her|its|their)\s+(?:own\s+)?(?:country|nation|government)\b", re.IGNORECASE
)
# Between a subject and a cue, verbs that make the subject the one receiving or asking.
_RECEIVE_RE = re.compile(
    r"\b(?:receiv\w*|got|gets|obtain\w*|acquir\w*|request(?:ed|ing)|(?:submitted|made|sent)\s+"
    r"a\s+request|ask(?:ed|s|ing)?\s+for|"
    r"needs?(?!\s+(?:[\w-]+\s+){0,4}?for\s+(?:its|their|our)\s+own\b)|wants?|seek\w*|"
    r"sought|master\w*|learn\w*|trained\s+(?:on|with|in)|(?:was|were|is|are|been|being)\s+"
    r"trained|took\s+delivery|"
    # trainees: "crews completed training", "pilots will take part in the training"
    r"(?:complet\w*|underw\w*|undergo\w*|(?:take|took|taking)\s+part\s+in|attend\w*|"
    r"graduat\w*|finish\w*)(?=\s+(?:[\w-]+\s+){0,3}?(?:training|course|instruction)))\b",
    re.IGNORECASE,
)
_PROMISED_AFTER_RE = re.compile(
    r"\s+(?:had\s+|has\s+|have\s+)?(?:promised|pledged|committed|sent|supplied|delivered|"
    r"provided|donated)\b",
    re.IGNORECASE,
)
_GIVER_AFTER_RE = re.compile(
    r"\b(?:(?:from|by)\s+(?:the\s+)?|(?:that|which)\s+(?:the\s+)?|with\s+(?:the\s+)?)$",
    re.IGNORECASE,
)


def _receives(text: str, agent: _Mention, cue: C.KindCue) -> bool:
    if agent.end > cue.start:
        return False
    # Matched on the whole text, so that "needs ... for its own defence" sees its end.
    return any(agent.end <= m.start() < cue.start for m in _RECEIVE_RE.finditer(text))


def _source(
    text: str, mentions: list[_Mention], cue: C.KindCue, recipient: _Mention
) -> _Mention | None:
    """Who gives what the subject receives: "from the U.K.", "that the United States
    promised", "trained ... with American forces"."""
    end = _clause_end(text, cue.end)
    for x in mentions:
        if x.code == recipient.code or not (cue.end <= x.start < end):
            continue
        lead = text[max(0, x.start - 20) : x.start]
        trained_in = cue.kind == C.TRAINING and re.search(
            r"\bin\s+(?:the\s+)?(?:[A-Z][\w-]+,\s+)?$", lead
        )  # "completed training in Zaragoza, Spain": the host country trains
        # "a third of the shells the EU promised": the one that promised them
        promised = re.fullmatch(r"\s*(?:the\s+)?", text[cue.end : x.start]) and (
            _PROMISED_AFTER_RE.match(text, x.end)
        )
        if not _GIVER_AFTER_RE.search(lead) and not trained_in and not promised:
            continue
        with_forces = re.match(
            r"\s+(?:forces|troops|instructors|trainers|personnel)\b", text[x.end :]
        )
        if re.search(r"\bwith\s+(?:the\s+)?$", lead, re.IGNORECASE) and not with_forces:
            continue
        return x
    return None


_GROUP_REFERENCE_RE = re.compile(
    r"\b(?:each|both|all)(?:\s+(?:of\s+them|two|three|four|five))?(?:\s+(?:nations?|countries|"
    r"country|states?|governments?|allies|partners))?\b|"
    r"\bthe\s+(?:two|three|four|five|six)\s+(?:countries|nations|states|allies|governments|"
    r"partners)\b|^[\"“]?They\b",
    re.IGNORECASE,
)


def _subject_group(
    text: str, mentions: list[_Mention], candidates: list[_Mention]
) -> list[_Mention]:
    """The first subject and the actors listed with it ("Norway and Sweden agreed");
    failing a clear subject, the first name not in a prepositional phrase."""
    heads = candidates or [x for x in mentions if x.attributive and x.m.via != DEMONYM]
    if not heads:
        return []
    head = heads[0]
    group = [head]
    for x in reversed([m for m in mentions if m.end <= head.start]):
        if not _LIST_GAP_RE.fullmatch(text[x.end : group[0].start]) or x.code == head.code:
            break
        group.insert(0, x)
    for x in [m for m in mentions if m.start >= head.end]:
        if not _LIST_GAP_RE.fullmatch(text[group[-1].end : x.start]) or x.code == head.code:
            break
        group.append(x)
    return group


def _group_reference(text: str, mentions: list[_Mention], anchor: int) -> int | None:
    """Where a subject that means several actors named before starts ("Each nation would
    send", "Both countries have committed", "They will"), if it governs the verb at
    ``anchor``; else None."""
    for match in _GROUP_REFERENCE_RE.finditer(text, 0, anchor):
        if _words(text, match.end(), anchor) > 4:
            continue
        if any(match.end() <= x.start < anchor for x in mentions):
            continue
        return match.start()
    return None


_COMPANION_BEFORE_RE = re.compile(r"\b(?:along|together)\s+with\s+(?:the\s+)?$", re.IGNORECASE)
# Companions set off by commas between the subject and its verb: "Germany, along with
# France, Britain and Italy, has stepped up ...".
_ALONG_WITH_ASIDE_RE = re.compile(
    r",\s+(?:along|together)\s+with\s+(?P<list>[^;.]{1,120}?),\s+"
    r"(?=(?:has|have|had|is|are|was|were|will|would|also|already|on|last|this|jointly)\b)",
    re.IGNORECASE,
)
# "In addition to the United States, Chile and Peru have ...", "seven governments in
# addition to the United States have pledged", "in addition to support from the US": it
# did so too
_IN_ADDITION_RE = re.compile(
    r"\b(?:in\s+addition\s+to|besides|alongside)\s+(?:(?:support|help|aid|assistance|"
    r"contributions?|those|that)\s+(?:from|of)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "entered into a partnership with Germany and the Netherlands to donate", "jointly with"
_PARTNERED_RE = re.compile(
    r"\b(?:(?:a\s+|in\s+)?(?:partnership|cooperation|co-?operation|coordination|conjunction|"
    r"tandem|coalition|consortium)|jointly|together)\s+with\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "decision to join the coalition with the US and arm ...": the coalition is the US's,
# not a partnership in what follows
def _companion_of_group(text: str, mentions: list[_Mention], anchor: int) -> _Mention | None:
    """The named actor "in addition to" whom a group subject acts ("seven governments in
    addition to the United States have pledged"), not one set off by a comma."""
    return next(
        (
            x
            for x in mentions
            if x.end <= anchor
            and _IN_ADDITION_RE.search(text, max(0, x.start - 50), x.start)
            and not re.search(r"[,;:]", text[x.end : anchor])
        ),
        None,
    )


_JOINED_WITH_RE = re.compile(
    r"\bjoin(?:ed|s|ing)?\s+(?:the|a|its)\s+coalition\s+with\s+(?:the\s+)?$", re.I
)
_COMPANION_JOINED_RE = re.compile(r"\bjoin(?:ed|s|ing)?\s+(?:the\s+)?$", re.IGNORECASE)


def _companion_drafts(text: str, mentions: list[_Mention], draft: Frame) -> list[Frame]:
    """The actor the subject acts with: "X joined the U.S. in launching airstrikes",
    "Along with the United States, X and Y have struck ..."."""
    asides = [m.span("list") for m in _ALONG_WITH_ASIDE_RE.finditer(text)]

    def with_listed(x: _Mention, how: str) -> list[Frame]:
        return [
            replace(draft, actor=y.code, how=how, agent_mention=y, notes=[])
            for y in [x, *_listed_after(text, mentions, x)]
            if y.code != draft.actor and y.start < draft.cue.start
        ]

    extra = []
    for x in mentions:
        if x.code == draft.actor or x.start >= draft.cue.start:
            continue
        lead = text[max(0, x.start - 30) : x.start]
        joined = _COMPANION_JOINED_RE.search(lead) and re.match(
            r"\s+in\s+\w+ing\b", text[x.end : draft.cue.start]
        )
        along = (_COMPANION_BEFORE_RE.search(lead) or _IN_ADDITION_RE.search(lead)) and re.match(
            r"\s*,", text[x.end :]
        )
        partnered = (
            draft.agent_mention is not None
            and draft.agent_mention.end <= x.start
            and _PARTNERED_RE.search(lead)
            and not _JOINED_WITH_RE.search(lead)
            and _same_clause(text, x.end, draft.cue.start)
        )
        aside = _COMPANION_BEFORE_RE.search(lead) and any(s <= x.start < e for s, e in asides)
        if aside:
            # the whole list set off by commas: "along with France, Britain and Italy,"
            extra.extend(with_listed(x, "companion"))
        elif joined or along:
            extra.append(replace(draft, actor=x.code, how="companion", agent_mention=x, notes=[]))
        elif partnered:
            extra.extend(with_listed(x, "partner"))
    return extra


def _sum_listed_counts(text: str, drafts: list[Frame]) -> None:
    """ "four operational planes and three reserve jets" is seven aircraft: counts of one
    actor, kind and unit listed with "and" add up (the parts stay in the quote)."""
    counted = sorted(
        (d for d in drafts if d.quantity is not None and d.quantity.value_max is None),
        key=lambda d: d.cue.start,
    )
    for first, second in itertools.pairwise(counted):
        if first.kind == C.ARMS:
            continue  # "40 fighting vehicles and two Patriot systems" are two items
        if (first.actor, first.kind, first.cue.unit) != (
            second.actor,
            second.kind,
            second.cue.unit,
        ):
            continue
        q1, q2 = first.quantity, second.quantity
        if q1 is q2 or q2.start < first.cue.end:
            continue
        if not re.fullmatch(r"\s*,?\s*(?:and|plus)\s+", text[first.cue.end : q2.start]):
            continue
        total = replace(q1, value=q1.value + q2.value, end=q2.end)
        first.quantity = second.quantity = total


def _split_list(text: str, quantity: Quantity) -> list[Quantity]:
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", text[quantity.start : quantity.end])
    values = [parse_number(p) for p in parts]
    if len(parts) < 2 or any(v is None or v != int(v) for v in values):
        return [quantity]
    return [replace(quantity, value=int(v), value_max=None, qualifier="exact") for v in values]


_TRAINEES_RE = re.compile(r"\btrain(?:s|ed|ing)?\s+(?:[\w,.-]+\s+){0,3}$", re.IGNORECASE)
# "... and body armour, but no weapons": the end of a list of what was given. ("that no
# Italian troops would be deployed" is a refusal, read by the status cues.)
_NONE_OF_RE = re.compile(
    r"\b(?:(?:but|and|or)\s+no|nor|without(?:\s+any)?)\s+(?:\w+\s+)?$", re.IGNORECASE
)
# After a personnel cue, a predicate that makes them the trainees.
_TRAINEES_AFTER_RE = re.compile(
    r"[^.;]{0,60}?\b(?:will\s+|would\s+|have\s+|has\s+)?(?:complet\w*|underw\w*|undergo\w*|"
    r"(?:take|took|taking)\s+part\s+in|attend\w*|graduat\w*|finish\w*)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:training|course|instruction)\b",
    re.IGNORECASE,
)
_APPROVING_RE = re.compile(
    r"\b(?:in\s+favou?r\s+of|approv\w*|authori[sz]\w*|back\w*|endors\w*|support\w*\s+for|"
    r"vot\w*\s+(?:for|on))\s+(?:the\s+|further\s+|more\s+)?$",
    re.IGNORECASE,
)
_SUM_IN_RE = re.compile(
    r"(?:\d|\b(?:million|billion|bn|mln|m|thousand|euros?|dollars?|pounds?|francs?|kron(?:e|er|or)|"
    r"crowns?))[\s\u00a0]+(?:worth[\s\u00a0]+)?(?:in|of)[\s\u00a0]+$",
    re.IGNORECASE,
)
_PROVIDE_WITH_RE = re.compile(
    r"\b(?:provid\w*|suppl\w*|equip\w*|arm|arms|armed|arming)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_TRAINED_AFTER_RE = re.compile(
    r"[\s\u00a0]+(?:(?:being|been|already|now|to\s+be)[\s\u00a0]+)*trained\b", re.IGNORECASE
)


def _counts_trainees(
    text: str, kind_cues: list[C.KindCue], quantity: Quantity | None, cue: C.KindCue
) -> bool:
    """Whether ``quantity`` counts the people trained ("30,000 soldiers trained")."""
    if quantity is None:
        return False
    return any(
        t.kind == C.TROOPS
        and quantity.end <= t.start
        and t.end <= cue.start
        and _TRAINED_AFTER_RE.match(text, t.end)
        for t in kind_cues
    )


# Before an equipment cue, the training it is the subject of: "train pilots on using the
# US-made aircraft", "completed training on Leopard tanks".
_TRAINED_ON_RE = re.compile(
    r"\b(?:train\w*|course|instruct\w*|familiari[sz]\w*|(?:learn|learned|learnt|learning)\s+"
    r"to\s+(?:fly|use|operate))\s+(?:[\w-]+\s+){0,4}?(?:on|with|to\s+(?:fly|use|operate)|in\s+"
    r"(?:using|flying|operating)|for)\s+(?:using\s+|flying\s+|operating\s+)?(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_TRAINING_NOUN_AFTER_RE = re.compile(
    r"[\s\u00a0-]+(?:pilot\s+)?(?:training|simulators?|instructors?|trainers?|courses?|"
    r"(?:flight\s+)?schools?|academy)\b",
    re.IGNORECASE,
)
_MODIFIER_GAP_RE = re.compile(
    r"(?:[\s\u00a0]+|[A-Z][\w/'\u2019-]*|\d[\d,.]*|military|armed|air|naval|army|force|forces|"
    r"fighter|combat|contingent|complement|detachment|of|some|about|around|nearly|more|than|"
    r"up|to)*"
)
# Before a mention, words that make it the one receiving: "train 300 Iraqi soldiers".
_RECEIVER_LEAD_RE = re.compile(
    r"\b(?:train\w*|arm\w*|equip\w*|support\w*|help\w*|join\w*|advis\w*|assist\w*|mentor\w*|"
    r"reinforc\w*|bolster\w*|protect\w*|accompan\w*|alongside|to|for|of|with|against|"
    r"on|from|by|into|in|over|than|and)[\s\u00a0]+(?:[\w,.]+[\s\u00a0]+){0,2}$",
    re.IGNORECASE,
)


# "to provide Swedish aircraft": the demonym right after a verb of giving is the giver's.
_SENDING_OF_RE = re.compile(
    r"\b(?:deployment|dispatch|despatch|sending|arrival|presence|contribution|delivery|transfer|"
    r"donation|withdrawal|return|number|total|size|strength)\s+of\s+(?:[\w,.-]+\s+){0,4}$",
    re.IGNORECASE,
)
_GIVE_LEAD_RE = re.compile(
    r"\b(?:provid\w*|send\w*|sent|suppl\w*|deliver\w*|donat\w*|giv\w*|gave|gift\w*|deploy\w*|"
    r"transfer\w*|allow\w*|let|permit\w*|authori[sz]\w*|approv\w*)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:up\s+to\s+|about\s+|some\s+)?(?:[\d,]+|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|a\s+dozen|several)\s+)?$",
    re.IGNORECASE,
)


def _modifier(text: str, mentions: list[_Mention], cue: C.KindCue) -> _Mention | None:
    for x in reversed(mentions):
        if x.start < cue.start < x.end <= cue.end and not x.m.possessive:
            return x  # "1,600 US military advisers": the name runs into the cue
        if x.end > cue.start:
            continue
        if _words(text, x.end, cue.start) > 6:
            return None
        if x.m.possessive or C.LED_RE.match(text[x.end :]):
            return None
        if _NAME_PART_RE.match(text, x.end):
            return None  # "the Ukraine Security Assistance Initiative": a name's part
        if not _MODIFIER_GAP_RE.fullmatch(text[x.end : cue.start]):
            return None
        lead = text[max(0, x.start - 40) : x.start]
        # After a verb of giving, a demonym is the giver's ("provide Swedish jets"), a
        # name the recipient ("give Ukraine 10 tanks").
        giver = x.m.via == DEMONYM and (
            _GIVE_LEAD_RE.search(lead) or _SENDING_OF_RE.search(lead)
        )  # "the deployment of up to 1,500 more American troops"
        if giver and re.match(r"[\s\u00a0]+with\b", text[cue.end :]):
            giver = False  # "provide Ukrainian troops with equipment": they receive
        if x.m.via == DEMONYM and _SUM_IN_RE.search(lead):
            giver = True  # "977 million euros in Belgian military aid"
        if (
            x.m.via == DEMONYM
            and cue.kind in {C.AIRSTRIKES, C.AIRCRAFT}
            and _APPROVING_RE.search(lead)
        ):
            giver = True  # "voted in favour of British air strikes"
        if (_RECEIVER_LEAD_RE.search(lead) or _GIVE_LEAD_RE.search(lead)) and not giver:
            return None
        return x
    return None


def _followed_by(text: str, mention: _Mention, words: frozenset[str]) -> bool:
    nxt = re.match(r"[\s\u00a0]+([A-Za-z][\w-]*)", text[mention.end :])
    return bool(nxt and nxt.group(1).lower() in words)


def _reports_own(text: str, speaker_end: int, anchor: int) -> bool:
    """False when a speech verb between the actor and the verb introduces someone else."""
    speech = list(C.SPEECH_RE.finditer(text, speaker_end, anchor))
    if not speech:
        return True
    rest = text[speech[-1].end() : anchor]
    if speech[-1].group(0) in {"told", "tells"}:
        that = re.search(r"\bthat\b", rest)
        if that and _words(rest, 0, that.start()) <= 8:
            rest = rest[that.end() :]
    rest = re.sub(
        r"^[\s\u00a0]*(?:(?:(?:on|late|early|last|this)\s+)?\w+day(?:\s+(?:night|morning|evening))?|"
        r"yesterday|today|tonight|on\s+\w+\s+\d+|"
        r"(?:last|this|next)\s+(?:week|month|year)|in\s+a\s+statement|on\s+\w+)?,?",
        "",
        rest,
    )
    rest = re.sub(r"^[\s\u00a0]*(?:that\s+)?[\"“\u2018']?[\s\u00a0]*", "", rest)
    if _SAME_COUNTRY_RE.match(rest):
        return True  # "Poland's minister said the country would send": the speaker's own
    if not rest.strip() and speech[-1].group(0) in {"announced", "confirmed"}:
        return True  # "Poland has announced an end to its transfers": the act itself
    first = re.match(r"[A-Za-z']+", rest)
    return bool(first and first.group(0).lower() in C.PRONOUNS)


_SAME_COUNTRY_RE = re.compile(
    r"the\s+(?:country|nation|government|kingdom|republic|state)\b(?!['\u2019])", re.IGNORECASE
)


def _led_before(text: str, mention: _Mention, cue: C.KindCue) -> bool:
    between = text[mention.end : cue.start]
    return bool(re.fullmatch(r"-led\s+", between))


def _quantity_before(
    text: str, quantities: list[Quantity], cue: C.KindCue, kind_cues: list[C.KindCue]
) -> Quantity | None:
    for q in reversed(quantities):
        if q.end > cue.start:
            continue
        if _is_year(text, q):
            return None
        if _CALIBRE_RE.match(text, q.end):
            continue  # "152 mm artillery shells": a calibre; "20,000 155mm shells" counts
        gap = text[q.end : cue.start]
        if _UNITS_OF_RE.fullmatch(gap) or _PARTITIVE_RE.fullmatch(gap):
            return q  # "500,000 rounds of ammunition", "six of its Leopard tanks"
        if re.search(
            r"[,;.:()]|(?<![\w-])(?:and|or|but|of|to|in|for|than|when|where|while|which|that|as|"
            r"after|before|since|with)(?![\w-])",
            gap,
        ):
            return None
        if len(gap.split()) > 5:  # "80,840 surplus small unarmed air-to-surface rockets"
            return None
        if any(q.end <= c.start < cue.start for c in kind_cues):
            return None
        return _count_before_model(text, quantities, q)
    return None


_CALIBRE_RE = re.compile(r"[\s\u00a0-]?(?:mm|millimet(?:er|re))\b", re.IGNORECASE)
_UNITS_OF_RE = re.compile(
    r"[\s\u00a0]+(?:million\s+|thousand\s+)?(?:rounds|shells|pieces|units|sets|batteries|"
    r"boxes|crates|items)\s+of\s+(?:[\w-]+\s+){0,2}?",
    re.IGNORECASE,
)
_PARTITIVE_RE = re.compile(
    r"[\s\u00a0]+of[\s\u00a0]+(?:its|their|the|his|her|our)[\s\u00a0]+(?:[\w-]+[\s\u00a0]+){0,3}?",
    re.IGNORECASE,
)
_MODEL_WORD_RE = re.compile(r"[\s\u00a0]+(?-i:[A-Z])[\w-]*[\s\u00a0]+$", re.IGNORECASE)


def _count_before_model(text: str, quantities: list[Quantity], q: Quantity) -> Quantity:
    """ "10 Stridsvagn 122 tanks": a number after a model's name is part of the name, and
    the count is the number before it."""
    earlier = [p for p in quantities if p.end <= q.start]
    if earlier and _MODEL_WORD_RE.fullmatch(text, earlier[-1].end, q.start):
        return earlier[-1]
    return q


_RAISED_TO_RE = re.compile(
    # "raising its trainers (in northern Iraq) (from 70) to about 150"
    r"[\s\u00a0]+(?:(?:in|at|on|there|deployed\s+in|stationed\s+in|serving\s+in)"
    r"(?:[\s\u00a0]+(?-i:[A-Z]|the\b|northern\b|southern\b|eastern\b|western\b)[\w-]*){1,3}"
    r"[\s\u00a0]+)?(?:(?:from\s+(?:about\s+|some\s+)?[\d,]+\s+)?to|at|of)[\s\u00a0]+$",
    re.IGNORECASE,
)
_RISES_TO_RE = re.compile(
    r"\b(?:will\s+|would\s+|is\s+to\s+|are\s+to\s+)?(?:rise|rises|rose|risen|grow|grows|grew|"
    r"climb\w*|increase[sd]?|be\s+(?:raised|increased|boosted|brought\s+up)|go\s+up|"
    r"reach\w*)\s+to\s+(?:about\s+|around\s+|some\s+|nearly\s+|more\s+than\s+)?",
    re.IGNORECASE,
)
_RAISING_RE = re.compile(
    r"\b(?:rais\w*|increas\w*|boost\w*|doubl\w*|tripl\w*|bring\w*|brought|expand\w*|"
    r"lift\w*|cut\w*|reduc\w*|number\w*|total\w*)\b[^,;.]{0,40}$",
    re.IGNORECASE,
)


_OF_PROMISED_RE = re.compile(
    r",?\s+(?:out\s+)?of\s+(?:the\s+)?(?P<n>[\d,]+|[a-z]+)\s+(?:it|they|that|which|\w+)?\s*"
    r"(?:had\s+|has\s+|have\s+)?(?:pledged|promised|committed)\b",
    re.IGNORECASE,
)


def _quantity_promised(text: str, quantities: list[Quantity], cue: C.KindCue) -> Quantity | None:
    """ "has delivered 14 tanks, of the 60 it pledged": the count promised is the pledge's
    (the coding guide's "X of the Y promised")."""
    promised = _OF_PROMISED_RE.match(text, cue.end)
    if promised is None:
        return None
    return next((q for q in quantities if q.start == promised.start("n")), None)


_COLLECTIVE_OF_RE = re.compile(
    r"(?:contingent|force|detachment|team|complement|deployment|group|unit)s?$", re.IGNORECASE
)


def _quantity_after(text: str, quantities: list[Quantity], cue: C.KindCue) -> Quantity | None:
    """A count after the noun: "raising its trainers to about 150", "troops numbering 600",
    "the Belgian contingent of 100"."""
    if _COLLECTIVE_OF_RE.search(text[cue.start : cue.end]):
        following = next((q for q in quantities if q.start >= cue.end), None)
        if following is not None and re.fullmatch(
            r"[\s\u00a0]+of[\s\u00a0]+(?:about\s+|some\s+|around\s+|up\s+to\s+|nearly\s+)?",
            text[cue.end : following.start],
        ):
            return following
    rises = _RISES_TO_RE.search(text, cue.end, _clause_end(text, cue.end))
    if rises is not None:
        # "the number of Australian troops in Iraq will rise to 900"
        return next((q for q in quantities if q.start == rises.end()), None)
    if not _RAISING_RE.search(text[max(0, cue.start - 60) : cue.start]) and not re.match(
        r"[\s\u00a0]+(?:number\w*|total\w*)", text[cue.end :]
    ):
        return None
    for q in quantities:
        if q.start < cue.end:
            continue
        gap = text[cue.end : q.start]
        if _RAISED_TO_RE.fullmatch(gap) or re.fullmatch(
            r"[\s\u00a0]+(?:number\w*|total\w*)[\s\u00a0]+(?:about\s+|some\s+)?", gap
        ):
            return q
        return None
    return None


_RAISED_NUMBER_RE = re.compile(
    r"\b(?:increas|rais|boost|lift|upp)\w*\s+(?:the\s+(?:number|total|figure|count|"
    r"commitment|pledge)|it|that|this)\s+to\s+(?:about\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)


_YEAR_LEAD_RE = re.compile(
    r"\b(?:in|since|by|until|till|from|of|early|late|mid|spring|summer|autumn|fall|winter|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
    r"[\s\u00a0]+$",
    re.IGNORECASE,
)


def _is_year(text: str, q: Quantity) -> bool:
    """ "in 2015", "since 2014": a year, not a count."""
    return bool(
        re.fullmatch(r"(?:19|20)\d\d", text[q.start : q.end])
        and _YEAR_LEAD_RE.search(text[max(0, q.start - 12) : q.start])
    )


def _quantity_raised(text: str, quantities: list[Quantity], cue: C.KindCue) -> Quantity | None:
    """A later figure that replaces the first: "14 tanks, ... later increased the number to
    18"."""
    end = _clause_end(text, cue.end)
    for q in quantities:
        if cue.end <= q.start < end and _RAISED_NUMBER_RE.search(
            text[max(0, q.start - 50) : q.start]
        ):
            return q
    return None


_ONE_RE = re.compile(
    r"\b(?:a|an|one|a\s+single)\s+(?:(?:full|complete|further|new|second|"
    r"[A-Z][\w-]*|[\w-]+-[\w-]+)\s+){0,4}$"
)


def _one(text: str, cue: C.KindCue, kind_cues: list[C.KindCue]) -> Quantity | None:
    """ "a Patriot air-defence system", "one NASAMS battery": a single piece of equipment."""
    if cue.kind not in {C.ARMS, C.AIRCRAFT} or cue.unit in {C.AID, C.AID_WITH_AMOUNT}:
        return None
    head = text[cue.start : cue.end]
    if re.match(r"\s+(?:[\w-]+\s+){0,2}?system\b", text[cue.end :]):
        head += " system"  # "a Patriot missile defence system"
    if not re.search(
        r"(?:system|battery|launcher|tank|jet|aircraft|plane|helicopter|howitzer|"
        r"vehicle|Patriot|NASAMS|IRIS-T)$",
        head,
        re.IGNORECASE,
    ):
        return None
    # The noun phrase may start at an earlier cue ("a Patriot air defense system").
    start = cue.start
    for c in reversed(kind_cues):
        if c.end <= start and re.fullmatch(r"[\s\w-]{0,3}", text[c.end : start]):
            start = c.start
    match = _ONE_RE.search(text[max(0, start - 40) : start])
    if match is None:
        return None
    begin = max(0, start - 40) + match.start()
    return Quantity(begin, begin + len(match.group(0).split()[0]), 1)


def _asset_near(text: str, cue: C.KindCue) -> str:
    """A named base just before or at the cue: "the Incirlik airbase" -> "Incirlik airbase"."""
    window = text[max(0, cue.start - 60) : cue.end]
    match = re.search(
        r"(?:[A-Z][\w'\u2019-]+\s+)+(?:[Aa]ir\s?[Bb]ase|[Aa]irbase|[Aa]irfield|[Nn]aval\s+[Bb]ase)s?$",
        window,
    )
    if not match:
        return ""
    words = match.group(0).split()
    while words and words[0] in {"The", "A", "An", "Its", "Their"}:
        words = words[1:]
    return " ".join(words) if len(words) > 1 else ""


def _words(text: str, start: int, end: int) -> int:
    if end <= start:
        return 0
    return len(_WORD_RE.findall(text[start:end]))


def _same_clause(text: str, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not re.search(r";|\s--\s|\bbut\b", text[lo:hi])
