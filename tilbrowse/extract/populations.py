"""What a sentence says about its population: size, age, cohort names, arms, products, trial."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from tilbrowse.catalog.products import PRODUCTS, mentions
from tilbrowse.corpus.parse import NCT_ID
from tilbrowse.extract.lexicon import (
    CALLED_TRIAL,
    DOSE_AMOUNT,
    GENERIC_PRODUCTS,
    NOT_PRODUCTS,
    POPULATION_NOUN,
    PRODUCT_CODE,
    PRODUCT_NAME,
    VERSUS,
    diseases_in,
    may_match,
    phase_of,
)
from tilbrowse.extract.numbers import DECIMAL, SPELLED, number_value, size_after_rate

ICASE = re.IGNORECASE
POP = POPULATION_NOUN
CNT = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{SPELLED})"

_N_BEFORE = re.compile(
    rf"\b(?=[acdefgioprstuw])(?:included|includes|including|enrolled|enrolling|treated|evaluated|analy[sz]ed|dosed|infused|comprised|involved|"
    rf"recruited|accrued|studied|consisted\s+of|"
    rf"among|of\s+the|^of|(?<=:\s)of|in|across|from|with\s+data\s+from|data\s+from|results\s+from|received\s+by|covers|covering|"
    rf"involving|(?:sub)?group\s+of|cohort\s+of|population\s+of|set\s+of|analys[ie]s\s+of|update\s+(?:of|on)|data\s+(?:on|for)|"
    rf"given\s+to|administered\s+to|(?:reported|presented|available)\s+(?:for|on)|"
    rf"for(?=\s+(?:the|all|these)\s))\s+"
    rf"(?:a\s+total\s+of\s+|the\s+first\s+|all\s+|an?\s+additional\s+|the\s+|these\s+|those\s+)?\[?(?P<n>{CNT})\]?\s+"
    rf"(?P<adj>(?:[\w-]+,?\s+){{0,5}}?){POP}\b",
    ICASE,
)
_N_SUBJECT = re.compile(
    rf"^\W*(?:[^.;:]{{0,40}}:\s*)?(?:the|all|these|those)\s+(?P<n>{CNT})\s+(?P<adj>(?:[\w-]+\s+){{0,3}}?){POP}\s+"
    # not who responded or had stable disease, nor a subgroup by what else they had ("with prior
    # ipilimumab exposure", "with brain metastases"): the population itself, or by its disease
    r"(?:with\s+(?![^,.;()]{0,50}?\b(?:[sc]?CRs?|PRs?|VGPRs?|SD|PD|complete|partial|objective|confirmed|stringent|responses?|"
    r"remissions?|stable|progressive|progression|prior|previous|previously|exposure|exposed|refractory|received|mutat\w*|"
    r"positive|negative|high|low|expression|metastas[ie]s|brain|liver|elevated)\b)[^,.;()]{1,50}?\s+)?(?:had|showed|achieved|reached)\s+(?:an?\s+)?(?:median|overall|objective|ORR|DCR)\b",
    ICASE,
)
"""`The 33 patients with cholangiocarcinoma had a median PFS of …`: the subject population, by its figures."""
_N_THERE = re.compile(
    rf"\bthere\s+(?:were|are)\s+(?P<n>{CNT})\s+(?P<adj>(?:(?:response-|efficacy-)?evaluable|assessable|treated|enrolled|"
    rf"infused)\s+)?{POP}\b",
    ICASE,
)
"""`There were 40 evaluable patients at the time of analysis`."""
_N_BRACKET = re.compile(
    rf"\b(?:cohorts?|arms?|groups?|subgroups?)\s*\(\s*(?P<n>{CNT})\s+(?P<adj>(?:[\w-]+\s+){{0,2}}?){POP}\b(?=\s*[,;)])",
    ICASE,
)
"""`Melanoma cohort (38 evaluable patients, median age 66 years): …`: the named group's size in its brackets."""
_N_AFTER = re.compile(
    rf"(?<![\w.,-])(?P<n>{CNT})\s+(?:\(\s*\d+(?:\.\d+)?\s*%?\s*\)\s+)?(?P<adj>(?:[\w-]+\s+){{0,3}}?){POP}\s+"
    r"(?:\((?:median\s+age|aged?|range)[^()]{0,40}\)\s+)?"
    rf"(?:with\s+(?:[\w/-]+\s+){{1,4}}?(?=were\s|was\s|have\s|had\s))?(?:(?:were|was|have\s+been|had\s+been)\s+)?"
    rf"(?P<verb>enrolled|treated|evaluable|included|dosed|infused|analy[sz]ed|randomi[sz]ed|assessable|received|"
    rf"underwent|participated|were\s+evaluable|had\s+evaluable|recruited|accrued|"
    # "40 patients had received at least one dose": the treated set, not a prior therapy
    rf"ha(?:d|ve)\s+received\s+(?:at\s+least\s+one|a|an|one|a\s+single)\s+(?:dose|infusion))",
    ICASE,
)
_N_SIZED_COHORT = re.compile(
    r"(?<![\w.,-])(?P<n>\d{1,5})-(?:patient|participant|subject|person)\s+(?:cohort|group|arm|population|expansion|"
    r"(?:(?:phase\s+)?[\dIV/]+[ab]?\s+|single-arm\s+|pivotal\s+|open-label\s+)*(?:study|trial))\b",
    ICASE,
)
"""`the 50-patient cohort`: a size written into the population's name."""
_FUTURE = re.compile(r"\b(?:will|plan(?:s|ned)?|would|expects?|is\s+to|are\s+to|upcoming|future)\b", ICASE)
_N_INFUSED = re.compile(
    rf"(?:\bwith\s+|\b(?:of|among)\s+whom\s+|^\W*(?:of\s+(?:these|them|those)|in\s+total|overall),\s*)(?P<n>{CNT})\s+(?:(?:patients|pts|participants)\s+)?"
    rf"(?:receiving|received|being\s+(?:infused|dosed|treated)|were\s+(?:infused|dosed|treated|evaluable))\b"
    # "among whom 12 received prior ipilimumab / bridging therapy": a subgroup by what else they had
    r"(?!\s+(?:(?:a|any|one|two|three|\d+)\s+)?(?:prior|previous|earlier|bridging|subsequent|additional)\b)",
    ICASE,
)
"""`…, with 88 receiving one or more doses`, `Of these, 41 received …`: the treated set, named by its verb."""
_N_INFUSED_HINT = re.compile(r"\b(?=[rid])(?:receiv|infused|dosed)", ICASE)
_N_EVALUABLE = re.compile(
    rf"(?<![\w.,-])(?P<n>{CNT})\s+(?:of\s+(?:the\s+)?{CNT}\s+(?:[\w-]+\s+){{0,2}}?)?(?:(?:patients?|pts|participants)\s+)?"
    rf"(?:had\s+[^,.;]{{3,50}}?\s+and\s+)?(?:were|was)\s+(?:(?:response|efficacy)[- ])?(?:evaluable|assessable)\b"
    rf"|\b(?:evaluable|assessable)\s+(?:population\s+)?(?:of|was|:|included)\s+(?P<n2>{CNT})"
    # "112 constituted the efficacy population", "112 were included in the efficacy analysis"
    rf"|(?<![\w.,-])(?P<n3>{CNT})\s+(?:(?:patients?|pts|participants)\s+)?(?:constituted|comprised|formed|made\s+up|"
    rf"(?:were|was)\s+included\s+in)\s+the\s+(?:(?:primary|full)\s+)?(?:efficacy|efficacy[- ]evaluable|response[- ]evaluable|"
    rf"evaluable)\s+(?:population|set|analysis(?:\s+set)?)\b",
    ICASE,
)
_NAMED_SIZES = re.compile(r"\(\s*[^();,]{1,40},\s*[nN]\s*=\s*\d+\s*;\s*[^();,]{1,40},\s*[nN]\s*=\s*\d+[^()]*\)")
"""Sizes listed by name in brackets: `(cohort A, n = 18; cohort B, n = 21)`, `(ALPHA-101, n = 58; …)`."""
_N_EQUALS = re.compile(r"\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)|\b[nN]\s*=\s*(?P<n2>\d+)(?!\d)(?!\s*/\s*\d)")
_RESPONDERS_AFTER = re.compile(
    r"\s+(?:(?:who|that)\s+(?:had\s+|have\s+)?(?:responded|were\s+responding|(?:achieved|attained|experienced|had|showed|"
    r"reached)\s+(?:(?:a|an|the|confirmed|objective|complete|partial|durable|best)\s+)*(?:responses?|remissions?))"
    # "Of 29 patients with a confirmed response, …": the responders too
    r"|with\s+(?:(?:a|an|the|confirmed|objective|complete|partial|durable|ongoing)\s+)*(?:responses?|remissions?|stable\s+disease))\b",
    ICASE,
)
"""`… patients who attained an objective response`: the responders, a share of the cohort, not the cohort."""
_OTHER_SET_BEFORE = re.compile(r"\bsafety\s+(?:analysis|population|set|data)\b[^.;]{0,25}$", ICASE)
"""The safety population is not the set the response figures are of."""
_PERCENT_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*[(\[]?\s*$")
_N_OF_A_FIGURE = re.compile(
    r"(?:\d\s*%|\bpercent|\b(?:CRs?|PRs?|SD|PD|ORR|responders?|responses?|events?))\s*[,;:(\[]?\s*[(\[]?\s*$"
)
"""`57.1% (n = 8; …)`, `CR, n = 8`: an `n =` right after a figure is that figure's count, not the cohort's size."""
_FIGURE_AFTER = re.compile(r"\s*[(\[]\s*\d+(?:\.\d+)?\s*%")
_FIGURE_VERB_BEFORE = re.compile(
    r"\b(?:recorded|seen|observed|occurred|reported|achieved|documented|noted|responses?|remissions?|disease|"
    r"stopped\s+growing|stabili[sz]ed|held\s+steady|disappeared|vanished)\s+(?:in\s+)?$",
    ICASE,
)
_NOT_N = re.compile(
    r"\b(?:plan(?:s|ned)?\s+to|will|to\s+enrol+|target(?:ing|s)?|aims?\s+to|expects?\s+to|up\s+to|more\s+than|over|"
    r"approximately|about|roughly|nearly|enrollment\s+of|enrolment\s+of|goal|expected|anticipated|designed|sample\s+size)\b"
    r"[^.;]{0,30}$",
    ICASE,
)
_AGE = re.compile(
    rf"\bmedian\s+age\s*(?:was|of|:|,|at\s+enrollment\s+was)?\s*(?:was\s+)?(?P<a>{DECIMAL})(?:\s*years)?"
    rf"|\baged?\s+(?:a\s+)?median\s+(?:of\s+)?(?P<b>{DECIMAL})\s*years"
    rf"|\bmedian\s+(?:patient\s+)?age\s+(?:of\s+)?(?:the\s+\w+\s+)?(?:was\s+)?(?P<c>{DECIMAL})",
    ICASE,
)
COHORT_ID = re.compile(
    r"\b(?P<kind>[Cc]ohort|[Aa]rm|[Gg]roup|[Pp]art|[Dd]ose\s+[Ll]evel|DL(?![A-Za-z])|[Ss]tratum)(?:,\s*(?=[A-Z]?\d+[A-Za-z]\b|[A-Z]\b)|\s*)(?P<id>[A-Z]?\d+[A-Za-z]?|[A-Z](?![a-z]))\b"
)
_COHORT_SIZE = re.compile(
    r"\b(?P<kind>[Cc]ohort|[Aa]rm|[Pp]art|[Dd]ose\s+[Ll]evel|DL(?![A-Za-z]))\s*(?P<id>[A-Z]?\d+[A-Za-z]?|[A-Z](?![a-z]))\s*"
    r"(?:\(\s*|,\s*|:\s*)[nN]\s*=\s*(?P<n>\d+)(?!\s*/)"
)
_SIZE_ITEM = re.compile(
    r"(?P<kind>[Cc]ohort|[Aa]rm|[Pp]art|[Dd]ose\s+[Ll]evel|DL(?![A-Za-z]))\s*(?P<id>[A-Z]?\d+[A-Za-z]?|[A-Z](?![a-z]))"
    r"\s*[,:]\s*(?:[nN]\s*=\s*)?(?P<n>\d+)(?![\d.,%])"
)
_SIZES_LISTED = re.compile(rf"\(\s*{_SIZE_ITEM.pattern}(?:\s*;\s*{_SIZE_ITEM.pattern.replace('?P<', '?P<x')})+\s*\)")
_SIZE_LEAD = re.compile(
    r"\b(?:evaluable|assessable|enrolled|treated|infused|dosed|received|randomi[sz]ed|included|patients|pts|participants)\s*$",
    ICASE,
)
_SIZE_IN_COHORT = re.compile(
    rf"(?<![\w.,-])(?P<n>\d+|{SPELLED})\s+(?:{POP}\s+)?(?:were\s+)?in\s+(?P<kind>[Cc]ohort|[Aa]rm|[Pp]art|[Dd]ose\s+[Ll]evel)\s*"
    r"(?P<id>[A-Z]?\d+[A-Za-z]?|[A-Z](?![a-z]))\b(?!\s*(?:%|percent))"
)
_ARM_NAMED = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:[\w+/.-]+\s+){0,2}?[\w+/.-]+)\s+(?P<kind>arm|group|cohort)\b(?!\s+(?:\d|[A-Z]\b))",
)
_ARM_STOP = {
    "the",
    "a",
    "an",
    "each",
    "both",
    "this",
    "that",
    "one",
    "per",
    "treatment",
    "study",
    "control",
    "expansion",
    "same",
    "first",
    "second",
    "other",
    "another",
    "new",
    "larger",
    "additional",
    "overall",
    "entire",
    "whole",
    "in",
    "of",
    "and",
    "or",
    "with",
    "for",
    "to",
    "from",
    "which",
    "two",
    "three",
    "randomized",
    "randomised",
}
_RANDOMISED = re.compile(
    r"\b(?:randomi[sz]ed|assigned|allocated)\b[^.;]{0,80}?\bto\s+(?:receive\s+)?(?:either\s+)?"
    # "to the vaccine, ONV-16, plus pembrolizumab": a description, then the name in apposition
    r"(?:the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?,\s+(?=[A-Z0-9]))?"
    r"(?P<a>[\w+/.() -]{2,70}?(?:,\s+(?:plus|with)\s+[\w+/.-]{2,30})?)\s*(?:\(\s*n\s*=\s*\d+\s*\))?\s+(?:or|versus|" + VERSUS + r")\s+(?:to\s+)?"
    r"(?P<b>[\w+/.-]{2,30}(?:\s+[\w+/.-]+){0,3}?)"
    r"(?=\s*\(|\s*[,.;]|\s+(?:in|at|arm|group|as|after|with)\b|$)",
    ICASE,
)
_SPLIT_BETWEEN = re.compile(
    r"\b(?:split|divided|allocated|randomi[sz]ed)\s+(?:them|patients|participants)?\s*(?:\d:\d\s+)?between\s+(?:the\s+)?"
    r"(?P<a>[\w+/.-]{2,30}(?:\s+[\w+/.-]+){0,3}?)\s*\(\s*(?:[nN]\s*=\s*)?(?P<na>\d{1,4})(?:\s+(?:patients|pts|participants))?\s*\)"
    r"\s*,?\s+and\s+(?:the\s+)?"
    r"(?P<b>[\w+/.-]{2,30}(?:\s+[\w+/.-]+){0,3}?)\s*\(\s*(?:[nN]\s*=\s*)?(?P<nb>\d{1,4})(?:\s+(?:patients|pts|participants))?\s*\)",
    ICASE,
)
"""`split them between orvetamig at 40 mg (58 patients) and 120 mg (61 patients)`: two arms and their sizes."""
_RANDOMISED3 = re.compile(
    r"\b(?:randomi[sz]ed|assigned|allocated)\b[^.;]{0,80}?\bto\s+(?:receive\s+)?(?:either\s+)?"
    r"(?P<a>[\w+/.-]{2,30}(?:\s+[\w+/.-]+){0,4}?)\s*,\s*(?P<b>[\w+/.-]{2,30}(?:\s+[\w+/.-]+){0,3}?)\s*,?\s+(?:or|and)\s+"
    r"(?P<c>[\w+/.-]{2,30}(?:\s+[\w+/.-]+){0,2}?)(?=\s*\(|\s*[,.;]|\s+(?:in|at|arm|group|as|after|with)\b|$)",
    ICASE,
)
"""`… randomly assigned to X plus Y, X alone or Y alone`: three arms, in that order."""
_COMPARED_ARMS = re.compile(
    r"\b(?:randomi[sz]ed|phase\s+(?:3|III))\b[^.;]{0,60}?\b(?:(?P<cmp>compar(?:ed|es|ing))|evaluat(?:ed|es|ing)|test(?:ed|s|ing))\s+"
    r"(?P<a>[\w+/.-]{2,30}(?:\s+[a-z][\w-]{3,30})?(?:\s*\([\w-]{2,20}\))?(?:\s+(?:plus|\+|and)\s+[\w+/.-]{2,30})?)\s+"
    # "compared X with Y" sets two arms apart; "testing X with Y" is one arm of a combination
    r"(?:(?(cmp)(?:with|to)|(?!x)x)|versus|" + VERSUS + r"|against)\s+"
    r"(?!or\b)(?P<b>[\w+/.-]{2,30}(?:\s+[\w+/.-]+){0,2}?)(?=\s*\(|\s*[,.;]|\s+(?:in|at|as|after|among|for|arm|group)\b|$)",
    ICASE,
)
"""`The randomized trial compared X with Y in 509 patients`: the two arms, in that order (not `X with
or without Y`: one arm's choice)."""
_SPLIT_N = re.compile(
    # the lookahead (what a number can start with) only makes the search skip faster
    rf"\b(?=[\dzotfsena])(?P<na>{CNT})\s+(?:patients\s+|pts\s+)?(?:(?:were\s+)?(?:assigned|randomi[sz]ed|allocated)\s+)?(?:to|received|on)\s+"
    rf"(?:receive\s+)?(?:the\s+)?(?P<a>[A-Za-z][\w+/.-]*(?:\s+(?:plus\s+|\+\s*)?[A-Za-z][\w+/.-]*)?)"
    # "212 were assigned to velrotamig, given intravenously every two weeks, and 209 to …": how it was given
    rf"(?:,\s*(?:given|administered|dosed|infused)\b[^,;()]{{1,80}}?(?=,\s*and\b))?"
    rf"\s*(?:,\s*)?(?:and|,|compared\s+(?:with|to)|versus|" + VERSUS + rf")\s+(?P<nb>{CNT})\s+(?:patients\s+|pts\s+)?"
    rf"(?:(?:were\s+)?(?:assigned|randomi[sz]ed|allocated)\s+)?(?:to|received|on)\s+(?:receive\s+)?(?:the\s+)?"
    rf"(?P<b>(?:arm|group|cohort)\s+[A-Z0-9]{{1,2}}\b|[A-Za-z][\w+/.'’-]*(?:\s+(?:alone|choice))?)",
    ICASE,
)
_ARMS_LISTED = re.compile(
    r"(?P<a>\b[A-Za-z][\w+/.-]*(?:\s+(?:\+\s*)?[\w+/.-]+){0,3}?)\s*(?:,\s*[nN]\s*=|\(\s*[nN]\s*=|:)\s*(?P<na>\d+)\s*\)?\s*"
    r"(?:;|,|\band\b|\b" + VERSUS + r"|\bversus\b)\s*(?:and\s+)?"
    r"(?P<b>\b[A-Za-z][\w+/.-]*(?:\s+(?:\+\s*)?[\w+/.-]+){0,3}?)\s*(?:,\s*[nN]\s*=|\(\s*[nN]\s*=|:)\s*(?P<nb>\d+)"
)
"""Two arms listed with their sizes: `drug + chemo, n = 330; placebo + chemo, n = 170`, `Arm A: 52; Arm B: 47`."""
_ARMS_SIZED = re.compile(
    rf"(?<![\w.,-])(?P<na>{CNT})\s+(?:{POP}\s+)?(?:(?:were|was)\s+(?:\w+\s+){{0,2}}?)?(?:in|to|for|into|on)\s+the\s+"
    rf"(?P<a>(?:[\w+/.'’-]+\s+){{0,4}}?)(?P<ka>arm|group|cohort)\s*,?\s+(?:and|" + VERSUS + rf"|versus|compared\s+with)\s+"
    rf"(?P<nb>{CNT})\s+(?:{POP}\s+)?(?:(?:were|was)\s+(?:\w+\s+){{0,2}}?)?(?:in|to|for|into|on)\s+the\s+"
    rf"(?P<b>(?:[\w+/.'’-]+\s+){{0,4}}?)(?P<kb>arm|group|cohort)\b",
    ICASE,
)
"""`152 patients in the combination arm and 150 in the control arm`: each arm's size, by its name."""
_SUBGROUP_OPENS = re.compile(
    r"^\W*(?:in|among|for)\s+(?:the\s+)?(?:\d+\s+)?(?:patients|pts|participants|those|subgroup)\s+(?:with|who|whose|aged|of)\b"
    r"(?![^()]*\brandomi[sz]ed\b)[^()]*\($",
    re.IGNORECASE,
)
"""A sentence that opens on a subgroup, up to the bracket of its arms' sizes: `In patients with PD-L1 of
50% or more (`: the sizes are the subgroup's in each arm, not the arms'."""
_SIZED_NAME = re.compile(r"(?P<name>(?:[A-Za-z][\w+/.-]*\s+){0,3}[A-Za-z][\w+/.-]*)\s*\(\s*[nN]\s*=\s*(?P<n>\d+)\s*\)")
"""A population named with its size in brackets: `treatment with Abecma (n=254)`."""
_NAME_LEAD = re.compile(
    r"^(?:.*\b(?:with|to|receive|receiving|received|versus|" + VERSUS + r"|compared|of|either|and|or|in|for|on)\s+)?(?:the\s+)?",
    ICASE,
)


