"""What y, Y and the palette copy on the main screen: a figure, its sentence, article and cohort ids."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from tilbrowse.extract.model import Cohort
from tilbrowse.ui.clipboard import CopyRequested, copy_text
from tilbrowse.ui.widgets.detail import CohortTable


class CopyCommands(Screen[None]):
    """The main screen's copying: a widget's own `y`/`Y` arrive as `CopyRequested`; the palette's
    commands act on the focused cohort table or the open article."""

    open_id: str | None

    def _open_cohorts(self) -> tuple[Cohort, ...]:
        raise NotImplementedError

    @on(CopyRequested)
    def _copy_requested(self, event: CopyRequested) -> None:
        """A widget asked for text to be copied (y, Y)."""
        event.stop()
        copy_text(self.app, event.text, event.what)

    def action_copy_figure(self) -> None:
        """The palette's y: the figure under the cursor of the focused cohort table."""
        focused = self.focused
        if isinstance(focused, CohortTable) and focused.current_row() is not None:
            focused.action_copy_figure()
        else:
            self.notify("Go to a cohort table first (enter or tab), then y copies its figure.", markup=False)

    def action_copy_sentence(self) -> None:
        """The palette's Y: the sentence of the figure under the cursor."""
        focused = self.focused
        row = focused.current_row() if isinstance(focused, CohortTable) else None
        if isinstance(focused, CohortTable) and row is not None and row.evidence is not None:
            focused.action_copy_sentence()
        else:
            self.notify("Go to a figure read from a sentence (in a cohort table) first.", markup=False)

    def action_copy_article_id(self) -> None:
        """The open article's id."""
        if self.open_id is not None:
            copy_text(self.app, self.open_id, f"the article id {self.open_id}")

    def action_copy_cohort_id(self) -> None:
        """The focused cohort's id, else the open article's cohort ids (ready for `tilbrowse compare`)."""
        focused = self.focused
        cohorts = [focused.cohort] if isinstance(focused, CohortTable) else list(self._open_cohorts())
        if not cohorts:
            self.notify("The open article has no cohorts.", markup=False)
            return
        ids = " ".join(c.id for c in cohorts)
        copy_text(self.app, ids, f"the cohort id{'s' if len(cohorts) > 1 else ''} {ids}")
