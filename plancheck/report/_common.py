"""What several machine formats share: where a finding is, and a stable fingerprint."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

_PLACE = re.compile(r"\b(line|cell|row)s? [A-Z]*\d+", re.IGNORECASE)

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def where_text(source) -> str:
    """Plain words for the place to fix: ``laa.yaml line 21``, ``f.xlsx, sheet measures, cell B7``."""
    return source.describe() if source is not None else ""


def sheet_cell(source) -> str:
    """``sheet measures, cell B7`` for a workbook finding, else empty."""
    if source is None or source.sheet is None:
        return ""
    return f"sheet {source.sheet}" + (f", cell {source.cell}" if source.cell else "")


def artifact_path(finding, result) -> str:
    """The file a finding is in (repository-relative as loaders write it), else the first file read."""
    if finding.source is not None and finding.source.file:
        return finding.source.file.replace("\\", "/")
    if result.files:
        return result.files[0].replace("\\", "/")
    return result.paths[0] if result.paths else "."


def fingerprints(findings) -> list[str]:
    """One stable hash per finding, from its code, plan and object ids, not its line.

    Editing an unrelated part of a plan moves lines but keeps these. A finding about no
    object (e.g. an unknown key) uses its file and message instead; identical keys in one
    run get an occurrence number so every fingerprint is unique.
    """
    seen: Counter = Counter()
    out = []
    for f in findings:
        if f.objects:
            basis = "|".join([f.code, f.plan or "", *sorted(f.objects)])
        else:
            file = f.source.file if f.source else ""
            basis = "|".join([f.code, f.plan or "", file, _PLACE.sub("", f.message)])
        seen[basis] += 1
        digest = hashlib.sha256(f"{basis}|{seen[basis]}".encode()).hexdigest()
        out.append(digest[:32])
    return out
