"""Invariants every figure must hold before it is stated (DESIGN §3, "Sure and possible").

These are not heuristics about wording: a percent outside [0, 100], a count larger
than its cohort, a count and percent that disagree with n, a duration outside
(0, 240] months, an n read from a year, a date, a dose, a cell count, money or a CI
bound, and a number written as a long run of one digit are impossible as stated
figures. A figure that breaks one is moved to the cohort's `candidates` with the
reason; it is never in `outcomes`. The figures shown beside the outcomes (`other`:
responses ongoing, men, grade ≥3 events, a manufacturing time) obey the same
invariants; what breaks one is a candidate keyed `other:NAME`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from tilbrowse.extract.checks import _tolerance
from tilbrowse.extract.model import Candidate, Duration, Evidence, OtherFigure, Outcome, Rate
from tilbrowse.extract.numbers import UNIT_MONTHS, to_months

MAX_MONTHS = 240.0
"""A median duration (or follow-up) longer than 20 years is not a trial's figure."""
MAX_N = 100_000
"""No cohort of a trial readout is larger."""
MAX_AGE = 110.0

_REPEATED = re.compile(r"(\d)\1{4,}")
"""A run of one digit longer than four (11111111111%)."""
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_N_BEFORE_BAD = re.compile(
    rf"(?:[$€£¥]\s*|\b(?:USD|EUR)\s*|\b{_MONTH}\s+|\b(?:CI|interval|range|IQR)\b[^()]{{0,12}}|[-–—]\s*|(?<!given )(?<!administered )\bto\s+|\bdose\s+(?:of\s+)?)$",
    re.IGNORECASE,
)
_N_AFTER_BAD = re.compile(
    r"^(?:\s*(?:mg|mcg|µg|ug|g|kg|ml|mL|IU|MIU|Gy|cGy)\b|\s*(?:[x×]|\*)\s*10|\s*(?:million|billion|thousand)\b|"
    rf"\s*(?:cells?|CAR\+?\s*T?\s*cells?|TILs?)\b|\s*[-–—]\s*\d|,\s*(?:19|20)\d\d\b|\s+{_MONTH}\b|\s*%)",
    re.IGNORECASE,
)


_ANIMALS_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,2}?(?:mice|mouse|rats?|animals?|monkeys?|primates?|dogs?|xenografts?|models?)\b", re.IGNORECASE
)
"""`7 of 8 mice bearing DLL3-positive tumours`: a count of animals (preclinical data), never a cohort's size."""


def repeated_digits(value: float) -> bool:
    """Whether a number is written with a run of one digit longer than four."""
    if 0 <= value < 10_000 and (value * 10).is_integer():
        return False  # at most four digits and one decimal: no run of five
    text = f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return bool(_REPEATED.search(text.replace(".", "")))


def n_problem(value: int, evidence: Evidence | None, body_text: str | None = None) -> str:
    """Why a cohort size cannot be one, or ``.

    Looks at the words around the number where it was read: a year, a date, a dose, a cell
    count, money or a CI bound is never n."""
    if value < 1:
        return f"n = {value} is not a number of patients"
    if value > MAX_N:
        return f"n = {value} is larger than any trial cohort"
    if repeated_digits(float(value)):
        return f"n = {value} is a run of one digit"
    if 1900 <= value <= 2100 and evidence is not None and str(value) in evidence.text:
        return f"n = {value} reads like a year"
    if evidence is None:
        return ""
    text = evidence.text
    span = text[evidence.match_start - evidence.start : evidence.match_end - evidence.start]
    for m in _occurrences(text, str(value)):
        # Only the occurrence inside the figure's own words is judged.
        if span and not (evidence.match_start - evidence.start <= m.start() < evidence.match_end - evidence.start):
            continue
        before, after = text[max(0, m.start() - 24) : m.start()], text[m.end() : m.end() + 24]
        if re.search(r"\d\s*/\s*$", before) and re.match(r"\s*/\s*\d", after):
            return f"n = {value} is part of a date"
        if _N_BEFORE_BAD.search(before) or _N_AFTER_BAD.match(after):
            return f"n = {value} reads as a date, dose, cell count, money amount or interval bound"
        if _ANIMALS_AFTER.match(after):
            return f"n = {value} counts animals, not patients"
        break
    return ""


def _occurrences(text: str, digits: str) -> list[re.Match[str]]:
    """Where a whole number is written in text (not inside a longer number)."""
    if digits not in text:
        return []
    return list(re.finditer(rf"(?<![\d.,]){digits}(?![\d.,]\d)", text))


