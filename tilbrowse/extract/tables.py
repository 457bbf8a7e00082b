"""Journal tables flattened to text: one cohort per column, one outcome per row.

A table copied from a journal page loses its cell borders. What is left is a header that
names the columns, each with its size (`All patientsN = 60Tumour typeCutaneousn = 41…`),
and one line per row: a metric label, perhaps `(95% CI)` and a unit (`, %`, `, months`,
`, n (%)`), then one cell per column — `25.0 (14.7–37.9)`, `12 (20.0)`, `NE (4.1-NE)`,
`NE` — glued to each other or separated by tabs or runs of spaces. A line without cells
(`PFS`) heads the sub-rows after it (` Median (95% CI), months…`).

What is read, and what is not:

- A column is a cohort: its label (with the label of its column group when the label alone
  says little: `Prior therapy: yes`) and its size. Groups written together above their
  columns (`Prior anti-PD-1Liver metastases` over four columns) are spread over the columns
  only when the columns' sizes split into runs that each add up to the first column's size.
- A row gives a figure only when its label (or its heading's) names an outcome in full:
  ORR, CR, PR, SD, PD, DCR, or a *median* PFS, OS, DOR, time to response or follow-up; and
  only when its unit says what a cell holds (a percent, a count and its percent, a time).
  Landmark rates (`6-month rate`), events, hazard ratios and everything in a table about
  adverse events or baseline characteristics give nothing.
- A cell `NE` (not estimable) is no figure; `NR` is a median not reached. Interval bounds
  are never figures.
- A row whose cells do not number the columns is not guessed at: it gives nothing.

Plain text in, plain records out; the `cohorts` Assembler turns them into cohorts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tilbrowse.extract.numbers import to_months, unit_name

ICASE = re.IGNORECASE

MAX_LINE = 2000
"""Longer lines are not table rows (and no pattern below sees more)."""
MAX_HEADER_LINES = 4
MAX_STACKED_HEADER = 16
"""A header whose columns each take a few short lines (label, dose, `(n=59)`) may run this long."""
SHORT_LINE = 60
MAX_TABLE_ROWS = 500
"""Rows read of one table, of any shape (the longest table of the test and real-article sets has
under ten): the rows past it are left unread and the article says so."""
MAX_LABEL_WORDS = 10

_SIZE = re.compile(r"\(?[ \t]*[nN][ \t]*=[ \t]*(?P<n>\d{1,6})(?![\d.,]\d)[ \t]*\)?")
"""A column size: `N = 60`, `(n=41)`, glued to its label (`Acraln = 19`)."""

_NUM = r"\d+(?:\.\d+)?"
_BOUND = rf"(?:{_NUM}\s*%?|NE|NR|NA|NC)"
_PAREN = rf"\(\s*(?:{_BOUND}\s*(?:[–—‒-]|to|,)\s*{_BOUND}|{_NUM}\s*%?)\s*\)"
"""What follows a value in its cell: an interval, or the percent of a count."""
_BRACKET = rf"\[\s*{_BOUND}\s*(?:[–—‒-]|to|,)\s*{_BOUND}\s*\]"
_VALUE = rf"(?:{_NUM}(?:\s*/\s*\d+)?\s*%?|NE|NR|NA|N/A|NC|n/a)"
_CELL = re.compile(rf"\s*(?P<v>{_VALUE}|[—–-])(?:\s*(?P<p>{_PAREN}))?(?:\s*(?P<b>{_BRACKET}))?\s*")
"""One cell of a separated row (tabs or runs of spaces between cells)."""
_NOT_NUMBER = r"(?:(?<![A-Z])|(?<=NE)|(?<=NR)|(?<=NA)|(?<=NC))(?:NE|NR|NA|NC)(?![a-z])"
_GLUED_CELL = (
    rf"(?:(?<![\d.])(?:{_NUM}(?:\s*/\s*\d+)?\s*%?\s*{_PAREN}(?:\s*{_BRACKET})?"
    rf"|(?<![\w.]){_NUM}(?:\s*/\s*\d+)?\s*%?(?=\s|$))"
    rf"|{_NOT_NUMBER}(?:\s*{_PAREN})?)"
)
"""One cell of a row whose cells are glued: a bare number only between spaces."""
_GLUED_ONE = re.compile(_GLUED_CELL)
_SEPARATED = re.compile(r"\t| {2,}")
_SEPARATED_PART = re.compile(r"[^\t ]+(?: [^\t ]+)*")
"""A cell of a row separated by tabs or runs of spaces (single spaces stay inside it)."""
_CAMEL = re.compile(r"(?:(?<=[a-z]{2})|(?<=[)\]]))(?=[A-Z])|(?<=\d)(?=[A-Z][a-z]{2})")
"""Where two glued header labels meet: `EndpointAll treated`, `typeCAR-T`, `anti-PD-1Liver`."""
_PROSE = re.compile(
    r"[.;!?](?:\s|$)|\b(?:was|were|is|are|had|has|have|showed|achieved|reported|received|enrolled|included)\b", ICASE
)
_MARKS = "*†‡§¶"
_MARKS_AT_END = re.compile(r"(?<=[\d)\]%A-Z])[*†‡§¶]+$")
_SUPERSCRIPT = re.compile(r"[\u1d43-\u1d61\u00b9\u00b2\u00b3\u2070-\u209c*†‡§¶]+$")

_NOT_OUTCOMES = re.compile(
    r"\b(?:adverse|toxicit(?:y|ies)|side\s+effects?|baseline|characteristics?|demographics?|discontinu\w*|"
    r"reasons?|safety|TEAEs?|TRAEs?|irAEs?|AEs?|CRS|ICANS|neurotoxicity|grade|deaths?|dispositions?|"
    r"exposure|dose\s+reductions?|laboratory|prior\s+(?:therapy|treatment)\s+type)\b",
    ICASE,
)
"""A table, column or heading about any of these holds no outcome figures."""

_CI_WORDS = re.compile(r"[(\[]\s*95\s*%\s*C\.?I\.?\s*[)\]]|,?\s*\b95\s*%\s*C\.?I\.?(?![\w])", ICASE)
_SPREAD_WORDS = re.compile(r"[(\[]\s*(?:range|IQR|min[–-]max)\s*[)\]]", ICASE)
_UNIT_TAIL = re.compile(
    r"(?:\s*[,;:]\s*|\s+|(?=[(\[]))(?P<u>[(\[]?\s*(?:n\s*/\s*N|n|no\.)\s*\(\s*%\s*\)\s*[)\]]?|[(\[]?\s*%\s*[)\]]?|"
    r"[(\[]?\s*(?:months?|mos?\.?|weeks?|wks?|years?|yrs?|days?)\s*[)\]]?|[(\[]?\s*(?:n|no\.)\s*[)\]]?)\s*$",
    ICASE,
)
_RATE_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, ICASE))
    for key, pattern in (
        (
            "orr",
            r"(?:confirmed\s+|best\s+)?(?:c?orr|(?:objective|overall)\s+response(?:\s+rate)?|(?:objective\s+)?response\s+rate)"
            r"(?:\s*\(\s*(?:confirmed|cr\s*\+\s*pr|pr\s*\+\s*cr)\s*\))?",
        ),
        ("cr", r"(?:complete\s+(?:response|remission)|cr)(?:\s+rate)?(?:\s*\(\s*confirmed\s*\))?"),
        ("pr", r"(?:partial\s+response|pr)(?:\s+rate)?(?:\s*\(\s*confirmed\s*\))?"),
        ("sd", r"stable\s+disease|sd"),
        ("pd", r"progressive\s+disease|pd"),
        ("dcr", r"(?:disease\s+control(?:\s+rate)?|dcr)(?:\s*\(\s*cr\s*\+\s*pr\s*\+\s*sd\s*\))?"),
    )
)
_MEDIAN_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, ICASE))
    for key, pattern in (
        ("median_pfs", r"pfs|progression[- ]free\s+survival"),
        ("median_os", r"os|overall\s+survival"),
        ("median_dor", r"dor|duration\s+of\s+(?:objective\s+)?response|response\s+duration"),
        ("median_ttr", r"ttr|time\s+to\s+(?:first\s+)?(?:objective\s+)?response"),
        ("median_followup", r"(?:duration\s+of\s+)?follow[- ]?up(?:\s+(?:time|duration))?"),
    )
)
_ESTIMATED = re.compile(r"^(?:kaplan[- ]meier[- ]?\s*)?(?:estimated\s+|observed\s+)?", ICASE)
"""How a median was obtained (`Kaplan-Meier estimated median DOR`, `Median observed time to response`)."""
_MEDIAN = re.compile(r"\bmedian\b|^m(?=(?:pfs|os|dor|ttr)\b)", ICASE)
_GENERIC_COLUMN = re.compile(
    r"(?:yes|no|positive|negative|not\s+(?:evaluable|assessed|available|known)|unknown|missing|other|high|low|"
    r"present|absent|none|any|[<>≤≥=].*|\d.*)",
    ICASE,
)
"""Column labels that say little without their group's label."""


