"""Score extraction against gold corpora: precision and recall per figure a user reads.

    python -m tilbrowse.extract.scoring                  every set side by side (tests/gold, tests/heldout,
                                                         tests/heldout2, ../shared/realdev when present)
    python -m tilbrowse.extract.scoring FOLDER [-q]      one set: the table, then every miss and false figure
    python -m tilbrowse.extract.scoring --all --verbose  every set, with every miss and false figure

(`python -m tilbrowse.scoring` is the same command.)

For every `NAME.txt`/`NAME.md` (or a saved page, `NAME.html`) with a `NAME.truth.json` beside it (format in
`tests/gold/README.md`), truth and extracted cohorts are paired by the figures they
agree on. Every non-null part of an outcome (`count`, `percent`, `months`,
`not_reached: true`) is one figure, and so are a cohort's `n` and `median_age`: users
read them beside the outcomes. The `overall` row counts all of them; `outcomes only`
leaves `n` and `median_age` out. Only `outcomes` count — a figure the extractor holds
as a `candidate` (a possible reading) is never scored, but the scorer tells how many
missed truth figures sit there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from tilbrowse.corpus.load import EXTENSIONS, load_corpus
from tilbrowse.extract import extract, propose
from tilbrowse.extract.model import OUTCOME_KEYS, Cohort

Figure = tuple[str, str, Any]
"""(key, part, value); `n` and `median_age` have the part `value`."""

POPULATION_KEYS = ("n", "median_age")
"""Cohort figures scored beside the outcomes."""
SCORED_KEYS = OUTCOME_KEYS + POPULATION_KEYS

ROOT = Path(__file__).resolve().parents[2]
"""The project folder (the sets below are found from it, and ../shared beside it)."""
SETS = (
    ("gold", ROOT / "tests" / "gold"),
    ("heldout", ROOT / "tests" / "heldout"),
    ("heldout2", ROOT / "tests" / "heldout2"),
    ("heldout3", ROOT / "tests" / "heldout3"),
    ("heldout4", ROOT / "tests" / "heldout4"),
    ("heldout5", ROOT / "tests" / "heldout5"),
    ("heldout6", ROOT / "tests" / "heldout6"),
    ("heldout7", ROOT / "tests" / "heldout7"),
    ("heldout8", ROOT / "tests" / "heldout8"),
    ("heldout9", ROOT / "tests" / "heldout9"),
    ("heldout10", ROOT / "tests" / "heldout10"),
    ("realdev", ROOT.parent / "shared" / "realdev"),
)
"""The sets `--all` scores, in column order (a missing folder is skipped)."""


def figures_of_truth(cohort: dict[str, Any]) -> list[Figure]:
    """The figures of a truth cohort (or of an extracted cohort's JSON)."""
    out: list[Figure] = []
    for key, value in (cohort.get("outcomes") or {}).items():
        for part in ("count", "percent", "months"):
            if value.get(part) is not None:
                out.append((key, part, value[part]))
        if value.get("not_reached") is True:
            out.append((key, "not_reached", True))
    for key in POPULATION_KEYS:
        if cohort.get(key) is not None:
            out.append((key, "value", cohort[key]))
    return out


def figures_of_cohort(cohort: Cohort) -> list[Figure]:
    """The stated figures of an extracted cohort (derived values and candidates never count)."""
    return figures_of_truth(cohort.to_json())


def same(a: Figure, b: Figure) -> bool:
    """Whether two figures are the same key, part and value (±0.05 %, ±0.1 month, ±0.5 year of age)."""
    if a[0] != b[0] or a[1] != b[1]:
        return False
    if a[1] == "percent":
        return abs(float(a[2]) - float(b[2])) <= 0.051
    if a[1] == "months":
        return abs(float(a[2]) - float(b[2])) <= 0.101
    if a[0] == "median_age":
        return abs(float(a[2]) - float(b[2])) <= 0.51
    return bool(a[2] == b[2])


def _agreement(truth: list[Figure], got: list[Figure]) -> int:
    return sum(1 for t in truth if any(same(t, g) for g in got))


def _candidate_figures(cohort: Cohort) -> list[Figure]:
    return [(c.key, c.part, c.value) for c in cohort.candidates]


@dataclass
class Result:
    """Counts per key and the list of errors."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    invented_on_empty: int = 0
    articles: int = 0
    empty_articles: int = 0
    in_candidates: int = 0
    """Missed truth figures the extractor holds as a candidate of the article."""
    candidates: int = 0
    """Candidates the extractor offered in all."""

    def totals(self, keys: Sequence[str] = SCORED_KEYS) -> tuple[int, int, int]:
        """(truth, found, true positives) summed over keys."""
        tp = sum(self.tp[k] for k in keys)
        return tp + sum(self.fn[k] for k in keys), tp + sum(self.fp[k] for k in keys), tp


def _evidence_text(cohort: Cohort, key: str) -> str:
    if key in cohort.outcomes:
        text = cohort.outcomes[key].evidence.text
    elif key == "n" and cohort.n_evidence is not None:
        text = cohort.n_evidence.text
    else:
        return ""
    return " ".join(text.split())[:160]


def optional(cohort: dict[str, Any]) -> bool:
    """An earlier analysis the article quotes (label, note or ambiguity begins `BACKGROUND`): its
    figures count when found and are never missed (../shared/realdev/README.md)."""
    return any(str(cohort.get(k) or "").lstrip().startswith("BACKGROUND") for k in ("label", "note", "ambiguity"))


def pair(t_figs: Sequence[list[Figure]], g_figs: Sequence[list[Figure]]) -> dict[int, int]:
    """Truth cohort index → extracted cohort index, by the figures they agree on (most first)."""
    pairs: dict[int, int] = {}
    scores = sorted(
        ((_agreement(t, g), ti, gi) for ti, t in enumerate(t_figs) for gi, g in enumerate(g_figs)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_g: set[int] = set()
    for score, ti, gi in scores:
        if score == 0 or ti in pairs or gi in used_g:
            continue
        pairs[ti] = gi
        used_g.add(gi)
    return pairs


def _label_words(cohort: dict[str, Any]) -> str:
    return " ".join(str(cohort.get(k) or "") for k in ("label", "indication", "product")).lower()


def pair_by_labels(truth_cohorts: Sequence[dict[str, Any]], cohorts: Sequence[Cohort]) -> dict[int, int]:
    """Truth cohort index → extracted cohort index as the blind gauge pairs them: each truth cohort in
    turn takes the free extracted cohort most like it (label, indication and product; the same n
    counts 2; each stated figure they share 0.1), whatever their figures; so an extracted cohort
    missing from an article also costs the figures of the one that takes its place."""
    shown = [c.to_json() for c in cohorts]
    stated = [figures_of_truth(c) for c in shown]
    pairs: dict[int, int] = {}
    free = list(range(len(cohorts)))
    for ti, t in enumerate(truth_cohorts):
        t_figs = figures_of_truth(t)
        best, best_score = None, -1.0
        for gi in free:
            score = SequenceMatcher(None, _label_words(t), _label_words(shown[gi])).ratio()
            if t.get("n") is not None and t.get("n") == shown[gi].get("n"):
                score += 2
            score += _agreement(t_figs, stated[gi]) / 10
            if score > best_score:
                best, best_score = gi, score
        if best is not None:
            free.remove(best)
            pairs[ti] = best
    return pairs


def score_article(
    truth: dict[str, Any], cohorts: Sequence[Cohort], name: str, result: Result, pairing: str = "figures"
) -> None:
    """Pair truth and extracted cohorts of one article and count figures (`pairing`: `figures`, by the
    figures they agree on; `labels`, as the blind gauge pairs them, where a possible figure counts
    only when its own cohort is the paired one)."""
    truth_cohorts = truth.get("cohorts") or []
    t_figs = [figures_of_truth(c) for c in truth_cohorts]
    g_figs = [figures_of_cohort(c) for c in cohorts]
    possible = [f for c in cohorts for f in _candidate_figures(c)]
    result.candidates += len(possible)
    pairs = pair_by_labels(truth_cohorts, cohorts) if pairing == "labels" else pair(t_figs, g_figs)
    if not truth_cohorts:
        result.empty_articles += 1
        result.invented_on_empty += sum(len(g) for g in g_figs)
    for ti, t in enumerate(t_figs):
        match = pairs.get(ti)
        got = g_figs[match] if match is not None else []
        label = truth_cohorts[ti].get("label", f"#{ti + 1}")
        for fig in t:
            if any(same(fig, g) for g in got):
                result.tp[fig[0]] += 1
                continue
            if optional(truth_cohorts[ti]):
                continue
            result.fn[fig[0]] += 1
            near = next((g for g in got if g[0] == fig[0] and g[1] == fig[1]), None)
            extra = f" (extracted {near[2]})" if near else ""
            offered = possible if pairing != "labels" else (_candidate_figures(cohorts[match]) if match is not None else [])
            if any(same(fig, p) for p in offered):
                result.in_candidates += 1
                extra += " [held as a candidate]"
            result.misses.append(f"{name} [{label}] {fig[0]}.{fig[1]} = {fig[2]}{extra}")
    for gi, g in enumerate(g_figs):
        paired = next((t for t, x in pairs.items() if x == gi), None)
        truth_figs = t_figs[paired] if paired is not None else []
        cohort = cohorts[gi]
        for fig in g:
            if not any(same(fig, x) for x in truth_figs):
                result.fp[fig[0]] += 1
                partner = (
                    f" [paired with {truth_cohorts[paired].get('label')}]"
                    if paired is not None
                    else " [no truth cohort]"
                )
                where = _evidence_text(cohort, fig[0])
                result.false.append(f"{name} [{cohort.label}]{partner} {fig[0]}.{fig[1]} = {fig[2]} ← “{where}”")


def score_corpus(folder: Path, *, proposed: bool = False, pairing: str = "figures") -> Result:
    """Score every article with a truth file in the folder (with `proposed`: every figure the
    readers propose, before the weight table's decision; `pairing`: see `score_article`)."""
    result = Result()
    corpus = load_corpus([folder])
    by_path = {Path(a.path).resolve(): a for a in corpus.articles}
    for truth_path in sorted(folder.rglob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        stem = truth_path.name[: -len(".truth.json")]
        article = next(
            (by_path[p] for ext in EXTENSIONS if (p := (truth_path.parent / (stem + ext)).resolve()) in by_path),
            None,
        )
        if article is None:
            result.misses.append(f"{stem}: article missing or failed to load")
            continue
        result.articles += 1
        cohorts = propose(article).cohorts if proposed else extract(article).cohorts
        score_article(truth, cohorts, stem, result, pairing)
    return result


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _row(name: str, truth: int, found: int, tp: int) -> str:
    return f"{name:<17}{truth:>7}{found:>7}{tp:>6}{_ratio(tp, found):>11.3f}{_ratio(tp, truth):>8.3f}"


def _errors(result: Result) -> list[str]:
    lines = [f"\nMisses ({len(result.misses)}):"]
    lines += [f"  - {m}" for m in result.misses]
    lines.append(f"\nFalse figures ({len(result.false)}):")
    lines += [f"  - {f}" for f in result.false]
    return lines


def report(result: Result, verbose: bool = True) -> str:
    """One set's table (`overall` counts n and median age; `outcomes only` does not) and its errors."""
    lines = [f"{'key':<17}{'truth':>7}{'found':>7}{'tp':>6}{'precision':>11}{'recall':>8}"]
    for key in SCORED_KEYS:
        tp, fp, fn = result.tp[key], result.fp[key], result.fn[key]
        if tp + fp + fn:
            lines.append(_row(key, tp + fn, tp + fp, tp))
    lines.append(_row("overall", *result.totals()))
    lines.append(_row("outcomes only", *result.totals(OUTCOME_KEYS)))
    lines.append(
        f"\n{result.articles} articles; {result.empty_articles} report no figures, "
        f"and {result.invented_on_empty} figures were invented on them. "
        f"{result.candidates} candidates offered; {result.in_candidates} missed truth figures sit in candidates."
    )
    if verbose:
        lines += _errors(result)
    return "\n".join(lines)


def _cell(truth: int, found: int, tp: int) -> str:
    if not truth and not found:
        return f"{'·':^22}"
    return f"{_ratio(tp, found):>5.2f} {_ratio(tp, truth):>4.2f} {found:>5}/{truth:<5}"


def report_sets(results: Sequence[tuple[str, Result]], verbose: bool = False) -> str:
    """Every set side by side: per key precision, recall and found/truth; overall with and without n."""
    lines = [
        f"{'':<17}" + "".join(f"  {name:^22}" for name, _ in results),
        f"{'key':<17}" + "".join(f"  {'P':>5} {'R':>4} {'found/truth':^11}" for _ in results),
    ]
    for key in SCORED_KEYS:
        cells = [(r.tp[key] + r.fn[key], r.tp[key] + r.fp[key], r.tp[key]) for _, r in results]
        if any(c[0] or c[1] for c in cells):
            lines.append(f"{key:<17}" + "".join(f"  {_cell(*c)}" for c in cells))
    lines.append(f"{'overall':<17}" + "".join(f"  {_cell(*r.totals())}" for _, r in results))
    lines.append(f"{'outcomes only':<17}" + "".join(f"  {_cell(*r.totals(OUTCOME_KEYS))}" for _, r in results))
    held = (f"{r.in_candidates} of {r.candidates}" for _, r in results)
    lines.append(f"{'in candidates':<17}" + "".join(f"  {x:^22}" for x in held))
    invented = (f"{r.invented_on_empty} on {r.empty_articles}" for _, r in results)
    lines.append(f"{'invented (neg.)':<17}" + "".join(f"  {x:^22}" for x in invented))
    if verbose:
        for name, result in results:
            lines.append(f"\n=== {name}")
            lines += _errors(result)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the scorer."""
    parser = argparse.ArgumentParser(prog="python -m tilbrowse.extract.scoring", description=__doc__.split("\n")[0])
    parser.add_argument(
        "folder", type=Path, nargs="?", help="a gold corpus (articles with NAME.truth.json beside them)"
    )
    parser.add_argument("--all", action="store_true", help="score every known set side by side (the default)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the table only")
    parser.add_argument("-v", "--verbose", action="store_true", help="with --all: list every miss and false figure")
    parser.add_argument(
        "--pairing",
        choices=("figures", "labels"),
        default="figures",
        help="pair cohorts by the figures they agree on (default), or by label as the blind gauge does",
    )
    args = parser.parse_args(argv)
    if args.folder is None or args.all:
        results = [(name, score_corpus(path, pairing=args.pairing)) for name, path in SETS if path.is_dir()]
        if args.folder is not None and args.folder.is_dir():
            results.append((args.folder.name, score_corpus(args.folder, pairing=args.pairing)))
        print(report_sets(results, verbose=args.verbose))
        return 0
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 2
    print(report(score_corpus(args.folder, pairing=args.pairing), verbose=not args.quiet))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
