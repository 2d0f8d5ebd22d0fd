"""The line-by-line reader of plain-style YAML must read exactly what the parser's events
read (values, types, lines), or hand the file to the parser: never read a file otherwise."""

from __future__ import annotations

import sys
import textwrap

import pytest
import yaml
from conftest import PLANS, ROOT
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import FUZZ, plan_documents

from plancheck.load import yaml_plans
from plancheck.load.records import FieldReader
from plancheck.load.yaml_plain import MAX_PLAIN_DEPTH, read_plain


def _tree(x):
    """Values, types, the line of every value and of every mapping and list."""
    if isinstance(x, dict):
        return "map", x.line, {k: (_tree(v), line) for k, (v, line) in x.items()}
    if isinstance(x, list):
        return "list", x.line, [(_tree(v), line) for v, line in x]
    return type(x).__name__, x


def _by_events(text: str):
    """What the YAML parser's events give: (tree, messages) or (error class name, None)."""
    hits = []
    try:
        doc = yaml_plans._Walker(FieldReader(hits), "f.yaml").build(yaml_plans._events(text))
    except (yaml.YAMLError, yaml_plans.TooComplex) as exc:
        return type(exc).__name__, None
    return doc, [h.message for h in hits]


def assert_reads_alike(text: str) -> bool:
    """read_plain gives the parser's tree, or None. True when it read the file itself."""
    fast = read_plain(text)
    if fast is None:
        return False
    doc, hits = _by_events(text)
    assert hits is not None, f"the parser refuses this file ({doc}), the plain reader read it"
    assert hits == [], "the parser's reader reports something here, so the plain reader must hand it over"
    assert _tree(fast) == _tree(doc)
    return True


def _repository_yaml():
    skip = {".venv", "mutants", ".data", ".git", "node_modules"}
    return sorted(p for pattern in ("*.yaml", "*.yml") for p in ROOT.rglob(pattern)
                  if not skip & set(p.relative_to(ROOT).parts))


def test_every_yaml_file_in_the_repository_reads_alike():
    files = _repository_yaml()
    assert len(files) > 20
    read = 0
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue  # a test's file that is not UTF-8: never reaches either reader
        read += assert_reads_alike(text)
    assert read > 20  # the comparison is not vacuous


def test_the_sample_plans_are_read_line_by_line():
    files = sorted((PLANS).rglob("*.yaml"))
    plans = [p for p in files if p.name != "plancheck.yaml"]
    assert plans
    for path in plans:
        assert assert_reads_alike(path.read_text(encoding="utf-8")), path


