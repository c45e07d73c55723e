package se.primarycare.cds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Logs a failed FHIR request at the level it deserves: a client's mistake (4xx: unknown id, bad JSON, unknown
 * search parameter, missing scope) at INFO on one line, a server failure (5xx) at ERROR with its stack trace.
 * HAPI logs client mistakes twice, and louder: its {@code ExceptionHandlingInterceptor} every 4xx at WARN (its
 * logger is set to ERROR in application.yaml), and its interceptor service a 4xx thrown by one of our interceptors
 * at ERROR with a stack trace ({@link InterceptorRejectionLogFilter}). HAPI still logs an
 * {@link InternalErrorException} (an unexpected exception, e.g. a bug) at ERROR with its stack trace, so that one
 * is not logged twice here.
 */
@Component
@Interceptor
public class RequestFailureLog implements FhirServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RequestFailureLog.class);

    public RequestFailureLog() {
        InterceptorRejectionLogFilter.install();
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException e) {
        int status = e.getStatusCode();
        if (status < 500) {
            // no query string: a search's parameters may name a patient
            log.info("FHIR {} {} answered {}: {}", request.getRequestType(), path(request), status, e.getMessage());
        } else if (!(e instanceof InternalErrorException)) {
            log.error("FHIR {} {} failed with {}", request.getRequestType(), path(request), status, e);
        }
        return true; // HAPI goes on to write the OperationOutcome
    }

    private static String path(RequestDetails request) {
        return "/fhir/" + request.getRequestPath();
    }
}
