"""Writing reports and converted frameworks safely.

- Only the path named is written: never through a symbolic link (the link is refused,
  not followed), never onto a file the run read (plan files, the settings file, a
  catalogue) nor onto another name for one of them (a hard link).
- Output goes to a temporary file beside the destination, then is renamed over it, so a
  reader never sees half a file and a failed write leaves the old file as it was.
- The temporary file is removed if the write fails or is interrupted (Ctrl+C, SIGTERM).
- Whether an existing file may be replaced is the caller's choice (``force``): reports
  are build artefacts and are replaced; converted plans and templates are not, unless asked.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from pathlib import Path


class OutputError(Exception):
    pass


def files_read(run) -> list[str]:
    """The settings files and catalogues a run (or each framework of a several-area run) read."""
    runs = getattr(run, "results", None) or [run]
    return [name for r in runs for name in r.settings.files_read()]


def check_destination(dest: Path, *, inputs=(), protect=(), force: bool = False) -> None:
    """Raise :class:`OutputError` unless ``dest`` may be written; writes nothing."""
    dest = Path(dest)
    if os.path.islink(dest):
        raise OutputError(f"{dest} is a symbolic link; plancheck never writes through one "
                          "(remove the link or name the real file)")
    try:
        info = os.stat(dest)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"could not look at {dest} ({exc.strerror or exc})") from exc
    target = Path(os.path.realpath(dest))
    for name, what in [(n, "one of the plan files being read") for n in inputs] + \
                      [(n, "a file this run read (settings or catalogue)") for n in protect if n]:
        if _same(Path(name), target, info):
            raise OutputError(f"{dest} is {what}; plancheck never writes over its input")
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{dest} is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{dest} is not a regular file; plancheck writes only files")
        if not force:
            raise OutputError(f"{dest} already exists; add --force to replace it")
    if not target.parent.is_dir():
        raise OutputError(f"folder {dest.parent} does not exist")


def _same(name: Path, target: Path, info) -> bool:
    try:
        if Path(os.path.realpath(name)) == target:
            return True
        if info is None:
            return False
        other = os.stat(name)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino)


def write_output(dest: Path, content: str | bytes, *, inputs=(), protect=(), force: bool = False) -> None:
    """Write ``content`` to ``dest`` atomically, after :func:`check_destination`."""
    dest = Path(dest)
    check_destination(dest, inputs=inputs, protect=protect, force=force)
    data = content.encode("utf-8") if isinstance(content, str) else content
    parent = dest.absolute().parent
    tmp = None
    try:
        with _interruptible():
            fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, _default_mode())  # mkstemp makes 0600; a report is meant to be shared
            if os.path.islink(dest):  # appeared since the check: still never written through
                raise OutputError(f"{dest} is a symbolic link; plancheck never writes through one")
            os.replace(tmp, dest)  # replaces the name itself, never a file a link points to
            tmp = None
    except OSError as exc:
        raise OutputError(f"could not write {dest} ({exc.strerror or exc})") from exc
    finally:
        if tmp is not None:  # failed or interrupted (KeyboardInterrupt, SystemExit from SIGTERM)
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def append_output(dest: Path, text: str, *, inputs=(), protect=()) -> None:
    """Append ``text`` to ``dest`` (e.g. GitHub's step summary): only a regular file or a new
    one, never through a symbolic link, never onto a file the run read."""
    dest = Path(dest)
    check_destination(dest, inputs=inputs, protect=protect, force=True)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(dest, flags, 0o666)
    except OSError as exc:
        raise OutputError(f"could not open {dest} ({exc.strerror or exc})") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"{dest} is not a regular file")
        os.write(fd, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(f"could not write {dest} ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


@contextlib.contextmanager
def _interruptible():
    """While writing, SIGTERM (and SIGHUP) raise SystemExit like Ctrl+C raises
    KeyboardInterrupt, so the temporary file is removed instead of left behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def _stop(signum, frame):
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            current = signal.getsignal(sig)
            if current in (signal.SIG_DFL, None):
                previous[sig] = signal.signal(sig, _stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, handler)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
