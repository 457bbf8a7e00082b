"""Tables for the command line that never cut an id or a figure (issue 18).

Rich sizes a table's columns by shrinking them all when space runs out, `no_wrap` columns
included: at 80 columns a search showed `ti… O… 3…`, and an extract split a cohort id
(`004_sitc2022-…#` / `1`) and `n =` / `14` across lines, so an id could not be pasted into
`compare`. Here a cell says what may give way:

- a **figure** cell (ids, numbers with their units, `n = 14`, dates, CIs) is a flow of
  *atoms* that are never wrapped or cut; the cell may break only between atoms;
- a **label** cell (titles, labels, sources) takes one line and is cut with `…` when there
  is no room.

`Grid` measures both, gives each column its own width (at least its longest atom), and
hands Rich explicit widths so Rich never shrinks anything. When even that does not fit, or
below `STACK_BELOW` columns, it draws one record per row instead ("key: value" lines), where
an atom wider than the screen stays whole on a line of its own (the terminal may show it
folded; the characters are all there, in order, to copy).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

STACK_BELOW = 60
"""Below this many columns a table is drawn as one record per row: a table of 3+ columns
squeezed into 40-59 columns shows little but `…`."""
LABEL_MIN = 8
"""The narrowest a label column gets before the table gives up for records: `Median …`."""

LABEL_ROOM = 24
"""Labels alone in their column get this much before figures are widened to stand on one line."""

Flow = tuple[tuple[str, Text], ...]
"""Atoms with the separator written before each (" ", " · ", ", " or "\\n" for a forced break)."""

_UNITS = frozenset("% mo month months wk week weeks day days yr year years patients pts mg kg cells doses".split())
_LEADS = frozenset("n N p P age phase grade cohort arm level dose CI HR OR".split())
_OPERATORS = frozenset("= < > ≤ ≥ ≈ ~ ± vs vs. – - ×".split())
_DIGIT = re.compile(r"\d")


def _bare(word: str) -> str:
    return word.strip("()[],;:.")


def prose_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` may not be broken: its words, with figures glued to what makes them a figure.

    `n = 14`, `20/52 = 38.5%`, `23 (35%)`, `1.1 mo (4.9 weeks)`, `phase 2`, `median age 55`,
    `95% CI 26.2–50.7%`, `p < 0.001` each come out as one span; other words are spans of their own.
    """
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"\S+", text):
        word = match.group()
        if spans:
            last = text[spans[-1][0] : spans[-1][1]].split()[-1]
            number_before, number_now = bool(_DIGIT.search(last)), bool(_DIGIT.search(word))
            if (
                word in _OPERATORS  # `n =`, `20/52 =`, `p <`
                or last in _OPERATORS  # `= 14`, `< 0.001`
                or (_bare(last) in _LEADS and number_now)  # `phase 2`, `age 55`, `CI 26.2–50.7%`
                or (number_before and _bare(word).lower() in _UNITS)  # `11.6 months`, `(4.9 weeks)`
                or (  # `23 (35%)`, `1.1 mo (4.9 weeks)`
                    word.startswith("(")
                    and (number_before or _bare(last).lower() in _UNITS)
                    and not last.endswith((",", ";", ":"))
                )
                or (last.endswith("%") and _bare(word) == "CI")  # `95% CI`
            ):
                spans[-1] = (spans[-1][0], match.end())
                continue
        spans.append(match.span())
    return spans


def prose(text: str | Text) -> Flow:
    """Free text as a flow: it may wrap between words, never inside a figure."""
    rich_text = Text(text) if isinstance(text, str) else text
    spans = prose_spans(rich_text.plain)
    return tuple(("" if i == 0 else " ", rich_text[start:end]) for i, (start, end) in enumerate(spans))


def atoms(*parts: str | Text, sep: str = " · ") -> Flow:
    """Whole atoms (ids, figures) joined by `sep`; each is kept on one line."""
    texts = [Text(p) if isinstance(p, str) else p for p in parts]
    return tuple(("" if i == 0 else sep, t) for i, t in enumerate(t for t in texts if t.plain))


def join(*flows: Flow, sep: str = " · ") -> Flow:
    """Flows one after the other, `sep` between them."""
    out: list[tuple[str, Text]] = []
    for flow in flows:
        if not flow:
            continue
        first_sep, first = flow[0]
        out.append((sep if out else "", first))
        out.extend(flow[1:])
    return tuple(out)


