"""Finding the quantities of one sentence: percents, counts, fractions, durations, intervals.

Numbers that are never outcome figures (p-values, hazard ratios, money, doses, trial
ids, phases, grades, years, ranges) are masked first; confidence intervals are kept
so they can be attached to the estimate before them, never mistaken for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tilbrowse.extract.lexicon import open_gates, split_keys
from tilbrowse.extract.numbers import APPROX, DECIMAL, SPELLED, number_value, spelled_value, to_months, unit_name

ICASE = re.IGNORECASE
NUM = rf"(?:{DECIMAL})"
NUM_DC = rf"(?:\d{{1,3}},\d{{1,2}}(?![\d,])|{DECIMAL})"
"""A number that may be written with a decimal comma (`8,3 months`, `44,1%`): used only right before a
unit or a percent sign, where a comma with one or two digits after it is no thousands separator."""
INT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?!\.\d)"
CNT = rf"(?:{INT}|{SPELLED})"
UNIT = r"(?:months?|mos?\.?(?![a-z])|weeks?|wks?\.?(?![a-z])|years?|yrs?\.?(?![a-z])|days?)"
PCT_SIGN = r"\s?(?:%|percent\b|per\s?cent\b|pct\b)"
NR_WORDS = r"(?i:not\s+(?:yet\s+)?(?:been\s+)?reach(?:ed)?\b(?!\s+(?:statistical|significance|the|its|an?|their|clinical|maturity|median)\b)|not\s+(?:yet\s+)?estimable)|(?<![A-Za-z-])NR(?![A-Za-z-])"
CI_BOUND = rf"(?:{NUM}|NR|NE|NA|N/A|NC|not\s+reached|not\s+(?:estimable|estimated|evaluable|calculable|available))"

_CI = re.compile(
    rf"[(\[,;]?\s*(?:95\s?%|95\s?percent)\s*(?:CI|C\.I\.|confidence\s+interval)s?(?:\s*[(\[]\s*CI\s*[)\]])?\s*(?:[:,=]|of|was)?\s*[(\[]?\s*"
    rf"(?P<lo>{CI_BOUND})\s*(?:%|{UNIT})?\s*(?:-|–|—|to|,)\s*(?P<hi>{CI_BOUND})\s*(?:%|{UNIT})?\s*[)\]]?\s*[)\]]?",
    ICASE,
)
_MASKS: list[tuple[tuple[str, ...], str]] = [
    # (gate keys: one must occur, lowercase keys in any case; pattern)
    # p-values, hazard and odds ratios, and their like
    (("<", "=", ">", "≤", "≥"), rf"\b[pP]\s*(?:value\s*)?[<=>≤≥]\s*{NUM}"),
    (
        ("HR", "hazard", "odds", "OR", "RR", "relative risk"),
        rf"\b(?:HR|hazard\s+ratio|odds\s+ratio|OR|RR|relative\s+risk)\s*(?:[:=,]|of|was|:)?\s*{NUM}",
    ),
    # an interval named without its bounds: "Median OS (95% CI) was …", "ORR (95% CI), %"
    (("95",), r"[(\[]?\s*95\s?%\s*(?:CI|C\.I\.|confidence\s+intervals?)\s*[)\]]?(?!\s*[:,=]?\s*[(\[]?\s*\d)"),
    # an interval in brackets that ends not reached: "17.3 months (13.0–NR)" (its bounds are never figures)
    (
        ("NR", "NE", "reached", "estimable"),
        rf"[(\[]\s*{NUM}\s*(?:%|{UNIT})?\s*(?:-|–|‒|—|to)\s*(?:NR|NE|not\s+reached|not\s+estimable)(?=\s*[;,)\]])",
    ),
    # ranges and inter-quartile ranges
    (
        ("range", "iqr", "interquartile"),
        rf"\b(?:range|IQR|interquartile\s+range)\s*[:,]?\s*{NUM}\s*{UNIT}?\s*(?:-|–|—|to)\s*(?:{NUM}|NR)\s*(?:%|{UNIT})?",
    ),
    # money, large quantities, cell doses
    (
        ("$", "€", "£", "¥", "usd", "eur"),
        rf"(?:[$€£¥]|USD\s?|EUR\s?|US\$)\s?{NUM}(?:\s*(?:million|billion|thousand|[mbk]n?|M|B)\b)?",
    ),
    (("million", "billion", "trillion", "thousand"), rf"{NUM}\s*(?:million|billion|trillion|thousand)\b"),
    (("x", "×", "*"), rf"{NUM}\s*(?:[x×]|\*)\s*10\s*(?:\^|e)?\s*\d+"),
    (
        ("mg", "mcg", "µg", "ug", "kg", "g", "ml", "l", "iu", "cell", "gy", "kda", "nm", "μm", "ci"),
        rf"{NUM}\s*(?:mg|mcg|µg|ug|kg|g|ml|mL|L|IU|MIU|cells?|IU/kg|mg/kg|mg/m2|Gy|cGy|kDa|nM|μM|%\s*CI)\b",
    ),
    # identifiers and ordinal labels
    (("nct",), r"\bNCT\s?-?\d{8}\b"),
    (
        (),  # ungated: the lookahead on first letters only makes the search skip faster
        r"\b(?=[psgcadlwmyvritfqh])(?:phases?|stages?|grades?|cohorts?|parts?|arms?|groups?|dose\s+levels?|levels?|DLs?|steps?|lines?|cycles?|day|week|"
        r"month|year|version|v(?=\d)|(?:RECIST|CTCAE|protocol|criteria)\s+v|RECIST|iRECIST|CTCAE|abstract|poster|LBA|table|figure|Q|H|FY)\s*#?\s*"
        r"(?:[0-9]+(?:\.[0-9]+)?[a-z]?|[IVX]+[ab]?)"
        # a list of labels goes on with '/', '-', 'or', 'and', 'to', or commas that end in 'and'/'or'
        # ("dose levels 1, 2 and 3") or run on for three ids or more ("cohorts 1, 2, 3"); "dose level 3,
        # 3 of 5 responded" is a label, then a count
        # (never a value: "DL2 and 58.3% at DL3")
        r"(?:\s*(?:/|-|–|or|and|to)\s*(?:[0-9]+[a-z]?(?![.,]?\d|\s*(?:%|percent|months?))|[IVX]+[ab]?)"
        r"|(?:\s*,\s*(?:[0-9]+[a-z]?|[IVX]+[ab]?)){1,8}\s*,?\s*(?:and|or)\s*(?:[0-9]+[a-z]?|[IVX]+[ab]?)"
        r"|(?:\s*,\s*(?:[0-9]+[a-z]?|[IVX]+[ab]?)){2,}){0,8}(?![\d%])",
    ),
    (("≥", ">", "<", "≤"), r"\b(?:≥|>=|>|<|≤|<=)\s*(?:grade\s*)?\d"),
    (("grade",), r"\bgrade\s*(?:≥|>=|>)?\s*\d"),
    (
        (
            "IL",
            "PD",
            "CD",
            "HLA",
            "CTLA",
            "HER",
            "MAGE",
            "NY-ESO",
            "GD",
            "IMA",
            "LN",
            "CT",
            "OBX",
            "IOV",
            "CAR",
            "TIL",
            "TCR",
        ),
        r"\b(?:IL|PD|CD|HLA|CTLA|HER|MAGE|NY-ESO|GD|IMA|ITIL|LN|CT|OBX|IOV|CAR|TIL|TCR)-?\d+[A-Za-z]?\d*\b",
    ),
    # a whole date: its day is no count ("1 Feb 2024", "April 30, 2025", "30-Apr-2025")
    (
        ("19", "20"),
        r"\b\d{1,2}(?:st|nd|rd|th)?[\s-]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?[\s-]+(?:19|20)\d\d\b"
        r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b",
    ),
    (("19", "20"), r"\b(?:19|20)\d\d\b(?!\s*(?:%|patients|pts|participants))"),
    (("st", "nd", "rd", "th"), r"\b\d+(?:st|nd|rd|th)\b"),
    # "one third", "two-thirds", "a quarter" of patients: a share in words, neither a count nor a percent
    # (a spelled number is a run of `1` here)
    (
        ("third", "quarter", "fifth", "half", "halves"),
        r"\b(?:1+|an?)[\s-]+(?:thirds?|quarters?|fifths?|halfs?|halves)\b",
    ),
    # "one in three patients": a ratio, not a count
    ((" in ",), r"\b\d+\s+in\s+(?:every\s+)?\d+\b(?!\s*(?:%|percent))"),
    ((":",), r"\b\d{1,2}:\d{2}\b"),
    (("/",), r"\b\d{1,2}/(?:\d{1,2}/)?(?:19|20)\d\d\b"),
    # ages and eligibility
    (("age",), rf"\b(?:aged?|ages)\s+{NUM}\s*(?:-|–|to|and)\s*{NUM}"),
    (("year", "yr"), rf"\b{NUM}\s*(?:years?|yrs?)\s*(?:of\s+age|old|or\s+older|and\s+older)"),
    (("year",), rf"\b{NUM}-year-old"),
]
_MASK_RES = [(*(split_keys(keys) if keys else (("",), ())), re.compile(pattern, ICASE)) for keys, pattern in _MASKS]
"""Each mask behind its gate words (an ungated mask's gate, `("",)`, is always open)."""
_LANDMARK = re.compile(
    # the lookahead (what either reading can start with) only makes the search skip faster
    rf"(?=[\d.deops])(?:(?P<t>{NUM})[- ](?P<u>month|year|mo|yr|week)s?[- ](?:landmark\s+)?"
    rf"(?P<what>OS|PFS|DOR|DoR|EFS|RFS|overall\s+survival|progression[- ]free\s+survival|survival|event[- ]free\s+survival|"
    rf"duration\s+of\s+response|response\s+duration|DCR)(?:\s+rates?)?"
    rf"|(?P<what2>OS|PFS|EFS|overall\s+survival|progression[- ]free\s+survival|survival|DOR|duration\s+of\s+response)"
    rf"\s+(?:rates?\s+)?(?:at|by|after)\s+(?P<t2>{NUM})\s+(?P<u2>months?|years?))",
    ICASE,
)
_RANGE = re.compile(rf"(?P<a>{NUM})\s*(?:%|percent)?\s*(?:-|–|—|to)\s*(?P<b>{NUM})\s*(?:%|percent|{UNIT})", ICASE)
_RANGE_SPELLED = re.compile(
    rf"(?P<a>{NUM}|{SPELLED})\s*(?:%|percent)?\s*(?:-|–|—|to)\s*(?P<b>{NUM}|{SPELLED})\s*(?:%|percent|{UNIT})",
    ICASE,
)
SPELLED_HINT = re.compile(
    r"\b(?=[zotfsenh])(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b",
    ICASE,
)
"""Whether a text has spelled-out numbers at all (the spelled patterns are slow, so they are skipped;
the lookahead on first letters only makes the search skip faster)."""
_MONTH_M = r"(?-i:M)(?![\w-])(?!\s*(?:cells?|CAR|TILs?|T\b|doses?|patients|pts|USD|EUR))"
"""Abstracts glue "M" to a number for months (`mPFS 4.1M vs 1.6M`); never for money or cell doses."""
_DUR = re.compile(rf"(?<![\w.,])(?P<v>{NUM_DC}|{SPELLED})(?:\s*|-)(?P<u>{UNIT})(?![\w-])", ICASE)
_DUR_DIGITS = re.compile(rf"(?<![\w.,])(?P<v>{NUM_DC})(?:\s*|-)(?P<u>{UNIT})(?![\w-])", ICASE)
_DUR_M = re.compile(rf"(?<![\w.$€£])(?P<v>{NUM})(?:(?:\s*|-)(?P<u>{UNIT})(?![\w-])|(?P<m>{_MONTH_M}))", ICASE)
_DUR_SPLIT = re.compile(
    rf"(?<![\w.])(?P<v>{NUM})\s*(?P<iv>\(\s*(?:95\s?%\s*(?:CI|confidence\s+interval)\s*[,:=]?\s*)?(?P<lo>{CI_BOUND})\s*"
    rf"(?:-|–|‒|—|to|,)\s*(?P<hi>{CI_BOUND})\s*\))\s*(?P<u>{UNIT})(?![\w-])",
    ICASE,
)
_UNIT_AFTER_PAREN = re.compile(r"\)\s*(?:mo|wk|we|ye|yr|da)", ICASE)
"""Cheap gate: a unit right after a bracket, so a value's interval may sit before its unit."""
_GLUED_M = re.compile(r"\dM\b")
"""Only a sentence with a number glued to "M" is read with the slower pattern that knows it."""
_NR = re.compile(NR_WORDS)
_NR_AGAIN = re.compile(r"\s*[(\[]\s*(?:NR|NE)\s*[)\]]")
_APPROX_BEFORE = re.compile(rf"{APPROX}\s*$", ICASE)
_NEQ = re.compile(rf"\(?\s*\b[nN]\s*=\s*(?P<n>{INT})(?!\d|,\d)(?!\s*/\s*\d)(?!(?:\s*(?:and|or|,|;)\s*(?:[nN]\s*=\s*)?\d+){{1,6}}\s*\))\s*\)?")
"""`n = 24`; `n = 5/7` is a fraction (a count of a denominator), not a population size."""
_PCT = re.compile(rf"(?<![\w.,])(?P<v>{NUM_DC}){PCT_SIGN}", ICASE)
_FRAC = re.compile(
    rf"(?<![\w.])(?P<c>{CNT})\s*(?:/|\bof\s+(?:the\s+|all\s+|these\s+|those\s+|their\s+)?|\bout\s+of\s+(?:the\s+)?)"
    rf"(?P<n>{INT}|{SPELLED})(?![\w.%]|-[\d.]|\s*(?:%|percent))",
    ICASE,
)
_FRAC_DIGITS = re.compile(
    rf"(?<![\w.])(?P<c>{INT})\s*(?:/|\bof\s+(?:the\s+|all\s+|these\s+|those\s+|their\s+)?|\bout\s+of\s+(?:the\s+)?)"
    rf"(?P<n>{INT})(?![\w.%]|-[\d.]|\s*(?:%|percent))",
    ICASE,
)
_CNT = re.compile(rf"(?<![\w.,-])(?P<c>{CNT})(?![\w.,]*\d|[-\w])", ICASE)
_CNT_DIGITS = re.compile(rf"(?<![\w.,-])(?P<c>{INT})(?![\w.,]*\d|[-\w])", ICASE)


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
    if text.upper().startswith(("NR", "NE", "NOT", "NA", "N/A", "NC")):
        return None
    return number_value(text)


_SPELLED_TOKEN = re.compile(rf"\b{SPELLED}\b", ICASE)


def _digits_for_words(text: str) -> tuple[str, dict[int, tuple[int, float]]]:
    """Replace spelled numbers by same-length runs of `1`, so digit patterns alone find them.

    Spans stay identical; the returned map gives the end and value of each replaced number by its
    start. The runs of `1` are placeholders, never values: every number read from the replaced text
    is read through `_value_at`, which gives a placeholder the value of its words.
    """
    if not SPELLED_HINT.search(text):
        return text, {}
    values: dict[int, tuple[int, float]] = {}
    parts: list[str] = []
    pos = 0
    for m in _SPELLED_TOKEN.finditer(text):
        value = spelled_value(m.group(0))
        if value is None:
            continue
        values[m.start()] = (m.end(), float(value))
        parts.append(text[pos : m.start()])
        parts.append("1" * (m.end() - m.start()))
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), values


