"""Benchmark plancheck on generated frameworks of several sizes; print a markdown table.

    python benchmarks/run.py                           # luton,300,25000,150000
    python benchmarks/run.py --sizes 300,25000 --repeat 3
    python benchmarks/run.py --quick                   # luton,300,5000, once each
    python benchmarks/run.py --out benchmarks/results.md

For each size the framework is generated (cached under ``benchmarks/.data``; all areas are
checked in one run, ids prefixed by area), then, each in a fresh child process:

- ``plancheck check ...`` as a user runs it (console report to /dev/null): wall time and
  peak memory (the child's ``ru_maxrss``);
- the same run instrumented: the time of each stage from ``RunResult.timings`` (load,
  graph, each check family, summaries) plus the console and JSON reports, the findings,
  and which heavy libraries got imported;
- a process that only parses the same files with PyYAML's C loader
  (``yaml.load(..., CSafeLoader)``): the cost of merely reading them;
- ``python -c pass``: the cost of starting Python.

Ratios are taken within one run of this script, so a busy machine skews both sides.
Each measurement is the fastest of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
HEAVY = ("pandas", "openpyxl", "numpy", "networkx", "rapidfuzz", "sklearn", "scipy")


# -- child processes --------------------------------------------------------------------
SRC = ROOT  # the plancheck source tree the children run (--src: compare versions)


def _spawn(args: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, bytes]:
    """Run a child; its wall seconds, peak resident MB, and stdout."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE if stdout is None else stdout,
                            stderr=subprocess.PIPE, cwd=SRC, env=env)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024, out  # ru_maxrss is in KiB on Linux


def child_check(paths: list[str]) -> None:
    """Instrumented run (imports what the CLI imports); prints JSON."""
    t0 = time.perf_counter()
    import plancheck.cli  # noqa: F401
    from plancheck.config import find_settings_file, load_settings
    from plancheck.report import ReportOptions, render
    from plancheck.run import run

    imported = time.perf_counter() - t0
    settings = load_settings(find_settings_file(paths))
    result = run(paths, settings)
    timings = dict(result.timings)
    for fmt in ("console", "json"):
        t = time.perf_counter()
        render(fmt, result, ReportOptions(color=False, width=100))
        timings[f"report:{fmt}"] = time.perf_counter() - t
    heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
    print(json.dumps({"timings": timings, "import": imported, "counts": result.counts(),
                      "findings": len(result.findings), "files": len(result.files), "heavy": heavy,
                      "codes": _code_counts(result)}))


def _code_counts(result) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in result.findings:
        out[f.code] = out.get(f.code, 0) + 1
    return dict(sorted(out.items()))


def child_parse(paths: list[str]) -> None:
    """Only parse the plan files with PyYAML's C loader; prints the in-process seconds."""
    import yaml

    files = []
    for p in paths:
        files += sorted(q for q in Path(p).glob("*.y*ml") if q.name not in ("plancheck.yaml", "plancheck.yml"))
    import gc

    t = time.perf_counter()
    docs = [yaml.load(f.read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader) for f in files]
    parse = time.perf_counter() - t
    del docs
    gc.collect()
    gc.disable()  # the same with the cyclic collector off, as plancheck runs
    t = time.perf_counter()
    docs = [yaml.load(f.read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader) for f in files]
    print(json.dumps({"parse": parse, "parse_nogc": time.perf_counter() - t, "documents": len(docs)}))


# -- sizes -------------------------------------------------------------------------------
def framework_paths(size: str, seed: int) -> tuple[list[str], dict]:
    if size == "luton":
        folder = ROOT / "plans" / "luton"
        return [str(folder)], {"label": "plans/luton"}
    sys.path.insert(0, str(HERE))
    import generate

    measures = int(size)
    # Every area's plans in one folder: one framework, the single-framework stress case
    # (a folder per area would now be a framework per area: benchmarks/areas.py).
    out = DATA / f"m{measures}-s{seed}-one"
    meta_file = out / "generated.json"
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else None
    if meta is None or meta.get("generator") != _generator_stamp():
        meta = generate.generate(measures, out, seed=seed, one_folder=True)
        meta["generator"] = _generator_stamp()
        meta_file.write_text(json.dumps(meta, indent=2) + "\n")
    paths = [str(out)]
    meta["label"] = f"{measures:,} generated"
    return paths, meta


def _generator_stamp() -> float:
    return (HERE / "generate.py").stat().st_mtime


def bench(size: str, seed: int, repeat: int) -> dict:
    paths, meta = framework_paths(size, seed)
    py = sys.executable
    rel = [os.path.relpath(p, SRC) for p in paths]
    best: dict = {}

    def keep(key, value, better=min):
        best[key] = value if key not in best else better(best[key], value)

    for _ in range(repeat):
        wall, rss, _ = _spawn([py, "-m", "plancheck", "check", "--quiet", *rel])
        keep("wall", wall)
        keep("rss", rss)
        wall, _, out = _spawn([py, str(HERE / "run.py"), "--child", "parse", *rel], stdout=None)
        info = json.loads(out)
        keep("parse_wall", wall)
        keep("parse", info["parse"])
        keep("parse_nogc", info["parse_nogc"])
        wall, _, out = _spawn([py, str(HERE / "run.py"), "--child", "check", *rel], stdout=None)
        info = json.loads(out)
        if "detail" not in best or info["timings"]["total"] < best["detail"]["timings"]["total"]:
            best["detail"] = info
    return {"size": size, "meta": meta, **best}


