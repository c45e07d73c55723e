package se.primarycare.cds.security;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.primarycare.cds.hooks.CdsHooksProperties;

/** Puts the JWT check in front of the CDS endpoints, unless explicitly switched off. */
@Configuration
public class CdsSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(CdsSecurityConfig.class);
    private static final int JWT_ORDER = 10;

    @Bean
    public FilterRegistrationBean<CdsJwtFilter> cdsJwtFilter(CdsJwtProperties properties, Clock clock) {
        FilterRegistrationBean<CdsJwtFilter> registration = new FilterRegistrationBean<>(
                new CdsJwtFilter(new CdsJwtVerifier(properties, clock), properties.audiences()));
        registration.addUrlPatterns("/cds-services/*");
        registration.setName("cdsJwtFilter");
        registration.setOrder(JWT_ORDER);
        if (!properties.enabled()) {
            log.warn("*** CDS Hooks JWT verification is OFF (primarycare.cds.security.enabled=false): any caller can "
                    + "ask for advice on any patient. Never run like this with real patient data. ***");
            registration.setEnabled(false);
        } else if (properties.issuers().isEmpty()) {
            log.warn("CDS Hooks JWT verification is on but no issuer is configured "
                    + "(primarycare.cds.security.issuers): every CDS call will be refused with 401.");
        }
        return registration;
    }

    @Bean
    public FilterRegistrationBean<CdsRateLimitFilter> cdsRateLimitFilter(CdsHooksProperties properties) {
        CdsHooksProperties.RateLimit limit = properties.rateLimit();
        FilterRegistrationBean<CdsRateLimitFilter> registration = new FilterRegistrationBean<>(
                new CdsRateLimitFilter(limit.perSecond(), limit.burst(), System::nanoTime));
        registration.addUrlPatterns("/cds-services/*");
        registration.setName("cdsRateLimitFilter");
        registration.setOrder(JWT_ORDER + 1); // after the JWT check: the bucket is the verified client's
        registration.setEnabled(limit.enabled());
        return registration;
    }
}
