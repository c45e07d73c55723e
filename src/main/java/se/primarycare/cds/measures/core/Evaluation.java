package se.primarycare.cds.measures.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.primarycare.cds.clinical.SickLeaveEpisodes;
import se.primarycare.cds.clinical.SickLeaveEpisodes.Episode;
import se.primarycare.cds.measures.core.IndicatorResult.Figures;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/**
 * One evaluation of an indicator: the data, the codes, the period [start, end] and the unit (null: all units),
 * with the definitions several indicators share (benzodiazepine, DDD, psychiatric sick-leave episode). Made by
 * {@link IndicatorCalculator}; an {@link Indicator} computes from it.
 */
public final class Evaluation {

    /**
     * Periods joined across at most this many uncovered days form one episode: the contract's value
     * (data-contract.md, "Sick leave"), the same for every indicator.
     */
    static final int EPISODE_GAP_DAYS = SickLeaveEpisodes.CONTRACT_GAP_DAYS;

    final MeasureDataPort data;
    final IndicatorVocabulary codes;
    final LocalDate start;
    final LocalDate end;
    final String unit;

    public Evaluation(MeasureDataPort data, IndicatorVocabulary codes, LocalDate start, LocalDate end, String unit) {
        this.data = data;
        this.codes = codes;
        this.start = start;
        this.end = end;
        this.unit = unit;
    }

    public LocalDate start() {
        return start;
    }

    public LocalDate end() {
        return end;
    }

    /** The unit (Organization id), or null for all units. */
    public String unit() {
        return unit;
    }

    /** The first day of the {@code months} months ending periodEnd (windows are inclusive). */
    LocalDate monthsEndingPeriodEnd(int months) {
        return end.minusMonths(months).plusDays(1);
    }

    /** Listed patients with an anxiety diagnosis recorded in [from, to]. */
    Set<String> anxious(LocalDate from, LocalDate to) {
        return data.diagnoses(unit, end, from, to, codes.hints().anxietyIcd()).stream()
                .filter(d -> codes.anxiety().test(d.code()))
                .map(DiagnosisRow::patientId)
                .collect(Collectors.toSet());
    }

    /**
     * Benzodiazepine prescriptions authored in [from, to] (indicators.md): ATC below N05BA; or clonazepam when its
     * reason (reasonCode or reasonReference) is an anxiety diagnosis and the patient has no epilepsy diagnosis, of
     * whatever date or status (version 2: clonazepam is an antiepileptic first).
     */
    public List<PrescriptionRow> benzodiazepinePrescriptions(LocalDate from, LocalDate to) {
        List<PrescriptionRow> rows =
                data.prescriptions(unit, to, from, to, codes.hints().benzodiazepineAtc());
        Set<String> anxietyConditions = new HashSet<>();
        Set<String> epileptic = new HashSet<>();
        if (rows.stream().anyMatch(r -> r.atc() != null && codes.clonazepam().test(r.atc()))) {
            data.diagnoses(unit, to, null, null, codes.hints().anxietyIcd()).stream()
                    .filter(d -> codes.anxiety().test(d.code()))
                    .forEach(d -> anxietyConditions.add(d.conditionId()));
            data.diagnoses(unit, to, null, null, codes.hints().epilepsyIcd()).stream()
                    .filter(d -> d.code() != null && codes.epilepsy().test(d.code()))
                    .forEach(d -> epileptic.add(d.patientId()));
        }
        return rows.stream()
                .filter(PrescriptionRow::isPrescription)
                .filter(r -> r.atc() != null)
                .filter(r -> codes.benzodiazepine().test(r.atc())
                        || (codes.clonazepam().test(r.atc())
                                && !epileptic.contains(r.patientId())
                                && (r.reasonCodes().stream().anyMatch(codes.anxiety())
                                        || r.reasonConditionIds().stream().anyMatch(anxietyConditions::contains))))
                .toList();
    }

    /** Z-drug prescriptions authored in [from, to]. */
    List<PrescriptionRow> zDrugPrescriptions(LocalDate from, LocalDate to) {
        return data.prescriptions(unit, to, from, to, codes.hints().zDrugAtc()).stream()
                .filter(r ->
                        r.isPrescription() && r.atc() != null && codes.zDrug().test(r.atc()))
                .toList();
    }

    Optional<BigDecimal> ddd(PrescriptionRow r) {
        return codes.ddd(r);
    }

    /**
     * Per patient, the psychiatric sick-leave episodes (any period's focus in the F chapter) longer than
     * {@code longerThan} days that overlap the period, from periods of the two years before it on.
     */
    Map<String, List<Episode<SickLeaveRow>>> psychiatricEpisodes(int longerThan) {
        List<SickLeaveRow> periods = data.sickLeave(unit, end, episodeHorizon(), end);
        Map<String, String> conditionCode = new HashMap<>();
        data.diagnoses(unit, end, null, null, codes.hints().psychiatricIcd())
                .forEach(d -> conditionCode.put(d.conditionId(), d.code()));
        Map<String, List<SickLeaveRow>> byPatient =
                periods.stream().collect(Collectors.groupingBy(SickLeaveRow::patientId));
        Map<String, List<Episode<SickLeaveRow>>> qualifying = new HashMap<>();
        byPatient.forEach((patient, rows) -> {
            for (Episode<SickLeaveRow> episode :
                    SickLeaveEpisodes.join(rows, SickLeaveRow::start, SickLeaveRow::end, EPISODE_GAP_DAYS)) {
                boolean psychiatric = episode.periods().stream()
                        .flatMap(r -> r.focusConditionIds().stream())
                        .map(conditionCode::get)
                        .anyMatch(code -> code != null && codes.psychiatric().test(code));
                if (psychiatric
                        && episode.lengthDays() > longerThan
                        && !episode.start().isAfter(end)
                        && !episode.end().isBefore(start)) {
                    qualifying
                            .computeIfAbsent(patient, k -> new java.util.ArrayList<>())
                            .add(episode);
                }
            }
        });
        return qualifying;
    }

    /** Sick-leave periods (and plans, activities) are read from two years before the period on. */
    LocalDate episodeHorizon() {
        return start.minusYears(2);
    }

    /** One patient per member of the denominator, in the numerator when also in {@code numerator}. */
    static Map<String, Figures> proportion(Set<String> denominator, Set<String> numerator) {
        Map<String, Figures> perPatient = new HashMap<>();
        for (String patient : denominator) {
            perPatient.put(patient, new Figures(1, numerator.contains(patient) ? 1 : 0, BigDecimal.ZERO, 0));
        }
        return perPatient;
    }
}
