"""A readout: one cohort of one article, reduced to what following a trial needs.

The library keeps every article's readouts in memory (a few hundred bytes each), so the trials
list, a trial's timeline and a landscape are computed without reading any article again; the
sentence behind a figure is fetched from the full record when the user opens the cohort.

Only stated figures are kept as figures. The ORR's exact 95% interval is derived (from a stated
count, CR + PR, or a stated percent of a stated n when only one count rounds to it) and says how.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields

from tilbrowse.catalog.products import canonical_product
from tilbrowse.catalog.trials import canonical_trial, trial_key, trial_of_nct
from tilbrowse.corpus.models import Article
from tilbrowse.extract.model import Cohort, Duration, Rate
from tilbrowse.stats.exact import ci95_percent

DURATIONS = ("median_dor", "median_pfs", "median_os", "median_followup")


@dataclass(frozen=True, slots=True)
class Readout:
    """One cohort's figures at one data cut (the article's date)."""

    cohort_id: str
    title: str
    """The article's title."""
    date: str | None
    label: str
    indication: str | None = None
    product: str | None = None
    """As written ("lifileucel (LN-144)")."""
    drug: str | None = None
    """Canonical product (`catalog.products`), or None when the product is not one we know."""
    trial: str | None = None
    """Trial name as written (C-144-01, innovaTIL-01)."""
    trial_id: str | None = None
    """NCT number tied to the cohort."""
    phase: str | None = None
    n: int | None = None
    orr: float | None = None
    """Stated ORR, percent."""
    orr_count: int | None = None
    """Stated number of responders."""
    orr_ci: tuple[float, float] | None = None
    """Exact 95% interval of the ORR, percent (derived; see `ci_basis`)."""
    ci_basis: str = ""
    """How the interval was computed: "25/66 stated", "CR + PR = 2 + 23 of 66", "38% of 66 ≈ 25/66"."""
    cr: float | None = None
    cr_count: int | None = None
    months: tuple[float | None, ...] = (None, None, None, None)
    """Median DOR, PFS, OS and follow-up in months, as stated (`DURATIONS` order)."""
    not_reached: tuple[str, ...] = ()
    """Keys of `DURATIONS` stated as not reached."""
    linked: bool = False
    """The trial's name and NCT number are known to be one trial's: the cohort's own sentences
    state both, or its article names one trial and one registry number. Only a linked readout
    joins a name to a number (an article about C-144-01 that mentions another trial's NCT id in
    passing does not make that id C-144-01's)."""

    @property
    def article_id(self) -> str:
        """The article the readout comes from."""
        return self.cohort_id.rsplit("#", 1)[0]

    def duration(self, key: str) -> float | None:
        """Months of a median (`median_dor` …); None when not stated or not reached."""
        return self.months[DURATIONS.index(key)]

    def duration_text(self, key: str) -> str:
        """A median as shown: "12.5 mo", "not reached" or ""."""
        if key in self.not_reached:
            return "not reached"
        value = self.duration(key)
        return "" if value is None else f"{value:g} mo"

    @property
    def product_name(self) -> str:
        """The product to show: canonical when known, else as written ("" when none)."""
        return self.drug or self.product or ""

    @property
    def trial_name(self) -> str | None:
        """The trial's name to show: the curated name for an alias ("innovaTIL-01" is shown as
        "C-144-01"), else as written."""
        if self.trial is None:
            known = trial_of_nct(self.trial_id) if self.trial_id else None
            return known.name if known else None
        known = canonical_trial(self.trial)
        return known.name if known else self.trial


_PACKED = tuple(f.name for f in fields(Readout) if f.name not in ("title", "date"))
"""A packed readout's fields, in order: all but the article's title and date (the entry has them)."""


def pack(readouts: Sequence[Readout]) -> bytes:
    """An article's readouts as a few hundred bytes (a third of them as objects): what the
    library keeps of them in memory and in its image; `unpack` makes them again."""
    return marshal.dumps(tuple(tuple(getattr(r, name) for name in _PACKED) for r in readouts))


def unpack(packed: bytes, title: str, date: str | None) -> tuple[Readout, ...]:
    """The readouts `pack` made, of an article of this title and date. Raises ValueError
    (TypeError, EOFError) on bytes that are not packed readouts."""
    rows = marshal.loads(packed)
    return tuple(Readout(cohort_id, title, date, *rest) for cohort_id, *rest in rows)


