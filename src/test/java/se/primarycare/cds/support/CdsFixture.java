package se.primarycare.cds.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A CDS rule fixture of {@code src/test/resources/cds/<rule>/<case>.json}: a CDS Hooks request and the cards it
 * must and must not give. Dates are relative ({@code {{today-13m}}}) and resolved against today in Swedish time.
 */
public record CdsFixture(String name, String service, ObjectNode request, JsonNode expect, String acceptLanguage) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RELATIVE_DATE = Pattern.compile("\\{\\{today(?:([+-]\\d+)([dmy]))?}}");

    public static List<CdsFixture> all() {
        Path root = Path.of("src/test/resources/cds");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(f -> load(root.relativize(f).toString(), f))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Up to {@code perFolder} fixtures of each rule folder, for HTTP tests that replay fixtures through the real
     * store: as many as the v1 suite had, so the HTTP layer stays covered without the suite growing with every
     * new in-process fixture.
     */
    public static List<CdsFixture> sample(int perFolder) {
        java.util.Map<String, Integer> taken = new java.util.HashMap<>();
        return all().stream()
                .filter(f -> taken.merge(f.name().substring(0, f.name().indexOf('/')), 1, Integer::sum) <= perFolder)
                .toList();
    }

    private static CdsFixture load(String name, Path file) {
        try {
            String text = resolveDates(Files.readString(file, StandardCharsets.UTF_8), today());
            JsonNode node = JSON.readTree(text);
            return new CdsFixture(
                    name,
                    node.get("service").asText(),
                    (ObjectNode) node.get("request"),
                    node.get("expect"),
                    node.path("acceptLanguage").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm"));
    }

    static String resolveDates(String text, LocalDate today) {
        Matcher matcher = RELATIVE_DATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            LocalDate date = today;
            if (matcher.group(1) != null) {
                long amount = Long.parseLong(matcher.group(1));
                date = switch (matcher.group(2)) {
                    case "d" -> today.plusDays(amount);
                    case "m" -> today.plusMonths(amount);
                    default -> today.plusYears(amount);
                };
            }
            matcher.appendReplacement(out, date.toString());
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The HTTP status the call must get (200 unless the fixture says otherwise, e.g. 412). */
    public int status() {
        return expect.path("status").asInt(200);
    }

    public boolean isOrderSign() {
        return service.endsWith("order-sign");
    }

    @Override
    public String toString() {
        return name;
    }
}
