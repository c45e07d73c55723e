package se.primarycare.cds.measures.worklist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import se.primarycare.cds.clinical.ContinuousUse;
import se.primarycare.cds.clinical.SickLeaveEpisodes;
import se.primarycare.cds.measures.core.Evaluation;
import se.primarycare.cds.measures.core.IndicatorVocabulary;
import se.primarycare.cds.measures.core.MeasureDataPort;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PatientIdentity;
import se.primarycare.cds.measures.core.MeasureFacts.PractitionerRow;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.ServiceRequestRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * The worklists of indicators.md v2, computed from the indicators' read model: who is on each list for a unit
 * and/or a PAL on a date, and the columns the teams work from. Pure: no FHIR, no SQL, no clock.
 */
public final class WorklistCalculator {

    /** Ån07's numerator: anxiety in the 24 months ending the date and a benzodiazepine in the 12 months. */
    private static final int ANXIETY_MONTHS = 24;

    private static final int PERIOD_MONTHS = 12;
    private static final int DDD_WINDOW_DAYS = 90;
    /** long-term-use (cds-rules.md): 0.5 DDD a day, gaps ≤ 30 days, ≥ 90 days, reaching to within 30 days. */
    private static final double REGULAR_DDD_PER_DAY = 0.5;

    private static final int MAX_GAP_DAYS = 30;
    private static final int MIN_DAYS = 90;
    /** A sick-leave episode is current when it covers the date or ended at most 7 days before (cds-rules.md). */
    private static final int CURRENT_WITHIN_DAYS = 7;

    private static final int YOUNG_ADULT_AGE = 40;
    /** A certificate ending within 14 days needs the follow-up planned (cds-rules.md v2, sick-leave-ending). */
    private static final int FOLLOW_UP_DAYS = 14;

    private final MeasureDataPort data;
    private final IndicatorVocabulary vocabulary;
    private final WorklistCodes codes;

    public WorklistCalculator(MeasureDataPort data, IndicatorVocabulary vocabulary, WorklistCodes codes) {
        this.data = data;
        this.vocabulary = vocabulary;
        this.codes = codes;
    }

    /**
     * @param unit the unit (Organization id); null = every unit
     * @param pal the PAL (Practitioner id), {@link Worklist#NO_PAL}, or null for every patient
     */
    public Worklist compute(WorklistKind kind, String unit, String pal, LocalDate date) {
        // a PAL's list without a unit reads only the PAL's unit (the same lines, a fraction of the facts)
        String scope = unit;
        if (scope == null && pal != null && !Worklist.NO_PAL.equals(pal)) {
            List<String> units = data.unitsOfRegularDoctor(pal);
            scope = units.size() == 1 ? units.get(0) : null;
        }
        Map<String, Map<Column, Object>> rows =
                switch (kind) {
                    case AN07 -> an07(scope, date);
                    case TAPERING -> tapering(scope, date);
                    case SICK_LEAVE -> sickLeave(scope, date);
                };
        Worklist list = assemble(kind, scope, pal, date, rows);
        return new Worklist(kind, date, unit, pal, list.lines(), list.perPal());
    }