_DOSE_WORDS = re.compile(
    r"^(?:mg|mcg|µg|μg|g|mg/kg|mg/m2|mg/m²|µg/kg|mcg/kg|iu|units?|cells|every|once|twice|daily|weekly|q\d+w|bid|tid)\b",
    ICASE,
)
_DRUG_BEFORE_DOSE = re.compile(r"(?P<drug>[A-Za-z][\w+.-]*(?:\s+(?:plus|\+)\s+[A-Za-z][\w+.-]*)?)\s+\d+(?:\.\d+)?\s*$")


def _dosed_arm(text: str, m: re.Match[str]) -> str:
    """`to Orlenvy 10 mg/kg every three weeks (n=307)`: the drug before the dose, not the dose's words."""
    if not _DOSE_WORDS.match(m.group("name")):
        return ""
    drug = _DRUG_BEFORE_DOSE.search(text, 0, m.start("name"))
    return drug.group("drug") if drug else ""


def _arm_words(name: str) -> str:
    """The arm's own words in `… treatment with Abecma`: what follows the last joining word."""
    words = _NAME_LEAD.sub("", name).strip()
    if not words or _NOT_ARM.fullmatch(words) or words.lower() in {"patients", "pts", "all", "total", "overall"}:
        return ""
    return words


_ARM_SIZE = re.compile(r"\s*\(\s*[nN]\s*=\s*(\d+)\s*\)")
_ARM_SIZE_BARE = re.compile(r"\s*\(\s*(\d{1,4})\s*(?:patients\s*)?\)")
_VERSUS = re.compile(
    # a combination is one arm ("X plus Y versus Y plus chemotherapy"), tried before a name of two words
    r"\b(?P<a>[A-Za-z][\w+/.-]{1,25}(?:\s+(?:plus|\+|and|with)\s+(?:[\w+/.-]+\s+(?!(?:versus|vs)\b))?[\w+/.-]+|\s+[\w+/.-]+)?"
    # "Trodelvy (sacituzumab govitecan) versus …": the drug's other name, in brackets, is the arm's too
    r"(?:\s*\([A-Za-z][\w+/. -]{1,40}\))?)\s*(?:\(\s*n\s*=\s*\d+\s*\))?"
    r"\s+(?:versus|" + VERSUS + r")\s+"
    r"(?P<b>[A-Za-z][\w+/.-]{1,25}(?:\s+(?:plus|\+|and|with)\s+[\w+/.-]+|\s+(?!(?:in|for|among|at|as|after|of|on)\b)[\w+/.-]+)?)"
    r"(?:\s*\(\s*n\s*=\s*\d+\s*\))?",
    ICASE,
)


