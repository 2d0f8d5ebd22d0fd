"""Indicator catalogues: the built-in National Indicator Set extract and users' own CSVs.

The built-in catalogue is ``data/national-indicators-2008.csv``, copied from the verified
reference data: every entry keeps the public page it was read from, and nothing is
added without one.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .config import SettingsError
from .files import FileError, read_regular

MAX_CATALOGUE_BYTES = 20 * 1024 * 1024

_CODE = re.compile(r"^\s*([A-Za-z]+)[\s\-_.]*0*(\d+)\s*([A-Za-z]?)\s*$")
# Codes are short; _CODE is tried only on the trimmed text up to this length (padding with
# spaces or zeros made it backtrack for seconds per code), and a longer one is not a code.
MAX_CODE = 40


@lru_cache(maxsize=1 << 14)  # a few hundred codes, looked up for every measure of every area
def normalise_code(code: str) -> str:
    """``NI 151``, ``NI151``, ``ni-151`` and ``NI 0151`` are all ``NI 151``.

    Codes of another shape (``LPI-7a``, ``PH 1.01``) are upper-cased and trimmed.
    """
    code = " ".join(code.split())  # linear; padding inside the code goes too
    m = _CODE.match(code) if len(code) <= MAX_CODE else None
    if m:
        return f"{m.group(1).upper()} {int(m.group(2))}{m.group(3).lower()}"
    return code.upper()


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    source: str = ""
    note: str = ""
    unit: str | None = None
    higher_is_better: bool | None = None
    catalogue: str = ""
    # outcome / output / process when the indicator's convention is known (the built-in
    # catalogue's ``kind_basis`` column says where it comes from); None when not known.
    kind: str | None = None
    kind_basis: str = ""


# The final National Indicator Set numbers its 198 indicators NI 1 to NI 199 without NI 31
# (source: the CLG page cited for NI 31 in data/national-indicators-2008.csv). The extract
# has titles for only some of them; the others are still valid codes, without a title.
_NI_RANGE = ("NI", 1, 199)
_DROPPED_NOTE = "not in the final"


class Catalogue:
    """Indicators by normalised code, plus codes known to be dropped (``retired``) and
    numbered ranges of valid codes whose titles the catalogue does not hold."""

    def __init__(self, entries: dict[str, Indicator] | None = None,
                 retired: dict[str, Indicator] | None = None,
                 ranges: list[tuple[str, int, int]] | None = None):
        self.entries: dict[str, Indicator] = dict(entries or {})
        self.retired: dict[str, Indicator] = dict(retired or {})
        self.ranges: list[tuple[str, int, int]] = list(ranges or [])

    def get(self, code: str) -> Indicator | None:
        return self.entries.get(normalise_code(code))

    def __contains__(self, code: str) -> bool:
        return self.get(code) is not None

    def __len__(self) -> int:
        return len(self.entries)

    def merge(self, other: Catalogue) -> None:
        """Add ``other``'s entries; a user's entry wins over a built-in one and revives a
        code the built-in catalogue lists as dropped."""
        self.entries.update(other.entries)
        for code in other.entries:
            self.retired.pop(code, None)
        self.retired.update({k: v for k, v in other.retired.items() if k not in self.entries})
        self.ranges.extend(r for r in other.ranges if r not in self.ranges)

    def status(self, code: str) -> tuple[str, Indicator | None]:
        """``known`` (with its entry), ``numbered`` (a valid code of a numbered set whose
        title is not held), ``retired`` (dropped from its set) or ``unknown``."""
        key = normalise_code(code)
        if key in self.entries:
            return "known", self.entries[key]
        if key in self.retired:
            return "retired", self.retired[key]
        m = _CODE.match(key) if len(key) <= MAX_CODE else None
        if m:
            base = f"{m.group(1).upper()} {int(m.group(2))}"
            if base in self.entries:  # a sub-indicator such as NI 157a
                return "known", self.entries[base]
            if base in self.retired:
                return "retired", self.retired[base]
            for prefix, low, high in self.ranges:
                if m.group(1).upper() == prefix and low <= int(m.group(2)) <= high:
                    return "numbered", None
        return "unknown", None


def builtin() -> Catalogue:
    """The National Indicator Set (2008) entries that have a verified source (a new
    Catalogue each call, since ``merge`` changes the one it is given)."""
    entries, retired = _builtin_rows()
    return Catalogue(entries, retired, [_NI_RANGE])


@lru_cache(maxsize=1)
def _builtin_rows() -> tuple[dict[str, Indicator], dict[str, Indicator]]:
    # Read once per process: a run over many frameworks builds one catalogue for each.
    text = resources.files("plancheck").joinpath("data/national-indicators-2008.csv").read_text("utf-8")
    parsed = _parse(text.splitlines(), "National Indicator Set 2008")
    # Rows whose note says the code is not in the final set (NI 31) are kept apart, so a
    # plan that uses such a code is told so rather than matched to a dropped indicator.
    retired = {k: v for k, v in parsed.entries.items() if _DROPPED_NOTE in v.note.lower()}
    entries = {k: v for k, v in parsed.entries.items() if k not in retired}
    return entries, retired


def for_settings(settings) -> Catalogue:
    """The built-in catalogue plus the user catalogues named in ``plancheck.yaml``
    (``indicators.catalogues``, paths relative to the settings file).

    A catalogue that cannot be read stops the run with a settings error (exit 2): a
    missing catalogue would silently change which measures count as one indicator.
    """

    cat = builtin()
    paths = (settings.get("indicators") or {}).get("catalogues") or []
    for raw in paths:
        if not isinstance(raw, str) or not raw.strip():
            raise SettingsError("indicators.catalogues: each entry must be the path of a CSV file")
        path = settings.resolve(raw.strip())
        try:
            cat.merge(from_csv(path))
        except ValueError as exc:
            where = settings.path or "settings"
            raise SettingsError(f"{where}: indicators.catalogues: {exc}") from exc
    return cat


def from_csv(path: Path) -> Catalogue:
    """A user's catalogue: columns ``code,title`` at least; ``unit``,
    ``higher_is_better`` and ``kind`` (outcome, output or process) when known. Raises ``ValueError`` with a plain message."""
    try:
        text = read_regular(path, MAX_CATALOGUE_BYTES).decode("utf-8-sig")
    except FileError as exc:
        raise ValueError(f"indicator catalogue {path} was not read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"indicator catalogue {path} is not UTF-8 text") from exc
    return _parse(text.splitlines(), path.name, str(path))


_KINDS = ("outcome", "output", "process")


def _parse(lines, name: str, path: str = "") -> Catalogue:
    reader = csv.DictReader(lines)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise ValueError(f"indicator catalogue {path or name} is not a readable CSV file ({exc})") from exc
    cols = {c.strip().lower(): c for c in (fieldnames or []) if c}
    if "code" not in cols or "title" not in cols:
        raise ValueError(f"indicator catalogue {path or name} needs 'code' and 'title' columns")
    out: dict[str, Indicator] = {}
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ValueError(f"indicator catalogue {path or name} is not a readable CSV file ({exc})") from exc
    for row in rows:
        code = (row.get(cols["code"]) or "").strip()
        title = (row.get(cols["title"]) or "").strip()
        if not code or not title:
            continue
        hib = (row.get(cols.get("higher_is_better", ""), "") or "").strip().lower()
        kind = (row.get(cols.get("kind", ""), "") or "").strip().lower()
        out[normalise_code(code)] = Indicator(
            code=normalise_code(code),
            title=title,
            source=(row.get(cols.get("source", ""), "") or "").strip(),
            note=(row.get(cols.get("note", ""), "") or "").strip(),
            unit=(row.get(cols.get("unit", ""), "") or "").strip().lower() or None,
            higher_is_better={"true": True, "yes": True, "false": False, "no": False}.get(hib),
            catalogue=name,
            kind=kind if kind in _KINDS else None,
            kind_basis=(row.get(cols.get("kind_basis", ""), "") or "").strip(),
        )
    return Catalogue(out)
