"""JSON findings exactly as the contract (section 4) fixes them, plus extra keys where
it is silent: ``framework``, per-finding ``details`` and the family ``summaries``."""

from __future__ import annotations

import json

from ..version import __version__


def document(result) -> dict:
    counts = result.counts()
    return {
        "tool": {"name": "plancheck", "version": __version__},
        # error, warning and info count the findings that are not accepted (they decide the
        # exit code); accepted findings are counted apart (contract section 7).
        "summary": {k: counts[k] for k in ("plans", "objectives", "measures", "error", "warning", "info",
                                           "accepted")},
        "findings": [f.as_dict() for f in result.findings],
        "framework": {"name": result.name, "paths": result.paths, "files": result.files,
                      "fail_on": result.fail_on, "exit_code": result.exit_code,
                      "as_of": result.as_of.label if result.as_of else None,
                      "baselined": result.baselined},
        "summaries": {k: _plain(v) for k, v in result.summaries.items()},
        "frameworks": frameworks(result),
    }


def frameworks(result) -> list[dict]:
    """Contract section 1a: one entry per framework checked, in the order found (the
    findings' ``framework`` field is the entry's ``name``)."""
    out = []
    for r in getattr(result, "results", [result]):
        c = r.counts()
        out.append({"name": r.name, "paths": list(r.paths), "files": list(r.files),
                    "summary": {k: c[k] for k in ("plans", "objectives", "measures", "error", "warning", "info")},
                    "fail_on": r.fail_on, "exit_code": r.exit_code, "passes": r.exit_code == 0})
    return out


def _plain(value):
    return value.as_dict() if hasattr(value, "as_dict") else value


def render(result, options) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
