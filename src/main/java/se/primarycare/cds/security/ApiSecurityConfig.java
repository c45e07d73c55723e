package se.primarycare.cds.security;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. The FHIR API needs a bearer JWT from the configured issuer (401 without one, 403 when its
 * SMART scopes do not cover the interaction: {@link SmartScopeInterceptor}). Public: the CapabilityStatement, the
 * SMART configuration, health probes, Prometheus metrics and the dashboard's static files. CDS Hooks calls carry the EHR's own JWT,
 * checked by {@link CdsJwtFilter}, so Spring Security lets them through.
 */
@Configuration
public class ApiSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfig.class);

    static final String[] PUBLIC = {
        "/fhir/metadata",
        "/.well-known/smart-configuration",
        "/fhir/.well-known/smart-configuration",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        // scraped by Prometheus without a token; no patient data in it, and production serves it on the management
        // port that the load balancer does not expose (application.yaml, docs/metrics.md)
        "/actuator/prometheus",
        "/cds-services",
        "/cds-services/**",
        "/cds-feedback/summary",
        "/security-mode",
        "/dashboard",
        "/dashboard/**",
        "/",
        "/error",
        "/favicon.ico"
    };

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, ApiSecurityProperties properties)
            throws Exception {
        OperationOutcomeResponses responses = new OperationOutcomeResponses();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(responses::unauthorized).accessDeniedHandler(responses::forbidden));
        if (!properties.enabled()) {
            log.warn("*** FHIR API security is OFF (primarycare.security.enabled=false, e.g. the dev profile): "
                    + "anyone who can reach the server can read and write patient data. Never run like this "
                    + "with real patient data. ***");
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        http.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.OPTIONS, "/cds-services/**")
                        .permitAll()
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(jwtDecoder(properties)))
                        .bearerTokenResolver(apiTokensOnly())
                        .authenticationEntryPoint(responses::unauthorized)
                        .accessDeniedHandler(responses::forbidden));
        return http.build();
    }

    /** CDS Hooks calls carry the EHR's token, which is not ours to check here (CdsJwtFilter does). */
    private static BearerTokenResolver apiTokensOnly() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> request.getRequestURI().startsWith(request.getContextPath() + "/cds-services")
                ? null
                : standard.resolve(request);
    }

    @Bean
    @ConditionalOnProperty(prefix = "primarycare.security", name = "enabled", matchIfMissing = true)
    public SmartScopeInterceptor smartScopeInterceptor(FhirContext fhirContext) {
        return new SmartScopeInterceptor(fhirContext);
    }

    private static JwtDecoder jwtDecoder(ApiSecurityProperties properties) {
        if (properties.issuer() == null || properties.issuer().isBlank()) {
            throw new IllegalStateException("primarycare.security.issuer must be set (or the API security switched "
                    + "off with primarycare.security.enabled=false, e.g. by the dev profile)");
        }
        NimbusJwtDecoder decoder;
        if (properties.jwks() != null && !properties.jwks().isBlank()) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            try {
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                        Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384),
                        new ImmutableJWKSet<>(JWKSet.parse(properties.jwks()))));
            } catch (ParseException e) {
                throw new IllegalStateException("primarycare.security.jwks is not a JWKS document: " + e.getMessage());
            }
            decoder = new NimbusJwtDecoder(processor);
        } else if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                    .jwsAlgorithms(a -> a.addAll(Set.of(
                            org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256,
                            org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS384,
                            org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256,
                            org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES384)))
                    .build();
        } else {
            throw new IllegalStateException(
                    "primarycare.security.jwk-set-uri or primarycare.security.jwks must be set");
        }
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(properties.issuer());
        if (properties.audience() != null && !properties.audience().isBlank()) {
            validator = new DelegatingOAuth2TokenValidator<>(validator, audience(properties.audience()));
        }
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String expected) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(expected)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "The token is not meant for this server (aud)", null));
    }
}
