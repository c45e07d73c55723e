#!/usr/bin/env python3
"""Writes the CDS rule fixtures: src/test/resources/cds/<rule-id>/<case>.json.

Each fixture is a real CDS Hooks request (with prefetch) plus the cards it must and must not give. Dates are
written relative to the day of the test run ({{today-90d}}, {{today-13m}}, {{today-39y}}); the test replaces them
with dates in Europe/Stockholm before posting, so the boundaries of cds-rules.md stay exact on any day.
Run from the project root: python3 tools/make_cds_fixtures.py
"""
import json
from pathlib import Path

OUT = Path("src/test/resources/cds")
ATC = "http://www.whocc.no/atc"
ICD = "http://hl7.org/fhir/sid/icd-10-se"
KVA = "urn:oid:1.2.752.116.1.3.2.1.4"
PRODUCT = "https://fhir.primarycare.se/CodeSystem/product"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
PNR = "http://electronichealth.se/identifier/personnummer"
SIGN, SELECT, VIEW = "primarycare-order-sign", "primarycare-order-select", "primarycare-patient-view"
HOOK = {SIGN: "order-sign", SELECT: "order-select", VIEW: "patient-view"}


def patient(pid, age_years=45, listed=True, active=None):
    p = {"resourceType": "Patient", "id": pid,
         "identifier": [{"system": PNR, "value": "191212121212"}],
         "birthDate": "{{today-%dy}}" % age_years, "gender": "female"}
    if listed:
        p["managingOrganization"] = {"reference": "Organization/vc-fixture"}
    if active is not None:
        p["active"] = active
    return p


def condition(cid, pid, code, recorded, status="active"):
    return {"resourceType": "Condition", "id": cid,
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                           "code": status}]},
            "code": {"coding": [{"system": ICD, "code": code}]},
            "subject": {"reference": "Patient/" + pid}, "recordedDate": recorded}


def med_request(mid, pid, atc, product, tablets, authored, status="completed", repeats=0):
    coding = [{"system": ATC, "code": atc}]
    if product:
        coding.append({"system": PRODUCT, "code": product})
    return {"resourceType": "MedicationRequest", "id": mid, "status": status, "intent": "order",
            "medicationCodeableConcept": {"coding": coding}, "subject": {"reference": "Patient/" + pid},
            "authoredOn": authored,
            "dispenseRequest": {"numberOfRepeatsAllowed": repeats, "quantity": {"value": tablets, "unit": "st"}}}


def statement(sid, pid, atc, start, end=None, status="active"):
    period = {"start": start}
    if end:
        period["end"] = end
    return {"resourceType": "MedicationStatement", "id": sid, "status": status,
            "medicationCodeableConcept": {"coding": [{"system": ATC, "code": atc}]},
            "subject": {"reference": "Patient/" + pid}, "effectivePeriod": period}


def procedure(prid, pid, kva, performed):
    return {"resourceType": "Procedure", "id": prid, "status": "completed",
            "code": {"coding": [{"system": KVA, "code": kva}]},
            "subject": {"reference": "Patient/" + pid}, "performedDateTime": performed}


