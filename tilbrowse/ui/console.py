"""Rich renderings for the command line (`--format table`), readable in 80 columns.

Every string from an article is wrapped in `Text`, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tilbrowse.compare.comparison import Cell, Column, Comparison, Composition, fisher_sentence, meta_rows
from tilbrowse.export.tables import Analysed, facts_sentence, fmt_number, format_derived, format_outcome
from tilbrowse.extract.model import OUTCOME_KEYS, OUTCOME_LABELS, Cohort
from tilbrowse.library.library import Library
from tilbrowse.search.highlight import highlight_spans
from tilbrowse.search.results import Result

Drawable = RenderableType
"""Anything the CLI hands back here to print (a Rich renderable; named so the CLI need not import Rich)."""


def cohort_table(cohort: Cohort) -> Table:
    """One cohort: stated figures plain, derived figures dim and italic, warnings marked."""
    title = Text(cohort.label, style="bold")
    title.append(f"  {cohort.id}", style="dim")
    meta = " · ".join(
        str(x)
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
    table = Table(title=title, caption=Text(meta), box=box.SIMPLE_HEAD, title_justify="left", caption_justify="left")
    table.add_column("figure", no_wrap=True)
    table.add_column("stated", justify="right")
    table.add_column("derived", style="dim italic")
    for key in OUTCOME_KEYS:
        outcome, derived = cohort.outcomes.get(key), cohort.derived.get(key)
        if outcome is None and derived is None:
            continue
        table.add_row(
            Text(OUTCOME_LABELS[key]),
            Text(format_outcome(outcome) if outcome else "—"),
            Text(format_derived(derived)),
        )
    for check in cohort.checks:
        if check.level == "warning":
            table.add_row(Text("⚠ check", style="yellow"), Text(""), Text(check.message, style="yellow"))
    return table


def extraction_renderable(analysed: Sequence[Analysed]) -> RenderableType:
    """Every article with its cohort tables."""
    parts: list[RenderableType] = []
    for article, extraction in analysed:
        head = Text(article.title or article.id, style="bold underline")
        sub = Text(" · ".join(x for x in (article.id, article.date or "") if x), style="dim")
        parts += [head, sub]
        if not extraction.cohorts:
            stated = facts_sentence(extraction.facts)
            parts.append(
                Text("No outcome figures reported." + (f" States: {stated}." if stated else ""), style="italic")
            )
        for cohort in extraction.cohorts:
            parts.append(cohort_table(cohort))
        parts.append(Text(""))
    return Group(*parts)


def print_to_terminal(renderable: RenderableType) -> None:
    """Print with colour to the user's terminal."""
    Console().print(renderable)


def render_text(renderable: RenderableType, width: int = 80, color: bool = False) -> str:
    """Render to a string (for files and pipes)."""
    console = Console(
        width=width, record=True, file=None, force_terminal=color, color_system="standard" if color else None
    )
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def search_table(library: Library, result: Result, shown: Sequence[str], query: str) -> RenderableType:
    """Search results: rank, date, title with matches highlighted, best ORR, id."""
    table = Table(box=box.SIMPLE_HEAD, title=Text(f"{len(result.ids)} of {result.total} articles match {query!r}"))
    table.add_column("#", justify="right", style="dim")
    table.add_column("date", no_wrap=True)
    table.add_column("title")
    table.add_column("ORR", justify="right")
    table.add_column("id", style="dim", no_wrap=True)
    terms = result.query.terms()
    for rank, article_id in enumerate(shown, start=1):
        entry = library.entries[article_id]
        title = Text(entry.title or article_id)
        for start, end in highlight_spans(title.plain, terms):
            title.stylize("bold reverse", start, end)
        best = entry.best_orr
        table.add_row(
            str(rank),
            Text(entry.date or ""),
            title,
            Text(f"{fmt_number(best)}%" if best is not None else ""),
            Text(article_id),
        )
    return table


def column_header(column: Column, source: bool = True) -> Text:
    """A comparison column's header: the cohort's label, then its article's date (and source)."""
    head = Text(column.cohort.label, style="bold")
    where = " · ".join(x for x in (column.article_date or "", column.article_source if source else "") if x)
    head.append("\n" + (where or column.id), style="dim")
    return head


def comparison_renderable(comparison: Comparison) -> RenderableType:
    """The comparison: metric rows × cohort columns, best marked, CIs, bars, Fisher, caveat."""
    table = Table(box=box.SIMPLE_HEAD, title=Text("Cohort comparison", style="bold"), title_justify="left")
    table.add_column("metric", no_wrap=True)
    for column in comparison.columns:
        table.add_column(column_header(column), justify="right", overflow="fold")
    for name, values in meta_rows(comparison):
        table.add_row(Text(name, style="dim"), *(Text(v or "—", style="dim") for v in values))
    for row in comparison.rows:
        table.add_row(Text(row.label), *(cell_text(cell) for cell in row.cells))
    table.add_row(
        Text("ORR 95% CI"),
        *(Text(f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%" if ci else "—", style="cyan") for ci in comparison.orr_ci),
    )
    table.add_row(Text("composition"), *(composition_bar(c) for c in comparison.compositions))
    notes: list[RenderableType] = [table, Text("★ best in row · dim italic = derived, not stated", style="dim")]
    sentence = fisher_sentence(comparison)
    if sentence:
        notes.append(Text(sentence))
    notes.append(Text(comparison.caveat, style="italic yellow"))
    return Group(*notes)


def cell_text(cell: Cell, best: str | Style = "bold green") -> Text:
    """A comparison cell: derived dim italic, best value starred and in the `best` style."""
    text = Text(cell.text, style="dim italic" if cell.derived else "")
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
