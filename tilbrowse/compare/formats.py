"""The comparison as Markdown and CSV, with its notes, Fisher's test and the caveat."""

from __future__ import annotations

from tilbrowse.compare.comparison import Comparison, fisher_sentence, meta_rows
from tilbrowse.export.tables import fmt_number, md_escape, md_table, to_csv


def _header(comparison: Comparison) -> list[str]:
    return ["metric", *(f"{c.cohort.label} ({c.id})" for c in comparison.columns)]


def _meta_rows(comparison: Comparison) -> list[list[str]]:
    return [[name, *values] for name, values in meta_rows(comparison)]


def _figure_rows(comparison: Comparison) -> list[list[str]]:
    rows = []
    for row in comparison.rows:
        rows.append([row.label, *(("★ " if cell.best else "") + cell.text for cell in row.cells)])
    ci_row = ["ORR 95% CI (exact)"]
    for ci in comparison.orr_ci:
        ci_row.append(f"{fmt_number(ci[0])}–{fmt_number(ci[1])}%" if ci else "—")
    rows.append(ci_row)
    comp_row = ["response composition"]
    for comp in comparison.compositions:
        comp_row.append(" / ".join(f"{n} {fmt_number(v)}%" for n, v in comp.parts()) or "—")
    rows.append(comp_row)
    return rows


def comparison_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown: table, notes, Fisher's test and the caveat."""
    lines = ["## Cohort comparison", ""]
    lines.append(md_table(_header(comparison), _meta_rows(comparison) + _figure_rows(comparison)))
    lines += [
        "",
        "★ best value in the row. * derived (computed from stated counts), not stated. "
        "? possible: read, but not sure enough to state (never ranked or tested).",
    ]
    for col, basis in zip(comparison.columns, comparison.orr_basis, strict=True):
        if basis:
            lines.append(f"- {md_escape(col.cohort.label)}: ORR interval from {md_escape(basis)}")
    sentence = fisher_sentence(comparison)
    if sentence:
        lines += ["", md_escape(sentence)]
    lines += ["", f"_{md_escape(comparison.caveat)}_", ""]
    return "\n".join(lines)


def comparison_csv(comparison: Comparison) -> str:
    """The comparison as CSV: one row per metric, one column per cohort."""
    header = _header(comparison)
    rows = [dict(zip(header, r, strict=True)) for r in _meta_rows(comparison) + _figure_rows(comparison)]
    sentence = fisher_sentence(comparison)
    if sentence:
        rows.append({header[0]: "fisher_exact_orr", header[1]: sentence})
    rows.append({header[0]: "caveat", header[1]: comparison.caveat})
    return to_csv(rows, header)
