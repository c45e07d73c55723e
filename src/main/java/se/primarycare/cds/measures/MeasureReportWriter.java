package se.primarycare.cds.measures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
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

/** Writes an indicator result as a standard FHIR MeasureReport (summary, or subject-list with patient lists). */
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
        MeasureReportGroupComponent group = report.addGroup();
        populations(group.getPopulation(), result.spec().kind(), result.total());
        group.setMeasureScore(new Quantity().setValue(result.score()));
        addQualityExtensions(group, result.total());
        if (subjects) {
            addSubjectList(report, group, "denominator", result.denominatorPatients());
            addSubjectList(report, group, "numerator", result.numeratorPatients());
        }
        stratifier(group, "age-group", result.byAge(), result);
        stratifier(group, "gender", result.byGender(), result);
        return report;
    }

    private static void populations(List<MeasureReportGroupPopulationComponent> into, String kind, Figures figures) {
        String denominator = "activity".equals(kind) ? "initial-population" : "denominator";
        String numerator = "activity".equals(kind) ? "measure-population" : "numerator";
        into.add(population(denominator, figures.denominator()));
        into.add(population(numerator, figures.numerator()));
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
        var stratifier = group.addStratifier();
        stratifier.addCode().setText(name);
        strata.forEach((value, figures) -> {
            StratifierGroupComponent stratum = stratifier.addStratum();
            stratum.setValue(new CodeableConcept().setText(value));
            String kind = result.spec().kind();
            stratum.addPopulation()
                    .setCode(new CodeableConcept(new Coding(
                            POPULATION, "activity".equals(kind) ? "initial-population" : "denominator", null)))
                    .setCount((int) figures.denominator());
            stratum.addPopulation()
                    .setCode(new CodeableConcept(
                            new Coding(POPULATION, "activity".equals(kind) ? "measure-population" : "numerator", null)))
                    .setCount((int) figures.numerator());
            BigDecimal score = IndicatorResult.score(kind, figures, result.days());
            stratum.setMeasureScore(new Quantity().setValue(score));
        });
    }

    private static void addSubjectList(
            MeasureReport report, MeasureReportGroupComponent group, String population, List<String> patients) {
        ListResource list = new ListResource();
        list.setId(population);
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        patients.forEach(p -> list.addEntry().setItem(new Reference("Patient/" + p)));
        report.addContained(list);
        group.getPopulation().stream()
                .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population)
                        || ("numerator".equals(population)
                                && p.getCode().getCodingFirstRep().getCode().equals("measure-population")))
                .findFirst()
                .ifPresent(p -> p.setSubjectResults(new Reference("#" + population)));
    }
}
