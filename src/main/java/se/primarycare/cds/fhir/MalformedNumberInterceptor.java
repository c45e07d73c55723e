package se.primarycare.cds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * HAPI parses number and quantity search values with {@code new BigDecimal(...)} and lets the
 * NumberFormatException out as a 500 ({@code Observation?value-quantity=gt2025-02-30}, found by the fuzz corpus).
 * On a read-only request the only numbers parsed are the client's, so such a failure is answered 400.
 */
@Component
public class MalformedNumberInterceptor implements FhirServerInterceptor {

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable exception) {
        if (request.getRequestType() != RequestTypeEnum.GET) {
            return null;
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof NumberFormatException) {
                return new InvalidRequestException("A search value that should be a number is not one: "
                        + request.getCompleteUrl().replaceAll(".*\\?", "?"));
            }
        }
        return null;
    }
}
