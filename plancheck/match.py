"""Text matching for plan language: normalisation, informative tokens, blocked fuzzy search.

Plans are rarely linked by id, and the same indicator is titled differently in each
plan, so several checks compare free text. This module is the one place that knows how
plan text is compared. Its API is small:

- :func:`normalise` ``(text) -> str``: lower case, no punctuation, no plan stop words,
  each word lightly stemmed; the form given to rapidfuzz scorers.
- :func:`tokens` ``(text) -> frozenset``: the informative words of :func:`normalise`.
- :func:`closest_id` ``(wanted, ids) -> str | None``: "did you mean ...?" for ids.
- :class:`TextIndex`: an inverted index on informative tokens (blocking) plus rapidfuzz
  ``process.extract`` over each block, so finding the best matches for N texts among M
  is near-linear rather than an N x M loop.

Stop words (:data:`STOP_WORDS`) are English function words plus words that every plan
uses whatever its subject: verbs of intent (improve, increase, reduce, ensure, deliver,
promote, support, tackle, raise), comparatives (more, better, fewer), the plan's own
vocabulary (target, percentage, number, rate, proportion, level, per, population) and
who it is for (residents, people, local, area, borough, council, town, Luton). A place
name of another framework is removed by the caller with ``extra_stop`` (the link checks
take words shared by the plan titles), and words common to many of the texts indexed
are ignored for blocking (``max_df``).

Stemming is deliberately light (plurals and a few suffixes: ``recycling`` = ``recycle``,
``homes`` = ``home``, ``employment`` = ``employed``), so that two forms of one word
meet without merging different words.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process, utils

# Function words, then plan words (see the module documentation).
STOP_WORDS = frozenset(
    """
    a an the and or of in on for to with by at from into onto our their its it all every each
    this that these those be is are was were been being as than so such who which what where
    when how including especially between within across through up out over about also other
    they them we us you your can will should must has have had do does not no nor only very
    improve improved improving improvement improvements increase increased increasing
    reduce reduced reducing reduction reductions ensure ensuring deliver delivered delivering
    delivery promote promoting support supported supporting tackle tackling raise raising
    make making maintain maintaining achieve achieving provide providing continue develop
    developing enable enabling towards
    more most better best greater fewer less lower higher good well new
    target targets percentage percent proportion number numbers rate rates ratio level levels
    total overall per cent population measure measures indicator indicators
    luton borough council town city district county resident residents people person local
    area areas community everyone year years
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_APOSTROPHE = re.compile(r"['\u2019]s\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Order matters: the longest suffix that leaves a stem of 3+ letters is removed.
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "al", "s", "e")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light stemming: ``crimes``/``crime`` -> ``crim``, ``recycling``/``recycled`` -> ``recycl``."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            return base
    return word


def words(text: str | None) -> list[str]:
    """Lower-case words of ``text`` without punctuation or possessive ``'s`` (no stop words removed)."""
    if not text:
        return []
    low = _APOSTROPHE.sub("", str(text).lower()).replace("&", " and ")
    return [w for w in _NON_WORD.split(low) if w]


def normalise(text: str | None, extra_stop: Iterable[str] = ()) -> str:
    """``"Reduce the harm caused by drugs & alcohol"`` -> ``"harm caus drug alcohol"``.

    Numbers are dropped (they are denominators and years far more often than subjects),
    and so are words of one letter (what punctuation leaves of ``A&E``); ``GP`` is kept.
    """
    if not text:
        return ""
    return _normalised(str(text), frozenset(extra_stop) if extra_stop else frozenset())


def _normalised_uncached(text: str, extra_stop: frozenset[str]) -> str:
    stop = STOP_WORDS | extra_stop if extra_stop else STOP_WORDS
    return " ".join(stem(w) for w in words(text) if w not in stop and not w.isdigit() and len(w) > 1)


# Titles repeat across the checks of a run and, for indicators, across areas. Wrapped, not
# decorated, so that mutation testing (mutmut skips decorated functions) reaches the body.
_normalised = lru_cache(maxsize=65536)(_normalised_uncached)


def tokens(text: str | None, extra_stop: Iterable[str] = ()) -> frozenset[str]:
    """The informative words of ``text`` in normalised form."""
    return frozenset(normalise(text, extra_stop).split())


def _id_key(value: str) -> str:
    """Ids compared loosely: ``SCS-W02``, ``scs w2`` and ``SCS_W2`` share a key."""
    parts = re.findall(r"[a-z]+|\d+", value.lower())
    # lstrip, not int(): a 5,000-digit id would exceed Python's int-from-text limit
    return "-".join((p.lstrip("0") or "0") if p.isdigit() else p for p in parts)


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``options`` (a key, column or kind), or ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def closest_id(wanted: str, ids: Sequence[str], cutoff: float = 80.0) -> str | None:
    """The id an officer probably meant by ``wanted``, or None when none is close.

    For many look-ups in one set of ids, build an :class:`IdIndex` once instead.
    """
    return IdIndex(ids).closest(wanted, cutoff)


