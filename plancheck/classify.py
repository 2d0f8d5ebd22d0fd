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

0. A code before the title ("NI 57 - ", "BV 117", "1C(1)", "Econ2") is set aside first, and a
   question is read as the statement it asks about ("How many ..." = "Number of ...").
1. *Procedure*: timeliness (``within 10 working days``, ``within timescales``, ``time taken
   to process``, ``average number of days to re-let``, ``weeks to determine``, response or
   wait times), handling (``processed``, ``handled``, ``responded to``, applications
   determined, appeals upheld, complaints closed or escalated, calls routed, ``right first
   time``, backlogs, cases ``reviewed``, missed collections), internal management
   (appraisals, sickness absence, budget, audit opinion, accreditation, meetings held,
   terms of reference, impact assessments, plans in place) -> process. Not when the title
   asks what people think ("satisfied with how their complaint was handled"), and a time
   window on a change in people ("quit within 4 weeks", "re-offend within 12 months") is no
   time limit. "In 8 weeks" and "30 working days" count as "within".
1b. *Running the organisation* (process, each its own rule id): unit costs and efficiency
   (``cost``: "cost per visit", "unit cost of home care"; not what residents pay), spending
   against budget and procurement spend (``budget``), collection of council tax, rates, rent
   and arrears (``collection``; not evictions), case work (``casework``: cases allocated to
   a worker, case conferences held or attended, referrals received, plans in place), and
   standards the organisation conforms to, like NI 35 (``standard``).
1c. *Work done* (process, each its own rule id): work "completed in time" or "fixed first time"
   (``in-time``), inspections or checks carried out, not what they found (``inspections-done``),
   invoices paid (``invoices``), a share of waste or bins collected (``waste-collected``). An
   award held by a place (Green Flag, Blue Flag) is an outcome even with a yes/no unit
   (``place-award``).
