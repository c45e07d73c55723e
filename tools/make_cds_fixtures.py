#!/usr/bin/env python3
"""Writes the CDS rule fixtures: src/test/resources/cds/<folder>/<case>.json.

Each fixture is a real CDS Hooks request (with prefetch) plus what the answer must be. Dates are written relative to
the day of the test run ({{today-90d}}, {{today+10d}}, {{today-13m}}, {{today-39y}}); the test replaces them anywhere
in the file (also inside the expectations) with dates in Europe/Stockholm, so the boundaries of cds-rules.md stay
exact on any day. Folders: one per rule id, plus "budget" (the version 2 alert budget: at most two cards per draft
order, lower-level advice merged into a kept card), "safety" (cross-rule safety fixtures, e.g. 412 for an unknown
patient), "protocol" and "test-rules".

Expectation keys (all optional) read by CdsRuleFixturesIT:
  status (default 200), fires, notFires (a rule fires when it is a card's source.topic or listed in some card's
  extension "se.primarycare.rules"), cardCount, cards: [{rule, host, indicator, summaryContains, detailContains,
  detailNotContains, suggestionCodes, suggestionTextsContain, carePlanCategories, updateQuantity, updateProduct,
  updateCodings, updateLabelContains, noUpdate, links, linkUrlsContain, linkUrlsNotContain}].
A top-level "acceptLanguage" is sent as the Accept-Language header.
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
CAREPLAN_CATEGORY = "https://fhir.primarycare.se/CodeSystem/careplan-category"
SIGN, SELECT, VIEW = "primarycare-order-sign", "primarycare-order-select", "primarycare-patient-view"
HOOK = {SIGN: "order-sign", SELECT: "order-select", VIEW: "patient-view"}

# every rule of the order hooks and of patient-view, for "nothing else fires" lists
ORDER_RULES = ["opioid-benzo", "dependence-history", "benzo-anxiety", "starter-pack", "long-term-use",
               "insomnia-nonpharm", "patient-leaflet"]
VIEW_RULES = ["sick-leave-rehab-plan", "sick-leave-activity", "sick-leave-ending", "far-follow-up"]


def patient(pid, age_years=45, listed=True, active=None):
    p = {"resourceType": "Patient", "id": pid,
         "identifier": [{"system": PNR, "value": "191212121212"}],
         "birthDate": "{{today-%dy}}" % age_years, "gender": "female"}
    if listed:
        p["managingOrganization"] = {"reference": "Organization/vc-fixture"}
    if active is not None:
        p["active"] = active
    return p


def condition(cid, pid, code, recorded, status="active", verification=None):
    """status None = no clinicalStatus (counts as active); verification e.g. refuted, entered-in-error, confirmed."""
    c = {"resourceType": "Condition", "id": cid}
    if status is not None:
        c["clinicalStatus"] = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                           "code": status}]}
    if verification is not None:
        c["verificationStatus"] = {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": verification}]}
    c.update({"code": {"coding": [{"system": ICD, "code": code}]},
              "subject": {"reference": "Patient/" + pid}, "recordedDate": recorded})
    return c


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


def service_request(srid, pid, kva, authored, status="active"):
    return {"resourceType": "ServiceRequest", "id": srid, "status": status, "intent": "order",
            "code": {"coding": [{"system": KVA, "code": kva}]},
            "subject": {"reference": "Patient/" + pid}, "authoredOn": authored}


def sick_leave(oid, pid, cid, start, end, extent=100):
    return {"resourceType": "Observation", "id": oid, "status": "final",
            "code": {"coding": [{"system": "https://fhir.primarycare.se/CodeSystem/observation", "code": "sick-leave"}]},
            "subject": {"reference": "Patient/" + pid}, "effectivePeriod": {"start": start, "end": end},
            "valueQuantity": {"value": extent, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"},
            "focus": [{"reference": "Condition/" + cid}]}


def care_plan(cpid, pid, created, status="active", category="rehab-plan"):
    """category rehab-plan or medication-plan; the carePlans prefetch holds all CarePlans of the patient."""
    return {"resourceType": "CarePlan", "id": cpid, "status": status, "intent": "plan",
            "category": [{"coding": [{"system": CAREPLAN_CATEGORY, "code": category}]}],
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
        # (30 days x 1 tablet twice a day = 60 tablets)
        d["category"] = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/medicationrequest-category",
                                     "code": "outpatient"}]}
        d["dosageInstruction"] = [{"doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}],
                                   "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}}}]
        d["dispenseRequest"] = {"expectedSupplyDuration": {"value": 30, "unit": "days", "code": "d",
                                                           "system": "http://unitsofmeasure.org"}}
    return d


def bundle(resources):
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources]}


def request(service, pid, resources, drafts=(), omit_keys=(), omit_prefetch=False):
    by_key = {"patient": None, "conditions": [], "medicationRequests": [], "medicationStatements": [],
              "procedures": [], "sickLeave": [], "carePlans": [], "serviceRequests": []}
    key_of = {"Condition": "conditions", "MedicationRequest": "medicationRequests",
              "MedicationStatement": "medicationStatements", "Procedure": "procedures",
              "Observation": "sickLeave", "CarePlan": "carePlans", "ServiceRequest": "serviceRequests"}
    for r in resources:
        if r["resourceType"] == "Patient":
            by_key["patient"] = r
        else:
            by_key[key_of[r["resourceType"]]].append(r)
    context = {"userId": "Practitioner/lakare-1", "patientId": pid}
    if HOOK[service] != "patient-view":
        context["draftOrders"] = {"resourceType": "Bundle", "type": "collection",
                                  "entry": [{"resource": d} for d in drafts]}
        if HOOK[service] == "order-select":
            context["selections"] = ["MedicationRequest/" + d["id"] for d in drafts]
    req = {"hook": HOOK[service], "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "context": context}
    if not omit_prefetch:
        req["prefetch"] = {k: (v if k == "patient" else bundle(v)) for k, v in by_key.items() if k not in omit_keys}
    return req


def write(rule, case, description, service, pid, resources, drafts=(), fires=(), not_fires=(), cards=(),
          card_count=None, expect_status=None, omit_prefetch=False, omit_keys=(), en=False):
    """rule = the folder (a rule id, or budget / safety / protocol / test-rules)."""
    folder = OUT / rule
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case}.json"
    if path in WRITTEN:
        raise SystemExit(f"duplicate fixture {path}")
    WRITTEN.add(path)
    pids = PATIENTS.setdefault(pid, path)
    if pids != path:
        raise SystemExit(f"patient id {pid} used by {pids} and {path}")
    check_expectations(path, fires, not_fires, cards, card_count)
    expect = {}
    if expect_status is not None:
        expect["status"] = expect_status
    expect.update({"fires": list(fires), "notFires": list(not_fires)})
    if card_count is not None:
        expect["cardCount"] = card_count
    expect["cards"] = list(cards)
    fixture = {"description": description, "service": service}
    if en:
        fixture["acceptLanguage"] = "en-GB"
    fixture["request"] = request(service, pid, resources, drafts, omit_keys, omit_prefetch)
    fixture["expect"] = expect
    path.write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


WRITTEN = set()
PATIENTS = {}


def check_expectations(path, fires, not_fires, cards, card_count):
    """Catches fixtures that contradict themselves before the Java test does."""
    fires, not_fires = set(fires), set(not_fires)
    if fires & not_fires:
        raise SystemExit(f"{path}: both fires and notFires: {sorted(fires & not_fires)}")
    hosts = set()
    for c in cards:
        for key in ("rule", "host"):
            if key in c and c[key] not in fires:
                raise SystemExit(f"{path}: card {key} {c[key]} is not in fires")
        hosts.add(c.get("host", c["rule"]) if "host" in c else None)
        if "indicator" in c and c.get("host", c["rule"]) != c["rule"]:
            raise SystemExit(f"{path}: indicator on a merged rule {c['rule']} is never checked")
    if card_count is not None:
        own = {c["rule"] for c in cards if c.get("host") == c["rule"]} | {h for h in hosts if h}
        if card_count < len(own) or (card_count == 0 and fires):
            raise SystemExit(f"{path}: cardCount {card_count} below the cards it names")


def card(rule, indicator=None, summary_contains=(), detail_contains=(), suggestion_codes=None, update_quantity=None,
         update_product=None, links=None, *, host=None, detail_not_contains=(), suggestion_texts_contain=(),
         care_plan_categories=None, update_codings=None, update_label_contains=(), no_update=False,
         link_urls_contain=(), link_urls_not_contain=()):
    """The card that speaks for `rule` (its own card, or the card of `host` it is merged into).
    suggestion_codes / care_plan_categories / update_codings: None = not checked, [] = must be empty (exact lists).
    indicator is only checked when the rule is the card's own topic."""
    c = {"rule": rule}
    if host:
        c["host"] = host
    if indicator:
        c["indicator"] = indicator
    if summary_contains:
        c["summaryContains"] = list(summary_contains)
    if detail_contains:
        c["detailContains"] = list(detail_contains)
    if detail_not_contains:
        c["detailNotContains"] = list(detail_not_contains)
    if suggestion_codes is not None:
        c["suggestionCodes"] = list(suggestion_codes)
    if suggestion_texts_contain:
        c["suggestionTextsContain"] = list(suggestion_texts_contain)
    if care_plan_categories is not None:
        c["carePlanCategories"] = list(care_plan_categories)
    if update_quantity is not None:
        c["updateQuantity"] = update_quantity
    if update_product is not None:
        c["updateProduct"] = update_product
    if update_codings is not None:
        c["updateCodings"] = list(update_codings)
    if update_label_contains:
        c["updateLabelContains"] = list(update_label_contains)
    if no_update:
        c["noUpdate"] = True
    if links is not None:
        c["links"] = links
    if link_urls_contain:
        c["linkUrlsContain"] = list(link_urls_contain)
    if link_urls_not_contain:
        c["linkUrlsNotContain"] = list(link_urls_not_contain)
    return c


UNVERIFIED = "ej verifierad"  # the text a suggestion with a verified=no KVÅ code (XV015/XV016) carries instead
LEAFLET_HOST = "1177.se"     # patient leaflet: 1177's page, never the physicians' RJL opioid manual
RJL = "rjl.se"               # the RJL opioid-tapering manual: only for opioids