@dataclass
class Population:
    """What one sentence states about a population."""

    n: int | None = None
    n_span: tuple[int, int] | None = None
    n_rank: int = 0
    """How sure: 4 evaluable, 3 infused or dosed, 2 treated or included, 1 enrolled or randomised."""
    median_age: float | None = None
    diseases: list[str] = field(default_factory=list)
    cohort_ids: list[str] = field(default_factory=list)
    arms: list[str] = field(default_factory=list)
    arm_n: list[int | None] = field(default_factory=list)
    arm_names: list[str] = field(default_factory=list)
    """When the arms are called by ids (`arm A`, `arm B`): what each id was given, in their order."""
    named_groups: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    trial_ids: list[str] = field(default_factory=list)
    phase: str | None = None
    phases: list[str] = field(default_factory=list)
    """Every phase stated (filled when reading a whole article)."""
    cohort_sizes: list[tuple[str, int]] = field(default_factory=list)
    """`(cohort A, n = 18; cohort B, n = 21)`, `cohort 1 (n = 98)`: a named cohort with its size."""
    subgroups: list[tuple[int, str]] = field(default_factory=list)
    """`44 with synovial sarcoma and 8 with MRCLS` → [(44, "synovial sarcoma"), (8, …)]."""


_HAS_DIGIT = re.compile(r"\d")
_POP_WORD = re.compile(rf"\b(?=[psiwmcare])(?:{POP}|evaluable|assessable)\b", ICASE)
"""A population noun (the lookahead on first letters only makes the search skip faster)."""
_SUBGROUP = re.compile(
    rf"(?P<n>{CNT})\s+(?:{POP}\s+)?with\s+(?P<d>[\w\s/-]{{3,60}}?)(?=\s*(?:,|and\b|\)|;|\.|$))", ICASE
)
_NUMBER_WORD = re.compile(
    r"\b(?=[otfsenh])(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred)\b",
    ICASE,
)
"""With a digit, what makes a sentence state a number (the lookahead only skips faster)."""
_GROUP_WORDS = ("cohort", "arm", "group", "part", "dose level", "dl", "stratum")


