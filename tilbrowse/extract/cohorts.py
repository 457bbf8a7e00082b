"""From an article's sentences to its cohorts: who each figure belongs to.

A new cohort starts at a `## ` heading that names a population (a disease, a cohort,
an arm, a dose level, a product), at a sentence that introduces a population different
from the current one ("In a related study … for women with cervical cancer", "In
Cohort 2 …"), and for each value of a parallel construction ("49% vs 21%"). Figures
that repeat another cohort's figures (lead paragraphs, takeaways) are merged into it,
and a headline figure summarising several cohorts is dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from tilbrowse.corpus.parse import NCT_ID
from tilbrowse.extract.figures import (
    LIST_ITEM,
    Group,
    Hit,
    Mention,
    lead_in,
    mentions_in,
    read_sentence,
    set_against_after,
)
from tilbrowse.extract.lexicon import (
    ANALYSIS_SET,
    DOSE_AMOUNT,
    GENERIC_PRODUCTS,
    VERSUS,
    analysis_set_label,
    diseases_in,
    label_diseases,
    may_match,
    prefilter,
    trials_in,
)
from tilbrowse.extract.model import (
    DURATION_KEYS,
    Candidate,
    Duration,
    Evidence,
    OtherFigure,
    Outcome,
    Rate,
)
from tilbrowse.extract.numbers import SPELLED, number_value
from tilbrowse.extract.populations import COHORT_ID, Population, read_population
from tilbrowse.extract.sentences import MAX_SENTENCE_READ, Block, Sentence, blocks_of
from tilbrowse.extract.tables import (
    MAX_TABLE_ROWS,
    Column,
    TableFigure,
    footnote_marks,
    maybe_flat_table,
    read_flat_table,
)

ICASE = re.IGNORECASE

_GENERIC_HEADING = re.compile(
    r"^(?:(?:key\s+|main\s+|topline\s+|top-line\s+|updated\s+|efficacy\s+|clinical\s+|primary\s+|interim\s+|final\s+)*"
    r"(?:results?|efficacy|safety|background|methods?|conclusions?|takeaways?|highlights?|summary|findings?|overview|"
    r"discussion|data|outcomes?|introduction|objectives?|tolerability|design|study\s+design|trial\s+design|"
    r"what'?s\s+next|next\s+steps|context|why\s+it\s+matters|details|analysis|endpoints?|purpose|patients|"
    r"patients\s+and\s+methods|materials\s+and\s+methods|conference\s+call|webcast|efficacy\s+and\s+safety|"
    r"safety\s+and\s+efficacy|clinical\s+data|key\s+points|the\s+bottom\s+line|bottom\s+line|perspective|"
    r"expert\s+commentary|commentary|reaction|limitations|funding|disclosures?|references?))\b",
    ICASE,
)
_SKIP_HEADING = re.compile(
    r"forward[- ]looking|contacts?\b|media\b|investors?\b|about\s+(?:the\s+)?(?:company|iovance|adaptimmune|immatics|"
    r"carsgen|instil|obsidian|lyell|achilles|biontech|tscan|turnstone|tcr2|[A-Z][\w.]+\s+(?:inc|ltd|corp|therapeutics|"
    r"biotherapeutics|bio|pharma)\b)|disclosures?|references?|funding|safe\s+harbor",
    ICASE,
)
_NEW_STUDY = re.compile(
    r"^(?:in\s+(?:a|another|the)\s+(?:related|separate|second|different|companion|parallel)\s+(?:study|trial|analysis|cohort)"
    r"|(?:a|another|the)\s+(?:second|separate|related)\s+(?:study|trial)|meanwhile|separately)\b",
    ICASE,
)
def _heading_label(title: str, pop: Population) -> str:
    """A section heading as a cohort's name: a journalist's heading that names one disease in
    passing (`Melanoma carries the dataset`, `Uveal: disease control, not shrinkage`) is that
    disease's cohort; a heading that is a name (`Cohort 2 (ovarian)`) is kept as written."""
    found = diseases_in(title)
    if len(found) != 1 or pop.cohort_ids or cohort_key(title):
        return title
    start, end, name = found[0]
    rest = re.findall(r"[A-Za-z]{3,}", title[:start] + " " + title[end:])
    if ":" in title or len(rest) >= 3:
        return name[:1].upper() + name[1:]
    return title


_DISEASE_LEAD = re.compile(r"^\s*(?:In|Among|For)\s+(?P<lead>(?:the\s+)?(?:[\w/-]+\s+){0,3}?[\w/-]+)\s*(?:\(\s*[nN]\s*=\s*\d+\s*\))?\s*,")
"""A sentence opening on a disease: `In squamous NSCLC, …`, `Among uveal melanoma patients (n = 14), …`."""
_POP_INTRO = re.compile(
    rf"^(?:[\w,\s]{{0,40}}?)\b(?:in|among|for)\s+(?:the\s+)?(?:\d+\s+|{r'[a-z-]+'}\s+)?(?:(?:patients|participants|women|men|people|"
    rf"pts|children|adults)\s+with\s+)",
    ICASE,
)


_DOSE_RANK = re.compile(r"\b(?P<rank>high(?:er|est)?|low(?:er|est)?)[- ]dose\b|\b(?P<rank2>high(?:er|est)?|low(?:er|est)?)\s+of\s+the\s+(?:two|three)\s+doses\b", re.IGNORECASE)
"""A dose named by its rank among the trial's doses: `the higher dose`, `the low-dose arm`."""
_RANKED_DOSE_LEAD = re.compile(
    r"^\W*(?:At|For|With|On|In)\s+the\s+(?:high(?:er|est)?|low(?:er|est)?)[- ]dose(?:\s+(?:level|arm|group|cohort))?\s*,", re.IGNORECASE
)
_SUBGROUP_LEAD = re.compile(
    r"^\s*(?:For|In|Among)\s+(?:those|patients|pts|participants)\s+"
    r"(?P<desc>(?:who|with|without|whose|on|not|aged|younger|older)\b[^,;()]{3,70}?)\s*\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)\s*,"
    rf"|^\s*(?:For|In|Among|Of)\s+(?:the\s+)?(?P<n2>\d+|{SPELLED})\s+(?:patients|pts|participants|women|men|children|adults)\s+"
    # (not "Of the 20 patients who could be evaluated, …": the population analysed, no part of it)
    r"(?!who\s+(?:could\s+be|were|had\s+been|was|are|have\s+been)\s+(?:evaluat|assess|treat|infus|dos|enrol|random)"
    r"|with\s+(?:measurable|evaluable|assessable))"
    r"(?P<desc2>(?:who|whose|with|without)\b[^,;()]{3,70}?)\s*(?:\([^()]{1,40}\)\s*)?,"
    # a subgroup named by what sets it apart, without its size ("Among patients with PD-L1
    # expression of 50% or more, …")
    r"|^\s*(?:For|In|Among)\s+(?:those|patients|pts|participants)\s+"
    r"(?P<desc3>(?:who|with|without|whose)\b(?=[^,;()]{0,70}?\b(?:PD-?L1|expression|express\w*|mutat\w*|"
    r"positive|negative|high|low|aged|older|younger|or\s+more|or\s+higher|or\s+greater|at\s+least)\b"
    r"|[^,;()]{0,70}?[≥≤<>])[^,;()]{3,70}?)\s*,"
    # "In the 56 BCMA-naive patients, …": a subgroup named by a word before "patients" (not who was
    # analysed, "the 94 evaluable patients", nor a disease, "the 30 melanoma patients")
    rf"|^\s*(?:For|In|Among|Of)\s+(?:the\s+|these\s+)?(?P<n4>\d+|{SPELLED})\s+"
    r"(?!(?:evaluable|efficacy|response|treated|infused|enrolled|dosed|randomi[sz]ed|assessable|remaining|additional|"
    r"eligible|new|first|all|such|consecutive|other|later|earlier|previous|initial)\b)"
    r"(?P<desc4>[A-Za-z][\w+/-]*-(?:naive|na[iï]ve|exposed|refractory|positive|negative|pretreated|experienced|eligible|ineligible|"
    r"resistant|sensitive|high|low|mutated|mutant|treated|only)|(?:older|younger|elderly|frail|high-risk|standard-risk|fit|unfit))\s+"
    r"(?:patients|pts|participants|adults)\s*(?:\([^()]{1,40}\)\s*)?,",
    re.IGNORECASE,
)
"""A sentence that opens on a subgroup and its size: `For those who received 2 prior regimens (n = 18), …`,
`Among the eight patients whose disease was confined to the liver, …`."""


_ARM_SUBGROUP = re.compile(
    r"^\s*(?:(?:And|But|Also|Meanwhile)\s*,?\s+)?(?:In|Among|For|At(?=\s+(?:the\s+)?[\w-]+\s+(?:sites|centers|centres)\b))\s+"
    r"(?:the\s+)?(?:(?P<lead_n>\d+)\s+(?=(?:[A-Z][\w-]+\s+)?(?:patients|pts|participants)))?(?P<desc>(?:patients\s+with\s+)?[\w≥≤<>+/-][\w\s≥≤<>=+/.%-]{2,70}?)\s*"
    r"(?:\(\s*(?:[nN]\s*=\s*(?P<n>\d+)\s*(?P<each>per\s+arm|each|in\s+each\s+arm)?"
    # "(n=24 and n=20)": each arm's size, in the arms' order
    # "(A, n = 118; B, n = 121)": each arm by its id, then its size
    r"|(?:(?P<ida>[A-Za-z0-9][\w+-]{0,20}),\s*)?[nN]\s*=\s*(?P<na>\d+)[^;,()=]{0,30}?\s*(?:,|;|and|vs\.?|versus)\s*"
    r"(?:(?P<idb>[A-Za-z0-9][\w+-]{0,20}),\s*)?[nN]\s*=\s*(?P<nb>\d+)[^;,()=]{0,30}"
    r"|[^()]{0,40})\s*\))?\s*,",
    re.IGNORECASE,
)
"""A sentence opening on a subgroup before it compares the arms: `In acral melanoma (n=7 per arm), …`."""
_PEOPLE_BY_ORIGIN = re.compile(
    r"\b(?:Asian|Japanese|Chinese|Korean|European|American|Western|Hispanic|Latino|Black|White|East\s+Asian|US|EU)\b"
)
"""A subgroup named by where its people are from (`the 88 Japanese participants`)."""


def _names_a_subgroup(desc: str) -> bool:
    """Whether a sentence's opening words name a subgroup: a disease, what sets it apart, or where its people are from."""
    return bool(diseases_in(desc) or _SUBGROUP_WORDS.search(desc) or _PEOPLE_BY_ORIGIN.search(desc))
_WHO_GOT = re.compile(
    r"\s+(?:who|that)\s+(?:got|received|were\s+(?:given|treated\s+with|randomi[sz]ed\s+to|assigned\s+to))\s+(?:the\s+)?(?P<arm>.+)$",
    re.IGNORECASE,
)
"""`among the 71 patients with brain metastases who got X`: the subgroup of one arm, named by its treatment."""
_EVALUABLE_SET = re.compile(
    r"(?:patients\s+|pts\s+|those\s+)?(?:with\s+)?(?:(?:measurable|evaluable|assessable)\s+(?:disease|lesions?|tumou?rs?)|"
    r"(?:response|efficacy)[- ]evaluable|evaluable\s+for\s+(?:response|efficacy))",
    re.IGNORECASE,
)
"""Who the response figures are of: the analysis set, not a subgroup."""
_ARM_SIZE = re.compile(r"([A-Za-z][\w+/ -]{1,40}?),\s*[nN]\s*=\s*(\d+)")


_ACROSS_ALL = re.compile(
    r"\bacross\s+(?:the\s+(?:whole\s+|entire\s+)?(?:study|trial)|(?:both|all|the\s+(?:two|three|four))\s+(?:cohorts|arms|groups|parts))\b",
    re.IGNORECASE,
)
"""A figure stated for every population of the study at once ("median follow-up across the study")."""
_DOSE_LEAD = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:At|For)\s+(?:the\s+)?(?P<dose>\d+(?:\.\d+)?\s*(?:million|billion)(?:\s+(?:CAR[+-]?(?:\s*T)?|CAR-positive|TCR-T|viable|TIL))?"
    r"(?:\s+cells?)?"
    # "At 0.4 mg/kg weekly (n = 38), …": a dose and its schedule
    r"|\d+(?:\.\d+)?\s*(?:mg/kg|mg/m2|mg/m²|mg|µg/kg|μg/kg|mcg/kg|µg|μg|mcg)"
    r"(?:\s+(?:weekly|daily|once\s+daily|twice\s+daily|every\s+(?:two|three|four|2|3|4)\s+weeks|Q[1-4]W|biweekly))?)"
    r"(?:[- ]cell)?(?:\s+dose(?:\s+level)?)?\s*(?:\(\s*[nN]\s*=\s*\d+\s*\)\s*)?,",
    re.IGNORECASE,
)
"""A sentence that opens on a dose level: `At 450 million cells, …`, `At the 300 million CAR T cell dose, …`,
`At 0.4 mg/kg weekly (n = 38), …`."""
_UPDATE = re.compile(
    r"\b(?=[eflt\du])(?:updated|longer[- ]term|long[- ]term|extended\s+follow-up|(?:two|three|four|five|\d)[- ]years?\s+(?:analysis|follow-up|update|"
    r"results|data)|final\s+(?:analysis|results)|latest\s+(?:analysis|data|results))\b",
    re.IGNORECASE,
)
"""An article (or a sentence) that reports a later analysis of a population."""
_EARLIER = re.compile(
    r"\b(?=[aefip])(?:previously\s+(?:reported|presented|published)|(?:first|initial)\s+(?:look|readout|report|results|analysis)|"
    r"in\s+the\s+(?:primary|earlier|prior|previous)\s+analysis|primary\s+results\s*\(|earlier\s+(?:analysis|report|readout)|"
    r"at\s+the\s+time\s+of\s+the\s+(?:primary|interim)\s+analysis|at\s+the\s+(?:prespecified\s+|pre-specified\s+|first\s+)?interim\s+analysis|"
    r"^\W*at\s+that\s+(?:time|point|analysis)|in\s+the\s+(?:earlier|initial|previous)\s+(?:report|readout|data\s+cut))\b",
    re.IGNORECASE,
)
"""A sentence about an earlier analysis ("In the primary analysis, …", "the first look included …")."""
_FUTURE_AROUND = re.compile(r"\b(?:will|would|expected|planned|plans?|upcoming|future|scheduled|anticipated)\b", re.IGNORECASE)


def _around(text: str, start: int, end: int) -> str:
    """The sentence-ish span around a match (up to the nearest full stops, 160 characters each way)."""
    lo = text.rfind(".", max(0, start - 160), start) + 1
    hi = text.find(".", end, end + 160)
    return text[lo : hi if hi >= 0 else end + 160]


_EARLIER_HEADING = re.compile(
    r"\b(?:earlier|previous|prior|initial|interim|primary|first)\s+(?:results|analysis|analyses|data|findings|readout)\b",
    re.IGNORECASE,
)
_THAT_ANALYSIS = re.compile(
    r"\b(?=[ai])(?:in|at)\s+(?:that|this\s+earlier|the\s+earlier)\s+(?:analysis|report|readout|update)\b", re.IGNORECASE
)


_BRACKET_LIST = re.compile(r"\s*\((?P<items>[^()]{3,160})\)")
_LIST_SEP = re.compile(r"\s+(?:" + VERSUS + r"|versus)\s+|\s*;\s*", ICASE)


def _names_in_brackets(text: str, end: int, count: int) -> list[str]:
    """The populations named, in order, in brackets right after a list of values (`74% vs. 69% vs.
    67% (0.4 mg/kg weekly vs. 0.8 mg/kg q2wks vs. prior TCR)`): as many as the values, else none."""
    m = _BRACKET_LIST.match(text, end)
    if m is None:
        return []
    items = [x.strip(" .,") for x in _LIST_SEP.split(m.group("items"))]
    if len(items) != count or any(not x or _DIGIT_ONLY.fullmatch(x) or len(x) > 50 for x in items):
        return []
    if any(re.search(r"\b(?:CI|HR|p\s*[=<>]|range|IQR)\b", x, ICASE) for x in items):
        return []
    return items


_DIGIT_ONLY = re.compile(r"[\d.,%\s–-]+")


_OWNER = re.compile(r"\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}['’]s?\s+(?:[\w()/-]+\s+){0,5}?(?=[a-z])")


_OWN_NAME = re.compile(r"[a-z][a-z-]{3,}")
"""A drug's own name (`obratecel`, `afami-cel`), not a class (`TIL`) or a trial (`NORTIL-301`)."""


