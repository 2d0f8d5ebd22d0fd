"""Which measures are the same indicator: grouping by catalogue code, then by title.

Rules, in order:

1. **Codes.** Measures whose ``indicator`` codes are equal once normalised (``NI 151``,
   ``NI151``, ``ni-151``) are one indicator. Different codes are never merged, whatever
   their titles say.
2. **Titles.** A measure without a code joins another measure (or a catalogue entry)
   when their titles name the same thing. Titles are reduced to their *core*: lower
   case, simple stems (``males`` -> ``male``, ``recycling`` -> ``recycl``), synonyms
   (``men`` -> ``male``), without small words (``of``, ``the``), general words
   (``percentage``, ``rate``, ``number``, ``people``, ``residents``, ``local``, ``area``)
   and rate denominators (``per 1,000 population``, kept as part of the unit). Two cores
   match only when every word of one is in the other, apart from spelling variants
   (``programme``/``program``: same first four letters, rapidfuzz ratio >= 88, never a
   number or a sex). So sex (male/female), numbers (Level 2/Level 4, under 18/16-18,
   year 6) and topic words (sport/volunteering) always keep titles apart, and a title
   that only adds a word (``participation in sport and volunteering``) is a different
   indicator. The rapidfuzz token-set score of the two cores is reported as evidence.
3. **Units.** Title matches join only measures with compatible units (the same unit,
   or no unit stated); the same goes for attaching to a coded group.
4. **Attaching.** A title group that matches exactly one code (a coded measure's title
   or that code's catalogue title) joins that code's group; one that matches several
   codes stays on its own, as it cannot be told which one it is. A catalogue title whose
   core is a single word ("Employment") takes part only when a measure carries its code:
   on its own, one word would draw in every title that reduces to it.
5. **Naming a catalogue indicator.** A title that matches no code that way still joins a
   code's group when it *names* the catalogue indicator (:class:`CatalogueTitles`): it
   writes the code ("NI 151 Overall employment rate"), or, once qualifiers that do not
   change the figure are set aside (brackets or a dash tail naming a source or service,
   "(all ages)", "(16-64)", rate denominators), its core equals the catalogue title's or
   holds all of it plus only words such as "problem" or "stretch target". A qualifier
   that names a sub-group, part, place, number or sex ("(children)", "(major)", "(males)",
   "in the most deprived wards") is never set aside, so those stay apart. The reason
   shown is "title names NI 40 Drug users in effective treatment".

With ``match_titles`` off (the ``indicators`` settings), only rule 1 applies: a measure
without a code is an indicator of its own, whatever its title.

Scaling: titles are reduced to cores once per distinct title; identical cores are one
node; other candidates are blocked by a signature that matching cores must share (each
variable word cut to four letters), and only cores within a block are scored with
``rapidfuzz.process.extract`` and a ``score_cutoff``: no loop over all pairs of measures.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .catalogue import Catalogue, Indicator, normalise_code
from .model import Measure

# ----------------------------------------------------------------- title normalisation
_STOP = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "who", "which", "that", "their", "them", "they", "its", "it", "is", "are", "be", "been", "being", "as", "than", "this", "these", "those", "any", "each", "every", "our", "your", "his", "her", "we", "us", "into", "within", "whose", "what", "where", "when", "how", "can", "could", "will", "would", "should", "has", "have", "had", "do", "does", "did", "both", "either"])
# General words that do not tell one indicator from another.
_FILLER = frozenset(["percentage", "percent", "per", "cent", "proportion", "rate", "rates", "ratio", "number", "numbers", "no", "figure", "people", "person", "persons", "resident", "residents", "population", "populations", "individual", "individuals", "overall", "total", "all", "local", "area", "areas", "locality", "borough", "district", "county", "city", "town", "say", "says", "believe", "believes", "think", "thinks", "year", "years", "yr", "yrs", "old", "olds", "aged", "annual", "annually", "indicator", "measure", "measured", "amount"])
_SEX = {
    "male": "male", "males": "male", "men": "male", "man": "male", "boys": "male", "boy": "male",
    "female": "female", "females": "female", "women": "female", "woman": "female",
    "girls": "female", "girl": "female",
}
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                 "seven": "7", "eight": "8", "nine": "9", "ten": "10"}
_SYNONYMS = {"satisfaction": "satisfied", "employed": "employment", "unemployed": "unemployment",
             "programme": "program", "centre": "center", "centres": "center"}
_HYPHEN_PREFIX = re.compile(r"\b(re|non|co|pre|un|sub|anti|multi|inter|self|post|cross)-(?=[a-z])")
# A rate's denominator: "per 1,000 population", "per 100,000 girls aged 15-17".
_PER = re.compile(r"\bper\s+(\d[\d,]*)(?:\s+(?:[a-z]+|\d+\s*(?:-|\u2013|to)\s*\d+))*", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
# A National Indicator code written in a title: "NI 151 Overall employment rate", "(NI151)".
_CODE_IN_TITLE = re.compile(r"\(?\bni[\s\-_]*0*(\d{1,3})([a-z]?)\b(?![,.]\d)\)?\s*[:\-\u2013]?", re.IGNORECASE)
_UNITISH = re.compile(r"^\s*(?:%|percent|percentage|per\b.*|kg|tonnes?.*|km|£.*|number|rate|years?|"
                      r"score|ratio|count)\s*$", re.IGNORECASE)
_WORD = re.compile(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|\+")
# Words that say the measure counts a change rather than a level ("% reduction in ...").
_CHANGE = re.compile(r"\b(?:reduction|increase|decrease|improvement|change|fall|rise)\s+(?:in|of)\b|"
                     r"%\s*(?:reduction|increase|decrease|change)|\((?:%\s*)?(?:reduction|increase)\)",
                     re.IGNORECASE)


def _stem(word: str) -> str:
    if word in _SYNONYMS:
        word = _SYNONYMS[word]
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) >= 5:
        word = word[:-1]
    return word


def _title_core(title: str) -> tuple[frozenset[str], str | None]:
    """The words of a title that tell indicators apart, and its rate denominator.

    >>> sorted(title_core("Life expectancy at birth (males)")[0])
    ['expectancy', 'life', 'male']
    """
    text = title.lower().replace("’", "'").replace("per cent", "percent")
    text = _CODE_IN_TITLE.sub(" ", text)
    per = None
    m = _PER.search(text)
    if m:
        per = m.group(1).replace(",", "")
        text = text[: m.start()] + " " + text[m.end():]
    # Parentheses holding only a unit ("(%)", "(kg)", "(per 1,000)") say nothing about the thing.
    text = _PAREN.sub(lambda p: " " if _UNITISH.match(p.group(1)) else f" {p.group(1)} ", text)
    text = text.replace("at birth", " ").replace("road traffic", "road")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 1,000 -> 1000
    text = re.sub(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", lambda w: _NUMBER_WORDS[w.group(1)], text)
    # "65+", "65 and over", "over 65", "at least Level 2", "5 or more": one form, "N plus"
    # A space after "plus": a word written against the number ("at least 5GCSEs") stays a word.
    text = re.sub(r"(\d)\s*\+", r"\1 plus ", text)
    text = re.sub(r"\bat least (level |grade )?(\d+)", r"\1\2 plus ", text)
    # (?<!\d): start at the first digit only, so a long run of digits is linear, not quadratic
    text = re.sub(r"(?<!\d)(\d+)\s+(?:or|and)\s+(?:more|above|over|higher|older)\b", r"\1 plus ", text)
    # "over 65", "over-65s" (people over 65)
    text = re.sub(r"\b(?:over|above|aged over)[\s-]+(\d+)(?:s\b)?", r"\1 plus ", text)
    # "anti-social", "re-offending": the prefix belongs to the word; "working-age": two words
    text = _HYPHEN_PREFIX.sub(r"\1", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    words = [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text.replace("%", " percent "))]
    core: set[str] = set()
    for w in words:
        if w in _SEX:
            core.add(_SEX[w])
            continue
        if w in _STOP or w in _FILLER:
            continue
        if w.replace(".", "").isdigit():
            core.add(w.rstrip("0").rstrip(".") if "." in w else (w.lstrip("0") or "0"))  # not int(): 5,000 digits exceed its limit
            continue
        stem = _stem(w)
        if stem in _FILLER or not stem:
            continue
        core.add(stem)
    return frozenset(core), per


# Titles repeat: in one plan's measures and targets, across the plans of a framework and,
# for national indicators, across areas checked in one process. These are pure functions
# of a string, so their results are kept (bounded: a long run cannot grow them without
# limit). Wrapped, not decorated, so that mutation testing (mutmut skips decorated
# functions) still reaches their bodies.
title_core = lru_cache(maxsize=1 << 16)(_title_core)


def core_key(core: frozenset[str]) -> str:
    return " ".join(sorted(core))


def _protected(word: str) -> bool:
    """Words that must match exactly: numbers and sexes."""
    return not word.isalpha() or word in ("male", "female", "plus")


def cores_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every word of one core in the other, apart from spelling variants (see module doc)."""
    if not a or not b or len(a) != len(b):
        return False
    only_a = sorted(a - b)
    only_b = sorted(b - a)
    if not only_a:
        return True
    if any(_protected(w) for w in only_a + only_b):
        return False
    unused = list(only_b)
    for w in only_a:
        partner = None
        for v in unused:
            if len(w) >= 5 and len(v) >= 5 and w[:4] == v[:4] and fuzz.ratio(w, v) >= 88:
                partner = v
                break
        if partner is None:
            return False
        unused.remove(partner)
    return True


