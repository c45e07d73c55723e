package se.primarycare.cds.fhir;

/** Marker for plain HAPI providers (FHIR operations) that the /fhir endpoint registers. */
public interface FhirOperationProvider {}
