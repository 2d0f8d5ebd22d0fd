"""Finding the frameworks under the paths given (contract section 1a).

Every folder holding a ``plancheck.yaml`` is one framework, found at any depth below the
folders named. Plan files named directly, and the plan files of a named folder with no
``plancheck.yaml``, form one framework together, as in v1. Nothing here reads a plan;
it only decides which paths make up which framework.

The walk is bounded (depth and number of folders), skips hidden folders, and never
enters a folder twice, so a symbolic link pointing back up the tree cannot loop.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import input_codes as codes
from ..findings import Hit
from ..model import Source

SETTINGS_NAMES = ("plancheck.yaml", "plancheck.yml")
PLAN_SUFFIXES = (".yaml", ".yml", ".xlsx")
CSV_NAMES = ("plans.csv", "objectives.csv", "measures.csv", "targets.csv")
MAX_DEPTH = 16  # folders below a folder named
MAX_FOLDERS = 200_000  # folders visited in one run


@dataclass
class FrameworkSpec:
    """One framework to check: the paths to read, and where its settings come from."""

    paths: list[str]
    settings_file: Path | None = None  # its own plancheck.yaml (None: the v1 rule)
    name: str = ""  # the name when the settings give none (the folder's name)
    loose: bool = False  # plan files outside any folder with a plancheck.yaml


@dataclass
class Discovery:
    frameworks: list[FrameworkSpec]
    notices: list[Hit] = field(default_factory=list)  # folders and files in no framework


def settings_in(folder: Path) -> Path | None:
    for name in SETTINGS_NAMES:
        candidate = folder / name
        if os.path.lexists(candidate) and not candidate.is_dir():  # a FIFO or broken link is refused when read
            return candidate
    return None


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")


def _is_plan_file(entry: os.DirEntry) -> bool:
    name = entry.name.lower()
    if name in SETTINGS_NAMES:
        return False
    return name.endswith(PLAN_SUFFIXES) or name in CSV_NAMES


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = str(path)
    return Path(rel if not rel.startswith("..") else path).as_posix()


class _Walker:
    """Walks folders once each, in name order, within the bounds."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.visited = 0
        self.notices: list[Hit] = []
        self.cut = False
        self.holds: dict[str, bool] = {}  # real path -> holds a framework at some depth
        self.reported: set[str] = set()  # real paths of folders already reported

    def frameworks_below(self, folder: Path, depth: int = 0) -> list[Path]:
        """Every folder at or below ``folder`` holding a plancheck.yaml, in path order."""
        real = os.path.realpath(folder)
        if real in self.seen:
            return []
        self.seen.add(real)
        self.visited += 1
        if self.visited > MAX_FOLDERS:
            if not self.cut:
                self.cut = True
                self.notices.append(Hit(
                    f"plancheck stopped looking for frameworks after {MAX_FOLDERS:,} folders; "
                    f"{_display(folder)} and the folders after it were not read (name them to check them)",
                    Source(_display(folder)), code=codes.SKIPPED.code))
            return []
        found = [folder] if settings_in(folder) else []
        has_settings = bool(found)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name.lower())
        except OSError as exc:
            self.notices.append(Hit(f"Folder {_display(folder)} could not be read ({exc.strerror or exc})",
                                    Source(_display(folder)), code=codes.UNREADABLE_FILE.code))
            return found
        loose = []
        for entry in entries:
            if _hidden(entry.name):
                continue
            try:
                is_dir = entry.is_dir()  # follows a link; ``seen`` stops loops
            except OSError:
                continue
            if is_dir:
                sub = Path(entry.path)
                if depth + 1 > MAX_DEPTH:
                    self.notices.append(Hit(
                        f"Folder {_display(sub)} was not read: it is more than {MAX_DEPTH} folders "
                        "deep (name it to check it)", Source(_display(sub)), code=codes.SKIPPED.code))
                    continue
                below = self.frameworks_below(sub, depth + 1)
                self.holds[os.path.realpath(sub)] = bool(below)
                found.extend(below)
            elif depth > 0 and not has_settings and _is_plan_file(entry):
                loose.append(entry.name)
        if loose:
            self.reported.add(real)
            # Plan files in a folder below the one named, with no plancheck.yaml of their own.
            self.notices.append(Hit(
                f"Folder {_display(folder)} holds plan files ({', '.join(loose[:3])}"
                f"{', ...' if len(loose) > 3 else ''}) but no plancheck.yaml, so it is not a framework "
                "and was not read: add a plancheck.yaml to check it as one, or name it on its own",
                Source(_display(folder)), code=codes.SKIPPED.code))
        return found


def find_frameworks(paths: list[str]) -> Discovery:
    """The frameworks under ``paths``, in the order named (folders found in path order)."""
    walker = _Walker()
    specs: list[FrameworkSpec] = []
    by_folder: dict[str, FrameworkSpec] = {}
    loose: list[str] = []

    def add_folder(folder: Path) -> None:
        key = os.path.realpath(folder)
        if key in by_folder:
            spec = by_folder[key]
            if spec.paths != [str(folder)]:  # files of it were named first: the folder wins
                spec.paths = [str(folder)]
            return
        spec = FrameworkSpec([str(folder)], settings_in(folder), name=Path(key).name)
        by_folder[key] = spec
        specs.append(spec)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            below = walker.frameworks_below(p)
            for folder in below:
                add_folder(folder)
            if below and below[0] == p:
                continue
            if not below or _own_entries(p, walker):
                loose.append(raw)  # v1: a folder of plan files with no settings
                # Its own subfolders are reported by the framework it forms, not twice.
                real = os.path.realpath(p)
                walker.notices = [h for h in walker.notices
                                  if os.path.dirname(os.path.realpath(h.source.file)) != real]
        else:
            parent = p.parent
            if settings_in(parent) is not None:
                key = os.path.realpath(parent)
                spec = by_folder.get(key)
                if spec is None:
                    spec = FrameworkSpec([], settings_in(parent), name=Path(key).name)
                    by_folder[key] = spec
                    specs.append(spec)
                if spec.paths != [str(parent)] and raw not in spec.paths:
                    spec.paths.append(raw)
            else:
                loose.append(raw)
    if loose:
        first = Path(loose[0])
        folder = first if first.is_dir() else first.parent
        specs.insert(0, FrameworkSpec(loose, None, name=Path(os.path.realpath(folder)).name, loose=True))
    return Discovery(specs, walker.notices)


def _own_entries(folder: Path, walker: _Walker) -> bool:
    """Whether a named folder with frameworks below it holds plan files itself (then they
    form a framework, as in v1). When it does not, what else it holds (other files, folders
    with no framework) is reported as not read."""
    others: list[str] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name.lower())
    except OSError:
        return False
    for entry in entries:
        if _hidden(entry.name) or entry.name.lower() in SETTINGS_NAMES:
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            real = os.path.realpath(entry.path)
            if walker.holds.get(real) or real in walker.reported:
                continue
        elif _is_plan_file(entry):
            return True
        others.append(entry.path)
    for path in others:
        shown = _display(Path(path))
        walker.notices.append(Hit(f"{shown} is in no framework (no folder above it holds a plancheck.yaml) "
                                  "and was not read", Source(shown), code=codes.SKIPPED.code))
    return False


def holds_framework(folder: Path) -> bool:
    """Whether ``folder`` or a folder below it holds a plancheck.yaml (bounded walk)."""
    return bool(_Walker().frameworks_below(folder))
