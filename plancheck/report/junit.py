"""JUnit XML for Jenkins and other CI test-report views.

One test case per finding (classname ``plancheck.<plan id>``, name ``<code> <check>: <objects>``).
A finding at or above ``--fail-on`` is a ``<failure>``; one below it is a passing case
whose text is in ``<system-out>``, so the test report agrees with plancheck's exit code.
A clean run has one passing case, because Jenkins rejects a report with no tests.
Element order follows Jenkins' JUnit schema (tests/schemas/jenkins-junit.xsd).
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..findings import at_or_above
from ..sheets import clean_text
from ._common import where_text


def _xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (they would make the report unreadable)."""
    return clean_text(text)


def document(result) -> ET.Element:
    failed = [at_or_above(f.severity, result.fail_on) for f in result.findings]
    n_tests = max(1, len(result.findings))
    suites = ET.Element("testsuites", name="plancheck", tests=str(n_tests),
                        failures=str(sum(failed)), errors="0")
    suite = ET.SubElement(suites, "testsuite", name=_xml_text(f"plancheck: {result.name}"),
                          tests=str(n_tests), failures=str(sum(failed)), errors="0", skipped="0")
    counts = result.counts()
    props = ET.SubElement(suite, "properties")
    for key in ("plans", "objectives", "measures"):
        ET.SubElement(props, "property", name=key, value=str(counts[key]))
    ET.SubElement(props, "property", name="fail_on", value=result.fail_on)
    if not result.findings:
        ET.SubElement(suite, "testcase", classname="plancheck", name="no problems found", time="0")
    for finding, fails in zip(result.findings, failed, strict=True):
        objects = ", ".join(finding.objects)
        name = f"{finding.code} {finding.check}" + (f": {objects}" if objects else "")
        case = ET.SubElement(suite, "testcase", classname=_xml_text(f"plancheck.{finding.plan or 'framework'}"),
                             name=_xml_text(name), time="0")
        where = where_text(finding.source)
        detail = f"{finding.severity} {finding.code} {finding.check} ({finding.category})\n{finding.message}"
        if where:
            detail += f"\nWhere: {where}"
        if fails:
            failure = ET.SubElement(case, "failure", type=finding.code,
                                    message=_xml_text(f"{finding.severity}: {finding.message}"))
            failure.text = _xml_text(detail)
        else:
            ET.SubElement(case, "system-out").text = _xml_text(detail)
    return suites


def render(result, options) -> str:
    root = document(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
