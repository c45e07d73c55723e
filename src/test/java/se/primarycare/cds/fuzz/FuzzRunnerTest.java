package se.primarycare.cds.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FuzzRunnerTest {

    @Test
    void stackTracesAndExceptionClassesAreRecognised() {
        assertThat(FuzzRunner.leaksStackTrace("boom\n\tat x.y.Z.run(Unknown Source)"))
                .isTrue();
        assertThat(FuzzRunner.leaksStackTrace("at com.example.Bar.baz(Bar.java:12)"))
                .isTrue();
        assertThat(FuzzRunner.leaksStackTrace("{\"error\":\"java.lang.NullPointerException\"}"))
                .isTrue();
        assertThat(FuzzRunner.leaksStackTrace("ca.uhn.fhir.rest.server.exceptions.InvalidRequestException: x"))
                .isTrue();
    }

    @Test
    void ordinaryErrorsAndHugeEchoesAreNot() {
        assertThat(FuzzRunner.leaksStackTrace("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"diagnostics\":"
                        + "\"HAPI-1861: Failed to parse JSON encoded FHIR content\"}]}"))
                .isFalse();
        assertThat(FuzzRunner.leaksStackTrace("Exception".repeat(10) + "x".repeat(1 << 20)))
                .isFalse();
    }
}
