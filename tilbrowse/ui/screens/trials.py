"""The trials screen (`t`): every trial of the corpus, filtered as you type; a trial's timeline of
readouts with its ORR chart; an indication's landscape. The figures come from `tilbrowse.trials`;
these screens only draw them. Marks are the main screen's: a readout marked here is marked there,
and `c` compares the marked cohorts (or, with none marked, the readouts shown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from tilbrowse.trials.formats import (
    CAVEAT,
    forest_items,
    landscape_row,
    timeline_row,
    trial_row,
)
from tilbrowse.trials.group import Trial, filter_trials
from tilbrowse.trials.readout import Readout
from tilbrowse.trials.timeline import landscape, timeline
from tilbrowse.ui.keys import FocusFollowingScreen, KeysFollowFocus, vim_keys
from tilbrowse.ui.screens.messages import TrialsReady
from tilbrowse.ui.table_fit import Col, clip, fit_widths
from tilbrowse.ui.widgets.footer import FittingFooter
from tilbrowse.ui.widgets.forest import ForestChart

if TYPE_CHECKING:
    from tilbrowse.ui.screens.main import MainScreen

TRIAL_COLS = (
    Col("trial", label=True),
    Col("product", label=True, droppable=True),
    Col("indication", label=True, droppable=True),
    Col("readouts"),
    Col("first"),
    Col("latest"),
    Col("ORR"),
    Col("n"),
)
TIMELINE_COLS = (
    Col("date"),
    Col("label", label=True, droppable=True),
    Col("n"),
    Col("ORR"),
    Col("95% CI"),
    Col("CR"),
    Col("DOR"),
    Col("PFS"),
    Col("OS"),
    Col("follow-up"),
    Col("ΔORR"),
    Col("Δn"),
    Col("Δfollow-up"),
)
LANDSCAPE_COLS = (
    Col("product", label=True),
    Col("trial", label=True, droppable=True),
    Col("date"),
    Col("n"),
    Col("ORR"),
    Col("95% CI"),
    Col("cohort"),
)
RIGHT = frozenset({"readouts", "n", "ORR", "CR", "ΔORR", "Δn"})


def _justify(column: Col) -> Literal["left", "right"]:
    return "right" if column.name in RIGHT else "left"


class FigureTable(KeysFollowFocus, DataTable[Text]):
    """A table of figures with a row cursor; j/k move it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *vim_keys("cursor_down", "cursor_up", "scroll_top", "scroll_bottom"),
        Binding("enter", "select_cursor", "Open", tooltip="Open the row: a trial's timeline, a readout's article"),
    ]

    def show(self, columns: Sequence[Col], rows: Sequence[Mapping[str, str]], keys: Sequence[str]) -> None:
        """Fill the table to the width it has: figures whole, labels cut with `…`."""
        cursor = self.cursor_row
        self.clear(columns=True)
        fitted = fit_widths(columns, rows, max(20, self.scrollable_content_region.width or self.app.size.width))
        for column, width in fitted:
            self.add_column(Text(clip(column.name, width), justify=_justify(column)), width=width)
        for row, key in zip(rows, keys, strict=True):
            cells = []
            for column, width in fitted:
                value = row.get(column.name, "")
                text = clip(value, width) if column.label else value
                cells.append(Text(text, justify=_justify(column), no_wrap=True))
            self.add_row(*cells, key=key)
        if self.row_count:
            self.move_cursor(row=max(0, min(cursor, self.row_count - 1)), animate=False)

    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value


