"""Reading one sentence: which number is which outcome, for which population.

A figure belongs to a metric only when the words between them tie the two together
(`ORR was 38%`, `23 partial responses (35%)`, `28 people (42%) had stable disease`);
anything else between them (another metric, a clause break, words about men, prior
therapy, metastases, responders still responding) breaks the tie. Parallel values
(`49% vs 21%`, `… 20.2% and 7.1%, respectively`, `48.8% in the TIL arm and 21.4% in
the ipilimumab arm`) become figures of separate populations.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from tilbrowse.extract.lexicon import (
    ANALYSIS_SET,
    DURATION_METRICS,
    GATED_METRICS_SPLIT,
    POPULATION_NOUN,
    VERSUS,
    analysis_set_label,
    diseases_in,
    may_match,
    open_gates,
)
from tilbrowse.extract.numbers import SPELLED, number_value, size_after_rate
from tilbrowse.extract.quantities import INT, Quantity, Scan, scan

ICASE = re.IGNORECASE
POP = POPULATION_NOUN

_FWD_WORDS = set(
    """was were is are of at reached stood came to in among totaled totalled amounted achieved observed seen
    reported noted recorded documented occurred the a an overall evaluable all treated be been has had have with as
    confirmed by investigator assessment per rate rates remained approximately about around roughly nearly almost
    estimated this study trial analysis population cohort patients participants pts subjects people those
    efficacy-evaluable efficacy response-evaluable so far now currently to date which its their median these
    infused dosed enrolled randomized randomised leukapheresed included analysed analyzed potential
    corresponding final updated primary endpoint reaching that showed shown demonstrated yielded produced
    resulting result results improved evaluated assessed centrally independently independent blinded review for dose level
    investigator-assessed per-protocol
    bicr irc recist using criteria reported: : = - – — , ( ) was: rate: of: cutoff data best response seen
    remarkable impressive striking notable encouraging robust strong unprecedented high
    slightly numerically significantly higher lower greater values value similar comparable between arms treatment
    time period prolonged extended lengthened longer shorter landed clocked settled arrived remains remained whole
    across tumour tumor types histologies indications cohorts favored favoured favoring favouring""".split()
)
_BACK = re.compile(
    rf"""^\s*[)\]]?\s*
    (?:(?:of\s+)?(?:the\s+|these\s+|all\s+|those\s+)?(?:[a-z][\w-]*\s+){{0,3}}?(?:{POP}|them|those|these)\s+
    (?:(?:in|on|from|with|treated\s+with|given)\s+(?:the\s+)?(?:[\w+/.-]+\s+){{0,3}}?(?:arm|group|cohort|subgroup)\s+)?)?
    (?:\([^()]{{0,40}}\)\s*)?
    (?:(?:who|that|which)\s+)?
    (?:(?:also|still|later|eventually|subsequently|ultimately)\s+)?
    (?:(?:was|were)\s+(?=an?\s)|(?:had|have|has|achieved|achieving|experienced|experiencing|showed|shown|demonstrated|attained|saw|seeing|
    with|developed|maintained|obtained|displayed|exhibited|were\s+in|was\s+in|remained\s+in|went\s+on\s+to\s+(?:have|achieve)|
    derived|got|entered|met\s+criteria\s+for|reached|reaching|reach|experience|achieve|have|having|attaining)\s+)
    (?:(?:a|an|the|their|some|any|best|overall|of|confirmed|unconfirmed|durable|sustained|deep|ongoing|target|measurable|
    stringent)\s+)*$""",
    ICASE | re.VERBOSE,
)
_BACK_RESPONDED = re.compile(
    rf"^\s*[)\]]?\s*(?:(?:of\s+)?(?:the\s+|these\s+|all\s+)?(?:[a-z][\w-]*\s+){{0,3}}?(?:{POP}|them|those|these)\s+"
    rf"(?:(?:in|from|with|on|of|treated|enrolled|at)\s+(?:[\w-]+\s+){{0,5}}?)?|(?:in|from)\s+(?:each|both)\s+(?:arms?|groups?|cohorts?)\s+)?"
    rf"(?:\([^()]{{0,30}}\)\s*)?(?P<who>who\s+(?:had|have|received|were|was)\s+(?:[\w/+-]+\s+){{1,6}}?)?$",
    ICASE,
)
"""`7 of 10 patients (70%) responded`; `… who had prior CAR T-cell therapy responded`: a subgroup, named."""
_LEFT_COUNT_GAP = re.compile(
    r"^\s*(?:(?:(?:cases?|instances?|patients?)\s+)?of\s+)?(?:(?:confirmed|unconfirmed|objective|additional|durable|ongoing|"
    r"investigator-assessed|further|radiographic|radiological|pathologic|metabolic|observed)\s+)?$",
    ICASE,
)
_QUALIFIER = re.compile(
    r"\b(?:in|among|for|with|within)\s+(?:the\s+|both\s+|each\s+)?(?P<label>(?:[\w+/.-]+\s+){0,4}?)"
    r"(?P<kind>arms?|groups?|cohorts?|subgroups?|populations?)\b",
    ICASE,
)
_COMPARATOR = re.compile(
    r"\b(?:current(?:ly)?(?!\s+(?:study|trial|analysis|report|data|update|cohort|results?|findings|paper|dataset|phase))|standard(?:[- ]of[- ]care)?\s+(?:options|treatments|therapies|chemotherapy)|existing|"
    r"historical(?:ly)?|typical(?:ly)?|usually|in\s+the\s+range\s+of|other\s+(?:treatments|therapies|drugs|agents)|"
    r"available\s+(?:treatments|therapies|options)|second-line\s+(?:treatments|therapies|options|chemotherapy)|"
    r"conventional|previous(?:ly)?\s+reported|prior\s+(?:studies|trials))\b",
    ICASE,
)
_HEADLINE = re.compile(
    r"\bacross\s+(?:both|all|the\s+(?:two|three|four|five)|these|the)\s+(?:studies|trials|cohorts|groups|indications|tumou?r\s+types)"
    r"|\bpooled\s+across\b|\bcombined\s+across\b|\bin\s+both\s+(?:studies|trials|cohorts)\b",
    ICASE,
)
_SHARE = re.compile(
    r"^\s*(?:[)\]]\s*)?(?:of\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:\d+\s+)?(?:responders|responses|responding|"
    r"patients\s+who\s+responded|complete\s+responders|confirmed\s+responses))",
    ICASE,
)
_DURATION_BLOCK = re.compile(
    r"\b(?:longest|shortest|maximum|minimum|max|min|mean|at\s+least|more\s+than|over|up\s+to|beyond|exceed(?:ing|ed)?|"
    r"lasting|greater\s+than|less\s+than|under|within)\s*$",
    ICASE,
)
_INEQUALITY = re.compile(
    r"(?:[<>≤≥]=?|=<|=>|\b(?:fewer|less|lower|more|greater|higher)\s+than|\bbelow|\babove|\bup\s+to|\bat\s+least|"
    r"\bat\s+most|\bexceed(?:ing|ed|s)?|\bunder|\bover|\bmaybe|\bperhaps|\bonly\s+about)\s*$",
    ICASE,
)
COMPARATOR_SENTENCE = re.compile(
    r"\b(?:current(?:ly)?(?!\s+(?:study|trial|analysis|report|data|update|cohort|results?|findings|paper|dataset|phase))|existing|historical(?:ly)?|(?:typical(?:ly)?|usually)\s+(?:survive|live|respond|produce|yield|last|see)|"
    r"otherwise|conventional|"
    r"in\s+the\s+range\s+of|previously\s+reported|prior\s+(?:studies|trials)|"
    r"standard(?:[- ]of[- ]care)?(?:\s+[\w-]+){0,2}\s+(?:options?|treatments?|therap(?:y|ies)|chemotherapy|care|regimens?)|"
    r"(?:later|second|third|subsequent)[- ]line\s+(?:chemotherapy|treatments?|therap(?:y|ies)|options?)|"
    # "have few options; third-line trifluridine-tipiracil yields response rates below 5%"
    r"\bfew\s+(?:other\s+|effective\s+|treatment\s+|therapeutic\s+)?options\b|"
    r"(?:later|second|third|subsequent)[- ]line\s+[\w-]+\s+(?:yields?|produces?|delivers?|achieves?|offers?|gives?)\b|"
    r"other\s+(?:treatments|therapies|drugs|agents|options)|available\s+(?:treatments|therapies|options)|"
    r"(?<!plus\s)(?<!\+\s)(?<!and\s)(?<!with\s)chemotherapy\s+(?:yields?|produces?|delivers?|achieves?|offers?|gives?)\b|"
    r"\bwith\s+(?:chemotherapy|docetaxel|cetuximab|taxanes?|ipilimumab\s+alone|best\s+supportive\s+care)\b|"
    r"\bH[01]\b|null\s+hypothesis|hypothes[ie]s|powered\s+to|assum(?:es|ing|ed)|sample\s+size|\bSimon\b|two-stage\s+design|"
    r"\b(?:the\s+)?usual\s+(?:choice|treatment|care|options?)|\bmain\s+alternative|\balternatives?\s+(?:is|are)\b|"
    r"\bpublished\s+(?:data|results|figures|benchmarks?)|\bbenchmarks?\b|"
    r"\b(?:drugs?|treatments?|therapies|inhibitors|regimens|options|agents|chemotherap(?:y|ies))\s+(?:like|such\s+as)\s|"
    r"\bwould\s+(?:be|need|require)|\btarget(?:ed)?\s+(?:an?\s+)?(?:ORR|response\s+rate)|"
    # another company's product, data from outside trials, a comparison with what is not this trial
    r"\breal[- ]world\b|\brivals?\b|\bcompetitors?(?:'s?|’s?)?(?=\s)|\banother\s+(?:company|drugmaker|developer|sponsor)\b|"
    r"\bother\s+(?:companies|drugmakers|developers)\b|"
    r"(?<!on )(?<!after )(?<!to )(?<!with )(?<!prior )\bapproved\s+(?:[\w-]+\s+){0,2}(?:agents?|drugs?|therap(?:y|ies)|treatments?|inhibitors?|products?)\b|"
    # another trial: "a 2019 trial of a similar approach", "those numbers compare with a 31% response rate"
    r"\ban?\s+(?:19|20)\d\d\s+(?:trial|study|report|analysis)\b|"
    r"\b(?:a|another)\s+(?:similar|separate|different|earlier|prior|previous|older|competing)\s+(?:trial|study|approach|product)\b|"
    r"\b(?:numbers|results|data|figures|rates?)\s+compare[sd]?\s+(?:favou?rably\s+)?(?:with|to)\b|"
    r"\b(?:by|in|for)\s+comparison,?\s+(?!(?:the\s+|this\s+)?(?:[\w+-]+\s+){0,3}(?:arm|group|cohort)\b))",
    ICASE,
)
DESIGN_SENTENCE = re.compile(
    r"\b(?:statistical\s+)?power\s+to\b|\bnull\s+(?:rate|value|response|hypothesis|ORR|CR\s+rate|DCR)|\btrue\s+(?:objective\s+)?response\s+rate|"
    r"\bhypothesi[sz]ed\s+(?:ORR|CR\s+rate|DCR|(?:objective\s+)?response)|\balternative\s+(?:ORR|rate|hypothesis)|\d+\s*%\s+power\b|"
    r"\bone-sided\s+alpha|\bpowered\s+to|\b(?:to|would)\s+(?:detect|distinguish|rule\s+out)\b",
    ICASE,
)
"""A trial's design (its power, null rate, the rate it hopes for): never a figure, even of this trial."""
_READ_AGAINST = re.compile(
    r"\b(?:(?:will|would|should|must|to)\s+(?:inevitably\s+|likely\s+|probably\s+)?be\s+)?(?:read|measured|judged|weighed)\s+against\b"
    r"|\bstack(?:s|ed)?\s+up\s+against\b"
    # another study, whatever arm names it shares with this one: "An academic phase 3 …, published in 2022"
    r"|\bpublished\s+in\s+(?:\w+\s+)?(?:19|20)\d\d\b|\ban?\s+academic\s+(?:phase\s+(?:[1-3]|I{1,3})[ab]?\s+)?(?:trial|study|phase)\b",
    ICASE,
)
"""`… will be read against X, which extended median OS to 21.7 months`: another product's figures,
whatever population of this trial the sentence names."""
_THIS_TRIAL = re.compile(r"\b(?:(?<!single-)(?<!single\s)(?<!one-)arms?|group|cohorts?|this\s+(?:study|trial|analysis)|the\s+study|the\s+trial)\b", ICASE)
_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|\bbut\b|\balthough\b", ICASE)


@dataclass
class Mention:
    """A metric named in a sentence."""

    key: str
    start: int
    end: int
    text: str


@dataclass
class Group:
    """Numbers that state one figure together: `28 people (42%)`, `48/153 (31.4%)`."""

    start: int
    end: int
    count: int | None = None
    percent: float | None = None
    denominator: int | None = None
    months: float | None = None
    not_reached: bool = False
    stated: float | None = None
    unit: str | None = None
    approx: bool = False
    ci: tuple[float | None, float | None] | None = None
    kinds: tuple[str, ...] = ()
    noun: bool = False
    """A population noun follows the count ("28 people"), so it counts patients."""

    @property
    def is_duration(self) -> bool:
        return "dur" in self.kinds or "nr" in self.kinds

    @property
    def is_rate(self) -> bool:
        return not self.is_duration and (self.percent is not None or self.count is not None)


@dataclass
class Hit:
    """One figure read from a sentence."""

    key: str
    group: Group
    mention: Mention
    slot: int = 0
    """0 for the sentence's own population; 1, 2, … for parallel populations (arms, cohorts)."""
    label: str = ""
    """The population the text names for this value, if any ("TIL arm")."""
    label_n: int | None = None
    """The size the text gives that population right after its name ("in the TIL arm (n = 84)")."""
    cue: str = ""
    """How the number was tied to its metric (`forward`, `backward`, `respectively`, …): a feature
    of the reading for `confidence`."""


@dataclass
class SentenceFacts:
    """Everything read from one sentence."""

    hits: list[Hit] = field(default_factory=list)
    others: list[tuple[str, Group | None, int, int]] = field(default_factory=list)
    """(name, numbers, start, end) of figures that are not outcomes."""
    slot_labels: dict[int, str] = field(default_factory=dict)
    possible: list[tuple[Hit, str]] = field(default_factory=list)
    """Weaker readings kept apart from the figures, each with the reason it is not sure."""


_SHARED_NOUN = re.compile(
    r"\b(?P<a>complete|partial)\s+(?:and|or|/)\s+(?P<b>complete|partial)\s+(?:metabolic\s+)?(?:response|remission)\s+rates?\b",
    ICASE,
)


_COUNTED_ADJECTIVE = re.compile(
    r"(?<![\w.])(?:\d+|[A-Za-z]+)\s+(?P<adj>complete|partial)(?=\s+and\s+(?:\d+|[A-Za-z]+)\s+"
    r"(?:complete|partial)\s+(?:metabolic\s+)?(?:responses|remissions|responders)\b)",
    ICASE,
)


def _stringent_only(text: str) -> bool:
    """A CR mention that names only the stringent CR (`sCR`, `stringent complete response`), not `sCR/CR`."""
    lowered = text.lower()
    return (
        lowered.startswith(("stringent", "scr"))
        and not re.match(r"scr\s*/\s*cr\b", lowered)
        and not re.search(r"\bor\s+complete\b", lowered)
    )


def mentions_in(text: str) -> list[Mention]:
    """Metric mentions, longest first where they overlap."""
    found: list[Mention] = []
    lower = text.lower()
    for key, pattern in open_gates(GATED_METRICS_SPLIT, text, lower):
        for m in pattern.finditer(text):
            found.append(Mention(key, m.start(), m.end(), m.group(0)))
    if "median survival" in lower:
        for m in re.finditer(r"\bmedian\s+survival\b", text, ICASE):
            found.append(Mention("median_os", m.start(), m.end(), m.group(0)))
    for m in re.finditer(
        r"\bresponses?\s+(?:came|occurred|were\s+seen|were\s+observed|appeared|emerged)\s+(?:after|at|within)\s+a\s+median(?:\s+of)?"
        if "median" in lower
        else r"(?!x)x",
        text,
        ICASE,
    ):
        found.append(Mention("median_ttr", m.start(), m.end(), m.group(0)))
    # "the complete and partial response rates were 2.9% and 23.5%": two metrics sharing one noun.
    if " and partial " in lower or " and complete " in lower or "complete and " in lower or "partial and " in lower:
        for m in _SHARED_NOUN.finditer(text):
            found = [f for f in found if f.end <= m.start() or f.start >= m.end()]
            for adj in ("a", "b"):
                key = "cr" if m.group(adj).lower() == "complete" else "pr"
                found.append(Mention(key, m.start(adj), m.end() if adj == "b" else m.end(adj), m.group(adj)))
    # "2 complete and 22 partial responses": the first adjective is a metric of its own, counted by
    # the number before it.
    if " and " in lower and ("complete and" in lower or "partial and" in lower):
        for m in _COUNTED_ADJECTIVE.finditer(text):
            key = "cr" if m.group("adj").lower() == "complete" else "pr"
            found.append(Mention(key, m.start("adj"), m.end("adj"), m.group("adj")))
    # A stringent CR is a CR only when the sentence gives no CR of its own ("9 (75%) achieved a CR or
    # better; six were in stringent CR": six is a part of the nine).
    # "sCR/CR" is both together: a plain CR.
    if "stringent" in lower or "sCR" in text:
        plain = [m for m in found if m.key == "cr" and not _stringent_only(m.text)]
        if plain:
            found = [m for m in found if not (m.key == "cr" and _stringent_only(m.text))]
    # Unconfirmed partial or complete responses are not added to the PR and CR counts.
    if "unconfirmed" in lower:
        found = [
            m
            for m in found
            if not (
                m.key in ("cr", "pr") and re.search(r"\bunconfirmed\s+$", text[max(0, m.start - 14) : m.start], ICASE)
            )
        ]
    # "among complete responders", "in responders": a response-defined population, not a metric.
    found = [
        m
        for m in found
        if not (
            re.search(r"responders?$", m.text, ICASE)
            and re.search(
                r"\b(?:among|in|of|for|from|with)\s+(?:the\s+|all\s+|these\s+)?$",
                text[max(0, m.start - 20) : m.start],
                ICASE,
            )
        )
    ]
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    chosen: list[Mention] = []
    for mention in found:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    if "analys" in lower:
        # "Median follow-up in the final OS analysis was 49 months": the OS names the analysis the
        # follow-up is of; the value is the follow-up's.
        chosen = [
            m
            for m in chosen
            if not (
                _NAMES_AN_ANALYSIS.match(text, m.end)
                and any(o.end <= m.start and _OF_THE_ANALYSIS.fullmatch(text, o.end, m.start) for o in chosen)
            )
        ]
    if "(" in text or "[" in text:
        chosen = _without_bracketed_repeats(text, chosen)
    if "including" in lower:
        chosen = _without_aside_parts(text, chosen)
    if " complete" in lower and "of " in lower:
        # "three of them complete" counts complete responses only after responses ("Eleven … responded,
        # three of them complete"), never "96 had scans, 90 of them complete"
        chosen = [
            m
            for m in chosen
            if not (
                m.key == "cr"
                and re.match(r"(?:them|whom|these)\s+complete\b", m.text, ICASE)
                and not re.search(r"\brespon|\bremission", text[: m.start], ICASE)
            )
        ]
    if "follow" in lower:
        # "median follow-up for overall survival was 41 months": what the follow-up is of, not a second metric
        chosen = [
            m
            for m in chosen
            if not (m.key in ("median_os", "median_pfs") and _FOLLOW_UP_FOR.search(text, max(0, m.start - 30), m.start))
        ]
    if "median duration of" in lower and "respon" in lower:
        # "responses proved durable, with a median duration of 22.1 months": the duration of response
        # (responses are what is durable: not disease control, not stable disease)
        for m in _DURATION_OF_RESPONSES.finditer(text):
            if not any(c.start < m.end("m") and m.start("m") < c.end for c in chosen):
                chosen.append(Mention("median_dor", m.start("m"), m.end("m"), m.group("m")))
    return sorted(chosen, key=lambda x: x.start)


