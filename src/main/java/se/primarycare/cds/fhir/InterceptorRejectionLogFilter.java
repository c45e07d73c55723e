package se.primarycare.cds.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops HAPI's ERROR line (with stack trace) for an interceptor that rejects a request with a 4xx: our
 * interceptors reject bad ids, bodies and scopes by throwing, as HAPI intends, and HAPI's interceptor service
 * logs every exception a hook throws at ERROR before passing it on. {@link RequestFailureLog} logs the request's
 * 4xx at INFO instead. Any other exception a hook throws (a bug, a 5xx) is still logged at ERROR: the filter
 * matches this one logger and only client-error exceptions, rather than silencing the logger.
 */
final class InterceptorRejectionLogFilter extends TurboFilter {

    static final String HAPI_INTERCEPTOR_SERVICE = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

    /** Adds the filter to Logback once (several application contexts may share one JVM in tests). */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
                && logback.getTurboFilterList().stream().noneMatch(InterceptorRejectionLogFilter.class::isInstance)) {
            InterceptorRejectionLogFilter filter = new InterceptorRejectionLogFilter();
            filter.setName("hapi-interceptor-client-errors");
            filter.start();
            // first in the list, so a dropped line is not counted either (Micrometer's logback_events_total is
            // counted by a turbo filter of its own)
            logback.getTurboFilterList().add(0, filter);
        }
    }

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (!HAPI_INTERCEPTOR_SERVICE.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable exception = thrown != null ? thrown : lastThrowable(params);
        return exception instanceof BaseServerResponseException e && e.getStatusCode() < 500
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }

    /** SLF4J passes the exception of {@code log.error("... {}", x, e)} as the last parameter. */
    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
    }
}
