package se.primarycare.cds.audit;

import io.micrometer.core.instrument.Timer;
import org.springframework.context.SmartLifecycle;
import se.primarycare.cds.writebehind.WriteBehindQueue;

/**
 * Takes access records from request threads without making them wait for the database, and writes them as
 * AuditEvents from one background thread, in batches ({@link WriteBehindQueue}: nothing accepted is dropped; a full
 * queue makes the caller write its own record; drained on shutdown before the database closes).
 */
public class AuditTrail implements SmartLifecycle {

    private final WriteBehindQueue<AccessRecord> queue;

    /** @param writeLag times each record from queued to written (a synchronous fallback write: its own write time) */
    public AuditTrail(AuditEventWriter writer, AuditProperties properties, Timer writeLag) {
        this.queue = new WriteBehindQueue<>(
                "audit-writer",
                writer::write,
                properties.queueCapacity(),
                properties.batchSize(),
                properties.lingerMillis(),
                writeLag::record);
    }

    public void record(AccessRecord access) {
        queue.add(access);
    }

    /** Records written so far (tests and the soak report use it to wait for the queue). */
    public long written() {
        return queue.written();
    }

    public int pending() {
        return queue.pending();
    }

    @Override
    public void start() {
        queue.start();
    }

    @Override
    public void stop() {
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    @Override
    public int getPhase() {
        return queue.getPhase();
    }
}
