"""YAML plan files (contract section 2), read with line numbers.

The C parser's events (PyYAML with libyaml; safe: no tag ever constructs an object) are
built here into mappings and lists that keep every value's line. Limits on depth
and node count stop a hostile file (alias bombs, deep nesting) before it costs memory.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..checks import inputs as codes
from ..findings import Hit
from ..model import Source
from .records import Cell, FieldReader, MeasureRec, ObjectiveRec, PlanRec

try:  # the C parser is ~10x faster; fall back so plancheck still runs without libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_DEPTH = 40
MAX_NODES = 5_000_000

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null": lambda n: None,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}

PLAN_KEYS = ("id", "title", "kind", "owner", "period", "derives_from")
OBJECTIVE_KEYS = ("id", "title", "theme", "supports", "local", "lead", "measures")
MEASURE_KEYS = ("id", "indicator", "title", "unit", "direction", "kind", "baseline", "targets", "lead")
TOP_KEYS = ("plan", "objectives")


class TooComplex(Exception):
    pass


class YMap(dict):
    """A YAML mapping: ``{key: (value, line)}`` plus its own line."""

    line: int = 0


class YList(list):
    """A YAML sequence of ``(value, line)``."""

    line: int = 0


class _Walker:
    def __init__(self, reader: FieldReader, display: str):
        self.reader = reader
        self.display = display
        self.count = 0
        self._sources: dict[int, Source] = {}

    def convert(self, node, depth: int = 0):
        self.count += 1
        if depth > MAX_DEPTH:
            raise TooComplex(f"nested more than {MAX_DEPTH} levels deep at line {node.start_mark.line + 1}")
        if self.count > MAX_NODES:
            raise TooComplex(f"more than {MAX_NODES:,} values (repeated aliases?)")
        if isinstance(node, yaml.ScalarNode):
            make = _SCALAR_TAGS.get(node.tag)
            if make is None:
                return node.value
            try:
                return make(node)
            except (ValueError, yaml.YAMLError):
                return node.value
        if isinstance(node, yaml.SequenceNode):
            out = YList((self.convert(item, depth + 1), item.start_mark.line + 1) for item in node.value)
            out.line = node.start_mark.line + 1
            return out
        out = YMap()
        out.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1) if not isinstance(key_node, yaml.ScalarNode) else key_node.value
            if isinstance(key, (dict, list)):
                key = "<complex key>"
            key = str(key)
            value = self.convert(value_node, depth + 1)
            line = key_node.start_mark.line + 1
            if key in out:
                prev, prev_line = out[key]
                if isinstance(prev, list) and isinstance(value, list):
                    prev.extend(value)  # two 'objectives:' blocks: keep both, nothing lost
                    merged = "both were read"
                else:
                    merged = f"the first one (line {prev_line}) was read"
                self.reader.report(codes.UNKNOWN_FIELD,
                                   f"'{key}' appears twice in the same block; {merged}",
                                   self.src(line))
                continue
            out[key] = (value, line)
        return out

    def src(self, line: int) -> Source:
        # One Source per line: a flow mapping puts several fields on a line (memory at scale).
        try:
            return self._sources[line]
        except KeyError:
            made = self._sources[line] = Source(self.display, line)
            return made


_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_TYPED: dict[tuple, object] = {}  # (plain?, tag, text) -> value: plan files repeat most scalars


def _scalar(ev):
    """The value of a scalar event, typed as PyYAML's safe loader would."""
    tag = ev.tag
    plain = ev.implicit[0] if tag is None or tag == "!" else None
    key = (plain, tag, ev.value)
    try:
        return _TYPED[key]
    except KeyError:
        pass
    if plain is not None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, ev.value, ev.implicit) if plain else _STR
    make = _SCALAR_TAGS.get(tag)
    value = ev.value
    if make is not None:
        try:
            value = make(yaml.ScalarNode(tag, ev.value))
        except (ValueError, yaml.YAMLError):
            value = ev.value
    if len(_TYPED) > 200_000:
        _TYPED.clear()
    _TYPED[key] = value
    return value


