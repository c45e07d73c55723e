package se.primarycare.cds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Answers 400 for a resource id that FHIR does not allow (R4 "id" datatype: 1–64 of A–Z a–z 0–9 - .),
 * where HAPI would answer 404 "not known": the client's request is wrong, not the resource missing.
 */
@Component
@Interceptor
public class ResourceIdSyntaxInterceptor implements FhirServerInterceptor {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean checkId(RequestDetails request) {
        if (request.getId() != null && request.getId().hasIdPart()) {
            String id = request.getId().getIdPart();
            if (!FHIR_ID.matcher(id).matches()) {
                throw new InvalidRequestException(
                        "'" + id + "' is not a valid FHIR resource id (1-64 characters of A-Z, a-z, 0-9, '-', '.')");
            }
        }
        return true;
    }
}