def _any_of(*words: str) -> re.Pattern[str]:
    """One search for any of these substrings (of a lower-cased text): a C loop, not a Python one."""
    return re.compile("|".join(re.escape(w) for w in words))


_GROUP_WORD = _any_of(*_GROUP_WORDS)
_RANDOMISED_WORD = _any_of("randomi", "assigned", "allocated")
_COMPARED_WORD = _any_of("compar", "evaluat", "test")
_LISTED_WORD = _any_of("randomi", "assigned", "allocated", "arm")
_VERSUS_WORD = _any_of("compared", "versus", "vs", "randomi")
_GENERIC_WORD = _any_of("til", "car", "tcr", "infiltrating")




def read_population(text: str) -> Population:
    """Read a sentence's population facts (each part only when a cheap test says it may be there)."""
    pop = Population()
    lower = text.lower()
    pop.diseases = [name for _s, _e, name in diseases_in(text)]
    if "nct" in lower:
        pop.trial_ids = ["NCT" + m.group(1) for m in NCT_ID.finditer(text)]
    if "phase" in lower:
        pop.phase = phase_of(text)
    pop.products = products_in(text)
    if _GROUP_WORD.search(lower):
        for m in COHORT_ID.finditer(text):
            kind = re.sub(r"\s+", " ", m.group("kind")).title().replace("Dl", "Dose Level")
            label = f"{kind} {m.group('id')}"
            if label not in pop.cohort_ids:
                pop.cohort_ids.append(label)
        if "=" in text:
            for m in _COHORT_SIZE.finditer(text):
                kind = re.sub(r"\s+", " ", m.group("kind")).title().replace("Dl", "Dose Level")
                pop.cohort_sizes.append((f"{kind} {m.group('id')}", int(m.group("n"))))
        if ";" in text and not pop.cohort_sizes:
            # "28 were evaluable (DL1, 6; DL2, 8; DL3, 14)": each named part's size, listed in brackets
            for in_brackets in _SIZES_LISTED.finditer(text):
                if not _SIZE_LEAD.search(text, max(0, in_brackets.start() - 40), in_brackets.start()):
                    continue  # "Grade 3 events (cohort A: 7; cohort B: 4)": counts of something else
                for m in _SIZE_ITEM.finditer(in_brackets.group(0)):
                    kind = re.sub(r"\s+", " ", m.group("kind")).title().replace("Dl", "Dose Level")
                    pop.cohort_sizes.append((f"{kind} {m.group('id')}", int(m.group("n"))))
        if " in " in text:
            split_sizes = list(_SIZE_IN_COHORT.finditer(text))
            if len(split_sizes) >= 2:  # "six in cohort A and seven in cohort B": a split, each cohort's size
                for sm in split_sizes:
                    size = number_value(sm.group("n"))
                    kind = re.sub(r"\s+", " ", sm.group("kind")).title().replace("Dl", "Dose Level")
                    if size is not None:
                        pop.cohort_sizes.append((f"{kind} {sm.group('id')}", int(size)))
        for m in _ARM_NAMED.finditer(text) if ("arm" in text or "group" in text or "cohort" in text) else ():
            words = m.group("name").split()
            if any(w.lower() in ("either", "neither", "each", "both", "every") for w in words):
                continue  # "not reached in either group": every group, no one of them
            while words and words[0].lower() in _ARM_STOP:
                words.pop(0)
            if words and words[-1].lower() not in _ARM_STOP and (not re.search(r"\d", words[-1]) or DOSE_AMOUNT.fullmatch(words[-1])):
                pop.named_groups.append(f"{' '.join(words)} {m.group('kind').lower()}")
    numbers = bool(_HAS_DIGIT.search(text) or _NUMBER_WORD.search(text))
    if numbers and (" to " in lower or " received " in lower):
        split = _SPLIT_N.search(text)
        if split:
            pop.arms = [_clean_arm(split.group("a")), _clean_arm(split.group("b"))]
            na, nb = number_value(split.group("na")), number_value(split.group("nb"))
            pop.arm_n = [int(na) if na is not None else None, int(nb) if nb is not None else None]
    if numbers and (" arm" in lower or " group" in lower or " cohort" in lower):
        both = _ARMS_SIZED.search(text)
        if both:
            na, nb = number_value(both.group("na")), number_value(both.group("nb"))
            names = [
                f"{both.group('a').strip()} {both.group('ka').lower()}",
                f"{both.group('b').strip()} {both.group('kb').lower()}",
            ]
            if (
                na is not None
                and nb is not None
                and all(
                    n.split()[0].lower()
                    not in ("each", "both", "this", "that", "same", "other", "either", "one", "per")
                    for n in names
                )
                # "The median age was 66 in the BTK-only cohort and 64 in …": ages, not sizes
                and not re.search(r"\b(?:age[ds]?|years?|old)\b[^.;]{0,25}$", text[: both.start()], ICASE)
            ):
                pop.arms = [_clean_arm(x) for x in names]
                pop.arm_n = [int(na), int(nb)]
    if not pop.arms and " between " in lower and "(" in text:
        split_between = _SPLIT_BETWEEN.search(text)
        if split_between:
            a, b = split_between.group("a"), split_between.group("b")
            dose_a = DOSE_AMOUNT.search(a)
            if dose_a and DOSE_AMOUNT.fullmatch(b.strip()):
                a = dose_a.group(0)  # "orvetamig at 40 mg … and 120 mg": the arms are the doses
            pop.arms = [_clean_arm(a), _clean_arm(b)]
            pop.arm_n = [int(split_between.group("na")), int(split_between.group("nb"))]
    if not pop.arms and _RANDOMISED_WORD.search(lower) and "," in text:
        three = _RANDOMISED3.search(text)
        if three:
            arms = [_clean_arm(three.group(g)) for g in ("a", "b", "c")]
            if not any(
                _NOT_ARM.fullmatch(a)
                or _OUTCOME_WORDS.search(a)
                or re.match(r"\d|\S*:|(?:at|with|by|in|for|on|per|according|stratif\w*|depending|based|as)\b", a, ICASE)
                for a in arms
            ):
                pop.arms = arms
    if not pop.arms and _RANDOMISED_WORD.search(lower):
        rand = _RANDOMISED.search(text)
        if rand:
            pop.arms = [_clean_arm(re.sub(r",\s+(plus|with)\b", r" \1", rand.group(g))) for g in ("a", "b")]
            sizes = [_ARM_SIZE.match(text, rand.end(g)) for g in ("a", "b")]
            if any(sizes):
                pop.arm_n = [int(m.group(1)) if m else None for m in sizes]
            else:
                # "randomized 1:1 to zorbamab (302) or docetaxel (300)": both arms' sizes, bare
                bare = [
                    _ARM_SIZE_BARE.match(text, rand.end(g)) or re.search(r"\(\s*(\d{1,4})\s*\)\s*$", rand.group(g))
                    for g in ("a", "b")
                ]
                if all(bare) and not any(1900 <= int(m.group(1)) <= 2099 for m in bare if m):
                    pop.arm_n = [int(m.group(1)) for m in bare if m]
    if not pop.arms and _COMPARED_WORD.search(lower):
        compared = _COMPARED_ARMS.search(text)
        if compared:
            pop.arms = [_clean_arm(compared.group("a")), _clean_arm(compared.group("b"))]
            if any(_NOT_ARM.fullmatch(a) or _OUTCOME_WORDS.search(a) for a in pop.arms):
                pop.arms = []
    if (
        not pop.arms
        and ("=" in text or ":" in text)
        and _LISTED_WORD.search(lower)
    ):
        listed = _ARMS_LISTED.search(text)
        if listed and not _SUBGROUP_OPENS.match(text[: listed.start()]):
            pop.arms = [_clean_arm(listed.group("a")), _clean_arm(listed.group("b"))]
            pop.arm_n = [int(listed.group("na")), int(listed.group("nb"))]
    if (
        not pop.arms
        and "=" in text
        and _VERSUS_WORD.search(lower)
        # "In patients who had … (n=24), …, compared with 35% in those with … (n=40)": subgroups, not arms
        and not re.search(r"\b(?:patients|those|pts|participants)\s+(?:who|with|without|whose)\b", text, ICASE)
    ):
        sized = [m for m in _SIZED_NAME.finditer(text) if _arm_words(m.group("name"))]
        if len(sized) == 2 and re.search(
            r"\b(?:compared\s+(?:with|to)|versus|" + VERSUS + r"|or)\b", text[sized[0].end() : sized[1].start("n")], ICASE
        ):
            pop.arms = [_dosed_arm(text, m) or _arm_words(m.group("name")) for m in sized]
            pop.arm_n = [int(m.group("n")) for m in sized]
    if not pop.arms and ("versus" in lower or "vs" in lower):
        versus = _VERSUS.search(text)
        if versus and re.search(r"\(\s*n\s*=|\brandomi[sz]ed\b|\barms?\b|\bphase\s+(?:3|III)\b", text, ICASE):
            pop.arms = [_clean_arm(versus.group("a")), _clean_arm(versus.group("b"))]
            if any(_NOT_ARM.fullmatch(a) or _OUTCOME_WORDS.search(a) for a in pop.arms):
                pop.arms = []  # "extended survival and improved symptom outcomes vs SOC": an outcome, not an arm
            ns = [re.search(r"\(\s*n\s*=\s*(\d+)", text[m : m + 60]) for m in (versus.end("a"), versus.end("b"))]
            pop.arm_n = [int(x.group(1)) if x else None for x in ns]
    arm_ids = [c.lower() for c in pop.cohort_ids]
    if 2 <= len(pop.arms) < len(pop.cohort_ids) and all(a.lower() in arm_ids for a in pop.arms) and all(
        c.startswith("arm ") for c in arm_ids
    ):
        # "(88 to arm A, 86 to arm B, 44 to arm C)": every arm the sentence names by its id, in order
        arm_sizes = dict(zip([a.lower() for a in pop.arms], pop.arm_n, strict=False))
        pop.arms = list(pop.cohort_ids)
        pop.arm_n = [arm_sizes.get(c) for c in arm_ids]
    if len(pop.arms) >= 2 and len(pop.cohort_ids) == len(pop.arms):
        # "to X (arm A) or Y (arm B)": the arms are the ones the article goes on to call arm A and arm B
        ids = [re.search(rf"\(\s*{re.escape(c)}\s*\)", text, ICASE) for c in pop.cohort_ids]
        if all(ids) and all(text.lower().find(a.lower()) < m.start() for a, m in zip(pop.arms, ids, strict=True) if m):
            pop.arm_names, pop.arms, pop.cohort_ids = list(pop.arms), list(pop.cohort_ids), []
    if not numbers:
        return pop
    if _POP_WORD.search(text) or "=" in text or _N_INFUSED_HINT.search(text):
        _read_n(text, pop)
        if pop.n is not None and len(pop.arm_n) >= 2 and pop.n in pop.arm_n:
            pop.n, pop.n_span, pop.n_rank = None, None, 0  # one arm's size is not the whole trial's
    if "age" in lower:
        age = _AGE.search(text)
        if age:
            value = age.group("a") or age.group("b") or age.group("c")
            pop.median_age = float(value) if value else None
    if " with " in lower and pop.diseases:
        for m in _SUBGROUP.finditer(text):
            found = diseases_in(m.group("d"))
            value = number_value(m.group("n"))
            if found and value is not None:
                pop.subgroups.append((int(value), found[0][2]))
    if not pop.subgroups and "=" in text and len(pop.diseases) >= 2:
        # "analyzed in 3 disease cohorts: cervical cancer (n = 24), head and neck squamous cell
        # carcinoma (HNSCC; n = 19), and anal squamous cell carcinoma (n = 11)": each disease its size
        by_disease: list[tuple[int, str]] = []
        for _start, end, name in diseases_in(text):
            said = _DISEASE_SIZED.match(text, end)
            if said and name not in {d for _n, d in by_disease}:
                by_disease.append((int(said.group("n")), name))
        if len(by_disease) >= 2:
            pop.subgroups = by_disease
            if pop.n in {n for n, _d in by_disease}:
                pop.n, pop.n_span, pop.n_rank = None, None, 0  # one disease's size is not the whole study's
    return pop


