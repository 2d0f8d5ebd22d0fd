"""Findings: what a check reports, as one immutable, sortable type."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from .model import Source, quick_frozen

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}

CATEGORIES = {
    "input": "a file, sheet, row or value that cannot be read as the contract says",
    "broken-link": "a supports or derives_from reference to an id that does not exist, or a cycle",
    "missing-link": "an objective that must trace to a parent plan and does not, or a parent "
    "objective that nothing in the plans derived from it delivers",
    "suggested-link": "an unlinked pair of objectives in related plans whose text says they are "
    "about the same thing",
    "target-conflict": "the same indicator given incompatible targets, baselines, directions or "
    "units, across plans or within one",
    "missing-baseline": "a measure with no baseline value or no baseline year",
    "missing-target": "a measure with no numeric target, or a target with no year",
    "no-outcome-measure": "an objective with no measure at all, or with only activity/process measures",
    "accountability": "an objective or measure with no lead where the framework requires one",
    "progress": "given the actuals, a target that was missed, one that is off track to be met, or "
    "a target year that has passed with no actual recorded",
}


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check yields: the runner, not the check, adds code, name and severity.

    ``code`` is set only by loaders, which report several input codes from one pass.
    """

    message: str
    source: Source | None = None
    plan: str | None = None
    objects: tuple[str, ...] = ()
    details: dict | None = None
    code: str | None = None
    plans: tuple[str, ...] = ()  # further plans involved; the runner adds the objects' plans


@dataclass(frozen=True, slots=True)
class Accepted:
    """An agreed difference written down in a plan (contract section 7)."""

    reason: str
    until: str | None = None
    by: str | None = None
    source: Source | None = field(default=None, compare=False)  # where the acceptance is written

    def as_dict(self) -> dict:
        return {"reason": self.reason, "until": self.until, "by": self.by}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    check: str
    category: str
    severity: str
    message: str
    plan: str | None
    objects: tuple[str, ...]
    source: Source | None
    details: dict | None = field(default=None, compare=False)
    # Contract v2, section 8: every plan involved (``plan`` first), the framework, a
    # fingerprint from code, framework and object ids, and an acceptance if one applies.
    plans: tuple[str, ...] = ()
    framework: str = ""
    fingerprint: str = ""
    accepted: Accepted | None = None

    def with_fingerprint(self, fingerprint: str) -> Finding:
        """This finding with ``fingerprint`` (``dataclasses.replace`` without its per-call
        look at the fields, which was 2% of a many-area run)."""
        return Finding(self.code, self.check, self.category, self.severity, self.message, self.plan, self.objects,
                       self.source, self.details, self.plans, self.framework, fingerprint, self.accepted)

    def sort_key(self) -> tuple:
        src = self.source
        return (
            self.plan or "~",
            src.file if src else "",
            src.sheet or "" if src else "",
            (src.line or 0) if src else 0,
            _cell_key(src.cell) if src else (0, 0),
            -SEVERITY_RANK[self.severity],
            self.code,
            self.objects,
            self.message,
        )

    def location(self) -> dict:
        if self.source is None:
            return {"file": None, "line": None, "sheet": None, "cell": None}
        return self.source.as_dict()

    def as_dict(self) -> dict:
        """The contract's JSON form (section 4), plus ``details`` where a check adds them."""
        out = {
            "code": self.code,
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "plan": self.plan,
            "objects": list(self.objects),
            "location": self.location(),
            "plans": list(self.plans),
            "framework": self.framework,
            "fingerprint": self.fingerprint,
            "accepted": self.accepted.as_dict() if self.accepted else None,
        }
        if self.details:
            out["details"] = self.details
        return out


def worst_first(findings) -> list[Finding]:
    """Errors first, then warnings, then info; in report order within each."""
    return sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key()))


def _cell_key(cell: str | None) -> tuple[int, int]:
    """Order B7 before B10 and A7 before B7 (row first)."""
    if not cell:
        return (0, 0)
    letters = "".join(c for c in cell if c.isalpha())
    digits = "".join(c for c in cell if c.isdigit())
    col = 0
    for ch in letters.upper():
        col = col * 26 + (ord(ch) - 64)
    return (int(digits) if digits else 0, col)


def at_or_above(severity: str, threshold: str) -> bool:
    """True when ``severity`` meets a ``--fail-on`` threshold (``never`` meets nothing)."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


_PLACE = re.compile(r"\b(line|cell|row)s? [A-Z]*\d+", re.IGNORECASE)


def without_places(text: str) -> str:
    """A message without its line, cell and row numbers (they move when a file is edited)."""
    return _PLACE.sub("", text)


def fingerprints(findings) -> list[str]:
    """One stable identifier per finding (contract section 8), from its code, framework and
    object ids, never its line: editing an unrelated part of a plan keeps it.

    A finding about no object (e.g. an unknown key) uses its file and its message without
    line or cell numbers instead; identical keys in one run get an occurrence number so
    every fingerprint is unique.
    """
    seen: Counter = Counter()
    out = []
    for f in findings:
        if f.objects:
            basis = "|".join([f.code, f.framework, *sorted(f.objects)])
        else:
            file = f.source.file if f.source else ""
            basis = "|".join([f.code, f.framework, file, without_places(f.message)])
        seen[basis] += 1
        digest = hashlib.sha256(f"{basis}|{seen[basis]}".encode()).hexdigest()
        out.append(digest[:32])
    return out


quick_frozen(Hit, Accepted, Finding)