_FOLLOW_UP_FOR = re.compile(r"\bfollow[- ]?up\s+(?:time\s+)?(?:for|of)\s+$", ICASE)
_DURATION_OF_RESPONSES = re.compile(
    r"\bresponses\s+(?:were|proved|have\s+been|remained)\s+(?:durable|lasting),?\s+"
    r"(?P<m>(?:with\s+)?(?:a\s+)?median\s+duration)(?=\s+of\s+\d)",
    ICASE,
)
"""`Responses were durable, with a median duration of 22.1 months` (never "median duration of treatment")."""


_INCLUDING_ASIDE = re.compile(r",\s*including\s+[^,;()\d]{1,90}?,(?=\s*(?:was|were|is|are|reached|stood|came)\b)", ICASE)
"""`The overall remission rate, including complete remission with incomplete recovery, was 81%`."""


def _without_aside_parts(text: str, mentions: list[Mention]) -> list[Mention]:
    """A metric named in an aside that says what a rate includes is a part of that rate, not the
    metric of the value after it."""
    for aside in _INCLUDING_ASIDE.finditer(text):
        if any(m.end <= aside.start() and not text[m.end : aside.start()].strip() for m in mentions):
            mentions = [m for m in mentions if not (aside.start() <= m.start and m.end <= aside.end())]
    return mentions


def _without_bracketed_repeats(text: str, mentions: list[Mention]) -> list[Mention]:
    """A metric named again in the brackets right after it (`median DOR (mDOR)`, `complete response or
    better (≥CR, including sCR and CR)`, `rPFS (radiographic PFS)`) is the same metric, not a second."""
    ordered = sorted(mentions, key=lambda x: x.start)
    out: list[Mention] = []
    for m in ordered:
        before = next((o for o in reversed(out) if o.end <= m.start), None)
        if before is not None and before.key == m.key:
            opening = _BRACKET_OPEN.fullmatch(text, before.end, m.start)
            closes = re.match(r"[^()\[\]]{0,40}[)\]]", text[m.end :])
            if opening and closes and not _DIGIT_IN.search(opening.group(0) + closes.group(0)):
                continue  # (not "responded (ORR 50%)": a bracket with a value in it says the value)
        out.append(m)
    return out


_DIGIT_IN = re.compile(r"(?<![A-Za-z])\d")
"""A number in a bracket (not the digit of a name: `PCWG3`, `HER2`)."""
_BRACKET_OPEN = re.compile(r"\s*[(\[][^()\[\]]{0,40}")
"""From a metric to a repeat of it inside the bracket that follows it."""


_SHARE_OF = re.compile(r"(?<=%|t)\s+of\s+(?:the\s+|all\s+)?$", ICASE)
"""Between a percent and the count it is a share of (`44% of 27 patients`, `44 percent of the 27`)."""
_ASSESSED_BY = re.compile(
    r"\b(?:per|by|according\s+to|as\s+assessed\s+by|assessed\s+by)\s+(?:the\s+)?"
    r"(?:i?RECIST(?:\s*(?:v(?:ersion)?\s*)?\d(?:\.\d)?)?|mRECIST|i?RANO|Lugano(?:\s+\d{4})?|IMWG|iwCLL|"
    r"investigators?(?:\s+assessment)?|(?:blinded\s+)?(?:independent|central)\s+(?:central\s+)?(?:radiology\s+)?"
    r"review(?:\s+committee)?|BICR|IRC|ICR|IRRC|BIRC)\b",
    ICASE,
)
_ANALYSIS_NAMED = re.compile(
    r"\b(?:in|for|of|at|from)\s+(?:the\s+)?"
    r"(?:(?:final|primary|interim|updated|planned|pre-?specified|main|efficacy|OS|PFS|EFS|DOR|survival)\s+){1,3}"
    r"analys[ie]s\b",
    ICASE,
)
"""An analysis named between a metric and its value (`follow-up for the primary PFS analysis was`),
not a subgroup's (`in the subgroup analysis` still names another population)."""
_NAMES_AN_ANALYSIS = re.compile(r"\s+analys[ie]s\b", ICASE)
_OF_THE_ANALYSIS = re.compile(r"\s+(?:in|for|of|at|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", ICASE)


def _whole_share(percent: float, size: int) -> bool:
    """Whether some whole count out of `size` rounds to `percent` (41.2% of 17 is 7; of 7, none)."""
    return size > 0 and abs(100 * round(percent * size / 100) / size - percent) <= 0.6


def _agrees_roughly(count: int, percent: float, denominator: float) -> bool:
    return denominator > 0 and abs(100 * count / denominator - percent) <= 1.0


_RESPONSE_KIND = r"(?:CRs?|PRs?|VGPRs?|sCRs?|SD|complete\s+(?:responses?|remissions?)|partial\s+(?:responses?|remissions?)|stable\s+disease)"
_BREAKDOWN_AFTER = re.compile(
    rf"\s+{_RESPONSE_KIND}\b[^()\d]{{0,12}}?(?:[;,]|\band\b|\+)\s*(?:\d+|{SPELLED})\s+{_RESPONSE_KIND}\b", ICASE
)
"""After a count in a rate's brackets: a second response kind with its count (`6 CRs and 19 PRs`)."""
_KIND_AFTER = re.compile(rf"\s+(?:confirmed\s+)?{_RESPONSE_KIND}\b", ICASE)
"""After a count in a rate's brackets: the response kind it counts (`13% (2 partial responses)`), its own figure."""


def groups_in(sc: Scan) -> list[Group]:
    """Join the quantities of a sentence into groups that state one figure together."""
    text = sc.text
    qs = sc.quantities
    groups: list[Group] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        g = _group_from(q, text)
        j = i + 1
        while j < len(qs):
            nxt = qs[j]
            between = text[g.end : nxt.start]
            paren = _PAREN_JOIN.fullmatch(between) or (
                nxt.kind == "neq" and text[nxt.start] == "(" and not between.strip()
            )
            if paren and nxt.kind == "cnt" and (_BREAKDOWN_AFTER.match(text, nxt.end) or _KIND_AFTER.match(text, nxt.end)):
                paren = False  # "63% (6 complete responses; 19 partial responses)": the rate's parts, not its count
            if paren and "=" in between and _SIZE_LIST_AFTER.match(text, nxt.end):
                paren = False  # "36% and 21% (n = 120 and 118)": the arms' sizes, not this value's count
            inner = re.fullmatch(r"\s*[;,]\s*", between) and text.count("(", 0, nxt.start) > text.count(
                ")", 0, nxt.start
            )
            restated = (
                nxt.kind == "pct"
                and g.percent is None
                and g.count is not None
                and re.fullmatch(rf"(?:\s+{POP}(?:\s+[\w-]+){{0,5}})?\s*,\s*or\s+", between, ICASE)
            )  # "21 of the 62 patients given the cell therapy, or 33.9%": the same figure as a percent
            count, percent, total = g.count, g.percent, nxt.value
            if (
                nxt.kind == "cnt"
                and count is not None
                and percent is not None
                and total is not None
                and g.denominator is None
                and re.fullmatch(r"\s*[)\]]?\s*of\s+(?:the\s+|all\s+)?", between, ICASE)
                and total >= count
                and _agrees_roughly(count, percent, total)
            ):
                # "12 (29%) of 42 patients": the count, its percent, and what it is a share of
                g.denominator = int(total)
                g.end = nxt.end
                g.kinds = g.kinds + ("frac",)
                j += 1
                continue
            if not (paren or inner or restated):
                break
            if (
                paren
                and g.is_duration
                and nxt.kind == "dur"
                and g.unit not in (None, "months")
                and nxt.unit == "months"
                and nxt.value is not None
            ):
                # "a median follow-up of approximately 2.5 years (29.1 months)": the months are the figure
                g.months, g.stated, g.unit, g.approx = nxt.value, nxt.value, "months", nxt.approx
                g.end = nxt.end
                j += 1
                continue
            if nxt.kind == "pct" and g.percent is None and not g.is_duration:
                g.percent = nxt.value
                g.approx = g.approx or nxt.approx
                g.ci = g.ci or nxt.ci
            elif (
                nxt.kind == "neq"
                and g.percent is not None
                and nxt.value is not None
                and size_after_rate(g.percent, nxt.value)
            ):
                break  # "21.4% (n=28, …)": 6 of 28, so 28 is the cohort's size
            elif nxt.kind in ("cnt", "frac", "neq") and g.count is None and not g.is_duration:
                g.count = int(nxt.value) if nxt.value is not None else None
                g.denominator = g.denominator or nxt.denominator
            else:
                break
            if paren and re.search(POP, between, ICASE):
                g.noun = True
            g.end = nxt.end
            g.kinds = g.kinds + (nxt.kind,)
            j += 1
        if text.count("(", 0, g.end) > text.count(")", 0, g.end) and j > i + 1:
            close = text.find(")", g.end)
            if 0 <= close - g.end <= 60 and "(" not in text[g.end : close]:
                g.end = close + 1
        else:
            close_m = re.match(r"\s*[)\]]", text[g.end :])
            if close_m and text.count("(", 0, g.end) > text.count(")", 0, g.end):
                g.end += close_m.end()
        if _NOUN_AFTER.match(text, g.end):
            g.noun = True
        groups.append(g)
        i = j
    return groups


_ALL_BUT_BEFORE = re.compile(r"\ball\s+but\s+$", ICASE)


def _group_from(q: Quantity, text: str) -> Group:
    g = Group(q.start, q.end, kinds=(q.kind,), approx=q.approx, ci=q.ci)
    if q.kind == "pct":
        g.percent = q.value
    elif q.kind in ("cnt", "neq"):
        g.count = int(q.value) if q.value is not None and float(q.value).is_integer() else None
    elif q.kind == "frac":
        g.count = int(q.value) if q.value is not None else None
        g.denominator = q.denominator
        if _ALL_BUT_BEFORE.search(text, max(0, q.start - 12), q.start):
            g.count = None  # "All but one of the 27 patients responded": who did not; of how many is still said
    elif q.kind == "dur":
        g.months, g.stated, g.unit = q.value, q.stated, q.unit
    elif q.kind == "nr":
        g.not_reached = True
    return g


RANDOMISED: ContextVar[bool] = ContextVar("RANDOMISED", default=False)
"""Whether the article being read reports a randomised comparison (set by `read_sentence`)."""
KNOWN_NAMES: ContextVar[tuple[str, ...]] = ContextVar("KNOWN_NAMES", default=())
"""Populations the article has named so far (randomised arms): set by `read_sentence` for the
sentence being read, so a value "with chemotherapy" or "for drugcel" names that arm."""


def _known_name_at(text: str) -> str:
    """The known population name `text` starts with (after with/for/in/the), or ``."""
    return _known_name_match(text)[0]


def _known_name_match(text: str) -> tuple[str, int]:
    """The known population name `text` starts with, and how much of `text` names it: the arm
    `TIL group` is also named `TIL therapy` or `TIL` ("5.1 months with TIL therapy")."""
    for name in KNOWN_NAMES.get():
        m = re.match(rf"{re.escape(name)}(?![\w-])", text, ICASE)
        if m:
            return name, m.end()
    for name in KNOWN_NAMES.get():
        # "with the tavelcitamab doublet" for the arm "tavelcitamab plus daratumumab"
        lead = re.split(r"\s+(?:plus|\+|and|with|in\s+combination\s+with)\s+", _bare_arm(name), maxsplit=1, flags=ICASE)
        if len(lead) == 2 and len(lead[0]) >= 4:
            m = re.match(rf"{re.escape(lead[0])}\s+(?:doublet|triplet)(?![\w-])", text, ICASE)
            if m:
                return name, m.end()
    for name in KNOWN_NAMES.get():
        bare = _bare_arm(name)
        if bare != name and len(bare) >= 3:
            m = re.match(
                rf"{re.escape(bare)}(?:\s+(?:therapy|treatment|alone))?(?![\w-])",
                text,
                ICASE,
            )
            if m:
                return name, m.end()
    # "with the engager" for the arm "bispecific T-cell engager": the last word of one arm's name only
    heads: dict[str, list[str]] = {}
    for name in KNOWN_NAMES.get():
        words = _bare_arm(name).split()
        if len(words) >= 2 and len(words[-1]) >= 4 and words[-1].lower() not in _GENERIC_HEADS:
            heads.setdefault(words[-1].lower(), []).append(name)
    for head, names in heads.items():
        if len(names) == 1:
            m = re.match(rf"{re.escape(head)}(?:\s+(?:arm|group))?(?![\w-])", text, ICASE)
            if m:
                return names[0], m.end()
    return "", 0


_GENERIC_HEADS = frozenset(
    "therapy treatment treatments care alone regimen regimens dose doses patients combination monotherapy "
    "agents agent drug drugs cells infusion".split()
)
"""Last words that name no arm by themselves (`standard of care`, `the combination regimen`)."""


def _strip_known(gap: str) -> tuple[str, str]:
    """Take a known population named in a gap out of it: `with chemotherapy was` → (` was`, `chemotherapy`)."""
    for name in KNOWN_NAMES.get():
        m = re.search(
            rf"\b(?:(?:with|for|in|among)\s+(?:the\s+)?{re.escape(name)}(?![\w-])(?:\s+(?:arm|group))?"
            # "PFS favored the TCR-T arm (median, 5.6 vs 2.8 months)": the arm, its values in the brackets after it
            rf"|favou?r(?:ed|ing|s)?\s+(?:the\s+)?{re.escape(name)}(?![\w-])(?:\s+(?:arm|group))?(?=\s*\())",
            gap,
            ICASE,
        )
        if m:
            return gap[: m.start()] + " " + gap[m.end() :], name
    return gap, ""


_AT_DOSE = r"(?:treated\s+)?at\s+the\s+(?:recommended|target|highest)\s+(?:phase\s+2\s+)?dose(?:\s+level)?"
_TREATED_POPULATION = re.compile(
    r"\b(?:for|among|in|across)\s+(?:the\s+|all\s+)?(?:\d+\s+)?"
    r"(?:evaluable|efficacy-evaluable|response-evaluable|treated|infused)\s+(?:patients|participants|pts|subjects)"
    rf"(?:\s+{_AT_DOSE})?|\b{_AT_DOSE}",
    ICASE,
)
"""The population analysed, written between a metric and its value (`among the 40 evaluable patients
treated at the recommended dose`): not a subgroup, no break of the tie. A population named by a drug
("patients who received X", "with X") is not read so: it is as often a prior therapy or another arm."""


_WHO_BETWEEN = re.compile(
    rf"^\s*(?:\(\w+\)\s*)?(?:in|among|for)\s+(?:the\s+)?(?:(?:\d+|{SPELLED})\s+)?(?:{POP}|those)\s+"
    r"(?P<what>with|without|whose|aged|who\s+had|who\s+received)\s+(?P<desc>[^,;()]{2,60}?)\s+"
    # "(n = 104), defined as those that could be palpated …, was": its size, and what it means
    r"(?:\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)\s*)?(?:,\s*(?:defined\s+as|i\.e\.,?|meaning)\s[^;:()]{1,160}?,\s*)?"
    r"(?=(?:was|were|is|are|reached)\b)",
    ICASE,
)
"""`ORR in patients with liver metastases was …`: who the figure is of, between metric and value."""


def _disease_only(desc: str) -> str:
    """The disease a description names and nothing more (`advanced melanoma`), else ``."""
    found = diseases_in(desc)
    if not found:
        return ""
    start, end, name = found[0]
    rest = (desc[:start] + " " + desc[end:]).lower().split()
    qualifiers = {"advanced", "metastatic", "unresectable", "relapsed", "refractory", "or", "and", "recurrent", "the"}
    return name if all(w in qualifiers for w in rest) else ""


def _forward_ok(gap: str, lead_ok: bool = False, levels_after: bool = False) -> tuple[bool, str]:
    """Whether the words between a metric and a number tie them; and a population label if named.

    `lead_ok`: the metric opens its clause, so `ORR, 54%` is the abstract's `ORR: 54%`."""
    label = ""
    if KNOWN_NAMES.get():
        gap, label = _strip_known(gap)
    who = _WHO_BETWEEN.match(gap)
    if who:
        # "the ORR in patients with liver metastases was 29%": a subgroup named between metric and value
        desc = re.sub(r"\s+", " ", who.group("desc")).strip()
        disease = _disease_only(desc) if who.group("what").lower() == "with" else ""
        if not _MEASURABLE.fullmatch(desc):
            label = label or disease or f"Patients {who.group('what').lower()} {desc}"
        gap = " " + gap[who.end() :]
    named_set = ANALYSIS_SET.search(gap) if (" set" in gap or " population" in gap) else None
    if named_set and re.search(r"\b(?:in|among|for|within)\s+(?:the\s+)?$", gap[: named_set.start()], ICASE):
        # "ORR in the infused set was 86.9%": the analysis set the figure is of
        label = label or analysis_set_label(named_set.group("set"))
        gap = gap[: named_set.start()] + " " + gap[named_set.end() :]
    qual = _QUALIFIER.search(gap)
    if qual:
        words = [w for w in qual.group("label").split() if w.lower() not in _LABEL_STOP]
        label = label or (f"{' '.join(words)} {qual.group('kind')}" if words else "")
        gap = gap[: qual.start()] + " " + gap[qual.end() :]
    cohort = re.search(
        r"\b(?:in|among|for|at|of)\s+(?:the\s+)?(?P<kind>[Cc]ohort|[Aa]rm|[Dd]ose\s+[Ll]evel|DL(?![A-Za-z])|[Pp]art)\s*(?P<id>[A-Z]?\d+[A-Za-z]?|[A-Z])\b",
        gap,
    )
    if cohort:
        kind = re.sub(r"\s+", " ", cohort.group("kind")).title().replace("Dl", "Dose Level")
        label = label or f"{kind} {cohort.group('id')}"
        gap = gap[: cohort.start()] + " " + gap[cohort.end() :]
    # "follow-up across both cohorts was": who the figure covers, every cohort at once; "for the study
    # population as a whole", "across the group", "for surviving patients" (a follow-up's own words)
    gap = re.sub(
        r"\b(?:across|in|for)\s+(?:(?:both|all|the\s+(?:two|three|four|expansion|escalation|dose-expansion))\s+(?:cohorts|arms|groups|parts|dose\s+levels)"
        r"(?:\s+(?:combined|together|pooled))?"
        r"|the\s+(?:whole\s+|entire\s+)?(?:study\s+)?(?:population|group)(?:\s+as\s+a\s+whole)?|surviving\s+patients"
        r"|the\s+(?:whole\s+|entire\s+)?(?:study|trial))\b",
        " ",
        gap,
        flags=ICASE,
    )
    # (ORR), [CR], (the primary endpoint), (95% CI), (N = 78)
    gap = re.sub(
        r"\[(?!\s*\d)[^\[\]]{1,12}\]|\((?!\s*\d)[^()]{1,40}\)|\(\s*95\s?%\s*CI\s*\)|\(\s*[nN]\s*=\s*\d+\s*\)", " ", gap
    )
    gap = re.sub(
        r",\s*(?:meaning|defined\s+as|i\.e\.,?|or|which\s+is|including|(?:as\s+)?(?:evaluated|assessed|measured|analy[sz]ed|"
        r"estimated|reported|calculated|determined|judged)\b)\s[^,;]{1,90},",
        " ",
        gap,
        flags=ICASE,
    )
    # "among the 40 evaluable patients treated at the recommended dose": the analysed population
    # itself, between a metric and its value (a subgroup still breaks the tie).
    gap = _TREATED_POPULATION.sub(" ", gap)
    # "follow-up for the primary PFS analysis was": the analysis the figure comes from.
    gap = _ANALYSIS_NAMED.sub(" ", gap) if "analys" in gap else gap
    # "ORR per RECIST 1.1 was", "by independent central review": who assessed it, not who had it.
    gap = _ASSESSED_BY.sub(" ", gap)
    # "Confirmed ORR in escalation was 0% at DL1, 33.3% at DL2 …": the part whose levels are named after
    if levels_after and "escalation" in gap:
        # only when the levels are named after the values (`… at DL1, … at DL2`): the escalation
        # alone is a population of its own ("the ORR in escalation was 12.5%")
        gap = re.sub(
            r"\b(?:in|during|across)\s+(?:the\s+)?(?:dose[- ])?escalation(?:\s+(?:phase|part|portion|cohorts?))?\b", " ", gap, flags=ICASE
        )
    # "median follow-up for survival was 41 months": what a follow-up is of
    gap = re.sub(r"\bfor\s+(?:(?:overall\s+)?survival|OS|PFS)\b", " ", gap, flags=ICASE) if "for " in gap else gap
    # "OS was not significantly different between treatment arms (10.6 versus 11.3 months)": no figure's word
    gap = re.sub(r"\bnot\s+(?:statistically\s+|significantly\s+)*different\b", " ", gap, flags=ICASE)
    words = re.findall(r"[\w-]+:?|[:=–—,()-]", gap.lower())
    if len(words) > 10 or words == [","] and not lead_ok:
        return False, label
    return all(w in _FWD_WORDS or w.rstrip(":") in _FWD_WORDS for w in words), label