# ------------------------------------------------------ naming a catalogue indicator
# Words that, in brackets or after a dash, change *which* figure is meant: a sub-group of
# people, a part of the indicator, a place within the area. A bracket holding any of them
# (or a number, or a sex) is part of the indicator's name and is never set aside.
_DISTINGUISHING = frozenset("""
    child children young youth adult adults older elderly pupil pupils student students
    infant baby babies carer carers disabled disability disabilities learning mental ethnic bme
    minority care leaver leavers looked offender offenders victim victims under over aged
    major minor other others excluding including exclude include only except rural urban ward
    wards deprived neighbourhood neighbourhoods worst best new repeat first second primary
    secondary part sub element a b c i ii iii iv male female
    """.split())  # noqa: SIM905 (a word list reads better as text)
# Words a measure may add to a catalogue title and still be that indicator: where the
# figure comes from or what kind of target it is ("problem" drug users, "stretch" target).
_HARMLESS_EXTRA = frozenset(["problem", "stretch", "target", "laa", "lpsa", "current", "place",
                             "survey", "tellus", "measur", "count", "working", "age", "headline",
                             "national", "ni", "source", "data", "ap", "nomi", "hmrc", "on"])
_ALL_AGES = re.compile(r"\(\s*all\s+ages?\s*\)", re.IGNORECASE)
_WORKING_AGE = re.compile(r"\(\s*(?:aged\s+)?16\s*(?:-|\u2013|to)\s*(?:59\s*/\s*)?64\s*\)", re.IGNORECASE)
_DASH = re.compile(r"\s+[-\u2013\u2014:]\s+")


