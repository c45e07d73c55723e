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

    /** The count of a population within one stratum, e.g. stratifier {@code age-group}, value {@code <40}. */
    public static int stratumCount(MeasureReport report, String stratifier, String value, String population) {
        return report.getGroupFirstRep().getStratifier().stream()
                .filter(s -> s.getCodeFirstRep().getText().equals(stratifier))
                .flatMap(s -> s.getStratum().stream())
                .filter(s -> s.getValue().getText().equals(value))
                .flatMap(s -> s.getPopulation().stream())
                .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + population + " in " + stratifier + "=" + value))
                .getCount();
    }
}