def sick_leave(oid, pid, cid, start, end, extent=100):
    return {"resourceType": "Observation", "id": oid, "status": "final",
            "code": {"coding": [{"system": "https://fhir.primarycare.se/CodeSystem/observation", "code": "sick-leave"}]},
            "subject": {"reference": "Patient/" + pid}, "effectivePeriod": {"start": start, "end": end},
            "valueQuantity": {"value": extent, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"},
            "focus": [{"reference": "Condition/" + cid}]}


def care_plan(cpid, pid, created, status="active"):
    return {"resourceType": "CarePlan", "id": cpid, "status": status, "intent": "plan",
            "category": [{"coding": [{"system": "https://fhir.primarycare.se/CodeSystem/careplan-category",
                                      "code": "rehab-plan"}]}],
            "subject": {"reference": "Patient/" + pid}, "created": created}


def draft(did, pid, atc=None, product=None, tablets=None, repeats=None, reason_code=None, reason_ref=None,
          rxnorm=None, sandbox_style=False):
    coding = []
    if atc:
        coding.append({"system": ATC, "code": atc})
    if product:
        coding.append({"system": PRODUCT, "code": product})
    if rxnorm:
        coding.append({"system": RXNORM, "code": rxnorm})
    d = {"resourceType": "MedicationRequest", "id": did, "status": "draft", "intent": "order",
         "subject": {"reference": "Patient/" + pid}, "authoredOn": "{{today}}"}
    if coding:
        d["medicationCodeableConcept"] = {"coding": coding}
    if tablets is not None:
        d["dispenseRequest"] = {"quantity": {"value": tablets, "unit": "st"}}
        if repeats is not None:
            d["dispenseRequest"]["numberOfRepeatsAllowed"] = repeats
    if reason_code:
        d["reasonCode"] = [{"coding": [{"system": ICD, "code": reason_code}]}]
    if reason_ref:
        d["reasonReference"] = [{"reference": "Condition/" + reason_ref}]
    if sandbox_style:
        # as the CDS Hooks sandbox sends it: category as an object, supply duration and dose instead of quantity
        d["category"] = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/medicationrequest-category",
                                     "code": "outpatient"}]}
        d["dosageInstruction"] = [{"doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}],
                                   "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}}}]
        d["dispenseRequest"] = {"expectedSupplyDuration": {"value": 30, "unit": "days", "code": "d",
                                                           "system": "http://unitsofmeasure.org"}}
    return d


def bundle(resources):
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources]}