# A qualifier ending in one of these names who collects the figure ("Youth Offending
# Service", "National Child Measurement Programme"), not a sub-group.
_ORGANISATION = re.compile(r"\b(?:service|programme|program|team|partnership|board|survey|trust|"
                           r"unit|agency|department|council|police)s?\s*$", re.IGNORECASE)


def _neutral(qualifier: str) -> bool:
    """A bracket or dash qualifier that does not change which figure is meant."""
    words = re.findall(r"[a-z0-9]+", qualifier.lower())
    if any(w.isdigit() or w in _SEX for w in words):
        return False
    return _ORGANISATION.search(qualifier) is not None or not any(w in _DISTINGUISHING for w in words)


def _qualifiers_set_aside(title: str) -> str:
    """The title without neutral qualifiers: ``Overall employment rate (working age)`` ->
    ``Overall employment rate``; ``Killed or seriously injured (children)`` is unchanged."""
    text = _ALL_AGES.sub(" ", title)
    text = _WORKING_AGE.sub(" ", text)
    text = _PAREN.sub(lambda p: " " if _neutral(p.group(1)) else p.group(0), text)
    # the last " - " (one pass over the title: linear on any input)
    last = next(iter(reversed(list(_DASH.finditer(text)))), None)
    if last is not None and "(" not in text[last.end():] and ")" not in text[last.end():] \
            and _neutral(text[last.end():]):
        text = text[: last.start()]
    return " ".join(text.split())


