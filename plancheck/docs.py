"""Documentation generated from the check registry, so it cannot drift from the code."""

from __future__ import annotations

import json
from pathlib import Path

from .checks import all_checks
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


START, END = "<!-- checks:start -->", "<!-- checks:end -->"


def readme_block(checks) -> str:
    return f"{START}\n{rules_markdown(checks)}{END}"


def update_readme(path) -> bool:
    """Rewrite the generated check list in the README; True when it changed."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = head + readme_block(all_checks()) + tail
    if new != text:
        p.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # python -m plancheck.docs README.md
    import sys

    print("updated" if update_readme(sys.argv[1] if len(sys.argv) > 1 else "README.md") else "up to date")
