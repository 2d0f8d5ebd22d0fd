"""Measure ways of reading YAML plan files *with line numbers*, against PyYAML's C loader.

plancheck needs every value's line, which ``yaml.load`` does not give. The candidates:

- ``c-load``: ``yaml.load(CSafeLoader)``, no lines: the reference every ratio is against.
- ``c-compose``: ``yaml.compose(CSafeLoader)`` alone (node tree with marks, nothing built).
- ``compose+walk``: the node tree walked into ``{key: (value, line)}`` (plancheck before).
- ``compose-fastres+walk``: the same with a memoised implicit-tag resolver.
- ``events``: the C parser's events (``yaml.parse``) turned straight into the same
  structure by a small stack machine, with the same memoised scalar typing.
- ``plain-lines``: what plancheck uses: plain-style files read line by line
  (``plancheck.load.yaml_plain``), any other file by ``events``.
- ``c-load+marks``: ``yaml.load`` with a constructor that records each mapping's marks.
- ``ruamel-rt``: ruamel.yaml's round-trip loader (``.lc.line``), when installed.

    python benchmarks/yaml_readers.py FOLDER [--gc]

Each reader runs over every ``*.yaml`` under FOLDER (texts read into memory first, so
file reading is not timed), with the garbage collector off unless ``--gc``; the outputs
of the line-keeping readers are compared with each other for correctness.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plancheck.load import yaml_plain, yaml_plans  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from yaml_oracle import TreeWalker  # noqa: E402  (the former compose-and-walk reader)


def c_load(text):
    return yaml.load(text, Loader=yaml.CSafeLoader)


def c_compose(text):
    return yaml.compose(text, Loader=yaml.CSafeLoader)


def compose_walk(text):
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    return TreeWalker(yaml_plans.FieldReader([]), "x").convert(node)


class _FastResolveLoader(yaml.CSafeLoader):
    _cache: dict = {}

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._cache.get(value)
            if tag is None:
                tag = self._cache[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)


def compose_fastres_walk(text):
    node = yaml.compose(text, Loader=_FastResolveLoader)
    return TreeWalker(yaml_plans.FieldReader([]), "x").convert(node)


def events(text):
    walker = yaml_plans._Walker(yaml_plans.FieldReader([]), "x")
    return walker.build(yaml.parse(text, Loader=yaml_plans._Loader))


def plain_lines(text):
    return yaml_plain.read_plain(text) or events(text)


class _MarkConstructor(yaml.CSafeLoader):
    pass


def _construct_marked(loader, node):
    out = yaml_plans.YMap()
    out.line = node.start_mark.line + 1
    for k, v in node.value:
        out[loader.construct_object(k)] = (loader.construct_object(v, deep=True), k.start_mark.line + 1)
    return out


_MarkConstructor.add_constructor("tag:yaml.org,2002:map", _construct_marked)


def c_load_marks(text):
    return yaml.load(text, Loader=_MarkConstructor)


def ruamel_rt(text):
    from ruamel.yaml import YAML

    return YAML(typ="rt", pure=True).load(text)


READERS = {
    "c-load": c_load,
    "c-compose": c_compose,
    "compose+walk": compose_walk,
    "compose-fastres+walk": compose_fastres_walk,
    "events": events,
    "plain-lines": plain_lines,
    "c-load+marks": c_load_marks,
    "ruamel-rt": ruamel_rt,
}


def plain(x):
    """A comparable form of a reader's output: values with lines, types kept."""
    if isinstance(x, dict):
        return {k: (plain(v), line) for k, (v, line) in x.items()}, getattr(x, "line", 0)
    if isinstance(x, list):
        return [(plain(v), line) for v, line in x], getattr(x, "line", 0)
    return (type(x).__name__, x)


def measure(folder: Path, names: list[str], with_gc: bool) -> dict[str, float]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml")) if p.name != "plancheck.yaml"]
    out = {}
    reference = None
    for name in names:
        func = READERS[name]
        if name == "ruamel-rt":
            try:
                import ruamel.yaml  # noqa: F401
            except ImportError:
                continue
        gc.collect()
        if not with_gc:
            gc.disable()
        t = time.perf_counter()
        results = [func(x) for x in texts]
        out[name] = time.perf_counter() - t
        gc.enable()
        if name in ("compose+walk", "compose-fastres+walk", "events", "plain-lines"):
            form = [plain(r) for r in results]
            if reference is None:
                reference = form
            elif form != reference:
                raise SystemExit(f"{name} reads the files differently from compose+walk")
        del results
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--gc", action="store_true", help="leave the garbage collector on")
    ap.add_argument("--only", help="comma-separated reader names")
    args = ap.parse_args()
    names = args.only.split(",") if args.only else list(READERS)
    times = measure(args.folder, names, args.gc)
    ref = times.get("c-load")
    print("| reader | seconds | x c-load |\n|---|---:|---:|")
    for name, t in times.items():
        print(f"| {name} | {t:.2f} | {t / ref:.2f} |" if ref else f"| {name} | {t:.2f} | |")


if __name__ == "__main__":
    main()