def test_the_generated_benchmark_framework_is_read_line_by_line(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    generate.generate(600, tmp_path / "fw", seed=5)
    files = [p for p in sorted((tmp_path / "fw").rglob("*.yaml")) if p.name != "plancheck.yaml"]
    assert files
    for path in files:
        assert assert_reads_alike(path.read_text(encoding="utf-8")), path.name


def test_values_types_and_lines():
    text = textwrap.dedent("""\
        # a comment
        plan:
          id: 1.10
          title: 'Luton''s plan'   # a comment after a value
          kind: "local-area-agreement"
          period: {start: 2008/09, end: 2010/11}
          derives_from: [SCS, 010]
          owner:

        objectives:
        - id: LAA-E1
          local: yes
          supports:
            - SCS-W2
            -   'SCS-W3'
          measures:
            -   id: M1
                title: Number of x #1 in the region
                baseline: {value: "2,737", year: 2007/08}
                targets:
                  - {year: 2010-11, value: ~}
                  - { year: 2011 , value: -5.5 }
                  - {}
        """)
    doc = read_plain(text)
    assert doc is not None
    plan, plan_line = doc["plan"]
    assert (plan_line, plan.line) == (2, 3)
    assert plan["id"] == ("1.10", 3)
    assert plan["title"] == ("Luton's plan", 4)
    assert plan["kind"] == ("local-area-agreement", 5)
    assert plan["period"][0] == {"start": ("2008/09", 6), "end": ("2010/11", 6)}
    assert plan["derives_from"][0] == [("SCS", 7), ("010", 7)]
    assert plan["owner"] == (None, 8)
    objectives, line = doc["objectives"]
    assert (line, objectives.line) == (10, 11)
    obj, obj_line = objectives[0]
    assert (obj_line, obj.line) == (11, 11)
    assert obj["local"] == ("yes", 12)
    assert obj["supports"][0] == [("SCS-W2", 14), ("SCS-W3", 15)]
    measure, m_line = obj["measures"][0][0]
    assert (m_line, measure.line) == (17, 17)
    assert measure["title"] == ("Number of x", 18)
    assert measure["baseline"][0] == {"value": ("2,737", 19), "year": ("2007/08", 19)}
    targets = measure["targets"][0]
    assert [t for t, _ in targets] == [{"year": ("2010-11", 21), "value": (None, 21)},
                                       {"year": (2011, 22), "value": (-5.5, 22)}, {}]
    assert [line for _, line in targets] == [21, 22, 23]
    assert assert_reads_alike(text)


def test_a_line_written_again_is_read_again_in_its_own_place():
    """Lines are remembered by their text: the same text in a list of ids and in another
    list is typed by each list, and each copy of a flow mapping is a mapping of its own."""
    text = ("objectives:\n- id: A\n  supports:\n  - 1.10\n  measures:\n  - 1.10\n"
            "  targets:\n  - {year: 2010/11, value: 70}\n  - {year: 2010/11, value: 70}\n")
    for _ in range(2):  # the second time, every line is remembered
        doc = read_plain(text)
        objective = doc["objectives"][0][0][0]
        assert objective["supports"][0] == [("1.10", 4)]
        assert objective["measures"][0] == [(1.1, 6)]
        (first, line1), (second, line2) = objective["targets"][0]
        assert (line1, first.line, line2, second.line) == (8, 8, 9, 9)
        assert first == {"year": ("2010/11", 8), "value": (70, 8)} and first is not second
        assert assert_reads_alike(text)


def test_remembered_lines_are_bounded(monkeypatch):
    from plancheck.load import yaml_plain

    monkeypatch.setattr(yaml_plain, "MAX_REMEMBERED_LINES", 3)
    text = "plan:\n" + "".join(f"  k{i}: v{i}\n" for i in range(10))
    assert read_plain(text)["plan"][0]["k9"] == ("v9", 11)
    assert read_plain("plan: {id: P}\n")["plan"][0] == {"id": ("P", 1)}
    assert len(yaml_plain._LINES) <= 3 + 1


def test_windows_line_ends_read_as_the_same_lines():
    text = "plan:\r\n  id: LAA\r\n  title: A plan\r\nobjectives: []\r\n"
    doc = read_plain(text)
    assert doc["plan"][0]["title"] == ("A plan", 3)
    assert assert_reads_alike(text)


HANDED_OVER = {
    "an anchor and an alias": "plan: &p {id: P}\nother: *p\n",
    "a tag": "plan:\n  id: !!str 2011\n",
    "a literal block": "plan:\n  title: |\n    Two\n    lines\n",
    "a folded block": "plan:\n  title: >\n    Two\n",
    "a value over two lines": "plan:\n  title: Reduce crime\n    and disorder\n",
    "a quoted value over two lines": 'plan:\n  title: "Reduce crime\n    and disorder"\n',
    "a key written twice": "plan:\n  id: A\n  id: B\n",
    "a key written twice, the first without a value": "plan:\n  id:\n  id: B\n",
    "a key written twice in a flow mapping": "plan: {id: A, id: B}\n",
    "a tab": "plan:\n\tid: A\n",
    "a tab in a value": "plan:\n  title: A\tB\n",
    "a lone carriage return": "plan:\n  id: A\r  title: B\n",
    "a byte-order mark inside": "plan:\n  id: \ufeffA\n",
    "a line separator": "plan:\n  title: A\u2028B\n",
    "a next-line character": "plan:\n  title: A\x85B\n",
    "a control character": "plan:\n  title: A\x07B\n",
    "a document start": "---\nplan: {id: P}\n",
    "a second document": "plan: {id: P}\n---\nplan: {id: Q}\n",
    "a document end": "plan: {id: P}\n...\n",
    "a directive": "%YAML 1.1\n---\nplan: {id: P}\n",
    "a list as the root": "- plan\n",
    "a scalar as the root": "just text\n",
    "an indented root": "  plan: {id: P}\n",
    "a list in a list": "objectives:\n  - - A\n",
    "an empty list item": "objectives:\n  -\n  - id: X\n",
    "a list where a value goes": "plan:\n  id: - 5\n",
    "a colon and space in a value": "plan:\n  title: Aim: reduce crime\n",
    "a value ending in a colon": "plan:\n  title: Aim:\n",
    "a quoted key": 'plan:\n  "id": A\n',
    "a key with a space": "plan:\n  Plan id: A\n",
    "a numeric key": "plan:\n  2011: A\n",
    "a complex key": "? [a, b]\n: 1\n",
    "an escape in double quotes": 'plan:\n  title: "A\\tB"\n',
    "text after a closing quote": "plan:\n  title: 'A' B\n",
    "a comment touching a closing quote": "plan:\n  title: 'A'#B\n",
    "a flow mapping over two lines": "plan: {id: P,\n  title: T}\n",
    "a flow list over two lines": "plan:\n  derives_from: [A,\n    B]\n",
    "a nested flow collection": "plan:\n  period: {start: [2008], end: 2011}\n",
    "a flow mapping in a flow list": "supports: [{id: A}]\n",
    "a trailing comma": "plan: {id: P,}\n",
    "an empty flow value": "plan: {id: , title: T}\n",
    "a key without a value in flow": "plan: {id}\n",
    "a comma splitting a number in flow": "baseline: {value: 7,386, year: 2007}\n",
    "a colon in a flow value": "baseline: {value: 2:30}\n",
    "a hash in a flow value": "baseline: {value: 5#6}\n",
    "a mismatched bracket": "plan: {id: P]\n",
    "text after a flow mapping": "plan: {id: P} x\n",
    "a value indented under another value": "plan:\n  id: P\n    title: T\n",
    "an item indented under a key": "objectives:\n- id: A\n   title: T\n",
    "a key outdented into nowhere": "plan:\n    id: P\n  title: T\n",
    "an indicator starting a value": "plan:\n  title: @home\n",
    "a percent starting a value": "plan:\n  title: '%'x\n",
    "a question mark starting a value": "plan:\n  title: ?x\n",
    "a dash starting a word": "plan:\n  title: -x\n",
}


@pytest.mark.parametrize("name", list(HANDED_OVER))
def test_anything_else_is_handed_to_the_parser(name):
    text = HANDED_OVER[name]
    assert read_plain(text) is None


def test_deep_nesting_is_handed_to_the_parser():
    deep = "".join(f"{'  ' * i}k{i}:\n" for i in range(MAX_PLAIN_DEPTH + 1)) + f"{'  ' * (MAX_PLAIN_DEPTH + 1)}v: 1\n"
    shallow = "".join(f"{'  ' * i}k{i}:\n" for i in range(5)) + f"{'  ' * 5}v: 1\n"
    assert read_plain(deep) is None
    assert assert_reads_alike(shallow)


def test_lines_of_a_million_spaces_are_read_in_one_pass():
    """Flow items are matched possessively: a backtracking pattern would take hours here
    (quadratic in the spaces), so this test finishing is the check."""
    gap = " " * 900_000
    assert read_plain(f"a: {{b: c{gap}d{gap}\n") is None  # unclosed
    assert read_plain(f"a: [x{gap}y{gap}]\n")["a"][0] == [("x" + gap + "y", 1)]
    assert read_plain(f"a: b{gap}x{gap}#\n")["a"] == ("b" + gap + "x", 1)


def test_empty_and_comment_only_files_are_handed_to_the_parser():
    assert read_plain("") is None
    assert read_plain("# nothing yet\n\n") is None


# Characters YAML treats specially, inserted anywhere in a dumped plan.
_SPECIAL = list(":-#{}[],&*!|>'\"%@` \t\r\n?~.") + ["- ", ": ", " #", "\n  ", "\n- ", "  ", "\ufeff", "\x85"]


@st.composite
def _written(draw):
    """A plan document as yaml.safe_dump writes it, in block or flow style, maybe edited."""
    doc = draw(plan_documents())
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False,
                          default_flow_style=draw(st.sampled_from([False, None])),
                          indent=draw(st.sampled_from([2, 4])), width=draw(st.sampled_from([80, 1000])))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_SPECIAL)) + text[at:]
    return text