@dataclass(frozen=True)
class Column:
    """A column of the table: one population."""

    label: str
    n: int | None
    n_span: tuple[int, int]
    """Where the size is written (in the text given to `read_flat_table`, shifted by its offset)."""
    line_span: tuple[int, int]
    """The header line that states the size."""


@dataclass(frozen=True)
class TableFigure:
    """One outcome figure read from a cell."""

    column: int
    key: str
    count: int | None = None
    percent: float | None = None
    months: float | None = None
    not_reached: bool = False
    value: float | None = None
    """A duration as stated, in `unit` (set only when the unit is not months)."""
    unit: str | None = None
    ci95: tuple[float | None, float | None] | None = None
    denominator: int | None = None
    row_span: tuple[int, int] = (0, 0)
    cell_span: tuple[int, int] = (0, 0)


@dataclass
class FlatTable:
    """What a flattened table states."""

    columns: list[Column]
    figures: list[TableFigure] = field(default_factory=list)
    rows: int = 0
    """Rows whose cells number the columns."""
    mismatched: list[str] = field(default_factory=list)
    """Labels of rows whose cells do not number the columns (read for nothing)."""
    unread_rows: int = 0
    """Lines past MAX_TABLE_ROWS, left unread."""


def maybe_flat_table(text: str) -> bool:
    """Cheap test: a block of several lines whose first lines state at least two `n =` sizes."""
    if "\n" not in text or text.count("=") < 2:
        return False
    head = "\n".join(text.split("\n", MAX_HEADER_LINES + 1)[: MAX_HEADER_LINES + 1])
    if len(_SIZE.findall(head[: MAX_LINE * 2])) >= 2:
        return True
    return _stacked_header_end(text.split("\n", MAX_STACKED_HEADER + 1)[:MAX_STACKED_HEADER]) > 0


