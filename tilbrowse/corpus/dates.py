"""Dates as articles write them, normalised to ISO `YYYY-MM-DD`."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)"
        r"(?P<time>[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?(?!\d)"
    ),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<day>[0-3]?\d)(?!\d)"),
]


class DateError(ValueError):
    """A date the text states but that cannot exist (e.g. February 30)."""


def find_date(text: str) -> tuple[str, str | None] | None:
    """Find the first date in `text`; return (ISO date, ISO timestamp or None).

    Raises DateError when the first date-shaped text is an impossible date.
    """
    best: re.Match[str] | None = None
    for pattern in _PATTERNS:
        found = pattern.search(text)
        if found and (best is None or found.start() < best.start()):
            best = found
    if best is None:
        return None
    parts = best.groupdict()
    year = int(parts["year"])
    month = MONTHS[parts["month"].lower().rstrip(".")] if parts.get("month") else int(parts["m"])
    day = int(parts["day"])
    try:
        date = dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"date {best.group(0)!r} is not a real date ({exc})") from None
    if parts.get("time"):
        try:
            moment = dt.datetime.fromisoformat(best.group(0).replace(" ", "T").replace("Z", "+00:00"))
        except ValueError:
            return date.isoformat(), None
        return date.isoformat(), moment.isoformat()
    return date.isoformat(), None


def normalise_date(value: object) -> tuple[str, str | None] | None:
    """Normalise a front-matter date value (date, datetime, string or number)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, str):
        return find_date(value)
    return None
