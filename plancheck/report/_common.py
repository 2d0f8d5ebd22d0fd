"""What several machine formats share: where a finding is, """

from __future__ import annotations

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