def _value_at(
    spelled: dict[int, tuple[int, float]], text: str, start: int, end: int, read: Callable[[str], float | None]
) -> float | None:
    """The value of the number at text[start:end] of a replaced text: a spelled number's own value
    when the span is exactly its placeholder, None when the span cuts into a placeholder or runs on
    from one (digits glued to a spelled word are no number), else what `read` makes of the digits."""
    for s, (e, value) in spelled.items():
        if s < end and start < e:
            return value if (s, e) == (start, end) else None
    return read(text[start:end])


def scan(text: str) -> Scan:
    """Find the typed quantities of a sentence."""
    original = text
    text, spelled_values = _digits_for_words(text)

    def value_at(m: re.Match[str], group: str, read: Callable[[str], float | None] = number_value) -> float | None:
        return _value_at(spelled_values, text, m.start(group), m.end(group), read)

    masked: list[tuple[int, int]] = []
    cis: list[tuple[int, int, float | None, float | None]] = []
    lower = text.lower()
    spelled = False
    for m in _CI.finditer(text) if "95" in text else ():
        cis.append((m.start(), m.end(), value_at(m, "lo", _ci_value), value_at(m, "hi", _ci_value)))
        masked.append((m.start(), m.end()))
    landmarks: list[Landmark] = []
    maybe_landmark = any(u in lower for u in ("month", "year", "mo", "yr", "week")) and any(
        k in lower for k in ("os", "pfs", "surviv", "dor", "efs", "rfs", "response", "dcr")
    )
    for m in _LANDMARK.finditer(text) if maybe_landmark else ():
        if _overlaps(masked, m.start(), m.end()):
            continue
        what = (m.group("what") or m.group("what2") or "").strip()
        tg = "t" if m.group("t") else "t2"
        t = original[m.start(tg) : m.end(tg)]
        u = (m.group("u") or m.group("u2") or "").rstrip("s")
        landmarks.append(Landmark(f"{t}-{u} {what} rate".replace("  ", " "), m.start(), m.end()))
        masked.append((m.start(), m.end()))
    for pattern in open_gates(_MASK_RES, text, lower):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            # A mask that runs on into a spelled number ("RECIST v1.1, two patients") stops before it:
            # the spelled word was a number of its own, written out.
            end = min([p for p in spelled_values if start < p < end] or [end])
            if not _overlaps(masked, start, end):
                masked.append((start, end))
    ranges: list[tuple[int, int]] = []
    for m in (_RANGE_SPELLED if spelled else _RANGE).finditer(text):
        if not _overlaps(masked, m.start(), m.end()):
            ranges.append((m.start(), m.end()))
            masked.append((m.start(), m.end()))

    found: list[Quantity] = []
    taken: list[tuple[int, int]] = list(masked)

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    approx_before = _APPROX_BEFORE

    def is_approx(start: int) -> bool:
        return bool(approx_before.search(original[max(0, start - 20) : start]))

    # A duration whose interval sits between the value and its unit: "9.0 (8.1–10.4) mo",
    # "27.6 (95% CI, 21.3 to 33.9) months".
    for m in _DUR_SPLIT.finditer(text) if _UNIT_AFTER_PAREN.search(text) else ():
        if _overlaps(taken, m.start("v"), m.end("v")) or re.search(r"range|IQR", m.group("iv"), ICASE):
            continue
        value = value_at(m, "v")
        if value is None:
            continue
        unit = unit_name(m.group("u"))
        q = Quantity("dur", m.start("v"), m.end(), to_months(value, unit), unit=unit, stated=value)
        q.ci = (value_at(m, "lo", _ci_value), value_at(m, "hi", _ci_value))
        taken.append((m.start("iv"), m.end("iv")))
        add(q)
        _shared_unit(text, m.start("v"), unit, taken, add, is_approx, value_at)
    # Durations, including lists sharing one unit ("7.2 vs 3.1 months").
    for m in (_DUR if spelled else _DUR_M if _GLUED_M.search(text) else _DUR_DIGITS).finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        value = value_at(m, "v")
        if value is None:
            continue
        unit = unit_name(m.group("u")) if m.group("u") else "months"  # "4.1M": months
        add(
            Quantity(
                "dur", m.start(), m.end(), to_months(value, unit), unit=unit, stated=value, approx=is_approx(m.start())
            )
        )
        _shared_unit(text, m.start(), unit, taken, add, is_approx, value_at)
    # "median DoR 9.4 m", "mPFS was 5.6m": an abstract's months, right after a time metric
    for m in _DUR_LOWER_M.finditer(text) if ("m" in text and _TIME_METRIC.search(text)) else ():
        if _overlaps(taken, m.start(), m.end()) or not _TIME_METRIC.search(text, max(0, m.start() - 30), m.start()):
            continue
        value = value_at(m, "v")
        if value is not None:
            add(Quantity("dur", m.start(), m.end(), value, unit="months", stated=value, approx=is_approx(m.start())))
    for m in _NR.finditer(text) if ("NR" in text or "not" in lower) else ():
        if not _overlaps(taken, m.start(), m.end()):
            # "not reached (NR)": one value, its abbreviation with it
            again = _NR_AGAIN.match(text, m.end())
            add(Quantity("nr", m.start(), again.end() if again else m.end()))
    for m in _NEQ.finditer(text) if "=" in text else ():
        if not _overlaps(taken, m.start(), m.end()) and (value := value_at(m, "n")) is not None:
            add(Quantity("neq", m.start(), m.end(), value))
    for m in _PCT.finditer(text):
        if not _overlaps(taken, m.start(), m.end()) and (value := value_at(m, "v")) is not None:
            add(Quantity("pct", m.start(), m.end(), value, approx=is_approx(m.start())))
            # "ORR was 31.5 and 6.4%", "40 vs 22%": the number before shares the percent sign.
            shared = _SHARED_PERCENT.search(text, max(0, m.start() - 30), m.start())
            if (
                shared
                and not _overlaps(taken, shared.start("v"), shared.end("v"))
                # a ratio before it ("hazard ratio 0.62 vs 45%") or a share of patients after it
                # ("5.5 and 12% of patients had …") is not the pair of one figure
                and not _RATIO_BEFORE.search(text, max(0, shared.start("v") - 30), shared.start("v"))
                and not _SHARE_AFTER.match(text, m.end())
            ):
                before = value_at(shared, "v")
                decimal = "." in shared.group("v")
                if before is not None and before <= 100 and (decimal or shared.group("vs")):
                    add(Quantity("pct", shared.start("v"), shared.end("v"), before, approx=is_approx(shared.start("v"))))
    for m in (_FRAC if spelled else _FRAC_DIGITS).finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        c, n = value_at(m, "c"), value_at(m, "n")
        if c is None or n is None or c > n or n == 0:
            continue
        add(Quantity("frac", m.start(), m.end(), c, denominator=int(n), approx=is_approx(m.start())))
    for m in (_CNT if spelled else _CNT_DIGITS).finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        value = value_at(m, "c")
        if value is None:
            continue
        add(Quantity("cnt", m.start(), m.end(), value, approx=is_approx(m.start())))
    found.sort(key=lambda q: q.start)
    # Attach each stated interval to the estimate just before it.
    for start, _end, lo, hi in cis:
        estimate = _estimate_before(text, found, masked, start)
        if estimate is not None:
            estimate.ci = (lo, hi)
    return Scan(original, found, masked, landmarks, ranges)


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


