"""Score extraction against a gold corpus: precision and recall per outcome figure.

    python -m tilbrowse.extract.scoring tests/gold [--verbose]

For every `NAME.txt`/`NAME.md` with a `NAME.truth.json` beside it (format in
`tests/gold/README.md`), truth and extracted cohorts are paired by the figures they
agree on; every non-null part of an outcome (`count`, `percent`, `months`,
`not_reached: true`) is one figure. Prints precision/recall per key and overall, then
every miss and every false figure with the sentence it came from.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tilbrowse.corpus.load import load_corpus
from tilbrowse.extract import extract
from tilbrowse.extract.model import OUTCOME_KEYS, Cohort

Figure = tuple[str, str, Any]
"""(outcome key, part, value)."""


def figures_of_truth(cohort: dict[str, Any]) -> list[Figure]:
    """The figures of a truth cohort."""
    out: list[Figure] = []
    for key, value in (cohort.get("outcomes") or {}).items():
        for part in ("count", "percent", "months"):
            if value.get(part) is not None:
                out.append((key, part, value[part]))
        if value.get("not_reached") is True:
            out.append((key, "not_reached", True))
    return out


def figures_of_cohort(cohort: Cohort) -> list[Figure]:
    """The stated figures of an extracted cohort (derived values never count)."""
    return figures_of_truth(cohort.to_json())


def same(a: Figure, b: Figure) -> bool:
    """Whether two figures are the same key, part and value (±0.05 %, ±0.1 month)."""
    if a[0] != b[0] or a[1] != b[1]:
        return False
    if a[1] == "percent":
        return abs(float(a[2]) - float(b[2])) <= 0.051
    if a[1] == "months":
        return abs(float(a[2]) - float(b[2])) <= 0.101
    return bool(a[2] == b[2])


def _agreement(truth: list[Figure], got: list[Figure]) -> int:
    return sum(1 for t in truth if any(same(t, g) for g in got))


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


def score_article(truth: dict[str, Any], cohorts: Sequence[Cohort], name: str, result: Result) -> None:
    """Pair truth and extracted cohorts of one article and count figures."""
    truth_cohorts = truth.get("cohorts") or []
    t_figs = [figures_of_truth(c) for c in truth_cohorts]
    g_figs = [figures_of_cohort(c) for c in cohorts]
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
            else:
                result.fn[fig[0]] += 1
                near = next((g for g in got if g[0] == fig[0] and g[1] == fig[1]), None)
                extra = f" (extracted {near[2]})" if near else ""
                result.misses.append(f"{name} [{label}] {fig[0]}.{fig[1]} = {fig[2]}{extra}")
    for gi, g in enumerate(g_figs):
        paired = next((t for t, x in pairs.items() if x == gi), None)
        truth_figs = t_figs[paired] if paired is not None else []
        cohort = cohorts[gi]
        for fig in g:
            if not any(same(fig, x) for x in truth_figs):
                result.fp[fig[0]] += 1
                outcome = cohort.outcomes[fig[0]]
                where = " ".join(outcome.evidence.text.split())[:160]
                partner = (
                    f" [paired with {truth_cohorts[paired].get('label')}]"
                    if paired is not None
                    else " [no truth cohort]"
                )
                result.false.append(f"{name} [{cohort.label}]{partner} {fig[0]}.{fig[1]} = {fig[2]} ← “{where}”")


def score_corpus(folder: Path) -> Result:
    """Score every article with a truth file in the folder."""
    result = Result()
    corpus = load_corpus([folder])
    by_path = {Path(a.path).resolve(): a for a in corpus.articles}
    for truth_path in sorted(folder.rglob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        stem = truth_path.name[: -len(".truth.json")]
        article = next(
            (by_path[p] for ext in (".txt", ".md") if (p := (truth_path.parent / (stem + ext)).resolve()) in by_path),
            None,
        )
        if article is None:
            result.misses.append(f"{stem}: article missing or failed to load")
            continue
        result.articles += 1
        score_article(truth, extract(article).cohorts, stem, result)
    return result


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def report(result: Result, verbose: bool = True) -> str:
    """The scorer's table and error lists as text."""
    lines = [f"{'key':<17}{'truth':>7}{'found':>7}{'tp':>6}{'precision':>11}{'recall':>8}"]
    for key in OUTCOME_KEYS:
        tp, fp, fn = result.tp[key], result.fp[key], result.fn[key]
        if tp + fp + fn == 0:
            continue
        lines.append(f"{key:<17}{tp + fn:>7}{tp + fp:>7}{tp:>6}{_ratio(tp, tp + fp):>11.3f}{_ratio(tp, tp + fn):>8.3f}")
    tp, fp, fn = sum(result.tp.values()), sum(result.fp.values()), sum(result.fn.values())
    lines.append(
        f"{'overall':<17}{tp + fn:>7}{tp + fp:>7}{tp:>6}{_ratio(tp, tp + fp):>11.3f}{_ratio(tp, tp + fn):>8.3f}"
    )
    lines.append(
        f"\n{result.articles} articles; {result.empty_articles} report no figures, "
        f"and {result.invented_on_empty} figures were invented on them."
    )
    if verbose:
        lines.append(f"\nMisses ({len(result.misses)}):")
        lines += [f"  - {m}" for m in result.misses]
        lines.append(f"\nFalse figures ({len(result.false)}):")
        lines += [f"  - {f}" for f in result.false]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the scorer."""
    parser = argparse.ArgumentParser(prog="python -m tilbrowse.extract.scoring", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="a gold corpus (articles with NAME.truth.json beside them)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 2
    print(report(score_corpus(args.folder), verbose=not args.quiet))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
