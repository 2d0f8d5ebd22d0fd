"""The measure-kind classifier: each rule on real council measure titles, and its reasons."""

from __future__ import annotations

import csv

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.classify import classify, classify_by_rules, classify_measure, target_shape
from plancheck.model import Measure, Source, Target, Value


@pytest.mark.parametrize("title, unit, kind, rule", [
    # procedure: timeliness and internal management
    ("Percentage of complaints responded to within 10 working days", "percent", "process", "procedure"),
    ("Average time taken to process Housing Benefit new claims", "number", "process", "procedure"),
    ("Percentage of staff receiving an annual appraisal", "percent", "process", "procedure"),
    ("Number of Community Safety Partnership tasking meetings held", "number", "process", "procedure"),
    ("Achieve Customer Service Excellence accreditation by March 2012", None, "process", "procedure"),
    # change verbs are outcomes, even with "deliver"
    ("Reduce the number of deliberate primary fires", "number", "outcome", "change"),
    ("Deliver a 10% reduction in CO2 emissions per capita", "percent", "outcome", "change"),
    ("Fewer people are victims of violent crime", None, "outcome", "change"),
    ("Increase the number of sports sessions delivered", "number", "output", "change-of-output"),
    # activity verb and a count
    ("Hold 12 festival and carnival events each year", "number", "output", "verb-count"),
    ("Distribute 5,000 fruit and vegetable vouchers to low-income families", None, "output", "verb-count"),
    # milestones
    ("Produce a cultural strategy for Luton", "number", "process", "milestone-verb"),
    ("Open the National Carnival Arts Centre", "number", "process", "milestone-verb"),
    ("Homelessness strategy in place by March 2009", None, "process", "by-date"),
    # counts of delivery
    ("Number of arts development sessions delivered", "number", "output", "number-delivered"),
    ("Affordable homes delivered each year", "number", "output", "things-delivered"),
    ("Households helped with central heating or insulation through the Cosy Rosy scheme", "number",
     "output", "people-helped"),
    ("Drug users in effective treatment", "number", "output", "throughput"),
    ("Number of people helped into work", "number", "outcome", "into-work"),
    # outcomes
    ("Under 18 conception rate (per 1,000 girls aged 15-17)", "rate", "outcome", "outcome-words"),
    ("Percentage of residents satisfied with the local environment", "percent", "outcome", "outcome-words"),
    ("Male life expectancy at birth", "years", "outcome", "outcome-words"),
    ("Successful completions of drug treatment as a proportion of all adults in treatment", "percent",
     "outcome", "outcome-words"),
    # households placed in temporary accommodation are counted as output (labelling rules)
    ("Households living in temporary accommodation", "number", "output", "temporary-accommodation"),
])
def test_rules(title, unit, kind, rule):
    guess = classify(title, unit)
    assert (guess.kind, guess.rule) == (kind, rule)
    assert guess.reason and kind in guess.reason


@pytest.mark.parametrize("title, unit, kind, rule", [
    # milestones written in the passive, anywhere in the title
    ("Housing Strategy 2010-15 adopted by the Executive", None, "process", "passive-milestone"),
    ("Older people's strategy refreshed and agreed by the Partnership", None, "process",
     "passive-milestone"),
    ("Town centre masterplan completed", None, "process", "passive-milestone"),
    ("Pilot a hospital discharge support service", None, "process", "milestone-verb"),
    ("Commence construction of the new leisure centre", None, "process", "milestone-verb"),
    # planting, building and piloting counts
    ("Plant a minimum of 500 trees every year", "number", "output", "verb-count"),
    ("Build at least 100 new council homes", "number", "output", "verb-count"),
    ("Pilot 3 community hubs", "number", "output", "verb-count"),
    ("Milestones in the leisure strategy action plan", "yes/no", "process", "milestone-unit"),
    # participles about residents are not milestones
    ("Percentage of people who agree that people from different backgrounds get on well together",
     "percent", "outcome", "outcome-words"),
    ("Number of young people who completed their Duke of Edinburgh award", "number", "output",
     "number-delivered"),
])
def test_milestone_and_count_rules(title, unit, kind, rule):
    guess = classify(title, unit)
    assert (guess.kind, guess.rule) == (kind, rule)


