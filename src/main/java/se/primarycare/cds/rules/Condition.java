package se.primarycare.cds.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.primarycare.cds.clinical.SickLeaveEpisodes;
import se.primarycare.cds.clinical.SickLeaveEpisodes.Episode;
import se.primarycare.cds.rules.Findings.Kind;
import se.primarycare.cds.terminology.ProductCatalogue;

/**
 * One condition of a rule case, written in the rule file as an object with a {@code type}; the field meanings
 * are in {@code cds-services/README.md} and follow the precise definitions of the contract (cds-rules.md).
 * Each condition judges the facts on its own and hands what it found to the next ones as new {@link Findings};
 * the two that need a sick-leave episode say so ({@link #needs()}) and the loader checks at start that a
 * {@code sick-leave-episode} comes before them, so the order of a rule file can never silently disable a rule.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Condition.DraftOrderIs.class, name = "draft-order"),
    @JsonSubTypes.Type(value = Condition.HasDiagnosis.class, name = "diagnosis"),
    @JsonSubTypes.Type(value = Condition.NewPrescription.class, name = "new-prescription"),
    @JsonSubTypes.Type(value = Condition.DraftQuantityAbove.class, name = "draft-quantity-above"),
    @JsonSubTypes.Type(value = Condition.CurrentUse.class, name = "current-use"),
    @JsonSubTypes.Type(value = Condition.ContinuousUse.class, name = "continuous-use"),
    @JsonSubTypes.Type(value = Condition.AgeBelow.class, name = "age-below"),
    @JsonSubTypes.Type(value = Condition.Listed.class, name = "listed"),
    @JsonSubTypes.Type(value = Condition.SickLeaveEpisode.class, name = "sick-leave-episode"),
    @JsonSubTypes.Type(value = Condition.NoProcedureInEpisode.class, name = "no-procedure-in-episode"),
    @JsonSubTypes.Type(value = Condition.NoCarePlanForEpisode.class, name = "no-care-plan-for-episode"),
    @JsonSubTypes.Type(value = Condition.EpisodeEndsWithin.class, name = "episode-ends-within"),
    @JsonSubTypes.Type(value = Condition.NoRecentAction.class, name = "no-recent-action"),
    @JsonSubTypes.Type(value = Condition.FollowUpDue.class, name = "follow-up-due")
})
public sealed interface Condition {

    /** Whether the condition holds; if so, the findings extended with what it found. */
    Optional<Findings> test(RuleContext context, Findings found);

    /** What must have been found by an earlier condition of the same case. */
    default Set<Kind> needs() {
        return Set.of();
    }

    /** What this condition finds for the ones after it. */
    default Set<Kind> gives() {
        return Set.of();
    }

    private static Optional<Findings> when(boolean holds, Findings found) {
        return holds ? Optional.of(found) : Optional.empty();
    }

    /** The draft order's medication is in {@code medication} (conditional members such as clonazepam applied). */
    record DraftOrderIs(CodeMatch medication) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            return c.draftIn(medication)
                    ? Optional.of(found.with("drug", c.drugName(c.draft().medication())))
                    : Optional.empty();
        }
    }

    /**
     * The patient has a counting diagnosis in {@code diagnosis} that is active or recorded within {@code
     * withinMonths}; or (when set) the draft's reason is such a code, or the draft has no reason at all.
     */
    record HasDiagnosis(CodeMatch diagnosis, Integer withinMonths, Boolean orDraftReason, Boolean orDraftWithoutReason)
            implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate since = withinMonths == null ? null : c.today().minusMonths(withinMonths);
            Optional<Diagnosis> recorded = c.facts().diagnoses().stream()
                    .filter(d -> c.terms().matches(diagnosis, d.codes()))
                    .filter(d -> d.activeOrRecordedSince(since))
                    .max(Comparator.comparing(Diagnosis::active)
                            .thenComparing(d -> d.recorded() == null ? LocalDate.MIN : d.recorded()));
            if (recorded.isPresent()) {
                return Optional.of(found.withDiagnosis(recorded.get())
                        .with("diagnosis", c.diagnosisName(recorded.get().codes())));
            }
            if (Boolean.TRUE.equals(orDraftReason) && c.draft() != null) {
                Reason reason = c.draft().reason();
                Optional<Diagnosis> referenced = reason.references().stream()
                        .flatMap(ref -> c.facts().diagnosis(ref).stream())
                        .filter(d -> c.terms().matches(diagnosis, d.codes()))
                        .findFirst();
                if (referenced.isPresent()) {
                    return Optional.of(found.withDiagnosis(referenced.get())
                            .with("diagnosis", c.diagnosisName(referenced.get().codes())));
                }
                Optional<Coded> code = reason.codes().stream()
                        .filter(rc -> c.terms().matches(diagnosis, rc))
                        .findFirst();
                if (code.isPresent()) {
                    return Optional.of(found.with("diagnosis", c.diagnosisName(List.of(code.get()))));
                }
            }
            boolean withoutReason = Boolean.TRUE.equals(orDraftWithoutReason)
                    && c.draft() != null
                    && !c.draft().reason().given();
            return when(withoutReason, found.with("diagnosis", ""));
        }
    }

    /**
     * The draft starts a new prescription (cds-rules.md v2, "New means not in use"): of the draft's group (the
     * first of {@code groups} holding it) there is no prescription or statement (active/completed) started in
     * the {@code days} before today, and none in use today, whatever its start.
     */
    record NewPrescription(List<CodeMatch> groups, int days) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            Optional<CodeMatch> group = groups.stream().filter(c::draftIn).findFirst();
            if (group.isEmpty()) {
                return Optional.empty();
            }
            LocalDate since = c.today().minusDays(days);
            boolean priorOrCurrent = c.facts().medications().stream()
                    .filter(MedicationUse::counts)
                    .filter(m -> c.useIn(group.get(), m))
                    .anyMatch(m -> m.currentOn(c.today(), 0)
                            || (m.start() != null
                                    && !m.start().isBefore(since)
                                    && m.start().isBefore(c.today())));
            return when(!priorOrCurrent, found);
        }
    }

    /** The draft's total tablets exceed {@code limit}, or are unknown when {@code orUnknown}. */
    record DraftQuantityAbove(int limit, Boolean orUnknown) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            if (c.draft() == null) {
                return Optional.empty();
            }
            BigDecimal total = c.draft().totalTablets();
            Findings withLimit = found.with("limit", Integer.toString(limit));
            if (total == null) {
                return when(Boolean.TRUE.equals(orUnknown), withLimit.with("tablets", "?"));
            }
            return when(
                    total.compareTo(BigDecimal.valueOf(limit)) > 0,
                    withLimit.with("tablets", total.stripTrailingZeros().toPlainString()));
        }
    }

    /**
     * The patient currently uses a drug in {@code medication}: an active request, a completed one authored in the
     * last {@code completedWithinDays}, an active statement not yet ended, or another draft in the same call.
     */
    record CurrentUse(CodeMatch medication, int completedWithinDays) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            Optional<List<Coded>> used = c.facts().medications().stream()
                    .filter(m -> m.currentOn(c.today(), completedWithinDays))
                    .filter(m -> c.useIn(medication, m))
                    .map(MedicationUse::codes)
                    .findFirst();
            if (used.isEmpty()) {
                used = c.facts().drafts().stream()
                        .filter(d ->
                                c.draft() == null || !d.id().equals(c.draft().id()))
                        .filter(d -> c.terms().medicationIn(medication, d.medication(), d.reason(), c.facts()))
                        .map(DraftOrder::medication)
                        .findFirst();
            }
            return used.map(m -> found.with("concurrent", c.drugName(m)));
        }
    }

    /**
     * Continuous use of {@code medication} for at least {@code minDays}: covered intervals (prescriptions at
     * {@code dddPerDay} DDD a day, statements by their period) chained with gaps ≤ {@code maxGapDays}, reaching
     * to within {@code maxGapDays} of today.
     */
    record ContinuousUse(CodeMatch medication, double dddPerDay, int maxGapDays, int minDays) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate today = c.today();
            List<se.primarycare.cds.clinical.ContinuousUse.Covered> covered = new ArrayList<>();
            for (MedicationUse m : c.facts().medications()) {
                if (!m.counts() || m.start() == null || !c.useIn(medication, m)) {
                    continue;
                }
                if (m.kind() == MedicationUse.Kind.STATEMENT) {
                    covered.add(new se.primarycare.cds.clinical.ContinuousUse.Covered(
                            m.start(), m.end() == null ? today : m.end()));
                } else {
                    coveredDays(m, c.terms().products())
                            .ifPresent(days -> covered.add(new se.primarycare.cds.clinical.ContinuousUse.Covered(
                                    m.start(), m.start().plusDays(days - 1))));
                }
            }
            return se.primarycare.cds.clinical.ContinuousUse.since(covered, today, maxGapDays, minDays)
                    .map(since -> found.with("days", Long.toString(ChronoUnit.DAYS.between(since, today))));
        }

        /** Days a prescription lasts at the given DDD per day (the contract's "covered days"). */
        private Optional<Long> coveredDays(MedicationUse m, ProductCatalogue products) {
            String productCode = m.codes().stream()
                    .filter(coded -> ProductCatalogue.SYSTEM.equals(coded.system()))
                    .map(Coded::code)
                    .findFirst()
                    .orElse(null);
            BigDecimal tablets = m.totalTablets();
            Optional<ProductCatalogue.Product> product = products.product(productCode);
            if (tablets == null || product.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(se.primarycare.cds.clinical.ContinuousUse.days(
                    tablets.multiply(product.get().strengthMg()), product.get().dddMg(), dddPerDay));
        }
    }

    /** The patient is younger than {@code years}. */
    record AgeBelow(int years) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            Integer age = c.facts().age();
            return when(age != null && age < years, found.with("age", String.valueOf(age)));
        }
    }

    /** The patient is listed at a unit. */
    record Listed() implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            return when(c.facts().listed(), found);
        }
    }

    /**
     * A current sick-leave episode (periods joined across gaps ≤ {@code joinGapDays}, covering today or ended ≤
     * {@code currentWithinDays} ago) longer than {@code longerThanDays} (planned days included), with a period
     * whose focus is a counting diagnosis in {@code focus}. Its texts say since when and until when.
     */
    record SickLeaveEpisode(CodeMatch focus, int longerThanDays, int joinGapDays, int currentWithinDays)
            implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate today = c.today();
            Optional<Episode<SickLeavePeriod>> current =
                    SickLeaveEpisodes.join(
                                    c.facts().sickLeave(), SickLeavePeriod::start, SickLeavePeriod::end, joinGapDays)
                            .stream()
                            .filter(ep -> !ep.start().isAfter(today)
                                    && !ep.end().isBefore(today.minusDays(currentWithinDays)))
                            .max(Comparator.comparing(Episode::start));
            if (current.isEmpty() || current.get().lengthDays() <= longerThanDays) {
                return Optional.empty();
            }
            Episode<SickLeavePeriod> episode = current.get();
            Optional<Diagnosis> diagnosis = episode.periods().stream()
                    .flatMap(p -> p.focus().stream())
                    .flatMap(ref -> c.facts().diagnosis(ref).stream())
                    .filter(d -> c.terms().matches(focus, d.codes()))
                    .findFirst();
            return diagnosis.map(d -> found.withEpisode(episode)
                    .withDiagnosis(d)
                    .with("diagnosis", c.diagnosisName(d.codes()))
                    .with("episodeStart", episode.start().toString())
                    .with("episodeEnd", episode.end().toString())
                    .with("episodeDaysSoFar", Long.toString(episode.daysUntil(today))));
        }

        @Override
        public Set<Kind> gives() {
            return Set.of(Kind.EPISODE, Kind.DIAGNOSIS);
        }
    }

    /** No completed procedure in {@code procedure} from {@code daysBeforeStart} before the episode until today. */
    record NoProcedureInEpisode(CodeMatch procedure, int daysBeforeStart) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate from = found.episode().start().minusDays(daysBeforeStart);
            boolean done = c.facts().procedures().stream()
                    .filter(p -> p.completedBetween(from, c.today()))
                    .anyMatch(p -> c.terms().matches(procedure, p.codes()));
            return when(!done, found);
        }

        @Override
        public Set<Kind> needs() {
            return Set.of(Kind.EPISODE);
        }
    }

    /**
     * No CarePlan of {@code category} (status in {@code statuses}) created on or after the episode start minus
     * {@code daysBeforeStart}.
     */
    record NoCarePlanForEpisode(CodeMatch category, List<String> statuses, int daysBeforeStart) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate from = found.episode().start().minusDays(daysBeforeStart);
            boolean made = c.facts().carePlans().stream()
                    .filter(p -> statuses.contains(p.status()))
                    .filter(p -> p.created() != null && !p.created().isBefore(from))
                    .anyMatch(p -> c.terms().matches(category, p.categories()));
            return when(!made, found);
        }

        @Override
        public Set<Kind> needs() {
            return Set.of(Kind.EPISODE);
        }
    }

    /** The episode's last certificate ends today or within the next {@code days} days. */
    record EpisodeEndsWithin(int days) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate end = found.episode().end();
            return when(!end.isBefore(c.today()) && !end.isAfter(c.today().plusDays(days)), found);
        }

        @Override
        public Set<Kind> needs() {
            return Set.of(Kind.EPISODE);
        }
    }

    /**
     * Nothing in {@code action} was done (a completed Procedure) or ordered (a ServiceRequest with a status in
     * {@code orderStatuses}) in the last {@code days} days, e.g. no medication review in 180 days.
     */
    record NoRecentAction(CodeMatch action, int days, List<String> orderStatuses) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate from = c.today().minusDays(days);
            boolean done = c.facts().procedures().stream()
                    .filter(p -> p.completedBetween(from, c.today()))
                    .anyMatch(p -> c.terms().matches(action, p.codes()));
            boolean ordered = c.facts().serviceRequests().stream()
                    .filter(s -> orderStatuses.contains(s.status()))
                    .filter(s -> s.authored() != null
                            && !s.authored().isBefore(from)
                            && !s.authored().isAfter(c.today()))
                    .anyMatch(s -> c.terms().matches(action, s.codes()));
            return when(!done && !ordered, found);
        }
    }

    /**
     * A procedure in {@code procedure} was done between {@code minDays} and {@code maxDays} days ago and no
     * {@code followUp} procedure has been done since (e.g. FaR issued 28–120 days ago, no FaR follow-up).
     */
    record FollowUpDue(CodeMatch procedure, CodeMatch followUp, int minDays, int maxDays) implements Condition {

        @Override
        public Optional<Findings> test(RuleContext c, Findings found) {
            LocalDate today = c.today();
            Optional<ProcedureDone> latest = c.facts().procedures().stream()
                    .filter(p -> p.completedBetween(today.minusDays(maxDays), today.minusDays(minDays)))
                    .filter(p -> c.terms().matches(procedure, p.codes()))
                    .max(Comparator.comparing(ProcedureDone::performed));
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            LocalDate given = latest.get().performed();
            boolean followedUp = c.facts().procedures().stream()
                    .filter(p -> p.completedBetween(given, today))
                    .anyMatch(p -> c.terms().matches(followUp, p.codes()));
            return when(
                    !followedUp,
                    found.with("procedureDate", given.toString())
                            .with("procedureDaysAgo", Long.toString(ChronoUnit.DAYS.between(given, today))));
        }
    }
}