def _rival(text: str, pop: Population, subject: str) -> str:
    """The product of another company a sentence reports (`Calloway Therapeutics' calvatecel …`,
    `Iovance's TIL therapy lifileucel …`): named with its owner, and not the article's own product
    (the first it names). Empty when the sentence is about the article's product."""
    if not subject or not pop.products or any(p.lower() == subject.lower() for p in pop.products):
        return ""
    lowered = text.lower()
    places = [(lowered.find(p.lower()), p) for p in pop.products]
    for at, product in places:
        # "Calloway Therapeutics' calvatecel", "AbbVie's Epkinly (epcoritamab)": the product among the
        # words the owner's name governs
        if at > 0 and any(m.start() < at <= m.end() for m in _OWNER.finditer(text)):
            return product
    # "Vireo Cell Therapeutics reported in May that its CDH17-directed CAR T-cell therapy, VCT-17,
    # produced …": a company that reports its own product (named last, after what it targets)
    owned = [(at, p) for at, p in places if at > 0 and _COMPANY_ITS.search(text, 0, at)]
    return max(owned)[1] if owned else ""


_COMPANY_ITS = re.compile(
    r"\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}\s+(?:has\s+|had\s+)?(?:reported|said|announced|presented|disclosed|showed|"
    r"unveiled)\b[^.;]{0,80}?\bits\s+(?:[\w(),/-]+\s+){0,6}$"
)
"""The words before a product that a company reports as its own (`X reported … that its … therapy, `)."""


def _earlier_set_against(text: str, cue: re.Match[str]) -> bool:
    """`… an ORR of 37.1% …, compared to previously reported results`: the earlier analysis is named
    after every number of the sentence, set against them, with no number of its own."""
    spans = [m.span() for m in (*_DIGIT.finditer(text), *_NUMBER_WORD.finditer(text))]
    if not spans:
        return False
    return set_against_after(text, min(a for a, _ in spans), max(b for _, b in spans), cue.start())


_SUBGROUP_WORDS = re.compile(
    r"\b(?:patients|pts|subgroup|those|with|without|positive|negative|PD-L1|prior|aged|older|younger|men|women|"
    r"metasta\w*|stage|high|low|expression|mutat\w*|wild-type|sites|centers|centres|regions?)\b|[≥≤<>]",
    re.IGNORECASE,
)


def _subgroup(m: re.Match[str]) -> tuple[str, int | None]:
    """The subgroup's description and size (None when the sentence gives none)."""
    if m.group("desc4"):
        size = number_value(m.group("n4"))
        return f"{m.group('desc4')} patients", int(size) if size is not None else 0
    desc = (m.group("desc") or m.group("desc2") or m.group("desc3")).strip()
    if m.group("desc3"):
        return desc, None
    size = number_value(m.group("n") or m.group("n2"))
    return desc, int(size) if size is not None else 0


_SUBGROUP_INTRO = re.compile(
    rf"\b(?=[\dzotfsena])(?P<n>\d+|{SPELLED})\s+(?:of\s+(?:the|these|those)\s+\d+\s+)?(?:patients|pts|participants|women|men)\s+"
    r"(?P<desc>(?:who\s+)?(?:had|have|were|with|without|whose)\b(?!\s+(?:advanced|metastatic|relapsed\s+or|"
    r"recurrent|previously|the\s+disease))[^.;:()]{3,80}?)\s*(?:[.;]|$)",
    re.IGNORECASE,
)
"""`… a subgroup analysts pressed on: 11 patients who had relapsed after a prior CD19 CAR-T.`: a
subgroup named (with its size) in a sentence of its own, its figures in the next."""
_SUBGROUP_INTRO_GATE = re.compile(
    r"(?:\d|[a-z]{3})\s+(?:patients|pts|participants|women|men)\s+(?:who|had|have|were|with|without|whose)\b"
)
"""What every sentence `_SUBGROUP_INTRO` matches holds (a cheap test before the costly one)."""
_PERCENT_SAID = re.compile(r"\d\s*%|\bper\s*cent\b|\bpercent\b", re.IGNORECASE)
_SUBGROUP_ANAPHOR = re.compile(
    r"^\W*(?:(?:In|For|Within)\s+(?:that|this|the\s+latter|these|those)\s+(?:sub)?(?:group|population|patients|set)"
    r"|Among\s+(?:them|these|those)(?:\s+patients)?)\b",
    re.IGNORECASE,
)
"""`In that group the response rate was 64%`, `Among them, …`: the subgroup the sentence before named."""


_TURN = re.compile(r"\b(?:compared\s+(?:with|to)|versus|" + VERSUS + r"|whereas|while|but)\b|;", re.IGNORECASE)
"""Where a sentence turns to another population."""


_TRIAL_PART = re.compile(
    r"^\W*(?:[A-Z][\w-]*\s+){0,4}?(?:(?:in|for|among|during)\s+)?(?:the\s+)?(?P<part>dose[- ]escalation|dose[- ]expansion|expansion|escalation|"
    r"phase\s+1[ab]|phase\s+I[ab])\s+(?P<kind>phase|part|portion|cohort|stage|patients)\b"
    # "In the expansion, …": the part alone, named in a lead (not "Following dose escalation, …")
    r"|^\W*(?:in|during|among)\s+(?:the\s+)?(?P<part2>dose[- ]expansion|expansion)(?=\s*,)",
    re.IGNORECASE,
)
"""A part of a trial named as a population: the dose-escalation phase, the phase 1b patients."""
_TRIAL_PART_WORDS = ("escalation", "expansion", "phase")
"""One of these is in every text _TRIAL_PART matches."""


_ALL_SIZED = re.compile(r"\ball\s+(?P<n>\d+)\s+(?:[\w-]+\s+)?(?:patients|participants|pts)\b", re.IGNORECASE)
_ACROSS_TYPES = re.compile(
    r"\bacross\s+(?:all\s+|the\s+|several\s+|multiple\s+|\w+\s+)?(?:tumou?r\s+types|indications|histologies|diseases|cancer\s+types)\b",
    re.IGNORECASE,
)
_EACH_POPULATION = re.compile(
    r"\b(?:in|for|across)\s+(?:both|either|each|all\s+(?:three|four|the))\s+(?:of\s+the\s+)?"
    r"(?:arms?|groups?|cohorts?|disease\s+types?|diseases|subgroups?|populations?|indications?)\b",
    re.IGNORECASE,
)
"""A figure the sentence gives to each of the populations reported so far."""


MAX_COHORTS = 120
"""Cohorts assembled per article at most (the work per article stays bounded)."""
MAX_READINGS = 2000
"""Sentences and table cells read for figures per article at most (the most in the test and
real-article sets is 32): a 2 MB file of figures, whatever its shape, is read in bounded time."""


_CLAUSE_WORDS = re.compile(r"[;]|\b(?:while|whereas|but|although|compared|versus|vs)\b", re.IGNORECASE)


@dataclass
class Builder:
    """A cohort being assembled."""

    order: int
    label: str = ""
    label_source: str = ""
    """`heading`, `cohort` (explicit id), `arm`, `disease`, `` (none)."""
    diseases: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    trial_ids: list[str] = field(default_factory=list)
    phase: str | None = None
    n: int | None = None
    n_rank: int = 0
    n_evidence: Evidence | None = None
    median_age: float | None = None
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    other: dict[str, OtherFigure] = field(default_factory=dict)
    first_figure: int = 10**9
    siblings: list[Builder] = field(default_factory=list)
    """Parallel populations introduced alongside this one (arms, subgroups), by slot."""
    parent: Builder | None = None
    headline: bool = False
    section: int = 0
    background: bool = False
    earlier: bool = False
    """Read from sentences about an earlier analysis of an article that reports a later one."""
    earlier_of: Builder | None = None
    """For a population named in an earlier analysis (`16.4 months in the X arm` at the interim):
    the population of the later analysis it is an earlier look at."""

    candidates: list[Candidate] = field(default_factory=list)
    """Possible figures: weaker readings kept apart from `outcomes`."""

    ckey: str = ""
    """Canonical cohort id ("cohort 1a", "dose level 2") when the label names one."""

    routes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """How each stated outcome reached this cohort (features of its reading, for `confidence`)."""
    n_how: str = ""
    """Where the cohort's n was read (`pop_rank2`, `label_n`, `orr_denominator`, …)."""

    def key(self) -> str:
        return (self.label or "").lower()


def cohort_key(label: str) -> str:
    """A canonical id for labels that name a cohort: `DL2`, `Dose level 2` → `dose level 2`."""
    m = COHORT_ID.search(label)
    if not m:
        return ""
    kind = re.sub(r"\s+", " ", m.group("kind").lower())
    kind = {"dl": "dose level"}.get(kind, kind)
    return f"{kind} {m.group('id').lower()}"


_LEAD_LABEL = re.compile(r"^\s*(?:[-*•]\s*)?(?P<label>[^:;.()]{2,60}?(?:\s*\([^():;]{0,80}\))?)\s*:\s+\S")
_OVERALL = re.compile(
    r"(?:^overall\b|\bamong\s+all\s+responders|\bacross\s+all\s+responders|\ball\s+(?:treated|evaluable|enrolled)\s+patients|"
    r"\bfor\s+the\s+(?:full|whole|entire)\b|\bthe\s+(?:full|whole|entire|overall)\s+(?:study\s+|trial\s+)?population|^(?:in\s+total|across\s+all\s+(?:responders|patients|cohorts|evaluable)|among\s+all\s+(?:\d+\s+)?(?:responders|patients)|"
    r"in\s+all\s+(?:\d+\s+)?(?:responders|patients)|for\s+the\s+(?:full|whole|entire|overall)\s+))",
    ICASE,
)
_OVERALL_WORDS = ("all", "full", "whole", "entire", "total")
ALL_PATIENTS = "All patients"
"""The label of the whole trial's population when the article reports it beside its cohorts."""
"""One of these is in every text _OVERALL matches."""
_ALL_POPULATION = re.compile(
    r"\ball\s+(?:\d+\s+)?(?:responders|treated|evaluable|enrolled|patients)|\b(?:full|whole|entire|overall)\s+(?:study\s+|trial\s+|cohort\s+\w+\s+)?population",
    ICASE,
)
_POOLED = re.compile(
    r"\b(?:across|pooled\s+across|combined\s+across|in|for)\s+(?:the\s+\d+\s+(?:[\w-]+\s+)?(?:patients|pts)\s+in\s+)?"
    r"(?:both|all|all\s+(?:two|three|four|five)|(?:the\s+)?(?:two|three|four|five))\s+(?:expansion\s+|disease\s+|dose\s+|tumou?r\s+)?"
    r"(?:cohorts|arms|groups|dose\s+levels|parts)(?:\s+(?:combined|together|pooled))?\b"
    # "the pooled median duration of response", "in the pooled population"
    r"|\bpooled\s+(?=(?:median|ORR|objective|overall|response|DOR|PFS|OS|efficacy|analysis|population|data)\b)"
    r"|\b(?:in|for|among)\s+the\s+pooled\s+(?:population|analysis|set|cohort)\b",
    ICASE,
)
"""A figure of one trial's cohorts taken together ("Across both cohorts, the ORR was 33%"): the whole
population, a cohort of its own — unlike a headline across several trials or tumour types."""
_POOLED_WORDS = ("both", "all", "two", "three", "four", "five", "pooled")
_POOLED_SAID = re.compile(r"\b(?:combined|together|pooled)\b|^\W*(?:across|pooled\s+across|combined\s+across)\b", ICASE)
_HEADLINE = re.compile(
    r"\bacross\s+(?:(?:the|both|all|these|two|three|four|five|several|multiple|its|their)\s+)?(?:[\w,/-]+\s+){0,8}?"
    r"(?:studies|trials|cohorts|indications|tumou?r\s+types|histologies|programs)\b"
    r"|\bpooled\s+across\b|\bcombined\s+across\b|\bin\s+both\s+(?:studies|trials)\b",
    ICASE,
)


_NAMED_COHORT_LEAD = re.compile(
    r"^\W*(?:(?:in|among|for|within)\s+(?:the\s+)?|the\s+(?=(?:(?!(?:in|of|for|with|this|that|these|those|median|patients?)\b)"
    r"[\w+/.≥≤<>-]+\s+){0,3}?[\w+/.≥≤<>-]+\s+(?:cohort|group|arm)\s+"
    r"(?:\([^()]*\)\s+)?(?:was|were|had|has|is|showed|saw|reported|included|enrolled|comprised)\b))"
    r"(?P<name>(?:[\w+/.≥≤<>-]+\s+){0,3}?[\w+/.≥≤<>-]+)\s+(?P<kind>cohort|group|arm)\b(?!\s+(?:(?-i:[A-Z])(?!\w)|\d))",
    re.IGNORECASE,
)
"""`In the DLBCL cohort (n=62), …`, `Among the cisplatin-ineligible cohort, …`, `In the 10-mg group, …`: a
cohort (or group) named by what it holds (an arm is read as an arm of the randomisation)."""
_NAMED_COHORT_COLON = re.compile(
    r"^\W*(?P<name>(?:[\w+/.≥≤<>-]+\s+){0,3}?[\w+/.≥≤<>-]+)\s+cohort\s*(?:\([^()]{0,80}\)\s*)?:\s",
    re.IGNORECASE,
)
"""`Melanoma cohort (38 evaluable patients): the ORR was …`, `CSCC cohort: of the 14 …`: a paragraph's cohort."""
_NOT_A_NAME = re.compile(
    r"^(?:same|other|this|that|each|both|either|whole|entire|overall|full|total|first|second|third|new|expansion|"
    r"current|pooled|combined|study|trial|original|earlier|later|\d+[-\s]?patient)\b",
    re.IGNORECASE,
)
_CLAUSE_SIZE = re.compile(
    r"^\W*(?:and\s+|while\s+|whereas\s+)?(?:in|among|for)\s+(?:the\s+)?[^,;()]{1,60}?\s*\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)"
)
"""`…; in the FL cohort (n=31), …`: the size a clause gives its cohort, in brackets after its name."""
_ALONE = re.compile(r"\b(?:alone|monotherapy|mono|single[- ]agent|only)\b", re.IGNORECASE)
_COMBINED = re.compile(r"\b(?:plus|combination|combined|and|with)\b|\+", re.IGNORECASE)
_CORE_STOP = {
    "only",
    "alone",
    "monotherapy",
    "mono",
    "arm",
    "arms",
    "group",
    "groups",
    "cohort",
    "cohorts",
    "subgroup",
    "population",
    "the",
    "patients",
    "pts",
    "with",
    "and",
    "of",
    "in",
    "treatment",
    "treated",
    "all",
    "a",
    "an",
    "for",
    "study",
    "trial",
}