_DISEASE_SIZED = re.compile(r"\s*\((?:[^()=;]{1,20};\s*)?[nN]\s*=\s*(?P<n>\d{1,5})\s*\)")
"""A size right after a disease's name: `cervical cancer (n = 24)`, `… carcinoma (HNSCC; n = 19)`."""


_NOT_ARM = re.compile(r"(?:NR|NE|not\s+\w+|\d[\d.,%]*|\w+\s+\d[\d.,%]*)", ICASE)
"""A value ("NR", "35.1") is never the name of an arm."""


_OUTCOME_WORDS = re.compile(
    r"\b(?:outcomes?|survival|responses?|remissions?|progression|benefits?|efficacy|safety|quality|toxicit\w*|"
    r"events?|rates?|OS|PFS|EFS|ORR|DOR|CR|PR)\b",
    ICASE,
)


def _clean_arm(name: str) -> str:
    name = re.sub(r"\s*\([^()]*\d[^()]*\)", "", name)  # a size or a dose: "(n = 52)", "(6 mg/kg)"
    name = re.sub(r"\s*\((?:arm|group|cohort)\s+[A-Z0-9]{1,2}\)?\s*$", "", name, flags=ICASE)  # "X (arm A)": its id
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")]  # a bracket the match cut open: "Dato-DXd (6 mg/kg"
    name = re.sub(r"^(?:(?:the|either|receive|treatment\s+with|of|in|with|for|to)\s+)+", "", name.strip(), flags=ICASE)
    name = name.strip(" ,.;")
    return name if re.search(r"\([^()]+\)$", name) else name.strip("()")


_ENROLLED = re.compile(
    r"\b(?:enrol+(?:ed|ing|ment)?|randomi[sz](?:ed|ation)|involv(?:ed|ing)|recruited|accrued)\b", ICASE
)
_PRIOR_LIST = re.compile(
    r"\bprior\s+(?:lines?|therap|treatment|regimen)|\bpreviously\s+(?:received|treated)|\bmedian\s+number\s+of|"
    r"\bbaseline\s+characteristics",
    ICASE,
)
_POP_BEFORE_N = re.compile(rf"\b(?:{POP}|evaluable|assessable|population|cohort|arm|group|set)\s*[(\[,]?\s*$", ICASE)


_SAFETY = re.compile(
    r"\b(?:grade\s*(?:[≥>]=?\s*)?(?:\d|III|IV)|adverse|toxicit\w*|neurotoxicity|cytokine\s+release|(?-i:CRS)|ICANS|"
    r"dose[- ]limiting|DLTs?|died|deaths?|discontinu\w+)\b",
    ICASE,
)
"""A sentence about harms: the patients it counts had an event, they are not the cohort."""
_NOT_COHORT_BEFORE = re.compile(
    rf"(?:{_SAFETY.pattern})[^.;,()]*$|\b(?:excluding|excluded|except|not\s+including|withdrew|withdrawn)\b[^.;()]{{0,20}}$",
    ICASE,
)


_RATIO_BEFORE = re.compile(rf"(?<![\w-])(?:\d+|{SPELLED})\s+(?:in|out\s+of)\s+(?:every\s+)?$", ICASE)
"""`one in five children`: a ratio (`XR-9 in 45 patients` is a code name's digit, not one)."""

# Words one of which is in every text the pattern matches (cheap gates before the patterns).
_N_EVALUABLE_WORDS = ("evaluable", "assessable", "efficacy")
_N_INFUSED_WORDS = ("receiv", "being", "were")
_N_AFTER_WORDS = (
    "enrolled",
    "treated",
    "evaluable",
    "included",
    "dosed",
    "infused",
    "analy",
    "randomi",
    "assessable",
    "received",
    "underwent",
    "participated",
    "recruited",
    "accrued",
)
_POP_WORDS = (
    "patient",
    "pts",
    "participant",
    "people",
    "person",
    "subject",
    "individual",
    "men",
    "children",
    "adults",
    "adolescents",
    "cases",
    "recipients",
)
"""Every population noun contains one of these."""


_OTHER_EVALUABLE = re.compile(
    r"\b(?:mrd|safety|pk|pharmacokinetic|biomarker|biopsy|tissue|ctdna|pet|pet-ct|imaging|translational|qol)[- ]"
    r"(?:evaluable|assessable|analy[sz]able)"
)
"""Evaluable for something other than response: not the response denominator."""


def _read_n(text: str, pop: Population) -> None:
    candidates: list[tuple[int, int, int, int]] = []  # rank, n, start, end
    lower = text.lower()
    for m in _N_EVALUABLE.finditer(text) if may_match(_N_EVALUABLE_WORDS, text, lower) else ():
        raw = m.group("n") or m.group("n2") or m.group("n3")
        value = number_value(raw)
        if value is not None:
            candidates.append((4, int(value), m.start(), m.end()))  # evaluable: the response denominator
    for m in _N_INFUSED.finditer(text) if may_match(_N_INFUSED_WORDS, text, lower) else ():
        value = number_value(m.group("n"))
        if value is not None and value >= 1 and not _NOT_N.search(text[max(0, m.start() - 40) : m.start("n")]):
            candidates.append((3, int(value), m.start("n"), m.end()))
    for m in _N_SIZED_COHORT.finditer(text) if "-" in text else ():
        if not _NOT_N.search(text[max(0, m.start() - 40) : m.start()]) and not _FUTURE.search(text):
            candidates.append((2, int(m.group("n")), m.start(), m.end()))
    for pattern, rank, words in ((_N_AFTER, 2, _N_AFTER_WORDS), (_N_BEFORE, 2, _POP_WORDS), (_N_THERE, 2, ("there",)), (_N_SUBJECT, 2, _POP_WORDS), (_N_BRACKET, 2, ("cohort (", "arm (", "group (", "cohorts (", "arms (", "groups (", "subgroup ("))):
        for m in pattern.finditer(text) if may_match(words, text, lower) else ():
            if _NOT_N.search(text[max(0, m.start() - 40) : m.start("n")]):
                continue
            adj = (m.group("adj") or "").lower()
            if _OTHER_EVALUABLE.search(adj):
                continue  # "the 12 MRD-evaluable patients", "20 safety-evaluable": not who was assessed for response
            if re.search(
                # whole words only: "response-evaluable" is who was assessed, not responders
                r"(?<![\w-])(?:of|with|had|who|were|a|an|the|after|before|in|on|at|for|to|from|and|or|than|additional|more|further|other|remaining|"
                r"among|between|across|by|per|CRs?|PRs?|responses?|responders?|deaths?|events?)(?![\w-])",
                adj,
            ):
                continue
            value = number_value(m.group("n"))
            if value is None or value < 1 or (1900 <= value <= 2099 and adj):
                continue
            if _FIGURE_AFTER.match(text, m.end()) or _FIGURE_VERB_BEFORE.search(
                text[max(0, m.start() - 40) : m.start("n")]
            ):
                continue  # "responses in 12 patients (7.9%)": a figure, not the population
            if _RESPONDERS_AFTER.match(text, m.end()) or _OTHER_SET_BEFORE.search(
                text[max(0, m.start() - 40) : m.start("n")]
            ):
                continue  # "5 of the 11 patients who responded", "the safety analysis included 64": not the cohort
            verb = (m.groupdict().get("verb") or "").lower()
            r = 4 if "evaluable" in adj or "assessable" in adj else 3 if verb in ("dosed", "infused") else rank
            if r == 2 and _ENROLLED.search(text[max(0, m.start() - 30) : m.end() + 12]):
                r = 1  # enrolled or randomised: the trial's intake, weaker than who was treated or evaluated
            candidates.append((r, int(value), m.start("n"), m.end()))
    listed = [(m.start(), m.end()) for m in _NAMED_SIZES.finditer(text)] if ";" in text else []
    for m in _N_EQUALS.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in listed):
            continue  # "(ALPHA-101, n = 58; ALPHA-201, n = 154)": each named part's size, not the sentence's
        raw = m.group("n") or m.group("n2")
        lead = text[max(0, m.start() - 24) : m.start() + (1 if text[m.start()] == "(" else 0)]
        if _N_OF_A_FIGURE.search(lead):
            rate = _PERCENT_BEFORE.search(lead)
            if not (rate and size_after_rate(float(rate.group(1)), float(raw))):
                continue
        if int(raw) < 2 or _PRIOR_LIST.search(text) and not _POP_BEFORE_N.search(lead):
            continue  # "sarcoma of the scalp (n = 1)"; "prior checkpoint inhibitors (n=7)": not the cohort
        candidates.append((2, int(raw), m.start(), m.end()))
    # "grade 3 neurotoxicity occurred in 4 patients", "excluding 3 patients who …": who had an event or
    # was left out, not the cohort.
    candidates = [
        c
        for c in candidates
        if c[1] >= 2
        and not _NOT_COHORT_BEFORE.search(text[max(0, c[2] - 70) : c[2]])
        and not _RATIO_BEFORE.search(text[max(0, c[2] - 20) : c[2]])
        and not _split_after(text, c[1], c[3])
    ]  # one patient is never a cohort; "one in five children" is a ratio; a total split in parts is the trial's
    if candidates:
        candidates.sort(key=lambda c: (-c[0], c[2]))
        rank, value, start, end = candidates[0]
        pop.n, pop.n_span, pop.n_rank = value, (start, end), rank


