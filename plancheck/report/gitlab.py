"""GitLab Code Quality JSON (a list of Code Climate issues) for merge-request widgets.

Fingerprints are built from codes and object ids (see ``findings.fingerprints``), so an
issue keeps its identity between pipelines when unrelated lines move. Accepted findings
(contract section 7) are left out.
"""

from __future__ import annotations

import json

from ._common import artifact_path, sheet_cell

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def document(result) -> list[dict]:
    out = []
    for finding in result.findings:
        if finding.accepted is not None:
            continue  # accepted (contract section 7): agreed, so not a code-quality issue
        fp = finding.fingerprint
        text = f"{finding.code} {finding.message}"
        place = sheet_cell(finding.source)
        if place:
            text = f"{text} ({place})"
        line = finding.source.line if finding.source is not None and finding.source.line else 1
        out.append({
            "type": "issue",
            "description": text,
            "check_name": f"{finding.code} {finding.check}",
            "categories": ["Bug Risk"] if finding.severity == "error" else ["Clarity"],
            "fingerprint": fp,
            "severity": SEVERITY[finding.severity],
            "location": {"path": artifact_path(finding, result), "lines": {"begin": line}},
        })
    return out


def render(result, options) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
