"""Rich renderings for the command line (`--format table`): ids and figures never cut, at any width.

Every string from an article is wrapped in `Text`, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.text import Text

from tilbrowse.compare.comparison import Cell as ComparisonCell
from tilbrowse.compare.comparison import Comparison, Composition, fisher_sentence, meta_rows
from tilbrowse.export.tables import (
    Analysed,
    facts_sentence,
    fmt_number,
    format_derived,
    format_outcome,
    possible_lines,
)
from tilbrowse.extract.model import OUTCOME_KEYS, OUTCOME_LABELS, Cohort
from tilbrowse.library.library import Library
from tilbrowse.search.highlight import highlight_spans
from tilbrowse.search.results import Result
from tilbrowse.trials.formats import CAVEAT as TRIALS_CAVEAT
from tilbrowse.trials.formats import (
    LANDSCAPE_COLUMNS,
    TIMELINE_COLUMNS,
    TRIAL_COLUMNS,
    ForestItem,
    forest_items,
    forest_lines,
    landscape_row,
    timeline_row,
    trial_row,
)
from tilbrowse.trials.group import Trial
from tilbrowse.trials.timeline import LandscapeRow, timeline
from tilbrowse.ui.fit import Cell, Column, Flow, Grid, Record, atoms, join, lines, prose

Drawable = RenderableType
"""Anything the CLI hands back here to print (a Rich renderable; named so the CLI need not import Rich)."""


DERIVED = "dim italic"
"""How a derived (computed, not stated) figure is drawn."""


def cohort_renderable(cohort: Cohort) -> RenderableType:
    """One cohort: its label and id, what it is, its figures (stated plain, derived dim italic), warnings.

    A table from 60 columns on, one `figure: stated · derived` line per figure below; ids and
    figures are never cut or wrapped (`tilbrowse.ui.fit`), labels give way.
    """
    heading = join(prose(Text(cohort.label, style="bold")), atoms(Text(cohort.id, style="dim")), sep="  ")
    meta = join(
        *(
            prose(str(x))
            for x in (
                cohort.product,
                cohort.indication,
                cohort.trial_id,
                f"phase {cohort.phase}" if cohort.phase else None,
                f"n = {cohort.n}" if cohort.n is not None else None,
                f"median age {fmt_number(cohort.median_age)}" if cohort.median_age is not None else None,
            )
            if x
        )
    )
    rows, fields = [], []
    for key in OUTCOME_KEYS:
        outcome, derived = cohort.outcomes.get(key), cohort.derived.get(key)
        if outcome is None and derived is None:
            continue
        stated, worked_out = format_outcome(outcome) if outcome else "—", format_derived(derived)
        rows.append([Cell.label(OUTCOME_LABELS[key]), Cell.text(stated), Cell.text(worked_out)])
        fields.append(
            (
                OUTCOME_LABELS[key],
                Cell(join(prose(stated), prose(Text(f"derived {worked_out}", style=DERIVED)) if worked_out else ())),
            )
        )
    grid = Grid(
        [Column("figure"), Column("stated", justify="right"), Column("derived", style=DERIVED)],
        rows,
        records=[Record((), fields)],
    )
    parts: list[RenderableType] = [lines(heading), lines(meta, indent=2)]
    if rows:
        parts.append(grid)
    parts += [
        lines(prose(Text(f"⚠ {check.message}", style="yellow")), indent=2)
        for check in cohort.checks
        if check.level == "warning"
    ]
    parts += [lines(prose(Text(line, style="dim")), indent=2) for line in possible_lines(cohort)]
    return Group(*parts)


def extraction_renderable(analysed: Sequence[Analysed]) -> RenderableType:
    """Every article with its cohorts."""
    parts: list[RenderableType] = []
    for article, extraction in analysed:
        parts.append(lines(prose(Text(article.title or article.id, style="bold underline"))))
        parts.append(lines(atoms(article.id, article.date or ""), style="dim"))
        if not extraction.cohorts:
            stated = facts_sentence(extraction.facts)
            sentence = "No outcome figures reported." + (f" States: {stated}." if stated else "")
            parts.append(lines(prose(sentence), style="italic"))
        for cohort in extraction.cohorts:
            parts += [Text(""), cohort_renderable(cohort)]
        parts.append(Text(""))
    return Group(*parts)


def print_to_terminal(renderable: RenderableType) -> None:
    """Print with colour to the user's terminal."""
    Console().print(renderable, crop=False)  # an id wider than the terminal is folded by it, not cut


