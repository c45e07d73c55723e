package se.primarycare.cds.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import se.primarycare.cds.fhir.FhirServerInterceptor;
import se.primarycare.cds.fhir.StrictBodyInterceptor;
import se.primarycare.cds.security.SmartScopes.Interaction;

/**
 * Decides, per FHIR interaction, whether the caller's SMART scopes allow it; a refusal is a 403
 * OperationOutcome naming the scope that is missing. Authentication itself (401) is Spring Security's job.
 */
public class SmartScopeInterceptor implements FhirServerInterceptor {

    /** Every resource type at once: system-level and bulk operations need it. */
    private static final String ALL = "*";

    private final FhirContext fhirContext;

    public SmartScopeInterceptor(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void authorize(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        SmartScopes scopes = scopes();
        for (Access access : accessesOf(request, operation)) {
            if (!scopes.allows(access.resourceType, access.interaction)) {
                throw new ForbiddenOperationException("The token's scopes do not allow this: it needs "
                        + SmartScopes.needed(access.resourceType, access.interaction));
            }
        }
    }

    private static SmartScopes scopes() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new AuthenticationException("A bearer token is required");
        }
        return SmartScopes.parse(TokenClaims.scopes(jwt));
    }

    private record Access(String resourceType, Interaction interaction) {}

    private List<Access> accessesOf(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        String operationName = request.getOperation();
        return switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE -> List.of(new Access(type, Interaction.READ));
            case SEARCH_TYPE, HISTORY_TYPE -> List.of(new Access(type, Interaction.SEARCH));
            case CREATE -> List.of(new Access(type, Interaction.CREATE));
            case UPDATE, PATCH, META_ADD, META_DELETE -> List.of(new Access(type, Interaction.UPDATE));
            case DELETE -> List.of(new Access(type, Interaction.DELETE));
            case META -> List.of(new Access(type == null ? ALL : type, Interaction.READ));
            case TRANSACTION, BATCH -> entriesOf(request);
            case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
                operationName != null && operationName.startsWith("$export")
                        ? List.of(new Access(type, Interaction.READ), new Access(ALL, Interaction.SEARCH))
                        : List.of(new Access(type, Interaction.READ));
            case GET_PAGE -> List.of(); // the search that made the page was authorised; its id is unguessable
            default -> List.of(new Access(ALL, Interaction.READ), new Access(ALL, Interaction.SEARCH));
        };
    }

    /** Each entry of a transaction or batch is checked as if it had been sent alone. */
    private List<Access> entriesOf(RequestDetails request) {
        Bundle bundle = StrictBodyInterceptor.parsedBundle(request).orElseGet(() -> fhirContext
                .newJsonParser()
                .parseResource(Bundle.class, new String(request.loadRequestContents(), StandardCharsets.UTF_8)));
        List<Access> accesses = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.HTTPVerb method = entry.getRequest().getMethod();
            String url = entry.getRequest().getUrl() == null
                    ? ""
                    : entry.getRequest().getUrl();
            String type = entry.getResource() != null
                    ? entry.getResource().fhirType()
                    : url.replaceFirst("^/", "").split("[/?]")[0];
            Interaction interaction = method == null
                    ? Interaction.CREATE
                    : switch (method) {
                        case GET, HEAD ->
                            url.contains("?") || !url.contains("/") ? Interaction.SEARCH : Interaction.READ;
                        case POST -> Interaction.CREATE;
                        case PUT, PATCH -> Interaction.UPDATE;
                        case DELETE -> Interaction.DELETE;
                        default -> Interaction.UPDATE;
                    };
            accesses.add(new Access(type.isEmpty() ? ALL : type, interaction));
        }
        return accesses;
    }
}
