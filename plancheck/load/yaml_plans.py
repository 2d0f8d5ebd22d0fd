"""YAML plan files (contract section 2), read with line numbers.

A file in the plain block style most plans are written in is read line by line
(:mod:`.yaml_plain`). Any other file is read as a stream of events by PyYAML's C parser
and built here into the same plain mappings and lists, so every value keeps its line
and no tag ever constructs an object.
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
from ..files import FileError, read_regular
from ..findings import Hit
from ..model import Source
from .records import Cell, FieldReader, MeasureRec, ObjectiveRec, PlanRec
from .yaml_plain import read_plain
from .yaml_tree import NULLS, TEXT_KEYS, YList, YMap, plain_scalar

try:  # the C parser is ~10x faster; fall back so plancheck still runs without libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_YAML_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 5_000_000
MAX_ALIAS_NODES = 100_000  # values repeated through *aliases, all together

_NO_KEY = object()

PLAN_KEYS = ("id", "title", "kind", "owner", "period", "derives_from", "accept")
OBJECTIVE_KEYS = ("id", "title", "theme", "supports", "local", "lead", "measures", "accept")
MEASURE_KEYS = ("id", "indicator", "title", "unit", "direction", "kind", "baseline", "targets", "lead",
                "actuals", "accept")
ACCEPT_KEYS = ("check", "reason", "until", "by")
TOP_KEYS = ("plan", "objectives")


class TooComplex(Exception):
    pass


class _Frame:
    __slots__ = ("container", "anchor", "start_count", "key", "key_line", "ids")

    def __init__(self, container, anchor, start_count, ids=False):
        self.container = container
        self.anchor = anchor
        self.start_count = start_count
        self.key = _NO_KEY
        self.key_line = 0
        self.ids = ids  # a list of ids (``supports: [1.10, 010]``): items kept as written


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
        scalar_event = yaml.ScalarEvent
        no_key, text_keys, ymap, nulls = _NO_KEY, TEXT_KEYS, YMap, NULLS
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        for ev in events:
            if type(ev) is scalar_event:
                # Most events are scalars: the common case (a key, or a value in a mapping
                # whose key is set) is written out here, _scalar included; _place does the
                # rest. Same rules as _count, _wants_text, _scalar and _place.
                self.count += 1
                if self.count > MAX_NODES or len(stack) > MAX_DEPTH:
                    self._limits(len(stack), ev)
                text = ev.value
                if not stack:
                    value = _scalar(ev, False)
                else:
                    frame = stack[-1]
                    if type(frame.container) is ymap:
                        key = frame.key
                        anchor = ev.anchor
                        if key is no_key:
                            if anchor:
                                anchors[anchor] = (_scalar(ev, False), 1, text)
                            frame.key = text
                            frame.key_line = ev.start_mark.line + 1
                            continue
                        tag = ev.tag
                        if (tag is not None and tag != "!") or not ev.implicit[0]:
                            value = text  # an explicit tag or quoted: its text
                        elif key in text_keys and text not in nulls:
                            value = text
                        else:
                            value = plain_scalar(text)
                        if not anchor and key not in frame.container:
                            frame.container[key] = (value, frame.key_line)
                            frame.key = no_key
                            continue
                    else:
                        value = _scalar(ev, frame.ids)
                if ev.anchor:
                    anchors[ev.anchor] = (value, 1, text)
                root = self._place(stack, value, ev.start_mark.line + 1, text, root)
            elif type(ev) is mapping_start or type(ev) is sequence_start:  # the parser's own classes
                self._count(len(stack), ev)
                if type(ev) is mapping_start:
                    container, ids = ymap(), False
                else:
                    container, ids = YList(), _wants_text(stack)
                container.line = ev.start_mark.line + 1
                stack.append(_Frame(container, ev.anchor, self.count, ids))
            elif type(ev) is mapping_end or type(ev) is sequence_end:
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
        self._limits(depth, ev)

    def _limits(self, depth: int, ev) -> None:
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
        # Most lines are asked for once: a lookup, not a KeyError caught.
        made = self._sources.get(line)
        if made is None:
            made = self._sources[line] = Source(self.display, line)
        return made


def _wants_text(stack: list[_Frame]) -> bool:
    """Whether the next value is an id (or an item of a list of ids), to keep as written."""
    if not stack:
        return False
    frame = stack[-1]
    if isinstance(frame.container, YList):
        return frame.ids
    return frame.key is not _NO_KEY and frame.key in TEXT_KEYS


def _scalar(ev, as_text: bool = False):
    """The value of a scalar event: text, or None/bool/int/float by plancheck's own rules."""
    tag = ev.tag
    if tag is not None and tag != "!":
        return ev.value  # an explicit tag (!!int, !!timestamp, !!python/...) never constructs: its text
    if not ev.implicit[0]:
        return ev.value  # quoted: always text
    if as_text and ev.value not in NULLS:
        return ev.value
    return plain_scalar(ev.value)


def _events(text: str):
    """The parser's events. With libyaml, straight from the C parser (which gives None
    after the stream's end), without ``yaml.parse``'s Python generator around each one."""
    if _Loader is yaml.SafeLoader:  # pragma: no cover - only without libyaml
        return yaml.parse(text, Loader=_Loader)
    return iter(_Loader(text).get_event, None)


