"""Issue 13: files that are not files, and writes that must not happen.

Reading: a FIFO, a device, a symlink loop or an unreadable file is a located finding
(or a settings error, exit 2), never a hang or a traceback. Writing: only the path
named, never through a symbolic link, never onto a file the run read, atomically.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancheck.cli import cli
from plancheck.config import Settings
from plancheck.run import run

GOOD = textwrap.dedent("""\
    plan: {id: SCS, title: Luton Sustainable Community Strategy, kind: sustainable-community-strategy}
    objectives:
      - id: SCS-W1
        title: "More residents in work ![x](https://evil.example/p.png) [click](https://evil.example)"
        local: true
        measures:
          - title: Overall employment rate
            unit: percent
            baseline: {value: 67.8, year: 2007/08}
            targets: [{year: 2010/11, value: 70}]
    """)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _framework(tmp_path: Path) -> Path:
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "scs.yaml").write_text(GOOD, encoding="utf-8")
    return folder


def _input_codes(result) -> set[tuple]:
    return {(f.code, Path(f.source.file).name) for f in result.findings if f.category == "input"}


def _cli(*args, env=None):
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


# -- reading ---------------------------------------------------------------------------------
@needs_fifo
@pytest.mark.parametrize("name", ["plan.yaml", "plans.csv", "book.xlsx"])
def test_a_fifo_named_like_a_plan_is_reported_not_waited_for(tmp_path, name):
    folder = _framework(tmp_path)
    os.mkfifo(folder / name)
    # In a child process with a timeout: a blocking open would hang the test run otherwise.
    proc = subprocess.run([sys.executable, "-m", "plancheck", "check", str(folder), "--format", "json"],
                          capture_output=True, timeout=60)
    assert proc.returncode == 1, proc.stderr.decode()
    findings = json.loads(proc.stdout)["findings"]
    assert any(f["code"] == "PC001" and Path(f["location"]["file"]).name == name for f in findings)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_as_a_plan_or_a_catalogue_is_refused_before_reading(tmp_path):
    folder = _framework(tmp_path)
    os.symlink("/dev/zero", folder / "zero.yaml")
    result = run([str(folder)], Settings())
    assert ("PC001", "zero.yaml") in _input_codes(result)
    assert [p.id for p in result.framework.plans] == ["SCS"]
    (folder / "zero.yaml").unlink()
    (folder / "plancheck.yaml").write_text("indicators: {catalogues: [/dev/zero]}\n")
    res = _cli("check", str(folder))
    assert res.exit_code == 2
    assert "catalogue" in res.output


def test_a_symlink_loop_in_the_folder_is_a_finding(tmp_path):
    folder = _framework(tmp_path)
    os.symlink("loop-b.yaml", folder / "loop-a.yaml")
    os.symlink("loop-a.yaml", folder / "loop-b.yaml")
    result = run([str(folder)], Settings())
    assert {("PC001", "loop-a.yaml"), ("PC001", "loop-b.yaml")} <= _input_codes(result)
    assert [p.id for p in result.framework.plans] == ["SCS"]


def test_an_unreadable_workbook_is_a_finding(tmp_path, monkeypatch):
    import plancheck.files

    folder = _framework(tmp_path)
    book = folder / "book.xlsx"
    book.write_bytes(b"PK\x03\x04")
    book.chmod(0)
    real_open = os.open

    def refuse(path, *args, **kwargs):  # root may read a mode-000 file: refuse it as a user is refused
        if Path(path) == book:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(plancheck.files.os, "open", refuse)
    try:
        result = run([str(folder)], Settings())
    finally:
        book.chmod(0o644)
    assert ("PC001", "book.xlsx") in _input_codes(result)
    assert [p.id for p in result.framework.plans] == ["SCS"]


def test_a_fifo_or_deep_settings_file_is_a_settings_error(tmp_path):
    folder = _framework(tmp_path)
    (folder / "plancheck.yaml").write_text("name: " + "[" * 5_000 + "]" * 5_000 + "\n")
    res = _cli("check", str(folder))
    assert res.exit_code == 2
    (folder / "plancheck.yaml").write_text("select: [1]\n")
    res = _cli("check", str(folder))
    assert res.exit_code == 2 and "select" in res.output
    if hasattr(os, "mkfifo"):
        (folder / "plancheck.yaml").unlink()
        os.mkfifo(folder / "plancheck.yaml")
        proc = subprocess.run([sys.executable, "-m", "plancheck", "check", str(folder)],
                              capture_output=True, timeout=60)
        assert proc.returncode == 2 and b"Traceback" not in proc.stderr


# -- writing ---------------------------------------------------------------------------------
def test_output_never_goes_through_a_symlink(tmp_path):
    folder = _framework(tmp_path)
    victim = tmp_path / "bashrc"
    victim.write_text("export PATH\n")
    (tmp_path / "reports").mkdir()
    link = tmp_path / "reports" / "x.json"
    os.symlink(victim, link)
    for extra in ([], ["--force"]):
        res = _cli("check", str(folder), "-f", "json", "-o", str(link), *extra)
        assert res.exit_code == 2
    assert victim.read_text() == "export PATH\n"
    assert os.path.islink(link)


def test_output_never_replaces_the_settings_or_an_input(tmp_path):
    folder = _framework(tmp_path)
    settings = folder / "plancheck.yaml"
    settings.write_text("name: Luton\n")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for dest in (settings, folder / "scs.yaml"):
        res = _cli("check", str(folder), "-f", "json", "-o", str(dest), "--force")
        assert res.exit_code == 2
    os.link(folder / "scs.yaml", tmp_path / "hardlink.json")  # another name for an input
    assert _cli("check", str(folder), "-f", "json", "-o", str(tmp_path / "hardlink.json")).exit_code == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_convert_into_its_own_folder_refuses_before_writing_anything(tmp_path):
    folder = _framework(tmp_path)
    (folder / "zzz.yaml").write_text(GOOD.replace("SCS", "ZZZ"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    res = _cli("convert", str(folder), "--to", "yaml", "-o", str(folder), "--force")
    assert res.exit_code == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_convert_into_a_folder_with_plans_still_needs_force(tmp_path):
    folder = _framework(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.yaml").write_text("plan: {id: OLD, title: Old, kind: other}\n")
    assert _cli("convert", str(folder), "--to", "yaml", "-o", str(out)).exit_code == 2
    assert _cli("convert", str(folder), "--to", "yaml", "-o", str(out), "--force").exit_code == 0


_SLOW_WRITE = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    from plancheck import output

    # Ctrl-C as at a terminal, even when the tests were started in the background, where
    # the shell leaves SIGINT ignored in every process it starts (and Python keeps it so).
    signal.signal(signal.SIGINT, signal.default_int_handler)

    real = os.replace
    def stall(src, dst):
        Path(sys.argv[2]).write_text("ready")
        import time
        time.sleep(60)
        real(src, dst)
    output.os.replace = stall
    output.write_output(Path(sys.argv[1]), "report")
    """)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, sig):
    dest = tmp_path / "out" / "report.json"
    dest.parent.mkdir()
    flag = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITE, str(dest), str(flag)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            if flag.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)  # polling only; nothing is asserted about time
        assert flag.exists(), proc.stderr.read().decode() if proc.poll() is not None else "never got ready"
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    assert list(dest.parent.iterdir()) == []


