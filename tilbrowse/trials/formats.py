"""Trials, a trial's timeline and a landscape as rows of text, JSON, CSV and Markdown.

Rows are plain dicts of display strings keyed by column name; each column says whether it holds
a figure (ids, dates, numbers: never cut on screen) or a label (may give way). The command line
draws them with `tilbrowse.ui.console`; the exports here escape article text for their format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tilbrowse.catalog.products import short_name
from tilbrowse.export.tables import fmt_number, md_escape, md_table, to_csv
from tilbrowse.trials.group import Trial
from tilbrowse.trials.readout import DURATIONS, Readout
from tilbrowse.trials.timeline import LandscapeRow, TimelineRow, timeline

FIGURE, LABEL = "figure", "label"

TRIAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("trial", FIGURE),
    ("product", LABEL),
    ("indication", LABEL),
    ("readouts", FIGURE),
    ("first", FIGURE),
    ("latest", FIGURE),
    ("ORR", FIGURE),
    ("n", FIGURE),
)
TIMELINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("date", FIGURE),
    ("cohort", FIGURE),
    ("label", LABEL),
    ("n", FIGURE),
    ("ORR", FIGURE),
    ("95% CI", FIGURE),
    ("CR", FIGURE),
    ("DOR", FIGURE),
    ("PFS", FIGURE),
    ("OS", FIGURE),
    ("follow-up", FIGURE),
    ("ΔORR", FIGURE),
    ("Δn", FIGURE),
    ("Δfollow-up", FIGURE),
    ("article", LABEL),
)
LANDSCAPE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("product", LABEL),
    ("trial", FIGURE),
    ("date", FIGURE),
    ("n", FIGURE),
    ("ORR", FIGURE),
    ("95% CI", FIGURE),
    ("cohort", FIGURE),
)
CAVEAT = (
    "Readouts of different trials are not randomised against each other: populations, prior "
    "therapy, follow-up and response criteria differ."
)


def rate_text(percent: float | None, count: int | None) -> str:
    """"25 (38%)", "38%", "25" or ""."""
    if percent is None:
        return "" if count is None else str(count)
    return f"{fmt_number(percent)}%" if count is None else f"{count} ({fmt_number(percent)}%)"


def ci_text(ci: tuple[float, float] | None) -> str:
    """"26.2–50.7%" or ""."""
    return f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%" if ci else ""


def _signed(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return ""
    return f"{'+' if value > 0 else '±' if value == 0 else '−'}{fmt_number(abs(value))}{unit}"


def trial_row(trial: Trial) -> dict[str, str]:
    """One trial as a row of the trials list."""
    first, last = trial.dates
    latest = trial.latest
    return {
        "trial": trial.name if trial.named else "(no trial named)",
        "product": short_name(trial.product),
        "indication": trial.indication,
        "readouts": str(len(trial.readouts)),
        "first": first or "",
        "latest": last or "",
        "ORR": rate_text(latest.orr, latest.orr_count) if latest else "",
        "n": str(latest.n) if latest and latest.n is not None else "",
    }


def timeline_row(row: TimelineRow) -> dict[str, str]:
    """One readout as a row of a trial's timeline."""
    r = row.readout
    return {
        "date": r.date or "undated",
        "cohort": r.cohort_id,
        "label": r.label,
        "n": "" if r.n is None else str(r.n),
        "ORR": rate_text(r.orr, r.orr_count),
        "95% CI": ci_text(r.orr_ci) + ("*" if r.orr_ci else ""),
        "CR": rate_text(r.cr, r.cr_count),
        "DOR": r.duration_text("median_dor"),
        "PFS": r.duration_text("median_pfs"),
        "OS": r.duration_text("median_os"),
        "follow-up": r.duration_text("median_followup"),
        "ΔORR": _signed(row.delta_orr, " pt"),
        "Δn": _signed(row.delta_n),
        "Δfollow-up": _signed(row.delta_followup, " mo"),
        "article": r.title,
    }


def landscape_row(row: LandscapeRow) -> dict[str, str]:
    """One product's latest readout as a row of a landscape."""
    r = row.readout
    return {
        "product": short_name(r.product_name) or row.trial.name,
        "trial": row.trial.name if row.trial.named else "no trial named",
        "date": r.date or "undated",
        "n": "" if r.n is None else str(r.n),
        "ORR": rate_text(r.orr, r.orr_count),
        "95% CI": ci_text(r.orr_ci) + ("*" if r.orr_ci else ""),
        "cohort": r.cohort_id,
    }


# JSON ---------------------------------------------------------------------------------------------


def readout_json(readout: Readout) -> dict[str, Any]:
    """A readout as JSON: stated figures, and the derived interval with how it was had."""
    return {
        "cohort_id": readout.cohort_id,
        "article_id": readout.article_id,
        "title": readout.title,
        "date": readout.date,
        "label": readout.label,
        "indication": readout.indication,
        "product": readout.product,
        "product_canonical": readout.drug,
        "trial": readout.trial,
        "trial_id": readout.trial_id,
        "phase": readout.phase,
        "n": readout.n,
        "orr": {"count": readout.orr_count, "percent": readout.orr},
        "cr": {"count": readout.cr_count, "percent": readout.cr},
        **{
            key: {"months": readout.duration(key), "not_reached": key in readout.not_reached}
            for key in DURATIONS
        },
        "derived": {"orr_ci95": list(readout.orr_ci) if readout.orr_ci else None, "basis": readout.ci_basis or None},
    }


