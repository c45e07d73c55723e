package se.primarycare.cds.measures.worklist;

/**
 * A column of a worklist (indicators.md v2, "Worklists"), with its Swedish and English heading and what an empty
 * cell means: an action not done ("saknas", it is work to do) or a value the data does not give ("okänt").
 */
public enum Column {
    DIAGNOSIS("diagnosis", "Diagnos", "Diagnosis", Empty.UNKNOWN),
    DIAGNOSIS_DATE("diagnosis-date", "Diagnosdatum", "Diagnosis date", Empty.UNKNOWN),
    DRUGS("drugs", "Läkemedel", "Drugs", Empty.UNKNOWN),
    GROUPS("groups", "Läkemedelsgrupp", "Drug group", Empty.UNKNOWN),
    LAST_PRESCRIPTION("last-prescription", "Senaste förskrivning", "Last prescription", Empty.UNKNOWN),
    DDD_PER_DAY("ddd-per-day", "DDD/dag (90 dagar)", "DDD/day (90 days)", Empty.UNKNOWN),
    CONTINUOUS_DAYS("continuous-days", "Dagar i följd", "Days in a row", Empty.UNKNOWN),
    MEDICATION_REVIEW("medication-review", "Läkemedelsgenomgång", "Medication review", Empty.MISSING),
    MEDICATION_PLAN("medication-plan", "Läkemedelsplan", "Medication plan", Empty.MISSING),
    TEAM_INTERVENTION("team-intervention", "Teaminsats", "Team intervention", Empty.MISSING),
    TEAM_INTERVENTION_DATE("team-intervention-date", "Teaminsats datum", "Team intervention date", Empty.MISSING),
    ACTIVE_TAPERING_PLAN("active-tapering-plan", "Aktiv nedtrappningsplan", "Active tapering plan", Empty.MISSING),
    EPISODE_START("episode-start", "Sjukskriven sedan", "On sick leave since", Empty.UNKNOWN),
    DAYS_SO_FAR("days-so-far", "Dagar hittills", "Days so far", Empty.UNKNOWN),
    CERTIFICATE_END("certificate-end", "Intyg till", "Certificate until", Empty.UNKNOWN),
    DAYS_LEFT("days-left", "Dagar kvar", "Days left", Empty.UNKNOWN),
    EXTENT("extent", "Omfattning %", "Extent %", Empty.UNKNOWN),
    REHAB_PLAN("rehab-plan", "Rehabiliteringsplan", "Rehabilitation plan", Empty.MISSING),
    ACTIVITY_OR_FAR("activity-or-far", "Fysisk aktivitet/FaR", "Physical activity/FaR", Empty.MISSING),
    UNDER_40("under-40", "Under 40 år", "Under 40", Empty.UNKNOWN);

    /** What an empty cell means. */
    public enum Empty {
        MISSING("saknas", "missing"),
        UNKNOWN("okänt", "unknown");

        private final String sv;
        private final String en;

        Empty(String sv, String en) {
            this.sv = sv;
            this.en = en;
        }

        public String text(boolean english) {
            return english ? en : sv;
        }
    }

    private final String key;
    private final String sv;
    private final String en;
    private final Empty empty;

    Column(String key, String sv, String en, Empty empty) {
        this.key = key;
        this.sv = sv;
        this.en = en;
        this.empty = empty;
    }

    public String key() {
        return key;
    }

    public String heading(boolean english) {
        return english ? en : sv;
    }

    public Empty empty() {
        return empty;
    }
}
