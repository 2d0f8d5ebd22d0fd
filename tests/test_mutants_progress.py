"""Progress checks (PC6xx), written from the contract (sections 6, 8 and 9) for the
mutants of checks/progress.py that tests/test_actuals.py leaves alive (tests/MUTATION.md):
where a finding is reported, and which plan it belongs to. Codes, objects, plans and
locations only, never wording.
"""

from __future__ import annotations

from conftest import check_paths, write_framework

LAA = """
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  period: {start: 2008/09, end: 2010/11}
objectives:
  - id: LAA-E1
    title: More Luton residents in work
    local: true
    measures:
      - id: LAA-E1.1
        indicator: NI 151
        title: Overall employment rate (working age)
        unit: percent
        direction: increase
        baseline: {value: 67.8, year: 2007/08}
        targets:
          - {year: 2010/11, value: 70.0}
        actuals:
          - {year: 2007/08, value: 66.9}
          - {year: 2008/09, value: 68.9}
"""
# The line of "baseline:" in the file written (write_framework drops the leading newline).
BASELINE_LINE = LAA.lstrip("\n").splitlines().index("        baseline: {value: 67.8, year: 2007/08}") + 1


def test_a_baseline_differing_from_its_years_actual_is_reported_at_the_baseline(tmp_path):
    folder = write_framework(tmp_path / "fw", {"laa.yaml": LAA, "other.yaml": LAA.replace("LAA", "CP")
                                               .replace("local-area-agreement", "community-plan")})
    result = check_paths([folder], select=["PC604"])
    got = sorted((f.code, f.plan, f.objects, f.source.file.rsplit("/", 1)[-1], f.source.line)
                 for f in result.findings)
    assert got == [("PC604", "CP", ("CP-E1.1",), "other.yaml", BASELINE_LINE),
                   ("PC604", "LAA", ("LAA-E1.1",), "laa.yaml", BASELINE_LINE)]
    assert all(f.message.strip() for f in result.findings)


def _measure(mid, indicator, title, target, actuals):
    out = [f"      - id: {mid}", f"        indicator: {indicator}", f"        title: {title}",
           "        unit: percent", "        direction: increase",
           "        baseline: {value: 60.0, year: 2007/08}",
           "        targets:", f"          - {{year: 2010/11, value: {target}}}"]
    if actuals:
        out.append("        actuals:")
        out += [f"          - {{year: {y}, value: {v}}}" for y, v in actuals]
    return "\n".join(out) + "\n"


def _plan(pid, kind, measures):
    return (f"plan:\n  id: {pid}\n  title: Plan {pid}\n  kind: {kind}\n"
            "  period: {start: 2008/09, end: 2010/11}\n"
            f"objectives:\n  - id: {pid}-E1\n    title: More residents in work\n    local: true\n"
            "    measures:\n" + "".join(measures))


def test_the_progress_table_lists_every_measure_with_actuals_and_one_chart_per_indicator(tmp_path):
    # NI 151 is in both plans (one indicator: one chart holding both measures); the LAA's
    # second measure, NI 163, comes after a measure already listed with its indicator.
    files = {
        "l2011.yaml": _plan("L2011", "corporate-plan", [
            _measure("L2011-ER1.1", "NI 151", "Overall employment rate (working age)", 74, [])]),
        "laa.yaml": _plan("LAA", "local-area-agreement", [
            _measure("LAA-E1.1", "NI 151", "Overall employment rate (working age)", 70,
                     [("2008/09", 68.9), ("2009/10", 67.1)]),
            _measure("LAA-E1.2", "NI 163", "Proportion of adults qualified to at least Level 2", 75,
                     [("2008/09", 66.0), ("2009/10", 68.0)])]),
    }
    result = check_paths([write_framework(tmp_path / "fw", files)], select=["PC6"])
    table = result.summaries["progress"]
    listed = {r[2] for r in table.rows}
    assert {"LAA-E1.1", "LAA-E1.2"} <= listed
    assert len(table.charts) == 2  # one per indicator, not one per measure
    together = [c for c in table.charts if "LAA-E1.1" in str(c)]
    assert len(together) == 1 and "L2011-ER1.1" in str(together[0])


def test_a_framework_with_no_actuals_has_an_empty_progress_table_that_says_why(tmp_path):
    files = {"laa.yaml": _plan("LAA", "local-area-agreement", [
        _measure("LAA-E1.1", "NI 151", "Overall employment rate (working age)", 70, [])])}
    result = check_paths([write_framework(tmp_path / "fw", files)], select=["PC6"])
    table = result.summaries["progress"].as_dict()
    assert (table["columns"], table["rows"], table["charts"]) == ([], [], [])
    assert isinstance(table["title"], str) and table["title"].strip()
    assert isinstance(table["note"], str) and table["note"].strip()
