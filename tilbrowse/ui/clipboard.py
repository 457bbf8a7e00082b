"""Copying text: to the terminal (OSC 52) and, where a system tool exists, to the system clipboard.

OSC 52 reaches the clipboard of the machine the terminal runs on, even over ssh, but tmux drops
it unless `set -g set-clipboard on`, and some terminals ignore it. So the text also goes to the
system's own tool when there is one (wl-copy, xclip, xsel, pbcopy, clip.exe), piped in a worker
thread with a timeout: a slow or missing tool never blocks the UI nor raises. The notification
says which of the two the text surely reached.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

TIMEOUT = 2.0
"""Seconds a system tool gets to take the text (xclip and wl-copy fork and return at once)."""

PREVIEW = 72
"""Characters of the copied text the notification quotes."""


def find_command(env: Mapping[str, str], system: str, release: str = "") -> list[str] | None:
    """The command line of the system clipboard tool to use here, or None when there is none.

    Args:
        env: The environment (WAYLAND_DISPLAY, DISPLAY, WSL_DISTRO_NAME are read).
        system: `sys.platform`.
        release: `platform.release()` (WSL kernels say "microsoft").
    """
    candidates: list[list[str]] = []
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if system == "darwin":
        candidates.append(["pbcopy"])
    if system.startswith("linux") and (env.get("WSL_DISTRO_NAME") or "microsoft" in release.lower()):
        candidates.append(["clip.exe"])
    for command in candidates:
        found = shutil.which(command[0])
        if found:
            return [found, *command[1:]]
    return None


def system_command() -> list[str] | None:
    """The clipboard tool of this machine, or None."""
    return find_command(os.environ, sys.platform, platform.release())


def pipe(command: list[str], text: str, timeout: float = TIMEOUT) -> str | None:
    """Give `text` to a clipboard tool on its standard input. None when it took it, else why not.

    Output goes nowhere: xclip and xsel leave a child holding the selection, and a pipe to
    it would keep us waiting until the timeout."""
    name = os.path.basename(command[0])
    # clip.exe reads the console code page unless the text starts with a UTF-16 byte order mark.
    data = ("\ufeff" + text).encode("utf-16-le") if name.lower() == "clip.exe" else text.encode("utf-8")
    try:
        done = subprocess.run(
            command,
            input=data,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{name} did not answer within {timeout:g} s"
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        return f"{name} could not be run ({exc.__class__.__name__})"
    if done.returncode != 0:
        return f"{name} failed (exit status {done.returncode})"
    return None


def preview(text: str, width: int = PREVIEW) -> str:
    """The copied text as a notification quotes it: one line, cut with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


@dataclass(frozen=True)
class Outcome:
    """Where a copy went: the system clipboard (`tool`), or only the terminal (and why)."""

    what: str
    tool: str | None = None
    """The system tool that took the text (None: only OSC 52 was sent)."""
    problem: str | None = None
    """Why the system tool did not take it (None: there was none, or it did)."""
    tmux: bool = False

    def message(self) -> str:
        """What the notification says."""
        if self.tool is not None:
            return f"Copied {self.what} (system clipboard)"
        said = f"Sent {self.what} to the terminal clipboard (OSC 52)"
        if self.problem:
            said += f"; {self.problem}"
        if self.tmux:
            return said + "; under tmux set `set -g set-clipboard on` if nothing arrives"
        return said + "; if nothing arrives, your terminal does not allow OSC 52"


_count_lock = threading.Lock()
_tool_lock = threading.Lock()
_latest = 0
"""The newest copy's number: an older copy still waiting for the tool gives way to it."""


def copy_text(app: App[object], text: str, what: str = "", *, title: str = "Copied", before: str = "") -> None:
    """Copy `text` by OSC 52 at once and by the system tool in a worker; notify how it went.

    Args:
        app: The running app (its terminal gets the OSC 52 sequence).
        text: What to copy.
        what: How the notification names it (default: the text itself, quoted and cut).
        title: The notification's title.
        before: A sentence put before the notification's own (say, what else was done).
    """
    global _latest
    what = what or f"“{preview(text)}”"
    tmux = bool(os.environ.get("TMUX"))
    app.copy_to_clipboard(text)
    command = system_command()
    if command is None:
        app.notify(before + Outcome(what, tmux=tmux).message(), title=title, markup=False)
        return
    with _count_lock:  # held for an instant only: the event loop never waits on a tool
        _latest += 1
        number = _latest

    def run() -> None:
        with _tool_lock:  # one tool at a time; an older copy gives way, so the newest text is left
            if number != _latest:
                return
            problem = pipe(command, text)
        name = os.path.basename(command[0])
        outcome = Outcome(what, tool=None if problem else name, problem=problem, tmux=tmux)
        severity = "information" if problem is None else "warning"
        try:
            app.call_from_thread(app.notify, before + outcome.message(), title=title, severity=severity, markup=False)
        except RuntimeError:
            pass  # the app closed meanwhile: nobody to tell

    app.run_worker(run, name="clipboard", group="clipboard", thread=True, exit_on_error=False)


class CopyRequested(Message):
    """A widget asks for text to be copied (the screen does it: widgets have no side effects)."""

    def __init__(self, text: str, what: str = "") -> None:
        self.text = text
        self.what = what
        super().__init__()
