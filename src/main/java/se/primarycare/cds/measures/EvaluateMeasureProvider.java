package se.primarycare.cds.measures;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import se.primarycare.cds.fhir.FhirOperationProvider;
import se.primarycare.cds.fhir.SwedishCalendar;
import se.primarycare.cds.measures.core.IndicatorCalculator;
import se.primarycare.cds.measures.core.IndicatorResult;

/**
 * {@code Measure/{id}/$evaluate-measure?periodStart=&periodEnd=[&subject=Organization/{id}][&reportType=subject-list]}:
 * the indicator computed by our own set-based core (not CQL), answered as a standard MeasureReport.
 */
public class EvaluateMeasureProvider implements FhirOperationProvider {

    private final MeasureCatalogue catalogue;
    private final IndicatorCalculator calculator;
    private final SwedishCalendar calendar;
    private final MeasureReportWriter writer;
    private final EvaluationTimer timer;

    public EvaluateMeasureProvider(
            MeasureCatalogue catalogue,
            IndicatorCalculator calculator,
            SwedishCalendar calendar,
            EvaluationTimer timer) {
        this.catalogue = catalogue;
        this.timer = timer;
        this.calculator = calculator;
        this.calendar = calendar;
        this.writer = new MeasureReportWriter(calendar);
    }

    @Operation(name = "$evaluate-measure", idempotent = true, type = Measure.class)
    public MeasureReport evaluateMeasure(
            @IdParam IdType id,
            @OperationParam(name = "periodStart") StringType periodStart,
            @OperationParam(name = "periodEnd") StringType periodEnd,
            @OperationParam(name = "subject") StringType subject,
            @OperationParam(name = "reportType") StringType reportType) {
        String measureId = id.getIdPart();
        MeasureCatalogue.Entry entry = catalogue
                .entry(measureId)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "Measure/" + measureId + " is not an indicator of " + "this server"));
        LocalDate start = date("periodStart", periodStart);
        LocalDate end = date("periodEnd", periodEnd);
        if (start.isAfter(end)) {
            throw new InvalidRequestException("periodStart must not be after periodEnd");
        }
        String unit = MeasureSubjects.unit(subject);
        boolean subjectList = reportType != null && "subject-list".equals(reportType.getValue());
        if (reportType != null && !subjectList && !"summary".equals(reportType.getValue())) {
            throw new InvalidRequestException("reportType must be 'summary' or 'subject-list'");
        }
        IndicatorResult result = timer.time(
                entry,
                EvaluationTimer.EVALUATE_MEASURE,
                () -> calculator.evaluate(entry.indicator(), start, end, unit, subjectList));
        return writer.write(entry.measure(), result, start, end, unit, subjectList);
    }

    /** A date as written; a dateTime becomes its Swedish calendar day, as the stored facts do. */
    private LocalDate date(String name, StringType value) {
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            throw new InvalidRequestException(name + " is required (a date, e.g. 2026-01-01)");
        }
        String text = value.getValue();
        try {
            return text.length() > 10 ? calendar.day(new DateTimeType(text)) : LocalDate.parse(text);
        } catch (DateTimeParseException | DataFormatException e) {
            throw new InvalidRequestException(name + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
