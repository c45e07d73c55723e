package se.primarycare.cds.measures;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import se.primarycare.cds.measures.core.AgeStratum;
import se.primarycare.cds.measures.core.MeasureDataPort;
import se.primarycare.cds.measures.core.MeasureFacts.BirthCount;
import se.primarycare.cds.measures.core.MeasureFacts.CarePlanRow;
import se.primarycare.cds.measures.core.MeasureFacts.DiagnosisRow;
import se.primarycare.cds.measures.core.MeasureFacts.ListedCount;
import se.primarycare.cds.measures.core.MeasureFacts.ListedPatient;
import se.primarycare.cds.measures.core.MeasureFacts.PatientIdentity;
import se.primarycare.cds.measures.core.MeasureFacts.PractitionerRow;
import se.primarycare.cds.measures.core.MeasureFacts.PrescriptionRow;
import se.primarycare.cds.measures.core.MeasureFacts.ProcedureRow;
import se.primarycare.cds.measures.core.MeasureFacts.ServiceRequestRow;
import se.primarycare.cds.measures.core.MeasureFacts.SickLeaveRow;

/** The indicator core's data, read from the read-model tables with one indexed query per kind of fact. */
public final class JdbcMeasureData implements MeasureDataPort {

    /** Listed = listed at a unit (at this unit when given) and born by the evaluation date. */
    private static final int IN_CHUNK = 500;

    private static final String LISTED =
            " p.active AND p.org_id IS NOT NULL AND (p.birth_date IS NULL OR " + "p.birth_date <= ?) ";

    private final JdbcTemplate jdbc;

    public JdbcMeasureData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ListedCount> listedCounts(String unit, LocalDate listedOn) {
        String age = "CASE WHEN p.birth_date IS NULL THEN NULL WHEN p.birth_date > ? THEN '" + AgeStratum.YOUNG
                + "' ELSE '" + AgeStratum.OLDER + "' END";
        Query q = new Query(
                "SELECT " + age + " AS age_stratum, p.gender AS gender FROM pcm_patient p WHERE" + LISTED,
                listedOn,
                unit);
        q.args.add(0, Date.valueOf(AgeStratum.youngBornAfter(listedOn)));
        return jdbc.query(
                "SELECT age_stratum, gender, COUNT(*) FROM (" + q.sql + ") listed GROUP BY age_stratum, gender",
                (rs, i) -> new ListedCount(rs.getString(1), rs.getString(2), rs.getLong(3)),
                q.args.toArray());
    }

    @Override
    public List<BirthCount> listedByBirthDate(String unit) {
        String sql =
                "SELECT p.birth_date, p.gender, COUNT(*) FROM pcm_patient p WHERE p.active AND p.org_id IS NOT NULL"
                        + (unit == null ? "" : " AND p.org_id = ?") + " GROUP BY p.birth_date, p.gender";
        return jdbc.query(
                sql,
                (rs, i) -> new BirthCount(date(rs, 1), rs.getString(2), rs.getLong(3)),
                unit == null ? new Object[0] : new Object[] {unit});
    }

