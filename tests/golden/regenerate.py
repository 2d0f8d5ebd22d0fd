"""Regenerate the golden files of the machine formats from the sample framework.

Run from the repository root:  .venv/bin/python tests/golden/regenerate.py
then review the diff (git diff tests/golden) before committing: a golden file changes
only when a format, a check or the sample deliberately changes. A regenerated golden is
also checked on its own against what was planted (tests/test_golden_manifest.py), so a
golden rendered from a wrong run fails even though it matches the run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
# Checked together: the Luton sample and a small plan with reading problems.
INPUTS = ["plans/luton", "tests/golden/extra"]
FILES = {"sarif": "luton.sarif", "junit": "luton.junit.xml", "github": "luton.github.txt",
         "gitlab": "luton.gitlab.json"}


def render_all() -> dict[str, str]:
    """``{file name: normalised text}`` rendered from the inputs (run from the repository root)."""
    from plancheck.config import find_settings_file, load_settings
    from plancheck.report import ReportOptions, render
    from plancheck.run import run

    settings = load_settings(find_settings_file(INPUTS))
    result = run(INPUTS, settings)
    return {name: normalise(render(fmt, result, ReportOptions())) for fmt, name in FILES.items()}


def normalise(text: str) -> str:
    """Take out what changes between releases and runs (the version, JUnit's measured
    times), so goldens compare content."""
    import re

    from plancheck import __version__

    text = re.sub(r' time="\d+\.\d+"', ' time="<seconds>"', text)
    return text.replace(f'"{__version__}"', '"<version>"')


def main() -> None:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ.pop("GITHUB_STEP_SUMMARY", None)
    for name, text in render_all().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
