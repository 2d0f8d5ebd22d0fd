"""Writing reports and converted frameworks safely.

Output goes to a temporary file beside the destination and is then renamed over it, so
a reader never sees half a file; an input file is never the destination; an existing
file is replaced only when the caller says so.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    pass


def write_output(dest: Path, content: str | bytes, *, inputs: list[str] = (), force: bool = False) -> None:
    dest = Path(dest)
    target = dest.resolve()
    for name in inputs:
        if Path(name).resolve() == target:
            raise OutputError(f"{dest} is one of the plan files being checked; plancheck never writes over its input")
    if dest.exists() and not force:
        raise OutputError(f"{dest} already exists; add --force to replace it")
    if dest.exists() and dest.is_dir():
        raise OutputError(f"{dest} is a folder")
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"folder {dest.parent} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _default_mode())  # mkstemp makes 0600; a report is meant to be shared
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"could not write {dest} ({exc.strerror or exc})") from exc


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