qualifiers_set_aside = lru_cache(maxsize=1 << 16)(_qualifiers_set_aside)


def code_in_title(title: str) -> str | None:
    """A National Indicator code written in a title (``NI 151 Overall ...``, ``... (NI151)``)."""
    m = _CODE_IN_TITLE.search(title)
    return f"NI {int(m.group(1))}{m.group(2).lower()}" if m else None


def catalogue_titles(catalogue: Catalogue) -> CatalogueTitles:
    """The title index of ``catalogue``, shared by every framework of a run whose catalogue
    holds the same indicators (usually the built-in one alone)."""
    key = (tuple(catalogue.entries.items()), tuple(catalogue.retired.items()), tuple(catalogue.ranges))
    index = _TITLE_INDEXES.get(key)
    if index is None:
        if len(_TITLE_INDEXES) >= 8:  # a few distinct catalogues at most; never unbounded
            _TITLE_INDEXES.clear()
        index = _TITLE_INDEXES[key] = CatalogueTitles(catalogue)
    return index


class CatalogueTitles:
    """Catalogue titles indexed by their core words, to find the entry a title names.

    A title names an entry when, once neutral qualifiers (brackets or a dash tail that
    name no sub-group, part, place, number or sex) and rate denominators are set aside,
    its core equals the entry's core (spelling variants allowed, as for two titles), or
    holds every word of it and adds only words that say where the figure comes from
    (:data:`_HARMLESS_EXTRA`). When several entries are named, the one whose words hold
    all the others' wins ("children killed or seriously injured" names the children's
    indicator, not the all-age one); otherwise the title names none.
    """

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._seen: dict[str, str | None] = {}  # title -> code, computed once per title
        self.cores: dict[str, frozenset[str]] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for code, entry in catalogue.entries.items():
            core, _per = title_core(qualifiers_set_aside(entry.title))
            if not core:
                continue
            self.cores[code] = core
            for w in core:
                self.postings[w].append(code)

    def named(self, title: str) -> str | None:
        """The code of the one catalogue entry ``title`` names, or None."""
        if title not in self._seen:
            if len(self._seen) >= 1 << 16:  # shared by every framework of a run: stay bounded
                self._seen.clear()
            self._seen[title] = self._named(title)
        return self._seen[title]

    def _named(self, title: str) -> str | None:
        written = code_in_title(title)
        if written and self.catalogue.status(written)[0] in ("known", "numbered"):
            return written
        core, _per = title_core(qualifiers_set_aside(title))
        if not core:
            return None
        hits: dict[str, int] = defaultdict(int)
        for w in core:
            for code in self.postings.get(w, ()):
                hits[code] += 1
        found = []
        for code, n in hits.items():
            entry_core = self.cores[code]
            if n == len(entry_core):
                if core - entry_core <= _HARMLESS_EXTRA:
                    found.append(code)
            elif len(core) == len(entry_core) and cores_match(core, entry_core):
                found.append(code)
        if not found:
            return None
        widest = max(found, key=lambda c: len(self.cores[c]))
        if all(self.cores[c] <= self.cores[widest] for c in found if c != widest) and \
                sum(1 for c in found if self.cores[c] == self.cores[widest]) == 1:
            return widest
        return None


