package se.primarycare.cds.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Spring Security's refusals written as FHIR OperationOutcomes (what a FHIR client parses), with the
 * {@code WWW-Authenticate} challenge of RFC 6750. The reason stays generic: details help attackers, not users.
 */
final class OperationOutcomeResponses {

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"fhir\"");
        write(response, 401, "login", "A valid bearer token from the configured issuer is required");
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, "forbidden", "The token does not allow this request");
    }

    private static void write(HttpServletResponse response, int status, String code, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                        + "\",\"diagnostics\":\"" + text + "\"}]}");
    }
}