def _stacked_header_end(lines: list[str]) -> int:
    """A header whose columns each take a few short lines, the last of them the column's size
    (`Group 1 (mCSCC)` / `3 mg/kg Q2W` / `(n=59)`): how many lines it takes (0: not one)."""
    sizes, since, end = 0, 0, 0
    for i, line in enumerate(lines[:MAX_STACKED_HEADER]):
        if len(line) > SHORT_LINE or _row(line) is not None:
            break
        if _SIZE.search(line):
            sizes, since, end = sizes + 1, 0, i + 1
        else:
            since += 1
            if since > 3:
                break
    return end if sizes >= 2 else 0


def footnote_marks(text: str) -> frozenset[str]:
    """Letters that open footnote lines (`a Patients with …`): markers glued to labels."""
    return frozenset(m.group(1) for m in re.finditer(r"(?m)^[ \t]*([a-h])[ \t]+[A-Z]", text[:5000]))


def read_flat_table(text: str, offset: int = 0, footnotes: frozenset[str] = frozenset()) -> FlatTable | None:
    """The columns and outcome figures of a flattened table, or None when the text is not one.

    Spans are positions in `text` plus `offset` (the block's start in the body)."""
    if not maybe_flat_table(text):
        return None
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    if any(len(line) > MAX_LINE for _s, line in lines[: MAX_HEADER_LINES + 1]):
        return None
    first_size, last_size = -1, -1
    for i, (_start, line) in enumerate(lines[: MAX_HEADER_LINES + 1]):
        if _row(line) is not None:
            break
        if _SIZE.search(line):
            first_size = i if first_size < 0 else first_size
            last_size = i
        elif last_size >= 0:
            break
    stacked = _stacked_header_end([line for _s, line in lines[:MAX_STACKED_HEADER]]) - 1 > last_size
    if stacked:
        first_size = 0  # every line of it is a column's label, dose or size
        last_size = _stacked_header_end([line for _s, line in lines[:MAX_STACKED_HEADER]]) - 1
    if last_size < 0 or last_size + 1 >= len(lines):
        return None
    # Lines above the sizes: the column labels when they are cells of their own line
    # (`Outcome<TAB>All<TAB>Arm A`, sizes on the next), else the table's title.
    top = first_size
    while top > 0 and _SEPARATED.search(lines[top - 1][1].strip()) and not _PROSE.search(lines[top - 1][1]):
        top -= 1
    title = " ".join(line for _s, line in lines[:top])
    parsed = _columns(lines[top : last_size + 1], offset, footnotes, stacked)
    if parsed is None:
        return None
    columns, stub = parsed
    table = FlatTable(columns)
    header_words = " ".join([title, stub, *(c.label for c in columns)])
    about_others = bool(_NOT_OUTCOMES.search(header_words))
    stub_unit = _split_unit(stub)[1]
    heading, heading_unit, heading_other = "", "", False
    rest = lines[last_size + 1 :]
    for index, (start, line) in enumerate(rest):
        if index >= MAX_TABLE_ROWS:
            table.unread_rows = len(rest) - index
            break
        if not line.strip() or len(line) > MAX_LINE:
            continue
        row = _row(line)
        if row is None:
            if len(line) > 120 or _PROSE.search(line):
                break  # prose after the table
            heading, heading_unit = _split_unit(_clean(line, footnotes))
            heading_other = bool(_NOT_OUTCOMES.search(heading))
            continue
        label, cells = row
        if len(cells) != len(columns):
            table.mismatched.append(label)
            continue
        table.rows += 1
        if about_others or heading_other or _NOT_OUTCOMES.search(label):
            continue
        metric = _metric(_clean(label, footnotes), heading, heading_unit or stub_unit)
        if metric is None:
            continue
        key, unit = metric
        for j, (cs, ce, cell) in enumerate(cells):
            fig = _figure(key, unit, cell, j)
            if fig is not None:
                table.figures.append(
                    _place(
                        fig, (offset + start, offset + start + len(line)), (offset + start + cs, offset + start + ce)
                    )
                )
    return table if table.rows else None


