"""Turning a file's bytes into safe text: encodings, NUL bytes, control characters.

Decoding is tried in this order, and the first that works wins:

1. a UTF-16 or UTF-32 byte-order mark decodes as that encoding;
2. UTF-8 (a UTF-8 BOM is dropped, so it never hides front matter);
3. Windows-1252, with a warning (the usual encoding of text saved on Windows);
4. Latin-1, with a warning (decodes any byte, so nothing is ever lost).

Newlines are normalised to `\\n`. Control characters other than tab and newline
(including the ESC of terminal escape sequences and C1 controls) are replaced by
U+FFFD so that no article text can drive the terminal.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BINARY_SAMPLE = 8192
"""How many leading bytes are inspected to tell text from binary."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class BinaryFile(ValueError):
    """The bytes are not text."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the warnings worth telling the user."""

    text: str
    warnings: tuple[str, ...] = ()


def looks_binary(data: bytes) -> bool:
    """True when the leading bytes look like a binary file rather than text."""
    sample = data[:BINARY_SAMPLE]
    if not sample:
        return False
    if sample.count(0) > max(1, len(sample) // 100):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) // 10


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes to clean text; raise `BinaryFile` when it is not text."""
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            warnings.append(f"text is {encoding.upper()[:6]} (byte-order mark); decoded as such")
            return _clean(text, warnings)
    if looks_binary(data):
        raise BinaryFile("binary file (NUL or control bytes), not an article")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
        try:
            text = data.decode("cp1252")
            used = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            used = "Latin-1"
        warnings.append(f"not valid UTF-8 (first bad {where}); decoded as {used}")
    return _clean(text, warnings)


def _clean(text: str, warnings: list[str]) -> Decoded:
    """Normalise newlines and neutralise NULs and control characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"{nuls} NUL byte{'s' if nuls != 1 else ''} removed")
    if _CONTROL.search(text):
        count = len(_CONTROL.findall(text))
        text = _CONTROL.sub("\ufffd", text)
        warnings.append(f"{count} control character{'s' if count != 1 else ''} (e.g. terminal escapes) shown as \ufffd")
    return Decoded(text, tuple(warnings))


def clean_value(text: str) -> str:
    """Neutralise control characters in a value decoded from YAML (e.g. `"\\e[31m"`)."""
    return _CONTROL.sub("\ufffd", text) if _CONTROL.search(text) else text


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_name(name: str) -> str:
    """A file name fit to show and to use as an id: control characters and undecodable bytes
    (which the OS hands over as lone surrogates) become U+FFFD."""
    return _UNSAFE_NAME.sub("\ufffd", name)


def printable(text: str) -> str:
    """Text fit for a terminal line: control characters and undecodable bytes escaped
    (`\\n`, `\\x1b`, `\\udcff`), so a file name cannot break a line or drive the terminal."""
    return _UNSAFE_NAME.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
