package se.primarycare.cds.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import se.primarycare.cds.hooks.CdsHookService;
import se.primarycare.cds.hooks.CdsRules;
import se.primarycare.cds.hooks.DraftOrderReader;
import se.primarycare.cds.hooks.HookRequest;
import se.primarycare.cds.hooks.PrefetchKey;
import se.primarycare.cds.rules.Language;
import se.primarycare.cds.rules.PatientFacts;
import se.primarycare.cds.support.CdsFixture;
import se.primarycare.cds.support.InProcessCds;

/**
 * Where the CDS service's own time goes, measured in-process on one order-sign request with full prefetch: each
 * stage of the one-way path alone (parse, drafts, prefetch parsing, facts, rules), then the whole call.
 */
final class CdsInProcessTimings {

    private CdsInProcessTimings() {}

    static List<String> measure(CdsFixture fixture, int iterations) {
        CdsRules rules = InProcessCds.rules();
        CdsHookService service = rules.service((id, cards) -> {}, Clock.systemUTC());
        var cds = rules.catalogue().service(fixture.service()).orElseThrow();
        DraftOrderReader drafts = rules.drafts();
        var loader = rules.loader();
        var facts = rules.facts();
        String body = fixture.request().toString();
        ObjectMapper json = new ObjectMapper();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        Supplier<HookRequest> parse = () -> {
            try {
                return HookRequest.parse(json.readTree(body), Language.SV);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        HookRequest request = parse.get();
        List<DraftOrderReader.Draft> read = drafts.read(request.context().get("draftOrders"));
        java.util.Map<PrefetchKey, List<IBaseResource>> record = loader.load(request, () -> {
            throw new IllegalStateException("full prefetch: nothing to fetch");
        });
        PatientFacts patient = facts.map(
                request.patientId(),
                today,
                record,
                read.stream().map(DraftOrderReader.Draft::order).toList());
        List<String> lines = new ArrayList<>();
        lines.add(line("JSON body → HookRequest", iterations, parse::get));
        lines.add(line(
                "draft orders read and mapped",
                iterations,
                () -> drafts.read(request.context().get("draftOrders"))));
        lines.add(line("prefetch parsed (HAPI parser)", iterations, () -> loader.load(request, () -> null)));
        lines.add(line(
                "FHIR → facts",
                iterations,
                () -> facts.map(
                        request.patientId(),
                        today,
                        record,
                        read.stream().map(DraftOrderReader.Draft::order).toList())));
        lines.add(line(
                "rules + alert budget", iterations, () -> rules.engine().evaluate("order-sign", patient, Language.SV)));
        lines.add(line("whole call (cards written)", iterations, () -> service.call(cds, parse.get(), () -> null)));
        return lines;
    }

    private static String line(String stage, int iterations, Supplier<?> work) {
        for (int i = 0; i < iterations; i++) {
            work.get();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            work.get();
            nanos[i] = System.nanoTime() - t;
        }
        Latencies latencies = Latencies.of(nanos);
        return String.format(
                Locale.ROOT, "  %-34s p50 %7.3f ms  p99 %7.3f ms", stage, latencies.p50(), latencies.p99());
    }
}
