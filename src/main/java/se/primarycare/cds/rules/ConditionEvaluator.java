package se.primarycare.cds.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.primarycare.cds.rules.Condition.AgeBelow;
import se.primarycare.cds.rules.Condition.ContinuousUse;
import se.primarycare.cds.rules.Condition.CurrentUse;
import se.primarycare.cds.rules.Condition.DraftOrderIs;
import se.primarycare.cds.rules.Condition.DraftQuantityAbove;
import se.primarycare.cds.rules.Condition.HasDiagnosis;
import se.primarycare.cds.rules.Condition.Listed;
import se.primarycare.cds.rules.Condition.NewPrescription;
import se.primarycare.cds.rules.Condition.NoCarePlanForEpisode;
import se.primarycare.cds.rules.Condition.NoProcedureInEpisode;
import se.primarycare.cds.rules.Condition.SickLeaveEpisode;
import se.primarycare.cds.terminology.ProductCatalogue;

/**
 * Checks one rule condition against the facts, following the precise definitions of cds-rules.md. Records what
 * it found (diagnosis, episode, figures) in the {@link Evaluation} for the card texts and suggestions.
 */
final class ConditionEvaluator {

    /** Prescriptions and statements that count as "a prescription of a group" (cds-rules.md). */
    private static final Set<String> COUNTING_STATUSES = Set.of("active", "completed");

    private final CodeMatcher codes;
    private final ProductCatalogue products;
    private final MedicationNames names;

    ConditionEvaluator(CodeMatcher codes, ProductCatalogue products, MedicationNames names) {
        this.codes = codes;
        this.products = products;
        this.names = names;
    }

    boolean holds(Condition condition, Evaluation e) {
        if (condition instanceof DraftOrderIs c) {
            return draftOrderIs(c, e);
        } else if (condition instanceof HasDiagnosis c) {
            return hasDiagnosis(c, e);
        } else if (condition instanceof NewPrescription c) {
            return newPrescription(c, e);
        } else if (condition instanceof DraftQuantityAbove c) {
            return draftQuantityAbove(c, e);
        } else if (condition instanceof CurrentUse c) {
            return currentUse(c, e);
        } else if (condition instanceof ContinuousUse c) {
            return continuousUse(c, e);
        } else if (condition instanceof AgeBelow c) {
            return ageBelow(c, e);
        } else if (condition instanceof Listed) {
            return e.facts.listed();
        } else if (condition instanceof SickLeaveEpisode c) {
            return sickLeaveEpisode(c, e);
        } else if (condition instanceof NoProcedureInEpisode c) {
            return noProcedureInEpisode(c, e);
        } else if (condition instanceof NoCarePlanForEpisode c) {
            return noCarePlanForEpisode(c, e);
        }
        throw new IllegalStateException("no evaluation for " + condition);
    }

    private boolean draftOrderIs(DraftOrderIs c, Evaluation e) {
        if (e.draft == null || !codes.matchesAny(c.medication(), e.draft.medication())) {
            return false;
        }
        Condition.ReasonRequired required = c.reasonRequired();
        if (required != null && codes.matchesAny(required.codes(), e.draft.medication())) {
            boolean reasonMatches = draftReasonIn(required.reason(), e);
            boolean noReasonNoExclusion = !e.draft.hasReason()
                    && e.facts.diagnoses().stream()
                            .noneMatch(d -> codes.matchesAny(required.unlessDiagnosis(), d.codes()));
            if (!reasonMatches && !noReasonNoExclusion) {
                return false;
            }
        }
        e.placeholders.put("drug", names.name(e.draft.medication(), e.language));
        return true;
    }

