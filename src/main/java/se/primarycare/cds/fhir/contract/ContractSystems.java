package se.primarycare.cds.fhir.contract;

/**
 * The code system and identifier URIs fixed by the data contract ({@code docs/data-contract.md},
 * "Code systems"). These are identifiers of the interface EHRs are built against, not clinical content.
 */
public final class ContractSystems {

    public static final String PERSONNUMMER = "http://electronichealth.se/identifier/personnummer";
    /** The OID form some EHRs send; accepted and stored as {@link #PERSONNUMMER}. */
    public static final String PERSONNUMMER_OID = "urn:oid:1.2.752.129.2.1.3.1";

    public static final String SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer";
    public static final String HSA_ID = "urn:oid:1.2.752.29.4.19";
    public static final String ATC = "http://www.whocc.no/atc";
    public static final String ICD_10_SE = "http://hl7.org/fhir/sid/icd-10-se";
    public static final String KVA = "urn:oid:1.2.752.116.1.3.2.1.4";
    public static final String PRODUCT = "https://fhir.primarycare.se/CodeSystem/product";
    public static final String OBSERVATION = "https://fhir.primarycare.se/CodeSystem/observation";
    public static final String CAREPLAN_CATEGORY = "https://fhir.primarycare.se/CodeSystem/careplan-category";
    public static final String CDS_RULE = "https://fhir.primarycare.se/CodeSystem/cds-rule";

    public static final String SICK_LEAVE = "sick-leave";
    public static final String REHAB_PLAN = "rehab-plan";

    private ContractSystems() {}
}
