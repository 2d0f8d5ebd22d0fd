"""Plain model objects for a plan framework, each carrying where it came from.

Loaders build these; the graph and checks only read them. Everything is frozen so a
check can never change what another check sees.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from operator import attrgetter

PLAN_KINDS = (
    "community-plan",
    "sustainable-community-strategy",
    "local-area-agreement",
    "corporate-plan",
    "partnership-plan",
    "service-plan",
    "other",
)
DIRECTIONS = ("increase", "decrease", "maintain")
MEASURE_KINDS = ("outcome", "output", "process")
KNOWN_UNITS = ("percent", "number", "rate", "ratio", "currency", "score", "text")


@dataclass(frozen=True, slots=True)
class Source:
    """Where something was read: file and line (YAML, CSV) or file, sheet and cell."""

    file: str
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def describe(self) -> str:
        """Short human form, e.g. ``laa.yaml line 21`` or ``luton.xlsx, sheet measures, cell B7``."""
        if self.sheet is not None:
            where = f"{self.file}, sheet {self.sheet}"
            return f"{where}, cell {self.cell}" if self.cell else where
        return f"{self.file} line {self.line}" if self.line else self.file

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "sheet": self.sheet, "cell": self.cell}


@dataclass(frozen=True, slots=True, order=True)
class Year:
    """A calendar year (``2011``) or a financial year (``2010/11``, April to March).

    ``point`` is the calendar year in which the period ends, so ``2010/11`` and ``2011``
    share a point (they nearly coincide) while ``2010/11`` and ``2010`` do not.
    """

    point: int
    financial: bool
    start: int

    @property
    def label(self) -> str:
        if self.financial:
            return f"{self.start}/{(self.start + 1) % 100:02d}"
        return str(self.start)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class Value:
    """A value as written in a plan, with the number read from it when there is one.

    ``status`` is ``number`` (a plain number), ``qualified`` (a number with words around
    it, e.g. ``55.7 (for 2009)``, never to be used silently), ``text`` (``TBC``) or
    ``blank``.
    """

    raw: str
    number: float | None
    status: str
    percent_sign: bool = False

    @property
    def is_number(self) -> bool:
        return self.status == "number"

    def display(self) -> str:
        if self.status == "number" and self.number is not None:
            return format_number(self.number)
        return self.raw


def format_number(x: float) -> str:
    """Write a number as an officer would: no needless ``.0``, thousands separated."""
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    text = f"{x:,.4f}".rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True, slots=True)
class Target:
    year: Year | None
    value: Value
    source: Source
    year_raw: str = ""


@dataclass(frozen=True, slots=True)
class Baseline:
    year: Year | None
    value: Value
    source: Source
    year_raw: str = ""


@dataclass(frozen=True, slots=True)
class Acceptance:
    """A finding its owners have looked at and accepted (contract section 7).

    Written on a plan, objective or measure (``on``): ``check`` is a code or a check name
    as written; an acceptance without a reason is reported and never applied.
    """

    on: str
    check: str
    reason: str
    source: Source
    until: Year | None = None
    until_raw: str = ""
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Actual:
    """A figure actually achieved for a year (contract section 6).

    ``cite`` is the ``source`` the plan gives for the figure (free text: a data set, a
    report); ``source`` is where plancheck read it. ``indicator`` is set when the figure
    came from a framework-level row keyed by indicator code rather than from the measure.
    """

    year: Year
    value: Value
    source: Source
    year_raw: str = ""
    cite: str | None = None
    indicator: str | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    objective_id: str
    plan_id: str
    title: str
    source: Source
    indicator: str | None = None
    unit: str | None = None
    direction: str | None = None
    kind: str | None = None
    baseline: Baseline | None = None
    targets: tuple[Target, ...] = ()
    lead: str | None = None
    fields: dict[str, Source] = field(default_factory=dict, compare=False, hash=False)
    accept: tuple[Acceptance, ...] = ()
    # Its own actuals, then those it takes from framework-level rows for its indicator code.
    actuals: tuple[Actual, ...] = ()

    def where(self, key: str) -> Source:
        """The source of one field when known, else of the measure itself."""
        return self.fields.get(key, self.source)


@dataclass(frozen=True, slots=True)
class Objective:
    id: str
    plan_id: str
    title: str
    source: Source
    theme: str | None = None
    supports: tuple[str, ...] = ()
    local: bool = False
    lead: str | None = None
    measures: tuple[Measure, ...] = ()
    fields: dict[str, Source] = field(default_factory=dict, compare=False, hash=False)
    accept: tuple[Acceptance, ...] = ()

    def where(self, key: str) -> Source:
        return self.fields.get(key, self.source)


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    title: str
    kind: str
    source: Source
    owner: str | None = None
    period_start: Year | None = None
    period_end: Year | None = None
    derives_from: tuple[str, ...] = ()
    objectives: tuple[Objective, ...] = ()
    fields: dict[str, Source] = field(default_factory=dict, compare=False, hash=False)
    accept: tuple[Acceptance, ...] = ()

    def where(self, key: str) -> Source:
        return self.fields.get(key, self.source)

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start} to {self.period_end}"
        return ""


@dataclass(frozen=True, slots=True)
class Framework:
    """Every plan named in one run. Ids are meant to be unique across it."""

    plans: tuple[Plan, ...]
    name: str = ""
    # Framework-level actuals keyed by indicator code (contract section 6), as read; each
    # also appears on the measures it applies to.
    actuals: tuple[Actual, ...] = ()

    def objectives(self):
        for plan in self.plans:
            yield from plan.objectives

    def measures(self):
        for plan in self.plans:
            for objective in plan.objectives:
                yield from objective.measures

    def counts(self) -> dict[str, int]:
        objectives = sum(len(p.objectives) for p in self.plans)
        measures = sum(len(o.measures) for p in self.plans for o in p.objectives)
        return {"plans": len(self.plans), "objectives": objectives, "measures": measures}


def quick_frozen(*classes: type) -> None:
    """Build and unpickle frozen slotted dataclasses with one slot write per field.

    The ``__init__`` dataclasses writes for a frozen class looks up ``object.__setattr__``
    for every field, and its default pickling looks up ``fields()`` for every object. A
    many-area run builds and sends millions of these objects, so each class gets an
    ``__init__`` (same parameters and defaults) and a ``__setstate__`` that write each slot
    through its descriptor, and a ``__getstate__`` giving the field values as one tuple.
    The dataclass's own ``__init__`` is kept as ``_dataclass_init`` (tests compare the two).
    """
    for cls in classes:
        names = tuple(f.name for f in fields(cls))
        cls._dataclass_init = cls.__init__
        cls.__init__ = _quick_init(cls)
        cls.__getstate__ = _state_getter(attrgetter(*names), len(names) == 1)
        cls.__setstate__ = _state_setter(cls, names)


def _quick_init(cls: type):
    if hasattr(cls, "__post_init__") or any(f.kw_only or not f.init for f in fields(cls)):
        raise TypeError(f"quick_frozen: {cls.__name__} needs the dataclass's own __init__")
    params, body = [], []
    env: dict = {}
    for n, f in enumerate(fields(cls)):
        env[f"_set{n}"] = getattr(cls, f.name).__set__  # the slot's descriptor
        if f.default is not MISSING:
            env[f"_default{n}"] = f.default
            params.append(f"{f.name}=_default{n}")
            body.append(f"    _set{n}(self, {f.name})")
        elif f.default_factory is not MISSING:
            env[f"_factory{n}"] = f.default_factory
            params.append(f"{f.name}=_NO_VALUE")
            body.append(f"    _set{n}(self, _factory{n}() if {f.name} is _NO_VALUE else {f.name})")
        else:
            params.append(f.name)
            body.append(f"    _set{n}(self, {f.name})")
    env["_NO_VALUE"] = _NO_VALUE
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    exec(source, env)  # noqa: S102 - code built above from the class's own field names
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


class _NoValue:
    def __repr__(self) -> str:
        return "<factory>"


_NO_VALUE = _NoValue()


def _state_getter(get, single: bool):
    if single:
        return lambda self: (get(self),)
    return lambda self: get(self)


def _state_setter(cls: type, names: tuple[str, ...]):
    env = {f"_set{n}": getattr(cls, name).__set__ for n, name in enumerate(names)}
    source = ("def __setstate__(self, state):\n"
              + "".join(f"    _set{n}(self, state[{n}])\n" for n in range(len(names))))
    exec(source, env)  # noqa: S102 - code built above from the class's own field names
    return env["__setstate__"]


quick_frozen(Source, Year, Value, Target, Baseline, Acceptance, Actual, Measure, Objective, Plan, Framework)


# --- outlines: what a worker sends back of a framework it checked -----------------------------

def pack_outline(framework: Framework) -> tuple:
    """The framework's plans, objectives and measures with their ids, titles and places but
    no targets, baselines or places of single fields, as plain tuples: sent from a worker
    process as tuples, it costs a fraction of the objects it describes, and the parent
    builds the objects (:func:`unpack_outline`) only if something reads them."""
    return (framework.name, tuple(
        (p.id, p.title, p.kind, _place(p.source), p.owner, p.period_start, p.period_end, p.derives_from, p.accept,
         tuple((o.id, o.plan_id, o.title, _place(o.source), o.theme, o.supports, o.local, o.lead, o.accept,
                tuple((m.id, m.objective_id, m.plan_id, m.title, _place(m.source), m.indicator, m.unit, m.direction,
                       m.kind, m.lead, m.accept, m.actuals) for m in o.measures))
               for o in p.objectives))
        for p in framework.plans))


def _place(source: Source) -> tuple:
    return (source.file, source.line, source.sheet, source.cell)


def unpack_outline(packed: tuple) -> Framework:
    """The outline :func:`pack_outline` packed, as model objects (without ``fields``)."""
    name, plans = packed
    return Framework(plans=tuple(
        Plan(pid, title, kind, Source(*source), owner, start, end, derives, tuple(
            Objective(oid, opid, otitle, Source(*osource), theme, supports, local, lead, tuple(
                Measure(mid, moid, mpid, mtitle, Source(*msource), indicator, unit, direction, kind, None, (), mlead,
                        {}, maccept, actuals)
                for mid, moid, mpid, mtitle, msource, indicator, unit, direction, kind, mlead, maccept, actuals
                in measures), {}, oaccept)
            for oid, opid, otitle, osource, theme, supports, local, lead, oaccept, measures in objectives),
             {}, accept)
        for pid, title, kind, source, owner, start, end, derives, accept, objectives in plans), name=name)
