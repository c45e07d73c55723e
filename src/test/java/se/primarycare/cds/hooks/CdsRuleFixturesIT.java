package se.primarycare.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.CardExpectations;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.CdsHttp;

/**
 * The HTTP contract of the rule fixtures: the first fixture of every rule folder, and every fixture of the
 * {@code safety} folder (412 for a patient this server's store does not know), posted to the booted server as an
 * EHR would. The full set runs in-process in {@link CdsRuleFixturesTest}; this proves the wiring is the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CdsRuleFixturesIT {

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> oneFixturePerRuleAndTheSafetyFixturesOverHttp() {
        CdsHttp cds = new CdsHttp(port);
        Map<String, CdsFixture> sample = new LinkedHashMap<>();
        for (CdsFixture fixture : CdsFixture.all()) {
            String folder = fixture.name().substring(0, fixture.name().indexOf('/'));
            sample.putIfAbsent(folder.equals("safety") ? fixture.name() : folder, fixture);
        }
        return sample.values().stream()
                .map(fixture -> DynamicTest.dynamicTest(fixture.name(), () -> {
                    Map<String, String> headers = fixture.acceptLanguage() == null
                            ? Map.of()
                            : Map.of("Accept-Language", fixture.acceptLanguage());
                    CdsHttp.Response response = cds.post(
                            "/cds-services/" + fixture.service(),
                            fixture.request().toString(),
                            headers);
                    assertThat(response.status()).as(response.body()).isEqualTo(fixture.status());
                    if (fixture.status() == 200) {
                        CardExpectations.assertResponse(response.json().get("cards"), fixture.expect());
                    } else {
                        assertThat(response.json().path("error").asText()).isNotBlank();
                    }
                }));
    }
}
