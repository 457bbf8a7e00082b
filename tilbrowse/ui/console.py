"""Rich renderings for the command line (`--format table`), readable in 80 columns.

Every string from an article is wrapped in `Text`, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tilbrowse.data.export import Analysed, fmt_number, format_derived, format_outcome
from tilbrowse.data.extract.model import OUTCOME_KEYS, OUTCOME_LABELS, Cohort


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
            facts = extraction.facts
            stated = "; ".join(
                x
                for x in (
                    ", ".join(facts.products),
                    ", ".join(facts.indications),
                    ", ".join(f"phase {p}" for p in facts.phases),
                )
                if x
            )
            parts.append(
                Text("No outcome figures reported." + (f" States: {stated}." if stated else ""), style="italic")
            )
        for cohort in extraction.cohorts:
            parts.append(cohort_table(cohort))
        parts.append(Text(""))
    return Group(*parts)


def render_text(renderable: RenderableType, width: int = 80, color: bool = False) -> str:
    """Render to a string (for files and pipes)."""
    console = Console(
        width=width, record=True, file=None, force_terminal=color, color_system="standard" if color else None
    )
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()
