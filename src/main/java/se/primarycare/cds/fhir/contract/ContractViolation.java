package se.primarycare.cds.fhir.contract;

/** One way a resource breaks the data contract: the FHIRPath of the element and what is wrong with it. */
public record ContractViolation(String expression, String message) {}
