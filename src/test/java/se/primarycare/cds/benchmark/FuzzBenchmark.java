package se.primarycare.cds.benchmark;

import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.primarycare.cds.PrimaryCareCdsApplication;
import se.primarycare.cds.fuzz.FuzzCorpus;
import se.primarycare.cds.fuzz.FuzzRunner;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;

/**
 * The full fuzz corpus (issue 6) against the server with security on, booted in this JVM with the test
 * configuration (in-memory H2, the test identity provider and EHR). The rate limit is off, so every CDS case
 * reaches the service instead of stopping at 429.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java@fuzz-benchmark -Dexec.args="--cases 3000 --seed 1"}
 */
public final class FuzzBenchmark {

    public static void main(String[] args) throws Exception {
        int cases = 3000;
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ConfigurableApplicationContext context = SpringApplication.run(
                PrimaryCareCdsApplication.class, "--server.port=0", "--primarycare.cds.rate-limit.enabled=false");
        int status = 0;
        try {
            int port = ((ServletWebServerApplicationContext) context)
                    .getWebServer()
                    .getPort();
            FhirHttp fhir = new FhirHttp(port);
            String unit = fhir.putUnit("vc-fuzz", "Vårdcentralen Fuzz");
            String patient = fhir.createId(Fixtures.patient("196601012385", "1966-01-01", unit));
            long started = System.nanoTime();
            FuzzRunner.Report report =
                    new FuzzRunner("http://localhost:" + port).run(new FuzzCorpus(seed, unit, patient).generate(cases));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "== Fuzz benchmark (%d cores) ==%n%d cases in %.0f s: %d refused (4xx), %d 5xx, %d stack traces, "
                            + "%d refused writes that changed the store%n",
                    Runtime.getRuntime().availableProcessors(),
                    report.cases(),
                    seconds,
                    report.refused(),
                    report.serverErrors(),
                    report.stackTraces(),
                    report.storeChanged());
            report.problems().stream().limit(20).forEach(p -> System.out.println("  " + p));
            System.out.printf(
                    "reproduce: ./mvnw -q test-compile exec:java@fuzz-benchmark -Dexec.args=\"--cases %d --seed %d\"%n",
                    cases, seed);
            status = report.problems().isEmpty() ? 0 : 1;
        } finally {
            context.close();
        }
        System.exit(status);
    }
}