def test_step_summary_is_never_appended_to_a_plan_and_its_text_is_inert(tmp_path):
    folder = tmp_path / "fw"
    folder.mkdir()
    title = "Luton SCS ![x](https://evil.example/p.png) [click](http://evil.example) <img src=x> www.evil.example"
    for name in ("a.yaml", "b.yaml"):  # the same plan id twice: the message quotes the first title
        (folder / name).write_text(f"plan: {{id: SCS, title: '{title}', kind: other}}\n", encoding="utf-8")
    plan = folder / "a.yaml"
    before = plan.read_bytes()
    res = _cli("check", str(folder), "-f", "github", env={"GITHUB_STEP_SUMMARY": str(plan)})
    assert plan.read_bytes() == before
    assert res.exit_code == 1  # the duplicate id; the refused summary is said on stderr only
    summary = tmp_path / "summary.md"
    _cli("check", str(folder), "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert "PC004" in text and "evil" in text
    for live in ("![", "](", "://evil", "<img", "[click]", "www.evil"):
        assert live not in text


def test_junit_classname_holds_no_control_characters(tmp_path):
    import xml.etree.ElementTree as ET

    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "p.yaml").write_text('plan: {id: "A\\x01B", title: T, kind: other}\n'
                                   'objectives:\n  - {id: O1, title: x, supports: [NOPE]}\n', encoding="utf-8")
    res = _cli("check", str(folder), "-f", "junit")
    root = ET.fromstring(res.output)  # a control character would make this invalid XML
    classnames = [c.get("classname") for c in root.iter("testcase")]
    assert classnames and all(not any(ord(ch) < 32 for ch in c) for c in classnames)