def trial_json(trial: Trial, with_timeline: bool = False) -> dict[str, Any]:
    """A trial as JSON; with its timeline (each readout and its change since the previous cut)."""
    first, last = trial.dates
    out: dict[str, Any] = {
        "key": trial.key,
        "name": trial.name,
        "named": trial.named,
        "names": list(trial.names),
        "nct_ids": list(trial.nct_ids),
        "product": trial.product or None,
        "indications": list(trial.indications),
        "readouts": len(trial.readouts),
        "articles": trial.articles,
        "first_date": first,
        "latest_date": last,
        "latest": readout_json(trial.latest) if trial.latest else None,
    }
    if with_timeline:
        out["timeline"] = [
            {
                **readout_json(row.readout),
                "previous": row.previous.cohort_id if row.previous else None,
                "change": {"orr": row.delta_orr, "n": row.delta_n, "median_followup": row.delta_followup},
            }
            for row in timeline(trial)
        ]
    return out


def landscape_json(rows: Sequence[LandscapeRow], indication: str) -> dict[str, Any]:
    """A landscape as JSON."""
    return {
        "indication": indication,
        "rows": [
            {**readout_json(row.readout), "trial_name": row.trial.name if row.trial.named else None}
            for row in rows
        ],
        "caveat": CAVEAT,
    }


# CSV and Markdown ---------------------------------------------------------------------------------


def trials_csv(trials: Sequence[Trial]) -> str:
    """The trials list as CSV."""
    return to_csv((trial_row(t) for t in trials), [c for c, _ in TRIAL_COLUMNS])


def trials_markdown(trials: Sequence[Trial]) -> str:
    """The trials list as Markdown."""
    columns = [c for c, _ in TRIAL_COLUMNS]
    rows = [[trial_row(t)[c] for c in columns] for t in trials]
    return "\n".join(["## Trials", "", md_table(columns, rows), ""])


def trial_csv(trial: Trial) -> str:
    """A trial's timeline as CSV."""
    return to_csv((timeline_row(r) for r in timeline(trial)), [c for c, _ in TIMELINE_COLUMNS])


def trial_markdown(trial: Trial) -> str:
    """A trial's timeline as Markdown, with its ORR chart."""
    columns = [c for c, _ in TIMELINE_COLUMNS]
    rows = timeline(trial)
    title = trial.name + (f" · {trial.product}" if trial.product and trial.named else "")
    lines = [f"## {md_escape(title)}", ""]
    if trial.nct_ids:
        lines += [f"Registry: {md_escape(', '.join(trial.nct_ids))}", ""]
    lines.append(md_table(columns, [[timeline_row(r)[c] for c in columns] for r in rows]))
    chart = forest_lines(forest_items((f"{r.readout.date or 'undated'} {r.readout.label}", r.readout) for r in rows))
    if chart:
        lines += ["", "ORR with its exact 95% interval, by readout:", "", "```", *chart, "```"]
    lines += ["", "\\* interval derived from stated figures (see the JSON `basis`), not stated.", ""]
    return "\n".join(lines)


def landscape_csv(rows: Sequence[LandscapeRow]) -> str:
    """A landscape as CSV."""
    return to_csv((landscape_row(r) for r in rows), [c for c, _ in LANDSCAPE_COLUMNS])


def landscape_markdown(rows: Sequence[LandscapeRow], indication: str) -> str:
    """A landscape as Markdown: the table, the forest plot and the caveat."""
    columns = [c for c, _ in LANDSCAPE_COLUMNS]
    lines = [f"## Landscape: {md_escape(indication)}", ""]
    lines.append(md_table(columns, [[landscape_row(r)[c] for c in columns] for r in rows]))
    chart = forest_lines(forest_items((landscape_row(r)["product"], r.readout) for r in rows))
    if chart:
        lines += ["", "```", *chart, "```"]
    lines += ["", f"_{md_escape(CAVEAT)}_", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class ForestItem:
    """One line of a forest plot: a label, the stated ORR, its interval and n."""

    label: str
    orr: float | None
    ci: tuple[float, float] | None = None
    n: int | None = None


def forest_items(rows: Iterable[tuple[str, Readout]]) -> list[ForestItem]:
    """Forest lines of readouts, each under its label."""
    return [ForestItem(label, r.orr, r.orr_ci, r.n) for label, r in rows]


def forest_lines(items: Sequence[ForestItem], width: int = 40, label_width: int = 28) -> list[str]:
    """A text forest plot of stated ORRs on a 0–100% axis: `├──●──┤` spans the interval, `●` the
    stated ORR; the figure and n beside it, never cut. Items without a stated ORR are left out."""
    shown = [item for item in items if item.orr is not None]
    if not shown:
        return []

    def column(percent: float) -> int:
        return min(width - 1, max(0, round(percent / 100 * (width - 1))))

    out = []
    for item in shown:
        assert item.orr is not None
        bar = [" "] * width
        if item.ci:
            lo, hi = column(item.ci[0]), column(item.ci[1])
            for i in range(lo, hi + 1):
                bar[i] = "─"
            bar[lo], bar[hi] = "├", "┤"
        bar[column(item.orr)] = "●"
        label = " ".join(item.label.replace("`", "'").split())  # article text: one line, never closing the fence
        name = label if len(label) <= label_width else label[: label_width - 1] + "…"
        n = f"n={item.n}" if item.n is not None else "n=?"
        out.append(f"{name:<{label_width}} |{''.join(bar)}| {fmt_number(item.orr)}% {n}")
    axis = f"{'':<{label_width}}  0%{'':<{width - 6}}100%"
    return [*out, axis]
