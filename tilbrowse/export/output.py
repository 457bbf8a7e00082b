"""Writing an output file safely: never over an existing file unless forced, always atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written where asked; the message says why."""


def inside(path: Path, folder: Path) -> bool:
    """True when `path` lies inside `folder` (both resolved)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def write_text_file(
    destination: str | os.PathLike[str],
    text: str,
    *,
    force: bool = False,
    protected: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write `text` to `destination` atomically; refuse to overwrite unless `force`.

    `protected` are corpus folders: tilbrowse never writes inside them, so an export
    can never turn up later as an article, nor touch one.
    """
    dest = Path(destination)
    for folder in protected:
        folder_path = Path(folder)
        if folder_path.is_dir() and inside(dest, folder_path):
            raise OutputError(f"{dest}: inside the corpus folder {folder}; tilbrowse never writes there")
        if folder_path.is_file() and dest.resolve() == folder_path.resolve():
            raise OutputError(f"{dest}: is one of the articles being read; not overwriting it")
    if dest.is_dir():
        raise OutputError(f"{dest}: is a folder")
    if dest.exists() and not force:
        raise OutputError(f"{dest}: already exists (use --force to overwrite)")
    parent = dest.parent if str(dest.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{dest}: folder {parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"{dest}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, dest)
        else:
            # link() fails if the destination appeared meanwhile: no silent overwrite.
            try:
                os.link(tmp, dest)
            except FileExistsError:
                raise OutputError(f"{dest}: already exists (use --force to overwrite)") from None
            except OSError:
                if dest.exists():
                    raise OutputError(f"{dest}: already exists (use --force to overwrite)") from None
                os.replace(tmp, dest)
    except OSError as exc:
        raise OutputError(f"{dest}: cannot write ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return dest