_TITLE_INDEXES: dict[tuple, CatalogueTitles] = {}


# ----------------------------------------------------------------------------- units
_UNIT_FAMILIES = {
    "percent": "percent", "%": "percent", "percentage": "percent", "pct": "percent",
    "per cent": "percent", "percentage points": "percent",
    "number": "number", "no": "number", "no.": "number", "count": "number", "numbers": "number",
    "rate": "rate", "ratio": "ratio", "score": "score", "points": "score", "rank": "rank",
    "currency": "currency", "£": "currency", "gbp": "currency", "pounds": "currency",
    "years": "years", "year": "years", "yrs": "years", "text": "text",
}
KNOWN_FAMILIES = frozenset(_UNIT_FAMILIES.values())
# Pairs of units that may describe the same figure (an employment "rate" is a percentage).
_AMBIGUOUS = {frozenset({"percent", "rate"}), frozenset({"rate", "ratio"}),
              frozenset({"percent", "ratio"})}


def unit_family(measure: Measure) -> str | None:
    """The measure's unit in a comparable form; ``None`` when not stated."""
    unit = (measure.unit or "").strip().lower()
    if unit:
        if unit in _UNIT_FAMILIES:  # most units are written as a key (with single spaces)
            return _UNIT_FAMILIES[unit]
        unit = re.sub(r"\s+", " ", unit)
        if unit in _UNIT_FAMILIES:
            return _UNIT_FAMILIES[unit]
        if unit.startswith(("%", "percent", "per cent")):
            return "percent"
        if unit.startswith(("£", "gbp")):
            return "currency"
        if re.match(r"^(?:rate\b|per \d)", unit):
            return "rate"
        if unit.startswith("number"):
            return "number"
        return unit
    values = [t.value for t in measure.targets]
    if measure.baseline is not None:
        values.append(measure.baseline.value)
    if any(v.percent_sign for v in values):
        return "percent"
    return None


def units_compatible(a: str | None, b: str | None) -> bool:
    """Values in these units may be compared (same unit, or one not stated)."""
    return a is None or b is None or a == b


def units_clash(a: str | None, b: str | None) -> bool:
    """Units that cannot describe the same figure (percent vs number)."""
    if a is None or b is None or a == b:
        return False
    if frozenset({a, b}) in _AMBIGUOUS:
        return False
    if a in KNOWN_FAMILIES and b in KNOWN_FAMILIES:
        return True
    return "percent" in (a, b)  # a percentage against kg, tonnes, km ...


def is_change_measure(title: str) -> bool:
    """True for a measure that counts a change ("% reduction in ..."), not a level."""
    return bool(_CHANGE.search(title))


# ----------------------------------------------------------------------------- groups
@dataclass
class Member:
    measure: Measure
    why: str  # why this measure is in its group


@dataclass
class IndicatorGroup:
    key: str  # "code:NI 151" or "title:<core>"
    code: str | None
    label: str
    members: list[Member] = field(default_factory=list)
    entry: Indicator | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def measures(self) -> list[Measure]:
        return [m.measure for m in self.members]

    @property
    def ids(self) -> list[str]:
        return [m.measure.id for m in self.members]

    @property
    def plans(self) -> list[str]:
        seen: list[str] = []
        for m in self.members:
            if m.measure.plan_id not in seen:
                seen.append(m.measure.plan_id)
        return seen

    def why(self) -> str:
        out: list[str] = []
        for m in sorted(self.members, key=lambda mem: not mem.why.startswith("same code")):
            if m.why and m.why not in out:
                out.append(m.why)
        return "; ".join(out)


