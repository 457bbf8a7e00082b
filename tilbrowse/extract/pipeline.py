"""The extractor's stages run in order for one article (see the package's docstring): the
readers propose, the weight table decides. Imported on first use (`tilbrowse.extract`), so a
start that finds every article in the cache never loads the readers' patterns."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from tilbrowse.catalog.products import canonical_product
from tilbrowse.corpus.models import Article
from tilbrowse.extract.checks import check, derive
from tilbrowse.extract.cohorts import ALL_PATIENTS, Assembler, Builder, agrees_with_size, merge_statements
from tilbrowse.extract.confidence import decide
from tilbrowse.extract.guards import guard, guard_other
from tilbrowse.extract.lexicon import GENERIC_PRODUCTS, PHASE, label_diseases, phase_of, trials_in
from tilbrowse.extract.model import (
    ArticleFacts,
    Candidate,
    Cohort,
    Duration,
    Evidence,
    Extraction,
    Rate,
)
from tilbrowse.extract.populations import Population, product_aliases, read_population

__all__ = ["extract"]


@dataclass(frozen=True)
class Proposal:
    """Every figure the readers propose for an article, before `confidence.decide` keeps the sure ones."""

    cohorts: tuple[Cohort, ...]
    routes: tuple[dict[str, tuple[str, ...]], ...]
    """Per cohort, how each of its figures (and `n`) was read: the features of its reading."""
    trials: int
    """How many trials the article names."""
    facts: ArticleFacts
    warnings: tuple[str, ...]


def extract(article: Article) -> Extraction:
    """Extract the cohorts and outcome figures of one article: the readers propose, the weight
    table decides which figures are stated and which are only possible."""
    p = propose(article)
    return Extraction(article.id, decide(p.cohorts, p.trials, p.routes), p.facts, p.warnings)


def propose(article: Article) -> Proposal:
    """Every figure the readers propose, each with how it was read (what the weight fit learns from)."""
    body = article.body
    assembler = Assembler(body)
    builders = assembler.run()
    context = " ".join((article.title, article.standfirst, article.summary))
    aliases = product_aliases(context + " " + body)
    named = trials_in(" ".join((context, body)))
    facts = _facts(article, aliases, assembler.seen, named)
    kept = _finalise(builders, named)
    lead = _lead_phase(context, named)
    kept = _share_follow_up(kept, named, assembler.randomised)
    if assembler.shared_follow_up is not None:
        for b in kept:
            if "median_followup" not in b.outcomes and set(b.outcomes) and not b.background:
                b.outcomes["median_followup"] = assembler.shared_follow_up
                b.routes["median_followup"] = ("follow_up_of_all",)
    _offer_sizes(kept, assembler.sizes)
    cohorts = []
    routes = []
    for index, b in enumerate(kept, start=1):
        cohort = _cohort(article, b, index, facts, aliases, named, lead)
        cohorts.append(cohort)
        n_how = (b.n_how or "unknown") if cohort.n == b.n else "response_denominator"
        shape = (
            f"label_{b.label_source or 'none'}",
            "part_of_another" if b.parent is not None else "",
            "arm_randomised" if assembler.randomised and b.label_source == "arm" else "",
        )
        figures = {
            key: (*how, *shape, _place(cohort.outcomes[key].evidence.start, body))
            for key, how in b.routes.items()
            if key in cohort.outcomes
        }
        n_at = _place(cohort.n_evidence.start, body) if cohort.n_evidence is not None else ""
        sole = "n_sole_size" if len(kept) == 1 and len({v for v, _e in assembler.sizes}) == 1 else ""
        routes.append({**figures, "n": (f"n_{n_how}", *shape, n_at, sole)})
    return Proposal(tuple(cohorts), tuple(routes), len(named), facts, tuple(assembler.warnings()))


def _place(start: int, body: str) -> str:
    """Where in the article a figure is read: its lead, its first half or later."""
    share = start / max(1, len(body))
    return "at_lead" if start < 600 else "at_first_half" if share < 0.5 else "at_second_half"


def _facts(article: Article, aliases: dict[str, str], body_seen: Population, trials: list[str]) -> ArticleFacts:
    """What the article states about its study: from the body as the assembler read it, and the head
    (a name it calls a trial elsewhere is not one of its products)."""
    head = read_population(" ".join((article.title, article.standfirst, article.summary)))
    products = [aliases.get(p.lower(), p) for p in [*head.products, *body_seen.products]]
    products += [e.name for e in article.entities if e.type == "drug"]
    seen: dict[str, str] = {}
    for p in products:
        if p not in trials:
            seen.setdefault(p.lower(), p)
    diseases: dict[str, None] = {}
    for name in [*head.diseases, *body_seen.diseases]:
        diseases.setdefault(name, None)
    if len(diseases) > 1:
        diseases.pop("solid tumors", None)
    for name in list(diseases):  # "breast cancer" is said by "triple-negative breast cancer"
        if any(name != other and name in other for other in diseases):
            diseases.pop(name)
    phases = [p for p in dict.fromkeys([head.phase, *body_seen.phases]) if p]
    return ArticleFacts(
        products=tuple(_dedupe_aliases(list(seen.values()))),
        indications=tuple(diseases),
        phases=tuple(phases),
        trial_ids=article.trial_ids,
        trials=tuple(trials),
    )


def _offer_sizes(kept: list[Builder], sizes: list[tuple[int, Evidence]]) -> None:
    """A cohort with no size read: the sizes the article states before its first figure (the
    nearest two) are offered as its possible n, never stated."""
    parts = [b.n for b in kept if b.label != ALL_PATIENTS and b.parent is None and not b.background]
    for b in kept:
        if b.label == ALL_PATIENTS and b.n is None and len(parts) >= 2 and None not in parts:
            # "52 patients were evaluable (cohort 1, n = 24; cohort 2, n = 28)": the size the article
            # states that is its cohorts' sizes added up is the whole population's
            whole = sum(p for p in parts if p is not None)
            said = next((e for v, e in sizes if v == whole), None)
            if said is not None:
                b.n, b.n_rank, b.n_how, b.n_evidence = whole, 2, "sum_of_cohorts", said
    taken = {b.n for b in kept if b.n is not None}
    for b in kept:
        if b.n is not None or not b.outcomes:
            continue
        near = [(v, e) for v, e in sizes if e.start <= b.first_figure and v not in taken]
        offered: list[int] = []
        for value, evidence in reversed(near):
            if value not in offered and len(offered) < 2:
                offered.append(value)
                b.candidates.append(
                    Candidate("n", "value", value, "a size the article states before this cohort's figures", evidence)
                )


_DOSE_LEVEL = re.compile(r"\b(?:DL\s?\d|dose\s+level|cohort|part|escalation|expansion)\b", re.IGNORECASE)
"""A part of a study named as a dose level or cohort, not an arm of a randomisation."""


def _share_follow_up(kept: list[Builder], named: list[str], randomised: bool) -> list[Builder]:
    """One median follow-up stated once in an article about one trial is the follow-up of each of
    its arms that states none of its own (an arm is followed as long as the trial; a disease
    subgroup or a dose-escalation level is not said to be). The arms of a randomised trial may be a
    table's columns, as may a basket's disease cohorts; a trial whose only figure is the follow-up
    it shares with two or more of them is no cohort of its own."""
    follow = [(b, f) for b in kept if isinstance(f := b.outcomes.get("median_followup"), Duration)]
    if not follow or any(b.background for b in kept):
        return kept
    trials = {tuple(b.trial_ids) for b in kept if b.trial_ids}
    if len(named) > 1 and not (randomised and len(trials) <= 1):
        return kept  # other trials are named: the follow-up may be theirs
    values = {(f.months, f.not_reached) for _b, f in follow}
    starts = {f.evidence.start for _b, f in follow}
    if len(values) != 1 or len(starts) != 1:
        return kept  # several follow-ups: each belongs to what its sentence names
    shared = 0
    for b in kept:
        if (
            (
                b.label_source in ("arm", "disease")
                or b.parent is not None
                or (b.label_source == "cohort" and not _DOSE_LEVEL.search(b.label) and (randomised or label_diseases(b.label)))
            )
            and "median_followup" not in b.outcomes
            and any(k != "median_followup" for k in b.outcomes)
        ):
            b.outcomes["median_followup"] = follow[0][1]
            b.routes["median_followup"] = ("follow_up_of_the_trial",)
            shared += 1
    if shared >= 2 and len(follow) == 1:
        (source, _f) = follow[0]
        if set(source.outcomes) == {"median_followup"} and source.label_source not in ("arm", "cohort"):
            return [b for b in kept if b is not source]
    return kept


def _dedupe_aliases(products: list[str]) -> list[str]:
    out: list[str] = []
    for p in products:
        if any(p.lower() != o.lower() and p.lower() in o.lower() for o in products):
            continue
        if p not in out:
            out.append(p)
    return out


def _finalise(builders: list[Builder], named: Collection[str] = ()) -> list[Builder]:
    """Drop cohorts without figures and headline summaries; merge restatements. `named`: the trials
    the article names (a cohort labelled by one is that trial's part of a pooled analysis)."""
    for b in builders:
        follow = b.outcomes.get("median_followup")
        if follow is not None:
            for sib in b.siblings:
                # A trial's follow-up is each arm's; a disease subgroup's is not stated.
                if sib.outcomes and "median_followup" not in sib.outcomes and sib.label_source != "disease":
                    sib.outcomes["median_followup"] = follow
                    sib.routes["median_followup"] = ("follow_up_of_parent",)
    live = [b for b in builders if b.outcomes]
    # A trial whose only own figure is the follow-up it shares with its arms is not a cohort.
    live = [
        b
        for b in live
        if not (
            set(b.outcomes) <= {"median_followup"}
            and any(s.outcomes for s in b.siblings)
            and b.label_source not in ("arm", "cohort")  # a named arm or cohort is one, whatever it reports
        )
    ]
    # A follow-up alone, of no sized population, beside cohorts that report figures: the time point
    # of those cohorts' figures ("At 40 months follow up in the X population, …"), not a cohort.
    if any(set(b.outcomes) - {"median_followup"} for b in live):
        live = [
            b for b in live if set(b.outcomes) - {"median_followup"} or b.n is not None or b.label_source == "cohort"
        ]
    # A headline figure for several diseases at once, with no analysis population of its own,
    # is a summary of cohorts reported separately ("about 40% of people with melanoma or
    # cervical cancer"), not a cohort.
    dropped: set[int] = set()
    for b in live:
        if (
            len(set(b.diseases)) >= 2
            and b.n is None
            and b.label_source not in ("heading", "cohort")  # a named cohort is one, whatever it reports
            and not b.siblings
            and not b.earlier
            and b.label not in named  # "64.9% (48/74) in CORVET-101": one trial of a pooled analysis
        ):
            # covered by cohorts of one disease each (two summaries of the same diseases cover nothing)
            others = [o for o in live if o is not b and o.diseases and (len(set(o.diseases)) == 1 or o.label_source)]
            covered = [d for d in b.diseases if any(d in o.diseases[:1] for o in others)]
            if len(covered) >= 2:
                dropped.add(id(b))
    live = [b for b in live if id(b) not in dropped]
    # A headline that restates one of its own subgroups' figures ("• X shows a 76.6% ORR …" before
    # "76.6% in the pivotal cohort"): those figures are the subgroup's, not the whole population's.
    for b in list(live):
        sized_with_figures = b.n_evidence is not None and any(
            o.evidence.start == b.n_evidence.start for o in b.outcomes.values()
        )  # "the ORR was 70% among 80 treated patients": a population of its own, whatever its subgroups
        if b.parent is None and b.siblings and b.outcomes and not sized_with_figures:
            for sib in b.siblings:
                if sib in live and all(
                    k in sib.outcomes and _same_value(v, sib.outcomes[k]) for k, v in b.outcomes.items()
                ):
                    live.remove(b)
                    break
    # The same cohort at two time points: the latest is its figures. An earlier analysis whose
    # disease a later cohort shares, and whose figures that cohort reports again, is only possible.
    # When the later analysis splits the population (one cohort per disease), the earlier whole is
    # a population of its own.
    for e in [b for b in live if b.earlier and b.earlier_of is not None]:
        # an earlier look at a population the article reports later: its figures are that
        # population's earlier ones, shown beside its own as possible
        later_one = e.earlier_of
        if later_one in live and not later_one.earlier:
            for key, value in e.outcomes.items():
                later_one.candidates.extend(_as_candidates(key, value, "an earlier analysis of this cohort"))
            live.remove(e)
    for e in [b for b in live if b.earlier]:
        again = [b for b in live if not b.earlier and set(b.outcomes) & set(e.outcomes)]
        later = [b for b in again if b.parent is None and b.diseases[:1] == e.diseases[:1]]
        if later and len({tuple(b.diseases[:1]) for b in again}) == 1:
            for key, value in e.outcomes.items():
                later[0].candidates.extend(_as_candidates(key, value, "an earlier analysis of this cohort"))
            live.remove(e)
    # Restatements: a cohort with no identity of its own whose figures all equal another's.
    absorbed: set[int] = set()
    _merge_same_population(live, absorbed)
    _merge_unsized_restatement(live, absorbed)
    changed = True
    while changed:
        changed = False
        for b in list(live):
            if b.label_source in ("heading", "cohort", "arm", "slot") or b.parent is not None or b.siblings:
                continue
            for other in live:
                if other is b:
                    continue
                shared = [k for k in b.outcomes if k in other.outcomes]
                conflicts = [k for k in shared if not _same_value(b.outcomes[k], other.outcomes[k])]
                if conflicts:
                    continue
                if (
                    shared
                    and (len(shared) == len(b.outcomes) or len(live) == 2)
                    or (not shared and len(live) == 2 and b.n is None and not b.label)
                ):
                    _absorb_into(other, b)
                    absorbed.add(id(b))
                    live.remove(b)
                    changed = True
                    break
            if changed:
                break
    live.sort(key=lambda b: (b.first_figure if b.parent is None else (b.parent.first_figure), b.order))
    if not live:
        # An article whose every figure is only possible: one cohort holds them all, with no stated
        # figure, so nothing the readers found is lost (and nothing is stated).
        holders = [b for b in builders if b.candidates]
        if holders:
            keep = holders[0]
            for b in holders[1:]:
                keep.candidates.extend(c for c in b.candidates if c not in keep.candidates)
            if keep.n is not None and keep.n_evidence is not None:
                reason = "the size of a population that states no figure"
                keep.candidates.append(Candidate("n", "value", keep.n, reason, keep.n_evidence))
            keep.n, keep.n_rank, keep.n_evidence = None, 0, None
            keep.median_age = None
            return [keep]
    for b in builders:
        if b not in live and (b.candidates or (b.outcomes and id(b) not in absorbed)):
            # Figures of a population that is no cohort (it states none, or only restates another's,
            # or sums up several): kept as possible beside the cohort they sit by (its parent, else
            # the first), not lost.
            target = b.parent if b.parent in live else (live[0] if live else None)
            if target is not None:
                where = f" (said of {b.label})" if b.label else ""
                offered = list(b.candidates)
                why = "said of several diseases at once" if id(b) in dropped else "said of no cohort of its own"
                for key, value in b.outcomes.items() if id(b) not in absorbed else ():
                    if not (key in target.outcomes and _same_value(value, target.outcomes[key])):
                        offered.extend(_as_candidates(key, value, why))
                target.candidates.extend(
                    replace(c, reason=c.reason + where) for c in offered if c not in target.candidates
                )
    return _article_order(live)


def _merge_same_population(live: list[Builder], absorbed: set[int]) -> None:
    """The same population reported twice — a table's row, then a section of prose about it — is
    one cohort: the same stated size, two or more of the same figures and none that differ."""
    for b in list(live):
        if b.n is None or b.background or b.parent is not None or b.siblings:
            continue
        for other in live:
            if other is b or other.n != b.n or other.background or other.parent is not None or other.siblings:
                continue
            if other.first_figure > b.first_figure or {b.label_source, other.label_source} <= {"arm", "slot"}:
                continue
            shared = [k for k in b.outcomes if k in other.outcomes]
            if len(shared) >= (2 if b.label_source else 1) and all(
                _same_value(b.outcomes[k], other.outcomes[k]) and _fits_size(merge_statements(other.outcomes[k], b.outcomes[k]), b.n)
                for k in shared
            ):
                _absorb_into(other, b)
                other.outcomes.update({k: merge_statements(other.outcomes[k], b.outcomes[k]) for k in shared})
                for k in shared:
                    other.routes[k] = (*other.routes.get(k, ()), "said_twice")
                other.candidates.extend(c for c in b.candidates if c not in other.candidates)
                live.remove(b)
                absorbed.add(id(b))
                break


def _merge_unsized_restatement(live: list[Builder], absorbed: set[int]) -> None:
    """A lede or highlights that restate the study's figures before the body sizes it ("mPFS 19.6
    months and mDOR 17.9 months" above "the 94 efficacy-evaluable patients … median PFS was 19.6
    months"): no size of its own, two or more of the later cohort's figures as numbers, and none that
    differ, is that cohort."""
    named_parts = [
        o for o in live if o.n is not None and o.parent is None and o.label_source in ("cohort", "disease", "heading", "arm")
    ]
    if len(named_parts) >= 2:
        return  # "Across the basket, …" above "In the melanoma cohort (n = 20), …": a whole above its parts
    for b in list(live):
        if b.n is not None or b.background or b.parent is not None or b.siblings or b.label_source in ("arm", "slot"):
            continue
        matches = []
        for other in live:
            if other is b or other.n is None or other.background or other.first_figure < b.first_figure:
                continue
            if len(set(b.diseases)) > 1 and not set(b.diseases) <= set(other.diseases):
                continue  # "Across the basket, the ORR was 50%": a summary of several diseases, not one cohort's
            shared = [k for k in b.outcomes if k in other.outcomes]
            numeric = [k for k in shared if _same_number(b.outcomes[k], other.outcomes[k])]
            if len(numeric) >= 2 and all(_same_value(b.outcomes[k], other.outcomes[k]) for k in shared):
                matches.append(other)
        if len(matches) == 1:
            other = matches[0]
            _absorb_into(other, b)
            other.candidates.extend(c for c in b.candidates if c not in other.candidates)
            live.remove(b)
            absorbed.add(id(b))


def _same_number(a: Rate | Duration, b: Rate | Duration) -> bool:
    """Two statements that give one figure the same number (a percent, a count or months), not only
    agree by leaving it out or by both being not reached."""
    if isinstance(a, Rate) and isinstance(b, Rate):
        percent = a.percent is not None and b.percent is not None and abs(a.percent - b.percent) < 0.05
        count = a.count is not None and a.count == b.count
        return percent or count
    if isinstance(a, Duration) and isinstance(b, Duration):
        return a.months is not None and b.months is not None and abs(a.months - b.months) < 0.05
    return False


def _fits_size(value: Rate | Duration, n: int) -> bool:
    """A rate's count and percent, when it has both, agree with the size."""
    if isinstance(value, Rate) and value.count is not None and value.percent is not None:
        return agrees_with_size(value.count, value.percent, n)
    return True


def _as_candidates(key: str, value: Rate | Duration, reason: str) -> list[Candidate]:
    """A figure set aside as only possible: one candidate per stated part."""
    if isinstance(value, Rate):
        parts = [("count", value.count), ("percent", value.percent)]
    else:
        parts = [("months", value.months), ("not_reached", True if value.not_reached else None)]
    return [Candidate(key, part, v, reason, value.evidence) for part, v in parts if v is not None]


def _article_order(builders: list[Builder]) -> list[Builder]:
    """Cohorts in the order the article first reports them, parents before their subgroups."""
    return sorted(
        builders, key=lambda b: (min(b.first_figure, b.parent.first_figure if b.parent else b.first_figure), b.order)
    )


def _same_value(a: Rate | Duration, b: Rate | Duration) -> bool:
    if isinstance(a, Rate) and isinstance(b, Rate):
        pct = a.percent is None or b.percent is None or abs(a.percent - b.percent) < 0.05
        cnt = a.count is None or b.count is None or a.count == b.count
        return pct and cnt
    if isinstance(a, Duration) and isinstance(b, Duration):
        return a.not_reached == b.not_reached and (
            a.months is None or b.months is None or abs(a.months - b.months) < 0.05
        )
    return False


def _absorb_into(target: Builder, source: Builder) -> None:
    for key, value in source.outcomes.items():
        if key not in target.outcomes:
            target.outcomes[key] = value
            target.routes[key] = (*source.routes.get(key, ()), "restatement_merged")
    for name, figure in source.other.items():
        target.other.setdefault(name, figure)
    target.first_figure = min(target.first_figure, source.first_figure)
    if target.n is None and source.n is not None:
        target.n, target.n_evidence, target.n_how = source.n, source.n_evidence, source.n_how
    if target.median_age is None:
        target.median_age = source.median_age


_PHASE_OF_TRIAL = re.compile(
    r"\s*(?:[A-Za-z-]+\s+){0,3}?(?:trials?|study|studies|results?|data|readouts?|portion|part)\b", re.I
)
"""What follows a phase that is the phase of the trial reported ("phase 3 trial", "Phase 1/2 study of",
"interim phase 1 results"), not a trial to come ("Off to Phase III with …")."""
_PHASE_TO_COME = re.compile(
    r"\b(?:to|into|toward|towards|ahead\s+of|planned|upcoming|future|next|confirmatory|start(?:s|ing)?|"
    r"launch(?:es|ing)?|initiat\w*|begin(?:s|ning)?|advanc\w*|enter\w*|mov\w*)\s+(?:a\s+|the\s+|its\s+)?"
    r"(?:pivotal\s+|global\s+|registrational\s+|randomi[sz]ed\s+)?$",
    re.I,
)


def _lead_phase(context: str, named: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """The phase the title and lead state for the trial they report, and the trials they name.

    Only a phase said of a trial, study or its results counts, never one the trial moves on to;
    several different phases in the lead state none."""
    found: set[str] = set()
    for m in PHASE.finditer(context):
        if not _PHASE_OF_TRIAL.match(context, m.end()) or _PHASE_TO_COME.search(
            context[max(0, m.start() - 40) : m.start()]
        ):
            continue
        phase = phase_of(m.group(0))
        if phase:
            found.add(phase)
    if len(found) != 1:
        return None
    (phase,) = found
    return phase, tuple(t for t in trials_in(context) if t in named) or tuple(trials_in(context))


def _phase_bounds(phase: str) -> tuple[int, int]:
    numbers = [int(x) for x in phase.split("/") if x.isdigit()]
    return (min(numbers), max(numbers)) if numbers else (0, 0)


def _trial_phase(
    b: Builder, phase: str | None, trial: str | None, lead: tuple[str, tuple[str, ...]] | None, named: list[str]
) -> str | None:
    """A cohort of the trial the title and lead report takes no phase outside the one they state for
    it (a sentence about an earlier phase 1/2 study does not make a phase 3 arm phase 1/2, nor does a
    phase 3 trial being planned make the phase 2 arms phase 3), and takes theirs when it has none. A
    cohort of another trial, an earlier analysis kept as background, one whose own figures are stated
    with their phase, or one whose phase overlaps the lead's ("1" in a "phase 1/2 trial") keeps what
    it has."""
    if lead is None or b.background:
        return phase
    lead_phase, lead_trials = lead
    if trial is not None and (trial not in lead_trials if lead_trials else len(named) > 1):
        return phase
    if phase is None:
        return lead_phase
    (low, high), (lead_low, lead_high) = _phase_bounds(phase), _phase_bounds(lead_phase)
    if high >= lead_low and low <= lead_high:
        return phase
    for outcome in b.outcomes.values():
        if phase_of(outcome.evidence.text) == phase:
            return phase  # "In the earlier phase 1/2 study, the ORR was 40%": that study's figure
    return lead_phase


def _cohort(
    article: Article,
    b: Builder,
    index: int,
    facts: ArticleFacts,
    aliases: dict[str, str],
    trials: list[str],
    lead: tuple[str, tuple[str, ...]] | None = None,
) -> Cohort:
    indication = b.diseases[0] if b.diseases else (facts.indications[0] if len(facts.indications) == 1 else None)
    product = None
    # A name the article calls a trial elsewhere ("the ASCENT-03 trial") is not the product.
    specific = [p for p in b.products if not GENERIC_PRODUCTS.fullmatch(p) and p not in trials]
    for p in specific or [p for p in b.products if p not in trials]:
        product = aliases.get(p.lower(), p)
        break
    if product is None and len(facts.products) == 1:
        product = facts.products[0]
    trial_id = b.trial_ids[0] if b.trial_ids else (facts.trial_ids[0] if len(facts.trial_ids) == 1 else None)
    phase = b.phase or (facts.phases[0] if len(facts.phases) == 1 else None)
    trial = _trial(b, trials)
    phase = _trial_phase(b, phase, trial, lead, trials)
    label = _label(b, indication, product, index)
    if trial and _BARE_ID.fullmatch(label) and trial not in label:
        label = f"{label} ({trial})"  # "Cohort 2" alone does not say of which trial
    n, n_evidence = _response_denominator(b)
    sure = guard(b.outcomes, n, n_evidence, b.median_age, candidates=b.candidates)
    outcomes = sure.outcomes
    other = guard_other(b.other, sure.n, sure.candidates)
    return Cohort(
        id=f"{article.id}#{index}",
        label=label,
        indication=indication,
        product=product,
        trial_id=trial_id,
        phase=phase,
        n=sure.n,
        median_age=sure.median_age,
        outcomes=outcomes,
        derived=derive(outcomes, sure.n),
        other=other,
        checks=check(outcomes, sure.n),
        n_evidence=sure.n_evidence,
        candidates=tuple(sure.candidates),
        trial=trial,
        product_canonical=canonical_product(product),
    )


def _response_denominator(b: Builder) -> tuple[int | None, Evidence | None]:
    """The cohort's n: the stated denominator of its response figures ("50% (6/12)") when all of
    them share one and the size read from the prose is weaker than "evaluable" (an enrolled or
    infused total, a subset named once); else the size the prose states."""
    denominators = {
        rate.denominator
        for rate in b.outcomes.values()
        if isinstance(rate, Rate) and rate.denominator is not None and rate.count is not None
    }
    if len(denominators) != 1:
        return b.n, b.n_evidence
    (d,) = denominators
    if b.n == d or (b.n is not None and b.n_rank >= 3):
        return b.n, b.n_evidence
    for rate in b.outcomes.values():
        if isinstance(rate, Rate) and rate.denominator == d and rate.count is not None:
            if rate.percent is not None and abs(100 * rate.count / d - rate.percent) > 1.05:
                return b.n, b.n_evidence  # the fraction and its percent disagree: not this cohort's size
    evidence = next(r.evidence for r in b.outcomes.values() if isinstance(r, Rate) and r.denominator == d)
    return d, evidence


_BARE_ID = re.compile(r"(?:Cohort|Arm|Part|Group|Dose Level|Stratum)\s+\w+")


def _trial(b: Builder, named: list[str]) -> str | None:
    """The trial a cohort's own sentences name, else the only trial the article names."""
    for evidence in [b.n_evidence, *(o.evidence for o in b.outcomes.values())]:
        if evidence is not None:
            found = trials_in(evidence.text)
            if len(found) == 1:
                return found[0]
    return named[0] if len(named) == 1 else None


def _label(b: Builder, indication: str | None, product: str | None, index: int) -> str:
    if b.label:
        label = re.sub(r"\s+", " ", b.label).strip(" :")
        return label[:1].upper() + label[1:]
    if indication:
        return indication[:1].upper() + indication[1:]
    if product:
        return product
    return f"Cohort {index}"
