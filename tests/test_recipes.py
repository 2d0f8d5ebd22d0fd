"""Every CI recipe in docs/github-actions.md runs as written, against a wheel built from
this repository (built once per session, installed into a temporary virtual environment),
on a plan repository laid out as the docs say. The install line of each recipe cannot
reach GitHub here: it is checked to name this repository and the release tag instead,
and the wheel stands in for what it installs. pre-commit's hook runs through
``pre-commit try-repo`` when pre-commit is installed.

The wheel is built once per session (seconds). ``pre-commit try-repo`` installs plancheck
and its dependencies into a fresh environment (about two minutes), so it runs when ``CI``
or ``PLANCHECK_SLOW_TESTS`` is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import PLANS, ROOT

from plancheck.report._common import PROJECT_URL
from plancheck.version import __version__

DOC = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
TAG = f"v{__version__}"
INSTALL = f'pip install "plancheck @ git+{PROJECT_URL}@{TAG}"'


def blocks(lang: str) -> list[str]:
    return [body for kind, body in re.findall(r"```(\w*)\n(.*?)```", DOC, re.S) if kind == lang]


def one_block(lang: str, marker: str) -> str:
    (found,) = [b for b in blocks(lang) if marker in b]
    return found


@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory) -> Path:
    """A virtual environment with plancheck installed from a freshly built wheel. Its
    dependencies are this test environment's (a .pth file), so nothing is downloaded but
    the build backend."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "plancheck", src / "plancheck", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(src), "-w", str(dist)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob(f"plancheck-{__version__}-py3-none-any.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=300)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import plancheck; print(plancheck.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp).stdout
    assert where.startswith(str(venv)), where  # the wheel's plancheck, not this checkout's
    return venv


@pytest.fixture
def plan_repo(tmp_path) -> Path:
    repo = tmp_path / "plan-repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(PLANS / "luton", repo / "plans" / "luton")
    return repo


def run_recipe(commands: list[str], repo: Path, venv: Path, env: dict | None = None) -> list[int]:
    """Run each command with bash in ``repo`` as a CI runner would; install lines are
    checked and replaced by the wheel. Returns the exit codes of the commands run."""
    environ = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", **(env or {})}
    environ.pop("VIRTUAL_ENV", None)
    codes = []
    for command in commands:
        command = command.strip()
        if "pip install" in command:
            assert command.endswith(INSTALL), command
            prefix = command[: -len(INSTALL)]
            if prefix:  # e.g. .venv-plancheck/bin/pip: the recipe's own venv is the wheel's
                env_dir = repo / prefix.split("/bin/")[0]
                if not env_dir.exists():
                    env_dir.symlink_to(venv)
            continue
        if re.fullmatch(r"python3 -m venv \S+", command):
            continue  # made above, from the wheel
        done = subprocess.run(["bash", "-c", command], cwd=repo, env=environ, capture_output=True,
                              text=True, timeout=300)
        assert "Traceback" not in done.stderr, done.stderr
        codes.append(done.returncode)
        expected = 0 if ("--fail-on never" in command or "--write-baseline" in command) else 1
        assert done.returncode == expected, (command, done.stdout[-2000:], done.stderr[-2000:])
    return codes


def test_install_lines_name_the_repository_and_the_release_tag():
    assert DOC.count(INSTALL) >= 3
    assert "pip install plancheck\n" not in DOC and "<plancheck repository URL>" not in DOC


def test_github_actions_recipe(wheel_venv, plan_repo, tmp_path):
    workflow = yaml.safe_load(one_block("yaml", "jobs:"))
    steps = workflow["jobs"]["plans"]["steps"]
    commands = [s["run"] for s in steps if "run" in s]
    summary = tmp_path / "step-summary.md"
    run_recipe(commands, plan_repo, wheel_venv, {"GITHUB_STEP_SUMMARY": str(summary)})
    sarif = json.loads((plan_repo / "plancheck.sarif").read_text(encoding="utf-8"))
    uploads = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert uploads[0]["with"]["sarif_file"] == "plancheck.sarif" and "category" not in uploads[0]["with"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for run in sarif["runs"] for r in run["results"]}
    assert uris and all(u.startswith("plans/luton/") for u in uris)
    assert (plan_repo / "plancheck-report.xlsx").stat().st_size > 0
    assert "## plancheck:" in summary.read_text(encoding="utf-8")