_OF_THEM_WERE = re.compile(r"\s+(?:of\s+(?:them|these|those|whom)\s+)?(?:were|was)\s+(?:in\s+)?", ICASE)
_VERB_AT = re.compile(
    r"\b(?:came\s+in|stood|landed|clocked\s+in|settled|arrived|estimated|reported|measured|calculated|put)\s+at\s*$", ICASE
)
_OF_THEM_AFTER = re.compile(
    r"\s+of\s+(?:them|whom|these)\s+(?:completely|fully|(?:with|had|having|achieving|achieved|in)\s+(?:a\s+)?complete)\b",
    ICASE,
)
_ADJECTIVE_VALUE = re.compile(r"\d-(?:months?|weeks?|years?|days?)$", ICASE)
_SPACE_MEDIAN = re.compile(r"\s+(?:median\s+)?", ICASE)


def _names_its_own_metric(text: str, g: Group, mention: Mention, mentions: list[Mention]) -> bool:
    """A value written as an adjective (`19.2-month`) right before another metric it qualifies."""
    if not _ADJECTIVE_VALUE.search(text[g.start : g.end]):
        return False
    after = _SPACE_MEDIAN.match(text, g.end)
    at = after.end() if after else g.end
    return any(m is not mention and m.start == at for m in mentions)


_ARM_AFTER_VALUE = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:with|for|in)\s+(?:the\s+)?[A-Za-z][\w+/-]{2,}")


_CONTROL_CUE = re.compile(
    r"(?:with\s+|for\s+|standard)|chemotherap|placebo|docetaxel|best\s+supportive", ICASE
)
_SET_AGAINST_BEFORE = re.compile(
    r"\b(?:" + VERSUS + r"|versus|compared\s+(?:with|to)|against|and|(?<=months\s)from|(?<=%\s)from)\s*$", ICASE
)
"""Between two values set against each other (`… to 13.1 months from 8.6 months with chemotherapy`)."""


def _set_against_at(text: str, groups: list[Group], m: re.Match[str]) -> int | None:
    """Where a single-report sentence turns to what it is set against (`… 40%, compared with 10%
    historically …`): the comparison words before the last value, when the comparator's words come
    after every value and the values before them are one figure each. None when it does not."""
    if len(groups) < 2 or m.start() < groups[-1].end:
        return None
    turn = None
    for a, b in zip(groups, groups[1:], strict=False):
        found = _TURN_TO_OTHER.search(text, a.end, b.start)
        if found:
            turn = found.start()
    if turn is None or turn < groups[0].end or _TURN_TO_OTHER.search(text, turn + 1, groups[-1].start):
        return None
    return turn


_TURN_TO_OTHER = re.compile(r"\b(?:compared\s+(?:with|to)|than|against)\b", ICASE)
"""Words that turn a sentence to what its own value is set against (`versus` may still join two of
its own: `40% versus 20% in prior trials` stays in doubt)."""


def _control_arm_after(text: str, groups: list[Group], m: re.Match[str]) -> bool:
    """`Median OS was 18.2 months versus 15.5 months with chemotherapy alone`, in an article about
    a randomised trial: the treatment the comparator words name is the control arm of the value
    set against the first one, right before them."""
    if not _CONTROL_CUE.match(m.group(0)):
        return False
    before = [g for g in groups if g.end <= m.start()]
    if len(before) < 2 or not re.fullmatch(
        r"\s*(?:\([^()]{0,60}\)\s*)?(?:(?:with|for|in|on|among|receiving)\s+(?:the\s+)?"
        r"(?:(?:patients|those|people)\s+(?:on|receiving|given|treated(?:\s+with)?|in|who\s+received)\s*(?:the\s+)?)?)?",
        text[before[-1].end : m.start()],
        ICASE,
    ):
        return False
    return bool(_SET_AGAINST_BEFORE.search(text, before[-2].end, before[-1].start))


def _arms_side_by_side(text: str, groups: list[Group], m: re.Match[str]) -> bool:
    """`Median OS was 23.5 months with zorbamab and 17.1 months with docetaxel`: the treatment the
    comparator words name is the second arm of values set side by side, each named after it."""
    if not m.group(0).lower().startswith("with"):
        return False
    before = [g for g in groups if g.end <= m.start()]
    if len(before) < 2 or not re.fullmatch(r"\s*(?:\([^()]{0,60}\)\s*)?", text[before[-1].end : m.start()]):
        return False
    return any(_ARM_AFTER_VALUE.match(text, g.end) for g in before[:-1])


def read_sentence(
    text: str, names: tuple[str, ...] = (), lead: Mention | None = None, randomised: bool = False
) -> SentenceFacts:
    """Read the outcome figures (and other figures) of one sentence.

    `names`: populations the article has named before (randomised arms), longest first.
    `lead`: the metric of a line that introduces a list (`PFS was longer with X:`), for a list item
    that names none of its own (`- 3.2 months with X`).
    `randomised`: the article reports a randomised comparison, so a value set against another
    `with chemotherapy` is the control arm's, not another treatment's from elsewhere."""
    token = KNOWN_NAMES.set(names)
    rand_token = RANDOMISED.set(randomised)
    try:
        return _read_sentence(text, names, lead)
    finally:
        RANDOMISED.reset(rand_token)
        KNOWN_NAMES.reset(token)


LIST_ITEM = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s+")
"""A list item's marker (`- `, `• `, `1. `)."""


_DESCRIBES_WHO = re.compile(
    r"^\W*(?:among|in|of|for)\b|\b(?:who|that|whose|with|achieving|achieved|had|having)\s+(?:\w+\s+){0,3}$", ICASE
)
_ASIDE = re.compile(r"\s[–—]\s[^–—]{1,120}\s[–—]\s|\s--?\s[^-]{1,120}\s--?\s|\([^()]{1,120}\)")


def lead_in(text: str) -> Mention | None:
    """The metric a line ending in a colon introduces its list with (`Median PFS was longer with X:`,
    `Overall survival:`), when the line states no figure of it itself."""
    stripped = text.rstrip()
    if not stripped.endswith(":") or len(stripped) > 240:
        return None
    # "PFS – the length of time before the cancer grew – was longer with X:": an aside defines it
    plain = _ASIDE.sub(lambda m: " " * len(m.group(0)), stripped)
    found = mentions_in(plain)
    if len({m.key for m in found}) != 1:
        return None
    if _DESCRIBES_WHO.search(plain, 0, found[0].start):
        return None  # "Among the patients who achieved a complete response:": who, not what
    sc = scan(stripped)
    if any(q.kind in ("pct", "dur", "nr", "frac") for q in sc.quantities):
        return None
    return found[0]


def _bare_arm(name: str) -> str:
    """`chemotherapy group` → `chemotherapy`: how a sentence names an arm it compares."""
    return re.sub(r"\s+(?:arm|group|cohort)$", "", name, flags=ICASE) or name


def _read_sentence(text: str, names: tuple[str, ...], lead: Mention | None = None) -> SentenceFacts:
    facts = SentenceFacts()
    sc = scan(text)
    mentions = mentions_in(text)
    item = LIST_ITEM.match(text) if lead is not None and not mentions else None
    if item and not _ITEM_SHAPE.match(text, item.end()):
        item = None  # "- 67% had received prior therapy": the item says something of its own
    groups = groups_in(sc)
    if not groups:
        return facts
    if item and lead is not None:
        # "- 3.25 months with X", "- X: 31%" under "PFS was longer with X:" / "Response rates:": the
        # item's number is the lead's metric, placed right before it (the evidence is the item).
        at = groups[0].start
        mentions = [Mention(lead.key, at, at, lead.text)]

    _others(text, sc, groups, mentions, facts)
    if not mentions:
        if "responders" in text:
            _responders_count(text, facts)
        return facts
    if DESIGN_SENTENCE.search(text):
        return facts
    strong = _READ_AGAINST.search(text)
    comparator = strong or (
        next(
            (
                m
                for m in COMPARATOR_SENTENCE.finditer(text)
                if not (_NAMES_ITS_VALUE.search(text, 0, m.start()) and _OWN_VALUES_SET_AGAINST.search(text))
                and not set_against_after(text, groups[0].start, groups[-1].end, m.start())
                and not _arms_side_by_side(text, groups, m)
                and not (RANDOMISED.get() and _control_arm_after(text, groups, m))
            ),
            None,
        )
        # an item of a list its lead line says is this trial's (`PFS was longer with X:`) names an arm
        if not item
        and not _THIS_TRIAL.search(text)
        # a randomised trial's control arm, named by the article, is one of its cohorts
        and not any(re.search(rf"\b{re.escape(_bare_arm(n))}(?![\w-])", text, ICASE) for n in names)
        else None
    )
    if comparator:
        # Another treatment, an earlier report or a benchmark is in the sentence: what it reads may
        # be theirs. Shown as possible with the words that raised the doubt, never stated, never lost.
        own = _read_links(text, mentions, groups, SentenceFacts())
        cue = re.sub(r"\s+", " ", comparator.group(0)).strip()
        reason = f"its sentence also speaks of other results ('{cue}')"
        one_metric = len({m.key for m in mentions}) == 1
        split = _set_against_at(text, groups, comparator) if one_metric and not RANDOMISED.get() else None
        if split is not None and not strong:
            # "an ORR of 40%, compared with 10% historically with chemotherapy": the other results
            # are what is set against this report's; the values before are its own
            mine = [h for h in own.hits if h.group.end <= split and h.slot == 0]
            facts.hits += [replace(h, label="") if h.label and _CONTROL_CUE.match(h.label) else h for h in mine]
            facts.possible += [(hit, reason) for hit in own.hits if hit not in mine] + own.possible
            return facts
        facts.possible += [(hit, reason) for hit in own.hits] + own.possible
        return facts
    facts = _read_links(text, mentions, groups, facts)
    if item:
        _item_population(text, item.end(), facts)
    if " arm" in text or " group" in text or " cohort" in text:
        _subject_labels(text, facts)
    point = _AT_TIME_POINT.match(text) if _STILL.search(text) else None
    first = min((h.group.start for h in facts.hits), default=-1)
    if point and first >= 0 and not re.search(r"[,;]", text[first : point.end()]):
        # the time point opens the sentence and "remained" belongs to the first figure's own clause
        # "At 24 months, 40% of patients remained in complete remission": who is still in response at
        # a time point (a landmark), not the rate itself
        held = [h for h in facts.hits if not h.group.is_duration]
        facts.hits = [h for h in facts.hits if h.group.is_duration]
        facts.possible += [(h, "a share still in response at a time point, not the rate") for h in held]
    return facts


_STILL = re.compile(r"\b(?:remain(?:ed|s)?|still|continu(?:ed|es|ing)|sustained|maintained|ongoing)\b", ICASE)
_AT_TIME_POINT = re.compile(
    rf"^\W*(?:at|by|after|beyond)\s+(?:the\s+)?(?:\d+|{SPELLED})[- ](?:months?|years?)\b[^;.]*?"
    r"\b(?:remain(?:ed|s)?|still|continu(?:ed|es|ing)|sustained|maintained)\b",
    ICASE,
)
"""`At 24 months, 40% … remained in complete remission`: a sentence that opens on a time point and
says who is still in response at it."""


_SUBJECT = re.compile(
    r"(?:^|[;,]\s*(?:(?:while|whereas|and|but)\s+)?|\b(?:while|whereas)\s+)\W*(?:the\s+)?"
    # "Patients in the ipilimumab group lived without progression for …", "… while those in the TIL group …"
    r"(?:(?:patients|pts|participants|those)\s+(?:in|on|from)\s+(?:the\s+)?)?"
    r"(?P<label>(?:[\w+/.-]+\s+){0,4}?[\w+/.-]+\s+(?:arm|group|cohort))\s*(?:\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)\s*)?"
    r"(?:(?:had|has|showed|achieved|reported|demonstrated|yielded|saw|produced|experienced)\s+"
    r"(?:(?:a|an|the|its|their|confirmed|median|overall|objective)\s+)*)?$",
    ICASE,
)
"""`The placebo arm (n = 58) had an ORR of 10%`: the population a clause opens on, as its subject."""


def _subject_labels(text: str, facts: SentenceFacts) -> None:
    """Name the cohort of a figure whose clause has it as its subject (`…, while the monotherapy arm
    had an ORR of 31%`)."""
    for hit in facts.hits:
        if hit.label or hit.slot:
            continue
        m = _SUBJECT.search(text, 0, hit.mention.start)
        if m is None or m.end() != hit.mention.start:
            continue
        words = [w for w in m.group("label").split() if w.lower() not in _LABEL_STOP]
        if len(words) < 2 or words[0].lower() in (
            "patients", "pts", "participants", "those", "people", "in", "treatment", "study", "trial", "overall",
            "whole", "entire", "same", "evaluable", "efficacy",
        ):
            continue  # "the arm had …": no name; "patients in the treatment group had …": not an arm's name
        hit.label = " ".join(words)
        if m.group("n") and hit.label_n is None:
            hit.label_n = int(m.group("n"))


_ITEM_TAIL = re.compile(
    r"[\s,;:]*(?:with|for|in|on|among|after|under)\s+(?:the\s+)?(?P<name>[A-Za-z][^,;()\n]{1,60}?)"
    r"(?:\s+(?:arm|group|cohort))?\s*(?:\([^()\n]{0,80}\)\s*)?[.;]?\s*$",
    ICASE,
)
_ITEM_VALUE = r"(?:\d+(?:\.\d+)?\s*(?:%|percent|months?|mo|weeks?|years?)|not\s+reached|NR)"
_ITEM_SHAPE = re.compile(
    rf"(?:{_ITEM_VALUE}\s*(?:\([^()\n]{{0,80}}\)\s*)?(?:(?:with|for|in|on|among|under)\b|[.;]?\s*$)"
    rf"|[A-Za-z][^:\n]{{0,60}}?\s*[:=–—-]\s*{_ITEM_VALUE})",
    ICASE,
)
"""A list item that gives a value and whose it is (`3.2 months with X (95% CI …)`, `X: 31%`), nothing more."""
_ITEM_HEAD = re.compile(r"^\s*(?P<name>[A-Za-z][^:,;()\n]{1,60}?)\s*[:=–—-]\s*$")


def _item_population(text: str, start: int, facts: SentenceFacts) -> None:
    """Who a list item's figure is for: `3.25 months with X`, `X: 3.25 months`. An item whose
    population cannot be read is only possible (the list may set arms against each other)."""
    kept: list[Hit] = []
    for hit in facts.hits:
        if not hit.label and not hit.slot:
            tail = _ITEM_TAIL.match(text, hit.group.end)
            head = _ITEM_HEAD.match(text[start : hit.group.start])
            name = tail.group("name") if tail else head.group("name") if head else ""
            if name and not mentions_in(name):
                hit.label = name.strip()
        if hit.label or hit.slot:
            kept.append(hit)
        else:
            facts.possible.append((hit, "a list item that names no population"))
    facts.hits = kept


_NAMES_ITS_VALUE = re.compile(
    r"\d(?:\.\d+)?\s*(?:%|percent|months?|mo|weeks?|wk|years?)\s*(?:\([^()]{0,40}\)\s*)?$", ICASE
)
"""Before a comparator's words: a value they name the population of (`18.9 months with chemotherapy`
against `25.8 months with the combination`): the trial's own control arm, not other results."""
_OWN_VALUES_SET_AGAINST = re.compile(
    r"\d(?:\.\d+)?\s*(?:%|percent|months?|mo|weeks?|years?)?\s+(?:with|in|for)\s+(?:the\s+)?[A-Za-z][\w+/-]*"
    r"(?:\s+[\w+/-]+){0,3}?\s+(?:versus|" + VERSUS + r"|compared\s+(?:with|to))\s+(?:a\s+median\s+of\s+)?\d",
    ICASE,
)
"""Two of the sentence's own values set against each other (`25.8 months with X versus 18.9 months`)."""
_AGAINST = re.compile(
    r"\b(?:compared|comparison|comparable|than|versus|vs\b|relative|similar|consistent|in\s+line|against|"
    r"exceed\w*|surpass\w*|improv\w*|higher|lower|better|worse|up\s+from|down\s+from)",
    ICASE,
)


def set_against_after(text: str, first: int, last: int, cue: int) -> bool:
    """`… an ORR of 37.1% and a DCR of 80.6%, compared to previously reported results`: other results
    named (at `cue`) after every number of the sentence (which run from `first` to `last`) and set
    against them, with no number of their own — the sentence's figures are this report's (unlike
    `20% in prior trials`, or `40% vs 20% …`)."""
    if cue < last:
        return False
    return bool(_AGAINST.search(text, last, cue)) and not _AGAINST.search(text, first, last)


_METRICS_JOINED = re.compile(r"\s*(?:and|&|/)\s*(?:(?:the\s+)?median\s+)?$", ICASE)
_PAIR_COPULA = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:were|was|are)(?:\s+(?:estimated|reported|measured|calculated)\s+(?:at|as))?|of|reached|:)"
    r"\s*(?:a\s+median\s+of\s+)?$",
    ICASE,
)
_PAIR_JOIN = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?,?\s*and\s*$", ICASE)


