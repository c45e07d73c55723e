#!/usr/bin/env python3
"""Generate the FHIR R4 conformance resources of Primary Care CDS.

Reads the code fact tables (CSV) in fhir-profiles/codes and writes
CodeSystems, ValueSets, StructureDefinitions, Measures, a ConceptMap and a README into fhir-profiles/.

    python3 tools/generate_fhir_profiles.py [--codes fhir-profiles/codes] [--out fhir-profiles]

Default paths are relative to the project root (the parent of tools/), whatever the current directory.
Standard library only; the output is deterministic (same input -> same bytes), which the build checks
(FhirProfilesAreGeneratedTest regenerates into a temporary folder and compares).
The resources follow docs/data-contract.md; sources are those of fhir-profiles/codes/sources.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CODES = PROJECT_ROOT / "fhir-profiles" / "codes"
DEFAULT_OUT = PROJECT_ROOT / "fhir-profiles"

BASE = "https://fhir.primarycare.se"
VERSION = "2026.1"
PUBLISHER = "Primary Care CDS"
FHIR_VERSION = "4.0.1"
JURISDICTION = [{"coding": [{"system": "urn:iso:std:iso:3166", "code": "SE", "display": "Sweden"}]}]
DESIGNATION_USE = {"system": "http://terminology.hl7.org/CodeSystem/designation-usage", "code": "display"}

ATC_URL = "http://www.whocc.no/atc"
ICD_URL = "http://hl7.org/fhir/sid/icd-10-se"
ICD_OID = "urn:oid:1.2.752.116.1.1.1.1.3"
KVA_URL = "urn:oid:1.2.752.116.1.3.2.1.4"
PRODUCT_URL = f"{BASE}/CodeSystem/product"
OBSERVATION_URL = f"{BASE}/CodeSystem/observation"
CAREPLAN_CAT_URL = f"{BASE}/CodeSystem/careplan-category"
CDS_RULE_URL = f"{BASE}/CodeSystem/cds-rule"
OVERRIDE_REASON_URL = f"{BASE}/CodeSystem/cds-override-reason"

HSA_SYSTEM = "urn:oid:1.2.752.29.4.19"
PNR_SYSTEM = "http://electronichealth.se/identifier/personnummer"
PNR_OID = "urn:oid:1.2.752.129.2.1.3.1"
SAMORD_SYSTEM = "http://electronichealth.se/identifier/samordningsnummer"

VALIDATOR = "enforced by the server's contract validator"

# --------------------------------------------------------------------------- sources (sources.md)

SRC_WHO_INDEX = ("WHO ATC/DDD index, https://atcddd.fhi.no/atc_ddd_index/ (formerly https://www.whocc.no/atc_ddd_index/), "
                 "read through the scrape in GitHub repo fabkury/atcd, file 'WHO ATC-DDD 2026-04-25.csv'")
SRC_WHO_COMB = ("WHO list of DDDs for combined products, https://atcddd.fhi.no/ddd/list_of_ddds_combined_products/ "
                "(fabkury/atcd 'WHO ATC-DDD-combinations 2026-04-25.csv'): N02AJ06 codeine 30 mg/paracetamol 500 mg tablet = 3 UD")
SRC_WHO_GROUPS = ("WHO pages https://atcddd.fhi.no/atc_ddd_index/?code=N05B&showdescription=yes, ?code=N06A, "
                  "https://www.whocc.no/atc_ddd_index/?code=N05C and ?code=N02AA03&showdescription=yes (group names, melatonin DDD)")
SRC_WHO_NEWS = ("WHO news 'ATC classification of combinations of opioids and other analgesics' (2016), "
                "https://www.whocc.no/news/atc_classification_of_combinations_of_opioids_and_other_anal (N02AJ, N02AJ06)")
SRC_ICD = ("ICD-10-SE code files in GitHub repo sklintyg/refdata (Inera's reference data): src/main/resources/diagnoskoder/block.txt, "
           ".../icd10se/digit3.txt, .../icd10se/digit4.txt (commit dd7dbdbf, 2020), .../KSH97_KOD.ANS (five-character codes), "
           ".../diagnoskapitel.txt; F43.8A Utmattningssyndrom corroborated by sklintyg/srs test code and "
           "https://www.varden.se/blogg/35960-darfor-forsvinner-diagnosen-utmattningssyndrom-vad-betyder-det-for-dig; "
           "Swedish titles of F32.0, F41.1, F43.8 also on https://vardgivare.skane.se/uppdrag-avtal/lov/psykoterapi-information-for-remittenter-och-behandlare/")
SRC_KVA = ("Socialstyrelsen's KVÅ list was not reachable; codes are cited by regional care-provider pages: "
           "https://vardgivare.skane.se/uppdrag-avtal/lov/psykoterapi-information-for-remittenter-och-behandlare/ (DU008, DU011, DU022), "
           "https://kbtiprimarvarden.se/organisation/rutiner/kva-koder/ (DU011), "
           "http://hh.vgregion.se/halsa-och-vard/vardgivarwebben/vardriktlinjer/levnadsvanor-och-sjukdomsforebyggande-metoder/fysisk-aktivitet/fysisk-aktivitet-pa-recept-far/ (DV132), "
           "https://vardgivare.regionkalmar.se/vard--behandling/levnadsvanor/fysisk-aktivitet-pa-recept-far (DV200; FaR follow-ups 'AW0…'), "
           "seed report 000 (Region Jönköping, Nyhälsan 2024), lines 151–158: the region's own coding guidance "
           "(titles of DU011, DV131, DV132, DV133, DV200 and AW005; DV131, DV133 and AW005 as codes in use in the region), "
           "https://www.regiongavleborg.se/samverkanswebben/halsa-vard-tandvard/kunskapsstod-och-rutiner/lakemedel/lakemedelsgenomgangar/ "
           "(enkel/fördjupad läkemedelsgenomgång as concepts, not the XV codes)")
SRC_FASS = ("FASS product list scraped from fass.se, GitHub repo Vansinnet/Receptberakning, file public/data/drugs.json "
            "(timestamp 2026-05-22); FASS product page Zopiclone Actavis, https://www.fass.se/LIF/product?userType=2&nplId=20010420000140")
SRC_CONTRACT = "Primary Care CDS data contract (docs/data-contract.md)"
SRC_RULES = "Primary Care CDS rule catalogue (docs/cds-rules.md)"

COPY_ATC = ("ATC codes and DDDs: © WHO Collaborating Centre for Drug Statistics Methodology, Oslo. Use of all or parts of the "
            "material requires reference to the WHO Collaborating Centre for Drug Statistics Methodology; copying and "
            "distribution for commercial purposes is not allowed.")
COPY_ICD = ("ICD-10-SE: © Socialstyrelsen (the Swedish National Board of Health and Welfare), the Swedish edition of ICD-10 "
            "© World Health Organization. English titles are WHO ICD-10 wording.")
COPY_KVA = "KVÅ (Klassifikation av vårdåtgärder): © Socialstyrelsen. English titles are this project's translation."
COPY_FASS = ("Strengths, forms, pack sizes and brand names as published in FASS (fass.se, Läkemedelsindustriföreningens "
             "Service AB). " + COPY_ATC)

# --------------------------------------------------------------------------- helpers


class GenerationError(Exception):
    pass


def fail(msg: str) -> None:
    raise GenerationError(msg)


def read_csv(path: Path, required: list[str]) -> list[dict]:
    if not path.is_file():
        fail(f"missing input file {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            fail(f"{path.name}: missing columns {missing}")
        rows = []
        for i, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items() if k is not None}
            if row.get("verified") not in ("yes", "no"):
                fail(f"{path.name} line {i}: verified must be yes or no, got {row.get('verified')!r}")
            rows.append(row)
    codes = [r[required[0]] for r in rows]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        fail(f"{path.name}: duplicate codes {dupes}")
    return rows


def num(text: str):
    """CSV decimal -> JSON number (int when integral, so 10 stays 10 and 0.25 stays 0.25)."""
    d = Decimal(text)
    if d == d.to_integral_value():
        return int(d)
    return float(text)


def sv_number(text: str) -> str:
    return text.replace(".", ",")


def designation(lang: str, value: str) -> list[dict]:
    return [{"language": lang, "use": dict(DESIGNATION_USE), "value": value}]


def prop(code: str, value, kind: str) -> dict:
    return {"code": code, f"value{kind}": value}


def cs_property(code: str, kind: str, description: str) -> dict:
    return {"code": code, "description": description, "type": kind}


def header(resource_type: str, rid: str, url: str, name: str, title: str, description: str,
           copyright_text: str | None = None, identifier: list | None = None) -> dict:
    res = {"resourceType": resource_type, "id": rid, "url": url}
    if identifier:
        res["identifier"] = identifier
    res.update({
        "version": VERSION,
        "name": name,
        "title": title,
        "status": "active",
        "experimental": False,
        "publisher": PUBLISHER,
        "description": description,
        "jurisdiction": JURISDICTION,
    })
    if copyright_text:
        res["copyright"] = copyright_text
    return res


def nest(rows: list[dict], make_concept, label: str) -> list[dict]:
    """Build nested concepts from rows with a `parent` column, siblings in CSV order."""
    codes = {r["code"] for r in rows}
    children: dict[str, list[dict]] = {}
    for r in rows:
        parent = r["parent"]
        if parent and parent not in codes:
            fail(f"{label}: parent {parent!r} of {r['code']} is not in the file")
        children.setdefault(parent, []).append(r)

    seen: set[str] = set()

    def build(row: dict, path: tuple) -> dict:
        if row["code"] in path:
            fail(f"{label}: cycle at {row['code']}")
        seen.add(row["code"])
        concept = make_concept(row)
        kids = [build(k, path + (row["code"],)) for k in children.get(row["code"], [])]
        if kids:
            concept["concept"] = kids
        return concept

    roots = [build(r, ()) for r in children.get("", [])]
    if seen != codes:
        fail(f"{label}: unreachable codes {sorted(codes - seen)}")
    return roots


def walk(concepts: list[dict]):
    for c in concepts:
        yield c
        yield from walk(c.get("concept", []))


def count_concepts(concepts: list[dict]) -> int:
    return sum(1 for _ in walk(concepts))


def code_system(rid: str, url: str, name: str, title: str, description: str, properties: list[dict],
                concepts: list[dict], copyright_text: str | None = None, identifier: list | None = None,
                value_set: str | None = None) -> dict:
    cs = header("CodeSystem", rid, url, name, title, description, copyright_text, identifier)
    cs["caseSensitive"] = True
    if value_set:
        cs["valueSet"] = value_set
    cs.update({
        "hierarchyMeaning": "is-a",
        "compositional": False,
        "versionNeeded": False,
        "content": "complete",
        "count": count_concepts(concepts),
    })
    if properties:
        cs["property"] = properties
    cs["concept"] = concepts
    return cs


def verified_prop(row: dict) -> dict:
    return prop("verified", row["verified"] == "yes", "Boolean")


VERIFIED_DEF = cs_property("verified", "boolean",
                           "true when the row was checked against the source named in the description "
                           "(fhir-profiles/codes/README.md says per file what 'verified' covers); false = not confirmed, treat with care.")

# --------------------------------------------------------------------------- CodeSystems


def build_atc(rows: list[dict]) -> tuple[dict, list[str]]:
    notes = []
    by_code = {r["code"]: r for r in rows}
    for r in rows:
        level = int(r["level"])
        if r["parent"]:
            p = by_code[r["parent"]]
            if int(p["level"]) != level - 1 or not r["code"].startswith(r["parent"]):
                fail(f"atc.csv: {r['code']} (level {level}) has inconsistent parent {r['parent']}")
        elif level != 1:
            fail(f"atc.csv: {r['code']} has no parent but level {level}")
        if bool(r["ddd"]) != (level == 5):
            notes.append(f"atc.csv: {r['code']} level {level} {'has' if r['ddd'] else 'lacks'} a DDD")
        if r["ddd"] and not (r["ddd_unit"] and r["ddd_route"]):
            fail(f"atc.csv: {r['code']} has a DDD without unit/route")

    def make(r: dict) -> dict:
        c = {"code": r["code"], "display": r["name_en"], "designation": designation("sv", r["name_sv"])}
        props = []
        if r["ddd"]:
            props.append(prop("ddd", num(r["ddd"]), "Decimal"))
            props.append(prop("ddd-unit", r["ddd_unit"], "String"))
            props.append(prop("ddd-route", r["ddd_route"], "Code"))
        props.append(verified_prop(r))
        c["property"] = props
        return c

    concepts = nest(rows, make, "atc.csv")
    description = (
        "The part of the WHO Anatomical Therapeutic Chemical (ATC) classification that Primary Care CDS needs: the "
        "hierarchy N → N02 → N02A → N02AA → N02AA01 etc. down to the substances used by the rules and measures, so that "
        "`code:below=http://www.whocc.no/atc|N05BA` searches and `is-a` value sets work. Concepts are nested by parent. "
        "This is a subset of ATC: `content` is 'fragment' in the published FHIR package (codes missing here are not "
        "invalid); the copy the server loads says 'complete' only so that HAPI indexes the hierarchy - do not read it "
        "as the full classification. display = WHO English name (WHO capitalisation); the Swedish designation uses FASS "
        "spelling for substances, while Swedish labels of levels 1-4 are display text only (not covered by `verified`). "
        "Property `ddd` is WHO's oral DDD exactly as given in the source, in the unit of `ddd-unit` (mg, g or UD = unit "
        "doses) for route `ddd-route` (O = oral); parenteral/rectal DDDs are not included. `verified` = code, parent, "
        "English name and oral DDD match the WHO ATC/DDD index snapshot 2026-04-25. Pregabalin is N02BF02 (N03AX16 until "
        "2021); gabapentin N02BF01 (was N03AX12).\n\nSources: " + SRC_WHO_INDEX + "; " + SRC_WHO_COMB + "; "
        + SRC_WHO_GROUPS + "; " + SRC_WHO_NEWS + ".")
    props = [
        cs_property("ddd", "decimal", "WHO defined daily dose for the oral route, in the unit given by ddd-unit (as in the source, not converted)."),
        cs_property("ddd-unit", "string", "Unit of the DDD: mg, g, or UD (unit doses, used for combination products)."),
        cs_property("ddd-route", "code", "WHO administration route of the DDD (O = oral)."),
        VERIFIED_DEF,
    ]
    cs = code_system("atc", ATC_URL, "ATC", "ATC – anatomisk terapeutisk kemisk klassifikation (urval för Primary Care CDS)",
                     description, props, concepts, COPY_ATC)
    return cs, notes


# Per codes/README.md: which concepts have, in icd10se.csv, the complete official set of child codes.
ICD_COMPLETE_SELF = {"F10-F19"}               # all ten categories listed (but not their subcodes)
ICD_COMPLETE_SUBTREE = {"F40-F48", "F32", "F33"}  # the concept and every concept below it
# Exceptions found by comparing icd10se.csv with sklintyg/refdata icd10se/digit5.txt (commit dd7dbdbf, 2020):
# these official five-character codes are missing from the CSV, so their parents must not claim completeness.
ICD_KNOWN_INCOMPLETE = {
    "F32.3": "F32.3A Uppgivenhetssyndrom and F32.3W are official ICD-10-SE codes not listed here",
    "F42.8": "F42.8A Samlarsyndrom and F42.8W are official ICD-10-SE codes not listed here",
}


def build_icd(rows: list[dict]) -> tuple[dict, list[str]]:
    notes = []
    codes = {r["code"] for r in rows}
    for r in rows:
        if not re.fullmatch(r"[A-Z]\d\d(-[A-Z]\d\d|\.\d[A-Z0-9]?)?", r["code"]):
            fail(f"icd10se.csv: unexpected code format {r['code']!r}")
    for c in sorted(ICD_COMPLETE_SELF | ICD_COMPLETE_SUBTREE | set(ICD_KNOWN_INCOMPLETE)):
        if c not in codes:
            fail(f"icd10se.csv: {c} expected by the subcodes-complete rule is missing")
    parent_of = {r["code"]: r["parent"] for r in rows}

    def in_subtree(code: str) -> bool:
        while code:
            if code in ICD_COMPLETE_SUBTREE:
                return True
            code = parent_of[code]
        return False

    def complete(code: str) -> bool:
        if code in ICD_KNOWN_INCOMPLETE:
            return False
        return code in ICD_COMPLETE_SELF or in_subtree(code)

    for c, why in sorted(ICD_KNOWN_INCOMPLETE.items()):
        notes.append(f"icd10se.csv: {c} marked subcodes-complete=false: {why}")

    def make(r: dict) -> dict:
        return {
            "code": r["code"],
            "display": r["name_sv"],
            "designation": designation("en", r["name_en"]),
            "property": [verified_prop(r), prop("subcodes-complete", complete(r["code"]), "Boolean")],
        }

    concepts = nest(rows, make, "icd10se.csv")
    complete_codes = [c["code"] for c in walk(concepts)
                      if any(p["code"] == "subcodes-complete" and p["valueBoolean"] for p in c["property"])]
    description = (
        "The fragment of ICD-10-SE (Swedish edition of ICD-10) that Primary Care CDS needs, with its hierarchy "
        "chapter → block → three-character category → four-character code → five-character Swedish extension, concepts "
        "nested by parent so that `Condition?code:below=http://hl7.org/fhir/sid/icd-10-se|F40-F48` works. Codes are "
        "written with a dot (F41.1, F43.8A); input without dot (F411) is normalised by the server. Contents: chapters "
        "F00-F99, G00-G99, Z00-Z99; all F-chapter blocks; blocks G40-G47 and Z70-Z76; categories F10-F19, F32, F33 (with "
        "subcodes), F40-F48 with all four-character codes and Swedish five-character extensions; F51/F51.0, G47/G47.0, "
        "Z73/Z73.0. F46 and F47 do not exist. display = official Swedish title; designation en = WHO ICD-10 English title "
        "(for national extensions an English rendering marked 'Swedish national extension'; spot-checked only). "
        "`verified` = code and Swedish title match the ICD-10-SE code files. No canonical URI for ICD-10-SE is published; "
        "this URL is the project's choice (OID 1.2.752.116.1.1.1.1.3).\n\n"
        "This is a fragment: `content` is 'fragment' in the published FHIR package; the copy the server loads says "
        "'complete' only so that HAPI indexes the hierarchy. Property "
        "`subcodes-complete` says, per concept, whether its children in this CodeSystem are the complete official set of "
        "ICD-10-SE codes directly below it. It is used by the server to reject codes that cannot exist, such as F41.7 or "
        "F46, while accepting codes of categories this fragment does not list (e.g. F10.2, F20, F51.1, G47.1A). true on: "
        + ", ".join(complete_codes) + ". false everywhere else, including F32.3 and F42.8, whose official five-character "
        "extensions F32.3A/F32.3W and F42.8A/F42.8W (digit5.txt, 2020) are not in this fragment.\n\nSources: " + SRC_ICD + ".")
    props = [
        VERIFIED_DEF,
        cs_property("subcodes-complete", "boolean",
                    "true when the children of this concept in this CodeSystem are the complete official set of ICD-10-SE "
                    "codes directly below it (so an unlisted code below it cannot exist); false when the fragment is partial there."),
    ]
    cs = code_system("icd-10-se", ICD_URL, "ICD10SE", "ICD-10-SE – Internationell statistisk klassifikation av sjukdomar "
                     "och relaterade hälsoproblem, svensk version (urval)", description, props, concepts, COPY_ICD,
                     identifier=[{"system": "urn:ietf:rfc:3986", "value": ICD_OID}],
                     value_set=f"{BASE}/ValueSet/icd-10-se-all")
    return cs, notes


KVA_GROUPS = ("psychological-treatment", "physical-activity-advice", "far", "far-follow-up", "medication-review")
# Why a KVÅ code is not verified (codes/README.md). Used only while kva.csv says verified=no for the code, so the
# texts follow the CSV: a code that becomes verified drops out of every "not verified" list and note.
KVA_UNVERIFIED_WHY = {
    "DU010": "title unknown, placeholder",
    "DU020": "title unknown, placeholder",
    "DV131": "title from memory",
    "DV133": "title from memory",
    "AW005": "seen only in the seed report",
    "XV015": "title from memory; regions use 'enkel läkemedelsgenomgång', the code was not seen in a source",
    "XV016": "title from memory; regions use 'fördjupad läkemedelsgenomgång', the code was not seen in a source",
}


def kva_unverified_notes(codes: list[str]) -> list[str]:
    return [f"{c} ({KVA_UNVERIFIED_WHY[c]})" if c in KVA_UNVERIFIED_WHY else c for c in codes]


def build_kva(rows: list[dict]) -> tuple[dict, list[str]]:
    notes = []
    titles: dict[str, list[str]] = {}
    for r in rows:
        if r["group"] not in KVA_GROUPS:
            fail(f"kva.csv: unknown group {r['group']!r} for {r['code']}")
        titles.setdefault(r["name_sv"], []).append(r["code"])
    for t, cs_ in titles.items():
        if len(cs_) > 1:
            notes.append(f"kva.csv: {', '.join(cs_)} share the placeholder title {t!r}")

    concepts = [{
        "code": r["code"],
        "display": r["name_sv"],
        "designation": designation("en", r["name_en"]),
        "property": [prop("group", r["group"], "Code"), verified_prop(r)],
    } for r in rows]
    verified = [r["code"] for r in rows if r["verified"] == "yes"]
    unverified = [r["code"] for r in rows if r["verified"] == "no"]
    description = (
        "KVÅ (Klassifikation av vårdåtgärder, Socialstyrelsen) procedure codes used by Primary Care CDS: psychological "
        "treatment (DU…), physical-activity advice and FaR (DV…), FaR follow-up (AW005) and medication review (XV…). A flat "
        "subset: `content` is 'fragment' in the published FHIR package; the copy the server loads says 'complete' only "
        "so that HAPI can expand value sets. display = Swedish title, "
        "designation en = the project's translation; property `group` = the project's grouping. `verified` = a regional "
        "care-provider page or the region's coding guidance quoted in a seed report cites the code with that meaning "
        "(fhir-profiles/codes/kva.csv); verified: " + (", ".join(verified) or "none") + "; not verified: "
        + (", ".join(kva_unverified_notes(unverified)) or "none") + ". A code that is not verified is never put into a "
        "suggested resource as a coding (cds-rules.md, version 2). Sleep school has no KVÅ code.\n\nSources: "
        + SRC_KVA + ".")
    props = [
        cs_property("group", "code", "Project grouping: " + ", ".join(KVA_GROUPS) + "."),
        VERIFIED_DEF,
    ]
    cs = code_system("kva", KVA_URL, "KVA", "KVÅ – Klassifikation av vårdåtgärder (urval)", description, props, concepts,
                     COPY_KVA, identifier=[{"system": "urn:ietf:rfc:3986", "value": KVA_URL}],
                     value_set=f"{BASE}/ValueSet/kva-all")
    return cs, notes


FORMS = {"tab": ("tablett", "tablet"), "prtab": ("depottablett", "prolonged-release tablet"),
         "efftab": ("brustablett", "effervescent tablet"), "cap": ("kapsel", "capsule")}


def build_product(rows: list[dict], atc_rows: list[dict]) -> tuple[dict, list[str]]:
    notes = []
    atc = {r["code"]: r for r in atc_rows}
    to_mg = {"mg": Decimal(1), "g": Decimal(1000)}
    concepts = []
    for r in rows:
        code = r["product_code"]
        if r["form"] not in FORMS:
            fail(f"products.csv: unknown form {r['form']!r} in {code}")
        if r["atc"] not in atc or atc[r["atc"]]["level"] != "5":
            fail(f"products.csv: {code} has ATC {r['atc']!r} that is not a substance in atc.csv")
        a = atc[r["atc"]]
        strengths = re.findall(r"-(\d+(?:\.\d+)?)mg(?=-)", code)
        expected = f"{r['substance']}-{'-'.join(s + 'mg' for s in strengths)}-{r['form']}"
        if code != expected or not strengths:
            fail(f"products.csv: product_code {code} does not follow substance-strength-form")
        if Decimal(strengths[0]) != Decimal(r["strength_mg"]):
            fail(f"products.csv: {code} strength_mg {r['strength_mg']} differs from the code")
        packs = [int(p) for p in r["pack_sizes"].split(";") if p.strip()]
        if not packs or packs != sorted(set(packs)):
            notes.append(f"products.csv: {code} pack sizes not strictly ascending: {r['pack_sizes']}")
        # DDD consistency with atc.csv
        if a["ddd_unit"] in to_mg:
            ddd_mg = Decimal(a["ddd"]) * to_mg[a["ddd_unit"]]
            if ddd_mg != Decimal(r["ddd_mg"]):
                fail(f"products.csv: {code} ddd_mg {r['ddd_mg']} differs from atc.csv DDD {a['ddd']} {a['ddd_unit']}")
        elif a["ddd_unit"] == "UD":
            if Decimal(a["ddd"]) * Decimal(r["strength_mg"]) != Decimal(r["ddd_mg"]):
                fail(f"products.csv: {code} ddd_mg {r['ddd_mg']} != {a['ddd']} UD x {r['strength_mg']} mg")
        if r["brand_examples"].startswith("("):
            notes.append(f"products.csv: {code} brand_examples is a remark, not a brand: {r['brand_examples']}")

        form_sv, form_en = FORMS[r["form"]]
        sv_name = a["name_sv"][:1].upper() + a["name_sv"][1:]
        en_name = a["name_en"][:1].upper() + a["name_en"][1:]
        display_sv = f"{sv_name} {'/'.join(sv_number(s) + ' mg' for s in strengths)} {form_sv}"
        display_en = f"{en_name} {'/'.join(s + ' mg' for s in strengths)} {form_en}"
        props = [
            prop("substance", r["substance"], "String"),
            prop("atc", r["atc"], "Code"),
            prop("strength-mg", num(r["strength_mg"]), "Decimal"),
            prop("form", r["form"], "Code"),
        ]
        props += [prop("pack-size", p, "Integer") for p in packs]
        props += [
            prop("ddd-mg", num(r["ddd_mg"]), "Decimal"),
            prop("brand-examples", r["brand_examples"], "String"),
            verified_prop(r),
        ]
        concepts.append({"code": code, "display": display_sv, "designation": designation("en", display_en),
                         "property": props})

    unverified = [r["product_code"] for r in rows if r["verified"] == "no"]
    description = (
        "Primary Care CDS's own small product catalogue, standing in for NPL-id: one concept per substance + strength + "
        "form (code = substance-strength-form, lowercase; forms tab = tablet, prtab = prolonged-release tablet, efftab = "
        "effervescent tablet, cap = capsule). Used in MedicationRequest.medicationCodeableConcept next to the ATC code, "
        "for DDD sums (amount in mg = quantity × strength-mg; DDD = mg / ddd-mg) and for the starter-pack rule. "
        "`strength-mg` = mg of active substance per unit (for codeine + paracetamol the codeine mg); `pack-size` = units "
        "per pack, one property per size, union over the brands; `ddd-mg` = WHO oral DDD in mg (codeine + paracetamol: "
        "90 = 3 UD × 30 mg, so DDD = tablets / 3). `verified` = strength, form and pack sizes found in the FASS product "
        "list (2026-05-22); not verified: " + ", ".join(unverified) + " (not on that list, probably no longer marketed in "
        "Sweden; pack sizes are plausible guesses). No starter pack exists for lorazepam 1 mg or clonazepam.\n\n"
        "Sources: " + SRC_FASS + "; DDDs: " + SRC_WHO_INDEX + "; " + SRC_WHO_COMB + ".")
    props = [
        cs_property("substance", "string", "Substance (English, lowercase; as in the product code)."),
        cs_property("atc", "code", "ATC code (http://www.whocc.no/atc) of the product."),
        cs_property("strength-mg", "decimal", "mg of active substance per unit (codeine + paracetamol: codeine mg)."),
        cs_property("form", "code", "Dose form: tab, prtab, efftab, cap."),
        cs_property("pack-size", "integer", "Units per pack; one property entry per available pack size."),
        cs_property("ddd-mg", "decimal", "WHO oral DDD in mg for the substance (codeine + paracetamol: 90 = 3 UD × 30 mg)."),
        cs_property("brand-examples", "string", "Brand names seen on FASS, semicolon separated (or a remark in brackets when none was found)."),
        VERIFIED_DEF,
    ]
    cs = code_system("product", PRODUCT_URL, "PrimaryCareProduct", "Läkemedelsprodukter (substans, styrka, beredningsform)",
                     description, props, concepts, COPY_FASS)
    return cs, notes


def own_concept(code: str, sv: str, en: str, definition: str | None = None) -> dict:
    c = {"code": code, "display": sv}
    if definition:
        c["definition"] = definition
    c["designation"] = designation("en", en)
    return c


def build_observation_cs() -> dict:
    concepts = [own_concept(
        "sick-leave", "Sjukskrivning (sjukintygsperiod)", "Sick leave (certificate period)",
        "One sick-leave certificate period: effectivePeriod start/end (inclusive dates), valueQuantity = extent in percent "
        "(25, 50, 75 or 100, unit %), focus = the Condition (diagnosis) the leave is for.")]
    return code_system("observation", OBSERVATION_URL, "PrimaryCareObservationCodes", "Observationskoder (Primary Care CDS)",
                       "Observation codes defined by Primary Care CDS where no national code was found (ours). "
                       "sick-leave = one Observation per sick-leave certificate period (profile se-sick-leave). "
                       "Source: " + SRC_CONTRACT + ".", [], concepts)


CAREPLAN_CATEGORIES = [
    ("rehab-plan", "Rehabiliteringsplan / överenskommelse", "Rehabilitation plan / agreement",
     "A rehabilitation plan or agreement ('överenskommelse', 'rehabiliteringsplan') for a sick-listed patient."),
    ("medication-plan", "Läkemedelsplan / nedtrappningsplan", "Medication plan / tapering plan",
     "A medication plan or tapering plan ('läkemedelsplan', 'nedtrappningsplan', version 2): activity.detail names the "
     "drug (ATC) with a goal text, e.g. tapering; optional addresses → the Condition."),
]


def build_careplan_category_cs() -> dict:
    concepts = [own_concept(c, sv, en, d) for c, sv, en, d in CAREPLAN_CATEGORIES]
    return code_system("careplan-category", CAREPLAN_CAT_URL, "PrimaryCareCarePlanCategory",
                       "Vårdplanskategorier (Primary Care CDS)",
                       "CarePlan categories defined by Primary Care CDS (ours): rehab-plan marks the rehabilitation plan / "
                       "agreement checked by the sick-leave-rehab-plan rule and the SL28 measure (profile se-rehab-plan); "
                       "medication-plan marks the medication / tapering plan (läkemedelsplan) that long-term-use and "
                       "benzo-anxiety (renewal) propose as a draft (profile se-medication-plan). Only active or completed "
                       "CarePlans count; a draft is a proposal, not a plan. Source: " + SRC_CONTRACT + ".", [], concepts)


CDS_RULES = [
    ("benzo-anxiety", "Bensodiazepin vid ångest", "Benzodiazepine for anxiety",
     "Draft order is a benzodiazepine (or clonazepam) and the patient has anxiety (active, recorded in 24 months, or the "
     "order's reason); suggests KBT (DU011) and FaR (DV200). When the draft is a renewal (current use of a "
     "benzodiazepine) the card also asks for a medication review (XV015/XV016; text while not verified) and a "
     "documented läkemedelsplan (medication-plan CarePlan draft)."),
    ("starter-pack", "Startförpackning vid nyförskrivning", "Starter pack for a new prescription",
     "New benzodiazepine prescription > 25 tablets or new z-drug prescription > 30 tablets (none of the group in 365 days)."),
    ("opioid-benzo", "Opioid samtidigt med bensodiazepin, sömnmedel eller gabapentinoid",
     "Opioid combined with benzodiazepine, hypnotic or gabapentinoid",
     "Draft benzodiazepine, z-drug, N05CD or gabapentinoid (N02BF) with current opioid use, or the reverse "
     "(respiratory-depression risk)."),
    ("long-term-use", "Långtidsanvändning av bensodiazepiner, z-läkemedel eller opioider",
     "Long-term use of benzodiazepines, z-drugs or opioids",
     "Continuous use of benzodiazepines or z-drugs, or of opioids (N02A), for ≥ 90 days and a new one is drafted; not when "
     "a medication review (XV015/XV016 Procedure, or a ServiceRequest for one) was done or ordered in the last 180 days. "
     "Suggests a medication review (text while XV015 is not verified) and a medication-plan CarePlan draft (läkemedelsplan "
     "with a tapering goal); for opioids also pain school and ACT."),
    ("insomnia-nonpharm", "Icke-farmakologisk behandling vid sömnbesvär", "Non-pharmacological treatment of insomnia",
     "Draft z-drug, N05CD or propiomazine for insomnia or without reason; suggests sleep school and a patient leaflet."),
    ("sick-leave-activity", "Fysisk aktivitet vid sjukskrivning", "Physical activity during sick leave",
     "Listed patient < 40 with a current psychiatric sick-leave episode > 14 days and no DV131-DV133/DV200."),
    ("sick-leave-rehab-plan", "Rehabiliteringsplan vid sjukskrivning", "Rehabilitation plan during sick leave",
     "Current psychiatric sick-leave episode > 28 days and no rehab-plan CarePlan."),
    ("patient-leaflet", "Patientinformation om beroendeframkallande läkemedel", "Patient leaflet on dependence-inducing drugs",
     "Any new prescription of a dependence-inducing drug; links a leaflet about dependence and tapering."),
    ("dependence-history", "Beroendeframkallande läkemedel vid substansbrukssyndrom",
     "Dependence-inducing drug and a substance-use diagnosis",
     "Draft order is a dependence-inducing drug (benzodiazepines, z-drugs, N05CD, opioids N02A, gabapentinoids N02BF) and "
     "the patient has a substance-use diagnosis F10–F16, F18, F19 (not F17 tobacco) active or recorded in the last 24 "
     "months; advises consulting the patient's regular doctor or the region's addiction clinic (beroendemottagning) "
     "before prescribing."),
    ("sick-leave-ending", "Sjukskrivning som snart upphör", "Sick leave ending soon",
     "The current psychiatric sick-leave episode's last period ends within the next 14 days (today ≤ end ≤ today + 14); "
     "prompts planning the follow-up (återkoppling) with the patient before the certificate runs out, with the end date."),
    ("far-follow-up", "Uppföljning av FaR", "FaR follow-up",
     "A FaR (DV200) Procedure performed 28–120 days ago and no FaR follow-up (AW005) since; suggests a ServiceRequest "
     "AW005."),
]


def build_cds_rule_cs() -> dict:
    concepts = [own_concept(c, sv, en, d) for c, sv, en, d in CDS_RULES]
    return code_system("cds-rule", CDS_RULE_URL, "PrimaryCareCdsRule", "CDS-regler (Primary Care CDS)",
                       "Identifiers of the Primary Care CDS decision-support rules (ours). Every CDS Hooks card carries "
                       "source.topic = a Coding from this system so that EHRs, feedback analytics and tests can tell rules "
                       "apart. Source: " + SRC_RULES + ".", [], concepts)

OVERRIDE_REASONS = [
    ("non-drug-tried", "Icke-farmakologisk behandling redan prövad", "Non-drug treatment already tried",
     "KBT, FaR or other non-drug treatment has been tried without enough effect."),
    ("patient-declines", "Patienten avstår efter information", "Patient declines after information",
     "The patient has been informed and declines the suggested alternative."),
    ("short-acute-treatment", "Kortvarig behandling vid akut, svår ångest", "Short treatment for acute, severe anxiety",
     "A short, time-limited course for acute severe symptoms, with a planned stop."),
    ("specialist-decision", "Ordinerat eller planerat av specialist", "Prescribed or planned by a specialist",
     "The treatment was started or planned by psychiatry, pain or palliative care."),
    ("benefit-outweighs-risk", "Nyttan bedöms överväga risken", "Benefit judged to outweigh the risk",
     "The prescriber has weighed the risk (e.g. of the combination) and judges the benefit greater."),
    ("tapering-ongoing", "Nedtrappning pågår", "Tapering in progress",
     "The prescription is part of a planned tapering."),
    ("already-planned", "Redan ordnat", "Already arranged",
     "The suggested action (plan, referral, advice) has already been arranged outside the record."),
]


def build_override_reason_cs() -> dict:
    concepts = [own_concept(c, sv, en, d) for c, sv, en, d in OVERRIDE_REASONS]
    return code_system("cds-override-reason", OVERRIDE_REASON_URL, "PrimaryCareCdsOverrideReason",
                       "Skäl att avstå från CDS-råd (Primary Care CDS)",
                       "Reasons a clinician may give for not following a Primary Care CDS card (ours): the "
                       "overrideReasons of warning and critical cards, and the codes counted in the feedback summary. "
                       "Source: " + SRC_RULES + ".", [], concepts)

# --------------------------------------------------------------------------- ValueSets


def isa(system: str, code: str) -> dict:
    return {"system": system, "filter": [{"property": "concept", "op": "is-a", "value": code}]}


def concepts_of(system: str, *codes: str) -> dict:
    return {"system": system, "concept": [{"code": c} for c in codes]}


def whole(system: str) -> dict:
    return {"system": system}


VS_FROM_CONTRACT = "Defined in the value-set table of the " + SRC_CONTRACT + "."
VS_FOR_BINDING = "Binding target for the profiles of the " + SRC_CONTRACT + " (ours)."
BINDING_VALUE_SETS = {"icd-10-se-all", "kva-all"}
# value sets an indicator defines (indicators.md), not the data contract's table
VS_FROM_INDICATORS = "Defined in the " + "Primary Care CDS indicator definitions (docs/indicators.md)" + "."
INDICATOR_VALUE_SETS = {"team-intervention"}

VALUE_SETS = [
    ("anxiety", "AnxietyDisorders", "Ångest- och stressrelaterade syndrom (ICD-10-SE F40–F48)",
     "Anxiety and stress-related diagnoses: ICD-10-SE block F40-F48 and every code below it (F40, F41, F42, F43, F44, F45, "
     "F48 and their subcodes, incl. F43.8A utmattningssyndrom; F46 and F47 do not exist). Used by benzo-anxiety, Ån07, Ån09.",
     [isa(ICD_URL, "F40-F48")]),
    ("psychiatric", "PsychiatricDiagnoses", "Psykiatriska diagnoser (ICD-10-SE kapitel F00–F99)",
     "Psychiatric diagnoses: the ICD-10-SE F chapter F00-F99 and every code below it. Decides whether a sick-leave episode "
     "is psychiatric (sick-leave-activity, sick-leave-rehab-plan, SL14, SL28).",
     [isa(ICD_URL, "F00-F99")]),
    ("insomnia", "Insomnia", "Sömnlöshet (ICD-10-SE F51.0, G47.0)",
     "Insomnia: ICD-10-SE F51.0 (icke-organisk sömnlöshet) and G47.0 (insomni), each with is-a so that future "
     "subcodes are included. Used by insomnia-nonpharm.",
     [isa(ICD_URL, "F51.0"), isa(ICD_URL, "G47.0")]),
    ("benzodiazepines", "Benzodiazepines", "Bensodiazepiner (ATC N05BA, klonazepam N03AE01)",
     "Benzodiazepines: ATC N05BA and every code below it, plus N03AE01 clonazepam. Clonazepam counts as a benzodiazepine "
     "only when prescribed for anxiety (in the rules also when it has no reason and the patient has no epilepsy "
     "diagnosis); the rules and measures check that condition, this value set cannot. The DID group N05BA is the plain "
     "ATC prefix without clonazepam.",
     [isa(ATC_URL, "N05BA"), concepts_of(ATC_URL, "N03AE01")]),
    ("z-drugs", "ZDrugs", "Z-läkemedel (ATC N05CF)",
     "Benzodiazepine-related hypnotics (z-drugs): ATC N05CF and every code below it (zopiclone, zolpidem, zaleplon).",
     [isa(ATC_URL, "N05CF")]),
    ("other-hypnotics", "OtherHypnotics", "Övriga sömnmedel och lugnande medel (ATC N05CD, propiomazin N05CM06)",
     "Other hypnotics and sedatives: ATC N05CD (benzodiazepine hypnotics, e.g. nitrazepam, flunitrazepam, triazolam) "
     "and every code below it, plus N05CM06 propiomazine.",
     [isa(ATC_URL, "N05CD"), concepts_of(ATC_URL, "N05CM06")]),
    ("opioids", "Opioids", "Opioider (ATC N02A)",
     "Opioids: ATC N02A and every code below it (incl. N02AJ opioid combinations such as codeine and paracetamol).",
     [isa(ATC_URL, "N02A")]),
    ("dependence-inducing", "DependenceInducingDrugs", "Beroendeframkallande läkemedel",
     "Dependence-inducing drugs: union of benzodiazepines (N05BA and N03AE01 clonazepam), z-drugs (N05CF), N05CD, "
     "opioids (N02A) and gabapentinoids (N02BF: gabapentin N02BF01, pregabalin N02BF02). Used by patient-leaflet and "
     "dependence-history.",
     [isa(ATC_URL, "N05BA"), concepts_of(ATC_URL, "N03AE01"), isa(ATC_URL, "N05CF"), isa(ATC_URL, "N05CD"),
      isa(ATC_URL, "N02A"), isa(ATC_URL, "N02BF")]),
    ("gabapentinoids", "Gabapentinoids", "Gabapentinoider (ATC N02BF)",
     "Gabapentinoids: ATC N02BF and every code below it (gabapentin N02BF01, pregabalin N02BF02). Count on the sedative "
     "side of opioid-benzo (version 2) and belong to dependence-inducing.",
     [isa(ATC_URL, "N02BF")]),
    ("sedatives", "SedativesAndHypnotics", "Bensodiazepiner, z-läkemedel och bensodiazepinhypnotika",
     "Benzodiazepines (N05BA, N03AE01 clonazepam), z-drugs (N05CF) and benzodiazepine hypnotics (N05CD): the drugs "
     "whose combination with an opioid fires opioid-benzo.",
     [isa(ATC_URL, "N05BA"), concepts_of(ATC_URL, "N03AE01"), isa(ATC_URL, "N05CF"), isa(ATC_URL, "N05CD")]),
    ("benzodiazepines-and-z-drugs", "BenzodiazepinesAndZDrugs", "Bensodiazepiner och z-läkemedel",
     "Benzodiazepines (N05BA, N03AE01 clonazepam) and z-drugs (N05CF): continuous use of either for 90 days or more "
     "fires long-term-use.",
     [isa(ATC_URL, "N05BA"), concepts_of(ATC_URL, "N03AE01"), isa(ATC_URL, "N05CF")]),
    ("hypnotics", "Hypnotics", "Sömnmedel (ATC N05CF, N05CD, propiomazin N05CM06)",
     "Hypnotics for which non-drug insomnia treatment comes first: z-drugs (N05CF), benzodiazepine hypnotics (N05CD) "
     "and propiomazine (N05CM06). Used by insomnia-nonpharm.",
     [isa(ATC_URL, "N05CF"), isa(ATC_URL, "N05CD"), concepts_of(ATC_URL, "N05CM06")]),
    ("hypnotic-benzodiazepines", "HypnoticBenzodiazepines", "Bensodiazepinhypnotika (ATC N05CD)",
     "Benzodiazepine hypnotics: ATC N05CD and every code below it (nitrazepam, flunitrazepam, triazolam). One of the "
     "groups of cds-rules.md for 'new prescription'.",
     [isa(ATC_URL, "N05CD")]),
    ("pregabalin", "Pregabalin", "Pregabalin (ATC N02BF02)",
     "Pregabalin: ATC N02BF02 (N03AX16 until 2023). One of the groups of cds-rules.md for 'new prescription'.",
     [concepts_of(ATC_URL, "N02BF02")]),
    ("kbt", "CognitiveBehaviouralTherapy", "Kognitiv beteendeterapi (KVÅ DU011)",
     "Cognitive behavioural therapy: KVÅ DU011. Numerator of Ån09; suggested by benzo-anxiety.",
     [concepts_of(KVA_URL, "DU011")]),
    ("psychological-treatment", "PsychologicalTreatment", "Psykologisk behandling (KVÅ DU008, DU010, DU011, DU020, DU022)",
     "Psychological treatment, wider set: KVÅ DU008 (psychodynamic psychotherapy), DU010, DU011 (KBT), DU020, DU022 (IPT).",
     [concepts_of(KVA_URL, "DU008", "DU010", "DU011", "DU020", "DU022")]),
    ("physical-activity-advice", "PhysicalActivityAdvice", "Rådgivning om fysisk aktivitet (KVÅ DV131–DV133)",
     "Physical-activity advice: KVÅ DV131 (simple advice), DV132 (counselling), DV133 (qualified counselling).",
     [concepts_of(KVA_URL, "DV131", "DV132", "DV133")]),
    ("activity-or-far", "PhysicalActivityAdviceOrFaR", "Råd om fysisk aktivitet eller FaR (KVÅ DV131–DV133, DV200)",
     "Physical-activity advice or FaR: KVÅ DV131, DV132, DV133, DV200. Used by sick-leave-activity and SL14 "
     "(a Procedure with one of these codes counts as activity).",
     [concepts_of(KVA_URL, "DV131", "DV132", "DV133", "DV200")]),
    ("far", "PhysicalActivityOnPrescription", "Fysisk aktivitet på recept, FaR (KVÅ DV200, AW005)",
     "FaR (physical activity on prescription): KVÅ DV200 (issuing the prescription) and AW005 (follow-up of an earlier "
     "FaR prescription; title as in seed 000's coding guidance). far-follow-up looks for a DV200 performed 28–120 days "
     "ago and no AW005 since.",
     [concepts_of(KVA_URL, "DV200", "AW005")]),
    ("medication-review", "MedicationReview", "Läkemedelsgenomgång (KVÅ XV015, XV016)",
     "Medication review: KVÅ XV015 (enkel läkemedelsgenomgång) and XV016 (fördjupad läkemedelsgenomgång). A Procedure "
     "or ServiceRequest with one of these codes in the last 180 days suppresses long-term-use; long-term-use and "
     "benzo-anxiety (renewal) ask for a medication review (as text while the codes are not verified).",
     [concepts_of(KVA_URL, "XV015", "XV016")]),
    ("team-intervention", "TeamIntervention", "Teaminsats vid ångest (KVÅ DU008, DU010, DU011, DU020, DU022, DV200)",
     "Team interventions of Ån07-åtgärder (indicators.md, version 2; seed 000: 'erbjudas teaminsatser'): psychological "
     "treatment (DU008, DU010, DU011 KBT, DU020, DU022) or FaR issued (DV200), as a completed Procedure or an active or "
     "completed ServiceRequest.",
     [concepts_of(KVA_URL, "DU008", "DU010", "DU011", "DU020", "DU022", "DV200")]),
    ("substance-use", "SubstanceUseDisorders",
     "Psykiska störningar orsakade av psykoaktiva substanser utom tobak (ICD-10-SE F10–F16, F18, F19)",
     "Substance-use diagnoses: ICD-10-SE categories F10 (alcohol), F11 (opioids), F12 (cannabinoids), F13 (sedatives or "
     "hypnotics), F14 (cocaine), F15 (other stimulants), F16 (hallucinogens), F18 (volatile solvents) and F19 (multiple "
     "drug use and other psychoactive substances), each with every code below it (F10.2, F19.9 …). Not F17 (tobacco). "
     "Used by dependence-history (version 2).",
     [isa(ICD_URL, c) for c in ("F10", "F11", "F12", "F13", "F14", "F15", "F16", "F18", "F19")]),
    ("ssri", "SSRI", "SSRI (ATC N06AB)",
     "Selective serotonin reuptake inhibitors: ATC N06AB and every code below it. An SSRI for anxiety must not fire "
     "benzo-anxiety.",
     [isa(ATC_URL, "N06AB")]),
    ("icd-10-se-all", "ICD10SEAll", "Alla ICD-10-SE-koder",
     "All codes of ICD-10-SE (http://hl7.org/fhir/sid/icd-10-se). Binding target of the se-condition profile. The loaded "
     "CodeSystem is a fragment; codes outside it are checked by the server with the subcodes-complete property.",
     [whole(ICD_URL)]),
    ("kva-all", "KVAAll", "Alla KVÅ-koder",
     "All KVÅ procedure codes (urn:oid:1.2.752.116.1.3.2.1.4). Binding target of the se-procedure and "
     "se-service-request profiles.",
     [whole(KVA_URL)]),
]


def build_value_sets(code_systems: dict[str, dict]) -> tuple[list[dict], dict[str, list[dict]]]:
    """Returns the ValueSets and, per id, the concepts the current CodeSystems expand it to."""
    index = {}
    for cs in code_systems.values():
        index[cs["url"]] = {}

        def add(concepts, ancestors):
            for c in concepts:
                index[cs["url"]][c["code"]] = (c, ancestors)
                add(c.get("concept", []), ancestors + [c["code"]])
        add(cs["concept"], [])

    resources, expansions = [], {}
    for rid, name, title, text, includes in VALUE_SETS:
        members: dict[tuple, dict] = {}
        for inc in includes:
            system = inc["system"]
            if system not in index:
                fail(f"ValueSet {rid}: system {system} is not a generated CodeSystem")
            codes = index[system]
            if "filter" in inc:
                for f in inc["filter"]:
                    if f["value"] not in codes:
                        fail(f"ValueSet {rid}: filter value {f['value']} not in {system}")
                for code, (c, anc) in codes.items():
                    if all(code == f["value"] or f["value"] in anc for f in inc["filter"]):
                        members[(system, code)] = c
            elif "concept" in inc:
                for ref in inc["concept"]:
                    if ref["code"] not in codes:
                        fail(f"ValueSet {rid}: concept {ref['code']} not in {system}")
                    ref["display"] = codes[ref["code"]][0]["display"]
                    members[(system, ref["code"])] = codes[ref["code"]][0]
            else:
                for code, (c, _) in codes.items():
                    members[(system, code)] = c
        copyright_text = COPY_ICD if all(i["system"] == ICD_URL for i in includes) else \
            COPY_KVA if all(i["system"] == KVA_URL for i in includes) else \
            COPY_ATC if all(i["system"] == ATC_URL for i in includes) else None
        source = VS_FOR_BINDING if rid in BINDING_VALUE_SETS else \
            VS_FROM_INDICATORS if rid in INDICATOR_VALUE_SETS else VS_FROM_CONTRACT
        unverified = verified_false(members.values())
        if unverified:
            text += (" Not verified (property verified = false in the CodeSystem, from fhir-profiles/codes/*.csv): "
                     + ", ".join(unverified) + ".")
        vs = header("ValueSet", rid, f"{BASE}/ValueSet/{rid}", name, title, text + " " + source, copyright_text)
        vs["immutable"] = False
        vs["compose"] = {"include": includes}
        resources.append(vs)
        expansions[rid] = [dict(c, _system=s) for (s, _), c in members.items()]
    return resources, expansions

# --------------------------------------------------------------------------- StructureDefinitions

# R4 (4.0.1) element order, used to check that differentials follow the base order (the snapshot generator needs it).
R4_ORDER = {
    "Organization": "identifier active type name alias telecom address partOf contact endpoint",
    "Practitioner": "identifier active name telecom address gender birthDate photo qualification communication",
    "Patient": "identifier active name telecom gender birthDate deceased[x] address maritalStatus multipleBirth[x] photo "
               "contact communication generalPractitioner managingOrganization link",
    "Condition": "identifier clinicalStatus verificationStatus category severity code bodySite subject encounter onset[x] "
                 "abatement[x] recordedDate recorder asserter stage evidence note",
    "Procedure": "identifier instantiatesCanonical instantiatesUri basedOn partOf status statusReason category code subject "
                 "encounter performed[x] recorder asserter performer location reasonCode reasonReference bodySite outcome "
                 "report complication complicationDetail followUp note focalDevice usedReference usedCode",
    "MedicationRequest": "identifier status statusReason intent category priority doNotPerform reported[x] medication[x] "
                         "subject encounter supportingInformation authoredOn requester performer performerType recorder "
                         "reasonCode reasonReference instantiatesCanonical instantiatesUri basedOn groupIdentifier "
                         "courseOfTherapyType insurance note dosageInstruction dispenseRequest substitution "
                         "priorPrescription detectedIssue eventHistory",
    "MedicationRequest.dispenseRequest": "initialFill dispenseInterval validityPeriod numberOfRepeatsAllowed quantity "
                                         "expectedSupplyDuration performer",
    "MedicationStatement": "identifier basedOn partOf status statusReason category medication[x] subject context "
                           "effective[x] dateAsserted informationSource derivedFrom reasonCode reasonReference note dosage",
    "Observation": "identifier basedOn partOf status category code subject focus encounter effective[x] issued performer "
                   "value[x] dataAbsentReason interpretation note bodySite method specimen device referenceRange hasMember "
                   "derivedFrom component",
    "CarePlan": "identifier instantiatesCanonical instantiatesUri basedOn replaces partOf status intent category title "
                "description subject encounter period created author contributor careTeam addresses supportingInfo goal "
                "activity note",
    "CarePlan.activity": "outcomeCodeableConcept outcomeReference progress reference detail",
    "CarePlan.activity.detail": "kind instantiatesCanonical instantiatesUri code reasonCode reasonReference goal status "
                                "statusReason doNotPerform scheduled[x] location performer product[x] dailyAmount "
                                "quantity description",
    "ServiceRequest": "identifier instantiatesCanonical instantiatesUri basedOn replaces requisition status intent category "
                      "priority doNotPerform code orderDetail quantity[x] subject encounter occurrence[x] asNeeded[x] "
                      "authoredOn requester performerType performer locationCode locationReference reasonCode "
                      "reasonReference insurance supportingInfo specimen bodySite note patientInstruction relevantHistory",
    # data types
    "Identifier": "use type system value period assigner",
    "CodeableConcept": "coding text",
    "Quantity": "value comparator unit system code",
    "Period": "start end",
}
R4_ORDER = {k: v.split() for k, v in R4_ORDER.items()}
# which data type the children of an element belong to
R4_CHILD_TYPE = {
    "Organization.identifier": "Identifier", "Patient.identifier": "Identifier",
    "Practitioner.identifier": "Identifier",
    "Condition.code": "CodeableConcept", "Procedure.code": "CodeableConcept",
    "MedicationRequest.medication[x]": "CodeableConcept", "MedicationStatement.medication[x]": "CodeableConcept",
    "MedicationRequest.dispenseRequest": "MedicationRequest.dispenseRequest",
    "MedicationRequest.dispenseRequest.quantity": "Quantity",
    "MedicationStatement.effective[x]": "Period", "Observation.effective[x]": "Period",
    "Observation.value[x]": "Quantity",
    "CarePlan.activity": "CarePlan.activity", "CarePlan.activity.detail": "CarePlan.activity.detail",
    "CarePlan.activity.detail.product[x]": "CodeableConcept",
}


def element_sort_key(rtype: str, eid: str) -> tuple:
    key, path, owner = [], rtype, rtype
    for seg in eid.split(".")[1:]:
        name, _, slice_name = seg.partition(":")
        order = R4_ORDER.get(owner)
        if order is None or name not in order:
            fail(f"StructureDefinition {rtype}: unknown element {name!r} in {eid}")
        key.append((order.index(name), slice_name))
        path = f"{path}.{name}"
        owner = R4_CHILD_TYPE.get(path, "")
    return tuple(key)


def el(eid: str, **kw) -> dict:
    path = re.sub(r":[^.]+", "", eid)
    e = {"id": eid, "path": path}
    if "sliceName" in kw:
        e["sliceName"] = kw.pop("sliceName")
    for k in ("slicing", "short", "definition", "comment", "min", "max", "type"):
        if k in kw:
            e[k] = kw.pop(k)
    e.update(kw)
    return e


def ref(*targets: str) -> list[dict]:
    return [{"code": "Reference", "targetProfile": [f"http://hl7.org/fhir/StructureDefinition/{t}" for t in targets]}]


def binding(vs_id: str, strength: str, description: str) -> dict:
    return {"strength": strength, "description": description, "valueSet": f"{BASE}/ValueSet/{vs_id}"}


ATC_COMMENT = ("medicationCodeableConcept.coding must contain the ATC code (system http://www.whocc.no/atc; required) and, "
               "when known, the product code (system https://fhir.primarycare.se/CodeSystem/product). That an ATC coding "
               "is present among the codings cannot be expressed without slicing and is " + VALIDATOR + ".")

PROFILES = [
    ("se-organization", "Organization", "SEOrganization", "Vårdenhet (vårdcentral)",
     "A Swedish primary care unit (vårdcentral): identified by its HSA-id, with a name. Patients are listed at it "
     "through Patient.managingOrganization.",
     [
         el("Organization.identifier", short="Identifiers; the HSA-id is required", min=1,
            slicing={"discriminator": [{"type": "value", "path": "system"}], "ordered": False, "rules": "open"}),
         el("Organization.identifier:hsaId", sliceName="hsaId", short="HSA-id of the unit",
            definition="The unit's HSA-id (system urn:oid:1.2.752.29.4.19), used as the 'unit' parameter of the measures.",
            min=1, max="1"),
         el("Organization.identifier:hsaId.system", min=1, fixedUri=HSA_SYSTEM),
         el("Organization.identifier:hsaId.value", short="The HSA-id", min=1),
         el("Organization.name", short="Name of the unit", min=1),
     ]),
    ("se-practitioner", "Practitioner", "SEPractitioner", "Läkare (PAL, fast läkarkontakt)",
     "A clinician identified by HSA-id, with a name (version 2). Patient.generalPractitioner points to the "
     "Practitioner who is the patient's PAL (fast läkarkontakt); an optional PractitionerRole ties the practitioner "
     "to a unit.",
     [
         el("Practitioner.identifier", short="Identifiers; the HSA-id is required", min=1,
            slicing={"discriminator": [{"type": "value", "path": "system"}], "ordered": False, "rules": "open"}),
         el("Practitioner.identifier:hsaId", sliceName="hsaId", short="HSA-id of the clinician",
            definition="The clinician's HSA-id (system urn:oid:1.2.752.29.4.19); the worklists name the PAL by it.",
            min=1, max="1"),
         el("Practitioner.identifier:hsaId.system", min=1, fixedUri=HSA_SYSTEM),
         el("Practitioner.identifier:hsaId.value", short="The HSA-id", min=1,
            definition="SE + the catalogue owner's 10-digit organisation number (no hyphen) + '-' + at least one "
                       "letter A-Z/a-z or digit (no å, ä, ö or @), at most 31 characters, e.g. SE2321000065-L10011.",
            comment="The form is " + VALIDATOR + "."),
         el("Practitioner.name", min=1, short="Name of the clinician",
            comment="A name with family and/or given name, or text, is " + VALIDATOR + "."),
     ]),
    ("se-patient", "Patient", "SEPatient", "Patient",
     "A patient identified by Swedish personnummer or samordningsnummer, with birth date, gender, the unit the "
     "patient is listed at (managingOrganization) and, when one is named, the PAL (generalPractitioner → se-practitioner).",
     [
         el("Patient.identifier", short="Personnummer or samordningsnummer", min=1,
            definition=f"The patient's Swedish personal identity number (personnummer, system {PNR_SYSTEM}) or "
                       f"coordination number (samordningsnummer, system {SAMORD_SYSTEM})."),
         el("Patient.identifier.system", min=1,
            short="personnummer or samordningsnummer system",
            definition=f"{PNR_SYSTEM} (personnummer) or {SAMORD_SYSTEM} (samordningsnummer). The OID form "
                       f"{PNR_OID} is also accepted for personnummer and stored as {PNR_SYSTEM}.",
            comment="Normalisation of the OID alias is " + VALIDATOR + "."),
         el("Patient.identifier.value", min=1, short="12 digits YYYYMMDDNNNC, no hyphen",
            definition="Twelve digits without hyphen or plus sign: YYYYMMDD (for samordningsnummer the day + 60), "
                       "NNN birth number, C check digit (Luhn, computed over the last ten digits).",
            comment="The 12-digit pattern and the check digit are " + VALIDATOR + "."),
         el("Patient.gender", min=1),
         el("Patient.birthDate", min=1),
         el("Patient.generalPractitioner", max="1", type=ref("Practitioner"),
            short="PAL (fast läkarkontakt), when one is named",
            definition="The Practitioner who is the patient's regular doctor (fast läkarkontakt, PAL; version 2). A "
                       "PractitionerRole or an Organization is not the contract's PAL and is refused.",
            comment="The reference must be Practitioner/<id> of a stored Practitioner (or a transaction's urn:uuid "
                    "of one): the type is " + VALIDATOR + ", that the target exists is the server's referential "
                    "integrity."),
         el("Patient.managingOrganization", min=1, type=ref("Organization"),
            short="Unit the patient is listed at (listad)",
            definition="The Organization (vårdcentral) the patient is listed at. A patient counts as listed at a unit "
                       "when managingOrganization points to it and Patient.active is not false; no listing history is kept."),
     ]),
    ("se-condition", "Condition", "SECondition", "Diagnos (ICD-10-SE)",
     "A diagnosis coded in ICD-10-SE. recordedDate is the date the diagnosis was set, the date the measures use; "
     "clinicalStatus active or resolved.",
     [
         el("Condition.clinicalStatus", short="active | resolved",
            comment="Measures count diagnoses whatever their clinicalStatus; rules use active ones (and resolved ones "
                    "recorded within 24 months)."),
         el("Condition.code", min=1, short="ICD-10-SE diagnosis",
            comment="Codes are stored with a dot (F41.1, F43.8A); input without dot (F411) is normalised - the dot "
                    "normalisation and the rejection of codes that cannot exist are " + VALIDATOR + ".",
            binding=binding("icd-10-se-all", "extensible", "ICD-10-SE")),
         el("Condition.code.coding", min=1),
         el("Condition.subject", min=1, type=ref("Patient")),
         el("Condition.recordedDate", min=1, short="Date the diagnosis was set (used by the measures)"),
     ]),
    ("se-procedure", "Procedure", "SEProcedure", "Åtgärd (KVÅ)",
     "A performed KVÅ action, e.g. a KBT session (DU011), FaR (DV200) or physical-activity advice (DV131-DV133); "
     "status completed, performedDateTime, optional reasonReference to the Condition.",
     [
         el("Procedure.status", min=1, short="completed",
            comment="Only completed procedures count in rules and measures."),
         el("Procedure.code", min=1, short="KVÅ code",
            binding=binding("kva-all", "extensible", "KVÅ procedure codes")),
         el("Procedure.code.coding", min=1),
         el("Procedure.subject", min=1, type=ref("Patient")),
         el("Procedure.performed[x]", min=1, type=[{"code": "dateTime"}], short="performedDateTime"),
     ]),
    ("se-medicationrequest", "MedicationRequest", "SEMedicationRequest", "Läkemedelsförskrivning",
     "A prescription (förskrivning): medicationCodeableConcept with the ATC code (required) and the product code (when "
     "known); dispenseRequest.quantity = number of units in 'st', numberOfRepeatsAllowed = uttag; authoredOn.",
     [
         el("MedicationRequest.status", short="active | completed | stopped | cancelled | draft"),
         el("MedicationRequest.intent", short="order",
            comment="Measures count intent order with status active or completed."),
         el("MedicationRequest.medication[x]", min=1, type=[{"code": "CodeableConcept"}],
            short="medicationCodeableConcept: ATC code (required) + product code", comment=ATC_COMMENT),
         el("MedicationRequest.medication[x].coding", min=1),
         el("MedicationRequest.subject", min=1, type=ref("Patient")),
         el("MedicationRequest.authoredOn", min=1, short="Prescription date"),
         el("MedicationRequest.dispenseRequest.quantity", short="Number of units (tablets, capsules) per dispensing",
            comment="Amount in mg = quantity × (1 + numberOfRepeatsAllowed) × product strength-mg."),
         el("MedicationRequest.dispenseRequest.quantity.unit", fixedString="st"),
     ]),
    ("se-medicationstatement", "MedicationStatement", "SEMedicationStatement", "Läkemedelsanvändning",
     "What the patient takes, e.g. from medication reconciliation: same medication coding as se-medicationrequest, "
     "effectivePeriod, status active or completed.",
     [
         el("MedicationStatement.status", short="active | completed"),
         el("MedicationStatement.medication[x]", min=1, type=[{"code": "CodeableConcept"}],
            short="medicationCodeableConcept: ATC code (required) + product code", comment=ATC_COMMENT),
         el("MedicationStatement.medication[x].coding", min=1),
         el("MedicationStatement.subject", min=1, type=ref("Patient")),
         el("MedicationStatement.effective[x]", min=1, type=[{"code": "Period"}], short="effectivePeriod",
            comment="An open end means ongoing (counts until today)."),
         el("MedicationStatement.effective[x].start", min=1),
     ]),
    ("se-sick-leave", "Observation", "SESickLeave", "Sjukskrivningsperiod",
     "One sick-leave certificate period (ours): code sick-leave, status final, effectivePeriod start/end (inclusive "
     "dates), valueQuantity = extent in percent, focus = the Condition the leave is for. Periods of a patient with gaps "
     "of ≤ 5 uncovered days form an episode.",
     [
         el("Observation.status", short="final"),
         el("Observation.code", min=1, patternCodeableConcept={"coding": [{"system": OBSERVATION_URL, "code": "sick-leave"}]}),
         el("Observation.subject", min=1, type=ref("Patient")),
         el("Observation.focus", min=1, type=ref("Condition"), short="The diagnosis the sick leave is for"),
         el("Observation.effective[x]", min=1, type=[{"code": "Period"}], short="effectivePeriod (inclusive dates)"),
         el("Observation.effective[x].start", min=1),
         el("Observation.effective[x].end", min=1),
         el("Observation.value[x]", min=1, type=[{"code": "Quantity"}], short="Extent of the sick leave in percent",
            comment="The value must be 25, 50, 75 or 100; this is " + VALIDATOR + "."),
         el("Observation.value[x].value", min=1),
         el("Observation.value[x].unit", min=1, fixedString="%"),
     ]),
    ("se-rehab-plan", "CarePlan", "SERehabPlan", "Rehabiliteringsplan / överenskommelse",
     "A rehabilitation plan / agreement (överenskommelse, rehabiliteringsplan) (ours): CarePlan with category "
     "careplan-category|rehab-plan, status active or completed, intent plan, created; optional addresses → Condition.",
     [
         el("CarePlan.status", short="active | completed"),
         el("CarePlan.intent", short="plan"),
         el("CarePlan.category", min=1,
            slicing={"discriminator": [{"type": "pattern", "path": "$this"}], "ordered": False, "rules": "open"}),
         el("CarePlan.category:rehabPlan", sliceName="rehabPlan", min=1, max="1",
            patternCodeableConcept={"coding": [{"system": CAREPLAN_CAT_URL, "code": "rehab-plan"}]}),
         el("CarePlan.subject", min=1, type=ref("Patient")),
         el("CarePlan.created", min=1, short="Date the plan was made (used by the rule and SL28)"),
     ]),
    ("se-medication-plan", "CarePlan", "SEMedicationPlan", "Läkemedelsplan / nedtrappningsplan",
     "A medication plan / tapering plan (läkemedelsplan, nedtrappningsplan) (ours, version 2): CarePlan with category "
     "careplan-category|medication-plan, status active or completed (a draft is a proposal, e.g. from a CDS card, and "
     "counts nowhere), intent plan, created; optional addresses → Condition; activity.detail names the drug "
     "(productCodeableConcept with the ATC code) and the goal as text (e.g. tapering).",
     [
         el("CarePlan.status", short="active | completed | draft (draft = proposal, counts nowhere)"),
         el("CarePlan.intent", short="plan"),
         el("CarePlan.category", min=1,
            slicing={"discriminator": [{"type": "pattern", "path": "$this"}], "ordered": False, "rules": "open"}),
         el("CarePlan.category:medicationPlan", sliceName="medicationPlan", min=1, max="1",
            patternCodeableConcept={"coding": [{"system": CAREPLAN_CAT_URL, "code": "medication-plan"}]}),
         el("CarePlan.subject", min=1, type=ref("Patient")),
         el("CarePlan.created", min=1, short="Date the plan was made"),
         el("CarePlan.addresses", type=ref("Condition"), short="The condition the plan is for (optional)",
            comment="E.g. the anxiety or pain diagnosis, or the long-term use itself when it is recorded as a Condition."),
         el("CarePlan.activity", min=1, short="One activity per drug the plan is about"),
         el("CarePlan.activity.detail", min=1),
         el("CarePlan.activity.detail.product[x]", min=1, type=[{"code": "CodeableConcept"}],
            short="productCodeableConcept: the drug (ATC code; product code when known)",
            comment="coding must contain the ATC code (system http://www.whocc.no/atc), as in se-medicationrequest."),
         el("CarePlan.activity.detail.product[x].coding", min=1),
         el("CarePlan.activity.detail.description", min=1, short="The goal as text (e.g. tapering schedule)",
            comment="E.g. 'Nedtrappning av oxazepam med 5 mg varannan vecka till utsättning'."),
     ]),
    ("se-service-request", "ServiceRequest", "SEServiceRequest", "Beställning av icke-farmakologisk behandling",
     "A referral / order for non-drug treatment as created by a CDS card: status draft, intent proposal, code KVÅ "
     "(DU011 KBT, DV200 FaR, AW005 FaR follow-up, DV131-DV133 physical-activity advice, XV015 medication review) or "
     "text only (sleep school has no KVÅ code; a code that is not verified is sent as text only), subject, "
     "reasonReference → Condition when known.",
     [
         el("ServiceRequest.status", short="draft (as created by a CDS card)"),
         el("ServiceRequest.intent", short="proposal (as created by a CDS card)"),
         el("ServiceRequest.code", min=1, short="KVÅ code, or text when there is no code",
            binding=binding("kva-all", "extensible", "KVÅ procedure codes; text only when no code fits")),
         el("ServiceRequest.subject", min=1, type=ref("Patient")),
     ]),
]


def build_profiles() -> list[dict]:
    out = []
    for rid, rtype, name, title, text, elements in PROFILES:
        keys = [element_sort_key(rtype, e["id"]) for e in elements]
        if keys != sorted(keys) or len(set(keys)) != len(keys):
            fail(f"StructureDefinition {rid}: differential elements are not in R4 base order or repeat")
        for e in elements:
            if not e["id"].startswith(rtype + "."):
                fail(f"StructureDefinition {rid}: element {e['id']} outside {rtype}")
        sd = header("StructureDefinition", rid, f"{BASE}/StructureDefinition/{rid}", name, title,
                    text + " Source: " + SRC_CONTRACT + ".")
        sd.update({
            "fhirVersion": FHIR_VERSION,
            "kind": "resource",
            "abstract": False,
            "type": rtype,
            "baseDefinition": f"http://hl7.org/fhir/StructureDefinition/{rtype}",
            "derivation": "constraint",
            "differential": {"element": elements},
        })
        out.append(sd)
    return out

# --------------------------------------------------------------------------- README


def verified_false(concepts) -> list[str]:
    return [c["code"] for c in concepts
            if any(p["code"] == "verified" and p["valueBoolean"] is False for p in c.get("property", []))]


def md(text: str) -> str:
    return text.replace("|", "\\|")


def build_readme(files: list[tuple[str, dict]], expansions: dict[str, list[dict]]) -> str:
    lines = [
        "# fhir-profiles",
        "",
        "FHIR R4 (4.0.1) conformance resources of Primary Care CDS: code systems, value sets and profiles implementing",
        "the data contract (`docs/data-contract.md`), the indicators (`docs/indicators.md`) and the CDS rules",
        "(`docs/cds-rules.md`).",
        "",
        "**Generated files — do not edit by hand.** The files listed below are generated by",
        "`python3 tools/generate_fhir_profiles.py` (from any directory; Python 3.9 or later, standard library only) from",
        "the code tables in `codes/` (`atc.csv`, `icd10se.csv`, `kva.csv`, `products.csv`; columns and the meaning of",
        "`verified` in `codes/README.md`); change the CSVs or the script and regenerate. The build fails when a file here",
        "differs from what the script generates (`FhirProfilesAreGeneratedTest`). Sources of the code tables:",
        f"`codes/sources.md`. Canonical base of our own artifacts: `{BASE}`. All resources have version `{VERSION}`.",
        "",
        "The server loads the `*.json` files here from its jar (the code tables stay out of it). The build also publishes",
        "them as a FHIR NPM package, `target/se.primarycare.cds-<version>.tgz` (folder `target/fhir-package/package/`,",
        "with `package.json`, `.index.json` and an ImplementationGuide); see the notes below for the one difference.",
        "",
        "Columns: *concepts* = concepts in the CodeSystem, or the codes the ValueSet currently expands to against these",
        "CodeSystems (is-a filters take future subcodes along); *verified = no* = concepts whose `verified` property is false.",
        "",
        "| file | id | canonical URL | what it is | source | concepts | verified = no |",
        "|---|---|---|---|---|---|---|",
    ]
    src_by_url = {
        ATC_URL: "WHO ATC/DDD index 2026-04-25 (via fabkury/atcd)",
        ICD_URL: "ICD-10-SE files in sklintyg/refdata (2020)",
        KVA_URL: "regional care-provider pages and seed 000's coding guidance (KVÅ list not reachable)",
        PRODUCT_URL: "FASS product list 2026-05-22 (via Vansinnet/Receptberakning); WHO DDDs",
        OBSERVATION_URL: "data-contract.md (ours)",
        CAREPLAN_CAT_URL: "data-contract.md (ours)",
        CDS_RULE_URL: "cds-rules.md (ours)",
        OVERRIDE_REASON_URL: "cds-rules.md (ours)",
    }
    for fname, res in files:
        rt = res["resourceType"]
        if rt == "CodeSystem":
            what = f"CodeSystem: {res['title']}"
            src = src_by_url[res["url"]]
            n = str(res["count"])
            unver = verified_false(walk(res["concept"]))
            if res["url"] in (OBSERVATION_URL, CAREPLAN_CAT_URL, CDS_RULE_URL, OVERRIDE_REASON_URL):
                unv = "— (no `verified` property)"
            else:
                unv = f"{len(unver)}" + (f": {', '.join(unver)}" if unver else "")
        elif rt == "ValueSet":
            what = f"ValueSet: {res['title']}"
            src = ("profile binding (ours)" if res["id"] in BINDING_VALUE_SETS else
                   "indicators.md v2" if res["id"] in INDICATOR_VALUE_SETS else "data-contract.md value-set table") + \
                "; codes from " + ", ".join(
                sorted({src_by_url[i['system']].split(' (')[0] for i in res["compose"]["include"]}))
            members = expansions[res["id"]]
            n = str(len(members))
            unver = verified_false(members)
            unv = f"{len(unver)}" + (f": {', '.join(unver)}" if unver else "")
        elif rt == "Measure":
            what = f"Measure: {res['title']}"
            src = "indicators.md"
            n = "—"
            unv = "—"
        elif rt == "ConceptMap":
            what = f"ConceptMap: {res['title']}"
            src = "CDS Hooks sandbox medication list (cds-hooks/sandbox)"
            n = f"{len(res['group'][0]['element'])} RxNorm codes ({len(res['group'][1]['element'])} with product)"
            unv = "—"
        else:
            what = f"Profile of {res['type']}: {res['title']}"
            src = "data-contract.md"
            n = f"— ({len(res['differential']['element'])} differential elements)"
            unv = "—"
        lines.append(f"| `{fname}` | `{res['id']}` | `{res['url']}` | {md(what)} | {md(src)} | {n} | {md(unv)} |")
    lines += [
        "",
        "## Notes",
        "",
        "- The external CodeSystems (ATC, ICD-10-SE, KVÅ) are *subsets* of official systems under their official URLs.",
        "  The files here (the copy the server loads) say `content: complete` only because HAPI's JPA store indexes the",
        "  concepts of a complete CodeSystem alone, and the server needs that index for `:below` searches and `is-a` value",
        "  sets. The FHIR package publishes them with `content: fragment` (and without `count`), so that a validator using",
        "  the package does not reject a valid code that our subset lacks. The server rejects impossible ICD-10-SE codes",
        "  with its own check (`subcodes-complete`, next note), not through `content`.",
        "- ICD-10-SE property `subcodes-complete`: true where this fragment lists every official child code (block F10-F19,",
        "  block F40-F48 and everything below it, F32, F33 and their subcodes), except F32.3 and F42.8, whose official",
        "  five-character codes F32.3A/F32.3W and F42.8A/F42.8W are not in `icd10se.csv`. The server uses it to reject codes",
        "  that cannot exist (F41.7, F46) and accept codes of categories the fragment does not list.",
        "- `verified` follows the `verified` column of `codes/*.csv` (regenerate after a table changes); the *verified = no*",
        "  column above and the \"not verified\" sentences of the descriptions are computed from it. By cds-rules.md",
        "  (version 2) a code with `verified = false` must not be put into a suggested resource as a coding.",
        "- The CarePlan categories `rehab-plan` and `medication-plan` (profiles `se-rehab-plan`, `se-medication-plan`)",
        "  count only when the CarePlan is active or completed; a draft is a proposal, not a plan.",
        "- PAL (fast läkarkontakt, version 2): `Patient.generalPractitioner` → at most one Practitioner (`se-practitioner`:",
        "  HSA-id and name). The server refuses a PractitionerRole or Organization as PAL, an HSA-id not of the form",
        "  `SE` + 10-digit organisation number + `-` + letters/digits (≤ 31 characters), and a Practitioner that does not exist.",
        "- ATC `ddd` is kept in the unit given by WHO (`ddd-unit`: mg, g or UD); `products.csv`'s `ddd-mg` is the same DDD in mg",
        "  (codeine + paracetamol: 3 UD = 90 mg codeine).",
        "- Profiles carry a differential only; constraints a StructureDefinition cannot express (personnummer check digit,",
        "  ATC coding required among the codings, sick-leave extent 25/50/75/100, ICD-10-SE dot normalisation, HSA-id form,",
        "  PAL reference type) are enforced",
        "  by the server's contract validator and stated in the element comments.",
        "",
    ]
    return "\n".join(lines)

# --------------------------------------------------------------------------- main


def dump(resource) -> str:
    return json.dumps(resource, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- ConceptMap RxNorm -> ATC / product

RXNORM_URL = "http://www.nlm.nih.gov/research/umls/rxnorm"
SRC_SANDBOX = ("the CDS Hooks reference sandbox's medication list (GitHub cds-hooks/sandbox, "
               "src/assets/medication-list.js)")

# (RxCUI, RxNorm name as in the sandbox, ATC, product code of products.csv when strength and form match, else None)
RXNORM_MAP = [
    ("197589", "Diazepam 10 MG Oral Tablet", "N05BA01", "diazepam-10mg-tab"),
    ("197591", "Diazepam 5 MG Oral Tablet", "N05BA01", "diazepam-5mg-tab"),
    ("197590", "Diazepam 2 MG Oral Tablet", "N05BA01", "diazepam-2mg-tab"),
    ("309840", "Diazepam 15 MG Extended Release Oral Capsule", "N05BA01", None),
    ("312133", "Oxazepam 10 MG Oral Tablet", "N05BA04", "oxazepam-10mg-tab"),
    ("312135", "Oxazepam 30 MG Oral Tablet", "N05BA04", None),
    ("312134", "Oxazepam 15 MG Oral Capsule", "N05BA04", None),
    ("198057", "Oxazepam 10 MG Oral Capsule", "N05BA04", None),
    ("198059", "Oxazepam 30 MG Oral Capsule", "N05BA04", None),
    ("308047", "Alprazolam 0.25 MG Oral Tablet", "N05BA12", "alprazolam-0.25mg-tab"),
    ("308048", "Alprazolam 0.5 MG Oral Tablet", "N05BA12", "alprazolam-0.5mg-tab"),
    ("197321", "Alprazolam 1 MG Oral Tablet", "N05BA12", "alprazolam-1mg-tab"),
    ("197322", "Alprazolam 2 MG Oral Tablet", "N05BA12", None),
    ("197900", "Lorazepam 0.5 MG Oral Tablet", "N05BA06", None),
    ("197901", "Lorazepam 1 MG Oral Tablet", "N05BA06", "lorazepam-1mg-tab"),
    ("197902", "Lorazepam 2 MG Oral Tablet", "N05BA06", None),
    ("199275", "Lorazepam 2.5 MG Oral Tablet", "N05BA06", "lorazepam-2.5mg-tab"),
    ("204892", "Clonazepam 0.25 MG Oral Tablet", "N03AE01", None),
    ("197527", "Clonazepam 0.5 MG Oral Tablet", "N03AE01", "clonazepam-0.5mg-tab"),
    ("197528", "Clonazepam 1 MG Oral Tablet", "N03AE01", None),
    ("197529", "Clonazepam 2 MG Oral Tablet", "N03AE01", "clonazepam-2mg-tab"),
    ("854876", "Zolpidem tartrate 5 MG Oral Tablet", "N05CF02", "zolpidem-5mg-tab"),
    ("854873", "Zolpidem tartrate 10 MG Oral Tablet", "N05CF02", "zolpidem-10mg-tab"),
    ("313762", "zaleplon 5 MG Oral Capsule", "N05CF03", None),
    ("313761", "zaleplon 10 MG Oral Capsule", "N05CF03", None),
    ("198317", "Triazolam 0.125 MG Oral Tablet", "N05CD05", None),
    ("198318", "Triazolam 0.25 MG Oral Tablet", "N05CD05", None),
    ("1049621", "Oxycodone Hydrochloride 5 MG Oral Tablet", "N02AA05", "oxycodone-5mg-tab"),
    ("1049683", "Oxycodone Hydrochloride 10 MG Oral Tablet", "N02AA05", "oxycodone-10mg-tab"),
    ("1049611", "Oxycodone Hydrochloride 15 MG Oral Tablet", "N02AA05", None),
    ("892582", "Morphine Sulfate 15 MG Oral Tablet", "N02AA01", None),
    ("892672", "Morphine Sulfate 30 MG Oral Tablet", "N02AA01", None),
    ("897696", "Hydromorphone Hydrochloride 2 MG Oral Tablet", "N02AA03", None),
    ("897702", "Hydromorphone Hydrochloride 4 MG Oral Tablet", "N02AA03", None),
    ("835603", "tramadol hydrochloride 50 MG Oral Tablet", "N02AX02", "tramadol-50mg-tab"),
    ("483442", "pregabalin 25 MG Oral Capsule", "N02BF02", "pregabalin-25mg-cap"),
    ("483450", "pregabalin 75 MG Oral Capsule", "N02BF02", "pregabalin-75mg-cap"),
    ("995218", "Hydroxyzine Hydrochloride 10 MG Oral Tablet", "N05BB01", "hydroxyzine-10mg-tab"),
    ("995258", "Hydroxyzine Hydrochloride 25 MG Oral Tablet", "N05BB01", "hydroxyzine-25mg-tab"),
    ("312941", "Sertraline 50 MG Oral Tablet", "N06AB06", "sertraline-50mg-tab"),
    ("349332", "Escitalopram 10 MG Oral Tablet", "N06AB10", "escitalopram-10mg-tab"),
]


def build_rxnorm_concept_map(code_systems: dict[str, dict]) -> dict:
    atc_codes, product_codes = set(), set()

    def collect(concepts, into):
        for c in concepts:
            into.add(c["code"])
            collect(c.get("concept", []), into)
    collect(code_systems["atc"]["concept"], atc_codes)
    collect(code_systems["product"]["concept"], product_codes)
    to_atc, to_product = [], []
    for rxcui, name, atc_code, product_code in RXNORM_MAP:
        if atc_code not in atc_codes:
            fail(f"ConceptMap rxnorm-to-atc: {rxcui} maps to {atc_code}, which is not in atc.csv")
        to_atc.append({"code": rxcui, "display": name,
                       "target": [{"code": atc_code, "equivalence": "wider"}]})
        if product_code is not None:
            if product_code not in product_codes:
                fail(f"ConceptMap rxnorm-to-atc: {rxcui} maps to product {product_code}, which is not in products.csv")
            to_product.append({"code": rxcui, "display": name,
                               "target": [{"code": product_code, "equivalence": "equivalent"}]})
    return {
        "resourceType": "ConceptMap",
        "id": "rxnorm-to-atc",
        "url": f"{BASE}/ConceptMap/rxnorm-to-atc",
        "version": VERSION,
        "name": "RxNormToAtcAndProduct",
        "title": "RxNorm till ATC och produkt (för CDS Hooks-sandlådan)",
        "status": "active",
        "publisher": PUBLISHER,
        "description": "Maps the RxNorm codes the CDS Hooks reference sandbox offers for the rule drugs to ATC and, "
                       "where strength and form match, to a product of the product catalogue, so that draft orders "
                       "coded only in RxNorm get the same advice. Codes not in the map get no card and no error. "
                       "Source of the RxNorm codes and names: " + SRC_SANDBOX + ".",
        "sourceUri": f"{RXNORM_URL}?fhir_vs",
        "group": [
            {"source": RXNORM_URL, "target": ATC_URL, "element": to_atc},
            {"source": RXNORM_URL, "target": f"{BASE}/CodeSystem/product", "element": to_product},
        ],
    }


# --------------------------------------------------------------------------- Measures (indicators.md)

SRC_INDICATORS = "Primary Care CDS indicator definitions (docs/indicators.md)"
IND_EXT = f"{BASE}/StructureDefinition/indicator"
POP_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population"
SCORING_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-scoring"
IMPROVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"

DID_GROUPS = [("N05BA", "bensodiazepiner"), ("N05CF", "bensodiazepinbesläktade sömnmedel (z-läkemedel)"),
              ("N05CD", "bensodiazepinhypnotika"), ("N02A", "opioider"), ("N02AA", "naturliga opiumalkaloider"),
              ("N02AJ", "opioider i kombination"), ("N02BF02", "pregabalin")]
ACTIVITY_CODES = [("DV131", "Enkla råd om fysisk aktivitet"), ("DV132", "Rådgivande samtal om fysisk aktivitet"),
                  ("DV133", "Kvalificerat rådgivande samtal om fysisk aktivitet"), ("DV200", "FaR, utfärdande"),
                  ("AW005", "Uppföljning av FaR"), ("DU011", "KBT")]


STRATIFIERS = [
    {"code": {"text": "age-group"}, "description": "Ålder på periodens sista dag: <40 eller >=40 år."},
    {"code": {"text": "gender"}, "description": "Kön: male, female, other, unknown."},
]


def measure_group(populations, gid=None, description=None):
    """One Measure group; an indicator with parts names each group by id and code.text (the part's code)."""
    group = {}
    if gid is not None:
        group["id"] = gid
        group["code"] = {"text": gid}
    if description is not None:
        group["description"] = description
    group["population"] = [{"code": {"coding": [{"system": POP_SYSTEM, "code": c}]}, "description": d}
                           for c, d in populations]
    group["stratifier"] = STRATIFIERS
    return group


def measure(mid, title, description, kind, scoring, improvement, populations, code=None, limit=None, goal=None,
            goal_change=None, goal_text=None, groups=None):
    ext = [{"url": "kind", "valueCode": kind}]
    if goal is not None:
        ext.append({"url": "goal", "valueDecimal": goal})
    if goal_change is not None:
        ext.append({"url": "goalChangePercent", "valueDecimal": goal_change})
    if code is not None:
        ext.append({"url": "code", "valueString": code})
    if limit is not None:
        ext.append({"url": "limit", "valueInteger": limit})
    res = {
        "resourceType": "Measure", "id": mid, "url": f"{BASE}/Measure/{mid}", "version": VERSION,
        "name": "".join(w.capitalize() for w in mid.replace("-", " ").split()), "title": title,
        "status": "active", "publisher": PUBLISHER, "description": description + " Source: " + SRC_INDICATORS + ".",
        "extension": [{"url": IND_EXT, "extension": ext}],
        "scoring": {"coding": [{"system": SCORING_SYSTEM, "code": scoring}]},
        "improvementNotation": {"coding": [{"system": IMPROVEMENT_SYSTEM, "code": improvement}]},
        "group": groups if groups is not None else [measure_group(populations)],
    }
    if goal_text:
        res["guidance"] = goal_text
    return res


def build_measures() -> list[dict]:
    listed = "Patienter listade på enheten på periodens sista dag (managingOrganization, active ej false)"
    out = [
        measure("an07", "Ån07 – Patienter med ångest som behandlas med bensodiazepiner",
                "Denominator: listed patients with an anxiety Condition (F40–F48) recorded in the 24 months ending "
                "periodEnd. Numerator: those with a benzodiazepine MedicationRequest (ATC below N05BA, or clonazepam "
                "with an anxiety reason for a patient without an epilepsy diagnosis G40; status active|completed, "
                "intent order) authored in the period.",
                "an07", "proportion", "decrease",
                [("initial-population", listed), ("denominator", "Ångestdiagnos registrerad inom 24 månader"),
                 ("numerator", "Bensodiazepin förskrivet under perioden")],
                goal=0.02, goal_text="Mål: under 2 % (Bra Liv Bankeryd: från 29 till 10 patienter av 481)."),
        measure("an07-actions", "Ån07-åtgärder: läkemedelsgenomgång, läkemedelsplan och teaminsats",
                "Denominator: the Ån07 numerator of the period (listed patients with anxiety recorded in the 24 "
                "months ending periodEnd and a benzodiazepine prescribed in the period). Numerator: those with all "
                "three in the 12 months ending periodEnd: a completed medication-review Procedure (ValueSet "
                "medication-review: XV015, XV016), an active or completed CarePlan of category medication-plan, and a "
                "team intervention (ValueSet team-intervention: psychological treatment DU008, DU010, DU011, DU020, "
                "DU022 or FaR DV200; a completed Procedure or an active or completed ServiceRequest). The first group "
                "is the indicator; groups medication-review, medication-plan and team-intervention report each part "
                "over the same denominator. From seed 000: 'alla på listan ska ha haft en läkemedelsgenomgång, "
                "dokumenterad läkemedelsplan, erbjudas teaminsatser'.",
                "an07-actions", "proportion", "increase", None,
                groups=[
                    measure_group([("initial-population", listed),
                                   ("denominator", "Ån07:s täljare: ångest och bensodiazepin under perioden"),
                                   ("numerator", "Alla tre åtgärderna inom 12 månader")],
                                  "all-actions", "Läkemedelsgenomgång, läkemedelsplan och teaminsats"),
                    measure_group([("denominator", "Ån07:s täljare"),
                                   ("numerator", "Läkemedelsgenomgång (XV015, XV016) utförd inom 12 månader")],
                                  "medication-review", "Läkemedelsgenomgång"),
                    measure_group([("denominator", "Ån07:s täljare"),
                                   ("numerator", "Läkemedelsplan (CarePlan medication-plan, aktiv eller avslutad) "
                                                 "inom 12 månader")],
                                  "medication-plan", "Dokumenterad läkemedelsplan"),
                    measure_group([("denominator", "Ån07:s täljare"),
                                   ("numerator", "Psykologisk behandling eller FaR (åtgärd eller remiss) inom 12 "
                                                 "månader")],
                                  "team-intervention", "Erbjuden teaminsats"),
                ],
                goal=1.0, goal_text="Mål: 100 % (seed 000: alla på listan ska ha haft en läkemedelsgenomgång, "
                                    "dokumenterad läkemedelsplan och erbjudas teaminsatser)."),
        measure("an09", "Ån09 – Nydiagnostiserad ångest som fått KBT",
                "Denominator: listed patients with an anxiety Condition recorded in the period and none in the 12 "
                "months before it (index date = the earliest such date). Numerator: a completed Procedure DU011 "
                "performed 0–180 days after the index date. The numerator of a recent period grows for 180 days.",
                "an09", "proportion", "increase",
                [("initial-population", listed), ("denominator", "Ny ångestdiagnos under perioden"),
                 ("numerator", "KBT (DU011) inom 0–180 dagar")],
                goal=0.20, goal_text="Mål: minst 20 % (Nyhälsan; Bra Liv Bankeryd ligger kring 50 %)."),
        measure("sl28", "SL28 – Rehabiliteringsplan vid psykiatrisk sjukskrivning > 28 dagar",
                "Denominator: listed patients with a psychiatric sick-leave episode longer than 28 days that overlaps "
                "the period (periods joined across ≤ 5 uncovered days). Numerator: an active or completed rehab-plan "
                "CarePlan (a draft is a proposal, not a plan) created between episode start and start + 60 days.",
                "sl28", "proportion", "increase",
                [("initial-population", listed), ("denominator", "Psykiatrisk sjukskrivning > 28 dagar"),
                 ("numerator", "Rehabiliteringsplan inom 60 dagar från start")],
                goal=1.0, goal_text="Mål: 100 % (Nyhälsan)."),
        measure("sl14", "SL14 – Fysisk aktivitet vid psykiatrisk sjukskrivning > 14 dagar",
                "Denominator: listed patients with a psychiatric sick-leave episode longer than 14 days that overlaps "
                "the period. Numerator: a completed Procedure DV131, DV132, DV133 or DV200 between episode start − 30 "
                "days and episode end + 30 days.",
                "sl14", "proportion", "increase",
                [("initial-population", listed), ("denominator", "Psykiatrisk sjukskrivning > 14 dagar"),
                 ("numerator", "Råd om fysisk aktivitet eller FaR")]),
        measure("long-term-use", "Långtidsanvändning av bensodiazepiner och z-läkemedel (Lm4/Lm7-liknande)",
                "Denominator: listed patients with any benzodiazepine or z-drug prescription in the 12 months ending "
                "periodEnd (clonazepam only with an anxiety reason and never for a patient with epilepsy G40). "
                "Numerator: those whose summed DDD of both groups over those 12 months is ≥ 0.5 × 365.",
                "long-term-use", "proportion", "decrease",
                [("initial-population", listed), ("denominator", "Bensodiazepin eller z-läkemedel inom 12 månader"),
                 ("numerator", "Minst 0,5 DDD per dag")]),
        measure("starter-pack-benzodiazepines", "Startförpackning vid ny bensodiazepinförskrivning (Lm8-liknande)",
                "Denominator: new benzodiazepine prescriptions in the period (none for the patient in the 365 days "
                "before; two on the same day are both new; clonazepam only with an anxiety reason and never for a patient "
                "with epilepsy G40). Numerator: those totalling ≤ 25 tablets with repeats.",
                "starter-pack", "proportion", "increase",
                [("denominator", "Nya bensodiazepinförskrivningar"), ("numerator", "Högst 25 tabletter")],
                code="benzodiazepines", limit=25),
        measure("starter-pack-z-drugs", "Startförpackning vid ny förskrivning av z-läkemedel (Lm5-liknande)",
                "Denominator: new z-drug prescriptions in the period. Numerator: those totalling ≤ 30 tablets.",
                "starter-pack", "proportion", "increase",
                [("denominator", "Nya förskrivningar av z-läkemedel"), ("numerator", "Högst 30 tabletter")],
                code="z-drugs", limit=30),
    ]
    for atc, name in DID_GROUPS:
        out.append(measure(f"did-{atc.lower()}", f"DDD per 1000 listade och dag – {atc} {name}",
                           f"DID for ATC group {atc}: Σ DDD of MedicationRequests with ATC below {atc} (status "
                           "active|completed, intent order, authored in the period, subject listed) × 1000 / (listed "
                           "× days). DDD = quantity × (1 + repeats) × strength / DDD (mg) from the product catalogue; "
                           "requests without a known product or quantity are counted apart.",
                           "did", "ratio", "decrease",
                           [("initial-population", listed), ("denominator", "Listade patienter × dagar / 1000"),
                            ("numerator", f"Summa DDD för {atc}")], code=atc, goal_change=-10,
                           goal_text="Mål: minskning med 10 % per år jämfört med samma period året innan."))
    for kva, name in ACTIVITY_CODES:
        out.append(measure(f"activity-{kva.lower()}", f"Antal åtgärder {kva} – {name}",
                           f"Number of completed Procedures KVÅ {kva} performed in the period, of patients listed at "
                           "the unit (sick-listed or not).",
                           "activity", "cohort", "increase",
                           [("initial-population", listed), ("measure-population", f"Utförda {kva}")], code=kva))
    return out


def generate(codes_dir: Path, out_dir: Path) -> tuple[list[str], list[str]]:
    atc_rows = read_csv(codes_dir / "atc.csv", ["code", "level", "parent", "name_en", "name_sv", "ddd", "ddd_unit", "ddd_route", "verified"])
    icd_rows = read_csv(codes_dir / "icd10se.csv", ["code", "parent", "name_sv", "name_en", "verified"])
    kva_rows = read_csv(codes_dir / "kva.csv", ["code", "name_sv", "name_en", "group", "verified"])
    product_rows = read_csv(codes_dir / "products.csv", ["product_code", "substance", "atc", "strength_mg", "form", "pack_sizes", "brand_examples", "ddd_mg", "verified"])

    notes: list[str] = []
    atc, n = build_atc(atc_rows); notes += n
    icd, n = build_icd(icd_rows); notes += n
    kva, n = build_kva(kva_rows); notes += n
    product, n = build_product(product_rows, atc_rows); notes += n
    code_systems = {cs["id"]: cs for cs in (atc, icd, kva, product, build_observation_cs(),
                                            build_careplan_category_cs(), build_cds_rule_cs(),
                                            build_override_reason_cs())}
    value_sets, expansions = build_value_sets(code_systems)
    profiles = build_profiles()

    files = [(f"CodeSystem-{r['id']}.json", r) for r in code_systems.values()]
    files += [(f"ValueSet-{r['id']}.json", r) for r in value_sets]
    files += [(f"StructureDefinition-{r['id']}.json", r) for r in profiles]
    files.append(("ConceptMap-rxnorm-to-atc.json", build_rxnorm_concept_map(code_systems)))
    files += [(f"Measure-{r['id']}.json", r) for r in build_measures()]

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fname, res in files:
        (out_dir / fname).write_text(dump(res), encoding="utf-8", newline="\n")
        written.append(fname)
    (out_dir / "README.md").write_text(build_readme(files, expansions), encoding="utf-8", newline="\n")
    written.append("README.md")
    return written, notes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--codes", type=Path, default=DEFAULT_CODES, help="folder with atc.csv, icd10se.csv, kva.csv, products.csv")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (fhir-profiles)")
    ap.add_argument("--quiet", action="store_true", help="print nothing on success")
    args = ap.parse_args(argv)
    try:
        written, notes = generate(args.codes, args.out)
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"wrote {len(written)} files to {args.out}")
        for note in notes:
            print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