    private Map<String, Map<Column, Object>> an07(String unit, LocalDate date) {
        LocalDate periodStart = date.minusMonths(PERIOD_MONTHS).plusDays(1);
        Map<String, DiagnosisRow> anxiety = latestPerPatient(
                data.diagnoses(
                        unit,
                        date,
                        date.minusMonths(ANXIETY_MONTHS).plusDays(1),
                        date,
                        vocabulary.hints().anxietyIcd()),
                d -> vocabulary.anxiety().test(d.code()),
                DiagnosisRow::patientId,
                DiagnosisRow::recorded);
        Map<String, List<PrescriptionRow>> benzodiazepines = benzodiazepines(unit, periodStart, date).stream()
                .filter(r -> anxiety.containsKey(r.patientId()))
                .collect(Collectors.groupingBy(PrescriptionRow::patientId));
        Actions actions = actions(unit, periodStart, date);
        Map<String, Map<Column, Object>> rows = new HashMap<>();
        benzodiazepines.forEach((patient, prescriptions) -> {
            Map<Column, Object> row = new EnumMap<>(Column.class);
            DiagnosisRow diagnosis = anxiety.get(patient);
            row.put(Column.DIAGNOSIS, diagnosis.code());
            put(row, Column.DIAGNOSIS_DATE, diagnosis.recorded());
            row.put(Column.DRUGS, substances(prescriptions));
            put(row, Column.LAST_PRESCRIPTION, lastAuthored(prescriptions));
            put(row, Column.DDD_PER_DAY, dddPerDay(prescriptions, date));
            put(row, Column.MEDICATION_REVIEW, actions.review(patient));
            put(row, Column.MEDICATION_PLAN, actions.plan(patient));
            actions.team(patient).ifPresent(team -> {
                row.put(Column.TEAM_INTERVENTION, team.what());
                put(row, Column.TEAM_INTERVENTION_DATE, team.date());
            });
            rows.put(patient, row);
        });
        return rows;
    }

    /** Benzodiazepine prescriptions as Ån07 counts them (the indicators' one definition, clonazepam rule included). */
    private List<PrescriptionRow> benzodiazepines(String unit, LocalDate from, LocalDate to) {
        return new Evaluation(data, vocabulary, from, to, unit).benzodiazepinePrescriptions(from, to);
    }

    private Map<String, Map<Column, Object>> tapering(String unit, LocalDate date) {
        List<PrescriptionRow> all = data.prescriptions(unit, date, date.minusYears(2), date, codes.atcHints()).stream()
                .filter(PrescriptionRow::isPrescription)
                .filter(r -> r.atc() != null && r.authored() != null && codes.groupOf(r.atc()) != null)
                .toList();
        // clonazepam counts as a benzodiazepine only as the indicators count it (anxiety reason, never with G40)
        Set<String> countingClonazepam =
                all.stream().anyMatch(r -> vocabulary.clonazepam().test(r.atc()))
                        ? benzodiazepines(unit, date.minusYears(2), date).stream()
                                .map(PrescriptionRow::id)
                                .collect(Collectors.toSet())
                        : Set.of();
        List<PrescriptionRow> counted = all.stream()
                .filter(r -> !vocabulary.clonazepam().test(r.atc()) || countingClonazepam.contains(r.id()))
                .toList();
        Map<String, List<PrescriptionRow>> byPatient =
                counted.stream().collect(Collectors.groupingBy(PrescriptionRow::patientId));
        Map<String, LocalDate> lastReview = new HashMap<>();
        data.procedures(unit, date, date.minusYears(5), date).stream()
                .filter(p -> "completed".equals(p.status()) && p.performed() != null)
                .filter(p -> vocabulary.medicationReview().test(p.code()))
                .forEach(p -> lastReview.merge(p.patientId(), p.performed(), WorklistCalculator::later));
        Set<String> activePlan = data.carePlans(unit, date, null, date).stream()
                .filter(c -> c.medicationPlan() && "active".equals(c.status()))
                .map(CarePlanRow::patientId)
                .collect(Collectors.toSet());
        Map<String, Map<Column, Object>> rows = new HashMap<>();
        byPatient.forEach((patient, prescriptions) -> {
            Map<String, List<PrescriptionRow>> byGroup = new LinkedHashMap<>();
            codes.dependenceGroups().keySet().forEach(g -> byGroup.put(g, new ArrayList<>()));
            prescriptions.forEach(r -> byGroup.get(codes.groupOf(r.atc())).add(r));
            List<String> groups = new ArrayList<>();
            List<PrescriptionRow> inUse = new ArrayList<>();
            long longest = 0;
            for (Map.Entry<String, List<PrescriptionRow>> group : byGroup.entrySet()) {
                Optional<LocalDate> since =
                        ContinuousUse.since(covered(group.getValue()), date, MAX_GAP_DAYS, MIN_DAYS);
                if (since.isPresent()) {
                    groups.add(group.getKey());
                    inUse.addAll(group.getValue());
                    longest = Math.max(longest, ChronoUnit.DAYS.between(since.get(), date));
                }
            }
            if (groups.isEmpty()) {
                return;
            }
            Map<Column, Object> row = new EnumMap<>(Column.class);
            row.put(Column.GROUPS, String.join(", ", groups));
            row.put(Column.DRUGS, substances(inUse));
            put(row, Column.DDD_PER_DAY, dddPerDay(prescriptions, date));
            row.put(Column.CONTINUOUS_DAYS, (int) longest);
            put(row, Column.LAST_PRESCRIPTION, lastAuthored(inUse));
            put(row, Column.MEDICATION_REVIEW, lastReview.get(patient));
            if (activePlan.contains(patient)) {
                row.put(Column.ACTIVE_TAPERING_PLAN, Boolean.TRUE);
            }
            rows.put(patient, row);
        });
        return rows;
    }