def _place(fig: TableFigure, row: tuple[int, int], cell: tuple[int, int]) -> TableFigure:
    return TableFigure(
        fig.column,
        fig.key,
        fig.count,
        fig.percent,
        fig.months,
        fig.not_reached,
        fig.value,
        fig.unit,
        fig.ci95,
        fig.denominator,
        row,
        cell,
    )


# --- Rows ---------------------------------------------------------------------------------


def _row(line: str) -> tuple[str, list[tuple[int, int, str]]] | None:
    """A row's label and its cells (with their spans in the line), or None for a line without cells."""
    if len(line) > MAX_LINE:
        return None
    lead = len(line) - len(line.lstrip())
    stripped = line.strip()
    if _SEPARATED.search(stripped):
        parts = [(m.start() + lead, m.end() + lead, m.group(0)) for m in _SEPARATED_PART.finditer(stripped)]
        if len(parts) < 2:
            return None
        label = parts[0][2].strip()
        cells: list[tuple[int, int, str]] = []
        for s, _e, part in parts[1:]:
            if not _CELL.fullmatch(part):
                return None
            inner = len(part) - len(part.lstrip())
            cells.append((s + inner, s + len(part.rstrip()), part.strip()))
        if _CELL.fullmatch(label) or not re.search(r"[A-Za-z]", label):
            return None
        return label, cells
    # A footnote mark after the last cell (`31 (16.1)*`) is not part of it.
    stripped = _MARKS_AT_END.sub("", stripped)
    if not re.search(r"[\d)\]%ECRA]$", stripped):
        return None
    # The cells are the run of cells, with nothing but spaces between them, that ends the line.
    # (Found in one pass: a search for the longest such tail would try every start.)
    found = list(_GLUED_ONE.finditer(stripped))
    if not found or found[-1].end() != len(stripped):
        return None
    first = len(found) - 1
    while first > 0 and not stripped[found[first - 1].end() : found[first].start()].strip():
        first -= 1
    # A mark glued to the label (`months (IQR)‡1.9 (1.8–2.0)…`) points to a footnote.
    label = stripped[: found[first].start()].strip().rstrip(_MARKS).strip()
    if not label or not re.search(r"[A-Za-z)\]%]$", label):
        return None  # `Grade ≥312 (20.0)`: where the label ends is not known
    cells = [(lead + m.start(), lead + m.end(), m.group(0)) for m in found[first:]]
    return label, cells