def test_complete_or_yes_targets_mark_a_milestone():
    assert classify("Extra care housing scheme at Marsh Farm", None, None, [], ["Complete"]).rule == \
        "milestone-target"
    assert classify("Extra care housing scheme at Marsh Farm", None, None, [], ["yes"]).kind == "process"
    # a text target that is not a milestone word decides nothing (what the title alone says stands;
    # the learned model reads a housing scheme as an activity)
    assert classify("Extra care housing scheme at Marsh Farm", None, None, [], ["TBC"]) == \
        classify("Extra care housing scheme at Marsh Farm")
    assert classify_by_rules("Extra care housing scheme at Marsh Farm", None, None, [], ["TBC"]).kind == "outcome"


def test_reason_names_the_words_that_decided():
    guess = classify("Produce a cultural strategy for Luton")
    assert "'Produce'" in guess.reason and "strategy" in guess.reason and "milestone" in guess.reason


def test_shape_of_targets_marks_a_milestone():
    # nothing in the words; the shape (target 1, no direction) says "done once"
    assert classify("Carnival Arts Centre", "number", None, [1]).kind == "process"
    # a direction or another number: the shape decides nothing (the rules fall to their default;
    # the learned model then reads the title alone)
    assert classify_by_rules("Carnival Arts Centre", "number", "increase", [1]).kind == "outcome"
    assert classify_by_rules("Carnival Arts Centre", "number", None, [1, 2]).kind == "outcome"
    for direction, numbers in (("increase", [1]), (None, [1, 2])):
        assert classify("Carnival Arts Centre", "number", direction, numbers) == \
            classify("Carnival Arts Centre", "number")


def test_classify_measure_uses_numeric_targets_only():
    src = Source("p.yaml", 1)
    m = Measure(id="X.1", objective_id="X", plan_id="P", title="Carnival Arts Centre", source=src,
                unit="number", targets=(Target(None, Value("1", 1.0, "number"), src),
                                        Target(None, Value("TBC", None, "text"), src)))
    assert classify_measure(m).kind == "process"


@pytest.mark.parametrize("title", ["", "   ", "???", "2,737"])
def test_odd_titles_do_not_fail(title):
    assert classify(title).kind in ("outcome", "output", "process")


def test_dev_set_accuracy_does_not_regress():
    # the dev set is what the rules were tuned on (the held-out set is never used in tests)
    rows = list(csv.DictReader((DATA / "measure_kinds_dev.csv").open(encoding="utf-8")))
    assert len(rows) >= 150
    activity = {"output", "process"}
    tp = sum(1 for r in rows if r["label"] in activity and classify(r["title"], r["unit"]).kind in activity)
    fp = sum(1 for r in rows if r["label"] not in activity and classify(r["title"], r["unit"]).kind in activity)
    fn = sum(1 for r in rows if r["label"] in activity and classify(r["title"], r["unit"]).kind not in activity)
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.95


@pytest.mark.parametrize("title, phrase", [
    ("Social care clients receiving self directed support", "people 'receiving' a service"),
    ("Older people helped to live at home", "people 'helped' by a service"),
])
def test_people_helped_reason_reads_as_english(title, phrase):
    assert phrase in classify(title, "number").reason


