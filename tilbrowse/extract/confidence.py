"""Score every proposed figure and keep as stated only what is sure (DESIGN §3, "Sure is measured").

The readers (`figures`, `populations`, `cohorts`) propose figures (`extract.propose`); this stage
decides which of them are stated. Each figure a cohort would state — an outcome (all its stated
parts together) or the cohort's n — is described by named features:
- how it was read, recorded by the readers as its route (`how_…`): the cue that tied the number to
  its metric (forward, backward, respectively, a metric pair, a list's lead line), how far apart
  they were, how its population was found (named and matched by the same words, some words, role
  or disease; by its place in a list; the cohort the text was on; a new cohort on a clash; shared
  out to siblings), where in the article it is, and for n where the size was read;
- how its sentence reads (comparisons, landmarks, subgroups, hedges, several figures side by side);
- how it agrees with the cohort's other figures (a count and percent that give the cohort's n;
  rates that confirm or contradict n; a failing check) and how crowded the article is.
A logistic weight table turns the features into a probability that the figure is right; a figure
below the line moves to the cohort's `candidates` with the features that weighed against it, so
a reader still sees it, as possible.

The weights are data (`weights.json` beside this file), fitted by `python -m
tilbrowse.extract.fit` on real articles with hand-made truth, one realdev family held out at a
time for the calibration table; `fit` says how the line (0.96) was chosen.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from tilbrowse.extract.checks import LABEL, check, derive
from tilbrowse.extract.lexicon import VERSUS, diseases_in, label_diseases
from tilbrowse.extract.model import Candidate, Cohort, Duration, Evidence, Outcome, Rate

WEIGHTS_PATH = Path(__file__).with_name("weights.json")

_COMPARE = re.compile(
    r"\b(?:" + VERSUS + r"|versus|compared\s+(?:with|to)|relative\s+to|than|control|placebo|comparator|"
    r"standard(?:[- ]of[- ]care)?|investigator'?s\s+choice|chemotherapy|docetaxel|ipilimumab|historical(?:ly)?|benchmark)\b",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"\b(?:previously|prior|earlier|initial(?:ly)?|primary\s+analysis|first\s+(?:look|analysis)|interim|last\s+year|"
    r"had\s+(?:been\s+)?reported|was\s+reported)\b",
    re.IGNORECASE,
)
_LANDMARK = re.compile(
    r"\b\d+(?:\.\d+)?-(?:month|year|week)\b|\bat\s+\d+(?:\.\d+)?\s+(?:months?|years?)\b|\brates?\s+at\b|"
    r"\b(?:one|two|three|four|five)-years?\b|\blandmark\b",
    re.IGNORECASE,
)
_N_FRAME = re.compile(
    r"\W*(?:[A-Z][\w ]{0,20}:\s*)?(?:among|in|of|for|across)\s+(?:the\s+|all\s+|these\s+)?(?:\(?n\s*=\s*)?\[?",
    re.IGNORECASE,
)
"""`Among 45 evaluable patients, …`, `In the 30 patients …`: a size that opens the sentence of its figures."""
_N_INTAKE = re.compile(r"\b(?:enroll?ed|enrolment|enrollment|randomi[sz]ed|registered|screened|accrued)\b", re.I)
_N_EVALUABLE = re.compile(r"\b(?:evaluable|assessable|efficacy|measurable|response-evaluable|analy[sz]ed)\b", re.I)
_N_TREATED = re.compile(r"\b(?:treated|infused|received|dosed|given)\b", re.I)
_LABEL_STOP = frozenset(
    "cohort cohorts arm arms group groups patients patient with the and of in for who had all overall population "
    "subgroup part dose level study trial".split()
)
_SURVIVAL_RATE = re.compile(
    r"\b(?:alive|survival\s+rate|event[- ]free|relapse[- ]free|MRD|minimal\s+residual)\b", re.IGNORECASE
)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_SUBGROUP = re.compile(
    r"\b(?:among|in\s+(?:the\s+)?(?:subgroup|subset|patients\s+(?:with|who))|subgroup|subset|"
    r"those\s+(?:with|who)|stratum|biomarker|PD-L1|high|low|positive|negative)\b",
    re.IGNORECASE,
)
_SAFETY = re.compile(
    r"\b(?:adverse|toxicit|grade\s*(?:≥|>=)?\s*3|discontinu|death|died|cytokine\s+release|neurotoxic|ICANS|CRS|"
    r"serious|fatal)\w*",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:about|approximately|nearly|almost|roughly|around|over|more\s+than|up\s+to|at\s+least|~)\b", re.I
)
_CI = re.compile(r"\b(?:95\s*%\s*CI|CI|confidence\s+interval|range|IQR|HR|hazard\s+ratio|p\s*[=<>])", re.IGNORECASE)
_PERCENT = re.compile(r"\d(?:\.\d+)?\s*(?:%|percent\b)")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
_METRIC_WORD = re.compile(
    r"\b(?:ORR|DCR|CR|PR|SD|PD|PFS|OS|DOR|DoR|TTR|response|remission|progression|survival|disease\s+control|"
    r"stable\s+disease|follow[- ]up)\b",
    re.IGNORECASE,
)
_GENERIC_LABEL = re.compile(r"^(?:Cohort|Arm|Group)\s*\(?\d+\)?$")
_QUOTE = re.compile(r"[\"“”]|\b(?:said|says|noted|added|explained)\b")

# Plain-words names for the features a reader sees when a figure is held back.
FEATURE_WORDS: dict[str, str] = {
    "compare": "its sentence compares with another treatment or a control",
    "earlier": "its sentence speaks of an earlier or previously reported analysis",
    "landmark": "its sentence gives a landmark time or rate",
    "survival_rate": "its sentence is about survival or remission rates, not a median or response",
    "respectively": "several figures are listed with 'respectively'",
    "subgroup": "its sentence names a subgroup",
    "safety": "its sentence is about safety",
    "ci": "its sentence carries intervals, ratios or p-values",
    "quote": "it is quoted speech",
    "many_numbers": "its sentence holds many numbers",
    "many_percents": "its sentence holds several percents",
    "many_metrics": "its sentence names several outcomes",
    "long_reach": "its words are far apart in the sentence",
    "long_sentence": "a long sentence",
    "cohorts_2": "the article has two cohorts",
    "cohorts_3": "the article has three or more cohorts",
    "cohorts_5": "the article has five or more cohorts",
    "trials_many": "the article names several trials",
    "generic_label": "its cohort has no name of its own",
    "cohort_lonely": "its cohort states only this figure",
    "check_fails": "a consistency check of its cohort fails on it",
    "shared_sentence": "another cohort reads a figure from the same sentence",
    "same_value_elsewhere": "another cohort states the same value",
    "value_100": "a rate of 100%",
    "value_small": "a small value",
    "value_long": "a long duration",
    "no_n": "its cohort has no stated size",
    "table": "read from a table",
    "hedge": "an approximate value",
    "named_elsewhere": "its sentence does not name its cohort",
    "n_intake": "a size read from enrolment or randomisation, not from who was evaluated",
    "n_with_figures": "a size read in the sentence of the cohort's figures",
    "how_n_sole_size": "the one size the article states",
    "n_treated": "a size read from who was treated, not from who was evaluated",
    "n_contradicted": "the cohort's counts and percents imply another size",
    "does_not_fit_n": "its count and percent do not give the cohort's size",
    "part_count": "a count without its percent",
    "key_median_ttr": "times to response are often another population's",
    "key_tumor_reduction": "tumour shrinkage is often said of a subset",
    "how_new_cohort_on_clash": "it clashes with a figure already read, so it was given a population of its own",
    "how_given_to_siblings": "it is shared out to several populations",
    "how_cue_responders": "it counts responders, read from a verb",
    "how_target_named_new": "the population it names is not one the article reported before",
    "how_label_slot": "its cohort is known only by its place in a list",
    "how_label_by_slot": "its population is taken from the order of a list",
    "how_target_sibling_by_slot": "its population is taken from the order of a list",
    "how_cohorts_live_many": "several populations were already reported when it was read",
    "how_part_of_another": "its cohort is a part of another",
    "how_n_sentence_rank1": "a size read from enrolment, not from who was evaluated",
    "how_n_sentence_rank2": "a size read from the prose, not confirmed by the cohort's figures",
    "how_n_sentence_rank4": "a size read from the prose, not confirmed by the cohort's figures",
    "how_n_response_denominator": "a size taken from the denominator of its rates",
    "how_each_population": "it is said of each population at once",
}


@dataclass(frozen=True)
class Weights:
    """A fitted logistic weight table and the calibrated threshold for "stated"."""

    bias: float
    weights: dict[str, float]
    threshold: float
    """Figures scoring below it are only possible."""

    def score(self, features: Iterable[str]) -> float:
        """The probability that a figure with these features is right."""
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        """JSON form (sorted, so the checked-in file diffs well)."""
        return {
            "bias": round(self.bias, 4),
            "threshold": round(self.threshold, 4),
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-4},
        }


@lru_cache(maxsize=1)
def load_weights(path: Path = WEIGHTS_PATH) -> Weights | None:
    """The checked-in weight table (None when absent: every figure is then stated as read)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Weights(
        float(data["bias"]),
        {k: float(v) for k, v in data["weights"].items()},
        float(data["threshold"]),
    )


