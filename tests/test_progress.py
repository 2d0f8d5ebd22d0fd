"""The progress bar: silent for quick runs and off a terminal, a bar for long ones."""

from __future__ import annotations

import io

from click.testing import CliRunner

from plancheck.cli import cli
from plancheck.progress import StageProgress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_nothing_is_shown_before_the_delay():
    stream, clock = io.StringIO(), Clock()
    bar = StageProgress(stream, delay=1.5, clock=clock)
    bar("reading plans")
    bar.advance(3, 150)
    clock.now = 1.4
    bar.advance(40, 150)
    bar.close()
    assert stream.getvalue() == ""


def test_a_long_run_shows_its_stage_and_files_read_then_clears():
    stream, clock = io.StringIO(), Clock()
    bar = StageProgress(stream, delay=1.5, clock=clock)
    bar("reading plans")
    clock.now = 2.0
    bar.advance(75, 150)
    shown = stream.getvalue()
    assert "reading plans" in shown and "75/150" in shown
    assert "#" * 12 + "." * 12 in shown  # half the bar
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_redraws_are_throttled():
    stream, clock = io.StringIO(), Clock()
    bar = StageProgress(stream, delay=0, clock=clock)
    bar("reading plans")
    for n in range(1000):
        bar.advance(n, 1000)
    assert stream.getvalue().count("\r") <= 2


def test_the_cli_writes_no_progress_off_a_terminal(tmp_path, monkeypatch):
    import plancheck.progress as progress

    monkeypatch.setattr(progress, "DELAY", 0.0)
    (tmp_path / "p.yaml").write_text("plan: {id: P, title: A plan, kind: other}\nobjectives: []\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])  # its stderr is not a terminal
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "\x1b[2K" not in result.output


def test_a_new_stage_shows_its_bar_at_once():
    stream, clock = io.StringIO(), Clock()
    bar = StageProgress(stream, delay=0, clock=clock)
    bar("reading plans")
    bar.advance(150, 150)
    clock.now = 0.01
    bar("checking PC201 conflicting-targets")
    bar.advance(3, 12)
    assert stream.getvalue().rsplit("\r", 1)[-1].startswith("\x1b[2Kplancheck: checking PC201 conflicting-targets [")
    assert "3/12" in stream.getvalue().rsplit("\r", 1)[-1]