    @Override
    public List<ListedPatient> listedAmong(String unit, LocalDate listedOn, Collection<String> patientIds) {
        List<String> ids = new ArrayList<>(patientIds);
        List<ListedPatient> found = new ArrayList<>(ids.size());
        // bounded IN lists: PostgreSQL caps bind parameters per statement, and plans stay reusable
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            Query q = new Query(
                    "SELECT p.res_id, p.birth_date, p.gender, p.org_id, p.gp_id FROM pcm_patient p WHERE" + LISTED,
                    listedOn,
                    unit);
            q.sql += " AND p.res_id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            q.args.addAll(chunk);
            found.addAll(jdbc.query(
                    q.sql,
                    (rs, i) -> new ListedPatient(
                            rs.getString(1), date(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5)),
                    q.args.toArray()));
        }
        return found;
    }

    @Override
    public List<String> listedIds(String unit, LocalDate listedOn) {
        Query q = new Query("SELECT p.res_id FROM pcm_patient p WHERE" + LISTED, listedOn, unit);
        return jdbc.queryForList(q.sql, String.class, q.args.toArray());
    }

    @Override
    public List<DiagnosisRow> diagnoses(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> codePrefixes) {
        Query q = new Query(
                        "SELECT x.patient_id, x.res_id, x.code, x.recorded FROM pcm_diagnosis x "
                                + "JOIN pcm_patient p ON p.res_id = x.patient_id WHERE" + LISTED,
                        listedOn,
                        unit)
                .between("x.recorded", from, to)
                .startsWithAny("x.code", codePrefixes);
        return jdbc.query(
                q.sql,
                (rs, i) -> new DiagnosisRow(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4)),
                q.args.toArray());
    }

    @Override
    public List<PrescriptionRow> prescriptions(
            String unit, LocalDate listedOn, LocalDate from, LocalDate to, List<String> atcPrefixes) {
        Query q = new Query(
                        "SELECT x.patient_id, x.res_id, x.status, x.intent, x.authored, x.atc, x.product, "
                                + "x.quantity, x.repeats, x.reason_codes, x.reason_refs FROM pcm_prescription x "
                                + "JOIN pcm_patient p ON p.res_id = x.patient_id WHERE" + LISTED,
                        listedOn,
                        unit)
                .between("x.authored", from, to)
                .startsWithAny("x.atc", atcPrefixes);
        RowMapper<PrescriptionRow> mapper = (rs, i) -> new PrescriptionRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                date(rs, 5),
                rs.getString(6),
                rs.getString(7),
                rs.getBigDecimal(8),
                rs.getInt(9),
                list(rs.getString(10)),
                list(rs.getString(11)));
        return jdbc.query(q.sql, mapper, q.args.toArray());
    }

    @Override
    public List<ProcedureRow> procedures(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        Query q = new Query(
                        "SELECT x.patient_id, x.code, x.status, x.performed FROM pcm_procedure x "
                                + "JOIN pcm_patient p ON p.res_id = x.patient_id WHERE" + LISTED,
                        listedOn,
                        unit)
                .between("x.performed", from, to);
        return jdbc.query(
                q.sql,
                (rs, i) -> new ProcedureRow(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4)),
                q.args.toArray());
    }

    @Override
    public List<SickLeaveRow> sickLeave(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        Query q = new Query(
                "SELECT x.patient_id, x.start_date, x.end_date, x.focus_ids, x.extent FROM pcm_sick_leave x "
                        + "JOIN pcm_patient p ON p.res_id = x.patient_id WHERE" + LISTED,
                listedOn,
                unit);
        if (from != null) {
            q.sql += " AND x.end_date >= ?";
            q.args.add(Date.valueOf(from));
        }
        if (to != null) {
            q.sql += " AND x.start_date <= ?";
            q.args.add(Date.valueOf(to));
        }
        return jdbc.query(
                q.sql,
                (rs, i) -> new SickLeaveRow(
                        rs.getString(1), date(rs, 2), date(rs, 3), list(rs.getString(4)), rs.getBigDecimal(5)),
                q.args.toArray());
    }

    @Override
    public List<CarePlanRow> carePlans(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        Query q = new Query(
                        "SELECT x.patient_id, x.status, x.created, x.category FROM pcm_care_plan x "
                                + "JOIN pcm_patient p ON p.res_id = x.patient_id WHERE" + LISTED,
                        listedOn,
                        unit)
                .between("x.created", from, to);
        return jdbc.query(
                q.sql,
                (rs, i) -> new CarePlanRow(rs.getString(1), rs.getString(2), date(rs, 3), rs.getString(4)),
                q.args.toArray());
    }

    @Override
    public List<ServiceRequestRow> serviceRequests(String unit, LocalDate listedOn, LocalDate from, LocalDate to) {
        Query q = new Query(
                        "SELECT x.patient_id, x.code, x.status, x.authored FROM pcm_service_request x "
                                + "JOIN pcm_patient p ON p.res_id = x.patient_id WHERE" + LISTED,
                        listedOn,
                        unit)
                .between("x.authored", from, to);
        return jdbc.query(
                q.sql,
                (rs, i) -> new ServiceRequestRow(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4)),
                q.args.toArray());
    }

    @Override
    public List<String> unitsOfRegularDoctor(String practitionerId) {
        return jdbc.queryForList(
                "SELECT DISTINCT org_id FROM pcm_patient WHERE gp_id = ? AND active AND org_id IS NOT NULL",
                String.class,
                practitionerId);
    }

    @Override
    public List<PatientIdentity> identities(Collection<String> patientIds) {
        List<String> ids = new ArrayList<>(patientIds);
        List<PatientIdentity> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            found.addAll(jdbc.query(
                    "SELECT res_id, pnr, name FROM pcm_patient WHERE res_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    (rs, i) -> new PatientIdentity(rs.getString(1), rs.getString(2), rs.getString(3)),
                    chunk.toArray()));
        }
        return found;
    }

    @Override
    public List<PractitionerRow> regularDoctors(String unit, LocalDate listedOn) {
        Query q = new Query(
                "SELECT DISTINCT d.res_id, d.hsa_id, d.name FROM pcm_practitioner d "
                        + "JOIN pcm_patient p ON p.gp_id = d.res_id WHERE" + LISTED,
                listedOn,
                unit);
        return jdbc.query(
                q.sql,
                (rs, i) -> new PractitionerRow(rs.getString(1), rs.getString(2), rs.getString(3)),
                q.args.toArray());
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** SQL text and its arguments, built up clause by clause. */
    private static final class Query {
        String sql;
        final List<Object> args = new ArrayList<>();

        Query(String sql, LocalDate listedOn, String unit) {
            this.sql = sql;
            args.add(Date.valueOf(listedOn));
            if (unit != null) {
                this.sql += " AND p.org_id = ?";
                args.add(unit);
            }
        }

        Query between(String column, LocalDate from, LocalDate to) {
            if (from != null) {
                sql += " AND " + column + " >= ?";
                args.add(Date.valueOf(from));
            }
            if (to != null) {
                sql += " AND " + column + " <= ?";
                args.add(Date.valueOf(to));
            }
            return this;
        }

        Query startsWithAny(String column, List<String> prefixes) {
            if (!prefixes.isEmpty()) {
                sql += " AND ("
                        + String.join(
                                " OR ",
                                prefixes.stream().map(p -> column + " LIKE ?").toList()) + ")";
                prefixes.forEach(prefix -> args.add(prefix.replace("%", "").replace("_", "") + "%"));
            }
            return this;
        }
    }
}