# Issue 18, second round: rule classes written from the labelling rules of
# tests/data/real_measures/README.md (handling and timeliness are process; use, take-up and
# visits are output; perception, state of people and place are outcome).
@pytest.mark.parametrize("title, unit, kind", [
    # handling and timeliness without "within N days"
    ("Average number of days to re-let council homes", "days", "process"),
    ("Major applications: average number of weeks to determine an application", "weeks", "process"),
    ("Average response time to reports of missed bins", "days", "process"),
    ("Average customer wait time at the contact centre", "minutes", "process"),
    ("Acceptable waiting time for care packages", "%", "process"),
    ("Percentage of stage 1 complaints closed within timescales", "%", "process"),
    ("Percentage of EHC plan annual reviews completed within statutory timeframes", "%", "process"),
    ("Percentage of major planning applications determined in 13 weeks", "%", "process"),
    ("Percentage of school admission appeals upheld", "%", "process"),
    ("NI 157b Processing of planning applications: minor applications", "%", "process"),
    ("Number of calls handled by the contact centre", "number", "process"),
    ("Housing repairs completed right first time", "%", "process"),
    ("Council Tax backlog of outstanding correspondence", "number", "process"),
    ("Percentage of people receiving long-term support who have been reviewed in the year", "%", "process"),
    ("Percentage of completed staff performance development reviews", "%", "process"),
    ("Missed refuse and recycling collections per 100,000 collections", "rate", "process"),
    ("Speed of processing new Housing Benefit claims", "days", "process"),
    ("Abandoned call rate", "%", "process"),
    ("Percentage of internal audit recommendations implemented", "%", "process"),
    ("Affordable housing completions", "number", "output"),
    # take-up and mode of a service
    ("Proportion of people using social care who receive direct payments", "%", "output"),
    ("1C(1) Proportion of carers who receive self-directed support", "%", "output"),
    ("Increase the proportion of service users who receive self-directed support", "%", "output"),
    ("NI 52 Increase the % of pupils who take school lunches to 55% by March 2011", "%", "output"),
    ("Take-up of NHS Health Checks by eligible adults", "%", "output"),
    ("Number of older people with ongoing packages of care at home", "number", "output"),
    # use of services and visits to facilities
    ("Number of visits to council libraries", "number", "output"),
    ("Leisure centre attendances", "number", "output"),
    ("Museum visitor numbers", "number", "output"),
    ("Number of people using the council's online self-service portal", "number", "output"),
    ("Number of young people attending youth centres", "number", "output"),
    ("Number of residents' engagements with library learning services", "number", "output"),
    # things the council says it did
    ("Number of new businesses started with help from the Council", "number", "output"),
    ("New start businesses given advice and assistance", "number", "output"),
    ("Provide advice and support to local businesses", "number", "output"),
    ("New affordable homes", "number", "output"),
    ("Fly-tipping: effective enforcement actions", "number", "output"),
    ("Number of library loans", "number", "output"),
    ("Number of people taking part in the Healthy Walks programme", "number", "output"),
    # an action written as an instruction, naming no result
    ("Work with housing associations to agree a joint allocations policy", None, "process"),
    ("Apply for Purple Flag accreditation for the night-time economy", None, "process"),
])
def test_handling_use_and_take_up_are_activities(title, unit, kind):
    assert classify(title, unit).kind == kind


@pytest.mark.parametrize("title, unit", [
    # words shared with the activity patterns, but a state of people or place
    ("Number of people killed or seriously injured in road traffic collisions", "number"),
    ("Proportion of people who use services who feel safe", "%"),
    ("Average time spent in temporary accommodation", "weeks"),
    ("Time taken to travel to a GP surgery by public transport", "minutes"),
    ("Residents satisfied with how the council handled their complaint", "%"),
    ("Number of complaints received", "number"),
    ("Rate of smokers who have quit within 4 weeks of setting a quit date", "rate"),
    ("Proportion of offenders who re-offend within 12 months", "%"),
    ("Proportion of older people still at home 91 days after discharge into reablement services", "%"),
    ("Percentage of adults enrolled in the weight management service losing weight", "%"),
    ("Percentage of people receiving home care who say it helps them feel safe", "%"),
    ("The proportion of people who use services who have control over their daily life", "%"),
    ("Percentage of adults who visited a museum or gallery in the last 12 months", "%"),
    ("Visits to museums or galleries", "%"),
    ("Number of visitors to the town centre", "number"),
    ("Tourism visitor numbers", "number"),
    ("A&E attendances by children under 5", "number"),
    ("Number of people attending A&E with alcohol related injuries", "number"),
    ("School attendance", "%"),
    ("Percentage of pupils attending good or outstanding schools", "%"),
    ("Proportion of young people attending college", "%"),
    ("Take up of physical activity among over 65s", "%"),
    ("Increase take-up of pension credit", "number"),
    ("Number of adults taking part in sport", "number"),
    ("Encourage more people to walk and cycle to work", None),
    ("Work with partners to reduce crime", None),
    ("Number of people using illicit drugs", "number"),
    ("Net additional jobs created", "number"),
    ("Survival rate of new businesses supported by the Council", "%"),
    ("NI 57 Increase the % of 5-16 year olds doing 2 hours of sport a week to 90% by March 2011", "%"),
    ("Positive education inspections", "%"),
])
def test_outcome_traps_that_share_words_with_activities(title, unit):
    assert classify(title, unit).kind == "outcome"


