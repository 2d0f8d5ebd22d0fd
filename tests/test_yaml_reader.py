"""The event-based YAML reader must read exactly what composing a node tree and walking
it reads (values, types and lines), and refuse the same hostile files."""

from __future__ import annotations

import sys

import pytest
import yaml
from conftest import PLANS, ROOT
from yaml_oracle import read_tree

from plancheck.load import yaml_plans
from plancheck.load.records import FieldReader


def _plain(x, lines=True):
    if isinstance(x, dict):
        return {k: (_plain(v, lines), line * lines) for k, (v, line) in x.items()}, getattr(x, "line", 0) * lines
    if isinstance(x, list):
        return [(_plain(v, lines), line * lines) for v, line in x], getattr(x, "line", 0) * lines
    return type(x).__name__, x


def _by_tree(text):
    hits = []
    doc = read_tree(text, FieldReader(hits), "f.yaml")
    return doc, [(h.message, h.source.line) for h in hits]


def _by_events(text):
    hits = []
    doc = yaml_plans._Walker(FieldReader(hits), "f.yaml").build(yaml.parse(text, Loader=yaml_plans._Loader))
    return doc, [(h.message, h.source.line) for h in hits]


DOCS = {
    "typed scalars": """
        plan: {id: LAA, title: "Local Area Agreement 2008-11", kind: local-area-agreement}
        objectives:
          - id: LAA-E1
            local: yes
            supports: [SCS-W2, 'SCS-W3']
            measures:
              - {indicator: NI 151, baseline: {value: "2,737", year: 2007/08}}
              - {baseline: {value: 31.9%, year: 2008}, targets: [{year: 2010-11, value: ~}]}
              - {title: null, when: 2010-04-01, n: 0x1F, f: .5, big: 1_000, octal: 017}
        """,
    "explicit tags stay safe": """
        a: !!str 2011
        b: !!int "12"
        c: !!python/object:os.system echo
        d: !custom 5
        """,
    "duplicate keys and two objectives blocks": """
        plan: {id: P, title: T, title: U}
        objectives:
          - id: A
        objectives:
          - id: B
        """,
    "complex keys": """
        ? [a, b]
        : 1
        ? {k: v}
        : 2
        3: three
        """,
    "empty values": "plan:\nobjectives:\n  -\n  - id: X\n    measures: []\n",
    "document markers": "---\nplan: {id: P}\n...\n",
    "a bare scalar": "just text\n",
}


@pytest.mark.parametrize("name", list(DOCS))
def test_events_read_what_the_node_tree_reads(name):
    import textwrap

    text = textwrap.dedent(DOCS[name]).lstrip("\n")
    tree_doc, tree_hits = _by_tree(text)
    event_doc, event_hits = _by_events(text)
    assert _plain(event_doc) == _plain(tree_doc)
    assert event_hits == tree_hits


def test_aliases_read_the_same_values_located_where_the_alias_is_written():
    # The node tree gives an alias the anchor's line; the events give the alias's own
    # line, which is where an officer would look.
    text = (
        "common: &lead {lead: Luton Forum, theme: &t Jobs}\n"
        "objectives:\n"
        "  - id: A\n"
        "    extra: *lead\n"
        "    theme: *t\n"
        "  - *lead\n"
        "*t : an aliased key\n"
    )
    event_doc, _ = _by_events(text)
    assert _plain(event_doc, lines=False) == _plain(_by_tree(text)[0], lines=False)
    assert event_doc["Jobs"] == ("an aliased key", 7)
    objectives = event_doc["objectives"][0]
    assert objectives[1][1] == 6
    assert objectives[0][0]["theme"] == ("Jobs", 5)


def test_events_read_the_sample_framework_like_the_node_tree():
    files = sorted((PLANS / "luton").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _plain(_by_events(text)[0]) == _plain(_by_tree(text)[0]), path.name


def test_empty_document_is_none():
    assert _by_events("# only a comment\n")[0] is None


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: b: c\n", "a: *nowhere\n", "a: 1\n---\nb: 2\n"])
def test_invalid_yaml_raises_a_yaml_error_with_a_line(text):
    with pytest.raises(yaml.YAMLError) as info:
        _by_events(text)
    mark = getattr(info.value, "problem_mark", None) or getattr(info.value, "context_mark", None)
    assert mark is not None


def test_deep_nesting_is_refused():
    depth = yaml_plans.MAX_DEPTH + 5
    text = "a: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(yaml_plans.TooComplex, match="nested"):
        _by_events(text)


def test_alias_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(yaml_plans, "MAX_NODES", 10_000)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    with pytest.raises(yaml_plans.TooComplex, match="values"):
        _by_events("\n".join(lines) + "\n")


def test_unreadable_plan_file_is_an_input_finding_with_its_line(tmp_path):
    from plancheck.config import Settings
    from plancheck.run import run

    (tmp_path / "laa.yaml").write_text("plan:\n  id: LAA\n  title: [unclosed\n", encoding="utf-8")
    result = run([str(tmp_path)], Settings())
    hits = [(f.category, f.source.line) for f in result.findings]
    assert ("input", 4) in hits or ("input", 3) in hits


def test_the_generated_benchmark_framework_reads_alike(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    generate.generate(400, tmp_path / "fw", seed=3)
    for path in sorted((tmp_path / "fw").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _plain(_by_events(text)[0]) == _plain(_by_tree(text)[0]), path.name
