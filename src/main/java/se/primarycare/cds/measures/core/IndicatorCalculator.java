package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.primarycare.cds.measures.core.IndicatorResult.Figures;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedCount;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * Computes the indicators of {@code indicators.md} exactly by their written definitions, from the rows of a
 * {@link MeasureDataPort}. Pure: no FHIR, no SQL, no clock; dates come from the period.
 */
public final class IndicatorCalculator {

    /** Periods joined across at most this many uncovered days form one episode (data-contract.md). */
    private static final int EPISODE_GAP_DAYS = 5;

    private final MeasureDataPort data;
    private final IndicatorVocabulary codes;

    public IndicatorCalculator(MeasureDataPort data, IndicatorVocabulary codes) {
        this.data = data;
        this.codes = codes;
    }

    /** The summary: figures per population and stratum, numerator patients, no denominator list for DID/activity. */
    public IndicatorResult evaluate(IndicatorSpec spec, LocalDate start, LocalDate end, String unit) {
        return evaluate(spec, start, end, unit, false);
    }

    /**
     * @param subjects also list every denominator patient (for DID and activity counts: every listed patient,
     *     which is only read when asked for)
     */
    public IndicatorResult evaluate(IndicatorSpec spec, LocalDate start, LocalDate end, String unit, boolean subjects) {
        Map<String, Figures> perPatient =
                switch (spec.kind()) {
                    case "an07" -> an07(start, end, unit);
                    case "an09" -> an09(start, end, unit);
                    case "did" -> did(spec.code(), start, end, unit);
                    case "sl28" -> sickLeave(28, start, end, unit, true);
                    case "sl14" -> sickLeave(14, start, end, unit, false);
                    case "activity" -> activity(spec.code(), start, end, unit);
                    case "starter-pack" -> starterPack(spec, start, end, unit);
                    case "long-term-use" -> longTermUse(end, unit);
                    default -> throw new IllegalArgumentException("Unknown indicator kind " + spec.kind());
                };
        return aggregate(spec, perPatient, start, end, unit, subjects);
    }

    /** DID and activity counts have every listed patient in the denominator; the others only patients with facts. */
    private static boolean wholePopulation(IndicatorSpec spec) {
        return spec.kind().equals("did") || spec.kind().equals("activity");
    }

    // Ån07: anxiety diagnosis in the 24 months ending periodEnd; numerator: a benzodiazepine prescribed in P.
    private Map<String, Figures> an07(LocalDate start, LocalDate end, String unit) {
        LocalDate from = end.minusMonths(24).plusDays(1);
        Set<String> anxious = data.diagnoses(unit, end, from, end, codes.hints().anxietyIcd()).stream()
                .filter(d -> codes.anxiety().test(d.code()))
                .map(DiagnosisRow::patientId)
                .collect(Collectors.toSet());
        Set<String> treated = benzodiazepinePrescriptions(unit, start, end).stream()
                .map(PrescriptionRow::patientId)
                .collect(Collectors.toSet());
        return proportion(anxious, treated);
    }

    // Ån09: new anxiety diagnosis in P (none in the 12 months before); numerator: DU011 0–180 days after index.
    private Map<String, Figures> an09(LocalDate start, LocalDate end, String unit) {
        Map<String, List<LocalDate>> anxietyDates = new HashMap<>();
        for (DiagnosisRow d : data.diagnoses(
                unit, end, start.minusMonths(12), end, codes.hints().anxietyIcd())) {
            if (d.recorded() != null && codes.anxiety().test(d.code())) {
                anxietyDates
                        .computeIfAbsent(d.patientId(), k -> new ArrayList<>())
                        .add(d.recorded());
            }
        }
        Map<String, LocalDate> index = new HashMap<>();
        anxietyDates.forEach((patient, dates) -> dates.stream()
                .filter(d -> !d.isBefore(start) && !d.isAfter(end))
                .filter(d -> dates.stream().noneMatch(o -> !o.isBefore(d.minusMonths(12)) && o.isBefore(d)))
                .min(Comparator.naturalOrder())
                .ifPresent(d -> index.put(patient, d)));
        Set<String> treated = new HashSet<>();
        for (ProcedureRow p : data.procedures(unit, end, start, end.plusDays(180))) {
            LocalDate at = index.get(p.patientId());
            if (at != null && codes.kbt().test(p.code()) && "completed".equals(p.status()) && p.performed() != null) {
                long days = ChronoUnit.DAYS.between(at, p.performed());
                if (days >= 0 && days <= 180) {
                    treated.add(p.patientId());
                }
            }
        }
        return proportion(index.keySet(), treated);
    }

