"""Measure the measure-kind classifier on the labelled council measure titles.

    python evaluation/eval_classifier.py            # dev and held-out test
    python evaluation/eval_classifier.py --errors   # also list the titles it gets wrong

"Activity" is output or process (what the no-outcome-measure check reports), against
outcome. The test file is held out: the rules were tuned on the dev file only.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plancheck.classify import ACTIVITY_KINDS, classify  # noqa: E402

KINDS = ("outcome", "output", "process")
SETS = {"dev": ROOT / "tests/data/measure_kinds_dev.csv", "test": ROOT / "tests/data/measure_kinds_test.csv"}


def evaluate(path: Path) -> dict:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))

    def kind_of(row):
        guess = classify(row["title"], row.get("unit") or None)
        return guess.kind, guess.reason

    return score(rows, kind_of)


def score(rows, kind_of) -> dict:
    """Activity (output or process) precision and recall, and the three-way confusion, of
    ``kind_of(row) -> (kind, reason)`` against each row's ``label``."""
    confusion = {(t, p): 0 for t in KINDS for p in KINDS}
    errors = []
    tp = fp = fn = tn = 0
    for row in rows:
        truth = row["label"].strip().lower()
        kind, reason = kind_of(row)
        confusion[(truth, kind)] += 1
        t_act, p_act = truth in ACTIVITY_KINDS, kind in ACTIVITY_KINDS
        tp += t_act and p_act
        fp += p_act and not t_act
        fn += t_act and not p_act
        tn += not t_act and not p_act
        if truth != kind:
            errors.append((truth, kind, row["title"], reason))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = sum(confusion[(k, k)] for k in KINDS) / len(rows)
    return {"n": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision,
            "recall": recall, "f1": f1, "three_way_accuracy": exact, "confusion": confusion,
            "errors": errors}


def report(name: str, r: dict, show_errors: bool) -> str:
    lines = [f"== {name}: {r['n']} labelled titles",
             f"activity (output+process) vs outcome: precision {r['precision']:.3f}  "
             f"recall {r['recall']:.3f}  F1 {r['f1']:.3f}  (TP {r['tp']}, FP {r['fp']}, FN {r['fn']}, "
             f"TN {r['tn']})",
             f"three-way accuracy (outcome/output/process): {r['three_way_accuracy']:.3f}",
             "confusion (rows = label, columns = classifier):",
             "           " + "".join(f"{k:>9}" for k in KINDS)]
    for t in KINDS:
        lines.append(f"  {t:<9}" + "".join(f"{r['confusion'][(t, p)]:>9}" for p in KINDS))
    if show_errors:
        lines.append("errors (label -> guess: title | reason):")
        for truth, guess, title, reason in r["errors"]:
            lines.append(f"  {truth} -> {guess}: {title} | {reason}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list misclassified titles")
    ap.add_argument("--only", choices=sorted(SETS), help="evaluate one set")
    args = ap.parse_args(argv)
    for name, path in SETS.items():
        if args.only and name != args.only:
            continue
        print(report(name, evaluate(path), args.errors))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
