package se.primarycare.cds.synthetic;

/**
 * System URIs exactly as written in the data contract ({@code docs/data-contract.md}). They are
 * repeated here rather than shared with the server code so that the generator is an independent check of
 * the contract: if the server drifts, loading this data shows it.
 */
public final class CodeSystems {

    public static final String PERSONNUMMER = "http://electronichealth.se/identifier/personnummer";
    public static final String SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer";
    public static final String HSA_ID = "urn:oid:1.2.752.29.4.19";
    public static final String ATC = "http://www.whocc.no/atc";
    public static final String ICD_10_SE = "http://hl7.org/fhir/sid/icd-10-se";
    public static final String KVA = "urn:oid:1.2.752.116.1.3.2.1.4";
    public static final String PRODUCT = "https://fhir.primarycare.se/CodeSystem/product";
    public static final String OBSERVATION = "https://fhir.primarycare.se/CodeSystem/observation";
    public static final String CAREPLAN_CATEGORY = "https://fhir.primarycare.se/CodeSystem/careplan-category";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String PRACTITIONER_ROLE = "http://terminology.hl7.org/CodeSystem/practitioner-role";

    public static final String SICK_LEAVE_CODE = "sick-leave";
    public static final String REHAB_PLAN_CODE = "rehab-plan";
    public static final String MEDICATION_PLAN_CODE = "medication-plan";

    private CodeSystems() {}
}