class IdIndex:
    """ "Did you mean ...?" for ids, indexed once so that many look-ups stay cheap.

    An id equal once case, separators and leading zeros are ignored wins outright;
    otherwise the most similar id by edit distance with a similarity of at least
    ``cutoff`` (0-100), searched first among ids with the same leading letters (slips
    rarely change a plan's prefix); ties go to the id sharing the longest beginning, then
    to :mod:`difflib`, so the answer is stable.
    """

    def __init__(self, ids: Iterable[str]):
        self.ids = list(ids)
        self.by_key: dict[str, str] = {}
        self.by_prefix: dict[str, list[str]] = {}
        for candidate in self.ids:
            self.by_key.setdefault(_id_key(candidate), candidate)
            self.by_prefix.setdefault(_prefix(candidate), []).append(candidate)

    def closest(self, wanted: str, cutoff: float = 80.0) -> str | None:
        if not wanted or not self.ids:
            return None
        exact = self.by_key.get(_id_key(wanted))
        if exact is not None:
            return exact
        for pool in (self.by_prefix.get(_prefix(wanted), []), self.ids):
            found = process.extract(wanted, pool, scorer=fuzz.ratio, processor=utils.default_process,
                                    score_cutoff=cutoff, limit=None)
            if found:
                return _break_tie(wanted, found)
        return None


def _prefix(value: str) -> str:
    m = re.match(r"[a-z]+", value.lower())
    return m.group(0) if m else ""


def _break_tie(wanted: str, found) -> str:
    best = max(score for _, score, _ in found)
    tied = [choice for choice, score, _ in found if score == best]
    if len(tied) > 1:
        # Slips are likelier at the end of an id: prefer the longest shared beginning.
        low = wanted.lower()
        prefix = {c: len(os.path.commonprefix([low, c.lower()])) for c in tied}
        longest = max(prefix.values())
        tied = [c for c in tied if prefix[c] == longest]
    if len(tied) == 1:
        return tied[0]
    close = difflib.get_close_matches(wanted, tied, n=1, cutoff=0)
    return close[0] if close else sorted(tied)[0]


class TextIndex:
    """Blocked fuzzy search: candidates share an informative token, then rapidfuzz scores them.

    ``items`` are ``(key, text)`` pairs; ``text`` is normalised here. ``codes`` may give
    extra blocking keys per item (e.g. indicator codes) that make an item a candidate
    whatever its words. Tokens found in more than ``max_df`` of the items (and in more
    than ``min_df_cap`` items) are not used for blocking: they would make every item a
    candidate and say little.
    """

    def __init__(self, items: Iterable[tuple[Hashable, str]], *, codes: dict | None = None,
                 extra_stop: Iterable[str] = (), max_df: float = 0.5, min_df_cap: int = 8):
        self.extra_stop = frozenset(extra_stop)
        self.keys: list[Hashable] = []
        self.texts: list[str] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for key, text in items:
            norm = normalise(text, self.extra_stop)
            n = len(self.keys)
            self.keys.append(key)
            self.texts.append(norm)
            for tok in set(norm.split()):
                postings[tok].append(n)
        limit = max(min_df_cap, int(max_df * len(self.keys)))
        self._postings = {t: p for t, p in postings.items() if len(p) <= limit}
        self.common = frozenset(t for t, p in postings.items() if len(p) > limit)
        self._codes: dict[str, list[int]] = defaultdict(list)
        position = {k: i for i, k in enumerate(self.keys)}
        for key, item_codes in (codes or {}).items():
            if key in position:
                for code in item_codes:
                    self._codes[code].append(position[key])

    def __len__(self) -> int:
        return len(self.keys)

    def candidates(self, text: str, codes: Iterable[str] = ()) -> list[int]:
        """Positions of items sharing an informative token or a code with ``text``."""
        found: set[int] = set()
        for tok in tokens(text, self.extra_stop):
            found.update(self._postings.get(tok, ()))
        for code in codes:
            found.update(self._codes.get(code, ()))
        return sorted(found)

    def search(self, text: str, *, codes: Iterable[str] = (), limit: int = 5,
               score_cutoff: float = 0.0, scorer=fuzz.token_set_ratio,
               allowed=None) -> list[tuple[Hashable, float]]:
        """Best ``(key, score)`` matches for ``text`` among its block, best first.

        ``allowed`` (a container of keys) narrows the block, e.g. to the plans a plan
        derives from.
        """
        block = self.candidates(text, codes)
        if allowed is not None:
            block = [i for i in block if self.keys[i] in allowed]
        if not block:
            return []
        choices = {i: self.texts[i] for i in block}
        found = process.extract(normalise(text, self.extra_stop), choices, scorer=scorer,
                                score_cutoff=score_cutoff, limit=limit)
        return [(self.keys[i], score) for _, score, i in found]
