package se.primarycare.cds.fhir;

/**
 * Marker for beans that are registered as HAPI interceptors on the FHIR endpoint.
 *
 * <p>Storage hooks (pre-storage validation, normalisation) are registered with the JPA interceptor
 * service instead, so that they also run for writes that do not come through REST (the terminology
 * loader, transactions, bulk loads).
 */
public interface FhirServerInterceptor {}
