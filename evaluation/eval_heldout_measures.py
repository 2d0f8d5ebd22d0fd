"""Measure the PC3xx/PC4xx checks on held-out frameworks against their truth files.

    python evaluation/eval_heldout_measures.py PLANS_DIR TRUTH_YAML [PLANS_DIR TRUTH_YAML ...]

For each truth list, prints what plancheck found, what it missed and what it added. The
frameworks are for measuring only: nothing here was tuned on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plancheck.checks.measures import kinds  # noqa: E402
from plancheck.config import Settings  # noqa: E402
from plancheck.graph import FrameworkGraph  # noqa: E402
from plancheck.load import load_framework  # noqa: E402
from plancheck.run import Context, run  # noqa: E402

# truth key -> codes whose objects answer it
FACTS = {
    "no_baseline_measures": ("PC301", "PC302"),  # a value with no year is still no usable baseline
    "objectives_without_measures": ("PC401",),
    "text_targets": ("PC304",),
    "qualified_targets": ("PC307",),
    "objectives_only_activity_measures": ("PC402",),
}


def compare(name: str, truth: set, found: set) -> str:
    missed, extra = sorted(truth - found), sorted(found - truth)
    return f"  {name}: truth {len(truth)}, found {len(truth & found)}, missed {missed}, extra {extra}"


def measure(plans: str, truth_path: str) -> None:
    truth = yaml.safe_load(Path(truth_path).read_text(encoding="utf-8"))
    result = run([plans], Settings())
    print(f"== {plans}")
    for key, codes in FACTS.items():
        if key not in truth:
            continue
        found = set()
        for f in result.findings:
            if f.code in codes:
                found |= {f.objects[0]} if f.code == "PC402" else set(f.objects)
        print(compare(key, set(truth[key] or []), found))
    ctx = Context(FrameworkGraph(load_framework([plans]).framework), Settings())
    known = kinds(ctx)
    activity_truth = set(truth.get("activity_measures") or []) | set(truth.get("output_measures") or [])
    inferred = {mid: k for mid, k in known.items() if not k.stated}
    pred = {mid for mid, k in inferred.items() if k.kind in ("output", "process")}
    judged_truth = activity_truth & set(inferred)
    tp = len(pred & judged_truth)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(judged_truth) if judged_truth else 0.0
    print(f"  classifier on measures without kind: ({len(inferred)}): activity precision {p:.2f} "
          f"recall {r:.2f}; false activity {sorted(pred - judged_truth)}, "
          f"missed {sorted(judged_truth - pred)}")


if __name__ == "__main__":
    args = sys.argv[1:]
    for i in range(0, len(args) - 1, 2):
        measure(args[i], args[i + 1])
