"""What counts as a source URL: the one decision for every place an article states one.

Articles come from folders the user did not write, and a source URL is the one piece of
article text that tilbrowse hands to another program (the web browser, on `o`). So a value
becomes an article's source URL only through `check_url` — the plain article's trailer
(`<https://…>`) and bare URL line, the front-matter keys `source_url`/`url`/`link`/
`canonical_url`, and every `sources` entry. Entities carry only a name and a type (any other
key of theirs is dropped), so they never carry a URL. Anything refused stays plain text
(shown and exported as the file wrote it) and is never opened.

An accepted address is:

- `http` or `https` (case as written), parsed with `urllib.parse`, with a host — never
  `file:`, `javascript:`, `data:`, `smb:`, app schemes, or a schemeless `www.…` (we do not
  guess a scheme for the user);
- free of whitespace, control and format characters (a newline could smuggle shell text or
  a second line into whatever receives it, a bidi override could disguise it), of U+FFFD
  (where the decoder neutralised a control character) and of backslashes (browsers read `\\`
  as `/` where `urllib` does not, so the host we check could differ from the host opened).
  The raw value is checked: only surrounding whitespace is stripped first;
- at most `MAX_URL_LENGTH` characters;
- without userinfo (`https://bank.com@evil.example/` goes to evil.example but reads as
  bank.com). Refused rather than cleaned: an article's source never needs a user name or a
  password, and any rewriting would show the user an address the file did not state;
- with a valid host: DNS labels (letters, digits, `-`, `_`), a dotted-quad IPv4 address (a
  host ending in a numeric label is read by browsers as an IP address, `0x7f.1` included,
  so only the canonical form is accepted) or a bracketed IPv6 address; a port, if any,
  from 1 to 65535.

A non-ASCII (IDN) host is returned in its punycode form (`https://xn--pple-43d.com/` for a
Cyrillic "аpple.com"), through Python's `idna` codec, so a homograph never passes as a
familiar name; the rest of the address is kept as written.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048
"""Longest accepted address. 2,048 is the long-standing practical limit (sitemaps, old
browsers, many servers and CDNs refuse longer request lines); a real article's source is a
few hundred characters at most, so anything longer is junk or a payload, and a bound keeps
the detail pane and notifications readable."""

WEB_SCHEMES = ("http", "https")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$")
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_PORT = re.compile(r"^[0-9]{1,5}$")


@dataclass(frozen=True)
class UrlCheck:
    """The verdict on one value: the address to show and open, or why it is refused."""

    url: str | None
    """The accepted address (IDN host in punycode), or None when refused."""
    reason: str = ""
    """Why it was refused, in words that follow "is not a web address: " (empty when accepted)."""


def web_url(text: object) -> str | None:
    """The web address `text` states, fit to show and to open; None when it is not one."""
    return check_url(text).url


def check_url(text: object) -> UrlCheck:
    """Decide whether `text` is a web address tilbrowse may show as a link and open."""
    if not isinstance(text, str):
        kind = _kind(text)
        return UrlCheck(None, "it is empty" if kind == "empty" else f"it is {kind}, not text")
    raw = text.strip()
    if not raw:
        return UrlCheck(None, "it is empty")
    if len(raw) > MAX_URL_LENGTH:
        return UrlCheck(None, f"it is {len(raw):,} characters long, over {MAX_URL_LENGTH:,}")
    bad = _bad_character(raw)
    if bad:
        return UrlCheck(None, bad)
    scheme = _SCHEME.match(raw)
    if not scheme:
        return UrlCheck(None, "it has no http:// or https:// scheme")
    if scheme.group(1).lower() not in WEB_SCHEMES:
        return UrlCheck(None, f"its scheme is '{scheme.group(1)}:', not http or https")
    try:
        parts = urlsplit(raw)
    except ValueError as exc:
        return UrlCheck(None, f"it does not parse: {exc}")
    if not raw[len(scheme.group(0)) :].startswith("//") or not parts.netloc:
        return UrlCheck(None, "it has no host")
    if "@" in parts.netloc:
        return UrlCheck(None, "it has a user name or password before '@', which hides the real host")
    host, port = _host_and_port(parts.netloc)
    if port is not None and not (_PORT.match(port) and 1 <= int(port) <= 65535):
        return UrlCheck(None, f"its port '{port}' is not a number from 1 to 65535")
    shown, problem = _checked_host(host)
    if problem:
        return UrlCheck(None, problem)
    if shown == host:
        return UrlCheck(raw)
    start = len(scheme.group(0)) + 2
    rest = raw[start + len(parts.netloc) :]
    return UrlCheck(raw[:start] + shown + ("" if port is None else f":{port}") + rest)


def shown_value(value: object, limit: int = 80) -> str:
    """A refused value quoted for a message: invisible and control characters escaped
    (`\\n`, `\\x1b`, `\\u202e`), at most `limit` characters, so a warning cannot drive the
    terminal, break a line or disguise itself."""
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    out = "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if ch != " " and (unicodedata.category(ch)[0] in "CZ" or ch == "\\")
        else ch
        for ch in text[: limit + 1]
    )
    return "'" + (out[:limit] + "…" if len(out) > limit else out) + "'"


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _bad_character(raw: str) -> str:
    """Why a character of the address disqualifies it, or ''."""
    for i, ch in enumerate(raw):
        if ch in "\n\r\v\f\x85\u2028\u2029":
            return f"it contains a line break at character {i + 1}"
        if ch == "\\":
            return f"it contains a backslash at character {i + 1}"
        if ch == "\ufffd":
            return f"it contains U+FFFD (a control character or undecodable byte) at character {i + 1}"
        category = unicodedata.category(ch)
        if category[0] == "Z" or ch.isspace():
            return f"it contains whitespace at character {i + 1}"
        if category[0] == "C":
            return f"it contains a control or invisible character U+{ord(ch):04X} at character {i + 1}"
    return ""


def _host_and_port(netloc: str) -> tuple[str, str | None]:
    """Split `host[:port]` (IPv6 in brackets) without `urllib`'s lowercasing."""
    if netloc.startswith("["):
        end = netloc.find("]")
        if end < 0:
            return netloc, None
        host, after = netloc[: end + 1], netloc[end + 1 :]
        return host, (after[1:] if after.startswith(":") else None if not after else after)
    host, colon, port = netloc.partition(":")
    return host, port if colon else None


def _checked_host(host: str) -> tuple[str, str]:
    """The host as it will be shown (punycode for IDN), and '' — or ('', why it is refused)."""
    if not host:
        return "", "it has no host"
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1] if host.endswith("]") else "not an address")
        except ValueError:
            return "", f"its host '{host}' is not a valid IPv6 address"
        return host, ""
    shown = host
    if not host.isascii():
        try:
            shown = host.encode("idna").decode("ascii")
        except UnicodeError:
            return "", "its host is not a valid international domain name"
    name = shown[:-1] if shown.endswith(".") else shown
    labels = name.split(".")
    if len(name) > 253 or not all(_LABEL.match(label) for label in labels):
        return "", f"its host '{shown}' is not a valid host name"
    if _NUMERIC_LABEL.match(labels[-1]):
        try:
            ipaddress.IPv4Address(name)
        except ValueError:
            return "", f"its host '{shown}' is neither a host name nor a dotted IPv4 address"
    return shown, ""