def benzo_anxiety():
    r = "benzo-anxiety"
    p = patient("ba-1")
    write(r, "fires-active-anxiety-oxazepam",
          "Oxazepam 25 (a new prescription, within the starter-pack limit) for a patient with active F41.1: warns, "
          "suggests only KBT (DU011) and FaR (DV200) because it is not a renewal (no current benzodiazepine use)",
          SIGN, "ba-1", [p, condition("ba-1-c1", "ba-1", "F41.1", "{{today-30d}}")],
          [draft("ba-1-d1", "ba-1", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", ["oxazepam"], ["F41.1"], ["DU011", "DV200"],
                                 care_plan_categories=[])])
    p = patient("ba-2")
    write(r, "fires-resolved-anxiety-23-months-ago", "Resolved F43.8A recorded 23 months ago still counts",
          SELECT, "ba-2", [p, condition("ba-2-c1", "ba-2", "F43.8A", "{{today-23m}}", "resolved")],
          [draft("ba-2-d1", "ba-2", "N05BA12", "alprazolam-0.5mg-tab", 20, 0)],
          fires=[r], cards=[card(r, "warning", ["alprazolam"], ["F43.8A"], ["DU011", "DV200"])])
    p = patient("ba-3")
    write(r, "fires-reason-code-without-condition",
          "No stored diagnosis, but the order's reasonCode is F410 (without dot, normalised to F41.0: anxiety)",
          SIGN, "ba-3", [p], [draft("ba-3-d1", "ba-3", "N05BA01", "diazepam-5mg-tab", 25, 0, reason_code="F410")],
          fires=[r], cards=[card(r, detail_contains=["F41.0"])])
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
    write(r, "not-fires-clonazepam-with-epilepsy",
          "Clonazepam 150 without a reason for a patient with epilepsy (G40.9) and F41.1: an antiepileptic, so no "
          "benzo-anxiety, and (v2 'clonazepam is an antiepileptic first') no starter-pack or patient-leaflet either",
          SIGN, "ba-6", [p, condition("ba-6-c1", "ba-6", "F41.1", "{{today-30d}}"),
                         condition("ba-6-c2", "ba-6", "G40.9", "{{today-400d}}")],
          [draft("ba-6-d1", "ba-6", "N03AE01", "clonazepam-0.5mg-tab", 150, 0)],
          not_fires=[r, "starter-pack", "patient-leaflet", "long-term-use"])
    p = patient("ba-7")
    write(r, "fires-clonazepam-for-anxiety", "Clonazepam with an anxiety reason counts as a benzodiazepine",
          SIGN, "ba-7", [p, condition("ba-7-c1", "ba-7", "F41.0", "{{today-30d}}"),
                         condition("ba-7-c2", "ba-7", "G40.9", "{{today-400d}}")],
          [draft("ba-7-d1", "ba-7", "N03AE01", "clonazepam-0.5mg-tab", 150, 0, reason_ref="ba-7-c1")], fires=[r])
    p = patient("ba-8")
    write(r, "not-fires-unknown-atc", "An ATC code the server does not know: no card, no error",
          SIGN, "ba-8", [p, condition("ba-8-c1", "ba-8", "F41.1", "{{today-30d}}")],
          [draft("ba-8-d1", "ba-8", "Z99ZZ99", None, 25, 0)], not_fires=[r, "starter-pack", "patient-leaflet"],
          card_count=0)
    p = patient("ba-9")
    write(r, "fires-sandbox-rxnorm-draft",
          "Sandbox-style draft: RxNorm 197591 (diazepam 5 mg) only, category as object, no quantity (60 tablets from "
          "supply x dose). Still fires; the starter-pack update keeps the strength (diazepam 5 mg, 25) and keeps the "
          "RxNorm coding because the ConceptMap maps 197591 to that same product",
          SELECT, "ba-9", [p, condition("ba-9-c1", "ba-9", "F41.1", "{{today-30d}}")],
          [draft("ba-9-d1", "ba-9", rxnorm="197591", sandbox_style=True)], fires=[r, "starter-pack"],
          cards=[card("starter-pack", "warning", update_quantity=25, update_product="diazepam-5mg-tab",
                      update_codings=["N05BA01", "diazepam-5mg-tab", "197591"])])
    p = patient("ba-10")
    write(r, "not-fires-unmapped-rxnorm", "RxNorm code not in the ConceptMap: no card, no error",
          SELECT, "ba-10", [p, condition("ba-10-c1", "ba-10", "F41.1", "{{today-30d}}")],
          [draft("ba-10-d1", "ba-10", rxnorm="999999999", sandbox_style=True)],
          not_fires=[r, "starter-pack", "patient-leaflet"], card_count=0)

    # v2: renewal (current use of a benzodiazepine) adds medication review (text, XV015 unverified) + medication-plan
    renewal = dict(suggestion_codes=["DU011", "DV200", "medication-plan"], care_plan_categories=["medication-plan"],
                   suggestion_texts_contain=[UNVERIFIED])
    new_only = dict(suggestion_codes=["DU011", "DV200"], care_plan_categories=[])
    write(r, "fires-renewal-active-request",
          "Renewal: an active oxazepam MedicationRequest authored 200 days ago is current use (any date). The card "
          "also asks for a medication review (text only, XV015 is not verified) and a medication-plan CarePlan draft",
          SIGN, "ba-11", [patient("ba-11"), condition("ba-11-c1", "ba-11", "F41.1", "{{today-30d}}"),
                          med_request("ba-11-m1", "ba-11", "N05BA04", "oxazepam-10mg-tab", 100, "{{today-200d}}",
                                      "active")],
          [draft("ba-11-d1", "ba-11", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], not_fires=["starter-pack", "patient-leaflet"], card_count=1,
          cards=[card(r, "warning", ["oxazepam"], **renewal)])
    write(r, "fires-renewal-completed-90-days-ago",
          "Renewal boundary: a completed oxazepam request authored exactly 90 days ago is current use, so the "
          "medication review (text) and the medication-plan CarePlan are suggested too",
          SIGN, "ba-12", [patient("ba-12"), condition("ba-12-c1", "ba-12", "F41.1", "{{today-30d}}"),
                          med_request("ba-12-m1", "ba-12", "N05BA04", "oxazepam-10mg-tab", 25, "{{today-90d}}")],
          [draft("ba-12-d1", "ba-12", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", **renewal)])
    write(r, "fires-not-renewal-completed-91-days-ago",
          "Not a renewal: a completed request authored 91 days ago is not current use, so benzo-anxiety fires with "
          "only KBT (DU011) and FaR (DV200): no medication review, no medication-plan CarePlan",
          SIGN, "ba-13", [patient("ba-13"), condition("ba-13-c1", "ba-13", "F41.1", "{{today-30d}}"),
                          med_request("ba-13-m1", "ba-13", "N05BA04", "oxazepam-10mg-tab", 25, "{{today-91d}}")],
          [draft("ba-13-d1", "ba-13", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", **new_only)])
    write(r, "fires-renewal-statement-covering-today",
          "Renewal: an active diazepam MedicationStatement from 60 days ago to 30 days ahead covers today (current "
          "use of a benzodiazepine), so the oxazepam card also suggests medication review and medication-plan",
          SIGN, "ba-14", [patient("ba-14"), condition("ba-14-c1", "ba-14", "F41.1", "{{today-30d}}"),
                          statement("ba-14-s1", "ba-14", "N05BA01", "{{today-60d}}", "{{today+30d}}")],
          [draft("ba-14-d1", "ba-14", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", **renewal)])
    write(r, "fires-not-renewal-statement-ended",
          "Not a renewal: the active diazepam MedicationStatement ended 100 days ago (does not cover today), so only "
          "KBT and FaR are suggested",
          SIGN, "ba-15", [patient("ba-15"), condition("ba-15-c1", "ba-15", "F41.1", "{{today-30d}}"),
                          statement("ba-15-s1", "ba-15", "N05BA01", "{{today-200d}}", "{{today-100d}}")],
          [draft("ba-15-d1", "ba-15", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", **new_only)])

    # v2: conditions that do not count; missing clinicalStatus counts; dotless codes normalised
    write(r, "not-fires-refuted-anxiety",
          "The only anxiety Condition (F41.1, clinically active) is verificationStatus refuted: it never counts, so "
          "no benzo-anxiety (the new oxazepam still gets its patient-leaflet)",
          SIGN, "ba-16", [patient("ba-16"), condition("ba-16-c1", "ba-16", "F41.1", "{{today-30d}}",
                                                      verification="refuted")],
          [draft("ba-16-d1", "ba-16", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=["patient-leaflet"], not_fires=[r])
    write(r, "not-fires-entered-in-error-anxiety",
          "The only anxiety Condition (F41.0, clinically active, recorded 10 days ago) is entered-in-error: it never "
          "counts, so no benzo-anxiety",
          SIGN, "ba-17", [patient("ba-17"), condition("ba-17-c1", "ba-17", "F41.0", "{{today-10d}}",
                                                      verification="entered-in-error")],
          [draft("ba-17-d1", "ba-17", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=["patient-leaflet"], not_fires=[r])
    write(r, "fires-confirmed-anxiety",
          "An anxiety Condition with verificationStatus confirmed counts as usual",
          SIGN, "ba-18", [patient("ba-18"), condition("ba-18-c1", "ba-18", "F41.1", "{{today-30d}}",
                                                      verification="confirmed")],
          [draft("ba-18-d1", "ba-18", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", detail_contains=["F41.1"])])
    write(r, "fires-anxiety-without-clinical-status",
          "An F41.1 Condition without clinicalStatus, recorded 30 months ago: a missing clinicalStatus counts as "
          "active, so the 24-month look-back for resolved diagnoses does not apply",
          SIGN, "ba-19", [patient("ba-19"), condition("ba-19-c1", "ba-19", "F41.1", "{{today-30m}}", status=None)],
          [draft("ba-19-d1", "ba-19", "N05BA04", "oxazepam-10mg-tab", 25, 0)], fires=[r])
    write(r, "fires-dotless-prefetched-condition",
          "A prefetched Condition coded F411 (no dot) is normalised to F41.1 and counts as anxiety",
          SIGN, "ba-20", [patient("ba-20"), condition("ba-20-c1", "ba-20", "F411", "{{today-30d}}")],
          [draft("ba-20-d1", "ba-20", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", detail_contains=["F41.1"])])
    write(r, "not-fires-dotless-depression",
          "A prefetched Condition coded F321 (no dot, F32.1 depression) is not anxiety: no benzo-anxiety",
          SIGN, "ba-21", [patient("ba-21"), condition("ba-21-c1", "ba-21", "F321", "{{today-30d}}")],
          [draft("ba-21-d1", "ba-21", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])
    write(r, "fires-english-accept-language",
          "Accept-Language en-GB: the card is in English (summary names the anxiety in English)",
          SIGN, "ba-22", [patient("ba-22"), condition("ba-22-c1", "ba-22", "F41.1", "{{today-30d}}")],
          [draft("ba-22-d1", "ba-22", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r], cards=[card(r, "warning", ["anxiety", "oxazepam"])], en=True)


def starter_pack():
    r = "starter-pack"
    p = patient("sp-1")
    write(r, "fires-26-tablets-new-benzodiazepine",
          "New oxazepam 10 mg, 26 tablets: suggests oxazepam 10 mg, 25 (same strength); the updated draft carries "
          "only the ATC and product codings",
          SIGN, "sp-1", [p], [draft("sp-1-d1", "sp-1", "N05BA04", "oxazepam-10mg-tab", 26, 0)],
          fires=[r], cards=[card(r, "warning", ["oxazepam", "25"], ["26"], update_quantity=25,
                                 update_product="oxazepam-10mg-tab", update_codings=["N05BA04", "oxazepam-10mg-tab"])])
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
    write(r, "fires-lorazepam-without-starter-pack",
          "Lorazepam 1 mg 100: fires, says there is no starter pack (lorazepam only comes in 100; the 2.5 mg "
          "product is verified=no and never suggested), no update suggestion",
          SIGN, "sp-8", [p], [draft("sp-8-d1", "sp-8", "N05BA06", "lorazepam-1mg-tab", 100, 0)],
          fires=[r], cards=[card(r, detail_contains=["ingen förpackning"], no_update=True)])
    p = patient("sp-9")
    write(r, "fires-closest-strength",
          "Alprazolam 100 with only the ATC code (strength unknown): fires, but v2 'never change the strength "
          "silently' means no update suggestion (the detail lists the starter packs per strength instead). Changed "
          "in v2: this used to expect an update to alprazolam 0.25 mg, 20",
          SIGN, "sp-9", [p], [draft("sp-9-d1", "sp-9", "N05BA12", None, 100, 0)],
          fires=[r], cards=[card(r, "warning", ["alprazolam"], no_update=True)])

    # v2: never change the strength silently
    write(r, "fires-other-strength-named-in-label",
          "Diazepam 2 mg, 100 tablets: the 2 mg product is verified=no and never suggested, so the closest verified "
          "strength with a pack <= 25 is suggested (diazepam 5 mg, 25) and the label names the change of strength",
          SIGN, "sp-10", [patient("sp-10")], [draft("sp-10-d1", "sp-10", "N05BA01", "diazepam-2mg-tab", 100, 0)],
          fires=[r], card_count=1,
          cards=[card(r, "warning", update_quantity=25, update_product="diazepam-5mg-tab",
                      update_codings=["N05BA01", "diazepam-5mg-tab"], update_label_contains=["annan styrka"])])
    write(r, "fires-rxnorm-other-product-coding-dropped",
          "Sandbox draft RxNorm 197590 (diazepam 2 mg, maps to the unverified diazepam-2mg-tab): suggests diazepam "
          "5 mg, 25 with 'annan styrka'; the RxNorm coding is dropped because it names another product",
          SELECT, "sp-11", [patient("sp-11")], [draft("sp-11-d1", "sp-11", rxnorm="197590", sandbox_style=True)],
          fires=[r],
          cards=[card(r, "warning", update_quantity=25, update_product="diazepam-5mg-tab",
                      update_codings=["N05BA01", "diazepam-5mg-tab"], update_label_contains=["annan styrka"])])
    write(r, "fires-rxnorm-same-product-coding-kept",
          "Sandbox draft RxNorm 312133 (oxazepam 10 mg tablet, 60 tablets): suggests oxazepam 10 mg, 25 (same "
          "strength) and keeps the RxNorm coding because the ConceptMap maps it to oxazepam-10mg-tab",
          SELECT, "sp-12", [patient("sp-12")], [draft("sp-12-d1", "sp-12", rxnorm="312133", sandbox_style=True)],
          fires=[r],
          cards=[card(r, "warning", update_quantity=25, update_product="oxazepam-10mg-tab",
                      update_codings=["N05BA04", "oxazepam-10mg-tab", "312133"])])
    write(r, "fires-rxnorm-without-product-no-update",
          "Sandbox draft RxNorm 312135 (oxazepam 30 mg: mapped to ATC only, no product): the strength is unknown, so "
          "starter-pack fires without an update suggestion",
          SELECT, "sp-13", [patient("sp-13")], [draft("sp-13-d1", "sp-13", rxnorm="312135", sandbox_style=True)],
          fires=[r], cards=[card(r, "warning", no_update=True)])
    write(r, "fires-same-strength-preferred",
          "Oxazepam 25 mg, 100 tablets: the 25 mg strength has a 25 pack, so it is kept (no change of strength)",
          SIGN, "sp-14", [patient("sp-14")], [draft("sp-14-d1", "sp-14", "N05BA04", "oxazepam-25mg-tab", 100, 0)],
          fires=[r],
          cards=[card(r, "warning", update_quantity=25, update_product="oxazepam-25mg-tab",
                      update_codings=["N05BA04", "oxazepam-25mg-tab"])])

    # v2: new means not in use
    write(r, "not-fires-active-statement-started-2-years-ago",
          "Oxazepam 100 for a patient with an active oxazepam MedicationStatement started 2 years ago without end: "
          "current use, so not new (no starter-pack, no patient-leaflet) although nothing was started in 365 days; "
          "long-term-use fires instead",
          SIGN, "sp-15", [patient("sp-15"), statement("sp-15-s1", "sp-15", "N05BA04", "{{today-2y}}")],
          [draft("sp-15-d1", "sp-15", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=["long-term-use"], not_fires=[r, "patient-leaflet"], card_count=1)
    write(r, "not-fires-active-request-authored-2-years-ago",
          "Diazepam 100 for a patient with a still active diazepam MedicationRequest authored 2 years ago: current "
          "use, so not new: no starter-pack, no patient-leaflet",
          SIGN, "sp-16", [patient("sp-16"), med_request("sp-16-m1", "sp-16", "N05BA01", "diazepam-5mg-tab", 25,
                                                        "{{today-2y}}", "active")],
          [draft("sp-16-d1", "sp-16", "N05BA01", "diazepam-5mg-tab", 100, 0)], not_fires=[r, "patient-leaflet"])
    write(r, "fires-statement-active-but-ended-13-months-ago",
          "A MedicationStatement with status active but a period that ended 13 months ago (started 2 years ago) "
          "does not cover today and started > 365 days ago: the oxazepam 100 is new, starter-pack fires",
          SIGN, "sp-17", [patient("sp-17"), statement("sp-17-s1", "sp-17", "N05BA04", "{{today-2y}}",
                                                      "{{today-13m}}")],
          [draft("sp-17-d1", "sp-17", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=[r, "patient-leaflet"], cards=[card(r, update_quantity=25, update_product="oxazepam-10mg-tab")])

    # v2: clonazepam is an antiepileptic first
    write(r, "not-fires-clonazepam-with-epilepsy",
          "New clonazepam 150 without a reason for a patient with G40.9 and no anxiety: an antiepileptic, not a "
          "benzodiazepine here, so no starter-pack, no patient-leaflet, no card at all",
          SIGN, "sp-18", [patient("sp-18"), condition("sp-18-c1", "sp-18", "G40.9", "{{today-400d}}")],
          [draft("sp-18-d1", "sp-18", "N03AE01", "clonazepam-0.5mg-tab", 150, 0)],
          not_fires=[r, "patient-leaflet", "benzo-anxiety", "long-term-use"], card_count=0)
    write(r, "fires-clonazepam-without-epilepsy",
          "New clonazepam 150 without a reason and without G40: counts as a benzodiazepine, starter-pack fires (no "
          "clonazepam pack <= 25 exists: no update) and carries the merged patient-leaflet",
          SIGN, "sp-19", [patient("sp-19")], [draft("sp-19-d1", "sp-19", "N03AE01", "clonazepam-0.5mg-tab", 150, 0)],
          fires=[r, "patient-leaflet"], card_count=1,
          cards=[card(r, "warning", no_update=True),
                 card("patient-leaflet", host=r, links=1, link_urls_contain=[LEAFLET_HOST])])


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

    # v2: gabapentinoids count on the sedative side
    write(r, "fires-pregabalin-with-active-opioid",
          "New pregabalin drafted while an oxycodone request is active: gabapentinoids count on the sedative side "
          "(critical); the new pregabalin's patient-leaflet is merged into this card",
          SIGN, "ob-6", [patient("ob-6"), med_request("ob-6-m1", "ob-6", "N02AA05", "oxycodone-5mg-tab", 28,
                                                      "{{today-200d}}", "active")],
          [draft("ob-6-d1", "ob-6", "N02BF02", "pregabalin-75mg-cap", 56, 0)],
          fires=[r, "patient-leaflet"], card_count=1,
          cards=[card(r, "critical", ["pregabalin"], ["oxikodon"]),
                 card("patient-leaflet", host=r, links=1, link_urls_contain=[LEAFLET_HOST])])
    write(r, "fires-opioid-with-pregabalin-statement",
          "Tramadol drafted while pregabalin is on the medication list (active statement): fires (critical)",
          SIGN, "ob-7", [patient("ob-7"), statement("ob-7-s1", "ob-7", "N02BF02", "{{today-100d}}")],
          [draft("ob-7-d1", "ob-7", "N02AX02", "tramadol-50mg-tab", 20, 0)],
          fires=[r], cards=[card(r, "critical", ["tramadol"], ["pregabalin"])])
    write(r, "fires-opioid-with-recent-gabapentin",
          "Oxycodone drafted 30 days after a completed gabapentin (N02BF01) prescription: current use of a "
          "gabapentinoid, fires",
          SIGN, "ob-8", [patient("ob-8"), med_request("ob-8-m1", "ob-8", "N02BF01", None, 100, "{{today-30d}}")],
          [draft("ob-8-d1", "ob-8", "N02AA05", "oxycodone-5mg-tab", 14, 0)],
          fires=[r], cards=[card(r, "critical", detail_contains=["gabapentin"])])
    write(r, "not-fires-gabapentinoid-with-z-drug",
          "Zopiclone drafted while pregabalin is in use: both on the sedative side, no opioid, no opioid-benzo",
          SIGN, "ob-9", [patient("ob-9"), statement("ob-9-s1", "ob-9", "N02BF02", "{{today-100d}}")],
          [draft("ob-9-d1", "ob-9", "N05CF01", "zopiclone-5mg-tab", 10, 0)], not_fires=[r])
    write(r, "not-fires-pregabalin-alone", "Pregabalin alone gets no opioid-benzo (only its patient-leaflet)",
          SIGN, "ob-10", [patient("ob-10")], [draft("ob-10-d1", "ob-10", "N02BF02", "pregabalin-75mg-cap", 56, 0)],
          fires=["patient-leaflet"], not_fires=[r])
    write(r, "not-fires-pregabalin-opioid-completed-91-days-ago",
          "Pregabalin drafted; the only opioid was completed 91 days ago: not current use, no opioid-benzo",
          SIGN, "ob-11", [patient("ob-11"), med_request("ob-11-m1", "ob-11", "N02AA05", "oxycodone-5mg-tab", 28,
                                                        "{{today-91d}}")],
          [draft("ob-11-d1", "ob-11", "N02BF02", "pregabalin-75mg-cap", 56, 0)], not_fires=[r])

    # v2: clonazepam always counts here, even with G40
    write(r, "fires-clonazepam-with-epilepsy-and-opioid",
          "Clonazepam without a reason for a patient with G40.9 while oxycodone is active: clonazepam always counts "
          "for opioid-benzo (same respiratory risk), but being an antiepileptic here it gets no benzo-anxiety, "
          "starter-pack or patient-leaflet",
          SIGN, "ob-12", [patient("ob-12"), condition("ob-12-c1", "ob-12", "G40.9", "{{today-400d}}"),
                          condition("ob-12-c2", "ob-12", "F41.1", "{{today-30d}}"),
                          med_request("ob-12-m1", "ob-12", "N02AA05", "oxycodone-5mg-tab", 28, "{{today-20d}}",
                                      "active")],
          [draft("ob-12-d1", "ob-12", "N03AE01", "clonazepam-0.5mg-tab", 150, 0)],
          fires=[r], not_fires=["benzo-anxiety", "starter-pack", "patient-leaflet", "long-term-use"], card_count=1,
          cards=[card(r, "critical", ["klonazepam"], ["oxikodon"])])
    write(r, "fires-opioid-with-clonazepam-for-epilepsy",
          "Oxycodone drafted while clonazepam (active statement) is used for epilepsy G40.9: clonazepam counts on the "
          "sedative side even with G40",
          SIGN, "ob-13", [patient("ob-13"), condition("ob-13-c1", "ob-13", "G40.9", "{{today-400d}}"),
                          statement("ob-13-s1", "ob-13", "N03AE01", "{{today-300d}}")],
          [draft("ob-13-d1", "ob-13", "N02AA05", "oxycodone-5mg-tab", 14, 0)],
          fires=[r], cards=[card(r, "critical", ["oxikodon"], ["klonazepam"])])


def long_term_use():
    r = "long-term-use"
    p = patient("lt-1")
    # oxazepam 10 mg x 100 = 1000 mg; 0.5 DDD = 25 mg/day -> 40 days each; 4 requests 35 days apart = continuous
    reqs = [med_request(f"lt-1-m{i}", "lt-1", "N05BA04", "oxazepam-10mg-tab", 100, "{{today-%dd}}" % d)
            for i, d in enumerate([150, 115, 80, 45, 10])]
    write(r, "fires-continuous-150-days",
          "Oxazepam every 35 days for 150 days: long-term use. Changed in v2: the medication review is text only "
          "(XV015 is verified=no, so no KVÅ coding; the text says it is not verified), a medication-plan CarePlan "
          "draft is suggested, and the tapering link is not the RJL opioid manual (a benzodiazepine)",
          SIGN, "lt-1", [p] + reqs, [draft("lt-1-d1", "lt-1", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=[r], card_count=1,
          cards=[card(r, "info", ["oxazepam"], suggestion_codes=["medication-plan"],
                      care_plan_categories=["medication-plan"], suggestion_texts_contain=[UNVERIFIED],
                      link_urls_not_contain=[RJL])])
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

    # v2: opioids
    write(r, "fires-opioid-statement-120-days",
          "Oxycodone on the medication list for 120 days, oxycodone drafted: long-term use also for opioids. "
          "Suggests medication review (text, XV015 not verified), a medication-plan CarePlan, pain school "
          "(smärtskola) and ACT as text; the tapering link is the RJL opioid manual",
          SIGN, "lt-5", [patient("lt-5"), statement("lt-5-s1", "lt-5", "N02AA05", "{{today-120d}}")],
          [draft("lt-5-d1", "lt-5", "N02AA05", "oxycodone-5mg-tab", 28, 0)],
          fires=[r], not_fires=["patient-leaflet"], card_count=1,
          cards=[card(r, "info", ["oxikodon"], suggestion_codes=["medication-plan"],
                      care_plan_categories=["medication-plan"],
                      suggestion_texts_contain=[UNVERIFIED, "smärtskola", "ACT"], link_urls_contain=[RJL])])
    # tramadol 50 mg x 100 = 5000 mg; 0.5 DDD = 150 mg/day -> 33 days each, requests 35 days apart
    reqs = [med_request(f"lt-6-m{i}", "lt-6", "N02AX02", "tramadol-50mg-tab", 100, "{{today-%dd}}" % d)
            for i, d in enumerate([150, 115, 80, 45, 10])]
    write(r, "fires-tramadol-prescriptions-150-days",
          "Tramadol 100 tablets every 35 days for 150 days (33 days each at 0.5 DDD, gaps of 2 days): long-term use "
          "of an opioid",
          SIGN, "lt-6", [patient("lt-6")] + reqs, [draft("lt-6-d1", "lt-6", "N02AX02", "tramadol-50mg-tab", 100, 0)],
          fires=[r], cards=[card(r, "info", ["tramadol"], link_urls_contain=[RJL])])
    write(r, "not-fires-opioid-60-days", "Oxycodone used for only 60 days: not long-term",
          SIGN, "lt-7", [patient("lt-7"), statement("lt-7-s1", "lt-7", "N02AA05", "{{today-60d}}")],
          [draft("lt-7-d1", "lt-7", "N02AA05", "oxycodone-5mg-tab", 28, 0)], not_fires=[r])
    write(r, "not-fires-pregabalin-long-term",
          "Pregabalin on the medication list for 200 days: gabapentinoids are not in long-term-use (only "
          "benzodiazepines, z-drugs and opioids N02A)",
          SIGN, "lt-8", [patient("lt-8"), statement("lt-8-s1", "lt-8", "N02BF02", "{{today-200d}}")],
          [draft("lt-8-d1", "lt-8", "N02BF02", "pregabalin-75mg-cap", 56, 0)], not_fires=[r])

    # v2: suppressed by a medication review done or ordered in the last 180 days
    write(r, "not-fires-medication-review-2-months-ago",
          "Zolpidem for 200 days, but a medication review (Procedure XV015) was done 2 months ago: no long-term-use",
          SIGN, "lt-9", [patient("lt-9"), statement("lt-9-s1", "lt-9", "N05CF02", "{{today-200d}}"),
                         procedure("lt-9-p1", "lt-9", "XV015", "{{today-2m}}")],
          [draft("lt-9-d1", "lt-9", "N05CF02", "zolpidem-10mg-tab", 30, 0)], not_fires=[r])
    write(r, "not-fires-opioid-review-xv016-procedure",
          "Oxycodone for 200 days, a comprehensive medication review (Procedure XV016) 100 days ago: no long-term-use",
          SIGN, "lt-10", [patient("lt-10"), statement("lt-10-s1", "lt-10", "N02AA05", "{{today-200d}}"),
                          procedure("lt-10-p1", "lt-10", "XV016", "{{today-100d}}")],
          [draft("lt-10-d1", "lt-10", "N02AA05", "oxycodone-5mg-tab", 28, 0)], not_fires=[r])
    write(r, "not-fires-review-ordered-active",
          "Oxazepam for 200 days; an active ServiceRequest for XV016 authored 100 days ago (review ordered): no "
          "long-term-use",
          SIGN, "lt-11", [patient("lt-11"), statement("lt-11-s1", "lt-11", "N05BA04", "{{today-200d}}"),
                          service_request("lt-11-sr1", "lt-11", "XV016", "{{today-100d}}", "active")],
          [draft("lt-11-d1", "lt-11", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])
    write(r, "not-fires-review-ordered-draft",
          "Oxazepam for 200 days; a draft ServiceRequest for XV015 authored 10 days ago: counts as ordered, no "
          "long-term-use",
          SIGN, "lt-12", [patient("lt-12"), statement("lt-12-s1", "lt-12", "N05BA04", "{{today-200d}}"),
                          service_request("lt-12-sr1", "lt-12", "XV015", "{{today-10d}}", "draft")],
          [draft("lt-12-d1", "lt-12", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])
    write(r, "not-fires-review-ordered-completed",
          "Tramadol for 200 days; a completed ServiceRequest for XV015 authored 150 days ago: no long-term-use",
          SIGN, "lt-13", [patient("lt-13"), statement("lt-13-s1", "lt-13", "N02AX02", "{{today-200d}}"),
                          service_request("lt-13-sr1", "lt-13", "XV015", "{{today-150d}}", "completed")],
          [draft("lt-13-d1", "lt-13", "N02AX02", "tramadol-50mg-tab", 20, 0)], not_fires=[r])
    write(r, "fires-review-order-revoked",
          "Oxazepam for 200 days; the only review ServiceRequest (XV015, 10 days ago) is revoked: it does not "
          "count, long-term-use fires",
          SIGN, "lt-14", [patient("lt-14"), statement("lt-14-s1", "lt-14", "N05BA04", "{{today-200d}}"),
                          service_request("lt-14-sr1", "lt-14", "XV015", "{{today-10d}}", "revoked")],
          [draft("lt-14-d1", "lt-14", "N05BA04", "oxazepam-10mg-tab", 25, 0)], fires=[r])
    write(r, "fires-review-181-days-ago",
          "Zolpidem for 300 days; the last medication review (Procedure XV015) was 181 days ago, outside 180 days: "
          "long-term-use fires",
          SIGN, "lt-15", [patient("lt-15"), statement("lt-15-s1", "lt-15", "N05CF02", "{{today-300d}}"),
                          procedure("lt-15-p1", "lt-15", "XV015", "{{today-181d}}")],
          [draft("lt-15-d1", "lt-15", "N05CF02", "zolpidem-10mg-tab", 30, 0)], fires=[r])
    write(r, "not-fires-review-179-days-ago",
          "Zolpidem for 300 days; a medication review (Procedure XV015) 179 days ago is within 180 days: no "
          "long-term-use",
          SIGN, "lt-16", [patient("lt-16"), statement("lt-16-s1", "lt-16", "N05CF02", "{{today-300d}}"),
                          procedure("lt-16-p1", "lt-16", "XV015", "{{today-179d}}")],
          [draft("lt-16-d1", "lt-16", "N05CF02", "zolpidem-10mg-tab", 30, 0)], not_fires=[r])
    write(r, "fires-other-procedure-does-not-suppress",
          "Oxazepam for 200 days; only a KBT Procedure (DU011) 30 days ago, no medication review: fires",
          SIGN, "lt-17", [patient("lt-17"), statement("lt-17-s1", "lt-17", "N05BA04", "{{today-200d}}"),
                          procedure("lt-17-p1", "lt-17", "DU011", "{{today-30d}}")],
          [draft("lt-17-d1", "lt-17", "N05BA04", "oxazepam-10mg-tab", 25, 0)], fires=[r])

    # v2: clonazepam with G40 never gets a tapering prompt
    write(r, "not-fires-clonazepam-with-epilepsy",
          "Clonazepam on the medication list for 300 days, G40.9, clonazepam drafted without a reason: an "
          "antiepileptic, never a tapering prompt: no long-term-use",
          SIGN, "lt-18", [patient("lt-18"), condition("lt-18-c1", "lt-18", "G40.9", "{{today-400d}}"),
                          statement("lt-18-s1", "lt-18", "N03AE01", "{{today-300d}}")],
          [draft("lt-18-d1", "lt-18", "N03AE01", "clonazepam-0.5mg-tab", 150, 0)],
          not_fires=[r, "starter-pack", "patient-leaflet", "benzo-anxiety"], card_count=0)
    write(r, "fires-clonazepam-without-epilepsy",
          "Clonazepam on the medication list for 300 days, no G40, drafted without a reason: counts as a "
          "benzodiazepine, long-term-use fires with a benzodiazepine tapering link (not the RJL opioid manual)",
          SIGN, "lt-19", [patient("lt-19"), statement("lt-19-s1", "lt-19", "N03AE01", "{{today-300d}}")],
          [draft("lt-19-d1", "lt-19", "N03AE01", "clonazepam-0.5mg-tab", 150, 0)],
          fires=[r], cards=[card(r, "info", ["klonazepam"], link_urls_not_contain=[RJL])])


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

    # v2: ICD codes without dot
    write(r, "fires-dotless-reason-code",
          "Zopiclone with reasonCode F510 (no dot) and no stored diagnosis: normalised to F51.0 insomnia, fires (the "
          "order has a reason, so only the normalisation makes it count)",
          SIGN, "in-5", [patient("in-5")],
          [draft("in-5-d1", "in-5", "N05CF01", "zopiclone-5mg-tab", 10, 0, reason_code="F510")], fires=[r])
    write(r, "fires-dotless-condition-as-reason",
          "Zolpidem whose reasonReference is a prefetched Condition coded G470 (no dot): normalised to G47.0 "
          "insomnia, fires",
          SIGN, "in-6", [patient("in-6"), condition("in-6-c1", "in-6", "G470", "{{today-10d}}")],
          [draft("in-6-d1", "in-6", "N05CF02", "zolpidem-10mg-tab", 14, 0, reason_ref="in-6-c1")], fires=[r])
    write(r, "not-fires-dotless-other-reason",
          "Zopiclone with reasonCode F321 (no dot, F32.1 depression) and no insomnia: the order has a non-insomnia "
          "reason, no insomnia-nonpharm",
          SIGN, "in-7", [patient("in-7")],
          [draft("in-7-d1", "in-7", "N05CF01", "zopiclone-5mg-tab", 10, 0, reason_code="F321")], not_fires=[r])


def sick_leave_activity():
    r = "sick-leave-activity"
    def base(pid, age, extra=(), periods=None):
        c = condition(pid + "-c1", pid, "F43.8A", "{{today-40d}}")
        periods = periods or [("{{today-20d}}", "{{today+10d}}")]
        obs = [sick_leave(f"{pid}-o{i}", pid, pid + "-c1", s, e) for i, (s, e) in enumerate(periods)]
        return [patient(pid, age), c] + obs + list(extra)
    write(r, "fires-age-39-episode-21-days",
          "39 years, F43.8A sick leave since 20 days ago (21 days so far), certificate to 10 days ahead (31 days "
          "planned). Changed in v2: the 31-day episode also fires sick-leave-rehab-plan (warning), so the alert "
          "budget merges this advice (DV200, DV132) and sick-leave-ending into the rehab-plan card; the texts say "
          "since/until and the days so far, never the 31 planned days",
          VIEW, "sa-1", base("sa-1", 39), fires=[r, "sick-leave-rehab-plan", "sick-leave-ending"], card_count=1,
          cards=[card(r, host="sick-leave-rehab-plan", suggestion_codes=["DV200", "DV132"]),
                 card("sick-leave-rehab-plan", "warning",
                      detail_contains=["sedan {{today-20d}}", "intyg till {{today+10d}}", "21 dagar"],
                      detail_not_contains=["31 dagar"])])
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
    write(r, "fires-alone-since-and-until",
          "35 years, F43.8A sick leave since 17 days ago (18 days so far) to 5 days ahead (23 days): activity card "
          "on its own (no rehab plan needed at <= 28 days; sick-leave-ending merged), with DV200 and DV132 coded "
          "(both verified), dates since/until and the days so far",
          VIEW, "sa-7", base("sa-7", 35, periods=[("{{today-17d}}", "{{today+5d}}")]),
          fires=[r, "sick-leave-ending"], not_fires=["sick-leave-rehab-plan"], card_count=1,
          cards=[card(r, "info", suggestion_codes=["DV200", "DV132"],
                      detail_contains=["sedan {{today-17d}}", "intyg till {{today+5d}}", "18 dagar"],
                      detail_not_contains=["23 dagar", UNVERIFIED]),
                 card("sick-leave-ending", host=r, detail_contains=["{{today+5d}}"])])


def sick_leave_rehab_plan():
    r = "sick-leave-rehab-plan"
    def base(pid, start, extra=(), code="F32.1"):
        return [patient(pid, 50), condition(pid + "-c1", pid, code, "{{today-60d}}"),
                sick_leave(pid + "-o1", pid, pid + "-c1", start, "{{today+14d}}")] + list(extra)
    write(r, "fires-episode-45-days",
          "F32.1 sick leave since 30 days ago (31 days so far) to 14 days ahead (45 days), no plan: warning; the "
          "text gives since/until and the days so far, never the 45 planned days (sick-leave-ending, ending in 14 "
          "days, is merged into this card)",
          VIEW, "sr-1", base("sr-1", "{{today-30d}}"), fires=[r, "sick-leave-ending"], card_count=1,
          cards=[card(r, "warning", detail_contains=["sedan {{today-30d}}", "intyg till {{today+14d}}", "31 dagar"],
                      detail_not_contains=["45 dagar"]),
                 card("sick-leave-ending", host=r)])
    write(r, "not-fires-plan-exists", "Rehab plan created 10 days into the episode", VIEW, "sr-2",
          base("sr-2", "{{today-30d}}", [care_plan("sr-2-cp1", "sr-2", "{{today-20d}}")]), not_fires=[r])
    write(r, "not-fires-episode-28-days", "Episode of exactly 28 days (must be longer)", VIEW, "sr-3",
          [patient("sr-3", 50), condition("sr-3-c1", "sr-3", "F32.1", "{{today-60d}}"),
           sick_leave("sr-3-o1", "sr-3", "sr-3-c1", "{{today-27d}}", "{{today}}")], not_fires=[r])
    write(r, "not-fires-non-psychiatric", "Sick leave for J06.9 only: none of the psychiatric sick-leave rules",
          VIEW, "sr-4", base("sr-4", "{{today-30d}}", code="J06.9"),
          not_fires=[r, "sick-leave-activity", "sick-leave-ending"])
    write(r, "fires-old-plan-before-episode", "A plan from long before the episode does not count", VIEW, "sr-5",
          base("sr-5", "{{today-30d}}", [care_plan("sr-5-cp1", "sr-5", "{{today-200d}}", "completed")]), fires=[r])
    write(r, "fires-medication-plan-is-not-rehab-plan",
          "The carePlans prefetch now holds all CarePlans: an active medication-plan CarePlan created 10 days ago "
          "is not a rehab plan, the rule still fires",
          VIEW, "sr-6", base("sr-6", "{{today-30d}}", [care_plan("sr-6-cp1", "sr-6", "{{today-10d}}",
                                                                 category="medication-plan")]), fires=[r])
    write(r, "fires-draft-rehab-plan-does-not-count",
          "A rehab-plan CarePlan with status draft (a proposal, not a plan) created 10 days ago: still fires",
          VIEW, "sr-7", base("sr-7", "{{today-30d}}", [care_plan("sr-7-cp1", "sr-7", "{{today-10d}}", "draft")]),
          fires=[r])


def sick_leave_ending():
    r = "sick-leave-ending"
    def base(pid, start, end, code="F32.1", listed=True):
        return [patient(pid, 50, listed=listed), condition(pid + "-c1", pid, code, "{{today-60d}}"),
                sick_leave(pid + "-o1", pid, pid + "-c1", start, end)]
    write(r, "fires-ends-in-14-days",
          "50 years, F32.1 sick leave from 10 days ago to 14 days ahead (25 days, so no rehab-plan; >= 40, so no "
          "activity): the certificate ends within 14 days (upper boundary), info card showing the end date, never "
          "the 25 planned days",
          VIEW, "se-1", base("se-1", "{{today-10d}}", "{{today+14d}}"), fires=[r], card_count=1,
          cards=[card(r, "info", detail_contains=["{{today+14d}}"], detail_not_contains=["25 dagar"])])
    write(r, "fires-ends-today", "The certificate ends today (lower boundary): fires, shows today's date",
          VIEW, "se-2", base("se-2", "{{today-10d}}", "{{today}}"), fires=[r],
          cards=[card(r, "info", detail_contains=["{{today}}"])])
    write(r, "not-fires-ends-in-15-days", "The certificate ends in 15 days (one day past the window): no card",
          VIEW, "se-3", base("se-3", "{{today-5d}}", "{{today+15d}}"), not_fires=[r], card_count=0)
    write(r, "not-fires-ended-yesterday",
          "The certificate ended yesterday: the episode is still current (ended <= 7 days ago) but its end is before "
          "today, so no sick-leave-ending",
          VIEW, "se-4", base("se-4", "{{today-10d}}", "{{today-1d}}"), not_fires=[r], card_count=0)
    write(r, "fires-not-listed",
          "A patient not listed at any unit: sick-leave-ending has no listing requirement, fires (the listed-only "
          "rules do not)",
          VIEW, "se-5", base("se-5", "{{today-40d}}", "{{today+7d}}", listed=False),
          fires=[r], not_fires=["sick-leave-rehab-plan", "sick-leave-activity"], card_count=1,
          cards=[card(r, "info", detail_contains=["{{today+7d}}"])])
    write(r, "not-fires-non-psychiatric", "Sick leave for J06.9 ending in 5 days: not a psychiatric episode",
          VIEW, "se-6", base("se-6", "{{today-10d}}", "{{today+5d}}", code="J06.9"), not_fires=[r], card_count=0)
    write(r, "not-fires-order-sign",
          "sick-leave-ending is a patient-view rule: an order-sign call for a patient whose psychiatric certificate "
          "ends in 5 days gets no sick-leave-ending",
          SIGN, "se-7", base("se-7", "{{today-10d}}", "{{today+5d}}"),
          [draft("se-7-d1", "se-7", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r] + VIEW_RULES)
    write(r, "fires-last-period-of-joined-episode",
          "Two F32.1 periods joined (gap 2 days): the last one ends in 10 days, fires; the joined episode is 51 days "
          "(> 28), so the rehab-plan warning carries this advice (merged)",
          VIEW, "se-8",
          [patient("se-8", 50), condition("se-8-c1", "se-8", "F32.1", "{{today-60d}}"),
           sick_leave("se-8-o1", "se-8", "se-8-c1", "{{today-40d}}", "{{today-20d}}"),
           sick_leave("se-8-o2", "se-8", "se-8-c1", "{{today-17d}}", "{{today+10d}}")],
          fires=[r, "sick-leave-rehab-plan"], card_count=1,
          cards=[card(r, host="sick-leave-rehab-plan", detail_contains=["{{today+10d}}"])])
    write(r, "not-fires-old-episode-ended",
          "The only psychiatric episode ended 30 days ago (not current), nothing ends in the next 14 days",
          VIEW, "se-9", base("se-9", "{{today-60d}}", "{{today-30d}}"), not_fires=[r], card_count=0)


def far_follow_up():
    r = "far-follow-up"
    def base(pid, extra):
        return [patient(pid, 50)] + list(extra)
    write(r, "fires-far-60-days-ago",
          "FaR (DV200) 60 days ago, no follow-up since: info card with a ServiceRequest AW005 (verified, coded; "
          "the card does not call any code unverified)",
          VIEW, "ff-1", base("ff-1", [procedure("ff-1-p1", "ff-1", "DV200", "{{today-60d}}")]),
          fires=[r], card_count=1,
          cards=[card(r, "info", suggestion_codes=["AW005"], detail_not_contains=[UNVERIFIED])])
    write(r, "fires-far-28-days-ago", "FaR 28 days ago (lower boundary, inclusive): fires",
          VIEW, "ff-2", base("ff-2", [procedure("ff-2-p1", "ff-2", "DV200", "{{today-28d}}")]),
          fires=[r], cards=[card(r, suggestion_codes=["AW005"])])
    write(r, "fires-far-120-days-ago", "FaR 120 days ago (upper boundary, inclusive): fires",
          VIEW, "ff-3", base("ff-3", [procedure("ff-3-p1", "ff-3", "DV200", "{{today-120d}}")]), fires=[r])
    write(r, "not-fires-far-27-days-ago", "FaR 27 days ago: too early for the follow-up prompt",
          VIEW, "ff-4", base("ff-4", [procedure("ff-4-p1", "ff-4", "DV200", "{{today-27d}}")]),
          not_fires=[r], card_count=0)
    write(r, "not-fires-far-121-days-ago", "FaR 121 days ago: outside the 28-120 day window",
          VIEW, "ff-5", base("ff-5", [procedure("ff-5-p1", "ff-5", "DV200", "{{today-121d}}")]),
          not_fires=[r], card_count=0)
    write(r, "not-fires-followed-up",
          "FaR 60 days ago and a FaR follow-up (AW005) 20 days ago, i.e. since the FaR: no card",
          VIEW, "ff-6", base("ff-6", [procedure("ff-6-p1", "ff-6", "DV200", "{{today-60d}}"),
                                      procedure("ff-6-p2", "ff-6", "AW005", "{{today-20d}}")]),
          not_fires=[r], card_count=0)
    write(r, "fires-follow-up-before-far",
          "An AW005 200 days ago belongs to an earlier FaR; the FaR 60 days ago has no follow-up since: fires",
          VIEW, "ff-7", base("ff-7", [procedure("ff-7-p1", "ff-7", "DV200", "{{today-60d}}"),
                                      procedure("ff-7-p2", "ff-7", "AW005", "{{today-200d}}")]), fires=[r])
    write(r, "not-fires-activity-advice-only",
          "Only physical-activity advice (DV132) 60 days ago, no FaR: no far-follow-up",
          VIEW, "ff-8", base("ff-8", [procedure("ff-8-p1", "ff-8", "DV132", "{{today-60d}}")]),
          not_fires=[r], card_count=0)
    write(r, "not-fires-order-sign",
          "far-follow-up is a patient-view rule: order-sign for a patient with FaR 60 days ago gets none",
          SIGN, "ff-9", base("ff-9", [procedure("ff-9-p1", "ff-9", "DV200", "{{today-60d}}")]),
          [draft("ff-9-d1", "ff-9", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])


def dependence_history():
    r = "dependence-history"
    write(r, "fires-alcohol-dependence-oxazepam",
          "Oxazepam 25 for a patient with active F10.2 (alcohol dependence): warning, text suggestion to consult the "
          "regular doctor / beroendemottagning (no coded order); the new oxazepam's patient-leaflet is merged into "
          "this card (no starter-pack or benzo-anxiety card to carry it)",
          SIGN, "dh-1", [patient("dh-1"), condition("dh-1-c1", "dh-1", "F10.2", "{{today-100d}}")],
          [draft("dh-1-d1", "dh-1", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=[r, "patient-leaflet"], not_fires=["benzo-anxiety", "starter-pack"], card_count=1,
          cards=[card(r, "warning", detail_contains=["F10.2"], suggestion_codes=[],
                      suggestion_texts_contain=["beroendemottagning"]),
                 card("patient-leaflet", host=r, links=1, link_urls_contain=[LEAFLET_HOST])])
    write(r, "fires-resolved-opioid-dependence-23-months-ago",
          "Oxycodone for a patient with F11.2 resolved, recorded 23 months ago: within 24 months, fires",
          SIGN, "dh-2", [patient("dh-2"), condition("dh-2-c1", "dh-2", "F11.2", "{{today-23m}}", "resolved")],
          [draft("dh-2-d1", "dh-2", "N02AA05", "oxycodone-5mg-tab", 14, 0)],
          fires=[r], cards=[card(r, "warning", detail_contains=["F11.2"])])
    write(r, "fires-pregabalin-multiple-drug-use",
          "Pregabalin (gabapentinoid N02BF) for a patient with active F19.2: fires",
          SIGN, "dh-3", [patient("dh-3"), condition("dh-3-c1", "dh-3", "F19.2", "{{today-400d}}")],
          [draft("dh-3-d1", "dh-3", "N02BF02", "pregabalin-75mg-cap", 56, 0)], fires=[r])
    write(r, "fires-z-drug-sedative-use-disorder",
          "Zopiclone for a patient with F13.1 active since long ago (recorded 5 years ago, still active): fires",
          SIGN, "dh-4", [patient("dh-4"), condition("dh-4-c1", "dh-4", "F13.1", "{{today-5y}}")],
          [draft("dh-4-d1", "dh-4", "N05CF01", "zopiclone-5mg-tab", 10, 0)], fires=[r])
    write(r, "fires-nitrazepam-inhalants",
          "Nitrazepam (N05CD) for a patient with active F18.1: fires",
          SIGN, "dh-5", [patient("dh-5"), condition("dh-5-c1", "dh-5", "F18.1", "{{today-60d}}")],
          [draft("dh-5-d1", "dh-5", "N05CD02", "nitrazepam-5mg-tab", 20, 0)], fires=[r])
    write(r, "fires-tramadol-hallucinogens",
          "Tramadol for a patient with active F16.1 (F16 is the upper end of the F10-F16 range): fires",
          SIGN, "dh-6", [patient("dh-6"), condition("dh-6-c1", "dh-6", "F16.1", "{{today-60d}}")],
          [draft("dh-6-d1", "dh-6", "N02AX02", "tramadol-50mg-tab", 20, 0)], fires=[r])
    write(r, "fires-dotless-cocaine",
          "Alprazolam for a patient with a Condition coded F142 (no dot): normalised to F14.2, fires",
          SIGN, "dh-7", [patient("dh-7"), condition("dh-7-c1", "dh-7", "F142", "{{today-60d}}")],
          [draft("dh-7-d1", "dh-7", "N05BA12", "alprazolam-0.5mg-tab", 20, 0)],
          fires=[r], cards=[card(r, "warning", detail_contains=["F14.2"])])
    write(r, "fires-gabapentin-stimulants",
          "Gabapentin (N02BF01, ATC only) for a patient with active F15.2: fires",
          SIGN, "dh-8", [patient("dh-8"), condition("dh-8-c1", "dh-8", "F15.2", "{{today-60d}}")],
          [draft("dh-8-d1", "dh-8", "N02BF01", None, 100, 0)], fires=[r])
    write(r, "not-fires-tobacco-only",
          "Oxazepam for a patient with only F17.2 (tobacco dependence, excluded from substance use): no "
          "dependence-history",
          SIGN, "dh-9", [patient("dh-9"), condition("dh-9-c1", "dh-9", "F17.2", "{{today-60d}}")],
          [draft("dh-9-d1", "dh-9", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=["patient-leaflet"], not_fires=[r])
    write(r, "not-fires-resolved-25-months-ago",
          "Oxycodone for a patient with F10.2 resolved, recorded 25 months ago: outside 24 months, no card",
          SIGN, "dh-10", [patient("dh-10"), condition("dh-10-c1", "dh-10", "F10.2", "{{today-25m}}", "resolved")],
          [draft("dh-10-d1", "dh-10", "N02AA05", "oxycodone-5mg-tab", 14, 0)], not_fires=[r])
    write(r, "not-fires-refuted",
          "Oxazepam for a patient whose F10.2 (clinically active) is verificationStatus refuted: never counts",
          SIGN, "dh-11", [patient("dh-11"), condition("dh-11-c1", "dh-11", "F10.2", "{{today-30d}}",
                                                      verification="refuted")],
          [draft("dh-11-d1", "dh-11", "N05BA04", "oxazepam-10mg-tab", 25, 0)], not_fires=[r])
    write(r, "not-fires-entered-in-error",
          "Oxycodone for a patient whose F11.2 (clinically active) is entered-in-error: never counts",
          SIGN, "dh-12", [patient("dh-12"), condition("dh-12-c1", "dh-12", "F11.2", "{{today-30d}}",
                                                      verification="entered-in-error")],
          [draft("dh-12-d1", "dh-12", "N02AA05", "oxycodone-5mg-tab", 14, 0)], not_fires=[r])
    write(r, "not-fires-ssri",
          "Sertraline (not dependence-inducing) for a patient with active F10.2: no dependence-history",
          SIGN, "dh-13", [patient("dh-13"), condition("dh-13-c1", "dh-13", "F10.2", "{{today-30d}}")],
          [draft("dh-13-d1", "dh-13", "N06AB06", "sertraline-50mg-tab", 30, 0)], not_fires=[r], card_count=0)
    write(r, "not-fires-propiomazine",
          "Propiomazine (N05CM06, a hypnotic but not in dependence-inducing) for a patient with active F10.2: no "
          "dependence-history (insomnia-nonpharm still fires, no reason given)",
          SIGN, "dh-14", [patient("dh-14"), condition("dh-14-c1", "dh-14", "F10.2", "{{today-30d}}")],
          [draft("dh-14-d1", "dh-14", "N05CM06", "propiomazine-25mg-tab", 20, 0)],
          fires=["insomnia-nonpharm"], not_fires=[r])
    write(r, "not-fires-patient-view",
          "dependence-history is an order rule: patient-view for a patient with active F10.2 gives none",
          VIEW, "dh-15", [patient("dh-15"), condition("dh-15-c1", "dh-15", "F10.2", "{{today-30d}}")],
          not_fires=[r], card_count=0)


def patient_leaflet():
    r = "patient-leaflet"
    p = patient("pl-1")
    write(r, "fires-new-pregabalin",
          "New pregabalin: one leaflet link, a patient leaflet (1177), never the physicians' RJL opioid manual",
          SIGN, "pl-1", [p], [draft("pl-1-d1", "pl-1", "N02BF02", "pregabalin-75mg-cap", 56, 0)],
          fires=[r], cards=[card(r, "info", links=1, link_urls_contain=[LEAFLET_HOST],
                                 link_urls_not_contain=[RJL])])
    p = patient("pl-2")
    write(r, "fires-new-opioid", "New codeine + paracetamol: the leaflet is the 1177 patient page, not RJL's manual",
          SIGN, "pl-2", [p], [draft("pl-2-d1", "pl-2", "N02AJ06", "codeine-paracetamol-30mg-500mg-tab", 20, 0)],
          fires=[r], cards=[card(r, "info", links=1, link_urls_contain=[LEAFLET_HOST], link_urls_not_contain=[RJL])])
    p = patient("pl-3")
    write(r, "not-fires-ssri", "Sertraline is not dependence-inducing", SIGN, "pl-3", [p],
          [draft("pl-3-d1", "pl-3", "N06AB06", "sertraline-50mg-tab", 30, 0)], not_fires=[r])
    p = patient("pl-4")
    write(r, "not-fires-ongoing-opioid", "Oxycodone prescribed 2 months ago: not a new prescription", SIGN, "pl-4",
          [p, med_request("pl-4-m1", "pl-4", "N02AA05", "oxycodone-5mg-tab", 28, "{{today-2m}}")],
          [draft("pl-4-d1", "pl-4", "N02AA05", "oxycodone-5mg-tab", 28, 0)], not_fires=[r])
    write(r, "fires-merged-into-starter-pack",
          "New oxazepam 100: the leaflet (info) is merged into the starter-pack card, keeps its one link (1177, not "
          "RJL) attributed to patient-leaflet",
          SIGN, "pl-5", [patient("pl-5")], [draft("pl-5-d1", "pl-5", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=[r, "starter-pack"], card_count=1,
          cards=[card(r, host="starter-pack", links=1, link_urls_contain=[LEAFLET_HOST],
                      link_urls_not_contain=[RJL])])
    write(r, "not-fires-clonazepam-with-epilepsy",
          "New clonazepam 2 mg, 100, without a reason for a patient with G40.9: an antiepileptic, no leaflet",
          SIGN, "pl-6", [patient("pl-6"), condition("pl-6-c1", "pl-6", "G40.9", "{{today-400d}}")],
          [draft("pl-6-d1", "pl-6", "N03AE01", "clonazepam-2mg-tab", 100, 0)], not_fires=[r], card_count=0)
    write(r, "fires-clonazepam-for-anxiety-despite-epilepsy",
          "New clonazepam with reasonCode F41.0 for a patient who also has G40.9: prescribed for anxiety, counts as "
          "a benzodiazepine, leaflet fires (merged into the starter-pack card)",
          SIGN, "pl-7", [patient("pl-7"), condition("pl-7-c1", "pl-7", "G40.9", "{{today-400d}}")],
          [draft("pl-7-d1", "pl-7", "N03AE01", "clonazepam-0.5mg-tab", 150, 0, reason_code="F41.0")],
          fires=[r, "starter-pack", "benzo-anxiety"],
          cards=[card(r, host="starter-pack", links=1, link_urls_contain=[LEAFLET_HOST])])
    write(r, "not-fires-opioid-statement-2-years",
          "Oxycodone drafted; an active oxycodone MedicationStatement started 2 years ago (no end) is current use, "
          "so not new: no leaflet (long-term-use fires instead)",
          SIGN, "pl-8", [patient("pl-8"), statement("pl-8-s1", "pl-8", "N02AA05", "{{today-2y}}")],
          [draft("pl-8-d1", "pl-8", "N02AA05", "oxycodone-5mg-tab", 28, 0)],
          fires=["long-term-use"], not_fires=[r])


def budget():
    f = "budget"
    write(f, "two-warnings-new-oxazepam-100-anxiety",
          "New oxazepam 100 for an anxiety patient (v1 gave up to four cards): two cards, benzo-anxiety (warning) and "
          "starter-pack (warning); the patient-leaflet is merged into the starter-pack card with its link",
          SIGN, "bu-1", [patient("bu-1"), condition("bu-1-c1", "bu-1", "F41.1", "{{today-30d}}")],
          [draft("bu-1-d1", "bu-1", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=["benzo-anxiety", "starter-pack", "patient-leaflet"], card_count=2,
          cards=[card("benzo-anxiety", "warning", ["oxazepam"], ["F41.1"], ["DU011", "DV200"],
                      host="benzo-anxiety"),
                 card("starter-pack", "warning", host="starter-pack", update_quantity=25,
                      update_product="oxazepam-10mg-tab"),
                 card("patient-leaflet", host="starter-pack", links=1, link_urls_contain=[LEAFLET_HOST])])
    write(f, "warning-and-info-one-card",
          "New oxazepam 25 for an anxiety patient: benzo-anxiety (warning) and patient-leaflet (info); the second "
          "card would only be kept if critical or warning, so one card, the leaflet merged into benzo-anxiety",
          SIGN, "bu-2", [patient("bu-2"), condition("bu-2-c1", "bu-2", "F41.1", "{{today-30d}}")],
          [draft("bu-2-d1", "bu-2", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=["benzo-anxiety", "patient-leaflet"], card_count=1,
          cards=[card("benzo-anxiety", "warning", host="benzo-anxiety", suggestion_codes=["DU011", "DV200"]),
                 card("patient-leaflet", host="benzo-anxiety", links=1, link_urls_contain=[LEAFLET_HOST])])
    write(f, "critical-plus-warning-rest-merged",
          "New oxazepam 100 for an anxiety patient with F10.2 and active oxycodone: five rules fire; two cards, "
          "opioid-benzo (critical) and dependence-history (the top-ranked warning); benzo-anxiety and starter-pack "
          "(no card of their own to belong with) go into the most severe kept card, opioid-benzo, with their "
          "suggestions; nothing dropped",
          SIGN, "bu-3", [patient("bu-3"), condition("bu-3-c1", "bu-3", "F41.1", "{{today-30d}}"),
                         condition("bu-3-c2", "bu-3", "F10.2", "{{today-60d}}"),
                         med_request("bu-3-m1", "bu-3", "N02AA05", "oxycodone-5mg-tab", 28, "{{today-20d}}",
                                     "active")],
          [draft("bu-3-d1", "bu-3", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=["opioid-benzo", "dependence-history", "benzo-anxiety", "starter-pack", "patient-leaflet"],
          card_count=2,
          cards=[card("opioid-benzo", "critical", host="opioid-benzo"),
                 card("dependence-history", "warning", host="dependence-history"),
                 card("benzo-anxiety", host="opioid-benzo", suggestion_codes=["DU011", "DV200"]),
                 card("starter-pack", host="opioid-benzo", update_quantity=25, update_product="oxazepam-10mg-tab")])
    write(f, "three-warnings-two-cards",
          "New oxazepam 100 for an anxiety patient with F10.2: three warnings (dependence-history, benzo-anxiety, "
          "starter-pack); the two top-ranked keep cards, starter-pack is merged with its update into the most "
          "severe kept card (dependence-history, first by rank)",
          SIGN, "bu-4", [patient("bu-4"), condition("bu-4-c1", "bu-4", "F41.1", "{{today-30d}}"),
                         condition("bu-4-c2", "bu-4", "F10.2", "{{today-60d}}")],
          [draft("bu-4-d1", "bu-4", "N05BA04", "oxazepam-10mg-tab", 100, 0)],
          fires=["dependence-history", "benzo-anxiety", "starter-pack", "patient-leaflet"], card_count=2,
          cards=[card("dependence-history", "warning", host="dependence-history"),
                 card("benzo-anxiety", "warning", host="benzo-anxiety"),
                 card("starter-pack", host="dependence-history", update_quantity=25,
                      update_product="oxazepam-10mg-tab")])
    write(f, "two-infos-one-card",
          "Zolpidem for 120 days, drafted without a reason: long-term-use and insomnia-nonpharm (both info); one "
          "card, long-term-use (ranked first), insomnia-nonpharm merged into it with its link",
          SIGN, "bu-5", [patient("bu-5"), statement("bu-5-s1", "bu-5", "N05CF02", "{{today-120d}}")],
          [draft("bu-5-d1", "bu-5", "N05CF02", "zolpidem-10mg-tab", 30, 0)],
          fires=["long-term-use", "insomnia-nonpharm"], card_count=1,
          cards=[card("long-term-use", "info", host="long-term-use"),
                 card("insomnia-nonpharm", host="long-term-use", links=1)])
    write(f, "starter-pack-carries-insomnia-and-leaflet",
          "New zopiclone 7.5 mg, 31 tablets, for F51.0: starter-pack (warning) is the only card and carries both "
          "insomnia-nonpharm and patient-leaflet, each with its own link",
          SIGN, "bu-6", [patient("bu-6"), condition("bu-6-c1", "bu-6", "F51.0", "{{today-10d}}")],
          [draft("bu-6-d1", "bu-6", "N05CF01", "zopiclone-7.5mg-tab", 31, 0)],
          fires=["starter-pack", "insomnia-nonpharm", "patient-leaflet"], card_count=1,
          cards=[card("starter-pack", "warning", host="starter-pack", update_quantity=30,
                      update_product="zopiclone-7.5mg-tab"),
                 card("insomnia-nonpharm", host="starter-pack", links=1),
                 card("patient-leaflet", host="starter-pack", links=1, link_urls_contain=[LEAFLET_HOST])])
    write(f, "budget-per-draft-order",
          "Two drafts in one request for an anxiety patient: new oxazepam 100 (benzo-anxiety + starter-pack, two "
          "warnings) and new zopiclone 31 without a reason (starter-pack, with insomnia and leaflet merged): the "
          "budget applies per draft, three cards",
          SIGN, "bu-7", [patient("bu-7"), condition("bu-7-c1", "bu-7", "F41.1", "{{today-30d}}")],
          [draft("bu-7-d1", "bu-7", "N05BA04", "oxazepam-10mg-tab", 100, 0),
           draft("bu-7-d2", "bu-7", "N05CF01", "zopiclone-7.5mg-tab", 31, 0)],
          fires=["benzo-anxiety", "starter-pack", "insomnia-nonpharm", "patient-leaflet"], card_count=3)
    write(f, "benzo-anxiety-carries-long-term-use",
          "Oxazepam renewal for an anxiety patient on oxazepam for 200 days (active statement): benzo-anxiety "
          "(warning) is the only card, long-term-use (info) merged into it with its benzodiazepine tapering link",
          SIGN, "bu-8", [patient("bu-8"), condition("bu-8-c1", "bu-8", "F41.1", "{{today-30d}}"),
                         statement("bu-8-s1", "bu-8", "N05BA04", "{{today-200d}}")],
          [draft("bu-8-d1", "bu-8", "N05BA04", "oxazepam-10mg-tab", 25, 0)],
          fires=["benzo-anxiety", "long-term-use"], not_fires=["starter-pack", "patient-leaflet"], card_count=1,
          cards=[card("benzo-anxiety", "warning", host="benzo-anxiety"),
                 card("long-term-use", host="benzo-anxiety", link_urls_not_contain=[RJL])])
    write(f, "patient-view-one-card",
          "Patient view, 35 years, F43.8A sick leave since 40 days ago (41 days so far) to 10 days ahead (51 days), "
          "FaR 100 days ago (before the episode) without follow-up: rehab-plan (warning) is the only card and "
          "carries sick-leave-activity (DV200, DV132), sick-leave-ending and far-follow-up (AW005)",
          VIEW, "bu-9", [patient("bu-9", 35), condition("bu-9-c1", "bu-9", "F43.8A", "{{today-60d}}"),
                         sick_leave("bu-9-o1", "bu-9", "bu-9-c1", "{{today-40d}}", "{{today+10d}}"),
                         procedure("bu-9-p1", "bu-9", "DV200", "{{today-100d}}")],
          fires=VIEW_RULES, card_count=1,
          cards=[card("sick-leave-rehab-plan", "warning", host="sick-leave-rehab-plan",
                      detail_contains=["sedan {{today-40d}}", "intyg till {{today+10d}}", "41 dagar"],
                      detail_not_contains=["51 dagar"]),
                 card("sick-leave-activity", host="sick-leave-rehab-plan", suggestion_codes=["DV200", "DV132"]),
                 card("sick-leave-ending", host="sick-leave-rehab-plan"),
                 card("far-follow-up", host="sick-leave-rehab-plan", suggestion_codes=["AW005"])])
    write(f, "patient-view-infos-one-card",
          "Patient view, 50 years, F32.1 sick leave from 10 days ago to 5 days ahead and FaR 60 days ago: "
          "sick-leave-ending and far-follow-up (both info) make one card, sick-leave-ending (ranked first) carrying "
          "far-follow-up with its AW005 suggestion",
          VIEW, "bu-10", [patient("bu-10", 50), condition("bu-10-c1", "bu-10", "F32.1", "{{today-60d}}"),
                          sick_leave("bu-10-o1", "bu-10", "bu-10-c1", "{{today-10d}}", "{{today+5d}}"),
                          procedure("bu-10-p1", "bu-10", "DV200", "{{today-60d}}")],
          fires=["sick-leave-ending", "far-follow-up"], card_count=1,
          cards=[card("sick-leave-ending", "info", host="sick-leave-ending"),
                 card("far-follow-up", host="sick-leave-ending", suggestion_codes=["AW005"])])


def safety():
    f = "safety"
    oxazepam = lambda pid: [draft(pid + "-d1", pid, "N05BA04", "oxazepam-10mg-tab", 100, 0)]
    write(f, "unknown-patient-no-prefetch-order-sign",
          "Absence needs evidence: order-sign for a patient this server's store does not know, with no prefetch and "
          "no fhirServer: 412, never cards built on 'no history'",
          SIGN, "sf-1-unknown", [], oxazepam("sf-1-unknown"), expect_status=412, omit_prefetch=True)
    write(f, "unknown-patient-no-prefetch-patient-view",
          "Absence needs evidence: patient-view for a patient unknown to the store, no prefetch, no fhirServer: 412",
          VIEW, "sf-2-unknown", [], expect_status=412, omit_prefetch=True)
    write(f, "unknown-patient-partial-prefetch",
          "Absence needs evidence: the prefetch lacks medicationRequests and medicationStatements, so they come from "
          "this server's store, which has no Patient sf-3-unknown: 412 (not 'no prescription in 12 months')",
          SIGN, "sf-3-unknown", [patient("sf-3-unknown")], oxazepam("sf-3-unknown"), expect_status=412,
          omit_keys=("medicationRequests", "medicationStatements"))
    write(f, "unknown-patient-full-prefetch",
          "The same unknown patient with every prefetch key present (empty Bundles): the prefetch is the evidence "
          "of absence, 200 with the starter-pack card (a new oxazepam 100)",
          SIGN, "sf-4-unknown", [patient("sf-4-unknown")], oxazepam("sf-4-unknown"),
          fires=["starter-pack", "patient-leaflet"], card_count=1,
          cards=[card("starter-pack", "warning", update_quantity=25, update_product="oxazepam-10mg-tab")])


def order_select_without_medication():
    write("protocol", "order-select-empty-draft", "order-select with a draft that has no medication yet", SELECT,
          "pr-1", [patient("pr-1")], [draft("pr-1-d1", "pr-1")], not_fires=ORDER_RULES, card_count=0)


def test_rule_from_test_resources():
    write("test-rules", "fires-test-rule-melatonin", "A rule file in src/test/resources/test-rules fires without Java",
          SIGN, "tr-1", [patient("tr-1", 85)], [draft("tr-1-d1", "tr-1", "N05CH01", "melatonin-2mg-prtab", 30, 0)],
          fires=["test-melatonin-elderly"], cards=[card("test-melatonin-elderly", "info", ["85"])])


if __name__ == "__main__":
    for f in (benzo_anxiety, starter_pack, opioid_benzo, long_term_use, insomnia_nonpharm, sick_leave_activity,
              sick_leave_rehab_plan, sick_leave_ending, far_follow_up, dependence_history, patient_leaflet, budget,
              safety, order_select_without_medication, test_rule_from_test_resources):
        f()
    stale = sorted(str(p) for p in OUT.rglob("*.json") if p not in WRITTEN)
    if stale:
        raise SystemExit("fixtures not written by this script (remove or generate them): " + ", ".join(stale))
    print("fixtures:", len(WRITTEN))
    for folder in sorted({p.parent.name for p in WRITTEN}):
        print(f"  {folder}: {sum(1 for p in WRITTEN if p.parent.name == folder)}")
