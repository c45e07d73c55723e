package se.primarycare.cds.measures;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import se.primarycare.cds.fhir.FhirOperationProvider;
import se.primarycare.cds.measures.core.IndicatorCalculator;
import se.primarycare.cds.measures.core.IndicatorResult;
import se.primarycare.cds.measures.core.IndicatorSpec;
import se.primarycare.cds.measures.core.RunChart;

/**
 * {@code Measure/{id}/$run-chart?from=YYYY-MM&to=YYYY-MM[&subject=Organization/{id}]}: one value per calendar
 * month, the same month a year earlier and the change against it (the seeds' "−10 % per year"), the median,
 * and which points form a shift or a trend. Answered as FHIR Parameters, one {@code point} per month.
 */
public class RunChartProvider implements FhirOperationProvider {

    private static final int MAX_MONTHS = 120;

    private final IndicatorCatalogue catalogue;
    private final IndicatorCalculator calculator;

    public RunChartProvider(IndicatorCatalogue catalogue, IndicatorCalculator calculator) {
        this.catalogue = catalogue;
        this.calculator = calculator;
    }

    @Operation(name = "$run-chart", idempotent = true, type = Measure.class)
    public Parameters runChart(
            @IdParam IdType id,
            @OperationParam(name = "from") StringType from,
            @OperationParam(name = "to") StringType to,
            @OperationParam(name = "subject") StringType subject) {
        String measureId = id.getIdPart();
        IndicatorSpec spec = catalogue
                .spec(measureId)
                .orElseThrow(() -> new ResourceNotFoundException("Measure/" + measureId + " is not an indicator"));
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (first.isAfter(last) || first.plusMonths(MAX_MONTHS).isBefore(last)) {
            throw new InvalidRequestException(
                    "from must not be after to, and the range at most " + MAX_MONTHS + " months");
        }
        String unit = MeasureSubjects.unit(subject);
        List<BigDecimal> values = new ArrayList<>();
        // a month is both a point and the "year before" of a later point: evaluate each month once
        Map<YearMonth, IndicatorResult> monthly = new HashMap<>();
        Parameters parameters = new Parameters();
        parameters.addParameter(
                "measure", catalogue.measure(measureId).orElseThrow().getUrl());
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            IndicatorResult now = monthly.computeIfAbsent(month, m -> evaluate(spec, m, unit));
            IndicatorResult yearBefore = monthly.computeIfAbsent(month.minusYears(1), m -> evaluate(spec, m, unit));
            values.add(now.score());
            ParametersParameterComponent point = parameters.addParameter().setName("point");
            point.addPart().setName("month").setValue(new StringType(month.toString()));
            point.addPart()
                    .setName("periodStart")
                    .setValue(new DateType(month.atDay(1).toString()));
            point.addPart()
                    .setName("periodEnd")
                    .setValue(new DateType(month.atEndOfMonth().toString()));
            point.addPart().setName("denominator").setValue(new IntegerType((int)
                    now.total().denominator()));
            point.addPart().setName("numerator").setValue(new IntegerType((int)
                    now.total().numerator()));
            point.addPart().setName("value").setValue(new DecimalType(now.score()));
            point.addPart().setName("valueYearBefore").setValue(new DecimalType(yearBefore.score()));
            if (yearBefore.score().signum() != 0) {
                BigDecimal change = now.score()
                        .subtract(yearBefore.score())
                        .multiply(BigDecimal.valueOf(100))
                        .divide(yearBefore.score(), 1, RoundingMode.HALF_UP);
                point.addPart().setName("changePercent").setValue(new DecimalType(change));
            }
        }
        parameters.addParameter().setName("median").setValue(new DecimalType(RunChart.median(values)));
        List<Integer> shift = RunChart.shiftPoints(values);
        List<Integer> trend = RunChart.trendPoints(values);
        List<ParametersParameterComponent> points = parameters.getParameter().stream()
                .filter(p -> p.getName().equals("point"))
                .toList();
        for (int i = 0; i < points.size(); i++) {
            points.get(i).addPart().setName("shift").setValue(new BooleanType(shift.contains(i)));
            points.get(i).addPart().setName("trend").setValue(new BooleanType(trend.contains(i)));
        }
        return parameters;
    }

    private IndicatorResult evaluate(IndicatorSpec spec, YearMonth month, String unit) {
        return calculator.evaluate(spec, month.atDay(1), month.atEndOfMonth(), unit);
    }

    private static YearMonth month(String name, StringType value) {
        if (value == null || value.getValue() == null) {
            throw new InvalidRequestException(name + " is required (a month, e.g. 2025-01)");
        }
        try {
            return YearMonth.parse(value.getValue());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " '" + value.getValue() + "' is not a month (YYYY-MM)");
        }
    }
}