    private boolean hasDiagnosis(HasDiagnosis c, Evaluation e) {
        LocalDate since = c.withinMonths() == null ? null : e.facts.today().minusMonths(c.withinMonths());
        Optional<Diagnosis> found = e.facts.diagnoses().stream()
                .filter(d -> codes.matchesAny(c.diagnosis(), d.codes()))
                .filter(d -> d.active()
                        || (since != null
                                && d.recorded() != null
                                && !d.recorded().isBefore(since)))
                .max(Comparator.comparing((Diagnosis d) -> d.active())
                        .thenComparing(d -> d.recorded() == null ? LocalDate.MIN : d.recorded()));
        if (found.isEmpty() && Boolean.TRUE.equals(c.orDraftReason()) && e.draft != null) {
            found = e.draft.reasonReferences().stream()
                    .flatMap(ref -> e.facts.diagnoses().stream()
                            .filter(d -> d.reference().equals(ref)))
                    .filter(d -> codes.matchesAny(c.diagnosis(), d.codes()))
                    .findFirst();
            if (found.isEmpty()) {
                Optional<Coded> reasonCode = e.draft.reasonCodes().stream()
                        .filter(rc -> codes.matches(c.diagnosis(), rc))
                        .findFirst();
                if (reasonCode.isPresent()) {
                    e.placeholders.put("diagnosis", names.diagnosis(List.of(reasonCode.get()), e.language));
                    return true;
                }
            }
        }
        if (found.isPresent()) {
            e.diagnosis = found.get();
            e.placeholders.put("diagnosis", names.diagnosis(found.get().codes(), e.language));
            return true;
        }
        if (Boolean.TRUE.equals(c.orDraftWithoutReason()) && e.draft != null && !e.draft.hasReason()) {
            e.placeholders.put("diagnosis", "");
            return true;
        }
        return false;
    }

    private boolean draftReasonIn(CodeMatch reason, Evaluation e) {
        if (e.draft.reasonCodes().stream().anyMatch(rc -> codes.matches(reason, rc))) {
            return true;
        }
        return e.draft.reasonReferences().stream()
                .flatMap(ref ->
                        e.facts.diagnoses().stream().filter(d -> d.reference().equals(ref)))
                .anyMatch(d -> codes.matchesAny(reason, d.codes()));
    }

    private boolean newPrescription(NewPrescription c, Evaluation e) {
        if (e.draft == null) {
            return false;
        }
        Optional<CodeMatch> group = c.groups().stream()
                .filter(g -> codes.matchesAny(g, e.draft.medication()))
                .findFirst();
        if (group.isEmpty()) {
            return false;
        }
        LocalDate since = e.facts.today().minusDays(c.days());
        return e.facts.medications().stream()
                .filter(m -> COUNTING_STATUSES.contains(m.status()))
                .filter(m -> m.start() != null
                        && !m.start().isBefore(since)
                        && m.start().isBefore(e.facts.today()))
                .noneMatch(m -> codes.matchesAny(group.get(), m.codes()));
    }

    private boolean draftQuantityAbove(DraftQuantityAbove c, Evaluation e) {
        if (e.draft == null) {
            return false;
        }
        BigDecimal total = e.draft.totalTablets();
        e.placeholders.put("limit", Integer.toString(c.limit()));
        if (total == null) {
            e.placeholders.put("tablets", "?");
            return Boolean.TRUE.equals(c.orUnknown());
        }
        e.placeholders.put("tablets", total.stripTrailingZeros().toPlainString());
        return total.compareTo(BigDecimal.valueOf(c.limit())) > 0;
    }

    private boolean currentUse(CurrentUse c, Evaluation e) {
        LocalDate today = e.facts.today();
        Optional<List<Coded>> used = e.facts.medications().stream()
                .filter(m -> codes.matchesAny(c.medication(), m.codes()))
                .filter(m -> isCurrent(m, today, c.completedWithinDays()))
                .map(MedicationUse::codes)
                .findFirst();
        if (used.isEmpty()) {
            used = e.facts.drafts().stream()
                    .filter(d -> d != e.draft)
                    .map(DraftOrder::medication)
                    .filter(m -> codes.matchesAny(c.medication(), m))
                    .findFirst();
        }
        used.ifPresent(m -> e.placeholders.put("concurrent", names.name(m, e.language)));
        return used.isPresent();
    }

    private static boolean isCurrent(MedicationUse m, LocalDate today, int completedWithinDays) {
        if (m.kind() == MedicationUse.Kind.REQUEST) {
            return "active".equals(m.status())
                    || ("completed".equals(m.status())
                            && m.start() != null
                            && !m.start().isBefore(today.minusDays(completedWithinDays)));
        }
        return "active".equals(m.status()) && (m.end() == null || !m.end().isBefore(today));
    }