class TrialsScreen(FocusFollowingScreen):
    """Every trial in the corpus: name, product, indication, readouts, first and latest date,
    latest ORR with n; type to filter; enter opens a trial's timeline, l the landscape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "landscape", "Landscape", tooltip="Each product's latest ORR in this trial's indication"),
        Binding("slash", "filter", "Filter", tooltip="Type to filter trials"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main
        self.trials: list[Trial] = []
        self.shown: list[Trial] = []

    def compose(self) -> ComposeResult:
        """Filter box, a line of counts, the trials table and the footer."""
        yield TrialFilter(placeholder="Filter trials: name, product, indication, NCT…", id="trials-filter")
        yield Static("Grouping readouts into trials…", id="trials-status")
        yield FigureTable(id="trials-table", cursor_type="row", zebra_stripes=True)
        yield FittingFooter()

    @property
    def table(self) -> FigureTable:
        """The trials table."""
        return self.query_one("#trials-table", FigureTable)

    @property
    def filter_box(self) -> Input:
        """The filter box."""
        return self.query_one("#trials-filter", Input)

    def on_mount(self) -> None:
        """Group the readouts (a worker: at 100,000 articles it takes a moment)."""
        self.app.clear_notifications()
        self._focus(self.table)
        self._group()

    @work(thread=True, exclusive=True, group="trials")
    def _group(self) -> None:
        self.post_message(TrialsReady(self.main.library.trials()))

    @on(TrialsReady)
    def _ready(self, event: TrialsReady) -> None:
        self.trials = event.trials
        self._fill()

    def on_resize(self) -> None:
        """Lay the columns out again."""
        if self.trials:
            self._fill()

    @on(Input.Changed, "#trials-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#trials-filter")
    def _filter_submitted(self) -> None:
        self._focus(self.table)

    def _fill(self) -> None:
        query = self.filter_box.value
        self.shown = filter_trials(self.trials, query)
        self.table.show(TRIAL_COLS, [trial_row(t) for t in self.shown], [t.key for t in self.shown])
        named = sum(1 for t in self.trials if t.named)
        unnamed = len(self.trials) - named
        counts = f"{named} trial{'s' if named != 1 else ''}"
        if unnamed:
            counts += f" · {unnamed} product{'s' if unnamed != 1 else ''} reported without a trial's name"
        if query.strip():
            counts = f"{len(self.shown)} of {len(self.trials)} match · " + counts
        if not self.trials:
            counts = "No article names a trial or reports a product's figures."
        self.query_one("#trials-status", Static).update(Text(counts, style="dim"))

    def _current(self) -> Trial | None:
        key = self.table.current_key()
        return next((t for t in self.shown if t.key == key), None)

    @on(DataTable.RowSelected, "#trials-table")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted trial's timeline."""
        trial = self._current()
        if trial is not None:
            self.app.push_screen(TimelineScreen(self.main, trial, self.trials))

    def action_landscape(self) -> None:
        """Each product's latest ORR in the highlighted trial's indication."""
        trial = self._current()
        if trial is not None:
            open_landscape(self, self.trials, trial)

    def action_filter(self) -> None:
        """Go to the filter box."""
        self._focus(self.filter_box)

    def action_back(self) -> None:
        """Escape: clear the filter, then close."""
        if self.filter_box.value:
            self.filter_box.value = ""
            self._focus(self.table)
        else:
            self.app.pop_screen()


class TrialFilter(KeysFollowFocus, Input):
    """The trials filter (printable keys are typed, not commands)."""

    def takes_as_text(self, event: object) -> bool:
        """Printable keys are letters of the filter."""
        return bool(getattr(event, "is_printable", False))


class ReadoutsScreen(FocusFollowingScreen):
    """A table of readouts with a chart: space marks one, c compares, enter opens its article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "Mark", tooltip="Mark the readout's cohort for comparison"),
        Binding("c", "compare", "Compare", tooltip="Compare the marked cohorts, or these readouts"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main
        self.readouts: list[Readout] = []

    @property
    def table(self) -> FigureTable:
        """The readouts table."""
        return self.query_one(FigureTable)

    def on_mount(self) -> None:
        """Fill the table; old notifications do not follow the user here."""
        self.app.clear_notifications()
        self._fill()
        self._focus(self.table)

    def on_resize(self) -> None:
        """Lay the columns out again."""
        self._fill()

    def _fill(self) -> None:
        raise NotImplementedError

    def _current(self) -> Readout | None:
        key = self.table.current_key()
        return next((r for r in self.readouts if r.cohort_id == key), None)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        readout = self._current()
        if readout is None:
            return
        marked = "✓ marked · " if readout.cohort_id in self.main.marks else ""
        line = Text(f"{marked}{readout.cohort_id}: ", style="dim")
        line.append(readout.title or readout.article_id)
        if readout.ci_basis:
            line.append(f" · CI from {readout.ci_basis}", style="dim")
        line.append(self._change(readout), style="dim")
        self.query_one("#readout-line", Static).update(line)

    def _change(self, readout: Readout) -> str:
        """What changed since the readout's previous cut ("" where that means nothing)."""
        return ""

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open_article()

    def action_open_article(self) -> None:
        """Show the readout's article on the main screen."""
        readout = self._current()
        if readout is None:
            return
        while self.app.screen is not self.main and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self.main.jump_to(readout.article_id)

    def action_mark(self) -> None:
        """Mark or unmark the readout's cohort (the main screen's marks)."""
        readout = self._current()
        if readout is not None:
            self.main.toggle_marks([(readout.cohort_id, readout.label)])
            self._highlighted()

    def action_compare(self) -> None:
        """Compare the marked cohorts, or with none marked, the readouts shown."""
        ids = self.main.marks or tuple(r.cohort_id for r in self.readouts)
        self.main.compare_cohorts(ids)

    def action_back(self) -> None:
        """Back to the screen before."""
        self.app.pop_screen()


