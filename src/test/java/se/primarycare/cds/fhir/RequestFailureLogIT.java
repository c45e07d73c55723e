package se.primarycare.cds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;

/**
 * Issue 12: a client's mistake is logged on one INFO line, not as a WARN or ERROR with a stack trace (which would
 * page someone for an EHR's typo), while a server failure is still logged at ERROR with its stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RequestFailureLogIT {

    @LocalServerPort
    int port;

    @Autowired
    FhirEndpointConfig.FhirEndpoint endpoint;

    @Autowired
    RequestFailureLog failureLog;

    @Autowired
    MeterRegistry registry;

    FhirHttp fhir;

    @BeforeAll
    void client() {
        fhir = new FhirHttp(port);
    }

    @Test
    void clientMistakesAreLoggedAtInfoWithoutStackTraces(CapturedOutput output) {
        int start = output.getAll().length();
        double errorsBefore = loggedErrors();
        record Mistake(FhirHttp.Response response, int status) {}
        List<Mistake> mistakes = List.of(
                new Mistake(fhir.get("Patient/does-not-exist"), 404),
                new Mistake(fhir.post("Patient", "{\"resourceType\": \"Patient\", "), 400),
                new Mistake(fhir.get("Patient?no-such-parameter=1"), 400));
        mistakes.forEach(
                m -> assertThat(m.response().status()).as(m.response().body()).isEqualTo(m.status()));

        List<String> lines = output.getAll().substring(start).lines().toList();
        assertThat(lines).noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
        assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));
        assertThat(lines.stream().filter(line -> line.contains(" INFO ") && line.contains("RequestFailureLog")))
                .anyMatch(line -> line.contains("GET /fhir/Patient/does-not-exist answered 404"))
                .anyMatch(line -> line.contains("POST /fhir/Patient answered 400"))
                .anyMatch(line -> line.contains("answered 400") && line.contains("no-such-parameter"));
        // nor do they count in logback_events_total{level="error"}, which an alert may watch
        assertThat(loggedErrors()).isEqualTo(errorsBefore);
    }

    private double loggedErrors() {
        return registry.get("logback.events").tag("level", "error").counter().count();
    }

    @Test
    void anUnexpectedExceptionIsStillLoggedByHapiAtErrorWithItsStackTrace(CapturedOutput output) throws Exception {
        int start = output.getAll().length();
        // what RestfulServer does with an exception no provider meant to throw (a bug): HAPI's logger stays on
        // for ERROR, only its WARN lines for client mistakes are switched off in application.yaml
        new ExceptionHandlingInterceptor()
                .preProcessOutgoingException(request(), new IllegalStateException("a bug in a provider"), null);

        String logged = output.getAll().substring(start);
        assertThat(logged).contains(" ERROR ").contains("a bug in a provider").contains("\tat ");
    }

    @Test
    void otherServerErrorsAreLoggedAtErrorWithTheirStackTrace(CapturedOutput output) {
        int start = output.getAll().length();
        failureLog.failed(request(), new NotImplementedOperationException("not here"));

        String logged = output.getAll().substring(start);
        assertThat(logged)
                .contains(" ERROR ")
                .contains("GET /fhir/Patient failed with 501")
                .contains("\tat ");
    }

    private ServletRequestDetails request() {
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServer(endpoint.server());
        request.setRequestType(RequestTypeEnum.GET);
        request.setRequestPath("Patient");
        return request;
    }
}
