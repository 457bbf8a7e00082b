"""Finding the quantities of one sentence: percents, counts, fractions, durations, intervals.

Numbers that are never outcome figures (p-values, hazard ratios, money, doses, trial
ids, phases, grades, years, ranges) are masked first; confidence intervals are kept
so they can be attached to the estimate before them, never mistaken for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tilbrowse.data.extract.numbers import APPROX, DECIMAL, SPELLED, number_value, to_months, unit_name

ICASE = re.IGNORECASE
NUM = rf"(?:{DECIMAL})"
INT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?!\.\d)"
CNT = rf"(?:{INT}|{SPELLED})"
UNIT = r"(?:months?|mos?\.?(?![a-z])|weeks?|wks?\.?(?![a-z])|years?|yrs?\.?(?![a-z])|days?)"
PCT_SIGN = r"\s?(?:%|percent\b|per\s?cent\b|pct\b)"
NR_WORDS = r"(?i:not\s+(?:yet\s+)?(?:been\s+)?reached|not\s+(?:yet\s+)?estimable)|(?<![A-Za-z-])NR(?![A-Za-z-])"
CI_BOUND = rf"(?:{NUM}|NR|NE|not\s+reached|not\s+estimable)"

_CI = re.compile(
    rf"[(\[,;]?\s*(?:95\s?%|95\s?percent)\s*(?:CI|C\.I\.|confidence\s+interval)s?\s*(?:[:,=]|of|was)?\s*[(\[]?\s*"
    rf"(?P<lo>{CI_BOUND})\s*(?:%|{UNIT})?\s*(?:-|–|—|to|,)\s*(?P<hi>{CI_BOUND})\s*(?:%|{UNIT})?\s*[)\]]?\s*[)\]]?",
    ICASE,
)
_MASKS = [
    # p-values, hazard and odds ratios, and their like
    rf"\b[pP]\s*(?:value\s*)?[<=>≤≥]\s*{NUM}",
    rf"\b(?:HR|hazard\s+ratio|odds\s+ratio|OR|RR|relative\s+risk)\s*(?:[:=,]|of|was|:)?\s*{NUM}",
    # ranges and inter-quartile ranges
    rf"\b(?:range|IQR|interquartile\s+range)\s*[:,]?\s*{NUM}\s*{UNIT}?\s*(?:-|–|—|to)\s*(?:{NUM}|NR)\s*(?:%|{UNIT})?",
    # money, large quantities, cell doses
    rf"(?:[$€£¥]|USD\s?|EUR\s?|US\$)\s?{NUM}(?:\s*(?:million|billion|thousand|[mbk]n?|M|B)\b)?",
    rf"{NUM}\s*(?:million|billion|trillion|thousand)\b",
    rf"{NUM}\s*(?:[x×]|\*)\s*10\s*(?:\^|e)?\s*\d+",
    rf"{NUM}\s*(?:mg|mcg|µg|ug|kg|g|ml|mL|L|IU|MIU|cells?|IU/kg|mg/kg|mg/m2|Gy|cGy|kDa|nM|μM|%\s*CI)\b",
    # identifiers and ordinal labels
    r"\bNCT\s?-?\d{8}\b",
    r"\b(?:phase|stage|grade|cohort|part|arm|group|dose\s+level|level|DL|step|lines?|cycles?|day|week|month|year|"
    r"version|v|RECIST|iRECIST|CTCAE|abstract|poster|LBA|table|figure|Q|H|FY)\s*#?\s*(?:[0-9]+(?:\.[0-9]+)?[a-z]?|[IVX]+[ab]?)"
    r"(?:\s*(?:/|-|–|or|and|to)\s*(?:[0-9]+[a-z]?|[IVX]+[ab]?))?(?![\d%])",
    r"\b(?:≥|>=|>|<|≤|<=)\s*(?:grade\s*)?\d",
    r"\bgrade\s*(?:≥|>=|>)?\s*\d",
    r"\b(?:IL|PD|CD|HLA|CTLA|HER|MAGE|NY-ESO|GD|IMA|ITIL|LN|CT|OBX|IOV|CAR|TIL|TCR)-?\d+[A-Za-z]?\d*\b",
    r"\b(?:19|20)\d\d\b(?!\s*(?:%|patients|pts|participants))",
    r"\b\d+(?:st|nd|rd|th)\b",
    # "one in three patients": a ratio, not a count
    rf"\b(?:{SPELLED}|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{SPELLED}|\d+)\b(?!\s*(?:%|percent))",
    r"\b\d{1,2}:\d{2}\b",
    # ages and eligibility
    rf"\b(?:aged?|ages)\s+{NUM}\s*(?:-|–|to|and)\s*{NUM}",
    rf"\b{NUM}\s*(?:years?|yrs?)\s*(?:of\s+age|old|or\s+older|and\s+older)",
    rf"\b{NUM}-year-old",
]
_MASK = re.compile("|".join(f"(?:{m})" for m in _MASKS), ICASE)
_LANDMARK = re.compile(
    rf"(?P<t>{NUM}|{SPELLED})[- ](?P<u>month|year|mo|yr|week)s?[- ](?:landmark\s+)?"
    rf"(?P<what>OS|PFS|DOR|DoR|EFS|RFS|overall\s+survival|progression[- ]free\s+survival|survival|event[- ]free\s+survival|"
    rf"duration\s+of\s+response|response\s+duration|DCR)(?:\s+rates?)?"
    rf"|(?P<what2>OS|PFS|EFS|overall\s+survival|progression[- ]free\s+survival|survival|DOR|duration\s+of\s+response)"
    rf"\s+(?:rates?\s+)?(?:at|by|after)\s+(?P<t2>{NUM}|{SPELLED}|one)\s+(?P<u2>months?|years?)",
    ICASE,
)
_RANGE = re.compile(
    rf"(?P<a>{NUM}|{SPELLED})\s*(?:%|percent)?\s*(?:-|–|—|to)\s*(?P<b>{NUM}|{SPELLED})\s*(?:%|percent|{UNIT})",
    ICASE,
)


@dataclass
class Quantity:
    """One number in a sentence, typed."""

    kind: str
    """`pct`, `cnt`, `frac`, `dur`, `nr`, `neq` (an `n=` population size)."""
    start: int
    end: int
    value: float | None = None
    """Percent for `pct`, count for `cnt`/`frac`/`neq`, months for `dur`."""
    denominator: int | None = None
    unit: str | None = None
    stated: float | None = None
    """The duration as stated, in `unit`."""
    approx: bool = False
    ci: tuple[float | None, float | None] | None = None


@dataclass
class Landmark:
    """A landmark rate ("12-month OS rate") found in a sentence; it is never a median."""

    name: str
    start: int
    end: int


@dataclass
class Scan:
    """The quantities, intervals and landmarks of one sentence."""

    text: str
    quantities: list[Quantity]
    masked: list[tuple[int, int]]
    landmarks: list[Landmark]
    ranges: list[tuple[int, int]]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def _ci_value(text: str) -> float | None:
    text = text.strip()
    if text.upper().startswith(("NR", "NE", "NOT")):
        return None
    return number_value(text)


def scan(text: str) -> Scan:
    """Find the typed quantities of a sentence."""
    masked: list[tuple[int, int]] = []
    cis: list[tuple[int, int, float | None, float | None]] = []
    for m in _CI.finditer(text):
        cis.append((m.start(), m.end(), _ci_value(m.group("lo")), _ci_value(m.group("hi"))))
        masked.append((m.start(), m.end()))
    landmarks: list[Landmark] = []
    for m in _LANDMARK.finditer(text):
        if _overlaps(masked, m.start(), m.end()):
            continue
        what = (m.group("what") or m.group("what2") or "").strip()
        t = m.group("t") or m.group("t2")
        u = (m.group("u") or m.group("u2") or "").rstrip("s")
        landmarks.append(Landmark(f"{t}-{u} {what} rate".replace("  ", " "), m.start(), m.end()))
        masked.append((m.start(), m.end()))
    for m in _MASK.finditer(text):
        if not _overlaps(masked, m.start(), m.end()):
            masked.append((m.start(), m.end()))
    ranges: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        if not _overlaps(masked, m.start(), m.end()):
            ranges.append((m.start(), m.end()))
            masked.append((m.start(), m.end()))

    found: list[Quantity] = []
    taken: list[tuple[int, int]] = list(masked)

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    approx_before = re.compile(rf"{APPROX}\s*$", ICASE)

    def is_approx(start: int) -> bool:
        return bool(approx_before.search(text[max(0, start - 20) : start]))

    # Durations, including lists sharing one unit ("7.2 vs 3.1 months").
    for m in re.finditer(rf"(?<![\w.])(?P<v>{NUM}|{SPELLED})(?:\s*|-)(?P<u>{UNIT})(?![\w-])", text, ICASE):
        if _overlaps(taken, m.start(), m.end()):
            continue
        value = number_value(m.group("v"))
        if value is None:
            continue
        unit = unit_name(m.group("u"))
        add(
            Quantity(
                "dur", m.start(), m.end(), to_months(value, unit), unit=unit, stated=value, approx=is_approx(m.start())
            )
        )
        _shared_unit(text, m.start(), unit, taken, add, is_approx)
    for m in re.finditer(NR_WORDS, text):
        if not _overlaps(taken, m.start(), m.end()):
            add(Quantity("nr", m.start(), m.end()))
    for m in re.finditer(rf"\(?\s*\b[nN]\s*=\s*(?P<n>{INT})\s*\)?", text):
        if not _overlaps(taken, m.start(), m.end()):
            add(Quantity("neq", m.start(), m.end(), float(m.group("n").replace(",", ""))))
    for m in re.finditer(rf"(?<![\w.])(?P<v>{NUM}){PCT_SIGN}", text, ICASE):
        if not _overlaps(taken, m.start(), m.end()):
            add(Quantity("pct", m.start(), m.end(), float(m.group("v").replace(",", "")), approx=is_approx(m.start())))
    for m in re.finditer(
        rf"(?<![\w.])(?P<c>{CNT})\s*(?:/|\bof\s+(?:the\s+|all\s+|these\s+|those\s+|their\s+)?|\bout\s+of\s+(?:the\s+)?)"
        rf"(?P<n>{INT}|{SPELLED})(?![\w.%-]|\s*(?:%|percent))",
        text,
        ICASE,
    ):
        if _overlaps(taken, m.start(), m.end()):
            continue
        c, n = number_value(m.group("c")), number_value(m.group("n"))
        if c is None or n is None or c > n or n == 0:
            continue
        add(Quantity("frac", m.start(), m.end(), c, denominator=int(n), approx=is_approx(m.start())))
    for m in re.finditer(rf"(?<![\w.,-])(?P<c>{CNT})(?![\w.,]*\d|[-\w])", text, ICASE):
        if _overlaps(taken, m.start(), m.end()):
            continue
        value = number_value(m.group("c"))
        if value is None:
            continue
        add(Quantity("cnt", m.start(), m.end(), value, approx=is_approx(m.start())))
    found.sort(key=lambda q: q.start)
    # Attach each stated interval to the estimate just before it.
    for start, _end, lo, hi in cis:
        estimate = _estimate_before(text, found, masked, start)
        if estimate is not None:
            estimate.ci = (lo, hi)
    return Scan(text, found, masked, landmarks, ranges)


def _estimate_before(text: str, found: list[Quantity], masked: list[tuple[int, int]], start: int) -> Quantity | None:
    """The estimate a stated interval belongs to: the nearest percent or duration before it,
    skipping only a fraction or count between them (`31.4% (48/153; 95% CI …)`)."""
    for q in reversed([q for q in found if q.end <= start]):
        if start - q.end > 40:
            return None
        if q.kind in ("pct", "dur", "nr"):
            gap = text[q.end : start]
            if any(q.end <= s < start for s, e in masked if (s, e) != (start, start)):
                return None
            return q if not re.search(r"[a-z]{4,}", gap, ICASE) or "n=" in gap else None
        if q.kind not in ("frac", "cnt", "neq"):
            return None
    return None


def _shared_unit(
    text: str, start: int, unit: str, taken: list[tuple[int, int]], add: object, is_approx: object
) -> None:
    """Numbers before a duration that share its unit: `7.2 vs 3.1 months`, `7.2 and 3.1 months`."""
    head = text[:start]
    m = re.search(rf"(?<![\w.])(?P<v>{NUM})\s*(?:vs\.?|versus|and|or|,|compared\s+with)\s*$", head, ICASE)
    while m and not _overlaps(taken, m.start("v"), m.end("v")):
        value = number_value(m.group("v"))
        if value is None:
            return
        add(  # type: ignore[operator]
            Quantity(
                "dur",
                m.start("v"),
                m.end("v"),
                to_months(value, unit),
                unit=unit,
                stated=value,
                approx=is_approx(m.start("v")),  # type: ignore[operator]
            )
        )
        head = text[: m.start("v")]
        m = re.search(rf"(?<![\w.])(?P<v>{NUM})\s*(?:vs\.?|versus|and|or|,|compared\s+with)\s*$", head, ICASE)
