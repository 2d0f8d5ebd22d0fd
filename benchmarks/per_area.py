"""Check many independent frameworks (one folder per area) with a pool of processes.

    python benchmarks/per_area.py benchmarks/.data/m150000-s1 --workers 2

Each area is its own framework, so areas are checked independently: the pool keeps one
Python per worker (no start-up per area) and sends back only counts. This is the
single-machine form of the scale-out note in benchmarks/README.md; xargs -P or GNU
parallel do the same from a shell at the cost of one interpreter start per area.
"""

from __future__ import annotations

import argparse
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def check_area(folder: str) -> tuple[str, int, int, int]:
    from plancheck.config import find_settings_file, load_settings
    from plancheck.run import run

    result = run([folder], load_settings(find_settings_file([folder])))
    return folder, result.counts()["measures"], len(result.findings), result.exit_code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path, help="folder holding one subfolder per area")
    ap.add_argument("--workers", type=int, default=None, help="processes (default: one per CPU)")
    args = ap.parse_args()
    areas = sorted(str(p) for p in args.root.iterdir() if p.is_dir())
    t = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(check_area, areas, chunksize=4))
    wall = time.perf_counter() - t
    measures = sum(r[1] for r in results)
    findings = sum(r[2] for r in results)
    failing = sum(1 for r in results if r[3])
    print(f"{len(areas)} areas, {measures:,} measures, {findings:,} findings, {failing} areas failing; "
          f"{wall:.2f} s with {args.workers or 'one per CPU'} workers; largest worker "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
