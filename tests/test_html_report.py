"""The HTML report without a browser: escaping, self-containment, and the map marks."""

from __future__ import annotations

import json
import re

from conftest import PLANS
from html_demo import luton_result

from plancheck.findings import Finding
from plancheck.model import Source
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


def _finding(code, category, objects, plan="LAA", severity="warning"):
    return Finding(code, "made-up", category, severity, f"About {', '.join(objects)}.", plan, tuple(objects),
                   Source("laa.yaml", 3))


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


def test_marks_come_from_finding_categories_and_objects(framework):
    result = framework({"sp.yaml": HOSTILE, "laa.yaml": CHILD})
    result.findings = [
        _finding("PC101", "missing-link", ["LAA-2"]),          # supports nothing
        _finding("PC102", "missing-link", ["SP-1"], plan="SP"),  # nothing below? it is supported
        _finding("PC201", "target-conflict", ["SP-1.1", "LAA-1.1"], severity="error"),
        _finding("PC001", "broken-link", ["LAA-1"], severity="error"),
        _finding("PC301", "missing-baseline", ["LAA-2"]),
    ]
    doc = document(result)
    objs = {o["id"]: o for p in doc["plans"] for o in p["objectives"]}
    # LAA derives from SP and nothing derives from LAA: unlinked, not undelivered.
    assert objs["LAA-2"]["marks"] == ["unlinked"]
    assert objs["LAA-2"]["findings"] == [0, 4]
    # SP-1 is in the top plan and LAA-1 supports it: a link finding, neither of the two.
    assert objs["SP-1"]["marks"] == ["link", "conflict"]
    assert "conflict" in objs["LAA-1"]["marks"]
    assert "broken" in objs["LAA-1"]["marks"]
    assert objs["LAA-1"]["worst"] == "error"
    assert doc["mark_counts"]["conflict"] == 2


def test_undelivered_mark_for_an_ambition_nothing_supports(framework):
    result = framework({"sp.yaml": HOSTILE.replace("SP-1", "SP-9"), "laa.yaml": CHILD})
    result.findings = [_finding("PC102", "missing-link", ["SP-9"], plan="SP")]
    objs = {o["id"]: o for p in document(result)["plans"] for o in p["objectives"]}
    assert "undelivered" in objs["SP-9"]["marks"]


def test_target_comparison_groups_by_normalised_code_and_conflicts(framework):
    result = framework({"sp.yaml": HOSTILE.replace("NI 195", "ni-195"), "laa.yaml": CHILD})
    result.findings = [_finding("PC201", "target-conflict", ["SP-1.1", "LAA-1.1"], severity="error")]
    result.summaries.pop("indicators", None)  # the fallback, used when no family adds the table
    groups = document(result)["indicator_groups"]
    assert groups[0]["conflict"] and groups[0]["code"] == "NI 195"
    assert [r["measure"] for r in groups[0]["rows"]] == ["SP-1.1", "LAA-1.1"]
    assert groups[0]["years"] == ["2010/11"]
    assert [r["targets"] for r in groups[0]["rows"]] == [["8"], ["10"]]


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
    assert res.exit_code in (0, 1), res.output
    text = out.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Luton strategic plan framework" in text
