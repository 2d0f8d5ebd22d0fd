"""The HTML report without a browser: escaping, self-containment, and the map marks."""

from __future__ import annotations

import json
import re

from conftest import PLANS
from html_demo import embedded_data, expected_marks, luton_result

from plancheck.report import ReportOptions, render
from plancheck.report.html import document, plan_columns

HOSTILE = """
plan:
  id: SP
  title: "Strategy <script>alert('x')</script> & </script>"
  kind: sustainable-community-strategy
objectives:
  - id: SP-1
    title: "Cleaner <b>streets</b>"
    measures:
      - indicator: NI 195
        title: "Street cleanliness </script><img src=x onerror=alert(1)>"
        unit: percent
        baseline: {value: 12, year: 2007/08}
        targets:
          - {year: 2010/11, value: 8}
"""

CHILD = """
plan:
  id: LAA
  title: Local Area Agreement 2008-11
  kind: local-area-agreement
  derives_from: [SP]
objectives:
  - id: LAA-1
    title: Reduce litter and detritus on Luton's streets
    supports: [SP-1]
    measures:
      - indicator: NI 195
        title: Improved street and environmental cleanliness (litter)
        unit: percent
        baseline: {value: 12, year: 2007/08}
        targets:
          - {year: 2010/11, value: 10}
  - id: LAA-2
    title: Fewer empty homes brought back into use
"""


def _html(result) -> str:
    return render("html", result, ReportOptions())


def test_plan_text_is_escaped_everywhere(framework):
    result = framework({"sp.yaml": HOSTILE, "laa.yaml": CHILD})
    page = _html(result)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>streets</b>" not in page
    assert "Strategy &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;" in page
    # Only our own script elements close a script: the JSON block cannot end early.
    assert page.count("</script>") == page.count("<script")
    data = re.search(r'<script type="application/json" id="plancheck-data">(.*?)</script>', page, re.S).group(1)
    parsed = json.loads(data)
    assert parsed["plans"][0]["title"] == "Strategy <script>alert('x')</script> & </script>"


def test_page_is_self_contained(framework):
    page = _html(framework({"sp.yaml": HOSTILE, "laa.yaml": CHILD}))
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page, re.I)
    assert "<script src" not in page and "<link " not in page
    assert "dagre" in page  # the layout library is inlined


def test_every_plan_and_objective_is_in_the_page():
    result = luton_result()
    page = _html(result)
    for plan in result.framework.plans:
        assert plan.title in page
    for objective in result.framework.objectives():
        assert f">{objective.id}<" in page  # in the text alternative of the map


def test_columns_put_parents_before_the_plans_derived_from_them(framework):
    result = framework({"laa.yaml": CHILD, "sp.yaml": HOSTILE})
    assert [p.id for p in plan_columns(result.framework)] == ["SP", "LAA"]


def test_columns_survive_a_derives_from_cycle(framework):
    a = "plan: {id: A, title: A, kind: corporate-plan, derives_from: [B]}\nobjectives: []\n"
    b = "plan: {id: B, title: B, kind: community-plan, derives_from: [A]}\nobjectives: []\n"
    result = framework({"a.yaml": a, "b.yaml": b})
    assert [p.id for p in plan_columns(result.framework)] == ["B", "A"]


def _objectives(page: str) -> dict[str, dict]:
    return {o["id"]: o for p in embedded_data(page)["plans"] for o in p["objectives"]}


def test_luton_map_marks_are_the_planted_problems():
    """Every objective's marks, from the real findings, equal what the manifest planted."""
    result = luton_result()
    objs = _objectives(_html(result))
    expected = expected_marks()
    assert {oid: set(o["marks"]) for oid, o in objs.items() if o["marks"]} == expected
    # Spot checks written out from the manifest, in case the helper above is wrong.
    assert objs["LAA-E2"]["marks"] == ["broken"]          # supports SCS-W02, meant SCS-W2
    assert objs["LAA-S2"]["marks"] == ["unlinked"]        # no supports; parent SCS-S1
    assert objs["SCS-EN3"]["marks"] == ["undelivered"]
    assert objs["CP-W1"]["marks"] == ["conflict"]         # employment rate 72% against 70% and 74%
    assert objs["LAA-S6"]["marks"] == []                  # a local objective
    assert objs["SCS-W1"]["marks"] == [] and objs["LAA-S5"]["marks"] == []  # PC109 is a suggestion
    counts = {k: sum(k in o["marks"] for o in objs.values()) for k in ("unlinked", "undelivered", "conflict",
                                                                       "broken", "link")}
    assert counts == {"unlinked": 4, "undelivered": 3, "conflict": 5, "broken": 1, "link": 0}


