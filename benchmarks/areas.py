"""Many areas at once: one folder (and plancheck.yaml) per area, checked with --jobs.

    python benchmarks/areas.py                         # 150, 300 and 900 areas + the stress row, --jobs 2
    python benchmarks/areas.py --areas 150 --jobs 2 --out benchmarks/areas-results.md

For each set of areas (about 168 measures an area, ids repeating from area to area as
real councils' do), each in fresh child processes:

- **wall s**: ``plancheck check --quiet ROOT --jobs N`` exactly as a user runs it (console
  report to /dev/null);
- **C-parse wall s**: a child that only runs ``yaml.load(text, Loader=yaml.CSafeLoader)`` over
  the same plan files, in one process; the ratio *wall / C-parse wall* is the issue's target
  (with ``--repeat N``, the two run back to back N times and the row shows the median pair
  and every pair's ratio: the machine's speed drifts between minutes);
- **peak MB, all processes**: a child doing what the CLI does (``plancheck.check(ROOT,
  jobs=N, keep_models=False)`` and the console report) while a thread reads every
  descendant's ``VmHWM`` (its own peak resident size) from ``/proc`` five times a second;
  the figure is the parent's peak plus each worker's (and any fork server's) peak, summed.
  Also its largest single process.

The last row is the single-framework stress case: the 150 areas' plans in one folder with
one plancheck.yaml (ids prefixed by area), as ``benchmarks/run.py`` measures it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
sys.path.insert(0, str(HERE))

from run import _generator_stamp, _spawn  # noqa: E402

PER_AREA = 168


def area_set(areas: int, seed: int, one_folder: bool = False) -> tuple[Path, dict]:
    import generate

    out = DATA / f"areas{areas}x{PER_AREA}-s{seed}{'-one' if one_folder else ''}"
    # The description of what was generated is kept beside the folder, not in it: a
    # file in the root would be reported as being in no framework.
    meta_file = out.with_suffix(".json")
    meta = json.loads(meta_file.read_text()) if meta_file.exists() and out.exists() else None
    if meta is None or meta.get("generator") != _generator_stamp():
        meta = generate.generate(areas * PER_AREA, out, seed=seed, areas=areas, one_folder=one_folder)
        (out / "generated.json").unlink()
        meta["generator"] = _generator_stamp()
        meta_file.write_text(json.dumps(meta, indent=2) + "\n")
    return out, meta


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    kids = [int(k) for k in fh.read().split()]
            except OSError:
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


def _hwm_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def child_memory(root: str, jobs: int) -> None:
    """What the CLI does, with every descendant's peak resident size sampled."""
    import resource

    peaks: dict[int, int] = {}
    stop = threading.Event()

    def sample() -> None:
        me = os.getpid()
        while not stop.is_set():
            for pid in _descendants(me):
                kb = _hwm_kb(pid)
                if kb is not None:
                    peaks[pid] = max(peaks.get(pid, 0), kb)
            stop.wait(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    t = time.perf_counter()
    import plancheck

    result = plancheck.check([root], jobs=jobs, keep_models=False)
    result.render("console")
    wall = time.perf_counter() - t
    stop.set()
    watcher.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    largest_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall": wall, "parent_mb": own / 1024, "children_mb": sum(peaks.values()) / 1024,
                      "processes": 1 + len(peaks), "largest_child_mb": max(largest_child, *peaks.values(), 0) / 1024,
                      "frameworks": len(result.frameworks), "counts": result.counts(),
                      "findings": len(result.findings), "exit_code": result.exit_code}))


def child_parse(root: str) -> None:
    import gc

    import yaml

    files = sorted(q for q in Path(root).rglob("*.y*ml") if q.name not in ("plancheck.yaml", "plancheck.yml"))
    t = time.perf_counter()
    docs = [yaml.load(f.read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader) for f in files]
    parse = time.perf_counter() - t
    del docs
    gc.collect()
    print(json.dumps({"parse": parse, "files": len(files)}))


