"""A first-letter lookahead (`\\b(?=[aefip])(?:previously|first|…)`) only makes a search skip faster:
every way the rest of the pattern can start is a character of its class."""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

from tilbrowse.extract import cohorts, figures, lexicon, populations, quantities

MODULES = (cohorts, figures, lexicon, populations, quantities)


class Unknown(Exception):
    """A construct the first-character reading below does not follow."""


def _class_chars(items: Any) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(chr(av).lower())
        elif op is sre.RANGE:
            out.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            out.add("<digit>")
        else:
            raise Unknown(op)
    return out


def _first(items: Any) -> tuple[set[str], bool]:
    """The characters a match of `items` can start with, and whether it can match empty."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width
        if op is sre.LITERAL:
            return out | {chr(av).lower()}, False
        if op is sre.IN:
            return out | _class_chars(av), False
        if op is sre.BRANCH:
            empty = False
            for branch in av[1]:
                chars, can_be_empty = _first(branch)
                out |= chars
                empty = empty or can_be_empty
            if not empty:
                return out, False
            continue
        if op is sre.SUBPATTERN:
            chars, empty = _first(av[-1])
            out |= chars
            if not empty:
                return out, False
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            chars, empty = _first(av[2])
            out |= chars
            if av[0] > 0 and not empty:
                return out, False
            continue
        raise Unknown(op)
    return out, True


def _gated(items: Any) -> list[tuple[set[str], set[str]]]:
    """Every (lookahead class, first characters of what follows it) in a parsed pattern."""
    found: list[tuple[set[str], set[str]]] = []
    items = list(items)
    for i, (op, av) in enumerate(items):
        if op is sre.ASSERT and av[0] == 1 and len(av[1]) == 1 and av[1][0][0] is sre.IN:
            rest = items[i + 1 :]
            if rest and rest[0][0] in (sre.SUBPATTERN, sre.BRANCH):
                try:
                    found.append((_class_chars(av[1][0][1]), _first(rest)[0]))
                except Unknown:
                    pass
        children: list[Any] = []
        if op is sre.BRANCH:
            children = list(av[1])
        elif op is sre.SUBPATTERN:
            children = [av[-1]]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            children = [av[2]]
        for child in children:
            found.extend(_gated(child))
    return found


PATTERNS = [
    (f"{m.__name__}.{name}", value)
    for m in MODULES
    for name, value in vars(m).items()
    if isinstance(value, re.Pattern) and "(?=[" in value.pattern
]


def test_the_lookaheads_are_found() -> None:
    names = {name for name, p in PATTERNS if _gated(sre_parse.parse(p.pattern, p.flags).data)}
    assert {"tilbrowse.extract.cohorts._UPDATE", "tilbrowse.extract.populations._N_BEFORE"} <= names


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _p in PATTERNS])
def test_a_first_letter_lookahead_admits_every_start(name: str, pattern: re.Pattern[str]) -> None:
    for allowed, starts in _gated(sre_parse.parse(pattern.pattern, pattern.flags).data):
        assert starts <= allowed, f"{name}: {sorted(starts - allowed)} not in the lookahead"
