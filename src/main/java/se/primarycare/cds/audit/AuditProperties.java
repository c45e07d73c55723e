package se.primarycare.cds.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The patient-data access log (Patientdatalagen, PDL 4 kap. 3 §): one AuditEvent per access.
 *
 * @param enabled on by default; off only for measuring what auditing costs
 * @param queueCapacity accesses waiting to be written; when full, the request that finds it full writes its own
 *     event synchronously (slower, never lost)
 * @param batchSize events written per database transaction by the background writer
 * @param lingerMillis how long the writer waits for more events before writing a batch: fewer, larger writes
 *     compete less with the requests being logged, at the price of that much more to lose in a hard crash
 */
@ConfigurationProperties("primarycare.audit")
public record AuditProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("200") int batchSize,
        @DefaultValue("250") long lingerMillis) {}