    private List<ContinuousUse.Covered> covered(List<PrescriptionRow> prescriptions) {
        List<ContinuousUse.Covered> covered = new ArrayList<>();
        for (PrescriptionRow r : prescriptions) {
            BigDecimal tablets = r.totalTablets();
            Optional<IndicatorVocabulary.ProductDose> dose = r.product() == null
                    ? Optional.empty()
                    : vocabulary.product().apply(r.product());
            if (tablets != null && dose.isPresent()) {
                long days = ContinuousUse.days(
                        tablets.multiply(dose.get().strengthMg()), dose.get().dddMg(), REGULAR_DDD_PER_DAY);
                covered.add(new ContinuousUse.Covered(r.authored(), r.authored().plusDays(days - 1)));
            }
        }
        return covered;
    }

    private Map<String, Map<Column, Object>> sickLeave(String unit, LocalDate date) {
        List<SickLeaveRow> periods = data.sickLeave(unit, date, date.minusYears(2), date.plusYears(1));
        Map<String, String> conditionCode = new HashMap<>();
        data.diagnoses(unit, date, null, null, vocabulary.hints().psychiatricIcd()).stream()
                .filter(d -> vocabulary.psychiatric().test(d.code()))
                .forEach(d -> conditionCode.put(d.conditionId(), d.code()));
        Map<String, Current> current = new HashMap<>();
        periods.stream()
                .collect(Collectors.groupingBy(SickLeaveRow::patientId))
                .forEach(
                        (patient, rows) -> SickLeaveEpisodes.join(
                                        rows,
                                        SickLeaveRow::start,
                                        SickLeaveRow::end,
                                        SickLeaveEpisodes.CONTRACT_GAP_DAYS)
                                .stream()
                                .filter(e -> !e.start().isAfter(date)
                                        && !e.end().isBefore(date.minusDays(CURRENT_WITHIN_DAYS)))
                                .filter(e -> e.periods().stream()
                                        .flatMap(p -> p.focusConditionIds().stream())
                                        .anyMatch(conditionCode::containsKey))
                                .max(Comparator.comparing(SickLeaveEpisodes.Episode::start))
                                .ifPresent(e -> current.put(
                                        patient,
                                        new Current(
                                                e,
                                                e.periods().stream()
                                                        .flatMap(p -> p.focusConditionIds().stream())
                                                        .map(conditionCode::get)
                                                        .filter(Objects::nonNull)
                                                        .findFirst()
                                                        .orElse(null)))));
        LocalDate earliest = current.values().stream()
                .map(c -> c.episode().start().minusDays(30))
                .min(Comparator.naturalOrder())
                .orElse(date);
        Map<String, LocalDate> rehab = new HashMap<>();
        data.carePlans(unit, date, earliest, date).stream()
                .filter(c -> c.rehab() && c.counts() && c.created() != null)
                .filter(c -> current.containsKey(c.patientId())
                        && !c.created()
                                .isBefore(current.get(c.patientId())
                                        .episode()
                                        .start()
                                        .minusDays(30)))
                .forEach(c -> rehab.merge(c.patientId(), c.created(), WorklistCalculator::later));
        Map<String, ProcedureRow> activity = new HashMap<>();
        data.procedures(unit, date, earliest, date).stream()
                .filter(p -> "completed".equals(p.status()) && p.performed() != null)
                .filter(p -> vocabulary.activityOrFar().test(p.code()))
                .filter(p -> current.containsKey(p.patientId())
                        && !p.performed()
                                .isBefore(current.get(p.patientId())
                                        .episode()
                                        .start()
                                        .minusDays(30)))
                .forEach(p ->
                        activity.merge(p.patientId(), p, (a, b) -> a.performed().isAfter(b.performed()) ? a : b));
        Map<String, Map<Column, Object>> rows = new HashMap<>();
        current.forEach((patient, c) -> {
            Map<Column, Object> row = new EnumMap<>(Column.class);
            row.put(Column.EPISODE_START, c.episode().start());
            row.put(Column.DAYS_SO_FAR, (int) c.episode().daysUntil(date));
            row.put(Column.CERTIFICATE_END, c.episode().end());
            row.put(Column.DAYS_LEFT, (int)
                    Math.max(0, ChronoUnit.DAYS.between(date, c.episode().end())));
            put(row, Column.EXTENT, c.extentOn(date));
            put(row, Column.DIAGNOSIS, c.diagnosis());
            put(row, Column.REHAB_PLAN, rehab.get(patient));
            ProcedureRow done = activity.get(patient);
            if (done != null) {
                row.put(Column.ACTIVITY_OR_FAR, done.code() + " " + done.performed());
            }
            rows.put(patient, row);
        });
        return rows;
    }

