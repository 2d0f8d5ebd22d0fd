"""Several frameworks in one run (contract section 1a, issue 16): each area is checked on
its own, with its own settings, and one report covers them all."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner
from conftest import PLANS, write_framework

import plancheck
from plancheck.cli import cli

AREAS = ("luton", "kingsmere", "fenwick")
NAMES = {"luton": "Luton strategic plan framework", "kingsmere": "Kingsmere Borough Council strategic plans",
         "fenwick": "Fenwick county and district strategic plans"}


def projection(findings) -> set[tuple]:
    return {(f.code, f.objects, f.plans) for f in findings}


def ids_of(framework) -> set[str]:
    out = set()
    for p in framework.plans:
        out.add(p.id)
        for o in p.objectives:
            out.add(o.id)
            out.update(m.id for m in o.measures)
    return out


@pytest.fixture(scope="module")
def whole():
    return plancheck.check([PLANS], jobs=1)


@pytest.fixture(scope="module")
def alone():
    return {area: plancheck.check([PLANS / area]) for area in AREAS}


def test_plans_folder_is_each_area_on_its_own_with_the_same_findings(whole, alone):
    by_name = {r.name: r for r in whole.frameworks}
    for area in AREAS:
        mine = by_name[NAMES[area]]
        assert projection(mine.findings) == projection(alone[area].findings), area
        assert mine.counts() == alone[area].counts()
        assert {f.framework for f in mine.findings} == {NAMES[area]}


def test_the_workbook_beside_the_area_folders_is_a_framework_named_after_its_folder(whole):
    by_name = {r.name: r for r in whole.frameworks}
    assert set(by_name) == {*NAMES.values(), "plans"}
    workbook = by_name["plans"]
    assert workbook.run.files == ["plans/luton.xlsx"] or workbook.run.files[0].endswith("plans/luton.xlsx")
    same = plancheck.check([PLANS / "luton.xlsx"])
    assert projection(workbook.findings) == projection(same.findings)


def test_no_finding_names_measures_of_two_areas(whole):
    ids = {NAMES[a]: ids_of(plancheck.load([PLANS / a])) for a in AREAS}
    for f in whole.findings:
        if f.framework not in ids:
            continue
        own = ids[f.framework]
        assert set(f.objects) <= own | {None}, (f.code, f.objects)
        others = set().union(*(v for k, v in ids.items() if k != f.framework))
        foreign = set(f.objects) & others - own
        assert not foreign, (f.code, f.framework, foreign)


def test_three_councils_named_together_are_not_compared():
    result = plancheck.check([PLANS / a for a in AREAS], jobs=1)
    assert [r.name for r in result.frameworks] == [NAMES[a] for a in AREAS]
    for f in result.findings:
        if f.code == "PC201":  # every conflict stays inside one council's plans
            assert f.framework in NAMES.values()
    assert result.exit_code == 1
    assert result.counts()["measures"] == sum(plancheck.check([PLANS / a]).counts()["measures"] for a in AREAS)


def test_a_process_pool_gives_the_same_findings_in_the_same_order(whole):
    pooled = plancheck.check([PLANS], jobs=2, keep_models=False)
    assert [f.as_dict() for f in pooled.findings] == [f.as_dict() for f in whole.findings]
    assert [r.name for r in pooled.frameworks] == [r.name for r in whole.frameworks]
    assert pooled.counts() == whole.counts()
    # An outline of each framework crosses back (ids and places, no targets), not the model.
    outlines = [r.framework for r in pooled.frameworks]
    assert all(not m.targets and m.baseline is None for fw in outlines for m in fw.measures())
    assert [ids_of(fw) for fw in outlines] == [ids_of(r.framework) for r in whole.frameworks]


SCS = """
plan: {id: SCS, title: Sustainable Community Strategy, kind: sustainable-community-strategy,
       period: {start: 2008/09, end: 2020/21}}
objectives:
  - id: SCS-1
    title: More local people in good jobs
    measures:
      - {id: SCS-1.1, indicator: NI 151, title: Overall employment rate, unit: percent, direction: increase,
         kind: outcome, baseline: {value: 67.8, year: 2007/08}, targets: [{year: 2010/11, value: TARGET}]}