def render_text(renderable: RenderableType, width: int = 80, color: bool = False) -> str:
    """Render to a string (for files and pipes), without trailing spaces.

    Lines are never cropped: the layouts of `tilbrowse.ui.fit` keep within `width` except for an
    id wider than the whole line, which is printed whole rather than cut.
    """
    console = Console(
        width=width, record=True, file=None, force_terminal=color, color_system="standard" if color else None
    )
    with console.capture() as capture:
        console.print(renderable, crop=False)
    return "".join(line.rstrip() + "\n" for line in capture.get().splitlines())


def search_table(library: Library, result: Result, shown: Sequence[str], query: str) -> RenderableType:
    """Search results: rank, date, title (matches highlighted; cut with … when narrow), best ORR, id."""
    terms = result.query.terms()
    rows, records = [], []
    for rank, article_id in enumerate(shown, start=1):
        entry = library.entries[article_id]
        title = Text(entry.title or article_id)
        for start, end in highlight_spans(title.plain, terms):
            title.stylize("bold reverse", start, end)
        best = Cell.figure(f"{fmt_number(entry.best_orr)}%" if entry.best_orr is not None else "")
        date, ident = Cell.figure(entry.date or ""), Cell.figure(article_id)
        rows.append([Cell.figure(str(rank)), date, Cell.label(title), best, ident])
        records.append(
            Record(join(atoms(f"{rank}."), prose(title), sep=" "), [("id", ident), ("date", date), ("ORR", best)])
        )
    return Grid(
        [
            Column("#", justify="right", style="dim"),
            Column("date"),
            Column("title", least=24),
            Column("ORR", justify="right"),
            Column("id", style="dim"),
        ],
        rows,
        records=records,
        title=prose(f"{len(result.ids)} of {result.total} articles match {query!r}"),
    )


META_FIGURES = frozenset({"cohort id", "date", "trial"})
"""Rows of the comparison's head that are ids or dates: never cut. The others (article title,
source, product, indication) are labels and give way."""


