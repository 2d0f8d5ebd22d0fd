"""What several machine formats share: where a finding is, which framework it belongs to."""

from __future__ import annotations

import re

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


# Where plancheck's documentation lives (SARIF informationUri; the install recipes use it too).
PROJECT_URL = "https://github.com/plancheck/plancheck"


def by_framework(result) -> list[tuple[str, list]]:
    """``(framework name, its findings)`` for every framework of the run, in run order,
    including frameworks without findings (a clean run must still close old alerts)."""
    parts = getattr(result, "results", None) or [result]
    groups: dict[str, list] = {}
    for part in parts:
        names = list(getattr(part, "framework_names", None) or [part.name])
        for name in names:
            groups.setdefault(name, [])
        for f in part.findings:
            groups.setdefault(f.framework or names[0], []).append(f)
    return list(groups.items())


def slug(name: str) -> str:
    """``Luton strategic plan framework`` -> ``luton-strategic-plan-framework``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "framework"


def place_for(finding, plan: str, sources: dict):
    """Where the owner of ``plan`` fixes a finding: its own location for the plan it is
    filed under, else the first object of ``finding`` that ``plan`` holds (a conflict filed
    under the Community Plan points Luton 2011's owner at Luton 2011's measure)."""
    if not plan or plan == finding.plan:
        return finding.source, ""
    for obj in finding.objects:
        owner, source = sources.get(obj, (None, None))
        if owner == plan and source is not None:
            return source, obj
    return finding.source, ""
