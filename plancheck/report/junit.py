"""JUnit XML for Jenkins and other CI test-report views.

One test suite per framework; one test case per finding (classname ``plancheck.<plan id>``,
name ``<code> <check>: <objects>``, made unique within the suite). A finding at or above
``--fail-on`` is a ``<failure>``; one below it is a passing case whose text is in
``<system-out>``, so the test report agrees with plancheck's exit code. An accepted
finding (contract section 7) is ``<skipped>`` with its reason. A clean framework has one
passing case, because Jenkins rejects a report with no tests.

Times are measured: each case gets its check's measured time shared among that check's
findings (input findings share the reading time), never 0, so views that divide by it
work. ``file`` and ``line`` attributes say where the finding is, as pytest's JUnit
files do; Jenkins and GitLab read them, although Jenkins' published XSD does not list
them. Element order follows that XSD (tests/schemas/jenkins-junit.xsd).
"""

from __future__ import annotations

from collections import Counter
from xml.etree import ElementTree as ET

from ..findings import at_or_above
from ..sheets import clean_text
from ._common import artifact_path, by_framework, where_text

MIN_TIME = 0.000001  # a case always takes some time; 0 breaks views that divide by it


def _xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (they would make the report unreadable)."""
    return clean_text(text)


def _seconds(t: float) -> str:
    return f"{max(t, MIN_TIME):.6f}"


def _case_times(result) -> dict[int, float]:
    """Each finding's share of the measured time of the check that found it, by ``id``:
    per framework, since each framework's checks are timed in its own run."""
    times: dict[int, float] = {}
    for part in getattr(result, "results", None) or [result]:
        timings = getattr(part, "timings", {}) or {}
        per_code = Counter(f.code for f in part.findings)
        untimed = sum(n for code, n in per_code.items() if f"code:{code}" not in timings)
        for f in part.findings:
            spent = timings.get(f"code:{f.code}")
            if spent is None:  # input findings: found while reading the files
                spent, share = timings.get("load", 0.0), untimed
            else:
                share = per_code[f.code]
            times[id(f)] = spent / max(1, share)
    return times


def document(result) -> ET.Element:
    times = _case_times(result)
    total_time = (getattr(result, "timings", {}) or {}).get("total", 0.0)
    suites = ET.Element("testsuites", name="plancheck")
    all_tests = all_failures = all_skipped = 0
    counts = result.counts()
    for name, findings in by_framework(result):
        failed = [f.accepted is None and at_or_above(f.severity, result.fail_on) for f in findings]
        skipped = sum(1 for f in findings if f.accepted is not None)
        n_tests = max(1, len(findings))
        suite_time = sum(times.get(id(f), 0.0) for f in findings) if findings else total_time
        suite = ET.SubElement(suites, "testsuite", name=_xml_text(f"plancheck: {name}"),
                              tests=str(n_tests), failures=str(sum(failed)), errors="0",
                              skipped=str(skipped), time=_seconds(suite_time))
        props = ET.SubElement(suite, "properties")
        for key in ("plans", "objectives", "measures"):
            ET.SubElement(props, "property", name=key, value=str(counts[key]))
        ET.SubElement(props, "property", name="fail_on", value=result.fail_on)
        if not findings:
            ET.SubElement(suite, "testcase", classname="plancheck", name="no problems found",
                          time=_seconds(total_time))
        seen: Counter = Counter()
        for finding, fails in zip(findings, failed, strict=True):
            _case(suite, finding, fails, times.get(id(finding), 0.0), seen, result)
        all_tests += n_tests
        all_failures += sum(failed)
        all_skipped += skipped
    suites.set("tests", str(all_tests))
    suites.set("failures", str(all_failures))
    suites.set("errors", "0")
    suites.set("time", _seconds(total_time))
    return suites


def _case(suite, finding, fails: bool, seconds: float, seen: Counter, result) -> None:
    objects = ", ".join(finding.objects)
    where = where_text(finding.source)
    name = f"{finding.code} {finding.check}" + (f": {objects}" if objects else (f" ({where})" if where else ""))
    classname = f"plancheck.{finding.plan or 'framework'}"
    seen[(classname, name)] += 1
    if seen[(classname, name)] > 1:  # unique names: report views key cases by classname + name
        name = f"{name} #{seen[(classname, name)]}"
    attrs = {"classname": _xml_text(classname), "name": _xml_text(name), "time": _seconds(seconds),
             "file": _xml_text(artifact_path(finding, result))}
    if finding.source is not None and finding.source.line:
        attrs["line"] = str(finding.source.line)
    case = ET.SubElement(suite, "testcase", attrs)
    detail = f"{finding.severity} {finding.code} {finding.check} ({finding.category})\n{finding.message}"
    if where:
        detail += f"\nWhere: {where}"
    if finding.accepted is not None:
        ET.SubElement(case, "skipped").text = _xml_text(f"Accepted: {finding.accepted.reason}")
        ET.SubElement(case, "system-out").text = _xml_text(detail)
    elif fails:
        failure = ET.SubElement(case, "failure", type=finding.code,
                                message=_xml_text(f"{finding.severity}: {finding.message}"))
        failure.text = _xml_text(detail)
    else:
        ET.SubElement(case, "system-out").text = _xml_text(detail)


def render(result, options) -> str:
    root = document(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
