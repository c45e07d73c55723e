package se.primarycare.cds.measures;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The quality indicators' read model: one narrow table per kind of fact, kept in step with the FHIR store by
 * {@link MeasureFactsProjector} in the same database transaction as each write. Indicators are then a few indexed
 * SQL queries instead of parsing every stored resource (which is what makes CQL evaluation slow at region scale).
 */
public final class MeasureFactsTables {

    /** Bumped whenever a table or the projection changes: the rows are then rebuilt from the FHIR store at start. */
    public static final int VERSION =
            3; // 2: dateTimes as Swedish days; 3: PAL, CarePlan category, ServiceRequest, Practitioner

    private final JdbcTemplate jdbc;

    public MeasureFactsTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void create() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_meta (name VARCHAR(50) PRIMARY KEY, val INTEGER NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_patient (res_id VARCHAR(64) PRIMARY KEY, birth_date DATE, "
                + "gender VARCHAR(16), org_id VARCHAR(64), active BOOLEAN NOT NULL, gp_id VARCHAR(64))");
        jdbc.execute("ALTER TABLE pcm_patient ADD COLUMN IF NOT EXISTS gp_id VARCHAR(64)");
        jdbc.execute("ALTER TABLE pcm_patient ADD COLUMN IF NOT EXISTS pnr VARCHAR(20)");
        jdbc.execute("ALTER TABLE pcm_patient ADD COLUMN IF NOT EXISTS name VARCHAR(200)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_diagnosis (res_id VARCHAR(64) NOT NULL, patient_id VARCHAR(64) "
                + "NOT NULL, code VARCHAR(40) NOT NULL, recorded DATE)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_prescription (res_id VARCHAR(64) PRIMARY KEY, patient_id "
                + "VARCHAR(64) NOT NULL, status VARCHAR(20), intent VARCHAR(20), authored DATE, atc VARCHAR(16), "
                + "product VARCHAR(100), quantity DECIMAL(12,2), repeats INTEGER NOT NULL, reason_codes VARCHAR(400), "
                + "reason_refs VARCHAR(400))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_procedure (res_id VARCHAR(64) NOT NULL, patient_id VARCHAR(64) "
                + "NOT NULL, code VARCHAR(20) NOT NULL, status VARCHAR(20), performed DATE)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_sick_leave (res_id VARCHAR(64) PRIMARY KEY, patient_id "
                + "VARCHAR(64) NOT NULL, start_date DATE NOT NULL, end_date DATE NOT NULL, focus_ids VARCHAR(400), "
                + "extent DECIMAL(5,1))");
        jdbc.execute("ALTER TABLE pcm_sick_leave ADD COLUMN IF NOT EXISTS extent DECIMAL(5,1)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_care_plan (res_id VARCHAR(64) PRIMARY KEY, patient_id "
                + "VARCHAR(64) NOT NULL, status VARCHAR(20), created DATE, category VARCHAR(40))");
        jdbc.execute("ALTER TABLE pcm_care_plan ADD COLUMN IF NOT EXISTS category VARCHAR(40)");
        jdbc.execute("ALTER TABLE pcm_care_plan DROP COLUMN IF EXISTS rehab");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_service_request (res_id VARCHAR(64) NOT NULL, patient_id "
                + "VARCHAR(64) NOT NULL, code VARCHAR(20) NOT NULL, status VARCHAR(20), authored DATE)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pcm_practitioner (res_id VARCHAR(64) PRIMARY KEY, hsa_id "
                + "VARCHAR(64), name VARCHAR(200))");
        for (String index : new String[] {
            "pcm_patient_org ON pcm_patient (org_id)",
            "pcm_diagnosis_patient ON pcm_diagnosis (patient_id)",
            "pcm_diagnosis_res ON pcm_diagnosis (res_id)",
            "pcm_diagnosis_code ON pcm_diagnosis (code, recorded)",
            "pcm_prescription_patient ON pcm_prescription (patient_id)",
            "pcm_prescription_atc ON pcm_prescription (atc, authored)",
            "pcm_procedure_patient ON pcm_procedure (patient_id)",
            "pcm_procedure_res ON pcm_procedure (res_id)",
            "pcm_procedure_code ON pcm_procedure (code, performed)",
            "pcm_sick_leave_patient ON pcm_sick_leave (patient_id)",
            "pcm_care_plan_patient ON pcm_care_plan (patient_id)",
            "pcm_patient_gp ON pcm_patient (gp_id)",
            "pcm_service_request_patient ON pcm_service_request (patient_id)",
            "pcm_service_request_res ON pcm_service_request (res_id)"
        }) {
            jdbc.execute("CREATE INDEX IF NOT EXISTS " + index);
        }
    }

    public int storedVersion() {
        var versions = jdbc.queryForList("SELECT val FROM pcm_meta WHERE name = 'version'", Integer.class);
        return versions.isEmpty() ? 0 : versions.get(0);
    }

    public void markBuilt() {
        jdbc.update("DELETE FROM pcm_meta WHERE name = 'version'");
        jdbc.update("INSERT INTO pcm_meta (name, val) VALUES ('version', ?)", VERSION);
    }

    public void clear() {
        for (String table : new String[] {
            "pcm_patient",
            "pcm_diagnosis",
            "pcm_prescription",
            "pcm_procedure",
            "pcm_sick_leave",
            "pcm_care_plan",
            "pcm_service_request",
            "pcm_practitioner"
        }) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