def read_yaml_plan(path: Path, display: str, hits: list[Hit], text: str | None = None):
    """Read one plan file. Returns ``(plan, objectives, measures)``; plan is None when unreadable."""
    reader = FieldReader(hits)
    whole = Source(display, None)
    try:
        if text is None:
            text = read_regular(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = exc.object[:exc.start]  # text up to the bad byte: its line, when it is text at all
        line = before.count(b"\n") + 1 if exc.start and b"\x00" not in before else None
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} is not UTF-8 text (byte {exc.start}"
                      + (f", line {line}" if line else "") + "); save it as UTF-8", Source(display, line))
        return None, [], []
    except FileError as exc:
        reader.report(codes.UNREADABLE_FILE, f"{display} was not read: {exc}", whole)
        return None, [], []
    if "\x00" in text:
        reader.report(codes.UNREADABLE_FILE, f"{display} is a binary file, not a YAML plan", whole)
        return None, [], []
    walker = _Walker(reader, display)
    try:
        doc = read_plain(text)
        if doc is None:  # not in the plain style: the YAML parser reads it
            doc = walker.build(_events(text))
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
    sources, display = walker._sources, walker.display  # walker.src, written out: a call per field was 2% of a run
    for key, (value, line) in mapping.items():
        if type(value) is YList and key not in _NESTED:
            value = [item for item, _ in value]  # e.g. supports: [A, B]
        source = sources.get(line)
        if source is None:
            source = sources[line] = Source(display, line)
        out[key] = Cell(value, source)
    return out


def _unknown(mapping: YMap, known, walker: _Walker, reader: FieldReader, what: str,
             objects: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Report the keys of ``mapping`` not in ``known``; returns them with their lines."""
    found = []
    for key, (_, line) in mapping.items():
        if key not in known:
            reader.unknown(key, known, walker.src(line), what, objects=objects)
            found.append((key, line))
    return found


def _own_id(mapping: YMap) -> str | None:
    value = mapping.get("id", (None, 0))[0]
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _read_document(doc: YMap, walker: _Walker, reader: FieldReader, display: str, stem: str):
    plan_node, plan_line = doc["plan"]
    pid = _own_id(plan_node) if isinstance(plan_node, YMap) else None
    about = (pid,) if pid else ()
    strays = _unknown(doc, TOP_KEYS, walker, reader, display, about)
    if not isinstance(plan_node, YMap):
        reader.report(codes.UNREADABLE_FILE, f"{display}: 'plan:' must hold the plan's id, title and kind",
                      walker.src(plan_line))
        return None, [], []
    _unknown(plan_node, PLAN_KEYS, walker, reader, "Plan", about)
    cells = _cells(plan_node, walker)
    accept = cells.pop("accept", None)
    period = cells.pop("period", None)
    if period is not None:
        if isinstance(period.value, YMap):
            for key, (value, line) in period.value.items():
                if key in ("start", "end"):
                    cells[f"period_{key}"] = Cell(value, walker.src(line))
                else:
                    reader.unknown(key, ("start", "end"), walker.src(line), "Plan period", objects=about)
        elif period.value is not None:
            reader.report(codes.BAD_YEAR, "Plan: 'period' should be {start: 2008/09, end: 2010/11}",
                          period.source, pid, about)
    plan = reader.plan(cells, walker.src(plan_node.line), stem)
    _read_accept(accept, plan.id, f"Plan {plan.id}", plan.accept, walker, reader)
    objectives: list[ObjectiveRec] = []
    measures: list[MeasureRec] = []
    obj_list, obj_line = doc.get("objectives", (None, 0))
    if strays and not obj_list:
        # A misspelt 'objectives:' would otherwise leave a plan that passes with nothing in it.
        names = ", ".join(f"'{k}' (line {line})" for k, line in strays[:5])
        reader.report(codes.MISSING_FIELD,
                      f"Plan {plan.id}: no objectives were read, and this file has the unknown top-level "
                      f"key {names}; if it holds the objectives, rename it 'objectives:' so they are checked",
                      walker.src(strays[0][1]), plan.id, (plan.id,))
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
    own_id = _own_id(item)
    label = f"Objective {own_id}" if own_id else f"Objective {n} of {plan.id}"
    _unknown(item, OBJECTIVE_KEYS, walker, reader, label, (own_id,) if own_id else ())
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
                      measure_cell.source, plan.id, (obj.id,))
        return
    for pos, (item_m, line) in enumerate(measure_cell.value, 1):
        if not isinstance(item_m, YMap):
            reader.report(codes.BAD_FIELD_VALUE,
                          f"Objective {obj.id}: each measure should be a set of keys (title, unit, ...)",
                          walker.src(line), plan.id, (obj.id,))
            continue
        measures.append(_read_measure(item_m, obj, f"{obj.id}.{pos}", walker, reader))


def _read_measure(item: YMap, obj: ObjectiveRec, default_id: str, walker, reader) -> MeasureRec:
    own_id = _own_id(item) or default_id
    _unknown(item, MEASURE_KEYS, walker, reader, f"Measure {own_id}", (own_id,))
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
                    reader.unknown(key, ("value", "year"), walker.src(line), "Baseline", objects=(own_id,))
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
                      targets.source, None, (rec.id,))
        return rec
    name = _name(rec)
    for entry, line in targets.value:
        if not isinstance(entry, YMap):
            reader.report(codes.BAD_FIELD_VALUE,
                          f"{name}: each target should be {{year: ..., value: ...}}",
                          walker.src(line), None, (rec.id,))
            continue
        if len(entry) == 2 and "year" in entry and "value" in entry:
            clean = reader.clean_target(entry["year"][0], entry["value"][0], walker.src(entry.line))
            if clean is not None:
                rec.targets.append(clean)
                continue
        elif not entry.keys() <= _TARGET_KEYS:
            _unknown(entry, ("year", "value"), walker, reader, f"{name}, target", (rec.id,))
        rec.targets.append(reader.target(_cells(entry, walker), walker.src(entry.line), name, rec.id))
    return rec


_TARGET_KEYS = frozenset(("year", "value"))


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
