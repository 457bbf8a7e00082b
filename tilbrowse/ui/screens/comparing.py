"""Marking cohorts and comparing or exporting them: the main screen's basket of marked cohorts."""

from __future__ import annotations

import os
from collections.abc import Sequence

from textual import on, work
from textual.reactive import var
from textual.screen import Screen

from tilbrowse.compare.comparison import columns_for
from tilbrowse.extract.model import Cohort
from tilbrowse.library.library import Library, Record
from tilbrowse.ui.screens.messages import PairsReady
from tilbrowse.ui.widgets.detail import DetailPane


class CompareCommands(Screen[None]):
    """Space marks the focused cohort (or the open article's), c compares the marked cohorts (or
    the open article's), e exports that comparison. Other screens mark through `toggle_marks`."""

    marks: var[tuple[str, ...]] = var(())
    """Cohort ids marked for comparison, in marking order (bound to the detail pane)."""
    library: Library
    paths: list[str | os.PathLike[str]]
    open_record: Record | None

    @property
    def detail(self) -> DetailPane:
        raise NotImplementedError

    def _open_cohorts(self) -> tuple[Cohort, ...]:
        raise NotImplementedError

    def toggle_marks(self, targets: Sequence[tuple[str, str]]) -> None:
        """Unmark the cohorts (id, label) if all are marked, else mark those that are not, and say so."""
        ids = [cohort_id for cohort_id, _label in targets]
        if all(i in self.marks for i in ids):
            self.marks = tuple(m for m in self.marks if m not in ids)
            self.notify(f"Unmarked {len(ids)} cohort{'s' if len(ids) > 1 else ''}", markup=False)
        else:
            self.marks = (*self.marks, *(i for i in ids if i not in self.marks))
            self.notify(
                f"Marked {', '.join(label for _id, label in targets)} · {len(self.marks)} marked · c compares",
                markup=False,
            )

    def action_mark(self) -> None:
        """Mark (or unmark) the focused cohort, or every cohort of the open article."""
        cohort = self.detail.focused_cohort()
        targets = [cohort] if cohort else list(self._open_cohorts())
        if targets:
            self.toggle_marks([(c.id, c.label) for c in targets])

    def compare_cohorts(self, ids: Sequence[str]) -> None:
        """Compare these cohorts (read from the library in a worker)."""
        self._with_pairs("compare", tuple(ids))

    @work(thread=True, group="compare")
    def _with_pairs(self, then: str, ids: tuple[str, ...] = ()) -> None:
        """Read the cohorts' records in a worker — those given, else the marked ones, else the open
        article's — then compare or export."""
        wanted = ids or self.marks
        if wanted:
            found = [self.library.cohort(i) for i in wanted]
            pairs = [p for p in found if p is not None]
        else:
            record = self.open_record
            pairs = [(record, c) for c in record.cohorts] if record else []
        self.post_message(PairsReady(then, pairs))

    @on(PairsReady)
    def _pairs_ready(self, event: PairsReady) -> None:
        """Open the comparison or the export dialog on the cohorts read."""
        from tilbrowse.compare.comparison import compare
        from tilbrowse.ui.screens.compare import CompareScreen
        from tilbrowse.ui.screens.export import ExportScreen

        if not event.pairs:
            self.notify(
                "Nothing to compare: mark cohorts with space, or open an article with figures.", severity="warning"
            )
        elif event.then == "compare":
            self.app.push_screen(CompareScreen(columns_for(event.pairs), [str(p) for p in self.paths]))
        else:
            self.app.push_screen(ExportScreen(compare(columns_for(event.pairs)), [str(p) for p in self.paths]))

    def action_compare(self) -> None:
        """Compare the marked cohorts, or the open article's."""
        self._with_pairs("compare")

    def action_export(self) -> None:
        """Export the comparison of the marked cohorts, or the open article's."""
        self._with_pairs("export")