def request(service, pid, resources, drafts=(), omit_keys=()):
    by_key = {"patient": None, "conditions": [], "medicationRequests": [], "medicationStatements": [],
              "procedures": [], "sickLeave": [], "carePlans": []}
    key_of = {"Condition": "conditions", "MedicationRequest": "medicationRequests",
              "MedicationStatement": "medicationStatements", "Procedure": "procedures",
              "Observation": "sickLeave", "CarePlan": "carePlans"}
    for r in resources:
        if r["resourceType"] == "Patient":
            by_key["patient"] = r
        else:
            by_key[key_of[r["resourceType"]]].append(r)
    prefetch = {k: (v if k == "patient" else bundle(v)) for k, v in by_key.items() if k not in omit_keys}
    context = {"userId": "Practitioner/lakare-1", "patientId": pid}
    if HOOK[service] != "patient-view":
        context["draftOrders"] = {"resourceType": "Bundle", "type": "collection",
                                  "entry": [{"resource": d} for d in drafts]}
        if HOOK[service] == "order-select":
            context["selections"] = ["MedicationRequest/" + d["id"] for d in drafts]
    return {"hook": HOOK[service], "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            "context": context, "prefetch": prefetch}


def write(rule, case, description, service, pid, resources, drafts=(), fires=(), not_fires=(), cards=()):
    folder = OUT / rule
    folder.mkdir(parents=True, exist_ok=True)
    fixture = {"description": description, "service": service,
               "request": request(service, pid, resources, drafts),
               "expect": {"fires": list(fires), "notFires": list(not_fires), "cards": list(cards)}}
    (folder / f"{case}.json").write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def card(rule, indicator=None, summary_contains=(), detail_contains=(), suggestion_codes=(), update_quantity=None,
         update_product=None, links=None):
    c = {"rule": rule}
    if indicator:
        c["indicator"] = indicator
    if summary_contains:
        c["summaryContains"] = list(summary_contains)
    if detail_contains:
        c["detailContains"] = list(detail_contains)
    if suggestion_codes:
        c["suggestionCodes"] = list(suggestion_codes)
    if update_quantity is not None:
        c["updateQuantity"] = update_quantity
    if update_product is not None:
        c["updateProduct"] = update_product
    if links is not None:
        c["links"] = links
    return c


def benzo_anxiety():
    r = "benzo-anxiety"
    p = patient("ba-1")
    write(r, "fires-active-anxiety-oxazepam", "Oxazepam for a patient with active F41.1: warns, KBT and FaR",
          SIGN, "ba-1", [p, condition("ba-1-c1", "ba-1", "F41.1", "{{today-30d}}")],
          [draft("ba-1-d1", "ba-1", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", ["oxazepam"], ["F41.1"], ["DU011", "DV200"])])
    p = patient("ba-2")
    write(r, "fires-resolved-anxiety-23-months-ago", "Resolved F43.8A recorded 23 months ago still counts",
          SELECT, "ba-2", [p, condition("ba-2-c1", "ba-2", "F43.8A", "{{today-23m}}", "resolved")],
          [draft("ba-2-d1", "ba-2", "N05BA12", "alprazolam-0.5mg-tab", 20, 0)],
          fires=[r], cards=[card(r, "warning", ["alprazolam"], ["F43.8A"], ["DU011", "DV200"])])
    p = patient("ba-3")
    write(r, "fires-reason-code-without-condition", "No stored diagnosis, but the order's reason is F41.0",
          SIGN, "ba-3", [p], [draft("ba-3-d1", "ba-3", "N05BA01", "diazepam-5mg-tab", 25, 0, reason_code="F410")],
          fires=[r])
    p = patient("ba-4")
    write(r, "not-fires-ssri-for-anxiety", "An SSRI for anxiety gets no benzo-anxiety",
          SIGN, "ba-4", [p, condition("ba-4-c1", "ba-4", "F41.1", "{{today-30d}}")],
          [draft("ba-4-d1", "ba-4", "N06AB10", "escitalopram-10mg-tab", 28, 0)], not_fires=[r])
    p = patient("ba-5")
    write(r, "not-fires-resolved-anxiety-25-months-ago",
          "Only resolved anxiety recorded 25 months ago and no reason code: no benzo-anxiety",
          SIGN, "ba-5", [p, condition("ba-5-c1", "ba-5", "F41.1", "{{today-25m}}", "resolved")],
          [draft("ba-5-d1", "ba-5", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])
    p = patient("ba-6")
    write(r, "not-fires-clonazepam-with-epilepsy", "Clonazepam without reason for a patient with epilepsy (G40.9)",
          SIGN, "ba-6", [p, condition("ba-6-c1", "ba-6", "F41.1", "{{today-30d}}"),
                         condition("ba-6-c2", "ba-6", "G40.9", "{{today-400d}}")],
          [draft("ba-6-d1", "ba-6", "N03AE01", "clonazepam-0.5mg-tab", 150, 0)], not_fires=[r])
    p = patient("ba-7")
    write(r, "fires-clonazepam-for-anxiety", "Clonazepam with an anxiety reason counts as a benzodiazepine",
          SIGN, "ba-7", [p, condition("ba-7-c1", "ba-7", "F41.0", "{{today-30d}}"),
                         condition("ba-7-c2", "ba-7", "G40.9", "{{today-400d}}")],
          [draft("ba-7-d1", "ba-7", "N03AE01", "clonazepam-0.5mg-tab", 150, 0, reason_ref="ba-7-c1")], fires=[r])
    p = patient("ba-8")
    write(r, "not-fires-unknown-atc", "An ATC code the server does not know: no card, no error",
          SIGN, "ba-8", [p, condition("ba-8-c1", "ba-8", "F41.1", "{{today-30d}}")],
          [draft("ba-8-d1", "ba-8", "Z99ZZ99", None, 25, 0)], not_fires=[r, "starter-pack", "patient-leaflet"])
    p = patient("ba-9")
    write(r, "fires-sandbox-rxnorm-draft", "Sandbox-style draft: RxNorm only, category as object, no quantity",
          SELECT, "ba-9", [p, condition("ba-9-c1", "ba-9", "F41.1", "{{today-30d}}")],
          [draft("ba-9-d1", "ba-9", rxnorm="197591", sandbox_style=True)], fires=[r, "starter-pack"],
          cards=[card("starter-pack", "warning", update_quantity=25, update_product="diazepam-5mg-tab")])
    p = patient("ba-10")
    write(r, "not-fires-unmapped-rxnorm", "RxNorm code not in the ConceptMap: no card, no error",
          SELECT, "ba-10", [p, condition("ba-10-c1", "ba-10", "F41.1", "{{today-30d}}")],
          [draft("ba-10-d1", "ba-10", rxnorm="999999999", sandbox_style=True)],
          not_fires=[r, "starter-pack", "patient-leaflet"])


def starter_pack():
    r = "starter-pack"
    p = patient("sp-1")
    write(r, "fires-26-tablets-new-benzodiazepine", "New oxazepam, 26 tablets: suggests 25",
          SIGN, "sp-1", [p], [draft("sp-1-d1", "sp-1", "N05BA04", "oxazepam-10mg-tab", 26, 0)],
          fires=[r], cards=[card(r, "warning", ["oxazepam", "25"], ["26"], update_quantity=25,
                                 update_product="oxazepam-10mg-tab")])
    p = patient("sp-2")
    write(r, "not-fires-25-tablets", "New oxazepam, exactly 25 tablets: no starter-pack",
          SIGN, "sp-2", [p], [draft("sp-2-d1", "sp-2", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          not_fires=[r], fires=["patient-leaflet"])
    p = patient("sp-3")
    write(r, "fires-repeats-count", "25 tablets with 1 repeat = 50 tablets: fires",
          SIGN, "sp-3", [p], [draft("sp-3-d1", "sp-3", "N05BA04", "oxazepam-5mg-tab", 25, 1)],
          fires=[r], cards=[card(r, update_quantity=25, update_product="oxazepam-5mg-tab")])
    p = patient("sp-4")
    write(r, "not-fires-benzodiazepine-3-months-ago", "A benzodiazepine prescription 3 months ago: not new",
          SIGN, "sp-4", [p, med_request("sp-4-m1", "sp-4", "N05BA01", "diazepam-5mg-tab", 25, "{{today-3m}}")],
          [draft("sp-4-d1", "sp-4", "N05BA04", "oxazepam-10mg-tab", 100, 0)], not_fires=[r, "patient-leaflet"])
    p = patient("sp-5")
    write(r, "fires-benzodiazepine-13-months-ago", "The last benzodiazepine 13 months ago: new again",
          SIGN, "sp-5", [p, med_request("sp-5-m1", "sp-5", "N05BA01", "diazepam-5mg-tab", 25, "{{today-13m}}")],
          [draft("sp-5-d1", "sp-5", "N05BA04", "oxazepam-10mg-tab", 100, 0)], fires=[r, "patient-leaflet"])
    p = patient("sp-6")
    write(r, "fires-z-drug-31-tablets", "New zopiclone, 31 tablets (limit 30): suggests 30",
          SIGN, "sp-6", [p], [draft("sp-6-d1", "sp-6", "N05CF01", "zopiclone-7.5mg-tab", 31, 0)],
          fires=[r], cards=[card(r, summary_contains=["30"], update_quantity=30, update_product="zopiclone-7.5mg-tab")])
    p = patient("sp-7")
    write(r, "not-fires-z-drug-30-tablets", "New zolpidem, 30 tablets: within the limit",
          SIGN, "sp-7", [p], [draft("sp-7-d1", "sp-7", "N05CF02", "zolpidem-10mg-tab", 30, 0)], not_fires=[r])
    p = patient("sp-8")
    write(r, "fires-lorazepam-without-starter-pack", "Lorazepam 100: fires, says no starter pack, no update",
          SIGN, "sp-8", [p], [draft("sp-8-d1", "sp-8", "N05BA06", "lorazepam-1mg-tab", 100, 0)],
          fires=[r], cards=[card(r, detail_contains=["ingen förpackning"], suggestion_codes=[])])
    p = patient("sp-9")
    write(r, "fires-closest-strength", "Alprazolam 2 mg (no such product): the closest strength with a 20 pack",
          SIGN, "sp-9", [p], [draft("sp-9-d1", "sp-9", "N05BA12", None, 100, 0)],
          fires=[r], cards=[card(r, update_quantity=20, update_product="alprazolam-0.25mg-tab")])


def opioid_benzo():
    r = "opioid-benzo"
    p = patient("ob-1")
    write(r, "fires-benzodiazepine-with-active-opioid", "Diazepam drafted while an oxycodone request is active",
          SIGN, "ob-1", [p, med_request("ob-1-m1", "ob-1", "N02AA05", "oxycodone-5mg-tab", 28, "{{today-200d}}", "active")],
          [draft("ob-1-d1", "ob-1", "N05BA01", "diazepam-5mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "critical", ["diazepam"], ["oxikodon"])])
    p = patient("ob-2")
    write(r, "fires-opioid-with-z-drug-statement", "Tramadol drafted while zopiclone is on the medication list",
          SIGN, "ob-2", [p, statement("ob-2-s1", "ob-2", "N05CF01", "{{today-100d}}")],
          [draft("ob-2-d1", "ob-2", "N02AX02", "tramadol-50mg-tab", 20, 0)], fires=[r])
    p = patient("ob-3")
    write(r, "not-fires-opioid-alone", "An opioid alone gets no opioid-benzo",
          SIGN, "ob-3", [p], [draft("ob-3-d1", "ob-3", "N02AA05", "oxycodone-5mg-tab", 14, 0)], not_fires=[r])
    p = patient("ob-4")
    write(r, "not-fires-opioid-completed-91-days-ago", "An opioid completed 91 days ago is not current use",
          SIGN, "ob-4", [p, med_request("ob-4-m1", "ob-4", "N02AA05", "oxycodone-5mg-tab", 28, "{{today-91d}}")],
          [draft("ob-4-d1", "ob-4", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])
    p = patient("ob-5")
    write(r, "fires-two-drafts-in-one-request", "Oxycodone and nitrazepam drafted together",
          SIGN, "ob-5", [p], [draft("ob-5-d1", "ob-5", "N02AA05", "oxycodone-5mg-tab", 14, 0),
                             draft("ob-5-d2", "ob-5", "N05CD02", "nitrazepam-5mg-tab", 20, 0)], fires=[r])


def long_term_use():
    r = "long-term-use"
    p = patient("lt-1")
    # oxazepam 10 mg x 100 = 1000 mg; 0.5 DDD = 25 mg/day -> 40 days each; 4 requests 35 days apart = continuous
    reqs = [med_request(f"lt-1-m{i}", "lt-1", "N05BA04", "oxazepam-10mg-tab", 100, "{{today-%dd}}" % d)
            for i, d in enumerate([150, 115, 80, 45, 10])]
    write(r, "fires-continuous-150-days", "Oxazepam every 35 days for 150 days: long-term use",
          SIGN, "lt-1", [p] + reqs, [draft("lt-1-d1", "lt-1", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=[r], cards=[card(r, "info", ["oxazepam"], suggestion_codes=["XV015"])])
    p = patient("lt-2")
    write(r, "fires-statement-open-ended", "Zolpidem on the medication list for 120 days",
          SIGN, "lt-2", [p, statement("lt-2-s1", "lt-2", "N05CF02", "{{today-120d}}")],
          [draft("lt-2-d1", "lt-2", "N05CF02", "zolpidem-10mg-tab", 30, 0)], fires=[r])
    p = patient("lt-3")
    write(r, "not-fires-60-days", "Use for only 60 days", SIGN, "lt-3",
          [p, statement("lt-3-s1", "lt-3", "N05CF02", "{{today-60d}}")],
          [draft("lt-3-d1", "lt-3", "N05CF02", "zolpidem-10mg-tab", 30, 0)], not_fires=[r])
    p = patient("lt-4")
    write(r, "not-fires-gap-over-30-days", "Two courses with a 40-day gap", SIGN, "lt-4",
          [p, statement("lt-4-s1", "lt-4", "N05CF02", "{{today-200d}}", "{{today-100d}}", "completed"),
           statement("lt-4-s2", "lt-4", "N05CF02", "{{today-59d}}")],
          [draft("lt-4-d1", "lt-4", "N05CF02", "zolpidem-10mg-tab", 30, 0)], not_fires=[r])


def insomnia_nonpharm():
    r = "insomnia-nonpharm"
    p = patient("in-1")
    write(r, "fires-zopiclone-insomnia", "Zopiclone for F51.0", SIGN, "in-1",
          [p, condition("in-1-c1", "in-1", "F51.0", "{{today-10d}}")],
          [draft("in-1-d1", "in-1", "N05CF01", "zopiclone-5mg-tab", 10, 0)],
          fires=[r], cards=[card(r, "info", ["zopiklon"], links=1)])
    p = patient("in-2")
    write(r, "fires-propiomazine-without-reason", "Propiomazine without any reason", SIGN, "in-2", [p],
          [draft("in-2-d1", "in-2", "N05CM06", "propiomazine-25mg-tab", 20, 0)], fires=[r])
    p = patient("in-3")
    write(r, "not-fires-zopiclone-for-another-reason", "Zopiclone with the reason F32.1 and no insomnia",
          SIGN, "in-3", [p, condition("in-3-c1", "in-3", "F32.1", "{{today-10d}}")],
          [draft("in-3-d1", "in-3", "N05CF01", "zopiclone-5mg-tab", 10, 0, reason_ref="in-3-c1")], not_fires=[r])
    p = patient("in-4")
    write(r, "not-fires-benzodiazepine-anxiolytic", "Oxazepam is not a hypnotic for this rule", SIGN, "in-4",
          [p, condition("in-4-c1", "in-4", "G47.0", "{{today-10d}}")],
          [draft("in-4-d1", "in-4", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])


def sick_leave_activity():
    r = "sick-leave-activity"
    def base(pid, age, extra=(), periods=None):
        c = condition(pid + "-c1", pid, "F43.8A", "{{today-40d}}")
        periods = periods or [("{{today-20d}}", "{{today+10d}}")]
        obs = [sick_leave(f"{pid}-o{i}", pid, pid + "-c1", s, e) for i, (s, e) in enumerate(periods)]
        return [patient(pid, age), c] + obs + list(extra)
    write(r, "fires-age-39-episode-21-days", "39 years, F43.8A sick leave since 20 days", VIEW, "sa-1",
          base("sa-1", 39), fires=[r], cards=[card(r, "info", suggestion_codes=["DV200", "DV132"])])
    write(r, "not-fires-age-41", "41 years: not in the < 40 group", VIEW, "sa-2", base("sa-2", 41), not_fires=[r])
    write(r, "not-fires-activity-given", "DV132 given 10 days ago", VIEW, "sa-3",
          base("sa-3", 30, [procedure("sa-3-p1", "sa-3", "DV132", "{{today-10d}}")]), not_fires=[r])
    write(r, "fires-gap-4-days-joins", "Periods 12 + 12 days with 4 uncovered days between: one 28-day episode",
          VIEW, "sa-4", base("sa-4", 30, periods=[("{{today-27d}}", "{{today-16d}}"), ("{{today-11d}}", "{{today}}")]),
          fires=[r])
    write(r, "not-fires-gap-7-days-splits", "Periods 12 + 12 days with 7 uncovered days: two short episodes",
          VIEW, "sa-5", base("sa-5", 30, periods=[("{{today-30d}}", "{{today-19d}}"), ("{{today-11d}}", "{{today}}")]),
          not_fires=[r])
    write(r, "not-fires-not-listed", "Not listed at any unit", VIEW, "sa-6",
          [patient("sa-6", 30, listed=False), condition("sa-6-c1", "sa-6", "F43.8A", "{{today-40d}}"),
           sick_leave("sa-6-o1", "sa-6", "sa-6-c1", "{{today-20d}}", "{{today+10d}}")], not_fires=[r])


def sick_leave_rehab_plan():
    r = "sick-leave-rehab-plan"
    def base(pid, start, extra=(), code="F32.1"):
        return [patient(pid, 50), condition(pid + "-c1", pid, code, "{{today-60d}}"),
                sick_leave(pid + "-o1", pid, pid + "-c1", start, "{{today+14d}}")] + list(extra)
    write(r, "fires-episode-45-days", "F32.1 sick leave for 45 days, no plan", VIEW, "sr-1",
          base("sr-1", "{{today-30d}}"), fires=[r], cards=[card(r, "warning")])
    write(r, "not-fires-plan-exists", "Rehab plan created 10 days into the episode", VIEW, "sr-2",
          base("sr-2", "{{today-30d}}", [care_plan("sr-2-cp1", "sr-2", "{{today-20d}}")]), not_fires=[r])
    write(r, "not-fires-episode-28-days", "Episode of exactly 28 days (must be longer)", VIEW, "sr-3",
          [patient("sr-3", 50), condition("sr-3-c1", "sr-3", "F32.1", "{{today-60d}}"),
           sick_leave("sr-3-o1", "sr-3", "sr-3-c1", "{{today-27d}}", "{{today}}")], not_fires=[r])
    write(r, "not-fires-non-psychiatric", "Sick leave for J06.9 only", VIEW, "sr-4",
          base("sr-4", "{{today-30d}}", code="J06.9"), not_fires=[r, "sick-leave-activity"])
    write(r, "fires-old-plan-before-episode", "A plan from long before the episode does not count", VIEW, "sr-5",
          base("sr-5", "{{today-30d}}", [care_plan("sr-5-cp1", "sr-5", "{{today-200d}}", "completed")]), fires=[r])


def patient_leaflet():
    r = "patient-leaflet"
    p = patient("pl-1")
    write(r, "fires-new-pregabalin", "New pregabalin: leaflet link", SIGN, "pl-1", [p],
          [draft("pl-1-d1", "pl-1", "N02BF02", "pregabalin-75mg-cap", 56, 0)],
          fires=[r], cards=[card(r, "info", links=1)])
    p = patient("pl-2")
    write(r, "fires-new-opioid", "New codeine + paracetamol", SIGN, "pl-2", [p],
          [draft("pl-2-d1", "pl-2", "N02AJ06", "codeine-paracetamol-30mg-500mg-tab", 20, 0)], fires=[r])
    p = patient("pl-3")
    write(r, "not-fires-ssri", "Sertraline is not dependence-inducing", SIGN, "pl-3", [p],
          [draft("pl-3-d1", "pl-3", "N06AB06", "sertraline-50mg-tab", 30, 0)], not_fires=[r])
    p = patient("pl-4")
    write(r, "not-fires-ongoing-opioid", "Oxycodone prescribed 2 months ago: not a new prescription", SIGN, "pl-4",
          [p, med_request("pl-4-m1", "pl-4", "N02AA05", "oxycodone-5mg-tab", 28, "{{today-2m}}")],
          [draft("pl-4-d1", "pl-4", "N02AA05", "oxycodone-5mg-tab", 28, 0)], not_fires=[r])


def order_select_without_medication():
    write("protocol", "order-select-empty-draft", "order-select with a draft that has no medication yet", SELECT,
          "pr-1", [patient("pr-1")], [draft("pr-1-d1", "pr-1")], not_fires=[
              "benzo-anxiety", "starter-pack", "opioid-benzo", "long-term-use", "insomnia-nonpharm", "patient-leaflet"])


def test_rule_from_test_resources():
    write("test-rules", "fires-test-rule-melatonin", "A rule file in src/test/resources/test-rules fires without Java",
          SIGN, "tr-1", [patient("tr-1", 85)], [draft("tr-1-d1", "tr-1", "N05CH01", "melatonin-2mg-prtab", 30, 0)],
          fires=["test-melatonin-elderly"], cards=[card("test-melatonin-elderly", "info", ["85"])])


if __name__ == "__main__":
    for f in (benzo_anxiety, starter_pack, opioid_benzo, long_term_use, insomnia_nonpharm, sick_leave_activity,
              sick_leave_rehab_plan, patient_leaflet, order_select_without_medication, test_rule_from_test_resources):
        f()
    print("fixtures:", sum(1 for _ in OUT.rglob("*.json")))