def bench(root: Path, jobs: int, one_framework: bool, repeat: int = 1) -> dict:
    py = sys.executable
    rel = os.path.relpath(root, ROOT)
    job_args = [] if one_framework else ["--jobs", str(jobs)]
    # The check and the C parse run back to back, ``repeat`` times: the machine's speed
    # drifts by a third from minute to minute, so each ratio compares neighbours, and the
    # row gives the median pair.
    pairs = []
    for _ in range(repeat):
        wall, rss, _ = _spawn([py, "-m", "plancheck", "check", "--quiet", rel, *job_args])
        parse_wall, _, out = _spawn([py, str(HERE / "areas.py"), "--child", "parse", rel], stdout=None)
        pairs.append((wall / parse_wall, wall, parse_wall, rss, json.loads(out)))
    pairs.sort(key=lambda p: p[0])
    ratios = [p[0] for p in pairs]
    _, wall, parse_wall, rss, parse = pairs[len(pairs) // 2]
    _, _, out = _spawn([py, str(HERE / "areas.py"), "--child", "memory", rel, "--jobs", str(jobs)], stdout=None)
    mem = json.loads(out)
    return {"wall": wall, "cli_rss": rss, "parse_wall": parse_wall, "parse": parse["parse"],
            "files": parse["files"], "ratios": ratios, **{f"mem_{k}": v for k, v in mem.items()}}


def table(rows: list[tuple[str, dict, dict]], jobs: int) -> str:
    head = ("| case | frameworks | plans | measures | findings | wall s | C-parse wall s | wall / C-parse wall | "
            "wall per area s | peak MB, all processes (parent + workers) | largest process MB | processes | "
            "ratios of all pairs |")
    lines = [head, "|" + "---|" * 13]
    for label, meta, r in rows:
        c = r["mem_counts"]
        per_area = r["wall"] / max(1, meta["shape"]["areas"])
        total = r["mem_parent_mb"] + r["mem_children_mb"]
        lines.append(f"| {label} | {r['mem_frameworks']} | {c['plans']:,} | {c['measures']:,} | {r['mem_findings']:,} | "
                     f"{r['wall']:.2f} | {r['parse_wall']:.2f} | {r['wall'] / r['parse_wall']:.2f} | "
                     f"{per_area:.3f} | {total:,.0f} ({r['mem_parent_mb']:,.0f} + {r['mem_children_mb']:,.0f}) | "
                     f"{r['mem_largest_child_mb'] if r['mem_largest_child_mb'] > r['mem_parent_mb'] else r['mem_parent_mb']:,.0f} | "
                     f"{r['mem_processes']} | {', '.join(f'{x:.2f}' for x in r['ratios'])} |")
    return "\n".join(lines) + f"\n\n`--jobs {jobs}`; load average before the run: {os.getloadavg()[0]:.1f}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--areas", default="150,300,900", help="comma-separated numbers of areas")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-stress", action="store_true", help="leave out the single-framework row")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the check and the C parse this many times, back to back; each row shows the median pair")
    ap.add_argument("--out", type=Path, help="also write the table to this markdown file")
    ap.add_argument("--child", choices=("parse", "memory"), help=argparse.SUPPRESS)
    ap.add_argument("root", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "parse":
        return child_parse(args.root)
    if args.child == "memory":
        return child_memory(args.root, args.jobs)
    load = os.getloadavg()[0]
    rows = []
    for n in (int(a) for a in args.areas.split(",")):
        root, meta = area_set(n, args.seed)
        rows.append((f"{n} areas, a folder each", meta, bench(root, args.jobs, False, args.repeat)))
        print(rows[-1][0], json.dumps(rows[-1][2]), file=sys.stderr)
    if not args.no_stress:
        n = int(args.areas.split(",")[0])
        root, meta = area_set(n, args.seed, one_folder=True)
        meta = dict(meta, shape=dict(meta["shape"], areas=n))
        rows.append((f"{n} areas as one framework (stress)", meta, bench(root, args.jobs, True, args.repeat)))
    text = table(rows, args.jobs).replace("load average before the run: ", f"load average before the run: {load:.1f}; after: ")
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
