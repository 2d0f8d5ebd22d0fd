"""Plan files in YAML's plain block style, read line by line without the YAML parser.

Plan files are written in a small part of YAML: mappings and lists by indentation,
``key: value`` with plain or simply quoted scalars, one-line flow mappings and lists
(``{year: 2010/11, value: 70}``, ``[SCS-W2, SCS-W3]``) and comments. Read line by line,
that part costs about a third of building the same tree from the C parser's events,
which arrive as Python objects, one for every scalar (issue 16: reading was the largest
share of checking a framework). What a line says is remembered by its text, since plan
files repeat lines ("unit: number") thousands of times.

Anything outside that part (anchors, aliases, tags, block scalars, values over several
lines, tabs, a lone carriage return, a key written twice, a character YAML treats specially, a file over
``MAX_PLAIN_BYTES``) makes :func:`read_plain` return None, and the file is read by the
YAML parser instead. So the tree is always the one the parser's events give: the tests
compare the two on every YAML file in the repository and on generated variations, and
every rule below errs towards handing the file over.
"""

from __future__ import annotations

import re

from .yaml_tree import NULLS, TEXT_KEYS, YList, YMap, plain_scalar

MAX_PLAIN_BYTES = 2_000_000  # larger files go to the parser, which counts values as it reads
MAX_PLAIN_DEPTH = 30  # deeper nesting goes to the parser, which refuses more than 40 levels

# Characters outside printable ASCII and ordinary Unicode text (control characters, tabs,
# carriage returns, the line separators \x85, \u2028 and \u2029, a byte-order mark,
# non-characters): YAML gives them meanings of their own, so such a file goes to the parser.
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|$)")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*| *)')
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*| *)")
_AFTER_FLOW = re.compile(r"(?: +#.*| *)")
# A flow collection's item: a quoted scalar, or a plain one without the characters that
# end, nest or comment in flow context (the parser reads any such item). Words and the
# spaces between them are matched possessively, so a line of many spaces stays linear.
_FLOW_SCALAR = (r"""(?:"([^"\\]*)"|'((?:[^']|'')*)'|((?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|-(?=[0-9.]))"""
                r"""(?:[^:,\[\]{}# ]++| ++(?=[^:,\[\]{}# ]))*+)) *+([,}\]])""")
_FLOW_PAIR = re.compile(r" *([A-Za-z_][A-Za-z0-9_]*): +" + _FLOW_SCALAR)
_FLOW_ITEM = re.compile(r" *" + _FLOW_SCALAR)
_EMPTY_FLOW = re.compile(r" *([}\]])")
# What a plain scalar in block context may not start with (YAML's indicators).
_PLAIN_START_BAD = frozenset("-?:,[]{}#&*!|>'\"%@`")
_DIGITS = frozenset("0123456789.")


class _Unread(Exception):
    """The line is outside the plain style: hand the file to the YAML parser."""


class _Open:
    """A block mapping or list still open, at its indentation."""

    __slots__ = ("indent", "box", "key", "key_line", "ids", "bare")

    def __init__(self, indent: int, box, ids: bool = False, bare: bool = False):
        self.indent = indent
        self.box = box
        self.key: str | None = None  # a key written with nothing after it, waiting for its value
        self.key_line = 0
        self.ids = ids  # a list of ids (``supports:``): items kept as written
        self.bare = bare  # a list at its key's own indentation (``key:`` then ``- item``)


def read_plain(text: str) -> YMap | None:
    """The file's tree, as :class:`.yaml_plans._Walker` builds it from the parser's events;
    None when the file is not in the plain style (or holds no mapping)."""
    if len(text) > MAX_PLAIN_BYTES:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # Windows line ends: the same lines to YAML
    if _UNUSUAL.search(text):
        return None
    try:
        return _read(text)
    except _Unread:
        return None


# What a line after its indentation says, by its text (and, for a list item, whether the
# list holds ids): plan files repeat lines ("unit: number", "- {year: 2010/11, value: 70}")
# thousands of times. Bounded: cleared when full.
_LINES: dict = {}
MAX_REMEMBERED_LINES = 20_000  # about 7 MB; 50,000 saved 1% more instructions for 17 MB