@dataclass
class Guarded:
    """A cohort's figures after the invariants: what may be stated, and what is only possible."""

    outcomes: dict[str, Outcome]
    n: int | None
    n_evidence: Evidence | None
    median_age: float | None
    candidates: list[Candidate] = field(default_factory=list)


def _fmt(x: float) -> str:
    return f"{x:g}"


def guard(
    outcomes: dict[str, Outcome],
    n: int | None,
    n_evidence: Evidence | None,
    median_age: float | None,
    age_evidence: Evidence | None = None,
    candidates: list[Candidate] | None = None,
) -> Guarded:
    """Apply every invariant; what breaks one goes to `candidates` with its reason."""
    out = Guarded(dict(outcomes), n, n_evidence, median_age, list(candidates or []))
    if n is not None:
        problem = n_problem(n, n_evidence)
        if problem:
            ev = n_evidence or Evidence("", 0, 0)
            out.candidates.append(Candidate("n", "value", n, problem, ev))
            out.n, out.n_evidence = None, None
    if (
        median_age is not None
        and not (0 < median_age <= MAX_AGE)
        or (median_age is not None and repeated_digits(median_age))
    ):
        ev = age_evidence or Evidence("", 0, 0)
        out.candidates.append(Candidate("median_age", "value", median_age, "not a human age in years", ev))
        out.median_age = None
    if out.n is not None:
        against = _n_disputed(out.outcomes, out.n)
        if against:
            ev = out.n_evidence or Evidence("", 0, 0)
            why = f"n = {out.n} disagrees with {', '.join(against)}"
            out.candidates.append(Candidate("n", "value", out.n, why, ev))
            out.n, out.n_evidence = None, None
    for key, value in list(out.outcomes.items()):
        kept: Outcome | None = (
            _guard_rate(key, value, out.n, out.candidates)
            if isinstance(value, Rate)
            else _guard_duration(key, value, out.candidates)
        )
        if kept is None:
            del out.outcomes[key]
        else:
            out.outcomes[key] = kept
    return out


def _agrees(count: int, percent: float, denominator: int) -> bool:
    return denominator > 0 and abs(100 * count / denominator - percent) <= _tolerance(percent) + 0.05


def _fits(count: int, percent: float, highest: int) -> set[int]:
    """Every cohort size up to `highest` that a count and its percent agree with (solved, not searched)."""
    slack = _tolerance(percent) + 0.05
    lo = max(1, count, math.floor(100 * count / (percent + slack)))
    hi = highest if percent - slack <= 0 else min(highest, math.ceil(100 * count / (percent - slack)))
    return {d for d in range(lo, hi + 1) if _agrees(count, percent, d)}


def _n_disputed(outcomes: dict[str, Outcome], n: int) -> list[str]:
    """The figures that show n is not this cohort's size, or [] when n stands.

    Two stated figures that agree with each other outvote one n: when at least two rates
    break the invariant against n (a count larger than n, or a count and its percent that
    disagree with n) and no rate with a count and a percent agrees with it, the n is the
    figure that does not belong. One figure against n is that figure's problem."""
    against: list[str] = []
    alternatives: set[int] | None = None
    """Denominators every figure against n agrees with (None: not constrained yet)."""
    supporters: list[Rate] = []
    for key, rate in outcomes.items():
        if not isinstance(rate, Rate) or rate.count is None:
            continue
        if rate.denominator is not None and rate.denominator != n:
            continue  # judged against its own denominator
        fits: set[int] | None = None
        if rate.count > n:
            against.append(f"{key.upper()} count {rate.count}")
            if rate.percent is not None:
                fits = _fits(rate.count, rate.percent, 10 * rate.count + 50)
        elif rate.percent is not None:
            if _agrees(rate.count, rate.percent, n):
                supporters.append(rate)
                continue
            fits = _fits(rate.count, rate.percent, 10 * n + 50)
            if not fits:
                continue  # a pair that fits no cohort at all says nothing about n
            against.append(f"{key.upper()} {rate.count} ({_fmt(rate.percent)}%)")
        if fits is not None:
            alternatives = fits if alternatives is None else alternatives & fits
    if len(against) == 1 and alternatives and max(alternatives) < n and not supporters:
        # One count and its percent that agree with each other on a smaller set (the evaluable
        # patients) and nothing that agrees with n: the n is the enrolled set, not this figure's.
        return against
    if len(against) < 2:
        return []
    # A rate that fits n and the other cohort size alike (1 of 21 and 1 of 19 are both 5%) supports neither.
    support = [
        r
        for r in supporters
        if not alternatives or not any(_agrees(r.count or 0, r.percent or 0.0, d) for d in alternatives)
    ]
    return [] if support else against