def comparison_renderable(comparison: Comparison) -> RenderableType:
    """The comparison: metric rows × cohort columns, best marked, CIs, bars, Fisher, caveat.

    From 60 columns on (and when every cohort's id and figures fit whole) a table; else one
    record per cohort, its figures as `metric: value` lines.
    """
    rows: list[tuple[Cell, list[Cell]]] = []
    for name, values in meta_rows(comparison):
        make = Cell.figure if name in META_FIGURES else Cell.label
        rows.append((Cell.label(name, style="dim"), [make(v or "—", style="dim") for v in values]))
    for row in comparison.rows:
        rows.append((Cell.label(row.label), [Cell(atoms(cell_text(cell))) for cell in row.cells]))
    rows.append(
        (
            Cell.label("ORR 95% CI"),
            [
                Cell.figure(f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%" if ci else "—", style="cyan")
                for ci in comparison.orr_ci
            ],
        )
    )
    rows.append((Cell.label("composition"), [Cell(composition_flow(c)) for c in comparison.compositions]))
    grid = Grid(
        [Column("metric"), *(Column(c.cohort.label, justify="right") for c in comparison.columns)],
        [[head, *cells] for head, cells in rows],
        records=[
            Record(
                prose(column.cohort.label),
                [(head.plain, cells[i]) for head, cells in rows],
            )
            for i, column in enumerate(comparison.columns)
        ],
        title=prose("Cohort comparison"),
    )
    legend = "★ best in row · dim italic = derived, not stated · ? = possible, never ranked"
    notes: list[RenderableType] = [grid, lines(prose(legend), style="dim")]
    sentence = fisher_sentence(comparison)
    if sentence:
        notes.append(lines(prose(sentence)))
    notes.append(lines(prose(comparison.caveat), style="italic yellow"))
    return Group(*notes)


def cell_text(cell: ComparisonCell, best: str | Style = "bold green") -> Text:
    """A comparison cell: derived dim italic, best value starred and in the `best` style."""
    text = Text(cell.text, style="dim italic" if cell.derived else "dim" if cell.possible else "")
    if cell.best:
        text = Text("★ ", style=best) + text
        text.stylize(best)
    return text


BAR_STYLES: dict[str, str | Style] = {"CR": "green", "PR": "blue", "SD": "yellow", "PD": "red", "NE": "dim"}
"""Terminal colours of a composition bar's parts (the browser uses its theme's instead)."""
BAR_GLYPHS = {"CR": "█", "PR": "▓", "SD": "▒", "PD": "░", "NE": "·"}
"""Each part has its own glyph too, so a bar reads the same in monochrome, piped or printed."""


def composition_bar(comp: Composition, width: int = 20, styles: Mapping[str, str | Style] = BAR_STYLES) -> Text:
    """A bar of CR/PR/SD/PD/NE shares, with its legend."""
    bar = Text()
    parts = comp.parts()
    if not parts:
        return Text("—")
    for name, value in parts:
        cells = max(1, round(width * value / 100))
        bar.append(BAR_GLYPHS[name] * cells, style=styles[name])
    bar.append("\n" + " ".join(f"{n} {fmt_number(v)}%" for n, v in parts), style="dim")
    return bar


def composition_flow(comp: Composition, width: int = 20) -> Flow:
    """A composition bar, then its legend (`CR 3%` …) on the next line(s), each share kept whole."""
    bar = composition_bar(comp, width)
    if "\n" not in bar.plain:
        return atoms(bar)
    glyphs, legend = bar.split("\n")
    return (("", glyphs),) + tuple(
        ("\n" if i == 0 else " ", Text(part, style="dim")) for i, part in enumerate(_legend_parts(legend.plain))
    )


def _legend_parts(legend: str) -> list[str]:
    words = legend.split()
    return [f"{words[i]} {words[i + 1]}" for i in range(0, len(words) - 1, 2)]


def _grid(
    columns: Sequence[tuple[str, str]], rows: Sequence[Mapping[str, str]], title: str, heading: str
) -> RenderableType:
    """Rows of display strings as a Grid: figure columns never cut, label columns give way; when
    narrow, one record per row headed by its `heading` column. A column empty in every row is
    left out (a timeline without PFS has no PFS column)."""
    columns = [(name, kind) for name, kind in columns if name == heading or any(row[name] for row in rows)]
    grid_columns = [Column(name, justify="right" if name in RIGHT else "left") for name, _kind in columns]
    cells = [
        [Cell.figure(row[name]) if kind == "figure" else Cell.label(Text(row[name])) for name, kind in columns]
        for row in rows
    ]
    records = [
        Record(
            prose(Text(row[heading])),
            [(name, cell) for (name, _kind), cell in zip(columns, line, strict=True) if name != heading and row[name]],
        )
        for row, line in zip(rows, cells, strict=True)
    ]
    return Grid(grid_columns, cells, records=records, title=prose(title))


RIGHT = frozenset({"readouts", "n", "ORR", "CR", "ΔORR", "Δn"})
"""Columns of numbers, aligned right."""


def trials_table(trials: Sequence[Trial]) -> RenderableType:
    """The trials list: name, product, indication, readouts, first and latest date, latest ORR and n."""
    rows = [trial_row(t) for t in trials]
    return _grid(TRIAL_COLUMNS, rows, f"{len(trials)} trials (ORR and n: the latest readout)", "trial")


def timeline_table(trial: Trial) -> RenderableType:
    """A trial's readouts over time, with the change since the previous cut, and its ORR chart."""
    rows = [timeline_row(r) for r in timeline(trial)]
    head = " · ".join(x for x in (trial.name, trial.product, ", ".join(trial.nct_ids)) if x)
    parts: list[RenderableType] = [_grid(TIMELINE_COLUMNS, rows, head, "date")]
    items = [(f"{r.readout.date or 'undated'} {r.readout.label}", r.readout) for r in timeline(trial)]
    if any(r.orr is not None for _label, r in items):
        parts += [Text(""), Text("ORR with its exact 95% interval (* derived from stated figures):")]
        parts.append(Forest(forest_items(items)))
    return Group(*parts)


def landscape_table(rows: Sequence[LandscapeRow], indication: str) -> RenderableType:
    """Each product's latest ORR in one indication, its forest plot and the caveat."""
    shown = [landscape_row(r) for r in rows]
    parts: list[RenderableType] = [_grid(LANDSCAPE_COLUMNS, shown, f"Landscape: {indication}", "product")]
    parts += [Text(""), Forest(forest_items((row["product"], r.readout) for row, r in zip(shown, rows, strict=True)))]
    parts += [Text(""), Text(TRIALS_CAVEAT, style="italic")]
    return Group(*parts)


@dataclass(frozen=True)
class Forest:
    """A forest plot of stated ORRs (`trials.formats.forest_lines`) drawn to the width it is given:
    the axis narrows and labels are cut before any figure is."""

    items: Sequence[ForestItem]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        label = max(8, min(28, width // 4))
        axis = max(12, min(50, width - label - 16))
        for line in forest_lines(self.items, width=axis, label_width=label):
            yield Text(line, no_wrap=True, overflow="ignore")
