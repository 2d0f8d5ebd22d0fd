"""Generate realistic synthetic plan frameworks of any size, for benchmarking plancheck.

A framework is areas x plans x objectives x measures. Each area is one council's
framework (a folder): a sustainable community strategy at the top, a local area
agreement and a corporate plan derived from it, partnership plans derived from the LAA
and service plans derived from the corporate plan. Objectives use council themes;
measures are National Indicators (real codes and titles from the built-in catalogue)
or free-text local measures (outcomes, outputs and processes). A few per cent of the
objectives lack their `supports` link or name an id that does not exist; a few per cent
of the shared indicators have conflicting targets; some baselines are missing, some
targets are "TBC", years are financial (2010/11) or calendar (2011), and values are
written as officers write them ("2,737", "31.9%").

    python benchmarks/generate.py --measures 25000 --plans 150 --out /tmp/fw
    python benchmarks/generate.py --measures 300 --out /tmp/small --seed 7
    python benchmarks/generate.py --measures 25000 --actuals --out /tmp/fw-actuals

With ``--actuals`` every measure with numeric targets also gets one to five actuals
(contract section 6), drawn around a line from its baseline towards its targets. They
come from a separate random stream, so the plans are otherwise identical to a run
without ``--actuals`` (for timing the progress checks).

With ``--prefix`` (the default when there is more than one area) every id starts with
the area's code, so all area folders can be checked in one run as one framework.
Output is deterministic for a given seed and shape.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "plancheck" / "data" / "national-indicators-2008.csv"

# Rates of planted problems (per objective or per measure).
MISSING_LINK = 0.03  # child objective without supports (and not local)
BROKEN_LINK = 0.01  # supports names an id that does not exist
LOCAL = 0.04  # objective marked local: true
NO_MEASURES = 0.02  # objective with no measures at all
CONFLICT = 0.04  # a shared indicator given a different target in the child plan
NO_BASELINE = 0.05
NO_BASELINE_YEAR = 0.02
TBC_TARGET = 0.03
QUALIFIED = 0.01  # "55.7 (for 2009)"
NO_LEAD = 0.05
NI_SHARE = 0.55  # measures that use a National Indicator

PLACES = (
    "Ashbourne Vale", "Brackenford", "Castlemere", "Dunholm", "Eastwick", "Fairhaven", "Glenbury",
    "Harrowfield", "Ironbridge Mills", "Kingsmoor", "Lowerby", "Marshgate", "Northcombe",
    "Oakhurst", "Pennington", "Queensbury Heath", "Redcliffe", "Stanmore Cross", "Thornaby Fields",
    "Upperton", "Westhaven", "Yardley Brook", "Ambridge", "Bramhope", "Coldharbour", "Denton Moor",
)

# theme -> (letter, keywords that pick its National Indicators, objective phrases, local measures)
THEMES = {
    "Safer and stronger communities": (
        "S", ("crime", "offend", "violen", "anti-social", "drug", "domestic", "fires", "killed",
              "extremism", "alcohol"),
        ("Reduce {x} across {place}", "Tackle {x} in the most affected neighbourhoods",
         "Cut {x} and reassure residents", "Work with partners to reduce {x}"),
        ("serious acquisitive crime", "anti-social behaviour", "re-offending by young people",
         "domestic violence", "alcohol-related harm", "the fear of crime", "road casualties",
         "deliberate fires"),
    ),
    "Health and wellbeing": (
        "H", ("health", "mortality", "obesity", "breastfeed", "conception", "chlamydia",
              "maternity", "care", "independ", "carers", "well-being"),
        ("Improve {x} for {place} residents", "Narrow the gap in {x} between wards",
         "Reduce health inequalities by improving {x}", "Promote {x} across {place}"),
        ("life expectancy", "healthy weight in children", "smoking cessation", "breastfeeding rates",
         "independent living for older people", "support for carers", "mental wellbeing",
         "teenage pregnancy rates"),
    ),
    "Children and young people": (
        "C", ("children", "young", "school", "16 to 18", "sure start", "bullying", "positive activities",
              "youth"),
        ("Give every child in {place} {x}", "Improve {x} for children and young people",
         "Raise {x} in {place} schools", "Increase {x} among young people"),
        ("the best start in life", "educational attainment", "participation in positive activities",
         "school attendance", "safeguarding", "participation in education or training at 16-18"),
    ),
    "Economy and skills": (
        "E", ("employment", "benefit", "business", "qualified", "work", "level 2", "level 4"),
        ("Increase {x} in {place}", "Help more residents into {x}", "Support {x} and local enterprise",
         "Raise {x} to the regional average"),
        ("employment support", "skills and qualifications", "new business start-ups",
         "good quality jobs", "apprenticeships", "back-to-work support"),
    ),
    "Housing and neighbourhoods": (
        "N", ("homes", "housing", "decent", "planning", "accommodation", "neighbourhood", "parks"),
        ("Provide {x} for {place}", "Improve {x} in every ward", "Increase the supply of {x}",
         "Make {place} a place with {x}"),
        ("affordable homes", "decent homes", "satisfaction with the local area", "clean streets",
         "parks and open spaces", "homes for older people"),
    ),
    "Environment and climate": (
        "G", ("co2", "waste", "fuel poverty", "climate", "cleanliness", "transport", "land filled"),
        ("Reduce {x} in {place}", "Cut {x} from council operations", "Increase {x}",
         "Protect {place} from {x}"),
        ("carbon emissions", "household waste sent to landfill", "recycling and composting",
         "fuel poverty", "the effects of climate change", "traffic congestion"),
    ),
}

LOCAL_MEASURES = {  # (title, unit, direction, kind)
    "outcome": (
        ("Percentage of residents satisfied with {x}", "percent", "increase"),
        ("Rate of {x} per 1,000 population", "rate", "decrease"),
        ("Number of residents reporting improved {x}", "number", "increase"),
        ("Gap in {x} between the most and least deprived wards", "number", "decrease"),
    ),
    "output": (
        ("Number of households helped through the {x} programme", "number", "increase"),
        ("Number of people completing {x} courses", "number", "increase"),
        ("Number of {x} projects delivered", "number", "increase"),
        ("Grants awarded to voluntary groups for {x}", "currency", "increase"),
    ),
    "process": (
        ("Publish a {x} strategy", "text", "maintain"),
        ("Hold quarterly {x} partnership meetings", "number", "maintain"),
        ("Review the {x} action plan", "text", "maintain"),
        ("Consult residents on {x} priorities", "text", "maintain"),
    ),
}

# Local measures that repeat in a plan are told apart by place or group, as officers do.
QUALIFIERS = ("in Northfield ward", "in Southgate ward", "in the town centre", "in Eastfield ward",
              "in Westbury ward", "in Highcross ward", "in Millbrook ward", "in Parkside ward",
              "among older people", "among young people aged 16-18", "among families with children",
              "among disabled residents", "among black and minority ethnic residents",
              "among council tenants", "in rural parishes", "in the ten most deprived areas")

LEADS = ("Borough Council", "Primary Care Trust", "Police", "Fire and Rescue Service",
         "Jobcentre Plus", "Children's Trust", "Housing Partnership", "Voluntary Action",
         "Chamber of Commerce", "Community Safety Partnership")

# Plan blueprints: (code, title, kind, parent codes). Partnership and service plans repeat.
TOP = (("SCS", "Sustainable Community Strategy 2008-26", "sustainable-community-strategy", ()),
       ("LAA", "Local Area Agreement 2008-11", "local-area-agreement", ("SCS",)),
       ("CORP", "Corporate Plan 2009-12", "corporate-plan", ("SCS",)),
       ("CP", "Community Plan 2005-12", "community-plan", ()))
PARTNERSHIPS = ("Community Safety Partnership Plan", "Health and Wellbeing Strategy",
                "Children and Young People's Plan", "Economic Development Strategy",
                "Housing Strategy", "Climate Change Action Plan")
SERVICES = ("Environmental Services", "Housing Services", "Leisure and Culture", "Revenues and Benefits",
            "Adult Social Care", "Regeneration", "Highways and Transport", "Community Development")


@dataclass
class Shape:
    areas: int
    plans_per_area: int
    objectives_per_plan: int
    measures_per_objective: float

    @classmethod
    def for_size(cls, measures: int, plans: int | None = None) -> Shape:
        per_area = 6 if measures > 1000 else 4
        plans = plans or max(per_area, round(measures / 167))
        areas = max(1, math.ceil(plans / per_area))
        per_area = max(1, round(plans / areas))
        m_per_obj = 4.0
        objectives = max(1, round(measures / (areas * per_area * m_per_obj)))
        m_per_obj = measures / (areas * per_area * objectives)
        return cls(areas, per_area, objectives, m_per_obj)

    @classmethod
    def for_areas(cls, areas: int, measures_per_area: int = 168) -> Shape:
        """``areas`` councils of about ``measures_per_area`` measures each, 6 plans an area."""
        per_area = 6
        objectives = max(1, round(measures_per_area / (per_area * 4.0)))
        return cls(areas, per_area, objectives, measures_per_area / (per_area * objectives))


@dataclass
class Ind:
    code: str
    title: str


@dataclass
class Obj:
    id: str
    title: str
    theme: str
    supports: list[str] = field(default_factory=list)
    local: bool = False
    lead: str | None = None
    measures: list[dict] = field(default_factory=list)


def load_indicators() -> dict[str, list[Ind]]:
    by_theme: dict[str, list[Ind]] = {t: [] for t in THEMES}
    with CATALOGUE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if "NOT in the final" in (row.get("note") or ""):
                continue
            title = row["title"].lower()
            for theme, (_, keys, _, _) in THEMES.items():
                if any(k in title for k in keys):
                    by_theme[theme].append(Ind(row["code"], row["title"]))
                    break
    return by_theme


def _unit_for(title: str) -> tuple[str, str]:
    t = title.lower()
    if "rate" in t or "per " in t:
        return "rate", "decrease" if any(w in t for w in ("crime", "offend", "mortality", "conception")) else "increase"
    if t.startswith("%") or "percentage" in t or "proportion" in t or "satisf" in t:
        return "percent", "increase"
    if any(w in t for w in ("co2", "waste", "killed", "fires", "fuel poverty", "land filled")):
        return "number", "decrease"
    return "number", "increase"


class Generator:
    def __init__(self, shape: Shape, seed: int, prefix: bool, one_folder: bool = False,
                 actuals: bool = False):
        self.shape = shape
        self.one_folder = one_folder
        self.rng = random.Random(seed)
        self.actuals = random.Random(seed + 1_000_003) if actuals else None
        self.prefix = prefix
        self.indicators = load_indicators()
        self.planted = {"missing_link": 0, "broken_link": 0, "conflict": 0, "no_baseline": 0,
                        "tbc_target": 0, "no_measures": 0}

    # -- values as officers write them --------------------------------------------
    def number(self, unit: str) -> float:
        r = self.rng
        if unit == "percent":
            return round(r.uniform(5, 95), 1)
        if unit == "rate":
            return round(r.uniform(0.5, 60), 1)
        if unit == "currency":
            return float(r.randrange(5, 500) * 1000)
        return float(r.randrange(10, 20000))

    def written(self, x: float, unit: str):
        r = self.rng.random()
        if unit == "percent" and r < 0.3:
            return f'"{x:.1f}%"'
        if unit in ("number", "currency") and x >= 1000 and r < 0.5:
            return f'"{int(x):,}"'
        return f"{x:g}" if x != int(x) else str(int(x))

    def year(self, start: int, financial: bool) -> str:
        if not financial:
            return str(start + 1)
        return self.rng.choice((f"{start}/{(start + 1) % 100:02d}", f"{start}/{(start + 1) % 100:02d}",
                                f"{start}-{(start + 1) % 100:02d}"))

    # -- one measure ---------------------------------------------------------------------
    def measure(self, theme: str, x: str, financial: bool, ind: Ind | None, kind: str | None = None,
                like: dict | None = None) -> dict:
        r = self.rng
        if like is not None:  # the same indicator in a child plan: usually the same figures
            m = dict(like)
            m["targets"] = list(like["targets"])
            if r.random() < CONFLICT and m["targets"] and m["unit"] != "text":
                year, _ = m["targets"][-1]
                bump = self.number(m["unit"])
                m["targets"][-1] = (year, self.written(bump, m["unit"]))
                self.planted["conflict"] += 1
            m["id"] = None
            return m
        if ind is not None:
            unit, direction = _unit_for(ind.title)
            m = {"indicator": ind.code, "title": ind.title, "unit": unit, "direction": direction, "kind": None}
        else:
            kind = kind or r.choices(("outcome", "output", "process"), (0.6, 0.3, 0.1))[0]
            title, unit, direction = r.choice(LOCAL_MEASURES[kind])
            m = {"indicator": None, "title": title.format(x=x), "unit": unit, "direction": direction,
                 "kind": kind if r.random() < 0.3 else None}
        m["id"] = None
        base_year = r.choice((2006, 2007, 2007, 2008))
        if unit == "text":
            m["baseline"] = None
            m["targets"] = [(self.year(2009, financial), '"Complete"')]
            return m
        base = self.number(unit)
        m["base_number"], m["base_year"], m["financial"] = base, base_year, financial
        roll = r.random()
        if roll < NO_BASELINE:
            m["baseline"] = None
            self.planted["no_baseline"] += 1
        elif roll < NO_BASELINE + NO_BASELINE_YEAR:
            m["baseline"] = (self.written(base, unit), None)
        else:
            m["baseline"] = (self.written(base, unit), self.year(base_year, financial))
        targets = []
        step = 1 if direction == "increase" else -1 if direction == "decrease" else 0
        for k, start in enumerate(range(2008, 2011)):
            if k < 2 and r.random() < 0.5:
                continue
            value = base * (1 + step * 0.03 * (k + 1))
            if unit == "percent":
                value = min(value, 99.0)
            value = round(value, 1) if unit in ("percent", "rate") else round(value)
            roll = r.random()
            if roll < TBC_TARGET:
                written = r.choice(('"TBC"', "tba", '"to be agreed"'))
                self.planted["tbc_target"] += 1
            elif roll < TBC_TARGET + QUALIFIED:
                written = f'"{value:g} (for {start + 1})"'
            else:
                written = self.written(float(value), unit)
            targets.append((self.year(start, financial), written))
        m["targets"] = targets
        return m

    # -- one area -----------------------------------------------------------------------------
    def area(self, n: int, out: Path) -> dict[str, int]:
        r = self.rng
        place = PLACES[n % len(PLACES)] + (f" {n // len(PLACES) + 1}" if n >= len(PLACES) else "")
        pre = f"A{n + 1:03d}-" if self.prefix else ""
        blueprints = list(TOP[: min(len(TOP), self.shape.plans_per_area)])
        for k in range(max(0, self.shape.plans_per_area - len(TOP))):
            if k % 2 == 0:
                name = PARTNERSHIPS[(k // 2) % len(PARTNERSHIPS)]
                blueprints.append((f"PP{k + 1}", f"{name} 2008-11", "partnership-plan", ("LAA",)))
            else:
                name = SERVICES[(k // 2) % len(SERVICES)]
                blueprints.append((f"SP{k + 1}", f"{name} Service Plan 2010/11", "service-plan", ("CORP",)))
        known = {b[0] for b in blueprints}
        blueprints = [(c, t, k, tuple(p for p in ps if p in known)) for c, t, k, ps in blueprints]
        area_dir = out if self.one_folder else out / f"area-{n + 1:03d}"
        area_dir.mkdir(parents=True, exist_ok=True)
        if not self.one_folder:
            (area_dir / "plancheck.yaml").write_text(f"name: {place} strategic plan framework\n", encoding="utf-8")
        elif n == 0:
            (area_dir / "plancheck.yaml").write_text("name: every area as one framework\n", encoding="utf-8")
        file_pre = f"a{n + 1:03d}-" if self.one_folder else ""
        objectives_by_plan: dict[str, list[Obj]] = {}
        counts = {"files": 0, "plans": 0, "objectives": 0, "measures": 0}
        per_theme_ni = {t: list(v) for t, v in self.indicators.items()}
        for code, title, kind, parents in blueprints:
            pid = pre + code
            financial = kind != "corporate-plan"
            objs: list[Obj] = []
            used: set[str] = set()  # a plan states each National Indicator once
            themes = list(THEMES)
            if kind in ("partnership-plan", "service-plan"):
                themes = [themes[(len(objectives_by_plan)) % len(themes)], r.choice(themes)]
            n_obj = max(1, round(r.gauss(self.shape.objectives_per_plan, self.shape.objectives_per_plan * 0.1)))
            for i in range(n_obj):
                theme = themes[i % len(themes)]
                letter, _, phrases, things = THEMES[theme]
                x = r.choice(things)
                obj = Obj(id=f"{pid}-{letter}{i + 1}", title=r.choice(phrases).format(x=x, place=place),
                          theme=theme, lead=None if r.random() < NO_LEAD else f"{place} {r.choice(LEADS)}")
                parent_objs = [o for p in parents for o in objectives_by_plan.get(pre + p, ()) if o.theme == theme]
                roll = r.random()
                parent = None
                if parents and parent_objs:
                    parent = r.choice(parent_objs)
                    if roll < MISSING_LINK:
                        self.planted["missing_link"] += 1
                        obj.title = parent.title if r.random() < 0.5 else obj.title  # same words, no link
                    elif roll < MISSING_LINK + BROKEN_LINK:
                        self.planted["broken_link"] += 1
                        obj.supports = [f"{parent.id}{r.choice('0xX')}"]
                    elif roll < MISSING_LINK + BROKEN_LINK + LOCAL:
                        obj.local = True
                    else:
                        obj.supports = [parent.id]
                        if r.random() < 0.1 and len(parent_objs) > 1:
                            obj.supports.append(r.choice(parent_objs).id)
                if r.random() < NO_MEASURES:
                    self.planted["no_measures"] += 1
                else:
                    k = self.shape.measures_per_objective / (1 - NO_MEASURES)
                    n_m = max(1, int(k) + (1 if r.random() < k - int(k) else 0))
                    inherited = [m for m in (parent.measures if parent else [])
                                 if m["indicator"] and m["indicator"] not in used]
                    for j in range(n_m):
                        free = [i for i in per_theme_ni[theme] if i.code not in used]
                        if inherited and r.random() < 0.5:
                            m = self.measure(theme, x, financial, None, like=inherited.pop(0))
                        elif r.random() < NI_SHARE and free:
                            m = self.measure(theme, x, financial, r.choice(free))
                        else:
                            m = self.measure(theme, x, financial, None)
                        if m["indicator"]:
                            used.add(m["indicator"])
                        elif m["title"] in used:
                            free_q = [q for q in QUALIFIERS if f"{m['title']} {q}" not in used]
                            m["title"] = f"{m['title']} {r.choice(free_q)}" if free_q else m["title"]
                        used.add(m["title"])
                        m["id"] = f"{obj.id}.{j + 1}"
                        obj.measures.append(m)
                objs.append(obj)
            objectives_by_plan[pid] = objs
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
            path = area_dir / f"{file_pre}{code.lower()}-{slug}.yaml"
            path.write_text(self.plan_yaml(pid, f"{place} {title}", kind, place,
                                           [pre + p for p in parents], objs), encoding="utf-8")
            counts["files"] += 1
            counts["plans"] += 1
            counts["objectives"] += len(objs)
            counts["measures"] += sum(len(o.measures) for o in objs)
        return counts

    def plan_yaml(self, pid: str, title: str, kind: str, place: str, parents: list[str], objs: list[Obj]) -> str:
        r = self.rng
        lines = [f"# {title} -- SYNTHETIC BENCHMARK DATA generated by benchmarks/generate.py", "",
                 "plan:", f"  id: {pid}", f"  title: {q(title)}", f"  kind: {kind}",
                 f"  owner: {q(place + ' Strategic Partnership')}",
                 "  period: {start: 2008/09, end: 2010/11}"]
        if parents:
            lines.append(f"  derives_from: [{', '.join(parents)}]")
        lines += ["", "objectives:"]
        for o in objs:
            lines += ["", f"  - id: {o.id}", f"    title: {q(o.title)}", f"    theme: {q(o.theme)}"]
            if o.supports:
                lines.append(f"    supports: [{', '.join(o.supports)}]")
            if o.local:
                lines.append("    local: true")
            if o.lead:
                lines.append(f"    lead: {q(o.lead)}")
            if not o.measures:
                continue
            lines.append("    measures:")
            for m in o.measures:
                first = True
                for key in ("id", "indicator", "title", "unit", "direction", "kind"):
                    if m.get(key) is None:
                        continue
                    value = q(m[key]) if key == "title" else m[key]
                    lines.append(f"      {'- ' if first else '  '}{key}: {value}")
                    first = False
                if m["baseline"] is not None:
                    value, year = m["baseline"]
                    if year is None:
                        lines.append(f"        baseline: {{value: {value}}}")
                    else:
                        lines.append(f"        baseline: {{value: {value}, year: {year}}}")
                if m["targets"]:
                    lines.append("        targets:")
                    lines += [f"          - {{year: {y}, value: {v}}}" for y, v in m["targets"]]
                lines += self.actual_lines(m)
                if o.lead and r.random() < 0.2:
                    lines.append(f"        lead: {q(o.lead)}")
        return "\n".join(lines) + "\n"


    def actual_lines(self, m: dict) -> list[str]:
        """One to five yearly actuals after the baseline year (``--actuals`` only)."""
        a = self.actuals
        if a is None or "base_number" not in m or m["unit"] == "text":
            return []
        base, start, financial = m["base_number"], m["base_year"] + 1, m["financial"]
        step = {"increase": 1, "decrease": -1}.get(m["direction"], 0)
        out = ["        actuals:"]
        for k in range(a.randint(1, 5)):
            value = base * (1 + step * 0.03 * (k + 1) * a.uniform(0.2, 1.6))
            if m["unit"] == "percent":
                value = min(value, 99.0)
            value = round(value, 1) if m["unit"] in ("percent", "rate") else round(value)
            y = start + k
            year = f"{y}/{(y + 1) % 100:02d}" if financial else str(y + 1)
            out.append(f"          - {{year: {year}, value: {value:g}}}")
        return out


_PLAIN = re.compile(r"^[A-Za-z][^:#\n\"'{}\[\],&*!|>%@`]*$")


def q(text: str) -> str:
    """A YAML scalar for ``text``: plain when safe, else double-quoted."""
    return text if _PLAIN.match(text) and not text.endswith(" ") else json.dumps(text, ensure_ascii=False)


def generate(measures: int, out: Path, plans: int | None = None, seed: int = 1,
             prefix: bool | None = None, areas: int | None = None, one_folder: bool = False,
             actuals: bool = False) -> dict:
    """Write the areas under ``out``: one folder (with its plancheck.yaml) per area, or with
    ``one_folder`` every plan file in ``out`` itself as one framework (ids then prefixed)."""
    shape = Shape.for_areas(areas, round(measures / areas)) if areas else Shape.for_size(measures, plans)
    if prefix is None:
        prefix = shape.areas > 1 and (one_folder or not areas)
    if out.exists():
        shutil.rmtree(out)
    gen = Generator(shape, seed, prefix, one_folder, actuals)
    totals = {"files": 0, "plans": 0, "objectives": 0, "measures": 0}
    for n in range(shape.areas):
        for k, v in gen.area(n, out).items():
            totals[k] += v
    meta = {"seed": seed, "requested_measures": measures, "shape": shape.__dict__, "prefix": prefix,
            "one_folder": one_folder,
            "actuals": actuals,
            **totals, "planted": gen.planted}
    (out / "generated.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--measures", type=int, default=300, help="about this many measures in all")
    ap.add_argument("--plans", type=int, help="this many plans (default: about 167 measures a plan)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    ap.add_argument("--areas", type=int, help="this many areas (folders), about measures/areas measures each")
    ap.add_argument("--one-folder", action="store_true", help="every plan file in one folder: one framework")
    ap.add_argument("--prefix", action=argparse.BooleanOptionalAction, default=None,
                    help="prefix ids with the area code (default: when there is more than one area)")
    ap.add_argument("--actuals", action="store_true",
                    help="give every measure with numeric targets 1 to 5 actuals (contract section 6)")
    args = ap.parse_args()
    meta = generate(args.measures, args.out, args.plans, args.seed, args.prefix, args.areas, args.one_folder,
                    args.actuals)
    print(json.dumps(meta, indent=2))


if __name__ == "__main__":
    main()
