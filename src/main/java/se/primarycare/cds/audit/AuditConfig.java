package se.primarycare.cds.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.primarycare.cds.security.ApiSecurityProperties;

/** The PDL access log: on by default, for the FHIR API and the CDS Hooks calls. */
@Configuration
@ConditionalOnProperty(prefix = "primarycare.audit", name = "enabled", matchIfMissing = true)
public class AuditConfig {

    @Bean
    public AuditTrail auditTrail(
            DaoRegistry daos, PlatformTransactionManager transactionManager, AuditProperties properties) {
        AuditEventWriter writer = new AuditEventWriter(
                daos.getResourceDao(AuditEvent.class), new TransactionTemplate(transactionManager));
        return new AuditTrail(writer, properties);
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
