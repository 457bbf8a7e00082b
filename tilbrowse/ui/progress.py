"""Progress of a long load on the command line's stderr: files done of found, the rate of
analysis, the time left, and a one-line summary at the end.

Shown only on a terminal: piped, redirected or with `--quiet`, the command writes nothing but
its output and its errors. The library reports a `Tally` after each batch; this draws it with
Rich (installed with Textual) on stderr, never on stdout, so `extract > out.json` stays clean.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from tilbrowse.library.library import Tally

SHOW_AFTER = 0.5
"""Seconds before the display appears: a warm load that is done sooner shows nothing but its summary."""


class LoadProgress:
    """A context manager whose `update` is the library's `on_progress`."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.started = time.monotonic()
        self.last: Tally | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._analysed_since: tuple[float, int] | None = None

    def __enter__(self) -> LoadProgress:
        self.started = time.monotonic()
        return self

    def update(self, tally: Tally) -> None:
        """Called from the loading thread after each batch."""
        self.last = tally
        now = time.monotonic()
        if self._analysed_since is None and tally.analysed:
            self._analysed_since = (now, tally.analysed)
        if self._progress is None:
            if now - self.started < SHOW_AFTER or tally.done >= tally.total:
                return
            self._progress = Progress(
                TextColumn("[bold]tilbrowse[/] reading and analysing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("load", total=tally.total, rate="")
        assert self._task is not None
        self._progress.update(self._task, total=tally.total, completed=tally.done, rate=self._rate(now, tally))

    def _rate(self, now: float, tally: Tally) -> str:
        if self._analysed_since is None:
            return "from the cache"
        since, first = self._analysed_since
        if now - since < 0.2:
            return ""
        return f"{(tally.analysed - first) / (now - since):,.0f} analysed/s"

    def summary(self) -> str:
        """One line: how many files, how many analysed now and from the cache, in how long."""
        elapsed = time.monotonic() - self.started
        tally = self.last
        if tally is None:
            return f"tilbrowse: no files read, {elapsed:.1f} s"
        parts = [f"{tally.analysed:,} analysed"]
        if tally.analysed and elapsed > 0:
            parts[0] += f" ({tally.analysed / elapsed:,.0f}/s)"
        parts.append(f"{tally.cached:,} from the cache")
        files = "file" if tally.total == 1 else "files"
        return f"tilbrowse: {tally.total:,} {files} in {elapsed:.1f} s: {', '.join(parts)}"

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
        if kind is None:
            self.console.print(self.summary(), markup=False, highlight=False)