    private record Current(SickLeaveEpisodes.Episode<SickLeaveRow> episode, String diagnosis) {

        /** The extent of the certificate covering the date, else of the last one. */
        BigDecimal extentOn(LocalDate date) {
            List<SickLeaveRow> rows = episode.periods();
            return rows.stream()
                    .filter(r -> !r.start().isAfter(date) && !r.end().isBefore(date))
                    .map(SickLeaveRow::extent)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElseGet(() -> rows.stream()
                            .max(Comparator.comparing(SickLeaveRow::end))
                            .map(SickLeaveRow::extent)
                            .orElse(null));
        }
    }

    /** What was done for the patients in a period: review, plan and team intervention (Ån07-åtgärder). */
    private Actions actions(String unit, LocalDate from, LocalDate to) {
        Map<String, LocalDate> review = new HashMap<>();
        Map<String, Team> team = new HashMap<>();
        for (ProcedureRow p : data.procedures(unit, to, from, to)) {
            if (!"completed".equals(p.status()) || p.performed() == null) {
                continue;
            }
            if (vocabulary.medicationReview().test(p.code())) {
                review.merge(p.patientId(), p.performed(), WorklistCalculator::later);
            }
            if (vocabulary.teamIntervention().test(p.code())) {
                team.merge(p.patientId(), new Team(p.code(), p.performed()), Team::later);
            }
        }
        for (ServiceRequestRow s : data.serviceRequests(unit, to, from, to)) {
            if (s.authored() != null
                    && ("active".equals(s.status()) || "completed".equals(s.status()))
                    && vocabulary.teamIntervention().test(s.code())) {
                team.merge(s.patientId(), new Team(s.code() + " (remiss)", s.authored()), Team::later);
            }
        }
        Map<String, LocalDate> plan = new HashMap<>();
        data.carePlans(unit, to, from, to).stream()
                .filter(c -> c.medicationPlan() && c.counts() && c.created() != null)
                .forEach(c -> plan.merge(c.patientId(), c.created(), WorklistCalculator::later));
        return new Actions(review, plan, team);
    }

