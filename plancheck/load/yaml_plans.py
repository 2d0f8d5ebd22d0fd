"""YAML plan files (contract section 2), read with line numbers.

The file is read as a stream of events by PyYAML's C parser and built here into plain
mappings and lists, so every value keeps its line and no tag ever constructs an object.
Building from events, not with ``yaml.compose``, matters for hostile files: the C
composer recurses once per nesting level and crashes the process on a file of
``[[[[...`` tens of thousands deep, and it would expand alias bombs. Here depth, value
count and alias expansion are limited as the events arrive, before they cost memory.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from .. import input_codes as codes
from ..findings import Hit
from ..model import Source
from .records import Cell, FieldReader, MeasureRec, ObjectiveRec, PlanRec

try:  # the C parser is ~10x faster; fall back so plancheck still runs without libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_DEPTH = 40
MAX_NODES = 5_000_000
MAX_ALIAS_NODES = 100_000  # values repeated through *aliases, all together
MAX_INT_BITS = 256  # a longer integer is kept as text (str() of huge ints fails)

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null": lambda n: None,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}
_NO_KEY = object()

PLAN_KEYS = ("id", "title", "kind", "owner", "period", "derives_from", "accept")
OBJECTIVE_KEYS = ("id", "title", "theme", "supports", "local", "lead", "measures", "accept")
MEASURE_KEYS = ("id", "indicator", "title", "unit", "direction", "kind", "baseline", "targets", "lead",
                "actuals", "accept")
ACCEPT_KEYS = ("check", "reason", "until", "by")
TOP_KEYS = ("plan", "objectives")


class TooComplex(Exception):
    pass


class YMap(dict):
    """A YAML mapping: ``{key: (value, line)}`` plus its own line."""

    line: int = 0


class YList(list):
    """A YAML sequence of ``(value, line)``."""

    line: int = 0


class _Frame:
    __slots__ = ("container", "anchor", "start_count", "key", "key_line")

    def __init__(self, container, anchor, start_count):
        self.container = container
        self.anchor = anchor
        self.start_count = start_count
        self.key = _NO_KEY
        self.key_line = 0


class _Walker:
    """Builds ``YMap``/``YList`` trees from parser events, without recursion."""

    def __init__(self, reader: FieldReader, display: str):
        self.reader = reader
        self.display = display
        self.count = 0
        self.aliased = 0
        self._sources: dict[int, Source] = {}

    def build(self, events):
        """The document's root value (None for an empty file)."""
        stack: list[_Frame] = []
        anchors: dict[str, tuple] = {}  # anchor -> (value, size, key text)
        root = None
        documents = 0
        for ev in events:
            if isinstance(ev, yaml.ScalarEvent):
                self._count(len(stack), ev)
                value = _scalar(ev)
                if ev.anchor:
                    anchors[ev.anchor] = (value, 1, ev.value)
                root = self._place(stack, value, ev.start_mark.line + 1, ev.value, root)
            elif isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self._count(len(stack), ev)
                container = YList() if isinstance(ev, yaml.SequenceStartEvent) else YMap()
                container.line = ev.start_mark.line + 1
                stack.append(_Frame(container, ev.anchor, self.count))
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                frame = stack.pop()
                value = frame.container
                if frame.anchor:
                    anchors[frame.anchor] = (value, self.count - frame.start_count + 1, None)
                root = self._place(stack, value, value.line, None, root)
            elif isinstance(ev, yaml.AliasEvent):
                line = ev.start_mark.line + 1
                if ev.anchor not in anchors:
                    raise yaml.composer.ComposerError(None, None, f"found undefined alias {ev.anchor}",
                                                      ev.start_mark)
                value, size, key_text = anchors[ev.anchor]
                self.aliased += size
                self.count += size
                if self.aliased > MAX_ALIAS_NODES or self.count > MAX_NODES:
                    raise TooComplex(f"aliases (*name) repeat more than {MAX_ALIAS_NODES:,} values "
                                     f"(line {line})")
                if isinstance(value, (YMap, YList)):
                    value = copy.deepcopy(value)  # a shared copy could be changed through the other
                root = self._place(stack, value, line, key_text, root)
            elif isinstance(ev, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream", None,
                        "but found another document", ev.start_mark)
        return root

    def _count(self, depth: int, ev) -> None:
        self.count += 1
        if depth > MAX_DEPTH:
            raise TooComplex(f"nested more than {MAX_DEPTH} levels deep at line {ev.start_mark.line + 1}")
        if self.count > MAX_NODES:
            raise TooComplex(f"more than {MAX_NODES:,} values")

    def _place(self, stack: list[_Frame], value, line: int, key_text: str | None, root):
        """Put a finished value into the open collection; the new root when there is none."""
        if not stack:
            return value
        frame = stack[-1]
        out = frame.container
        if isinstance(out, YList):
            out.append((value, line))
            return root
        if frame.key is _NO_KEY:
            frame.key = key_text if key_text is not None else "<complex key>"
            frame.key_line = line
            return root
        key, line = frame.key, frame.key_line
        frame.key = _NO_KEY
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
            return root
        out[key] = (value, line)
        return root

    def src(self, line: int) -> Source:
        # One Source per line: a flow mapping puts several fields on a line (memory at scale).
        try:
            return self._sources[line]
        except KeyError:
            made = self._sources[line] = Source(self.display, line)
            return made


