"""Reading a file that someone else wrote, with bounds checked before the bytes are read.

Every reader of plancheck (plan files, workbooks, CSV, catalogues, settings) opens its
input through :func:`read_regular`: only a regular file is read (a FIFO named
``plan.yaml`` would block for ever, ``/dev/zero`` would fill the memory), and its size is
checked against the reader's limit before reading, and again while reading, so a file
that grows while it is read cannot exceed the limit either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileError(ValueError):
    """A file that was not read; the message says why, in plain words (without the path)."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes; else :class:`FileError`."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO with no writer returns at once
    except FileNotFoundError as exc:
        raise FileError("it does not exist") from exc
    except PermissionError as exc:
        raise FileError("plancheck is not allowed to read it (check the file's permissions)") from exc
    except OSError as exc:  # a symlink loop, a name too long, ...
        raise FileError(f"it could not be opened ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            raise FileError(f"it is {kind}, not a file; plancheck reads only regular files")
        if info.st_size > limit:
            raise FileError(f"it is {_size(info.st_size)}; plancheck reads such files up to {_size(limit)}")
        chunks = []
        got = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if got > limit:
                raise FileError(f"it grew beyond {_size(limit)} while it was read")
        return b"".join(chunks)
    except OSError as exc:
        raise FileError(f"it could not be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:,.0f} MB"
    if n >= 1_000:
        return f"{n / 1e3:,.0f} kB"
    return f"{n:,} bytes"