def _metric_pair(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`The ORR and DCR were 40% and 80%`, `Median PFS and OS were 5.1 and 12.0 months`: two metrics
    joined, then two values joined, with no population between: each metric its value, in order
    (the "respectively" a writer left out)."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.key == b.key or not _METRICS_JOINED.fullmatch(text, a.end, b.start):
            continue
        after = [i for i, g in enumerate(groups) if g.start >= b.end]
        if len(after) < 2:
            continue
        i, j = after[0], after[1]
        g1, g2 = groups[i], groups[j]
        if (
            {i, j} & (blocked | claimed)
            or not _PAIR_COPULA.fullmatch(text, b.end, g1.start)
            or not _PAIR_JOIN.fullmatch(text, g1.end, g2.start)
            or not (_compatible(a, g1) and _compatible(b, g2))
            or (len(after) > 2 and _PAIR_JOIN.fullmatch(text, g2.end, groups[after[2]].start))
        ):
            continue
        claimed.update((i, j))
        facts.hits.append(Hit(a.key, g1, a, cue="metric_pair"))
        facts.hits.append(Hit(b.key, g2, b, cue="metric_pair"))


def _read_links(text: str, mentions: list[Mention], groups: list[Group], facts: SentenceFacts) -> SentenceFacts:
    """Every reading of a sentence's numbers as figures of its metrics, into `facts`."""
    blocked = _blocked_groups(text, groups)
    claimed: set[int] = set()
    respectively = bool(re.search(r"\brespectively\b", text, ICASE))
    if respectively and _respectively(text, mentions, groups, blocked, claimed, facts):
        pass
    if respectively and ("versus" in text or "vs" in text):
        _versus_respectively(text, mentions, groups, blocked, claimed, facts)
    if not respectively and " and " in text and len(mentions) >= 2:
        _metric_pair(text, mentions, groups, blocked, claimed, facts)
    if "/" in text:
        _slash_pairs(text, mentions, groups, blocked, claimed, facts)
    if ";" in text and "(" in text:
        _named_value_list(text, mentions, groups, blocked, claimed, facts)
    if "=" in text and "(" in text:
        _sized_name_items(text, mentions, groups, blocked, claimed, facts)
    if "not" in text or "NR" in text:
        _not_reached_list(text, mentions, groups, claimed, facts)
    if ":" in text:
        _subgroup_colon_list(text, mentions, groups, blocked, claimed, facts)
    if "(" in text and re.search(r"\b(?:arm|group|cohort)\s*\(", text, ICASE):
        _group_value_items(text, mentions, groups, blocked, claimed, facts)
    if " from " in text:
        _to_from(text, mentions, groups, blocked, claimed, facts)
    if KNOWN_NAMES.get():
        _names_before_values(text, mentions, groups, blocked, claimed, facts)
    if "between" in text:
        _between_arms(text, mentions, groups, blocked, claimed, facts)
    for mention in mentions:
        if any(h.mention is mention for h in facts.hits):
            continue
        _link(text, mention, mentions, groups, blocked, claimed, facts)
    if "responders" in text and not any(h.key == "orr" and h.group.count is not None for h in facts.hits):
        _responders_count(text, facts)
    _weaker_readings(text, facts)
    _unlinked(text, mentions, groups, blocked, claimed, facts)
    return facts


_VERSUS_PAIR = re.compile(r"\s*+(?:%|percent|months?|mo|weeks?)?\s*+(?:versus|" + VERSUS + r"|v\.?)\s*+$", ICASE)
_PAIR_END = re.compile(r"\s*+(?:%|percent|months?|mo|weeks?)?\s*+,?\s*+respectively\b", ICASE)
_ARM_NAMED = re.compile(
    r"\b(?:in|on|with|for|of)\s++(?:the\s++)?(?P<name>[A-Za-z][\w+/.-]*+(?:\s++(?:(?:plus|\+|and)\s++)?[A-Za-z][\w+/.-]*+){0,3}?)\s++(?:arm|group)\b",
    ICASE,
)
_NOT_THE_ARMS = re.compile(
    r"\b(?:in|among|for)\s+(?:the\s+)?(?:subgroups?|subsets?|patients\s+(?:with|who|aged|older|younger|whose)|those\s+(?:with|who))\b"
    r"|\bsubgroups?\b|\bat\s+\d+(?:\.\d+)?\s+(?:and\s+\d+\s+)?(?:months?|weeks?|years?)\b|\b\d+-(?:month|week|year)\b",
    ICASE,
)
"""Before a pair of two arms' values: the pair is a subgroup's or a time point's, not the arms' own figures."""
_METRIC_TO_PAIR = re.compile(r"^[\s(;:,]*+(?:[A-Za-z]{2,6}\s*+[;:,]\s*+)?(?:(?:was|were|of|at|is)\s++)?\(?\s*+$", ICASE)


_SUBJECT_OVER = re.compile(
    r"(?:^|\n)\W*(?P<a>[A-Za-z][\w+/-]*(?:\s+(?:plus|\+)\s+[A-Za-z][\w+/-]*)?)\s+(?:\([^()]{1,40}\)\s+)?"
    r"(?:significantly\s+|also\s+)?(?:showed|demonstrated|achieved|produced|led\s+to|resulted\s+in|had|improved|reduced|"
    r"prolonged|extended|was\s+associated\s+with)\b(?:[^.;()]|\([^()]{0,30}\)){0,100}?\b(?:than|versus|" + VERSUS + r"|compared\s+(?:with|to)|over)\s+"
    r"(?P<b>[A-Za-z][\w+/-]*(?:\s+(?:plus|\+)\s+[A-Za-z][\w+/-]*)?)\b",
    ICASE,
)
"""`Drugzumab showed a higher ORR than docetaxel …`: the two arms a sentence compares, in its order."""


_CHANGED_BEFORE = re.compile(
    r"\b(?:improved|extended|prolonged|increased|lengthened|raised|boosted|doubled|more\s+than\s+doubled|nearly\s+doubled)"
    r"\s+(?:the\s+)?(?:median\s+)?$",
    ICASE,
)
_TO_GAP = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?(?:to|of)\s+(?:a\s+median\s+of\s+)?$", ICASE)
_FROM_GAP = re.compile(r"\s*(?:%|percent|months?|mo|weeks?)?\s*,?\s*(?:up\s+)?from\s+(?:a\s+median\s+of\s+)?$", ICASE)


def _to_from(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`X improved median overall survival to 13.1 months from 8.6 months with chemotherapy`: the
    value after `to` is the arm the sentence is about, the one after `from` the arm it is set
    against (named after it, or by the sentence's subject and object)."""
    if not RANDOMISED.get():
        return  # "extended median DOR to 14.2 months from 11.0 months at the prior data cut": no arms
    for mention in mentions:
        if not _CHANGED_BEFORE.search(text[max(0, mention.start - 40) : mention.start]):
            continue
        after = [i for i, g in enumerate(groups) if g.start >= mention.end and i not in claimed and i not in blocked]
        if len(after) < 2:
            return
        i, j = after[0], after[1]
        a, b = groups[i], groups[j]
        if not (_TO_GAP.fullmatch(text[mention.end : a.start]) and _FROM_GAP.fullmatch(text[a.end : b.start])):
            continue
        if not (_compatible(mention, a) and _compatible(mention, b)):
            continue
        label_b, _end = label_after(text, b.end)
        subject = _SUBJECT_OVER.search(text)
        label_a = subject.group("a") if subject else ""
        claimed.update((i, j))
        facts.hits.append(Hit(mention.key, a, mention, slot=0, label=label_a, cue="to_from"))
        facts.hits.append(Hit(mention.key, b, mention, slot=1, label=label_b, cue="to_from"))


_BETWEEN_ARMS = re.compile(
    r"\s*(?:\([^()]{0,60}\)\s*|[;,:][^()]{0,60}\)\s*)?(?:was|were|did)\b[^.;()]{0,60}?\bbetween\s+(?:the\s+)?(?:two\s+)?"
    r"(?:treatment\s+|study\s+)?"
    r"(?:arms|groups)\s*\(\s*$",
    ICASE,
)
_BETWEEN_SEP = re.compile(r"\s*(?:%|percent|months?|mo)?\s*(?:versus|vs\.?|v\.?|and)\s*$", ICASE)


def _between_arms(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`OS was not significantly different between treatment arms (10.6 versus 11.3 months,
    respectively)`: the two values are the arms', in the order the article gave the arms."""
    for mention in mentions:
        if any(h.mention.key == mention.key and h.cue == "between_arms" for h in facts.hits):
            continue  # "Overall survival (OS; …)": one metric named twice
        after = [i for i, g in enumerate(groups) if g.start >= mention.end]
        if len(after) < 2:
            continue
        i, j = after[0], after[1]
        if i in claimed or j in claimed or i in blocked or j in blocked:
            continue
        if not _BETWEEN_ARMS.fullmatch(text[mention.end : groups[i].start]):
            continue
        if not _BETWEEN_SEP.fullmatch(text[groups[i].end : groups[j].start]):
            continue
        if any(mention.end <= m.start < groups[j].start for m in mentions if m.key != mention.key):
            continue
        if not (_compatible(mention, groups[i]) and _compatible(mention, groups[j])):
            continue
        claimed.update((i, j))
        facts.hits.append(Hit(mention.key, groups[i], mention, slot=0, cue="between_arms"))
        facts.hits.append(Hit(mention.key, groups[j], mention, slot=1, cue="between_arms"))


_LIST_LEAD = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:[:–—-]|was|were|of)\s*(?:the\s+)?")
_NAME_VALUE_SEP = re.compile(r"\s*(?:,|;|\band\b|\bvs\.?|\bversus\b|\bv\.?)\s*(?:and\s+)?(?:the\s+)?")
_NAME_TO_VALUE = re.compile(r"\s*(?:arm|group)?\s*(?:[:,]|was|were|had|of|reached)?\s*")


def _names_before_values(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`Median PFS: zorbamab 5.6 months, docetaxel 3.4 months`: after the metric, each value comes
    after the name of an arm the article reported (every value named, or none is read so)."""
    for mention in mentions:
        lead = _LIST_LEAD.match(text, mention.end)
        if lead is None:
            continue
        pos = lead.end()
        found: list[tuple[int, str]] = []
        while True:
            name, length = _known_name_match(text[pos:])
            if not name:
                break
            gap = _NAME_TO_VALUE.match(text, pos + length)
            at = gap.end() if gap else pos + length
            index = next((i for i, g in enumerate(groups) if g.start == at), None)
            if index is None or index in claimed or index in blocked or not _compatible(mention, groups[index]):
                break
            found.append((index, name))
            sep = _NAME_VALUE_SEP.match(text, groups[index].end)
            if sep is None or sep.end() == groups[index].end:
                break
            pos = sep.end()
        if len(found) < 2 or any(m.start > mention.end and m.start < groups[found[-1][0]].end for m in mentions if m is not mention):
            continue
        for slot, (index, name) in enumerate(found):
            claimed.add(index)
            facts.hits.append(Hit(mention.key, groups[index], mention, slot=slot, label=name, cue="names_before"))


def _arms_named(text: str) -> list[str]:
    """The arms a sentence names, in its order: `X showed … than Y`, `in the X arm … in the Y arm`,
    or arms the article named before (`KNOWN_NAMES`) where the sentence says them."""
    subject = _SUBJECT_OVER.search(text)  # at the start of the sentence or of one of its lines
    if subject and subject.group("a").lower() != subject.group("b").lower():
        return [subject.group("a"), subject.group("b")]
    found: dict[str, int] = {}
    for m in _ARM_NAMED.finditer(text):
        name = f"{m.group('name')} {text[m.end('name') : m.end()].split()[-1]}"
        found.setdefault(name.strip(), m.start("name"))
    if len(found) < 2:
        for name in KNOWN_NAMES.get():
            at = re.search(rf"(?<![\w-]){re.escape(_bare_arm(name))}(?![\w-])", text, ICASE)
            if at and not any(abs(at.start() - pos) < 3 for pos in found.values()):
                found.setdefault(name, at.start())
    return [name for name, _ in sorted(found.items(), key=lambda kv: kv[1])]


def _versus_respectively(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`… in the X arm and the Y arm (31% versus 14%, respectively)`, `DCR (81% versus 58%,
    respectively)`: each pair of values is the metric before it, one value per arm, in the order the
    sentence names the two arms (without two named arms, the other readings decide)."""
    arms = _arms_named(text)
    for i in range(len(groups) - 1):
        a, b = groups[i], groups[i + 1]
        if i in claimed or i + 1 in claimed or i in blocked or i + 1 in blocked:
            continue
        if not _VERSUS_PAIR.match(text[a.end : b.start]) or not _PAIR_END.match(text[b.end : b.end + 40]):
            continue
        before = [m for m in mentions if m.end <= a.start]
        if not before:
            continue
        mention = before[-1]
        gap = text[mention.end : a.start]
        for arm in arms:
            gap = re.sub(rf"\b(?:(?:in|on|with|for)\s+(?:the\s+)?)?{re.escape(arm)}(?![\w-])", " ", gap, flags=ICASE)
        gap = re.sub(r"\b(?:twice|those|that|than|compared|and|the|in|arms?|groups?|\w+er)\b", " ", gap, flags=ICASE)
        if (
            len(arms) != 2
            or not _METRIC_TO_PAIR.match(gap)
            or not (_compatible(mention, a) and _compatible(mention, b))
        ):
            continue  # left to the other readings (and, unread, offered as possible)
        if _NOT_THE_ARMS.search(text[text.rfind("\n", 0, a.start) + 1 : a.start]):  # this line's words
            continue  # "… than Y in patients with liver metastases (…)", "at 12 and 24 months (…)": not the arms' own
        claimed.update((i, i + 1))
        for slot, (g, arm) in enumerate(((a, arms[0]), (b, arms[1]))):
            facts.hits.append(Hit(mention.key, g, mention, slot=slot, label=arm, cue="arm_pair"))


_THRESHOLD_AFTER = re.compile(
    r"\s*+(?:%|percent|months?)?\s*+(?:or\s++(?:more|greater|higher|longer|less|fewer)|and\s++(?:above|over)|\+)", ICASE
)
_THRESHOLD_BEFORE = re.compile(r"(?:≥|>=?|≤|<=?|\bat\s+least|\bmore\s+than|\bless\s+than|\bover|\bup\s+to)\s*$", ICASE)
_TIME_POINT_BEFORE = re.compile(
    r"\b(?:at|after|by|over|with|following|within)\s+(?:a\s+|the\s+)?(?:median\s+)?(?:(?:follow-up|follow\s+up)\s+)?(?:of\s+)?$",
    ICASE,
)
"""`at a median of 7.4 months`, `after 2 years`: a time point, never a duration's value."""
_UNLINKED_REACH = 120
"""How far (characters) a number may stand from a metric no reading tied it to, to be offered."""


def _offerable(text: str, g: Group, others: list[tuple[int, int]]) -> bool:
    """Whether an unused number may be offered as a possible figure at all."""
    if g.percent is None and not g.is_duration:
        return False  # a bare count beside a metric is as often who was measured ("in the 128 patients")
    if any(start <= g.start < end or start < g.end <= end for start, end in others):
        return False  # already read as another figure
    if _OTHER_CATEGORY_AFTER.match(text, g.end):
        return False  # "12 (12%) a very good partial response": a category that is no outcome
    if _THRESHOLD_AFTER.match(text, g.end) or _THRESHOLD_BEFORE.search(text[max(0, g.start - 14) : g.start]):
        return False  # "a 30% or more reduction", "at least 6 months": a bound that defines, not a figure
    return not (g.is_duration and _TIME_POINT_BEFORE.search(text[max(0, g.start - 40) : g.start]))


def _unlinked(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """A metric that no reading tied to a number, beside a number of its kind that no reading used:
    offered as possible (doubt shown, not guessed, and not lost). The nearest such number within a
    short reach, one in the metric's own clause first; each number is offered once."""
    tied = {id(h.mention) for h in facts.hits} | {id(h.mention) for h, _ in facts.possible}
    used = set(claimed) | {id(h.group) for h in facts.hits} | {id(h.group) for h, _ in facts.possible}
    others = [(start, end) for _name, _g, start, end in facts.others]  # "the longest response, 19.8 months"
    # "longer with X (8.3 months) than with Y (4.1 months)", "PFS: X (8.3 months) vs Y (4.1 months)": a
    # value in brackets right after an arm the article named is that arm's, of the metric before it.
    names = KNOWN_NAMES.get()
    for i, g in enumerate(groups) if names else ():
        if i in blocked or i in used or id(g) in used:
            continue
        name = _bracketed_after_name(text, g, names)
        before = [m for m in mentions if m.end <= g.start and _compatible(m, g)]
        if name and before:
            used.add(i)
            facts.hits.append(Hit(before[-1].key, g, before[-1], label=name, cue="bracket_name"))
            tied.add(id(before[-1]))
    for mention in mentions:
        if id(mention) in tied:
            continue
        best: tuple[int, int] | None = None
        for i, g in enumerate(groups):
            if i in blocked or i in used or id(g) in used or not _compatible(mention, g):
                continue
            if not _offerable(text, g, others):
                continue
            gap = g.start - mention.end if g.start >= mention.end else mention.start - g.end
            if gap < 0 or gap > _UNLINKED_REACH:
                continue
            if not _clause_ok(text, min(mention.start, g.start), max(mention.end, g.end)):
                gap += _UNLINKED_REACH  # another clause: only when nothing in the metric's own is left
            if best is None or gap < best[0]:
                best = (gap, i)
        if best is not None:
            used.add(best[1])
            facts.possible.append(
                (
                    Hit(mention.key, groups[best[1]], mention),
                    f"a number beside '{mention.text}' that no reading ties to it",
                )
            )
    # A number of a metric's kind that no reading used, after a metric that did tie one ("45% in
    # melanoma and 30% in sarcoma" when the second population was not read): possible, of that metric.
    for i, g in enumerate(groups):
        if i in blocked or i in used or id(g) in used or not _offerable(text, g, others):
            continue
        before = [m for m in mentions if m.end <= g.start and g.start - m.end <= _UNLINKED_REACH and _compatible(m, g)]
        if not before or not _clause_ok(text, before[-1].end, g.start):
            continue
        mention = before[-1]
        used.add(i)
        facts.possible.append(
            (Hit(mention.key, g, mention), f"a number after '{mention.text}' that no reading ties to a population")
        )


_CLOSE = re.compile(r"\s*[)\]]")


def _bracketed_after_name(text: str, g: Group, names: tuple[str, ...]) -> str:
    """The arm named right before a value in brackets (`docetaxel (4.1 months)`), else ``."""
    if not (_CLOSE.match(text, g.end) or text[g.start : g.end].rstrip().endswith((")", "]"))):
        return ""
    head = text[max(0, g.start - 80) : g.start]
    for name in names:  # longest first
        if re.search(rf"(?<![\w-]){re.escape(name)}(?:\s+(?:arm|group))?\s*[(\[]\s*$", head, ICASE):
            return name
    return ""


_RESPONDERS = re.compile(
    rf"\b(?:of|among)\s+(?:the|these|its|all)\s+(?P<n>{INT}|{SPELLED})\s+(?:confirmed\s+|objective\s+)?responders\b"
    rf"|(?<![\w.])(?:{INT}|{SPELLED})\s+of\s+(?:the\s+)?(?P<n2>{INT}|{SPELLED})\s+(?:confirmed\s+|objective\s+)?responders\b",
    ICASE,
)
"""`Of the 9 responders, 6 …`, `4 of 6 responders had …`: how many responded, stated as who they are."""


def _responders_count(text: str, facts: SentenceFacts) -> None:
    m = _RESPONDERS.search(text)
    if m is None:
        return
    name = "n" if m.group("n") else "n2"
    value = number_value(m.group(name))
    if value is None or value < 1:
        return
    g = Group(m.start(name), m.end(name), count=int(value), kinds=("cnt",), noun=True)
    facts.hits.append(Hit("orr", g, Mention("orr", m.start(name), m.end(), m.group(0)), cue="responders"))


_RESPONSE_DEFINED = re.compile(
    r"\b(?:among|in|for)\s+(?:the\s+)?(?:patients|pts|those|participants)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:with\s+(?:an?\s+)?(?:CR|PR|complete|partial|objective|confirmed)\b|who\s+(?:had\s+|have\s+)?"
    r"(?:achieved|attained|experienced|had|responded|reached)\b(?:\s+(?:an?|the|confirmed|objective|complete|partial|"
    r"best|\d+%|or|greater|more|tumou?r|reduction|shrinkage|in|of|size)){0,8}\s*(?:responses?|remissions?|CR|PR|"
    r"reduction|shrinkage|size|responded))",
    ICASE,
)
"""`among patients who had a 30% or more reduction in tumour size`, `in patients with a CR`: a
population defined by its response, whose figures are not the cohort's outcomes."""

_CLAUSE_START = re.compile(r"(?:^|[;:(•*]|\s[–-])\s*(?:the\s+)?(?:[\w-]+\s+){0,2}$", ICASE)
"""Up to two words (confirmed, investigator-assessed) between a clause start and a metric."""
_MEDIAN_NEAR = re.compile(r"\bmedian\b|\bmedians\b", ICASE)


_NOT_MEDIAN_FOLLOW_UP = re.compile(
    r"\b(?:minimum|maximum|min\.|max\.|at\s+least|shortest|longest|up\s+to|mean)\s+(?:(?:of|potential|study)\s+)?$",
    ICASE,
)


def _weaker_readings(text: str, facts: SentenceFacts) -> None:
    """Move readings that are only possible out of the figures.

    A follow-up in whole years with no "median" near it ("after 5 years of follow-up") names
    the analysis (a time point), not the trial's median follow-up; "after 8.8 months of
    follow-up" states one."""
    kept: list[Hit] = []
    defined = [m for m in _RESPONSE_DEFINED.finditer(text)] if "who" in text or "with" in text else []
    for hit in facts.hits:
        g = hit.group
        if any(_clause_ok(text, min(m.start(), g.start), max(m.end(), g.end)) for m in defined):
            facts.possible.append((hit, "a figure of patients defined by their response"))
            continue
        if hit.key == "median_followup" and _NOT_MEDIAN_FOLLOW_UP.search(
            text[max(0, min(hit.mention.start, g.start) - 30) : hit.mention.start]
        ):
            facts.possible.append((hit, "a minimum or maximum follow-up is not the median"))
            continue
        if hit.key == "median_followup" and g.unit == "years" and g.stated is not None and g.stated.is_integer():
            lo = min(hit.mention.start, g.start)
            hi = max(hit.mention.end, g.end)
            if not _MEDIAN_NEAR.search(text[max(0, lo - 40) : hi]):
                facts.possible.append((hit, "a follow-up in whole years without a median names the analysis"))
                continue
        kept.append(hit)
    facts.hits = kept


_METRIC_LIST_SEP = re.compile(
    r"\s*(?:\([^()]{0,12}\))?\s*(?:,\s*(?:and\s+)?|(?:\s+and\s+|\s*/\s*|\s+nor\s+)(?:(?:the\s+)?median\s+)?)", ICASE
)
_NR_AFTER_LIST = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:\([^()]{0,40}\)\s*)?(?:have|has|had|were|was)?\s*(?:all\s+|both\s+)?(?:yet\s+)?(?:been\s+)?$",
    ICASE,
)


def _not_reached_list(
    text: str, mentions: list[Mention], groups: list[Group], claimed: set[int], facts: SentenceFacts
) -> None:
    """`median OS, PFS, and response duration had not been reached`: each listed median is not reached."""
    for k, g in enumerate(groups):
        if "nr" not in g.kinds or k in claimed:
            continue
        listed: list[Mention] = []
        for m in reversed([m for m in mentions if m.end <= g.start]):
            if m.key not in DURATION_METRICS or m.key == "median_followup":
                break  # a follow-up is never "not reached"
            end = listed[0].start if listed else g.start
            between = text[m.end : end]
            if listed and not _METRIC_LIST_SEP.fullmatch(between):
                break
            if not listed and not _NR_AFTER_LIST.fullmatch(between):
                break
            listed.insert(0, m)
        if len(listed) >= 2 and not any(h.mention in listed for h in facts.hits):
            claimed.add(k)
            facts.hits.extend(Hit(m.key, g, m, cue="nr_list") for m in listed)


_SUBGROUPS_COLON = re.compile(r"\b(?:sub)?(?:groups|cohorts|populations|arms)\s*:\s*", ICASE)
_VALUE_LABEL_ITEM = re.compile(
    r"(?P<v>[\d.]+\s*%)\s+(?:in\s+|for\s+|with\s+)?(?P<label>(?:[^,;:.%()]|\([^()%]{1,12}\)){3,60}?)\s*(?=,|;|\.|$|\s+and\b)"
)


def _subgroup_colon_list(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`CR rates were similar across subgroups: 41% prior transplant, 29% bulky disease, and
    35% age ≥65`: one metric, a value before each subgroup it names."""
    head = _SUBGROUPS_COLON.search(text)
    if not head:
        return
    before = [m for m in mentions if m.end <= head.start()]
    if (
        not before
        or before[-1].key in DURATION_METRICS
        or any(before[-1].end <= g.start < head.start() for g in groups)
    ):
        return
    mention = before[-1]
    items: list[tuple[str, int]] = []
    pos = head.end()
    for m in _VALUE_LABEL_ITEM.finditer(text, pos):
        if not re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", text[pos : m.start()]):
            break
        index = next((i for i, g in enumerate(groups) if g.start == m.start("v")), None)
        if index is None or index in claimed or index in blocked:
            break
        items.append((m.group("label").strip(), index))
        pos = m.end()
    if len(items) >= 2:
        for slot, (label, index) in enumerate(items):
            claimed.add(index)
            facts.hits.append(Hit(mention.key, groups[index], mention, slot=slot, label=label, cue="subgroup_colon"))


_GROUP_ITEM = re.compile(
    r"\b(?:the\s+)?(?P<name>[\w+/.-]+(?:\s+[\w+/.-]+){0,2}?)\s+(?P<kind>arm|group|cohort)\s*\(\s*(?P<v>[\d.]+\s*%)\s*\)",
    ICASE,
)


def _group_value_items(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`ORRs were greatest in the doublet group (48.3%), followed by the monotherapy group (31.9%) …`:
    one metric, a bracketed value after each group it names."""
    items = []
    for m in _GROUP_ITEM.finditer(text):
        words = [
            w
            for w in m.group("name").split()
            if w.lower() not in _LABEL_STOP | {"in", "by", "of", "for", "and", "or", "followed", "vs", "versus", "than"}
        ]
        index = next((i for i, g in enumerate(groups) if g.start == m.start("v")), None)
        if words and index is not None and index not in claimed and index not in blocked:
            items.append((f"{' '.join(words)} {m.group('kind').lower()}", index, m.start()))
    if len(items) < 2:
        return
    before = [x for x in mentions if x.end <= items[0][2]]
    if not before or before[-1].key in DURATION_METRICS:
        return
    mention = before[-1]
    if any(mention.end <= g.start < items[0][2] for g in groups) or any(
        items[0][2] <= x.start < items[-1][2] for x in mentions
    ):
        return
    for slot, (label, index, _start) in enumerate(items):
        claimed.add(index)
        facts.hits.append(Hit(mention.key, groups[index], mention, slot=slot, label=label, cue="value_items"))


_NAMED_LIST = re.compile(r"\((?P<body>(?:[^();,]{1,30},\s*[\d.]+\s*%\s*;\s*)+[^();,]{1,30},\s*[\d.]+\s*%)\s*\)")
_NAMED_ITEM = re.compile(r"\s*(?P<name>[^();,]{1,30}?),\s*(?P<v>[\d.]+\s*%)")


def _named_value_list(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`ORR was comparable (FL, 94%; MZL, 77%)`: one metric, a value per population it names."""
    from tilbrowse.extract.populations import COHORT_ID

    for m in _NAMED_LIST.finditer(text):
        before = [x for x in mentions if x.end <= m.start() and not _CLAUSE_BREAK.search(text[x.end : m.start()])]
        if not before or any(before[-1].end <= g.start < m.start() for g in groups):
            continue
        mention = before[-1]
        if mention.key in DURATION_METRICS:
            continue
        items: list[tuple[str, int]] = []
        for item in _NAMED_ITEM.finditer(m.group("body")):
            name = item.group("name").strip()
            disease = diseases_in(name)
            known = disease or COHORT_ID.fullmatch(name) or _known_name_at(name)
            if disease and disease[0][0] == 0 and disease[0][1] == len(name):
                name = disease[0][2]  # "FL" is the follicular lymphoma cohort, as "in FL" names it
            start = m.start("body") + item.start("v")
            index = next((i for i, g in enumerate(groups) if g.start == start), None)
            if not known or index is None or index in claimed or index in blocked:
                items = []
                break
            items.append((name, index))
        for slot, (name, index) in enumerate(items):
            claimed.add(index)
            facts.hits.append(Hit(mention.key, groups[index], mention, slot=slot, label=name, cue="named_list"))


_SIZED_NAME_ITEM = re.compile(
    r"(?P<name>[A-Za-z][\w+/-]*(?:\s+[\w+/-]+){0,3}?)\s*\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)\s*[,:]?\s*(?P<v>\d+(?:\.\d+)?)\s*%"
)
"""One item of a list of populations by name and size, each with its value: `cervical (n = 17) 41.2%`."""
_AMONG_RESPONDERS = re.compile(
    r"\b(?:responders?|responding|(?:with|achieved|had)\s+(?:an?\s+)?(?:confirmed\s+|objective\s+|complete\s+|partial\s+)?"
    r"(?:responses?|remissions?))\b",
    ICASE,
)


def _sized_name_items(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`ORR by tumor type: cervical (n = 17) 41.2%, HNSCC (n = 15) 26.7%, …`: one metric, then each
    population by its name and size, its value after it."""
    from tilbrowse.extract.populations import COHORT_ID

    items = list(_SIZED_NAME_ITEM.finditer(text))
    if len(items) < 2 or _AMONG_RESPONDERS.search(text, 0, items[0].start()):
        return  # (not "Among the 17 patients with a response, tumor types were cervical (n = 7) 41.2%, …")
    before = [x for x in mentions if x.end <= items[0].start() and not _CLAUSE_BREAK.search(text[x.end : items[0].start()])]
    if not before or before[-1].key in DURATION_METRICS:
        return
    mention = before[-1]
    if any(mention.end <= g.start < items[0].start() for g in groups):
        return  # a value of the metric's own before the list
    found: list[tuple[str, int, int]] = []
    for item in items:
        name = item.group("name").strip()
        words = name.split()
        while words and words[0].lower() in ("and", "or", "the", "in", "for", "type:", "types:"):
            words.pop(0)
        name = " ".join(words)
        disease = diseases_in(name) or diseases_in(f"{name} cancer")
        if disease and disease[-1][1] >= len(name) - 1:
            name = disease[-1][2]
        elif not (COHORT_ID.fullmatch(name) or _known_name_at(name)):
            return
        index = next((i for i, g in enumerate(groups) if g.start == item.start("v")), None)
        size, percent = int(item.group("n")), float(item.group("v"))
        if index is None or index in claimed or index in blocked or not _whole_share(percent, size):
            return  # a percent no count of the size gives is not that population's rate
        found.append((name, size, index))
    for slot, (name, size, index) in enumerate(found):
        claimed.add(index)
        facts.hits.append(Hit(mention.key, groups[index], mention, slot=slot, label=name, label_n=size, cue="named_list"))


_SLASH_METRICS = re.compile(r"\s*[)\]]?\s*/\s*(?:≥|>=|at\s+least\s+)?\s*")


def _slash_pairs(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> None:
    """`ORR/≥CR was 66.4%/50.2%`: two metrics and two values written as slash pairs, in order."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if not _SLASH_METRICS.fullmatch(re.sub(r"\([^()]{0,12}\)", " ", text[a.end : b.start])):
            continue
        following = [i for i, g in enumerate(groups) if g.start >= b.end and i not in claimed]
        if len(following) < 2:
            continue
        i, j = following[0], following[1]
        if j != i + 1 or not re.fullmatch(r"\s*/\s*", text[groups[i].end : groups[j].start]):
            continue
        ok, _label = _forward_ok(text[b.end : groups[i].start])
        if not ok or i in blocked or j in blocked:
            continue
        if not (_compatible(a, groups[i]) and _compatible(b, groups[j])):
            continue
        claimed.update((i, j))
        facts.hits.append(Hit(a.key, groups[i], a, cue="slash"))
        facts.hits.append(Hit(b.key, groups[j], b, cue="slash"))


def _blocked_groups(text: str, groups: list[Group]) -> set[int]:
    """Groups that can never be outcome figures: shares of responders, bounds, ranges."""
    out: set[int] = set()
    for i, g in enumerate(groups):
        if _INEQUALITY.search(text[max(0, g.start - 25) : g.start]):
            out.add(i)
        after = text[g.end : g.end + 60]
        if _SHARE.match(after) or re.search(
            r"\b(?:responders|responding\s+patients)\s*[(\[]?\s*$", text[max(0, g.start - 30) : g.start], ICASE
        ):
            out.add(i)
        before = text[max(0, g.start - 30) : g.start]
        if g.is_duration and _DURATION_BLOCK.search(before):
            out.add(i)
    return out


def _clause_ok(text: str, a: int, b: int) -> bool:
    return not _CLAUSE_BREAK.search(text[a:b])


def _compatible(mention: Mention, g: Group, bare_ok: bool = False, own_n: bool = False) -> bool:
    """Whether a group can state the metric's figure. `own_n`: an `n =` written right after the metric."""
    if mention.key in DURATION_METRICS:
        return g.is_duration
    if not g.is_rate:
        return False
    if g.kinds == ("neq",):
        # "(n = 24)" alone names a population's size; "CR, n = 8" right after a metric is its count.
        return own_n
    if g.percent is None and g.count is not None and "cnt" in g.kinds and not g.noun and "frac" not in g.kinds:
        return bare_ok  # a bare count ("in 12") needs a noun, a verb tie or to sit next to the metric
    return True


_OTHER_CATEGORY_AFTER = re.compile(
    r"\s*(?:[(\[][^()\[\]]{0,30}[)\]]\s*)?(?:had\s+|achieved\s+|with\s+)?(?:an?\s+)?(?:very\s+good\s+partial|VGPR|minimal|minor|"
    r"MR\b|near[- ]complete|nCR\b|marrow\s+(?:CR|complete)|mCR\b|hematologic(?:al)?\s+improvement|MRD)",
    ICASE,
)
"""A value followed by a response category that is none of the outcomes (very good partial response…)."""
_DOSE_LABEL = re.compile(
    r"(?P<dose>\d+(?:\.\d+)?(?:\s*[x×]\s*10\s*\^?\s*\d+)?\s*(?:mg/kg|mg/m2|mg/m²|mg|µg/kg|μg/kg|mcg/kg|µg|μg|mcg|"
    r"(?:million|billion)\s+(?:CAR\+?\s+|transduced\s+|viable\s+)?(?:T[- ])?cells|(?:CAR\+?\s+|transduced\s+)?(?:T[- ])?cells(?:/kg)?))"
    r"(?:\s+(?:dose(?:\s+level)?|cohort|group|arm))?(?![\w/])",
    ICASE,
)
"""A dose named after a value (`at 3 mg/kg`, `at 450 million CAR+ cells`): the dose level's cohort."""
_SIZE_LIST_AFTER = re.compile(r"(?:\s*(?:and|or|,|;|" + VERSUS + r"|versus)\s*(?:[nN]\s*=\s*)?\d+){1,6}\s*[)\]]")
_PAREN_JOIN = re.compile(
    rf"\s*(?:(?:[a-z-]+\s+){{0,2}}{POP}\s*|overall\s*|of\s+(?:them|these|those)\s*)?[(\[]\s*(?:n\s*=\s*)?", ICASE
)
"""Between a count and its percent in brackets: `22 patients (44%)`, `22 of them (44%)`."""
_NOUN_AFTER = re.compile(rf"\s+(?:(?:[a-z][\w-]*\s+){{0,2}}){POP}\b|\s+of\s+(?:them|those|these)\b", ICASE)
_POP_PHRASE = re.compile(rf"\s+(?:[\w-]+\s+){{0,4}}?{POP}\b", ICASE)
_PATIENTS_WITH = re.compile(rf"(?:{POP}\s+with\s+)?", ICASE)
_SUBJECT_START = re.compile(
    r"(?:^|[,;:(]|\b(?:and|while|whereas|but|another|other|further|additional|only|just))\s*$", ICASE
)
_BARE_VERB = re.compile(
    r"^\s*(?:had|have|has|achieved|experienced|showed|attained|developed|maintained|obtained|were\s+in|remained\s+in)\s+"
    r"(?:(?:a|an|the|their|some|any|best|overall|of|confirmed|unconfirmed|durable|sustained|deep|ongoing)\s+)*$",
    ICASE,
)


def _abbreviation_in_brackets(text: str, mention: Mention) -> bool:
    """`rate (ORR) was`: the mention is all a bracket holds, the name's abbreviation."""
    before = text[: mention.start].rstrip()
    return before.endswith(("(", "[")) and bool(re.match(r"\s*[)\]]", text[mention.end :]))


def _link(
    text: str,
    mention: Mention,
    mentions: list[Mention],
    groups: list[Group],
    blocked: set[int],
    claimed: set[int],
    facts: SentenceFacts,
) -> None:
    """Tie one metric mention to its number(s)."""
    is_duration = mention.key in DURATION_METRICS
    left: Group | None = None
    if not is_duration:
        # "23 partial responses", "two complete remissions": a count right before the metric.
        for i, g in enumerate(groups):
            if i in claimed or i in blocked or g.end > mention.start:
                continue
            if (
                g.count is not None
                and g.percent is None
                and "pct" not in g.kinds
                and _LEFT_COUNT_GAP.match(text[g.end : mention.start])
                # "in one responding patient": the count names who, it does not count the metric
                and not re.search(r"\b(?:in|among)\s+(?:the\s+)?$", text[max(0, g.start - 12) : g.start], ICASE)
            ):
                left = g
                left_index = i
    # Forward: metric, glue words, number.
    following = [i for i, g in enumerate(groups) if g.start >= mention.end and i not in claimed]
    if mention.key == "median_followup":
        # "At 40 months follow up (three years after …)": the duration written before the noun is its value.
        prior = [g for i, g in enumerate(groups) if g.end <= mention.start and i not in claimed and i not in blocked]
        if (
            prior
            and prior[-1].is_duration
            and re.fullmatch(
                r"\s*(?:of\s+)?(?:median\s+)?(?:potential\s+)?", text[prior[-1].end : mention.start], ICASE
            )
            and re.search(
                r"\b(?:at|after|with|over)\s+(?:a\s+|the\s+)?(?:median\s+)?(?:of\s+)?$", text[: prior[-1].start], ICASE
            )
        ):
            following = []
    if _verb_mention(mention):
        # "11 of 31 patients (35.5%) had an objective response, with 3 …": a metric with its own verb
        # is said of the number before it, whatever follows.
        prior = [g for i, g in enumerate(groups) if g.end <= mention.start and i not in claimed and i not in blocked]
        if (
            prior
            and prior[-1].percent is not None  # "17 of 44 patients responded (39%)": the percent comes after
            and _BACK_RESPONDED.match(_without_arm(_STATED_CI.sub(" ", text[prior[-1].end : mention.start])))
        ):
            following = []
    skipped = ""
    pop_label = ""
    for n_tried, i in enumerate(following[:3]):
        g = groups[i]
        prev_end = groups[following[n_tried - 1]].end if n_tried else mention.end
        gap = text[mention.end : g.start] if not skipped else skipped + text[prev_end : g.start]
        if g.kinds == ("neq",) and n_tried + 1 < len(following) and not re.fullmatch(r"\s*[,:]?\s*", gap):
            continue  # "follow-up in all patients (N = 52) was 19.8 months": the size is not the figure
        if any(mention.end <= m.start < g.start for m in mentions):
            break
        if not _clause_ok(text, mention.end, g.start):
            break
        if gap.count(")") > gap.count("(") and not _abbreviation_in_brackets(text, mention):
            break  # "(CRR; complete response [CR] or sCR), 20% with a VGPR": the metric sits in an aside
        population = _population_phrase(text, gap, g)
        if population is not None and _event_in(mention, gap) and _clause_ends_after(text, g.end + len(population[0])):
            population = None  # "Complete responses were seen in 4 patients": the count of those who had it
        if population is not None and not (mention.key not in DURATION_METRICS and g.percent is not None):
            # "ORR in 66 patients was 38%", "PFS among the three uveal melanoma patients was 5.1 months":
            # the count names the population; the figure comes after it.
            phrase, label_words = population
            pop_label = pop_label or label_words
            skipped = gap + " "
            prev_end_np = g.end + len(phrase)
            rest = text[prev_end_np : groups[following[n_tried + 1]].start] if n_tried + 1 < len(following) else ""
            skipped = (text[mention.end : g.start] if n_tried == 0 else skipped) + " " + rest
            if n_tried + 1 < len(following):
                nxt = groups[following[n_tried + 1]]
                ok_next, lab = _forward_ok(
                    re.sub(r"\s+", " ", text[mention.end : g.start] + " " + text[prev_end_np : nxt.start])
                )
                if ok_next:
                    skipped = ""
                    g2 = nxt
                    i2 = following[n_tried + 1]
                    if i2 in blocked or not _compatible(mention, g2):
                        break
                    claimed.add(i2)
                    facts.hits.append(
                        Hit(
                            mention.key,
                            g2,
                            mention,
                            label=lab or pop_label or label_after(text, g2.end)[0],
                            cue="forward_population",
                        )
                    )
                    _complement_backward(text, mention, mentions, groups, blocked, claimed, facts.hits[-1])
                    _parallels(text, mention, i2, groups, blocked, claimed, facts, mentions)
                    return
            break
        ok, label = _forward_ok(
            gap,
            lead_ok=bool(_CLAUSE_START.search(text[: mention.start])),
            levels_after="escalation" in gap and bool(_LEVEL_AFTER.match(text, g.end)),
        )
        if ok and _names_its_own_metric(text, g, mention, mentions):
            ok = False  # "the 8.3-month median PFS and 19.2-month median OS": 19.2 is the OS's
        if ok and _OF_THEM_AFTER.match(text, g.end):
            ok = False  # "Twelve patients responded, two of them completely": the complete responders
        who = _WHO_BETWEEN.match(gap) if ok and label else None
        size = int(who.group("n")) if who and who.group("n") else None
        own_n = (
            n_tried == 0 and g.kinds == ("neq",) and bool(re.fullmatch(r"\s*[,:]?\s*", gap)) and mention.text.isupper()
        )
        ok = ok or own_n
        if (
            is_duration
            and re.search(r"\b(?:at|after|by)\s*$", gap, ICASE)
            and not _VERB_AT.search(gap)  # "median OS came in at 18 months" states it; "OS at 12 months" is a landmark
            and mention.key != "median_followup"
        ):
            ok = False
        if not ok:
            break
        bare_ok = (bool(re.fullmatch(r"\s*(?:in|:)\s*", gap)) or _event_in(mention, gap)) and bool(
            re.match(r"\s*(?:[,;.)]|and\b|$)", text[g.end :])
        )
        if i in blocked or not _compatible(mention, g, bare_ok, own_n):
            break
        if left is not None and g.count is not None and g.percent is None:
            break
        if left is not None:
            g.count = left.count
            g.denominator = g.denominator or left.denominator  # "13 of 15 responded (87%)": 15 is who was counted
            g.start = min(g.start, left.start)
            claimed.add(left_index)
        claimed.add(i)
        if not label:
            label = label_after(text, g.end)[0]
        facts.hits.append(Hit(mention.key, g, mention, label=label, label_n=size, cue="forward"))
        _complement_backward(text, mention, mentions, groups, blocked, claimed, facts.hits[-1])
        _parallels(text, mention, i, groups, blocked, claimed, facts, mentions)
        return
    if left is not None:
        claimed.add(left_index)
        facts.hits.append(Hit(mention.key, left, mention, label=label_after(text, mention.end)[0], cue="left_count"))
        return
    # Backward: number, population words, verb, metric.
    before = [i for i, g in enumerate(groups) if g.end <= mention.start and i not in claimed]
    if before:
        i = before[-1]
        g = groups[i]
        tie_from = g.end
        share = _SHARE_OF.search(text, 0, g.start) if g.count is not None and g.percent is None else None
        if (
            share
            and len(before) >= 2
            and groups[before[-2]].percent is not None
            and groups[before[-2]].end == share.start()
        ):
            # "44% of 27 patients responded": the 27 are who was counted; the figure is the percent
            # (tied to the words by the count's place, the count being its denominator).
            whole = groups[i]
            claimed.add(i)
            i = before[-2]
            g = groups[i]
            if g.denominator is None and whole.count is not None:
                g.denominator = whole.count
        # A stated interval between the value and its words is not part of the tie.
        gap = _OR_BETTER_END.sub(" ", _STATED_CI.sub(" ", text[tie_from : mention.start])).replace("  ", " ")
        if "called" in gap or "named" in gap or "known" in gap or "dubbed" in gap or " of the " in gap:
            # "Eleven of the 27 patients in the cervical cohort of the study, called X (NCT…), had …"
            gap = _STUDY_ASIDE.sub("", gap)
        pattern = _BACK_RESPONDED if _verb_mention(mention) else _BACK
        arm_before = _ARM_BEFORE_VERB.match(gap)
        if arm_before:
            gap = arm_before.group("pre") + gap[arm_before.end() :]
        bare_ok = bool(_BARE_VERB.match(gap)) and bool(_SUBJECT_START.search(text[: g.start]))
        if g.percent is None and re.search(
            r"\b(?:in|among)\s+(?:the\s+)?$", text[max(0, g.start - 12) : g.start], ICASE
        ):
            return  # "in one responding patient": the count names who, it does not count the metric
        ellipsis = bool(re.fullmatch(r"\s*[)\]]?\s*(?:a|an)\s+", gap, ICASE)) and bool(
            re.search(r"\band\s*$", text[max(0, g.start - 8) : g.start], ICASE)
        )
        # "a 47% complete response rate", "(58% complete response rate)": a percent used as the
        # metric's own modifier, right before it.
        ellipsis = ellipsis or (
            g.percent is not None
            and not is_duration
            and bool(re.fullmatch(r"\s*[)\]]?\s*(?:≥|>=)?\s*", gap))
            and bool(_MODIFIER_BEFORE.search(text[max(0, g.start - 30) : g.start]))
        )
        # "21 patients achieved CR or CRi; 17 of them were CR": the count of those among them with it
        ellipsis = ellipsis or (
            mention.key in ("cr", "pr", "sd") and g.percent is None and bool(_OF_THEM_WERE.fullmatch(gap))
        )
        if (
            i not in blocked
            and _compatible(mention, g, bare_ok or ellipsis)
            and not any(g.end <= m.start < mention.start for m in mentions)
            and _clause_ok(text, g.end, mention.start)
            and (pattern.match(gap) or ellipsis or (is_duration and _back_duration(gap, mention)))
        ):
            claimed.add(i)
            qual = _QUALIFIER.search(gap)
            label = arm_before.group("arm") if arm_before else ""
            if qual and not label:
                words = [w for w in qual.group("label").split() if w.lower() not in _LABEL_STOP]
                label = f"{' '.join(words)} {qual.group('kind')}" if words else ""
            who = pattern.match(gap) if pattern is _BACK_RESPONDED else None
            if who and who.group("who") and not label:
                label = "Patients " + who.group("who").strip()
            listed = _values_listed_before(text, groups, i, blocked, claimed, mention)
            first_value = groups[listed[0]] if listed else g
            clause = max(text.rfind(c, 0, first_value.start) for c in ".;:(,") + 1
            arms_pair = (
                RANDOMISED.get()
                and len(listed) == 1
                and bool(re.fullmatch(r"\s*%?\s*(?:versus|vs\.?|v\.?)\s*", text[groups[listed[0]].end : g.start], ICASE))
                # not "With zorbamab, 8% versus 5% …" nor "Among X-treated patients, …": one arm's, or a subgroup's
                and not re.search(r"\b(?:with|among|in|for|on)\b|-treated", text[clause : first_value.start], ICASE)
                and not re.match(r"\W*(?:with|among|in|for|on|within)\b", text, ICASE)
                and "-treated" not in text[: first_value.start]
                # not "… at the first and second assessments": two time points
                and not re.search(r"\b(?:at|by|after)\s+(?:the\s+)?(?:first|second|\d)", text[mention.end :], ICASE)
            )
            # "58.9% versus 22.4% of patients reached a complete response": the two arms', in order
            if listed and (arms_pair or re.search(r"\b(?:each|both|the\s+two|respective)\s+(?:arms?|groups?|cohorts?)\b", gap, ICASE)):
                # "70% and 30% of patients in each arm had a response": the values in the arms' order.
                for slot, j in enumerate([*listed, i]):
                    claimed.add(j)
                    facts.hits.append(Hit(mention.key, groups[j], mention, slot=slot, cue="each_arm"))
                return
            if listed:
                return  # a list of values before one metric with no order given: not this metric's
            facts.hits.append(Hit(mention.key, g, mention, label=label, cue="backward"))
            _parallels(text, mention, i, groups, blocked, claimed, facts, mentions, start=mention.end)


def _values_listed_before(
    text: str, groups: list[Group], i: int, blocked: set[int], claimed: set[int], mention: Mention
) -> list[int]:
    """`70% and 30%` before a metric: the values listed before the i-th one (earliest first)."""
    out: list[int] = []
    j = i
    while j > 0:
        prev = groups[j - 1]
        if j - 1 in claimed or j - 1 in blocked or not _compatible(mention, prev):
            break
        if not re.fullmatch(r"\s*(?:,\s*)?(?:and|or|" + VERSUS + r"|versus|,)\s*", text[prev.end : groups[j].start], ICASE):
            break
        out.insert(0, j - 1)
        j -= 1
    return out


_MODIFIER_BEFORE = re.compile(
    r"(?:^|[(\[,:;•*–-]|\b(?:a|an|the|its|with|and|including|of|showed|shows|reported|reports|achieved|demonstrated|"
    r"yielded|produced|posted|delivered|was|were))\s*$",
    ICASE,
)


_BARE_CI = re.compile(r"^[\s,;]*95\s?%\s*CI[:,]?\s*\d+(?:\.\d+)?\s*(?:[-–—]|to)\s*(?:\d+(?:\.\d+)?|NR|NE|not\s+\w+)[,;]?", re.IGNORECASE)
_STATED_CI = re.compile(r"^\s*[(\[]\s*95\s?%[^()\[\]]*(?:\[[^\]]*\][^()\[\]]*)?[)\]]")


def _back_duration(gap: str, mention: Mention) -> bool:
    """`8.8 months of follow-up`, `after a median of 28 months of follow-up`."""
    if re.fullmatch(r"\s*median\s*", gap, ICASE):
        return True  # "a 16.2-month median follow-up", "at the 9-month median PFS"
    if mention.key == "median_followup":
        return bool(re.fullmatch(r"\s*(?:of|of\s+median)?\s*", gap, ICASE))  # "at 40 months follow up" too
    return mention.text.lower().startswith(("without", "before")) and not gap.strip()


def _verb_mention(mention: Mention) -> bool:
    """Mentions that carry their own verb (`responded`, `had a confirmed response`, `progressed`)."""
    return bool(
        re.match(
            r"(?:responded|responding|progressed|achieved|achieving|had|having|showed|attained|experienced)\b",
            mention.text,
            ICASE,
        )
    )


_EVENT_IN = re.compile(
    r"\s*(?:(?:was|were|has\s+been|have\s+been)\s+)?"
    r"(?:(?:observed|seen|reported|documented|noted|achieved|confirmed|recorded|found|occurred)\s+)?in\s+(?:the\s+)?",
    ICASE,
)
_RATE_NAME = re.compile(r"(?:\brates?|\b[A-Z]*RRs?|\bDCRs?|\bCBRs?)\s*$")


def _event_in(mention: Mention, gap: str) -> bool:
    """`Complete responses were seen in 4 patients`, `the disease stopped growing in 13`: an event
    (not a rate) that occurred in a number of patients: that number counts those who had it."""
    return (
        mention.key not in DURATION_METRICS
        and not _RATE_NAME.search(mention.text)
        and bool(_EVENT_IN.fullmatch(gap))
    )


def _clause_ends_after(text: str, at: int) -> bool:
    """Nothing but a clause end (or a bracket aside) follows: no figure of the clause is still to come."""
    return bool(
        re.match(r"\s*(?:\([^()]{0,60}\)\s*)?(?:[.;]|,?\s+(?:and|while|but|with)\b|,\s+\w+\s+(?:in|among)\b|$)", text[at:])
    )


def _population_phrase(text: str, gap: str, g: Group) -> tuple[str, str] | None:
    """`in 66 patients`, `among the three uveal melanoma patients`: a count naming a population.

    Returns (the words after the count up to the noun, a label from them) or None.
    """
    if g.count is None or g.percent is not None or "frac" in g.kinds:
        return None
    if not re.search(r"\b(?:in|among|of|for|across)\s+(?:the\s+|all\s+|these\s+)?$", gap, ICASE):
        return None
    np = _POP_PHRASE.match(text[g.end :])
    if not np:
        return None
    phrase = np.group(0)
    found = diseases_in(phrase)
    who = _POP_PHRASE_WHO.match(text, g.end + len(phrase))
    if who:
        # "the ORR among the five patients with RECIST-measurable disease was 40%": who they are,
        # up to the verb of the figure (a measurable disease is who was analysed, no subgroup)
        phrase += who.group(0)
        desc = re.sub(r"\s+", " ", who.group("desc")).strip()
        if not found and not _MEASURABLE.fullmatch(desc):
            return phrase, f"Patients {re.sub(chr(92) + 's+', ' ', who.group('what')).lower()} {desc}"
    return phrase, found[0][2] if found else ""


_POP_PHRASE_WHO = re.compile(
    r"\s+(?P<what>with|without|whose|who\s+had)\s+(?P<desc>[^,;()]{2,60}?)(?=\s+(?:was|were|is|are|reached)\b)", ICASE
)
_MEASURABLE = re.compile(
    r"(?:(?:RECIST|radiographically)[- ])?(?:measurable|evaluable|assessable)\s+(?:disease|lesions?|tumou?rs?)", ICASE
)


def _complement_backward(
    text: str,
    mention: Mention,
    mentions: list[Mention],
    groups: list[Group],
    blocked: set[int],
    claimed: set[int],
    hit: Hit,
) -> None:
    """`Eight of the nine patients achieved disease control (89%)`: the count before, the percent after;
    `80% cORR (4/5)`: the percent before, as the metric's modifier, the count after."""
    g = hit.group
    if mention.key in DURATION_METRICS:
        return
    if g.percent is None and g.count is not None:
        i = max((k for k, x in enumerate(groups) if x.end <= mention.start), default=None)
        if i is not None and i not in claimed and i not in blocked:
            b = groups[i]
            if (
                b.percent is not None
                and b.count is None
                and re.fullmatch(r"\s*[)\]]?\s*", text[b.end : mention.start])
                and _MODIFIER_BEFORE.search(text[max(0, b.start - 30) : b.start])
            ):
                g.percent, g.ci = b.percent, g.ci or b.ci
                claimed.add(i)
        return
    if g.count is not None or g.percent is None:
        return
    if re.search(r"\brates?\b|^[cu]?ORRs?$|^DCRs?$|^CRRs?$", mention.text, ICASE):
        return  # "40 evaluable patients had an ORR of 45%": the count before a rate is who was measured
    before = [i for i, x in enumerate(groups) if x.end <= mention.start and i not in claimed]
    if not before:
        return
    i = before[-1]
    b = groups[i]
    if i in blocked or b.count is None or b.percent is not None or b.kinds == ("neq",):
        return
    if any(b.end <= m.start < mention.start for m in mentions):
        return
    gap = text[b.end : mention.start]
    pattern = _BACK_RESPONDED if _verb_mention(mention) else _BACK
    if pattern.match(gap):
        g.count, g.denominator = b.count, b.denominator
        claimed.add(i)


def _join_count_after(text: str, groups: list[Group], index: int, pos: int, claimed: set[int]) -> int:
    """`41% in SS (18/44)`: a count in parentheses after a value's label joins that value.

    Returns where reading goes on."""
    g = groups[index]
    nxt = groups[index + 1] if index + 1 < len(groups) else None
    if (
        nxt is not None
        and g.count is None
        and nxt.count is not None
        and re.fullmatch(r"\s*\(\s*", text[pos : nxt.start])
    ):
        g.count, g.denominator = nxt.count, nxt.denominator
        claimed.add(index + 1)
        return nxt.end
    return pos


_STUDY_ASIDE = re.compile(
    r"\s+of\s+the\s+(?:study|trial)\b|,\s*(?:called|named|known\s+as|dubbed)\s+[^,;]{1,60},", re.IGNORECASE
)
_OR_BETTER_END = re.compile(r"\s*(?:≥|>=|=>)\s*$")
_PAIRED_VALUE = re.compile(r"^\s*(?:versus|vs\.?|and)\s+\d+(?:\.\d+)?\s*%", ICASE)


def _tied_to_next_metric(text: str, g: Group, mentions: list[Mention]) -> bool:
    """`…, and four patients (40%) progressed`: the value belongs to the metric after it."""
    after = [m for m in mentions if m.start >= g.end]
    if not after:
        return False
    gap = _OR_BETTER_END.sub(" ", text[g.end : after[0].start])  # "45.2% reached >=CR": CR or better
    # "58.9% versus 22.4% of patients reached a complete response": a pair of the next metric's
    gap = _PAIRED_VALUE.sub("", gap, count=1)
    if re.fullmatch(r"\s*[)\]]?\s*(?:an?\s+|(?:(?:cases?|instances?)\s+)?of\s+)?", gap, ICASE):
        return True  # "and 40 (26.1%) a partial response", "6 cases of stable disease"
    if _verb_mention(after[0]):
        return bool(_BACK_RESPONDED.match(gap))
    return bool(_BACK.match(gap))


def _parallels(
    text: str,
    mention: Mention,
    first: int,
    groups: list[Group],
    blocked: set[int],
    claimed: set[int],
    facts: SentenceFacts,
    mentions: list[Mention],
    start: int | None = None,
) -> None:
    """`49% vs 21%`, `48.8% in the TIL arm and 21.4% in the ipilimumab arm`.

    `start` is where reading goes on after the first value (after the metric, when the value came first).
    """
    hit = facts.hits[-1]
    pos = groups[first].end if start is None else max(start, groups[first].end)
    label_start = pos
    label0, pos = label_after(text, pos)
    if not hit.label:
        hit.label = label0
        if hit.label:
            pos = _join_count_after(text, groups, first, pos, claimed)
    if label0:
        hit.label_n, pos = _label_size(text, groups, pos, claimed)
        if hit.label_n is None:
            hit.label_n = _label_count(text[label_start:pos])
    slot = 0
    for i in range(first + 1, len(groups)):
        g = groups[i]
        if g.end <= pos:
            continue  # a parenthesised count already joined to the previous value
        gap = re.sub(r"\([^()]{0,40}\)", " ", text[pos : g.start])
        # "4.1M 95% CI 2.8–5.6 vs 1.6M": an interval stated without brackets is the value's, not a gap
        gap = _BARE_CI.sub(" ", gap)
        bracketed = False
        if not _PARALLEL_GAP.fullmatch(gap) and not ("nr" in g.kinds and _NR_PARALLEL_GAP.fullmatch(gap)):
            if not _BRACKET_VERSUS.fullmatch(gap):
                break
            bracketed = True  # "7.2 months (vs. 4.5 months for placebo)": only when the bracket names the arm and closes
        if i in claimed or i in blocked or not _compatible(mention, g):
            break
        if _tied_to_next_metric(text, g, mentions) or _OWN_PREDICATE.match(text, g.end):
            break  # "… and one patient had an unconfirmed response": a clause of its own
        if _names_its_own_metric(text, g, mention, mentions):
            break  # "… median PFS and 19.2-month median OS": the next metric's value
        if _OTHER_CATEGORY_AFTER.match(text, g.end):
            break  # "80 (82%) had a stringent CR, 12 (12%) a very good partial response": another category
        slot += 1
        claimed.add(i)
        if slot == 1 and not hit.label and re.search(r"\bincluding\s*$", gap, ICASE):
            hit.label = "overall"  # "10.9 months, including 9.9 months for A and 11.3 for B": the whole, then its parts
        label_start = g.end
        label, pos = label_after(text, g.end)
        if bracketed and not (
            label and (_DRUG_LABEL.fullmatch(label) or _known_name_at(label)) and _BRACKET_CLOSES.match(text, pos)
        ):
            # "(vs. 10.3 months in the earlier phase 2 study)", "(vs. 10.3 months with docetaxel in REVEL)":
            # not an arm of this trial by itself
            slot -= 1
            claimed.discard(i)
            break
        pos = _join_count_after(text, groups, i, pos, claimed)
        size, pos = _label_size(text, groups, pos, claimed) if label else (None, pos)
        if label and size is None:
            size = _label_count(text[label_start:pos])
        facts.hits.append(Hit(mention.key, g, mention, slot=slot, label=label, label_n=size, cue="parallel"))
    if slot == 0 and hit.label and hit.label == label0 and _DRUG_LABEL.fullmatch(hit.label) and not _known_name_at(hit.label):
        hit.label = ""  # one value "with nivolumab" in a single-arm report names no arm of its own
    if (
        slot == 0
        and hit.label
        and hit.label == label0
        and _label_count(text[label_start:]) is not None
        and not (hit.label.startswith("Patients ") and _SUBGROUP_MARK.search(hit.label) and not diseases_in(hit.label))
    ):
        # "44% in 9 evaluable patients with X": the sentence's own population; "34.6% among 78
        # patients with high MET expression" names a subgroup by what sets it apart
        hit.label, hit.label_n = "", None
    if slot > 0 and KNOWN_NAMES.get():
        _known_names_after(text, [h for h in facts.hits if h.mention is mention])


_SUBGROUP_MARK = re.compile(
    r"\b(?:expression|expressers?|express|mutat\w*|mutant|positive|negative|high|low|amplifi\w*|fusions?|"
    r"aged|older|younger|metastas[ie]s|PD-?L1|TMB|MSI|"
    r"dMMR|pMMR|≥|≤|>|<)(?![\w-])",
    ICASE,
)
"""Words that set a subgroup apart from the population it is drawn from."""


def _known_names_after(text: str, hits: list[Hit]) -> None:
    """`22.0 mo vs 10.6 mo with A vs B`: arms the article named, listed after the values, in their order.

    Only when no value but the last has a name (the list after the last value names them all)."""
    if any(h.label for h in hits[:-1]):
        return
    pos = hits[-1].group.end
    head = re.match(r"[\s,)]*(?:\([^()]{0,64}\)\s*)*(?:with|for|in)\s+(?:the\s+)?", text[pos:], ICASE)
    if not head:
        return
    at = pos + head.end()
    names: list[str] = []
    while len(names) < len(hits):
        name = _known_name_at(text[at:])
        if not name:
            return
        names.append(name)
        at += len(name)
        sep = re.match(r"\s*(?:,\s*)?(?:" + VERSUS + r"|versus|and|or|compared\s+(?:with|to))\s+(?:the\s+)?", text[at:], ICASE)
        if len(names) < len(hits):
            if not sep:
                return
            at += sep.end()
    for h, name in zip(hits, names, strict=True):
        h.label = name


def _label_size(text: str, groups: list[Group], pos: int, claimed: set[int]) -> tuple[int | None, int]:
    """`… in the TIL arm (n = 84)`: the size in brackets right after a population's name.

    Returns (the size or None, where reading goes on)."""
    for i, g in enumerate(groups):
        if g.start >= pos and g.kinds == ("neq",) and i not in claimed:
            if re.fullmatch(r"\s*", text[pos : g.start]):
                claimed.add(i)
                return g.count, g.end
            break
    return None, pos


_OWN_PREDICATE = re.compile(
    rf"\s*(?:\([^()]{{0,20}}\)\s*)?(?:(?:[a-z-]+\s+){{0,2}}{POP}\s+)?(?:had|have|has|experienced|achieved|showed|attained|"
    rf"developed|was|were|remained|died|with\s+(?:a|an)(?=\s))\b",
    ICASE,
)
_PARALLEL_GAP = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+|" + VERSUS + r"\s+|versus\s+|compared\s+(?:with|to)\s+|against\s+|including\s+)?"
    r"|(?:vs\.?|v\.?(?=\s+\d|\s*$)|versus|compared\s+(?:with|to)|and(?:\s+(?:was|were))?|or|against)\s+)"
    r"(?:(?:in|among|for)\s+)?(?:(?:the|a|an)\s+)?",
    ICASE,
)
_LEVEL_AFTER = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:at|in|for)\s+(?:the\s+)?(?:DL\s?\d|dose\s+level\s+\d|\d+(?:\.\d+)?\s*mg)", ICASE)
"""A dose level named right after a value (`0% (0/3) at DL1`)."""
_BRACKET_VERSUS = re.compile(r"\s*[(\[]\s*(?:vs\.?|versus|compared\s+(?:with|to))\s+(?:(?:in|among|for)\s+)?(?:(?:the|a|an)\s+)?", ICASE)
"""A value set against the one before in brackets: `7.2 months (vs. 4.5 months for placebo)`."""
_BRACKET_CLOSES = re.compile(r"\s*(?:[)\]]|;)")
_NR_PARALLEL_GAP = re.compile(r"\s*,?\s*(?:and|but|while|whereas)\s+(?:it\s+)?(?:had|has|have|was|were|is|are)\s+(?:still\s+)?", ICASE)
"""`7.9 months at 10 mg and had not been reached at 30 mg`: a second value said not reached."""
_LABEL_AFTER = re.compile(
    rf"^\s*(?:\([^()]{{0,64}}\)\s*)?(?:(?:was|were)\s+(?:seen|observed|reported|achieved|noted|recorded)\s+)?"
    # "in patients treated with X", "in those receiving Y": who, by what they were given
    rf"(?:(?:in|among|for)\s+(?:the\s+)?(?:{POP}|those)\s+(?:(?:who\s+were\s+)?treated\s+with|receiving|who\s+received|"
    rf"given|on|assigned\s+to|randomi[sz]ed\s+to)\s+(?:the\s+)?|"
    rf"(?:(?:of\s+)?(?:the\s+)?(?:{POP}|those|them)\s+)?(?:treated\s+)?"
    rf"(?:in|among|for|with|on|at|who\s+(?:received|got|took|were\s+(?:given|treated\s+with|assigned\s+to|randomi[sz]ed\s+to))|"
    # "28.1% (18/64) of arm B": of a group named by its id
    rf"of(?=\s+(?:the\s+)?(?:[Aa]rm|[Cc]ohort|[Dd]ose\s+[Ll]evel|[Pp]art|[Gg]roup)\s*[A-Z0-9]\b)|"
    # "29% of the engager arm, compared with 11% on chemotherapy": of an arm named by its kind
    rf"of(?=\s+the\s+(?:[\w-]+\s+){{1,3}}(?:arm|group)\b)|"
    rf"receiving|given|assigned\s+to)\s+(?:the\s+|both\s+)?)",
    ICASE,
)
_BARE_STOP = {
    "patients",
    "patient",
    "pts",
    "participants",
    "people",
    "total",
    "all",
    "this",
    "that",
    "these",
    "those",
    "them",
    "each",
    "both",
    "study",
    "trial",
    "analysis",
    "cohort",
    "group",
    "arm",
    "months",
    "weeks",
    "years",
    "days",
    "a",
    "an",
    "the",
    "response",
    "responses",
    "treatment",
    "therapy",
    "follow-up",
    "addition",
    "particular",
    "general",
    "part",
    "time",
    "data",
    "median",
    "evaluable",
    "overall",
    "whom",
    "which",
    "who",
    "it",
    "their",
    "its",
    "his",
    "her",
}
_LABEL_STOP = {
    "this",
    "that",
    "these",
    "those",
    "each",
    "both",
    "either",
    "every",
    "same",
    "study",
    "trial",
    "the",
    "all",
    "a",
    "an",
}


_DRUG = (
    r"[a-z][\w-]*(?:mab|cel|leucel|nib|platin|taxel|fusp|cept|rubicin|mide|zomib|rasib|tecan|vedotin|parib|ciclib|lisib|"
    r"tamig|degib)(?:\s+[a-z]*(?:tecan|vedotin|tansine|ozogamicin|tesirine))?"
)
"""A drug by its INN's stem; an antibody-drug conjugate by both its words (`sacituzumab govitecan`)."""
_DRUG_LABEL = re.compile(
    rf"(?:(?:the\s+)?combination\s+(?:of\s+)?)?"
    rf"(?P<label>(?:{_DRUG}|chemotherapy|chemo|placebo|standard\s+(?:of\s+)?care|"
    rf"investigator'?’?s\s+choice(?:\s+of\s+(?:chemotherapy|therapy|treatment))?|"
    rf"combination(?:\s+therapy)?|triplet|doublet|monotherapy)"
    rf"(?:\s+(?:plus|\+)\s+(?:{_DRUG}|chemotherapy|chemo|placebo))?(?:\s+alone)?)"
    rf"(?=\s*(?:,|;|\.|\(|\)|\[|$|\s+(?:and|or|" + VERSUS + r"|versus|compared|was|were|arm|group)\b"
    # "38% vs 22% with pembrolizumab alone in randomized phase 2 VERITAS-HN": the trial the arms are in
    r"|\s+in\s+(?:the\s+)?(?:randomi[sz]ed\s+|pivotal\s+|registrational\s+)?(?:phase\s+(?:[1-3]|I{1,3})[ab]?\s+|trial\b|study\b)))",
    ICASE,
)
"""An arm named by its drugs (`for nivolumab alone`, `with nivolumab plus relatlimab`): only a label when
the sentence gives another arm its own value beside it."""
_ARM_ONLY = (
    rf"(?:{_DRUG}|chemotherapy|chemo|placebo|standard\s+(?:of\s+)?care|"
    rf"investigator'?’?s\s+choice(?:\s+of\s+(?:chemotherapy|therapy|treatment))?)"
    rf"(?:\s+(?:plus|\+)\s+(?:{_DRUG}|chemotherapy|chemo|placebo))?(?:\s+alone)?"
)
_ARM_BEFORE_VERB = re.compile(
    rf"(?P<pre>^\s*[)\]]?\s*(?:(?:[a-z][\w-]*\s+){{0,2}}?{POP}\s+)?)"
    rf"(?:on|with|receiving|given)\s+(?:the\s+)?(?P<arm>{_ARM_ONLY})\s+"
    rf"(?=(?:had|achieved|experienced|attained|showed|saw|reached|obtained|developed)\s|$)",
    ICASE,
)
"""`43 of 88 patients (49%) on obratecel had an objective response, against 18 of 88 (20%) on
chemotherapy`: the arm named between the value and the verb of its metric."""


def _without_arm(gap: str) -> str:
    """The words between a value and its metric, without the arm named between them."""
    arm = _ARM_BEFORE_VERB.match(gap)
    return arm.group("pre") + gap[arm.end() :] if arm else gap


_ID = r"(?:[A-Z]?\d+[A-Za-z]?|[A-Z])(?![.,]?\d)(?!\s*(?:%|percent|months?|mo\b|weeks?|years?|days?|patients))"
"""One cohort id in a list (`1A`, `B`), never a value that follows the list (`cohort A and 15.8 months`)."""


_MARKED_PEOPLE = r"(?:non-|never-|ex-)?(?:expressers|carriers|smokers)\b"
"""People named by a marker or a habit (`high expressers`, `BRCA carriers`, `never-smokers`): a subgroup."""
_SIZED_MARKED = re.compile(rf"(?P<n>\d+|{SPELLED})\s+(?P<who>(?:[a-z][\w-]*\s+)?{_MARKED_PEOPLE})", ICASE)
_SUBGROUP_AFTER = re.compile(
    rf"(?P<pre>(?:{POP}|those)\s+)?(?P<who>(?(pre)(?:aged|older|younger|with|without|whose|who)\b|"
    r"(?:(?:older|younger|elderly|pretreated|treatment-na[iï]ve|PD-?L1[- ](?:positive|negative|high|low))\s+(?:patients|pts|participants)\b"
    # "among intermediate expressers", "in never-smokers": people named by their marker
    r"|(?:[a-z][\w-]*\s+)?" + _MARKED_PEOPLE + r"))"
    r"(?(pre)[^,;()]{0,50}?(?:\b(?:aged|older|younger|\d+\s*years|PD-?L1(?![\s-]*(?:inh|block|antib|thera|drug|agent|target))|expression|mutat\w*|"
    r"positive|negative|high|low|or\s+more|or\s+older|at\s+least|prior|previous|lines?\s+of|CPS|TPS|TMB|MSI-?H?|score)|≥|>)"
    r"[^,;()]{0,30}?|))"
    r"(?=\s*(?:,|;|\.(?:\s|$)|\)|\(\s*[nN]\s*=|$|\s+(?:and|or(?!\s+(?:more|older|higher|greater|above|over|better))|" + VERSUS + r"|"
    r"versus|compared|but|while|whereas)\b))",
    ICASE,
)
"""A subgroup named right after a value: `in patients aged 65 or older`, `in those with PD-L1 ≥50%`,
`in younger patients`."""
_SIZED_PATIENTS = re.compile(
    rf"(?P<n>\d+|{SPELLED})\s+(?:[a-z-]+\s+)?{POP}\s+(?P<what>with|without|whose|who\s+had)\s+", ICASE
)
_WITH_PHRASE = re.compile(
    r"[\w≥≤<>+/.–-]+(?:\s+[\w≥≤<>+/.–-]+){0,4}?(?=\s*(?:,|;|\.(?:\s|$)|\)|$|\s+(?:and|or|" + VERSUS + r"|versus|compared|was|were|had)\b))"
)


def _label_count(text: str) -> int | None:
    """The size a label phrase opens with: `among 51 patients with …` → 51."""
    m = re.match(
        rf"\s*(?:\([^()]{{0,40}}\)\s*)?(?:in|among|for)\s+(?:the\s+)?(?P<n>\d+|{SPELLED})\s+(?:[a-z-]+\s+)?(?:{POP}\b|{_MARKED_PEOPLE})",
        text,
        ICASE,
    )
    value = number_value(m.group("n")) if m else None
    return int(value) if value is not None and value >= 2 else None


_PART_NAMED = re.compile(
    r"\b(?:DL\s?\d+|dose\s+levels?\s+\d+|cohorts?\s+(?:[A-Z]|\d+)\b|arms?\s+(?:[A-Z]|\d+)\b|parts?\s+(?:[A-Z]|\d+)\b)",
    ICASE,
)
_SUBGROUP_NAMED_AFTER = re.compile(
    r"\s*,?\s*(?:and|while|whereas|but|compared\s+with|versus|vs\.?)\s+(?:was\s+)?\d+(?:\.\d+)?\s*(?:%|months?|mo)?\s*"
    r"(?:in|among|for)\s+(?:the\s+)?(?:patients|pts|participants|those)\s+(?:with|who|whose|aged)\b",
    ICASE,
)
"""After the whole population's value: a subgroup's value, named by who is in it."""
_OVERALL_AFTER = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:overall|in\s+(?:the\s+)?(?:overall|whole|entire|total)\s+(?:population|cohort|study))"
    r"(?!\s+(?:survival|response|remission|rate|population\s+(?:of|with)))\b",
    ICASE,
)


_TREATED_WITH = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:for|in|among|with)\s+(?:the\s+)?"
    r"(?P<name>[A-Za-z][\w+/.]*(?:-[A-Za-z][\w+/.]*)*?(?:\s+(?:plus|\+)\s+[A-Za-z][\w+/.-]*?)?)"
    r"-treated\s+(?:patients|pts|participants|group|arm|cohort)\b",
    ICASE,
)