_SPLIT_WORDS = re.compile(
    r"^[^.;]{0,60}?\b(?:across|in|into|between)\s+(?:the\s+)?(?:two|three|four|five|both|all|\d)\s+"
    r"(?:(?:sequential|separate|parallel|disease|expansion|dose)\s+)?(?:cohorts|arms|groups|dose\s+levels|parts|indications)\b",
    ICASE,
)
_PARTS_AFTER = re.compile(r"^[^.;()]{0,60}?\(([^()]{3,120})\)")


def _split_after(text: str, total: int, end: int) -> bool:
    """Whether the sentence splits a size it has just given into parts ("153 patients across two
    cohorts", "72 were randomized (48 X; 24 Y)", "115 adults (99 main cohort, 16 cohort A)"):
    the whole trial's size, not any one cohort's."""
    rest = text[end : end + 160]
    if _SPLIT_WORDS.search(rest):
        return True
    parts = _PARTS_AFTER.match(rest)
    if parts and not re.search(r"\b(?:men|women|males?|females?|boys|girls|children|adults|aged|years?|ages?)\b", parts.group(1), ICASE):
        numbers = [int(x) for x in re.findall(r"(?<![\d.%-])(\d{1,5})(?![\d.%])", parts.group(1))]
        return len(numbers) >= 2 and sum(numbers) == total
    return False