def read_events(text: str, reader: FieldReader, display: str):
    """Build ``YMap``/``YList`` with lines straight from the C parser's events.

    Measured (benchmarks/yaml_readers.py) at about half the time of composing a node tree
    and walking it: no node objects, no per-node resolver call for repeated scalars.
    Returns None for an empty document; raises yaml.YAMLError or TooComplex.
    """
    loader = _Loader(text)
    get = loader.get_event
    ScalarEvent, MappingStartEvent, SequenceStartEvent = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    AliasEvent, CollectionEndEvent = yaml.AliasEvent, yaml.CollectionEndEvent
    DocumentStartEvent, StreamEndEvent = yaml.DocumentStartEvent, yaml.StreamEndEvent
    anchors: dict[str, tuple] = {}  # name -> (value, raw text of a scalar or None, nodes inside)
    # One frame per open collection: [container, key or _NOKEY, key line, nodes so far, anchor].
    stack: list[list] = []
    root = None
    doc_mark = None
    count = 0
    try:
        while True:
            ev = get()
            cls = type(ev)
            if cls is ScalarEvent:
                count += 1
                value = _scalar(ev)
                raw = ev.value
                line = ev.start_mark.line + 1
                if ev.anchor is not None:
                    anchors[ev.anchor] = (value, raw, 1)
            elif cls is AliasEvent:
                if ev.anchor not in anchors:
                    raise yaml.composer.ComposerError(None, None, f"found undefined alias {ev.anchor!r}",
                                                      ev.start_mark)
                value, raw, inside = anchors[ev.anchor]
                count += inside
                line = ev.start_mark.line + 1
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                count += 1
                if len(stack) >= MAX_DEPTH:
                    raise TooComplex(f"nested more than {MAX_DEPTH} levels deep at line {ev.start_mark.line + 1}")
                box = YMap() if cls is MappingStartEvent else YList()
                box.line = ev.start_mark.line + 1
                stack.append([box, _NOKEY, 0, count, ev.anchor])
                if count > MAX_NODES:
                    raise TooComplex(f"more than {MAX_NODES:,} values (repeated aliases?)")
                continue
            elif isinstance(ev, CollectionEndEvent):
                frame = stack.pop()
                value, raw, line = frame[0], None, frame[0].line
                if frame[4] is not None:
                    anchors[frame[4]] = (value, None, count - frame[3] + 1)
            elif cls is DocumentStartEvent:
                if doc_mark is not None:
                    raise yaml.composer.ComposerError("expected a single document in the stream", doc_mark,
                                                      "but found another document", ev.start_mark)
                doc_mark = ev.start_mark
                continue
            elif cls is StreamEndEvent:
                return root
            else:
                continue
            if count > MAX_NODES:
                raise TooComplex(f"more than {MAX_NODES:,} values (repeated aliases?)")
            if not stack:
                root = value
                continue
            frame = stack[-1]
            box = frame[0]
            if type(box) is YList:
                box.append((value, line))
            elif frame[1] is _NOKEY:
                if raw is None:
                    raw = "<complex key>"
                frame[1] = raw
                frame[2] = line
            else:
                key = frame[1]
                frame[1] = _NOKEY
                if key in box:
                    prev, prev_line = box[key]
                    if isinstance(prev, list) and isinstance(value, list):
                        merged_list = YList(prev + value)  # two 'objectives:' blocks: keep both
                        merged_list.line = prev.line
                        box[key] = (merged_list, prev_line)
                        merged = "both were read"
                    else:
                        merged = f"the first one (line {prev_line}) was read"
                    reader.report(codes.UNKNOWN_FIELD, f"'{key}' appears twice in the same block; {merged}",
                                  Source(display, frame[2]))
                    continue
                box[key] = (value, frame[2])
    finally:
        loader.dispose()


_NOKEY = object()


def read_yaml_plan(path: Path, display: str, hits: list[Hit], text: str | None = None):
    """Read one plan file. Returns ``(plan, objectives, measures)``; plan is None when unreadable."""
    reader = FieldReader(hits)
    whole = Source(display, None)
    try:
        if text is None:
            text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} is not UTF-8 text (byte {exc.start}); save it as UTF-8", whole)
        return None, [], []
    if "\x00" in text:
        reader.report(codes.UNREADABLE_FILE, f"{display} is a binary file, not a YAML plan", whole)
        return None, [], []
    walker = _Walker(reader, display)
    try:
        doc = read_events(text, reader, display)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark else None
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} is not valid YAML: {problem}" + (f" (line {line})" if line else ""),
                      Source(display, line))
        return None, [], []
    except TooComplex as exc:
        reader.report(codes.UNREADABLE_FILE, f"{display} is too complex to read safely: {exc}", whole)
        return None, [], []
    except RecursionError:
        reader.report(codes.UNREADABLE_FILE, f"{display} is nested too deeply to read", whole)
        return None, [], []
    if doc is None:
        reader.report(codes.UNREADABLE_FILE, f"{display} is empty", whole)
        return None, [], []
    if not isinstance(doc, YMap) or "plan" not in doc:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} is not a plan file: it needs a 'plan:' section "
                      "(see the plan format)", Source(display, getattr(doc, "line", None) or 1))
        return None, [], []
    return _read_document(doc, walker, reader, display, path.stem)


_NESTED = {"measures", "targets", "baseline", "period"}  # walked by this module, not the field reader


def _cells(mapping: YMap, walker: _Walker) -> dict[str, Cell]:
    out = {}
    for key, (value, line) in mapping.items():
        if isinstance(value, YList) and key not in _NESTED:
            value = [item for item, _ in value]  # e.g. supports: [A, B]
        out[key] = Cell(value, walker.src(line))
    return out


def _unknown(mapping: YMap, known, walker: _Walker, reader: FieldReader, what: str) -> None:
    for key, (_, line) in mapping.items():
        if key not in known:
            reader.unknown(key, known, walker.src(line), what)


