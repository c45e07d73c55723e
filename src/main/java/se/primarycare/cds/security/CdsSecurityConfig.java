package se.primarycare.cds.security;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import se.primarycare.cds.hooks.CdsHooksProperties;

/**
 * What stands in front of the CDS endpoints, in this order: CORS for browser-based EHRs, the JWT check (unless
 * explicitly switched off), the rate limit.
 */
@Configuration
public class CdsSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(CdsSecurityConfig.class);
    private static final int JWT_ORDER = 10;
    /** Before Spring Security and everything else that may answer for /cds-services (see {@link #cdsCorsFilter}). */
    private static final int CORS_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER - 1;

    /**
     * The one CORS definition of the CDS endpoints (discovery, services, feedback), applied by Spring's own
     * {@link CorsFilter} before any check that can refuse a call. A browser hides a response without
     * {@code Access-Control-Allow-Origin} from the page, so a 401 of the JWT check or a 429 of the rate limit
     * answered without it would reach a browser-based EHR (such as the CDS Hooks sandbox) as a CORS failure. A
     * preflight carries no token: it is answered here, before the JWT check. Origins from
     * {@code primarycare.cds.cors-allowed-origins} (default any origin, never with credentials: the EHR
     * authenticates with its bearer JWT, not cookies); other origins get 403.
     */
    @Bean
    public FilterRegistrationBean<CorsFilter> cdsCorsFilter(CdsHooksProperties properties) {
        FilterRegistrationBean<CorsFilter> registration =
                new FilterRegistrationBean<>(new CorsFilter(cdsCors(properties.corsAllowedOrigins())));
        registration.addUrlPatterns("/cds-services", "/cds-services/*");
        registration.setName("cdsCorsFilter");
        registration.setOrder(CORS_ORDER);
        return registration;
    }

    static UrlBasedCorsConfigurationSource cdsCors(List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Accept-Language"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/cds-services", cors);
        source.registerCorsConfiguration("/cds-services/**", cors);
        return source;
    }

    @Bean
    public FilterRegistrationBean<CdsJwtFilter> cdsJwtFilter(
            CdsJwtProperties properties, Clock clock, JdbcTemplate jdbc) {
        // The used tokens live in the database all instances share, so a token replayed on another one is refused.
        TokenReplayGuard usedTokens =
                properties.enabled() ? new JdbcTokenReplayGuard(jdbc) : TokenReplayGuard.inMemory();
        FilterRegistrationBean<CdsJwtFilter> registration = new FilterRegistrationBean<>(
                new CdsJwtFilter(new CdsJwtVerifier(properties, clock, usedTokens), properties.audiences()));
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