def flow_width(flow: Flow) -> int:
    """Cells the flow takes on one line (forced breaks aside: its widest line)."""
    widest = current = 0
    for sep, atom in flow:
        current = cell_len(atom.plain) if sep == "\n" else current + cell_len(sep) + cell_len(atom.plain)
        widest = max(widest, current)
    return widest


def atom_width(flow: Flow) -> int:
    """The widest atom: a figure cell is never narrower."""
    return max((cell_len(atom.plain) for _, atom in flow), default=0)


def one_line(flow: Flow) -> Text:
    """The flow on a single line."""
    line = Text()
    for sep, atom in flow:
        if line.plain:
            line.append(" " if sep == "\n" else sep)
        line.append_text(atom)
    return line


def wrap(flow: Flow, width: int, indent: int = 0) -> list[Text]:
    """Lines of at most `width` cells, broken only between atoms; continuation lines indented.

    An atom wider than the line is put alone on its own line, whole (never cut).
    """
    lines: list[Text] = []
    line = Text()
    for sep, atom in flow:
        size = cell_len(atom.plain)
        if not line.plain:
            line.append_text(atom)
        elif sep != "\n" and cell_len(line.plain) + cell_len(sep) + size <= width:
            line.append(sep)
            line.append_text(atom)
        else:
            lines.append(line)
            line = Text(" " * indent)
            if indent + size > width:
                line = Text()
            line.append_text(atom)
    if line.plain:
        lines.append(line)
    for text in lines:
        text.rstrip()
        text.no_wrap, text.overflow = True, "ignore"
    return lines


@dataclass(frozen=True)
class Cell:
    """One cell: figures that never break (`kind="figure"`) or a label that gives way (`"label"`)."""

    flow: Flow
    kind: Literal["figure", "label"] = "figure"
    style: str = ""

    @classmethod
    def label(cls, text: str | Text, style: str = "") -> Cell:
        """A title or label: one line in a table, cut with … when narrow."""
        return cls(prose(text), "label", style)

    @classmethod
    def figure(cls, *parts: str | Text, sep: str = " · ", style: str = "") -> Cell:
        """Ids and figures: each part kept whole."""
        return cls(atoms(*parts, sep=sep), "figure", style)

    @classmethod
    def text(cls, text: str | Text, style: str = "") -> Cell:
        """Prose that holds figures: wraps between words, never inside a figure."""
        return cls(prose(text), "figure", style)

    @property
    def plain(self) -> str:
        """Its text on one line."""
        return one_line(self.flow).plain

    @property
    def natural(self) -> int:
        """Its width on one line."""
        return flow_width(self.flow)

    @property
    def minimum(self) -> int:
        """The narrowest it may be drawn."""
        return min(self.natural, LABEL_MIN) if self.kind == "label" else atom_width(self.flow)

    def render(self, width: int) -> Text:
        """The cell drawn in `width` cells."""
        if self.kind == "label":
            line = one_line(self.flow)
            line.truncate(width, overflow="ellipsis")
            out = line
        else:
            out = Text("\n").join(wrap(self.flow, width))
        if self.style:
            out.stylize(self.style)
        return out


@dataclass(frozen=True)
class Column:
    """A column: its header and how its cells line up."""

    header: str
    justify: Literal["left", "right"] = "left"
    style: str = ""
    least: int = 0
    """The fewest cells its labels may be given; with less room the rows are drawn as records
    (a title cut to a dozen letters says less than the same title wrapped under its rank)."""


@dataclass(frozen=True)
class Record:
    """One row drawn on its own: a heading, then "key: value" fields."""

    heading: Flow
    fields: Sequence[tuple[str, Cell]]
    heading_style: str = "bold"


