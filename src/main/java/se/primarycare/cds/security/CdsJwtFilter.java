package se.primarycare.cds.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a CDS service call or feedback through only with a valid EHR JWT. Discovery and CORS preflight stay open,
 * as the spec expects. A refused call gets 401 with no detail (the reason is logged), so a caller learns nothing
 * about which check failed.
 */
public final class CdsJwtFilter extends OncePerRequestFilter {

    /** Request attribute holding the verified caller ({@code iss sub}). */
    public static final String CALLER_ATTRIBUTE = "primarycare.cds.caller";

    private static final Logger log = LoggerFactory.getLogger(CdsJwtFilter.class);
    private static final byte[] UNAUTHORIZED =
            "{\"error\":\"unauthorized\",\"code\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);

    private final CdsJwtVerifier verifier;
    private final List<String> configuredAudiences;

    public CdsJwtFilter(CdsJwtVerifier verifier, List<String> configuredAudiences) {
        this.verifier = verifier;
        this.configuredAudiences = configuredAudiences;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/cds-services/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        Optional<String> problem = authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of("no bearer token")
                : verifier.problem(authorization.substring(7).trim(), audiences(request));
        if (problem.isPresent()) {
            log.info("CDS call to {} refused: {}", request.getRequestURI(), problem.get());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getOutputStream().write(UNAUTHORIZED);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller(authorization.substring(7).trim()));
        chain.doFilter(request, response);
    }

    /** The verified caller as {@code iss} and {@code sub} of its token, for the audit log. */
    private static String caller(String token) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            return claims.getSubject() == null ? claims.getIssuer() : claims.getIssuer() + " " + claims.getSubject();
        } catch (ParseException e) {
            return "unknown"; // cannot happen after verification; the audit record must not fail the call
        }
    }

    /** The service's URL as configured, or as this request reached it; feedback also accepts the service URL. */
    private List<String> audiences(HttpServletRequest request) {
        if (!configuredAudiences.isEmpty()) {
            return configuredAudiences;
        }
        String url = request.getRequestURL().toString();
        List<String> audiences = new ArrayList<>(List.of(url));
        if (url.endsWith("/feedback")) {
            audiences.add(url.substring(0, url.length() - "/feedback".length()));
        }
        return audiences;
    }
}
