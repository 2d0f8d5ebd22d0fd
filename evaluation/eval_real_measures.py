"""Measure the measure-kind classifier on real council measure titles.

    python evaluation/eval_real_measures.py [--labels PATH] [--errors]

Data: ``--labels`` names a CSV with columns ``title,unit,label,source_url,plan_note``
(label outcome/output/process); the default is
``tests/data/real_measures/activity_labels.csv`` (218 titles copied from published council
plans and performance reports, labelled by a helper who never saw plancheck's code; see
that folder's README). That file was held out once and has since been tuned on, so it is
a dev set now; a held-out file of the same shape is measured by passing its path. Each
title is classified three ways: with the ``unit`` column (the file's ``milestone`` and
``yes/no`` units are what a plan's unit or target would say), with the title alone, and
as PC402 sees a measure, where a title that names a catalogue indicator with a ``kind``
takes that kind. "Activity" = output or process, the class PC402 reports.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from eval_classifier import report, score  # noqa: E402

from plancheck.classify import classify  # noqa: E402

DATA = ROOT / "tests/data/real_measures/activity_labels.csv"


class _WithCatalogue:
    """Kinds as PC402 computes them for a measure without ``kind:`` or code: the catalogue's
    kind when the title names a catalogue indicator that has one, else the classifier."""

    def __init__(self):
        from plancheck.catalogue import builtin
        from plancheck.indicators import CatalogueTitles

        self.catalogue = builtin()
        self.named = CatalogueTitles(self.catalogue)

    def __call__(self, title, unit):
        code = self.named.named(title)
        entry = self.catalogue.status(code)[1] if code else None
        if entry is not None and entry.kind:
            return entry.kind
        return classify(title, unit).kind


def evaluate(rows, use_unit: bool, with_catalogue: bool = False) -> dict:
    by_catalogue = _WithCatalogue() if with_catalogue else None

    def kind_of(row):
        unit = (row.get("unit") or None) if use_unit else None
        guess = classify(row["title"], unit)
        kind = by_catalogue(row["title"], unit) if by_catalogue else guess.kind
        return kind, guess.reason

    return score(rows, kind_of)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list misclassified titles")
    ap.add_argument("--labels", "--file", dest="labels", type=Path, default=DATA,
                    help="labelled CSV (title,unit,label,...); default: %(default)s")
    args = ap.parse_args(argv)
    rows = list(csv.DictReader(args.labels.open(encoding="utf-8")))
    print(f"labels: {args.labels} ({len(rows)} rows)")
    print(report("real measures, title and unit", evaluate(rows, True), args.errors))
    print()
    print(report("real measures, title only", evaluate(rows, False), False))
    print()
    print(report("real measures, title and unit, with the catalogue's kinds (as PC402 sees them)",
                 evaluate(rows, True, with_catalogue=True), False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