2. *Change to achieve*: the title starts with a verb of change (reduce, increase,
   improve, halve, narrow...) or says "a 10% reduction in", "fewer", "more" -> outcome,
   unless what is to change is itself a count of things delivered or of use of a service
   (rules 5 and 6's words).
3. *Activity verb with a count*: "Hold 12 festival events", "Install 30 bins",
   "Plant a minimum of 500 trees", "Pilot 3 community hubs" -> output.
4. *Milestone*: a unit of ``yes/no`` or ``milestone``, or every target written as the
   milestone itself ("Complete", "Yes", "Adopted"); a title that starts with produce,
   publish, adopt, agree, launch, complete, implement, pilot, commence, construct...;
   says "by March 2011"; or names a document, body or facility followed by a participle
   anywhere in the title ("Housing Strategy adopted by the Executive", "strategy refreshed
   and agreed", "masterplan completed") -> process.
5. *Count of delivery*: "number of sessions delivered", "people supported", "trees
   planted", "grants made", "visits to council leisure centres", "in treatment"
   -> output ("helped into work" is counted an outcome: people's circumstances changed).
6. *Use and take-up of a service* (unless the title names a result for people: feel, safe,
   control, quality of life, losing weight, achieving, good or outstanding):
   direct payments, self-directed support, home care, care packages, school meals,
   "take-up of" a service -> output; people "using", "accessing", "attending", "involved
   in" or "engagements with" a service, centre, website or programme -> output; visits,
   visitors or attendances at a named facility ("visits to libraries", "leisure centre
   attendances", not a share of people who visited, nor visitors to a town or A&E)
   -> output; something said to be done by the council ("with help from the Council",
   "given advice and assistance", "enforcement actions"), new homes, and a title that
   starts with provide/offer/run... -> output; a title that starts with another action
   ("Work with partners to ...", "Apply for ...") and names no result (rule 7's words)
   -> process. Also output: assessments of people (``assessments``), contacts or requests
   received (``received``), households in temporary accommodation
   (``temporary-accommodation``), empty homes returned to use (``returned-to-use``).
6b. *People in care and cases handled* (output): children looked after, people in placements
   or residential care, people receiving care or helped to live at home (``in-care``; not
   results for them: attainment, stability, offending, health, "not in residential care");
   cases prevented or relieved, transfers and exchanges, participation in a service, things
   done "through" a programme (``cases-handled``); a count of centres or facilities
   (``facility-count``).
7. *Outcome words*: rate, per 1,000, percentage of residents/people/pupils,
   satisfaction, life expectancy, mortality, conception, attainment, employment,
   prevalence, crime, emissions... -> outcome.
8. *Shape*: a numeric unit with every target equal to 1 and no direction -> process
   (a milestone met once: "1 = strategy adopted").
8b. *Undated step* (process, ``undated-action``): a title starting "Investigate", "Consider",
   "Scope", "Continue to"... that names no outcome word and no aim ("... to reduce ...").
9. Otherwise -> outcome (nothing in the wording suggests an activity; the inference errs
   towards not reporting, since a false "activity only" finding costs an officer time).
10. *Learned* (``learned``): where rule 9 would say outcome, or the only sign of an outcome
   is a weak outcome word (``outcome-words``, asked with a higher threshold), and no hard outcome
   trap is in the title (perceptions, rates, crimes, pollution...; see ``_OUTCOME_GUARDS``), a
   small logistic regression over the title's words (``plancheck/activity_model.py``, learnt from
   the labelled real council titles) says output or process when its probability of an activity
   is at least the threshold for that rule. A soft trap (``_SOFT_GUARDS``: results for people, a
   time window on people, an aim after "to", jobs, tourism...) stops the model in a title worded
   as a measure, and only raises its threshold in a title worded as the council's own action
   ("To provide new sustainable homes", ``_ACTION_FORM``). Thresholds and soft traps were chosen
   by forward validation (train on the older labelled sets, score the next). Its reason names
   the two or three words that weighed most.

A measure's ``kind:`` in the plan, then the ``kind`` of the catalogue indicator it
measures (by code, or by a title that names it), come before these rules (see
``plancheck/checks/measures.py: kinds``).

Accuracy on labelled council measure titles is in ``evaluation/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

OUTCOME, OUTPUT, PROCESS = "outcome", "output", "process"
ACTIVITY_KINDS = (OUTPUT, PROCESS)


@dataclass(frozen=True, slots=True)
class Guess:
    kind: str
    reason: str
    rule: str  # short id of the rule that decided, for tests and evaluation


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


# Verbs for handling a case or a request ("days to re-let", "time taken to clear").
_HANDLING_VERBS = (
    r"re-?let|let|process|determine|decide|deal|complete|clear|repair|respond|resolve|answer|pay|"
    r"assess|issue|remove|collect|fix|register|close|re-?house|approve|install|adapt|investigate|"
    r"inspect|visit|review|handle|acknowledge|allocate|reply|return calls"
)
# A time window on a change in people, not a time limit on a procedure: "smokers who have quit
# within 4 weeks", "re-offend within 12 months", "still at home 91 days after discharge".
_TIME_WINDOW_OUTCOME = _rx(
    r"\bquit\b|\bquitters?\b|re-?offend|re-?admi|readmi|\bstill\b|\bsustain|\bremain|"
    r"\breturn(?:ed|ing)? to\b|re\s*[-\u2013\u2014]?\s*referr|re-?registr|\bsurviv|\bdied\b|\bdeaths?\b|re-?present|"
    r"\bsuccessful|\bnot (?:contacted|returned|needed)\b|\bmortality\b|\bdie\b|\bdying\b|\brepeat\b"
)
_WITHIN_N = _rx(r"\bwithin \d+(?:\.\d+)?\s*(?:working\s+|calendar\s+)?(?:days?|weeks?|hours?|months?|minutes?)\b|"
                # "% of IA completed in 7 days", "applications in 8 weeks", "alterations 30 working
                # days": a handling time without "within" (days, weeks, hours; not months)
                r"\bin (?:under |less than )?\d+ (?:working |calendar )?(?:days|weeks|hours)\b|"
                r"\b\d+ working days\b")
# What residents think of how a procedure went is a perception, so an outcome: "satisfied with
# how their complaint was handled".
_PERCEPTION = _rx(r"\b(?:dis)?satisf|\bfeel|\bfelt\b|\bthink\b|\bsay\b|\bbelieve|\bperception|\bconfiden|"
                  r"\bagree that\b|\bwho (?:strongly )?agree\b|\bhappy\b|\bviews? (?:of|on)\b")
_PROCEDURE = [
    (_WITHIN_N, "a time limit for a procedure"),
    (_rx(r"\btimeliness\b|\bon time\b|\btime taken\b(?! to (?:travel|get|reach|walk))|"
         r"\bdays to (?:process|deal|decide|complete)\b|\bturnaround\b|"
         r"\bspeed of (?:processing|response|decisions?|answer)|\babandoned calls?\b|"
         r"\bawaiting (?:an? )?(?:[\w-]+ ){0,2}?(?:assessments?|decisions?|reviews?|allocation|adaptations?)\b"),
     "timeliness of a procedure"),
    (_rx(r"\bwithin (?:the )?(?:agreed |statutory |required |target |set |published |expected )*"
         r"(?:timescales?|timeframes?|time ?limits?|deadlines?|targets?|standards?)\b|"
         # "within government time limits", "within the agreed service timescale"
         r"\bwithin (?:the )?(?:[\w-]+ ){1,2}?(?:timescales?|timeframes?|time ?limits?|deadlines?)\b"),
     "a time limit for a procedure"),
    # "average number of days to re-let", "weeks to determine", "response time": how fast
    # the organisation handles work, not a state of residents ("time spent in" is not here).
    (_rx(rf"\b(?:days?|weeks?|hours?|minutes?|months?|time)\s+(?:taken\s+)?to\s+(?:{_HANDLING_VERBS})\b|"
         r"\b(?:response|wait(?:ing)?|queue|answer(?:ing)?|processing|decision|clearance|repair) times?\b|"
         r"\bwait(?:ing)?(?: times?)? for (?:an? |the )?(?:[\w-]+ ){0,2}?(?:packages?|assessments?|services?|"
         r"equipment|adaptations?|repairs?|appointments?|decisions?)\b"),
     "timeliness of a procedure"),
    (_rx(r"\b(?:processed|processing of|responded to|answered|dealt with|handled|signposted|re-?let)\b"),
     "work handled by the organisation"),
    # Cases through a procedure: applications decided, appeals upheld, complaints closed.
    # (A count of complaints alone stays an outcome: a proxy for dissatisfaction.)
    (_rx(r"\b(?:applications?|appeals?|claims?|requests?)\b[^.;]{0,60}?\b(?:determined|decided|upheld|"
         r"allowed|dismissed|approved|refused|cleared|resolved|actioned|successful|won|lost)\b|"
         r"\bcomplaints?\b[^.;]{0,40}?\b(?:closed|resolved|escalated|acknowledged|investigated)\b|\bescalation\b|"
         r"\b(?:calls?|contacts?|interactions?|enquiries|queries)\b[^.;]{0,40}?\b(?:routed|resolved|"
         r"abandoned|transferred)\b"),
     "cases handled through a procedure"),
    # Progress of the organisation's own plan: "audit recommendations implemented", "key actions
    # on track".
    (_rx(r"\b(?:recommendations|actions|milestones|projects|plans)\b(?: [\w-]+){0,3}? (?:implemented|on track|"
         r"on schedule|completed|achieved)\b"),
     "progress of the organisation's own actions"),
    (_rx(r"\bright first time\b|\bfirst time fix|\bbacklogs?\b|\bwork items?\b|\bolder than \d+ "
         r"(?:working )?days\b|\boutstanding (?:[\w-]+ ){0,2}?(?:cases|applications|claims|requests|repairs)\b|"
         r"\b(?:average )?time (?:per|for) (?:[\w-]+ ){0,3}?(?:applications?|cases?|claims?|requests?)\b|"
         # "days from application to decision", "time between entering care and placement"
         r"\b(?:time|days|weeks) (?:from|between) (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:application|referral|"
         r"receipt|request|enquiry|notification|entering care)\b|\bvoids?\b|\bvoid (?:properties|loss)\b"),
     "how work is handled and cleared"),
    # Reviews the service carries out; "risk reviewed" by a partnership is still a review.
    (_rx(r"\breviewed\b|\breviews? (?:completed|carried out|undertaken)\b|\bcompleted (?:[\w-]+ ){0,3}reviews?\b"),
     "reviews carried out (a procedure)"),
    (_rx(r"\bfirst point of contact\b|\bavoidable contact\b|\b(?:missed|failed) (?:[\w-]+ ){0,3}?collections?\b"),
     "the efficiency of a service procedure"),
    (_rx(r"\bsickness absence\b|\bappraisals?\b|\baudit opinion\b|\bbalanced budget\b|\bterms of reference\b|"
         r"\bperformance (?:and )?development reviews?\b|\bstaff turnover\b|\bworking days lost\b|"
         r"\bper fte\b|\bagency staff\b"),
     "internal management of the organisation"),
    (_rx(r"\baccreditation\b|\bimpact assessments?\b|\bcharter ?mark\b|\binvestors in people\b|"
         r"\bcustomer service excellence\b"),
     "an accreditation or assessment the organisation holds"),
    # Not "meeting" as a verb ("homes meeting the Decent Homes Standard" is a state of the place).
    (_rx(r"\bmeetings\b|\bmeeting (?:held|attended|convened)\b|\b(?:board|committee|team|partnership|tasking|"
         r"review|multi-agency|strategy|case|planning|liaison|steering|group|network|forum) meeting\b"),
     "meetings held"),
    (_rx(r"\b(?:up-to-date|approved|agreed|completed)\s+(?:[\w'-]+\s+){0,3}(?:plans?|strateg(?:y|ies))\b"),
     "plans in place (a procedure)"),
    (_rx(r"\b(?:rent|tax|rates|debts?|income|fees?)\b[^.]*\bcollected\b|\bcollection rates?\b"),
     "collection performance"),
    (_rx(r"^planning to\b"), "progress through a planning process"),
]

# Rules of the fourth round, each its own rule id: (pattern, kind, why, rule id, outcome trap).
# A judgement on what was inspected or done ("inspections graded A or B", "premises broadly
# compliant") is a state of the place, not the work.
_JUDGED = _rx(r"\bgraded\b|\brated\b|\bcompliant\b|\bcompliance\b|\bpass(?:ed|es)?\b|\bfailed\b|"
              r"\bsatisfactory\b|\bscor(?:e|ed|ing)\b|\bfound\b|\bstar\b")
_EARLY_PROCESS = [
    # Work done in time or first time: "repairs completed in time", "fixed first time".
    (_rx(r"\b(?:completed|fixed|done|carried out|attended|resolved|repaired|answered|paid|delivered)\s+"
         r"(?:in|on|within)\s+(?:the\s+)?(?:time|target|timescales?|deadline)\b|"
         r"\b(?:fixed|resolved|completed|repaired|done)\s+(?:at the |on the |right )?first (?:time|visit|attempt)\b"),
     "work done in time or first time", "in-time", None),
    # Inspections and checks carried out (a programme of the service's own work, process by the
    # labelling rules), not what they found.
    (_rx(r"\b(?:inspections?|checks?|audits?)\b[^.;]{0,40}?\b(?:completed|carried out|undertaken|"
         r"conducted|done)\b|\b(?:programmed|planned|scheduled) (?:[\w-]+ ){0,2}?(?:inspections|checks|visits)\b|"
         r"\b(?:premises|properties|sites|businesses|establishments|dwellings|hmos)\b (?:[\w-]+ ){0,2}?inspected\b"),
     "inspections or checks carried out", "inspections-done",
     # children's health checks done are counted as results for the children (like NI 63)
     _rx(_JUDGED.pattern + r"|\blooked[- ]after|\blac\b|\bchildren in care\b")),
    # Paying the council's bills and chasing its invoices.
    (_rx(r"\binvoices?\b|\bcreditors?\b[^.;]{0,30}?\bpaid\b"), "payment of invoices", "invoices", None),
    # A share of waste or bins collected is the collection round done (not tonnes, recycling,
    # per head or landfill, which are the place's waste).
    (_rx(r"^(?:%|percentage|percent|proportion|share) of (?:[\w-]+ ){0,2}?(?:waste|refuse|bins?|collections?)\b"
         r"(?: [\w-]+){0,2}? (?:collected|emptied|completed)\b"),
     "collection rounds done", "waste-collected",
     _rx(r"\bper (?:head|household|person)|\bkg\b|\btonnes?\b|\brecycl|\bcompost|\blandfill|\bre-?used?\b|"
         r"\bresidual\b|\bsent (?:to|for)\b")),
]
# Labels that read like a verb and a count: "Stage 1 complaints", "Phase 2 sites".
_LABEL_NUMBER = _rx(r"^(?:stage|phase|tier|level|step|band|grade|type|class|category|priority)\s+\d[a-z]?\b"
                    r"(?!\s+(?:events?|shows?|festivals?|performances?|concerts?)\b)")
# Awards a place holds (Green Flag, Blue Flag): the state of the place, an outcome by the labelling
# rules even with a yes/no unit; applying for one is still an action.
_PLACE_AWARD = _rx(r"\b(?:green|blue|purple) flags?\b|\bseaside awards?\b|\bquality coast\b|\bbeach awards?\b|"
                   r"\bfair ?trade (?:status|town|city|borough|district|county)\b")
# Counts of service work the labelling rules call output: assessments of people, contacts
# received, households in temporary accommodation, empty homes returned to use.
_ASSESSMENTS = _rx(r"^(?:(?:the )?(?:total )?(?:number|no\.?) of )?(?:[\w'-]+ ){0,2}?assessments?\b"
                   r"(?! (?:in place|framework|of (?:need|the|our|council|housing need)))|"
                   r"\bassessments? (?:carried out|completed|undertaken|conducted|made)\b")
_ASSESSMENTS_TRAP = _rx(r"\bteacher|\bkey stage|\bpupils?\b|\bfoundation stage|\beyfs\b|\battain|\bachiev|"
                        r"\blevel \d|\bhealth\b|\bdental|\bimpact|\brisk\b|\bstock condition|\bself[- ]assess|"
                        r"\bup[- ]to[- ]date\b|\bwithin\b")
_RECEIVED = _rx(r"\b(?:contacts?|enquiries|calls|applications|requests)\s+(?:[\w-]+\s+)?received\b")
_TEMP_ACCOMMODATION = _rx(r"\btemporary accommodation\b|\bbed (?:and|&) breakfast\b|\bb ?& ?b\b|\bhostels?\b")
_TEMP_ACCOMMODATION_COUNT = _rx(r"\bhouseholds?\b|\bfamilies\b|\bpeople\b|\bpersons\b|\bchildren\b|"
                                r"\bapplicants\b|^(?:the )?(?:number|no\.?) of\b|\bplacements?\b|\buse of\b")
# Leaving temporary accommodation well is a result for the household.
_MOVED_ON = _rx(r"\bmov(?:e|ed|ing) on\b|\bpositive|\bsustain|\bsettled\b|\bleft\b|\bleaving\b")
_RETURNED_TO_USE = _rx(r"\b(?:empty|vacant|void|derelict|disused)\b[^.;]{0,40}?\b(?:returned|brought|bring|back)\b"
                       r"[^.;]{0,20}?\b(?:in)?to (?:use|occupation)\b")

# How the organisation runs, counted in money, cases or standards (the labelling rules call these
# process). Each: (pattern, why, rule id, outcome trap or None).
_ORGANISATION = [
    # Unit costs and efficiency: "Cost per library visit", "Unit cost of home care", "Cost of
    # economic development per 1,000 population". Not what residents pay ("cost of living",
    # "fuel costs", "housing costs as a share of income").
    (_rx(r"\bunit costs?\b|\bcosts? per\b|^(?:the )?(?:average |gross |net |total )*costs? of\b|"
         r"\bcosts? of [\w\s&'’\"-]{1,60}? per\b|\bexpenditure per\b|\befficiency savings?\b|"
         r"\b(?:cashable|budget|financial) savings?\b|\bvalue for money\b|"
         r"\b(?:running|support services?|overhead|administration|management|back office) costs?\b|"
         r"^(?:gross |net |total )?(?:spend|spending|expenditure)\b|\bexpenditure (?:on|per)\b"),
     "the cost or efficiency of a service", "cost",
     _rx(r"\bcost of living\b|\b(?:housing|fuel|energy|heating|childcare|travel|transport) costs?\b|"
         r"\baffordab|\bhouse prices?\b|\bbills?\b|\bfares?\b|\bearnings\b|\bincomes?\b|"
         r"\bcost of (?:a |an )?(?:home|house|property|flat)\b|\b(?:visitor|tourism|tourist|household) spend|\bspend(?:ing)? by (?:visitors|tourists)|"
         r"\bconsumer")),
    # Spending against budget: "Variation on budget - General Fund", "expenditure against budget",
    # overspends; procurement spend is the council's own purchasing.
    (_rx(r"\b(?:variations?|variances?|deviations?) (?:on|from|against|to) (?:the )?budget|"
         r"\bbudget (?:variances?|variations?|monitoring|position|outturn|forecast)\b|"
         r"\b(?:spend|spending|expenditure|outturn)\b[^.;]{0,50}?\b(?:against|within|versus|vs\.?|"
         r"compared (?:to|with)|as (?:an? )?(?:%|percentage|proportion) of) (?:the )?(?:[\w-]+ )?budgets?\b|"
         r"\b(?:within|on|under|over) budget\b|"
         r"\b(?:over|under)spends?\b|\bvariances?\b(?! (?:in|between|of))|"
         r"\bincome (?:generated|raised|achieved|from (?:fees|charges|commercial|rents?|lettings|car parks?|parking))\b|"
         r"\bcommercial income\b|\bprocurement (?:spend|spent|expenditure|budget)|\bof procurement\b"),
     "spending against budget (financial control)", "budget", None),
    # Collection of money due: council tax, business rates, rent, arrears, write-offs.
    (_rx(r"\barrears\b|\bwrit(?:e|ten)[- ]?offs?\b|\brent lost\b|\baged debts?\b|\bsundry debts?\b|"
         r"\bdebts? (?:over|older than) \d+ days\b|"
         r"\b(?:council tax|business rates|non-domestic rates|nndr|rents?|service charges?|sundry debts?)\b"
         r"[^.;]{0,60}?\b(?:collected|received|due|recovered|collection)\b"),
     "collection of money due to the council", "collection", _rx(r"\bevict|\bsustain")),
    # Case work: cases allocated to a worker, case conferences held or attended, referrals
    # received, care plans or PEPs in place.
    (_rx(r"\b(?:cases?|referrals?)\b[^.;]{0,40}?\ballocated\b|\ballocated (?:an? )?(?:[\w-]+ ){0,3}?"
         r"(?:worker|keyworker|caseworker|officer|lead professional)\b|"
         r"\b(?:case|child protection|cp|initial|review|transfer-in) (?:case )?conferences?\b|"
         r"\bconferences? (?:held|attended|convened)\b|\breferrals?\b[^.;]{0,40}?\breceived\b|"
         r"\b(?:have|has|with) (?:an? |up[- ]to[- ]date )?(?:[\w-]+ ){0,3}?plans?\b|"
         r"\b(?:plans?|peps?|assessments?|arrangements) in place\b|^peps?\b"),
     "case work handled by the service", "casework", None),
    # Standards the organisation conforms to, like NI 35's self-assessment: "the level of the
    # Equality Standard to which the authority conforms", "compliance with the authority's
    # Welsh language scheme".
    (_rx(r"\b(?:equality|race equality|welsh language|language) (?:standard|scheme|framework)\b|"
         r"\bstandard for local government\b|\bconforms?\b|"
         r"\bcompliance with (?:the |its |our )?(?:authority|council)|"
         r"\b(?:standard|accreditation|award|status) (?:retained|achieved|maintained|renewed|gained)\b"),
     "a standard the organisation meets (like a self-assessment)", "standard",
     _rx(r"\bgreen flag|\bblue flag|\bdecent homes|\bquality standard|\bbathing water|\bpupils?\b|\bstudents?\b")),
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
_VERB_COUNT = _rx(rf"^(?:{_ACTIVITY_VERBS}|pilot|construct)\s+(?:at least\s+|over\s+|up to\s+|a minimum of\s+|"
                  r"more than\s+|an additional\s+|a further\s+|a total of\s+|another\s+)?\d[\d,]*\b")

_MILESTONE_VERB = _rx(
    r"^(?:produce|publish|adopt|agree|approve|launch|complete|implement|review|establish|develop|"
    r"prepare|introduce|set up|open|refresh|update|commission|appoint|secure|draft|write|consult on|"
    r"deliver|achieve|undertake|carry out|begin|start|finalise|sign|roll out|put in place|create|"
    r"procure|restructure|integrate|merge|relocate|hold|pilot|commence|construct|redevelop|refurbish|"
    r"obtain|progress|submit|deliver)\b"
)
# "Housing Strategy 2011-16 adopted by Cabinet", "New waste contract procured and in place":
# a document, body or facility, then a participle saying it was produced or approved.
_PASSIVE_MILESTONE = _rx(
    r"\b(?:strateg(?:y|ies)|plans?|masterplan|polic(?:y|ies)|framework|charter|protocol|contracts?|"
    r"scheme|centre|center|hub|board|review|assessment|agreement|programme|compact|business case|"
    r"toolkit|website|system|facility|service|partnership|forum|action plan|bid|study|audit|"
    r"design|specification|pathway)\b[\w\s',&-]{0,60}?\b(?P<verb>adopted|agreed|approved|refreshed|published|"
    r"launched|completed|procured|opened|implemented|established|signed|commissioned|produced|"
    r"in place|ratified|endorsed|updated|submitted|set up|put in place|finalised)\b"
)
# Targets written as the milestone itself: "Complete", "Yes", "Adopted".
_MILESTONE_TARGET = _rx(
    r"^\s*(?:yes|y|complete|completed|achieved|adopted|agreed|approved|delivered|in place|launched|"
    r"published|opened|implemented|established|done|met)\s*\.?\s*$"
)
_MILESTONE_UNIT = _rx(r"^\s*(?:yes\s*/\s*no|y\s*/\s*n|milestones?|date|complete|completion)\s*$")
_NOT_A_THING = _rx(r"^(?:number|no\.?|percentage|percent|%|proportion|share|rate|satisf)")
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
    r"checked|tested|audited|investigated"
)
# "Affordable homes delivered each year": a thing, then what the service did to it.
_THINGS_DELIVERED = _rx(
    r"^(?:[\w'-]+\s+){1,4}(?:delivered|held|installed|built|planted|distributed|issued|completed|"
    r"provided|awarded|upgraded)\b"
)
_OUTPUT_PARTICIPLE_SHORT = (r"created|delivered|provided|funded|supported|given|offered|made|run|planted|"
                            r"built|started|assisted|helped|installed|organised")
_INTO_WORK = _rx(r"\b(?:into|in to) (?:work|employment|jobs?|training|education)\b")
_NUMBER_OF_DELIVERED = _rx(rf"\b(?:number|km|kilometres|miles|metres) of\b.*\b(?:{_OUTPUT_PARTICIPLE})\b")
_PEOPLE_HELPED = _rx(
    r"^(?:[\w'-]+\s+){0,4}(?:supported|assisted|helped|receiving|screened|trained|advised|engaged|"
    r"referred|housed|placed|enrolled|attending|assessed(?! as))\b"
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
_STATE_OF_PEOPLE = _rx(r"\bsuccessful(?:ly)?\b|\bas a proportion of\b|\breceiving [\w\s-]*benefits?\b|"
                       r"\b(?:properties|premises) receiving\b|\bbroadband\b|\bin (?:paid )?(?:employment|work)\b|"
                       r"\bpositive\b|\blos(?:e|ing|t) (?:any )?weight\b|\bquit\b")
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
# A code before the title ("NI 57 - ", "NI102b ", "BV 117 ", "1C(1) ", "TC01 "): set aside so
# that rules reading the start of a title see its first word. Case-sensitive; not CO2 or PM10.
_LEADING_CODE = re.compile(r"^(?!(?:CO2|NO2|NOX|PM\d)\b)(?:[A-Z]{1,5}\s?\d{1,4}[a-z]?|[A-Z][a-z]{2,4}\d{1,3}[a-z]?|"
                           r"\d{1,2}[A-Z])(?:\(\w+\))*"
                           r"\s*(?:[:\-\u2013\u2014.]\s*|\s)")

# Results for people or the place, which keep a count of service users an outcome: "who feel
# safe", "have control over their daily life", "losing weight", "quality of life".
_RESULT_FOR_PEOPLE = _rx(
    r"\bfeel|\bfelt\b|\bsatisf|\bcontrol\b|\bquality of life\b|\bsay\b|\bsafe\b|\bsuccessful|\bpositive\b|"
    r"\blos(?:e|ing|t) (?:any )?weight\b|\bquit|\bstill\b|\bno (?:ongoing|further)\b|\bprevent|"
    r"\bgap\b|\battain|\bachiev|\bsurviv|\bextent\b|\boutcomes?\b|\bexperience\b|\bneeds? met\b|"
    r"\bgood or outstanding\b|\brated\b|\breduced\b|\b\d+ (?:days|weeks|months) later\b|\bnot contacted\b|"
    r"\bno package\b|\blive independently\b|\bindependent living\b"
)
# Take-up or mode of a service (the labelling rules count these as outputs): direct payments,
# self-directed support, personal budgets, home care, care packages, school meals.
_SERVICE_MODE = _rx(
    r"\bdirect payments?\b|\bself[- ]directed support\b|\bsds\b|\bpersonal (?:health )?budgets?\b|"
    r"\bindividual budgets?\b|\bhome ?care\b|\bdomiciliary care\b|\bpackages? of care\b|\bcare packages?\b|"
    r"\btelecare\b|\bmeals on wheels\b|\b(?:take|takes|taking) (?:free )?school (?:lunches|meals|dinners)\b|"
    # "take-up of" a service, not of a behaviour ("take up of physical activity" is an outcome)
    r"(?:\btake-?up|\buptake|\btake up) of (?!(?:[\w-]+ ){0,2}?(?:physical|sport|exercise|smoking|breastfe|"
    r"drugs?|alcohol|volunteer|benefits?|pension credit|tax credits?))"
)
# People or groups using a service or facility: "people using the community asset map
# webpages", "groups using council owned community centres", "engagements with library services".
_SERVICE_NOUN = (r"(?:web ?pages?|websites?|web ?site|portals?|apps?|services?|centres?|facilities|"
                 r"librar(?:y|ies)|pools?|leisure|hubs?|programmes?|sessions?|courses?|classes|clubs?|"
                 r"schemes?|provision)")
_SERVICE_USE = _rx(
    r"\b(?:using|use of|users of|accessing|involved in|attending|engagements? with|enrolled (?:in|on)|"
    r"signed up to|participants? (?:in|on|at|across)|participating in|taking part in)\s+(?:[\w'’&/-]+\s+){0,5}?"
    + _SERVICE_NOUN + r"\b"
)
# A count of visits or attendances at a facility or session. A share of people who visited
# ("% of adults who visited a museum") is participation, an outcome; visitors to a town or
# a place by its name are its economy, so a facility must be named.
_FACILITY = (r"(?:librar(?:y|ies)|centres?|museums?|galler(?:y|ies)|parks?|open spaces?|pools?|baths|"
             r"theatres?|leisure|facilit(?:y|ies)|venues?|sites?|halls?|attractions?|events?|sessions?|"
             r"classes|courses?|programmes?|clubs?|hubs?|gyms?|web ?sites?|web ?pages?|portals?)")
_VISITS = _rx(
    r"\b(?:visits?|visitors?|attendances?|admissions) (?:to|at|of) (?:[\w'’&/-]+ ){0,5}?" + _FACILITY + r"\b|"
    r"\bvisitor numbers\b|\b(?:library|book) (?:loans|issues|borrowers)\b|\bswims\b|\b" + _FACILITY + r"\s+(?:visits|visitors|attendances|admissions|usage|footfall|"
    r"users|members|memberships|registrations)\b"
)
_NOT_A_FACILITY = _rx(
    r"\bschools?\b|\bhospital|\ba ?& ?e\b|\bemergency\b|\bgp\b|\bwork\b|\brate\b|"
    r"\b(?:town|city|borough|district|county|area|region|country(?! parks?)|destination)\b|\btouris|\bovernight\b|"
    r"\bday visitors?\b"
)
# Something the council did, said outright: "with help from the Council", "created within the
# Council", "given advice and assistance".
_BY_THE_COUNCIL = _rx(
    r"\bwith (?:the )?(?:help|support|assistance|funding|grants?) (?:from|of) (?:the |our )?(?:council|authority)\b|"
    rf"\b(?:{_OUTPUT_PARTICIPLE_SHORT}) (?:by|within|through) (?:the |our )?(?:council|authority)\b|"
    r"\b(?:given|provided with|receiv\w*|offered) (?:[\w-]+ ){0,2}?(?:advice|assistance|information|guidance)\b|"
    r"\badvice and (?:support|assistance|guidance)\b|\b(?:was|were) (?:provided|offered|given)\b|"
    r"\benforcement actions?\b"
)
# People in a placement or receiving care, counted by the service: children looked after,
# "children in residential placements", "balance of care", "people receiving care at home",
# "helped to live at home" (PAF C29-C32). Not results for them (attainment, stability of
# placements, offending, health checks), which the trap below keeps outcomes.
_IN_CARE = _rx(
    r"\blooked[- ]after\b|\blac\b|\bchildren in care\b|\bbalance of care\b|"
    r"\bin (?:[\w-]+ ){0,2}?(?:placements?|residential (?:care|schools?|units?|homes?)|foster(?:ing)? care|"
    r"care homes?|nursing (?:care|homes?)|secure (?:units?|accommodation))\b|"
    r"\b(?:receiving|in receipt of) (?:[\w-]+ ){0,2}?(?:care|services?|support|reablement)\b|"
    r"\bsupported in (?:[\w-]+ ){0,2}?care\b|"
    r"\bhelped to live at home\b"
)
_IN_CARE_TRAP = _rx(
    r"\bgcses?\b|\bkey stage\b|\battain|\bachiev|\breach|\bqualif|\beducation|\bexam|\babsen|\bexclu|"
    r"\bemploy|\bneet\b|\boffend|\bconvict|\bcautions?\b|\bconcept|\bpregnan|\bmissing\b|"
    r"\bhealth (?:checks?|assessments?)|\bdental|\bimmunis|\bsubstance|\bstabil|\bmoves?\b|"
    r"\b(?:two|three|2|3) or more\b|\badmissions?\b|\bdelayed\b|\bbenefits?\b|\bleavers?\b|"
    r"\bhealth of\b|\bwell-?being\b|\bbehaviour|\bnot in\b|\badopted\b"
)
# Cases the service handles, and use of a service written as participation: "homelessness cases
# prevented", "tenants who transferred", "participation levels across our sports centres".
_CASES_HANDLED = _rx(
    r"\bcases?\b (?:[\w-]+ ){0,2}?(?:prevented|relieved)\b|\bhomelessness (?:prevention|relief)s?\b|"
    r"\bmutual exchanges?\b|\bhomelessness (?:was |is |has been |were )?(?:prevented|relieved)\b|"
    r"\bprevent(?:ed|ing)? (?:[\w-]+ ){0,2}?homelessness\b|\btenants?\b[^.;]{0,40}?\b(?:transferred|exchanged|re-?housed)\b|"
    r"\bparticipation (?:levels? )?(?:in|on|at|across) (?:[\w'’&/-]+ ){0,5}?" + _SERVICE_NOUN + r"\b|"
    r"\b(?:promoted|created|supported|assisted|helped|funded) through (?:the |our )?(?:[\w-]+ ){0,3}?"
    r"(?:activity|activities|programmes?|schemes?|services?|support|projects?|funds?|initiatives?|interventions?)\b"
)
# A count of facilities the council provides: "The number of Sure Start Centres".
_FACILITY_COUNT = _rx(
    r"^(?:the )?(?:total )?(?:number|no\.?) of (?:[\w'’-]+ ){0,3}?(?:centres|hubs|libraries|play ?areas|"
    r"allotments|facilities|pitches)\b(?! (?:visit|use|attend))"
)
_FACILITY_COUNT_TRAP = _rx(r"\bgreen flag|\bawards?\b|\bcontaminat|\bderelict|\bvacant|\bempty\b")
# New homes counted as built or provided: "New social housing", "Net additional homes provided".
_NEW_HOMES = _rx(r"^(?:(?:the )?(?:number|no\.?) of )?(?:net |gross )?(?:new|additional)\s+(?:[\w-]+\s+){0,2}"
                 r"(?:homes|housing|dwellings|houses)\b|"
                 r"\b(?:housing|homes?|dwellings?|affordable(?: housing| homes?)?) completions\b")
# An activity written as an instruction without a number: "Provide advice and support to
# local businesses", "Run holiday activity schemes".
_SERVICE_VERB = _rx(r"^(?:provide|offer|run|give|fund|host|organise|distribute|stage)\b")
# An action written as an instruction: "Work with partners to ...", "Apply for the Green Flag
# Award", "Explore options for ...". Taken as a milestone unless it names a result (outcome words);
# not "promote" or "encourage", which aim at a change in residents.
_ACTION_VERB = _rx(r"^(?:apply for|work with|work in partnership|explore|expand|invest in|"
                   r"embed|extend|transform|redesign|modernise|co-?ordinate|facilitate|enable|bring forward|"
                   r"engage with|lobby|campaign for|bid for|seek)\b")
# An undated step of finding out ("Investigate options for ...", "Scope a new portal"): process
# by the labelling rules, unless it says what it is for ("... to reduce ...").
_INQUIRY_VERB = _rx(r"^(?:investigate|consider|scope|identify|examine|evaluate|research|look (?:at|into)|"
                    r"assess (?:the )?(?:options|feasibility|potential|case)|map|prepare for|plan for|"
                    r"continue to)\b")
_AIMS_AT_CHANGE = _rx(r"\b(?:to|and|then) (?:further )?(?:reduce|increase|improve|raise|cut|lower|halve|narrow|"
                      r"tackle|prevent|minimise|maximise|eliminate|encourage|promote|enable|help|support)\b")
# Going to hospital or A&E is a health event, not use of a council service; nor is being at
# school or college ("young people attending college" is participation in education).
_HEALTH_EVENT = _rx(r"\bhospital|\ba ?& ?e\b|\bemergency\b")
_IN_EDUCATION = _rx(r"\battending (?:[\w-]+ ){0,3}?(?:schools?|colleges?|universit|sixth form)")
_SHARE_OF = _rx(r"^(?:%|percentage|percent|proportion|share)\b")
_PERCENT_UNIT = _rx(r"^\s*(?:%|percent|percentage)\s*$")
_OUTCOME_RATE = _rx(r"\brates?\b|\bper (?:1,?000|10,?000|100,?000|head|capita)\b")
# A measure written as a question ("How many children are in residential placements?", "What %
# of case conferences are attended ...?") says the same as "Number of ..." / "% of ...".
_QUESTION = [
    (_rx(r"^how many\s+"), "Number of "),
    (_rx(r"^what (?:is the )?(?:%|percentage|per cent|proportion)\s+(?:of\s+)?"), "% of "),
    (_rx(r"^what is (?:the )?"), ""),
]
MAX_TITLE = 500
_NUMERIC_UNITS = {"number", "count", "percent", "rate", "ratio", "score", "currency"}


def normalise_title(title: str) -> str:
    """The words the rules and the learned model read: the first MAX_TITLE characters, spaces
    collapsed, a leading code set aside and a question read as the statement it asks about."""
    # Only the first MAX_TITLE characters are looked at: titles are a line long, and some
    # patterns ("number of ... delivered") are quadratic on a title that repeats a phrase.
    text = " ".join((title or "")[:MAX_TITLE].split())
    text = _LEADING_CODE.sub("", text, count=1) or text
    for rx, plain in _QUESTION:
        if rx.match(text):
            text = rx.sub(plain, text, count=1).rstrip("?.: ") or text
            break
    return text


def classify(title: str, unit: str | None = None, direction: str | None = None,
             targets: Iterable[float | None] = (), target_texts: Iterable[str] = ()) -> Guess:
    """Infer the kind of one measure from its title, unit, direction and targets
    (``targets``: the numbers; ``target_texts``: targets written as words, e.g. "Complete"):
    the rules first, then, where they find nothing, the learned model (``plancheck.activity_model``)."""
    text = normalise_title(title)
    guess = classify_by_rules(title, unit, direction, targets, target_texts, text=text)
    if model_may_overrule(guess, text):
        return _ask_the_model(text, unit, guess.rule) or guess
    return guess


def classify_by_rules(title: str, unit: str | None = None, direction: str | None = None,
                      targets: Iterable[float | None] = (), target_texts: Iterable[str] = (),
                      *, text: str | None = None) -> Guess:
    """The rules alone (``classify`` without the learned model)."""
    targets = list(targets)
    if text is None:
        text = normalise_title(title)
    first_word = text.split(" ", 1)[0] if text else ""

    for rx, why in _PROCEDURE:
        m = rx.search(text)
        if m and not (rx is _WITHIN_N and _TIME_WINDOW_OUTCOME.search(text)) and not _PERCEPTION.search(text):
            return Guess(PROCESS, f"mentions '{m.group(0).strip()}': {why} (process)", "procedure")
    for rx, why, rule, trap in _ORGANISATION:
        m = rx.search(text)
        if m and not (trap and trap.search(text)) and not _PERCEPTION.search(text):
            return Guess(PROCESS, f"mentions '{m.group(0).strip()}': {why} (process)", rule)
    for rx, why, rule, trap in _EARLY_PROCESS:
        m = rx.search(text)
        if m and not (trap and trap.search(text)) and not _PERCEPTION.search(text):
            return Guess(PROCESS, f"mentions '{m.group(0).strip()}': {why} (process)", rule)
    m = _PLACE_AWARD.search(text)
    if m and not _ACTION_VERB.match(text):
        return Guess(OUTCOME, f"mentions '{m.group(0).strip()}': an award for the state of a place "
                              "(outcome)", "place-award")

    if _CHANGE_VERB.match(text) or _CHANGE_PHRASE.match(text) or _FEWER_MORE.match(text):
        m = _NUMBER_OF_DELIVERED.search(text)
        if (m or _service_output(text, unit)) and not _INTO_WORK.search(text):
            return Guess(OUTPUT, f"starts with '{first_word}' but what changes is a count of things "
                                 "delivered or of use of a service (output)", "change-of-output")
        return Guess(OUTCOME, f"starts with '{first_word}': a change to be achieved (outcome)", "change")

    m = _VERB_COUNT.match(text)
    if m and not _LABEL_NUMBER.match(text):
        return Guess(OUTPUT, f"starts with '{first_word}' and a number: a count of things "
                             "delivered (output)", "verb-count")

    if _MILESTONE_UNIT.match(unit or ""):
        return Guess(PROCESS, f"its unit is '{unit.strip()}': a milestone met once (process)", "milestone-unit")
    texts = [t for t in target_texts if t and t.strip()]
    if texts and not any(t is not None for t in targets) and all(_MILESTONE_TARGET.match(t) for t in texts):
        return Guess(PROCESS, f"its target is '{texts[0].strip()}': a milestone met once (process)",
                     "milestone-target")
    if _MILESTONE_VERB.match(text):
        doc = _DOCUMENT.search(text)
        named = f" and names a {doc.group(0).lower()}" if doc else ""
        return Guess(PROCESS, f"starts with '{first_word}'{named}: a milestone (process)", "milestone-verb")
    m = _BY_DATE.search(text)
    if m:
        return Guess(PROCESS, f"says '{m.group(0)}': a milestone met once (process)", "by-date")
    m = _PASSIVE_MILESTONE.search(text)
    if m and not _NOT_A_THING.match(text):
        return Guess(PROCESS, f"says the {m.group(0).split()[0].lower()} is '{m.group('verb').lower()}': "
                              "a milestone met once (process)", "passive-milestone")

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
    if (m and not _STATE_OF_PEOPLE.search(text) and not _RESULT_FOR_PEOPLE.search(text)
            and not _HEALTH_EVENT.search(text) and not _IN_EDUCATION.search(text)):
        word = m.group(0).split()[-1].lower()
        how = "a service" if word.endswith("ing") else "by a service"  # 'receiving a service', 'helped by a service'
        return Guess(OUTPUT, f"counts people '{word}' {how}, not a change in their circumstances (output)",
                     "people-helped")
    found = _service_output(text, unit)
    if found:
        words, why, rule = found
        return Guess(OUTPUT, f"mentions '{words}': {why} (output)", rule)
    m = _IN_CARE.search(text)
    if (m and not _IN_CARE_TRAP.search(text) and not _RESULT_FOR_PEOPLE.search(text)
            and not _STATE_OF_PEOPLE.search(text) and not _HEALTH_EVENT.search(text)):
        return Guess(OUTPUT, f"mentions '{m.group(0).strip()}': people in a placement or receiving care, "
                             "counted by the service (output)", "in-care")
    m = _CASES_HANDLED.search(text)
    if m and not _PERCEPTION.search(text):
        return Guess(OUTPUT, f"mentions '{m.group(0).strip()}': cases or use handled by a service "
                             "(output)", "cases-handled")
    m = _FACILITY_COUNT.match(text)
    if m and not _FACILITY_COUNT_TRAP.search(text):
        return Guess(OUTPUT, f"counts '{m.group(0).split()[-1].lower()}': facilities the council provides "
                             "(output)", "facility-count")
    for rx, why in _THROUGHPUT:
        m = rx.search(text)
        if m and not _STATE_OF_PEOPLE.search(text) and not _JUDGED.search(text) and not (_OUTCOME_WORDS.search(text) and not _COUNT_START.match(text)
                      and not m.group(0).lower().startswith(("visit", "in ", "fitted", "km", "screening"))):
            return Guess(OUTPUT, f"mentions '{m.group(0).strip()}': {why} (output)", "throughput")

    m = _OUTCOME_WORDS.search(text)
    if not m and _ACTION_VERB.match(text):
        return Guess(PROCESS, f"starts with '{first_word}': an action to take, not a result "
                              "(a milestone, process)", "action-verb")
    if not m and _INQUIRY_VERB.match(text) and not _AIMS_AT_CHANGE.search(text):
        return Guess(PROCESS, f"starts with '{first_word}': a step of finding out or carrying on, "
                              "not a result (process)", "undated-action")
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


# Outcome rules whose evidence is weak: no sign of an activity (``default``), or only a word such
# as "rate" or "percentage of" (``outcome-words``). There the learned model may say activity
# (which rules: chosen by cross-validation, evaluation/train_activity_model.py; the model file
# lists them too, and a test holds the two together).
_MAY_OVERRULE = frozenset({"default", "outcome-words"})


# The rules' general outcome traps, and a few for the learned model alone: words that mark a
# result for people or the place even in a title worded like a service ("who feel", "still at
# home", "successfully", "rate", "per 1,000"). Where a hard one (``_OUTCOME_GUARDS``) is found the
# learned model is not asked; the soft ones (``_SOFT_GUARDS``, eighth round) only stop it in a title
# worded as a measure.
# (The rules' narrower traps, each kept for one rule, such as those for people in care or for
# assessments, are not used here: they name words like "health" or "leavers" that mark
# activities in other titles.) The model's own traps: complaint counts (a proxy for
# dissatisfaction, by the labelling rules), people's behaviour ("people using illicit drugs"),
# jobs in the local economy (soft since the eighth round), time people spend somewhere, visitors
# to a place, pupils' results,
# admissions, casualties and deaths, evictions, contamination, exclusions, travel times, a step
# that names the change it aims at ("Encourage more people to ..."), stability of placements,
# people not in care or education, what an inspection found (compliant, graded), schools
# (attendance, pupils' results) and physical activity (a behaviour, not a service's take-up; soft);
# and (sixth round) rough sleeping, misuse, suitable homes, air quality, traffic and journeys, pay,
# crimes, taking part, people "whose" checks were done, anti-social behaviour and incidents,
# deprivation, places "showing an improvement", decent homes and the condition of things.
_MODEL_TRAPS = _rx(r"\bcomplain|\billicit\b|\busing (?:[\w-]+ ){0,2}?(?:drugs|alcohol|tobacco|substances|cannabis)\b|"
                   r"\btime spent\b|\blength of (?:stay|time)\b|"
                   r"\bvisitors? (?:to|in) (?:the )?(?:town|city|borough|district|county|area|region)\b|"
                   r"\bpupils?\b|\badmissions?\b|\bcasualt|\bfatalit|\bdeaths?\b|\binjur|\bevict|"
                   r"\bcontaminat|\bexclu(?:sion|ded)|\b(?:time|minutes) (?:taken )?to (?:travel|get|reach|walk)\b|"
                   r"\btravel time|^(?:encourage|promote|enable|inspire|empower)\b|\bstabil|\bnot in (?:[\w-]+ ){0,2}?"
                   r"(?:care|residential|education|employment)\b|\b(?:broadly )?compliant\b|\bgraded\b|\bsatisfactory\b|"
                   r"\bschools?\b|\bexercise\b|"
                   # sixth round, where the model is asked on outcome words too: people sleeping
                   # rough, misuse by a group, people in suitable homes, the air, traffic and
                   # journeys made, residents' pay
                   r"\bsleep(?:ing|s)? rough\b|\brough sleep|\bmisuse (?:by|among|amongst)\b|"
                   r"\bin suitable (?:accommodation|housing|homes?)\b|\bpollut|\bair quality\b|"
                   r"\b(?:nitrogen|sulphur|carbon) (?:di)?oxide\b|\bconcentrations?\b|\bparticulate|"
                   r"\bcongest|\bmileage\b|\btraffic (?:volumes?|flows?|levels?)\b|\bjourneys?\b|"
                   r"\bpassengers?\b|\bearnings\b|\bwages?\b|\b(?:gross|median|mean|average) "
                   r"(?:[\w-]+ ){0,2}?(?:pay|income)\b|"
                   # crimes counted (a state of the place, "Number of domestic burglaries")
                   r"\bburglar|\bcrimes?\b|\brobber(?:y|ies)\b|\btheft|\bassaults?\b|"
                   r"\bvandal|\bshoplift|\b(?:re-?)?offending\b|"
                   # people taking part (a behaviour), people "whose" checks or plans were done
                   r"\btak(?:e|es|ing|en) part\b|\bparticipat\w* in (?:[\w-]+ ){0,2}?(?:sports?|arts?|cultur\w*|activit\w*)\b|"
                   r"\bwhose\b|"
                   # anti-social behaviour and incidents reported, deprivation, places "showing an
                   # improvement" (the state of the place)
                   r"\banti-?social\b|\bincidents? (?:of|reported)\b|\bdepriv|"
                   r"\bshowing (?:an? )?(?:improvement|increase|reduction|fall|rise)\b|"
                   # the state of homes and of the place ("% decent council homes", "condition")
                   r"\b(?:non-?)?decent\b|\bcondition\b")
# Model traps made soft in the eighth round (see _SOFT_GUARDS): jobs, tourism, physical activity.
_SOFT_MODEL_TRAPS = _rx(r"\bjobs?\b|\btouris|\bphysical(?:ly)? activ")
_MONEY_AND_STANDARDS = frozenset({"cost", "budget", "standard"})
# Hard traps: where one is found the model is not asked.
_OUTCOME_GUARDS = (_PERCEPTION, _STATE_OF_PEOPLE, _HEALTH_EVENT,
                   _IN_EDUCATION, _INTO_WORK, _OUTCOME_RATE, _PLACE_AWARD,
                   # visits the rules set aside (a share of people who visited, visitors to a town)
                   _VISITS, _MODEL_TRAPS)
# Soft traps (eighth round): where one is found the model is still asked, but must be at least as
# sure as ``trap_threshold`` in the model file. These are the guards that, in forward validation
# (train on sets 1..k, score set k+1, k = 4, 5, 6; evaluation/README.md, "eighth round"), stopped
# at least two more activities than outcomes among the titles the model would otherwise have
# called activities, and more activities than outcomes in leave-one-set-out CV too: results for
# people ("safe", "prevent", "achieve", "outcomes"), time windows on people ("sustain", "still",
# "successful"), moving on ("positive", "settled"), aims after "to" ("... to improve ..."), what
# residents pay and the standard of their homes (the traps of the rules for the council's costs
# and standards), the facility-count trap (empty, vacant, awards), jobs, tourism and physical
# activity. Real council titles that name these words are often the council's own work ("To
# provide new sustainable homes", "To promote jobs through the Business Boost Programme").
_SOFT_GUARDS = (_TIME_WINDOW_OUTCOME, _RESULT_FOR_PEOPLE, _MOVED_ON, _AIMS_AT_CHANGE, _FACILITY_COUNT_TRAP,
                _SOFT_MODEL_TRAPS,
                *(trap for _, _, rule, trap in _ORGANISATION if trap is not None and rule in _MONEY_AND_STANDARDS))


# Words that look like an outcome trap but name a service's own work (seventh round; each a word
# class, weighed by leave-one-set-out CV): the rate of a service's handling ("answer rate",
# "collection rate", "compliance rate", "error rate", "missed per 100,000 collections") and
# business or domestic rates (a tax); representations and representatives (objections made to
# the council, people sent to a meeting; not re-presentations at hospital); registering births
# and deaths; and affordable homes built or provided (not what residents pay). Set aside before
# the traps are read, for the learned model only; the rules read the title as it is.
_NOT_A_TRAP = _rx(r"\b(?:answer|response|collection|compliance|error|discount|business|domestic|nndr|non-domestic) rates?\b|"
                  r"\bper (?:1,?000|10,?000|100,?000) (?:collections|calls|transactions|applications|requests|cases)\b|"
                  r"\brepresent(?:ations?|atives?)\b|"
                  r"\b(?:still-?births?|births?|deaths?) (?:registrations?|registered|declarations?)\b|"
                  r"\baffordable (?:homes?|housing|units?|dwellings?|properties)\b")
# A commitment of the council ("We will work in partnership to improve ...", "Continue to ...")
# names its own work; the aim after "to" does not make it an outcome (``_AIMS_AT_CHANGE`` only).
_COMMITMENT = _rx(r"^(?:we will|we'll|we want to|we are going to|we aim to|continue to)\b")


def model_may_overrule(guess: Guess, text: str, rules: frozenset[str] = _MAY_OVERRULE) -> bool:
    """Whether the learned model is asked about a title the rules called ``guess``: only an
    outcome from one of ``rules`` (weak evidence), with none of the hard outcome traps
    (``_OUTCOME_GUARDS``) in the (normalised) title, nor a soft one (``_SOFT_GUARDS``) unless the
    title is worded as an action (``_ACTION_FORM``), once words that only look like traps
    (``_NOT_A_TRAP``) are set aside."""
    if guess.kind != OUTCOME or guess.rule not in rules:
        return False
    read = _NOT_A_TRAP.sub(" ", text)
    if any(rx.search(read) for rx in _OUTCOME_GUARDS):
        return False
    return bool(_ACTION_FORM.match(read)) or not _soft_trap_in(read)


def _soft_trap_in(read: str) -> bool:
    commitment = bool(_COMMITMENT.search(read))
    return any(rx.search(read) for rx in _SOFT_GUARDS if not (commitment and rx is _AIMS_AT_CHANGE))


# A title worded as the council's own action or commitment (eighth round): "To provide ...", "We
# will ...", "Ensure ...", "Supporting ...", "Work to secure ...". There a trap word names what the
# action aims at ("To provide new sustainable homes"), so the traps of ``_SOFT_GUARDS`` only raise
# the model's threshold; in a title worded as a measure ("Net additional jobs created", "Mortality
# in 30 days of a heart attack") the trap word names what is measured and still stops the model.
_ACTION_FORM = _rx(
    r"^(?:to [a-z]+|we\b|our (?:aim|ambition|priority|commitment) is to\b|"
    r"(?:continu|ensur|support|work|deliver|provid|driv|generat|promot|encourag|enabl|develop|secur|target|"
    r"help|enhanc|protect|manag|maximis|invest|build|creat|improv|increas|reduc|tackl|establish|implement|"
    r"introduc|launch|expand|extend|strengthen|engag|facilitat|lead|champion|campaign|lobby|seek|"
    r"explor|review|embed|transform|shap|offer|run|fund|ma[kd]|bring|attract|grow|boost|unlock|"
    r"regenerat|revitalis)(?:e|es|ed|ing|s)?\b)"
)


def softly_trapped(text: str) -> bool:
    """Whether a soft outcome trap (``_SOFT_GUARDS``) is in a (normalised) title worded as an
    action or commitment (``_ACTION_FORM``), once words that only look like traps are set aside;
    a commitment ("We will ...") is not held by an aim after "to" (``_AIMS_AT_CHANGE``)."""
    read = _NOT_A_TRAP.sub(" ", text)
    return bool(_ACTION_FORM.match(read)) and _soft_trap_in(read)


def model_threshold(model: dict, rule: str, text: str) -> float:
    """The probability of an activity the model must reach to overrule ``rule`` on ``text``: the
    rule's threshold, raised to ``trap_threshold`` where a soft outcome trap is in the title."""
    threshold = model["thresholds"][rule]
    if softly_trapped(text):
        threshold = max(threshold, model["trap_threshold"])
    return threshold


def _ask_the_model(text: str, unit: str | None, rule: str = "default") -> Guess | None:
    """An activity Guess when the learned model is at least as sure as its threshold for the
    rule that said outcome (higher where that rule found outcome words or a soft trap is in the
    title), else None."""
    from plancheck import activity_model  # imported on first use; the model is read once

    model = activity_model.load()
    op = activity_model.opinion(text, unit, model)
    if op.p_activity < model_threshold(model, rule, text):
        return None
    named = ", ".join(f"'{w}'" for w in op.words) or "its wording as a whole"
    what = ("a count of what the service delivers (output)" if op.kind == OUTPUT
            else "a step or procedure of the organisation (process)")
    return Guess(op.kind, f"worded like the measures of activity in council plans ({named}): {what}, "
                          "not a change in residents or the place", "learned")


def _service_output(text: str, unit: str | None) -> tuple[str, str, str] | None:
    """(words, why, rule) when the title counts use, take-up or delivery of a service."""
    if _RESULT_FOR_PEOPLE.search(text) or _HEALTH_EVENT.search(text):
        return None
    m = _SERVICE_MODE.search(text)
    if m:
        return m.group(0), "take-up or mode of a service", "service-take-up"
    m = _SERVICE_USE.search(text)
    if m:
        return m.group(0), "people using a service or facility", "service-use"
    m = _VISITS.search(text)
    if (m and not _NOT_A_FACILITY.search(text) and not _SHARE_OF.match(text)
            and not _PERCENT_UNIT.match(unit or "")):
        return m.group(0), "a count of visits to or attendances at a facility", "visits"
    m = _BY_THE_COUNCIL.search(text) or _NEW_HOMES.search(text) or _SERVICE_VERB.match(text)
    if m and not _OUTCOME_RATE.search(text):
        return m.group(0), "something the council delivers", "delivered"
    m = _ASSESSMENTS.search(text)
    if m and not _ASSESSMENTS_TRAP.search(text):
        return m.group(0), "assessments of people carried out by a service", "assessments"
    m = _RECEIVED.search(text)
    if m and not _PERCEPTION.search(text):
        return m.group(0), "contacts or requests a service received", "received"
    m = _TEMP_ACCOMMODATION.search(text)
    if m and _TEMP_ACCOMMODATION_COUNT.search(text) and not _MOVED_ON.search(text):
        return m.group(0), "households placed in temporary accommodation by the council", "temporary-accommodation"
    m = _RETURNED_TO_USE.search(text)
    if m:
        return m.group(0), "empty homes returned to use", "returned-to-use"
    return None


def classify_measure(measure) -> Guess:
    """Classify a :class:`plancheck.model.Measure` (its stated ``kind`` is not consulted)."""
    numbers = [t.value.number for t in measure.targets if t.value.status == "number"]
    texts = tuple(t.value.raw for t in measure.targets if t.value.status == "text")
    return _classify_once(measure.title, measure.unit, measure.direction, target_shape(numbers), texts)


def target_shape(numbers) -> tuple:
    """All that :func:`classify` reads of the target numbers: whether there is one, and
    whether every one is 1. Measures with the same title and unit then share one answer
    (a rule that reads more of the numbers must change this too: a test holds the two together)."""
    present = [n for n in numbers if n is not None]
    if not present:
        return ()
    return (1,) if all(n == 1 for n in present) else (0,)


@lru_cache(maxsize=1 << 15)
def _classify_once(title, unit, direction, shape: tuple, texts: tuple) -> Guess:
    # The same titles recur in every area of a many-area run (national indicators).
    return classify(title, unit, direction, shape, texts)


def is_activity(kind: str | None) -> bool:
    return kind in ACTIVITY_KINDS
