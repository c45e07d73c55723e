package se.primarycare.cds.audit;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.primarycare.cds.security.ApiSecurityProperties;

/** The PDL access log: on by default, for the FHIR API and the CDS Hooks calls. */
@Configuration
@ConditionalOnProperty(prefix = "primarycare.audit", name = "enabled", matchIfMissing = true)
public class AuditConfig {

    @Bean
    public AuditEventStore auditEventStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        AuditEventStore store = new AuditEventStore(jdbc, new TransactionTemplate(transactionManager));
        store.createTables();
        return store;
    }

    @Bean
    public AuditTrail auditTrail(AuditEventStore store, AuditProperties properties, MeterRegistry registry) {
        Timer writeLag = Timer.builder("audit.write.lag")
                .description("Time from an access record queued to its AuditEvent written")
                .register(registry);
        AuditTrail trail = new AuditTrail(new AuditEventWriter(store), properties, writeLag);
        // a queue that keeps growing means the database cannot keep up; at capacity requests write synchronously
        Gauge.builder("audit.queue.depth", trail, AuditTrail::pending)
                .description("Access records waiting to be written as AuditEvents")
                .register(registry);
        return trail;
    }

    @Bean
    public AuditEventProvider auditEventProvider(AuditEventStore store) {
        return new AuditEventProvider(store);
    }

    @Bean
    public Accessors accessors(ApiSecurityProperties security) {
        return new Accessors(security.hsaIdClaim());
    }

    @Bean
    public CdsAccessAudit cdsAccessAudit(AuditTrail trail) {
        return new CdsAccessAudit(trail);
    }

    @Bean
    public FhirAccessAuditInterceptor fhirAccessAuditInterceptor(
            AuditTrail trail, Accessors accessors, FhirContext fhirContext) {
        return new FhirAccessAuditInterceptor(trail, accessors, fhirContext);
    }
}
