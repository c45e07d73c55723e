package se.primarycare.cds.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log in two narrow tables, written with plain batched INSERTs: an access costs a row, not a FHIR
 * resource write (HAPI's write path indexes ~20 search parameters per AuditEvent, several milliseconds of CPU,
 * which competed with the CDS calls being logged). Served as AuditEvent resources by {@link AuditEventProvider}.
 */
public class AuditEventStore {

    private static final int TEXT = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public AuditEventStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** One stored access with its id. */
    public record Stored(String id, AccessRecord access) {}

    /** What a search of the log asks for; null = no condition. */
    public record Query(String patient, String user, String agentName, Instant from, Instant to, int limit) {}

    public void createTables() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS pccds_audit_event (id VARCHAR(36) PRIMARY KEY, recorded TIMESTAMP "
                + "NOT NULL, user_id VARCHAR(300), hsa_id VARCHAR(64), on_behalf_of VARCHAR(300), client_address "
                + "VARCHAR(64), action CHAR(1), interaction VARCHAR(64), resource_types VARCHAR(500), local_patients "
                + "BOOLEAN, outcome INT, detail VARCHAR(" + TEXT + "))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS pccds_audit_patient (event_id VARCHAR(36) NOT NULL, patient_id "
                + "VARCHAR(64) NOT NULL)");
        for (String index : List.of(
                "pccds_audit_recorded ON pccds_audit_event (recorded)",
                "pccds_audit_user ON pccds_audit_event (user_id, recorded)",
                "pccds_audit_hsa ON pccds_audit_event (hsa_id, recorded)",
                "pccds_audit_patient_id ON pccds_audit_patient (patient_id, event_id)")) {
            jdbc.execute("CREATE INDEX IF NOT EXISTS " + index);
        }
    }

    public void insert(List<AccessRecord> records) {
        List<Object[]> events = new ArrayList<>(records.size());
        List<Object[]> patients = new ArrayList<>();
        for (AccessRecord r : records) {
            String id = UUID.randomUUID().toString();
            events.add(new Object[] {
                id,
                Timestamp.from(r.at()),
                cut(r.user(), 300),
                cut(r.hsaId(), 64),
                cut(r.onBehalfOf(), 300),
                cut(r.clientAddress(), 64),
                r.action(),
                cut(r.interaction(), 64),
                cut(String.join(",", r.resourceTypes()), 500),
                r.localPatients(),
                r.outcome(),
                cut(r.detail(), TEXT)
            });
            r.patients().forEach(p -> patients.add(new Object[] {id, cut(p, 64)}));
        }
        // one transaction: an event is never stored without its patients, and a batch costs one commit
        transactions.executeWithoutResult(status -> insertRows(events, patients));
    }

    private void insertRows(List<Object[]> events, List<Object[]> patients) {
        jdbc.batchUpdate(
                "INSERT INTO pccds_audit_event (id, recorded, user_id, hsa_id, on_behalf_of, client_address, action, "
                        + "interaction, resource_types, local_patients, outcome, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                events);
        if (!patients.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO pccds_audit_patient (event_id, patient_id) VALUES (?,?)", patients);
        }
    }

    public Optional<Stored> read(String id) {
        List<Stored> found = select(" WHERE e.id = ?", List.of(id), 1);
        return found.stream().findFirst();
    }

    /** Newest first. */
    public List<Stored> search(Query query) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (query.patient() != null) {
            where.append(" AND e.id IN (SELECT event_id FROM pccds_audit_patient WHERE patient_id = ?)");
            args.add(query.patient());
        }
        if (query.user() != null) {
            where.append(" AND (e.user_id = ? OR e.on_behalf_of = ?)");
            args.add(query.user());
            args.add(query.user());
        }
        if (query.agentName() != null) {
            where.append(" AND (e.hsa_id = ? OR e.user_id = ? OR e.on_behalf_of = ?)");
            args.add(query.agentName());
            args.add(query.agentName());
            args.add(query.agentName());
        }
        if (query.from() != null) {
            where.append(" AND e.recorded >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND e.recorded <= ?");
            args.add(Timestamp.from(query.to()));
        }
        return select(where.toString(), args, query.limit());
    }

    private List<Stored> select(String where, List<Object> args, int limit) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        List<Stored> events = jdbc.query(
                "SELECT e.id, e.recorded, e.user_id, e.hsa_id, e.on_behalf_of, e.client_address, e.action, "
                        + "e.interaction, e.resource_types, e.local_patients, e.outcome, e.detail FROM "
                        + "pccds_audit_event e" + where + " ORDER BY e.recorded DESC, e.id LIMIT ?",
                (rs, i) -> new Stored(
                        rs.getString(1),
                        new AccessRecord(
                                rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                types(rs.getString(9)),
                                new LinkedHashSet<>(),
                                rs.getBoolean(10),
                                rs.getInt(11),
                                rs.getString(12))),
                all.toArray());
        if (events.isEmpty()) {
            return events;
        }
        Map<String, Stored> byId = events.stream().collect(Collectors.toMap(Stored::id, s -> s));
        jdbc.query(
                "SELECT event_id, patient_id FROM pccds_audit_patient WHERE event_id IN ("
                        + String.join(",", java.util.Collections.nCopies(byId.size(), "?")) + ")",
                rs -> {
                    byId.get(rs.getString(1)).access().patients().add(rs.getString(2));
                },
                byId.keySet().toArray());
        return events;
    }

    private static java.util.Set<String> types(String joined) {
        return joined == null || joined.isBlank()
                ? new LinkedHashSet<>()
                : new LinkedHashSet<>(Arrays.asList(joined.split(",")));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