_DUR_LOWER_M = re.compile(rf"(?<![\w.$€£])(?P<v>{NUM})\s?m(?=[\s.,;:)\]]|$)")
_TIME_METRIC = re.compile(r"(?:\bm?(?:PFS|OS|DoR|DOR|TTR|EFS)\b|survival|follow[- ]?up|duration|time\s+to)", re.IGNORECASE)
"""A time metric a lower-case `m` after a number can only be the months of."""
_SHARED_PERCENT = re.compile(
    rf"(?<![\w.,/-])(?P<v>{NUM})\s*(?:(?P<vs>vs\.?|v\.?|versus|compared\s+with)|and|or)\s*$", ICASE
)
"""A number right before a percent that shares its sign (a decimal, or an integer set against it)."""
_RATIO_BEFORE = re.compile(r"\b(?:ratio|HR|OR|odds|hazard)\b[^\d]{0,20}$", ICASE)
_SHARE_AFTER = re.compile(r"\s*of\s+(?:the\s+|all\s+)?(?:patients|pts|participants|subjects|responders)\b", ICASE)
_SHARED_BEFORE = re.compile(
    rf"(?<![\w./-])(?P<v>{NUM})\s*(?:[(\[]\s*(?:95\s?%\s*CI[,:]?\s*)?{NUM}\s*(?:-|–|—|to|,)\s*(?:{NUM}|NR|NE)\s*[)\]]\s*)?"
    r"(?:vs\.?|v\.?|versus|,?\s*and|or|,|compared\s+with)\s*$",
    ICASE,
)
"""A number before a duration that shares its unit (`7.2 vs 3.1 months`), with its interval between
(`5.6 (95% CI, 4.1–8.3) and 14.3 (…) months`)."""


def _shared_unit(
    text: str,
    start: int,
    unit: str,
    taken: list[tuple[int, int]],
    add: object,
    is_approx: object,
    value_at: Callable[[re.Match[str], str], float | None],
) -> None:
    """Numbers before a duration that share its unit: `7.2 vs 3.1 months`, `7.2 and 3.1 months`."""
    window = max(0, start - 80)
    m = _SHARED_BEFORE.search(text, window, start)
    while m and not _overlaps(taken, m.start("v"), m.end("v")):
        value = value_at(m, "v")
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
        end = m.start("v")
        m = _SHARED_BEFORE.search(text, max(0, end - 80), end)
