package se.primarycare.cds.observability;

import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * An empty Spring Boot application that logs one line: Spring Boot sets up logging from the application's own
 * configuration files (application-json-logs.yaml, no logback-spring.xml) as it does for the server, without the
 * server's minute of booting. Run in its own JVM by {@link JsonLogsTest}. Deliberately without annotations: a
 * {@code @SpringBootConfiguration} here would be what {@code @SpringBootTest}s of this package boot instead of the
 * server, a {@code @Configuration} would be picked up by the server's component scan in tests.
 */
public class JsonLogsProbe {

    static final String LINE = "json-logs probe";

    public static void main(String[] args) {
        new SpringApplicationBuilder(JsonLogsProbe.class)
                .web(WebApplicationType.NONE)
                .run(args)
                .close();
        LoggerFactory.getLogger(JsonLogsProbe.class).info(LINE);
    }
}