def kind_of(key: str) -> str:
    """The kind of a figure: `n`, `time` (medians) or `rate` (the rest)."""
    if key in ("n", "median_age"):
        return "n"
    return "time" if key.startswith("median_") else "rate"


@dataclass(frozen=True)
class Reading:
    """One stated figure of a cohort as the scorer sees it."""

    cohort: int
    """Index of the cohort in the article."""
    key: str
    """An outcome key or `n`."""
    evidence: Evidence
    features: tuple[str, ...]


def _bucket(value: int, edges: Sequence[tuple[int, str]]) -> list[str]:
    return [name for edge, name in edges if value >= edge]


def _sentence_features(evidence: Evidence) -> list[str]:
    out = list(_sentence_words(evidence.text))
    if evidence.match_end - evidence.match_start > 60:
        out.append("long_reach")
    if evidence.match_end > evidence.match_start:
        span = evidence.text[evidence.match_start - evidence.start : evidence.match_end - evidence.start]
        if _HEDGE.search(span):
            out.append("hedge")
    return out


_SENTENCE_PATTERNS = (
    ("compare", _COMPARE),
    ("earlier", _EARLIER),
    ("landmark", _LANDMARK),
    ("survival_rate", _SURVIVAL_RATE),
    ("respectively", _RESPECTIVELY),
    ("subgroup", _SUBGROUP),
    ("safety", _SAFETY),
    ("ci", _CI),
    ("quote", _QUOTE),
)


