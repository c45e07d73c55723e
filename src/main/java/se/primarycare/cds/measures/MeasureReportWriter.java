package se.primarycare.cds.measures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import se.primarycare.cds.fhir.SwedishCalendar;
import se.primarycare.cds.measures.core.IndicatorResult;
import se.primarycare.cds.measures.core.IndicatorResult.Figures;
import se.primarycare.cds.measures.core.Scoring;

/**
 * Writes an indicator result as a standard FHIR MeasureReport (summary, or subject-list with patient lists). The
 * first group holds the indicator's figures; an indicator with parts (Ån07-åtgärder) gets one more group per part,
 * with the same id and code as the Measure's group for it, the same denominator and the part's own numerator.
 * A score that is not defined (no denominator) is left out, never written as 0.
 */
public final class MeasureReportWriter {

    private static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";
    private static final String EXT = "https://fhir.primarycare.se/StructureDefinition/";

    private final SwedishCalendar calendar;

    public MeasureReportWriter(SwedishCalendar calendar) {
        this.calendar = calendar;
    }

    public MeasureReport write(
            Measure measure, IndicatorResult result, LocalDate start, LocalDate end, String unit, boolean subjects) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(
                subjects ? MeasureReport.MeasureReportType.SUBJECTLIST : MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(measure.getUrl() + "|" + measure.getVersion());
        report.setDate(new Date());
        report.setPeriod(new Period()
                .setStartElement(new DateTimeType(start.toString()))
                .setEndElement(new DateTimeType(end.toString())));
        if (unit != null) {
            report.setSubject(new Reference("Organization/" + unit));
        }
        report.setImprovementNotation(measure.getImprovementNotation());
        // Ån09's numerator grows for 180 days after the period: the report says when it was computed.
        report.addExtension(
                EXT + "evaluated-on",
                new DateType(LocalDate.now(calendar.zone()).toString()));
        Scoring scoring = result.indicator().scoring();
        MeasureReportGroupComponent group = report.addGroup();
        if (measure.hasGroup()) {
            identify(group, measure.getGroupFirstRep());
        }
        figures(group, scoring, result.total(), result.score());
        addQualityExtensions(group, result.total());
        if (subjects) {
            addSubjectList(report, group, scoring.denominatorPopulation(), "denominator", result.denominatorPatients());
            addSubjectList(report, group, scoring.numeratorPopulation(), "numerator", result.numeratorPatients());
        }
        stratifier(group, "age-group", result.byAge(), result);
        stratifier(group, "gender", result.byGender(), result);
        for (IndicatorResult.Part part : result.parts()) {
            MeasureReportGroupComponent partGroup = report.addGroup();
            MeasureCatalogue.group(measure, part.code()).ifPresent(g -> identify(partGroup, g));
            figures(partGroup, scoring, part.total(), result.score(part.total()));
            if (subjects) {
                // the denominator is the indicator's: the same contained List
                partGroup.getPopulation().stream()
                        .filter(p -> code(p).equals(scoring.denominatorPopulation()))
                        .forEach(p -> p.setSubjectResults(new Reference("#denominator")));
                addSubjectList(
                        report,
                        partGroup,
                        scoring.numeratorPopulation(),
                        part.code() + "-numerator",
                        part.numeratorPatients());
            }
            stratifier(partGroup, "age-group", part.byAge(), result);
            stratifier(partGroup, "gender", part.byGender(), result);
        }
        return report;
    }

    /** The report's group says which of the Measure's groups it is (id and code, as the Measure has them). */
    private static void identify(MeasureReportGroupComponent group, Measure.MeasureGroupComponent definition) {
        if (definition.getId() != null) {
            group.setId(definition.getId());
        }
        if (definition.hasCode()) {
            group.setCode(definition.getCode().copy());
        }
    }

    private static void figures(
            MeasureReportGroupComponent group, Scoring scoring, Figures figures, Optional<BigDecimal> score) {
        group.getPopulation().add(population(scoring.denominatorPopulation(), figures.denominator()));
        group.getPopulation().add(population(scoring.numeratorPopulation(), figures.numerator()));
        score.ifPresent(value -> group.setMeasureScore(new Quantity().setValue(value)));
    }

    private static MeasureReportGroupPopulationComponent population(String code, long count) {
        return new MeasureReportGroupPopulationComponent()
                .setCode(new CodeableConcept(new Coding(POPULATION, code, null)))
                .setCount((int) count);
    }

    private static void addQualityExtensions(MeasureReportGroupComponent group, Figures figures) {
        if (figures.sum().signum() != 0) {
            group.addExtension(EXT + "ddd-sum", new DecimalType(figures.sum()));
        }
        if (figures.dataQuality() > 0) {
            // prescriptions without a known product or quantity: counted apart, not in the DDD sum
            group.addExtension(EXT + "data-quality-count", new IntegerType((int) figures.dataQuality()));
        }
    }

    private static void stratifier(
            MeasureReportGroupComponent group, String name, Map<String, Figures> strata, IndicatorResult result) {
        Scoring scoring = result.indicator().scoring();
        var stratifier = group.addStratifier();
        stratifier.addCode().setText(name);
        strata.forEach((value, figures) -> {
            StratifierGroupComponent stratum = stratifier.addStratum();
            stratum.setValue(new CodeableConcept().setText(value));
            stratum.addPopulation()
                    .setCode(new CodeableConcept(new Coding(POPULATION, scoring.denominatorPopulation(), null)))
                    .setCount((int) figures.denominator());
            stratum.addPopulation()
                    .setCode(new CodeableConcept(new Coding(POPULATION, scoring.numeratorPopulation(), null)))
                    .setCount((int) figures.numerator());
            result.score(figures).ifPresent(score -> stratum.setMeasureScore(new Quantity().setValue(score)));
        });
    }

    private static void addSubjectList(
            MeasureReport report,
            MeasureReportGroupComponent group,
            String population,
            String listId,
            List<String> patients) {
        ListResource list = new ListResource();
        list.setId(listId);
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        patients.forEach(p -> list.addEntry().setItem(new Reference("Patient/" + p)));
        report.addContained(list);
        group.getPopulation().stream()
                .filter(p -> code(p).equals(population))
                .findFirst()
                .ifPresent(p -> p.setSubjectResults(new Reference("#" + listId)));
    }

    private static String code(MeasureReportGroupPopulationComponent population) {
        return population.getCode().getCodingFirstRep().getCode();
    }
}