"""
LAA = """
plan: {id: LAA, title: Local Area Agreement, kind: local-area-agreement, derives_from: [SCS],
       period: {start: 2008/09, end: 2010/11}}
objectives:
  - id: LAA-1
    title: More local people in work
    supports: [SCS-1]
    measures:
      - {id: LAA-1.1, indicator: NI 151, title: Overall employment rate, unit: percent, direction: increase,
         kind: outcome, baseline: {value: 67.8, year: 2007/08}, targets: [{year: 2010/11, value: TARGET}]}
"""


def area(root, name, target, settings="", extra=None):
    files = {"scs.yaml": SCS.replace("TARGET", str(target)), "laa.yaml": LAA.replace("TARGET", str(target)),
             "plancheck.yaml": settings or f"name: {name}\n"}
    files.update(extra or {})
    return write_framework(root / name, files)


def test_same_ids_in_two_areas_and_different_targets_are_not_findings(tmp_path):
    area(tmp_path, "north", 70)
    area(tmp_path, "south", 74)
    result = plancheck.check([tmp_path], jobs=1)
    assert sorted(r.name for r in result.frameworks) == ["north", "south"]
    assert not [f for f in result.findings if f.code in ("PC004", "PC201")]
    assert result.exit_code == 0
    together = plancheck.check([tmp_path / "north" / "scs.yaml", tmp_path / "south" / "laa.yaml"], jobs=1)
    assert sorted(r.name for r in together.frameworks) == ["north", "south"]  # each with its folder's settings


def test_frameworks_are_found_at_any_depth_but_not_in_hidden_folders_or_through_link_loops(tmp_path):
    area(tmp_path / "county" / "districts", "east", 70)
    area(tmp_path / "county", "west", 72)
    area(tmp_path / ".git", "ghost", 70)
    os.symlink(tmp_path / "county", tmp_path / "county" / "districts" / "loop")
    result = plancheck.check([tmp_path], jobs=1)
    assert [r.name for r in result.frameworks] == ["east", "west"]


def test_nested_framework_is_not_read_into_the_one_above(tmp_path):
    outer = area(tmp_path, "county", 70)
    area(outer, "district", 72)
    result = plancheck.check([outer], jobs=1)
    assert [r.name for r in result.frameworks] == ["county", "district"]
    county = result.frameworks[0]
    assert county.counts()["plans"] == 2 and not [f for f in county.findings if f.code == "PC009"]


def test_a_framework_with_unusable_settings_is_reported_and_the_others_are_checked(tmp_path):
    area(tmp_path, "good", 70)
    area(tmp_path, "broken", 70, settings="ignor: [PC301]\n")
    area(tmp_path, "bad", 70, extra={"laa.yaml": "plan: [\n"})
    result = plancheck.check([tmp_path], jobs=2)
    by_name = {r.name: r for r in result.frameworks}
    assert [f.code for f in by_name["broken"].findings] == ["PC001"]
    assert by_name["broken"].findings[0].source.file.endswith("broken/plancheck.yaml")
    assert ("PC001", "bad") in {(f.code, f.framework) for f in result.findings}
    assert by_name["good"].exit_code == 0 and by_name["good"].counts()["plans"] == 2
    assert result.exit_code == 1
    with pytest.raises(plancheck.SettingsError):  # one framework alone: its settings stop the run
        plancheck.check([tmp_path / "broken"])


def test_exit_code_is_over_all_frameworks_and_json_lists_them(tmp_path):
    area(tmp_path, "north", 70)
    area(tmp_path, "south", 74)
    res = CliRunner().invoke(cli, ["check", str(tmp_path), "-f", "json", "--jobs", "1"])
    assert res.exit_code == 0
    area(tmp_path, "east", 70, extra={"laa.yaml": LAA.replace("TARGET", "70").replace("[SCS-1]", "[SCS-9]")})
    res = CliRunner().invoke(cli, ["check", str(tmp_path), "-f", "json", "--jobs", "1"])
    assert res.exit_code == 1
    doc = json.loads(res.output)
    rows = {d["name"]: d for d in doc["frameworks"]}
    assert set(rows) == {"north", "south", "east"}
    assert rows["east"]["passes"] is False and rows["north"]["passes"] is True
    assert {(f["code"], f["framework"]) for f in doc["findings"] if f["severity"] == "error"} == {("PC101", "east")}
    assert sum(d["summary"]["error"] for d in doc["frameworks"]) == doc["summary"]["error"]


def test_console_lists_frameworks_worst_first(tmp_path):
    area(tmp_path, "north", 70)
    area(tmp_path, "east", 70, extra={"laa.yaml": LAA.replace("TARGET", "70").replace("[SCS-1]", "[SCS-9]")})
    res = CliRunner().invoke(cli, ["check", str(tmp_path), "--jobs", "1"])
    lines = res.output.splitlines()
    start = lines.index("Frameworks, worst first")
    assert lines[start + 3].split()[0] == "east" and lines[start + 3].split()[-1] == "FAILS"
    assert lines[start + 4].split()[0] == "north" and lines[start + 4].split()[-1] == "passes"


def test_config_applies_to_every_framework(tmp_path):
    config = tmp_path / "strict.yaml"
    config.write_text("name: everyone\nignore: [PC301]\n")
    tmp_path = tmp_path / "areas"
    area(tmp_path, "north", 70, extra={"scs.yaml": SCS.replace("TARGET", "70").replace(
        "baseline: {value: 67.8, year: 2007/08}, ", "")})
    area(tmp_path, "south", 74, extra={"laa.yaml": LAA.replace("TARGET", "74").replace(
        "baseline: {value: 67.8, year: 2007/08}, ", "")})
    plain = plancheck.check([tmp_path], jobs=1)
    assert {f.framework for f in plain.findings if f.code == "PC301"} == {"north", "south"}
    quiet = plancheck.check([tmp_path], jobs=1, config=config)
    assert not [f for f in quiet.findings if f.code == "PC301"]
    assert sorted(r.name for r in quiet.frameworks) == ["north", "south"]  # each keeps its own name


def test_what_is_in_no_framework_is_reported(tmp_path):
    area(tmp_path, "north", 70)
    area(tmp_path, "south", 74)
    (tmp_path / "README.txt").write_text("areas")
    write_framework(tmp_path / "drafts", {"laa.yaml": LAA})
    result = plancheck.check([tmp_path], jobs=1)
    outside = [f for f in result.findings if f.framework == "outside any framework"]
    assert sorted((f.code, os.path.basename(f.source.file)) for f in outside) == [
        ("PC009", "README.txt"), ("PC009", "drafts")]
    assert result.exit_code == 0  # information only


def test_cross_area_view_is_a_table_never_a_finding(tmp_path):
    area(tmp_path, "north", 70)
    area(tmp_path, "south", 74)
    plain = plancheck.check([tmp_path], jobs=1)
    view = plancheck.check([tmp_path], jobs=1, cross_area=True)
    assert [f.as_dict() for f in view.findings] == [f.as_dict() for f in plain.findings]
    assert "cross_area" not in plain.summaries
    table = view.summaries["cross_area"]
    row = dict(zip(table.columns, table.rows[0], strict=True))
    assert (row["indicator"], row["year"], row["areas"], row["lowest"], row["highest"], row["spread"]) == (
        "NI 151", "2010/11", 2, "70", "74", "4")


def test_plan_files_beside_area_folders_form_a_framework_reporting_other_folders_once(tmp_path):
    area(tmp_path, "north", 70)
    write_framework(tmp_path, {"loose.yaml": SCS.replace("TARGET", "70")})
    write_framework(tmp_path / "drafts", {"laa.yaml": LAA})
    result = plancheck.check([tmp_path], jobs=1)
    assert [r.name for r in result.frameworks] == [tmp_path.name, "north"]
    skipped = [(f.framework, os.path.basename(f.source.file)) for f in result.findings if f.code == "PC009"]
    assert skipped == [(tmp_path.name, "drafts")]


def test_frameworks_of_the_same_name_are_told_apart_by_their_folder(tmp_path):
    area(tmp_path / "county-a", "east", 70)
    area(tmp_path / "county-b", "east", 70, extra={"laa.yaml": LAA.replace("TARGET", "70").replace("[SCS-1]", "[SCS-9]")})
    result = plancheck.check([tmp_path], jobs=1)
    names = [r.name for r in result.frameworks]
    assert len(set(names)) == 2 and all(n.startswith("east (") for n in names)
    broken = [f for f in result.findings if f.code == "PC101"]
    assert len(broken) == 1 and "county-b" in broken[0].framework
    assert len({f.fingerprint for f in result.findings}) == len(result.findings)


def test_every_format_renders_several_frameworks_and_json_keeps_the_contract():
    import jsonschema
    from conftest import ROOT

    result = plancheck.check([PLANS / "kingsmere", PLANS / "fenwick"], jobs=1, keep_models=False)
    schema = json.loads((ROOT / "tests" / "schemas" / "findings.schema.json").read_text())
    doc = json.loads(result.render("json"))
    jsonschema.validate(doc, schema)
    assert [d["name"] for d in doc["frameworks"]] == [NAMES["kingsmere"], NAMES["fenwick"]]
    assert {f["framework"] for f in doc["findings"]} == {NAMES["kingsmere"], NAMES["fenwick"]}
    for fmt in ("console", "sarif", "junit", "github", "gitlab"):
        assert result.render(fmt)


def test_workbook_has_a_framework_column_and_a_frameworks_sheet(tmp_path):
    import io

    import openpyxl

    result = plancheck.check([PLANS / "kingsmere", PLANS / "fenwick"], jobs=1)
    wb = openpyxl.load_workbook(io.BytesIO(result.render("xlsx")))
    frameworks = wb["Frameworks"]
    rows = [[c.value for c in row] for row in frameworks.iter_rows(min_row=2)]
    assert {r[0] for r in rows} == {NAMES["kingsmere"], NAMES["fenwick"]}
    by_name = {r.name: r.counts() for r in result.frameworks}
    for r in rows:
        assert (r[2], r[4], r[5]) == (by_name[r[0]]["plans"], by_name[r[0]]["measures"], by_name[r[0]]["error"])
    findings = wb["Findings"]
    header = [c.value for c in findings[1]]
    col = header.index("Framework")
    got = sorted((row[1].value, row[col].value) for row in findings.iter_rows(min_row=2))
    # One row per plan a finding involves (so each plan's owner can filter theirs).
    assert got == sorted((f.code, f.framework) for f in result.findings for _ in (f.plans or (f.plan,)))


@pytest.mark.parametrize("jobs", [1, 2])
def test_report_parts_rendered_in_the_workers_are_the_report_rendered_at_the_end(tmp_path, jobs):
    # Two frameworks of one name (renamed after their workers rendered them) and a real one.
    area(tmp_path / "county-a", "east", 70)
    area(tmp_path / "county-b", "east", 72)
    looks = {"width": 88, "verbose": False, "tables": True}
    ahead = plancheck.check([tmp_path, PLANS / "fenwick"], jobs=jobs, keep_models=False,
                            render_ahead=("console", looks))
    plain = plancheck.check([tmp_path, PLANS / "fenwick"], jobs=jobs, keep_models=False)
    assert [bool(r.run.prepared) for r in ahead.frameworks] == [True, True, True]
    assert not any(r.run.prepared for r in plain.frameworks)
    assert ahead.render("console", **looks) == plain.render("console", **looks)
    # Another look than the one rendered ahead: the parts are not used.
    assert ahead.render("console", width=60) == plain.render("console", width=60)
    # The part of a framework whose name did not change is the one shown.
    fenwick = next(r.run for r in ahead.frameworks if r.name == NAMES["fenwick"])
    (key,) = fenwick.prepared
    fenwick.prepared[key] = "RENDERED IN THE WORKER\n"
    assert "RENDERED IN THE WORKER" in ahead.render("console", **looks)


def _script_findings(tmp_path, body: str) -> list:
    import subprocess
    import sys

    script = tmp_path / "no_guard.py"
    script.write_text("import json, threading, time, plancheck\n" + body +
                      f"r = plancheck.check([{str(PLANS)!r}], jobs=2, keep_models=False)\n"
                      "print(json.dumps([[f.code, f.framework, f.message] for f in r.findings]))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_on_linux_a_script_without_the_main_guard_is_checked_as_with_one_job(tmp_path):
    # Workers are forked from the script (no other thread runs), so nothing imports it again.
    rows = _script_findings(tmp_path, "")
    alone = plancheck.check([PLANS], jobs=1, keep_models=False)
    assert sorted((c, fw) for c, fw, _ in rows) == sorted((f.code, f.framework) for f in alone.findings)


def test_a_script_without_the_main_guard_gets_every_framework_reported_with_the_remedy(tmp_path):
    # With another thread running, workers are not forked but started afresh (forkserver or
    # spawn), which import the calling script again; without the guard they fail at once.
    rows = _script_findings(tmp_path, "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n")
    assert {code for code, _, _ in rows} == {"PC001"}
    assert {framework for _, framework, _ in rows} == {"plans", *AREAS}  # by folder: settings unread
    assert all("__main__" in message and "jobs=1" in message for _, _, message in rows)


def test_a_registered_check_crosses_processes_as_itself_and_a_changed_one_whole():
    import dataclasses
    import pickle

    from plancheck.registry import REGISTRY

    check = REGISTRY["PC201"]
    assert pickle.loads(pickle.dumps(check)) is check
    changed = dataclasses.replace(check, severity="info")
    back = pickle.loads(pickle.dumps(changed))
    assert back == changed and back.severity == "info" and back is not check


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_are_forked_only_while_no_other_thread_runs():
    import threading

    from plancheck.areas import _pool_context

    assert _pool_context().get_start_method() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert _pool_context().get_start_method() in ("forkserver", "spawn")
    finally:
        stop.set()
        other.join()


def test_an_outline_keeps_every_field_but_the_figures_and_field_places():
    # The outline is packed field by field for speed: a field added to the model must be kept.
    from dataclasses import fields, replace

    from plancheck.model import Acceptance, Source, pack_outline, unpack_outline

    agreed = (Acceptance("X", "PC201", "agreed by Cabinet", Source("plan.yaml", 3)),)
    for area in AREAS:
        fw = plancheck.load(PLANS / area)
        # a name, and acceptances on a plan and an objective, which must come back too
        first = fw.plans[0]
        fw = replace(fw, name=f"{area} partnership", plans=(
            replace(first, accept=agreed, objectives=(replace(first.objectives[0], accept=agreed),
                                                      *first.objectives[1:])), *fw.plans[1:]))
        back = unpack_outline(pack_outline(fw))
        assert back.plans[0].accept == agreed and back.plans[0].objectives[0].accept == agreed
        assert all(p.fields == {} and all(o.fields == {} for o in p.objectives) for p in back.plans)
        expected = replace(fw, actuals=(), plans=tuple(
            replace(p, fields={}, objectives=tuple(
                replace(o, fields={}, measures=tuple(replace(m, baseline=None, targets=(), fields={})
                                                     for m in o.measures))
                for o in p.objectives))
            for p in fw.plans))
        assert back == expected and back.name == fw.name == f"{area} partnership"
        kept = list(back.measures())
        assert len(kept) > 30 and all(m.fields == {} for m in kept)
        # fields are left out of ==: every other field (places included) compared one by one
        for was, now in zip(expected.measures(), kept, strict=True):
            assert {f.name: getattr(now, f.name) for f in fields(now)} == \
                   {f.name: getattr(was, f.name) for f in fields(was)}
        assert [(p.source, [o.source for o in p.objectives]) for p in back.plans] == \
               [(p.source, [o.source for o in p.objectives]) for p in fw.plans]


def test_a_workers_outline_is_built_only_when_read():
    from plancheck.areas import _Job, check_one
    from plancheck.load.areas import find_frameworks

    spec = find_frameworks([str(PLANS / "luton")]).frameworks[0]
    result, _ = check_one(_Job(spec, None, True, (), (), None, False, False))
    assert "framework" not in vars(result) and result.packed_outline is not None
    assert result.name and result.counts()["measures"] > 50  # neither builds it
    assert "framework" not in vars(result)
    assert not hasattr(result, "no_such_field")  # only ``framework`` is built from the packed outline
    whole = plancheck.check([PLANS / "luton"]).run.framework
    assert [p.id for p in result.framework.plans] == [p.id for p in whole.plans]
    assert vars(result)["framework"] is result.framework and result.packed_outline is None


def test_a_frameworks_model_and_findings_cross_processes_whole():
    """Workers send each framework's model (or outline) and findings to the parent: every
    field of every object arrives, those left out of ``==`` (details) included."""
    import dataclasses
    import pickle

    from plancheck.model import Source

    result = plancheck.check(["plans/luton"]).run

    def state(obj):
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return (type(obj).__name__, {f.name: state(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
        if isinstance(obj, (list, tuple)):
            return [state(x) for x in obj]
        if isinstance(obj, dict):
            return {k: state(v) for k, v in obj.items()}
        return obj

    back = pickle.loads(pickle.dumps((result.framework, result.findings), protocol=pickle.HIGHEST_PROTOCOL))
    assert state(back) == state((result.framework, result.findings))
    assert sum(1 for _ in result.framework.measures()) > 50 and any(f.details for f in result.findings)
    one = Source("plan.yaml", 3)
    assert pickle.loads(pickle.dumps(one)) == one and hash(pickle.loads(pickle.dumps(one))) == hash(one)


def _quick_classes():
    from plancheck import findings, model
    from plancheck.load import records

    return [cls for mod in (model, findings, records) for cls in vars(mod).values()
            if isinstance(cls, type) and "_dataclass_init" in vars(cls)]


def test_every_model_and_finding_class_is_built_the_quick_way():
    """A frozen class added to the model or findings without quick_frozen would be built
    and sent between processes at the slow dataclass speed: list them all here."""
    names = {cls.__name__ for cls in _quick_classes()}
    assert names == {"Source", "Year", "Value", "Target", "Baseline", "Acceptance", "Actual", "Measure",
                     "Objective", "Plan", "Framework", "Hit", "Accepted", "Finding", "Cell"}


def test_quick_init_takes_the_same_arguments_and_sets_the_same_fields_as_the_dataclass():
    import dataclasses
    import inspect

    for cls in _quick_classes():
        quick, original = inspect.signature(cls.__init__), inspect.signature(cls._dataclass_init)
        assert [(p.name, p.kind) for p in quick.parameters.values()] == \
               [(p.name, p.kind) for p in original.parameters.values()], cls
        given, needed = {}, []
        for n, f in enumerate(dataclasses.fields(cls)):
            given[f.name] = f"{f.name}-{n}"  # a distinct value for every field
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                needed.append(f.name)
        for args, kwargs in ((list(given.values()), {}), ([], given), ([given[k] for k in needed], {})):
            a, b = object.__new__(cls), object.__new__(cls)
            cls.__init__(a, *args, **kwargs)
            cls._dataclass_init(b, *args, **kwargs)
            assert {f.name: getattr(a, f.name) for f in dataclasses.fields(cls)} == \
                   {f.name: getattr(b, f.name) for f in dataclasses.fields(cls)}, (cls, args, kwargs)
        with pytest.raises(TypeError):
            cls(*needed[:-1]) if needed else cls(*given.values(), "one too many")
    from plancheck.model import Measure, Source

    one, two = Measure("M1", "O1", "P", "t", Source("f")), Measure("M2", "O1", "P", "t", Source("f"))
    assert one.fields == {} and one.fields is not two.fields  # a fresh dict each, as default_factory gives
    assert Measure("M3", "O1", "P", "t", Source("f"), fields=None).fields is None  # as given, like the dataclass
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.id = "M3"


def test_quick_frozen_refuses_a_class_its_init_would_build_wrongly():
    """A field the dataclass's own __init__ treats specially (keyword-only, left out of
    __init__, or a __post_init__ to call) must not get the quick __init__ silently."""
    import dataclasses

    from plancheck.model import quick_frozen

    @dataclasses.dataclass(frozen=True, slots=True)
    class Later:
        a: int

        def __post_init__(self):
            pass

    @dataclasses.dataclass(frozen=True, slots=True)
    class KeywordOnly:
        a: int
        b: int = dataclasses.field(default=0, kw_only=True)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Hidden:
        a: int
        b: int = dataclasses.field(default=0, init=False)

    for cls in (Later, KeywordOnly, Hidden):
        with pytest.raises(TypeError, match=cls.__name__):
            quick_frozen(cls)


def test_a_quick_class_of_one_field_pickles_and_its_init_is_named_for_it():
    import copy
    import dataclasses

    from plancheck.model import Measure, quick_frozen

    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        a: int

    quick_frozen(One)
    assert One(3).__getstate__() == (3,)
    assert copy.deepcopy(One(3)) == One(3)  # through __getstate__ and __setstate__, as pickle does
    assert Measure.__init__.__qualname__ == "Measure.__init__"  # as tracebacks name it
