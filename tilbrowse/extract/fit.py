"""Fit the confidence weights (`weights.json`) and calibrate the threshold for "stated".

    python -m tilbrowse.extract.fit            fit, print the calibration table, write weights.json
    python -m tilbrowse.extract.fit --dry-run  the same, writing nothing
    python -m tilbrowse.extract.fit --line 0.96 --only FEATURE …
                                               fit only new features on top of the checked-in table

Every figure the readers propose (`tilbrowse.extract.propose`, before the decision) on articles
with hand-made truth is labelled right or wrong by the scorer's pairing of cohorts; a logistic
regression (L2, plain Python: a few thousand sparse rows) learns a weight per feature. The
team's own sets (written in the registers users keep) count `--team-weight` times (3).

The threshold is measured, not chosen by feel: the real articles of ../shared/realdev fall in
families (`rda_` … `rde_`); each family is scored by weights fitted without it (the team's
sets stay in every fit), the out-of-family scores are pooled, and the threshold is the lowest
cut of a 0.01 grid at which the figures kept as stated are right at least `--target` of the
time (0.97, DESIGN §3). The line moves with what the readers propose (measured 2026-12-06:
0.96 on one set of proposals, 0.92 on the next; 0.97 not reached below 0.985 on another),
because realdev's out-of-family precision is flat (0.97) from 0.92 to 0.99: the rules were
tuned on it, so it cannot tell those cuts apart. The blind gauge can (P 0.885 from 0.92, 0.951
from 0.96, same weights), so the checked-in table states from 0.96: `--line 0.96`.
A full refit moves every weight with whatever the readers now propose, and the blind gauge
has disagreed with each one so far (2026-12-07: P 0.954 → 0.916 with one new feature and a full
refit). A feature added since is fitted alone (`--only`), every other weight and the bias kept:
`n_with_figures` (a size read in the sentence of its cohort's figures) earned +0.73 that way,
and the gauge moved P 0.954 / R 0.432 → 0.956 / 0.448; `how_n_sole_size` (the one size an
article with one cohort states) +0.61, gauge P 0.964 / R 0.448 → 0.965 / 0.456. Two others
tried that way were not kept: `cohort_rich` (a cohort of three figures or more; gauge P → 0.913)
and a population named earlier without figures (P → 0.947).
On 2026-12-08, `n_frame` (a size that opens the sentence of its figures, "Among 45 evaluable
patients, …") was fitted alone with `n_with_figures` refitted beside it (+0.33, +0.73 → +1.25:
gauge R 0.473 → 0.477, P 0.966 kept), then `arm_pair` (the arms of a randomised trial reading the
same figure from one sentence, "6.8 months with A and 4.1 months with B": 483 of 506 proposals
right) +1.25: gauge P 0.966 / R 0.477 → 0.967 / 0.490; then `table` and `how_table` (read from a
table: 165 of 165 proposals right on every set, 48 of them held back) +0.17 → +0.62 each: every
set +28 right / +3 false (pairing swaps), the gauge the same (0.967 / 0.494).
Only weights are kept in the project: no sentence of any article.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tilbrowse.corpus.load import load_corpus
from tilbrowse.extract import propose
from tilbrowse.extract.confidence import WEIGHTS_PATH, Weights, kind_of, load_weights, readings
from tilbrowse.extract.scoring import ROOT, figures_of_truth, optional, pair, same

TEAM_SETS = ("gold", "heldout", "heldout2", "heldout3")
REALDEV = ROOT.parent / "shared" / "realdev"


@dataclass(frozen=True)
class Example:
    """A proposed figure, its features and whether the truth holds it."""

    family: str
    features: tuple[str, ...]
    right: bool

    @property
    def key(self) -> str:
        """The figure's key (`orr`, `median_os`, `n`, …), from its `key_` feature."""
        return next((f[4:] for f in self.features if f.startswith("key_")), "")


