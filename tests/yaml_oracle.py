"""The original YAML reader (compose a node tree, then walk it), kept only as an oracle:
the event-based reader in plancheck.load.yaml_plans must read the same values, types and
lines. Not used by plancheck itself (composing recurses in C and crashes on deep nesting)."""

from __future__ import annotations

import yaml

from plancheck import input_codes as codes
from plancheck.load.yaml_tree import TEXT_KEYS, YList, YMap, plain_scalar
from plancheck.model import Source

_CORE = {f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "timestamp")}


class TreeWalker:
    def __init__(self, reader, display: str):
        self.reader = reader
        self.display = display

    def convert(self, node, as_text=False):
        if isinstance(node, yaml.ScalarNode):
            # The composer has resolved every tag; a plain scalar with a resolved core tag
            # is typed by plancheck's rules (ids kept as written), anything else is its text.
            if node.style or node.tag not in _CORE:  # quoted or block text, or another tag
                return node.value
            if as_text and plain_scalar(node.value) is not None:
                return node.value
            return plain_scalar(node.value)
        if isinstance(node, yaml.SequenceNode):
            out = YList((self.convert(item, as_text), item.start_mark.line + 1) for item in node.value)
            out.line = node.start_mark.line + 1
            return out
        out = YMap()
        out.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.convert(key_node) if not isinstance(key_node, yaml.ScalarNode) else key_node.value
            if isinstance(key, (dict, list)):
                key = "<complex key>"
            key = str(key)
            value = self.convert(value_node, key in TEXT_KEYS)
            line = key_node.start_mark.line + 1
            if key in out:
                prev, prev_line = out[key]
                if isinstance(prev, list) and isinstance(value, list):
                    prev.extend(value)
                    merged = "both were read"
                else:
                    merged = f"the first one (line {prev_line}) was read"
                self.reader.report(codes.UNKNOWN_FIELD, f"'{key}' appears twice in the same block; {merged}",
                                   Source(self.display, line))
                continue
            out[key] = (value, line)
        return out


def read_tree(text: str, reader, display: str):
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    return None if node is None else TreeWalker(reader, display).convert(node)
