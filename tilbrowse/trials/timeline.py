"""A trial's readouts over time, each with what changed since the previous cut of the same
population, and the landscape of one indication: each product's latest readout side by side."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tilbrowse.trials.group import Trial, series_key
from tilbrowse.trials.readout import Readout


@dataclass(frozen=True)
class TimelineRow:
    """One readout of a trial and its change since the previous cut of the same population."""

    readout: Readout
    previous: Readout | None
    """The previous readout of the same product, indication and numbered cohort (None for the first)."""

    @property
    def delta_orr(self) -> float | None:
        """Change of the stated ORR, percentage points."""
        if self.previous is None or self.readout.orr is None or self.previous.orr is None:
            return None
        return round(self.readout.orr - self.previous.orr, 1)

    @property
    def delta_n(self) -> int | None:
        """Change of n (patients)."""
        if self.previous is None or self.readout.n is None or self.previous.n is None:
            return None
        return self.readout.n - self.previous.n

    @property
    def delta_followup(self) -> float | None:
        """Change of the median follow-up, months."""
        if self.previous is None:
            return None
        now, before = self.readout.duration("median_followup"), self.previous.duration("median_followup")
        if now is None or before is None:
            return None
        return round(now - before, 1)


def timeline(trial: Trial) -> list[TimelineRow]:
    """The trial's readouts in date order, each beside the previous cut of its population.

    The previous cut is the latest earlier-dated readout (of another article) of the same product
    and indication whose numbered cohort agrees ("Cohort 2" and an unnumbered readout agree;
    "Cohort 2" and "Cohort 4" do not). When that article holds several such readouts, which one
    continues is not known, and none is taken."""
    rows: list[TimelineRow] = []
    for readout in trial.readouts:
        rows.append(TimelineRow(readout, _previous(readout, trial.readouts)))
    return rows


def _previous(readout: Readout, readouts: Sequence[Readout]) -> Readout | None:
    if readout.date is None:
        return None
    product, indication, number = series_key(readout)
    earlier = [
        r
        for r in readouts
        if r.date is not None
        and r.date < readout.date
        and series_key(r)[:2] == (product, indication)
        and (not number or not series_key(r)[2] or series_key(r)[2] == number)
    ]
    if not earlier:
        return None
    latest = max(r.date or "" for r in earlier)
    same_cut = [r for r in earlier if r.date == latest]
    if len({r.article_id for r in same_cut}) == 1 and len(same_cut) > 1:
        exact = [r for r in same_cut if number and series_key(r)[2] == number]
        return exact[0] if len(exact) == 1 else None
    return same_cut[0] if len(same_cut) == 1 else None


@dataclass(frozen=True)
class LandscapeRow:
    """A product's latest readout with a stated ORR in one indication, and its trial."""

    readout: Readout
    trial: Trial


def landscape(trials: Iterable[Trial], indication: str) -> list[LandscapeRow]:
    """For one indication (any part of its name, any case: "melanoma" finds "uveal melanoma"),
    each product's latest readout that states an ORR, highest ORR first (then larger n).

    Latest is by date, then the larger n: the readout an analyst would quote today."""
    wanted = indication.strip().lower()
    best: dict[str, LandscapeRow] = {}
    for trial in trials:
        for readout in trial.readouts:
            if readout.orr is None or not readout.indication or wanted not in readout.indication.lower():
                continue
            product = readout.product_name.lower() or trial.name.lower()
            held = best.get(product)
            if held is None or (readout.date or "", readout.n or 0) > (held.readout.date or "", held.readout.n or 0):
                best[product] = LandscapeRow(readout, trial)
    rows = list(best.values())
    rows.sort(key=lambda row: (-(row.readout.orr or 0.0), -(row.readout.n or 0), row.readout.product_name.lower()))
    return rows


def indications(trials: Sequence[Trial]) -> list[tuple[str, int]]:
    """Indications with at least one readout stating an ORR, with how many products report it."""
    products: dict[str, set[str]] = {}
    for trial in trials:
        for r in trial.readouts:
            if r.orr is not None and r.indication:
                products.setdefault(r.indication, set()).add(r.product_name.lower() or trial.name.lower())
    return sorted(((k, len(v)) for k, v in products.items()), key=lambda kv: (-kv[1], kv[0]))