CELL_THERAPY_KINDS = frozenset({"TIL", "TCR-T", "CAR-T", "bispecific (ImmTAC)", "oncolytic virus"})
"""Kinds of `catalog.products` read as a cohort's product wherever they are named ("Amtagvi",
"IMA203", "tebentafusp", which the name and code patterns miss). Checkpoint
inhibitors and the like are named as often as prior or background therapy ("after
pembrolizumab") as as the therapy reported, so only the patterns' names count for them."""


@cache
def _catalog_gates() -> tuple[str, ...]:
    """Words one of which is in a text that names a cell therapy the name and code patterns miss
    (a brand such as Amtagvi, tebentafusp, T-VEC, IMA203): the catalog is read only then."""
    gates: list[str] = []
    for product in PRODUCTS:
        if product.kind not in CELL_THERAPY_KINDS:
            continue
        for name in product.names:
            code = PRODUCT_CODE.fullmatch(name) and not NOT_PRODUCTS.match(name.replace(" ", ""))
            if not (PRODUCT_NAME.fullmatch(name) or code):
                parts = re.findall(r"[a-z]+|\d+", name.lower())
                longest = max(parts, key=len)
                # A long word opens the gate by itself; a code only as written or run together.
                gates += [longest] if len(longest) >= 6 and longest.isalpha() else [name.lower(), "".join(parts)]
    return tuple(dict.fromkeys(gates))