    private record Team(String what, LocalDate date) {
        static Team later(Team a, Team b) {
            return a.date().isBefore(b.date()) ? b : a;
        }
    }

    private record Actions(Map<String, LocalDate> reviews, Map<String, LocalDate> plans, Map<String, Team> teams) {
        LocalDate review(String patient) {
            return reviews.get(patient);
        }

        LocalDate plan(String patient) {
            return plans.get(patient);
        }

        Optional<Team> team(String patient) {
            return Optional.ofNullable(teams.get(patient));
        }
    }

    /** The lines for the patients listed at the unit (and PAL), with who they are and the order of the list. */
    private Worklist assemble(
            WorklistKind kind, String unit, String pal, LocalDate date, Map<String, Map<Column, Object>> rows) {
        List<ListedPatient> listed = data.listedAmong(unit, date, rows.keySet()).stream()
                .filter(p -> pal == null || (Worklist.NO_PAL.equals(pal) ? p.pal() == null : pal.equals(p.pal())))
                .toList();
        Map<String, PatientIdentity> identities = new HashMap<>();
        data.identities(listed.stream().map(ListedPatient::id).toList()).forEach(i -> identities.put(i.id(), i));
        Map<String, String> palNames = new HashMap<>();
        data.regularDoctors(unit, date).forEach(d -> palNames.put(d.id(), palName(d)));
        List<Worklist.Line> lines = new ArrayList<>();
        for (ListedPatient patient : listed) {
            Map<Column, Object> row = rows.get(patient.id());
            PatientIdentity identity = identities.get(patient.id());
            Integer age = patient.birthDate() == null
                    ? null
                    : Period.between(patient.birthDate(), date).getYears();
            if (kind == WorklistKind.SICK_LEAVE && age != null) {
                row.put(Column.UNDER_40, age < YOUNG_ADULT_AGE);
            }
            lines.add(new Worklist.Line(
                    patient.id(),
                    identity == null ? null : identity.personnummer(),
                    identity == null ? null : identity.name(),
                    age,
                    patient.pal(),
                    patient.pal() == null ? null : palNames.getOrDefault(patient.pal(), patient.pal()),
                    row,
                    openActions(kind, row, date)));
        }
        lines.sort(order(kind));
        return new Worklist(kind, date, unit, pal, lines, perPal(lines));
    }

    /** Work still to do on a line: the actions the list exists for that are missing. */
    private static int openActions(WorklistKind kind, Map<Column, Object> row, LocalDate date) {
        return switch (kind) {
            case AN07 ->
                missing(row, Column.MEDICATION_REVIEW)
                        + missing(row, Column.MEDICATION_PLAN)
                        + missing(row, Column.TEAM_INTERVENTION);
            case TAPERING ->
                (row.get(Column.MEDICATION_REVIEW) instanceof LocalDate review
                                        && !review.isBefore(date.minusMonths(PERIOD_MONTHS))
                                ? 0
                                : 1)
                        + missing(row, Column.ACTIVE_TAPERING_PLAN);
            case SICK_LEAVE ->
                missing(row, Column.REHAB_PLAN)
                        + (Boolean.TRUE.equals(row.get(Column.UNDER_40)) ? missing(row, Column.ACTIVITY_OR_FAR) : 0)
                        + (row.get(Column.DAYS_LEFT) instanceof Integer left && left <= FOLLOW_UP_DAYS ? 1 : 0);
        };
    }

    private static int missing(Map<Column, Object> row, Column column) {
        return row.get(column) == null ? 1 : 0;
    }

