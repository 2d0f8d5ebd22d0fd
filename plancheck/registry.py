"""The registry of checks: stable codes, readable names, categories, documentation.

This is data at the bottom of the package: loaders declare their input codes here
(``input_codes``) and check families register here, and it imports neither.

Codes are grouped by family and never reused:
PC0xx input, PC1xx links, PC2xx target conflicts, PC3xx baselines and targets,
PC4xx outcome measures, PC5xx accountability, PC6xx progress against targets.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from .findings import CATEGORIES, SEVERITIES, Hit

CODE_RE = re.compile(r"^PC\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

FAMILIES = {
    "PC0": "Reading the plans",
    "PC1": "Links between plans",
    "PC2": "Conflicting targets",
    "PC3": "Baselines and targets",
    "PC4": "Outcome measures",
    "PC5": "Accountability",
    "PC6": "Progress against targets",
}


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    category: str
    severity: str
    doc: str
    func: Callable[..., Iterable[Hit]] | None = None
    enabled_by_default: bool = True

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], "Other")

    @property
    def summary(self) -> str:
        """The first line of the documentation: what the check looks for."""
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    @property
    def body(self) -> str:
        lines = self.doc.strip().splitlines()
        return inspect.cleandoc("\n".join(lines[1:])) if len(lines) > 1 else ""

    @property
    def runs_at_load(self) -> bool:
        """Input checks are reported by the loaders while reading, not run on the graph."""
        return self.func is None

    def __reduce__(self):
        # A registered check crosses between processes (a worker's result) as its code: the
        # other process registered the same check. Its documentation was a sixth of a result.
        if REGISTRY.get(self.code) is self:
            return (check_by_code, (self.code,))
        return (Check, tuple(getattr(self, f.name) for f in fields(self)))


def check_by_code(code: str) -> Check:
    """The registered check of ``code`` (how a check is unpickled)."""
    return REGISTRY[code]


REGISTRY: dict[str, Check] = {}
_NAMES: dict[str, str] = {}


def _register(entry: Check) -> Check:
    if not CODE_RE.match(entry.code):
        raise ValueError(f"check code {entry.code!r} must be PC and three digits")
    if not NAME_RE.match(entry.name):
        raise ValueError(f"check name {entry.name!r} must be lower-case words joined by '-'")
    if entry.category not in CATEGORIES:
        raise ValueError(f"{entry.code}: unknown category {entry.category!r}")
    if entry.severity not in SEVERITIES:
        raise ValueError(f"{entry.code}: unknown severity {entry.severity!r}")
    if not entry.doc.strip():
        raise ValueError(f"{entry.code}: a check must explain itself in a docstring")
    if entry.code in REGISTRY:
        raise ValueError(f"check code {entry.code} registered twice")
    if entry.name in _NAMES:
        raise ValueError(f"check name {entry.name!r} already used by {_NAMES[entry.name]}")
    REGISTRY[entry.code] = entry
    _NAMES[entry.name] = entry.code
    return entry


def check(code: str, name: str, category: str, severity: str, *, enabled: bool = True):
    """Register a graph check. The function takes a :class:`Context` and yields Hits.

    Families call it after the function, ``check(...)(func)``, not as a decorator: mutmut
    mutates undecorated functions only."""

    def wrap(func):
        _register(Check(code, name, category, severity, func.__doc__ or "", func, enabled))
        return func

    return wrap


def declare(code: str, name: str, category: str, severity: str, doc: str) -> Check:
    """Register a code that loaders report while reading (no graph function)."""
    return _register(Check(code, name, category, severity, doc))


def lookup(token: str) -> list[Check]:
    """Checks matching a code prefix (``PC2``, ``PC201``), a name, or a category."""
    token = token.strip()
    if not token:
        return []
    if token.upper().startswith("PC"):
        prefix = token.upper()
        return [c for code, c in sorted(REGISTRY.items()) if code.startswith(prefix)]
    low = token.lower()
    if low in _NAMES:
        return [REGISTRY[_NAMES[low]]]
    return [c for _, c in sorted(REGISTRY.items()) if c.category == low]


def registered() -> list[Check]:
    """Every check registered so far, by code. ``plancheck.checks.all_checks`` imports every
    family first; this module sits below them and never imports them."""
    return [REGISTRY[c] for c in sorted(REGISTRY)]
