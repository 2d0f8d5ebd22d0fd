"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

Every check that ran is a rule (id = code, name, descriptions and help from its
docstring); every finding is a result at its file and line. Workbook findings point at
the workbook file and name the sheet and cell in the message, since SARIF regions are
for text. ``partialFingerprints`` come from codes and object ids, so an alert survives
edits elsewhere in the plan.

For GitHub:

- one run per framework, ``automationDetails.id`` ``plancheck/<framework>/``, so two
  frameworks uploaded from one repository do not close each other's alerts;
- artifact URIs relative to the repository root (``ReportOptions.base_dir``: the git
  top level, or ``--base-dir``), with ``uriBaseId`` ``%SRCROOT%``;
- at most 25,000 results per run (GitHub rejects more): errors are kept first, and what
  was left out is said in the run's ``invocations[0].toolExecutionNotifications`` and,
  through ``options.notes``, on stderr;
- an accepted finding (contract section 7) carries a ``suppressions`` entry with the
  reason as justification: ``inSource`` when the acceptance is written in the file the
  finding points at, ``external`` when it is elsewhere (an ``accept`` CSV file, another plan).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..findings import CATEGORIES, SEVERITY_RANK
from ..version import __version__
from ._common import LEVELS, PROJECT_URL, artifact_path, by_framework, sheet_cell, slug

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "plancheckFinding/v1"
MAX_RESULTS = 25_000  # per run: GitHub code scanning rejects a run with more


def _rule(check) -> dict:
    body = check.body or check.summary
    help_text = f"{check.summary}\n\n{body}" if check.body else check.summary
    return {
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": body},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {
            "category": check.category,
            "tags": ["plancheck", check.category],
            "categoryMeaning": CATEGORIES[check.category],
        },
    }


def _location(path: str, base: str | None) -> dict:
    """An artifactLocation: relative to ``base`` with ``%SRCROOT%`` when inside it, else a file URI."""
    if base is None:
        return {"uri": quote(path.replace("\\", "/")), "uriBaseId": "%SRCROOT%"}
    full = os.path.abspath(path)
    rel = os.path.relpath(full, base) if os.path.splitdrive(full)[0] == os.path.splitdrive(base)[0] else ".."
    if rel == ".." or rel.startswith(".." + os.sep):
        return {"uri": Path(full).as_uri()}
    return {"uri": quote(Path(rel).as_posix()), "uriBaseId": "%SRCROOT%"}


def _result(finding, result, index: dict, base: str | None) -> dict:
    text = finding.message
    place = sheet_cell(finding.source)
    if place:
        text = f"{text} ({place})"
    physical: dict = {"artifactLocation": _location(artifact_path(finding, result), base)}
    if finding.source is not None and finding.source.line:
        physical["region"] = {"startLine": finding.source.line}
    entry = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"check": finding.check, "category": finding.category,
                       "plan": finding.plan, "objects": list(finding.objects),
                       "framework": finding.framework},
    }
    if finding.code in index:
        entry["ruleIndex"] = index[finding.code]
    if finding.source is not None and finding.source.sheet is not None:
        entry["properties"]["sheet"] = finding.source.sheet
        entry["properties"]["cell"] = finding.source.cell
    if finding.accepted is not None:
        entry["suppressions"] = [_suppression(finding, base)]
    return entry


def _suppression(finding, base: str | None) -> dict:
    accepted = finding.accepted
    where = accepted.source
    same_file = where is not None and finding.source is not None and where.file == finding.source.file
    out: dict = {"kind": "inSource" if same_file else "external", "status": "accepted",
                 "justification": accepted.reason}
    if where is not None and where.file:
        physical: dict = {"artifactLocation": _location(where.file, base)}
        if where.line:
            physical["region"] = {"startLine": where.line}
        out["location"] = {"physicalLocation": physical}
    props = {k: v for k, v in (("until", accepted.until), ("by", accepted.by)) if v}
    if props:
        out["properties"] = props
    return out


def _capped(findings: list) -> tuple[list, dict[str, int]]:
    """At most MAX_RESULTS findings, the most severe kept (report order otherwise), and
    how many of each severity were left out."""
    if len(findings) <= MAX_RESULTS:
        return findings, {}
    order = sorted(range(len(findings)), key=lambda i: (-SEVERITY_RANK[findings[i].severity],
                                                        findings[i].accepted is not None, i))
    keep = sorted(order[:MAX_RESULTS])
    dropped: dict[str, int] = {}
    for i in order[MAX_RESULTS:]:
        dropped[findings[i].severity] = dropped.get(findings[i].severity, 0) + 1
    return [findings[i] for i in keep], dropped


def document(result, options=None) -> dict:
    base = getattr(options, "base_dir", None)
    notes = getattr(options, "notes", None)
    rules = {c.code: c for c in result.checks}
    index = {code: i for i, code in enumerate(sorted(rules))}
    runs = []
    for name, findings in by_framework(result):
        kept, dropped = _capped(findings)
        invocation: dict = {"executionSuccessful": True}
        if dropped:
            what = ", ".join(f"{n:,} {sev}" for sev, n in sorted(dropped.items(),
                                                                  key=lambda kv: -SEVERITY_RANK[kv[0]]))
            text = (f"{name}: {sum(dropped.values()):,} of {len(findings):,} findings were left out of "
                    f"this SARIF run ({what}), because GitHub code scanning accepts at most "
                    f"{MAX_RESULTS:,} results per run; the most severe were kept. The JSON or workbook "
                    f"report lists every finding.")
            invocation["toolExecutionNotifications"] = [{
                "level": "warning", "message": {"text": text},
                "descriptor": {"id": "plancheck/results-left-out"}}]
            if notes is not None:
                notes.append(text)
        runs.append({
            "tool": {"driver": {
                "name": "plancheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": PROJECT_URL,
                "rules": [_rule(rules[code]) for code in sorted(rules)],
            }},
            "invocations": [invocation],
            "automationDetails": {"id": f"plancheck/{slug(name)}/"},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, result, index, base) for f in kept],
        })
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": runs}


def render(result, options) -> str:
    return json.dumps(document(result, options), indent=2, ensure_ascii=False) + "\n"
