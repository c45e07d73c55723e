package se.primarycare.cds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class InterceptorRejectionLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger hapi = context.getLogger(InterceptorRejectionLogFilter.HAPI_INTERCEPTOR_SERVICE);
    private final InterceptorRejectionLogFilter filter = new InterceptorRejectionLogFilter();

    @Test
    void dropsHapisErrorForAClientErrorThrownByAnInterceptor() {
        assertThat(decide(hapi, new InvalidRequestException("bad id"))).isEqualTo(FilterReply.DENY);
        assertThat(decide(hapi, new ForbiddenOperationException("scope"))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsHapisErrorForAServerErrorOrABug() {
        assertThat(decide(hapi, new InternalErrorException("db down"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(hapi, new NullPointerException())).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void leavesOtherLoggersAlone() {
        Logger other = context.getLogger("se.primarycare.cds.fhir.SomethingElse");
        assertThat(decide(other, new InvalidRequestException("bad id"))).isEqualTo(FilterReply.NEUTRAL);
    }

    /** As HAPI logs it: {@code ourLog.error("... {}: {}", pointcut, e.toString(), e)}. */
    private FilterReply decide(Logger logger, Throwable e) {
        return filter.decide(
                null,
                logger,
                Level.ERROR,
                "Exception thrown by interceptor for pointcut {}: {}",
                new Object[] {"SERVER_INCOMING_REQUEST_POST_PROCESSED", e.toString(), e},
                null);
    }
}
