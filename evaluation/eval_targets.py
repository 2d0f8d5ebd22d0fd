"""Measure the target-conflict checks (PC201-PC207) and indicator grouping on frameworks
with truth files.

    python evaluation/eval_targets.py PLANS_DIR TRUTH_YAML [PLANS_DIR TRUTH_YAML ...]

Reads ``conflicts`` (planted, with their kind), ``same_indicator_consistent`` (same
indicator, figures written differently: must not be flagged) and
``different_indicators_similar_titles`` (traps: must never be grouped). Prints, per
framework: planted conflicts found (any PC2xx finding naming all its measures) and whether
the expected code reported them; findings that match no planted conflict (false
conflicts); consistent groups flagged; trap pairs wrongly merged; and how many consistent
pairs were grouped at all. Held-out frameworks are measured, not tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plancheck.checks.targets import grouping  # noqa: E402
from plancheck.config import find_settings_file, load_settings  # noqa: E402
from plancheck.graph import FrameworkGraph  # noqa: E402
from plancheck.load import load_framework  # noqa: E402
from plancheck.run import Context, run  # noqa: E402

CONFLICT_CODES = ("PC201", "PC202", "PC203", "PC204", "PC205", "PC206", "PC207")
EXPECTED = {"different-target": ("PC201", "PC207"), "different-baseline": ("PC202",),
            "opposite-direction": ("PC203",), "units": ("PC205",), "trajectory": ("PC206",)}


def measure(plans: str, truth_path: str) -> dict:
    truth = yaml.safe_load(Path(truth_path).read_text(encoding="utf-8"))
    settings = load_settings(find_settings_file([plans]))
    result = run([plans], settings, select=["PC2"])
    findings = [f for f in result.findings if f.code in CONFLICT_CODES]
    planted = truth.get("conflicts", [])
    print(f"\n{plans}: {len(planted)} planted conflicts")
    found = 0
    right_code = 0
    used = set()
    for c in planted:
        ids = set(c["measures"])
        hits = [f for f in findings if ids <= set(f.objects)]
        ok = bool(hits)
        found += ok
        good = [f for f in hits if f.code in EXPECTED.get(c.get("kind"), ())]
        right_code += bool(good)
        used.update(id(f) for f in hits)
        codes = ", ".join(f.code for f in hits) or "MISSED"
        print(f"  {'found ' if ok else 'missed'} [{c.get('kind')}] {sorted(ids)} -> {codes}")
    planted_sets = [set(c["measures"]) for c in planted]
    false = []
    for f in findings:
        if id(f) in used:
            continue
        # a finding about a subset of a planted conflict's measures is part of it, not false
        if any(set(f.objects) <= s for s in planted_sets):
            continue
        false.append(f)
    for f in false:
        print(f"  FALSE? {f.code} {list(f.objects)}: {f.message[:160]}")
    consistent = truth.get("same_indicator_consistent", [])
    flagged = [g for g in consistent
               if any(len(set(g["measures"]) & set(f.objects)) >= 2 for f in findings)]
    for g in flagged:
        print(f"  consistent group flagged: {g['measures']}")
    graph = FrameworkGraph(load_framework([plans]).framework)
    ctx = Context(graph, settings)
    group_of = grouping(ctx).group_of
    traps = truth.get("different_indicators_similar_titles", [])
    merged = [t for t in traps
              if len({group_of[m].key for m in t["measures"] if m in group_of}) == 1
              and all(m in group_of for m in t["measures"])]
    for t in merged:
        print(f"  TRAP MERGED: {t['measures']} ({t['what']})")
    grouped = [g for g in consistent
               if len({group_of[m].key for m in g["measures"] if m in group_of}) == 1]
    not_grouped = [g["measures"] for g in consistent if g not in grouped]
    print(f"  planted found {found}/{len(planted)} (reported under the expected code: {right_code}); "
          f"false conflicts {len(false)}; consistent groups flagged {len(flagged)}/{len(consistent)}; "
          f"trap pairs merged {len(merged)}/{len(traps)}; consistent groups grouped "
          f"{len(grouped)}/{len(consistent)} (not grouped: {not_grouped})")
    return {"found": found, "planted": len(planted), "false": len(false), "merged": len(merged)}


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    for i in range(0, len(args), 2):
        measure(args[i], args[i + 1])