def _guard_rate(key: str, rate: Rate, n: int | None, candidates: list[Candidate]) -> Rate | None:
    count, percent = rate.count, rate.percent
    reasons: dict[str, str] = {}
    if percent is not None and (not 0 <= percent <= 100 or repeated_digits(percent)):
        reasons["percent"] = f"{_fmt(percent)}% is not a percentage of patients"
    if count is not None:
        if count < 0 or repeated_digits(float(count)):
            reasons["count"] = f"{count} is not a number of patients"
        elif rate.denominator is not None and count > rate.denominator:
            reasons["count"] = f"count {count} is larger than its denominator {rate.denominator}"
        elif n is not None and count > n and (rate.denominator is None or rate.denominator > n):
            reasons["count"] = f"count {count} is larger than the cohort's n = {n}"
    if count is not None and percent is not None and not reasons:
        bases = [d for d in (rate.denominator, n) if d]
        if bases and not any(_agrees(count, percent, d) for d in bases):
            # The count and its percent are not one figure of this cohort. A percent is read
            # beside its metric; a count is more often a number of patients of another kind.
            reasons["count"] = f"{count} and {_fmt(percent)}% disagree with n = {bases[-1]}"
    if not reasons:
        return rate
    for part, why in reasons.items():
        value = count if part == "count" else percent
        assert value is not None
        candidates.append(Candidate(key, part, value, why, rate.evidence))
    count = None if "count" in reasons else count
    percent = None if "percent" in reasons else percent
    if count is None and percent is None:
        return None
    return replace(rate, count=count, percent=percent, ci95=rate.ci95 if percent is not None else None)


def _guard_duration(key: str, duration: Duration, candidates: list[Candidate]) -> Duration | None:
    months = duration.months
    if months is None:
        return duration
    if 0 < months <= MAX_MONTHS and not repeated_digits(months):
        return duration
    candidates.append(
        Candidate(key, "months", months, f"{_fmt(months)} months is not a trial's median duration", duration.evidence)
    )
    if duration.not_reached:
        return replace(duration, months=None)
    return None


OTHER_PREFIX = "other:"
"""Candidate keys of `other` figures: `other:men`, `other:responses ongoing`."""


def guard_other(other: dict[str, OtherFigure], n: int | None, candidates: list[Candidate]) -> dict[str, OtherFigure]:
    """The `other` figures that hold the invariants; each part that breaks one is a candidate.

    A percent is in [0, 100], a count is a number of patients no larger than the cohort's n, a
    duration is within (0, 240] months, and no part is a run of one digit. A figure left with no
    stated part is dropped (its broken parts are candidates)."""
    kept: dict[str, OtherFigure] = {}
    for name, figure in other.items():
        reasons: dict[str, tuple[float, str]] = {}
        percent, count, value = figure.percent, figure.count, figure.value
        if percent is not None and (not 0 <= percent <= 100 or repeated_digits(percent)):
            reasons["percent"] = (percent, f"{_fmt(percent)}% is not a percentage of patients")
        if count is not None:
            if count < 0 or repeated_digits(float(count)):
                reasons["count"] = (count, f"{count} is not a number of patients")
            elif n is not None and count > n:
                reasons["count"] = (count, f"count {count} is larger than the cohort's n = {n}")
        if value is not None:
            months = to_months(value, figure.unit) if figure.unit in UNIT_MONTHS else None
            if repeated_digits(value):
                reasons["value"] = (value, f"{_fmt(value)} is a run of one digit")
            elif months is not None and not 0 < months <= MAX_MONTHS:
                reasons["value"] = (value, f"{_fmt(value)} {figure.unit} is not a duration of a trial")
        if not reasons:
            kept[name] = figure
            continue
        for part, (bad, why) in reasons.items():
            candidates.append(Candidate(OTHER_PREFIX + name, part, bad, why, figure.evidence))
        figure = replace(
            figure,
            percent=None if "percent" in reasons else percent,
            count=None if "count" in reasons else count,
            value=None if "value" in reasons else value,
            unit=None if "value" in reasons else figure.unit,
        )
        if figure.percent is not None or figure.count is not None or figure.value is not None:
            kept[name] = figure
    return kept