@pytest.mark.parametrize("title, rule", [
    ("Percentage of carers who receive a direct payment", "service-take-up"),
    ("Number of groups using council owned community centres", "service-use"),
    ("Number of visits to the Discovery Centre", "visits"),
    ("Jobs created with help from the Council", "delivered"),
])
def test_service_rules_are_named(title, rule):
    guess = classify(title, "number")
    assert (guess.kind, guess.rule) == ("output", rule)


def test_a_leading_code_does_not_hide_the_first_word():
    # "NI 57 - Increase ..." starts with a verb of change once the code is set aside
    assert classify("NI 115 - Reduce the proportion of young people using illicit drugs").rule == "change"
    assert classify("BV 117 Visits to libraries", "number").kind == "output"
    # a pollutant is not a code
    assert classify("CO2 emissions per capita", "tonnes").kind == "outcome"


def test_self_assessments_take_their_kind_from_the_catalogue():
    from plancheck.catalogue import builtin
    cat = builtin()
    assert [cat.get(c).kind for c in ("NI 35", "NI 51")] == ["process", "process"]
    # perception surveys stay outcomes, whatever words they share with services
    assert {cat.get(c).kind for c in ("NI 21", "NI 54", "NI 139", "NI 140")} == {"outcome"}
    # results for children in care and adults with learning disabilities stay outcomes however
    # a plan words them (the classifier counts people in care as output)
    assert {cat.get(c).kind for c in ("NI 63", "NI 99", "NI 145", "NI 146")} == {"outcome"}
    # people living independently is a state of the people (labelling rule), whatever "supported" says
    assert cat.get("NI 136").kind == "outcome"