_NOT_A_GROUP_NAME = re.compile(
    r"(?-i:\ball\b)(?!-)|\b(?:both|each|across|seen|observed|noted|reported|occurred|recorded|responses?)\b"
    r"|(?<![\w-])(?:two|three|four)(?![\w-])", re.IGNORECASE
)
"""Words that make the phrase before `cohorts` no name of one (`responses seen in all cohorts`)."""


def label_after(text: str, pos: int) -> tuple[str, int]:
    """A population named right after a value: `in the TIL arm`, `of those in the ipilimumab group`,
    `in SS`, `among patients with MRCLS`. Returns (label, end position)."""
    whole = _OVERALL_AFTER.match(text, pos)
    if whole and not RANDOMISED.get() and _SUBGROUP_NAMED_AFTER.match(text, whole.end()):
        # "7.6 months in the overall population and 9.2 months in patients with PD-L1 of 1% or more": the
        # population the sentence is about (no name of its own), then its subgroup
        return "", whole.end()
    if whole and _PART_NAMED.search(text, whole.end()) and not _PART_NAMED.search(text, 0, pos):
        # "32.1% (9/28) overall, with two CRs at DL3": the whole population's, beside its parts (not "In
        # the melanoma cohort, the ORR was 36% overall": that cohort's)
        return "overall", whole.end()
    treated = _TREATED_WITH.match(text, pos)
    if treated and (
        re.fullmatch(_DRUG, treated.group("name"), ICASE)
        or any(treated.group("name").lower() == _bare_arm(n).lower() for n in KNOWN_NAMES.get())
    ):
        return treated.group("name"), treated.end()  # "5.6 months for zorbamab-treated patients"
    head = _LABEL_AFTER.match(text[pos:])
    if not head:
        return "", pos
    start = pos + head.end()
    rest = text[start : start + 60]
    cohort = re.match(
        r"(?:(?:full|entire|whole|overall|total)\s+)?(?P<kind>[Cc]ohorts?|[Dd]ose\s+[Ll]evels?|DL(?![A-Za-z])|[Aa]rms?|[Pp]arts?)\s*"
        rf"(?P<ids>{_ID}(?:\s*(?:,|and|or|,\s*and)\s*{_ID})*)\b",
        rest,
    )
    if cohort:
        kind = re.sub(r"\s+", " ", cohort.group("kind")).rstrip("s").title().replace("Dl", "Dose Level")
        ids = [x for x in re.split(r"\s*(?:,\s*and|,|and|or)\s*", cohort.group("ids")) if x]
        return " | ".join(f"{kind} {x}" for x in ids), start + cohort.end()
    arm = re.match(
        r"(?P<label>(?:[\w+/.-]+\s+){0,5}?[\w+/.-]+)\s+(?P<kind>arms?|groups?|cohorts?|subgroups?)\b", rest, ICASE
    )
    if arm and _NOT_A_GROUP_NAME.search(arm.group("label")):
        return "", pos  # "37.1% with responses seen in all cohorts": every cohort, no one of them
    if arm:
        words = [w for w in arm.group("label").split() if w.lower() not in _LABEL_STOP]
        if words:
            return f"{' '.join(words)} {arm.group('kind').rstrip('s')}", start + arm.end()
        return "", start + arm.end()
    dose = _DOSE_LABEL.match(rest) if re.search(r"\b(?:at|in|with|for|on)\s+(?:the\s+)?$", head.group(0), ICASE) else None
    if dose and len({re.sub(r"\s+", "", m.group("dose")).lower() for m in _DOSE_LABEL.finditer(text)}) >= 2:
        # "17% at 3 mg/kg and 42% at 10 mg/kg": each dose level its own cohort
        return re.sub(r"\s+", " ", dose.group("dose")).strip(), start + dose.end()
    known, known_len = _known_name_match(rest) if KNOWN_NAMES.get() else ("", 0)
    if known:
        # "with zeta-cel plus nivolumab", "for drugcel arm": the arm's name and what it carries.
        after_known = re.match(r"(?:\s*(?:plus|\+|with)\s+[\w-]+)?(?:\s+(?:arm|group))?", rest[known_len:], ICASE)
        return known, start + known_len + (after_known.end() if after_known else 0)
    sized = _SIZED_PATIENTS.match(rest)
    if sized:
        # "37.3% among 51 patients with acquired resistance": who, and how many
        tail = rest[sized.end() :]
        found = diseases_in(tail)
        if found and found[0][0] == 0:
            return found[0][2], start + sized.end() + found[0][1]
        phrase = _WITH_PHRASE.match(tail)
        if phrase and not re.search(r"(?<![\w-])\d+(?:\.\d+)?(?![\w-])", phrase.group(0)):  # PD-1 is a name, 12 a value
            who = phrase.group(0).rstrip(".")
            return f"Patients {sized.group('what')} {who}", start + sized.end() + len(who)
    marked = _SIZED_MARKED.match(rest)
    if marked:
        # "22.9 percent among 83 intermediate expressers": a subgroup named by its marker, and its size
        who = re.sub(r"\s+", " ", marked.group("who")).strip()
        return f"{who[:1].upper()}{who[1:]}", start + marked.end()
    subgroup = _SUBGROUP_AFTER.match(rest)
    if subgroup:
        # "56% in patients aged 65 or older", "40% in younger patients": a subgroup, named
        who = re.sub(r"\s+", " ", subgroup.group("who")).strip()
        return (f"Patients {who}" if subgroup.group("pre") else f"{who[:1].upper()}{who[1:]}"), start + subgroup.end(
            "who"
        )
    patients = _PATIENTS_WITH.match(rest)
    offset = patients.end() if patients else 0
    found = diseases_in(rest[offset:])
    if found and found[0][0] == 0:
        return found[0][2], start + offset + found[0][1]
    drug = (
        _DRUG_LABEL.match(rest)
        if re.search(
            r"\b(?:with|for|on|receiving|given|treated\s+with|received|got|took)\s*(?:the\s+)?$", head.group(0), ICASE
        )
        else None
    )
    if drug:
        return drug.group("label"), start + drug.end("label")
    # A short name: `with TIL`, `with satri-cel`, `for TPC`.
    bare = re.match(
        r"(?P<label>[A-Za-z][\w+/.-]*(?:\s+[A-Za-z][\w+/.-]*)?)(?=\s*(?:,|;|\.|\(|\)|$|\s+(?:and|or|" + VERSUS + r"|versus|compared)\b))",
        rest,
    )
    preposition = head.group(0).split()[-1].lower() if head.group(0).split() else ""
    if preposition in ("the", "both"):
        preposition = head.group(0).split()[-2].lower()
    if bare and preposition in ("with", "for", "in"):
        words = bare.group("label").split()
        label = bare.group("label").rstrip(".")
        # A product or arm name looks like one: a capital, a digit or a hyphen (TIL, satri-cel, TPC).
        if not any(w.lower() in _BARE_STOP for w in words) and re.search(r"[A-Z0-9-]", label):
            return label, start + bare.end()
    return "", pos