class TimelineScreen(ReadoutsScreen):
    """One trial's readouts over time, the change since the previous cut, and its ORR chart."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "landscape", "Landscape", tooltip="Each product's latest ORR in this indication"),
    ]

    def __init__(self, main: MainScreen, trial: Trial, trials: Sequence[Trial]) -> None:
        super().__init__(main)
        self.trial = trial
        self.trials = trials
        """Every trial, as the trials screen grouped them (the landscape needs them all)."""
        self.rows = timeline(trial)
        self.readouts = [r.readout for r in self.rows]

    def compose(self) -> ComposeResult:
        """Title, the timeline table, the readout under the cursor, the chart, the footer."""
        trial = self.trial
        head = Text(trial.name, style="bold")
        details = [trial.product, ", ".join(trial.indications), ", ".join(trial.nct_ids)]
        if trial.named and len(trial.names) > 1:
            details.append("also " + ", ".join(n for n in trial.names if n != trial.name))
        head.append("  " + " · ".join(d for d in details if d), style="dim")
        with VerticalScroll(id="timeline"):
            yield Static(head, id="timeline-title")
            yield FigureTable(id="timeline-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="readout-line")
            yield ForestChart(
                forest_items((f"{r.date or 'undated'} {r.label}", r) for r in self.readouts),
                title="ORR with its exact 95% interval, by readout (intervals derived from stated figures)",
                id="timeline-chart",
            )
        yield FittingFooter()

    def _fill(self) -> None:
        self.table.show(TIMELINE_COLS, [timeline_row(r) for r in self.rows], [r.cohort_id for r in self.readouts])

    def _change(self, readout: Readout) -> str:
        """Since the previous cut of the same population: its date and the changes (also in the
        table's Δ columns, which a narrow screen scrolls to)."""
        row = next((r for r in self.rows if r.readout is readout), None)
        if row is None or row.previous is None:
            return " · the first cut of this population" if row is not None else ""
        shown = timeline_row(row)
        changes = [f"{k} {shown[k]}" for k in ("ΔORR", "Δn", "Δfollow-up") if shown[k]]
        return f" · since {row.previous.date}: " + (", ".join(changes) if changes else "no figure to set beside")

    def action_landscape(self) -> None:
        """Each product's latest ORR in this trial's indication."""
        open_landscape(self, self.trials, self.trial)


def open_landscape(screen: TrialsScreen | TimelineScreen, trials: Sequence[Trial], trial: Trial) -> None:
    """Each product's latest ORR in a trial's indication, from trials already grouped (grouping a
    big corpus again would hold the event loop)."""
    if not trial.indication:
        screen.notify("This trial names no indication.", markup=False)
        return
    screen.app.push_screen(LandscapeScreen(screen.main, trials, trial.indication))


class LandscapeScreen(ReadoutsScreen):
    """For one indication, each product's latest readout with a stated ORR, as a forest plot."""

    def __init__(self, main: MainScreen, trials: Sequence[Trial], indication: str) -> None:
        super().__init__(main)
        self.indication = indication
        self.rows = landscape(trials, indication)
        self.readouts = [r.readout for r in self.rows]

    def compose(self) -> ComposeResult:
        """Title, the products' table, the readout under the cursor, the forest plot, the caveat."""
        with VerticalScroll(id="landscape"):
            yield Static(Text(f"Landscape: {self.indication}", style="bold"), id="landscape-title")
            yield FigureTable(id="landscape-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="readout-line")
            yield ForestChart(
                forest_items((landscape_row(r)["product"], r.readout) for r in self.rows),
                title="Latest ORR per product, with its exact 95% interval",
                id="landscape-chart",
            )
            yield Static(Text(CAVEAT, style="italic"), id="landscape-caveat")
        yield FittingFooter()

    def _fill(self) -> None:
        self.table.show(LANDSCAPE_COLS, [landscape_row(r) for r in self.rows], [r.cohort_id for r in self.readouts])