def test_real_measures_evaluation_reads_any_labels_file(tmp_path):
    # the lead measures a new held-out file with this script unchanged
    import importlib.util

    from conftest import ROOT
    spec = importlib.util.spec_from_file_location("eval_real_measures", ROOT / "evaluation/eval_real_measures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "labels.csv"
    path.write_text("title,unit,label,source_url,plan_note\n"
                    "Number of visits to council libraries,number,output,,\n"
                    "Employment rate,%,Outcome,,\n"
                    "NI 51 Effectiveness of CAMHS services,score,process,,\n", encoding="utf-8")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    scores = [module.evaluate(rows, True), module.evaluate(rows, False), module.evaluate(rows, True, True)]
    # the learned model reads "Effectiveness of CAMHS services" as an activity (NI 51 is process
    # by the labelling rules), with or without its unit
    assert [(s["tp"], s["fp"], s["fn"]) for s in scores] == [(2, 0, 0), (2, 0, 0), (2, 0, 0)]
    assert module.main(["--labels", str(path)]) == 0


# Third round (issue 18): classes of measure other councils write, from the labelling rules and
# their clarifications. Titles are written for the class, not copied from the dev files.
@pytest.mark.parametrize("title, unit, kind, rule", [
    # unit costs and efficiency (process)
    ("Cost per pupil in primary schools", "currency", "process", "cost"),
    ("Gross expenditure per head of population on libraries", "currency", "process", "cost"),
    ("Unit cost of residential care for older people", "currency", "process", "cost"),
    ("Average cost per planning application", "currency", "process", "cost"),
    ("Efficiency savings achieved", "currency", "process", "cost"),
    # spending against budget (process)
    ("Forecast outturn against budget", "percent", "process", "budget"),
    ("Budget variance at year end", "percent", "process", "budget"),
    ("Percentage of procurement spend with local suppliers", "percent", "process", "budget"),
    # collection of money due (process)
    ("Percentage of council tax received by the end of the year", "percent", "process", "collection"),
    ("Current tenant rent arrears as a % of rent due", "percent", "process", "collection"),
    ("Percentage of income due from council tax received", "percent", "process", "collection"),
    # case work (process)
    ("Percentage of child protection cases allocated to a qualified social worker", "percent", "process",
     "casework"),
    ("What % of review conferences are attended by the child's school?", "percent", "process", "casework"),
    ("How many referrals were received this quarter?", "number", "process", "casework"),
    ("Percentage of children on the register who have a care plan", "percent", "process", "casework"),
    # standards met, like NI 35 (process)
    ("Level of the Equality Framework for Local Government achieved", "level", "process", "standard"),
    # handling in N days without "within" (process)
    ("% of new claims processed in 14 days", "percent", "process", "procedure"),
    ("Major applications in 13 weeks", "percent", "process", "procedure"),
    ("Householder applications 8 working days", "percent", "process", "procedure"),
    ("Average time per housing benefit claim", "days", "process", "procedure"),
    ("Outstanding planning enforcement cases", "number", "process", "procedure"),
    # people in a placement or receiving care, counted by the service (output)
    ("Number of children looked after", "number", "output", "in-care"),
    ("Children looked after per 10,000 children", "rate", "output", "in-care"),
    ("How many children are in foster care placements?", "number", "output", "in-care"),
    ("Percentage of people aged 75 and over with high needs receiving care at home", "percent", "output", "in-care"),
    ("Adults with mental health problems in residential placements", "number", "output", "in-care"),
    # cases and use handled by a service (output)
    ("Number of homelessness cases prevented or relieved", "number", "output", "cases-handled"),
    ("Participation levels at council leisure centres", "number", "output", "cases-handled"),
    ("Jobs safeguarded and created through the regeneration fund", "number", "output", "cases-handled"),
    ("Level of tenant transfers and mutual exchanges", "number", "output", "cases-handled"),
    ("Number of children's centres", "number", "output", "facility-count"),
    ("Attendances at country parks", "number", "output", "visits"),
    # workforce, voids, aged debt, running costs, standards retained, time from application
    ("Staff turnover", "percent", "process", "procedure"),
    ("Average working days lost to sickness per FTE", "days", "process", "procedure"),
    ("Rent lost through void properties", "percent", "process", "procedure"),
    ("Sundry debt over 90 days", "currency", "process", "collection"),
    ("Capital programme spend as % of budget", "percent", "process", "budget"),
    ("Support services costs as a percentage of corporate running costs", "percent", "process", "cost"),
    ("Customer Service Excellence standard retained", None, "process", "procedure"),
    ("Investors in People status retained", None, "process", "procedure"),
    ("Average number of days from application to decision for major applications", "days", "process",
     "procedure"),
    ("Kilometres of road resurfaced", "km", "output", "number-delivered"),
    ("Number of people in receipt of reablement", "number", "output", "in-care"),
    ("Spend per head on adult social care", "currency", "process", "cost"),
    ("Income generated from commercial waste", "currency", "process", "budget"),
    ("Projected year end variance", "currency", "process", "budget"),
    ("Council tax in-year collection", "percent", "process", "collection"),
    ("How many fly-tipping incidents were investigated?", "number", "output", "number-delivered"),
])
def test_third_round_activity_classes(title, unit, kind, rule):
    guess = classify(title, unit)
    assert (guess.kind, guess.rule) == (kind, rule)


@pytest.mark.parametrize("title", [
    # what residents pay is not a unit cost of a service
    "Average cost of a home as a multiple of earnings",
    "Housing costs as a percentage of income",
    "Fuel costs for households",
    # arrears as a result for tenants
    "Number of tenants evicted due to rent arrears",
    "Percentage of tenants in arrears who sustain their tenancy",
    # a time window on a change in people, with "in" instead of "within"
    "Smokers who have quit in 4 weeks",
    "Mortality in 30 days of a heart attack",
    "Emergency readmissions in 30 days of discharge",
    "Proportion of all in treatment who successfully completed treatment and did not re-present in 6 months",
    # results for children in care, and for people after a service
    "Stability of placements of looked after children: number of moves",
    "Looked after children achieving 5 GCSEs A*-C",
    "Children in care reaching level 4 in English at Key Stage 2",
    "Emotional and behavioural health of looked after children",
    "Percentage of long-term support recipients at home (not in residential or nursing care)",
    "Permanent admissions to residential and nursing care homes per 100,000",
    "Percentage of adults who completed reablement and have no package of care 6 months later",
    "Percentage of people receiving support who are in paid employment",
    "Proportion of properties receiving superfast broadband",
    # "meeting" a standard is a state, not meetings held
    "Percentage of homes meeting the Decent Homes Standard",
    "Percentage of adults meeting recommended levels of physical activity",
    # questions about a state stay outcomes
    "How many residents feel safe after dark?",
    "What % of adults are physically active?",
    "Participation in sport and active recreation",
    # standards of the place or of pupils are not the organisation's own
    "Green Flag award retained for the town park",
    "School days lost to pupil absence",
    # what visitors and households spend, and what residents think of value for money
    "Visitor spend per head",
    "Household spend on energy",
    "Percentage of residents who agree the council provides value for money",
    # a repeat within a window, and a result for children in care
    "Repeat referrals to children's social care within 12 months",
    # eighth round: the rules still say outcome, but the model retrained on seven sets reads this
    # one as an activity (p 0.45 >= 0.40: 'looked after', 'placed'); a known false activity
    pytest.param("Percentage of looked after children placed for adoption who are adopted",
                 marks=pytest.mark.xfail(strict=True, reason="the eighth-round model reads it as an activity")),
])
def test_third_round_outcome_traps(title):
    assert classify(title).kind == "outcome"


@pytest.mark.parametrize("title, unit, kind, rule", [
    # work done in time or first time, inspections and checks carried out, invoices paid
    ("Percentage of emergency repairs completed in time", "%", "process", "in-time"),
    ("Repairs fixed first time", "%", "process", "in-time"),
    ("Percentage of Environmental Health programmed inspections completed", "%", "process",
     "inspections-done"),
    ("Proportion of homes for which all required gas safety checks have been carried out", "%", "process",
     "inspections-done"),
    ("Percentage of high-risk premises inspected", "%", "process", "inspections-done"),
    ("Percentage of sales invoices due for payment that have been paid", "%", "process", "invoices"),
    ("Percentage of waste collected - year to date", "%", "process", "waste-collected"),
    ("Number of failed bin collections per 100,000 collections", None, "process", "procedure"),
    ("Percentage of urgent repairs completed within government time limits", "%", "process", "procedure"),
    ("Percentage of appeals against planning decisions which were successful", "%", "process", "procedure"),
    # assessments of people, contacts received, temporary accommodation, empty homes returned to use
    ("Carer assessments", "rate per 1,000", "output", "assessments"),
    ("Assessments of older people", None, "output", "assessments"),
    ("The number of child contacts received", "number", "output", "received"),
    ("Number of households in bed and breakfast", "number", "output", "temporary-accommodation"),
    ("Reduce the number of households in temporary accommodation", None, "output", "change-of-output"),
    ("Long term empty properties returned to use", "number", "output", "returned-to-use"),
    ("Number of households for whom homelessness was prevented", None, "output", "cases-handled"),
    ("Number of jobs promoted through business start interventions", None, "output", "cases-handled"),
    # undated steps of finding out
    ("Investigate options for a new leisure centre", None, "process", "undated-action"),
    ("Consider the feasibility of a park and ride", None, "process", "undated-action"),
    # an award for a place is an outcome, even with a yes/no unit
    ("Green Flag status retained for our key parks", "yes/no", "outcome", "place-award"),
])
def test_fourth_round_activity_classes(title, unit, kind, rule):
    guess = classify(title, unit)
    assert (guess.kind, guess.rule) == (kind, rule)


@pytest.mark.parametrize("title, unit", [
    # a label and a number is not a verb and a count
    ("Stage 1 complaints (per 1,000 tenants)", "rate per 1,000"),
    ("Level 2 qualifications gained by adults", None),
    # what inspections found, and checks of children in care
    ("Amount of inspections that were graded A or B", "%"),
    ("Percentage of premises inspected that were broadly compliant", "%"),
    ("Percentage of looked after children whose health checks were completed", "%"),
    # waste of the place, not the collection round
    ("Percentage of household waste collected that is recycled", "%"),
    ("Residual household waste collected per household", "kg"),
    # pupils' assessments, people living independently, leaving temporary accommodation well
    ("Percentage of pupils achieving Level 4 in Key Stage 2 teacher assessments", "%"),
    ("People supported to live independently through social services", None),
    ("Percentage of young people in hostels who move on positively", "%"),
    ("Contacts received by the customer service centre who felt helped", None),
    # a window on a change in people, written with a spaced dash
    ("Re \u2013 referrals within 12 months of the previous referral", "%"),
    # steps that say what they are for, and applying for an award
    ("Continue to reduce anti-social behaviour", None),
    ("Identify and support families to improve school attendance", None),
    ("Number of empty homes", None),
    ("Number of complaints received", None),
])
def test_fourth_round_outcome_traps(title, unit):
    assert classify(title, unit).kind == "outcome"


def test_applying_for_an_award_is_still_an_action():
    assert classify("Apply for the Green Flag Award for two parks").kind == "process"


def _real_titles():
    folder = DATA / "real_measures"
    rows = []
    for name in ("activity_labels.csv", "activity_labels_2.csv"):
        with open(folder / name, encoding="utf-8", newline="") as fh:
            rows.extend((r["title"], r["unit"] or None) for r in csv.DictReader(fh))
    return rows


_TITLES = _real_titles()


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([*_TITLES, ("Town centre partnership board", "number"), ("Allotment provision review", None)]), st.sampled_from([None, "up", "down"]),
       st.lists(st.one_of(st.none(), st.sampled_from([0.0, 1.0, 1, 2, 0.5, 74.5, -1.0])), max_size=4))
def test_classify_reads_no_more_of_the_targets_than_their_shape(title_unit, direction, numbers):
    # classify_measure caches by target_shape(numbers): it must give what the numbers give.
    title, unit = title_unit
    assert classify(title, unit, direction, numbers) == classify(title, unit, direction, target_shape(numbers))


def test_measures_of_one_title_share_a_guess_only_when_their_targets_have_one_shape():
    def measure(*values):
        targets = tuple(Target(year=None, value=Value(raw=str(v), number=float(v), status="number"),
                               source=Source("plan.yaml", 3)) for v in values)
        return Measure(id="M1", objective_id="O1", plan_id="P", title="Town centre partnership board",
                       unit="number", targets=targets,
                       source=Source("plan.yaml", 1))

    assert classify_measure(measure(1, 1)).kind == "process"  # every target 1: met once
    # other shapes: the shape decides nothing, the title alone does (the rules find nothing in
    # it; the learned model reads a partnership board as an activity)
    assert classify_measure(measure(1, 2)).rule != "shape-milestone"
    assert classify_measure(measure(1, 2)) == classify_measure(measure()) == \
        classify("Town centre partnership board", "number")
    assert classify_by_rules("Town centre partnership board", "number", None, [1, 2]).kind == "outcome"
