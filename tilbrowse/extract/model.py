"""Records of extracted figures: cohorts, stated outcomes, derived values, checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

RATE_KEYS = ("orr", "cr", "pr", "sd", "pd", "dcr", "tumor_reduction")
"""Outcomes stated as a count and/or a percent of the cohort."""
DURATION_KEYS = ("median_dor", "median_pfs", "median_os", "median_ttr", "median_followup")
"""Outcomes stated as a median duration in months, or as not reached."""
OUTCOME_KEYS = RATE_KEYS + DURATION_KEYS

OUTCOME_LABELS = {
    "orr": "ORR",
    "cr": "CR",
    "pr": "PR",
    "sd": "SD",
    "pd": "PD",
    "dcr": "DCR",
    "tumor_reduction": "Tumor reduction",
    "median_dor": "Median DOR",
    "median_pfs": "Median PFS",
    "median_os": "Median OS",
    "median_ttr": "Median time to response",
    "median_followup": "Median follow-up",
}


@dataclass(frozen=True)
class Evidence:
    """Where a figure was read: the sentence, its span in the body, and the figure's own span."""

    text: str
    start: int
    end: int
    """`body[start:end] == text`."""
    match_start: int = 0
    match_end: int = 0
    """Span in the body of the words that state the figure (inside the sentence)."""

    def to_json(self) -> dict[str, Any]:
        """JSON form: text, start, end, and the figure's span as `match`."""
        return {"text": self.text, "start": self.start, "end": self.end, "match": [self.match_start, self.match_end]}


@dataclass(frozen=True)
class Rate:
    """A stated response-type figure: a count, a percent, or both."""

    count: int | None
    percent: float | None
    evidence: Evidence
    ci95: tuple[float, float] | None = None
    """A 95% interval the text states (never the estimate itself)."""
    approximate: bool = False
    """The text qualifies it ("about", "approximately")."""
    denominator: int | None = None
    """The `153` of "48 of 153", when the text states one."""

    def to_json(self) -> dict[str, Any]:
        """JSON form of DESIGN §6, with the optional stated parts added."""
        out: dict[str, Any] = {"count": self.count, "percent": self.percent, "evidence": self.evidence.to_json()}
        if self.ci95 is not None:
            out["ci95"] = list(self.ci95)
        if self.denominator is not None:
            out["denominator"] = self.denominator
        if self.approximate:
            out["approximate"] = True
        return out


@dataclass(frozen=True)
class Duration:
    """A stated median duration in months (converted from the stated unit), or not reached."""

    months: float | None
    not_reached: bool
    evidence: Evidence
    value: float | None = None
    """The number as stated, in `unit`."""
    unit: str | None = None
    """`months`, `weeks`, `years` or `days`, as stated."""
    ci95: tuple[float | None, float | None] | None = None
    """A stated 95% interval in months; None for an `NR` bound."""
    approximate: bool = False

    def to_json(self) -> dict[str, Any]:
        """JSON form of DESIGN §6, with the stated value and unit added."""
        out: dict[str, Any] = {
            "months": self.months,
            "not_reached": self.not_reached,
            "evidence": self.evidence.to_json(),
        }
        if self.value is not None:
            out["value"] = self.value
            out["unit"] = self.unit
        if self.ci95 is not None:
            out["ci95"] = list(self.ci95)
        if self.approximate:
            out["approximate"] = True
        return out


Outcome = Rate | Duration


@dataclass(frozen=True)
class OtherFigure:
    """A figure that is not an outcome but is worth showing (sex, prior therapy, AEs, …)."""

    name: str
    """What it is, in words: "men", "prior checkpoint inhibitors", "12-month OS rate"."""
    evidence: Evidence
    percent: float | None = None
    count: int | None = None
    value: float | None = None
    unit: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON form: the stated parts only, plus evidence."""
        out: dict[str, Any] = {}
        for key in ("percent", "count", "value", "unit"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["evidence"] = self.evidence.to_json()
        return out


@dataclass(frozen=True)
class Check:
    """A consistency check on a cohort's figures; a warning is shown, never silently fixed."""

    level: Literal["ok", "warning"]
    message: str

    def to_json(self) -> dict[str, str]:
        """JSON form."""
        return {"level": self.level, "message": self.message}