_ENGAGER_END = re.compile(r"ta(?:mab|mig)\b")
ENGAGER_NAME = re.compile(r"\b[a-z]{3,}ta(?:mab|mig)\b", re.IGNORECASE)
"""International non-proprietary names of T-cell engagers and other anti-tumour bispecifics
(teclistamab, tarlatamab, glofitamab; -tamig under the 2022 scheme): a trial's product as
much as a cell therapy is."""
_CEL_END = re.compile(r"cel\b")
"""Every PRODUCT_NAME match ends so (in a lowercased text: no other character folds to c, e or l)."""


def products_in(text: str) -> list[str]:
    """Therapy names as written: codes (LN-145), names (lifileucel), then generic (TIL therapy)."""
    found: list[tuple[int, str]] = []
    lower = text.lower()
    if "cel" in lower and _CEL_END.search(lower):
        for m in PRODUCT_NAME.finditer(text):
            found.append((m.start(), m.group(0)))
    if "ta" in lower and _ENGAGER_END.search(lower):
        for m in ENGAGER_NAME.finditer(text):
            found.append((m.start(), m.group(0)))
    for m in PRODUCT_CODE.finditer(text) if _HAS_DIGIT.search(text) else ():
        code = m.group(0)
        if not NOT_PRODUCTS.match(code.replace(" ", "")) and not re.fullmatch(r"[A-Z]+\s\d+", code):
            if not CALLED_TRIAL.match(text, m.end()):  # "the EV-302 trial" names a trial, not a product
                found.append((m.start(), code))
    if any(gate in lower for gate in _catalog_gates()):
        found += [(start, written) for start, product, written in mentions(text) if product.kind in CELL_THERAPY_KINDS]
    out: list[str] = []
    for _pos, name in sorted(found):
        if name.lower() not in {o.lower() for o in out}:
            out.append(name)
    if not out and _GENERIC_WORD.search(lower):
        generic = GENERIC_PRODUCTS.search(text)
        if generic:
            out.append(generic.group(0))
    return out


_NAME, _CODE = PRODUCT_NAME.pattern, PRODUCT_CODE.pattern
_ALIAS_PAIRS = [
    re.compile(p, ICASE)
    for p in (
        rf"(?P<a>{_NAME})\s*\(\s*(?:also\s+known\s+as\s+|formerly\s+)?(?P<b>{_CODE})\s*\)",
        rf"(?P<b>{_CODE})\s*\(\s*(?P<a>{_NAME})\s*\)",
        rf"(?P<b>{_CODE}),?\s+(?:or|also\s+known\s+as|now\s+called|now\s+named)\s+(?P<a>{_NAME})",
        rf"(?P<a>{_NAME}),?\s+(?:or|also\s+known\s+as|formerly)\s+(?P<b>{_CODE})",
    )
]


def product_aliases(text: str) -> dict[str, str]:
    """Pairs the article states: `LN-144, or lifileucel,`, `lifileucel (LN-144)` → both map to
    `lifileucel (LN-144)` (the name first, the code in brackets, as written).

    Only the text around each product name is searched (names are few; bodies are long).
    """
    aliases: dict[str, str] = {}
    if not _CEL_END.search(text.lower()):
        return aliases
    for name in PRODUCT_NAME.finditer(text):
        window = text[max(0, name.start() - 60) : name.end() + 60]
        for pattern in _ALIAS_PAIRS:
            for m in pattern.finditer(window):
                full = f"{m.group('a')} ({m.group('b')})"
                aliases.setdefault(m.group("a").lower(), full)
                aliases.setdefault(m.group("b").lower(), full)
    return aliases