_TYPED: dict[tuple, object] = {}  # plan files repeat most scalars (years, units, kinds)


def _scalar(ev):
    """The value of a scalar event, typed as PyYAML's safe loader would; cached by text."""
    if len(ev.value) > 64:
        return _typed(ev)
    key = (ev.tag, ev.implicit[0], ev.value)
    try:
        return _TYPED[key]
    except KeyError:
        pass
    if len(_TYPED) > 100_000:
        _TYPED.clear()
    value = _TYPED[key] = _typed(ev)
    return value


def _typed(ev):
    tag = ev.tag
    if tag is None or tag == "!":
        if not ev.implicit[0]:
            return ev.value  # quoted: always text
        tag = _RESOLVER.resolve(yaml.ScalarNode, ev.value, (True, False))
    if tag == _STR:
        return ev.value
    make = _SCALAR_TAGS.get(tag)
    if make is None:
        return ev.value  # any other tag (!!python/..., !!binary) is read as its text
    try:
        value = make(yaml.ScalarNode(tag, ev.value))
    except (ValueError, OverflowError, yaml.YAMLError):
        return ev.value
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        return ev.value
    return value


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
    except OSError as exc:
        reader.report(codes.UNREADABLE_FILE, f"{display} could not be read ({exc.strerror or exc})", whole)
        return None, [], []
    if "\x00" in text:
        reader.report(codes.UNREADABLE_FILE, f"{display} is a binary file, not a YAML plan", whole)
        return None, [], []
    walker = _Walker(reader, display)
    try:
        doc = walker.build(yaml.parse(text, Loader=_Loader))
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
    if doc is None:
        reader.report(codes.UNREADABLE_FILE, f"{display} is empty", whole)
        return None, [], []
    if not isinstance(doc, YMap) or "plan" not in doc:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} is not a plan file: it needs a 'plan:' section "
                      "(see the plan format)", Source(display, getattr(doc, "line", None) or 1))
        return None, [], []
    return _read_document(doc, walker, reader, display, path.stem)


_NESTED = {"measures", "targets", "baseline", "period", "actuals", "accept"}  # walked by this module, not the field reader


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
    accept = cells.pop("accept", None)
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
    _read_accept(accept, plan.id, f"Plan {plan.id}", plan.accept, walker, reader)
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
    accept = cells.pop("accept", None)
    obj = reader.objective(cells, walker.src(item.line), plan.id, f"{plan.id}-objective-{n}")
    obj.owner = plan
    _read_accept(accept, obj.id, f"Objective {obj.id}", obj.accept, walker, reader)
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
    accept = cells.pop("accept", None)
    actuals = cells.pop("actuals", None)
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
    _read_accept(accept, rec.id or default_id, _name(rec), rec.accept, walker, reader)
    if actuals is not None:
        _read_actuals(actuals, rec, walker, reader)
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


def _read_accept(cell: Cell | None, on: str, what: str, out: list, walker: _Walker,
                 reader: FieldReader) -> None:
    """``accept:`` on a plan, objective or measure: a list of {check, reason, until, by}."""
    if cell is None or cell.value is None:
        return
    example = "- {check: PC201, reason: ..., until: 2011/12}"
    if not isinstance(cell.value, YList):
        reader.report(codes.BAD_ACCEPTANCE, f"{what}: 'accept' should be a list like {example}; "
                      "it was not read", cell.source, objects=(on,))
        return
    for entry, line in cell.value:
        if not isinstance(entry, YMap):
            reader.report(codes.BAD_ACCEPTANCE, f"{what}: each entry of 'accept' should be like {example}",
                          walker.src(line), objects=(on,))
            continue
        _unknown(entry, ACCEPT_KEYS, walker, reader, f"{what}, accept")
        accepted = reader.acceptance(_cells(entry, walker), walker.src(entry.line), on, f"{what}: an acceptance")
        if accepted is not None:
            out.append(accepted)


def _read_actuals(actuals: Cell, rec: MeasureRec, walker, reader) -> None:
    """``actuals: [{year: 2009/10, value: 67.1, source: ...}]`` (contract section 6)."""
    if actuals.value is None:
        return
    if not isinstance(actuals.value, YList):
        reader.report(codes.BAD_FIELD_VALUE,
                      f"{_name(rec)}: 'actuals' should be a list like - {{year: 2009/10, value: 67.1}}",
                      actuals.source)
        return
    for entry, line in actuals.value:
        if not isinstance(entry, YMap):
            reader.report(codes.BAD_FIELD_VALUE,
                          f"{_name(rec)}: each actual should be {{year: ..., value: ..., source: ...}}",
                          walker.src(line))
            continue
        _unknown(entry, ("year", "value", "source"), walker, reader, f"{_name(rec)}, actual")
        found = reader.actual(_cells(entry, walker), walker.src(entry.line), _name(rec))
        if found is not None:
            rec.actuals.append(found)


def _name(rec: MeasureRec) -> str:
    return f"Measure {rec.id}" if rec.id else f"A measure of {rec.objective_id}"