def test_convert_to_csv_writes_nothing_it_cannot_read_back(tmp_path):
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "p.yaml").write_text('plan: {id: LAA, title: "Luton\\0 LAA", kind: other}\n', encoding="utf-8")
    out = tmp_path / "csv"
    assert _cli("convert", str(folder), "--to", "csv", "-o", str(out)).exit_code == 0
    assert all(b"\x00" not in p.read_bytes() for p in out.iterdir())
    back = run([str(out)], Settings())
    assert [p.title for p in back.framework.plans] == ["Luton LAA"]
    assert not [f for f in back.findings if f.code == "PC001"]


# -- input findings name their element (contract section 4: objects) ---------------------------
def test_input_findings_list_the_element_they_are_about(tmp_path):
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "plans.csv").write_text("id,title,kind,period_start\nLAA,Luton LAA,other,March 2008\n")
    (folder / "objectives.csv").write_text("id,plan,title,local\nLAA-E1,LAA,More residents in work,perhaps\n")
    (folder / "measures.csv").write_text("id,objective,title,direction,baseline_value,baseline_year\n"
                                         "LAA-E1.1,LAA-E1,Employment rate,up,0x10,2007/08\n")
    (folder / "targets.csv").write_text("measure,year,value\nLAA-E1.1,2010/12,70\n")
    result = run([str(folder)], Settings())
    about = {(f.code, Path(f.source.file).name, f.objects) for f in result.findings if f.category == "input"}
    assert about == {
        ("PC005", "plans.csv", ("LAA",)),            # March 2008
        ("PC008", "objectives.csv", ("LAA-E1",)),    # local: perhaps
        ("PC008", "measures.csv", ("LAA-E1.1",)),    # direction: up
        ("PC006", "measures.csv", ("LAA-E1.1",)),    # 0x10
        ("PC005", "targets.csv", ("LAA-E1.1",)),     # 2010/12
    }


def test_yaml_unknown_keys_name_their_element(tmp_path):
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "p.yaml").write_text(textwrap.dedent("""\
        plan: {id: LAA, title: Luton LAA, kind: other, sponsor: Forum}
        objectives:
          - id: LAA-E1
            title: Jobs
            owner: Forum
            measures:
              - id: LAA-E1.1
                title: Employment rate
                target: 70
        """), encoding="utf-8")
    result = run([str(folder)], Settings())
    assert {(f.code, f.source.line, f.objects) for f in result.findings if f.category == "input"} == {
        ("PC002", 1, ("LAA",)), ("PC002", 5, ("LAA-E1",)), ("PC002", 9, ("LAA-E1.1",))}


def test_output_never_replaces_the_settings_of_any_framework_in_a_run(tmp_path):
    root = tmp_path / "areas"
    for area in ("luton", "kingsmere"):
        folder = root / area
        folder.mkdir(parents=True)
        (folder / "scs.yaml").write_text(GOOD.replace("SCS", area.upper()), encoding="utf-8")
        (folder / "plancheck.yaml").write_text(f"name: {area}\n")
    target = root / "kingsmere" / "plancheck.yaml"
    res = _cli("check", str(root), "-f", "json", "-o", str(target))
    assert res.exit_code == 2
    assert target.read_text() == "name: kingsmere\n"
