"""Counting work instead of seconds: a test's bound must not depend on how busy the machine is.

`calls_made` counts the function calls (Python and built-in, each step of a generator too) an
action makes in this thread: the same number on an idle laptop and on a CI machine at load 4.
What it cannot see is work inside one built-in call (a regular expression that backtracks);
a test guarding against that keeps a clock, as a ceiling far above the idle time (≥ 30×).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType


def calls_made(action: Callable[[], object]) -> int:
    """Function calls made by `action` (in this thread)."""
    calls = 0

    def count(_frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(previous)
    return calls


def steady_calls(action: Callable[[], object]) -> int:
    """Function calls made by `action` once it has run already: patterns compiled and memos holding
    what it asks of them, so the count does not depend on what ran before it (the suite's order,
    hypothesis's random examples) — only on the action's own work."""
    action()
    return calls_made(action)
