package se.primarycare.cds.audit;

import io.micrometer.core.instrument.Timer;
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
    private final BlockingQueue<Queued> queue;
    private final int batchSize;
    private final long lingerMillis;
    private final AtomicLong written = new AtomicLong();
    private final Timer writeLag;
    private volatile boolean running;
    private Thread thread;

    /** A record and when it was queued (monotonic nanos): how far the writer is behind is the write lag. */
    private record Queued(AccessRecord access, long queuedAt) {}

    /** @param writeLag times each record from queued to written (a synchronous fallback write: its own write time) */
    public AuditTrail(AuditEventWriter writer, AuditProperties properties, Timer writeLag) {
        this.writer = writer;
        this.writeLag = writeLag;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.batchSize = properties.batchSize();
        this.lingerMillis = properties.lingerMillis();
    }

    public void record(AccessRecord access) {
        Queued queued = new Queued(access, System.nanoTime());
        if (!running || !queue.offer(queued)) {
            write(List.of(queued));
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
        List<Queued> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
                while (running && queue.size() < batchSize - 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                queue.drainTo(batch, batchSize - 1);
                write(batch);
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
        List<Queued> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
        log.info("Audit trail stopped; {} access records written since start", written.get());
    }

    private void write(List<Queued> batch) {
        writer.write(batch.stream().map(Queued::access).toList());
        long now = System.nanoTime();
        batch.forEach(q -> writeLag.record(now - q.queuedAt(), TimeUnit.NANOSECONDS));
        written.addAndGet(batch.size());
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
