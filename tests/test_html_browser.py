"""The HTML report in a real headless browser (Debian's Chromium, driven by Playwright).

Skipped, with the reason, only when Chromium or Playwright is missing and CI is not set;
under CI it must run. Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from html_demo import expected_marks, luton_result

from plancheck.report import ReportOptions, render

CHROMIUM = os.environ.get("PLANCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

_missing = None
if sync_playwright is None:
    _missing = "the playwright package is not installed (pip install -e '.[test]')"
elif not Path(CHROMIUM).exists():
    _missing = "Chromium is not installed (apt-get install chromium)"
if _missing and not os.environ.get("CI"):
    pytestmark = pytest.mark.skip(reason=f"browser test skipped: {_missing}")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    result = luton_result()
    path = tmp_path_factory.mktemp("html") / "luton.html"
    path.write_text(render("html", result, ReportOptions()), encoding="utf-8")
    return result, path


@pytest.fixture(scope="module")
def page(report, tmp_path_factory):
    if _missing:
        pytest.fail(f"CI is set but {_missing}")
    _, path = report
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, args=ARGS, headless=True,
            viewport={"width": 1320, "height": 900})
        pg = context.new_page()
        problems: list[str] = []
        pg.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        pg.on("pageerror", lambda e: problems.append(str(e)))
        pg.on("request", lambda r: problems.append(f"network request {r.url}")
              if not r.url.startswith(("file:", "data:", "about:")) else None)
        pg.goto(path.as_uri())
        pg.wait_for_selector("#map svg .box")
        pg.problems = problems
        yield pg
        context.close()


def test_opens_with_no_console_errors_and_no_network(page):
    assert page.problems == []


def test_map_shows_every_plan_as_a_column_and_every_objective(page, report):
    result, _ = report
    columns = page.eval_on_selector_all("#map svg .heads .col-title", "els => els.map(e => e.dataset.plan)")
    assert sorted(columns) == sorted(p.id for p in result.framework.plans)
    xs = page.eval_on_selector_all("#map svg .col-band[data-plan]",
                                   "els => els.map(e => Number(e.getAttribute('x')))")
    assert len(set(xs)) == len(result.framework.plans)  # one column each
    boxes = page.eval_on_selector_all("#map .box[data-id]", "els => els.map(e => e.dataset.id)")
    assert sorted(boxes) == sorted(o.id for o in result.framework.objectives())
    # supports links are drawn as lines
    links = sum(1 for o in result.framework.objectives() for s in o.supports
                if s in {x.id for x in result.framework.objectives()})
    assert page.locator("#map svg .edge").count() == links


def test_marks_on_the_map_are_the_planted_problems(page, report):
    """The classes of every box, from the real Luton findings, are the manifest's marks."""
    result, _ = report
    boxes = page.eval_on_selector_all(
        "#map .box[data-id]", "els => els.map(e => [e.dataset.id, e.getAttribute('class')])")
    shown = {oid: {c[2:] for c in cls.split() if c.startswith("m-")} for oid, cls in boxes}
    expected = expected_marks()
    assert shown == {o.id: expected.get(o.id, set()) for o in result.framework.objectives()}
    assert "m-broken" in page.get_attribute('#map .box[data-id="LAA-E2"]', "class")  # SCS-W02
    assert "m-" not in page.get_attribute('#map .box[data-id="SCS-W1"]', "class")


def _visible(page) -> int:
    """Findings shown, each counted once (a finding shared by several plans is listed under each)."""
    return len(set(page.eval_on_selector_all("#findings li.finding:visible", "els => els.map(e => e.dataset.i)")))


def test_findings_open_closed_and_filters_open_the_matching_plans(page, report):
    result, _ = report
    assert _visible(page) == 0  # every plan's list starts closed
    page.select_option("#f-plan", "L2011")
    shown = page.eval_on_selector_all("#findings li.finding:visible", "els => els.map(e => e.dataset.i)")
    l2011 = {str(i) for i, f in enumerate(result.findings) if "L2011" in (f.plans or (f.plan,))}
    assert set(shown) == l2011
    # The owner of Luton 2011 sees the conflicts filed under the Community Plan.
    assert {result.findings[int(i)].code for i in shown if result.findings[int(i)].plan == "CP"} >= {"PC201"}
    page.click("#f-clear")
    assert _visible(page) == 0