def test_luton_each_objective_lists_the_findings_about_it_or_its_measures():
    result = luton_result()
    data = embedded_data(_html(result))
    objs = {o["id"]: o for p in data["plans"] for o in p["objectives"]}
    owner = {m.id: o.id for o in result.framework.objectives() for m in o.measures}
    owner.update({o.id: o.id for o in result.framework.objectives()})
    for oid, o in objs.items():
        listed = {(data["findings"][i]["code"], tuple(data["findings"][i]["objects"])) for i in o["findings"]}
        about = {(f.code, f.objects) for f in result.findings if any(owner.get(x) == oid for x in f.objects)}
        assert listed == about, oid
    worst = {oid: o["worst"] for oid, o in objs.items()}
    assert worst["LAA-E2"] == "error" and worst["CP-W1"] == "error"   # PC101, PC201
    assert worst["L2011-HS3"] == "warning"                            # PC401 only
    # The page holds every finding of the run, with its code and objects.
    assert [(f["code"], tuple(f["objects"])) for f in data["findings"]] == [
        (f.code, f.objects) for f in result.findings]


BROKEN_CHILD = CHILD + """  - id: LAA-3
    title: More homes built for local people
    supports: [SP-7]
"""


def test_marks_from_real_findings_of_a_small_framework(framework):
    result = framework({"sp.yaml": HOSTILE, "laa.yaml": BROKEN_CHILD})
    codes = {(f.code, f.objects) for f in result.findings}
    # What the checks report on this input (the contract's categories decide the marks):
    assert ("PC106", ("LAA-2",)) in codes                    # missing-link: supports nothing
    assert ("PC101", ("LAA-3",)) in codes                    # broken-link: SP-7 does not exist
    assert any(c == "PC201" and set(o) == {"SP-1.1", "LAA-1.1"} for c, o in codes)  # NI 195: 8 vs 10
    objs = _objectives(_html(result))
    assert objs["LAA-2"]["marks"] == ["unlinked"]
    assert objs["LAA-3"]["marks"] == ["broken"]
    assert objs["SP-1"]["marks"] == ["conflict"] and objs["LAA-1"]["marks"] == ["conflict"]
    assert objs["LAA-1"]["worst"] == "error"


def test_undelivered_mark_for_an_ambition_nothing_supports(framework):
    result = framework({"sp.yaml": HOSTILE.replace("SP-1", "SP-9"), "laa.yaml": CHILD})
    assert ("PC107", ("SP-9",)) in {(f.code, f.objects) for f in result.findings}
    objs = _objectives(_html(result))
    assert "undelivered" in objs["SP-9"]["marks"]
    assert "broken" in objs["LAA-1"]["marks"]  # it still supports SP-1, which is gone


def test_target_comparison_groups_by_normalised_code_and_conflicts(framework):
    result = framework({"sp.yaml": HOSTILE.replace("NI 195", "ni-195"), "laa.yaml": CHILD})
    assert any(f.code == "PC201" and set(f.objects) == {"SP-1.1", "LAA-1.1"} for f in result.findings)
    result.summaries.pop("indicators", None)  # the fallback, used when no family adds the table
    groups = document(result)["indicator_groups"]
    assert groups[0]["conflict"] and groups[0]["code"] == "NI 195"
    assert groups[0]["years"] == ["2010/11"]
    assert sorted((r["measure"], r["targets"]) for r in groups[0]["rows"]) == [("LAA-1.1", ["10"]), ("SP-1.1", ["8"])]


def test_summary_tables_are_rendered_generically(framework):
    from plancheck.checks.context import Table

    result = framework({"sp.yaml": HOSTILE, "laa.yaml": CHILD})
    result.summaries = {
        "traceability": Table("Traceability <by plan>", ["Plan", "Linked"], [["LAA", 0.5]], "a note"),
        "indicators": Table("Targets by indicator", ["Indicator", "Plans"], [["NI 195", 2]]),
    }
    page = _html(result)
    assert "Traceability &lt;by plan&gt;" in page and "a note" in page
    assert "Targets by indicator</caption>" in page and "NI 195" in page


def test_cli_writes_html(tmp_path):
    from click.testing import CliRunner

    from plancheck.cli import cli

    out = tmp_path / "report.html"
    res = CliRunner().invoke(cli, ["check", str(PLANS / "luton"), "--format", "html", "--output", str(out), "-q"])
    assert res.exit_code == 1, res.output  # the sample has errors on purpose
    text = out.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Luton strategic plan framework" in text