    // DID: Σ DDD of prescriptions of the ATC group in P; denominator: listed patients (× days × 1/1000 in score).
    private Map<String, Figures> did(String atcPrefix, LocalDate start, LocalDate end, String unit) {
        Map<String, Figures> perPatient = new HashMap<>();
        for (PrescriptionRow r : data.prescriptions(unit, end, start, end, List.of(atcPrefix))) {
            if (!r.isPrescription() || r.atc() == null || !r.atc().startsWith(atcPrefix)) {
                continue;
            }
            Optional<BigDecimal> ddd = ddd(r);
            Figures contribution = ddd.map(d -> new Figures(0, 1, d, 0)).orElse(new Figures(0, 0, BigDecimal.ZERO, 1));
            perPatient.merge(r.patientId(), contribution, Figures::plus);
        }
        return perPatient;
    }

    /** DDD = quantity × (1 + repeats) × strength / DDD (mg); empty without a known product or quantity. */
    private Optional<BigDecimal> ddd(PrescriptionRow r) {
        BigDecimal tablets = r.totalTablets();
        if (tablets == null || r.product() == null) {
            return Optional.empty();
        }
        return codes.product().apply(r.product()).map(p -> tablets.multiply(p.strengthMg())
                .divide(p.dddMg(), 6, RoundingMode.HALF_UP));
    }

    // SL28 / SL14: psychiatric episode longer than N days overlapping P; numerator: plan / activity in time.
    private Map<String, Figures> sickLeave(int longerThan, LocalDate start, LocalDate end, String unit, boolean plan) {
        LocalDate horizon = start.minusYears(2);
        List<SickLeaveRow> periods = data.sickLeave(unit, end, horizon, end);
        Map<String, String> conditionCode = new HashMap<>();
        data.diagnoses(unit, end, null, null, codes.hints().psychiatricIcd())
                .forEach(d -> conditionCode.put(d.conditionId(), d.code()));
        Map<String, List<SickLeaveRow>> byPatient =
                periods.stream().collect(Collectors.groupingBy(SickLeaveRow::patientId));
        Map<String, List<LocalDate[]>> qualifying = new HashMap<>();
        byPatient.forEach((patient, rows) -> {
            for (List<SickLeaveRow> episode : episodes(rows)) {
                LocalDate s = episode.get(0).start();
                LocalDate e = episode.stream()
                        .map(SickLeaveRow::end)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
                boolean psychiatric = episode.stream()
                        .flatMap(r -> r.focusConditionIds().stream())
                        .map(conditionCode::get)
                        .anyMatch(code -> code != null && codes.psychiatric().test(code));
                long length = ChronoUnit.DAYS.between(s, e) + 1;
                if (psychiatric && length > longerThan && !s.isAfter(end) && !e.isBefore(start)) {
                    qualifying.computeIfAbsent(patient, k -> new ArrayList<>()).add(new LocalDate[] {s, e});
                }
            }
        });
        Set<String> met = new HashSet<>();
        if (plan) {
            data.carePlans(unit, end, horizon, end.plusDays(60)).stream()
                    .filter(c -> c.rehab() && c.created() != null)
                    .forEach(c -> qualifying.getOrDefault(c.patientId(), List.of()).stream()
                            .filter(ep ->
                                    !c.created().isBefore(ep[0]) && !c.created().isAfter(ep[0].plusDays(60)))
                            .findAny()
                            .ifPresent(ep -> met.add(c.patientId())));
        } else {
            data.procedures(unit, end, horizon.minusDays(30), end.plusDays(30)).stream()
                    .filter(p -> codes.activityOrFar().test(p.code())
                            && "completed".equals(p.status())
                            && p.performed() != null)
                    .forEach(p -> qualifying.getOrDefault(p.patientId(), List.of()).stream()
                            .filter(ep -> !p.performed().isBefore(ep[0].minusDays(30))
                                    && !p.performed().isAfter(ep[1].plusDays(30)))
                            .findAny()
                            .ifPresent(ep -> met.add(p.patientId())));
        }
        return proportion(qualifying.keySet(), met);
    }

