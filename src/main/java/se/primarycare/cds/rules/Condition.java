package se.primarycare.cds.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One condition of a rule case, written in the rule file as an object with a {@code type}. Each is checked
 * by {@link ConditionEvaluator}; the field meanings are in {@code cds-services/README.md}.
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
    @JsonSubTypes.Type(value = Condition.NoCarePlanForEpisode.class, name = "no-care-plan-for-episode")
})
public sealed interface Condition {

    /**
     * The draft order's medication is in {@code medication}. Codes in {@code reasonRequired.codes} (clonazepam)
     * count only when the order's reason is in {@code reasonRequired.reason}, or it has no reason and the patient
     * has no diagnosis in {@code reasonRequired.unlessDiagnosis} (epilepsy).
     */
    record DraftOrderIs(CodeMatch medication, ReasonRequired reasonRequired) implements Condition {}

    record ReasonRequired(CodeMatch codes, CodeMatch reason, CodeMatch unlessDiagnosis) {}

    /**
     * The patient has a diagnosis in {@code diagnosis} that is active or recorded within {@code withinMonths};
     * or (when set) the draft's reason is such a code, or the draft has no reason at all.
     */
    record HasDiagnosis(CodeMatch diagnosis, Integer withinMonths, Boolean orDraftReason, Boolean orDraftWithoutReason)
            implements Condition {}

    /**
     * The draft starts a new prescription: no prescription or statement (active/completed) of the draft's group
     * started in the {@code days} before today. The group is the first of {@code groups} holding the draft.
     */
    record NewPrescription(java.util.List<CodeMatch> groups, int days) implements Condition {}

    /** The draft's total tablets exceed {@code limit}, or are unknown when {@code orUnknown}. */
    record DraftQuantityAbove(int limit, Boolean orUnknown) implements Condition {}

    /**
     * The patient currently uses a drug in {@code medication}: an active request, a completed one authored in the
     * last {@code completedWithinDays}, an active statement not yet ended, or another draft in the same call.
     */
    record CurrentUse(CodeMatch medication, int completedWithinDays) implements Condition {}

    /**
     * Continuous use of {@code medication} for at least {@code minDays}: covered intervals (prescriptions at
     * {@code dddPerDay} DDD a day, statements by their period) chained with gaps ≤ {@code maxGapDays}, reaching
     * to within {@code maxGapDays} of today.
     */
    record ContinuousUse(CodeMatch medication, double dddPerDay, int maxGapDays, int minDays) implements Condition {}

    /** The patient is younger than {@code years}. */
    record AgeBelow(int years) implements Condition {}

    /** The patient is listed at a unit. */
    record Listed() implements Condition {}

    /**
     * A current sick-leave episode (periods joined across gaps ≤ {@code joinGapDays}, covering today or ended ≤
     * {@code currentWithinDays} ago) longer than {@code longerThanDays}, with a period whose focus is in {@code
     * focus}.
     */
    record SickLeaveEpisode(CodeMatch focus, int longerThanDays, int joinGapDays, int currentWithinDays)
            implements Condition {}

    /** No completed procedure in {@code procedure} from {@code daysBeforeStart} before the episode until today. */
    record NoProcedureInEpisode(CodeMatch procedure, int daysBeforeStart) implements Condition {}

    /**
     * No CarePlan of {@code category} (status in {@code statuses}) created on or after the episode start minus
     * {@code daysBeforeStart}.
     */
    record NoCarePlanForEpisode(CodeMatch category, java.util.List<String> statuses, int daysBeforeStart)
            implements Condition {}
}