_COHORT_NUMBER = re.compile(r"\b(?:cohort|arm|part|group|dose level|stratum)\s+\w+", re.IGNORECASE)


def cohort_number(label: str) -> str:
    """"Cohort 2" of a label such as "Cohort 2 (C-144-01)", lowercase; "" when it names none."""
    found = _COHORT_NUMBER.search(label)
    return found.group(0).lower() if found else ""


def _orr_interval(cohort: Cohort) -> tuple[tuple[float, float] | None, str]:
    """The ORR's exact 95% interval and how its count was had: stated, CR + PR, or the only
    count that rounds to the stated percent of the stated n."""
    rate, cr, pr = cohort.rate("orr"), cohort.rate("cr"), cohort.rate("pr")
    n = cohort.n or (rate.denominator if rate is not None else None)
    if not n:
        return None, ""
    if rate is not None and rate.count is not None and rate.count <= n:
        return ci95_percent(rate.count, n), f"{rate.count}/{n} stated"
    if cr is not None and pr is not None and cr.count is not None and pr.count is not None and cr.count + pr.count <= n:
        count = cr.count + pr.count
        return ci95_percent(count, n), f"CR + PR = {cr.count} + {pr.count} = {count}/{n}"
    if rate is not None and rate.percent is not None:
        counts = [k for k in range(n + 1) if abs(100 * k / n - rate.percent) < 0.5 + 1e-9]
        if len(counts) == 1:  # "38% of 66" is 25/66 and no other count rounds to 38%
            return ci95_percent(counts[0], n), f"{rate.percent:g}% of {n} ≈ {counts[0]}/{n}"
    return None, ""


def _linked(article: Article, cohort: Cohort, trials: Sequence[str]) -> bool:
    if not (cohort.trial and cohort.trial_id):
        return False
    names = {trial_key(known.name if (known := canonical_trial(t)) else t) for t in trials}
    if len(set(article.trial_ids)) <= 1 and len(names) <= 1:
        return True
    evidence = [cohort.n_evidence, *(o.evidence for o in cohort.outcomes.values())]
    return any(e is not None and cohort.trial in e.text and cohort.trial_id in e.text for e in evidence)


def readout_of(article: Article, cohort: Cohort, trials: Sequence[str] = ()) -> Readout:
    """The readout of one cohort of an article (`trials`: the trial names the article states)."""
    orr, cr = cohort.rate("orr"), cohort.rate("cr")
    months: list[float | None] = []
    not_reached: list[str] = []
    for key in DURATIONS:
        duration = cohort.outcomes.get(key)
        months.append(duration.months if isinstance(duration, Duration) and not duration.not_reached else None)
        if isinstance(duration, Duration) and duration.not_reached:
            not_reached.append(key)
    ci, basis = _orr_interval(cohort)
    return Readout(
        cohort_id=cohort.id,
        title=article.title,
        date=article.date,
        label=cohort.label,
        indication=cohort.indication,
        product=cohort.product,
        # An arm named by its product ("Sacituzumab govitecan") is that product's readout.
        drug=cohort.product_canonical or (canonical_product(cohort.label) if cohort.product is None else None),
        trial=cohort.trial,
        trial_id=cohort.trial_id,
        phase=cohort.phase,
        n=cohort.n,
        orr=orr.percent if isinstance(orr, Rate) else None,
        orr_count=orr.count if isinstance(orr, Rate) else None,
        orr_ci=ci,
        ci_basis=basis,
        cr=cr.percent if isinstance(cr, Rate) else None,
        cr_count=cr.count if isinstance(cr, Rate) else None,
        months=tuple(months),
        not_reached=tuple(not_reached),
        linked=_linked(article, cohort, trials or ([cohort.trial] if cohort.trial else [])),
    )


def readouts_of(article: Article, cohorts: Sequence[Cohort], trials: Sequence[str] = ()) -> tuple[Readout, ...]:
    """The readouts of an article: one per cohort that states a figure or names its trial."""
    return tuple(readout_of(article, c, trials) for c in cohorts if c.outcomes or c.n is not None)