def _respectively(
    text: str, mentions: list[Mention], groups: list[Group], blocked: set[int], claimed: set[int], facts: SentenceFacts
) -> bool:
    """`ORR and DCR were 40% and 70%, respectively` or `… in the A and B arms were 20% and 7%, respectively`."""
    resp = re.search(r"\brespectively\b", text, ICASE)
    assert resp is not None
    before = [
        i
        for i, g in enumerate(groups)
        if g.end <= resp.start() and i not in blocked and text.count("(", 0, g.start) <= text.count(")", 0, g.start)
    ]
    if len(before) < 2:
        return False
    values = [before[-1]]
    for i in reversed(before[:-1]):
        gap = text[groups[i].end : groups[values[0]].start]
        gap = re.sub(r"\([^()]{0,64}\)", " ", gap)
        if not re.fullmatch(
            r"\s*(?:%|percent|months?|mo|weeks?|years?|patients?|pts|participants)?\s*,?\s*(?:" + VERSUS + r"|versus|and|or|,|to)?\s*",
            gap,
            ICASE,
        ):
            break
        values.insert(0, i)
    if len(values) < 2:
        return False
    first_value = groups[values[0]].start
    previous_end = max((g.end for g in groups if g.end <= first_value), default=0)
    previous_end = max(previous_end, text.rfind(";", 0, first_value) + 1)
    named = [m for m in mentions if previous_end <= m.start and m.end <= first_value]
    if not named:
        # "55% and 25% attained overall and complete responses, respectively": the metrics follow.
        last_value = groups[values[-1]].end
        named = [m for m in mentions if last_value <= m.start and m.end <= resp.start()]
        following = [m for m in mentions if m.start >= resp.end()]
        if (
            not named
            and following
            and _ACHIEVED_AFTER.fullmatch(text[resp.end() : following[0].start])
            and _METRIC_ENDS.match(text, following[0].end)
        ):
            # "Forty (16.9%) and 1 (0.7%) patients in the A and B arms, respectively, achieved a CR"
            named = following[:1]
        elif (
            len(named) < 2
            or not _BACK_RESPONDED.match(text[last_value : named[0].start])
            and not re.match(
                r"\s*(?:of\s+(?:the\s+)?)?(?:patients|pts|participants)?\s*(?:achieved|had|showed|experienced|attained)\s+",
                text[last_value : named[0].start],
                ICASE,
            )
        ):
            return False
    distinct: dict[str, Mention] = {}
    for m in named:
        distinct[m.key] = m
    named = list(distinct.values())
    if len(named) >= 2 and len(named) == len(values):
        for m, i in zip(named, values, strict=True):
            if _compatible(m, groups[i]):
                claimed.add(i)
                facts.hits.append(Hit(m.key, groups[i], m, cue="respectively"))
        return True
    if len(named) == 1:
        m = named[0]
        sizes: list[int | None] = []
        labels = _listed_populations(text[m.end : first_value])
        if not labels:
            labels = _listed_populations(text[groups[values[-1]].end : resp.start()])
        if not labels:
            # "… 44%, 61%, and 75%, respectively, across the 100, 250, and 500 million … arms"
            after = re.match(r"[^;.]*", text[resp.end() :])
            listed = _listed_populations(after.group(0)) if after else []
            labels = listed if len(listed) == len(values) else []
        if not labels:
            flat = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group(0)), text[: m.start])  # ";" inside brackets
            clause_start = max(flat.rfind(":"), flat.rfind(";")) + 1
            lead = text[clause_start : m.start].rstrip(" ,")
            ids = _cohort_ids(lead)
            if len(ids) == len(values):
                # "dose level 1 (n=6) and dose level 2 (n=10) had ORRs of 17% and 30%, respectively"
                labels = [label for label, _n in ids]
                sizes = [size for _label, size in ids]
            elif not re.search(r"\d", re.sub(r"\(\s*n\s*=\s*\d+\s*\)", "", lead)):
                labels = _listed_populations(lead, kindless=False)
        if not all(_compatible(m, groups[i]) for i in values):
            return False
        for slot, i in enumerate(values):
            claimed.add(i)
            hit = Hit(
                m.key,
                groups[i],
                m,
                slot=slot,
                label=labels[slot] if slot < len(labels) else "",
                cue="respectively_named",
            )
            hit.label_n = sizes[slot] if slot < len(sizes) else None
            facts.hits.append(hit)
        return True
    return False


