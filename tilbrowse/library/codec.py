"""Frozen dataclasses as JSON-ready data by field name, and back.

The cache stores analysed articles with this codec. Encoders and decoders are compiled once
per class from its type hints, so adding a field to a model (`Cohort`, `Entry`, …) is the
only edit: the field is written under its name and read back by name, and a row written
before the field existed decodes with the field's default. Unions of dataclasses (`Rate |
Duration`) are written as `[class name, data]`; nothing else carries a type tag.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
import zlib
from collections.abc import Callable, Hashable
from functools import cache
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


def pack(data: Any) -> bytes:
    """Compressed JSON (never pickle: a cache file is not trusted code)."""
    # surrogatepass: a file name with undecodable bytes is kept exactly (lone surrogates).
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def unpack(blob: bytes) -> Any:
    """The inverse of `pack`."""
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
