"""Cohorts side by side (DESIGN §5): metric rows × cohort columns, best value marked,
response composition, ORR with exact 95% intervals and, for two cohorts, Fisher's exact test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from tilbrowse.export.tables import candidate_value, fmt_number, format_outcome
from tilbrowse.extract.model import DURATION_KEYS, OUTCOME_LABELS, RATE_KEYS, Cohort, Duration, Rate
from tilbrowse.library.library import Record
from tilbrowse.stats.exact import FisherResult, ci95_percent, fisher_exact

CAVEAT = (
    "Cross-trial comparisons are not randomised: populations, prior therapy, follow-up and "
    "response criteria differ, so a difference may not be caused by the therapy."
)
HIGHER_IS_BETTER = {
    "orr": True,
    "cr": True,
    "pr": True,
    "sd": None,
    "pd": False,
    "dcr": True,
    "tumor_reduction": True,
    "median_dor": True,
    "median_pfs": True,
    "median_os": True,
    "median_ttr": False,
    "median_followup": None,
}
"""Which direction is better per metric; None where 'best' means nothing (SD, follow-up)."""
METRICS = ("orr", "cr", "pr", "sd", "pd", "dcr", "tumor_reduction", *DURATION_KEYS)


@dataclass(frozen=True)
class Column:
    """One cohort in the comparison, with the article it comes from."""

    cohort: Cohort
    article_title: str
    article_date: str | None
    article_source: str = ""
    """Where the article was published: the host of its source URL ("" when it names none)."""

    @property
    def id(self) -> str:
        """The cohort id."""
        return self.cohort.id


@dataclass(frozen=True)
class Cell:
    """One figure of one cohort: the text shown, the value ranked, and where it came from."""

    text: str
    value: float | None
    derived: bool = False
    """True when computed (not stated): shown as derived."""
    best: bool = False
    possible: bool = False
    """True when the cohort only offers the figure as possible (`? 8.8 mo`): shown, never ranked."""


@dataclass(frozen=True)
class Row:
    """One metric across the cohorts."""

    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Composition:
    """Best-response composition of a cohort in percent (CR, PR, SD, PD, not evaluable)."""

    cr: float | None
    pr: float | None
    sd: float | None
    pd: float | None
    ne: float | None
    derived: bool
    """True when any part was computed from counts or as the remainder."""

    def parts(self) -> list[tuple[str, float]]:
        """The known parts, in order."""
        return [
            (name, value)
            for name, value in (("CR", self.cr), ("PR", self.pr), ("SD", self.sd), ("PD", self.pd), ("NE", self.ne))
            if value
        ]


@dataclass(frozen=True)
class Comparison:
    """The whole comparison table."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    orr_ci: tuple[tuple[float, float] | None, ...]
    """Exact 95% CI of ORR per column, from stated or derived counts."""
    orr_basis: tuple[str, ...]
    compositions: tuple[Composition, ...]
    fisher: FisherResult | None = None
    """Fisher's exact test on ORR, for exactly two cohorts with known counts."""
    fisher_counts: tuple[tuple[int, int], tuple[int, int]] | None = None
    caveat: str = CAVEAT


def _rate_percent(cohort: Cohort, key: str) -> tuple[float | None, bool]:
    """Percent of a rate: stated, or derived from count/n. Returns (value, derived)."""
    rate = cohort.outcomes.get(key)
    if isinstance(rate, Rate) and rate.percent is not None:
        return rate.percent, False
    derived = cohort.derived.get(key)
    if derived is not None and derived.percent is not None:
        return derived.percent, True
    count = rate.count if isinstance(rate, Rate) else (derived.count if derived else None)
    if count is not None and cohort.n:
        return round(100 * count / cohort.n, 1), True
    return None, False


def orr_count(cohort: Cohort) -> tuple[int, int, str] | None:
    """(responders, n, basis) for the ORR: stated count, else CR+PR, else percent × n is NOT used."""
    n = cohort.n
    rate = cohort.outcomes.get("orr")
    if isinstance(rate, Rate) and rate.count is not None:
        n = n or rate.denominator
        if n:
            return rate.count, n, f"{rate.count}/{n} stated"
    derived = cohort.derived.get("orr")
    if derived is not None and derived.count is not None and n:
        return derived.count, n, f"{derived.count}/{n} ({derived.basis})"
    return None


def _cell(cohort: Cohort, key: str) -> Cell:
    if key in RATE_KEYS:
        outcome = cohort.outcomes.get(key)
        value, derived = _rate_percent(cohort, key)
        if isinstance(outcome, Rate):
            text = format_outcome(outcome)
            if outcome.percent is None and value is not None:
                text += f" ({fmt_number(value)}%*)"
            return Cell(text, value, derived and outcome.percent is None)
        d = cohort.derived.get(key)
        if d is not None and (d.count is not None or d.percent is not None):
            parts = [str(d.count)] if d.count is not None else []
            if value is not None:
                parts.append(f"({fmt_number(value)}%)" if parts else f"{fmt_number(value)}%")
            return Cell(" ".join(parts) + "*", value, True)
        return _possible_cell(cohort, key)
    outcome = cohort.outcomes.get(key)
    if isinstance(outcome, Duration):
        value = float("inf") if outcome.not_reached else outcome.months
        return Cell(format_outcome(outcome), value)
    return _possible_cell(cohort, key)


