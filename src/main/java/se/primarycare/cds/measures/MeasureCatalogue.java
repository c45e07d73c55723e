package se.primarycare.cds.measures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.Measure.MeasureGroupComponent;
import se.primarycare.cds.measures.core.Indicator;
import se.primarycare.cds.terminology.ProfileLoadException;

/**
 * The Measures of {@code fhir-profiles/} and the {@link Indicator} each computes (extension {@code indicator}
 * with {@code kind}, {@code code}, {@code limit}), so that adding a DID group is a new Measure file, not Java. The
 * one lookup of {@code $evaluate-measure}, {@code $run-chart} and the worklists. Checked at start: an unknown
 * kind, a missing parameter, a {@code scoring} that is not the indicator's, or a missing group for one of the
 * indicator's parts stops the start naming the file.
 */
public final class MeasureCatalogue {

    public static final String EXTENSION = "https://fhir.primarycare.se/StructureDefinition/indicator";

    /** A Measure and the indicator it computes. */
    public record Entry(String id, String url, Measure measure, Indicator indicator) {}

    private final Map<String, Entry> byId = new LinkedHashMap<>();
    private final Map<String, Entry> byUrl = new LinkedHashMap<>();

    public MeasureCatalogue(List<Measure> loaded) {
        for (Measure measure : loaded) {
            String id = measure.getIdElement().getIdPart();
            String file = "Measure-" + id + ".json";
            Extension extension = measure.getExtensionByUrl(EXTENSION);
            if (extension == null) {
                throw new ProfileLoadException(file, "extension " + EXTENSION + " is missing");
            }
            Indicator indicator;
            try {
                String limit = value(extension, "limit");
                indicator = Indicator.of(
                        value(extension, "kind"),
                        value(extension, "code"),
                        limit == null ? null : Integer.valueOf(limit));
            } catch (IllegalArgumentException e) {
                throw new ProfileLoadException(file, "indicator: " + e.getMessage());
            }
            String scoring = measure.getScoring().getCodingFirstRep().getCode();
            if (!indicator.scoring().code().equals(scoring)) {
                throw new ProfileLoadException(
                        file,
                        "scoring '" + scoring + "' is not the " + indicator.kind() + " indicator's '"
                                + indicator.scoring().code() + "'");
            }
            for (String part : indicator.parts()) {
                if (group(measure, part).isEmpty()) {
                    throw new ProfileLoadException(file, "group: no group with code '" + part + "'");
                }
            }
            Entry entry = new Entry(id, measure.getUrl(), measure, indicator);
            byId.put(id, entry);
            if (measure.getUrl() != null) {
                byUrl.put(measure.getUrl(), entry);
            }
        }
    }

    /** The Measure group of an indicator's part: the group whose {@code code.text} or id is the part's code. */
    public static Optional<MeasureGroupComponent> group(Measure measure, String part) {
        return measure.getGroup().stream()
                .filter(g -> part.equals(g.getCode().getText()) || part.equals(g.getId()))
                .findFirst();
    }

    private static String value(Extension indicator, String part) {
        Extension extension = indicator.getExtensionByUrl(part);
        return extension == null || extension.getValue() == null
                ? null
                : extension.getValue().primitiveValue();
    }

    /** The indicator of the Measure with this id ({@code an07}, {@code did-n05ba} …). */
    public Optional<Indicator> byId(String measureId) {
        return entry(measureId).map(Entry::indicator);
    }

    /** The indicator of the Measure with this canonical URL, with or without {@code |version}. */
    public Optional<Indicator> byUrl(String canonical) {
        return entryByUrl(canonical).map(Entry::indicator);
    }

    public Optional<Entry> entry(String measureId) {
        return Optional.ofNullable(measureId == null ? null : byId.get(measureId));
    }

    public Optional<Entry> entryByUrl(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        int bar = canonical.indexOf('|');
        return Optional.ofNullable(byUrl.get(bar < 0 ? canonical : canonical.substring(0, bar)));
    }

    public Optional<Measure> measure(String measureId) {
        return entry(measureId).map(Entry::measure);
    }

    /** Every Measure, in the order loaded. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(byId.values()));
    }
}
