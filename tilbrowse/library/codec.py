"""Frozen dataclasses as JSON-ready data by field name, and back.

The cache stores analysed articles with this codec. Encoders and decoders are compiled once
per class from its type hints, so adding a field to a model (`Cohort`, `Entry`, …) is the
only edit: the field is written under its name and read back by name, and a row written
before the field existed decodes with the field's default. Unions of dataclasses (`Rate |
Duration`) are written as `[class name, data]`; nothing else carries a type tag.

A cache row's parts (summary, record, report) are packed into one deflate stream against a
preset dictionary (`cache_dictionary.json`: the shape of a cached article's JSON, its field names
and short values), so a row stores its content and little else: the report repeats sentences of
the record's body, the summary the body's words, and one stream finds them. A part is read by
decompressing only up to its end (the summary, first, costs only itself).
"""

from __future__ import annotations

import dataclasses
import json
import struct
import types
import typing
import zlib
from collections.abc import Callable, Hashable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")
Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _optional(inner: Convert) -> Convert:
    if inner is _same:
        return _same
    return lambda value: None if value is None else inner(value)


def _compile(tp: Any, encoding: bool) -> Convert:
    """A converter for values annotated `tp` (to data when `encoding`, else from data)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return _encoder(tp) if encoding else _decoder(tp)  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if len(members) == 1:
            return _optional(_compile(members[0], encoding))
        classes = [a for a in members if dataclasses.is_dataclass(a)]
        if not classes:
            return _same  # float | int and the like
        return _optional(_tagged(classes, encoding))
    if origin in (tuple, list):
        container = tuple if origin is tuple else list
        if origin is tuple and args and args[-1] is not Ellipsis:
            parts = [_compile(a, encoding) for a in args]
            if encoding:
                return lambda value: [p(v) for p, v in zip(parts, value, strict=True)]
            return lambda value: tuple(p(v) for p, v in zip(parts, value, strict=True))
        item = _compile(args[0], encoding) if args else _same
        if encoding:
            return list if item is _same else (lambda value: [item(v) for v in value])
        return container if item is _same else (lambda value: container(item(v) for v in value))
    if origin is dict:
        item = _compile(args[1], encoding) if len(args) == 2 else _same
        return dict if item is _same else (lambda value: {k: item(v) for k, v in value.items()})
    return _same  # str, int, float, bool, None, Literal[…], Any


def _tagged(classes: list[Any], encoding: bool) -> Convert:
    if encoding:
        encoders = {cls: _encoder(cls) for cls in classes}
        return lambda value: [type(value).__name__, encoders[type(value)](value)]
    decoders = {cls.__name__: _decoder(cls) for cls in classes}
    return lambda value: decoders[value[0]](value[1])


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init]


@cache
def _encoder(cls: Any) -> Convert:
    plan: list[tuple[str, Convert]] = []

    def encode(value: Any) -> dict[str, Any]:
        return {name: convert(getattr(value, name)) for name, convert in plan}

    # Filled after `encode` exists, so a class that refers to itself compiles.
    plan.extend((name, _compile(tp, True)) for name, tp in _fields(cls))
    return encode


@cache
def _decoder(cls: Any) -> Convert:
    plan: dict[str, Convert] = {}

    def decode(data: dict[str, Any]) -> Any:
        return cls(**{name: plan[name](value) for name, value in data.items() if name in plan})

    plan.update((name, _compile(tp, False)) for name, tp in _fields(cls))
    return decode


def to_data(value: Any) -> dict[str, Any]:
    """A dataclass instance as JSON-ready data, by field name."""
    encode: Convert = _encoder(cast(Hashable, type(value)))
    return encode(value)  # type: ignore[no-any-return]


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """The instance of `cls` that `to_data` wrote; missing fields take their defaults.

    Raises TypeError, KeyError or ValueError on data that does not fit `cls`."""
    decode: Convert = _decoder(cast(Hashable, cls))
    return decode(data)  # type: ignore[no-any-return]


DICTIONARY_PATH = Path(__file__).with_name("cache_dictionary.json")
"""Skeletons of cached articles' parts (made by `python -m tilbrowse.bench.cachedict`)."""
LEVEL = 9


@cache
def dictionary() -> bytes:
    """The preset dictionary every row is compressed against (its last 32 KB count)."""
    skeletons = json.loads(DICTIONARY_PATH.read_text("utf-8"))
    return "".join(json.dumps(s, separators=(",", ":"), ensure_ascii=False) for s in skeletons).encode()[-32768:]


def dumps(data: Any) -> bytes:
    """JSON bytes (never pickle: a cache file is not trusted code)."""
    # surrogatepass: a file name with undecodable bytes is kept exactly (lone surrogates).
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")


def loads(blob: bytes) -> Any:
    """The inverse of `dumps`."""
    return json.loads(blob.decode("utf-8", "surrogatepass"))


def pack_parts(parts: Sequence[bytes]) -> bytes:
    """Parts as one compressed blob: their count and lengths, then one deflate stream."""
    head = struct.pack(f"<B{len(parts)}I", len(parts), *(len(p) for p in parts))
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, zlib.MAX_WBITS, 9, zlib.Z_DEFAULT_STRATEGY, dictionary())
    return head + packer.compress(b"".join(parts)) + packer.flush()


def unpack_part(blob: bytes, k: int) -> bytes:
    """Part `k` of a `pack_parts` blob, decompressing only up to its end; raises ValueError or
    zlib.error on a blob that is not one."""
    if not blob:
        raise ValueError("empty blob")
    count = blob[0]
    if not 0 <= k < count:
        raise ValueError(f"part {k} of {count}")
    lengths = struct.unpack_from(f"<{count}I", blob, 1)
    start = sum(lengths[:k])
    end = start + lengths[k]
    unpacker = zlib.decompressobj(zlib.MAX_WBITS, dictionary())
    out = unpacker.decompress(blob[1 + 4 * count :], end)
    if k == count - 1 and not unpacker.eof:
        out += unpacker.flush()  # the last part: read to the end, so the checksum is checked
        if not unpacker.eof or len(out) != end:
            raise ValueError("truncated or overlong blob")
    if len(out) < end:
        raise ValueError("truncated blob")
    return out[start:end]
