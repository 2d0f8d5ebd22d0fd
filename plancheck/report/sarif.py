"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

Every check that ran is a rule (id = code, name, descriptions and help from its
docstring); every finding is a result at its file and line. Workbook findings point at
the workbook file and name the sheet and cell in the message, since SARIF regions are
for text. ``partialFingerprints`` come from codes and object ids, so an alert survives
edits elsewhere in the plan.
"""

from __future__ import annotations

import json

from ..findings import CATEGORIES
from ..version import __version__
from ._common import LEVELS, artifact_path, sheet_cell

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "plancheckFinding/v1"


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


def document(result) -> dict:
    rules = {c.code: c for c in result.checks}
    index = {code: i for i, code in enumerate(sorted(rules))}
    results = []
    for finding in result.findings:
        fp = finding.fingerprint
        text = finding.message
        place = sheet_cell(finding.source)
        if place:
            text = f"{text} ({place})"
        physical: dict = {"artifactLocation": {"uri": artifact_path(finding, result), "uriBaseId": "%SRCROOT%"}}
        if finding.source is not None and finding.source.line:
            physical["region"] = {"startLine": finding.source.line}
        entry = {
            "ruleId": finding.code,
            "level": LEVELS[finding.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
            "properties": {"check": finding.check, "category": finding.category,
                           "plan": finding.plan, "objects": list(finding.objects)},
        }
        if finding.code in index:
            entry["ruleIndex"] = index[finding.code]
        if finding.source is not None and finding.source.sheet is not None:
            entry["properties"]["sheet"] = finding.source.sheet
            entry["properties"]["cell"] = finding.source.cell
        results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "plancheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rules[code]) for code in sorted(rules)],
            }},
            "automationDetails": {"id": "plancheck/"},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(result, options) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
