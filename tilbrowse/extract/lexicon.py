"""The words of trial news: outcome names, diseases, products, phases, populations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from tilbrowse.catalog.trials import alias_names

ICASE = re.IGNORECASE
T = TypeVar("T")


def split_keys(keys: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Gate keys split into (any-case keys, exact-case keys)."""
    return tuple(k for k in keys if k.islower() or not k.isalpha()), tuple(
        k for k in keys if not (k.islower() or not k.isalpha())
    )


# Each outcome key, with the names and abbreviations that mention it. Abbreviations are
# matched case-sensitively so "or", "os", "pd" in prose never count.
METRIC_PATTERNS: list[tuple[str, str, int]] = [
    # ORR
    (
        "orr",
        r"(?:(?:confirmed|unconfirmed|investigator[- ]assessed|independently assessed|centrally assessed)\s+)?"
        r"(?:objective|overall|best overall|clinical|tumou?r)\s+(?:tumou?r\s+)?response\s+rates?",
        ICASE,
    ),
    (
        "orr",
        r"(?:(?:confirmed|unconfirmed)\s+)?(?:objective|overall)\s+(?:tumou?r\s+|clinical\s+)?responses?(?!\s+rate)",
        ICASE,
    ),
    ("orr", r"(?<!complete )(?<!partial )(?<!duration of )(?<!time to )\bresponse\s+rates?", ICASE),
    ("orr", r"complete\s+or\s+partial\s+(?:tumou?r\s+)?(?:responses?|remissions?|regressions?|shrinkage)", ICASE),
    ("orr", r"partial\s+or\s+complete\s+(?:tumou?r\s+)?(?:responses?|remissions?|regressions?|shrinkage)", ICASE),
    ("orr", r"\b(?:c|u)?ORRs?\b", 0),
    ("orr", r"\bresponded\b", ICASE),
    # "Responses occurred in 13 patients (25%)", "Response was observed in 18/50 patients"
    (
        "orr",
        r"(?<!best )(?<!complete )(?<!partial )(?<!minor )(?<!mixed )(?<!pathologic )(?<!pathological )(?<!metabolic )"
        r"(?<!molecular )(?<!biochemical )(?<!PSA )(?<!serologic )(?<!immune )"
        r"\b(?:objective\s+|confirmed\s+|tumou?r\s+)?responses?"
        r"(?![^.;]{0,60}\bof\s+(?:the\s+)?(?:\d+|[a-z]+)\s+(?:dose\s+levels|cohorts|arms|groups|tumou?r\s+types|indications|sites)\b)"
        r"(?=\s+(?:occurred|(?:was|were)\s+(?:observed|seen|reported|"
        r"achieved|documented|noted|recorded))\s+in\b)",
        ICASE,
    ),
    ("orr", r"\bobjective\s+(?:tumou?r\s+)?regressions?\b", ICASE),
    (
        "orr",
        r"\btumou?rs?\s+shrank\s+by\s+(?:at\s+least|30%\s+or\s+more|more\s+than)\s*(?:30\s*%|30\s+percent)?",
        ICASE,
    ),
    (
        "orr",
        r"\b(?:achieved|achieving|had|having|showed|attained|experienced)\s+(?:a\s+|an\s+|any\s+)?(?:(?:confirmed|objective|durable|treatment)\s+){0,2}"
        r"(?:response|responses|remission|remissions)\b(?!\s+(?:to|rate|duration|lasting|that|which|of\s+at\s+least)\b)",
        ICASE,
    ),
    (
        "orr",
        r"(?<!still )(?<!continue to be )(?<!remained )\bresponding\b(?!\s+(?:to\s+(?:prior|previous)|lesions?))",
        ICASE,
    ),
    (
        "orr",
        r"(?<!complete )(?<!partial )(?<!objective )(?<!overall )\bresponses\s+(?:were\s+(?:seen|observed|reported|documented|achieved)\s+)?"
        r"in(?=\s+(?:\d|[a-z]+\s+of\b))",
        ICASE,
    ),
    # CR
    (
        "cr",
        r"(?<!pathologic )(?<!pathological )(?<!near[- ])\b(?:stringent\s+)?complete\s+(?:metabolic\s+)?"
        # "a stringent complete response or complete response", "a complete response (CR) or better"
        r"(?:responses?|remissions?|responders?)(?:\s+or\s+(?:stringent\s+)?complete\s+(?:responses?|remissions?)(?!\s+with\b))?"
        r"(?:\s*\(\s*s?CRs?\s*\))?(?:\s+or\s+better)?(?:\s+rates?)?",
        ICASE,
    ),
    ("cr", r"\bCR[- ]or[- ]better(?:\s+rates?)?|\bs?CRs?\b(?:\s+rates?)?", 0),
    # "Twelve patients responded, two of them completely": the complete responders among them
    # "Eleven of the 27 responded, three of them complete"
    ("cr", r"(?<=\sof\s)(?:them|whom|these)\s+(?:completely|fully|complete(?!\s+(?:responses?|remissions?)))\b", ICASE),
    # "Two patients saw their cancer disappear", "tumours vanished completely in four"
    (
        "cr",
        r"\b(?:cancers?|tumou?rs?|disease|lesions)\s+(?:had\s+|has\s+)?(?:completely\s+|entirely\s+)?(?:disappear|vanish)(?:ed|s)?\b"
        r"(?!\s+in\s+(?:the\s+)?(?:mice|animals?|models?))",
        ICASE,
    ),
    # PR
    ("pr", r"(?<!very good )\bpartial\s+(?:metabolic\s+)?(?:responses?|remissions?|responders?)(?:\s+rates?)?", ICASE),
    ("pr", r"\bPRs?\b(?:\s+rates?)?", 0),
    # SD
    ("sd", r"\bstable\s+disease(?:\s+rates?)?|\bdisease\s+stabili[sz]ation", ICASE),
    ("sd", r"\bSD\b", 0),
    # "in another 13 the disease stopped growing", "tumours held steady in nine"
    ("sd", r"\b(?:disease|cancers?|tumou?rs?)\s+(?:stopped\s+growing|held\s+steady|stabili[sz]ed)\b", ICASE),
    # PD
    (
        "pd",
        r"(?<!risk of )(?<!time to )(?<!free of )(?<!without )(?<!before )(?<!after )(?<!until )"
        r"\b(?:progressive\s+disease|(?:disease|cancer|tumou?r)\s+progression)(?!\s+or\s+death)(?![- ]free)",
        ICASE,
    ),
    ("pd", r"\bPD\b(?!-?L?\d)", 0),
    (
        "pd",
        r"(?<!risk of )(?<!time to )(?<!free of )(?<!without )(?<!before )(?<!after )(?<!until )(?<!of )(?<!at )"
        r"\bprogression\b(?![- ]free|\s+(?:on|after|following|despite|while|during|or\s+death|of\s+disease|through))",
        ICASE,
    ),
    ("pd", r"\b(?:disease|cancers?|tumou?rs?)\s+(?:progress(?:ed)?|grew|worsened)\b(?!ion)", ICASE),
    (
        "pd",
        r"\bprogressed\b(?!\s+(?:on|after|despite|following|through|while|during|with|to|from|before|beyond)\b)",
        ICASE,
    ),
    # DCR
    ("dcr", r"\bdisease[- ]control(?:\s+rates?)?|\bDCRs?\b", ICASE),
    # Tumour reduction
    (
        "tumor_reduction",
        r"\b(?:(?:any|some)\s+)?(?:reduction|decrease|shrinkage|regression)s?\s+(?:from\s+baseline\s+)?in\s+(?:the\s+)?"
        r"(?:size\s+of\s+(?:their\s+)?)?(?:sum\s+of\s+)?(?:tumou?rs?|target\s+lesions?)(?:\s+(?:burden|size|diameters?|sum))?",
        ICASE,
    ),
    (
        "tumor_reduction",
        r"\b(?:tumou?r|target[- ]lesion)\s+(?:burden\s+)?(?:reduction|shrinkage|regression)s?(?:\s+of\s+any\s+(?:degree|size))?",
        ICASE,
    ),
    (
        "tumor_reduction",
        r"\b(?:target\s+)?(?:tumou?rs?|lesions?)\s+(?:shrank|shrink|shrunk|got\s+smaller|shrinking)"
        r"(?:\s+(?:to\s+some\s+(?:degree|extent)|at\s+least\s+somewhat|in\s+size))?",
        ICASE,
    ),
    # Blood-cancer wording: overall remission (CR/CRi) is annotated as the ORR; CRR, CR/sCR as the CR.
    (
        "orr",
        r"\b(?:overall\s+(?:complete\s+)?remission(?:\s+\(CR\))?\s*(?:/\s*CR\s+with\s+incomplete\s+"
        r"(?:hematologic(?:al)?\s+|haematological\s+|blood\s+count\s+)?recovery(?:\s+\(CRi\))?\s*)?rates?"
        r"|(?:complete\s+remission|complete\s+response|CR)\s*(?:\(CR\)\s*)?(?:/|\s+or\s+)\s*"
        r"(?:CR\s+with\s+incomplete\s+(?:hematologic(?:al)?\s+|haematological\s+|blood\s+count\s+)?recovery"
        r"(?:\s*\(CRi\))?|CRi)(?:\s+rates?)?)",
        ICASE,
    ),
    ("cr", r"\bCRRs?\b|\bs?CR\s*/\s*s?CR\b(?:\s+rates?)?", 0),
    ("orr", r"\b(?:had|achieved|with)\s+any\s+(?:treatment\s+|objective\s+)?response\b", ICASE),
    # "the overall and complete response rates were 58% and 42%": the first metric is elided.
    (
        "orr",
        r"\b(?:overall|objective)(?=\s+(?:and|or)\s+complete\s+(?:responses?|remissions?|response\s+rates?|\())",
        ICASE,
    ),
    # Durations
    (
        "median_dor",
        r"\bduration\s+of\s+(?:the\s+)?(?:objective\s+)?(?:responses?|remissions?)|\b(?:response|remission)\s+duration"
        # "Responses lasted a median of 14 months", "responses were durable, lasting a median of …"
        r"|\bresponses?\s+(?:were\s+durable,?\s+)?last(?:ed|ing)(?=\s+(?:for\s+)?an?\s+median\b)",
        ICASE,
    ),
    ("median_dor", r"\bm?DoRs?\b|\bmDOR\b|\bDOR\b", 0),
    ("median_pfs", r"\bprogression[- ]free\s+survival", ICASE),
    # "median progression-free and overall survival were 5.6 and 14.3 months": the noun is elided
    ("median_pfs", r"\bprogression[- ]free(?=\s*(?:,|and|or|&)\s*overall\s+survival)", ICASE),
    ("median_pfs", r"\b(?:m|r|mr)?PFS\b", 0),
    ("median_pfs", r"\bsurvival\s+without\s+(?:disease\s+|tumou?r\s+)?progression\b", ICASE),
    # "lived a median of 8.6 months without disease progression", "the median time without progression"
    ("median_pfs", r"(?<=\bmonths\s)without\s+(?:disease\s+|tumou?r\s+|cancer\s+)?progression\b", ICASE),
    ("median_pfs", r"\btime\s+without\s+(?:disease\s+|tumou?r\s+|cancer\s+)?progression\b", ICASE),
    # "patients remained progression-free for a median of 11.2 months"
    (
        "median_pfs",
        r"(?:(?<=\bpatients remained )|(?<=\bpatients stayed )|(?<=\bpatients were )|(?<=\bparticipants remained ))"
        r"progression[- ]free(?=\s+for\s+a\s+median\b)",
        ICASE,
    ),
    # "patients in the TIL group lived without progression for a median of 8.0 months"
    (
        "median_pfs",
        r"\b(?:lived|survived|went|stayed)\s+(?:without\s+(?:disease\s+|tumou?r\s+|cancer\s+)?progression|progression[- ]free)"
        r"(?=\s+for\s+a\s+median\b)",
        ICASE,
    ),
    (
        "median_pfs",
        r"\bwithout\s+(?:their\s+|the\s+|any\s+)?(?:cancer|disease|tumou?rs?)\s+(?:progressing|worsening|growing|getting\s+worse)",
        ICASE,
    ),
    # "patients went a median of 5.1 months before their cancer worsened"
    (
        "median_pfs",
        r"(?<=\bmonths\s)before\s+(?:their\s+|the\s+)?(?:cancer|disease|tumou?rs?)\s+(?:progressed|worsened|grew|got\s+worse|started\s+to\s+grow)\b"
        r"(?:\s+or\s+(?:they|patients|the\s+patients?)\s+died\b)?",
        ICASE,
    ),
    ("median_os", r"\boverall\s+survival", ICASE),
    ("median_os", r"\bm?OS\b", 0),
    # "patients lived a median of 18.4 months", "median survival was 14 months"
    ("median_os", r"(?<!responded )(?<!responders )(?<!responding )\b(?:lived|survived)(?=\s+(?:for\s+)?an?\s+median\b)"
     r"(?![^;]{0,60}?\b(?:without|before|until|progress\w*|free\s+of)\b)|\bmedian\s+survival(?:\s+time)?\b(?!\s+rates?)(?!\s+without)", ICASE),
    ("median_ttr", r"\btime\s+to\s+(?:first\s+|best\s+)?(?:objective\s+|overall\s+)?response", ICASE),
    ("median_ttr", r"\bm?TTR\b", 0),
    ("median_followup", r"\b(?:median\s+)?observation\s+period\b|\bfollow[- ]?ups?\b|\bfollowed\s+(?:up\s+)?for\b|(?<![-\d])\b(?-i:m?FU)\b|\bf/u\b", ICASE),
]

