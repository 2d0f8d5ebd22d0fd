"""Documentation generated from the check registry, so it cannot drift from the code."""

from __future__ import annotations

import json

from .findings import CATEGORIES


def rules_markdown(checks) -> str:
    lines = ["| code | name | category | severity | what it finds |", "|---|---|---|---|---|"]
    for c in checks:
        lines.append(f"| {c.code} | `{c.name}` | {c.category} | {c.severity} | {c.summary} |")
    return "\n".join(lines) + "\n"


def rules_json(checks) -> str:
    return json.dumps(
        [{"code": c.code, "name": c.name, "category": c.category, "severity": c.severity,
          "family": c.family, "summary": c.summary, "description": c.body,
          "category_meaning": CATEGORIES[c.category]} for c in checks],
        indent=2,
    )