@dataclass
class Grouping:
    groups: list[IndicatorGroup]
    group_of: dict[str, IndicatorGroup]
    ambiguous: list[tuple[list[str], list[str]]]  # (measure ids, codes their titles match)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _signature(core: frozenset[str]) -> tuple[str, ...]:
    """A blocking key that two matching cores always share: each word that may have a
    spelling variant cut to its first four letters, every other word whole."""
    return tuple(sorted(w[:4] if w.isalpha() and len(w) >= 5 and not _protected(w) else w
                        for w in core))


def match_cores(cores: dict[str, frozenset[str]], threshold: float = 90.0
                ) -> list[tuple[str, str, float]]:
    """Pairs of distinct core keys that name the same thing, with their rapidfuzz score.

    Blocking: :func:`cores_match` only pairs words that share their first four letters,
    so matching cores have the same :func:`_signature`; cores are indexed by signature
    (one hash lookup each) and only cores within a block are scored, with
    ``process.extract(..., score_cutoff=threshold)``, then checked word by word.
    """
    blocks: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k, core in cores.items():
        blocks[_signature(core)].append(k)
    out: list[tuple[str, str, float]] = []
    for keys in blocks.values():
        if len(keys) < 2:
            continue
        for i, k in enumerate(keys[:-1]):
            rest = keys[i + 1:]
            for _choice, score, j in process.extract(k, rest, scorer=fuzz.token_set_ratio,
                                                     score_cutoff=threshold, limit=None):
                if cores_match(cores[k], cores[rest[j]]):
                    out.append((k, rest[j], float(score)))
    return out


def _in_sentence_uncached(text: str) -> str:
    """A title for use inside a sentence: ``Overall Employment Rate`` -> ``overall employment rate``,
    keeping acronyms (``CO2``, ``LA``, ``NEET``) as written."""
    return re.sub(r"[^\W\d_]\w*", lambda m: m.group(0) if sum(c.isupper() for c in m.group(0)) > 1
                  or (m.group(0)[0].isupper() and any(c.isdigit() for c in m.group(0)))
                  else m.group(0).lower(), text.strip())


_in_sentence = lru_cache(maxsize=1 << 14)(_in_sentence_uncached)


def _short(title: str) -> str:
    return re.sub(r"\s+", " ", title.strip())