def _clean(label: str, footnotes: frozenset[str]) -> str:
    label = _SUPERSCRIPT.sub("", re.sub(r"\s+", " ", label).strip())
    if footnotes and len(label) > 3 and label[-1] in footnotes and label[-2].isalpha() and label[-2].islower():
        trial = label[:-1]
        if _metric(trial, "", "") is not None or _split_unit(trial)[1]:
            return trial
    return label


def _split_unit(label: str) -> tuple[str, str]:
    """A label without its interval words and unit, and the unit: `pct`, `npct`, `n`, a time unit or ``."""
    text = _CI_WORDS.sub(" ", label)
    text = _SPREAD_WORDS.sub(" ", text)
    unit = ""
    for _ in range(3):
        m = _UNIT_TAIL.search(text)
        if m is None:
            break
        word = re.sub(r"[\s()\[\]]", "", m.group("u")).lower()
        if "%" in word and word != "%":
            unit = unit or "npct"
        elif word == "%":
            unit = unit or "pct"
        elif word in ("n", "no."):
            unit = unit or "n"
        else:
            unit = unit or unit_name(word)
        text = text[: m.start()]
    return re.sub(r"\s+", " ", text).strip(" ,;:"), unit


_ASSESSED = re.compile(
    r"\s*[(\[]\s*(?:per\s+|by\s+)?(?:i?RECIST[^)\]]*|mRECIST[^)\]]*|RANO[^)\]]*|Lugano[^)\]]*|IRC|BICR|ICR|IRRC|"
    r"investigator[^)\]]*|independent[^)\]]*|central\s+review|blinded[^)\]]*)\s*[)\]]",
    ICASE,
)
"""Who assessed a figure (`ORR (BICR)`, `Median PFS (RECIST v1.1)`): not part of the metric's name."""


def _metric(label: str, heading: str, fallback_unit: str) -> tuple[str, str] | None:
    """The outcome a row states and the unit of its cells, or None when it states none."""
    name, unit = _split_unit(_ASSESSED.sub(" ", label))
    head_name, head_unit = _split_unit(_ASSESSED.sub(" ", heading)) if heading else ("", "")
    unit = unit or head_unit or fallback_unit
    for key, pattern in _RATE_NAMES:
        if pattern.fullmatch(name):
            return (key, unit) if unit in ("pct", "npct", "n", "") else None
    if _MEDIAN.search(name):
        rest = _MEDIAN.sub(" ", name).strip(" ,;:")
        rest = _ESTIMATED.sub("", re.sub(r"\s+", " ", rest))
        if not rest:
            rest = _MEDIAN.sub(" ", head_name).strip(" ,;:")
        for key, pattern in _MEDIAN_NAMES:
            if pattern.fullmatch(rest):
                return (key, unit) if unit in ("months", "weeks", "years", "days") else None
    return None


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    m = re.match(rf"[\s(\[]*({_NUM})", text)
    return float(m.group(1)) if m else None


def _interval(text: str | None) -> tuple[float | None, float | None] | None:
    """The bounds of `(14.7–37.9)` / `[1.4-NE]` (None for a bound not estimable or not reached)."""
    if text is None:
        return None
    m = re.fullmatch(rf"[(\[]\s*({_BOUND})\s*(?:[–—‒-]|to|,)\s*({_BOUND})\s*[)\]]", text.strip())
    if m is None:
        return None
    return _number(m.group(1)), _number(m.group(2))