@dataclass
class Grid:
    """A table whose ids and figures are never cut, or, when narrow, one record per row."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    records: Sequence[Record] = ()
    """The same content as records, for narrow screens (default: one per row, first cell heading)."""
    title: Flow = ()
    title_style: str = "bold"
    stack_below: int = STACK_BELOW

    def widths(self, width: int) -> list[int] | None:
        """Each column's width at `width` cells, or None when the table cannot be drawn whole."""
        if width < self.stack_below or not self.columns:
            return None
        room = width - 3 * (len(self.columns) - 1)  # between two columns: a rule and a space each side
        cells = [[Cell.label(c.header), *(row[i] for row in self.rows)] for i, c in enumerate(self.columns)]
        widths = [
            max(max(c.minimum for c in column), min(col.least, max(c.natural for c in column)))
            for col, column in zip(self.columns, cells, strict=True)
        ]
        if sum(widths) > room:
            return None
        natural = [max(c.natural for c in column) for column in cells]
        labels_only = [all(c.kind == "label" for c in column[1:]) for column in cells]
        # First the columns of labels alone (a metric's name, a result's title) up to a short
        # label's width, so `Median time to response` is not cut to let a legend stand on one
        # line; then the figures, whole on one line if there is room; then everything, labels
        # that share a column with figures (an article's title above its cohort's) last.
        _grow(widths, [min(n, LABEL_ROOM) if only else 0 for n, only in zip(natural, labels_only, strict=True)], room)
        _grow(widths, [max([c.natural for c in column if c.kind == "figure"], default=0) for column in cells], room)
        _grow(widths, [n if only else 0 for n, only in zip(natural, labels_only, strict=True)], room)
        _grow(widths, natural, room)
        return widths

    def table(self, widths: Sequence[int]) -> Table:
        """The Rich table at those widths (Rich is handed exact widths: it never shrinks a column)."""
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
        for column, width in zip(self.columns, widths, strict=True):
            table.add_column(
                Cell.label(column.header).render(width),
                width=width,
                justify=column.justify,
                style=column.style,
            )
        for row in self.rows:
            table.add_row(*(cell.render(w) for cell, w in zip(row, widths, strict=True)))
        return table

    def default_records(self) -> list[Record]:
        """One record per row: the first cell heads it, the other cells are its fields."""
        names = [c.header for c in self.columns]
        return [Record(row[0].flow, list(zip(names[1:], row[1:], strict=True))) for row in self.rows]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self.title:
            yield from _styled(wrap(self.title, width), self.title_style)
        widths = self.widths(width)
        if widths is not None:
            yield self.table(widths)
            return
        for i, record in enumerate(self.records or self.default_records()):
            if i and record.heading:
                yield Text("")
            yield from record_lines(record, width)


def _grow(widths: list[int], targets: Sequence[int], room: int) -> None:
    """Widen columns towards their targets within `room`, in proportion to what each misses."""
    need = {i: target - widths[i] for i, target in enumerate(targets) if target > widths[i]}
    spare = room - sum(widths)
    if not need or spare <= 0:
        return
    total = sum(need.values())
    for i, missing in need.items():
        widths[i] += missing if total <= spare else spare * missing // total
    for i in sorted(need, key=lambda i: -need[i]):  # what the rounding down left over
        if sum(widths) >= room:
            break
        if widths[i] < targets[i]:
            widths[i] += 1


def _styled(lines: Iterable[Text], style: str) -> Iterator[Text]:
    for line in lines:
        if style:
            line.stylize(style)
        yield line


def record_lines(record: Record, width: int) -> Iterator[Text]:
    """A record as lines: its heading (wrapped, never cut), then `key: value` lines."""
    yield from _styled(wrap(record.heading, width), record.heading_style)
    for key, cell in record.fields:
        if not cell.flow:
            continue
        head = Text(f"  {key}:" if key else " ", style="dim")
        if cell.kind == "label":
            value = cell.render(max(width - cell_len(head.plain) - 1, LABEL_MIN))
            line = head + Text(" ") + value
            line.no_wrap, line.overflow = True, "ignore"
            yield line
        else:
            styled = tuple(
                (" " if i == 0 else sep, _restyled(atom, cell.style)) for i, (sep, atom) in enumerate(cell.flow)
            )
            yield from wrap(((" ", head), *styled), width, indent=4)


def _restyled(text: Text, style: str) -> Text:
    if not style:
        return text
    copy = text.copy()
    copy.stylize(style)
    return copy


def lines(flow: Flow, style: str = "", indent: int = 0) -> Wrapped:
    """Free lines (notes, captions) wrapped at the width they are drawn at, never inside a figure."""
    return Wrapped(flow, style, indent)


@dataclass
class Wrapped:
    """A flow wrapped at draw time."""

    flow: Flow
    style: str = ""
    indent: int = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _styled(wrap(self.flow, options.max_width, self.indent), self.style)
