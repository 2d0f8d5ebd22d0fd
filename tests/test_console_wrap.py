"""The console report's fast line wrapping gives exactly what textwrap gives.

``report/console.py`` wraps each finding's message in at most two lines. For plain
messages (words between single spaces) it does so itself, since textwrap dominated the
time of a large report; these properties hold it to textwrap's own output on any text.
Like the verbose report, it never breaks a word at its hyphen ("re-offending" stays whole).
"""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.report.console import _plain, _sentences, _short, _simple_wrap


def _short_by_textwrap(message: str, width: int, first_width: int) -> list[str]:
    """The rule of ``_short`` written with textwrap alone (as it was before the fast path)."""
    indent = "x" * (width - first_width)
    text = ""
    for sentence in _sentences(_plain(message)):
        trial = f"{text} {sentence}".strip()
        if text and len(textwrap.wrap(trial, width=width, initial_indent=indent, break_long_words=False,
                                      break_on_hyphens=False)) > 2:
            break
        text = trial
    wrapped = textwrap.wrap(text, width=width, initial_indent=indent, break_long_words=False,
                            break_on_hyphens=False, max_lines=2, placeholder=" ...")
    if wrapped:
        wrapped[0] = wrapped[0][width - first_width:]
    return wrapped


_WORDS = st.text(alphabet="abcXY12.,'é-\t\u00a0\u2003", max_size=30)
_MESSAGES = st.lists(st.tuples(_WORDS, st.sampled_from([" ", "  ", ". ", "! ", ". A", "? '", ""])),
                     max_size=40).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=1500, deadline=None)
@given(_MESSAGES, st.integers(5, 120), st.integers(1, 120))
def test_two_line_summary_is_textwraps_on_any_text(message, width, first_width):
    first_width = min(first_width, width)
    assert _short(message, width, first_width) == _short_by_textwrap(message, width, first_width)


def test_a_real_message_long_and_short():
    message = ("NI 151 overall employment rate has different targets for 2010/11 in 2 plans: 74 in "
               "laa, 76 in corp. Agree one target, or record why they differ. A third sentence that "
               "will not fit in the two lines and is left out of the short form.")
    for width, first in ((100, 60), (100, 100), (60, 20), (40, 40)):
        assert _short(message, width, first) == _short_by_textwrap(message, width, first)
    assert _short("", 100, 50) == []


@settings(max_examples=800, deadline=None)
@given(_MESSAGES, st.integers(12, 120))
def test_also_lines_wrap_as_textwrap_does(message, width):
    text = _plain(message)
    fast = _simple_wrap(text, width - 10, width - 8, stop=None)
    if fast:  # None (text textwrap must handle) and [] fall back to textwrap itself
        assert ["    " + fast[0], *("      " + rest for rest in fast[1:])] == textwrap.wrap(
            text, width=width - 4, initial_indent="    ", subsequent_indent="      ", break_long_words=False,
            break_on_hyphens=False)


# Plain messages as checks write them: words between single spaces, sentences, often far
# longer than two lines (a PC201 message lists every plan's target), on usual widths.
_PLAIN_WORDS = st.text(alphabet="abcdXY12,'-%", min_size=1, max_size=14)
_PLAIN_MESSAGES = st.lists(st.tuples(_PLAIN_WORDS, st.sampled_from([" ", " ", " ", ". A", ". ", "? '", "! B"])),
                           min_size=1, max_size=120).map(lambda parts: "".join(a + b for a, b in parts).strip())


@settings(max_examples=1500, deadline=None)
@given(_PLAIN_MESSAGES, st.integers(30, 160), st.integers(10, 160))
def test_two_line_summary_of_long_plain_messages_is_textwraps(message, width, first_width):
    first_width = min(first_width, width)
    assert _short(message, width, first_width) == _short_by_textwrap(message, width, first_width)