@FUZZ
@given(_written())
def test_fuzz_plain_reader_reads_what_the_parser_reads(text):
    assert_reads_alike(text)


_ALPHABET = "ab1 0.-:#{}[],'\"!&*?|>%@`~/"
_scalar_text = st.text(_ALPHABET, max_size=12)


_leaf = st.one_of(_scalar_text, st.builds("'{}'".format, _scalar_text), st.builds('"{}"'.format, _scalar_text),
                 st.builds("{{year: {}, value: {}}}".format, _scalar_text, _scalar_text),
                 st.builds("[{}, {}]".format, _scalar_text, _scalar_text), st.just("{}"), st.just("[]"))
_keys = st.sampled_from(["id", "title", "value", "supports", "targets", "a", "b"])
_nodes = st.recursive(_leaf, lambda kids: st.one_of(st.lists(kids, min_size=1, max_size=3),
                                                    st.dictionaries(_keys, kids, min_size=1, max_size=3)),
                      max_leaves=12)


def _render(node, indent: int, out: list[str], head: str, bare: bool) -> None:
    """Write ``node`` in block style after ``head`` (``key:`` or ``-``)."""
    pad = " " * indent
    if isinstance(node, str):
        out.append(f"{pad}{head} {node}")
    elif isinstance(node, dict):
        first = True
        for key, value in node.items():
            if head.startswith("-") and first:  # the mapping starts on the dash's line
                lead, inner = f"{pad}{head} ", indent + len(head) + 1
            else:
                if first:
                    out.append(f"{pad}{head}")
                lead, inner = " " * (indent + 2), indent + 2
            first = False
            _render_entry(key, value, lead, inner, out, bare)
    else:
        out.append(f"{pad}{head}")
        for value in node:
            _render(value, indent if bare and head.endswith(":") else indent + 2, out, "-", bare)


def _render_entry(key, value, lead, inner, out, bare):
    if isinstance(value, str):
        out.append(f"{lead}{key}: {value}")
        return
    out.append(f"{lead}{key}:")
    if isinstance(value, dict):
        for k, v in value.items():
            _render_entry(k, v, " " * (inner + 2), inner + 2, out, bare)
    else:
        for v in value:
            _render(v, inner if bare else inner + 2, out, "-", bare)


@st.composite
def _near_plain(draw):
    """Well-formed block structure in the shape of a plan file, with scalars written as
    they come from YAML's special characters: most are valid YAML, many only just."""
    root = draw(st.dictionaries(_keys, _nodes, min_size=1, max_size=4))
    out: list[str] = []
    for key, value in root.items():
        _render_entry(key, value, "", 0, out, draw(st.booleans()))
    return "\n".join(out) + "\n"


@FUZZ
@given(_near_plain())
def test_fuzz_plain_reader_on_lines_full_of_special_characters(text):
    assert_reads_alike(text)