def test_search_and_filters_narrow_the_findings(page, report):
    result, _ = report
    for summary in page.locator("#findings details.fgroup > summary").all():
        summary.click()  # open every plan's list, as a reader would
    assert _visible(page) == len(result.findings)
    page.fill("#f-search", "LAA-E1")
    expected = sum(1 for f in result.findings if any("laa-e1" in o.lower() for o in f.objects)
                   or "laa-e1" in f.message.lower())
    assert 0 < _visible(page) == expected < len(result.findings)
    page.click("#f-clear")
    page.select_option("#f-category", "target-conflict")
    assert _visible(page) == sum(1 for f in result.findings if f.category == "target-conflict")
    page.click("#f-clear")
    page.uncheck('input[name="severity"][value="warning"]')
    assert _visible(page) == sum(1 for f in result.findings if f.severity != "warning")
    page.select_option("#f-plan", "SCS")
    assert _visible(page) == sum(1 for f in result.findings if f.severity != "warning" and "SCS" in (f.plans or (f.plan,)))
    page.fill("#f-search", "no such words anywhere")
    assert _visible(page) == 0 and page.is_visible("#f-none")
    page.click("#f-clear")
    assert _visible(page) == 0  # cleared: the lists close again


def test_clicking_a_box_shows_its_measures_and_findings(page, report):
    result, _ = report
    page.click('#map .box[data-id="LAA-E1"]')
    panel = page.locator("#detail")
    assert panel.is_visible()
    text = panel.inner_text()
    objective = next(o for o in result.framework.objectives() if o.id == "LAA-E1")
    for m in objective.measures:
        assert m.title in text and m.id in text
    mine = [f for f in result.findings if any(x in ("LAA-E1", "LAA-E1.1") for x in f.objects)]
    assert [f.code for f in mine] == ["PC201"]  # NI 151: 70% against CP's 72% and L2011's 74%
    assert page.locator("#detail-body ul.fl > li").count() == len(mine)
    assert page.locator("#detail-body code").all_inner_texts() == [f.code for f in mine]
    assert page.locator("#detail-body .tag.t-conflict").count() == 1
    page.keyboard.press("Escape")
    assert not panel.is_visible()


def test_keyboard_reaches_and_opens_a_box(page):
    page.locator("table.plans a").last.focus()  # the last link before the map (the plan table's)
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('data-id')")
    assert first and first.startswith("CP-")  # the first column is the Community Plan
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-id')")
    assert focused and focused != first
    page.keyboard.press("Enter")
    assert page.is_visible("#detail")
    assert page.evaluate("document.activeElement.id") == "detail"
    assert focused in page.inner_text("#detail")
    page.keyboard.press("Escape")
    assert not page.is_visible("#detail")
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == focused


def test_prints_to_pdf(page, tmp_path):
    out = tmp_path / "report.pdf"
    page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True)
    assert out.stat().st_size > 10_000
    assert page.locator("#print-map svg").count() >= 2  # the map cut into page-high strips


def test_map_links_never_run_through_a_box_they_do_not_join(page):
    """A link that skips a column (an LAA objective supporting a strategy objective, past
    Luton 2011) crosses that column between its boxes, never through one."""
    crossings = page.evaluate("""() => {
      const boxes = [...document.querySelectorAll('#map .box[data-id]')].map(b => {
        const r = b.querySelector('rect').getBoundingClientRect();
        return {id: b.dataset.id, l: r.left + 1, r: r.right - 1, t: r.top + 1, b: r.bottom - 1};
      });
      const out = [];
      let skipping = 0;
      for (const p of document.querySelectorAll('#map path.edge:not(.same)')) {
        const ends = new Set([p.dataset.child, p.dataset.parent]);
        const m = p.getScreenCTM(), n = p.getTotalLength();
        const a = p.getPointAtLength(0), z = p.getPointAtLength(n);
        if (Math.abs(z.x - a.x) > 400) skipping++;  // adjacent columns are 176 apart
        for (let s = 0; s <= n; s += 3) {
          const q = p.getPointAtLength(s).matrixTransform(m);
          for (const b of boxes) {
            if (!ends.has(b.id) && q.x > b.l && q.x < b.r && q.y > b.t && q.y < b.b) out.push(p.dataset.child + '->' + b.id);
          }
        }
      }
      return {skipping, through: [...new Set(out)]};
    }""")
    assert crossings["skipping"] > 0  # the sample has links that skip a column
    assert crossings["through"] == []