def python_startup(repeat: int) -> float:
    return min(_spawn([sys.executable, "-c", "pass"])[0] for _ in range(max(3, repeat)))


# -- report ------------------------------------------------------------------------------
def table(rows: list[dict], startup: float) -> str:
    stage_keys: list[str] = []
    for r in rows:
        for k in r["detail"]["timings"]:
            if k not in stage_keys and k != "total":
                stage_keys.append(k)
    lines = [
        "| framework | files | plans | objectives | measures | findings | wall s | peak MB "
        "| C-parse wall s | wall / C-parse wall | run / C-parse | run / C-parse, GC off | heavy imports |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        d = r["detail"]
        c = d["counts"]
        run_s = d["timings"]["total"]
        lines.append(
            f"| {r['meta']['label']} | {d['files']} | {c['plans']:,} | {c['objectives']:,} | {c['measures']:,} "
            f"| {d['findings']:,} | {r['wall']:.2f} | {r['rss']:.0f} | {r['parse_wall']:.2f} "
            f"| {r['wall'] / r['parse_wall']:.2f} | {run_s / r['parse']:.2f} | {run_s / r['parse_nogc']:.2f} "
            f"| {', '.join(d['heavy']) or 'none'} |"
        )
    lines += ["", "Stage times (seconds, in process):", "",
              "| framework | " + " | ".join(stage_keys) + " | total | C-parse | C-parse, GC off |",
              "|---|" + "---:|" * (len(stage_keys) + 3)]
    for r in rows:
        t = r["detail"]["timings"]
        cells = " | ".join(f"{t[k]:.3f}" if k in t else "" for k in stage_keys)
        lines.append(f"| {r['meta']['label']} | {cells} | {t['total']:.3f} | {r['parse']:.3f} "
                     f"| {r['parse_nogc']:.3f} |")
    lines += ["", f"`python -c pass`: {startup:.3f} s wall."]
    small = [r for r in rows if r["size"] == "luton"]
    if small:
        r = small[0]
        lines.append(f"`plancheck check plans/luton`: {r['wall']:.3f} s wall = {r['wall'] / startup:.1f}x "
                     f"`python -c pass`, {r['wall'] / r['parse_wall']:.2f}x a process that only parses "
                     f"its files; imports took {r['detail']['import']:.3f} s of it.")
    if len([r for r in rows if r["size"] != "luton"]) >= 2:
        gen = [r for r in rows if r["size"] != "luton"]
        a, b = gen[-2], gen[-1]
        ma, mb = a["detail"]["counts"]["measures"], b["detail"]["counts"]["measures"]
        ta, tb = a["detail"]["timings"]["total"], b["detail"]["timings"]["total"]
        lines.append(f"Growth from {ma:,} to {mb:,} measures ({mb / ma:.1f}x): run time x{tb / ta:.2f} "
                     f"(linear would be x{mb / ma:.1f}).")
    findings = {r["meta"]["label"]: r["detail"]["codes"] for r in rows}
    lines += ["", "Findings by code: " + "; ".join(
        f"{k}: " + (", ".join(f"{c} {n:,}" for c, n in v.items()) or "none") for k, v in findings.items())]
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import yaml

    return (f"{os.cpu_count()} CPUs ({cpu}){mem}; Python {platform.python_version()}; "
            f"PyYAML {yaml.__version__} with libyaml: {hasattr(yaml, 'CSafeLoader')}; "
            f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="luton,300,25000,150000",
                    help="comma-separated: 'luton' and/or numbers of measures to generate")
    ap.add_argument("--quick", action="store_true", help="luton,300,5000, one run each")
    ap.add_argument("--repeat", type=int, help="runs per size; the fastest is kept (default 3, 1 over 50,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="also write the table to this markdown file")
    ap.add_argument("--src", type=Path, help="run the plancheck in this source tree (e.g. an older "
                    "commit from 'git archive'), to compare versions on the same data")
    ap.add_argument("--child", choices=("check", "parse"), help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "check":
        return child_check(args.paths)
    if args.child == "parse":
        return child_parse(args.paths)
    sizes = "luton,300,5000" if args.quick else args.sizes
    global SRC
    if args.src:
        SRC = args.src.resolve()
    header = f"Machine: {machine()}\nplancheck source: {SRC}\n\n"
    rows = []
    startup = python_startup(args.repeat or 3)
    for size in (s.strip() for s in sizes.split(",") if s.strip()):
        repeat = args.repeat or (1 if args.quick or (size != "luton" and int(size) > 50_000) else 3)
        print(f"benchmark: {size} ({repeat} run{'s' * (repeat > 1)})", file=sys.stderr)
        rows.append(bench(size, args.seed, repeat))
    text = header + table(rows, startup)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
