"""The HTML report of several frameworks (contract section 1a) in a real headless browser.

A module of its own: Playwright's sync API cannot start while test_html_browser.py's
module-wide browser is open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_html_browser import ARGS, CHROMIUM, _missing, sync_playwright

if _missing and not __import__("os").environ.get("CI"):
    pytestmark = pytest.mark.skip(reason=f"browser test skipped: {_missing}")


def test_several_frameworks_have_a_picker_that_shows_each_report(tmp_path):
    """Contract section 1a: one page, a framework picker, each framework's own report."""
    if _missing:
        pytest.fail(f"CI is set but {_missing}")
    import plancheck

    result = plancheck.check([Path(__file__).resolve().parent.parent / "plans"], jobs=1)
    path = tmp_path / "areas.html"
    path.write_text(result.render("html"), encoding="utf-8")
    names = sorted(r.name for r in result.frameworks)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True)
        pg = context.new_page()
        problems: list[str] = []
        pg.on("pageerror", lambda e: problems.append(str(e)))
        pg.goto(path.as_uri())
        options = pg.eval_on_selector_all("#framework-picker option", "os => os.map(o => o.textContent)")
        assert sorted(options) == names
        for name in ("Kingsmere Borough Council strategic plans", "Luton strategic plan framework"):
            pg.select_option("#framework-picker", label=name)
            frame = pg.frame_locator("#framework-view")
            frame.locator("#map svg .box").first.wait_for()
            assert name in frame.locator("h1").first.text_content()
        context.close()
    assert problems == []
