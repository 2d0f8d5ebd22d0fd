"""Measure which pairs of uncoded measure titles plancheck treats as one indicator.

    python evaluation/eval_pairs.py                       # the dev pairs (tuned on)
    python evaluation/eval_pairs.py tests/data/real_measures/same_indicator_pairs.csv --errors

Each row ``title_a,title_b,same`` becomes two measures without an indicator code or unit,
in two plans, grouped with the built-in catalogue exactly as a run groups them
(:func:`plancheck.indicators.build_groups`). "Grouped" means both land in one indicator
group. Precision and recall are for ``same=true`` (pairs that are one indicator); a
*trap merged* is a ``same=false`` pair that was grouped, which would let PC201 report a
conflict between two different indicators.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plancheck.catalogue import builtin  # noqa: E402
from plancheck.indicators import build_groups  # noqa: E402
from plancheck.model import Measure, Source  # noqa: E402

DEV = ROOT / "tests/data/dev_same_indicator_pairs.csv"


def grouped(title_a: str, title_b: str, catalogue) -> tuple[bool, str]:
    src = Source("pairs.csv", 1)
    a = Measure(id="A.1", objective_id="A", plan_id="PA", title=title_a, source=src)
    b = Measure(id="B.1", objective_id="B", plan_id="PB", title=title_b, source=src)
    g = build_groups([a, b], catalogue)
    same = g.group_of["A.1"] is g.group_of["B.1"]
    return same, g.group_of["A.1"].why() if same else ""


def evaluate(path: Path, show_errors: bool = False) -> dict:
    catalogue = builtin()
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    tp = fp = fn = tn = 0
    errors = []
    for row in rows:
        truth = row["same"].strip().lower() == "true"
        pred, why = grouped(row["title_a"], row["title_b"], catalogue)
        tp += truth and pred
        fp += pred and not truth
        fn += truth and not pred
        tn += not truth and not pred
        if truth != pred:
            errors.append(("missed" if truth else "TRAP MERGED", row["title_a"], row["title_b"], why))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(rows)} pairs "
          f"({tp + fn} same, {fp + tn} traps)")
    print(f"same-indicator pairs grouped: {tp}/{tp + fn} (recall {recall:.3f}); traps merged: "
          f"{fp}/{fp + tn}; precision {precision:.3f}")
    if show_errors:
        for kind, a, b, why in errors:
            print(f"  {kind}: '{a}' | '{b}'" + (f" ({why})" if why else ""))
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, default=[DEV])
    ap.add_argument("--errors", action="store_true", help="list the pairs it gets wrong")
    args = ap.parse_args(argv)
    for path in args.files:
        evaluate(path.resolve(), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
