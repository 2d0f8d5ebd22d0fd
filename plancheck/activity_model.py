"""A small learned second opinion on whether a measure title is worded like an activity.

The rules in :mod:`plancheck.classify` decide first. Where they find nothing (rule
``default``: no sign of an activity, so taken as an outcome) or only weak outcome words (rule
``outcome-words``, with a higher threshold), a logistic regression over the
title's words asks whether councils word activities (outputs and processes) like this. Its
weights were learnt from the labelled real council titles in
``tests/data/real_measures/activity_labels*.csv`` by ``evaluation/train_activity_model.py``,
which also chose the thresholds (since the eighth round by forward validation: train on the older
sets, score the next); see ``evaluation/README.md`` ("Activities, fifth round" to "eighth round").

Inference is plain Python: the model is a JSON file of feature weights (``data/
activity_model.json``), read once on first use, and a title's score is a sum of the weights of
its features. No numerical library is needed at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

MODEL_FILE = "data/activity_model.json"

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|%|£")


def tokens(text: str) -> list[str]:
    """Lower-cased words of a title; every number is ``0``, "%" and "£" are words."""
    out = []
    for t in _TOKEN.findall((text or "").lower()):
        out.append("0" if t[0].isdigit() else t)
    return out


_AMOUNTS = frozenset(["km", "kms", "kilometres", "kilometers", "miles", "m", "metres", "meters", "hectares", "ha", "acres", "sq", "hours"])


def unit_token(unit: str | None) -> str:
    """A plan's unit reduced to a few classes, so that "%", "percent" and "percentage" agree."""
    u = " ".join((unit or "").lower().split())
    if not u:
        return ""
    if u.startswith(("%", "percent", "per cent", "proportion")):
        return "%"
    if u.startswith("rate") or u.startswith("per "):
        return "rate"
    if u.startswith(("£", "gbp", "pound", "cost")):
        return "£"
    if u.startswith(("yes", "y/n", "milestone", "date")):
        return "milestone"
    if u.startswith(("day", "week", "hour", "month", "minute", "year")):
        return "time"
    # a count, or an amount of things measured out (km of lanes, hectares, hours)
    if u.startswith(("number", "count", "no.", "no ")) or u.split()[0].strip("().") in _AMOUNTS:
        return "number"
    return "other"


# Suffixes stripped (the first that fits, longest first) to give a word's rough stem, so that
# "enforcement", "enforced" and "enforcing" share a feature that an unseen council's wording
# can meet (sixth round, one leave-one-set-out run: pooled 0.902/0.832 -> 0.908/0.835).
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ions", "ion", "ers", "er", "ies", "es", "ed", "s")


def stem(word: str) -> str:
    """A word less its first matching suffix, when at least three letters are left."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[:-len(suffix)]
    return word


def features(text: str, unit: str | None) -> list[str]:
    """The features of a title (after its leading code is set aside) and unit: each word
    (``w:``), each pair of neighbouring words (``b:``), the first word (``f:``), the unit
    class (``u:``) and each word's rough stem (``s:``). Each feature counts once."""
    words = tokens(text)
    feats = [f"w:{w}" for w in words]
    feats += [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    if words:
        feats.append(f"f:{words[0]}")
    u = unit_token(unit)
    if u:
        feats.append(f"u:{u}")
    feats += [f"s:{stem(w)}" for w in words]
    return list(dict.fromkeys(feats))


@dataclass(frozen=True, slots=True)
class Opinion:
    p_activity: float  # probability that the title is an activity (output or process)
    kind: str  # "output" or "process": the more likely of the two, if it is an activity
    words: tuple[str, ...]  # the words of the title that weighed most towards an activity


@cache
def load() -> dict:
    """The shipped model (read once)."""
    text = resources.files("plancheck").joinpath(MODEL_FILE).read_text("utf-8")
    return json.loads(text)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def opinion(text: str, unit: str | None, model: dict | None = None) -> Opinion:
    """The model's opinion of one title (already stripped of a leading code)."""
    model = model or load()
    feats = features(text, unit)
    act = model["activity"]
    w = act["weights"]
    contributions = [(w[f], f) for f in feats if f in w]
    p = _sigmoid(act["bias"] + sum(c for c, _ in contributions))
    kinds = model["output_or_process"]
    wk = kinds["weights"]
    p_output = _sigmoid(kinds["bias"] + sum(wk[f] for f in feats if f in wk))
    # a count (or an amount measured out, such as km) is output: 96 of the 99 activities with such
    # a unit in the training titles are; otherwise the second model decides
    kind = "output" if p_output >= 0.5 or unit_token(unit) == "number" else "process"
    return Opinion(p, kind, _top_words(contributions))


# Words too small to explain anything to an officer (they still count in the score).
_SMALL_WORDS = frozenset(["0", "%", "£", "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per", "the", "to", "with"])


def _top_words(contributions: list[tuple[float, str]], n: int = 3) -> tuple[str, ...]:
    """The words or word pairs with the largest positive weights, each shown once (a pair
    hides the single words inside it; small words such as "of" are not shown)."""
    shown: list[str] = []
    for c, f in sorted(contributions, key=lambda cf: (-cf[0], cf[1])):
        if c <= 0 or len(shown) == n:
            break
        if not f.startswith(("w:", "b:")):
            continue
        phrase = f[2:]
        if all(w in _SMALL_WORDS for w in phrase.split()) or any(phrase in s.split() or phrase == s for s in shown):
            continue
        if any(s in phrase.split() for s in shown):
            shown = [s for s in shown if s not in phrase.split()]
        shown.append(phrase)
    return tuple(shown)