def build_groups(measures: list[Measure], catalogue: Catalogue | None = None, *,
                 threshold: float = 90.0, match_titles: bool = True) -> Grouping:
    """Group ``measures`` (in plan order) into indicators; see the module documentation."""
    catalogue = catalogue or Catalogue()
    info: dict[str, tuple[str | None, str, str | None, str | None]] = {}  # id -> code, key, per, unit
    cores: dict[str, frozenset[str]] = {}
    by_code: dict[str, list[Measure]] = defaultdict(list)
    spellings: dict[str, list[str]] = defaultdict(list)
    title_cache: dict[str, tuple[frozenset[str], str | None]] = {}
    for m in measures:
        code = normalise_code(m.indicator) if m.indicator and m.indicator.strip() else None
        if m.title not in title_cache:
            title_cache[m.title] = title_core(m.title)
        core, per = title_cache[m.title]
        key = core_key(core)
        if core:
            cores[key] = core
        info[m.id] = (code, key if core else "", per, unit_family(m))
        if code:
            by_code[code].append(m)
            raw = m.indicator.strip()
            if raw not in spellings[code]:
                spellings[code].append(raw)

    # Catalogue titles take part in title matching, so an uncoded measure titled like
    # NI 192 joins NI 192's group.
    cat_keys: dict[str, list[str]] = defaultdict(list)
    if match_titles:
        for code, entry in catalogue.entries.items():
            core, _per = title_core(entry.title)
            if len(core) >= 2 or code in by_code:
                cat_keys[core_key(core)].append(code)
                cores.setdefault(core_key(core), core)

    # Title components over core keys (identical keys are one node already).
    uf = _UnionFind()
    neighbours: dict[str, list[tuple[str, float]]] = defaultdict(list)
    if match_titles:
        for a, b, score in match_cores(cores, threshold):
            uf.union(a, b)
            neighbours[a].append((b, score))
            neighbours[b].append((a, score))

    # Where each core key is used: by coded measures (per code) and catalogue entries.
    codes_of_key: dict[str, set[str]] = defaultdict(set)
    for code, ms in by_code.items():
        for m in ms:
            if info[m.id][1]:
                codes_of_key[info[m.id][1]].add(code)
    for key, codes in cat_keys.items():
        codes_of_key[key].update(codes)
    codes_of_component: dict[str, set[str]] = defaultdict(set)
    for key, codes in codes_of_key.items():
        codes_of_component[uf.find(key)].update(codes)

    groups: dict[str, IndicatorGroup] = {}
    order: list[str] = []

    def group_for(gkey: str, code: str | None, label: str) -> IndicatorGroup:
        if gkey not in groups:
            entry = catalogue.get(code) if code else None
            groups[gkey] = IndicatorGroup(key=gkey, code=code, label=label, entry=entry)
            order.append(gkey)
        return groups[gkey]

    for code, ms in by_code.items():
        entry = catalogue.get(code)
        label = f"{code} {_in_sentence(entry.title)}" if entry else f"{code} {_in_sentence(ms[0].title)}"
        g = group_for(f"code:{code}", code, label)
        written = spellings[code]
        why = (f"same code {code}" + (f" (written {', '.join(repr(s) for s in written)})"
                                       if len(written) > 1 else ""))
        for m in ms:
            g.members.append(Member(m, why))

    # Uncoded measures by title component, split by unit where units disagree.
    uncoded: dict[str, list[Measure]] = defaultdict(list)
    for m in measures:
        code, key, _per, _unit = info[m.id]
        if code:
            continue
        comp = uf.find(key) if key and match_titles else f"alone:{m.id}"  # off: by code only
        uncoded[comp].append(m)
    ambiguous: list[tuple[list[str], list[str]]] = []
    key_examples: dict[str, tuple[str, str]] = {}  # core key -> (title, measure id)
    for m in measures:
        k = info[m.id][1]
        if k and k not in key_examples:
            key_examples[k] = (m.title, m.id)
    named_index = catalogue_titles(catalogue) if match_titles and catalogue.entries else None
    for comp, ms in uncoded.items():
        for sub in _split_by_unit(ms, info):
            codes = sorted(codes_of_component.get(comp, set())) if not comp.startswith("alone:") else []
            target_code = None
            if len(codes) == 1:
                code = codes[0]
                if _unit_fits(sub, by_code.get(code, []), catalogue.get(code), info):
                    target_code = code
            elif len(codes) > 1:
                ambiguous.append(([m.id for m in sub], codes))
            if not codes and named_index is not None:
                # No coded measure or catalogue title matches the whole title: does each
                # title name a catalogue indicator once its qualifiers are set aside?
                rest = []
                for m in sub:
                    code = named_index.named(m.title)
                    if code and _unit_fits([m], by_code.get(code, []), catalogue.get(code), info):
                        entry = catalogue.get(code)
                        g = group_for(f"code:{code}", code, _label(code, entry, by_code, m))
                        g.members.append(Member(m, _named_why(code, entry)))
                    else:
                        rest.append(m)
                if not rest:
                    continue
                sub = rest
            if target_code:
                entry = catalogue.get(target_code)
                existing = by_code.get(target_code, [])
                label = (f"{target_code} {_in_sentence(entry.title)}" if entry
                         else f"{target_code} {_in_sentence(existing[0].title)}")
                g = group_for(f"code:{target_code}", target_code, label)
            else:
                first = sub[0]
                g = group_for(f"title:{first.id}", None, f"'{_short(first.title)}'")
            for m in sub:
                g.members.append(Member(m, _title_why(m, g, info, neighbours, key_examples,
                                                      cat_keys, target_code)))

    # Members in plan order (the order measures were given).
    position = {m.id: i for i, m in enumerate(measures)}
    result = [groups[k] for k in order]
    for g in result:
        g.members.sort(key=lambda mem: position[mem.measure.id])
    result.sort(key=lambda g: position[g.members[0].measure.id])
    group_of = {mem.measure.id: g for g in result for mem in g.members}
    return Grouping(result, group_of, ambiguous)