def _read_document(doc: YMap, walker: _Walker, reader: FieldReader, display: str, stem: str):
    _unknown(doc, TOP_KEYS, walker, reader, display)
    plan_node, plan_line = doc["plan"]
    if not isinstance(plan_node, YMap):
        reader.report(codes.UNREADABLE_FILE, f"{display}: 'plan:' must hold the plan's id, title and kind",
                      walker.src(plan_line))
        return None, [], []
    _unknown(plan_node, PLAN_KEYS, walker, reader, "Plan")
    cells = _cells(plan_node, walker)
    period = cells.pop("period", None)
    if period is not None:
        if isinstance(period.value, YMap):
            for key, (value, line) in period.value.items():
                if key in ("start", "end"):
                    cells[f"period_{key}"] = Cell(value, walker.src(line))
                else:
                    reader.unknown(key, ("start", "end"), walker.src(line), "Plan period")
        elif period.value is not None:
            reader.report(codes.BAD_YEAR, "Plan: 'period' should be {start: 2008/09, end: 2010/11}",
                          period.source)
    plan = reader.plan(cells, walker.src(plan_node.line), stem)
    objectives: list[ObjectiveRec] = []
    measures: list[MeasureRec] = []
    obj_list, obj_line = doc.get("objectives", (None, 0))
    if obj_list is None:
        return plan, objectives, measures
    if not isinstance(obj_list, YList):
        reader.report(codes.BAD_FIELD_VALUE, f"Plan {plan.id}: 'objectives' should be a list (each starting with '- id:')",
                      walker.src(obj_line), plan.id)
        return plan, objectives, measures
    for n, (item, line) in enumerate(obj_list, 1):
        if not isinstance(item, YMap):
            reader.report(codes.BAD_FIELD_VALUE,
                          f"Plan {plan.id}: objective {n} should be a set of keys (id, title, ...)",
                          walker.src(line), plan.id)
            continue
        _read_objective(item, n, plan, walker, reader, objectives, measures)
    return plan, objectives, measures


def _read_objective(item: YMap, n: int, plan: PlanRec, walker, reader, objectives, measures) -> None:
    own_id = item.get("id", (None, 0))[0]
    label = f"Objective {own_id}" if isinstance(own_id, (str, int)) else f"Objective {n} of {plan.id}"
    _unknown(item, OBJECTIVE_KEYS, walker, reader, label)
    cells = _cells(item, walker)
    measure_cell = cells.pop("measures", None)
    obj = reader.objective(cells, walker.src(item.line), plan.id, f"{plan.id}-objective-{n}")
    obj.owner = plan
    objectives.append(obj)
    if measure_cell is None or measure_cell.value is None:
        return
    if not isinstance(measure_cell.value, YList):
        reader.report(codes.BAD_FIELD_VALUE, f"Objective {obj.id}: 'measures' should be a list",
                      measure_cell.source, plan.id)
        return
    for pos, (item_m, line) in enumerate(measure_cell.value, 1):
        if not isinstance(item_m, YMap):
            reader.report(codes.BAD_FIELD_VALUE,
                          f"Objective {obj.id}: each measure should be a set of keys (title, unit, ...)",
                          walker.src(line), plan.id)
            continue
        measures.append(_read_measure(item_m, obj, f"{obj.id}.{pos}", walker, reader))


def _read_measure(item: YMap, obj: ObjectiveRec, default_id: str, walker, reader) -> MeasureRec:
    own_id = item.get("id", (None, 0))[0]
    _unknown(item, MEASURE_KEYS, walker, reader,
             f"Measure {own_id if isinstance(own_id, (str, int)) else default_id}")
    cells = _cells(item, walker)
    baseline = cells.pop("baseline", None)
    targets = cells.pop("targets", None)
    if baseline is not None:
        if isinstance(baseline.value, YMap):
            for key, (value, line) in baseline.value.items():
                if key in ("value", "year"):
                    cells[f"baseline_{key}"] = Cell(value, walker.src(line))
                else:
                    reader.unknown(key, ("value", "year"), walker.src(line), "Baseline")
        elif baseline.value is not None:
            # A bare number is read as the value; the missing year is then reported.
            cells["baseline_value"] = baseline
    rec = reader.measure(cells, walker.src(item.line), obj.id, default_id)
    rec.owner = obj
    if targets is None or targets.value is None:
        return rec
    if not isinstance(targets.value, YList):
        reader.report(codes.BAD_FIELD_VALUE,
                      f"{_name(rec)}: 'targets' should be a list like - {{year: 2010/11, value: 70}}",
                      targets.source)
        return rec
    for entry, line in targets.value:
        if not isinstance(entry, YMap):
            reader.report(codes.BAD_FIELD_VALUE,
                          f"{_name(rec)}: each target should be {{year: ..., value: ...}}",
                          walker.src(line))
            continue
        _unknown(entry, ("year", "value"), walker, reader, f"{_name(rec)}, target")
        rec.targets.append(reader.target(_cells(entry, walker), walker.src(entry.line), _name(rec)))
    return rec


def _name(rec: MeasureRec) -> str:
    return f"Measure {rec.id}" if rec.id else f"A measure of {rec.objective_id}"
