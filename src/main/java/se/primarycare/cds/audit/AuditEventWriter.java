package se.primarycare.cds.audit;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores batches of access records; one failing record must not take the others with it. */
public class AuditEventWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);

    private final AuditEventStore store;

    public AuditEventWriter(AuditEventStore store) {
        this.store = store;
    }

    public void write(List<AccessRecord> records) {
        try {
            store.insert(records);
        } catch (RuntimeException batchFailure) {
            for (AccessRecord record : records) {
                try {
                    store.insert(List.of(record));
                } catch (RuntimeException e) {
                    log.error("AUDIT GAP: access record could not be stored ({}): {}", e.toString(), record);
                }
            }
        }
    }
}