@lru_cache(maxsize=512)
def _sentence_words(text: str) -> tuple[str, ...]:
    """The features of a sentence (shared by every figure read from it, so worked out once)."""
    out = [name for name, pattern in _SENTENCE_PATTERNS if pattern.search(text)]
    out += _bucket(len(_NUMBER.findall(text)), ((6, "many_numbers"),))
    out += _bucket(len(_PERCENT.findall(text)), ((3, "many_percents"),))
    out += _bucket(len({m.group().lower()[:4] for m in _METRIC_WORD.finditer(text)}), ((3, "many_metrics"),))
    out += _bucket(len(text), ((300, "long_sentence"),))
    if "|" in text or "\t" in text:
        out.append("table")
    return tuple(out)


def _value_features(key: str, outcome: Outcome | int) -> list[str]:
    out: list[str] = []
    if isinstance(outcome, Rate):
        if outcome.percent is not None and outcome.percent >= 99.95:
            out.append("value_100")
        if outcome.count is not None and outcome.count <= 2 and outcome.percent is None:
            out.append("value_small")
        out.append(
            "part_count" if outcome.percent is None else "part_percent" if outcome.count is None else "part_both"
        )
    elif isinstance(outcome, Duration):
        if outcome.not_reached:
            out.append("part_nr")
        elif outcome.months is not None and outcome.months > 60:
            out.append("value_long")
        elif outcome.months is not None and outcome.months < 1.5:
            out.append("value_small")
    elif isinstance(outcome, int) and outcome < 5:
        out.append("value_small")
    return out


_COUNT_EDGES = ((2, "cohorts_2"), (3, "cohorts_3"), (5, "cohorts_5"))
"""How many cohorts an article has, as features (at least 2, 3, 5)."""


