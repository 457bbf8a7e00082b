"""Exact statistics for response rates: Clopper–Pearson intervals and Fisher's exact test.

Plain Python (no SciPy): binomial and hypergeometric probabilities in log space, and
bisection for the interval bounds, exact to well below the one decimal shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed from the mode outwards in log space."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    lp, lq = math.log(p), math.log1p(-p)
    # Start at the largest term among 0..k and walk down with the pmf ratio.
    top = min(k, int((n + 1) * p))
    log_top = _log_choose(n, top) + top * lp + (n - top) * lq
    total = 1.0
    term = 1.0
    ratio_base = math.exp(lq - lp)
    for i in range(top, 0, -1):
        term *= i / (n - i + 1) * ratio_base
        total += term
        if term < 1e-17 * total:
            break
    term = 1.0
    ratio_up = math.exp(lp - lq)
    for i in range(top, k):
        term *= (n - i) / (i + 1) * ratio_up
        total += term
        if term < 1e-17 * total:
            break
    return min(1.0, math.exp(log_top) * total)


def _bisect(func: Callable[[float], float], target: float, increasing: bool) -> float:
    """Solve func(p) = target on [0, 1] for a monotone func."""
    lo, hi = 0.0, 1.0
    for _ in range(42):
        mid = (lo + hi) / 2
        value = func(mid)
        if (value < target) == increasing:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@lru_cache(maxsize=4096)
def clopper_pearson(count: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact two-sided interval for a proportion, as fractions in [0, 1].

    >>> [round(100 * x, 1) for x in clopper_pearson(25, 66)]
    [26.2, 50.7]
    """
    if n <= 0 or not 0 <= count <= n:
        raise ValueError(f"need 0 <= count <= n and n > 0, got {count}/{n}")
    alpha = 1 - confidence
    lower = 0.0 if count == 0 else _bisect(lambda p: 1 - _binom_cdf(count - 1, n, p), alpha / 2, increasing=True)
    upper = 1.0 if count == n else _bisect(lambda p: _binom_cdf(count, n, p), alpha / 2, increasing=False)
    return lower, upper


def _bisect_rounded(func: Callable[[float], float], target: float, increasing: bool) -> float:
    """`round(100 * _bisect(...), 1)`, stopping as soon as the bracket's ends round alike.

    The brackets nest and the rounding is monotone, so every later midpoint (the final one
    included) rounds as both ends do: the answer is `_bisect`'s, in a third of the steps.
    """
    lo, hi = 0.0, 1.0
    for _ in range(42):
        if round(100 * lo, 1) == round(100 * hi, 1):
            return round(100 * lo, 1)
        mid = (lo + hi) / 2
        value = func(mid)
        if (value < target) == increasing:
            lo = mid
        else:
            hi = mid
    return round(100 * ((lo + hi) / 2), 1)


@lru_cache(maxsize=4096)
def ci95_percent(count: int, n: int) -> tuple[float, float]:
    """The Clopper–Pearson 95% interval in percent, rounded to one decimal (`clopper_pearson`'s,
    rounded; bisected only as far as the rounding needs)."""
    if n <= 0 or not 0 <= count <= n:
        raise ValueError(f"need 0 <= count <= n and n > 0, got {count}/{n}")
    alpha = 1 - 0.95
    lower = 0.0 if count == 0 else _bisect_rounded(lambda p: 1 - _binom_cdf(count - 1, n, p), alpha / 2, True)
    upper = 100.0 if count == n else _bisect_rounded(lambda p: _binom_cdf(count, n, p), alpha / 2, False)
    return lower, upper


@dataclass(frozen=True)
class FisherResult:
    """Fisher's exact test on a 2×2 table of responders and non-responders."""

    odds_ratio: float
    """Sample odds ratio (a·d)/(b·c); inf when b·c is 0, nan when both are 0."""
    p_value: float
    """Two-sided p-value (sum of tables no more likely than the observed one)."""


def fisher_exact(a: int, b: int, c: int, d: int) -> FisherResult:
    """Two-sided Fisher exact test for [[a, b], [c, d]] (rows: cohorts; columns: yes/no).

    >>> round(fisher_exact(8, 2, 1, 5).p_value, 4)
    0.0350
    """
    if min(a, b, c, d) < 0:
        raise ValueError("counts must be non-negative")
    row1, row2, col1 = a + b, c + d, a + c
    total = row1 + row2
    lo, hi = max(0, col1 - row2), min(row1, col1)

    def log_p(x: int) -> float:
        return _log_choose(row1, x) + _log_choose(row2, col1 - x) - _log_choose(total, col1)

    observed = log_p(a)
    tolerance = 1e-7
    p_value = sum(math.exp(log_p(x)) for x in range(lo, hi + 1) if log_p(x) <= observed + tolerance)
    if b * c == 0:
        odds = math.nan if a * d == 0 else math.inf
    else:
        odds = (a * d) / (b * c)
    return FisherResult(odds_ratio=odds, p_value=min(1.0, p_value))
