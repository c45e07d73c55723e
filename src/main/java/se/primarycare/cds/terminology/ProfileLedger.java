package se.primarycare.cds.terminology;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the profile loader stored last, per file: the fingerprint of the file's content and the resource version
 * that content became. A start whose file has the same fingerprint, and whose resource is still at that version
 * (nobody changed it through the API), has nothing to store.
 */
final class ProfileLedger {

    /** A file's last stored content and the version of its resource that holds it. */
    record Entry(String fingerprint, String versionId) {}

    private final JdbcTemplate jdbc;

    ProfileLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS pccds_profile_stored ("
                + "file_name VARCHAR(200) PRIMARY KEY, fingerprint VARCHAR(64) NOT NULL, "
                + "version_id VARCHAR(40) NOT NULL)");
    }

    Optional<Entry> last(String fileName) {
        List<Entry> rows = jdbc.query(
                "SELECT fingerprint, version_id FROM pccds_profile_stored WHERE file_name = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2)),
                fileName);
        return rows.stream().findFirst();
    }

    void stored(String fileName, Entry entry) {
        // runs under the start lock, so no other instance writes the same row meanwhile
        int updated = jdbc.update(
                "UPDATE pccds_profile_stored SET fingerprint = ?, version_id = ? WHERE file_name = ?",
                entry.fingerprint(),
                entry.versionId(),
                fileName);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO pccds_profile_stored (file_name, fingerprint, version_id) VALUES (?, ?, ?)",
                    fileName,
                    entry.fingerprint(),
                    entry.versionId());
        }
    }
}
