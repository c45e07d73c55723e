package se.primarycare.cds.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes access records from request threads without making them wait for the database, and writes them as
 * AuditEvents from one background thread, in batches. Nothing acknowledged here is dropped: a full queue makes the
 * caller write its own record, and on shutdown the queue is drained after the web server has stopped taking
 * requests (this lifecycle stops after it) and before the database is closed.
 */
public class AuditTrail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditEventWriter writer;
    private final BlockingQueue<AccessRecord> queue;
    private final int batchSize;
    private final long lingerMillis;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public AuditTrail(AuditEventWriter writer, AuditProperties properties) {
        this.writer = writer;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.batchSize = properties.batchSize();
        this.lingerMillis = properties.lingerMillis();
    }

    public void record(AccessRecord access) {
        if (!running || !queue.offer(access)) {
            writer.write(List.of(access));
            written.incrementAndGet();
        }
    }

    /** Records written so far (tests and the soak report use it to wait for the queue). */
    public long written() {
        return written.get();
    }

    public int pending() {
        return queue.size();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::drainLoop, "audit-writer");
        thread.setDaemon(false);
        thread.start();
    }

    private void drainLoop() {
        List<AccessRecord> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                AccessRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
                while (running && queue.size() < batchSize - 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                queue.drainTo(batch, batchSize - 1);
                writer.write(batch);
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the writer already fell back to one-by-one writes; what still failed is in the log, loudly
                log.error("Audit events could not be written: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<AccessRecord> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            writer.write(rest);
        }
        log.info("Audit trail stopped; {} access records written since start", written.get() + rest.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops in a higher phase), so no request can still add a record. */
    @Override
    public int getPhase() {
        return 0;
    }
}
