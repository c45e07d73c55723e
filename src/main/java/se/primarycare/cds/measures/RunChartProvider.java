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
import java.util.Optional;
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
import se.primarycare.cds.measures.core.Indicator;
import se.primarycare.cds.measures.core.IndicatorCalculator;
import se.primarycare.cds.measures.core.IndicatorResult;
import se.primarycare.cds.measures.core.IndicatorVocabulary;
import se.primarycare.cds.measures.core.MeasureDataPort;
import se.primarycare.cds.measures.core.RunChart;

/**
 * {@code Measure/{id}/$run-chart?from=YYYY-MM&to=YYYY-MM[&subject=Organization/{id}]}: one value per calendar
 * month, the same month a year earlier and the change against it (the seeds' "−10 % per year"), the median,
 * and which points form a shift or a trend. Answered as FHIR Parameters, one {@code point} per month. A month
 * whose value is not defined (a proportion without denominator) has no {@code value}: a gap in the chart, not
 * 0 %; gaps neither count for the median nor break or extend a shift or trend. An indicator with parts
 * (Ån07-åtgärder) adds per point one {@code group} part per part with its {@code code}, {@code numerator} and
 * {@code value}.
 */
public class RunChartProvider implements FhirOperationProvider {

    private static final int MAX_MONTHS = 120;

    private final MeasureCatalogue catalogue;
    private final MeasureDataPort data;
    private final IndicatorVocabulary vocabulary;
    private final EvaluationTimer timer;

    public RunChartProvider(
            MeasureCatalogue catalogue, MeasureDataPort data, IndicatorVocabulary vocabulary, EvaluationTimer timer) {
        this.catalogue = catalogue;
        this.timer = timer;
        this.data = data;
        this.vocabulary = vocabulary;
    }

    @Operation(name = "$run-chart", idempotent = true, type = Measure.class)
    public Parameters runChart(
            @IdParam IdType id,
            @OperationParam(name = "from") StringType from,
            @OperationParam(name = "to") StringType to,
            @OperationParam(name = "subject") StringType subject) {
        String measureId = id.getIdPart();
        MeasureCatalogue.Entry entry = catalogue
                .entry(measureId)
                .orElseThrow(() -> new ResourceNotFoundException("Measure/" + measureId + " is not an indicator"));
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (first.isAfter(last) || first.plusMonths(MAX_MONTHS).isBefore(last)) {
            throw new InvalidRequestException(
                    "from must not be after to, and the range at most " + MAX_MONTHS + " months");
        }
        String unit = MeasureSubjects.unit(subject);
        return timer.time(entry, EvaluationTimer.RUN_CHART, () -> chart(entry, first, last, unit));
    }

    private Parameters chart(MeasureCatalogue.Entry entry, YearMonth first, YearMonth last, String unit) {
        Indicator indicator = entry.indicator();
        // a month is both a point and the "year before" of a later point: evaluate each month once, from facts
        // read once for the whole chart
        IndicatorCalculator calculator =
                new IndicatorCalculator(new SpanMeasureData(data, unit, last.atEndOfMonth()), vocabulary);
        Map<YearMonth, IndicatorResult> monthly = new HashMap<>();
        Parameters parameters = new Parameters();
        parameters.addParameter("measure", entry.url());
        List<ParametersParameterComponent> points = new ArrayList<>();
        List<Optional<BigDecimal>> values = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            IndicatorResult now = monthly.computeIfAbsent(month, m -> evaluate(calculator, indicator, m, unit));
            IndicatorResult yearBefore =
                    monthly.computeIfAbsent(month.minusYears(1), m -> evaluate(calculator, indicator, m, unit));
            Optional<BigDecimal> value = now.score();
            Optional<BigDecimal> valueYearBefore = yearBefore.score();
            values.add(value);
            ParametersParameterComponent point = parameters.addParameter().setName("point");
            points.add(point);
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
            value.ifPresent(v -> point.addPart().setName("value").setValue(new DecimalType(v)));
            valueYearBefore.ifPresent(
                    v -> point.addPart().setName("valueYearBefore").setValue(new DecimalType(v)));
            if (value.isPresent()
                    && valueYearBefore.isPresent()
                    && valueYearBefore.get().signum() != 0) {
                BigDecimal change = value.get()
                        .subtract(valueYearBefore.get())
                        .multiply(BigDecimal.valueOf(100))
                        .divide(valueYearBefore.get(), 1, RoundingMode.HALF_UP);
                point.addPart().setName("changePercent").setValue(new DecimalType(change));
            }
            for (IndicatorResult.Part part : now.parts()) {
                ParametersParameterComponent group = point.addPart().setName("group");
                group.addPart().setName("code").setValue(new StringType(part.code()));
                group.addPart().setName("numerator").setValue(new IntegerType((int)
                        part.total().numerator()));
                now.score(part.total())
                        .ifPresent(v -> group.addPart().setName("value").setValue(new DecimalType(v)));
            }
        }
        // the run-chart rules see only the months that have a value; their indexes are mapped back to points
        List<Integer> defined = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isPresent()) {
                defined.add(i);
            }
        }
        List<BigDecimal> series =
                defined.stream().map(i -> values.get(i).orElseThrow()).toList();
        if (!series.isEmpty()) {
            parameters.addParameter().setName("median").setValue(new DecimalType(RunChart.median(series)));
        }
        List<Integer> shift =
                RunChart.shiftPoints(series).stream().map(defined::get).toList();
        List<Integer> trend =
                RunChart.trendPoints(series).stream().map(defined::get).toList();
        for (int i = 0; i < points.size(); i++) {
            points.get(i).addPart().setName("shift").setValue(new BooleanType(shift.contains(i)));
            points.get(i).addPart().setName("trend").setValue(new BooleanType(trend.contains(i)));
        }
        return parameters;
    }

    private static IndicatorResult evaluate(
            IndicatorCalculator calculator, Indicator indicator, YearMonth month, String unit) {
        return calculator.evaluate(indicator, month.atDay(1), month.atEndOfMonth(), unit);
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