    private static Comparator<Worklist.Line> order(WorklistKind kind) {
        Comparator<Worklist.Line> byDdd = Comparator.comparing(
                (Worklist.Line l) -> (BigDecimal) l.value(Column.DDD_PER_DAY),
                Comparator.nullsLast(Comparator.reverseOrder()));
        Comparator<Worklist.Line> order =
                switch (kind) {
                    case AN07 ->
                        Comparator.comparing(Worklist.Line::openActions)
                                .reversed()
                                .thenComparing(byDdd);
                    case TAPERING -> byDdd;
                    case SICK_LEAVE ->
                        Comparator.comparing((Worklist.Line l) -> (LocalDate) l.value(Column.CERTIFICATE_END));
                };
        return order.thenComparing(Worklist.Line::patientId);
    }

    private static List<Worklist.PalCount> perPal(List<Worklist.Line> lines) {
        Map<String, List<Worklist.Line>> byPal = new LinkedHashMap<>();
        lines.stream()
                .sorted(Comparator.comparing((Worklist.Line l) -> l.palName() == null ? "\uffff" : l.palName()))
                .forEach(l -> byPal.computeIfAbsent(Objects.toString(l.palId(), ""), k -> new ArrayList<>())
                        .add(l));
        List<Worklist.PalCount> counts = new ArrayList<>();
        byPal.forEach((id, palLines) -> counts.add(new Worklist.PalCount(
                id.isEmpty() ? null : id,
                palLines.get(0).palName(),
                palLines.size(),
                palLines.stream().mapToInt(Worklist.Line::openActions).sum(),
                (int) palLines.stream()
                        .filter(l -> Boolean.TRUE.equals(l.value(Column.ACTIVE_TAPERING_PLAN)))
                        .count())));
        return counts;
    }

    private static String palName(PractitionerRow doctor) {
        return doctor.name() == null ? doctor.id() : doctor.name();
    }

    /** Σ DDD of the prescriptions written in the 90 days up to the date, per day; null when none has a dose. */
    private BigDecimal dddPerDay(Collection<PrescriptionRow> prescriptions, LocalDate date) {
        LocalDate from = date.minusDays(DDD_WINDOW_DAYS - 1L);
        List<PrescriptionRow> recent = prescriptions.stream()
                .filter(r -> r.authored() != null
                        && !r.authored().isBefore(from)
                        && !r.authored().isAfter(date))
                .toList();
        BigDecimal sum = BigDecimal.ZERO;
        boolean known = recent.isEmpty();
        for (PrescriptionRow r : recent) {
            Optional<BigDecimal> ddd = vocabulary.ddd(r);
            if (ddd.isPresent()) {
                sum = sum.add(ddd.get());
                known = true;
            }
        }
        return known ? sum.divide(BigDecimal.valueOf(DDD_WINDOW_DAYS), 2, RoundingMode.HALF_UP) : null;
    }

    private String substances(Collection<PrescriptionRow> prescriptions) {
        return prescriptions.stream()
                .map(PrescriptionRow::atc)
                .filter(Objects::nonNull)
                .map(codes.atcName())
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(", "));
    }

    private static LocalDate lastAuthored(Collection<PrescriptionRow> prescriptions) {
        return prescriptions.stream()
                .map(PrescriptionRow::authored)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    private static <T> Map<String, T> latestPerPatient(
            List<T> rows,
            java.util.function.Predicate<T> keep,
            java.util.function.Function<T, String> patient,
            java.util.function.Function<T, LocalDate> date) {
        Map<String, T> latest = new HashMap<>();
        for (T row : rows) {
            if (keep.test(row)) {
                latest.merge(patient.apply(row), row, (a, b) -> {
                    LocalDate da = date.apply(a);
                    LocalDate db = date.apply(b);
                    return da == null || (db != null && db.isAfter(da)) ? b : a;
                });
            }
        }
        return latest;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static void put(Map<Column, Object> row, Column column, Object value) {
        if (value != null) {
            row.put(column, value);
        }
    }
}