METRIC_GATES: list[tuple[str, ...]] = [
    ("response",),
    ("respons",),
    ("response rate",),
    ("complete or partial",),
    ("partial or complete",),
    ("ORR",),
    ("responded",),
    ("respons",),
    ("regress",),
    ("shrank",),
    ("respons", "remission"),
    ("responding",),
    ("responses",),
    ("complete",),
    ("CR",),
    ("complete", "fully"),
    ("disappear", "vanish"),
    ("partial",),
    ("PR",),
    ("stable", "stabili"),
    ("SD",),
    ("stopped growing", "held steady", "stabili"),
    ("progress",),
    ("PD",),
    ("progression",),
    ("progress", "grew", "worsen"),
    ("progressed",),
    ("control", "DCR", "dcr"),
    ("reduc", "decreas", "shrink", "regress"),
    ("reduc", "shrink", "regress"),
    ("shrank", "shrink", "shrunk", "smaller"),
    ("remission", "CRi"),
    ("CRR", "sCR", "CR/", "CR /"),
    ("any",),
    ("overall and", "objective and", "overall or", "objective or"),
    ("duration", "last"),
    ("DoR", "DOR"),
    ("free",),
    ("free",),
    ("PFS",),
    ("without",),
    ("without",),
    ("without",),
    ("free",),
    ("lived", "survived", "went", "stayed"),
    ("without",),
    ("before",),
    ("overall survival",),
    ("OS",),
    ("lived", "survived", "survival"),
    ("time to",),
    ("TTR",),
    ("follow", "fu", "f/u", "observation period"),
]
"""For each pattern above, in order: words one of which must be in the sentence before it is run."""
METRICS = [(key, re.compile(pattern, flags)) for key, pattern, flags in METRIC_PATTERNS]
GATED_METRICS = list(zip(METRIC_GATES, METRICS, strict=True))
GATED_METRICS_SPLIT = [(*split_keys(gate), (key, pattern)) for gate, (key, pattern) in GATED_METRICS]

