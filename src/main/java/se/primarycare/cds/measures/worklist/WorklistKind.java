package se.primarycare.cds.measures.worklist;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three worklists of indicators.md v2: who is on each, its columns in order. */
public enum WorklistKind {
    AN07(
            "an07",
            "Ångest och bensodiazepiner (Ån07)",
            "Anxiety and benzodiazepines (Ån07)",
            List.of(
                    Column.DIAGNOSIS,
                    Column.DIAGNOSIS_DATE,
                    Column.DRUGS,
                    Column.LAST_PRESCRIPTION,
                    Column.DDD_PER_DAY,
                    Column.MEDICATION_REVIEW,
                    Column.MEDICATION_PLAN,
                    Column.TEAM_INTERVENTION,
                    Column.TEAM_INTERVENTION_DATE)),
    TAPERING(
            "tapering",
            "Beroendeframkallande läkemedel, långvarig användning",
            "Dependence-inducing drugs, long-term use",
            List.of(
                    Column.GROUPS,
                    Column.DRUGS,
                    Column.DDD_PER_DAY,
                    Column.CONTINUOUS_DAYS,
                    Column.LAST_PRESCRIPTION,
                    Column.MEDICATION_REVIEW,
                    Column.ACTIVE_TAPERING_PLAN)),
    SICK_LEAVE(
            "sick-leave",
            "Sjukskrivningar (psykiatrisk diagnos)",
            "Sick leave (psychiatric diagnosis)",
            List.of(
                    Column.EPISODE_START,
                    Column.DAYS_SO_FAR,
                    Column.CERTIFICATE_END,
                    Column.DAYS_LEFT,
                    Column.EXTENT,
                    Column.DIAGNOSIS,
                    Column.REHAB_PLAN,
                    Column.ACTIVITY_OR_FAR,
                    Column.UNDER_40));

    private final String code;
    private final String titleSv;
    private final String titleEn;
    private final List<Column> columns;

    WorklistKind(String code, String titleSv, String titleEn, List<Column> columns) {
        this.code = code;
        this.titleSv = titleSv;
        this.titleEn = titleEn;
        this.columns = columns;
    }

    public String code() {
        return code;
    }

    public String title(boolean english) {
        return english ? titleEn : titleSv;
    }

    public List<Column> columns() {
        return columns;
    }

    public static Optional<WorklistKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