_ACHIEVED_AFTER = re.compile(
    r"\s*,?\s*(?:(?:had|have|achieved|attained|experienced|showed|reached|developed|obtained)\s+"
    r"(?:(?:a|an|the|their|confirmed|objective|durable|best|overall)\s+)*|(?:were|was)\s+in\s+)",
    ICASE,
)
"""`…, respectively, achieved a CR`: the metric the values before `respectively` count."""
_METRIC_ENDS = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?(?:[.;,]|$|\s+(?:and|while|whereas|but)\b)", ICASE)
"""A metric that ends its clause ("achieved a CR."), not one a phrase goes on from ("… of stable disease or better",
"… at 12 months")."""


_COHORT_ID = re.compile(
    r"\b(?P<kind>(?i:cohort|arm|group|part|dose\s+level|stratum)|DL(?![A-Za-z]))\s*(?P<id>[A-Z]?\d+[A-Za-z]?|[A-Z](?![a-z]))\b"
)


def _cohort_ids(span: str) -> list[tuple[str, int | None]]:
    """Each cohort id named once in a span, with the `n =` of its bracket: `dose level 1 (…; n=6) and DL2`."""
    bare = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group(0)), span)
    out: dict[str, int | None] = {}
    for m in _COHORT_ID.finditer(bare):
        kind = re.sub(r"\s+", " ", m.group("kind")).title().replace("Dl", "Dose Level")
        size = re.match(r"\s*\([^()]*?\b[nN]\s*=\s*(\d+)\s*\)", span[m.end() :])
        out.setdefault(f"{kind} {m.group('id')}", int(size.group(1)) if size else None)
    return list(out.items())


