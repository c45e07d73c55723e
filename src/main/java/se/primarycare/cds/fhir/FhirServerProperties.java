package se.primarycare.cds.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the FHIR endpoint.
 *
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize the largest {@code _count} a client may ask for
 * @param searchCacheMillis how long identical searches may reuse cached results; 0 (the default) means
 *     every search sees every committed write, which the CDS rules and the quality team rely on
 * @param batchMaintenanceMillis how often batch jobs (bulk export, reindex) advance a step
 * @param maxBodySize larger request bodies are refused with 413 before anything is parsed or stored
 */
@ConfigurationProperties("primarycare.fhir")
public record FhirServerProperties(
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("500") int maxPageSize,
        @DefaultValue("0") long searchCacheMillis,
        @DefaultValue("5000") long batchMaintenanceMillis,
        @DefaultValue("20MB") DataSize maxBodySize) {}