def _possible_cell(cohort: Cohort, key: str) -> Cell:
    """A figure the cohort only offers as possible: its values after `?`, with no value to rank."""
    offered = [candidate_value(c) for c in cohort.candidates if c.key == key]
    if not offered:
        return Cell("—", None)
    return Cell("? " + " / ".join(dict.fromkeys(offered)), None, possible=True)


def _mark_best(key: str, cells: list[Cell]) -> list[Cell]:
    direction = HIGHER_IS_BETTER.get(key)
    values = [c.value for c in cells if c.value is not None]
    if direction is None or len(values) < 2:
        return cells
    best = max(values) if direction else min(values)
    if sum(1 for v in values if v == best) == len(values):
        return cells
    return [Cell(c.text, c.value, c.derived, best=c.value == best, possible=c.possible) for c in cells]


def composition(cohort: Cohort) -> Composition:
    """CR/PR/SD/PD shares and the not-evaluable remainder."""
    parts: dict[str, float | None] = {}
    derived_any = False
    for key in ("cr", "pr", "sd", "pd"):
        value, derived = _rate_percent(cohort, key)
        parts[key] = value
        derived_any = derived_any or derived
    known = [v for v in parts.values() if v is not None]
    ne = None
    if len(known) == 4 and sum(known) <= 100.5:
        ne = round(max(0.0, 100 - sum(known)), 1)
        derived_any = True
    return Composition(parts["cr"], parts["pr"], parts["sd"], parts["pd"], ne, derived_any)


def compare(columns: Sequence[Column]) -> Comparison:
    """Build the comparison of the given cohorts (in the order given)."""
    cohorts = [c.cohort for c in columns]
    rows: list[Row] = []
    sizes = [Cell(str(c.n), c.n) if c.n is not None else _possible_cell(c, "n") for c in cohorts]
    rows.append(Row("n", "n", tuple(sizes)))
    for key in METRICS:
        cells = [_cell(c, key) for c in cohorts]
        if all(c.value is None and c.text == "—" for c in cells):
            continue
        rows.append(Row(key, OUTCOME_LABELS[key], tuple(_mark_best(key, cells))))
    cis: list[tuple[float, float] | None] = []
    bases: list[str] = []
    counts: list[tuple[int, int] | None] = []
    for cohort in cohorts:
        found = orr_count(cohort)
        if found is None:
            cis.append(None)
            bases.append("")
            counts.append(None)
            continue
        count, n, basis = found
        if 0 <= count <= n:
            cis.append(ci95_percent(count, n))
            counts.append((count, n))
        else:
            cis.append(None)
            counts.append(None)
        bases.append(basis)
    fisher = None
    fisher_counts = None
    if len(cohorts) == 2 and counts[0] is not None and counts[1] is not None:
        (a, n1), (c, n2) = counts[0], counts[1]
        fisher = fisher_exact(a, n1 - a, c, n2 - c)
        fisher_counts = ((a, n1), (c, n2))
    return Comparison(
        columns=tuple(columns),
        rows=tuple(rows),
        orr_ci=tuple(cis),
        orr_basis=tuple(bases),
        compositions=tuple(composition(c) for c in cohorts),
        fisher=fisher,
        fisher_counts=fisher_counts,
    )


def columns_for(records: Sequence[tuple[Record, Cohort]]) -> list[Column]:
    """Comparison columns for (record, cohort) pairs."""
    return [
        Column(cohort, record.article.title, record.article.date, source_host(record.article.source_url))
        for record, cohort in records
    ]


def source_host(url: str | None) -> str:
    """The host of a source URL, without `www.` ("" for none)."""
    host = urlsplit(url).hostname or "" if url else ""
    return host.removeprefix("www.")


def meta_rows(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """What each cohort is, row by row — the same rows in the browser, the CLI table, Markdown and CSV."""
    cols = comparison.columns
    return [
        ("cohort id", [c.id for c in cols]),
        ("article", [c.article_title for c in cols]),
        ("date", [c.article_date or "" for c in cols]),
        ("source", [c.article_source for c in cols]),
        ("product", [c.cohort.product or "" for c in cols]),
        ("indication", [c.cohort.indication or "" for c in cols]),
        ("trial", [c.cohort.trial_id or "" for c in cols]),
    ]


def fisher_sentence(comparison: Comparison) -> str:
    """Fisher's test in words, or why it is not shown."""
    if len(comparison.columns) != 2:
        return ""
    if comparison.fisher is None or comparison.fisher_counts is None:
        return "Fisher's exact test needs responder counts and n for both cohorts (stated or from CR+PR)."
    (a, n1), (c, n2) = comparison.fisher_counts
    p = comparison.fisher.p_value
    verdict = "a difference this large is unlikely by chance alone" if p < 0.05 else "the difference could be chance"
    p_text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return f"Fisher's exact test on ORR ({a}/{n1} vs {c}/{n2}): {p_text} (two-sided); {verdict}."
