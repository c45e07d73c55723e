package se.primarycare.cds.support;

import org.hl7.fhir.r4.model.MeasureReport;

/** Reading a MeasureReport's first group in tests. */
public final class MeasureReports {

    private MeasureReports() {}

    /** The count of the population with this code (e.g. {@code numerator}). */
    public static int count(MeasureReport report, String population) {
        return report.getGroupFirstRep().getPopulation().stream()
                .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no population " + population))
                .getCount();
    }
}