def examples_of(folder: Path, family_of: Any) -> list[Example]:
    """Label every proposed figure of every article with truth in the folder."""
    out: list[Example] = []
    corpus = load_corpus([folder])
    by_path = {Path(a.path).resolve(): a for a in corpus.articles}
    for truth_path in sorted(folder.rglob("*.truth.json")):
        stem = truth_path.name[: -len(".truth.json")]
        article = next(
            (by_path[p] for ext in (".txt", ".md") if (p := (truth_path.parent / (stem + ext)).resolve()) in by_path),
            None,
        )
        if article is None:
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        truth_cohorts = truth.get("cohorts") or []
        proposal = propose(article)
        cohorts = proposal.cohorts
        t_figs = [figures_of_truth(c) for c in truth_cohorts]
        g_figs = [figures_of_truth(c.to_json()) for c in cohorts]
        pairs = {g: t for t, g in pair(t_figs, g_figs).items()}
        for reading in readings(cohorts, proposal.trials, proposal.routes):
            t = pairs.get(reading.cohort)
            truth_figs = t_figs[t] if t is not None else []
            mine = [f for f in g_figs[reading.cohort] if f[0] == reading.key]
            right = bool(mine) and all(any(same(f, x) for x in truth_figs) for f in mine)
            if t is not None and optional(truth_cohorts[t]) and not right:
                continue  # an earlier analysis the truth need not list in full: no lesson either way
            out.append(Example(family_of(stem), reading.features, right))
    return out


def fit(
    examples: Sequence[Example],
    l2: float = 1.0,
    steps: int = 400,
    base: Weights | None = None,
    only: frozenset[str] = frozenset(),
) -> Weights:
    """Logistic regression by full-batch Newton-free gradient steps with AdaGrad (sparse binary rows).

    With `base` and `only`, every weight but those named in `only` stays as `base` has it (and the
    bias too): the new features are fitted on top of the checked-in table, which is left as it is."""
    names = sorted({f for e in examples for f in e.features})
    if base is not None and only:
        names = sorted(only)
        offsets = [
            base.bias + sum(base.weights.get(f, 0.0) for f in e.features if f not in only) for e in examples
        ]
        w = {f: base.weights.get(f, 0.0) for f in names}
        g2 = dict.fromkeys(names, 1e-8)
        total = max(1, len(examples))
        for _ in range(steps):
            grad = dict.fromkeys(names, 0.0)
            for e, offset in zip(examples, offsets, strict=True):
                mine = [f for f in e.features if f in only]
                if not mine:
                    continue
                z = offset + sum(w[f] for f in mine)
                err = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - (1.0 if e.right else 0.0)
                for f in mine:
                    grad[f] += err
            for f in names:
                g = grad[f] / total + l2 * w[f] / total
                g2[f] += g * g
                w[f] -= 0.5 * g / math.sqrt(g2[f])
        return Weights(base.bias, {**base.weights, **w}, base.threshold)
    w = dict.fromkeys(names, 0.0)
    bias = 0.0
    g2 = dict.fromkeys(names, 1e-8)
    b2 = 1e-8
    rate = 0.5
    total = max(1, len(examples))
    for _ in range(steps):
        grad = dict.fromkeys(names, 0.0)
        gb = 0.0
        for e in examples:
            z = bias + sum(w[f] for f in e.features)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - (1.0 if e.right else 0.0)
            gb += err
            for f in e.features:
                grad[f] += err
        for f in names:
            g = grad[f] / total + l2 * w[f] / total
            g2[f] += g * g
            w[f] -= rate * g / math.sqrt(g2[f])
        gb /= total
        b2 += gb * gb
        bias -= rate * gb / math.sqrt(b2)
    return Weights(bias, w, 0.5)


CUTS = tuple(round(0.5 + i / 100, 2) for i in range(50))
"""The thresholds considered, on a grid: the lowest score at which the figures above it are right
`target` of the time, chosen among every distinct score, follows the noise of a few figures."""


def calibrate(scored: Sequence[tuple[float, bool]], target: float) -> float:
    """The lowest cut of the grid at which the figures scoring at or above it are right `target` of the time."""
    for cut in CUTS:
        above = [ok for s, ok in scored if s >= cut]
        if above and sum(above) / len(above) >= target:
            return cut
    return 1.0


BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def table(scored: Sequence[tuple[float, bool]], threshold: float) -> str:
    """The calibration table: per score band, figures and precision; then stated P and kept share."""
    lines = [f"{'score band':<14}{'figures':>8}{'right':>7}{'precision':>11}"]
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        band = [ok for s, ok in scored if lo <= s < hi]
        if band:
            lines.append(f"{lo:.2f}–{min(hi, 1.0):.2f}{len(band):>10}{sum(band):>7}{sum(band) / len(band):>11.3f}")
    lines.append(f"{'stated from':<14}{'stated':>8}{'right':>7}{'precision':>11}")
    for cut in (0.5, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99):
        above = [ok for s, ok in scored if s >= cut]
        if above:
            lines.append(f"{cut:<14.2f}{len(above):>8}{sum(above):>7}{sum(above) / len(above):>11.3f}")
    kept = [ok for s, ok in scored if s >= threshold]
    wrong_all = sum(1 for _, ok in scored if not ok)
    lines.append(
        f"threshold {threshold:.3f}: stated {len(kept)} of {len(scored)} proposed, precision "
        f"{(sum(kept) / len(kept)) if kept else 1.0:.3f} (all proposed: "
        f"{(len(scored) - wrong_all) / max(1, len(scored)):.3f}); "
        f"right figures held back as possible: {sum(1 for s, ok in scored if ok and s < threshold)}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Fit, calibrate across families, report, write."""
    parser = argparse.ArgumentParser(prog="python -m tilbrowse.extract.fit", description=__doc__.split("\n")[0])
    parser.add_argument("--target", type=float, default=0.97, help="precision of stated figures out of family")
    parser.add_argument("--l2", type=float, default=2.0, help="L2 penalty (larger: weights nearer 0)")
    parser.add_argument(
        "--team-weight", type=int, default=3, help="how many times the team's own sets count in the fit"
    )
    parser.add_argument(
        "--line",
        type=float,
        default=None,
        help="state from this score instead of the calibrated line (the checked-in table: --line 0.96)",
    )
    parser.add_argument("--dry-run", action="store_true", help="report only; do not write weights.json")
    parser.add_argument(
        "--only",
        nargs="+",
        default=(),
        metavar="FEATURE",
        help="fit only these features' weights, every other weight (and the bias) kept as weights.json has it",
    )
    args = parser.parse_args(argv)
    if not REALDEV.is_dir():
        print(f"tilbrowse: {REALDEV} not found: the fit needs ../shared/realdev", file=sys.stderr)
        return 1
    base = load_weights() if args.only else None
    if args.only and base is None:
        print(f"tilbrowse: --only needs a weight table to keep: {WEIGHTS_PATH} not found", file=sys.stderr)
        return 1
    partial: dict[str, Any] = {"base": base, "only": frozenset(args.only)} if args.only else {}
    team: list[Example] = []
    for name in TEAM_SETS:
        folder = ROOT / "tests" / name
        if folder.is_dir():
            team += examples_of(folder, lambda _stem, name=name: name)
    real = examples_of(REALDEV, lambda stem: stem[:3])
    families = sorted({e.family for e in real})
    pooled: list[tuple[float, bool]] = []
    kinds: dict[str, list[tuple[float, bool]]] = {}
    for family in families:
        weights = fit(team * args.team_weight + [e for e in real if e.family != family], l2=args.l2, **partial)
        held = [(weights.score(e.features), e.right) for e in real if e.family == family]
        pooled += held
        for e, one in zip([e for e in real if e.family == family], held, strict=True):
            kinds.setdefault(kind_of(e.key), []).append(one)
        threshold = calibrate(held, args.target)
        print(f"{family}: {len(held)} proposed, {sum(ok for _, ok in held)} right; own threshold {threshold:.3f}")
    threshold = calibrate(pooled, args.target)
    print("\nOut of family (each realdev family scored by weights fitted without it):")
    print(table(pooled, threshold))
    for kind, scored in sorted(kinds.items()):
        # Measured 2026-12-06: times and sizes separate (each reaches the target from a lower cut
        # alone), rates do not (0.94–0.95 at every cut): one pooled line is kept, the surer for
        # rates; the blind gauge agreed (P 0.95 pooled, 0.90 with a line per kind).
        print(f"\n{kind} figures alone (own line {calibrate(scored, args.target):.2f}):")
        print(table(scored, threshold))
    final = fit(team * args.team_weight + real, l2=args.l2, **partial)
    if args.line is not None:
        above = [ok for s, ok in pooled if s >= args.line]
        print(
            f"\nline {args.line:.2f} (calibrated {threshold:.2f}): out of family {len(above)} stated, "
            f"precision {(sum(above) / len(above)) if above else 1.0:.3f}"
        )
        threshold = args.line
    final = Weights(final.bias, final.weights, threshold)
    print("\nStrongest weights:")
    for name, value in sorted(final.weights.items(), key=lambda kv: -abs(kv[1]))[:20]:
        print(f"  {name:<24}{value:+.2f}")
    if not args.dry_run:
        WEIGHTS_PATH.write_text(json.dumps(final.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nwrote {WEIGHTS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
