"""Exports of extracted figures: CSV (one row per cohort) and Markdown.

Untrusted article text is escaped for each format: Markdown table cells cannot break
the table or inject links, and CSV text cells that a spreadsheet would run as a
formula (`=`, `+`, `-`, `@`) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from tilbrowse.corpus.models import Article
from tilbrowse.extract.model import (
    DURATION_KEYS,
    OUTCOME_KEYS,
    OUTCOME_LABELS,
    RATE_KEYS,
    ArticleFacts,
    Candidate,
    Cohort,
    Derived,
    Duration,
    Extraction,
    OtherFigure,
    Outcome,
    Rate,
)

Analysed = tuple[Article, Extraction]


def fmt_number(value: float) -> str:
    """A number as stated: `38`, `36.4`, `3.25`."""
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"


def format_outcome(outcome: Outcome) -> str:
    """A stated figure in words: `23 (35%)`, `38%`, `not reached`, `1.4 mo (6 weeks)`."""
    if isinstance(outcome, Rate):
        parts = []
        if outcome.count is not None:
            count = str(outcome.count)
            if outcome.denominator:
                count += f"/{outcome.denominator}"
            parts.append(count)
        if outcome.percent is not None:
            pct = f"{fmt_number(outcome.percent)}%"
            parts.append(f"({pct})" if parts else pct)
        text = " ".join(parts)
        if outcome.approximate:
            text = "~" + text
        return text
    if outcome.not_reached:
        return "not reached"
    if outcome.months is None:
        return ""
    text = f"{fmt_number(outcome.months)} mo"
    if outcome.unit and outcome.value is not None:
        text += f" ({fmt_number(outcome.value)} {outcome.unit})"
    if outcome.approximate:
        text = "~" + text
    return text


def format_derived(derived: Derived | None) -> str:
    """A derived value in words: `25 (37.9%), 95% CI 26.2–50.7`."""
    if derived is None:
        return ""
    parts = []
    if derived.count is not None:
        parts.append(str(derived.count) + (" (CR+PR)" if derived.basis.startswith("CR + PR") else ""))
    if derived.percent is not None:
        parts.append(f"({fmt_number(derived.percent)}%)" if parts else f"{fmt_number(derived.percent)}%")
    text = " ".join(parts)
    if derived.ci95 is not None:
        ci = f"CI {fmt_number(derived.ci95[0])}–{fmt_number(derived.ci95[1])}%"
        text = f"{text}, {ci}" if text else ci
    return text


CSV_COLUMNS = (
    ["article_id", "cohort_id", "title", "date", "label", "indication", "product", "trial_id", "phase", "n"]
    + ["median_age"]
    + [f"{k}_{part}" for k in RATE_KEYS for part in ("count", "percent")]
    + [f"{k}_{part}" for k in DURATION_KEYS for part in ("months", "not_reached")]
    + ["orr_count_derived", "orr_ci95_low", "orr_ci95_high", "cr_ci95_low", "cr_ci95_high", "warnings"]
)
"""Columns of the extract CSV: ids, labels, one column per figure part, derived values last."""


def cohort_row(article: Article, cohort: Cohort) -> dict[str, Any]:
    """One CSV row for a cohort (stated parts only in the figure columns)."""
    row: dict[str, Any] = {
        "article_id": article.id,
        "cohort_id": cohort.id,
        "title": article.title,
        "date": article.date or "",
        "label": cohort.label,
        "indication": cohort.indication or "",
        "product": cohort.product or "",
        "trial_id": cohort.trial_id or "",
        "phase": cohort.phase or "",
        "n": cohort.n if cohort.n is not None else "",
        "median_age": fmt_number(cohort.median_age) if cohort.median_age is not None else "",
    }
    for key in OUTCOME_KEYS:
        value = cohort.outcomes.get(key)
        if key in RATE_KEYS:
            rate = value if isinstance(value, Rate) else None
            row[f"{key}_count"] = rate.count if rate and rate.count is not None else ""
            row[f"{key}_percent"] = fmt_number(rate.percent) if rate and rate.percent is not None else ""
        else:
            dur = value if isinstance(value, Duration) else None
            row[f"{key}_months"] = fmt_number(dur.months) if dur and dur.months is not None else ""
            row[f"{key}_not_reached"] = ("true" if dur.not_reached else "false") if dur else ""
    orr, cr = cohort.derived.get("orr"), cohort.derived.get("cr")
    row["orr_count_derived"] = orr.count if orr and orr.count is not None else ""
    row["orr_ci95_low"], row["orr_ci95_high"] = orr.ci95 if orr and orr.ci95 else ("", "")
    row["cr_ci95_low"], row["cr_ci95_high"] = cr.ci95 if cr and cr.ci95 else ("", "")
    row["warnings"] = "; ".join(c.message for c in cohort.checks if c.level == "warning")
    return row


def _csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV text (RFC 4180 quoting, formula-safe text cells)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    return out.getvalue()


def extract_csv(analysed: Sequence[Analysed]) -> str:
    """`tilbrowse extract --format csv`: one row per cohort."""
    return to_csv((cohort_row(a, c) for a, e in analysed for c in e.cohorts), CSV_COLUMNS)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(text: str) -> str:
    """Text made inert in Markdown (and safe inside a table cell)."""
    text = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; cells are escaped."""
    lines = ["| " + " | ".join(md_escape(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def cohort_markdown(cohort: Cohort) -> str:
    """One cohort as a Markdown section: metadata line, figures table, checks."""
    meta = [
        f"{name} {value}"
        for name, value in (
            ("indication:", cohort.indication),
            ("product:", cohort.product),
            ("trial:", cohort.trial_id),
            ("phase:", cohort.phase),
            ("n =", cohort.n),
            ("median age:", fmt_number(cohort.median_age) if cohort.median_age is not None else None),
        )
        if value not in (None, "")
    ]
    parts = [f"### {md_escape(cohort.label)} ({md_escape(cohort.id)})", "", md_escape(" · ".join(meta)) or "—", ""]
    rows = []
    for key in OUTCOME_KEYS:
        outcome = cohort.outcomes.get(key)
        derived = cohort.derived.get(key)
        if outcome is None and derived is None:
            continue
        rows.append([OUTCOME_LABELS[key], format_outcome(outcome) if outcome else "", format_derived(derived)])
    if rows:
        parts.append(md_table(["figure", "stated", "derived"], rows))
    if cohort.other:
        others = []
        for name, other in cohort.other.items():
            others.append(f"{name}: {other_value(other)}".strip(": "))
        parts += ["", "Other figures: " + md_escape("; ".join(others))]
    warnings = [c.message for c in cohort.checks if c.level == "warning"]
    if warnings:
        parts += ["", *[f"- ⚠ {md_escape(w)}" for w in warnings]]
    possible = possible_lines(cohort)
    if possible:
        parts += ["", "Possible figures (not stated):", "", *[f"- {md_escape(line)}" for line in possible]]
    return "\n".join(parts)


def facts_sentence(facts: ArticleFacts) -> str:
    """What an article without figures still states: products; indications; phases."""
    return "; ".join(
        x
        for x in (
            ", ".join(facts.products),
            ", ".join(facts.indications),
            ", ".join(f"phase {p}" for p in facts.phases),
        )
        if x
    )


def candidate_value(candidate: Candidate) -> str:
    """A possible figure as tables show it: `100%`, `46`, `3.1 mo`, `not reached`."""
    if candidate.part == "not_reached":
        return "not reached"
    value = fmt_number(float(candidate.value))
    return {"percent": f"{value}%", "months": f"{value} mo"}.get(candidate.part, value)


def candidate_label(candidate: Candidate) -> str:
    """What a possible figure would be: `Median follow-up`, `median age`, `n`."""
    if candidate.key == "median_age":
        return "median age"
    return OUTCOME_LABELS.get(candidate.key, candidate.key.removeprefix("other:"))


def possible_lines(cohort: Cohort) -> list[str]:
    """Each possible figure of a cohort on a line of its own, apart from the stated ones:
    `? Median follow-up 8.8 mo — not sure: scored 0.77 of the 0.96 needed: an approximate value`."""
    return [f"? {candidate_label(c)} {candidate_value(c)} — {c.reason}" for c in cohort.candidates]


def other_value(other: OtherFigure) -> str:
    """An other figure's value in words: `60%`, `19.8 months`, `22`."""
    if other.percent is not None:
        return f"{fmt_number(other.percent)}%"
    if other.value is not None:
        return f"{fmt_number(other.value)} {other.unit or ''}".strip()
    if other.count is not None:
        return str(other.count)
    return ""


def extract_markdown(analysed: Sequence[Analysed]) -> str:
    """`tilbrowse extract --format markdown`: per article, one table per cohort."""
    out: list[str] = []
    for article, extraction in analysed:
        out.append(f"## {md_escape(article.title or article.id)}")
        meta = " · ".join(x for x in (article.date, article.source_url, ", ".join(article.trial_ids)) if x)
        out += ["", f"`{article.id}`" + (f" · {md_escape(meta)}" if meta else ""), ""]
        if not extraction.cohorts:
            stated = facts_sentence(extraction.facts)
            out += [
                "No outcome figures reported." + (f" The article states: {md_escape(stated)}." if stated else ""),
                "",
            ]
        for cohort in extraction.cohorts:
            out += [cohort_markdown(cohort), ""]
    return "\n".join(out).rstrip() + "\n"