def test_github_actions_workflow_passes_actionlint(tmp_path):
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed")
    wf = tmp_path / ".github" / "workflows" / "plancheck.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text(one_block("yaml", "jobs:"), encoding="utf-8")
    done = subprocess.run([actionlint, "-no-color", str(wf)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout


def test_gitlab_recipe(wheel_venv, plan_repo):
    (job,) = yaml.safe_load(one_block("yaml", "codequality:")).values()
    run_recipe(job["script"], plan_repo, wheel_venv)
    quality = json.loads((plan_repo / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert quality and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i)
                           for i in quality)
    junit = ET.parse(plan_repo / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.tag == "testsuites" and int(junit.get("tests")) == len(quality)


def test_jenkins_recipe(wheel_venv, plan_repo):
    import junitparser

    pipeline = one_block("groovy", "pipeline")
    commands = re.findall(r"sh '([^']*)'", pipeline)
    assert len(commands) == 3
    run_recipe(commands, plan_repo, wheel_venv)
    (report,) = re.findall(r"junit '([^']*)'", pipeline)
    xml = junitparser.JUnitXml.fromfile(str(plan_repo / report))
    cases = [c for suite in xml for c in suite]
    assert cases and all(c.time > 0 for c in cases)


def test_baseline_recipe(wheel_venv, plan_repo):
    section = DOC[DOC.index("## Adopting plancheck"):]
    commands = re.findall(r"^    (plancheck check .*)$", section, re.M)
    assert [("--write-baseline" in c, "--baseline " in c) for c in commands] == [(True, False), (False, True)]
    environ = {**os.environ, "PATH": f"{wheel_venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    codes = [subprocess.run(["bash", "-c", c], cwd=plan_repo, env=environ, capture_output=True,
                            timeout=300).returncode for c in commands]
    assert codes == [0, 0]  # adopted: the existing findings no longer fail the build


# -- pre-commit ---------------------------------------------------------------------------------------
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("path", "runs"), [
    ("plans/luton/laa-2008-11.yaml", True), ("plans/luton/plancheck.yaml", True),
    ("plans/area/measures.csv", True), ("plans/area/accept.csv", True), ("plans/area/our-kpis.csv", True),
    ("plans/luton.xlsx", True), ("plans/area/plans.yml", True), ("plancheck.yaml", True),
    (".github/workflows/plancheck.yml", False), (".github/workflows/plancheck.yaml", False),
    (".gitlab-ci.yml", False), ("docs/notes.yaml", False),
    ("README.md", False), ("plans/area/notes.txt", False), ("scripts/data.csv", False),
])
def test_hook_files_pattern(path, runs):
    (hook,) = HOOKS
    assert bool(re.search(hook["files"], path)) == runs


def test_pre_commit_config_in_the_docs_names_the_hook_and_tag():
    config = yaml.safe_load(one_block("yaml", "repos:"))
    (repo,) = config["repos"]
    assert repo["repo"] == PROJECT_URL and repo["rev"] == TAG
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in HOOKS]


@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("PLANCHECK_SLOW_TESTS")),
                    reason="pre-commit installs plancheck and its dependencies into a new environment "
                           "(about 2 minutes): runs when CI or PLANCHECK_SLOW_TESTS is set")
def test_pre_commit_try_repo_runs_the_hook_on_a_plan_repository(plan_repo):
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed")
    shutil.rmtree(plan_repo / ".git")
    env = {**os.environ, "PRE_COMMIT_HOME": str(plan_repo.parent / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(cmd, cwd=plan_repo, check=True, env=env, timeout=60)
    done = subprocess.run([pre_commit, "try-repo", str(ROOT), "plancheck", "--all-files"], cwd=plan_repo,
                          env=env, capture_output=True, text=True, timeout=900)
    out = done.stdout + done.stderr
    # The sample has errors on purpose: the hook runs on the framework and fails the commit.
    assert done.returncode == 1, out
    assert "plancheck (strategic plan consistency)" in out and "Failed" in out
    assert "error   PC201" in out and "in 4 plans: the framework FAILS" in out and "No plan was found" not in out