_SPLIT_ITEMS = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+" + VERSUS + r"\s+|\s+versus\s+", ICASE)


def _listed_populations(span: str, kindless: bool = True) -> list[str]:
    """`in the TIL and ipilimumab arms` → ["TIL arm", "ipilimumab arm"]; `in cohorts 1A, 2A and 3B`
    → ["Cohort 1A", …]; `for satri-cel and TPC` → ["satri-cel", "TPC"]."""
    span = re.sub(r"\(\s*n\s*=\s*\d+\s*\)", " ", span)
    m = re.search(
        r"\b(?P<kind>cohorts|arms|groups|parts|dose\s+levels)\s+"
        r"(?P<items>(?:[A-Z]?\d+[A-Za-z]?|[A-Z])(?:\s*(?:,|and|or|,\s*and)\s*(?:[A-Z]?\d+[A-Za-z]?|[A-Z]))+)\b",
        span,
    )
    if m:
        kind = m.group("kind").rstrip("s").title()
        return [f"{kind} {x.strip()}" for x in _SPLIT_ITEMS.split(m.group("items")) if x.strip()]
    m = re.search(
        r"\b(?:in|for|among|with|between|across|at)\s+(?:the\s+)?(?P<items>[\w+/.\- ,]+?)\s+"
        r"(?P<kind>arms|groups|cohorts|subgroups|populations|patients|doses|dose\s+levels)\b",
        span,
        ICASE,
    )
    if m:
        items = [x.strip() for x in _SPLIT_ITEMS.split(m.group("items")) if x.strip()]
        # "the 100, 250, and 500 million CAR-T cell dose arms": the numbers share the last item's words.
        tail = re.match(r"[\d.]+\s+(?P<tail>\S.*)$", items[-1]) if items else None
        if tail and all(re.fullmatch(r"[\d.]+", x) for x in items[:-1]):
            items = [f"{x} {tail.group('tail')}" for x in items[:-1]] + [items[-1]]
        # "the low, middle and high dose groups": the adjectives share the last item's "dose"
        dose = re.fullmatch(r"[\w-]+\s+(?P<tail>dose|doses)", items[-1], ICASE) if items else None
        if dose and len(items) >= 2 and all(re.fullmatch(r"[a-z][\w-]*", x) for x in items[:-1]):
            items = [f"{x} {dose.group('tail')}" for x in items[:-1]] + [items[-1]]
        kind = re.sub(r"\s+", " ", m.group("kind")).rstrip("s")
        return [f"{item} {kind}" if kind != "patient" else item for item in items]
    ids = _cohort_ids(span)
    if len(ids) >= 2:
        return [label for label, _n in ids]  # "at DL1, DL2, and DL3": each id in full
    m = re.search(r"\b(?:in|for|among|with)\s+(?:the\s+)?(?P<items>[\w+/.\- ,]+?)\s*(?:,\s*)?$", span.strip(), ICASE)
    if m and kindless:
        items = [x.strip() for x in _SPLIT_ITEMS.split(m.group("items")) if x.strip()]
        if len(items) >= 2 and all(len(x.split()) <= 4 for x in items):
            return items
    return []


_OTHER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "men",
        re.compile(
            r"^\s*(?:[)\]]\s*)?(?:of\s+(?:the\s+)?(?:patients|participants)\s+)?(?:were|are)\s+(?:men|male)\b", ICASE
        ),
    ),
    (
        "women",
        re.compile(
            r"^\s*(?:[)\]]\s*)?(?:of\s+(?:the\s+)?(?:patients|participants)\s+)?(?:were|are)\s+(?:women|female)\b",
            ICASE,
        ),
    ),
    ("men", re.compile(r"^\s*(?:[)\]]\s*)?(?:men|male)\b", ICASE)),
    ("women", re.compile(r"^\s*(?:[)\]]\s*)?(?:women|female)\b", ICASE)),
]
_PRIOR = re.compile(
    r"^\s*(?:[)\]]\s*)?(?:of\s+(?:the\s+)?(?:patients|participants)\s+)?(?:had\s+(?:previously\s+|already\s+)?|were\s+)?"
    r"(?:received|used|tried|undergone|been\s+treated\s+with|prior|previously\s+treated\s+with|refractory\s+to|progressed\s+on)\s+"
    r"(?P<what>[\w\s-]{3,40}?)(?=[,.;]|\s+and\s|\s+while\s|$)",
    ICASE,
)
_METASTASES = re.compile(
    r"^\s*(?:[)\]]\s*)?(?:of\s+(?:the\s+)?(?:patients|participants)\s+)?had\s+(?:[\w-]+\s+){0,4}?(?:that\s+had\s+)?"
    r"(?:spread|metasta\w+)\s+(?:to\s+)?(?:their\s+|the\s+)?(?P<what>[\w\s]{3,30}?)(?=[,.;]|\s+and\s|$)",
    ICASE,
)
_ONGOING = re.compile(
    r"(?:still\s+respond|ongoing|remain(?:ed)?\s+in\s+response|continu\w+\s+to\s+respond|durable)", ICASE
)


def _others(text: str, sc: Scan, groups: list[Group], mentions: list[Mention], facts: SentenceFacts) -> None:
    """Figures worth showing that are not outcomes (DESIGN §3)."""
    for landmark in sc.landmarks:
        following = [g for g in groups if g.start >= landmark.end and g.percent is not None]
        if following and following[0].start - landmark.end < 40:
            facts.others.append((landmark.name, following[0], landmark.start, following[0].end))
    for g in groups:
        if g.percent is None:
            continue
        after = text[g.end : g.end + 120]
        for name, pattern in _OTHER_PATTERNS:
            if pattern.match(after):
                facts.others.append((name, g, g.start, g.end + 10))
                break
        prior = _PRIOR.match(after)
        if prior and not any(g.end <= m.start < g.end + prior.end() for m in mentions):
            facts.others.append((f"prior {prior.group('what').strip()}", g, g.start, g.end + prior.end()))
        mets = _METASTASES.match(after)
        if mets:
            facts.others.append((f"spread to {mets.group('what').strip()}", g, g.start, g.end + mets.end()))
        before = text[max(0, g.start - 40) : g.start]
        if (_SHARE.match(after) or re.search(r"\bresponders\s*[(\[]?\s*$", before, ICASE)) and _ONGOING.search(
            after[:80]
        ):
            facts.others.append(("responses ongoing", g, max(0, g.start - 30), g.end + 40))
    lower = text.lower()
    longest = may_match(("longest",), text, lower) and re.search(
        r"\blongest\s+(?:response|duration\s+of\s+response|response\s+duration)\b", text, ICASE
    )
    if longest:
        after_groups = [g for g in groups if g.start > longest.end() and "dur" in g.kinds]
        if after_groups:
            facts.others.append(("longest response", after_groups[0], longest.start(), after_groups[0].end))
    grade = may_match(("grade",), text, lower) and re.search(
        r"\bgrade\s*(?:3|≥\s*3|3\s+or\s+(?:higher|greater|above|worse)|III)", text, ICASE
    )
    if grade:
        nearby = [g for g in groups if g.percent is not None and abs(g.start - grade.end()) < 80]
        if nearby:
            facts.others.append(
                (
                    "grade ≥3 adverse events",
                    nearby[0],
                    min(grade.start(), nearby[0].start),
                    max(grade.end(), nearby[0].end),
                )
            )
    manu = may_match(("manufactur", "vein-to-vein", "production"), text, lower) and re.search(
        rf"\b(?:manufactur\w*|vein-to-vein|production)\b[^.;]{{0,60}}?\b(?P<d>{INT}|\w+-\w+)\s*(?:-|\s)?days?\b",
        text,
        ICASE,
    )
    if manu:
        value = re.match(r"\d+", manu.group("d"))
        if value:
            g = Group(manu.start("d"), manu.end(), stated=float(value.group(0)), unit="days")
            facts.others.append(("manufacturing time", g, manu.start(), manu.end()))
