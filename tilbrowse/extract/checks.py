"""Derived values and consistency checks of a cohort (DESIGN §3).

Derived values are computed from stated ones and kept apart; a check that fails is a
visible warning, never a silent fix.
"""

from __future__ import annotations

from typing import Literal

from tilbrowse.extract.model import RATE_KEYS, Check, Derived, Outcome, Rate
from tilbrowse.stats.exact import ci95_percent

LABEL = {
    "orr": "ORR",
    "cr": "CR",
    "pr": "PR",
    "sd": "SD",
    "pd": "PD",
    "dcr": "DCR",
    "tumor_reduction": "tumor reduction",
}


def _level(ok: bool) -> Literal["ok", "warning"]:
    return "ok" if ok else "warning"


def _tolerance(percent: float) -> float:
    """How far count/n may sit from a stated percent and still be the same figure rounded."""
    text = f"{percent}"
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return 0.5 if decimals == 0 else 0.05 * 10 ** (1 - decimals) + 0.01


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def derive(outcomes: dict[str, Outcome], n: int | None) -> dict[str, Derived]:
    """ORR count from CR + PR, percents from count/n, exact 95% CIs for ORR and CR."""
    out: dict[str, Derived] = {}
    rates = {k: v for k, v in outcomes.items() if isinstance(v, Rate)}
    cr, pr, orr = rates.get("cr"), rates.get("pr"), rates.get("orr")
    orr_count = orr.count if orr is not None else None
    orr_basis = ""
    if orr_count is None and cr is not None and pr is not None and cr.count is not None and pr.count is not None:
        orr_count = cr.count + pr.count
        orr_basis = f"CR + PR = {cr.count} + {pr.count}"
    for key in RATE_KEYS:
        rate = rates.get(key)
        count = rate.count if rate is not None else None
        basis = ""
        if key == "orr" and orr_count is not None and (rate is None or rate.count is None):
            count, basis = orr_count, orr_basis
        denominator = n or (rate.denominator if rate is not None else None)
        derived_count = count if basis else None
        derived_percent = None
        if count is not None and denominator and (rate is None or rate.percent is None) and count <= denominator:
            derived_percent = round(100 * count / denominator, 1)
            basis = f"{basis}; " if basis else ""
            basis += f"{count}/{denominator}"
        ci = None
        if key in ("orr", "cr") and count is not None and denominator and 0 <= count <= denominator:
            ci = ci95_percent(count, denominator)
            if not basis:
                basis = f"{count}/{denominator}"
            elif f"{count}/{denominator}" not in basis:
                basis += f"; exact 95% CI from {count}/{denominator}"
        if derived_count is not None or derived_percent is not None or ci is not None:
            out[key] = Derived(count=derived_count, percent=derived_percent, ci95=ci, basis=basis)
    return out


def check(outcomes: dict[str, Outcome], n: int | None) -> tuple[Check, ...]:
    """Consistency checks of the stated figures; each is ok or a readable warning."""
    checks: list[Check] = []
    rates = {k: v for k, v in outcomes.items() if isinstance(v, Rate)}
    for key, rate in rates.items():
        name = LABEL[key]
        if rate.percent is not None and not 0 <= rate.percent <= 100:
            checks.append(Check("warning", f"{name} {_fmt(rate.percent)}% is not a percentage between 0 and 100"))
        denominator = rate.denominator or n
        if rate.count is not None and denominator is not None:
            if rate.count > denominator:
                checks.append(Check("warning", f"{name} count {rate.count} is larger than n = {denominator}"))
            elif rate.percent is not None and denominator:
                actual = 100 * rate.count / denominator
                if abs(actual - rate.percent) <= _tolerance(rate.percent):
                    checks.append(
                        Check(
                            "ok",
                            f"{name} {rate.count}/{denominator} = {actual:.1f}% matches the stated {_fmt(rate.percent)}%",
                        )
                    )
                else:
                    checks.append(
                        Check(
                            "warning",
                            f"{name} {rate.count}/{denominator} = {actual:.1f}% but the text states {_fmt(rate.percent)}%",
                        )
                    )
    cr, pr, orr = rates.get("cr"), rates.get("pr"), rates.get("orr")
    if cr is not None and pr is not None and orr is not None:
        if cr.count is not None and pr.count is not None and orr.count is not None:
            total = cr.count + pr.count
            level = _level(total == orr.count)
            verb = "matches" if level == "ok" else "does not match"
            checks.append(Check(level, f"CR + PR = {cr.count} + {pr.count} = {total} {verb} the ORR count {orr.count}"))
        elif cr.percent is not None and pr.percent is not None and orr.percent is not None:
            total_pct = cr.percent + pr.percent
            slack = _tolerance(cr.percent) + _tolerance(pr.percent) + _tolerance(orr.percent)
            level = _level(abs(total_pct - orr.percent) <= slack)
            verb = "matches" if level == "ok" else "does not match"
            checks.append(
                Check(
                    level,
                    f"CR + PR = {_fmt(cr.percent)}% + {_fmt(pr.percent)}% = {_fmt(total_pct)}% {verb} the ORR {_fmt(orr.percent)}%",
                )
            )
    sd, pd = rates.get("sd"), rates.get("pd")
    if orr is not None and sd is not None and pd is not None:
        if orr.count is not None and sd.count is not None and pd.count is not None and n:
            total_n = orr.count + sd.count + pd.count
            if total_n > n:
                checks.append(Check("warning", f"ORR + SD + PD = {total_n} patients, more than n = {n}"))
            else:
                checks.append(Check("ok", f"ORR + SD + PD = {total_n} of {n}; not evaluable: {n - total_n}"))
        elif orr.percent is not None and sd.percent is not None and pd.percent is not None:
            total_pct2 = orr.percent + sd.percent + pd.percent
            if total_pct2 > 100 + _tolerance(orr.percent) + _tolerance(sd.percent) + _tolerance(pd.percent):
                checks.append(Check("warning", f"ORR + SD + PD = {_fmt(total_pct2)}%, more than 100%"))
            else:
                checks.append(
                    Check(
                        "ok", f"ORR + SD + PD = {_fmt(total_pct2)}%; not evaluable: {_fmt(max(0.0, 100 - total_pct2))}%"
                    )
                )
    dcr = rates.get("dcr")
    if (
        dcr is not None
        and orr is not None
        and sd is not None
        and dcr.percent is not None
        and orr.percent is not None
        and sd.percent is not None
    ):
        total_dcr = orr.percent + sd.percent
        slack = _tolerance(dcr.percent) + _tolerance(orr.percent) + _tolerance(sd.percent)
        level = _level(abs(total_dcr - dcr.percent) <= slack)
        verb = "matches" if level == "ok" else "does not match"
        checks.append(Check(level, f"ORR + SD = {_fmt(total_dcr)}% {verb} the DCR {_fmt(dcr.percent)}%"))
    return tuple(checks)
