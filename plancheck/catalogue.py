"""Indicator catalogues: the built-in National Indicator Set extract and users' own CSVs.

The built-in catalogue is ``data/national-indicators-2008.csv``, copied from the verified
reference data: every entry keeps the public page it was read from, and nothing is
added without one.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_CODE = re.compile(r"^\s*([A-Za-z]+)[\s\-_.]*0*(\d+)\s*([A-Za-z]?)\s*$")


def normalise_code(code: str) -> str:
    """``NI 151``, ``NI151``, ``ni-151`` and ``NI 0151`` are all ``NI 151``.

    Codes of another shape (``LPI-7a``, ``PH 1.01``) are upper-cased and trimmed.
    """
    m = _CODE.match(code)
    if m:
        return f"{m.group(1).upper()} {int(m.group(2))}{m.group(3).lower()}"
    return re.sub(r"\s+", " ", code.strip()).upper()


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    source: str = ""
    note: str = ""
    unit: str | None = None
    higher_is_better: bool | None = None
    catalogue: str = ""


class Catalogue:
    def __init__(self, entries: dict[str, Indicator] | None = None):
        self.entries: dict[str, Indicator] = dict(entries or {})

    def get(self, code: str) -> Indicator | None:
        return self.entries.get(normalise_code(code))

    def __contains__(self, code: str) -> bool:
        return self.get(code) is not None

    def __len__(self) -> int:
        return len(self.entries)

    def merge(self, other: Catalogue) -> None:
        self.entries.update(other.entries)


def builtin() -> Catalogue:
    """The National Indicator Set (2008) entries that have a verified source."""
    text = resources.files("plancheck").joinpath("data/national-indicators-2008.csv").read_text("utf-8")
    return _parse(text.splitlines(), "National Indicator Set 2008")


def from_csv(path: Path) -> Catalogue:
    """A user's catalogue: columns ``code,title`` at least; ``unit`` and
    ``higher_is_better`` when known. Raises ``ValueError`` with a plain message."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ValueError(f"indicator catalogue {path} cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"indicator catalogue {path} is not UTF-8 text") from exc
    return _parse(text.splitlines(), path.name, str(path))


def _parse(lines, name: str, path: str = "") -> Catalogue:
    reader = csv.DictReader(lines)
    cols = {c.strip().lower(): c for c in (reader.fieldnames or [])}
    if "code" not in cols or "title" not in cols:
        raise ValueError(f"indicator catalogue {path or name} needs 'code' and 'title' columns")
    out: dict[str, Indicator] = {}
    for row in reader:
        code = (row.get(cols["code"]) or "").strip()
        title = (row.get(cols["title"]) or "").strip()
        if not code or not title:
            continue
        hib = (row.get(cols.get("higher_is_better", ""), "") or "").strip().lower()
        out[normalise_code(code)] = Indicator(
            code=normalise_code(code),
            title=title,
            source=(row.get(cols.get("source", ""), "") or "").strip(),
            note=(row.get(cols.get("note", ""), "") or "").strip(),
            unit=(row.get(cols.get("unit", ""), "") or "").strip().lower() or None,
            higher_is_better={"true": True, "yes": True, "false": False, "no": False}.get(hib),
            catalogue=name,
        )
    return Catalogue(out)