def readings(
    cohorts: Sequence[Cohort],
    trials: int,
    routes: Sequence[Mapping[str, tuple[str, ...]]] = (),
    count: int | None = None,
) -> list[Reading]:
    """Every stated figure of the article's cohorts, with its features (and how it was read, when
    `routes` gives it per cohort). `count`: how many of them are populations the article reports
    (all of them, unless `decide` has found some that state nothing it is sure of)."""
    out: list[Reading] = []
    count = len(cohorts) if count is None else count
    article = _bucket(count, _COUNT_EDGES)
    if trials > 1:
        article.append("trials_many")
    sentences: dict[int, set[int]] = {}
    values: dict[tuple[str, object], set[int]] = {}
    for i, c in enumerate(cohorts):
        for key, o in c.outcomes.items():
            sentences.setdefault(o.evidence.start, set()).add(i)
            values.setdefault((key, _value_of(o)), set()).add(i)
        if c.n is not None and c.n_evidence is not None:
            sentences.setdefault(c.n_evidence.start, set()).add(i)
            values.setdefault(("n", c.n), set()).add(i)
    # the arms of a randomised trial that read the same figure from one sentence: set against each other
    paired: dict[tuple[str, int], set[int]] = {}
    for i, c in enumerate(cohorts):
        for key, o in c.outcomes.items():
            if i < len(routes) and "arm_randomised" in routes[i].get(key, ()):
                paired.setdefault((key, o.evidence.start), set()).add(i)
    for i, c in enumerate(cohorts):
        cohort_features = list(article)
        if _GENERIC_LABEL.match(c.label):
            cohort_features.append("generic_label")
        if c.n is None:
            cohort_features.append("no_n")
        failing = " ".join(ch.message for ch in c.checks if ch.level == "warning")
        figures: list[tuple[str, Outcome | int, Evidence]] = [(k, o, o.evidence) for k, o in c.outcomes.items()]
        if c.n is not None and c.n_evidence is not None:
            figures.append(("n", c.n, c.n_evidence))
        names = _label_words(c)
        diseases = _diseases_of(c)
        rates = _both_parts(c)
        denominators = {r.denominator for r in c.outcomes.values() if isinstance(r, Rate) and r.denominator}
        for key, outcome, evidence in figures:
            features = [f"key_{key}", *cohort_features, *_sentence_features(evidence), *_value_features(key, outcome)]
            if i < len(routes):
                features += [f"how_{x}" for x in routes[i].get(key, ("unrouted",)) if x]
            features += _agreement(key, outcome, c.n, rates, denominators)
            if count > 1:
                lowered = evidence.text.lower()
                named = any(w in lowered for w in names) or bool(
                    diseases and any(d in diseases for _s, _e, d in diseases_in(evidence.text))
                )
                features.append("named_here" if named else "named_elsewhere")
            if key == "n":
                near = evidence.text[
                    max(0, evidence.match_start - evidence.start - 40) : evidence.match_end - evidence.start + 40
                ]
                if any(o.evidence.start == evidence.start for o in c.outcomes.values()):
                    features.append("n_with_figures")
                    head = evidence.text[: max(0, evidence.match_start - evidence.start)]
                    if _N_FRAME.fullmatch(head):
                        features.append("n_frame")
                for name, pattern in (
                    ("n_intake", _N_INTAKE),
                    ("n_evaluable", _N_EVALUABLE),
                    ("n_treated", _N_TREATED),
                ):
                    if pattern.search(near):
                        features.append(name)
            if len(figures) == 1:
                features.append("cohort_lonely")
            if failing and _names(key, failing):
                features.append("check_fails")
            if len(sentences.get(evidence.start, ())) > 1:
                features.append("shared_sentence")
            if len(paired.get((key, evidence.start), ())) > 1:
                features.append("arm_pair")
            value = outcome if isinstance(outcome, int) else _value_of(outcome)
            if len(values.get((key, value), ())) > 1:
                features.append("same_value_elsewhere")
            out.append(Reading(i, key, evidence, tuple(sorted(set(features)))))
    return out


def _fits(count: int, percent: float, n: int) -> bool:
    """Whether `count` of `n` is `percent` as an article would round it."""
    return n > 0 and abs(100 * count / n - percent) <= 0.6


def _both_parts(cohort: Cohort) -> list[tuple[int, float]]:
    """The (count, percent) of each of the cohort's rates that states both."""
    return [
        (r.count, r.percent)
        for r in cohort.outcomes.values()
        if isinstance(r, Rate) and r.count is not None and r.percent is not None
    ]


def _agreement(
    key: str, outcome: Outcome | int, n: int | None, rates: list[tuple[int, float]], denominators: Collection[int] = ()
) -> list[str]:
    """How a figure agrees with the cohort's other figures: a count and a percent that give the
    cohort's n (for a rate, and for n itself: the rates that confirm it or contradict it, and a
    figure counted out of it, `11 of 31`)."""
    if key == "n" and isinstance(outcome, int):
        agree = sum(_fits(count, percent, outcome) for count, percent in rates) + (outcome in denominators)
        return (["n_confirmed"] if agree else []) + (["n_contradicted"] if agree < len(rates) else [])
    if isinstance(outcome, Rate) and outcome.count is not None and outcome.percent is not None and n:
        return ["fits_n"] if _fits(outcome.count, outcome.percent, n) else ["does_not_fit_n"]
    if isinstance(outcome, Rate) and outcome.count is not None and n and outcome.count > n:
        return ["count_over_n"]
    return []