    private static List<List<SickLeaveRow>> episodes(List<SickLeaveRow> rows) {
        List<SickLeaveRow> sorted =
                rows.stream().sorted(Comparator.comparing(SickLeaveRow::start)).toList();
        List<List<SickLeaveRow>> episodes = new ArrayList<>();
        List<SickLeaveRow> current = new ArrayList<>();
        LocalDate currentEnd = null;
        for (SickLeaveRow row : sorted) {
            if (currentEnd != null && ChronoUnit.DAYS.between(currentEnd, row.start()) - 1 > EPISODE_GAP_DAYS) {
                episodes.add(current);
                current = new ArrayList<>();
                currentEnd = null;
            }
            current.add(row);
            currentEnd = currentEnd == null || row.end().isAfter(currentEnd) ? row.end() : currentEnd;
        }
        if (!current.isEmpty()) {
            episodes.add(current);
        }
        return episodes;
    }

    // Activity counts: completed procedures of the KVÅ code in P, of patients listed at the unit.
    private Map<String, Figures> activity(String kva, LocalDate start, LocalDate end, String unit) {
        Map<String, Figures> perPatient = new HashMap<>();
        data.procedures(unit, end, start, end).stream()
                .filter(p -> kva.equals(p.code()) && "completed".equals(p.status()))
                .forEach(p -> perPatient.merge(p.patientId(), new Figures(0, 1, BigDecimal.ZERO, 0), Figures::plus));
        return perPatient;
    }

    // Starter pack: new prescriptions of the group in P (none in the 365 days before) within the tablet limit.
    private Map<String, Figures> starterPack(IndicatorSpec spec, LocalDate start, LocalDate end, String unit) {
        boolean benzo = "benzodiazepines".equals(spec.code());
        List<PrescriptionRow> group = benzo
                ? benzodiazepinePrescriptions(unit, start.minusDays(365), end)
                : data
                        .prescriptions(
                                unit,
                                end,
                                start.minusDays(365),
                                end,
                                codes.hints().zDrugAtc())
                        .stream()
                        .filter(r -> r.isPrescription()
                                && r.atc() != null
                                && codes.zDrug().test(r.atc()))
                        .toList();
        Map<String, List<LocalDate>> dates = new HashMap<>();
        group.forEach(r ->
                dates.computeIfAbsent(r.patientId(), k -> new ArrayList<>()).add(r.authored()));
        Map<String, Figures> perPatient = new HashMap<>();
        for (PrescriptionRow r : group) {
            if (r.authored() == null
                    || r.authored().isBefore(start)
                    || r.authored().isAfter(end)) {
                continue;
            }
            boolean isNew = dates.get(r.patientId()).stream()
                    .noneMatch(d -> d != null && !d.isBefore(r.authored().minusDays(365)) && d.isBefore(r.authored()));
            if (isNew) {
                BigDecimal total = r.totalTablets();
                boolean within = total != null && total.compareTo(BigDecimal.valueOf(spec.limit())) <= 0;
                perPatient.merge(
                        r.patientId(),
                        new Figures(1, within ? 1 : 0, BigDecimal.ZERO, total == null ? 1 : 0),
                        Figures::plus);
            }
        }
        return perPatient;
    }