def _core(label: str, abbreviations: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """The words that identify a population label (`TIL arm` and `TIL group` are the same; with the
    article's abbreviations, `SOC arm` and `standard-of-care` are too)."""
    words = re.findall(r"[\w+/]+", re.sub(r"\([^)]*\)", " ", label.lower().replace("-cel", "cel")))
    words = [w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in words]  # cells, TILs
    core = frozenset(w for w in words if w not in _CORE_STOP)  # numbers tell dose arms apart
    if abbreviations:
        expanded: set[str] = set()
        for w in core:
            expanded |= abbreviations.get(w, {w})
        core = frozenset(expanded)
    return core


_ABBREVIATION = re.compile(r"\((?P<abbr>[A-Z][A-Za-z]?[A-Z]{1,4})\)")
_ABBR_TOKEN = re.compile(r"[A-Za-z][\w'’]*")


def abbreviations_in(body: str) -> dict[str, frozenset[str]]:
    """`standard-of-care (SOC)`, `physician's choice (PC)`: each abbreviation the article defines, as the
    core words of what it stands for (the words before it whose initials spell it)."""
    out: dict[str, frozenset[str]] = {}
    for m in _ABBREVIATION.finditer(body):
        abbr = m.group("abbr").lower()
        if abbr in out:
            continue
        tokens = _ABBR_TOKEN.findall(body[max(0, m.start() - 80) : m.start()].replace("-", " "))
        for k in range(len(abbr), min(len(abbr) + 2, len(tokens)) + 1):
            chosen = tokens[-k:]
            initials = "".join(
                t[0].lower() for t in chosen if t.lower() not in ("of", "and", "the") or len(chosen) == len(abbr)
            )
            if initials == abbr:
                core = _core(" ".join(chosen))
                if core:
                    out[abbr] = core
                break
    return out


_TABLE_SKIP = re.compile(
    r"\b(?:comparators?|benchmarks?|historical|competitors?|standard\s+of\s+care|KEYNOTE|CheckMate|RELATIVITY)\b", ICASE
)
_HEADER_UNIT = re.compile(r"\s*\(\s*(?P<u>%|mo|months?|weeks?)\s*\)\s*$", ICASE)
_PRODUCT_HEADER = re.compile(r"(?:product|drug|therapy|agent|treatment|compound|asset|regimen)s?", ICASE)
_WHO_HEADER = re.compile(r"(?:indication|disease|tumou?r(?:\s+type)?|population|cohort|histology|setting)s?", ICASE)
_QUALIFIER_BEFORE = re.compile(
    r"\b(?:in|among|for|on)\s+(?:the\s+)?(?P<label>(?:[\w+/.-]+\s+){0,3}?(?:arm|group|cohort))\b", ICASE
)
_CONTROL_ROLE = re.compile(
    r"\b(?:control|placebo|comparator|standard(?:[- ]of[- ]care)?|alone|only|(?:physician|investigator)'?’?s\s+choice|TPC|"
    r"best\s+supportive|chemotherapy\s+(?:arm|group))\b",
    ICASE,
)
_EXPERIMENTAL_ROLE = re.compile(
    r"\b(?:combination|experimental|investigational|plus|TILs?|cell\s+therapy|CAR[- ]?T|TCR[- ]?T|bispecific|(?:T-cell\s+)?engager|ADC|"
    r"vaccine)\b|\+",
    ICASE,
)
"""What names the experimental arm by its kind (`the TIL arm`, `the combination group`)."""
_CHEMO_ALONE = re.compile(
    r"\s*(?:the\s+)?(?:(?:standard|conventional|physician'?’?s|investigator'?’?s)\s+)?(?:chemo|chemotherapy)(?:\s+alone)?"
    r"(?:\s+(?:arm|group))?\s*",
    ICASE,
)
"""An arm named as chemotherapy and nothing else: the control of the drug it is set against."""


_SET_LEAD = re.compile(r"^\W*(?:in|among|for|within)\s+(?:the\s+)?" + ANALYSIS_SET.pattern, re.IGNORECASE)
"""A sentence that opens on an analysis set: `In the ITT set, …`."""


def _analysis_sets(body: str) -> frozenset[str]:
    """The analysis sets an article names (`96 pts were leukapheresed (ITT set) and 84 received X
    (infused set)`): when two or more, each is a population of its own."""
    if " set" not in body and " population" not in body:
        return frozenset()
    return frozenset(analysis_set_label(m.group("set")) for m in ANALYSIS_SET.finditer(body))


def arm_role(label: str) -> str:
    """`control` or `experimental` when a randomised arm's label says which it is, else ``."""
    if _CONTROL_ROLE.search(label):
        return "control"
    if _EXPERIMENTAL_ROLE.search(label):
        return "experimental"
    return ""


_CHEMO_DRUG = (
    r"(?:chemo(?:therapy)?|paclitaxel|nab-paclitaxel|docetaxel|irinotecan|topotecan|carboplatin|cisplatin|oxaliplatin|"
    r"gemcitabine|pemetrexed|capecitabine|fluorouracil|5-FU|eribulin|vinorelbine|lurbinectedin|doxorubicin|ifosfamide|"
    r"trabectedin|dacarbazine|temozolomide|amrubicin|trifluridine(?:[-/]tipiracil)?|FOLFIRI|FOLFOX)"
)
_CHEMO_ONLY = re.compile(
    rf"(?:the\s+)?(?:standard\s+|conventional\s+|single-agent\s+)?{_CHEMO_DRUG}(?:\s*(?:,|or|and|/)\s*{_CHEMO_DRUG}){{0,3}}"
    r"(?:\s+(?:alone|arm|group|control))?",
    ICASE,
)
"""An arm of chemotherapy only (by its word or its drugs): a randomised trial's control."""
_NO_TREATMENT = re.compile(r"\b(?:observation|surveillance|watch(?:ful)?[- ](?:and[- ])?wait(?:ing)?|placebo|best\s+supportive)\b", ICASE)
"""An arm given no active treatment: against it, chemotherapy is the experimental arm."""


def _chemo_controls(arms: list[Builder]) -> list[Builder]:
    """The arms of chemotherapy alone (`paclitaxel or irinotecan`), the control when no arm says it
    is — none when an arm is no treatment (`chemotherapy` against `observation` is the experimental one)."""
    if any(_NO_TREATMENT.search(a.label) for a in arms):
        return []
    return [a for a in arms if a.label_source == "arm" and _CHEMO_ONLY.fullmatch(a.label.strip())]


_NOT_DRUG = frozenset(
    "plus with alone only and arm group cohort anti monotherapy combination dose dosed every weekly daily "
    "then followed patients".split()
)


def _drug_words(label: str) -> frozenset[str]:
    """The names an arm is given by (`sorelimab 200 mg plus vantoplimab Q3W` → sorelimab, vantoplimab):
    words of four letters or more, without doses, schedules or joining words."""
    words = re.findall(r"(?<![\w-])[a-z][a-z-]{3,}(?![\w-])", label.lower())
    return frozenset(w for w in words if w not in _NOT_DRUG and not w.startswith("anti-"))


_OTHER_STUDIES = re.compile(r"\b(?:studies|trials|programs|programmes|pooled|earlier|previous|prior|other)\b", ICASE)
"""Words that make a rate said across several populations another analysis's, not this study's whole."""


def _sized_whole(hit: Hit, text: str) -> bool:
    """A rate said across the cohorts with its own count and denominator (`The ORR across tumour types
    was 40.9% (18/44)`): the whole population's figure, not a headline summary (nor a cohort's value
    compared across them: "In cohort B, the ORR was 40% (8/20), the highest across the cohorts")."""
    g = hit.group
    if not (hit.slot == 0 and not hit.label and g.percent is not None and g.count is not None and g.denominator is not None):
        return False
    across = _HEADLINE.search(text)
    return (
        across is not None
        and across.end() <= g.start
        and not COHORT_ID.search(text, 0, g.start)
        and not _OTHER_STUDIES.search(text)
    )


def _is_overall(label: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:overall|all|total|entire|whole|pooled|combined)(?:\s+\w+)?\s*", label, ICASE))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _extend_unique(target: list[str], items: list[str]) -> None:
    """Append the items not already in target, in order."""
    for item in items:
        if item not in target:
            target.append(item)


def _near(pattern: re.Pattern[str], text: str, hit: Hit) -> bool:
    """Whether the pattern occurs in the clause of the hit (no `:` or `;` between them)."""
    for m in pattern.finditer(text):
        lo, hi = sorted((m.start(), hit.group.start))
        hi2 = max(m.end(), hit.group.end)
        if (
            not re.search(r"[:;]", text[min(m.end(), hit.group.end) : max(m.start(), hit.group.start)])
            and hi2 - lo < 200
        ):
            return True
    return False


_VALUE = re.compile(r"\d(?:\.\d+)?\s*(?:%|percent\b|months?\b)", re.IGNORECASE)
_SUBGROUP_LABEL = re.compile(
    r"^(?:patients|those|younger|older|elderly)\b|\bPD-?L1\b|\baged\b|[≥≤<>]|\bor\s+(?:more|older)\b|\bsubgroup",
    re.IGNORECASE,
)
"""A label that names a part of a population (`Patients aged 65 or older`), never the whole."""
_CLAUSE_POPULATION = re.compile(
    r"\s*(?:and\s+|while\s+|whereas\s+)?(?:in|among|for)\s+(?:the\s+)?"
    r"(?P<label>(?!(?:patients|pts|all|both|each|total|overall|whole)\b)[A-Za-z][\w+/.-]*(?:\s+[\w+/.-]+){0,4}?"
    r"\s+(?:cohort|arm|group|subgroup|population))\s*(?:\([^()]{0,30}\)\s*)?,",
    re.IGNORECASE,
)
"""A clause that opens on the population it reports (`in the cervical cohort, ORR was 44%`,
`in the DLBCL cohort (n=62), …`)."""


def _clause_populations(sentence: Sentence) -> list[tuple[Sentence, str]]:
    """`In the melanoma cohort, ORR was 36%; in the cervical cohort, ORR was 44%`: each clause its
    population, when every clause after a `;` opens on one (else none)."""
    text = sentence.text
    bounds = [0] + [m.end() for m in re.finditer(";", text)]
    if len(bounds) < 2:
        return []
    out: list[tuple[Sentence, str]] = []
    for a, b in zip(bounds, [*bounds[1:], len(text)], strict=True):
        m = _CLAUSE_POPULATION.match(text, a)
        if m is None:
            return []
        label = re.sub(r"\s+", " ", m.group("label")).strip()
        out.append((Sentence(text[a:b], sentence.start + a, sentence.start + b), f"{label[:1].upper()}{label[1:]}"))
    return out


def _segments(sentence: Sentence) -> list[tuple[Sentence, str]]:
    """Split a sentence that reports several cohorts in turn (`DL1 (n=3): …; DL2 (n=6): ORR 17% …`)."""
    text = sentence.text
    if ";" in text:
        clauses = _clause_populations(sentence)
        if clauses:
            return clauses
    ids = [m for m in COHORT_ID.finditer(text) if re.search(r"\d|NR", text[m.end() : m.end() + 40])]
    if len({cohort_key(m.group(0)) for m in ids}) < 2:
        return [(sentence, "")]
    starts = [
        m
        for m in ids
        if re.match(
            r"\s*(?:\([^)]*\))?\s*[:,(]|\s+(?:patients|pts|had|showed|achieved|was|were|\(n)",
            text[m.end() : m.end() + 60],
            ICASE,
        )
    ]
    if len(starts) < 2:
        return [(sentence, "")]
    clause = max(text.rfind(c, 0, starts[0].start()) for c in ";:,") + 1
    if _VALUE.search(text, clause, starts[0].start()):
        return [(sentence, "")]  # "An ORR of 50% was seen at DL3 (n = 6) and 67% at DL4": values name their cohorts
    if mentions_in(text[clause : starts[0].start()]):
        return [(sentence, "")]  # "The ORR of arm A was 47.6% versus 28.1% of arm B": the metric is every value's
    if re.search(r"\brespectively\b", text, ICASE) and not any(
        re.search(r"\d", re.sub(r"\([^()]*\)", " ", text[a.end() : b.start()]))
        for a, b in zip(starts, starts[1:], strict=False)
    ):
        return [(sentence, "")]  # "DL1 (n=6) and DL2 (n=10) had ORRs of 17% and 30%, respectively": one list
    out: list[tuple[Sentence, str]] = []
    bounds = [m.start() for m in starts] + [len(text)]
    if bounds[0] > 0:
        out.append((Sentence(text[: bounds[0]], sentence.start, sentence.start + bounds[0]), ""))
    for m, end in zip(starts, bounds[1:], strict=True):
        kind = re.sub(r"\s+", " ", m.group("kind")).title()
        kind = {"Dl": "Dose Level"}.get(kind, kind)
        out.append(
            (
                Sentence(text[m.start() : end], sentence.start + m.start(), sentence.start + end),
                f"{kind} {m.group('id')}",
            )
        )
    return out


def _evidence(sentence: Sentence, start: int, end: int) -> Evidence:
    return Evidence(sentence.text, sentence.start, sentence.end, sentence.start + start, sentence.start + end)


def _outcome(hit: Hit, sentence: Sentence) -> Outcome:
    g: Group = hit.group
    ev = _evidence(sentence, min(g.start, hit.mention.start), max(g.end, hit.mention.end))
    if hit.key in DURATION_KEYS:
        ci: tuple[float | None, float | None] | None = None
        if g.ci is not None:
            scale = g.months / g.stated if g.months is not None and g.stated else 1.0
            lo, hi = g.ci
            ci = (
                round(lo * scale, 2) if lo is not None else None,
                round(hi * scale, 2) if hi is not None else None,
            )
        return Duration(
            months=None if g.not_reached else g.months,
            not_reached=g.not_reached,
            evidence=ev,
            value=g.stated if g.unit and g.unit != "months" else None,
            unit=g.unit if g.unit and g.unit != "months" else None,
            ci95=ci,
            approximate=g.approx,
        )
    ci_rate = None
    if g.ci is not None and g.ci[0] is not None and g.ci[1] is not None and g.percent is not None:
        ci_rate = (float(g.ci[0]), float(g.ci[1]))
    return Rate(
        count=g.count,
        percent=g.percent,
        evidence=ev,
        ci95=ci_rate,
        approximate=g.approx,
        denominator=g.denominator,
    )


def _same(a: Outcome, b: Outcome) -> bool:
    if isinstance(a, Rate) and isinstance(b, Rate):
        same_pct = a.percent is None or b.percent is None or abs(a.percent - b.percent) < 0.05
        same_cnt = a.count is None or b.count is None or a.count == b.count
        return (
            same_pct
            and same_cnt
            and not (a.percent is None and b.count is None and a.count is not None and b.percent is not None and False)
        )
    if isinstance(a, Duration) and isinstance(b, Duration):
        return a.not_reached == b.not_reached and (
            a.months is None or b.months is None or abs(a.months - b.months) < 0.05
        )
    return False


def _parts(value: Outcome) -> list[tuple[str, float | int | bool]]:
    """The stated parts of a figure, as candidates name them."""
    if isinstance(value, Duration):
        if value.months is not None:
            return [("months", value.months)]
        return [("not_reached", True)] if value.not_reached else []
    return [
        (part, number) for part, number in (("count", value.count), ("percent", value.percent)) if number is not None
    ]


def agrees_with_size(count: int, percent: float, n: int) -> bool:
    """Whether `count` of `n` is `percent`, as loosely as articles round (within 1.5 points)."""
    return n > 0 and abs(100 * count / n - percent) <= 1.5


def _counted_out_of(row: str, size: int, other: int) -> bool:
    """Whether a table row's counts (`5 (62.5%)`) are counted out of `size`, and none out of `other`."""
    if size == other:
        return False
    pairs = [(int(c), float(p)) for c, p in re.findall(r"(?<![\d.])(\d{1,5})\s*\(\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*\)", row)]
    pairs = [(c, p) for c, p in pairs if c <= size and 0 < p <= 100]
    if not pairs or not all(agrees_with_size(c, p, size) for c, p in pairs):
        return False
    off = [abs(100 * c / other - p) for c, p in pairs] if other > 0 else [100.0]
    return max(off) > 1.5 and sum(off) > sum(abs(100 * c / size - p) for c, p in pairs)


def merge_statements(a: Outcome, b: Outcome) -> Outcome:
    """Combine two statements of one figure (a count here, its percent there)."""
    if isinstance(a, Rate) and isinstance(b, Rate):
        if a.count is None and b.count is not None or a.percent is None and b.percent is not None:
            return Rate(
                count=a.count if a.count is not None else b.count,
                percent=a.percent if a.percent is not None else b.percent,
                evidence=a.evidence,
                ci95=a.ci95 or b.ci95,
                approximate=a.approximate and b.approximate,
                denominator=a.denominator or b.denominator,
            )
    return a


_UNIT_IN_LABEL = re.compile(
    r"(?:,\s*|\s+)(?P<u>%|months?|mo|weeks?)(?=\s*(?:\(\s*95\s*%\s*CI\s*\))?\s*$)|\s*\(\s*95\s*%\s*CI\s*\)",
    re.IGNORECASE,
)
_BARE_CELL = re.compile(
    r"^\s*(?P<v>\d+(?:\.\d+)?)\s*(?:[(\[]\s*(?P<lo>[\d.]+|NE|NR)\s*[-–‒—,]\s*(?P<hi>[\d.]+|NE|NR)\s*[)\]]|\(\s*)?\s*$"
)
"""A cell of one number, with its interval or the opening of one cut off at the end of the text."""


_COUNT_PERCENT_LABEL = re.compile(r"(?:,\s*|\s+)(?:n\s*\(\s*%\s*\)|no\.\s*\(\s*%\s*\))\s*$", re.IGNORECASE)
"""`ORR, n (%)`: each cell is a count with its percent, `18 (45.0)`."""
_PERCENT_COUNT_LABEL = re.compile(r"(?:,\s*|\s+)(?:%\s*\(\s*n\s*\)|\(\s*n\s*\))\s*$", re.IGNORECASE)
"""`ORR (n)`, `ORR, % (n)`: each cell is a percent with its count, `45.5% (10)`."""
_COUNT_PERCENT_CELL = re.compile(r"^\s*(?P<a>\d+(?:\.\d+)?)\s*%?\s*\(\s*(?P<b>\d+(?:\.\d+)?)\s*%?\s*\)\s*$")
SIZE_HEADER = re.compile(
    r"(?:n|no\.?|number|(?:no\.?|number)\s+of\s+(?:evaluable\s+|treated\s+)?(?:patients|pts|participants)|"
    r"(?:(?:efficacy|response)[- ])?(?:evaluable|treated|infused|enrolled)(?:\s+(?:patients|pts|participants))?|"
    r"(?:patients|pts|participants)(?:\s+(?:evaluable|treated|infused))?(?:,\s*n)?|"
    r"(?:eval(?:uable)?|treated|infused|enrolled|efficacy)\.?\s+n)(?:\s*\((?:n|no\.)\))?",
    re.IGNORECASE,
)
"""A table column of sizes: `n`, `No. of patients`, `Evaluable patients`, `Patients, n`."""
_ROW_ID_HEADER = re.compile(r"(?:cohort|arm|group|dose\s+level|part|level)s?", re.IGNORECASE)
_SHORT_ROW_ID = re.compile(r"[0-9]{1,2}[A-Za-z]?|[A-H][0-9]?|[IVX]{1,4}[ab]?")


def _row_label(corner: str, label: str) -> str:
    """A row named by a bare id under a header that says what the ids are (`Cohort` / `1A`) is `Cohort 1A`."""
    if _ROW_ID_HEADER.fullmatch(corner.strip()) and _SHORT_ROW_ID.fullmatch(label.strip()):
        noun = re.sub(r"s$", "", corner.strip(), flags=re.IGNORECASE)
        return f"{noun[:1].upper()}{noun[1:].lower()} {label.strip()}"
    return label


_NOT_A_COHORT_COLUMN = re.compile(
    r"\s*(?:difference|diff\.?|Δ|delta|change|HR\b|hazard\s+ratio|odds\s+ratio|OR\b|RR\b|risk\s+ratio|p[- ]?values?\b|P\b|"
    r"95\s*%\s*CI)",
    ICASE,
)
"""A table column that compares the others (a difference, a ratio, a p-value): no cohort of its own."""


def _cell_sentence(metric: str, value: str, sized: bool = False) -> str:
    """A table cell read as a sentence: `ORR, % (95% CI)` with `41 (33–49)` → `ORR 41% (95% CI, 33–49)`;
    `ORR, n (%)` with `18 (45.0)` → `ORR 18 (45.0%)`; `ORR (n)` with `45.5% (10)` → `ORR 45.5% (n = 10)`."""
    pair = _COUNT_PERCENT_CELL.match(value)
    if pair and _COUNT_PERCENT_LABEL.search(metric) and "." not in pair.group("a"):
        return f"{_COUNT_PERCENT_LABEL.sub('', metric).strip(' ,')} {pair.group('a')} ({pair.group('b')}%)"
    if pair and _PERCENT_COUNT_LABEL.search(metric) and "." not in pair.group("b"):
        return f"{_PERCENT_COUNT_LABEL.sub('', metric).strip(' ,')} {pair.group('a')}% (n = {pair.group('b')})"
    if _COUNT_PERCENT_LABEL.search(metric) and re.fullmatch(r"\s*\d{1,4}\s*", value):
        return f"{_COUNT_PERCENT_LABEL.sub('', metric).strip(' ,')} {value.strip()} patients"  # `0` under `CR, n (%)`
    units = [m.group("u") for m in _UNIT_IN_LABEL.finditer(metric) if m.group("u")]
    if sized and not units and re.fullmatch(r"\s*\d{1,4}\s*", value):
        keys = {m.key for m in mentions_in(metric)}
        if len(keys) == 1 and keys <= {"cr", "pr", "sd", "pd", "orr"}:
            # a bare whole number under a response with no unit, in a table with a size column: a count
            return f"{metric} {value.strip()} patients"
    cell = _BARE_CELL.match(value)
    if (
        units
        and re.fullmatch(r"\s*(?:NR|not\s+reached)\s*(?:\([^()]*\d[^()]*\))?\s*", value, ICASE)
        and not re.search(r"follow", metric, ICASE)
    ):
        # `Median OS, months` with `NR`: a median not reached (its unit said, not part of the value)
        return f"{_UNIT_IN_LABEL.sub('', metric).strip(' ,')} was not reached"
    if not units or cell is None:
        return f"{metric} {value}"
    name = _UNIT_IN_LABEL.sub("", metric).strip(" ,")
    unit = "%" if units[-1] == "%" else " months" if units[-1].lower().startswith("mo") else " weeks"
    ci = f" (95% CI, {cell.group('lo')}–{cell.group('hi')})" if cell.group("lo") else ""
    return f"{name} {cell.group('v')}{unit}{ci}"


_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(
    r"\b(?=[otfsenhr])(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|reached|NR)\b",
    ICASE,
)
"""A sentence states a number: a digit, or one of these words (the lookahead only skips faster)."""
_STUDY_WORD = re.compile(r"\b(?=[stcapn])(?:study|trial|cohort|arm|patients|NCT)\b", ICASE)


_RANDOMISED_WORDS = ("randomi", "hazard ratio", "risk of death", "risk of progression", "risk of disease progression",
                     "placebo", "control arm")
_HR_VALUE = re.compile(r"\bHR\s*[=:,]?\s*0[.,]\d")


def _randomised(body: str) -> bool:
    """Whether an article reports a randomised comparison (randomised, a hazard ratio, a risk of death
    or progression, placebo, a control arm)."""
    lower = body.lower()
    return any(w in lower for w in _RANDOMISED_WORDS) or ("HR" in body and bool(_HR_VALUE.search(body)))
def _first_trial(body: str) -> set[str]:
    """The first trial an article names, by name (`ZUMA-7`) or registry number, whichever comes first."""
    head = body[:6000]
    named = trials_in(head)
    nct = NCT_ID.search(head) if "NCT" in head or "nct" in head else None
    if named and (nct is None or head.find(named[0]) < nct.start()):
        return {named[0]}
    return {"NCT" + nct.group(1)} if nct else set()


_SET_BESIDE = re.compile(
    r"\b(?:noted|compar(?:e|ed|es|ing|ison|able)|historical(?:ly)?|previously|benchmarks?|by\s+contrast|in\s+contrast|"
    r"whereas|as\s+expected|for\s+reference|for\s+context|performed|context)\b",
    re.IGNORECASE,
)
_IN_TOTAL = re.compile(r"\b(?:in\s+total|in\s+all|altogether|all\s+told|overall)\b", re.IGNORECASE)


def _whole_size_for(count: int, percent: float) -> bool:
    """Whether some whole number of patients gives `count` as `percent` (to the precision it is stated)."""
    if percent <= 0 or count <= 0:
        return False
    half = 0.05 if percent != round(percent) else 0.5
    low, high = 100 * count / (percent + half), 100 * count / max(percent - half, 1e-9)
    return math.floor(high) >= math.ceil(low) and math.ceil(low) >= count


_SPACED_CELL = re.compile(r"\S+(?: \S+)*")
"""A cell of a table laid out with spaces: words one space apart (two or more end the cell)."""


class Assembler:
    """Walks an article's blocks and builds its cohorts."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.builders: list[Builder] = []
        self.abbreviations = abbreviations_in(body) if "(" in body else {}
        self.updated = any(not _FUTURE_AROUND.search(_around(body, m.start(), m.end())) for m in _UPDATE.finditer(body))
        """Whether the article reports a later analysis ("the final analysis showed"), not one to come
        ("will be updated at the final analysis, expected in 2026")."""
        self.earlier_section = False
        self.in_earlier = False
        """Whether the sentence being read is about an earlier analysis."""
        """Whether the section being read is headed as an earlier analysis (`## Earlier results`)."""
        """The article reports an update of a population it also reports at an earlier analysis."""
        self.shared_follow_up: Duration | None = None
        """A follow-up the article states for all its cohorts at once."""
        self.section = 0
        self.current = self._new(background=False)
        self.arms: list[str] = []
        self.subject = ""
        """The article's own product: the first drug it names by name (for `_rival`)."""
        self.block_slots: list[str] = []
        """Populations a line of this block named by slot (`ORR: 74% vs 69% (A vs B)`): the lines
        after it in the block (`mPFS: 7.5 vs 11.2 mos`) list their values in the same order."""
        self.section_builder: Builder | None = None
        self.skip = False
        self.seen = Population()
        self.own_trial: set[str] = _first_trial(body)
        """The trial the article reports: the first it names (by name or NCT number)."""
        self.randomised = _randomised(body)
        """The article reports a randomised comparison: a value set against another `with chemotherapy` is an arm's."""
        self.sets = _analysis_sets(body)
        """The analysis sets the article names (`ITT set`, `Infused set`)."""
        self.introduced: tuple[str, int] | None = None
        """A subgroup the last sentence named with its size and no figure (`11 patients who …`)."""
        self._introducing: tuple[str, int] | None = None
        self._text = ""
        """The sentence being read (what `_target` may look at beyond the figure)."""
        self.parts_total: tuple[int, Evidence] | None = None
        """The whole study's size, when a sentence gives its named parts' sizes and their sum."""
        self.sizes: list[tuple[int, Evidence]] = []
        """Every population size the article states, with where (possible n's of a cohort with none)."""
        """Every product, disease and phase the body mentions."""
        self.long_tables = 0
        self.unread_rows = 0
        self.long_sentences = 0
        self.unread_chars = 0
        self.readings = 0
        """Sentences and table cells read for figures so far."""
        self.stopped = ""
        """Why the rest of the article was left unread, if it was (`warnings` says what was left)."""
        self._target_how = ""
        """How `_target` chose the cohort of the last figure (a feature of its reading)."""
        self.lead: Mention | None = None
        """The metric a line ending in a colon lends to the list items below it."""
        self._match_how = ""
        """How `_match_label` matched the last name (same words, some words, role, disease)."""

    def warnings(self) -> list[str]:
        """What was left unread, in words: the article's extraction warnings."""
        out = []
        if self.long_tables:
            out.append(
                f"{_count(self.long_tables, 'table')} longer than {MAX_TABLE_ROWS} rows: figures were read from the "
                f"first {MAX_TABLE_ROWS} rows of each, {_count(self.unread_rows, 'row')} not read"
            )
        if self.long_sentences:
            out.append(
                f"{_count(self.long_sentences, 'sentence')} longer than {MAX_SENTENCE_READ:,} characters: figures "
                f"were read from the first {MAX_SENTENCE_READ:,} characters of each, "
                f"{_count(self.unread_chars, 'character')} not read"
            )
        if self.stopped:
            out.append(f"more than {self.stopped}: the rest of the article was not read")
        return out

    def _stop(self) -> None:
        """The article's budget of work is spent (`len(self.builders) >= MAX_COHORTS or self.readings >=
        MAX_READINGS`, tested inline in the hot loops): the rest is not read."""
        if len(self.builders) >= MAX_COHORTS:
            self.stopped = f"{MAX_COHORTS} populations"
        else:
            self.stopped = f"{MAX_READINGS:,} sentences and table cells with figures"

    def _arm_subgroups(self, sentence: Sentence, hits: list[Hit], parallel: set[int]) -> None:
        """`In acral melanoma (n=7 per arm), median PFS was NR vs 1.5 months`: a subgroup of a randomised
        trial, compared arm against arm — one population per arm, named by both."""
        text = sentence.text
        m = _ARM_SUBGROUP.match(text)
        if m is None:
            return
        desc = re.sub(r"^(?:the\s+)?sub(?:group|set)\s+(?:of|with)\s+", "", m.group("desc").strip(), flags=ICASE)
        given = _WHO_GOT.search(desc)
        own_arm = self._match_label(given.group("arm"), strict=True) if given and len(self.arms) == 2 else None
        arm_names = [a.lower() for a in self.arms]
        if given is not None and own_arm is not None and own_arm.label_source == "arm" and own_arm.label.lower() in arm_names:
            # "among the 71 patients with X who got A, median OS was 11.8 months, compared with 7.0 months
            # for the 68 such patients in the chemo arm": the subgroup in A, then in the other arm
            desc = desc[: given.start()]
            if not _names_a_subgroup(desc):
                return  # the arm itself ("the 88 participants who received A"), no subgroup of it
            first = arm_names.index(own_arm.label.lower())
            order = [self.arms[first], self.arms[1 - first]]
            for h in hits:
                if h.slot in (0, 1):
                    h.label = order[h.slot]
                    if h.slot == 0 and m.group("lead_n"):
                        h.label_n = int(m.group("lead_n"))
        elif self._find_arm(desc) or arm_role(desc) or _is_overall(desc):
            return  # the arm itself or the whole trial, not a subgroup of it
        if _EVALUABLE_SET.match(desc):
            # "Among patients with measurable disease at baseline (A, n = 381; B, n = 379), ORRs were …":
            # the arms' response-evaluable sets, the arms themselves, each with its stated size
            for name, size in _ARM_SIZE.findall(text[: m.end()]):
                arm = self._match_label(name)
                if arm is not None and arm.label_source == "arm" and arm.n_rank < 4:
                    sized = text.find(size, text.find(name))
                    arm.n, arm.n_rank, arm.n_how = int(size), 4, "arm_size"
                    arm.n_evidence = _evidence(sentence, sized, sized + len(size))
            return
        if not _names_a_subgroup(desc):
            return  # "In addition, …": no population
        # a value named only by the subgroup itself ("In patients with PD-L1 of 50% or more, …") is unnamed
        bare = {id(h) for h in hits if not h.label or h.label.lower() in (desc.lower(), f"patients {desc.lower()}")}
        unnamed = [h for h in hits if id(h) in bare and (h.slot > 0 or id(h.mention) in parallel)]
        if unnamed and max(h.slot for h in unnamed) >= len(self.arms):
            return
        arm_of = {id(h): self.arms[h.slot] for h in unnamed}
        for h in hits:
            # "…, median OS was 19.6 months with A vs 12.7 months with B": each arm named by its value
            arm = self._match_label(h.label) if h.label and id(h) not in bare else None
            if arm is not None and arm.label_source == "arm" and arm.label:
                arm_of[id(h)] = arm.label
        if not arm_of or len(set(arm_of.values())) < 2:
            return
        size = int(m.group("n")) if m.group("n") and m.group("each") else None
        order = list(dict.fromkeys(arm_of[id(h)] for h in sorted(hits, key=lambda h: h.group.start) if id(h) in arm_of))
        sizes = dict(zip(order, (int(m.group("na")), int(m.group("nb"))), strict=False)) if m.group("na") else {}
        if sizes and m.group("ida"):
            # "(A, n = 118; B, n = 121)": the ids say whose size is whose; keep them only when they name
            # the arms in the order their values come ("(B, n = 121; A, n = 118)" or "(total, …)" are not)
            ids = [m.group("ida").strip().lower(), (m.group("idb") or "").strip().lower()]
            if not (ids == ["a", "b"] or ids == ["1", "2"] or all(
                i and arm.lower().startswith(i) for i, arm in zip(ids, order, strict=False)
            )):
                sizes = {}
        root = self.current.parent or self.current
        for h in [h for h in hits if id(h) in arm_of]:
            label = f"{desc[:1].upper()}{desc[1:]}, {arm_of[id(h)]}"
            b = next((x for x in self.builders if x.label == label), None)
            if b is None:
                b = self._sibling_new(root, label)
                b.label_source, b.ckey = "disease", f"{cohort_key(label)} | {desc.lower()}"
                found = diseases_in(desc)
                if found:
                    b.diseases = [found[0][2]]
            own = sizes.get(arm_of[id(h)], size)
            if own is not None and b.n is None:
                b.n, b.n_rank, b.n_how = own, 2, "arm_subgroup"
            h.label = label

    def _earlier(self, sentence: Sentence, pop: Population) -> None:
        """A sentence about an earlier analysis of an article that reports a later one: its figures
        go to a population of their own, marked earlier (`extract` keeps them only as possible when
        a later cohort of the same disease reports the same figures)."""
        cur = self.current
        b = next((x for x in self.builders if x.earlier and x.section == self.section), None)
        if b is None:
            b = self._new(background=cur.background)
            b.earlier = True
            b.products, b.trial_ids, b.phase = list(cur.products), list(cur.trial_ids), cur.phase
            b.diseases = [name for _s, _e, name in diseases_in(sentence.text)][:1] or list(cur.diseases)
            if cur.n is not None and not cur.outcomes:
                # "… (N = 104). In the primary analysis, the ORR was 92%": the size stated before any
                # figure is the population of the first analysis reported
                b.n, b.n_rank, b.n_evidence = cur.n, cur.n_rank, cur.n_evidence
                cur.n, cur.n_rank, cur.n_evidence = None, 0, None
        self.current = b
        self._absorb(b, pop, sentence)
        self.in_earlier = True
        try:
            if prefilter(sentence.text):
                self._read(sentence, pop)
        finally:
            self.in_earlier = False
        self.current = cur

    def _earlier_look(self, later: Builder) -> Builder:
        """The earlier analysis of a population the article reports (made on first use)."""
        found = next((x for x in self.builders if x.earlier_of is later), None)
        if found is None:
            found = self._new(background=later.background)
            found.earlier, found.earlier_of = True, later
            found.label, found.label_source, found.ckey = later.label, later.label_source, later.ckey
            found.products, found.trial_ids, found.phase = list(later.products), list(later.trial_ids), later.phase
            found.diseases = list(later.diseases)
        return found

    def _new_cohort(self, label: str, cur: Builder) -> Builder:
        """A cohort named by the text, of the section's study (its product, trial, phase, disease)."""
        base = self.section_builder or cur
        b = self._new(background=cur.background)
        b.label, b.label_source, b.ckey = label, "cohort", cohort_key(label)
        b.products, b.trial_ids, b.phase, b.diseases = (
            list(base.products),
            list(base.trial_ids),
            base.phase,
            list(base.diseases),
        )
        return b

    def _cohort_size(self, label: str, size: int, sentence: Sentence) -> None:
        """`(cohort A, n = 18; cohort B, n = 21)`: each named cohort's size, the cohort made if new."""
        b = self._find(label) or next((x for x in self.builders if x.ckey == cohort_key(label)), None)
        if b is None:
            b = self._new_cohort(label, self.current)
        if b.n is None or b.n_rank < 2:
            b.n, b.n_rank, b.n_how = size, 2, "cohort_size"
            b.n_evidence = _evidence(sentence, 0, len(sentence.text))

    def _subgroup_lead(self, text: str) -> re.Match[str] | None:
        """A sentence opening on a subgroup of the cohort being read; "In the 18 patients who received
        both, …" before any figure is the cohort itself."""
        m = _SUBGROUP_LEAD.match(text)
        if (
            m
            and (m.group("n2") or m.group("n4"))
            and not self.current.outcomes
            and not any(b.n for b in self.builders if b is not self.current and b.section == self.section)
        ):
            return None
        return m

    def _core(self, label: str) -> frozenset[str]:
        return _core(label, self.abbreviations)

    def _new(self, *, background: bool = False, parent: Builder | None = None) -> Builder:
        b = Builder(order=len(self.builders), section=self.section, background=background, parent=parent)
        self.builders.append(b)
        return b

    def run(self) -> list[Builder]:
        for block in blocks_of(self.body):
            if len(self.builders) >= MAX_COHORTS or self.readings >= MAX_READINGS:
                self._stop()
                break  # no real article reports this many populations or figures; bound the work instead
            if block.kind == "heading":
                # A heading that names a metric (`Response rates:`) lends it to the list below it.
                self.lead = lead_in(self.body[block.start : block.end].lstrip("#").strip() + ":")
                self._heading(block)
                continue
            if self.skip:
                continue
            if (
                self._table(block)
                or self._flat_table(block)
                or self._cell_lines_table(block)
                or self._spaced_table(block)
            ):
                continue
            if block.unread:
                self.long_sentences += block.long_sentences
                self.unread_chars += block.unread
            self.block_slots = []
            for index, sentence in enumerate(block.sentences):
                if len(self.builders) >= MAX_COHORTS or self.readings >= MAX_READINGS:
                    self._stop()
                    break
                self._sentence(sentence, first_in_block=index == 0)
                # A line that introduces a list with a metric (`PFS was longer with X:`) lends it to
                # the items below it; any other line ends the list.
                if sentence.text.rstrip().endswith(":"):
                    self.lead = lead_in(sentence.text)
                elif not LIST_ITEM.match(sentence.text):
                    self.lead = None
        return self.builders

    def _table(self, block: Block) -> bool:
        """A pipe table (`Metric | Cohort A (n=23) | Cohort B`): one figure per cell. True when handled."""
        text = self.body[block.start : block.end]
        if "|" not in text:
            return False  # every line of a pipe table has one
        lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
        rows: list[tuple[int, int, list[tuple[int, int, str]]]] = []
        past = 0
        for offset, line in lines:
            if line.count("|") < 1:
                return False
            if len(rows) > MAX_TABLE_ROWS:
                past += 1  # not read (`_table_rows`): only whether the block is a table
                continue
            row_cells: list[tuple[int, int, str]] = []
            # every cell between two pipes, empty ones too (a blank corner cell keeps the columns in
            # place); what stands before the first pipe or after the last is a cell only when not blank
            pipes = [i for i, ch in enumerate(line) if ch == "|"]
            edges = [-1, *pipes, len(line)]
            for k, (a, b) in enumerate(zip(edges, edges[1:], strict=False)):
                raw = line[a + 1 : b]
                if (k == 0 or k == len(edges) - 2) and not raw.strip():
                    continue
                lead = len(raw) - len(raw.lstrip())
                row_cells.append((block.start + offset + a + 1 + lead, len(raw.strip()), raw.strip()))
            if row_cells and all(re.fullmatch(r":?-{2,}:?", c[2]) for c in row_cells if c[2]):
                continue  # the --- line under a header
            rows.append((block.start + offset, block.start + offset + len(line), row_cells))
        return self._table_rows(rows, past)

    def _spaced_table(self, block: Block) -> bool:
        """A table laid out with spaces, as plain-text releases print one (`Dose level    Evaluable
        ORR` / `DL1           4            0%`): cells are runs of text two or more spaces (or a tab)
        apart, every line has as many, and the rows are read as a pipe table's. True when handled."""
        text = self.body[block.start : block.end]
        if text.count("\n") < 2 or ("  " not in text and "\t" not in text):
            return False
        lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
        if not 3 <= len(lines) <= MAX_TABLE_ROWS + 1:
            return False
        rows: list[tuple[int, int, list[tuple[int, int, str]]]] = []
        for offset, line in lines:
            cells = [
                (block.start + offset + m.start(), len(m.group(0)), m.group(0))
                for m in _SPACED_CELL.finditer(line)
            ]
            rows.append((block.start + offset, block.start + offset + len(line), cells))
        width = len(rows[0][2])
        if width < 3 or any(len(r[2]) != width for r in rows):
            return False
        if sum(bool(re.search(r"\d", " ".join(c[2] for c in r[2][1:]))) for r in rows[1:]) < 2:
            return False  # a table of figures has numbers in its rows
        return self._table_rows(rows)

    def _cell_lines_table(self, block: Block) -> bool:
        """A web table copied one cell per line, each cell closed by `|` (`Drug X` / `(n= 120) |` /
        `ORR, % |` / `41 (32–50) |`): the rows are rebuilt from the header's width. True when handled."""
        text = self.body[block.start : block.end]
        if text.count("|") < 4 or not re.search(r"\|\s*$", text, re.MULTILINE):
            return False
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if sum(ln.rstrip().endswith("|") for ln in lines) < 0.5 * len(lines) or any(ln.count("|") > 1 for ln in lines):
            return False
        cells: list[tuple[int, int, str]] = []
        pos = 0
        for m in re.finditer(r"[^|]*\|", text):
            raw = m.group(0)[:-1]
            words = " ".join(raw.split())
            lead = len(raw) - len(raw.lstrip())
            cells.append((block.start + m.start() + lead, len(raw.strip()), words))
            pos = m.end()
        tail = " ".join(text[pos:].split())
        if tail:
            cells.append(
                (block.start + pos + (len(text[pos:]) - len(text[pos:].lstrip())), len(text[pos:].strip()), tail)
            )
        sized = [i for i, c in enumerate(cells) if re.search(r"\(\s*[nN]\s*=\s*\d+\s*\)", c[2])]
        if len(sized) < 2 or sized != list(range(sized[0], sized[0] + len(sized))) or sized[0] > 1:
            return False  # a header row: an optional corner cell, then every column with its size
        width = sized[-1] + 1
        header = cells[:width] if sized[0] == 1 else [(cells[0][0], 0, ""), *cells[:width]]
        body = cells[width:]
        rows = [(header[0][0], header[-1][0] + header[-1][1], header)]
        for i in range(0, len(body), len(header)):
            chunk = body[i : i + len(header)]
            if len(chunk) >= 2:
                rows.append((chunk[0][0], chunk[-1][0] + chunk[-1][1], chunk))
        return self._table_rows(rows)

    def _table_rows(self, rows: list[tuple[int, int, list[tuple[int, int, str]]]], past: int = 0) -> bool:
        """The figures of a table's rows (the first is the header), of its first MAX_TABLE_ROWS only
        (`past`: rows after `rows` not even split into cells). True when handled."""
        if len(rows) < 2 or any(len(r[2]) < 2 for r in rows):
            return False
        unread = past + max(0, len(rows) - 1 - MAX_TABLE_ROWS)
        rows = rows[: MAX_TABLE_ROWS + 1]
        header = [  # "mDOR (mo)" is "mDOR, mo" ("ORR, n (%)" stays: its cells are counts with percents)
            c[2] if re.search(r"\b(?:n|no\.)\s*\(\s*%\s*\)\s*$", c[2], ICASE) else _HEADER_UNIT.sub(r", \g<u>", c[2])
            for c in rows[0][2]
        ]
        body_rows = rows[1:]
        if _TABLE_SKIP.search(header[0]):
            return True  # a table of other therapies: not this article's figures
        # a row of another therapy (a comparator's label data) is not this article's; the others are
        body_rows = [r for r in body_rows if not _TABLE_SKIP.search(r[2][0][2])]
        if not body_rows:
            return True
        cols_metrics = sum(bool(mentions_in(h)) for h in header[1:])
        rows_metrics = sum(bool(mentions_in(r[2][0][2])) for r in body_rows)
        cells: list[tuple[str, str, tuple[int, int, str], tuple[int, int]]] = []
        n_col: int | None = None
        size_cols: list[int] = []
        if cols_metrics >= 2 or (cols_metrics >= 1 and rows_metrics == 0):
            size_cols = [
                j
                for j, h in enumerate(header)
                if j and not mentions_in(h) and (re.fullmatch(r"(?i)n(?:\s*\(.*\))?", h) or SIZE_HEADER.fullmatch(h))
            ]
            # "Infused | Evaluable | ORR, n (%)": the response figures are of the evaluable (DESIGN: n is
            # the denominator of the cohort's response figures, the evaluable when both are given)
            evaluable = [j for j in size_cols if re.search(r"(?i)evaluable|assessable|efficacy", header[j])]
            n_col = next(iter(evaluable or size_cols), None)
            # a row named by its product, with the population in a column of its own ("Product | Trial |
            # Indication | n | ORR"): the population names the row's cohort
            who_col = (
                next((j for j, h in enumerate(header) if j and _WHO_HEADER.fullmatch(h.strip())), None)
                if _PRODUCT_HEADER.fullmatch(header[0].strip())
                else None
            )
            for start, end, row in body_rows:
                label = _row_label(header[0], row[0][2])
                if who_col is not None and who_col < len(row) and row[who_col][2]:
                    label = f"{row[who_col][2]} ({row[0][2]})"
                if n_col is not None and n_col < len(row) and row[n_col][2].isdigit():
                    label = f"{label} (n={row[n_col][2]})"
                for j, cell in enumerate(row[1:], start=1):
                    if j < len(header) and j not in size_cols:
                        cells.append((label, header[j], cell, (start, end)))
        elif rows_metrics >= 1:
            for start, end, row in body_rows:
                for j, cell in enumerate(row[1:], start=1):
                    if j < len(header) and not _TABLE_SKIP.search(header[j]) and not _NOT_A_COHORT_COLUMN.match(header[j]):
                        cells.append((header[j], row[0][2], cell, (start, end)))
        else:
            return False
        self._unread_table(unread)
        row_cohorts: dict[str, Builder] = {}
        for label, metric, (cell_start, cell_len, value), (row_start, row_end) in cells:
            if len(self.builders) >= MAX_COHORTS or self.readings >= MAX_READINGS:
                self._stop()
                break  # the bounds of `run` hold inside a table too (each cell looks its cohort up among all)
            synthetic = _cell_sentence(metric, value, sized=n_col is not None)
            self.readings += 1
            facts = read_sentence(synthetic)
            for hit in facts.hits:
                if hit.slot or hit.mention.start >= len(metric):
                    continue
                if label not in row_cohorts:
                    row_cohorts[label] = self._table_cohort(
                        label, taken=list(row_cohorts.values()), row=self.body[row_start:row_end]
                    )
                target = row_cohorts[label]
                evidence = Evidence(self.body[row_start:row_end], row_start, row_end, cell_start, cell_start + cell_len)
                self._put(target, hit, Sentence(self.body[row_start:row_end], row_start, row_end), evidence=evidence)
        return True

    def _flat_table(self, block: Block) -> bool:
        """A journal table flattened to text (`tables`): each column a cohort. True when handled."""
        text = self.body[block.start : block.end]
        if not maybe_flat_table(text):
            return False
        table = read_flat_table(text, block.start, footnote_marks(self.body[block.end : block.end + 5000]))
        if table is None:
            return False
        self._unread_table(table.unread_rows)
        cohorts: dict[int, Builder] = {}
        for fig in table.figures:
            if fig.column not in cohorts:
                cohorts[fig.column] = self._flat_cohort(table.columns[fig.column])
            b = cohorts[fig.column]
            value = self._flat_value(fig)
            existing = b.outcomes.get(fig.key)
            if existing is None:
                b.outcomes[fig.key] = value
                b.first_figure = min(b.first_figure, fig.row_span[0])
            elif not _same(existing, value):
                reason = "the table's cell disagrees with the figure the text states"
                for part, number in _parts(value):
                    b.candidates.append(Candidate(fig.key, part, number, reason, value.evidence))
        return True

    def _unread_table(self, rows: int) -> None:
        if rows:
            self.long_tables += 1
            self.unread_rows += rows

    def _flat_value(self, fig: TableFigure) -> Outcome:
        (rs, re_), (cs, ce) = fig.row_span, fig.cell_span
        ev = Evidence(self.body[rs:re_], rs, re_, cs, ce)
        if fig.key in DURATION_KEYS:
            return Duration(
                months=fig.months,
                not_reached=fig.not_reached,
                evidence=ev,
                value=fig.value,
                unit=fig.unit,
                ci95=fig.ci95,
            )
        ci = (fig.ci95[0], fig.ci95[1]) if fig.ci95 and fig.ci95[0] is not None and fig.ci95[1] is not None else None
        return Rate(count=fig.count, percent=fig.percent, evidence=ev, ci95=ci, denominator=fig.denominator)

    def _flat_cohort(self, column: Column) -> Builder:
        """The cohort of a table column: one the text already names with that label and size, else a new one."""
        label = column.label
        found = self._match_label(label, strict=True) or self._find(label) or self._disease_reported(label)
        if found is None or (found.n is not None and column.n is not None and found.n != column.n):
            found = self._new(background=self.current.background)
            found.label, found.label_source, found.ckey = label, "cohort", cohort_key(label)
            base = self.section_builder or self.current
            found.products, found.trial_ids, found.phase = list(base.products), list(base.trial_ids), base.phase
            found.diseases = [d for _s, _e, d in diseases_in(label)][:1] or list(base.diseases)
        if column.n is not None and found.n is None:
            ls, le = column.line_span
            found.n, found.n_rank, found.n_how = column.n, 3, "table_column"
            found.n_evidence = Evidence(self.body[ls:le], ls, le, column.n_span[0], column.n_span[1])
        return found

    def _disease_reported(self, label: str, taken: Collection[Builder] = ()) -> Builder | None:
        """The one cohort of the disease a table's column or row names (`SyS n = 30`) that the prose
        already reported ("In SyS, median OS was 15.7 months"), if there is just one."""
        named = label_diseases(label)[:1]
        if not named:
            return None
        same = [
            b
            for b in self.builders
            if b.label_source == "disease" and not b.background and b.diseases[:1] == named and b not in taken
        ]
        return same[0] if len(same) == 1 else None

    def _table_cohort(self, label: str, taken: Collection[Builder] = (), row: str = "") -> Builder:
        """The cohort of a table's row or column; `taken`: the cohorts of the table's other rows (a
        row is never one of them: `DL2 + booster` is not `DL2`, whatever id they share). `row`: the
        row's text, whose counts say which size they are counted out of."""
        n_match = re.search(r"\(\s*n\s*=\s*(\d+)\s*\)", label)
        clean = re.sub(r"\s*\(\s*n\s*=\s*\d+\s*\)", "", label).strip()
        found = self._match_label(clean, strict=True) or self._find(clean)
        if found is None:
            found = self._disease_reported(clean, taken)
        if found is not None and found in taken:
            found = None
        if found is None:
            found = self._new(background=self.current.background)
            found.label, found.label_source, found.ckey = clean, "cohort", cohort_key(clean)
            base = self.section_builder or self.current
            found.products, found.trial_ids, found.phase = list(base.products), list(base.trial_ids), base.phase
            found.diseases = label_diseases(clean)[:1] or list(base.diseases)
        if n_match and (found.n is None or found.n_rank <= 1 or _counted_out_of(row, int(n_match.group(1)), found.n)):
            # a column's size beats the trial's intake, and a row's size its counts are counted out of
            # beats who was infused ("(DL1, n=9)" in the prose, "DL1 | 8 | 5 (62.5%)" in the table)
            found.n, found.n_rank, found.n_how = int(n_match.group(1)), 2, "table_label"
        return found

    def _heading(self, block: Block) -> None:
        title = block.heading
        self.section += 1
        # "## Earlier results", "## Interim analysis": in an article that reports a later one, what
        # the section says is the earlier analysis
        self.earlier_section = bool(self.updated and _EARLIER_HEADING.search(title) and not _UPDATE.search(title))
        self.skip = bool(_SKIP_HEADING.search(title))
        if self.skip:
            return
        pop = read_population(title)
        if not pop.diseases and len(title) <= 40:
            pop.diseases = label_diseases(title)[:1]  # "### Cervical: decent"
        names_population = bool(
            pop.diseases or pop.cohort_ids or pop.named_groups or (pop.products and not _GENERIC_HEADING.match(title))
        )
        if _GENERIC_HEADING.match(title) and not (pop.diseases or pop.cohort_ids):
            return
        existing = self._find(title) if cohort_key(title) else None
        if existing is not None:
            self.current = existing
            self.section_builder = existing
            return
        if names_population and len(title) > 60 and self.body[block.start : block.end].startswith("# "):
            # the article's own headline ("# Five-year X data: … keeps its edge over Y in melanoma"):
            # what it names is the article's subject, not a population of its own
            self._absorb(self.current, pop, None)
            return
        if title.lower().startswith("about ") or names_population:
            b = self._new(background=title.lower().startswith("about "))
            b.label = _heading_label(title, pop)
            b.label_source = "heading"
            b.ckey = cohort_key(b.label)
            self._absorb(b, pop, None)
            self.current = b
            self.section_builder = b
            self.arms = []

    def _sentence(self, sentence: Sentence, first_in_block: bool) -> None:
        text = sentence.text
        has_number = bool(_DIGIT.search(text) or _NUMBER_WORD.search(text))
        if not has_number and not _STUDY_WORD.search(text):
            return
        pop = read_population(text)
        if not self.subject and self.seen.products:
            self.subject = next(
                (p for p in self.seen.products if _OWN_NAME.fullmatch(p) and not GENERIC_PRODUCTS.fullmatch(p)), ""
            )
        subject = self.subject
        self._remember(pop)
        rival = _rival(text, pop, subject) if subject and pop.products else ""
        trials = trials_in(text) if self.own_trial and "-" in text and prefilter(text) and _SET_BESIDE.search(text) else []
        if trials and not self.own_trial & {*trials, *pop.trial_ids}:
            # "the control arm performed as expected; in KEYNOTE-048, pembrolizumab yielded a median
            # OS of 14.9 months": another trial's figures, quoted for comparison
            rival = rival or f"trial {trials[0]}"
        if rival and prefilter(text):
            # "Calloway Therapeutics' calvatecel posted a 31.4% response rate": another company's
            # product, its figures only possible, never a cohort of this article
            facts = read_sentence(text, self._known_names(), None)
            for hit in facts.hits:
                what = rival if rival.startswith("trial ") else f"product ({rival})"
                self._put_candidate(self.current, hit, sentence, f"its sentence reports another {what}")
            return
        if pop.n is not None and pop.n_span is not None and len(self.sizes) < 12:
            self.sizes.append((pop.n, _evidence(sentence, *pop.n_span)))
        earlier = _EARLIER.search(text) or _THAT_ANALYSIS.search(text)
        if self.updated and not _UPDATE.search(text) and (
            (earlier and not _earlier_set_against(text, earlier)) or self.earlier_section
        ):
            self._earlier(sentence, pop)
            return
        # a subgroup the sentence before named with its size and no figure is what 'In that group' means
        intro = (
            _SUBGROUP_INTRO.search(text)
            if "%" not in text and _SUBGROUP_INTRO_GATE.search(text) and not _PERCENT_SAID.search(text)
            else None
        )
        size = number_value(intro.group("n")) if intro else None
        self.introduced, self._introducing = (
            self._introducing,
            (re.sub(r"^(?=(?:had|have|were)\b)", "who ", re.sub(r"\s+", " ", intro.group("desc")).strip()), int(size))
            if intro and size is not None
            else None,
        )
        study = self.current
        self._maybe_new_population(sentence, pop, first_in_block)
        if pop.arms:
            self.arms = pop.arms
            self._arm_builders(pop, sentence)
        for label, size in pop.cohort_sizes if len(pop.cohort_sizes) >= 2 or not pop.n else ():
            self._cohort_size(label, size, sentence)
        if len(pop.cohort_sizes) >= 2 and self.parts_total is None:
            total = sum(n for _label, n in pop.cohort_sizes)
            said = re.search(rf"(?<![\w.,]){total}(?![\w.,%]|\s*(?:months?|years?|weeks?|%))", text)
            if said is not None:
                # "39 were evaluable (cohort A, n = 18; cohort B, n = 21)": the parts add up to the
                # whole study's size, which the whole population keeps if the article reports it
                self.parts_total = (total, _evidence(sentence, said.start(), said.end()))
        if len(pop.cohort_sizes) >= 2 and not (
            pop.n == sum(n for _label, n in pop.cohort_sizes)
            and self.current.parent is None
            and self.current.label_source in ("", "disease", "heading")
            and not self.current.ckey
        ):
            # "44 infused, 39 evaluable (cohort A, n = 18; cohort B, n = 21)": the trial's total, not the
            # cohort being read (kept when the study population itself is read and the parts add up)
            pop.n = None
        if pop.n is not None and self._subgroup_lead(text):
            pop.n = None  # the subgroup's size, given to the subgroup with its figures
        self._absorb(self.current, pop, sentence)
        listed = self.lead is not None and bool(LIST_ITEM.match(text))
        if not has_number or not (prefilter(text) or listed):
            return
        dose = _DOSE_LEAD.match(text)
        if dose:
            # "At 450 million cells, the ORR was …": the dose level the sentence reports
            amount = re.sub(r"\s+", " ", dose.group("dose")).strip()
            named = re.search(r"cells?|TILs?$|g(?:/kg|/m2|/m²)?\b|weekly|daily|weeks|Q\dW", amount, ICASE)
            label = f"{amount} cells" if not named else amount
            if self._find(label) is None and self.current.n is not None and not self.current.outcomes:
                self.current = self._new(background=self.current.background)  # the whole trial keeps its size
            self._switch_to_cohort(label)
        elif _RANKED_DOSE_LEAD.match(text):
            # "At the higher dose, 44 of 61 patients responded": the arm of the highest of the doses named
            ranked = self._dose_ranked(text[:40], [b for b in self.builders if b.earlier_of is None])
            if ranked is not None:
                self.current = ranked
        segments = _segments(sentence)
        start = study
        # "received X at DL1 (…), DL2 (…) or DL3 (…)", "ORR was 0% at DL1, 25% at DL2 and 50% at DL3":
        # cohorts named in turn are parts of the study population, which stays what follows is about
        whole = (
            sum(1 for _s, label in segments if label) >= 2
            and start.parent is None
            and not start.siblings
            and start.label_source in ("", "disease", "heading")
            and not start.ckey
        )
        for k, (segment, label) in enumerate(segments):
            if label:
                self._switch_to_cohort(label, [name for _s, _e, name in diseases_in(segment.text)], relabel=not whole)
                own = _CLAUSE_SIZE.match(segment.text) if k else None
                b = self.current
                if own is not None and b.n is None:
                    # "…; in the FL cohort (n=31), …": a later clause's own size, right after its name
                    b.n, b.n_rank, b.n_how = int(own.group("n")), 2, "clause"
                    b.n_evidence = _evidence(segment, own.start("n"), own.end("n"))
            self._read(segment, pop)
        if whole:
            self.current = start

    def _remember(self, pop: Population) -> None:
        _extend_unique(self.seen.products, pop.products)
        _extend_unique(self.seen.diseases, pop.diseases)
        _extend_unique(self.seen.phases, [pop.phase] if pop.phase else [])

    def _read(self, sentence: Sentence, pop: Population) -> None:
        text = sentence.text
        self._text = text
        self.readings += 1
        lead = self.lead if self.lead is not None and LIST_ITEM.match(text) else None
        facts = read_sentence(text, self._known_names(), lead, self.randomised)
        overall = may_match(_OVERALL_WORDS, text, text.lower()) and bool(_OVERALL.search(text))
        parallel = {id(h.mention) for h in facts.hits if h.slot > 0}
        expanded: list[Hit] = []
        for hit in facts.hits:
            if " | " in hit.label:
                for one in hit.label.split(" | "):
                    expanded.append(Hit(hit.key, hit.group, hit.mention, hit.slot, one, cue=hit.cue))
            else:
                expanded.append(hit)
        pooled = None
        if may_match(_POOLED_WORDS, text, text.lower()):
            pooled = next((m for m in _POOLED.finditer(text) if _POOLED_SAID.search(m.group())), None)
        whole_named = _ALL_POPULATION.search(text) if overall else None
        hits = [
            h
            for h in expanded
            if not _near(_HEADLINE, text, h)
            or (pooled and h.key != "median_followup" and _near(_POOLED, text, h))
            # "Among all 25 patients treated across tumor types, …": the trial's whole population
            or (whole_named is not None and _near(_ALL_POPULATION, text, h))
            # "The ORR across tumour types was 40.9% (18/44)": the whole population, counted
            or _sized_whole(h, text)
        ]
        for h in expanded:
            across = h.key == "median_followup" and _ACROSS_ALL.search(text)
            if h.key == "median_followup" and (h not in hits or across) and self.shared_follow_up is None:
                # "Median follow-up across both cohorts was 10.2 months": each cohort's, not a summary's
                value = _outcome(h, sentence)
                if isinstance(value, Duration):
                    self.shared_follow_up = value
        origin: dict[int, str] = {}
        """Where the assembler found a hit's population name, when the reader gave none."""
        fresh_made = False
        subgroup = self._subgroup_lead(text)
        if subgroup is None and self.introduced is not None and _SUBGROUP_ANAPHOR.match(text):
            named, named_size = self.introduced
            turn = _TURN.search(text)
            until = turn.start() if turn else len(text)
            for h in hits:
                if h.slot == 0 and not h.label and h.group.start < until:
                    h.label, h.label_n = f"Patients {named}", named_size
                    origin[id(h)] = "label_subgroup_lead"
        if subgroup and not (pooled and pooled.start() <= subgroup.start() < pooled.end()):
            # "For those who received 2 prior regimens (n = 18), the ORR was 78%": the sentence's own
            # figures are the subgroup's, a population of its own beside the whole cohort.
            desc, size = _subgroup(subgroup)
            label = f"{desc[:1].upper()}{desc[1:]}" if subgroup.group("desc4") else f"Patients {desc}"
            turn = _TURN.search(text, subgroup.end())
            until = turn.start() if turn else len(text)
            for h in hits:
                if h.slot == 0 and not h.label and subgroup.end() - 1 < h.group.start < until:
                    h.label, h.label_n = label, size
                    origin[id(h)] = "label_subgroup_lead"
        # A sentence whose own figures clash with the current cohort's reports another population:
        # all of them move together to a new cohort.
        cur = self.current
        if not overall and any(h.slot == 0 and not h.label and self._conflicts(cur, h, sentence) for h in hits):
            fresh = self._new(background=cur.background)
            fresh.products, fresh.trial_ids, fresh.phase = list(cur.products), list(cur.trial_ids), cur.phase
            found = [name for _s, _e, name in diseases_in(text)]
            fresh.diseases = found[:1] or list(cur.diseases)
            if (
                cur.n is not None
                and cur.n_evidence is not None
                and sentence.start <= cur.n_evidence.start < sentence.end
            ):
                # "we report on patients with X (N = 140; 26-month median follow-up)": the size said with
                # these figures is theirs, not the earlier population's
                fresh.n, fresh.n_rank, fresh.n_evidence = cur.n, cur.n_rank, cur.n_evidence
                cur.n, cur.n_rank, cur.n_evidence = None, 0, None
            self.current = fresh
            fresh_made = True
        if len(self.arms) >= 2 and parallel:
            unnamed = {id(h) for h in hits if not h.label}
            self._arm_subgroups(sentence, hits, parallel)
            origin.update((id(h), "label_arm_subgroup") for h in hits if id(h) in unnamed and h.label)
        seen: dict[int, frozenset[str]] = {}
        """The label words each cohort was reached by in this sentence."""
        # "… with A and 4.6 months with B; median OS was 51.0 and 34.1 months, respectively": values
        # later in the sentence without names follow the populations named by slot before them.
        by_slot: dict[int, str] = {}
        for h in hits:
            if h.label and (h.slot > 0 or any(x.slot > 0 and x.mention is h.mention for x in hits)):
                by_slot.setdefault(h.slot, h.label)
        for mention in {id(h.mention): h.mention for h in hits if h.slot > 0}.values():
            listed = sorted((h for h in hits if h.mention is mention), key=lambda h: h.slot)
            if any(h.label for h in listed) or [h.slot for h in listed] != list(range(len(listed))):
                continue
            names = _names_in_brackets(text, listed[-1].group.end, len(listed))
            for h, name in zip(listed, names, strict=False):
                # "ORR: 74% vs. 69% vs. 67% (0.4 mg/kg weekly vs. 0.8 mg/kg q2wks vs. prior TCR)"
                h.label = name
                origin[id(h)] = "label_bracket_list"
        sized = [h for h in hits if h.label and h.label_n and h.slot == 0]
        for h in hits:
            # "The ORR among patients with X (n = 60) was 35% (n = 21), with 15% (n = 9) achieving a CR":
            # a later count and percent that give the named population's size, not the cohort's, are its
            owner = next((x for x in reversed(sized) if x.group.end <= h.group.start), None)
            g = h.group
            if (
                owner is not None
                and owner.label_n
                and not h.label
                and h.slot == 0
                and g.count is not None
                and g.percent is not None
                and abs(100 * g.count / owner.label_n - g.percent) <= 0.6
                and not (cur.n and abs(100 * g.count / cur.n - g.percent) <= 0.6)
            ):
                h.label, h.label_n = owner.label, owner.label_n
                origin[id(h)] = "label_fits_size"
        if len(by_slot) >= 2:
            for h in hits:
                if not h.label and any(x.slot > 0 and x.mention is h.mention for x in hits) and h.slot in by_slot:
                    h.label = by_slot[h.slot]
                    origin[id(h)] = "label_by_slot"
            if sorted(by_slot) == list(range(len(by_slot))) and not self.arms:
                self.block_slots = [by_slot[i] for i in range(len(by_slot))]
        elif self.block_slots and parallel:
            for h in hits:
                listed = [x for x in hits if x.mention is h.mention]
                if (
                    not h.label
                    and h.slot < len(self.block_slots)
                    and any(x.slot > 0 for x in listed)
                    and not any(x.label for x in listed)
                    and len(listed) <= len(self.block_slots)
                ):
                    h.label = self.block_slots[h.slot]
                    origin[id(h)] = "label_block_slot"
        set_hit = next((h for h in hits if h.label in self.sets), None)
        for hit in hits:
            if hit.label in self.sets and len(self.sets) < 2:
                hit.label = ""  # "ORR in the efficacy-evaluable set was 40%": the one set, the cohort itself
            elif (
                set_hit is not None
                and not hit.label
                and hit.slot == 0
                and len(self.sets) >= 2
                and hit.group.start > set_hit.group.start
                and not _TURN.search(text, set_hit.group.end, hit.group.start)
            ):
                # "ORR in the infused set was 86.9% with a CR rate of 66.7%": the set the clause is of
                # (not a value before it, nor one set against it)
                hit.label = set_hit.label
            if hit.slot == 0 and not hit.label and id(hit.mention) in parallel and self.arms:
                hit.label = self.arms[0]
                origin[id(hit)] = "label_first_arm"
            elif hit.slot == 0 and not hit.label and id(hit.mention) in parallel:
                named_before = _QUALIFIER_BEFORE.search(text[: hit.group.start])
                if named_before:
                    hit.label = named_before.group("label").strip()
                    origin[id(hit)] = "label_before"
            target = self._target(hit, pop)
            route = [*self._reading_route(hit, text, hits), origin.get(id(hit), "label_read" if hit.label else "")]
            route.append(self._target_how)
            other = seen.get(id(target))
            if hit.label and other is not None and other != self._core(hit.label):
                # Two names in one sentence are two populations, even when one name contains the
                # other ("with nivolumab plus relatlimab and … with nivolumab").
                target = self._match_label(hit.label, strict=True) or self._sibling(target.parent or target, hit.label)
                route.append("two_names")
            if hit.label:
                seen.setdefault(id(target), self._core(hit.label))
            if pooled and hit.slot == 0 and not hit.label and _near(_POOLED, text, hit):
                target = self._whole(target)
                route.append("pooled")
                self.current = target  # what follows without a name is the whole population's too
            elif (
                hit.slot == 0 and not hit.label and _near(_HEADLINE, text, hit) and _sized_whole(hit, text)
            ):
                target = self._whole(target)
                route.append("pooled")
            elif overall and hit.slot == 0 and not hit.label:
                moved = self._overall_target(target, explicit=bool(_ALL_POPULATION.search(text)), text=text)
                route.append("overall_moved" if moved is not target else "overall_word")
                all_n = _ALL_SIZED.search(text) if moved is not target and moved.n is None else None
                if all_n is not None:
                    # "Among all 25 patients treated across tumor types": the whole population's size
                    moved.n, moved.n_rank, moved.n_how = int(all_n.group("n")), 2, "label_n"
                    moved.n_evidence = _evidence(sentence, all_n.start("n"), all_n.end())
                target = moved
            if self.in_earlier and not target.earlier:
                # "… 16.4 months in the X arm vs 12.5 months in the Y arm" at the interim analysis
                target = self._earlier_look(target)
                route.append("earlier_look")
            if fresh_made:
                route.append("sentence_new_cohort")
            if hit.key == "median_followup" and hit.slot == 0 and not hit.label and target.siblings:
                for b in [target, *target.siblings]:
                    self._put(b, hit, sentence, route=(*route, "given_to_siblings"))
                continue
            root = target.parent or target
            if hit.slot == 0 and not hit.label and root.siblings and _EACH_POPULATION.search(text):
                # "… had not been reached in both disease types", "… in each arm": each population's figure.
                named_root = [root] if root.label_source in ("arm", "cohort") else []
                for each in [*named_root, *root.siblings]:
                    self._put(each, hit, sentence, route=(*route, "each_population"))
                continue
            arms = [self._match_label(a, strict=True) for a in pop.arms] if pop.arms else []
            if hit.key == "median_followup" and hit.slot == 0 and not hit.label and len(arms) >= 2 and all(arms):
                # The follow-up of the sentence that randomises the arms is each arm's.
                for arm in arms:
                    if arm is not None:
                        self._put(arm, hit, sentence, route=(*route, "given_to_arms"))
                continue
            if self._arm_unknown(target, hit, overall):
                for arm in target.siblings:  # shown under each arm, never as its figure
                    self._put_candidate(arm, hit, sentence, "which arm of the randomised trial is not stated")
                continue
            self._put(target, hit, sentence, route=tuple(route))
            if hit.label_n is not None and target.n is None:
                target.n, target.n_rank, target.n_how = hit.label_n, 2, "label_n"
                target.n_evidence = _evidence(sentence, hit.group.start, hit.group.end)
            if (
                hit.label_n is not None
                and target is not cur
                and cur.n == hit.label_n
                and cur.n_evidence is not None
                and sentence.start <= cur.n_evidence.start < sentence.end
            ):
                cur.n, cur.n_rank, cur.n_evidence = None, 0, None  # the size was the named population's
        if not self.arms:
            # "NR in the A arm vs 30.1 months in the B arm": two populations named side by side are the
            # arms that later values without names ("70% and 22% in each arm") follow, in that order.
            for mention in {id(h.mention): h.mention for h in hits if h.slot > 0}.values():
                listed = sorted((h for h in hits if h.mention is mention), key=lambda h: h.slot)
                labels = [h.label for h in listed]
                if len(labels) >= 2 and all(labels) and len({self._core(x) for x in labels}) == len(labels):
                    if all(arm_role(x) or self._find_arm(x) for x in labels):
                        self.arms = labels
                        break
        for hit, reason in facts.possible:
            self._put_candidate(self.current, hit, sentence, reason)
        for name, group, start, end in facts.others:
            self._put_other(self.current, name, group, sentence, start, end)

    def _reading_route(self, hit: Hit, text: str, hits: list[Hit]) -> list[str]:
        """Named features of how a number was read as a figure: the cue that tied it, how far its
        words are apart, what else the sentence states (for `confidence`)."""
        out = [f"cue_{hit.cue or 'other'}"]
        if hit.slot:
            out.append("parallel")
        g, m = hit.group, hit.mention
        gap = g.start - m.end if g.start >= m.end else m.start - g.end
        out.append("gap_near" if gap <= 12 else "gap_mid" if gap <= 40 else "gap_far")
        if g.end <= m.start:
            out.append("number_first")
        lo, hi = min(g.start, m.start), max(g.end, m.end)
        if _CLAUSE_WORDS.search(text, lo, hi):
            out.append("clause_between")
        same_key = sum(1 for h in hits if h.key == hit.key)
        if same_key > 1:
            out.append("key_read_twice")
        if len({h.key for h in hits}) >= 3:
            out.append("many_keys")
        live = sum(1 for b in self.builders if b.outcomes)
        out.append("cohorts_live_0" if live == 0 else "cohorts_live_1" if live == 1 else "cohorts_live_many")
        return out

    def _put_candidate(self, b: Builder, hit: Hit, sentence: Sentence, reason: str) -> None:
        """Keep a weaker reading beside the cohort's figures, never among them."""
        value = _outcome(hit, sentence)
        if len(b.candidates) >= MAX_COHORTS:
            return
        if isinstance(value, Duration):
            if value.months is not None:
                b.candidates.append(Candidate(hit.key, "months", value.months, reason, value.evidence))
            elif value.not_reached:
                b.candidates.append(Candidate(hit.key, "not_reached", True, reason, value.evidence))
            return
        for part, number in (("count", value.count), ("percent", value.percent)):
            if number is not None:
                b.candidates.append(Candidate(hit.key, part, number, reason, value.evidence))

    def _known_names(self) -> tuple[str, ...]:
        """Randomised arms named so far, longest first (so `drug plus chemo` wins over `drug`)."""
        names = {a for a in self.arms if len(a) >= 3}
        names.update(b.label for b in self.builders if b.label_source == "arm" and len(b.label) >= 3)
        return tuple(sorted(names, key=lambda x: (-len(x), x)))

    def _arm_builders(self, pop: Population, sentence: Sentence) -> None:
        """Randomised arms named in a sentence become cohorts of their own, beside the whole trial."""
        root = self.current.parent or self.current
        for i, name in enumerate(pop.arms):
            if not self._core(name) and not cohort_key(name):
                continue
            b = (
                self._match_label(name, strict=True)
                or self._arm_by_drugs(root, name, pop.arm_names[i] if i < len(pop.arm_names) else "")
                or self._same_role_arm(root, name)
                or self._arm_read_before(root, name, i)
                or self._sibling_new(root, name)
            )
            n = pop.arm_n[i] if i < len(pop.arm_n) else None
            if n is not None and b.n is None:
                b.n, b.n_rank, b.n_how = n, 2, "arm_size"
                b.n_evidence = _evidence(sentence, 0, len(sentence.text))

    def _arm_by_drugs(self, root: Builder, arm_id: str, given: str) -> Builder | None:
        """`randomized to X 200 mg plus Y 600 mg (arm A) or X 200 mg (arm B)` after a title of `X plus
        Y versus X alone`: the arm already named by the same drugs is the one the article now calls
        arm A (it keeps its name; the id reaches it from now on)."""
        drugs = _drug_words(given)
        if not drugs or not cohort_key(arm_id):
            return None
        same = [
            b
            for b in [root, *root.siblings]
            if b.label_source == "arm" and not b.ckey and _drug_words(b.label) == drugs
        ]
        if len(same) != 1:
            return None
        same[0].ckey = cohort_key(arm_id)
        return same[0]

    def _arm_read_before(self, root: Builder, name: str, slot: int) -> Builder | None:
        """An arm whose figures the article gave before it named the arms: the unnamed population
        of the drug the arm is named for (`X produced a median PFS of 7.0 months vs 3.0 months …`),
        and, for the second arm, the population its parallel value made (`Cohort (2)`)."""
        if root.parent is not None:
            return None
        if slot == 0 and not root.label_source and any(p.lower() == name.lower() for p in root.products) and root.outcomes:
            root.label, root.label_source, root.ckey = name, "arm", cohort_key(name)
            root.n, root.n_rank, root.n_evidence = None, 0, None  # the whole trial's size is not the arm's
            return root
        listed = [s for s in root.siblings if s.label_source == "slot" and s.outcomes]
        if (
            slot == 0
            and self.randomised
            and root.label_source in ("", "disease")
            and root.outcomes
            and len(listed) == 1
            and set(root.outcomes) <= set(listed[0].outcomes)
        ):
            # "Median PFS of 8.6 months versus 3.5 months." in the lede, the arms named after: the two
            # values set against each other were the arms', in the order the arms are named
            root.label, root.label_source, root.ckey = name, "arm", cohort_key(name)
            root.n, root.n_rank, root.n_evidence = None, 0, None
            return root
        listed = [s for s in root.siblings if s.label_source == "slot" and s.outcomes]
        if slot == 1 and root.label_source == "arm" and len(listed) == 1:
            listed[0].label, listed[0].label_source, listed[0].ckey = name, "arm", cohort_key(name)
            return listed[0]
        return None

    def _arm_unknown(self, target: Builder, hit: Hit, overall: bool) -> bool:
        """A figure without a name, in a randomised trial whose arms are both reported: whose it is
        is a guess (the whole trial's is rarely the point), so it is only possible."""
        if hit.label or hit.slot or overall or hit.key == "median_followup" or target.parent is not None:
            return False
        arms = [s for s in target.siblings if s.label_source == "arm" and s.outcomes]
        return len(arms) >= 2 and any(arm_role(a.label) == "control" for a in arms) and target.label_source != "arm"

    def _same_role_arm(self, root: Builder, label: str) -> Builder | None:
        """A trial's two arms named again in other words (`the control arm` for `chemotherapy alone`):
        the one arm already named whose role (control, experimental) the new name states."""
        arms = [s for s in [root, *root.siblings] if s.label_source == "arm"]
        chemo = bool(_CHEMO_ONLY.fullmatch(label.strip()))
        role = arm_role(label) or ("control" if chemo else "")
        same = [a for a in arms if arm_role(a.label) == role]
        if not same and role == "control":
            same = _chemo_controls(arms)
        return same[0] if role and len(arms) >= 2 and len(same) == 1 else None

    def _find_arm(self, label: str) -> bool:
        """Whether a label names an arm the article reports (not a disease subgroup)."""
        found = self._match_label(label, strict=True)
        return found is not None and found.label_source == "arm"

    def _sibling_new(self, root: Builder, label: str) -> Builder:
        sib = self._new(background=root.background, parent=root)
        sib.label, sib.label_source, sib.ckey = label, "arm", cohort_key(label)
        sib.products, sib.trial_ids, sib.phase = list(root.products), list(root.trial_ids), root.phase
        sib.diseases = list(root.diseases)
        root.siblings.append(sib)
        return sib

    def _overall_target(self, target: Builder, explicit: bool, text: str = "") -> Builder:
        """`Across all responders, …`: the whole population of the section, not its last subgroup."""
        root = target.parent or target
        if root is not target:
            return root
        if not explicit:
            return target  # "Overall, 63 patients responded": a manner of speaking
        sized = _ALL_SIZED.search(text)
        sizes = {target.n} | {o.denominator for o in target.outcomes.values() if isinstance(o, Rate)}
        sizes.discard(None)
        if target.outcomes and (
            (_ACROSS_TYPES.search(text) and target.label_source in ("", "disease"))
            or (sized and sizes and int(sized.group("n")) not in sizes)
        ):
            # "Among all 25 patients treated across tumor types, …" after the synovial sarcoma cohort's
            # figures: the whole trial, not that disease's cohort
            return self._whole(target)
        same = [b for b in self.builders if b.section == self.section and b.parent is None and b.outcomes]
        if same and same[0] is not target and target.label_source in ("arm", "disease"):
            return same[0]
        named = [b for b in self.builders if b.label_source in ("cohort", "slot") and b.outcomes]
        names_one = COHORT_ID.search(text) or any(b.label and b.label.lower() in text.lower() for b in named)
        if target.label_source in ("cohort", "slot") and len(named) >= 2 and not names_one:
            # "Among all 24 patients, median OS was …" after dose levels or cohorts each reported: the
            # whole trial, a population of its own, not the last cohort read
            return self._whole(target)
        return target

    def _whole(self, like: Builder) -> Builder:
        """The whole trial's population beside its cohorts ("All patients"), made on first use."""
        whole = next((b for b in self.builders if b.label == ALL_PATIENTS), None)
        if whole is None and like is self.current and not like.outcomes and like.parent is None and not like.siblings:
            if like.label_source in ("", "disease", "heading"):
                # nothing reported yet: the population the article is on is the whole one
                like.label, like.label_source, like.ckey = ALL_PATIENTS, "heading", cohort_key(ALL_PATIENTS)
                return like
        first = self.builders[0] if self.builders else None
        if (
            whole is None
            and first is not None
            and first.parent is None
            and not first.earlier
            and first.label_source in ("", "disease")
            and set(first.outcomes) <= {"median_followup"}
        ):
            # the study population described before its cohorts ("91 were evaluable; median age 56"):
            # the whole population the pooled figures are of
            first.label, first.label_source, first.ckey = ALL_PATIENTS, "heading", cohort_key(ALL_PATIENTS)
            return first
        if whole is None:
            root = like.parent or like
            whole = self._new(background=like.background)
            whole.label, whole.label_source, whole.ckey = ALL_PATIENTS, "heading", cohort_key(ALL_PATIENTS)
            whole.products, whole.trial_ids, whole.phase = list(root.products), list(root.trial_ids), root.phase
            whole.diseases = list(root.diseases)
            if self.parts_total is not None and whole.n is None:
                whole.n, whole.n_rank, whole.n_how = self.parts_total[0], 2, "parts_total"
                whole.n_evidence = self.parts_total[1]
        return whole

    def _conflicts(self, b: Builder, hit: Hit, sentence: Sentence) -> bool:
        """Whether a figure contradicts what the cohort already states for that key."""
        existing = b.outcomes.get(hit.key)
        if existing is None:
            return False
        value = _outcome(hit, sentence)
        if not _same(existing, value):
            return True
        if isinstance(existing, Rate) and isinstance(value, Rate) and existing.evidence.start != value.evidence.start:
            # A count here and a percent there join only when they agree with n.
            count = existing.count if existing.count is not None else value.count
            percent = existing.percent if existing.percent is not None else value.percent
            whole = [r for r in (existing, value) if r.count is not None and r.percent is not None]
            if whole:
                return False  # "40.0%" then "six of 15 (40.0%)": the same rate, its count said the second time
            if count is not None and percent is not None and (existing.count is None) != (value.count is None):
                n = b.n or value.denominator or existing.denominator
                if n is None:
                    # "the ORR was 31.6% …. Twelve patients responded in total": with no size stated, the
                    # count is the rate's when it says so and a whole number of patients gives that rate
                    return not (_IN_TOTAL.search(sentence.text) and _whole_size_for(count, percent))
                return not agrees_with_size(count, percent, n)
        return False

    def _switch_to_cohort(self, label: str, diseases: list[str] | None = None, relabel: bool = True) -> None:
        existing = self._find(label)
        if existing is not None:
            self.current = existing
            return
        cur = self.current
        named = [name for _s, _e, name in diseases_in(label)]
        if relabel and not cur.outcomes and cur.label_source != "heading" and not cur.siblings:
            cur.label, cur.label_source, cur.ckey = label, "cohort", cohort_key(label)
            if named and named[0] not in cur.diseases:
                cur.diseases.insert(0, named[0])
            return
        self.current = self._new_cohort(label, cur)
        if named:
            # "in the cervical cohort, …": the cohort's own disease, not the study's first one
            self.current.diseases = named[:1]

    def _maybe_new_population(self, sentence: Sentence, pop: Population, first_in_block: bool) -> None:
        text = sentence.text
        cur = self.current
        head = text[:80]
        first_value = _VALUE.search(text)
        until = min(len(head), first_value.start()) if first_value else len(head)
        # a cohort named before the sentence's first value is what it is about ("DL3 (n = 15): ORR 50%");
        # one named after a value is that value's ("ORR was 0% at DL1, 25% at DL2")
        named_here = {cohort_key(m.group(0)) for m in COHORT_ID.finditer(head[:until])}
        after = [m for m in COHORT_ID.finditer(head) if m.start() >= until]
        if (
            not named_here
            and len({cohort_key(m.group(0)) for m in after}) == 1
            and not re.search(r"\boverall\b", text, ICASE)
            and not re.search(r"\bat\s+(?:the\s+)?$", head[: after[0].start()], ICASE)
        ):
            # "The ORR was 57.1% in 14 patients … who comprised cohort 3": the one cohort the sentence is of
            named_here = {cohort_key(after[0].group(0))}
        explicit = [c for c in pop.cohort_ids if cohort_key(c) in named_here]
        new_label = ""
        source = ""
        lead = _LEAD_LABEL.match(text) if ":" in text else None
        found = diseases_in(lead.group("label")) if lead and not explicit else []
        # "CSCC cohort: of the 14 …" whose name is no disease the lexicon knows: a cohort all the same
        colon_named = _NAMED_COHORT_COLON.match(text) if ":" in text and not found and "cohort" in head.lower() else None
        if lead and not explicit:
            if found and len(re.sub(r"\([^()]*\)", "", lead.group("label"))) < 60:
                name = found[0][2]
                existing = self._match_label(name)
                if existing is None or existing is cur.parent:
                    root = cur.parent or cur
                    existing = self._sibling_new(root, name)
                    existing.diseases = [name]
                    existing.label_source = "disease"
                self.current = existing
                return
        part = _TRIAL_PART.match(head) if may_match(_TRIAL_PART_WORDS, head, head.lower()) else None
        named = (
            (_NAMED_COHORT_LEAD.match(text) or colon_named)
            if not explicit and re.search(r"\b(?:cohort|group|arm)\b", head, ICASE)
            else None
        )
        if named and not _NOT_A_NAME.search(named.group("name")):
            # "In the DLBCL cohort (n=62), …": a cohort the article names by what it holds
            name = re.sub(r"\s+", " ", named.group("name")).strip()
            kind = named.groupdict().get("kind") or "cohort"
            new_label, source = f"{name[:1].upper()}{name[1:]} {kind.lower()}", "cohort"
        elif explicit and len({cohort_key(c) for c in explicit}) == 1 and re.search(
            r"\b(?:cohort|arm|group|part|dose\s+level|DL(?![a-z])|stratum)\s*[A-Z]?\d*[A-Za-z]?\b", head, ICASE
        ):
            # (not "at DL1 (…), DL2 (…) or DL3 (…)": several named in turn, each read in its own part)
            new_label, source = explicit[0], "cohort"
        elif len(self.sets) >= 2 and (set_lead := _SET_LEAD.match(head)):
            # "In the ITT set, ORR was 76.0%": one of the analysis sets the article reports side by side
            new_label, source = analysis_set_label(set_lead.group("set")), "cohort"
        elif part and not _ALL_POPULATION.search(head):
            # "In the dose-escalation phase, …", "The phase 1b patients showed …": a part of the trial
            # reported with its own figures.
            named_part = part.group("part") or part.group("part2")
            words = re.sub(r"\s+", " ", named_part).replace(" ", "-", 1 if "dose" in named_part.lower() else 0)
            kind = (part.group("kind") or "cohort").lower()  # "In the expansion, …": the expansion cohort
            new_label, source = f"{words[:1].upper()}{words[1:]} {kind}", "cohort"
        elif first_in_block and _NEW_STUDY.search(text):
            new_label, source = (
                (pop.diseases[0] if pop.diseases else (pop.products[0] if pop.products else "Study")),
                "disease",
            )
        elif pop.diseases and (lead_in := _DISEASE_LEAD.match(text)) and (named_d := diseases_in(lead_in.group("lead"))):
            # "In squamous NSCLC, four of 18 patients responded": another disease's cohort
            name = named_d[0][2]
            if name not in cur.diseases[:1] and (cur.outcomes or cur.label_source == "disease"):
                new_label, source = name, "disease"
        elif pop.diseases and _POP_INTRO.search(text[:120]):
            intro_disease = diseases_in(text[_POP_INTRO.search(text[:120]).end() - 0 :][:80])  # type: ignore[union-attr]
            if intro_disease:
                name = intro_disease[0][2]
                if cur.diseases and name not in cur.diseases and cur.outcomes:
                    new_label, source = name, "disease"
        if not new_label:
            return
        if new_label.lower() == cur.key() or (source == "disease" and new_label in cur.diseases and not cur.outcomes):
            return
        existing = self._find(new_label)
        if existing is None and named is not None and source == "cohort":
            # "In the BTK-only group, …" after "in the BTK-only cohort": the same words, the same cohort;
            # "The combination arm (n = 60) had …": an arm of the randomisation, by its words or its role
            arm = (named.groupdict().get("kind") or "").lower() == "arm"
            existing = self._match_label(new_label, strict=not arm)
            if arm and existing is None:
                return  # an arm no randomisation named: the sentence's own reading names it (`_subject_labels`)
        if existing is None and named is not None and source == "cohort":
            # "In the melanoma cohort, …" after a table row "Melanoma, post-anti-PD-1": the one cohort
            # reported so far of that disease
            found = diseases_in(new_label)
            same = [
                b
                for b in self.builders
                if found and b.outcomes and b.parent is None and b.label_source in ("cohort", "table", "disease")
                and b.diseases[:1] == [found[0][2]]
            ]
            if not same and found:
                # "… cohorts: cervical cancer (n = 24), …" then "In the cervical cancer cohort, …": the
                # part of the study of that disease the article sized (or first reported) already
                same = [
                    b
                    for b in self.builders
                    if b.parent is not None
                    and not b.background
                    and (b.n is not None or b.outcomes)
                    and b.diseases[:1] == [found[0][2]]
                ]
            existing = same[0] if len(same) == 1 else None
        if existing is not None:
            self.current = existing
            return
        if not cur.outcomes and cur.label_source != "heading" and not cur.siblings:
            cur.label, cur.label_source = new_label, source
            cur.ckey = cohort_key(new_label)
            if source == "disease" and new_label not in cur.diseases:
                cur.diseases.insert(0, new_label)
            return
        b = self._new(background=cur.background)
        b.label, b.label_source = new_label, source
        b.ckey = cohort_key(new_label)
        # A cohort inside a section inherits what the section says about its study.
        base = self.section_builder if self.section_builder is not None else cur
        if source == "cohort":
            b.products = list(pop.products or base.products or cur.products)
            b.trial_ids = list(pop.trial_ids or base.trial_ids or cur.trial_ids)
            b.phase = pop.phase or base.phase or cur.phase
            b.diseases = list(pop.diseases or base.diseases or cur.diseases)
        if source == "disease":
            b.diseases = [new_label]
        self.current = b
        self.arms = []

    def _find(self, label: str) -> Builder | None:
        ckey = cohort_key(label)
        if ckey:
            for b in self.builders:
                if b.ckey == ckey:
                    return b
        key = label.lower()
        for b in self.builders:
            if b.key() == key and b.section == self.section:
                return b
        return None

    def _absorb(self, b: Builder, pop: Population, sentence: Sentence | None) -> None:
        _extend_unique(b.diseases, pop.diseases)
        _extend_unique(b.products, pop.products)
        _extend_unique(b.trial_ids, pop.trial_ids)
        if pop.phase and not b.phase:
            b.phase = pop.phase
        if pop.median_age is not None and b.median_age is None and not pop.subgroups and not self._one_of_many(b, sentence):
            b.median_age = pop.median_age
        if (
            pop.n is not None
            and sentence is not None
            # a surer size replaces a weaker one; who was treated is a part of who was enrolled
            and (b.n is None or pop.n_rank > b.n_rank and not b.outcomes and (b.n_rank != 1 or pop.n <= b.n))
        ):
            b.n, b.n_rank, b.n_how = pop.n, pop.n_rank, f"sentence_rank{pop.n_rank}"
            span = pop.n_span or (0, len(sentence.text))
            b.n_evidence = _evidence(sentence, span[0], span[1])
        if pop.subgroups and sentence is not None:
            for count, disease in pop.subgroups:
                if disease in b.diseases[:1] and len(pop.subgroups) == 1:
                    continue
                sub = next((s for s in b.siblings if disease in s.diseases), None)
                if sub is None:
                    sub = self._new(background=b.background, parent=b)
                    sub.label, sub.label_source = disease, "disease"
                    sub.diseases = [disease]
                    sub.products, sub.trial_ids, sub.phase = list(b.products), list(b.trial_ids), b.phase
                    b.siblings.append(sub)
                if sub.n is None:
                    sub.n, sub.n_rank, sub.n_how = count, 2, "subgroup_count"
                    sub.n_evidence = _evidence(sentence, 0, len(sentence.text))

    def _one_of_many(self, b: Builder, sentence: Sentence | None) -> bool:
        """Whether `b` is one of several named cohorts that a sentence does not name: what it says of
        everyone ("Median age was 55") is no one cohort's."""
        if b.label_source not in ("cohort", "slot") or sentence is None:
            return False
        named = [x for x in self.builders if x.label_source in ("cohort", "slot")]
        if len(named) < 2:
            return False
        text = sentence.text.lower()
        return not any(x.label and x.label.lower() in text for x in named) and not COHORT_ID.search(sentence.text)

    def _target(self, hit: Hit, pop: Population) -> Builder:
        """The cohort a figure belongs to."""
        cur = self.current
        root = cur.parent or cur
        if hit.label:
            found = self._match_label(hit.label)
            if found is not None:
                self._target_how = "target_named_" + self._match_how
                return found
            if hit.label == "overall":
                # "…, including 9.9 months for the A arm": the whole population the article reports first
                whole = [b for b in self.builders if b.outcomes and b.parent is None and not b.background]
                whole = [b for b in whole if b.label_source not in ("arm", "cohort", "slot")]
                self._target_how = "target_whole"
                if not whole and root.label_source in ("cohort", "slot"):
                    # "32.1% (9/28) overall, 50% at DL3" read after the dose levels: the whole trial's
                    return self._whole(cur)
                return whole[0] if whole else root
            if _is_overall(hit.label):
                self._target_how = "target_root"
                return root
            self._target_how = "target_named_new"
            return self._sibling(root, hit.label)
        if hit.slot == 0:
            out_of = hit.group.denominator
            if (
                out_of
                and cur.n != out_of
                and (cur.n is not None or cur.outcomes)
                and pop.n != out_of
                and not re.search(rf"\b[nN]\s*=\s*{out_of}\b", self._text)  # "Overall (n=24), ORR was 37.5% (9/24)"
            ):
                sized = [b for b in self.builders if b.n == out_of and not b.background and b is not cur]
                if len(sized) == 1:
                    # "* Disease control in 15 of 18 patients" after a dose level's item: counted out
                    # of the population of 18 the article reported, not the dose level's
                    self._target_how = "target_by_denominator"
                    return sized[0]
            self._target_how = "target_current"
            return cur
        # Parallel values without names: arms named earlier in the article, else siblings by slot.
        group = [root, *root.siblings]
        if self.arms and len(self.arms) > hit.slot:
            named = self._match_label(self.arms[hit.slot])
            self._target_how = "target_arm_by_slot"
            if named is not None:
                return named
            if hit.slot == 0:
                return root
            return self._sibling(root, self.arms[hit.slot])
        self._target_how = "target_sibling_by_slot"
        while len(group) <= hit.slot:
            sib = self._new(background=root.background, parent=root)
            sib.label = f"{root.label or 'Cohort'} ({len(group) + 1})"
            sib.label_source = "slot"
            sib.products, sib.trial_ids, sib.phase = list(root.products), list(root.trial_ids), root.phase
            sib.diseases = list(root.diseases)
            root.siblings.append(sib)
            group.append(sib)
        return group[hit.slot]

    def _match_label(self, label: str, strict: bool = False) -> Builder | None:
        """The cohort a population name refers to, anywhere in the article (this section first).

        `strict`: the same words only (used when naming arms, which often share words)."""
        # an earlier look at a population is reached through the population itself (`_earlier_look`)
        pool = [b for b in self.builders if b.earlier_of is None]
        exact = label.strip().lower()
        same = next((b for b in pool if b.label and b.label.lower() == exact), None)
        self._match_how = "exact"
        if same is not None:
            return same
        ranked = self._dose_ranked(label, pool)
        if ranked is not None:
            self._match_how = "dose_rank"
            return ranked
        ckey = cohort_key(label)
        self._match_how = "id"
        if ckey:
            return next((b for b in pool if b.ckey == ckey), None)
        core = self._core(label)
        disease = diseases_in(label)
        ordered = sorted(pool, key=lambda b: (b.section != self.section, -b.order))
        self._match_how = "words"
        for b in ordered:
            if core and self._core(b.label) == core:
                return b
        if strict:
            return None
        self._match_how = "some_words"
        alone = bool(_ALONE.search(label))
        for b in ordered:
            if b.label == ALL_PATIENTS:
                continue  # the whole population is named as such, never by some of its words
            theirs = self._core(b.label)
            if core and theirs and (core <= theirs or theirs <= core):
                if alone and _COMBINED.search(b.label) and not _COMBINED.search(label):
                    continue  # "the ZT-4 monotherapy arm" is not "XR-9 plus ZT-4"
                return b
        # "with chemotherapy" against an arm of the physician's choice: the control (an arm the article
        # itself names "chemotherapy" is not taken for the control by its name)
        role = arm_role(label) or ("control" if _CHEMO_ALONE.fullmatch(label) else "")
        self._match_how = "role"
        if role:
            arms = [b for b in ordered if b.label_source in ("arm", "slot") or b.parent is not None]
            same_role = [b for b in arms if arm_role(b.label) == role]
            chemo = _chemo_controls(arms)
            if not same_role and role == "control" and len(chemo) == 1:
                # "on chemotherapy" for the arm of "paclitaxel or irinotecan", when no arm says it is the control
                same_role = chemo
            if same_role:
                return same_role[0]
            top = [b for b in arms if b.parent is None or b.label_source == "arm"]
            others = [b for b in top if arm_role(b.label) != "control" and b not in chemo]
            if role == "experimental" and len(top) == 2 and len(others) == 1:
                return others[0]  # "the TIL arm" of a trial of obratecel against a control
        self._match_how = "disease"
        if disease and not (core - self._core(disease[0][2]) and role == ""):
            # a label that says more than its disease ("patients with BRAF-mutant melanoma") is a
            # population of its own, not any cohort of that disease
            name = disease[0][2]
            for b in ordered:
                if b.diseases[:1] == [name] and (
                    b.label_source in ("disease", "heading", "arm", "cohort") or b.parent is not None
                ):
                    return b
        return None

    def _dose_ranked(self, label: str, pool: list[Builder]) -> Builder | None:
        """`the higher dose`, `the low-dose group` when the article's cohorts are named by their doses
        (`40 mg`, `120-mg group`): the cohort of the highest or lowest dose, in one unit."""
        rank = _DOSE_RANK.search(label)
        if not rank:
            return None
        dosed: list[tuple[float, str, Builder]] = []
        for b in pool:
            m = DOSE_AMOUNT.search(b.label) if b.label else None
            if m and not b.background and b.earlier_of is None and (b.label_source in ("arm", "cohort") or b.parent):
                dosed.append((float(m.group("v")), m.group("u").lower(), b))
        units = {u for _v, u, _b in dosed}
        values = {v for v, _u, _b in dosed}
        if len(units) != 1 or len(values) != len(dosed) or len(dosed) < 2:
            return None
        dosed.sort(key=lambda x: x[0])
        return dosed[-1][2] if (rank.group("rank") or rank.group("rank2")).lower().startswith("high") else dosed[0][2]

    def _sibling(self, root: Builder, label: str) -> Builder:
        if (
            not root.outcomes
            and not root.siblings
            and root.label_source in ("", "disease")
            and not root.label
            and not _SUBGROUP_LABEL.search(label)  # "Patients aged 65 or older" is a part of the whole
        ):
            root.label, root.label_source, root.ckey = label, "arm", cohort_key(label)
            return root
        sib = self._new(background=root.background, parent=root)
        found = diseases_in(label)
        sib.label, sib.label_source = label, "disease" if found and not arm_role(label) else "arm"
        sib.ckey = cohort_key(label)
        sib.products, sib.trial_ids, sib.phase = list(root.products), list(root.trial_ids), root.phase
        sib.diseases = [found[0][2]] if found else list(root.diseases)
        root.siblings.append(sib)
        return sib

    def _put(
        self,
        b: Builder,
        hit: Hit,
        sentence: Sentence,
        evidence: Evidence | None = None,
        route: tuple[str, ...] = ("table",),
    ) -> None:
        value = _outcome(hit, sentence)
        if evidence is not None:
            value = replace(value, evidence=evidence)
        existing = b.outcomes.get(hit.key)
        if existing is not None:
            if _same(existing, value) and not self._conflicts(b, hit, sentence):
                b.outcomes[hit.key] = merge_statements(existing, value)
                b.routes[hit.key] = (*b.routes.get(hit.key, ()), "said_twice")
                return
            # Two different values for one cohort: the second belongs to another population.
            if hit.slot == 0 and not hit.label:
                nb = self._new(background=b.background)
                nb.products, nb.trial_ids, nb.phase, nb.diseases = (
                    list(b.products),
                    list(b.trial_ids),
                    b.phase,
                    list(b.diseases),
                )
                nb.label = ""
                self.current = nb
                b = nb
                route = (*route, "new_cohort_on_clash")
            else:
                # a named or listed population's second value: kept in sight, never stated
                if evidence is None:
                    self._put_candidate(b, hit, sentence, "a second value for a figure this cohort already states")
                return
        b.outcomes[hit.key] = value
        b.routes[hit.key] = route
        if hit.group.denominator and b.n is None and hit.key == "orr":
            b.n, b.n_rank, b.n_how = hit.group.denominator, 1, "orr_denominator"
            b.n_evidence = value.evidence
        b.first_figure = min(b.first_figure, sentence.start)

    def _put_other(self, b: Builder, name: str, group: Group | None, sentence: Sentence, start: int, end: int) -> None:
        if name in b.other:
            return
        ev = _evidence(sentence, max(0, start), min(len(sentence.text), end))
        if group is None:
            b.other[name] = OtherFigure(name, ev)
            return
        b.other[name] = OtherFigure(
            name,
            ev,
            percent=group.percent,
            count=group.count if group.percent is not None or "frac" in group.kinds else None,
            value=group.stated if group.unit else None,
            unit=group.unit,
        )
