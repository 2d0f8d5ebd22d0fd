"""Measure the measure-kind classifier on real council measure titles (held out).

    python evaluation/eval_real_measures.py [--errors]

Data: ``tests/data/real_measures/activity_labels.csv`` (218 titles copied from published
council plans and performance reports, labelled outcome/output/process by a helper who
never saw plancheck's code; see that folder's README). Nothing in plancheck was tuned on
it. Each title is classified twice, as ``eval_classifier.py`` does: with the ``unit``
column (the file's ``milestone`` and ``yes/no`` units are what a plan's unit or target
would say) and with the title alone. "Activity" = output or process, the class PC402
reports.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from eval_classifier import KINDS, report  # noqa: E402

from plancheck.classify import ACTIVITY_KINDS, classify  # noqa: E402

DATA = ROOT / "tests/data/real_measures/activity_labels.csv"


def evaluate(rows, use_unit: bool) -> dict:
    confusion = {(t, p): 0 for t in KINDS for p in KINDS}
    errors = []
    tp = fp = fn = tn = 0
    for row in rows:
        truth = row["label"].strip()
        guess = classify(row["title"], (row.get("unit") or None) if use_unit else None)
        confusion[(truth, guess.kind)] += 1
        t_act, p_act = truth in ACTIVITY_KINDS, guess.kind in ACTIVITY_KINDS
        tp += t_act and p_act
        fp += p_act and not t_act
        fn += t_act and not p_act
        tn += not t_act and not p_act
        if truth != guess.kind:
            errors.append((truth, guess.kind, row["title"], guess.reason))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = sum(confusion[(k, k)] for k in KINDS) / len(rows)
    return {"n": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision,
            "recall": recall, "f1": f1, "three_way_accuracy": exact, "confusion": confusion,
            "errors": errors}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list misclassified titles")
    ap.add_argument("--file", type=Path, default=DATA)
    args = ap.parse_args(argv)
    rows = list(csv.DictReader(args.file.open(encoding="utf-8")))
    print(report("real measures, title and unit", evaluate(rows, True), args.errors))
    print()
    print(report("real measures, title only", evaluate(rows, False), False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
