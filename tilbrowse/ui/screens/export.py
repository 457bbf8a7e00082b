"""Export a comparison: Markdown or CSV, to a file the user names (never over one) or the clipboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tilbrowse.compare.comparison import Comparison
from tilbrowse.compare.formats import comparison_csv, comparison_markdown
from tilbrowse.export.output import OutputError, inside, write_text_file
from tilbrowse.ui.clipboard import copy_text

CHOICES = {
    "md-file": "Markdown file",
    "csv-file": "CSV file",
    "md-clip": "Copy Markdown to the clipboard",
    "csv-clip": "Copy CSV to the clipboard",
}
SUFFIXES = {"md": ".md", "csv": ".csv"}
FORMAT_NAMES = {"md": "Markdown", "csv": "CSV"}


def export_folder(corpus_paths: Sequence[str]) -> Path:
    """Where exports go: the working folder, unless it is inside a corpus (then the home folder)."""
    here = Path.cwd()
    if any(inside(here, Path(p)) for p in corpus_paths if Path(p).is_dir()):
        return Path.home()
    return here


def default_name(now: dt.datetime, fmt: str) -> str:
    """`tilbrowse-comparison-20261201-131600.md`: the file name offered, by format."""
    return f"tilbrowse-comparison-{now:%Y%m%d-%H%M%S}{SUFFIXES[fmt]}"


def with_format(path_text: str, fmt: str) -> str:
    """The path with the extension of the format, if it has the other format's (else as typed)."""
    path = Path(path_text)
    if path_text and path.suffix.lower() in SUFFIXES.values() and path.suffix.lower() != SUFFIXES[fmt]:
        return str(path.with_suffix(SUFFIXES[fmt]))
    return path_text


def target_path(path_text: str, cwd: Path) -> Path:
    """Where a typed path points: `~` expanded, a relative path from the working folder."""
    path = Path(path_text.strip()).expanduser()
    return path if path.is_absolute() else cwd / path


class ExportScreen(ModalScreen[None]):
    """Choose a format, then a file (offered, editable) or the clipboard."""

    BINDINGS = [Binding("escape", "dismiss_screen", "Cancel")]

    class Proposed(Message):
        """The default path was worked out (it reads the disk: a worker)."""

        def __init__(self, path: Path) -> None:
            self.path = path
            super().__init__()

    class Finished(Message):
        """The file was written (`written`), or refused, and why."""

        def __init__(self, written: Path | None, problem: str = "") -> None:
            self.written = written
            self.problem = problem
            super().__init__()

    def __init__(self, comparison: Comparison, corpus_paths: Sequence[str]) -> None:
        super().__init__()
        self.comparison = comparison
        self.corpus_paths = list(corpus_paths)
        self.format = "md"
        """The format of the highlighted choice: md or csv."""
        self._now = dt.datetime.now()

    def compose(self) -> ComposeResult:
        """The export choices, and the file they write to."""
        with Vertical(id="export-dialog"):
            yield Label(Text("Export the comparison", style="bold"))
            yield OptionList(*(Option(Text(label), id=key) for key, label in CHOICES.items()), id="export-choices")
            yield Label(Text("Save to (enter writes; an existing file is never replaced):", style="dim"))
            yield Input(placeholder="file name or path", select_on_focus=False, id="export-path")

    def on_mount(self) -> None:
        """Focus the choices; work out the default path."""
        self.query_one(OptionList).focus()
        self._propose()

    @work(thread=True, group="export-propose")
    def _propose(self) -> None:
        """The default: the working folder (the home folder when that is in a corpus) and a timestamped name."""
        folder = export_folder(self.corpus_paths)
        self.post_message(self.Proposed(folder / default_name(self._now, "md")))

    @on(Proposed)
    def _proposed(self, event: Proposed) -> None:
        """Offer the default path, unless the user has typed one already."""
        box = self.query_one("#export-path", Input)
        if not box.value:
            box.value = with_format(str(event.path), self.format)
            box.cursor_position = len(box.value)

    def text(self, fmt: str) -> str:
        """The comparison in a format."""
        return comparison_csv(self.comparison) if fmt == "csv" else comparison_markdown(self.comparison)

    @on(OptionList.OptionHighlighted)
    def _format_chosen(self, event: OptionList.OptionHighlighted) -> None:
        """The extension of the offered path follows the highlighted format."""
        self.format = (event.option.id or "md").split("-")[0]
        box = self.query_one("#export-path", Input)
        box.value = with_format(box.value, self.format)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """A clipboard choice copies and closes; a file choice goes to the path (enter there writes)."""
        choice = event.option.id or ""
        self.format = choice.split("-")[0]
        if choice.endswith("clip"):
            what = f"the comparison as {FORMAT_NAMES[self.format]}"
            copy_text(self.app, self.text(self.format), what, title="Export")
            self.dismiss(None)
        else:
            box = self.query_one("#export-path", Input)
            box.focus()
            box.cursor_position = len(box.value)

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        """Write the file named in the box (in a worker); the dialog stays until it is written."""
        event.stop()
        if not event.value.strip():
            self.notify("Type a file name to write to.", title="Export", severity="warning", markup=False)
            return
        event.input.disabled = True  # one write at a time
        self._write(event.value, self.format)

    @work(thread=True, exclusive=True, group="export-write")
    def _write(self, path_text: str, fmt: str) -> None:
        """Write atomically, never over an existing file and never inside a corpus."""
        target = target_path(path_text, Path.cwd())
        if target.is_dir():
            target = target / default_name(self._now, fmt)
        if target.exists():
            self.post_message(self.Finished(None, f"{target} already exists: choose another name (nothing replaced)."))
            return
        try:
            written = write_text_file(target, self.text(fmt), protected=self.corpus_paths)
        except OutputError as exc:
            problem = str(exc)
            if target.exists():  # it appeared meanwhile: the writer's message speaks of the CLI's --force
                problem = f"{target} already exists: choose another name (nothing replaced)."
            self.post_message(self.Finished(None, problem))
        else:
            self.post_message(self.Finished(written.resolve()))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        """Say where it went and close, or say why not and let the user change the path."""
        box = self.query_one("#export-path", Input)
        box.disabled = False
        if event.written is not None:
            self.app.notify(f"Wrote {event.written}", title="Exported", markup=False)
            self.dismiss(None)
        else:
            self.notify(event.problem, title="Not exported", severity="warning", markup=False)
            box.focus()

    def action_dismiss_screen(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