def _label(code: str, entry: Indicator | None, by_code, m: Measure) -> str:
    existing = by_code.get(code, [])
    title = entry.title if entry else (existing[0].title if existing else m.title)
    return f"{code} {_in_sentence(title)}"


def _named_why(code: str, entry: Indicator | None) -> str:
    if entry is None:
        return f"title names {code}"
    title = _in_sentence(entry.title)
    return f"title names {code} {title[:1].upper()}{title[1:]}"


def _split_by_unit(ms: list[Measure], info) -> list[list[Measure]]:
    """Measures whose titles match, split so that units in one part are compatible.
    Measures with no unit join the single stated unit, or stay apart when there are several."""
    by_unit: dict[tuple, list[Measure]] = defaultdict(list)
    for m in ms:
        _code, _key, per, unit = info[m.id]
        by_unit[(unit, per)].append(m)
    stated = [k for k in by_unit if k != (None, None)]
    families = {k[0] for k in stated if k[0] is not None}
    pers = {k[1] for k in stated if k[1] is not None}
    if len(families) <= 1 and len(pers) <= 1:
        return [ms]
    parts = [by_unit[k] for k in stated]
    if (None, None) in by_unit:
        parts.append(by_unit[(None, None)])
    return parts


def _unit_fits(sub: list[Measure], coded: list[Measure], entry: Indicator | None, info) -> bool:
    """An uncoded part may join a code's group when its unit is one the group uses."""
    units = {info[m.id][3] for m in sub} - {None}
    pers = {info[m.id][2] for m in sub} - {None}
    group_units = {info[m.id][3] for m in coded} - {None}
    group_pers = {info[m.id][2] for m in coded} - {None}
    if entry is not None and entry.unit:
        fam = _UNIT_FAMILIES.get(entry.unit, entry.unit)
        group_units.add(fam)
    if units and group_units and not units <= group_units:
        return False
    return not (pers and group_pers and not pers <= group_pers)


def _title_why(m: Measure, g: IndicatorGroup, info, neighbours, key_examples, cat_keys,
               code: str | None) -> str:
    key = info[m.id][1]
    others = [mem.measure for mem in g.members if mem.measure.id != m.id]
    for o in others:
        if info[o.id][1] == key and key:
            if _short(o.title).lower() == _short(m.title).lower():
                return f"same title as {o.id}"
            return (f"titles match: '{_short(m.title).lower()}' ~ '{_short(o.title).lower()}' "
                    f"({o.id}, score 100)")
    member_keys = {info[o.id][1]: o for o in others}
    for other_key, score in sorted(neighbours.get(key, []), key=lambda t: -t[1]):
        if other_key in member_keys:
            o = member_keys[other_key]
            return (f"titles match: '{_short(m.title).lower()}' ~ '{_short(o.title).lower()}' "
                    f"({o.id}, score {score:.0f})")
    if code and g.entry is not None:
        cat_key = core_key(title_core(g.entry.title)[0])
        score = 100.0 if cat_key == key else next((s for k, s in neighbours.get(key, []) if k == cat_key), None)
        if score is not None:
            return (f"title matches the catalogue title of {code}: '{_short(m.title).lower()}' ~ "
                    f"'{g.entry.title.lower()}' (score {score:.0f})")
    if key and key in neighbours:
        other_key, score = neighbours[key][0]
        title = key_examples.get(other_key, (other_key, ""))[0]
        return f"titles match: '{_short(m.title).lower()}' ~ '{_short(title).lower()}' (score {score:.0f})"
    return ""