@dataclass(frozen=True)
class Derived:
    """A value computed from stated figures; always shown as derived."""

    count: int | None = None
    percent: float | None = None
    ci95: tuple[float, float] | None = None
    basis: str = ""
    """How it was computed, e.g. "CR + PR = 2 + 23" or "25/66"."""

    def to_json(self) -> dict[str, Any]:
        """JSON form: only the parts that were derived, plus `basis`."""
        out: dict[str, Any] = {}
        if self.count is not None:
            out["count"] = self.count
        if self.percent is not None:
            out["percent"] = self.percent
        if self.ci95 is not None:
            out["ci95"] = list(self.ci95)
        out["basis"] = self.basis
        return out


@dataclass(frozen=True)
class Candidate:
    """A possible figure the extractor is not sure of: a weaker reading, or one that breaks an invariant.

    Never in `outcomes`, statistics, best-value marks or sorting; the UI shows it as possible (`?`).
    """

    key: str
    """An outcome key, `n`, `median_age`, or `other:NAME` for a figure of `other`."""
    part: str
    """`count`, `percent`, `months`, `not_reached` or `value` (for `n` and `median_age`)."""
    value: float | int | bool
    reason: str
    """Why it is only possible, in words ("a percent over 100", "count 46 is larger than n = 34")."""
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        """JSON form of DESIGN §6."""
        return {
            "key": self.key,
            "part": self.part,
            "value": self.value,
            "reason": self.reason,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True)
class Cohort:
    """A study population reported with its own figures."""

    id: str
    """`ARTICLE_ID#K`, K counting from 1 in article order."""
    label: str
    indication: str | None = None
    product: str | None = None
    trial_id: str | None = None
    phase: str | None = None
    n: int | None = None
    median_age: float | None = None
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    derived: dict[str, Derived] = field(default_factory=dict)
    other: dict[str, OtherFigure] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    n_evidence: Evidence | None = None
    candidates: tuple[Candidate, ...] = ()
    """Possible figures kept apart from `outcomes` (DESIGN §3 "Sure and possible")."""
    trial: str | None = None
    """Protocol or acronym as written (C-144-01, SPEARHEAD-1), if stated."""
    product_canonical: str | None = None
    """The product's canonical name when it is one `catalog.products` knows ("Amtagvi" and
    "lifileucel (LN-144)" are both lifileucel; a combination joins its parts with " + ")."""

    @property
    def article_id(self) -> str:
        """The id of the article the cohort comes from."""
        return self.id.rsplit("#", 1)[0]

    def rate(self, key: str) -> Rate | None:
        """The stated rate for `key`, if any."""
        value = self.outcomes.get(key)
        return value if isinstance(value, Rate) else None

    def duration(self, key: str) -> Duration | None:
        """The stated duration for `key`, if any."""
        value = self.outcomes.get(key)
        return value if isinstance(value, Duration) else None

    def to_json(self) -> dict[str, Any]:
        """JSON form of DESIGN §6."""
        return {
            "id": self.id,
            "label": self.label,
            "indication": self.indication,
            "product": self.product,
            "trial_id": self.trial_id,
            "phase": self.phase,
            "n": self.n,
            "median_age": _int_if_whole(self.median_age),
            "outcomes": {k: self.outcomes[k].to_json() for k in OUTCOME_KEYS if k in self.outcomes},
            "derived": {k: v.to_json() for k, v in self.derived.items()},
            "other": {k: v.to_json() for k, v in self.other.items()},
            "checks": [c.to_json() for c in self.checks],
            "candidates": [c.to_json() for c in self.candidates],
            "trial": self.trial,
            "product_canonical": self.product_canonical,
        }


def _int_if_whole(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class ArticleFacts:
    """What an article states about its study even when it reports no figures (seed 000)."""

    products: tuple[str, ...] = ()
    indications: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    trial_ids: tuple[str, ...] = ()
    trials: tuple[str, ...] = ()
    """Trial names as written (C-144-01, CheckMate 067), in order of first mention."""

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "products": list(self.products),
            "indications": list(self.indications),
            "phases": list(self.phases),
            "trial_ids": list(self.trial_ids),
            "trials": list(self.trials),
        }


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    cohorts: tuple[Cohort, ...]
    facts: ArticleFacts
    warnings: tuple[str, ...] = ()
    """What was left unread to bound the work (a table's rows past the limit, the end of a
    run-on sentence), in words; the library shows each as a warning on the article."""