def _read(text: str) -> YMap | None:
    stack: list[_Open] = []
    root = None
    known = _LINES
    if len(known) > MAX_REMEMBERED_LINES:
        known.clear()
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.lstrip(" ")
        if not line or line[0] == "#":
            continue
        indent = len(raw) - len(line)
        item = line[:2] == "- " or line == "-"
        while stack:  # close what this line's indentation ends
            top = stack[-1]
            if top.indent > indent or (top.bare and top.indent == indent and not item):
                _close(stack.pop())
            else:
                break
        if not stack:
            if root is not None or indent or item:
                raise _Unread  # a second document, or a root that is not a mapping
            root = YMap()
            root.line = n
            stack.append(_Open(0, root))
        top = stack[-1]
        if top.key is not None:  # the value of a key written alone on its line
            if indent > top.indent or (item and indent == top.indent):
                if len(stack) >= MAX_PLAIN_DEPTH:
                    raise _Unread
                box = YList() if item else YMap()
                box.line = n
                top.box[top.key] = (box, top.key_line)
                opened = _Open(indent, box, item and top.key in TEXT_KEYS, item and indent == top.indent)
                top.key = None
                stack.append(opened)
                top = opened
            else:
                _close(top)
        if indent != top.indent:
            raise _Unread  # a value continued on the next line, or indentation YAML refuses
        if type(top.box) is YList:
            if not item:
                raise _Unread
            said = known.get((line, top.ids))
            if said is None:
                said = known[(line, top.ids)] = _item_line(line, top.ids)
            column, name, kind, value = said
            if name is None:
                top.box.append((_made(kind, value, n), n))
                continue
            if len(stack) >= MAX_PLAIN_DEPTH:
                raise _Unread
            box = YMap()
            box.line = n
            top.box.append((box, n))
            top = _Open(indent + column, box)
            stack.append(top)
        else:
            said = known.get(line)
            if said is None:
                said = known[line] = _key_line(line)
            _, name, kind, value = said
        if name in top.box:
            raise _Unread  # a key written twice: the parser's reader reports it
        if kind is _EMPTY:
            top.key, top.key_line = name, n
        else:
            top.box[name] = (_made(kind, value, n), n)
    while stack:
        _close(stack.pop())
    return root


_SCALAR, _MAP, _LIST = "scalar", "map", "list"


def _key_line(line: str) -> tuple:
    """``(0, key, kind, value)`` for a line ``key: value`` (kind _EMPTY when nothing follows)."""
    key = _KEY.match(line)
    if key is None:
        raise _Unread
    name = key.group(1)
    return (0, name, *_value(line[key.end():], name in TEXT_KEYS))


def _item_line(line: str, ids: bool) -> tuple:
    """``(column, key, kind, value)`` for a list item: ``- key: value`` starts a mapping at
    ``column`` (after the dash); ``- value`` has no key."""
    rest = line[2:].lstrip(" ")
    key = _KEY.match(rest)
    if key is None:
        kind, value = _value(rest, ids)
        if kind is _EMPTY:
            raise _Unread
        return (0, None, kind, value)
    name = key.group(1)
    return (len(line) - len(rest), name, *_value(rest[key.end():], name in TEXT_KEYS))


def _made(kind, value, n: int):
    """The value a line holds, built afresh for line ``n`` when it is a collection."""
    if kind is _SCALAR:
        return value
    if kind is _MAP:
        box = YMap()
        for key, item in value:
            box[key] = (item, n)
    else:
        box = YList([(item, n) for item in value])
    box.line = n
    return box


def _close(frame: _Open) -> None:
    if frame.key is not None:  # ``key:`` with nothing under it
        frame.box[frame.key] = (None, frame.key_line)
        frame.key = None


_EMPTY = object()


def _value(rest: str, as_text: bool) -> tuple:
    """``(kind, value)`` of what is written after ``key:`` or ``- `` (leading spaces gone):
    a scalar, the items of a flow mapping or list, or _EMPTY when nothing is written."""
    if not rest or rest[0] == "#":
        return _EMPTY, None
    first = rest[0]
    if first == '"':
        quoted = _DOUBLE.fullmatch(rest)
        if quoted is None:
            raise _Unread
        return _SCALAR, quoted.group(1)
    if first == "'":
        quoted = _SINGLE.fullmatch(rest)
        if quoted is None:
            raise _Unread
        return _SCALAR, quoted.group(1).replace("''", "'")
    if first == "{" or first == "[":
        return _flow(rest, as_text)
    if first in _PLAIN_START_BAD and not (first == "-" and rest[1:2] in _DIGITS):  # -5 and -.5 are plain
        raise _Unread
    cut = rest.find(" #")
    text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Unread
    if as_text and text not in NULLS:
        return _SCALAR, text
    return _SCALAR, plain_scalar(text)


def _flow(rest: str, as_text: bool) -> tuple:
    """A flow mapping (its ``(key, value)`` pairs) or list (its values) on one line, of
    scalars only."""
    mapping = rest[0] == "{"
    items: list = []
    pos = 1
    empty = _EMPTY_FLOW.match(rest, pos)
    if empty is not None:
        if (empty.group(1) == "}") != mapping:
            raise _Unread
        pos = empty.end()
    else:
        pattern = _FLOW_PAIR if mapping else _FLOW_ITEM
        keys = set()
        while True:
            found = pattern.match(rest, pos)
            if found is None:
                raise _Unread
            if mapping:
                key, double, single, plain, end = found.groups()
                if key in keys:
                    raise _Unread
                keys.add(key)
                text_value = key in TEXT_KEYS
            else:
                double, single, plain, end = found.groups()
                text_value = as_text
            if plain is not None:
                value = plain if text_value and plain not in NULLS else plain_scalar(plain)
            elif double is not None:
                value = double
            else:
                value = single.replace("''", "'")
            items.append((key, value) if mapping else value)
            pos = found.end()
            if end != ",":
                if (end == "}") != mapping:
                    raise _Unread
                break
    if _AFTER_FLOW.fullmatch(rest, pos) is None:
        raise _Unread
    return (_MAP if mapping else _LIST), tuple(items)
