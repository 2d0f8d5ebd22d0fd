"""GitHub Actions workflow commands: one annotation per finding, shown on the changed files.

Messages and properties are escaped as the runner expects (``%``, CR and LF in both;
``:`` and ``,`` too in properties). When ``GITHUB_STEP_SUMMARY`` names a file, a Markdown
summary of the run is appended to it (the job's summary page).

GitHub's limits: a step shows only 10 annotations of each level, so annotations come
worst first, and when a level has more than 10 a notice (first, so it is shown) says
how many and where to see them all. A step summary over 1 MiB is dropped, so the table
stops before that with a line saying how many findings it leaves out. Accepted
findings (contract section 7) are left out of both: they do not fail the check.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..findings import worst_first
from ..output import OutputError, append_output, files_read
from ._common import sheet_cell, where_text

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
SHOWN_PER_LEVEL = 10  # GitHub shows at most this many annotations of each level per step
SUMMARY_LIMIT = 1024 * 1024  # GitHub drops a step summary larger than 1 MiB
_SUMMARY_ROOM = 16 * 1024  # kept free below the limit: the closing lines, other steps' text


# Characters other than CR and LF that some readers treat as line breaks (Python's
# splitlines among them), and other control characters: one would split an annotation.
_BREAKERS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _BREAKERS.sub(" ", text)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding) -> str:
    props = []
    src = finding.source
    if src is not None and src.file:
        props.append(f"file={escape_property(src.file)}")
        if src.line:
            props.append(f"line={src.line}")
    props.append(f"title={escape_property(f'{finding.code} {finding.check}')}")
    text = finding.message
    place = sheet_cell(src)
    if place:
        text = f"{text} ({place})"
    return f"::{COMMAND[finding.severity]} {','.join(props)}::{escape_data(text)}"


def _shown(result) -> list:
    """The findings annotated and tabled: not accepted ones, worst first."""
    return [f for f in worst_first(result.findings) if f.accepted is None]


def markdown_summary(result, budget: int = SUMMARY_LIMIT - _SUMMARY_ROOM) -> str:
    """The step summary, at most ``budget`` bytes of UTF-8."""
    counts = result.counts()
    verdict = "fails" if result.exit_code else "passes"
    extra = []
    if counts.get("accepted"):
        extra.append(f"{counts['accepted']} accepted findings are not listed")
    if getattr(result, "baselined", 0):
        extra.append(f"{result.baselined} findings recorded in the baseline file were left out")
    lines = [f"## plancheck: {_md(result.name)}", "",
             f"{counts['plans']} plans, {counts['objectives']} objectives, {counts['measures']} measures: "
             f"**{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info**; "
             f"the framework {verdict} (fails on {result.fail_on})."
             + (f" ({'; '.join(extra)}.)" if extra else ""), ""]
    shown = _shown(result)
    if shown:
        lines += ["| severity | code | plan | problem | where |", "|---|---|---|---|---|"]
        size = sum(len(line.encode("utf-8")) + 1 for line in lines)
        for n, f in enumerate(shown):
            row = (f"| {f.severity} | {f.code} {f.check} | {_md(f.plan or '')} | {_md(f.message)} "
                   f"| {_md(where_text(f.source))} |")
            cost = len(row.encode("utf-8")) + 1
            if size + cost > budget:
                rest = shown[n:]
                by_level = ", ".join(f"{sum(1 for x in rest if x.severity == s)} {s}"
                                     for s in ("error", "warning", "info") if any(x.severity == s for x in rest))
                lines += ["", f"**{len(rest)} more findings ({by_level}) are not listed here**: GitHub keeps "
                          "a step summary under 1 MiB. The JSON, SARIF or workbook report lists them all."]
                break
            lines.append(row)
            size += cost
    return "\n".join(lines) + "\n"


def overflow_notice(result) -> str | None:
    """A notice when a level has more annotations than GitHub shows, else None."""
    shown = _shown(result)
    over = []
    for sev in ("error", "warning", "info"):
        n = sum(1 for f in shown if f.severity == sev)
        if n > SHOWN_PER_LEVEL:
            over.append(f"{n} {sev}" + ("s" if sev != "info" and n != 1 else ""))
    if not over:
        return None
    text = (f"plancheck found {', '.join(over)}; GitHub shows only the first {SHOWN_PER_LEVEL} annotations "
            "of each level in a step (the most serious come first). The job summary and the full report "
            "list them all.")
    return f"::notice title=plancheck::{escape_data(text)}"


# Every ASCII character Markdown or HTML gives a meaning to is written as a numeric
# character reference, so plan text is shown as text: no image, link, emphasis, heading,
# HTML tag or table break. "://", "www." and "@" get a zero-width space after them so
# GitHub's autolinker (which runs on the decoded text) sees no web or e-mail address.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~&:@\"'=$%^]")
_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")


def _md(text: str) -> str:
    """Plan text safe inside a Markdown table cell: inert, on one line."""
    text = _BREAKERS.sub(" ", text.replace("\r", " ").replace("\n", " "))
    text = _AUTOLINK.sub(lambda m: m.group(1) + "\u200b", text)
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def render(result, options) -> str:
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:  # never through a link, never onto a plan or the settings read
            used = os.path.getsize(summary_file) if os.path.isfile(summary_file) else 0
            append_output(Path(summary_file), markdown_summary(result, max(4096, SUMMARY_LIMIT - _SUMMARY_ROOM - used)),
                          inputs=result.files, protect=files_read(result))
        except OutputError as exc:
            # The annotations still go out; say why the summary did not.
            sys.stderr.write(f"plancheck: no step summary written: {exc}\n")
    notice = overflow_notice(result)
    lines = [notice] if notice else []
    lines += [annotation(f) for f in _shown(result)]
    return "".join(line + "\n" for line in lines)