DURATION_METRICS = {"median_dor", "median_pfs", "median_os", "median_ttr", "median_followup"}

# A sentence is looked at only if it has a number and one of these words (cheap prefilter).
PREFILTER = re.compile(
    r"respon|remission|stable|progress|control|DCR|ORR|\bCR|\bPR|\bSD\b|\bPD\b|surviv|\bOS\b|\bmOS\b|PFS|DOR|DoR|TTR|"
    r"follow|reduc|shrink|shrank|regress|decreas|disappear|vanish|stopped|worsen|\bmen\b|women|male|prior|grade|manufactur|longest|lived|observation|\bf\b|\bmFU|\bFU\b",
    re.IGNORECASE,
)

FOLD_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
"""The only characters that match an ASCII letter case-insensitively without being one (İ ı ſ K):
in a text without them, `text.lower()` holds every ASCII word an ignore-case pattern finds in text."""


def may_match(words: tuple[str, ...], text: str, lower: str) -> bool:
    """Cheap gate before an ignore-case pattern that cannot match without one of these lowercase
    words: False only when `lower` (text.lower()) holds none of them and text has no FOLD_TRAPS."""
    for word in words:
        if word in lower:
            return True
    return bool(FOLD_TRAPS.search(text))


def _lowered(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An ignore-case alternation of plain words as two case-sensitive patterns for lowercased text:
    the words, then those after a `\\b` (a pattern of literal first letters is scanned far faster)."""
    alternatives = pattern.pattern.split("|")
    if not all(re.fullmatch(r"(?:\\b)?[A-Za-z]+(?:\\b)?", a) for a in alternatives):
        raise ValueError(f"not an alternation of plain words: {pattern.pattern}")
    words = dict.fromkeys(a.lower() for a in alternatives if not a.startswith("\\b"))
    bounded = dict.fromkeys(a[2:].lower() for a in alternatives if a.startswith("\\b"))
    return re.compile("|".join(words)), re.compile(r"\b(?:" + "|".join(bounded) + ")")


_PREFILTER_WORDS, _PREFILTER_BOUNDED = _lowered(PREFILTER)


def prefilter(text: str) -> bool:
    """Whether PREFILTER occurs in text (the same answer, found in a lowercased copy when that is exact)."""
    if FOLD_TRAPS.search(text):
        return bool(PREFILTER.search(text))
    lower = text.lower()
    return bool(_PREFILTER_WORDS.search(lower) or _PREFILTER_BOUNDED.search(lower))


DISEASES: list[tuple[str, str]] = [
    # (canonical indication, pattern) — more specific first.
    ("uveal melanoma", r"uveal(?:\s+melanoma)?"),
    ("mucosal melanoma", r"mucosal(?:\s+melanoma)?"),
    ("acral melanoma", r"acral(?:\s+melanoma)?"),
    ("melanoma", r"melanomas?"),
    ("cervical cancer", r"cervical\s+(?:cancer|carcinoma)s?"),
    ("head and neck cancer", r"head[- ]and[- ]neck(?:\s+squamous[- ]cell)?(?:\s+(?:cancer|carcinoma))?s?|\bHNSCC\b"),
    (
        "non-small cell lung cancer",
        r"non[- ]small[- ]cell\s+lung\s+(?:cancer|carcinoma)|\bNSCLC\b",
    ),
    ("small cell lung cancer", r"(?<!non-)(?<!non )small[- ]cell\s+lung\s+cancer|\bSCLC\b"),
    ("lung cancer", r"lung\s+cancer"),
    ("synovial sarcoma", r"synovial\s+sarcomas?|(?-i:\bSy?S\b)"),
    ("myxoid/round cell liposarcoma", r"myxoid(?:/|\s+|\s+and\s+)round[- ]cell\s+liposarcoma|\bMRCLS\b"),
    ("osteosarcoma", r"osteosarcomas?"),
    ("sarcoma", r"(?:soft[- ]tissue\s+|bone\s+)?sarcomas?"),
    ("ovarian cancer", r"ovarian\s+(?:cancer|carcinoma)s?|(?-i:\bHGSOC\b)"),
    ("endometrial cancer", r"endometrial\s+(?:cancer|carcinoma)s?"),
    ("triple-negative breast cancer", r"triple[- ]negative\s+breast\s+cancer|\bTNBC\b"),
    ("breast cancer", r"breast\s+cancers?"),
    ("gastric cancer", r"gastric(?:\s+or\s+gastroesophageal\s+junction)?(?:/GEJ)?\s+(?:cancer|adenocarcinoma)s?"),
    ("gastroesophageal cancer", r"gastro-?esophageal(?:\s+junction)?\s+(?:cancer|adenocarcinoma)s?"),
    ("esophageal cancer", r"(?:o)?esophageal\s+(?:cancer|carcinoma)s?"),
    ("pancreatic cancer", r"pancreatic\s+(?:cancer|ductal\s+adenocarcinoma|adenocarcinoma)s?|\bPDAC\b"),
    ("colorectal cancer", r"colorectal\s+(?:cancer|carcinoma)s?|\bmCRC\b|\bCRC\b"),
    ("hepatocellular carcinoma", r"hepatocellular\s+carcinoma|\bHCC\b|liver\s+cancer"),
    ("cholangiocarcinoma", r"cholangiocarcinomas?|biliary\s+tract\s+cancers?"),
    ("renal cell carcinoma", r"renal\s+cell\s+carcinoma|\bRCC\b|kidney\s+cancer"),
    ("urothelial carcinoma", r"urothelial\s+(?:cancer|carcinoma)|bladder\s+cancer"),
    ("prostate cancer", r"prostate\s+cancer|(?-i:\bm?CRPC\b)"),
    ("mesothelioma", r"mesotheliomas?"),
    ("glioblastoma", r"glioblastomas?|\bGBM\b"),
    ("diffuse midline glioma", r"diffuse\s+(?:intrinsic\s+pontine|midline)\s+gliomas?|\bDIPG\b|\bDMG\b"),
    ("neuroblastoma", r"neuroblastomas?"),
    ("thyroid cancer", r"thyroid\s+cancer"),
    ("Merkel cell carcinoma", r"merkel\s+cell\s+carcinoma"),
    ("anal cancer", r"anal\s+(?:squamous[- ]cell\s+)?(?:cancer|carcinoma)s?"),
    ("nasopharyngeal carcinoma", r"nasopharyngeal\s+(?:cancer|carcinoma)s?|(?-i:\bNPC\b)"),
    ("squamous cell carcinoma", r"(?:cutaneous\s+)?squamous[- ]cell\s+(?:skin\s+)?(?:cancer|carcinoma)|(?-i:\bm?[cC]SCC\b)"),
    ("HPV-associated cancer", r"HPV[- ](?:associated|positive|related)\s+(?:cancers?|tumou?rs?)"),
    ("multiple myeloma", r"multiple\s+myeloma|(?-i:\bR?RMM\b)"),
    # Blood cancers by their subtype, as readouts name them (FL and MZL cohorts of one trial).
    ("follicular lymphoma", r"follicular\s+lymphomas?|(?-i:\bFL\b)"),
    ("marginal zone lymphoma", r"marginal[- ]zone\s+lymphomas?|(?-i:\bMZL\b)"),
    ("mantle cell lymphoma", r"mantle[- ]cell\s+lymphomas?|(?-i:\bMCL\b)"),
    ("large B-cell lymphoma", r"(?:diffuse\s+)?large\s+B[- ]cell\s+lymphomas?|(?-i:\bD?LBCL\b)"),
    ("chronic lymphocytic leukemia", r"chronic\s+lymphocytic\s+leuka?emia|small\s+lymphocytic\s+lymphoma|(?-i:\bCLL\b)"),
    ("acute myeloid leukemia", r"acute\s+myeloid\s+leuka?emia|(?-i:\bAML\b)"),
    ("myelodysplastic syndromes", r"myelodysplastic\s+syndromes?|(?-i:\bMDS\b)"),
    ("Hodgkin lymphoma", r"(?<!non-)(?<!non\s)Hodgkin(?:['’]s)?\s+lymphomas?"),
    ("T-cell lymphoma", r"(?:peripheral\s+|cutaneous\s+)?T[- ]cell\s+lymphomas?|(?-i:\b(?:PTCL|CTCL)\b)"),
    ("acute lymphoblastic leukemia", r"(?:B[- ]cell\s+)?acute\s+lymphoblastic\s+leuka?emia|(?-i:\bB-ALL\b)"),
    ("lymphoma", r"(?:large\s+)?B[- ]cell\s+lymphoma|\blymphomas?"),
    ("leukemia", r"leuka?emias?"),
    ("solid tumors", r"solid\s+tumou?rs?"),
]
DISEASE_KEYS: dict[str, tuple[str, ...]] = {
    "uveal melanoma": ("uveal",),
    "mucosal melanoma": ("mucosal",),
    "acral melanoma": ("acral",),
    "melanoma": ("melanom",),
    "cervical cancer": ("cervical",),
    "head and neck cancer": ("neck", "hnscc"),
    "non-small cell lung cancer": ("lung", "nsclc"),
    "small cell lung cancer": ("lung", "sclc"),
    "lung cancer": ("lung",),
    "synovial sarcoma": ("synovial", "SS", "SyS"),
    "myxoid/round cell liposarcoma": ("myxoid", "mrcls"),
    "osteosarcoma": ("osteosarcom",),
    "sarcoma": ("sarcom",),
    "ovarian cancer": ("ovarian", "HGSOC"),
    "endometrial cancer": ("endometrial",),
    "triple-negative breast cancer": ("triple", "tnbc"),
    "breast cancer": ("breast",),
    "gastric cancer": ("gastric",),
    "gastroesophageal cancer": ("gastro",),
    "esophageal cancer": ("esophag",),
    "pancreatic cancer": ("pancrea", "pdac"),
    "colorectal cancer": ("colorectal", "crc"),
    "hepatocellular carcinoma": ("hepatocell", "hcc", "liver"),
    "cholangiocarcinoma": ("cholangio", "biliary"),
    "renal cell carcinoma": ("renal", "rcc", "kidney"),
    "urothelial carcinoma": ("urothel", "bladder"),
    "prostate cancer": ("prostate", "CRPC"),
    "mesothelioma": ("mesotheliom",),
    "glioblastoma": ("glioblastom", "gbm"),
    "diffuse midline glioma": ("glioma", "dipg", "dmg"),
    "neuroblastoma": ("neuroblastom",),
    "thyroid cancer": ("thyroid",),
    "Merkel cell carcinoma": ("merkel",),
    "anal cancer": ("anal",),
    "nasopharyngeal carcinoma": ("nasopharyn", "NPC"),
    "squamous cell carcinoma": ("squamous", "SCC"),
    "HPV-associated cancer": ("hpv",),
    "multiple myeloma": ("myeloma", "MM"),
    "follicular lymphoma": ("follicular", "FL"),
    "marginal zone lymphoma": ("marginal", "MZL"),
    "mantle cell lymphoma": ("mantle", "MCL"),
    "large B-cell lymphoma": ("large", "LBCL"),
    "chronic lymphocytic leukemia": ("chronic lymph", "small lymph", "CLL"),
    "acute myeloid leukemia": ("myeloid", "AML"),
    "myelodysplastic syndromes": ("myelodysplas", "MDS"),
    "Hodgkin lymphoma": ("hodgkin",),
    "T-cell lymphoma": ("t-cell lymph", "t cell lymph", "PTCL", "CTCL"),
    "acute lymphoblastic leukemia": ("lymphoblastic", "B-ALL"),
    "lymphoma": ("lymphoma",),
    "leukemia": ("leukemia", "leukaemia"),
    "solid tumors": ("solid",),
}
"""Words one of which must be in a text before a disease pattern is run (lowercase: any case)."""
DISEASE_RES = [(name, re.compile(rf"\b(?:{pattern})\b", ICASE), DISEASE_KEYS[name]) for name, pattern in DISEASES]


_DISEASE_GATES = [(*split_keys(keys), (name, pattern)) for name, pattern, keys in DISEASE_RES]


def has_key(keys: tuple[str, ...], text: str, lower: str) -> bool:
    """Cheap gate before a pattern: a lowercase key matches any case, other keys match exactly."""
    for key in keys:
        if key.islower():
            if key in lower:
                return True
        elif key in text:
            return True
    return False


def open_gates(table: Sequence[tuple[tuple[str, ...], tuple[str, ...], T]], text: str, lower: str) -> list[T]:
    """The payloads of a gated table whose gate is open: one of its any-case words is in `lower`
    (text.lower()) or one of its exact words is in `text`. One loop over the whole table, so the
    hot loops (metrics, diseases, masks) share it without a call per gate; a gate of `("",)` is
    always open."""
    out: list[T] = []
    for any_case, exact, payload in table:
        for word in any_case:
            if word in lower:
                out.append(payload)
                break
        else:
            for word in exact:
                if word in text:
                    out.append(payload)
                    break
    return out


VERSUS = r"(?:vs\.?|v\.?(?=\s+\d|\s*$))"
DOSE_AMOUNT = re.compile(
    r"(?P<v>\d+(?:\.\d+)?)[\s-]*(?P<u>mg/kg|mg/m2|mg/m²|mg|µg/kg|μg/kg|mcg/kg|µg|μg|mcg|g)(?![\w/])", re.IGNORECASE
)
"""A dose as written in a population's name: `40 mg`, `the 10-mg group`, `3 mg/kg` (its value and unit)."""
"""`vs`, `vs.`, or a bare `v` set between two values ("5.6 v 3.4 months"; a `v` before a word is no versus)."""


PRODUCT_CODE = re.compile(
    r"\b(?<![A-Za-z0-9]-)(?:[A-Z]{2,6}[- ]?\d{2,4}[A-Za-z]?(?:\.\d)?|GD2[- ]CART\d{2}|[A-Z]{2,6}-[A-Z]{1,3}\d{2,4})\b"
)
"""Development codes such as LN-144, ITIL-168, IMA203, CT041, OBX-115 (never the end of a
trial's name: IOV-LUN-202 is not a product LUN-202)."""
PRODUCT_NAME = re.compile(
    r"\b(?:[a-z]{3,}(?:leucel|gene autoleucel|cabtagene autoleucel|tresgene autoleucel|cel))\b"
    r"|\b[a-z]{3,8}-cel\b",
    ICASE,
)
"""International non-proprietary names of cell therapies: lifileucel, afami-cel, …"""
GENERIC_PRODUCTS = re.compile(
    r"\b(?:TIL|tumou?r[- ]infiltrating lymphocyte)s?\b(?:\s+(?:therapy|cell therapy|product))?"
    r"|\b(?:CAR[- ]T|TCR[- ]T)(?:[- ]cell)?(?:\s+therapy)?\b",
    ICASE,
)
NOT_PRODUCTS = re.compile(
    r"^(?:PD-?L?\d|CTLA-?4|IL-?\d+|HLA-?\w+|COVID-?19|NCT\d+|CD\d+|HER-?2|GD-?2|IMA-?\d+\s*A?|FDA|EU|US|MAGE-?A\d+"
    r"|NY-?ESO-?\d|KRAS\w*|BRAF\w*|V600\w*|Q\d|H\d|FY\d+|ASCO\d*|ESMO\d*|SITC\d*|AACR\d*|ISRCTN\d*|EUDRACT\d*"
    # antigens and checkpoints (claudin 18.2, LAG-3, TIM-3, HPV16), abstract numbers (LBA9509), sponsors'
    # protocol numbers (MMY1002)
    r"|CLDN[\d.]*|LAG-?\d|TIM-?\d|TIGIT|HPV-?\d+|LBA-?\d+|MMY\d+"
    # a metric or statistic followed by its value ("ORR 36.4", "PFS 12"), never a product
    r"|(?:c|u)?(?:ORR|DCR|CRR?|CBR|PR|SD|PD|OS|PFS|EFS|RFS|DOR|TTR|BOR|VGPR|MRD|HR|CI|AEs?|SAEs?|CRS|ICANS|IQR)"
    r"[- ]?\d[\d.]*[A-Za-z]?)$",
    ICASE,
)

_HY = "[-\u2010\u2011]"
"""A hyphen as written: ASCII, or the Unicode hyphen and non-breaking hyphen of typeset text."""
_NOT_SPACED = "COVID|ASCO|ESMO|AACR|SITC|EHA|ASH|NSCLC|SCLC|HNSCC|CSCC|DLBCL|LBCL|TILs?\\b|RECIST|ECOG|CTCAE|NCCN"
"""Capitalised words before a number that are not trials (a meeting, a disease, a criterion)."""
_NOT_ACRONYM = (
    r"(?:COVID|ASCO|ESMO|AACR|SITC|EHA|ASH|NSCLC|SCLC|HNSCC|CSCC|DLBCL|LBCL|TILs?|RECIST|ECOG|CTCAE|NCCN|FDA|EMA|"
    r"NCI|NIH|BLA|NDA|MAA|CRL|HPV|PFS|ORR|USA|CART|TCRT)\b"
)
"""Capitalised words called a trial or study that are not its name (a regulator, a meeting, a disease)."""
_CALLED = (
    r"\s+(?:(?:phase\s+[\dIV]+[ab]?(?:/[\dIV]+)?|pivotal|randomi[sz]ed|registrational|global|confirmatory|"
    r"open-label)\s+)*(?:trial|study)\b"
)
"""What follows a one-word name that says it is a trial's ("the JULIET trial", "the phase 2 ELARA study")."""
TRIAL_NAME = re.compile(
    # Every branch starts with a capital (or the curated alias's i): `(?=[A-Zi])` and the
    # two-capitals lookahead fail fast on ordinary words, which keeps this pass cheap.
    rf"(?<![\w-])(?=[A-Zi])(?:[A-Z]{_HY}?\d{{3}}{_HY}\d{{2}}|[A-Z]{{2,12}}{_HY}[A-Z]{{2,5}}{_HY}\d{{2,4}}"
    rf"|(?=[A-Z][a-z]*[A-Z])[A-Z][A-Za-z]{{2,14}}(?:{_HY}\d{{1,4}}[A-Za-z]?|{_HY}[A-Z][A-Za-z]{{1,12}}\d{{2,3}})"
    rf"|(?=[A-Z][a-z]*[A-Z])(?!{_NOT_SPACED})[A-Z][A-Za-z]{{3,14}}(?: [A-Z]{{2,5}})? \d{{2,3}}(?!\d|[.,]\d)"
    rf"|[A-Z]{{2}}{_HY}\d{{2,4}}(?=\s+(?:phase\s+\S+\s+)?(?:trial|study)\b)"
    rf"|(?=[A-Z][a-z]*[A-Z])(?!{_NOT_ACRONYM})[A-Z][A-Za-z]{{3,14}}(?={_CALLED})"
    + "".join(f"|(?i:{_HY.join(map(re.escape, name.split('-')))})" for name in alias_names())
    + rf")\b(?!{_HY}\d|\s*%)"
)
"""Protocols and acronyms as written: C-144-01 (or C144-01), IOV-COM-202, SPEARHEAD-1, ZUMA-7,
KarMMa-3, KEYNOTE-189, TRANSCEND-NHL-001, DESTINY-Lung02, and with spaces CheckMate 067 and
TRANSCEND CLL 004 (two capitals at least, so protein names such as Claudin-6 are not trials;
two letters, or a word without a number, only when called a trial or study: "the EV-302 trial",
"the phase 2 JULIET trial"),
and the curated names that follow no such pattern (innovaTIL-01, `catalog.trials`)."""
NOT_TRIALS = re.compile(
    r"(?i:grade|phase|cohort|arm|part|stage|level|type|class|day|week|month|year|covid|figure|table|version|cycle|"
    rf"line|dose|group|study|trial|ecog|recist|ctcae|lage|mage|gage|ssx|wt|muc|kras|lag|tim|cldn|hpv){_HY}",
)


_SPACED = re.compile(r"[A-Za-z] \d\d")
"""A name spelled with a space before its number (CheckMate 067) may be in a text without hyphens."""
CALLED_TRIAL = re.compile(r"\s+(?:(?:phase\s+[\dIV]+[ab]?(?:/[\dIV]+)?|pivotal|randomi[sz]ed|registrational)\s+)?(?:trial|study)\b", ICASE)
"""What follows a name that says it is a trial's, not a product's ("ASCENT-03 trial", "EV-302 phase 3 study")."""


def trials_in(text: str) -> list[str]:
    """Trial names stated in text, in order (never a product code or a marker such as HER-2)."""
    if "-" in text or "\u2011" in text or "\u2010" in text or "trial" in text or "study" in text or _SPACED.search(text):
        return list(_trials_in(text))
    return []


@lru_cache(maxsize=4096)
def _trials_in(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in TRIAL_NAME.finditer(text):
        name = m.group(0)
        plain = re.sub(_HY, "-", name)
        if NOT_TRIALS.match(plain) or NOT_PRODUCTS.match(plain):
            continue
        if PRODUCT_CODE.fullmatch(plain) and not CALLED_TRIAL.match(text, m.end()):
            continue  # LN-145 is a product; "the ASCENT-03 trial" names a trial
        if name not in out:
            out.append(name)
    return tuple(out)


PHASE = re.compile(
    r"\bphase\s*(?P<a>[1-4]|I{1,3}V?|IV)(?:[ab])?(?:\s*(?:/|-|–|and)\s*(?P<b>[1-4]|I{1,3}V?|IV)(?:[ab])?)?\b",
    ICASE,
)
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def phase_of(text: str) -> str | None:
    """The first trial phase stated in text, normalised ("Phase II" → "2", "1b/2" → "1/2")."""
    found = PHASE.search(text)
    if not found:
        return None
    a = ROMAN.get(found.group("a").lower(), found.group("a"))
    b = found.group("b")
    if b:
        b = ROMAN.get(b.lower(), b)
        return a if a == b else f"{a}/{b}"
    return a


ANTIGEN_NAMES = re.compile(
    # targets named by their symbol: NY-ESO-1, MAGE-A4, PRAME, GD2, claudin 18.2, CD19, SSX2, WT1, …
    r"\b(?:NY-?ESO-?1|MAGE-?[A-C]\d+|PRAME|GD-?2|GPC-?3|claudin[- ]?\d+(?:\.\d)?|CLDN-?\d+(?:\.\d)?|CD\d+[a-z]?|"
    r"SSX-?\d*|WT-?1|MART-?1|BCMA|HER-?2|EGFR|KRAS|NRAS|BRAF|ALK|BCL-?\d+|BRCA\d?)\b"
    # … and by the words their symbol abbreviates, which name a disease without being one:
    # New York esophageal squamous cell carcinoma 1, melanoma-associated antigen A4, preferentially
    # expressed antigen in melanoma, synovial sarcoma X breakpoint 2, anaplastic lymphoma kinase,
    # B-cell lymphoma 2, Kirsten rat sarcoma viral oncogene, breast cancer gene 1
    r"|\bNew\s+York\s+(?:o)?esophageal\s+squamous[- ]cell\s+carcinoma(?:[- ]?\d+)?"
    r"|\b(?:preferentially\s+)?expressed\s+antigen\s+(?:in|of)\s+melanomas?"
    r"|\b(?:melanoma|sarcoma|carcinoma|cancer|tumou?r|lymphoma|leuka?emia|glioma|neuroblastoma)"
    r"[- ](?:associated|specific|differentiation|testis|germline)\s+antigens?(?:\s+(?:gene|family))?(?:[- ]?[A-C]?\d+)?"
    r"|\b(?:melanoma|squamous[- ]cell\s+carcinoma)\s+antigens?(?:\s+(?:gene|family|recognized\s+by\s+T[- ]cells))?"
    r"(?:[- ]?[A-C]?\d+)?"
    r"|\bsynovial\s+sarcoma(?:[,\s]+|-)X(?:\s+breakpoint)?(?:[- ]?\d+)?\b"
    r"|\bEwing\s+sarcoma\s+breakpoint(?:\s+region)?(?:\s*\d+)?"
    r"|\b(?:anaplastic\s+)?lymphoma\s+kinase"
    r"|\bB[- ]cell\s+lymphoma[- ](?:\d+|extra[- ]large|xL)\b"
    r"|\b(?:Kirsten|Harvey)\s+rat\s+sarcoma(?:\s+viral)?(?:\s+oncogene)?(?:\s+homolog)?"
    r"|\b(?:murine\s+)?sarcoma\s+viral\s+oncogene(?:\s+homolog)?"
    r"|\bneuroblastoma\s+RAS(?:\s+viral)?(?:\s+oncogene)?(?:\s+homolog)?"
    r"|\bglioma[- ]associated\s+oncogene"
    r"|\bbreast\s+cancer\s+(?:type\s+\d\s+)?(?:susceptibility\s+)?(?:gene|protein)(?:\s*\d)?",
    ICASE,
)
"""Names of antigens and genes, which name diseases in their words (NY-ESO-1 is the New York esophageal
squamous cell carcinoma antigen; PRAME the preferentially expressed antigen in melanoma): a target,
never the disease of a trial. `diseases_in` blanks them before reading diseases."""
_ANTIGEN_WORD = re.compile("antigen|gene|kinase|breakpoint|new|lymphoma")
"""Cheap test before `_ANTIGEN_HINT` (plain words, no case folding): one is in every text it matches."""
_ANTIGEN_HINT = re.compile(r"antigen|gene|kinase|breakpoint|new\s+york|lymphoma[- ]\d|lymphoma[- ]x|oncogene", ICASE)


def mask_antigens(text: str) -> str:
    """The text with every antigen or gene name blanked (same length, so spans stay)."""
    lower = text.lower()
    if not _ANTIGEN_WORD.search(lower) or not _ANTIGEN_HINT.search(text):
        return text
    return ANTIGEN_NAMES.sub(lambda m: " " * len(m.group(0)), text)


_ORGAN_LABEL = re.compile(
    r"^\W*(?P<organ>cervical|ovarian|gastric|colorectal|pancreatic|bladder|breast|endometrial|prostate|renal|"
    r"esophageal|oesophageal|hepatocellular|urothelial|thyroid)\b(?!\s+(?:dose|cohort\s+\d|arm))",
    re.IGNORECASE,
)
_ORGAN_DISEASE = {
    "cervical": "cervical cancer",
    "ovarian": "ovarian cancer",
    "gastric": "gastric cancer",
    "colorectal": "colorectal cancer",
    "pancreatic": "pancreatic cancer",
    "bladder": "urothelial carcinoma",
    "urothelial": "urothelial carcinoma",
    "breast": "breast cancer",
    "endometrial": "endometrial cancer",
    "prostate": "prostate cancer",
    "renal": "renal cell carcinoma",
    "esophageal": "esophageal cancer",
    "oesophageal": "esophageal cancer",
    "hepatocellular": "hepatocellular carcinoma",
    "thyroid": "thyroid cancer",
}


def label_diseases(label: str) -> list[str]:
    """The diseases a short name (a table row, a heading) names: as `diseases_in`, and a bare organ
    word at its start as that organ's cancer (`Cervical`, `Ovarian: mixed signals`)."""
    found = [name for _s, _e, name in diseases_in(label)]
    if found:
        return found
    organ = _ORGAN_LABEL.match(label)
    return [_ORGAN_DISEASE[organ.group("organ").lower()]] if organ else []


def diseases_in(text: str) -> list[tuple[int, int, str]]:
    """Disease mentions (start, end, canonical name), the more specific first where they overlap;
    never inside an antigen or gene name (`mask_antigens`)."""
    return list(_diseases_in(text))


@lru_cache(maxsize=8192)
def _diseases_in(text: str) -> tuple[tuple[int, int, str], ...]:
    text = mask_antigens(text)
    lower = text.lower()
    found: list[tuple[int, int, str]] = []
    for name, pattern in open_gates(_DISEASE_GATES, text, lower):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _n in found):
                continue
            found.append((m.start(), m.end(), name))
    return tuple(sorted(found))


POPULATION_NOUN = (
    r"(?:patients?|pts|participants?|people|persons?|subjects?|individuals?|women|men|children|adults|"
    r"adolescents|cases|recipients)"
)


ANALYSIS_SET = re.compile(
    r"\b(?P<set>ITT|mITT|intent(?:ion)?[- ]to[- ]treat|modified\s+intent(?:ion)?[- ]to[- ]treat|infused|leukapheresed|"
    r"apheresed|efficacy(?:[- ]evaluable)?|response[- ]evaluable|per[- ]protocol|full[- ]analysis)\s+"
    r"(?:analysis\s+)?(?:set|population)\b",
    re.IGNORECASE,
)
"""An analysis set named as such (`the ITT set`, `the infused population`, `the efficacy-evaluable set`)."""


def analysis_set_label(name: str) -> str:
    """One name per analysis set: `intent-to-treat` and `ITT` are the `ITT set`."""
    low = re.sub(r"[\s-]+", " ", name.lower())
    if low.startswith("modified") or low == "mitt":
        return "mITT set"
    if low in ("itt",) or low.startswith("intent"):
        return "ITT set"
    if low in ("leukapheresed", "apheresed"):
        return "Leukapheresed set"
    if low.startswith("efficacy") or low.startswith("response"):
        return "Efficacy-evaluable set"
    if low.startswith("per"):
        return "Per-protocol set"
    if low.startswith("full"):
        return "Full analysis set"
    return f"{name[:1].upper()}{name[1:].lower()} set"
