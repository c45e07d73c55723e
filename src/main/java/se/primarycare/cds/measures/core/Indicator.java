package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.primarycare.cds.clinical.SickLeaveEpisodes.Episode;
import se.primarycare.cds.measures.core.IndicatorResult.Figures;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * An indicator of {@code indicators.md}: a closed set of kinds, each carrying its scoring (and so its population
 * codes), whether every listed patient is in its denominator, the parts it reports besides its main figures, and
 * its computation, written exactly as the definition reads. A Measure names its kind in the {@code indicator}
 * extension ({@code kind}, {@code code}, {@code limit}); {@link #of} turns that into one of these.
 */
public sealed interface Indicator {

    /** The kinds a Measure's {@code indicator} extension may name. */
    List<String> KINDS = List.of(
            An07.KIND,
            An07Actions.KIND,
            An09.KIND,
            Did.KIND,
            Sl28.KIND,
            Sl14.KIND,
            Activity.KIND,
            StarterPack.KIND,
            LongTermUse.KIND);

    /** The {@code kind} code of the Measure's {@code indicator} extension. */
    String kind();

    Scoring scoring();

    /**
     * DID and activity counts have every listed patient in the denominator (counted per stratum by the
     * database); the others only the patients their computation names.
     */
    default boolean wholePopulation() {
        return false;
    }

    /**
     * Codes of the parts reported besides the main figures, each over the same denominator (Ån07-åtgärder's
     * three actions); none for most indicators.
     */
    default List<String> parts() {
        return List.of();
    }

    /** The per-patient figures (and part memberships) of listed and unlisted patients alike; listing is applied after. */
    PerPatient compute(Evaluation in);

    /**
     * The indicator a Measure's extension describes.
     *
     * @param code the ATC group (did), the KVÅ code (activity) or the drug group (starter-pack)
     * @param limit the tablet limit (starter-pack)
     * @throws IllegalArgumentException naming what is unknown or missing
     */
    static Indicator of(String kind, String code, Integer limit) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is missing; one of " + KINDS);
        }
        return switch (kind) {
            case An07.KIND -> new An07();
            case An07Actions.KIND -> new An07Actions();
            case An09.KIND -> new An09();
            case Did.KIND -> new Did(required(kind, "code", code));
            case Sl28.KIND -> new Sl28();
            case Sl14.KIND -> new Sl14();
            case Activity.KIND -> new Activity(required(kind, "code", code));
            case StarterPack.KIND ->
                new StarterPack(
                        DrugGroup.of(required(kind, "code", code)),
                        Integer.parseInt(required(kind, "limit", limit == null ? null : limit.toString())));
            case LongTermUse.KIND -> new LongTermUse();
            default -> throw new IllegalArgumentException("kind '" + kind + "' is not one of " + KINDS);
        };
    }

    private static String required(String kind, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("kind '" + kind + "' needs a " + name);
        }
        return value;
    }

    /**
     * What an indicator computed: figures per patient, and per part (in {@link #parts()} order) the patients of
     * the denominator who meet it.
     */
    record PerPatient(Map<String, Figures> figures, Map<String, Set<String>> parts) {

        public PerPatient {
            parts = new LinkedHashMap<>(parts);
        }

        static PerPatient of(Map<String, Figures> figures) {
            return new PerPatient(figures, Map.of());
        }
    }

    /** Ån07: anxiety recorded in the 24 months ending periodEnd; numerator: a benzodiazepine prescribed in P. */
    record An07() implements Indicator {

        public static final String KIND = "an07";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.PROPORTION;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            Set<String> anxious = in.anxious(in.monthsEndingPeriodEnd(24), in.end);
            return PerPatient.of(Evaluation.proportion(anxious, treated(in)));
        }

        /** The numerator: the anxious patients prescribed a benzodiazepine in the period. */
        static Set<String> numerator(Evaluation in) {
            Set<String> both = new HashSet<>(in.anxious(in.monthsEndingPeriodEnd(24), in.end));
            both.retainAll(treated(in));
            return both;
        }

        private static Set<String> treated(Evaluation in) {
            return in.benzodiazepinePrescriptions(in.start, in.end).stream()
                    .map(PrescriptionRow::patientId)
                    .collect(Collectors.toSet());
        }
    }

    /**
     * Ån07-åtgärder (indicators.md v2, seed 000): of the Ån07 numerator, those with all three in the 12 months
     * ending periodEnd: a completed medication review Procedure, an active or completed medication-plan CarePlan,
     * and a team intervention (psychological treatment or FaR DV200: a completed Procedure, or an active or
     * completed ServiceRequest). Each of the three is reported as a part over the same denominator.
     */
    record An07Actions() implements Indicator {

        public static final String KIND = "an07-actions";
        public static final String MEDICATION_REVIEW = "medication-review";
        public static final String MEDICATION_PLAN = "medication-plan";
        public static final String TEAM_INTERVENTION = "team-intervention";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.PROPORTION;
        }

        @Override
        public List<String> parts() {
            return List.of(MEDICATION_REVIEW, MEDICATION_PLAN, TEAM_INTERVENTION);
        }

        @Override
        public PerPatient compute(Evaluation in) {
            Set<String> denominator = An07.numerator(in);
            LocalDate from = in.monthsEndingPeriodEnd(12);
            List<ProcedureRow> procedures = in.data.procedures(in.unit, in.end, from, in.end).stream()
                    .filter(p -> "completed".equals(p.status()) && p.code() != null)
                    .toList();
            Set<String> reviewed = procedures.stream()
                    .filter(p -> in.codes.medicationReview().test(p.code()))
                    .map(ProcedureRow::patientId)
                    .collect(Collectors.toSet());
            Set<String> planned = in.data.carePlans(in.unit, in.end, from, in.end).stream()
                    .filter(c -> c.medicationPlan() && c.counts())
                    .map(CarePlanRow::patientId)
                    .collect(Collectors.toSet());
            Set<String> team = procedures.stream()
                    .filter(p -> in.codes.teamIntervention().test(p.code()))
                    .map(ProcedureRow::patientId)
                    .collect(Collectors.toCollection(HashSet::new));
            in.data.serviceRequests(in.unit, in.end, from, in.end).stream()
                    .filter(r -> ("active".equals(r.status()) || "completed".equals(r.status()))
                            && r.code() != null
                            && in.codes.teamIntervention().test(r.code()))
                    .forEach(r -> team.add(r.patientId()));
            Map<String, Set<String>> parts = new LinkedHashMap<>();
            parts.put(MEDICATION_REVIEW, within(denominator, reviewed));
            parts.put(MEDICATION_PLAN, within(denominator, planned));
            parts.put(TEAM_INTERVENTION, within(denominator, team));
            Set<String> all = new HashSet<>(denominator);
            parts.values().forEach(all::retainAll);
            return new PerPatient(Evaluation.proportion(denominator, all), parts);
        }

        private static Set<String> within(Set<String> denominator, Set<String> met) {
            Set<String> both = new HashSet<>(met);
            both.retainAll(denominator);
            return both;
        }
    }

    /** Ån09: new anxiety diagnosis in P (none in the 12 months before); numerator: DU011 0–180 days after index. */
    record An09() implements Indicator {

        public static final String KIND = "an09";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.PROPORTION;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            Map<String, List<LocalDate>> anxietyDates = new HashMap<>();
            for (DiagnosisRow d : in.data.diagnoses(
                    in.unit,
                    in.end,
                    in.start.minusMonths(12),
                    in.end,
                    in.codes.hints().anxietyIcd())) {
                if (d.recorded() != null && in.codes.anxiety().test(d.code())) {
                    anxietyDates
                            .computeIfAbsent(d.patientId(), k -> new ArrayList<>())
                            .add(d.recorded());
                }
            }
            Map<String, LocalDate> index = new HashMap<>();
            anxietyDates.forEach((patient, dates) -> dates.stream()
                    .filter(d -> !d.isBefore(in.start) && !d.isAfter(in.end))
                    .filter(d -> dates.stream().noneMatch(o -> !o.isBefore(d.minusMonths(12)) && o.isBefore(d)))
                    .min(Comparator.naturalOrder())
                    .ifPresent(d -> index.put(patient, d)));
            Set<String> treated = new HashSet<>();
            for (ProcedureRow p : in.data.procedures(in.unit, in.end, in.start, in.end.plusDays(180))) {
                LocalDate at = index.get(p.patientId());
                if (at != null
                        && in.codes.kbt().test(p.code())
                        && "completed".equals(p.status())
                        && p.performed() != null) {
                    long days = ChronoUnit.DAYS.between(at, p.performed());
                    if (days >= 0 && days <= 180) {
                        treated.add(p.patientId());
                    }
                }
            }
            return PerPatient.of(Evaluation.proportion(index.keySet(), treated));
        }
    }

    /**
     * DDD per 1000 listed per day of an ATC group: Σ DDD of the group's prescriptions in P; the denominator is
     * every listed patient (× days / 1000 in the score). The group is the plain ATC prefix (no clonazepam rule).
     */
    record Did(String atcGroup) implements Indicator {

        public static final String KIND = "did";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.DDD_PER_1000_PER_DAY;
        }

        @Override
        public boolean wholePopulation() {
            return true;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            Map<String, Figures> perPatient = new HashMap<>();
            for (PrescriptionRow r : in.data.prescriptions(in.unit, in.end, in.start, in.end, List.of(atcGroup))) {
                if (!r.isPrescription() || r.atc() == null || !r.atc().startsWith(atcGroup)) {
                    continue;
                }
                Optional<BigDecimal> ddd = in.ddd(r);
                Figures contribution =
                        ddd.map(d -> new Figures(0, 1, d, 0)).orElse(new Figures(0, 0, BigDecimal.ZERO, 1));
                perPatient.merge(r.patientId(), contribution, Figures::plus);
            }
            return PerPatient.of(perPatient);
        }
    }

    /**
     * SL28: a psychiatric sick-leave episode longer than 28 days overlapping P; numerator: an active or completed
     * rehab-plan CarePlan created between episode start and start + 60 days.
     */
    record Sl28() implements Indicator {

        public static final String KIND = "sl28";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.PROPORTION;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            Map<String, List<Episode<SickLeaveRow>>> episodes = in.psychiatricEpisodes(28);
            Set<String> met = new HashSet<>();
            in.data.carePlans(in.unit, in.end, in.episodeHorizon(), in.end.plusDays(60)).stream()
                    .filter(c -> c.rehab() && c.counts() && c.created() != null)
                    .filter(c -> episodes.getOrDefault(c.patientId(), List.of()).stream()
                            .anyMatch(ep -> !c.created().isBefore(ep.start())
                                    && !c.created().isAfter(ep.start().plusDays(60))))
                    .forEach(c -> met.add(c.patientId()));
            return PerPatient.of(Evaluation.proportion(episodes.keySet(), met));
        }
    }

    /**
     * SL14: a psychiatric sick-leave episode longer than 14 days overlapping P; numerator: a completed activity or
     * FaR Procedure between episode start − 30 days and episode end + 30 days.
     */
    record Sl14() implements Indicator {

        public static final String KIND = "sl14";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.PROPORTION;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            Map<String, List<Episode<SickLeaveRow>>> episodes = in.psychiatricEpisodes(14);
            Set<String> met = new HashSet<>();
            in.data.procedures(in.unit, in.end, in.episodeHorizon().minusDays(30), in.end.plusDays(30)).stream()
                    .filter(p -> in.codes.activityOrFar().test(p.code())
                            && "completed".equals(p.status())
                            && p.performed() != null)
                    .filter(p -> episodes.getOrDefault(p.patientId(), List.of()).stream()
                            .anyMatch(ep -> !p.performed().isBefore(ep.start().minusDays(30))
                                    && !p.performed().isAfter(ep.end().plusDays(30))))
                    .forEach(p -> met.add(p.patientId()));
            return PerPatient.of(Evaluation.proportion(episodes.keySet(), met));
        }
    }

    /** Activity count: completed Procedures of one KVÅ code in P, of patients listed at the unit. */
    record Activity(String kva) implements Indicator {

        public static final String KIND = "activity";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.COUNT;
        }

        @Override
        public boolean wholePopulation() {
            return true;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            Map<String, Figures> perPatient = new HashMap<>();
            in.data.procedures(in.unit, in.end, in.start, in.end).stream()
                    .filter(p -> kva.equals(p.code()) && "completed".equals(p.status()))
                    .forEach(
                            p -> perPatient.merge(p.patientId(), new Figures(0, 1, BigDecimal.ZERO, 0), Figures::plus));
            return PerPatient.of(perPatient);
        }
    }

    /** The drug groups of the starter-pack indicators. */
    enum DrugGroup {
        BENZODIAZEPINES("benzodiazepines"),
        Z_DRUGS("z-drugs");

        private final String code;

        DrugGroup(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static DrugGroup of(String code) {
            return Arrays.stream(values())
                    .filter(g -> g.code.equals(code))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("starter-pack group '" + code
                            + "' is not one of "
                            + Arrays.stream(values()).map(DrugGroup::code).toList()));
        }

        List<PrescriptionRow> prescriptions(Evaluation in, LocalDate from, LocalDate to) {
            return this == BENZODIAZEPINES ? in.benzodiazepinePrescriptions(from, to) : in.zDrugPrescriptions(from, to);
        }
    }

    /**
     * Starter pack: new prescriptions of the group in P (none of the group in the 365 days before; two new ones on
     * the same day are both new); numerator: those totalling at most {@code limit} tablets with repeats.
     */
    record StarterPack(DrugGroup group, int limit) implements Indicator {

        public static final String KIND = "starter-pack";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.PROPORTION;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            List<PrescriptionRow> rows = group.prescriptions(in, in.start.minusDays(365), in.end);
            Map<String, List<LocalDate>> dates = new HashMap<>();
            rows.forEach(r ->
                    dates.computeIfAbsent(r.patientId(), k -> new ArrayList<>()).add(r.authored()));
            Map<String, Figures> perPatient = new HashMap<>();
            for (PrescriptionRow r : rows) {
                if (r.authored() == null
                        || r.authored().isBefore(in.start)
                        || r.authored().isAfter(in.end)) {
                    continue;
                }
                boolean isNew = dates.get(r.patientId()).stream()
                        .noneMatch(
                                d -> d != null && !d.isBefore(r.authored().minusDays(365)) && d.isBefore(r.authored()));
                if (isNew) {
                    BigDecimal total = r.totalTablets();
                    boolean within = total != null && total.compareTo(BigDecimal.valueOf(limit)) <= 0;
                    perPatient.merge(
                            r.patientId(),
                            new Figures(1, within ? 1 : 0, BigDecimal.ZERO, total == null ? 1 : 0),
                            Figures::plus);
                }
            }
            return PerPatient.of(perPatient);
        }
    }

    /**
     * Long-term use: a benzodiazepine or z-drug prescription in the 12 months ending periodEnd; numerator: summed
     * DDD of both groups over those months ≥ 0.5 × 365.
     */
    record LongTermUse() implements Indicator {

        public static final String KIND = "long-term-use";
        private static final BigDecimal THRESHOLD = BigDecimal.valueOf(0.5 * 365);

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Scoring scoring() {
            return Scoring.PROPORTION;
        }

        @Override
        public PerPatient compute(Evaluation in) {
            LocalDate from = in.monthsEndingPeriodEnd(12);
            List<PrescriptionRow> rows = new ArrayList<>(in.benzodiazepinePrescriptions(from, in.end));
            rows.addAll(in.zDrugPrescriptions(from, in.end));
            Map<String, BigDecimal> dddByPatient = new HashMap<>();
            for (PrescriptionRow r : rows) {
                dddByPatient.merge(r.patientId(), in.ddd(r).orElse(BigDecimal.ZERO), BigDecimal::add);
            }
            Set<String> longTerm = dddByPatient.entrySet().stream()
                    .filter(e -> e.getValue().compareTo(THRESHOLD) >= 0)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            return PerPatient.of(Evaluation.proportion(dddByPatient.keySet(), longTerm));
        }
    }
}
