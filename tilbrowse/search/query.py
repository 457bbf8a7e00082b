"""The query language (DESIGN §4): words, 'exact, "phrases", !negation and field filters, parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tilbrowse.search.document import WORD, normalise


class QueryError(ValueError):
    """A query that cannot be run; the message says what to fix."""


@dataclass(frozen=True)
class Filter:
    """One field filter of a query."""

    field: str
    op: str
    value: str
    number: float | None = None


@dataclass(frozen=True)
class Query:
    """A parsed query."""

    words: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing restricts the results (all articles, newest first)."""
        return not (self.words or self.exact or self.negated or self.filters)

    def terms(self) -> tuple[str, ...]:
        """Words and phrases to highlight."""
        return self.words + self.exact


_TOKEN = re.compile(r'!?"[^"]*"?|\S+')
_FILTER = re.compile(r"^(?P<field>tag|drug|disease|nct|trial|source|after|before):(?P<value>.*)$", re.IGNORECASE)
_NUMERIC = re.compile(r"^(?P<field>orr|cr|pr|sd|pd|dcr|n)(?P<op>>=|<=|=|>|<)(?P<value>.*)$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse_query(text: str) -> Query:
    """Parse a query; problems are collected in `errors`, never raised."""
    words: list[str] = []
    exact: list[str] = []
    negated: list[str] = []
    filters: list[Filter] = []
    errors: list[str] = []
    for raw in _TOKEN.findall(text[:2000]):
        token = raw.strip()
        if not token:
            continue
        neg = token.startswith("!")
        body = token[1:] if neg else token
        if body.startswith('"'):
            phrase = normalise(body.strip('"'))
            if phrase:
                (negated if neg else exact).append(phrase)
            continue
        numeric = _NUMERIC.match(body)
        if numeric and not neg:
            value = numeric.group("value")
            try:
                number = float(value.rstrip("%"))
            except ValueError:
                errors.append(
                    f"{numeric.group('field')}{numeric.group('op')}{value}: a number is needed after the comparison"
                )
                continue
            filters.append(Filter(numeric.group("field").lower(), numeric.group("op"), value, number))
            continue
        found = _FILTER.match(body)
        if found:
            name, value = found.group("field").lower(), found.group("value").strip()
            if not value:
                errors.append(f"{name}: needs a value, e.g. {name}:{_EXAMPLE[name]}")
                continue
            if name in ("after", "before") and not _DATE.match(value):
                errors.append(f"{name}:{value}: dates are written YYYY, YYYY-MM or YYYY-MM-DD")
                continue
            filters.append(Filter(name, "!" if neg else ":", value.lower()))
            continue
        if body.startswith("'"):
            phrase = normalise(body[1:])
            if phrase:
                (negated if neg else exact).append(phrase)
            continue
        for word in WORD.findall(body.lower()):
            (negated if neg else words).append(word)
    return Query(tuple(words), tuple(exact), tuple(negated), tuple(filters), tuple(errors))


_EXAMPLE = {
    "tag": "melanoma",
    "drug": "lifileucel",
    "disease": "cervical",
    "nct": "NCT02360579",
    "trial": "C-144-01",
    "source": "yahoo",
    "after": "2020-01-01",
    "before": "2024-12-31",
}


def is_number(word: str) -> bool:
    """True for a query word without letters ("3", "30", "2023", "8.8"): a number is found as
    written, never as a typo of another number."""
    return not any(ch.isalpha() for ch in word)


def typo_budget(word: str) -> int:
    """How many edits a word may be from an article's word and still match it."""
    if is_number(word):
        return 0
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2