def _label_words(cohort: Cohort) -> list[str]:
    """The words that name a cohort (label and indication, without the generic ones), lower-cased."""
    text = f"{cohort.label} {cohort.indication or ''}".lower()
    return [w for w in re.findall(r"[a-z0-9][a-z0-9+/-]{2,}", text) if w not in _LABEL_STOP]


def _diseases_of(cohort: Cohort) -> set[str]:
    """The diseases a cohort's label or indication names, by their canonical names: a sentence that
    says `DLBCL` names the cohort labelled `Large B-cell lymphoma`."""
    found = set(label_diseases(cohort.label))
    if cohort.indication:
        found.add(cohort.indication)
    return found


def _value_of(outcome: Outcome) -> object:
    if isinstance(outcome, Rate):
        return (outcome.count, outcome.percent)
    return (outcome.months, outcome.not_reached)


_KEY_WORDS = {**LABEL, "n": "n"}
"""How the checks name each key in their messages."""


def _names(key: str, message: str) -> bool:
    word = _KEY_WORDS.get(key)
    return bool(word and re.search(rf"\b{re.escape(word)}\b", message))


def _reason(score: float, threshold: float, features: Sequence[str], weights: Weights) -> str:
    against = sorted((weights.weights.get(f, 0.0), f) for f in features if weights.weights.get(f, 0.0) < 0)
    words = [FEATURE_WORDS[f] for _, f in against if f in FEATURE_WORDS][:2]
    why = f": {'; '.join(words)}" if words else ""
    shown = math.floor(score * 100) / 100  # never shown as the line it missed
    return f"not sure: scored {shown:.2f} of the {threshold:.2f} needed{why}"


def decide(
    cohorts: Sequence[Cohort],
    trials: int,
    routes: Sequence[Mapping[str, tuple[str, ...]]] = (),
    weights: Weights | None = None,
) -> tuple[Cohort, ...]:
    """Keep as stated the figures that score at or above the threshold; the rest become candidates.

    Checks and derived values are worked out again from what stays stated."""
    weights = weights if weights is not None else load_weights()
    if weights is None or not cohorts:
        return tuple(cohorts)
    doubtful: dict[int, list[tuple[Reading, float]]] = {}
    first = readings(cohorts, trials, routes)
    sure = {r.cohort for r in first if weights.score(r.features) >= weights.threshold}
    # a population none of whose figures is sure is no population the article reports for sure: it
    # does not make the article one "of three or more cohorts" for the others
    recount = 0 < len(sure) < len(cohorts) and _bucket(len(sure), _COUNT_EDGES) != _bucket(len(cohorts), _COUNT_EDGES)
    found = readings(cohorts, trials, routes, count=len(sure)) if recount else first
    for reading in found:
        score = weights.score(reading.features)
        if score < weights.threshold:
            doubtful.setdefault(reading.cohort, []).append((reading, score))
    if not doubtful:
        return tuple(cohorts)
    out: list[Cohort] = []
    for i, c in enumerate(cohorts):
        held = doubtful.get(i)
        if not held:
            out.append(c)
            continue
        outcomes = dict(c.outcomes)
        n, n_evidence = c.n, c.n_evidence
        candidates = list(c.candidates)
        for reading, score in held:
            reason = _reason(score, weights.threshold, reading.features, weights)
            if reading.key == "n":
                if n is not None and n_evidence is not None:
                    candidates.append(Candidate("n", "value", n, reason, n_evidence))
                n, n_evidence = None, None
                continue
            outcome = outcomes.pop(reading.key, None)
            if outcome is not None:
                offered = {(c.key, c.part, c.value, c.evidence.start) for c in candidates}
                candidates += [
                    c
                    for c in _as_candidates(reading.key, outcome, reason)
                    if (c.key, c.part, c.value, c.evidence.start) not in offered
                ]
        out.append(
            replace(
                c,
                outcomes=outcomes,
                n=n,
                n_evidence=n_evidence,
                candidates=tuple(candidates),
                derived=derive(outcomes, n),
                checks=check(outcomes, n),
            )
        )
    return tuple(out)


def _as_candidates(key: str, value: Outcome, reason: str) -> list[Candidate]:
    if isinstance(value, Rate):
        parts: list[tuple[str, float | int | bool | None]] = [("count", value.count), ("percent", value.percent)]
    else:
        parts = [("months", value.months), ("not_reached", True if value.not_reached else None)]
    return [Candidate(key, part, v, reason, value.evidence) for part, v in parts if v is not None]
