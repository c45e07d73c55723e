package se.primarycare.cds.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Public discovery: the SMART App Launch configuration (where to get a token and which scopes mean something
 * here), and whether security is on at all, so the dashboard can warn when it is not.
 */
@RestController
@Configuration
public class SmartConfigurationController {

    private static final String PATH = "/.well-known/smart-configuration";

    private final ApiSecurityProperties properties;

    public SmartConfigurationController(ApiSecurityProperties properties) {
        this.properties = properties;
    }

    @GetMapping(value = PATH, produces = "application/json")
    public Map<String, Object> smartConfiguration() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (properties.issuer() != null) {
            body.put("issuer", properties.issuer());
        }
        if (properties.jwkSetUri() != null) {
            body.put("jwks_uri", properties.jwkSetUri());
        }
        if (properties.authorizeEndpoint() != null) {
            body.put("authorization_endpoint", properties.authorizeEndpoint());
        }
        if (properties.tokenEndpoint() != null) {
            body.put("token_endpoint", properties.tokenEndpoint());
        }
        body.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        // SMART App Launch 2 requires PKCE with S256 for the authorization code grant ("plain" is not allowed)
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        body.put("scopes_supported", List.of("system/*.rs", "system/*.cruds", "user/*.rs", "user/*.cruds"));
        body.put(
                "capabilities",
                List.of("permission-v1", "permission-v2", "permission-user", "client-confidential-asymmetric"));
        return body;
    }

    @GetMapping(value = "/security-mode", produces = "application/json")
    public Map<String, Object> securityMode() {
        return Map.of("fhirApiSecured", properties.enabled());
    }

    /** SMART clients look for the document under the FHIR base URL, which belongs to the HAPI servlet. */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> smartConfigurationUnderFhirBase() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response,
                            jakarta.servlet.FilterChain chain)
                            throws java.io.IOException, jakarta.servlet.ServletException {
                        request.getRequestDispatcher(PATH).forward(request, response);
                    }
                });
        registration.addUrlPatterns("/fhir" + PATH);
        registration.setName("smartConfigurationUnderFhirBase");
        return registration;
    }
}
