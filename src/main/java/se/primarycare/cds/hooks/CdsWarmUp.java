package se.primarycare.cds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import se.primarycare.cds.rules.Language;

/**
 * Runs the README's example CDS call inside the server, in each language, and asks for the service discovery over
 * HTTP, before the server reports itself ready: an EHR's first call after a start then finds the rules, the FHIR
 * parser, the card writer and the web stack loaded instead of paying for them (about 300 ms otherwise). Nothing is
 * stored: the example carries its data in its prefetch and the card log of this call writes nothing. A failed
 * warm-up is logged, never a reason not to start.
 */
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class CdsWarmUp implements ApplicationRunner {

    static final String EXAMPLE = "cds-examples/order-sign-diazepam-anxiety.json";
    private static final String SERVICE = "primarycare-order-sign";
    private static final Logger log = LoggerFactory.getLogger(CdsWarmUp.class);

    private final CdsRules rules;
    private final CdsServiceCatalogue catalogue;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebServerApplicationContext web;

    public CdsWarmUp(
            CdsRules rules,
            CdsServiceCatalogue catalogue,
            ObjectMapper json,
            Clock clock,
            WebServerApplicationContext web) {
        this.rules = rules;
        this.catalogue = catalogue;
        this.json = json;
        this.clock = clock;
        this.web = web;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        try {
            int cards = evaluateExample();
            int discovery = askDiscovery();
            log.info(
                    "CDS warm-up: example call {} cards, discovery {}, in {} ms",
                    cards,
                    discovery,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            log.warn("CDS warm-up failed (the first call will be slower): {}", e.toString());
        }
    }

    private int evaluateExample() throws Exception {
        JsonNode body;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(EXAMPLE + " is not on the classpath");
            }
            body = json.readTree(in);
        }
        CdsServiceCatalogue.CdsService service =
                catalogue.service(SERVICE).orElseThrow(() -> new IllegalStateException("no service " + SERVICE));
        CdsHookService quiet = rules.service((serviceId, shown) -> {}, clock);
        int cards = 0;
        for (Language language : Language.values()) {
            cards = quiet.call(service, HookRequest.parse(body, language), () -> {
                        throw new IllegalStateException("the example carries its data in its prefetch");
                    })
                    .path("cards")
                    .size();
        }
        return cards;
    }

    private int askDiscovery() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create("http://localhost:" + web.getWebServer().getPort() + "/cds-services");
        return http.send(
                        HttpRequest.newBuilder(discovery)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