def _figure(key: str, unit: str, cell: str, column: int) -> TableFigure | None:
    m = _CELL.fullmatch(cell)
    if m is None:
        return None
    value, paren, bracket = m.group("v"), m.group("p"), m.group("b")
    word = value.strip().upper()
    if key.startswith("median_"):
        if word == "NR":
            return TableFigure(column, key, not_reached=True, ci95=_interval(paren) or _interval(bracket))
        stated = _number(value)
        if stated is None or "%" in value or "/" in value:
            return None  # NE, NA, a dash: no figure
        ci = _interval(paren) or _interval(bracket)
        months = to_months(stated, unit)
        if ci is not None and unit != "months":
            ci = tuple(None if b is None else to_months(b, unit) for b in ci)  # type: ignore[assignment]
        return TableFigure(
            column,
            key,
            months=months,
            value=stated if unit != "months" else None,
            unit=unit if unit != "months" else None,
            ci95=ci,
        )
    stated = _number(value)
    if stated is None:
        return None
    denominator = None
    frac = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*%?\s*", value)
    if frac:
        stated, denominator = float(frac.group(1)), int(frac.group(2))
    if "%" in value or (unit == "pct" and not frac):
        ci = _interval(paren) or _interval(bracket)
        ci_rate = (ci[0], ci[1]) if ci and ci[0] is not None and ci[1] is not None else None
        return TableFigure(column, key, percent=stated, ci95=ci_rate)
    if unit in ("npct", "n") or frac:
        if not stated.is_integer():
            return None
        percent = None
        if paren is not None and _interval(paren) is None:
            percent = _number(paren)
        ci = _interval(bracket)
        ci_rate = (ci[0], ci[1]) if ci and ci[0] is not None and ci[1] is not None and percent is not None else None
        return TableFigure(column, key, count=int(stated), percent=percent, ci95=ci_rate, denominator=denominator)
    return None


# --- Header -------------------------------------------------------------------------------


def _chunks(text: str, glued: bool, footnotes: frozenset[str]) -> list[str]:
    """The labels of a stretch of header text, in order."""
    out: list[str] = []
    for piece in re.split(r"\n|\t| {2,}", text):
        for part in _CAMEL.split(piece) if glued else [piece]:
            part = _strip_mark(_trim(part), footnotes)
            if part and re.search(r"[A-Za-z]", part):
                out.append(part)
    return out


def _strip_mark(label: str, footnotes: frozenset[str]) -> str:
    """A label without a footnote marker at its end (`Acral b`, `Cutaneousa` with a footnote `a`).

    A marker glued to a word is only taken off for `a` and after an ending no word has with
    it (`Mucosa`, `Leukemia`, `Vagina` keep theirs); other glued letters end too many words."""
    label = _SUPERSCRIPT.sub("", label).strip()
    m = re.fullmatch(r"(.*\S)\s+([a-h])", label)
    if m and m.group(2) in footnotes:
        return m.group(1)
    if (
        "a" in footnotes
        and len(label) > 4
        and label[-2].islower()
        and label.endswith("a")
        and not _A_WORD.search(label)
    ):
        return label[:-1]
    return label


_A_WORD = re.compile(r"(?:[mnsx]ia|ria|oma|ica|osa|ata|ina|ella|ema|na|da|pha|eta|rea|era|ura|ula|ga)$", ICASE)
"""Word endings with an `a` of their own."""


def _trim(part: str) -> str:
    """A header chunk without separators and without a bracket it does not close or open."""
    part = part.strip(" ,;")
    if part.startswith("(") and ")" not in part:
        part = part[1:]
    if part.endswith(")") and "(" not in part:
        part = part[:-1]
    return re.sub(r"(?<=[a-z])\((?=\S)", " (", part.strip(" ,;"))


