"""Guess whether a measure is an outcome, an output or a process, from its wording.

The inspection of Luton found targets "focused on activities or processes rather than
outcomes". A plan may say so itself (``kind:`` on a measure); when it does not, plancheck
infers the kind with the rules below and always shows the rule that decided, so an
officer who disagrees can write ``kind:`` in the plan and the guess is never used.

Kinds (the contract's words):

- **outcome**: a change in the state of residents or the place: a rate, a share of a
  population, satisfaction, life expectancy, attainment, employment, crime, emissions.
  "Reduce the number of deliberate fires" is an outcome.
- **output**: a count of what a service delivers: sessions, events, grants, leaflets,
  people supported or assisted, things installed or built.
- **process**: how the organisation works, or a milestone met once: produce, adopt or
  publish a document; time taken to process or answer; meetings held; accreditation.

Rules, first match wins (each gives the reason shown to the officer):

1. *Procedure*: timeliness (``within 10 working days``, ``time taken to process``,
   ``processed``, ``responded to``, ``first point of contact``), internal management
   (appraisals, sickness absence, budget, audit opinion, accreditation, meetings held,
   terms of reference, impact assessments, plans in place) -> process.
2. *Change to achieve*: the title starts with a verb of change (reduce, increase,
   improve, halve, narrow...) or says "a 10% reduction in", "fewer", "more" -> outcome,
   unless what is to change is itself a count of things delivered (rule 4's words).
3. *Activity verb with a count*: "Hold 12 festival events", "Install 30 bins",
   "Distribute 5,000 vouchers" -> output.
4. *Milestone verb*: starts with produce, publish, adopt, agree, launch, complete,
   implement, review, establish, open, develop... or ends "by March 2011" -> process.
5. *Count of delivery*: "number of sessions delivered", "people supported", "trees
   planted", "grants made", "visits to council leisure centres", "in treatment"
   -> output ("helped into work" is counted an outcome: people's circumstances changed).
6. *Outcome words*: rate, per 1,000, percentage of residents/people/pupils,
   satisfaction, life expectancy, mortality, conception, attainment, employment,
   prevalence, crime, emissions... -> outcome.
7. *Shape*: a numeric unit with every target equal to 1 and no direction -> process
   (a milestone met once: "1 = strategy adopted").
8. Otherwise -> outcome (nothing in the wording suggests an activity; the inference errs
   towards not reporting, since a false "activity only" finding costs an officer time).

Accuracy on labelled council measure titles is in ``evaluation/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

OUTCOME, OUTPUT, PROCESS = "outcome", "output", "process"
ACTIVITY_KINDS = (OUTPUT, PROCESS)


@dataclass(frozen=True, slots=True)
class Guess:
    kind: str
    reason: str
    rule: str  # short id of the rule that decided, for tests and evaluation


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_PROCEDURE = [
    (_rx(r"\bwithin \d+(?:\.\d+)?\s*(?:working\s+|calendar\s+)?(?:days?|weeks?|hours?|months?|minutes?)\b"),
     "a time limit for a procedure"),
    (_rx(r"\btimeliness\b|\bon time\b|\btime taken\b|\bdays to (?:process|deal|decide|complete)\b|\bturnaround\b"),
     "timeliness of a procedure"),
    (_rx(r"\b(?:processed|responded to|answered|dealt with)\b"), "work handled by the organisation"),
    (_rx(r"\bfirst point of contact\b|\bavoidable contact\b|\bmissed (?:bin )?collections?\b"),
     "the efficiency of a service procedure"),
    (_rx(r"\bsickness absence\b|\bappraisals?\b|\baudit opinion\b|\bbalanced budget\b|\bterms of reference\b"),
     "internal management of the organisation"),
    (_rx(r"\baccreditation\b|\bimpact assessments?\b|\bcharter ?mark\b|\binvestors in people\b"),
     "an accreditation or assessment the organisation holds"),
    (_rx(r"\bmeetings?\b(?! (?:their|the) needs)"), "meetings held"),
    (_rx(r"\b(?:up-to-date|approved|agreed|completed)\s+(?:[\w'-]+\s+){0,3}(?:plans?|strateg(?:y|ies))\b"),
     "plans in place (a procedure)"),
    (_rx(r"\b(?:rent|tax|rates|debts?|income|fees?)\b[^.]*\bcollected\b|\bcollection rates?\b"),
     "collection performance"),
    (_rx(r"^planning to\b"), "progress through a planning process"),
]

_CHANGE_VERB = _rx(
    r"^(?:reduce|reducing|increase|increasing|improve|improving|halve|halving|raise|raising|narrow|"
    r"narrowing|cut|lower|lowering|maintain|sustain|minimise|maximise|eliminate|prevent|tackle|close)\b"
)
_CHANGE_PHRASE = _rx(
    r"^(?:deliver|achieve|secure|see|bring about)\s+(?:an?\s+|the\s+)?(?:\d[\d.,]*\s*%?\s*|[\w-]+\s+)?"
    r"(?:reduction|increase|improvement|fall|rise|cut|decrease)\s+in\b"
)
_FEWER_MORE = _rx(r"^(?:fewer|more|less|higher|lower|better|healthier|safer)\b")

_ACTIVITY_VERBS = (
    "hold|holding|distribute|install|provide|award|deliver|build|plant|run|carry out|train|fit|issue|"
    "complete|host|organise|stage|open|create|make|give|offer|fund|support|inspect|visit|"
    "recruit|employ|refer|help|assist|send|print|repair|resurface|upgrade|plant"
)
_VERB_COUNT = _rx(rf"^(?:{_ACTIVITY_VERBS})\s+(?:at least\s+|over\s+|up to\s+)?\d[\d,]*\b")

_MILESTONE_VERB = _rx(
    r"^(?:produce|publish|adopt|agree|approve|launch|complete|implement|review|establish|develop|"
    r"prepare|introduce|set up|open|refresh|update|commission|appoint|secure|draft|write|consult on|"
    r"deliver|achieve|undertake|carry out|begin|start|finalise|sign|roll out|put in place|create|"
    r"procure|restructure|integrate|merge|relocate|hold)\b"
)
_BY_DATE = _rx(
    r"\bby (?:the end of )?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|spring|summer|autumn|winter)\b"
)
_DOCUMENT = _rx(r"\b(?:strategy|plan|policy|assessment|review|framework|charter|report|protocol|"
                r"programme|agreement|partnership|board|centre|service|scheme|audit|accounts)\b")

_OUTPUT_PARTICIPLE = (
    r"delivered|held|installed|issued|completed|supported|assisted|created|upgraded|distributed|"
    r"planted|provided|made|taken|led|built|funded|run|organised|trained|visited|inspected|fitted|"
    r"awarded|granted|commissioned|undertaken|carried out|worked with|taken up|opened|given|served|"
    r"sent|printed|repaired|resurfaced|referred|offered|hosted|staged|attended|enrolled|engaged|"
    r"screened|vaccinated|immunised|treated|seen|contacted|advised|helped|rehoused|placed|adapted|"
    r"improved|refurbished|insulated|cleared|removed|collected|answered|recruited|registered|"
    r"checked|tested|audited"
)
# "Affordable homes delivered each year": a thing, then what the service did to it.
_THINGS_DELIVERED = _rx(
    r"^(?:[\w'-]+\s+){1,4}(?:delivered|held|installed|built|planted|distributed|issued|completed|"
    r"provided|awarded|upgraded)\b"
)
_INTO_WORK = _rx(r"\b(?:into|in to) (?:work|employment|jobs?|training|education)\b")
_NUMBER_OF_DELIVERED = _rx(rf"\bnumber of\b.*\b(?:{_OUTPUT_PARTICIPLE})\b")
_PEOPLE_HELPED = _rx(
    r"^(?:[\w'-]+\s+){0,4}(?:supported|assisted|helped|receiving|screened|trained|advised|engaged|"
    r"referred|housed|placed|enrolled|attending)\b"
)
_THROUGHPUT = [
    (_rx(r"\b(?:sessions?|events?|festivals?|workshops?|courses?|classes|leaflets?|newsletters?|"
         r"campaigns?|grants?|vouchers?|transactions?|enforcement actions?|inspections?|contracts? issued|"
         r"training|places taken up|free swims?)\b"),
     "counts things the service delivers"),
    (_rx(r"\bvisits? to (?:council|the council'?s?|our|library|libraries|leisure|sports?|swimming)\b|"
         r"\b(?:visits|attendances|admissions|usage) (?:to|at|of) (?:council|leisure|sports?) "),
     "use of council facilities"),
    (_rx(r"\bin (?:effective )?treatment\b|\bfitted with\b|\bkm of new\b|"
         r"\bof new [\w\s-]+ (?:built|installed|laid)\b|\bscreening coverage\b"),
     "coverage or throughput of a service"),
]
# Results for people, even when counted through a service: "successful completions of
# treatment as a proportion of all in treatment", "people receiving out of work benefits".
_STATE_OF_PEOPLE = _rx(r"\bsuccessful(?:ly)?\b|\bas a proportion of\b|\breceiving [\w\s-]*benefits?\b")
_COUNT_START = _rx(r"^(?:number of|no\.? of|total|count of|km of|kilometres of|length of)\b")

_OUTCOME_WORDS = _rx(
    r"\brates?\b|\bper (?:1,?000|10,?000|100,?000|head|capita|household|resident|pupil)\b|"
    r"\bpercentage of (?:residents|people|adults|children|pupils|young people|households|"
    r"the population|population|babies|women|men|older people|tenants|users|service users|"
    r"carers|businesses|working[- ]age|16|18|19)\b|\bproportion of\b|\bshare of\b|"
    r"\bsatisf(?:ied|action)\b|\bconfidence\b|\bperceptions?\b|\bfeel\b|\bsay\b|\bbelieve\b|\btrust\b|"
    r"\blife expectancy\b|\bmortality\b|\bdeaths?\b|\bconceptions?\b|\battainment\b|\bachievement\b|"
    r"\bachieving\b|\bgcses?\b|\bkey stage\b|\bqualified\b|\bqualifications?\b|\bemployment\b|"
    r"\bunemployment\b|\bclaim(?:ing|ants?)\b|\bbenefits\b|\bneet\b|\bprevalence\b|\bobes(?:e|ity)\b|"
    r"\bwellbeing\b|\bwell-being\b|\bquality of life\b|\bhealth(?:y)?\b|\bcrimes?\b|\bvictims?\b|"
    r"\bre-?offend|\boffences?\b|\bburglar(?:y|ies)\b|\bemissions?\b|\bco2\b|\bwaste\b|\brecycl|"
    r"\bcleanliness\b|\blitter\b|\bair quality\b|\bdeprivation\b|\bdeprived\b|\bpoverty\b|\bincome\b|"
    r"\bearnings\b|\bpay\b|\bgross value added\b|\bgva\b|\bhomeless|\bovercrowd|\bempty homes\b|"
    r"\bkilled or seriously injured\b|\bcasualties\b|\bfires?\b|\bjourneys?\b|\bcongestion\b|"
    r"\bparticipation\b|\btak(?:e|ing) part\b|\bengagement in\b|\bbullied\b|\babsence\b|\bexclusions?\b|"
    r"\bindependen(?:t|tly|ce)\b|\bbelong\b|\bget on well\b|\bcohesion\b|\bexpectancy\b|\bwaiting\b|"
    r"\bsmoking\b|\bquitters\b|\bbreastfe|\bbirth weight\b|\binactive\b|\bactive\b|\bvacancy\b|"
    r"\bconcentration\b|\bconsumption\b|\bfuel poverty\b|\bspend\b|\bvisitors?\b|\bsleeping rough\b"
)
MAX_TITLE = 500
_NUMERIC_UNITS = {"number", "count", "percent", "rate", "ratio", "score", "currency"}


def classify(title: str, unit: str | None = None, direction: str | None = None,
             targets: Iterable[float | None] = ()) -> Guess:
    """Infer the kind of one measure from its title, unit, direction and target numbers."""
    # Only the first MAX_TITLE characters are looked at: titles are a line long, and some
    # patterns ("number of ... delivered") are quadratic on a title that repeats a phrase.
    text = " ".join((title or "")[:MAX_TITLE].split())
    first_word = text.split(" ", 1)[0] if text else ""

    for rx, why in _PROCEDURE:
        m = rx.search(text)
        if m:
            return Guess(PROCESS, f"mentions '{m.group(0).strip()}': {why} (process)", "procedure")

    if _CHANGE_VERB.match(text) or _CHANGE_PHRASE.match(text) or _FEWER_MORE.match(text):
        m = _NUMBER_OF_DELIVERED.search(text)
        if m and not _INTO_WORK.search(text):
            return Guess(OUTPUT, f"starts with '{first_word}' but what changes is a count of things "
                                 "delivered (output)", "change-of-output")
        return Guess(OUTCOME, f"starts with '{first_word}': a change to be achieved (outcome)", "change")

    m = _VERB_COUNT.match(text)
    if m:
        return Guess(OUTPUT, f"starts with '{first_word}' and a number: a count of things "
                             "delivered (output)", "verb-count")

    if _MILESTONE_VERB.match(text):
        doc = _DOCUMENT.search(text)
        named = f" and names a {doc.group(0).lower()}" if doc else ""
        return Guess(PROCESS, f"starts with '{first_word}'{named}: a milestone (process)", "milestone-verb")
    m = _BY_DATE.search(text)
    if m:
        return Guess(PROCESS, f"says '{m.group(0)}': a milestone met once (process)", "by-date")

    if _INTO_WORK.search(text):
        return Guess(OUTCOME, "counts people whose circumstances changed (into work or learning): "
                              "an outcome", "into-work")
    m = _NUMBER_OF_DELIVERED.search(text)
    if m:
        verb = re.search(rf"\b(?:{_OUTPUT_PARTICIPLE})\b", text[m.start():], re.IGNORECASE)
        word = verb.group(0) if verb else "delivered"
        return Guess(OUTPUT, f"a number of things '{word}': a count of what the service delivers "
                             "(output)", "number-delivered")
    m = _THINGS_DELIVERED.match(text)
    if m and not _COUNT_START.match(text) and not _OUTCOME_WORDS.search(m.group(0)):
        return Guess(OUTPUT, f"names things '{m.group(0).split()[-1].lower()}' by a service: a count of "
                             "what it delivers (output)", "things-delivered")
    m = _PEOPLE_HELPED.match(text)
    if m and not _STATE_OF_PEOPLE.search(text):
        word = m.group(0).split()[-1].lower()
        how = "a service" if word.endswith("ing") else "by a service"  # 'receiving a service', 'helped by a service'
        return Guess(OUTPUT, f"counts people '{word}' {how}, not a change in their circumstances (output)",
                     "people-helped")
    for rx, why in _THROUGHPUT:
        m = rx.search(text)
        if m and not _STATE_OF_PEOPLE.search(text) and not (_OUTCOME_WORDS.search(text) and not _COUNT_START.match(text)
                      and not m.group(0).lower().startswith(("visit", "in ", "fitted", "km", "screening"))):
            return Guess(OUTPUT, f"mentions '{m.group(0).strip()}': {why} (output)", "throughput")

    m = _OUTCOME_WORDS.search(text)
    if m:
        return Guess(OUTCOME, f"mentions '{m.group(0).strip()}': a condition of residents or the "
                              "place (outcome)", "outcome-words")

    nums = [t for t in targets if t is not None]
    if (nums and all(n == 1 for n in nums) and not direction
            and (unit or "").lower() in _NUMERIC_UNITS | {""}):
        return Guess(PROCESS, "every target is 1 and no direction is given: a milestone met once "
                              "(process)", "shape-milestone")

    return Guess(OUTCOME, "no sign of an activity, procedure or milestone in the wording "
                          "(taken as an outcome)", "default")


def classify_measure(measure) -> Guess:
    """Classify a :class:`plancheck.model.Measure` (its stated ``kind`` is not consulted)."""
    numbers = [t.value.number for t in measure.targets if t.value.status == "number"]
    return classify(measure.title, measure.unit, measure.direction, numbers)


def is_activity(kind: str | None) -> bool:
    return kind in ACTIVITY_KINDS