    // Long-term use: benzodiazepine or z-drug in the 12 months ending periodEnd; numerator: ≥ 0.5 DDD a day.
    private Map<String, Figures> longTermUse(LocalDate end, String unit) {
        LocalDate from = end.minusMonths(12).plusDays(1);
        Map<String, BigDecimal> dddByPatient = new HashMap<>();
        List<PrescriptionRow> rows = new ArrayList<>(benzodiazepinePrescriptions(unit, from, end));
        data.prescriptions(unit, end, from, end, codes.hints().zDrugAtc()).stream()
                .filter(r ->
                        r.isPrescription() && r.atc() != null && codes.zDrug().test(r.atc()))
                .forEach(rows::add);
        for (PrescriptionRow r : rows) {
            dddByPatient.merge(r.patientId(), ddd(r).orElse(BigDecimal.ZERO), BigDecimal::add);
        }
        BigDecimal threshold = BigDecimal.valueOf(0.5 * 365);
        Set<String> longTerm = dddByPatient.entrySet().stream()
                .filter(e -> e.getValue().compareTo(threshold) >= 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return proportion(dddByPatient.keySet(), longTerm);
    }

    /** Benzodiazepine prescriptions (indicators.md): ATC below N05BA, or clonazepam with an anxiety reason. */
    private List<PrescriptionRow> benzodiazepinePrescriptions(String unit, LocalDate from, LocalDate to) {
        List<PrescriptionRow> rows =
                data.prescriptions(unit, to, from, to, codes.hints().benzodiazepineAtc());
        Set<String> anxietyConditions = new HashSet<>();
        if (rows.stream().anyMatch(r -> r.atc() != null && codes.clonazepam().test(r.atc()))) {
            data.diagnoses(unit, to, null, null, codes.hints().anxietyIcd()).stream()
                    .filter(d -> codes.anxiety().test(d.code()))
                    .forEach(d -> anxietyConditions.add(d.conditionId()));
        }
        return rows.stream()
                .filter(PrescriptionRow::isPrescription)
                .filter(r -> r.atc() != null)
                .filter(r -> codes.benzodiazepine().test(r.atc())
                        || (codes.clonazepam().test(r.atc())
                                && (r.reasonCodes().stream().anyMatch(codes.anxiety())
                                        || r.reasonConditionIds().stream().anyMatch(anxietyConditions::contains))))
                .toList();
    }

    private static Map<String, Figures> proportion(Set<String> denominator, Set<String> numerator) {
        Map<String, Figures> perPatient = new HashMap<>();
        for (String patient : denominator) {
            perPatient.put(patient, new Figures(1, numerator.contains(patient) ? 1 : 0, BigDecimal.ZERO, 0));
        }
        return perPatient;
    }

    /**
     * Sums the per-patient figures of listed patients by stratum. For whole-population indicators the listed
     * patients are added as grouped counts from the database rather than loaded one by one.
     */
    private IndicatorResult aggregate(
            IndicatorSpec spec,
            Map<String, Figures> perPatient,
            LocalDate start,
            LocalDate end,
            String unit,
            boolean subjects) {
        Strata strata = new Strata();
        List<String> numerator = new ArrayList<>();
        List<String> denominator = new ArrayList<>();
        for (ListedPatient patient : data.listedAmong(unit, end, perPatient.keySet())) {
            Figures figures = perPatient.get(patient.id());
            strata.add(AgeStratum.of(patient.birthDate(), end), patient.gender(), figures);
            if (figures.denominator() > 0) {
                denominator.add(patient.id());
            }
            if (figures.numerator() > 0) {
                numerator.add(patient.id());
            }
        }
        if (wholePopulation(spec)) {
            for (ListedCount count : data.listedCounts(unit, end)) {
                strata.add(count.ageStratum(), count.gender(), new Figures(count.count(), 0, BigDecimal.ZERO, 0));
            }
            denominator = subjects ? new ArrayList<>(data.listedIds(unit, end)) : new ArrayList<>();
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        numerator.sort(String::compareTo);
        denominator.sort(String::compareTo);
        return new IndicatorResult(spec, strata.total, strata.byAge, strata.byGender, days, numerator, denominator);
    }

    /** Running sums for the whole population and each age and gender stratum. */
    private static final class Strata {
        Figures total = Figures.ZERO;
        final Map<String, Figures> byAge = new LinkedHashMap<>();
        final Map<String, Figures> byGender = new LinkedHashMap<>();

        Strata() {
            IndicatorResult.AGE_STRATA.forEach(s -> byAge.put(s, Figures.ZERO));
            IndicatorResult.GENDER_STRATA.forEach(s -> byGender.put(s, Figures.ZERO));
        }

        void add(String age, String gender, Figures figures) {
            total = total.plus(figures);
            if (age != null) {
                byAge.merge(age, figures, Figures::plus);
            }
            byGender.merge(gender != null && byGender.containsKey(gender) ? gender : "unknown", figures, Figures::plus);
        }
    }
}