def _columns(
    header: list[tuple[int, str]], offset: int, footnotes: frozenset[str], stacked: bool = False
) -> tuple[list[Column], str] | None:
    """The columns a header names, and the words before the first column (`Outcome`).

    `stacked`: each column's label takes lines of its own above its size."""
    text_all = "\n".join(line for _s, line in header)
    glued = not re.search(r"\t| {2,}", text_all.strip())
    segments: list[list[str]] = []
    sizes: list[tuple[int, tuple[int, int], tuple[int, int]]] = []
    pending = ""
    for start, line in header:
        pos = 0
        for m in _SIZE.finditer(line):
            pending += line[pos : m.start()]
            segments.append(_chunks(pending, glued, footnotes))
            pending = ""
            sizes.append(
                (
                    int(m.group("n")),
                    (offset + start + m.start(), offset + start + m.end()),
                    (offset + start, offset + start + len(line)),
                )
            )
            pos = m.end()
        pending += line[pos:] + "\n"
    trailing = _chunks(pending, glued, footnotes)
    if len(sizes) < 2:
        return None
    if any(_PROSE.search(c) or len(c.split()) > MAX_LABEL_WORDS for seg in [*segments, trailing] for c in seg):
        return None
    labels: list[str] = []
    groups: list[list[str]] = []
    stub = ""
    if all(not seg for seg in segments[1:]) and not trailing and len(segments[0]) >= len(sizes):
        # The labels on one line, the sizes on the next.
        first = segments[0]
        labels = first[len(first) - len(sizes) :]
        stub = " ".join(first[: len(first) - len(sizes)])
        groups = [[] for _ in sizes]
    elif (
        stacked
        and not trailing
        and all(segments)
        and (depth := max(len(seg) for seg in segments[1:])) >= 2
        and sum(len(seg) == depth for seg in segments) * 2 > len(segments)
        and len(segments[0]) in (depth, depth + 1)
    ):
        # Each column's label takes the same few lines (`Group 1 (mCSCC)` / `3 mg/kg Q2W`), a
        # total's perhaps fewer (`Total`): one label per column, its lines joined.
        stub = " ".join(segments[0][: len(segments[0]) - depth])
        labels = [" ".join(seg[len(seg) - depth :]) for seg in segments]
        groups = [[] for _ in sizes]
    else:
        if trailing or any(not seg for seg in segments):
            return None
        for k, seg in enumerate(segments):
            labels.append(seg[-1])
            if k == 0:
                stub = " ".join(seg[:-1])
                groups.append([])
            else:
                groups.append(seg[:-1])
    names = _group_names([n for n, _s, _l in sizes], groups)
    columns = []
    for (n, span, line_span), label, group in zip(sizes, labels, names, strict=True):
        if group and _GENERIC_COLUMN.fullmatch(label):
            label = f"{group}: {label[:1].lower()}{label[1:]}" if not label[:2].isupper() else f"{group}: {label}"
        columns.append(Column(label, n, span, line_span))
    return columns, stub


def _group_names(sizes: list[int], groups: list[list[str]]) -> list[str]:
    """The group label over each column ('' for none).

    Labels written together (`Prior anti-PD-1Liver metastases`) cover the columns after them; they
    are spread only when those columns' sizes split into runs that each add up to the first
    column's size (every group divides the same patients)."""
    out = ["" for _ in sizes]
    k = 1
    while k < len(sizes):
        if not groups[k]:
            k += 1
            continue
        end = next((j for j in range(k + 1, len(sizes)) if groups[j]), len(sizes))
        names = groups[k]
        if len(names) == 1:
            for j in range(k, end):
                out[j] = names[0]
        else:
            runs = _runs(sizes[k:end], sizes[0])
            if runs is not None and len(runs) == len(names):
                for name, (lo, hi) in zip(names, runs, strict=True):
                    for j in range(k + lo, k + hi):
                        out[j] = name
            else:
                # Not spread: the last label sits over this column at least.
                out[k] = names[-1]
        k = end
    return out


def _runs(sizes: list[int], total: int) -> list[tuple[int, int]] | None:
    """Consecutive runs of sizes that each add up to `total`, or None."""
    runs: list[tuple[int, int]] = []
    start, acc = 0, 0
    for i, size in enumerate(sizes):
        acc += size
        if acc == total:
            runs.append((start, i + 1))
            start, acc = i + 1, 0
        elif acc > total:
            return None
    return runs if acc == 0 and runs else None