    private boolean continuousUse(ContinuousUse c, Evaluation e) {
        LocalDate today = e.facts.today();
        List<LocalDate[]> covered = new ArrayList<>();
        for (MedicationUse m : e.facts.medications()) {
            if (!COUNTING_STATUSES.contains(m.status())
                    || m.start() == null
                    || !codes.matchesAny(c.medication(), m.codes())) {
                continue;
            }
            if (m.kind() == MedicationUse.Kind.STATEMENT) {
                covered.add(new LocalDate[] {m.start(), m.end() == null ? today : m.end()});
            } else {
                coveredDays(m, c.dddPerDay())
                        .ifPresent(days -> covered.add(
                                new LocalDate[] {m.start(), m.start().plusDays(Math.max(1, days) - 1)}));
            }
        }
        covered.sort(Comparator.comparing(interval -> interval[0]));
        LocalDate chainStart = null;
        LocalDate chainEnd = null;
        for (LocalDate[] interval : covered) {
            if (chainEnd != null && ChronoUnit.DAYS.between(chainEnd, interval[0]) - 1 <= c.maxGapDays()) {
                chainEnd = interval[1].isAfter(chainEnd) ? interval[1] : chainEnd;
            } else {
                if (reaches(chainStart, chainEnd, today, c)) {
                    break;
                }
                chainStart = interval[0];
                chainEnd = interval[1];
            }
        }
        if (!reaches(chainStart, chainEnd, today, c)) {
            return false;
        }
        e.placeholders.put("days", Long.toString(ChronoUnit.DAYS.between(chainStart, today)));
        return true;
    }

    private static boolean reaches(LocalDate start, LocalDate end, LocalDate today, ContinuousUse c) {
        return start != null
                && !start.isAfter(today.minusDays(c.minDays()))
                && !end.isBefore(today.minusDays(c.maxGapDays()));
    }

    /** Days a prescription lasts at the given DDD per day: total mg / (dddPerDay × DDD mg). */
    private Optional<Long> coveredDays(MedicationUse m, double dddPerDay) {
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
        BigDecimal mg = tablets.multiply(product.get().strengthMg());
        BigDecimal perDay = product.get().dddMg().multiply(BigDecimal.valueOf(dddPerDay));
        return Optional.of(mg.divide(perDay, 0, RoundingMode.FLOOR).longValue());
    }

    private boolean ageBelow(AgeBelow c, Evaluation e) {
        Integer age = e.facts.age();
        if (age == null) {
            return false;
        }
        e.placeholders.put("age", Integer.toString(age));
        return age < c.years();
    }

    private boolean sickLeaveEpisode(SickLeaveEpisode c, Evaluation e) {
        LocalDate today = e.facts.today();
        Optional<SickLeaveEpisodes.Episode> current =
                SickLeaveEpisodes.join(e.facts.sickLeave(), c.joinGapDays()).stream()
                        .filter(ep -> !ep.start().isAfter(today)
                                && !ep.end().isBefore(today.minusDays(c.currentWithinDays())))
                        .max(Comparator.comparing(SickLeaveEpisodes.Episode::start));
        if (current.isEmpty() || current.get().lengthDays() <= c.longerThanDays()) {
            return false;
        }
        Optional<Diagnosis> focus = current.get().periods().stream()
                .flatMap(p -> p.focus().stream())
                .flatMap(ref ->
                        e.facts.diagnoses().stream().filter(d -> d.reference().equals(ref)))
                .filter(d -> codes.matchesAny(c.focus(), d.codes()))
                .findFirst();
        if (focus.isEmpty()) {
            return false;
        }
        e.episode = current.get();
        e.diagnosis = focus.get();
        e.placeholders.put("diagnosis", names.diagnosis(focus.get().codes(), e.language));
        e.placeholders.put("episodeDays", Long.toString(current.get().lengthDays()));
        e.placeholders.put("episodeStart", current.get().start().toString());
        return true;
    }

    private boolean noProcedureInEpisode(NoProcedureInEpisode c, Evaluation e) {
        if (e.episode == null) {
            return false;
        }
        LocalDate from = e.episode.start().minusDays(c.daysBeforeStart());
        return e.facts.procedures().stream()
                .filter(p -> "completed".equals(p.status()) && p.performed() != null)
                .filter(p -> !p.performed().isBefore(from) && !p.performed().isAfter(e.facts.today()))
                .noneMatch(p -> codes.matchesAny(c.procedure(), p.codes()));
    }

    private boolean noCarePlanForEpisode(NoCarePlanForEpisode c, Evaluation e) {
        if (e.episode == null) {
            return false;
        }
        LocalDate from = e.episode.start().minusDays(c.daysBeforeStart());
        return e.facts.carePlans().stream()
                .filter(p -> c.statuses().contains(p.status()))
                .filter(p -> p.created() != null && !p.created().isBefore(from))
                .noneMatch(p -> codes.matchesAny(c.category(), p.categories()));
    }
}
